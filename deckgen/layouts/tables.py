"""Tables as the ``roster`` and ``table`` layouts draw them: column widths, row heights and one
font size, as pure functions (shared by both renderers and the overflow check).

Column widths follow the longest text of each column; the font size is the largest that fits
every row in the area without breaking words (estimated, :mod:`deckgen.geometry`); rows get
comfortable padding when there is room.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from deckgen.geometry import LINE_SPACING, count_lines, inches, largest_fitting, size_steps, text_width_pt
from deckgen.layouts.spec import UNSCALED, PlanTable, Sizing
from deckgen.model import Box, Inline, plain

CELL_MARGIN_X = inches(0.12)
CELL_MARGIN_Y = inches(0.05)
MIN_COLUMN_SHARE = 0.12  # no column narrower than this share of the table
TABLE_SIZES = (20.0, 10.0)
ROSTER_SIZES = (20.0, 11.0)


@dataclass(frozen=True, slots=True)
class TableGeometry:
    """Column widths, row heights (header first) and the one font size of a table."""

    widths: tuple[int, ...]
    heights: tuple[int, ...]
    size: float


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


def _row_lines(row: Sequence[str], widths: Sequence[int], size: float, bold: bool) -> int:
    return max(
        count_lines(text, (w - 2 * CELL_MARGIN_X) / 12700, size, bold)
        for text, w in zip(row, widths, strict=True)
    )


def _natural(row: Sequence[str], widths: Sequence[int], size: float, bold: bool) -> int:
    return int(_row_lines(row, widths, size, bold) * size * LINE_SPACING * 12700) + (2 * CELL_MARGIN_Y)


def table_fits(texts: Sequence[Sequence[str]], widths: Sequence[int], size: float, height: int) -> bool:
    """Whether every word fits its column and all rows fit ``height`` at ``size``."""
    for row in texts:
        for text, w in zip(row, widths, strict=True):
            avail = (w - 2 * CELL_MARGIN_X) / 12700
            if any(text_width_pt(word, size, True) > avail for word in text.split()):
                return False
    total = sum(_natural(row, widths, size, i == 0) for i, row in enumerate(texts))
    return total <= height


def table_geometry(texts: Sequence[Sequence[str]], area: Box, sizes: tuple[float, float]) -> TableGeometry:
    """``texts`` is the header row then the body rows, as plain strings. The size is the
    largest in ``sizes`` (high, low) that fits; rows get their natural height plus an even
    share of the spare room, up to 0.6 x the font size each."""
    widths = column_widths(texts, area.cx)
    size = largest_fitting(size_steps(*sizes), lambda s: table_fits(texts, widths, s, area.cy))
    natural = [_natural(row, widths, size, i == 0) for i, row in enumerate(texts)]
    spare = max(area.cy - sum(natural), 0)
    pad = min(spare // len(texts), int(size * 0.6 * 12700))
    return TableGeometry(tuple(widths), tuple(h + pad for h in natural), size)


def plan_table(header: Sequence[Inline], rows: Sequence[Sequence[Inline]], area: Box, *,
               sizes: tuple[float, float], sizing: Sizing = UNSCALED, emphasis: Sequence[bool] = (), what: str, hint: str,
               name: str) -> PlanTable:
    """A table's plan at the top of ``area``: short rows padded with empty cells so every row
    has every column."""
    width = max([len(header), *(len(r) for r in rows)], default=0)
    pad: tuple[Inline, ...] = ((),)
    head = tuple(header) + pad * (width - len(header))
    body = tuple(tuple(r) + pad * (width - len(r)) for r in rows)
    texts = [[plain(c) for c in head]] + [[plain(c) for c in r] for r in body]
    geometry = table_geometry(texts, area, (sizes[0], sizing.floor or sizes[1]))
    if sizing.scale < 1.0:  # the fit step's size, rows as that size needs them
        size = sizing.apply(geometry.size)
        geometry = table_geometry(texts, area, (size, size))
    return PlanTable(area, head, body, tuple(emphasis), geometry.widths, geometry.heights,
                     geometry.size, what, hint, name)


# Roles that mark a person as holding an office (leader, deputy, chair) rather than a seat.
_OFFICER_WORDS = ("leder", "leiar", "leader", "chair", "deputy")


def is_officer(role: str) -> bool:
    """Whether ``role`` is an office (leder, nestleder, chair ...), not just membership."""
    lowered = role.lower()
    return any(w in lowered for w in _OFFICER_WORDS)
