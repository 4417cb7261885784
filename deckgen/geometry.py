"""Where the PowerPoint renderer puts the shapes it draws itself, as pure functions.

Responsibility: the box arithmetic and the size choices of the layouts that draw their own
shapes into a placeholder's area -- columns (cards), orgchart (bodies), tiles (cards) and the
tables of ``roster`` and ``table`` -- with no python-pptx in sight, so that ``check`` (overflow)
computes exactly the boxes and font sizes ``render.pptx`` draws: the renderer imports these
functions and keeps only the python-pptx side (creating shapes, writing XML). This module is
the one copy; it may not import python-pptx, Jinja2 or Pillow (tests/unit/test_imports.py).

The renderer picks font sizes "fit by design": the largest size whose *estimated* text fits
(Arial advance widths from a table, 1.2 line spacing, a little slack). ``check`` then measures
the text in those boxes with the brand's real font files; the two agreeing is what the
overflow rule reports on.

Contract: every function here is a pure function of its arguments (model values and EMU
integers); the same inputs give the same boxes on every machine. Everything is in EMU
(914400 per inch, 12700 per point) unless a name says ``_pt``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from deckgen.model import (
    Box,
    Column,
    ColumnsContent,
    OrgChartContent,
    OrgNode,
    Para,
    Text,
    Tile,
    TilesContent,
    plain,
)

EMU_PER_INCH = 914400
EMU_PER_PT = 12700


def inches(value: float) -> int:
    return int(round(value * EMU_PER_INCH))


def points(value: float) -> int:
    return int(round(value * EMU_PER_PT))


# --------------------------------------------------------------------------- boxes


def split(box: Box, n: int, gap: int, *, vertical: bool = False) -> list[Box]:
    """``n`` equal boxes side by side (or stacked when ``vertical``) with ``gap`` between."""
    return split_weighted(box, [1.0] * n, gap, vertical=vertical)


def split_weighted(box: Box, weights: Sequence[float], gap: int, *,
                   vertical: bool = False) -> list[Box]:
    """Boxes side by side (or stacked) sized in proportion to ``weights``, ``gap`` apart."""
    n = len(weights)
    if n == 0:
        return []
    length = (box.cy if vertical else box.cx) - gap * (n - 1)
    total = sum(weights)
    out, pos = [], box.y if vertical else box.x
    for w in weights:
        size = int(length * w / total)
        if vertical:
            out.append(Box(box.x, pos, box.cx, size))
        else:
            out.append(Box(pos, box.y, size, box.cy))
        pos += size + gap
    return out


def corner_inset(box: Box, radius: float) -> int:
    """How far a rounded rectangle's text rectangle lies inside its box on every side: the
    preset geometry's 0.29289 x the corner radius (``radius`` is a fraction of the shorter
    side). PowerPoint and LibreOffice both keep text out of the corners this way."""
    return int(0.29289 * radius * min(box.cx, box.cy))


def text_area(box: Box, margins: tuple[int, int, int, int], radius: float = 0.0) -> Box:
    """The part of a card ``box`` its text may use: minus the insets and, for a rounded
    rectangle of corner ``radius``, minus the preset's text rectangle inset."""
    inset = corner_inset(box, radius)
    left, top, right, bottom = margins
    return Box(
        box.x + left + inset,
        box.y + top + inset,
        box.cx - left - right - 2 * inset,
        box.cy - top - bottom - 2 * inset,
    )


def grid(box: Box, rows: int, cols: int, gap_x: int, gap_y: int) -> list[Box]:
    """Cells of a ``rows`` x ``cols`` grid filling ``box``, row by row."""
    return [
        cell
        for row in split(box, rows, gap_y, vertical=True)
        for cell in split(row, cols, gap_x)
    ]


def take_top(box: Box, height: int, gap: int = 0) -> tuple[Box, Box]:
    """Split ``box`` into a top band of ``height`` and the rest below it (after ``gap``)."""
    top = Box(box.x, box.y, box.cx, height)
    rest = Box(box.x, box.y + height + gap, box.cx, max(box.cy - height - gap, 0))
    return top, rest


