"""``bullets``: a title and a body of (nested) list items in the master's body placeholder.

Levels become ``a:pPr lvl``, so indents and bullet characters come from the master.
"""

from __future__ import annotations

from deckgen.model import BulletsContent, Slide
from deckgen.render.pptx.context import RenderContext, content_of
from deckgen.render.pptx.slides import fill_text, put_title


def render(ctx: RenderContext, slide: Slide) -> None:
    content = content_of(slide, BulletsContent)
    put_title(ctx)
    fill_text(ctx, "body", content.body)
