"""Opening a presentation to import, safely.

Responsibility: tell what a file is before anything parses it, and refuse with one clear line
what deckgen cannot read: not a file, not a zip, an old binary .ppt, a password-protected
(encrypted) file, an OpenDocument (.odp) or Keynote (.key) presentation, a zip bomb (by the
sizes the zip declares, before anything is inflated), a package with no presentation in it,
an XML part with a DOCTYPE. Each refusal is a :class:`~deckgen.errors.BuildError` located at
the file, with the conversion hint where one helps; nothing has been written by then.

A template (.potx), show (.ppsx) or macro-enabled file (.pptm/.potm) is read as a
presentation: only its main content type is rewritten in memory (python-pptx opens
presentations only); macros are never run nor kept, and a warning says so.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from pptx import Presentation
from pptx.presentation import Presentation as PptxPresentation

from deckgen.errors import BuildError, Diagnostic, Diagnostics, SourceLoc
from deckgen.resolve.master import MAX_PARTS, MAX_RATIO, MAX_TOTAL_BYTES, RATIO_FLOOR

MAX_FILE_BYTES = 500 * 1024 * 1024
CONVERT = "soffice --headless --convert-to pptx"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CT = "application/vnd.openxmlformats-officedocument.presentationml."
CT_PRESENTATION = _CT + "presentation.main+xml"
# Main content types read as a presentation: template, show, and their macro-enabled kinds.
READABLE_TYPES = (
    CT_PRESENTATION,
    _CT + "template.main+xml",
    _CT + "slideshow.main+xml",
    "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
    "application/vnd.ms-powerpoint.template.macroEnabled.main+xml",
    "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml",
)
ODP = "application/vnd.oasis.opendocument.presentation"
_RELATIONSHIP = re.compile(r"<Relationship\b[^>]*>")


@dataclass(frozen=True)
class Opened:
    """A presentation python-pptx has opened, with what opening it had to say."""

    prs: PptxPresentation
    path: Path
    label: str  # how messages name the file (as given on the command line)


def refuse(label: str, message: str, hint: str = "") -> BuildError:
    return BuildError([Diagnostic(SourceLoc(label, 1, 1), message, hint=hint)])


def _convert_hint(path: Path) -> str:
    return f"convert it with `{CONVERT} {path.name}` and import the .pptx"


def open_presentation(path: Path, label: str, diags: Diagnostics) -> Opened:
    """Check ``path`` and open it with python-pptx; warnings go to ``diags``; a file that
    cannot be imported raises :class:`BuildError`."""
    if path.is_dir():
        if path.suffix.lower() == ".key" or (path / "Index.zip").exists():
            raise refuse(label, "this is a Keynote presentation (a .key package), not a PowerPoint file",
                         "in Keynote choose File > Export To > PowerPoint, then import the .pptx")
        raise refuse(label, "this is a folder, not a PowerPoint file", "give the path of a .pptx file")
    if not path.is_file():
        raise refuse(label, "no such file", "check the path")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise refuse(label, f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB", "import a smaller file")
    data = path.read_bytes()
    if data[:8] == _OLE:
        raise _ole_refusal(data, path, label)
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        what = "an empty file" if not data else "not a zip archive"
        raise refuse(label, f"not a PowerPoint file ({what})", "give a .pptx, .potx or .pptm file; " + _convert_hint(path)) from None
    with zf:
        names = {i.filename: i for i in infos}
        _check_sizes(infos, label)
        _check_foreign(zf, names, path, label)
        if any(i.flag_bits & 0x1 for i in infos):
            raise refuse(label, "the file is encrypted (password-protected)", "remove the password in PowerPoint (File > Info > Protect) and save it again")
        types = _read(zf, names, "[Content_Types].xml", label)
        main = _main_type(types)
        if main not in READABLE_TYPES:
            what = f"its main part is {main!r}" if main else "it has no presentation part"
            raise refuse(label, f"not a PowerPoint presentation ({what})", "give a .pptx, .potx or .pptm file")
        for name in names:
            if name.endswith((".xml", ".rels")) and b"<!DOCTYPE" in _read(zf, names, name, label)[:4096].upper():
                raise refuse(label, f"part {name!r} declares a DOCTYPE, which PowerPoint never writes", "save the file again from PowerPoint")
        if "macroEnabled" in main or any(n.lower().endswith("vbaproject.bin") for n in names):
            diags.warning(SourceLoc(label, 1, 1), "the file holds macros; they are ignored (never run, never imported)")
        fixed, broken = _without_broken_relationships(zf, infos, label)
        for where, target in broken:
            diags.warning(SourceLoc(label, 1, 1), f"part {where!r} refers to {target!r}, which is not in the file (a broken relationship); what used it is not imported")
        if main != CT_PRESENTATION or fixed:
            data = _rewritten(zf, infos, {**fixed, "[Content_Types].xml": types.replace(main.encode(), CT_PRESENTATION.encode())})
    try:
        prs = Presentation(io.BytesIO(data))
    except (KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise refuse(label, f"the package is broken and cannot be read ({type(exc).__name__}: {exc})",
                     "open it in PowerPoint or LibreOffice and save it again") from None
    return Opened(prs, path, label)


def _ole_refusal(data: bytes, path: Path, label: str) -> BuildError:
    """An OLE compound file is either an encrypted OOXML package or an old binary file."""
    if "EncryptedPackage".encode("utf-16-le") in data:
        return refuse(label, "the file is encrypted (password-protected)",
                      "remove the password in PowerPoint (File > Info > Protect) and save it again as .pptx")
    if "PowerPoint Document".encode("utf-16-le") in data:
        return refuse(label, "this is an old binary PowerPoint file (.ppt), not .pptx", _convert_hint(path))
    return refuse(label, "this is an old binary Office file, not a PowerPoint presentation (.pptx)", _convert_hint(path))


def _check_sizes(infos: list[zipfile.ZipInfo], label: str) -> None:
    """Zip-bomb guard from the central directory alone: nothing is inflated yet, and reads
    stop at the declared size (zipfile checks it), so a lying header cannot get past."""
    if len(infos) > MAX_PARTS:
        raise refuse(label, f"the file has {len(infos)} parts; at most {MAX_PARTS} are read", "this is not an ordinary PowerPoint file")
    total = 0
    for info in infos:
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise refuse(label, f"the file unpacks to more than {MAX_TOTAL_BYTES // (1024 * 1024)} MB (possible zip bomb)",
                         "this is not an ordinary PowerPoint file; save it again from PowerPoint")
        ratio = info.file_size / max(1, info.compress_size)
        if info.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
            raise refuse(label, f"part {info.filename!r} expands {ratio:.0f} times when unpacked (possible zip bomb)",
                         "this is not an ordinary PowerPoint file; save it again from PowerPoint")


def _check_foreign(zf: zipfile.ZipFile, names: dict[str, zipfile.ZipInfo], path: Path, label: str) -> None:
    """OpenDocument and Keynote files are zips too: tell them by their own signatures."""
    if "mimetype" in names:
        mimetype = _read(zf, names, "mimetype", label)[:200].decode("ascii", "replace").strip()
        if mimetype.startswith("application/vnd.oasis.opendocument"):
            kind = "an OpenDocument presentation (.odp)" if mimetype == ODP else f"an OpenDocument file ({mimetype})"
            raise refuse(label, f"this is {kind}, not a PowerPoint file", _convert_hint(path))
    if any(n.startswith("Index/") and n.endswith(".iwa") for n in names) or "Index.zip" in names:
        raise refuse(label, "this is a Keynote presentation (.key), not a PowerPoint file",
                     "in Keynote choose File > Export To > PowerPoint, then import the .pptx")
    if "[Content_Types].xml" not in names:
        raise refuse(label, "not a PowerPoint file (a zip archive without [Content_Types].xml)", "give a .pptx, .potx or .pptm file")


def _read(zf: zipfile.ZipFile, names: dict[str, zipfile.ZipInfo], name: str, label: str) -> bytes:
    try:
        return zf.read(names[name])
    except (zipfile.BadZipFile, OSError, EOFError, KeyError, NotImplementedError) as exc:
        raise refuse(label, f"part {name!r} cannot be unpacked ({exc})", "save the file again from PowerPoint") from None


def _main_type(types: bytes) -> str:
    """The content type of /ppt/presentation.xml, read as text (the part is tiny and has no
    DOCTYPE by then, so a plain scan for its Override is enough)."""
    text = types.decode("utf-8", "replace")
    marker = 'PartName="/ppt/presentation.xml"'
    at = text.find(marker)
    if at < 0:
        return ""
    start = text.rfind("<", 0, at)
    end = text.find(">", at)
    element = text[start:end]
    key = 'ContentType="'
    k = element.find(key)
    return element[k + len(key) : element.find('"', k + len(key))] if k >= 0 else ""


def _without_broken_relationships(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], label: str) -> tuple[dict[str, bytes], list[tuple[str, str]]]:
    """Relationship parts with every internal relationship to a missing part taken out
    (python-pptx cannot open a package that has one), and what was taken out."""
    present = {i.filename for i in infos}
    fixed: dict[str, bytes] = {}
    broken: list[tuple[str, str]] = []
    for info in infos:
        name = info.filename
        if not name.endswith(".rels"):
            continue
        text = zf.read(info).decode("utf-8", "replace")
        folder = posixpath.dirname(posixpath.dirname(name))
        kept = text
        for element in _RELATIONSHIP.findall(text):
            if 'TargetMode="External"' in element:
                continue
            target = _attr(element, "Target")
            part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            if part not in present:
                kept = kept.replace(element, "")
                broken.append((name.replace("_rels/", "").removesuffix(".rels") or "/", target))
        if kept != text:
            fixed[name] = kept.encode("utf-8")
    return fixed, broken


def _attr(element: str, name: str) -> str:
    m = re.search(rf'\b{name}="([^"]*)"', element)
    return m.group(1) if m else ""


def _rewritten(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], replaced: dict[str, bytes]) -> bytes:
    """The package with some parts replaced (in memory)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in infos:
            dst.writestr(info.filename, replaced.get(info.filename) or zf.read(info))
    return out.getvalue()
