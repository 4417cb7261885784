"""Native tables: a header row and body rows, as the layout's plan places them.

Responsibility: the one table drawer the ``roster`` and ``table`` layouts share. Widths, row
heights and the font size are the plan's (:mod:`deckgen.layouts.tables`, shared with the
reveal.js renderer and ``check``). The header row is filled with the brand's primary colour;
emphasised rows (a roster's leader and deputy) are bold on the surface colour.
"""

from __future__ import annotations

from typing import Any

from pptx.enum.text import PP_ALIGN

from deckgen.layouts import PlanTable
from deckgen.layouts.tables import CELL_MARGIN_X, CELL_MARGIN_Y
from deckgen.render.pptx.context import RenderContext
from deckgen.render.pptx.shapes import add_table, set_row_heights, style_cell
from deckgen.render.pptx.text import Style, write_inline


def draw_table(ctx: RenderContext, plan: PlanTable) -> Any:
    """Draw ``plan`` as a native table at the top of its box; returns the graphic frame."""
    frame = add_table(ctx.shapes, plan.box, len(plan.rows) + 1, plan.widths, plan.heights[0], name=plan.name)
    table = frame.table
    set_row_heights(frame, plan.heights)
    done: dict[Any, Any] = {}  # cell looks written once per table, copied after that
    _fill_header(ctx, table, plan, done)
    _fill_body(ctx, table, plan, done)
    return frame


def _fill_header(ctx: RenderContext, table: Any, plan: PlanTable, done: dict[Any, Any]) -> None:
    style = Style(size=plan.size, color=ctx.color("on_primary"), font=ctx.font("heading"), bold=True)
    for col, inline in enumerate(plan.header):
        cell = table.cell(0, col)
        style_cell(cell, fill=ctx.color("primary"), rule=None, margins=(CELL_MARGIN_X, CELL_MARGIN_Y), done=done)
        write_inline(cell.text_frame, inline, style, cell=True)
        _align(cell, plan, col)


def _fill_body(ctx: RenderContext, table: Any, plan: PlanTable, done: dict[Any, Any]) -> None:
    for r, row in enumerate(plan.rows, start=1):
        strong = r - 1 < len(plan.emphasis) and plan.emphasis[r - 1]
        style = Style(size=plan.size, color=ctx.color("text"), font=ctx.font("body"), bold=strong)
        # Emphasised rows are filled with the surface colour, so their rule is the
        # background's: two officers' rows stay apart.
        fill = ctx.color("surface") if strong else ctx.color("background")
        rule = ctx.color("background") if strong else ctx.color("surface")
        for col, inline in enumerate(row):
            cell = table.cell(r, col)
            style_cell(cell, fill=fill, rule=rule, margins=(CELL_MARGIN_X, CELL_MARGIN_Y), done=done)
            write_inline(cell.text_frame, inline, style, cell=True)
            _align(cell, plan, col)


_ALIGN = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}


def _align(cell: Any, plan: PlanTable, col: int) -> None:
    """A column's alignment as the Markdown table's delimiter row gives it (``--:``)."""
    align = _ALIGN.get(plan.align[col]) if col < len(plan.align) else None
    if align is not None:
        for paragraph in cell.text_frame.paragraphs:
            paragraph.alignment = align
