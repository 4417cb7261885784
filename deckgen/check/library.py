"""``unused-slide``: slide files in the library (``content/slides/``) that no deck uses.

A deck uses a library file through ``use:`` in its slide list (also inside ``override:``),
and a used file uses the files it ``include:``s. Files no deck in ``content/decks/`` reaches
are reported once each, at line 1 of the file, as warnings: they may be drafts, but often they
are slides someone edited expecting to see the change in a deck.

The rule needs the project; without one (a deck checked on its own) it says nothing, and it
says nothing either when a deck file cannot be loaded (its slides would look unused).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from deckgen.check.context import CheckContext
from deckgen.errors import Diagnostic, Diagnostics, SourceLoc
from deckgen.load import load_deck, load_slide_file
from deckgen.model import SlideRef

DECK_SUFFIXES = (".yaml", ".yml")


def unused_slide(ctx: CheckContext) -> Iterator[Diagnostic]:
    """Library slide files that no deck uses."""
    if ctx.project is None:
        return
    for rel in unused_slide_files(ctx.project.root, _stamp(ctx.project.root)):
        name = Path(rel).stem
        yield Diagnostic(
            SourceLoc(rel, 1, 1), f"slide file '{Path(rel).name}' is not used by any deck in "
            "content/decks/", "warning",
            f"use it in a deck ('- use: {name}') or delete it", "unused-slide")


def _stamp(root: Path) -> tuple[tuple[str, int, int], ...]:
    """Names, sizes and times of the files the answer depends on (the cache key)."""
    out = []
    for folder in (root / "content" / "decks", root / "content" / "slides"):
        if folder.is_dir():
            for path in sorted(folder.iterdir()):
                if path.is_file():
                    st = path.stat()
                    out.append((path.as_posix(), st.st_size, st.st_mtime_ns))
    return tuple(out)


@lru_cache(maxsize=8)
def unused_slide_files(root: Path, _stamp: tuple[tuple[str, int, int], ...]) -> tuple[str, ...]:
    """Project-relative paths of the unused library files, sorted; () when unsure."""
    slides_dir = root / "content" / "slides"
    decks_dir = root / "content" / "decks"
    if not slides_dir.is_dir():
        return ()
    library = {p.stem: p for p in sorted(slides_dir.glob("*.md")) if p.is_file() and not p.name.startswith(".")}
    used: set[str] = set()
    decks = sorted(p for p in decks_dir.glob("*") if p.suffix.lower() in DECK_SUFFIXES) if (
        decks_dir.is_dir()) else []
    for deck_path in decks:
        diags = Diagnostics()
        src = load_deck(deck_path, f"content/decks/{deck_path.name}", diags)
        if src is None or diags.errors:
            return ()  # a deck we cannot read may use any of them
        for ref in src.slides:
            used.update(_uses(ref))
    _follow_includes(used, library)
    return tuple(f"content/slides/{path.name}" for name, path in sorted(library.items())
                 if name not in used)


def _uses(ref: SlideRef) -> Iterator[str]:
    if ref.use:
        yield ref.use
    for other in ref.override.values():
        yield from _uses(other)


def _follow_includes(used: set[str], library: dict[str, Path]) -> None:
    """Add the files that used files include, transitively."""
    todo = [name for name in used if name in library]
    seen: set[str] = set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for slide in load_slide_file(library[name], f"content/slides/{name}.md", Diagnostics(),
                                     None):
            include = slide.fields.get("include")
            if include is not None and isinstance(include.value, str):
                used.add(include.value)
                if include.value in library:
                    todo.append(include.value)
