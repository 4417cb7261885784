"""Self-check of a rendered .pptx: the package-level promises PowerPoint is strict about.

Responsibility: read a rendered package back with zipfile and lxml only (never python-pptx,
which wrote it and would forgive its own mistakes) and list every structural problem that makes
PowerPoint offer to "repair" a file:

- the zip reads back: every member inflates with a good CRC, no name twice, no absolute or
  ``..`` names;
- every XML part is well-formed, declares no DOCTYPE, and holds no character XML or
  PowerPoint refuses (C0/C1 controls other than tab and line ends, U+FFFE, U+FFFF);
- every internal relationship target is a part of the package; relationship ids are unique per
  ``.rels`` part, and every ``r:id``/``r:embed``/``r:link`` in a part names one of its
  relationships;
- ``[Content_Types].xml`` gives every part a content type (a ``Default`` by extension or an
  ``Override`` by name), and no ``Override`` names a part that is not there;
- shape ids (``cNvPr/@id``) are unique within each slide, layout, master and notes slide.

:func:`check_pptx` returns the problems as text; :func:`verify_pptx` raises ``RuntimeError``
on any: a failed self-check is a bug in deckgen, not a content problem, so it keeps its
traceback and is never shown as a located diagnostic.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Iterator

from lxml import etree

CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CONTENT_TYPES = "[Content_Types].xml"

# XML 1.0 forbids C0 controls other than tab, LF and CR, and U+FFFE/U+FFFF; C1 controls are
# legal XML but PowerPoint refuses a text run that holds one.
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
# Parts whose shapes share one id space (ECMA-376 Part 1, 19.3.1.12: unique within a slide).
_SHAPE_PARTS = re.compile(r"^ppt/(slides|slideLayouts|slideMasters|notesSlides|notesMasters)/")
_XML_SUFFIXES = (".xml", ".rels", ".vml")
MAX_PROBLEMS = 50  # a broken renderer repeats itself; the first ones are what matter


def verify_pptx(data: bytes, name: str = "deck.pptx") -> None:
    """Raise ``RuntimeError`` listing the problems :func:`check_pptx` finds in ``data``."""
    problems = check_pptx(data)
    if problems:
        listing = "\n  ".join(problems)
        raise RuntimeError(f"self-check of {name} failed (a deckgen bug):\n  {listing}")


def check_pptx(data: bytes) -> list[str]:
    """Every structural problem of the package in ``data``, as ``part: problem`` lines."""
    problems: list[str] = []
    try:
        parts = _read_zip(data, problems)
    except zipfile.BadZipFile as exc:
        return [f"the package is not a readable zip ({exc})"]
    if parts is None:
        return problems
    trees = _parse_parts(parts, problems)
    _check_content_types(parts, trees, problems)
    _check_relationships(parts, trees, problems)
    _check_shape_ids(trees, problems)
    return problems[:MAX_PROBLEMS]


# --------------------------------------------------------------------------- zip and XML


def _read_zip(data: bytes, problems: list[str]) -> dict[str, bytes] | None:
    """Part name (no leading slash) -> bytes; None when the zip cannot be read at all."""
    parts: dict[str, bytes] = {}
    seen_lower: set[str] = set()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for info in zf.infolist():
            name = info.filename
            if name.startswith("/") or ".." in name.split("/") or "\\" in name:
                problems.append(f"{name}: part name is absolute or leaves the package")
            if name.lower() in seen_lower:
                # OPC part names compare case-insensitively (Part 2, 9.1.1.1.1).
                problems.append(f"{name}: part name occurs twice")
            seen_lower.add(name.lower())
            if name.endswith("/"):
                continue  # a folder entry; carries no part
            try:
                parts[name] = zf.read(info)
            except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as exc:
                problems.append(f"{name}: does not read back from the zip ({exc})")
    if CONTENT_TYPES not in parts:
        problems.append(f"{CONTENT_TYPES}: missing")
        return None
    return parts


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def _parse_parts(parts: dict[str, bytes], problems: list[str]) -> dict[str, etree._Element]:
    trees: dict[str, etree._Element] = {}
    parser = _parser()
    for name, body in sorted(parts.items()):
        if not name.lower().endswith(_XML_SUFFIXES):
            continue
        try:
            tree = etree.parse(io.BytesIO(body), parser)
        except etree.XMLSyntaxError as exc:
            problems.append(f"{name}: not well-formed XML ({exc.msg})")
            continue
        if tree.docinfo.doctype:
            problems.append(f"{name}: declares a DOCTYPE")
        root = tree.getroot()
        trees[name] = root
        bad = _first_bad_char(root) if _may_hold_bad_chars(body) else ""
        if bad:
            problems.append(f"{name}: control character U+{ord(bad):04X} in text")
    return trees


def _may_hold_bad_chars(body: bytes) -> bool:
    """False when no text or attribute of the part can hold a forbidden character: its UTF-8
    source has none and no character reference that could make one. The exact walk of
    :func:`_first_bad_char` runs only when this says True (a few parts, if any)."""
    try:
        source = body.decode("utf-8")
    except UnicodeDecodeError:
        return True  # another encoding: let the walk over the parsed tree decide
    return "&#" in source or _BAD_CHARS.search(source) is not None


def _first_bad_char(root: etree._Element) -> str:
    """The first forbidden character in any text, tail or attribute value, or ''."""
    for el in root.iter():
        for value in (el.text, el.tail, *el.attrib.values()):
            if value:
                found = _BAD_CHARS.search(value)
                if found:
                    return found.group()
    return ""


# --------------------------------------------------------------------------- content types


def _check_content_types(
    parts: dict[str, bytes], trees: dict[str, etree._Element], problems: list[str]
) -> None:
    types = trees.get(CONTENT_TYPES)
    if types is None:
        return  # unparsable: already reported
    defaults = {
        (el.get("Extension") or "").lower() for el in types.iter(f"{{{CT_NS}}}Default")
    }
    overrides = {
        (el.get("PartName") or "").lstrip("/").lower() for el in types.iter(f"{{{CT_NS}}}Override")
    }
    present = {name.lower() for name in parts}
    for name in sorted(parts):
        if name == CONTENT_TYPES:
            continue
        # Not posixpath.splitext: it gives '_rels/.rels' no extension at all.
        base = posixpath.basename(name)
        ext = base.rsplit(".", 1)[1].lower() if "." in base else ""
        if name.lower() not in overrides and ext not in defaults:
            problems.append(f"{name}: no content type in {CONTENT_TYPES}")
    for missing in sorted(overrides - present):
        problems.append(f"{CONTENT_TYPES}: Override names /{missing}, which is not in the package")


# --------------------------------------------------------------------------- relationships


def _source_of(rels_name: str) -> str:
    """``ppt/slides/_rels/slide1.xml.rels`` -> ``ppt/slides/slide1.xml``; ``_rels/.rels`` -> ''."""
    folder, file = posixpath.split(rels_name)
    owner_dir = posixpath.dirname(folder)
    return posixpath.join(owner_dir, file[: -len(".rels")]) if file != ".rels" else owner_dir


def _resolve(source: str, target: str) -> str:
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    base = posixpath.dirname(source)
    return posixpath.normpath(posixpath.join(base, target))


def _check_relationships(
    parts: dict[str, bytes], trees: dict[str, etree._Element], problems: list[str]
) -> None:
    present = {name.lower() for name in parts}
    ids_of: dict[str, set[str]] = {}
    for rels_name, root in sorted(trees.items()):
        if not rels_name.endswith(".rels"):
            continue
        source = _source_of(rels_name)
        if source and source.lower() not in present:
            problems.append(f"{rels_name}: relationships of a part that is not in the package")
        ids: set[str] = set()
        for rel in root.iter(f"{{{REL_NS}}}Relationship"):
            rid = rel.get("Id") or ""
            if rid in ids:
                problems.append(f"{rels_name}: relationship id {rid!r} occurs twice")
            ids.add(rid)
            if rel.get("TargetMode") == "External":
                continue
            target = _resolve(source, rel.get("Target") or "")
            if target.lower() not in present:
                problems.append(f"{rels_name}: {rid} points to /{target}, which is not in the package")
        ids_of[source] = ids
    for name, root in sorted(trees.items()):
        if name.endswith(".rels") or name == CONTENT_TYPES:
            continue
        known = ids_of.get(name, set())
        for rid in _r_refs(root):
            if rid not in known:
                problems.append(f"{name}: r:id {rid!r} has no relationship")


# Values of attributes in the relationships namespace (r:id, r:embed, r:link, …), in one
# pass of libxml2's own.
_R_REFS = etree.XPath("//@*[namespace-uri() = $ns]")


def _r_refs(root: etree._Element) -> Iterator[str]:
    """Values of attributes in the relationships namespace (r:id, r:embed, r:link, …)."""
    for value in _R_REFS(root, ns=R_NS):
        if value:
            yield str(value)


# --------------------------------------------------------------------------- shape ids


def _check_shape_ids(trees: dict[str, etree._Element], problems: list[str]) -> None:
    for name, root in sorted(trees.items()):
        if not _SHAPE_PARTS.match(name) or name.endswith(".rels"):
            continue
        seen: set[str] = set()
        reported: set[str] = set()
        for el in root.iter("{*}cNvPr"):  # in any namespace, or none
            sid = el.get("id") or ""
            if sid in seen and sid not in reported:
                problems.append(f"{name}: shape id {sid} is used by more than one shape")
                reported.add(sid)
            seen.add(sid)
