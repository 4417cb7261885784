"""Walking the text of a resolved slide: every inline run sequence with where it was written.

Rules about links and text (link-text, link-scheme) look at the same places; this is the one
list of them, so a new layout's text is not forgotten by one rule and seen by another.
"""

from __future__ import annotations

from collections.abc import Iterator

from deckgen.errors import SourceLoc
from deckgen.model import (
    BulletsContent,
    ColumnsContent,
    DiscussionContent,
    Inline,
    OrgChartContent,
    QuestionContent,
    SectionContent,
    Slide,
    TableContent,
    Text,
    TitleContent,
)


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
    """Every inline run sequence the audience sees on ``slide`` (not the notes), located at
    its paragraph where known, else at the slide. Tiles are links by themselves and are
    left to the rules that know them."""
    loc = slide.loc
    if slide.title:
        yield slide.title, loc
    c = slide.content
    texts: list[Text] = []
    if isinstance(c, TitleContent):
        texts += [c.subtitle, c.byline]
    elif isinstance(c, SectionContent):
        texts.append(c.subtitle)
    elif isinstance(c, BulletsContent):
        texts.append(c.body)
    elif isinstance(c, ColumnsContent):
        texts.append(c.intro)
        for column in c.columns:
            yield column.heading, anchored(_first_loc(column.body, loc), slide)
            texts.append(column.body)
    elif isinstance(c, OrgChartContent):
        for node in c.nodes:
            yield node.name, anchored(node.loc, slide)
            texts.append(node.facts)
    elif isinstance(c, DiscussionContent):
        texts.append(c.prompt)
    elif isinstance(c, QuestionContent):
        texts.append(c.question)
    elif isinstance(c, TableContent):
        for cell in c.header:
            yield cell, loc
        for row in c.rows:
            for cell in row:
                yield cell, loc
    for text in texts:
        for para in text:
            yield para.runs, anchored(para.loc, slide)


def all_inlines(slide: Slide) -> Iterator[tuple[Inline, SourceLoc]]:
    """:func:`visible_inlines` and the speaker notes."""
    yield from visible_inlines(slide)
    for para in slide.notes:
        yield para.runs, anchored(para.loc, slide)


def _first_loc(text: Text, default: SourceLoc) -> SourceLoc:
    return next((p.loc for p in text if p.loc is not None), default)
