"""``columns``: an optional intro, then side-by-side cards each holding a heading and a body.

Each column is one card (a filled rounded rectangle with its own text frame) in the content
area; heading and body sizes are the largest that fit every card, the same in all columns so
they read as a set. Cards holding only a heading are shorter and centre it.
"""

from __future__ import annotations

from collections.abc import Sequence

from pptx.enum.text import MSO_ANCHOR, PP_ALIGN

from deckgen.model import Box, Column, ColumnsContent, Para, Slide, plain
from deckgen.render.pptx.context import RenderContext, content_of
from deckgen.render.pptx.shapes import (
    add_card,
    add_text_box,
    inches,
    split,
    take_top,
    text_area,
)
from deckgen.render.pptx.slides import put_title
from deckgen.render.pptx.text import (
    Line,
    Style,
    add_paragraph,
    block_height,
    fits,
    largest_fitting,
    para_lines,
    prepare_frame,
    size_steps,
    words_fit,
    write_text,
)

GAP = inches(0.3)
PAD = inches(0.2)
HEADING_ONLY_HEIGHT = inches(2.2)
BODY_SPACE = 6.0  # points between paragraphs
RADIUS = 0.08
MARGINS = (PAD, PAD, PAD, PAD)


def render(ctx: RenderContext, slide: Slide) -> None:
    content = content_of(slide, ColumnsContent)
    put_title(ctx)
    area = ctx.take_area()
    if content.intro:
        area = _intro(ctx, content, area)
    cells = split(area, max(len(content.columns), 1), GAP)
    inner = text_area(cells[0], MARGINS, RADIUS)
    size = sizes(content.columns, inner)
    frame = cells[0].cy - inner.cy  # insets above and below the text
    needed = max(block_height(_lines(c, size), inner.cx) for c in content.columns) + frame
    has_body = any(c.body for c in content.columns)
    height = min(area.cy, needed if has_body else max(needed, HEADING_ONLY_HEIGHT))
    # Cards with bodies start under the title; a row of headings alone sits mid-area.
    top = area.y if has_body else area.y + (area.cy - height) // 2
    for n, (column, cell) in enumerate(zip(content.columns, cells, strict=False), start=1):
        _card(ctx, column, Box(cell.x, top, cell.cx, height), size, has_body, n)


def sizes(columns: Sequence[Column], inner: Box) -> tuple[float, float]:
    """(heading, body) sizes in points: the largest heading whose words fit the card width,
    then the largest body with which every card fits. A long single word in a heading
    ("Arbeidsgiverorganisasjon") limits the heading only, not the body."""
    for heading in size_steps(28, 14):
        if not all(words_fit([Line(plain(c.heading), heading, bold=True)], inner.cx) for c in columns):
            continue
        body = largest_fitting(
            size_steps(min(20.0, heading - 2), 11),
            lambda b, h=heading: all(fits(_lines(c, (h, b)), inner.cx, inner.cy) for c in columns),
        )
        if all(fits(_lines(c, (heading, body)), inner.cx, inner.cy) for c in columns):
            return (heading, body)
    return (14.0, 11.0)


def _lines(column: Column, size: tuple[float, float]) -> list[Line]:
    heading, body_size = size
    lines = [Line(plain(column.heading), heading, bold=True)]
    body = para_lines(column.body, body_size, space_before=BODY_SPACE, bullets=True)
    if body:
        body[0] = Line(body[0].text, body[0].size, body[0].bold, body[0].indent, BODY_SPACE * 1.5)
    return lines + body


def _intro(ctx: RenderContext, content: ColumnsContent, area: Box) -> Box:
    """Write the intro above the cards; returns the area left for them."""
    size = 20.0
    height = block_height(para_lines(content.intro, size, bullets=True), area.cx)
    top, rest = take_top(area, height + inches(0.1), GAP)
    box = add_text_box(ctx.shapes, top, name="Intro")
    write_text(
        box.text_frame,
        content.intro,
        Style(size=size, color=ctx.color("text"), font=ctx.font("body"), align=PP_ALIGN.LEFT),
        inherits_bullets=False,
    )
    return rest


def _card(ctx: RenderContext, column: Column, box: Box, size: tuple[float, float], has_body: bool, n: int) -> None:
    anchor = MSO_ANCHOR.TOP if has_body else MSO_ANCHOR.MIDDLE
    card = add_card(
        ctx.shapes,
        box,
        ctx.color("surface"),
        name=f"Column {n}",
        radius=RADIUS,
        margins=MARGINS,
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
    body = Style(size=size[1], color=ctx.color("text"), font=ctx.font("body"), align=PP_ALIGN.LEFT)
    for i, para in enumerate(column.body):
        space = BODY_SPACE * 1.5 if i == 0 else BODY_SPACE
        add_paragraph(frame, para, body, space_before=space)