# --------------------------------------------------------------------------- estimating text

# Indent of one list level in frames that do not inherit bullets from the master (EMU).
LEVEL_INDENT = 228600  # 0.25 in
LINE_SPACING = 1.2  # PowerPoint's single spacing is 1.2 x the font size, whatever the font

# Advance widths of Arial / Liberation Sans regular, in thousandths of an em. Characters not
# listed count as 600 (wide enough for symbols such as ✓).
_WIDTHS: dict[str, int] = {
    " ": 278, "!": 278, '"': 355, "#": 556, "$": 556, "%": 889, "&": 667, "'": 191,
    "(": 333, ")": 333, "*": 389, "+": 584, ",": 278, "-": 333, ".": 278, "/": 278,
    ":": 278, ";": 278, "<": 584, "=": 584, ">": 584, "?": 556, "@": 1015,
    "[": 278, "\\": 278, "]": 278, "_": 556, "|": 260, "«": 556, "»": 556,
    "–": 556, "—": 1000, "…": 1000, "•": 350,
    "A": 667, "B": 667, "C": 722, "D": 722, "E": 667, "F": 611, "G": 778, "H": 722,
    "I": 278, "J": 500, "K": 667, "L": 556, "M": 833, "N": 722, "O": 778, "P": 667,
    "Q": 778, "R": 722, "S": 667, "T": 611, "U": 722, "V": 667, "W": 944, "X": 667,
    "Y": 667, "Z": 611, "Æ": 1000, "Ø": 778, "Å": 667,
    "a": 556, "b": 556, "c": 500, "d": 556, "e": 556, "f": 278, "g": 556, "h": 556,
    "i": 222, "j": 222, "k": 500, "l": 222, "m": 833, "n": 556, "o": 556, "p": 556,
    "q": 556, "r": 333, "s": 500, "t": 278, "u": 556, "v": 500, "w": 722, "x": 500,
    "y": 500, "z": 500, "æ": 889, "ø": 611, "å": 556, "é": 556,
}  # fmt: skip
# Arial Bold where it differs from regular (a bold word runs 5-15 % wider).
_BOLD_WIDTHS: dict[str, int] = {
    "!": 333, '"': 474, "&": 722, "'": 238, ":": 333, ";": 333, "?": 611, "@": 975,
    "A": 722, "B": 722, "J": 556, "K": 722, "L": 611, "Å": 722,
    "b": 611, "c": 556, "d": 611, "f": 333, "g": 611, "h": 611, "i": 278, "j": 278,
    "k": 556, "l": 278, "m": 889, "n": 611, "o": 611, "p": 611, "q": 611, "r": 389,
    "s": 556, "t": 333, "u": 611, "v": 556, "w": 778, "x": 556, "y": 556, "é": 556,
}  # fmt: skip
_DIGIT = 556
_OTHER = 600
_SAFETY = 1.05  # renderers differ in kerning, hinting and line breaking; keep some slack


def text_width_pt(text: str, size: float, bold: bool = False) -> float:
    """Estimated advance width of ``text`` at ``size`` points."""
    units = sum(_advance(ch, bold) for ch in text)
    return units / 1000 * size * _SAFETY


def _advance(ch: str, bold: bool) -> int:
    if ch.isdigit():
        return _DIGIT
    if bold and ch in _BOLD_WIDTHS:
        return _BOLD_WIDTHS[ch]
    return _WIDTHS.get(ch, _OTHER)


def count_lines(text: str, width_pt: float, size: float, bold: bool = False) -> int:
    """Lines ``text`` takes when word-wrapped into ``width_pt`` (greedy, like PowerPoint)."""
    if width_pt <= 0:
        return 10**6
    lines = 0
    for hard_line in text.split("\n"):
        lines += _wrap_count(hard_line, width_pt, size, bold)
    return max(lines, 1)


