"""Writing model text into PowerPoint text frames, and estimating how much room it needs.

Responsibility: the one place that turns :class:`~deckgen.model.Text` / ``Inline`` into
DrawingML paragraphs and runs (levels, bullets, bold/italic/code, hyperlinks, right-to-left),
the one place that stamps the deck's language on every run, and the text measurement the
layouts use to choose font sizes that fit ("fit by design": no ``normAutofit`` anywhere).

Layout modules never build ``a:r``/``a:pPr`` XML themselves; they call :func:`write_text`,
:func:`write_inline` or :func:`add_paragraph` here.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.text.text import TextFrame, _Paragraph
from pptx.util import Emu, Pt

from deckgen.model import Inline, Para, Run, Text

SAFE_SCHEMES = ("http", "https", "mailto")
MONO_FONT = "Courier New"  # metric twin of Liberation Mono; present wherever Office is
BULLET_CHAR = "•"
# Indent of one list level in frames that do not inherit bullets from the master (EMU).
LEVEL_INDENT = 228600  # 0.25 in
LINE_SPACING = 1.2  # PowerPoint's single spacing is ~1.2 x the font size for Arial

# pPr children in schema order (CT_TextParagraphProperties); bullets must go before these.
_AFTER_BULLET = ("a:tabLst", "a:defRPr", "a:extLst")
_BULLET_TAGS = ("a:buFont", "a:buNone", "a:buAutoNum", "a:buChar", "a:buBlip")
# a:hlinkClick extension that makes PowerPoint colour a link like its run, not the theme.
_HLINK_COLOR_EXT = "{A12FA001-AC4F-418D-AE19-62706E023703}"
_HLINK_COLOR_NS = "http://schemas.microsoft.com/office/drawing/2018/hyperlinkcolor"


@dataclass(frozen=True, slots=True)
class Style:
    """Formatting applied to every paragraph and run written by one call.

    ``None`` means "inherit from the placeholder / master", which is what placeholders want;
    drawn shapes pass explicit values so they look the same on any master.
    """

    size: float | None = None  # points
    color: str | None = None  # "#RRGGBB"
    font: str | None = None  # latin typeface
    bold: bool | None = None
    # Paragraph alignment. Drawn shapes always set it: PowerPoint's default for shape text
    # is left, LibreOffice's is centred, and the deck must read the same in both.
    align: PP_ALIGN | None = None


INHERIT = Style()  # everything from the placeholder and master

# --------------------------------------------------------------------------- writing


def safe_href(href: str) -> str:
    """Return ``href`` if its scheme is allow-listed; resolve already filters, so a bad
    scheme here is a bug and fails loudly rather than producing a dangerous link."""
    scheme = urlsplit(href).scheme.lower()
    if scheme not in SAFE_SCHEMES:
        raise ValueError(f"hyperlink scheme {scheme!r} is not allowed: {href!r}")
    return href


def prepare_frame(frame: TextFrame, *, margins: tuple[int, int, int, int] | None = None, cell: bool = False) -> None:
    """Clear ``frame`` and switch off every kind of autofit (sizes are chosen by design).

    ``margins`` are (left, top, right, bottom) insets in EMU; ``None`` keeps the inherited ones.
    A table ``cell``'s frame is only cleared: its insets and wrapping belong to the cell.
    """
    frame.clear()
    if cell:
        return
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    if margins is not None:
        left, top, right, bottom = margins
        frame.margin_left, frame.margin_top = Emu(left), Emu(top)
        frame.margin_right, frame.margin_bottom = Emu(right), Emu(bottom)


def write_text(
    frame: TextFrame,
    text: Text,
    style: Style = INHERIT,
    *,
    inherits_bullets: bool = True,
    space_before: float | None = None,
    margins: tuple[int, int, int, int] | None = None,
    cell: bool = False,
) -> None:
    """Replace the contents of ``frame`` with ``text``, one DrawingML paragraph per ``Para``.

    ``inherits_bullets`` says whether the frame's master style already draws bullets (body
    placeholders) -- then "bullet" paragraphs inherit them and "text" paragraphs switch them
    off; in plain text boxes "bullet" paragraphs get an explicit bullet and indent instead.
    """
    prepare_frame(frame, margins=margins, cell=cell)
    paras = text or (Para(()),)
    for i, para in enumerate(paras):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        fill_paragraph(p, para, style, inherits_bullets=inherits_bullets)
        if space_before is not None and i > 0:
            p.space_before = Pt(space_before)


def write_inline(
    frame: TextFrame,
    inline: Inline,
    style: Style = INHERIT,
    *,
    margins: tuple[int, int, int, int] | None = None,
    cell: bool = False,
) -> _Paragraph:
    """Replace the contents of ``frame`` with one paragraph holding ``inline``."""
    prepare_frame(frame, margins=margins, cell=cell)
    p = frame.paragraphs[0]
    if style.align is not None:
        p.alignment = style.align
    add_runs(p, inline, style)
    return p


def add_paragraph(
    frame: TextFrame,
    para: Para,
    style: Style = INHERIT,
    *,
    inherits_bullets: bool = False,
    space_before: float | None = None,
    first: bool = False,
) -> _Paragraph:
    """Append ``para`` to ``frame`` (or fill its first, empty paragraph when ``first``)."""
    p = frame.paragraphs[0] if first else frame.add_paragraph()
    fill_paragraph(p, para, style, inherits_bullets=inherits_bullets)
    if space_before is not None:
        p.space_before = Pt(space_before)
    return p


def fill_paragraph(p: _Paragraph, para: Para, style: Style, *, inherits_bullets: bool) -> None:
    """Set level, list marker and direction of ``p`` and append the runs of ``para``."""
    p.level = min(max(para.level, 0), 8)
    _set_list_marker(p, para, inherits_bullets)
    if style.align is not None:
        p.alignment = style.align
    if para.rtl:
        p_pr = p._p.get_or_add_pPr()
        p_pr.set("rtl", "1")
        p_pr.set("algn", "r")
    add_runs(p, para.runs, style)


def add_runs(p: _Paragraph, inline: Inline, style: Style) -> None:
    """Append one DrawingML run per model ``Run`` (line feeds become ``a:br``)."""
    for run in inline:
        pieces = run.text.split("\n")
        for n, piece in enumerate(pieces):
            if n > 0:
                p.add_line_break()
            if piece:
                _add_run(p, run, piece, style)


def _add_run(p: _Paragraph, run: Run, text: str, style: Style) -> None:
    r = p.add_run()
    r.text = text
    font = r.font
    if style.size is not None:
        font.size = Pt(style.size)
    if run.bold or style.bold:
        font.bold = True
    if run.italic:
        font.italic = True
    if style.color is not None:
        font.color.rgb = rgb(style.color)
    if run.code:
        font.name = MONO_FONT
    elif style.font is not None:
        font.name = style.font
    if run.href is not None:
        set_run_link(r, run.href, keep_color=style.color is not None)


def set_run_link(r: object, href: str, *, keep_color: bool) -> None:
    """Hyperlink run ``r`` to ``href``; with ``keep_color`` PowerPoint shows the run's own
    colour instead of the theme's link colour (unreadable on coloured cards otherwise)."""
    r.hyperlink.address = safe_href(href)  # type: ignore[attr-defined]
    if keep_color:
        click = r._r.rPr.find(qn("a:hlinkClick"))  # type: ignore[attr-defined]
        ext_lst = etree.SubElement(click, qn("a:extLst"))
        ext = etree.SubElement(ext_lst, qn("a:ext"), uri=_HLINK_COLOR_EXT)
        etree.SubElement(ext, f"{{{_HLINK_COLOR_NS}}}hlinkClr", val="tx")


