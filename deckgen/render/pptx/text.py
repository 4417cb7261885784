"""Writing model text into PowerPoint text frames.

Responsibility: the one place that turns :class:`~deckgen.model.Text` / ``Inline`` into
DrawingML paragraphs and runs (levels, bullets, bold/italic/code, hyperlinks, right-to-left)
and the one place that stamps the deck's language on every run. The text estimate the
layouts use to choose font sizes that fit ("fit by design": no ``normAutofit`` anywhere) is
:mod:`deckgen.geometry`'s, shared with ``check``.

Layout modules never build ``a:r``/``a:pPr`` XML themselves; they call :func:`write_text`,
:func:`write_inline` or :func:`add_paragraph` here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.text import PP_ALIGN
from pptx.oxml.ns import qn
from pptx.text.text import TextFrame, _Paragraph, _Run
from pptx.util import Pt

from deckgen.geometry import LEVEL_INDENT
from deckgen.model import BoxFit, Inline, Para, Run, Text, is_rtl, is_safe_href, plain
from deckgen.render.pptx.frames import (
    add_p,
    clear_body,
    get_or_add_ppr,
    insert_before,
    set_align,
    set_insets,
    set_level,
    set_line_spacing,
    set_run_sizes,
    set_space_before,
    wrap_without_autofit,
)

MONO_FONT = "Courier New"  # metric twin of Liberation Mono; present wherever Office is
BULLET_CHAR = "•"

# pPr children in schema order (CT_TextParagraphProperties); bullets must go before these.
_AFTER_BULLET = frozenset(qn(t) for t in ("a:tabLst", "a:defRPr", "a:extLst"))
_BULLET_TAGS = tuple(qn(t) for t in ("a:buClr", "a:buFont", "a:buNone", "a:buAutoNum", "a:buChar", "a:buBlip"))
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
    # The colour of a bullet drawn here (not inherited from a body placeholder): the brand's
    # accent, as the master's body bullets and the reveal.js markers have it. None: the text's.
    bullet_color: str | None = None


INHERIT = Style()  # everything from the placeholder and master

# --------------------------------------------------------------------------- writing


def safe_href(href: str) -> str:
    """Return ``href`` if :func:`~deckgen.model.is_safe_href` allows it; load, resolve and
    check already refuse others, so one here is a bug and fails loudly rather than producing a
    dangerous link."""
    if not is_safe_href(href):
        raise ValueError(f"hyperlink {href!r} is not an allowed link")
    return href


def prepare_frame(frame: TextFrame, *, margins: tuple[int, int, int, int] | None = None, cell: bool = False) -> None:
    """Clear ``frame`` and switch off every kind of autofit (sizes are chosen by design).

    ``margins`` are (left, top, right, bottom) insets in EMU; ``None`` keeps the inherited ones.
    A table ``cell``'s frame is only cleared: its insets and wrapping belong to the cell.
    """
    body = frame._txBody
    clear_body(body)
    if cell:
        return
    wrap_without_autofit(body)
    if margins is not None:
        set_insets(body, margins)


def set_margins(frame: TextFrame, margins: tuple[int, int, int, int]) -> None:
    """Set ``frame``'s (left, top, right, bottom) insets in EMU."""
    set_insets(frame._txBody, margins)


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
    body = frame._txBody
    paras = text or (Para(()),)
    for i, para in enumerate(paras):
        p = _Paragraph(body.find(_A_P) if i == 0 else add_p(body), frame)
        fill_paragraph(p, para, style, inherits_bullets=inherits_bullets)
        if space_before is not None and i > 0:
            set_space_before(p._p, Pt(space_before))


def apply_fit(frame: TextFrame, fit: BoxFit | None) -> None:
    """Set the sizes and line spacing the fit step chose (:class:`~deckgen.model.BoxFit`) on
    a placeholder's paragraphs: explicit run sizes and ``a:lnSpc``, never ``normAutofit``'s
    ``fontScale`` -- LibreOffice recomputes that on open, so only explicit sizes look the
    same in both applications (docs/check.md, "Fitting text")."""
    if fit is None:
        return
    for p, size, line in zip(frame._txBody.iterchildren(_A_P), fit.sizes, fit.lines, strict=False):
        set_line_spacing(p, line)
        set_run_sizes(p, Pt(size).centipoints)
        end = p.find(_A_END)
        if end is not None:
            end.set("sz", str(int(round(size * 100))))


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
    p = _Paragraph(frame._txBody.find(_A_P), frame)
    if style.align is not None:
        set_align(p._p, style.align.xml_value)
    if is_rtl(plain(inline)):
        get_or_add_ppr(p._p).set("rtl", "1")
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
    body = frame._txBody
    p = _Paragraph(body.find(_A_P) if first else add_p(body), frame)
    fill_paragraph(p, para, style, inherits_bullets=inherits_bullets)
    if space_before is not None:
        set_space_before(p._p, Pt(space_before))
    return p


def fill_paragraph(p: _Paragraph, para: Para, style: Style, *, inherits_bullets: bool) -> None:
    """Set level, list marker and direction of ``p`` and append the runs of ``para``."""
    set_level(p._p, min(max(para.level, 0), 8))
    _set_list_marker(p, para, inherits_bullets, style.bullet_color)
    if style.align is not None:
        set_align(p._p, style.align.xml_value)
    if para.rtl:
        p_pr = get_or_add_ppr(p._p)
        p_pr.set("rtl", "1")
        p_pr.set("algn", "r")
    add_runs(p, para.runs, style)


