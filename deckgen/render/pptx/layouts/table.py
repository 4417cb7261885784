"""``table``: a native table with a header row, sized to fit the content area."""

from __future__ import annotations

from deckgen.model import Slide, TableContent
from deckgen.render.pptx.context import RenderContext, content_of
from deckgen.render.pptx.slides import put_title
from deckgen.render.pptx.tables import TableSpec, draw_table


def render(ctx: RenderContext, slide: Slide) -> None:
    content = content_of(slide, TableContent)
    put_title(ctx)
    area = ctx.take_area()
    width = max([len(content.header), *(len(r) for r in content.rows)], default=0)
    if width == 0:
        return
    pad = ((),)  # short rows are padded with empty cells so every row has every column
    header = tuple(content.header) + pad * (width - len(content.header))
    rows = [tuple(row) + pad * (width - len(row)) for row in content.rows]
    draw_table(ctx, area, TableSpec(header=header, rows=rows), name="Table")
