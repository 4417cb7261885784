"""``question``: one question, large, in the master's question placeholder (its title)."""

from __future__ import annotations

from deckgen.model import QuestionContent, Slide
from deckgen.render.pptx.context import RenderContext, content_of
from deckgen.render.pptx.slides import fill_text


def render(ctx: RenderContext, slide: Slide) -> None:
    content = content_of(slide, QuestionContent)
    fill_text(ctx, "question", content.question)