def add_runs(p: _Paragraph, inline: Inline, style: Style) -> None:
    """Append one DrawingML run per model ``Run`` (line feeds become ``a:br``)."""
    p_el = p._p
    for run in inline:
        pieces = run.text.split("\n")
        for n, piece in enumerate(pieces):
            if n > 0:
                _append_content(p_el, _A_BR)
            if piece:
                _add_run(p, run, piece, style)


# The run XML is written here directly, element by element, rather than through python-pptx's
# run and font proxies (which look each child up by schema position on every assignment):
# the same elements, attributes and order as ``p.add_run()`` then ``font.size``, ``bold``,
# ``italic``, ``color.rgb`` and ``name`` would write -- tests/unit/render/pptx/test_text_xml.py
# compares the two. Hyperlinks still go through python-pptx (a relationship is added).
_A_R, _A_BR, _A_RPR, _A_T = qn("a:r"), qn("a:br"), qn("a:rPr"), qn("a:t")
_A_FILL, _A_SRGB, _A_LATIN = qn("a:solidFill"), qn("a:srgbClr"), qn("a:latin")
_A_END = qn("a:endParaRPr")
_CTRL = re.compile(r"([\x00-\x08\x0B-\x1F])")


def _append_content(p_el: etree._Element, tag: str) -> etree._Element:
    """A new run or break in paragraph ``p_el``, before its end properties (always last).
    Made in the paragraph's own document: an element made apart and moved in would change
    the prefixes lxml invents for namespaces declared further down (a link's colour)."""
    end = p_el[-1] if len(p_el) and p_el[-1].tag == _A_END else None
    child = etree.SubElement(p_el, tag)
    if end is not None:
        end.addprevious(child)
    return child


def _add_run(p: _Paragraph, run: Run, text: str, style: Style) -> None:
    p_el = p._p
    r = _append_content(p_el, _A_R)
    attrs: dict[str, str] = {}
    if style.size is not None:
        attrs["sz"] = str(Pt(style.size).centipoints)
    if run.bold or style.bold:
        attrs["b"] = "1"
    if run.italic:
        attrs["i"] = "1"
    latin = MONO_FONT if run.code else style.font
    r_pr = etree.SubElement(r, _A_RPR, attrs)  # python-pptx's ``r.font`` always adds one
    color = run.color or style.color  # a code run's syntax colour wins over the style's
    if color is not None:
        fill = etree.SubElement(r_pr, _A_FILL)
        etree.SubElement(fill, _A_SRGB, val=color.lstrip("#").upper())
    if latin is not None:
        etree.SubElement(r_pr, _A_LATIN, typeface=latin)
    etree.SubElement(r, _A_T).text = _CTRL.sub(lambda m: f"_x{ord(m.group(1)):04X}_", text)
    if run.href is not None:
        set_run_link(_Run(r, p), run.href, keep_color=style.color is not None)


def set_run_link(r: object, href: str, *, keep_color: bool) -> None:
    """Hyperlink run ``r`` to ``href``; with ``keep_color`` PowerPoint shows the run's own
    colour instead of the theme's link colour (unreadable on coloured cards otherwise)."""
    r.hyperlink.address = safe_href(href)  # type: ignore[attr-defined]
    if keep_color:
        click = r._r.rPr.find(qn("a:hlinkClick"))  # type: ignore[attr-defined]
        ext_lst = etree.SubElement(click, qn("a:extLst"))
        ext = etree.SubElement(ext_lst, qn("a:ext"), uri=_HLINK_COLOR_EXT)
        etree.SubElement(ext, f"{{{_HLINK_COLOR_NS}}}hlinkClr", val="tx")


def _set_list_marker(p: _Paragraph, para: Para, inherits_bullets: bool, color: str | None = None) -> None:
    """Bullets and numbers: inherit where the master draws them, explicit elsewhere."""
    if para.kind == "bullet" and inherits_bullets:
        return
    p_pr = get_or_add_ppr(p._p)
    for old in list(p_pr.iterchildren(*_BULLET_TAGS)):
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
    if color is not None:
        bu_clr = etree.Element(qn("a:buClr"))
        etree.SubElement(bu_clr, qn("a:srgbClr"), val=color.lstrip("#").upper())
        _insert_bullet(p_pr, bu_clr)  # schema order: buClr before buFont and the bullet itself
    if para.kind == "number":
        _insert_bullet(p_pr, etree.Element(qn("a:buAutoNum"), type="arabicPeriod"))
    else:
        _insert_bullet(p_pr, etree.Element(qn("a:buFont"), typeface="Arial"))
        _insert_bullet(p_pr, etree.Element(qn("a:buChar"), char=BULLET_CHAR))


def _insert_bullet(p_pr: etree._Element, element: etree._Element) -> None:
    insert_before(p_pr, element, _AFTER_BULLET)


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
    # One walk over the tree (collected first: the walk adds elements); each element's own
    # properties are all it touches, so the order is python-pptx's result either way.
    for el in list(root.iter(_A_R, _A_FLD, _A_BR, _A_P)):
        if el.tag != _A_P:
            _first_child(el, _A_RPR).set("lang", lang)
            continue
        end = el[-1] if len(el) else None
        if end is None or end.tag != _A_END:
            end = etree.SubElement(el, _A_END)
        end.set("lang", lang)


_A_P, _A_FLD = qn("a:p"), qn("a:fld")


def _first_child(el: etree._Element, tag: str) -> etree._Element:
    """``el``'s ``tag`` child, made as its first child if it has none: python-pptx's
    ``get_or_add_rPr`` for runs, fields and breaks, whose properties come first."""
    if len(el) and el[0].tag == tag:
        return el[0]
    child = etree.SubElement(el, tag)
    el.insert(0, child)
    return child
