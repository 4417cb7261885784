"""Walking the text of a resolved slide: every inline run sequence with where it was written.

Rules about links and text (link-text, link-scheme) look at the same places: the texts each
layout's spec lists (:attr:`deckgen.layouts.spec.LayoutSpec.visible`), so a new layout's text
is not forgotten by one rule and seen by another.
"""

from __future__ import annotations

from collections.abc import Iterator

from deckgen.errors import SourceLoc
from deckgen.layouts import REGISTRY
from deckgen.model import Inline, Slide


def anchored(loc: SourceLoc | None, slide: Slide) -> SourceLoc:
    """``loc`` (a paragraph's, a picture's) with the slide's include chain when it is in the
    slide's own file, so a finding shows which deck entry brought the slide in, as the
    slide's own location does; the slide's location when ``loc`` is None."""
    if loc is None:
        return slide.loc
    if loc.included_from is None and loc.path == slide.loc.path:
        return SourceLoc(loc.path, loc.line, loc.col, slide.loc.included_from)
    return loc


def visible_inlines(slide: Slide) -> Iterator[tuple[Inline, SourceLoc]]:
    """Every inline run sequence the audience sees on ``slide`` (not the notes): its title,
    then what its layout's spec lists (``visible``), located at its paragraph where known,
    else at the slide."""
    if slide.title:
        yield slide.title, slide.loc
    for inline, loc in REGISTRY[slide.layout].visible(slide):
        yield inline, anchored(loc, slide)


def all_inlines(slide: Slide) -> Iterator[tuple[Inline, SourceLoc]]:
    """:func:`visible_inlines` and the speaker notes."""
    yield from visible_inlines(slide)
    for para in slide.notes:
        yield para.runs, anchored(para.loc, slide)
