"""Text frames and paragraphs are written as XML directly (:mod:`deckgen.render.pptx.frames`,
used by :mod:`deckgen.render.pptx.text`): the same elements, attributes and order as
python-pptx's ``TextFrame`` and ``_Paragraph`` setters write, for every combination deckgen
uses -- frames with old content, insets (default and not), cells; paragraphs of every kind,
level, alignment and direction, space before, fitted sizes and line spacing; and a link after
them all (whose namespace prefix lxml invents: nothing before it may disturb that)."""

from __future__ import annotations

import itertools

from lxml import etree
from pptx import Presentation
from pptx.enum.text import MSO_AUTO_SIZE, PP_ALIGN
from pptx.text.text import TextFrame
from pptx.util import Emu, Pt

from deckgen import fitting
from deckgen.model import Para, Run
from deckgen.render.pptx import text as ours
from deckgen.render.pptx.text import Style, add_runs

PARAS = (
    Para((Run("one"),)),
    Para((Run("two", bold=True),), level=1),
    Para((Run("tre"),), kind="text"),
    Para((Run("fire"),), kind="number", level=2),
    Para((Run("עברית"),), rtl=True),
    Para(()),
)
STYLES = (Style(), Style(size=14, align=PP_ALIGN.LEFT), Style(align=PP_ALIGN.CENTER, bullet_color="#123456"))
MARGINS = (None, (0, 0, 0, 0), (91440, 45720, 91440, 45720), (10, 45720, 7, 91440))
LINK = (Run("link", href="https://example.org/"),)


def _reference_prepare(frame: TextFrame, *, margins=None, cell=False) -> None:  # type: ignore[no-untyped-def]
    """What deckgen wrote through python-pptx's proxies before (the reference)."""
    frame.clear()
    if cell:
        return
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    if margins is not None:
        left, top, right, bottom = margins
        frame.margin_left, frame.margin_top = Emu(left), Emu(top)
        frame.margin_right, frame.margin_bottom = Emu(right), Emu(bottom)


def _reference_write(frame, text, style, *, inherits_bullets, space_before, margins, cell) -> None:  # type: ignore[no-untyped-def]
    _reference_prepare(frame, margins=margins, cell=cell)
    for i, para in enumerate(text):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        p.level = min(max(para.level, 0), 8)
        ours._set_list_marker(p, para, inherits_bullets, style.bullet_color)
        if style.align is not None:
            p.alignment = style.align
        if para.rtl:
            p_pr = p._p.get_or_add_pPr()
            p_pr.set("rtl", "1")
            p_pr.set("algn", "r")
        add_runs(p, para.runs, style)
        if space_before is not None and i > 0:
            p.space_before = Pt(space_before)


def _reference_fit(frame: TextFrame, fit: fitting.BoxFit) -> None:
    for p, size, line in zip(frame.paragraphs, fit.sizes, fit.lines, strict=False):
        p.line_spacing = line
        for r in p.runs:
            r.font.size = Pt(size)
        end = p._p.find("{http://schemas.openxmlformats.org/drawingml/2006/main}endParaRPr")
        if end is not None:
            end.set("sz", str(int(round(size * 100))))


_PRS = Presentation()
_LAYOUT = _PRS.slide_layouts[1]


def _frame(kind: str):  # type: ignore[no-untyped-def]
    """A frame with old content: a body placeholder, a text box, or a table cell (on a new
    slide of one presentation: its links' relationships start alike on every slide)."""
    slide = _PRS.slides.add_slide(_LAYOUT)
    if kind == "cell":
        frame = slide.shapes.add_table(2, 2, 0, 0, 100, 100).table.cell(0, 0).text_frame
    elif kind == "box":
        frame = slide.shapes.add_textbox(0, 0, 100, 100).text_frame
        frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
    else:
        frame = slide.placeholders[1].text_frame
    frame.text = "old\vtext"
    frame.add_paragraph().text = "more"
    frame.paragraphs[0].alignment = PP_ALIGN.RIGHT
    frame._txBody.bodyPr.set("lIns", "5")
    return slide, frame


def _written(write, kind: str, text, style: Style, margins, space_before, fit) -> bytes:  # type: ignore[no-untyped-def]
    slide, frame = _frame(kind)
    write(frame, text, style, inherits_bullets=kind == "body", space_before=space_before,
          margins=margins, cell=kind == "cell")
    if fit is not None:
        (ours.apply_fit if write is ours.write_text else _reference_fit)(frame, fit)
    add_runs(frame.paragraphs[-1], LINK, Style(color="#000000"))  # after everything: its prefix
    return etree.tostring(slide.element)


def test_frames_and_paragraphs_written_directly_are_python_pptxs() -> None:
    fits = (None, fitting.BoxFit("body", sizes=(20, 18, 12.5), lines=(0.9, 1.0, 0.85)))
    cases = 0
    for kind, style, margins, space, fit in itertools.product(
            ("body", "box", "cell"), STYLES, MARGINS, (None, 4.5), fits):
        for k in (0, 3):
            text = PARAS[k:] + PARAS[:k]
            args = (kind, text, style, margins, space, fit)
            assert _written(ours.write_text, *args) == _written(_reference_write, *args), args
            cases += 1
    assert cases > 200


def test_inline_and_added_paragraphs_are_python_pptxs() -> None:
    for kind, style, margins in itertools.product(("body", "box", "cell"), STYLES, MARGINS):
        slide, frame = _frame(kind)
        ours.write_inline(frame, (Run("שלום"),), style, margins=margins, cell=kind == "cell")
        ours.add_paragraph(frame, PARAS[1], style, space_before=3)
        ours.add_paragraph(frame, PARAS[3], style, first=True)
        mine = etree.tostring(slide.element)
        slide, frame = _frame(kind)
        _reference_prepare(frame, margins=margins, cell=kind == "cell")
        p = frame.paragraphs[0]
        if style.align is not None:
            p.alignment = style.align
        p._p.get_or_add_pPr().set("rtl", "1")
        add_runs(p, (Run("שלום"),), style)
        _reference_write_one(frame.add_paragraph(), PARAS[1], style, 3)
        _reference_write_one(frame.paragraphs[0], PARAS[3], style, None)
        assert mine == etree.tostring(slide.element), (kind, style, margins)


def _reference_write_one(p, para: Para, style: Style, space_before) -> None:  # type: ignore[no-untyped-def]
    p.level = min(max(para.level, 0), 8)
    ours._set_list_marker(p, para, False, style.bullet_color)
    if style.align is not None:
        p.alignment = style.align
    add_runs(p, para.runs, style)
    if space_before is not None:
        p.space_before = Pt(space_before)
