"""Laying text out in a box the way PowerPoint and LibreOffice do, to see whether it fits.

Responsibility: given a :class:`Frame` (a box in EMU, its insets, and paragraphs with their
size, margins, spacing and faces), break every paragraph into lines and add up their heights.

The model, checked against LibreOffice's rendering (see docs/check.md):

- lines break greedily at break opportunities: after spaces, and after a hyphen, dash or slash
  followed by a letter; spaces at the end of a line take no room; a word longer than the line
  breaks between characters; a line feed (``a:br``) always breaks;
- a hyperlinked run does not break (LibreOffice makes it a field; PowerPoint would wrap it,
  so this errs on the side of reporting);
- a line is ``1.2 x size x line spacing`` high (font-independent line height, which is what
  PowerPoint uses and what LibreOffice uses for PowerPoint files), or the exact height the
  master sets;
- a paragraph's space before counts from the second paragraph on (neither application puts
  it above the first line of a text frame);
- line spacing below single (``spcPct`` under 100 %) takes its cut from the top of each line,
  the first line's: its glyphs rise above the frame's top inset edge by at most
  ``(1 - spacing) x 1.2 x size`` (:func:`overhang_pt`); what would rise past the top inset,
  out of the shape, counts as height the text needs;
- every line of a paragraph starts at its left margin (``marL``), a first line with a positive
  indent further right; a hanging bullet sits in the indent.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from deckgen.check.fonts import Face, Fonts
from deckgen.errors import SourceLoc
from deckgen.model import Box

EMU_PER_PT = 12700
LINE_HEIGHT = 1.2  # em, font-independent
# Rounding slack: the renderer sizes some boxes to exactly the height their text needs,
# computed in floating point and floored to whole EMU; a box that short of 0.05 pt still fits.
SLACK = 635  # EMU
_BREAK_AFTER = frozenset("-‐–—/")


@dataclass(frozen=True, slots=True)
class Piece:
    """Text in one face (a run, or part of one). ``nobreak``: a line may not break inside it
    (LibreOffice turns a hyperlinked run into a field that does not wrap)."""

    text: str
    face: Face
    nobreak: bool = False


@dataclass(frozen=True, slots=True)
class ParaSpec:
    """One paragraph to lay out."""

    pieces: tuple[Piece, ...]
    size: float  # points
    mar_l: int = 0  # EMU
    indent: int = 0  # EMU, first line relative to mar_l
    bullet: bool = False  # a bullet or number hangs in the indent
    line_pct: float = 1.0
    line_pts: float | None = None
    before_pts: float = 0.0
    loc: SourceLoc | None = None

    @property
    def line_height_pt(self) -> float:
        if self.line_pts is not None:
            return self.line_pts
        return LINE_HEIGHT * self.size * self.line_pct


@dataclass(frozen=True, slots=True)
class Frame:
    """A text box: its outer box, insets (left, top, right, bottom) and paragraphs.

    ``reserved`` is height at the top the text may not use (a tile's play mark); ``anchor``
    where the text sits when it fits ("t", "ctr", "b"; overflow does not depend on it)."""

    box: Box
    insets: tuple[int, int, int, int]
    paras: tuple[ParaSpec, ...]
    wrap: bool = True
    reserved: int = 0
    anchor: str = "t"

    @property
    def inner_width(self) -> int:
        return self.box.cx - self.insets[0] - self.insets[2]


@dataclass(frozen=True, slots=True)
class Fit:
    """What laying a frame out found.

    ``needed`` is the height the frame would need (text, insets and reserved room) and
    ``ratio`` that over the box's height (over its width, if that is worse, for a frame that
    does not wrap); ``first_out`` is the index of the first paragraph that does not end
    inside the box, or None."""

    needed: int
    ratio: float
    lines: tuple[int, ...]
    first_out: int | None

    @property
    def fits(self) -> bool:
        return self.ratio <= 1.0


def lay_out(frame: Frame, fonts: Fonts, remember: bool = True) -> Fit:
    """Break ``frame``'s paragraphs into lines and measure the height they need (once per
    frame for ``fonts``: the fit step and the overflow rule lay out the same frames; a
    caller that remembers its own result, a table's height, passes ``remember=False``)."""
    if not remember:
        return _lay_out(frame, fonts)
    return fonts.remember(("lay_out", frame), lambda: _lay_out(frame, fonts))


