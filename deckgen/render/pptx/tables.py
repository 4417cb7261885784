"""Native tables in an area: a header row and body rows, sized to fit.

Responsibility: the one table drawer the ``roster`` and ``table`` layouts share. Widths, row
heights and the font size are :func:`deckgen.geometry.table_plan`'s (shared with ``check``):
column widths follow the longest text of each column; the font size is the largest that fits
every row in the area without breaking words; rows get comfortable padding when there is
room. The header
row is filled with the brand's primary colour; emphasised rows (a roster's leader and deputy)
are bold on the surface colour.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from deckgen import geometry as geo
from deckgen.model import Box, Inline, plain
from deckgen.render.pptx.context import RenderContext
from deckgen.render.pptx.shapes import add_table, style_cell
from deckgen.render.pptx.text import Style, write_inline


@dataclass(frozen=True, slots=True)
class TableSpec:
    """What to draw: header cells, body rows, which body rows to emphasise and the font size
    range (high, low) to choose from."""

    header: Sequence[Inline]
    rows: Sequence[Sequence[Inline]]
    emphasis: Sequence[bool] = ()
    sizes: tuple[float, float] = geo.TABLE_SIZES


def draw_table(ctx: RenderContext, area: Box, spec: TableSpec, *, name: str) -> Any:
    """Draw ``spec`` as a native table at the top of ``area``; returns the graphic frame."""
    texts = [[plain(c) for c in spec.header]] + [[plain(c) for c in row] for row in spec.rows]
    plan = geo.table_plan(texts, area, spec.sizes)
    frame = add_table(ctx.shapes, area, len(texts), plan.widths, plan.heights[0], name=name)
    table = frame.table
    for row, height in zip(table.rows, plan.heights, strict=True):
        row.height = height
    _fill_header(ctx, table, spec, plan.size)
    _fill_body(ctx, table, spec, plan.size)
    return frame


def _fill_header(ctx: RenderContext, table: Any, spec: TableSpec, size: float) -> None:
    style = Style(size=size, color=ctx.color("on_primary"), font=ctx.font("heading"), bold=True)
    for col, inline in enumerate(spec.header):
        cell = table.cell(0, col)
        style_cell(cell, fill=ctx.color("primary"), rule=None, margins=_margins())
        write_inline(cell.text_frame, inline, style, cell=True)


def _fill_body(ctx: RenderContext, table: Any, spec: TableSpec, size: float) -> None:
    for r, row in enumerate(spec.rows, start=1):
        strong = r - 1 < len(spec.emphasis) and spec.emphasis[r - 1]
        style = Style(size=size, color=ctx.color("text"), font=ctx.font("body"), bold=strong)
        # Emphasised rows are filled with the surface colour, so their rule is the
        # background's: two officers' rows stay apart.
        fill = ctx.color("surface") if strong else ctx.color("background")
        rule = ctx.color("background") if strong else ctx.color("surface")
        for col, inline in enumerate(row):
            cell = table.cell(r, col)
            style_cell(cell, fill=fill, rule=rule, margins=_margins())
            write_inline(cell.text_frame, inline, style, cell=True)


def _margins() -> tuple[int, int]:
    return (geo.CELL_MARGIN_X, geo.CELL_MARGIN_Y)
