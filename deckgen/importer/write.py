"""The imported content as files: slide Markdown, the deck, county data, pictures.

Responsibility: render :class:`~deckgen.importer.recognise.Imported` slides as the slide
files of docs/content.md (front matter naming the layout and its fields, the Markdown body,
notes in a ``::: notes`` block), the deck file that lists them, and write every file under
the target folder only: nothing outside it (paths are made here from slugs, and each target
is checked after resolving links), nothing existing overwritten unless ``force`` (the files
that would be are listed), each file written to a temporary name beside it and swapped in.
The same import gives the same bytes.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from deckgen.errors import BuildError, Diagnostic, OutputError, SourceLoc
from deckgen.importer.imported import Imported
from deckgen.importer.names import slug
from deckgen.load.yamlsrc import dump_yaml

DECK_KEYS = ("title", "subtitle", "author", "brand", "lang", "keywords")


@dataclass(frozen=True)
class Entry:
    """One line of the deck's slide list."""

    use: str
    only: tuple[str, ...] = ()
    hidden: bool = False


def slide_file_name(n: int, imp: Imported, width: int = 2) -> str:
    first = imp.title_text or imp.body.split("\n", 1)[0] or str(imp.fields.get("alt", ""))
    base = slug(first.replace("{{", " ").replace("}}", " ")) or imp.layout
    return f"{n:0{width}d}-{base}"


def slide_markdown(imp: Imported, asset_prefix: str) -> str:
    """One slide file: front matter, body, notes."""
    fields = dict(imp.fields)
    if imp.asset is not None and "image" in fields:
        fields["image"] = f"{asset_prefix}{fields['image']}"
    parts = ["---\n" + dump_yaml(fields) + "---\n"]
    if imp.body:
        parts.append("\n" + imp.body.rstrip("\n") + "\n")
    if imp.notes:
        parts.append("\n::: notes\n" + imp.notes.rstrip("\n") + "\n:::\n")
    return "".join(parts)


def deck_yaml(meta: dict[str, Any], entries: list[Entry], comment: str) -> str:
    """The deck file: its settings, then the slide list (hidden slides commented out)."""
    settings = {k: meta[k] for k in (*DECK_KEYS, "counties") if meta.get(k)}
    if "title" not in settings:
        settings["title"] = "Imported deck"
    lines = [f"# {comment}\n", dump_yaml(settings), "slides:\n"]
    for e in entries:
        if e.only:
            item = dump_yaml([{"use": e.use, "only": list(e.only)}])
            item = "".join("  " + line + "\n" for line in item.splitlines())
        else:
            item = "  " + dump_yaml([e.use]).strip() + "\n"
        if e.hidden:
            item = "".join("  # " + line[2:] + "\n" for line in item.splitlines())
            item = item.rstrip("\n") + "  (hidden in PowerPoint)\n"
        lines.append(item)
    return "".join(lines)


def plan_slides(slides: list[Imported], name: str) -> tuple[dict[str, bytes], list[str]]:
    """The slide files and pictures of ``slides`` in content/slides/<name>/ and
    assets/<name>/; returns the files and each slide's library name, in order."""
    files: dict[str, bytes] = {}
    uses: list[str] = []
    width = max(2, len(str(len(slides))))
    taken: set[str] = set()
    for n, imp in enumerate(slides, start=1):
        stem = slide_file_name(n, imp, width)
        while stem in taken:
            stem += "-b"
        taken.add(stem)
        if imp.asset is not None:
            files[f"assets/{name}/{imp.asset[0]}"] = imp.asset[1]
        files[f"content/slides/{name}/{stem}.md"] = slide_markdown(imp, f"../../../assets/{name}/").encode("utf-8")
        uses.append(f"{name}/{stem}")
    return files, uses


# --------------------------------------------------------------------------- writing


def _inside(root: Path, rel: str) -> Path:
    target = (root / rel).resolve()
    if not target.is_relative_to(root):
        raise OutputError(f"refusing to write {rel}: it would land outside {root.name}/ (a link out of the folder)")
    return target


def existing(files: dict[str, bytes], into: Path) -> list[str]:
    """The planned files that exist already (those an import would overwrite)."""
    root = into.resolve()
    return [rel for rel in sorted(files) if _inside(root, rel).exists()]


def write_files(files: dict[str, bytes], into: Path, force: bool, label: str) -> list[str]:
    """Write ``files`` under ``into``; returns the ones that were overwritten. Without
    ``force`` an existing file stops everything before anything is written."""
    root = into.resolve()
    clash = existing(files, into)
    if clash and not force:
        listing = ", ".join(clash[:12]) + (f" and {len(clash) - 12} more" if len(clash) > 12 else "")
        raise BuildError([Diagnostic(SourceLoc(label, 1, 1), f"the import would overwrite {len(clash)} existing file{'s' * (len(clash) != 1)}: {listing}",
                                     hint="pass --force to replace them, --name to import under another name, or --into another folder")])
    for rel in sorted(files):
        target = _inside(root, rel)
        target.parent.mkdir(parents=True, exist_ok=True)
        _inside(root, rel)  # the folders just made cannot lead outside either
        fd, tmp = tempfile.mkstemp(prefix=".deckgen-import-", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(files[rel])
            os.chmod(tmp, 0o644)
            os.replace(tmp, target)
        except OSError as exc:
            Path(tmp).unlink(missing_ok=True)
            raise OutputError(f"cannot write {rel}: {exc.strerror or exc}") from None
    return clash
