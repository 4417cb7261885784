"""Native tables: a header row and body rows, as the layout's plan places them.

Responsibility: the one table drawer the ``roster`` and ``table`` layouts share. Widths, row
heights and the font size are the plan's (:mod:`deckgen.layouts.tables`, shared with the
reveal.js renderer and ``check``). The header row is filled with the brand's primary colour;
emphasised rows (a roster's leader and deputy) are bold on the surface colour.

The table's XML is written here directly: the graphic frame, grid, rows and cells python-pptx's
``shapes.add_table`` makes, as deckgen then sets them (first row on, banding and the theme's
table style off, the plan's widths and heights), without a proxy per cell. A cell is made and
styled by python-pptx (:func:`~deckgen.render.pptx.shapes.style_cell`) once per look and
render, and copied; its text goes through :func:`~deckgen.render.pptx.text.write_inline`.
``tests/unit/render/pptx/test_tables.py`` compares the result with python-pptx's, byte for byte.
"""

from __future__ import annotations

import copy
from typing import Any, cast

from lxml import etree
from pptx.oxml import oxml_parser
from pptx.oxml.ns import qn
from pptx.oxml.table import CT_TableCell
from pptx.table import _Cell
from pptx.text.text import TextFrame

from deckgen.layouts import PlanTable
from deckgen.layouts.tables import CELL_MARGIN_X, CELL_MARGIN_Y
from deckgen.render.pptx.context import RenderContext
from deckgen.render.pptx.frames import set_align
from deckgen.render.pptx.placeholders import insert_shape, next_shape_id
from deckgen.render.pptx.shapes import style_cell
from deckgen.render.pptx.text import Style, write_inline

_NSMAP = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main",
          "p": "http://schemas.openxmlformats.org/presentationml/2006/main"}
_TABLE_URI = "http://schemas.openxmlformats.org/drawingml/2006/table"
_A_TXBODY, _A_P = qn("a:txBody"), qn("a:p")
_T = {tag: qn(tag) for tag in (  # the Clark names of the tags a table is made of
    "a:ext", "a:graphic", "a:graphicData", "a:graphicFrameLocks", "a:gridCol", "a:off", "a:tbl",
    "a:tblGrid", "a:tblPr", "a:tr",
    "p:cNvGraphicFramePr", "p:cNvPr", "p:graphicFrame", "p:nvGraphicFramePr", "p:nvPr", "p:xfrm",
)}  # fmt: skip
_ALIGN = {"left": "l", "center": "ctr", "right": "r"}


def draw_table(ctx: RenderContext, plan: PlanTable) -> etree._Element:
    """Draw ``plan`` as a native table at the top of its box; returns the ``p:graphicFrame``."""
    frame, rows = _skeleton(ctx, plan)
    margins = (CELL_MARGIN_X, CELL_MARGIN_Y)
    style = Style(size=plan.size, color=ctx.color("on_primary"), font=ctx.font("heading"), bold=True)
    _fill_row(ctx, plan, rows[0], plan.header, style, (ctx.color("primary"), None, margins))
    for r, row in enumerate(plan.rows, start=1):
        strong = r - 1 < len(plan.emphasis) and plan.emphasis[r - 1]
        style = Style(size=plan.size, color=ctx.color("text"), font=ctx.font("body"), bold=strong)
        # Emphasised rows are filled with the surface colour, so their rule is the
        # background's: two officers' rows stay apart.
        fill = ctx.color("surface") if strong else ctx.color("background")
        rule = ctx.color("background") if strong else ctx.color("surface")
        _fill_row(ctx, plan, rows[r], row, style, (fill, rule, margins))
    return frame


def _skeleton(ctx: RenderContext, plan: PlanTable) -> tuple[etree._Element, list[etree._Element]]:
    """The graphic frame with its rows, still without cells, added to the slide (before any
    text: a link's colour gets its namespace prefix from the slide, as python-pptx's cells
    got theirs)."""
    n_rows = len(plan.rows) + 1
    if len(plan.heights) != n_rows:
        raise ValueError(f"{n_rows} rows, {len(plan.heights)} heights")
    tree = ctx.shapes._spTree
    frame = oxml_parser.makeelement(_T["p:graphicFrame"], nsmap=_NSMAP)  # python-pptx's classes
    nv = etree.SubElement(frame, _T["p:nvGraphicFramePr"])
    etree.SubElement(nv, _T["p:cNvPr"], id=str(next_shape_id(tree)), name=plan.name)
    locks = etree.SubElement(nv, _T["p:cNvGraphicFramePr"])
    etree.SubElement(locks, _T["a:graphicFrameLocks"], noGrp="1")
    etree.SubElement(nv, _T["p:nvPr"])
    xfrm = etree.SubElement(frame, _T["p:xfrm"])
    etree.SubElement(xfrm, _T["a:off"], x=str(plan.box.x), y=str(plan.box.y))
    etree.SubElement(xfrm, _T["a:ext"], cx=str(sum(plan.widths)), cy=str(sum(plan.heights)))
    data = etree.SubElement(etree.SubElement(frame, _T["a:graphic"]), _T["a:graphicData"], uri=_TABLE_URI)
    tbl = etree.SubElement(data, _T["a:tbl"])
    etree.SubElement(tbl, _T["a:tblPr"], firstRow="1")
    grid = etree.SubElement(tbl, _T["a:tblGrid"])
    for width in plan.widths:
        etree.SubElement(grid, _T["a:gridCol"], w=str(width))
    rows = [etree.SubElement(tbl, _T["a:tr"], h=str(height)) for height in plan.heights]
    insert_shape(tree, frame)
    return frame, rows


def _fill_row(ctx: RenderContext, plan: PlanTable, tr: etree._Element, cells: tuple[Any, ...],
              style: Style, look: tuple[str | None, str | None, tuple[int, int]]) -> None:
    """A row's cells: each a copy of the cell python-pptx makes and styles for ``look``
    (made once per render), with its text and its column's alignment; columns the row has no
    text for keep python-pptx's empty cell."""
    if len(cells) > len(plan.widths):
        raise ValueError(f"{len(cells)} cells in a row of {len(plan.widths)} columns")
    looks = ctx.memo.cell_looks
    if look not in looks:
        made = CT_TableCell.new()
        fill, rule, margins = look
        style_cell(_Cell(made, cast(Any, None)), fill=fill, rule=rule, margins=margins)  # a look needs no part
        looks[look] = made
    for col in range(len(plan.widths)):
        if col >= len(cells):
            tr.append(CT_TableCell.new())
            continue
        tc = copy.deepcopy(looks[look])
        tr.append(tc)
        body = tc.find(_A_TXBODY)
        write_inline(TextFrame(body, ctx.shapes), cells[col], style, cell=True)
        align = _align(plan, col)
        if align is not None:
            for p in body.iterchildren(_A_P):
                set_align(p, align)


def _align(plan: PlanTable, col: int) -> str | None:
    """A column's alignment as the Markdown table's delimiter row gives it (``--:``)."""
    return _ALIGN.get(plan.align[col]) if col < len(plan.align) else None