def _lay_out(frame: Frame, fonts: Fonts) -> Fit:
    inner = frame.inner_width
    room = frame.box.cy - frame.insets[1] - frame.insets[3] - frame.reserved
    used_pt = 0.0
    lines: list[int] = []
    first_out: int | None = None
    widest = 0.0
    for i, para in enumerate(frame.paras):
        if i:
            used_pt += para.before_pts
        if frame.wrap:
            n = count_lines(para, inner, fonts)
        else:
            n = _hard_lines(para)
            widest = max(widest, _widest_line(para, fonts) + para.mar_l / EMU_PER_PT)
        lines.append(n)
        used_pt += n * para.line_height_pt
        if first_out is None and used_pt * EMU_PER_PT > room + SLACK:
            first_out = i
    rise = overhang_pt(frame.paras[0]) * EMU_PER_PT if frame.paras else 0.0
    used_pt += max(0.0, rise - frame.insets[1]) / EMU_PER_PT  # out of the shape at the top
    needed = int(round(used_pt * EMU_PER_PT)) + frame.insets[1] + frame.insets[3] + frame.reserved
    ratio = needed / frame.box.cy if frame.box.cy > 0 else math.inf
    if frame.box.cy > 0 and frame.box.cy < needed <= frame.box.cy + SLACK:
        ratio = 1.0
    if not frame.wrap and inner > 0:
        ratio = max(ratio, (widest * EMU_PER_PT + frame.insets[0] + frame.insets[2]) / frame.box.cx)
    elif not frame.wrap:
        ratio = math.inf
    if ratio > 1.0 and first_out is None:
        first_out = 0
    return Fit(needed, ratio, tuple(lines), first_out)


def overhang_pt(para: ParaSpec) -> float:
    """At most how far the first line's glyphs rise above the text's top edge when its line
    spacing is below single: LibreOffice takes the cut from above the first line only
    (measured: 90 % at 24 pt moves the first baseline 3 pt up, 1 pt of ink above the edge;
    the lines below keep the 25.9 pt pitch the model gives). An upper bound: the glyphs'
    own clearance (about 0.09 em in Liberation Sans) is not subtracted."""
    if para.line_pts is not None or para.line_pct >= 1.0:
        return 0.0
    return (1.0 - para.line_pct) * LINE_HEIGHT * para.size


# --------------------------------------------------------------------------- breaking lines


@dataclass(frozen=True, slots=True)
class _Atom:
    """An unbreakable stretch of text and the spaces after it (widths in points)."""

    pieces: tuple[Piece, ...]
    width: float
    space: float
    hard_break: bool = False  # a line feed follows


def count_lines(para: ParaSpec, inner_width: int, fonts: Fonts) -> int:
    """Lines ``para`` takes in a frame of ``inner_width`` EMU (at least one)."""
    first_offset = para.mar_l + (para.indent if para.indent > 0 or not para.bullet else 0)
    first_offset = max(first_offset, 0)
    widths = ((inner_width - first_offset) / EMU_PER_PT, (inner_width - para.mar_l) / EMU_PER_PT)
    count, used = 1, 0.0
    for atom in _atoms(para, fonts):
        avail = widths[0] if count == 1 else widths[1]
        if avail <= 0:
            return 10**6
        if used and used + atom.width > avail + 1e-6:
            count += 1
            used = 0.0
            avail = widths[1]
        if atom.width > avail + 1e-6:
            extra, used = _break_word(atom, avail, fonts, para.size)
            count += extra
        else:
            used += atom.width
        used += atom.space
        if atom.hard_break:
            count += 1
            used = 0.0
    return count


def _hard_lines(para: ParaSpec) -> int:
    return 1 + sum(p.text.count("\n") for p in para.pieces)