def _wrap_count(line: str, width_pt: float, size: float, bold: bool) -> int:
    space = text_width_pt(" ", size, bold)
    count, used = 1, 0.0
    for word in line.split():
        w = text_width_pt(word, size, bold)
        if w > width_pt:  # a word longer than the line breaks between characters
            extra = math.ceil(w / width_pt)
            count += extra if used else extra - 1
            used = w - (extra - 1) * width_pt
            continue
        needed = w if used == 0 else used + space + w
        if needed <= width_pt:
            used = needed
        else:
            count += 1
            used = w
    return count


@dataclass(frozen=True, slots=True)
class Line:
    """One paragraph to measure: its text, size, weight and left indent."""

    text: str
    size: float
    bold: bool = False
    indent: int = 0  # EMU taken from the width (bullets, levels)
    space_before: float = 0.0  # points


def block_height(lines: Iterable[Line], width: int) -> int:
    """Height in EMU that ``lines`` need in a frame of inner ``width`` EMU."""
    total_pt = 0.0
    for i, line in enumerate(lines):
        avail = (width - line.indent) / 12700
        n = count_lines(line.text, avail, line.size, line.bold)
        total_pt += n * line.size * LINE_SPACING + (line.space_before if i else 0.0)
    return int(total_pt * 12700)


def words_fit(lines: Iterable[Line], width: int) -> bool:
    """Whether every word of ``lines`` fits on a line of inner ``width`` EMU (a size that
    splits a word across lines is never the right size)."""
    for line in lines:
        avail = (width - line.indent) / 12700
        if any(text_width_pt(w, line.size, line.bold) > avail for w in line.text.split()):
            return False
    return True


def fits(lines: Sequence[Line], width: int, height: int) -> bool:
    """Whether ``lines`` fit a frame of inner ``width`` x ``height`` EMU without breaking
    words."""
    return words_fit(lines, width) and block_height(lines, width) <= height


def para_lines(
    text: Text, size: float, *, bold: bool = False, space_before: float = 0.0, bullets: bool
) -> list[Line]:
    """:class:`Line`s for a model text; list paragraphs are indented as the renderer's
    ``write_text`` indents them in frames that do not inherit bullets (``bullets=True``)."""
    out = []
    for para in text:
        indent = LEVEL_INDENT * (para.level + 1) if bullets and para.kind != "text" else 0
        out.append(Line(para.text, size, bold or _all_bold(para), indent, space_before))
    return out


def _all_bold(para: Para) -> bool:
    return bool(para.runs) and all(r.bold for r in para.runs)


def largest_fitting(sizes: Sequence[float], fits: Callable[[float], bool]) -> float:
    """The first (largest) of ``sizes`` for which ``fits(size)`` is true, else the last."""
    for size in sizes:
        if fits(size):
            return size
    return sizes[-1]


def size_steps(high: float, low: float, step: float = 0.5) -> tuple[float, ...]:
    """Candidate font sizes from ``high`` down to ``low``."""
    n = int(round((high - low) / step))
    return tuple(high - i * step for i in range(n + 1))


# --------------------------------------------------------------------------- columns

COLUMNS_GAP = inches(0.3)
COLUMNS_PAD = inches(0.2)
COLUMNS_HEADING_ONLY_HEIGHT = inches(2.2)
COLUMNS_BODY_SPACE = 6.0  # points between paragraphs
COLUMNS_RADIUS = 0.08
COLUMNS_MARGINS = (COLUMNS_PAD,) * 4
COLUMNS_INTRO_SIZE = 20.0


@dataclass(frozen=True, slots=True)
class ColumnsPlan:
    """The intro's text box (if any), one card per column and the two font sizes."""

    intro: Box | None
    cards: tuple[Box, ...]
    heading_size: float
    body_size: float


