"""``section``: a divider slide with a title and an optional subtitle."""

from __future__ import annotations

from deckgen.model import SectionContent, Slide
from deckgen.render.pptx.context import RenderContext, content_of
from deckgen.render.pptx.slides import fill_text, put_title


def render(ctx: RenderContext, slide: Slide) -> None:
    content = content_of(slide, SectionContent)
    put_title(ctx)
    fill_text(ctx, "subtitle", content.subtitle)
