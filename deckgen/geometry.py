"""Box arithmetic and text estimation, as pure functions, for the layouts' planners.

Responsibility: splitting areas into boxes (side by side, stacked, grids), the text rectangle
of a rounded card, and estimating how much room text needs -- the pieces every planner
(:mod:`deckgen.layouts`) is made of. No python-pptx, Jinja2 or Pillow here
(tests/unit/test_imports.py): the plans built from these are drawn by both renderers and
measured by ``check``.

Planners pick font sizes "fit by design": the largest size whose *estimated* text fits
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
from functools import lru_cache

from deckgen.model import (
    Box,
    Para,
    Text,
)

EMU_PER_INCH = 914400
EMU_PER_PT = 12700


def inches(value: float) -> int:
    return int(round(value * EMU_PER_INCH))


def cm_text(emu: int) -> str:
    """A length for messages and reports: centimetres with two decimals ("33.87")."""
    return f"{emu / 360000:.2f}"


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


@lru_cache(maxsize=65536)  # the planners and the checks measure the same words again and again
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
