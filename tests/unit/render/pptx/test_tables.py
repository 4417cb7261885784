"""Tables are written as XML directly (:mod:`deckgen.render.pptx.tables`): byte for byte
what deckgen wrote through python-pptx's table proxies before (the reference below) -- header
and body rows, emphasised rows, column alignment, links (whose colour's namespace prefix lxml
invents in the slide), right-to-left text, rows with fewer cells than columns, shapes already on the slide -- for the tables of the
table and roster layouts of the sample deck and for made-up plans."""

from __future__ import annotations

from dataclasses import replace

from fixtures.sample_deck import every_layout_slides
from lxml import etree
from pptx import Presentation
from pptx.enum.text import PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu

from deckgen.layouts import PlanTable, plan_slide
from deckgen.layouts.tables import CELL_MARGIN_X, CELL_MARGIN_Y
from deckgen.model import Box, Brand, Run
from deckgen.render.pptx.context import Memo, RenderContext
from deckgen.render.pptx.shapes import style_cell
from deckgen.render.pptx.tables import draw_table
from deckgen.render.pptx.text import Style, write_inline

from .conftest import make_deck, photo


def _reference(ctx: RenderContext, plan: PlanTable) -> None:
    """deckgen's table drawer as it was, through python-pptx's table and cell proxies."""
    n_rows, widths = len(plan.rows) + 1, plan.widths
    frame = ctx.shapes.add_table(n_rows, len(widths), Emu(plan.box.x), Emu(plan.box.y), Emu(sum(widths)),
                                 Emu(plan.heights[0] * n_rows))
    frame.name = plan.name
    table = frame.table
    table.first_row = True
    table.horz_banding = False
    style_id = frame.element.find(".//" + qn("a:tableStyleId"))
    style_id.getparent().remove(style_id)
    for grid_col, width in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=True):
        grid_col.w = Emu(width)
    frame.width = Emu(sum(widths))
    for heights in ([plan.heights[0]] * n_rows, plan.heights):
        for tr, height in zip(table._tbl.tr_lst, heights, strict=True):
            tr.h = Emu(height)
        frame.height = Emu(sum(heights))
    done: dict = {}  # type: ignore[type-arg]
    margins = (CELL_MARGIN_X, CELL_MARGIN_Y)
    aligns = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}

    def fill(cell, inline, style, color, rule, col):  # type: ignore[no-untyped-def]
        style_cell(cell, fill=color, rule=rule, margins=margins, done=done)
        write_inline(cell.text_frame, inline, style, cell=True)
        align = aligns.get(plan.align[col]) if col < len(plan.align) else None
        if align is not None:
            for paragraph in cell.text_frame.paragraphs:
                paragraph.alignment = align

    style = Style(size=plan.size, color=ctx.color("on_primary"), font=ctx.font("heading"), bold=True)
    for col, inline in enumerate(plan.header):
        fill(table.cell(0, col), inline, style, ctx.color("primary"), None, col)
    for r, row in enumerate(plan.rows, start=1):
        strong = r - 1 < len(plan.emphasis) and plan.emphasis[r - 1]
        style = Style(size=plan.size, color=ctx.color("text"), font=ctx.font("body"), bold=strong)
        color = ctx.color("surface") if strong else ctx.color("background")
        rule = ctx.color("background") if strong else ctx.color("surface")
        for col, inline in enumerate(row):
            fill(table.cell(r, col), inline, style, color, rule, col)


def _plans(ks_brand: Brand) -> list[PlanTable]:
    plans = []
    for slide in every_layout_slides(photo()):
        if slide.layout in ("table", "roster"):
            area = Box(576000, 1548000, 11040000, 4700000)
            plans += plan_slide(slide, area, "nb-NO", ks_brand.fit).tables
    assert len(plans) >= 2
    base = plans[0]
    link = (Run("lenke", href="https://example.org/"), Run(" og tekst"))
    odd = replace(base, header=(link,) + base.header[1:], align=("right", "center", "")[: len(base.widths)],
                  rows=tuple((link,) + row[1:] for row in base.rows), emphasis=(True, False, True),
                  name="Odd table")
    rtl = replace(base, header=((Run("שלום"),),) + base.header[1:])
    short = replace(base, header=base.header[:1], rows=tuple(row[:2] for row in base.rows))
    return [*plans, odd, rtl, short]


def _drawn(draw, ks_brand: Brand, plan: PlanTable, memo: Memo) -> bytes:  # type: ignore[no-untyped-def]
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.add_textbox(0, 0, 100, 100).text_frame.text = "before"
    ctx = RenderContext(deck=make_deck(ks_brand), slide=slide, layout=None, number=1,  # type: ignore[arg-type]
                        source=None, memo=memo)  # type: ignore[arg-type]
    draw(ctx, plan)
    draw(ctx, replace(plan, name="Second"))  # a second table on the slide: new id, looks copied
    rels = sorted((r.rId, r.target_ref) for r in slide.part.rels.values())
    return etree.tostring(slide.element) + repr(rels).encode()


def test_tables_written_directly_are_python_pptxs(ks_brand: Brand) -> None:
    memo = Memo()
    for plan in _plans(ks_brand):
        assert _drawn(draw_table, ks_brand, plan, memo) == _drawn(_reference, ks_brand, plan, Memo()), plan.name
    assert len(memo.cell_looks) >= 3