def column_lines(column: Column, size: tuple[float, float]) -> list[Line]:
    """The lines of one column's card at (heading, body) sizes, for estimating."""
    heading, body_size = size
    lines = [Line(plain(column.heading), heading, bold=True)]
    body = para_lines(column.body, body_size, space_before=COLUMNS_BODY_SPACE, bullets=True)
    if body:
        first = body[0]
        body[0] = Line(first.text, first.size, first.bold, first.indent, COLUMNS_BODY_SPACE * 1.5)
    return lines + body


def column_sizes(columns: Sequence[Column], inner: Box) -> tuple[float, float]:
    """(heading, body) sizes in points: the largest heading whose words fit the card width,
    then the largest body with which every card fits."""
    for heading in size_steps(28, 14):
        if not all(words_fit([Line(plain(c.heading), heading, bold=True)], inner.cx)
                   for c in columns):
            continue
        body = largest_fitting(
            size_steps(min(20.0, heading - 2), 11),
            lambda b, h=heading: all(
                fits(column_lines(c, (h, b)), inner.cx, inner.cy) for c in columns),
        )
        if all(fits(column_lines(c, (heading, body)), inner.cx, inner.cy) for c in columns):
            return (heading, body)
    return (14.0, 11.0)


def columns_plan(content: ColumnsContent, area: Box) -> ColumnsPlan:
    """The intro above the cards (its estimated height plus 0.1 in), then the cards side by
    side, as tall as the tallest needs; cards holding only headings are at least 2.2 in tall
    and sit mid-area."""
    intro = None
    if content.intro:
        lines = para_lines(content.intro, COLUMNS_INTRO_SIZE, bullets=True)
        intro, area = take_top(area, block_height(lines, area.cx) + inches(0.1), COLUMNS_GAP)
    cells = split(area, max(len(content.columns), 1), COLUMNS_GAP)
    inner = text_area(cells[0], COLUMNS_MARGINS, COLUMNS_RADIUS)
    size = column_sizes(content.columns, inner)
    frame = cells[0].cy - inner.cy  # insets above and below the text
    needed = max((block_height(column_lines(c, size), inner.cx) for c in content.columns),
                 default=0) + frame
    has_body = any(c.body for c in content.columns)
    height = min(area.cy, needed if has_body else max(needed, COLUMNS_HEADING_ONLY_HEIGHT))
    top = area.y if has_body else area.y + (area.cy - height) // 2
    cards = tuple(
        Box(cell.x, top, cell.cx, height)
        for _, cell in zip(content.columns, cells, strict=False)
    )
    return ColumnsPlan(intro, cards, size[0], size[1])


# --------------------------------------------------------------------------- orgchart

ORG_RANK_GAP = inches(0.6)  # room for the connectors and their arrow heads
ORG_SLOT_GAP = inches(0.16)
ORG_PAD_X = inches(0.1)
ORG_PAD_Y = inches(0.07)
ORG_NAME_EXTRA = 3.0  # the body's name is this many points larger than its facts
ORG_FACT_SPACE = 2.0  # points between facts
ORG_RADIUS = 0.06
ORG_NAME_ONLY_WEIGHT = 0.6  # a rank whose bodies have no facts gets a narrower lane
ORG_MARGINS = (ORG_PAD_X, ORG_PAD_Y, ORG_PAD_X, ORG_PAD_Y)
ORG_SIZES = (16.0, 8.0)


@dataclass(frozen=True, slots=True)
class ChartPlan:
    """Where each body goes and the facts' font size."""

    boxes: dict[str, Box]
    size: float
    lanes: tuple[Box, ...]  # one per rank


def org_node_lines(node: OrgNode, size: float) -> list[Line]:
    """The lines a body's box holds, for estimating."""
    facts = para_lines(node.facts, size, space_before=ORG_FACT_SPACE, bullets=True)
    return [Line(plain(node.name), size + ORG_NAME_EXTRA, bold=True), *facts]