def _widest_line(para: ParaSpec, fonts: Fonts) -> float:
    widest, line = 0.0, 0.0
    for piece in para.pieces:
        parts = piece.text.split("\n")
        for n, part in enumerate(parts):
            if n:
                widest, line = max(widest, line), 0.0
            line += fonts.width_pt(part, piece.face, para.size)
    return max(widest, line)


def _break_word(atom: _Atom, avail: float, fonts: Fonts, size: float) -> tuple[int, float]:
    """A word wider than a line, broken between characters: (extra lines, width used on
    the last of them)."""
    extra, used = 0, 0.0
    for piece in atom.pieces:
        for ch in piece.text:
            w = fonts.width_pt(ch, piece.face, size)
            if used and used + w > avail + 1e-6:
                extra += 1
                used = 0.0
            used += w
    return extra, used


def _atoms(para: ParaSpec, fonts: Fonts) -> tuple[_Atom, ...]:
    """Split the paragraph at its break opportunities (computed once per text and size for
    ``fonts``: the result depends on nothing else)."""
    return fonts.remember(("atoms", para.pieces, para.size), lambda: tuple(_split(para, fonts)))


def _split(para: ParaSpec, fonts: Fonts) -> list[_Atom]:
    """The paragraph's atoms. A piece is read a stretch at a time (a word, a space, a line
    feed), not a character at a time, and a word and its spaces are kept as runs of one face
    (``[text, face]``) as they grow, so each face's stretch is measured once, as a whole."""
    atoms: list[_Atom] = []
    word: list[list] = []  # [text, face] runs of the current word
    spaces: list[list] = []  # and of the spaces after it
    size = para.size

    def flush(hard: bool = False) -> None:
        if word or spaces or hard:
            atoms.append(_Atom(tuple(Piece(t, f) for t, f in word), _width(word, fonts, size),
                               _width(spaces, fonts, size), hard))
        word.clear()
        spaces.clear()

    pieces = para.pieces
    for p, piece in enumerate(pieces):
        text, face = piece.text, piece.face
        if piece.nobreak:  # one word, but for its line feeds; its spaces are part of it
            for n, part in enumerate(text.split("\n")):
                if n:
                    flush(hard=True)
                if part:
                    if spaces:
                        flush()
                    _append(word, _SPACE.sub(" ", part), face)
            continue
        for stretch in _STRETCH.finditer(text):
            part = stretch.group()
            if part == "\n":
                flush(hard=True)
            elif part[0].isspace():
                _append(spaces, " " * len(part), face)
            else:
                if spaces:
                    flush()
                # a break after a hyphen, dash or slash that follows a character and comes
                # before a letter (the character after this word: a space, or the next piece's)
                done = 0
                for dash in _BREAK_CHAR.finditer(part):
                    at = dash.end()
                    if at == 1 and not word:
                        continue
                    nxt = part[at] if at < len(part) else text[stretch.end():stretch.end() + 1] or _next_char(pieces, p + 1)
                    if nxt and unicodedata.category(nxt).startswith("L"):
                        _append(word, part[done:at], face)
                        flush()
                        done = at
                if done < len(part):
                    _append(word, part[done:], face)
    flush()
    return atoms


_STRETCH = re.compile(r"\n|[^\S\n]+|\S+")
_SPACE = re.compile(r"\s")
_BREAK_CHAR = re.compile("[" + re.escape("".join(sorted(_BREAK_AFTER))) + "]")


def _append(runs: list[list], ch: str, face: Face) -> None:
    """``ch`` onto the last run when it is in ``face``, else as a new run."""
    if runs and runs[-1][1] == face:
        runs[-1][0] += ch
    else:
        runs.append([ch, face])


def _next_char(pieces: Sequence[Piece], start: int) -> str:
    """The first character of the pieces from ``start`` on ("" at the paragraph's end)."""
    for piece in pieces[start:]:
        if piece.text:
            return piece.text[0]
    return ""


def _width(runs: Sequence[list], fonts: Fonts, size: float) -> float:
    return sum(fonts.width_pt(text, face, size) for text, face in runs)
