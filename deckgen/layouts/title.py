"""``title``: the deck's opening slide -- title, subtitle and a byline (meeting, place, date)."""

from __future__ import annotations

from deckgen.errors import Diagnostics
from deckgen.layouts.common import para
from deckgen.layouts.fields import TEXT
from deckgen.layouts.spec import BuildInput, LayoutSpec, Measured, Seen, texts_of, title_measured
from deckgen.model import Run, Slide, TitleContent


def build(inp: BuildInput, diags: Diagnostics) -> list[Slide]:
    """The title falls back to the deck's title, the subtitle to the body or the deck's
    subtitle, the byline to the meeting line resolve composed."""
    title = inp.title(diags) or (Run(inp.deck_title),)
    # A field written empty (`byline: ""`) means none, not the deck's default.
    subtitle = inp.block("subtitle", diags) if "subtitle" in inp.fields else inp.body or (para(inp.deck_subtitle) if inp.deck_subtitle else ())
    byline = inp.block("byline", diags) if "byline" in inp.fields else (para(inp.byline) if inp.byline else ())
    return [inp.slide(title, TitleContent(subtitle, byline))]


def measured(slide: Slide, lang: str) -> list[Measured]:
    c = slide.content
    assert isinstance(c, TitleContent)
    return [*title_measured(slide),
            Measured("subtitle", c.subtitle, "subtitle", "shorten the subtitle"),
            Measured("byline", c.byline, "byline", "shorten the meeting, place and date line")]


def visible(slide: Slide) -> list[Seen]:
    c = slide.content
    assert isinstance(c, TitleContent)
    return texts_of(c.subtitle, c.byline)


SPEC = LayoutSpec(
    name="title",
    content=TitleContent,
    summary="the opening slide: title, subtitle and a byline (meeting, place, date)",
    fields={"subtitle": TEXT, "byline": TEXT},
    build=build,
    roles=("title", "subtitle", "byline"),
    required_roles=("title",),
    measured=measured,
    visible=visible,
    tone="dark",
    footer=False,
)
