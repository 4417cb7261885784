"""Native tables in an area: a header row and body rows, sized to fit.

Responsibility: the one table drawer the ``roster`` and ``table`` layouts share. Column widths
follow the longest text of each column; the font size is the largest that fits every row in
the area without breaking words; rows get comfortable padding when there is room. The header
row is filled with the brand's primary colour; emphasised rows (a roster's leader and deputy)
are bold on the surface colour.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from deckgen.model import Box, Inline, plain
from deckgen.render.pptx.context import RenderContext
from deckgen.render.pptx.shapes import add_table, inches, style_cell
from deckgen.render.pptx.text import (
    LINE_SPACING,
    Style,
    count_lines,
    largest_fitting,
    size_steps,
    text_width_pt,
    write_inline,
)

CELL_MARGIN_X = inches(0.12)
CELL_MARGIN_Y = inches(0.05)
MIN_COLUMN_SHARE = 0.12  # no column narrower than this share of the table


@dataclass(frozen=True, slots=True)
class TableSpec:
    """What to draw: header cells, body rows and which body rows to emphasise."""

    header: Sequence[Inline]
    rows: Sequence[Sequence[Inline]]
    emphasis: Sequence[bool] = ()
    max_size: float = 20.0
    min_size: float = 10.0


def draw_table(ctx: RenderContext, area: Box, spec: TableSpec, *, name: str) -> Any:
    """Draw ``spec`` as a native table at the top of ``area``; returns the graphic frame."""
    texts = [[plain(c) for c in spec.header]] + [[plain(c) for c in row] for row in spec.rows]
    widths = column_widths(texts, area.cx)
    size = largest_fitting(
        size_steps(spec.max_size, spec.min_size),
        lambda s: _fits(texts, widths, s, area.cy),
    )
    heights = _row_heights(texts, widths, size, area.cy)
    frame = add_table(ctx.shapes, area, len(texts), widths, heights[0], name=name)
    table = frame.table
    for row, height in zip(table.rows, heights, strict=True):
        row.height = height
    _fill_header(ctx, table, spec, size)
    _fill_body(ctx, table, spec, size)
    return frame


def column_widths(texts: Sequence[Sequence[str]], total: int) -> list[int]:
    """Widths proportional to each column's longest text, none below a minimum share, the
    last one absorbing rounding so they add up to ``total``."""
    n = len(texts[0])
    longest = [max(text_width_pt(row[c], 10, True) for row in texts) + 1 for c in range(n)]
    shares = [max(w / sum(longest), MIN_COLUMN_SHARE) for w in longest]
    scale = sum(shares)
    widths = [int(total * s / scale) for s in shares]
    widths[-1] = total - sum(widths[:-1])
    return widths


def _lines(row: Sequence[str], widths: Sequence[int], size: float, bold: bool) -> int:
    return max(
        count_lines(text, (w - 2 * CELL_MARGIN_X) / 12700, size, bold) for text, w in zip(row, widths, strict=True)
    )


def _natural(row: Sequence[str], widths: Sequence[int], size: float, bold: bool) -> int:
    return int(_lines(row, widths, size, bold) * size * LINE_SPACING * 12700) + 2 * CELL_MARGIN_Y


def _fits(texts: Sequence[Sequence[str]], widths: Sequence[int], size: float, height: int) -> bool:
    for row in texts:
        for text, w in zip(row, widths, strict=True):
            avail = (w - 2 * CELL_MARGIN_X) / 12700
            if any(text_width_pt(word, size, True) > avail for word in text.split()):
                return False
    total = sum(_natural(row, widths, size, i == 0) for i, row in enumerate(texts))
    return total <= height


def _row_heights(texts: Sequence[Sequence[str]], widths: Sequence[int], size: float, height: int) -> list[int]:
    """Natural row heights plus an even share of padding, up to 0.6 x the font size per
    row (airy, but a short table does not stretch over the whole area)."""
    natural = [_natural(row, widths, size, i == 0) for i, row in enumerate(texts)]
    spare = max(height - sum(natural), 0)
    pad = min(spare // len(texts), int(size * 0.6 * 12700))
    return [h + pad for h in natural]


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
    return (CELL_MARGIN_X, CELL_MARGIN_Y)