def _set_list_marker(p: _Paragraph, para: Para, inherits_bullets: bool) -> None:
    """Bullets and numbers: inherit where the master draws them, explicit elsewhere."""
    if para.kind == "bullet" and inherits_bullets:
        return
    p_pr = p._p.get_or_add_pPr()
    for tag in _BULLET_TAGS:
        for old in p_pr.findall(qn(tag)):
            p_pr.remove(old)
    if para.kind == "text":
        if inherits_bullets:
            p_pr.set("marL", "0")
            p_pr.set("indent", "0")
            _insert_bullet(p_pr, etree.Element(qn("a:buNone")))
        return
    if not inherits_bullets:
        p_pr.set("marL", str(LEVEL_INDENT * (para.level + 1)))
        p_pr.set("indent", str(-LEVEL_INDENT))
    if para.kind == "number":
        _insert_bullet(p_pr, etree.Element(qn("a:buAutoNum"), type="arabicPeriod"))
    else:
        _insert_bullet(p_pr, etree.Element(qn("a:buFont"), typeface="Arial"))
        _insert_bullet(p_pr, etree.Element(qn("a:buChar"), char=BULLET_CHAR))


def _insert_bullet(p_pr: etree._Element, element: etree._Element) -> None:
    p_pr.insert_element_before(element, *_AFTER_BULLET)  # type: ignore[attr-defined]


def rgb(color: str) -> RGBColor:
    """``#RRGGBB`` -> python-pptx colour."""
    return RGBColor.from_string(color.lstrip("#").upper())


# --------------------------------------------------------------------------- language


def stamp_language(root: etree._Element, lang: str) -> None:
    """Put ``lang`` on the properties of every run, field and line break under ``root``, and
    on every paragraph's end properties, so spelling and voices use the deck's language.

    Runs every slide and notes page through one pass after rendering: whatever added the
    text (placeholders, tables, shapes, fields), nothing is left in the master's language.
    """
    for tag in ("a:r", "a:fld", "a:br"):
        for el in root.iter(qn(tag)):
            el.get_or_add_rPr().set("lang", lang)
    for p in root.iter(qn("a:p")):
        p.get_or_add_endParaRPr().set("lang", lang)


# --------------------------------------------------------------------------- measuring

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


def para_lines(text: Text, size: float, *, bold: bool = False, space_before: float = 0.0, bullets: bool) -> list[Line]:
    """:class:`Line`s for a model text; list paragraphs are indented as :func:`write_text`
    indents them in frames that do not inherit bullets (``bullets=True``)."""
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
