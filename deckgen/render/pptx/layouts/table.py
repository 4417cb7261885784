"""``table``: a native table with a header row, sized to fit the content area
(:mod:`deckgen.layouts.table` plans it)."""

from __future__ import annotations

from deckgen.model import Slide, TableContent
from deckgen.render.pptx.context import RenderContext, content_of
from deckgen.render.pptx.slides import put_title
from deckgen.render.pptx.tables import draw_table


def render(ctx: RenderContext, slide: Slide) -> None:
    content_of(slide, TableContent)
    put_title(ctx)
    for table in ctx.plan().tables:
        draw_table(ctx, table)
