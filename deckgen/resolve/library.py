"""The slide library: ``content/slides/<name>.md`` files, referenced by name from decks.

A slide whose only field is ``include: other`` is replaced by the slides of ``other.md``;
include cycles are errors that print the chain.
"""

from __future__ import annotations

from pathlib import Path

from deckgen.errors import Diagnostics, SourceLoc, did_you_mean
from deckgen.load import load_slide_file
from deckgen.model import SourceSlide
from deckgen.project import Project

MAX_INCLUDE_DEPTH = 8


class Library:
    """Loads library files once per build and expands includes."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.folder = project.root / "content" / "slides"
        self._cache: dict[Path, tuple[SourceSlide, ...]] = {}

    def names(self) -> list[str]:
        if not self.folder.is_dir():
            return []
        top = [p.stem for p in self.folder.glob("*.md") if not p.name.startswith(".")]
        # One folder level: an imported deck's slides live in content/slides/<deck>/.
        nested = [f"{p.parent.name}/{p.stem}" for p in self.folder.glob("*/*.md") if not p.name.startswith(".") and not p.parent.name.startswith(".")]
        return sorted(top + nested)

    def slides(self, name: str, loc: SourceLoc, diags: Diagnostics, chain: tuple[str, ...] = ()) -> tuple[SourceSlide, ...]:
        """The slides of library file ``name``, includes expanded."""
        if name in chain:
            cycle = " -> ".join([*chain, name])
            diags.error(loc, f"include cycle: {cycle}", "remove one of the includes")
            return ()
        if len(chain) >= MAX_INCLUDE_DEPTH:
            diags.error(loc, f"includes nested more than {MAX_INCLUDE_DEPTH} deep", "flatten the includes")
            return ()
        parts = name.split("/")
        if len(parts) > 2 or "\\" in name or any(not p or p.startswith(".") for p in parts):
            diags.error(loc, f"slide name {name!r} must be a file name in content/slides/ (or one folder below it) without '.md'", "write just the name, e.g. 'roller' or 'regionmote/01-tittel'")
            return ()
        found = Diagnostics()  # locate's generic not-found message, replaced by a better one below
        path = self.project.locate(f"{name}.md", base=self.folder, loc=loc, diags=found, what="slide file")
        if path is None:
            candidate = self.folder / f"{name}.md"
            if candidate.exists() or candidate.is_symlink():
                # There is a file, but locate refused it (a link out of the project, a folder):
                # its reason is the useful message.
                diags.extend(found)
            else:
                diags.error(loc, f"no slide file '{name}' in content/slides/", did_you_mean(name, self.names()))
            return ()
        rel = self.project.rel(path)
        if path not in self._cache:
            self._cache[path] = load_slide_file(path, rel, diags, None)
        out: list[SourceSlide] = []
        for slide in self._cache[path]:
            slide = _with_origin(slide, loc)
            include = slide.fields.get("include")
            if include is not None:
                if len(slide.fields) > 1 or slide.body or slide.heading:
                    diags.error(include.key_loc or include.loc, "a slide with 'include:' may hold nothing else", "put the other content on a slide of its own")
                if not isinstance(include.value, str):
                    diags.error(include.loc, "'include' must be a slide file name", "write include: <name>")
                    continue
                out.extend(self.slides(include.value, _relocate(include.loc, loc), diags, (*chain, name)))
            else:
                out.append(slide)
        return tuple(out)


def _relocate(loc: SourceLoc, included_from: SourceLoc) -> SourceLoc:
    return SourceLoc(loc.path, loc.line, loc.col, included_from)


def _with_origin(slide: SourceSlide, included_from: SourceLoc) -> SourceSlide:
    """Mark where a cached library slide was used, for 'included from' lines in messages."""
    from dataclasses import replace

    return replace(slide, loc=_relocate(slide.loc, included_from))
