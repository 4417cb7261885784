"""``section``: a divider slide with a title and an optional subtitle."""

from __future__ import annotations

from deckgen.errors import Diagnostics
from deckgen.layouts.fields import TEXT
from deckgen.layouts.spec import BuildInput, LayoutSpec, Measured, Seen, texts_of, title_measured
from deckgen.model import SectionContent, Slide


def build(inp: BuildInput, diags: Diagnostics) -> list[Slide]:
    return [inp.slide(inp.title(diags), SectionContent(inp.block("subtitle", diags) or inp.body))]


def measured(slide: Slide, lang: str) -> list[Measured]:
    c = slide.content
    assert isinstance(c, SectionContent)
    return [*title_measured(slide), Measured("subtitle", c.subtitle, "subtitle", "shorten the subtitle")]


def visible(slide: Slide) -> list[Seen]:
    c = slide.content
    assert isinstance(c, SectionContent)
    return texts_of(c.subtitle)


SPEC = LayoutSpec(
    name="section",
    content=SectionContent,
    summary="a divider: a title and an optional subtitle",
    fields={"subtitle": TEXT},
    build=build,
    roles=("title", "subtitle"),
    required_roles=("title",),
    measured=measured,
    visible=visible,
    tone="dark",
    footer=False,
)