def _org_cells(lane: Box, slots: int, widest: int, right: bool) -> list[Box]:
    """The cells of one rank: columns ("right") share their height among their bodies; rows
    ("down") give every body the width it has in the widest row, centred."""
    if right:
        return split(lane, slots, ORG_SLOT_GAP, vertical=True)
    width = (lane.cx - ORG_SLOT_GAP * (widest - 1)) // widest
    total = slots * width + (slots - 1) * ORG_SLOT_GAP
    x0 = lane.x + (lane.cx - total) // 2
    return [Box(x0 + i * (width + ORG_SLOT_GAP), lane.y, width, lane.cy) for i in range(slots)]


def orgchart_plan(content: OrgChartContent, area: Box) -> ChartPlan:
    """Cells per rank and slot, the largest facts size that fits every body in its cell,
    and each body's box: one height per rank (the tallest body's), centred in its cell."""
    right = content.direction == "right"
    n_ranks = max(content.ranks, max((n.rank for n in content.nodes), default=0) + 1)
    weights = [
        1.0 if any(n.facts for n in content.nodes if n.rank == r) else ORG_NAME_ONLY_WEIGHT
        for r in range(n_ranks)
    ]
    lanes = tuple(split_weighted(area, weights, ORG_RANK_GAP, vertical=not right))
    slots = {
        r: max((n.slot for n in content.nodes if n.rank == r), default=0) + 1
        for r in range(n_ranks)
    }
    widest = max(slots.values(), default=1)
    cells = {
        n.id: _org_cells(lanes[n.rank], slots[n.rank], widest, right)[n.slot]
        for n in content.nodes
    }

    def all_fit(size: float) -> bool:
        for n in content.nodes:
            inner = text_area(cells[n.id], ORG_MARGINS, ORG_RADIUS)
            if not fits(org_node_lines(n, size), inner.cx, inner.cy):
                return False
        return True

    size = largest_fitting(size_steps(*ORG_SIZES), all_fit)
    heights: dict[int, int] = {}
    for n in content.nodes:
        cell = cells[n.id]
        inner = text_area(cell, ORG_MARGINS, ORG_RADIUS)
        need = block_height(org_node_lines(n, size), inner.cx) + (cell.cy - inner.cy)
        heights[n.rank] = min(max(heights.get(n.rank, 0), need), cell.cy)
    boxes = {}
    for n in content.nodes:
        cell, h = cells[n.id], heights[n.rank]
        boxes[n.id] = Box(cell.x, cell.y + (cell.cy - h) // 2, cell.cx, h)
    return ChartPlan(boxes, size, lanes)


# --------------------------------------------------------------------------- tiles

TILES_GAP = inches(0.25)
TILES_PAD = inches(0.16)
TILES_MAX_HEIGHT = inches(2.4)
TILES_PLAY = inches(0.5)  # side of the play triangle's box
TILES_CAPTION_SPACE = 4.0
TILES_RADIUS = 0.08
TILES_MARGINS = (TILES_PAD,) * 4
TILES_SIZES = (22.0, 11.0)


@dataclass(frozen=True, slots=True)
class TilesPlan:
    """One cell per tile (row by row) and the title and caption sizes."""

    cells: tuple[Box, ...]
    title_size: float
    caption_size: float


def tiles_grid_shape(n: int) -> tuple[int, int]:
    """(columns, rows): one row up to four tiles, then two rows, then four columns."""
    if n <= 4:
        return n, 1
    cols = math.ceil(n / 2) if n <= 8 else 4
    return cols, math.ceil(n / cols)


def tiles_caption_size(size: float) -> float:
    return max(round(size * 0.62 * 2) / 2, 10.0)


def tile_caption(tile: Tile) -> str:
    """What a tile shows under its title: its caption, else the address's host and path;
    nothing for a plain card without either."""
    if tile.caption or not tile.url:
        return tile.caption
    parts = urlsplit(tile.url)
    return (parts.netloc + parts.path).removeprefix("www.").rstrip("/") or tile.url


def tile_lines(tile: Tile, size: float) -> list[Line]:
    caption = tile_caption(tile)  # a plain card may have none: no line is drawn for it
    return [
        Line(plain(tile.title), size, bold=True),
        *([Line(caption, tiles_caption_size(size), space_before=TILES_CAPTION_SPACE)] if caption else []),
    ]


def tile_reserved(tile: Tile) -> int:
    """Room at the top of a tile its text may not use: a video tile's play mark."""
    return TILES_PLAY + inches(0.1) if tile.kind == "video" else 0


def tiles_plan(content: TilesContent, area: Box) -> TilesPlan:
    """A grid as tall as its rows need (at most 2.4 in per row) and the largest title size
    with which every tile's text fits its card."""
    if not content.tiles:
        return TilesPlan((), TILES_SIZES[0], tiles_caption_size(TILES_SIZES[0]))
    cols, rows = tiles_grid_shape(len(content.tiles))
    height = min(area.cy, rows * TILES_MAX_HEIGHT + (rows - 1) * TILES_GAP)
    cells = grid(Box(area.x, area.y, area.cx, height), rows, cols, TILES_GAP, TILES_GAP)
    inner = text_area(cells[0], TILES_MARGINS, TILES_RADIUS)
    size = largest_fitting(
        size_steps(*TILES_SIZES),
        lambda s: all(
            fits(tile_lines(t, s), inner.cx, inner.cy - tile_reserved(t)) for t in content.tiles
        ),
    )
    used = tuple(cell for _, cell in zip(content.tiles, cells, strict=False))
    return TilesPlan(used, size, tiles_caption_size(size))


# --------------------------------------------------------------------------- tables

CELL_MARGIN_X = inches(0.12)
CELL_MARGIN_Y = inches(0.05)
MIN_COLUMN_SHARE = 0.12  # no column narrower than this share of the table
TABLE_SIZES = (20.0, 10.0)
ROSTER_SIZES = (20.0, 11.0)


@dataclass(frozen=True, slots=True)
class TablePlan:
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
    return int(_row_lines(row, widths, size, bold) * size * LINE_SPACING * 12700) + (
        2 * CELL_MARGIN_Y
    )


def table_fits(
    texts: Sequence[Sequence[str]], widths: Sequence[int], size: float, height: int
) -> bool:
    """Whether every word fits its column and all rows fit ``height`` at ``size``."""
    for row in texts:
        for text, w in zip(row, widths, strict=True):
            avail = (w - 2 * CELL_MARGIN_X) / 12700
            if any(text_width_pt(word, size, True) > avail for word in text.split()):
                return False
    total = sum(_natural(row, widths, size, i == 0) for i, row in enumerate(texts))
    return total <= height


def table_plan(
    texts: Sequence[Sequence[str]], area: Box, sizes: tuple[float, float]
) -> TablePlan:
    """``texts`` is the header row then the body rows, as plain strings. The size is the
    largest in ``sizes`` (high, low) that fits; rows get their natural height plus an even
    share of the spare room, up to 0.6 x the font size each."""
    widths = column_widths(texts, area.cx)
    size = largest_fitting(
        size_steps(*sizes), lambda s: table_fits(texts, widths, s, area.cy)
    )
    natural = [_natural(row, widths, size, i == 0) for i, row in enumerate(texts)]
    spare = max(area.cy - sum(natural), 0)
    pad = min(spare // len(texts), int(size * 0.6 * 12700))
    return TablePlan(tuple(widths), tuple(h + pad for h in natural), size)


# --------------------------------------------------------------------------- roster rows

# Which roster rows render.pptx sets in bold (and reveal.js emphasises). The header words are
# deckgen.words.roster_headers: they size the columns, which check measures too.
# Roles that mark a person as holding an office (leader, deputy, chair) rather than a seat.
_OFFICER_WORDS = ("leder", "leiar", "leader", "chair", "deputy")


def is_officer(role: str) -> bool:
    """Whether ``role`` is an office (leder, nestleder, chair ...), not just membership."""
    lowered = role.lower()
    return any(w in lowered for w in _OFFICER_WORDS)
