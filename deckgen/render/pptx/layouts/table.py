"""``table``: a native table with a header row, sized to fit the content area
(:mod:`deckgen.layouts.table` plans it)."""

from __future__ import annotations

from pptx.enum.text import PP_ALIGN

from deckgen.model import Para, Slide, TableContent
from deckgen.render.pptx.context import RenderContext, content_of
from deckgen.render.pptx.shapes import add_text_box
from deckgen.render.pptx.slides import put_title
from deckgen.render.pptx.tables import draw_table
from deckgen.render.pptx.text import Style, write_text


def render(ctx: RenderContext, slide: Slide) -> None:
    content = content_of(slide, TableContent)
    put_title(ctx)
    plan = ctx.plan()
    for table in plan.tables:
        draw_table(ctx, table)
    for text in plan.texts:  # the text above the table, the caption under it
        intro = text.key == "intro"
        shape = add_text_box(ctx.shapes, text.box, name="Intro" if intro else "Caption")
        style = Style(size=text.paras[0].size, color=ctx.color("text"), font=ctx.font("body"), align=PP_ALIGN.LEFT)
        write_text(shape.text_frame, content.intro if intro else (Para(content.caption),), style, inherits_bullets=False)
