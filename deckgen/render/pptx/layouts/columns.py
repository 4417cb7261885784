"""``columns``: an optional intro, then side-by-side cards each holding a heading and a body.

Each column is one card (a filled rounded rectangle with its own text frame) in the content
area; heading and body sizes are the largest that fit every card, the same in all columns so
they read as a set. Cards holding only a heading are shorter and centre it.
"""

from __future__ import annotations

from pptx.enum.text import MSO_ANCHOR, PP_ALIGN

from deckgen.layouts import columns as spec
from deckgen.model import Box, Column, ColumnsContent, Para, Slide
from deckgen.render.pptx.context import RenderContext, content_of
from deckgen.render.pptx.shapes import add_card, add_text_box
from deckgen.render.pptx.slides import put_title
from deckgen.render.pptx.text import Style, add_paragraph, prepare_frame, write_text


def render(ctx: RenderContext, slide: Slide) -> None:
    content = content_of(slide, ColumnsContent)
    put_title(ctx)
    plan: spec.ColumnsPlan = ctx.plan().detail
    if plan.intro is not None:
        _intro(ctx, content, plan.intro)
    has_body = plan.has_body
    size = (plan.heading_size, plan.body_size)
    for n, (column, box) in enumerate(zip(content.columns, plan.cards, strict=True), start=1):
        _card(ctx, column, box, size, has_body, n)


def _intro(ctx: RenderContext, content: ColumnsContent, box: Box) -> None:
    """Write the intro into ``box``, above the cards."""
    shape = add_text_box(ctx.shapes, box, name="Intro")
    style = Style(size=spec.INTRO_SIZE, color=ctx.color("text"), font=ctx.font("body"),
                  align=PP_ALIGN.LEFT)
    write_text(shape.text_frame, content.intro, style, inherits_bullets=False)


def _card(ctx: RenderContext, column: Column, box: Box, size: tuple[float, float], has_body: bool, n: int) -> None:
    anchor = MSO_ANCHOR.TOP if has_body else MSO_ANCHOR.MIDDLE
    card = add_card(
        ctx.shapes,
        box,
        ctx.color("surface"),
        name=f"Column {n}",
        radius=spec.RADIUS,
        margins=spec.MARGINS,
        anchor=anchor,
    )
    frame = card.text_frame
    prepare_frame(frame)
    heading = Style(
        size=size[0],
        color=ctx.color("primary"),
        font=ctx.font("heading"),
        bold=True,
        align=PP_ALIGN.LEFT if has_body else PP_ALIGN.CENTER,
    )
    add_paragraph(frame, Para(column.heading), heading, first=True)
    body = Style(size=size[1], color=ctx.color("text"), font=ctx.font("body"), align=PP_ALIGN.LEFT,
                 bullet_color=ctx.color("accent"))
    for i, para in enumerate(column.body):
        space = spec.FIRST_SPACE if i == 0 else spec.BODY_SPACE
        add_paragraph(frame, para, body, space_before=space)
