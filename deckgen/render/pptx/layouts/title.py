"""``title``: the deck's opening slide -- title, subtitle and a byline (meeting, place, date)."""

from __future__ import annotations

from deckgen.model import Slide, TitleContent
from deckgen.render.pptx.context import RenderContext, content_of
from deckgen.render.pptx.slides import fill_text, put_title


def render(ctx: RenderContext, slide: Slide) -> None:
    content = content_of(slide, TitleContent)
    put_title(ctx)
    fill_text(ctx, "subtitle", content.subtitle)
    fill_text(ctx, "byline", content.byline)
