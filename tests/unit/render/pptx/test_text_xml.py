"""Runs are written as XML directly (:mod:`deckgen.render.pptx.text`): the same elements,
attributes and order python-pptx's run and font proxies write, for every combination of
what a run carries (bold, italic, code, a link, control characters, line feeds) and what a
style sets, in an empty paragraph and in one that ends with its end properties."""

from __future__ import annotations

import itertools

from lxml import etree
from pptx import Presentation
from pptx.text.text import _Paragraph
from pptx.util import Pt

from deckgen.model import Run
from deckgen.render.pptx.text import MONO_FONT, Style, add_runs, rgb, set_run_link

STYLES = [Style(), Style(size=13.5), Style(size=20, color="#aabbcc", font="Georgia", bold=True),
          Style(color="#102030"), Style(font="Arial")]
RUNS = [Run(text, bold=b, italic=i, code=c, href=h)
        for text, b, i, c, h in itertools.product(
            ("plain", "two\nlines", "bell\x07 and tab\t"), (False, True), (False, True), (False, True),
            (None, "https://example.org/x"))]


def _python_pptx(p: _Paragraph, inline: tuple[Run, ...], style: Style) -> None:
    """What deckgen wrote through python-pptx's proxies before (the reference)."""
    for run in inline:
        for n, piece in enumerate(run.text.split("\n")):
            if n > 0:
                p.add_line_break()
            if not piece:
                continue
            r = p.add_run()
            r.text = piece
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


def _written(write, inline: tuple[Run, ...], style: Style, end: bool) -> bytes:  # type: ignore[no-untyped-def]
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    p = slide.shapes.add_textbox(0, 0, 100, 100).text_frame.paragraphs[0]
    if end:
        p._p.get_or_add_endParaRPr().set("lang", "nb-NO")
    write(p, inline, style)
    rels = sorted((r.rId, r.reltype, r.target_ref) for r in slide.part.rels.values())
    return etree.tostring(slide.element) + repr(rels).encode()


def test_runs_written_directly_are_python_pptxs_runs() -> None:
    for style, end in itertools.product(STYLES, (False, True)):
        for k in range(0, len(RUNS), 5):
            inline = tuple(RUNS[k:k + 5])
            assert _written(add_runs, inline, style, end) == _written(_python_pptx, inline, style, end), (style, inline)


def _styled_table(done: dict | None) -> bytes:  # type: ignore[type-arg]
    from deckgen.render.pptx.shapes import style_cell

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    table = slide.shapes.add_table(4, 3, 0, 0, 3000, 3000).table
    looks = [("#112233", None, (91440, 45720)), ("#FFFFFF", "#EEEEEE", (91440, 45720)),
             (None, "#EEEEEE", (10, 20)), ("#FFFFFF", "#EEEEEE", (91440, 45720))]
    for r, (fill, rule, margins) in enumerate(looks):
        for c in range(3):
            style_cell(table.cell(r, c), fill=fill, rule=rule, margins=margins, done=done)
    style_cell(table.cell(0, 0), fill="#445566", rule="#000000", done=done)  # restyled: not fresh
    return etree.tostring(slide.element)


def test_cells_styled_from_a_copy_are_cells_styled_through_python_pptx() -> None:
    done: dict = {}  # type: ignore[type-arg]
    assert _styled_table(done) == _styled_table(None)
    assert len(done) == 3  # one written per look, the rest copied


def _stamped(stamp) -> bytes:  # type: ignore[no-untyped-def]
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    frame = slide.placeholders[1].text_frame
    frame.text = "first"
    p = frame.add_paragraph()
    p.add_run().text = "plain"
    p.add_line_break()
    r = p.add_run()
    r.text = "bold"
    r.font.bold = True
    fld = etree.SubElement(p._p, "{http://schemas.openxmlformats.org/drawingml/2006/main}fld", type="slidenum")
    etree.SubElement(fld, "{http://schemas.openxmlformats.org/drawingml/2006/main}t").text = "1"
    p._p.get_or_add_endParaRPr().set("sz", "1200")
    frame.add_paragraph()
    slide.shapes.title.text = "A title"
    stamp(slide.element, "nb-NO")
    return etree.tostring(slide.element)


def test_the_language_is_stamped_as_python_pptx_would() -> None:
    from pptx.oxml.ns import qn

    from deckgen.render.pptx.text import stamp_language

    def reference(root, lang):  # type: ignore[no-untyped-def]
        for tag in ("a:r", "a:fld", "a:br"):
            for el in root.iter(qn(tag)):
                el.get_or_add_rPr().set("lang", lang)
        for p in root.iter(qn("a:p")):
            p.get_or_add_endParaRPr().set("lang", lang)

    ours = _stamped(stamp_language)
    assert ours == _stamped(reference)
    assert ours.count(b'lang="nb-NO"') == 10
