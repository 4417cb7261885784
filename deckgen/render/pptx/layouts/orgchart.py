"""``orgchart``: bodies as boxes holding their facts, connectors for who elects whom.

Every body is a native rounded rectangle (name in bold, facts as small bullets) placed by
its ``rank`` (a column when ``direction`` is "right", a row when "down") and its ``slot``
within the rank. Every edge is a real connector glued to both boxes (``stCxn``/``endCxn``),
with the arrow head at the elected body, so moving a box in PowerPoint drags its lines along.
One font size for all facts, the largest with which every body fits its cell.
"""

from __future__ import annotations

from typing import Any

from lxml import etree
from pptx.enum.text import PP_ALIGN
from pptx.oxml.ns import qn

from deckgen.layouts import orgchart as spec
from deckgen.layouts.orgchart import ChartPlan, EdgePlan
from deckgen.model import Box, OrgChartContent, OrgNode, Para, Run, Slide, plain
from deckgen.render.pptx.context import RenderContext, content_of
from deckgen.render.pptx.shapes import add_card, add_text_box, connect
from deckgen.render.pptx.slides import put_title
from deckgen.render.pptx.text import Style, add_paragraph, prepare_frame, rgb, write_inline


def render(ctx: RenderContext, slide: Slide) -> None:
    content = content_of(slide, OrgChartContent)
    put_title(ctx)
    chart: ChartPlan | None = ctx.plan().detail
    if chart is None:
        return
    cards = {node.id: _card(ctx, node, chart) for node in content.nodes}
    nodes = {node.id: node for node in content.nodes}
    first_card = next(iter(cards.values())).element
    for n, way in enumerate(chart.edges, start=1):
        cxn = _edge(ctx, way, nodes, cards, n)
        # Lines go under the boxes: where a line passes a box, the box stays readable.
        first_card.addprevious(cxn.element)


# --------------------------------------------------------------------------- drawing


def _card(ctx: RenderContext, node: OrgNode, chart: ChartPlan) -> Any:
    card = add_card(
        ctx.shapes,
        chart.boxes[node.id],
        ctx.color("surface"),
        name=plain(node.name),
        radius=spec.RADIUS,
        margins=spec.MARGINS,
    )
    frame = card.text_frame
    prepare_frame(frame)
    name = Style(
        size=chart.size + spec.NAME_EXTRA,
        color=ctx.color("primary"),
        font=ctx.font("heading"),
        bold=True,
        align=PP_ALIGN.CENTER,
    )
    add_paragraph(frame, Para(node.name), name, first=True)
    fact = Style(size=chart.size, color=ctx.color("text"), font=ctx.font("body"), align=PP_ALIGN.LEFT,
                 bullet_color=ctx.color("accent"))
    for para in node.facts:
        bullet = para if para.kind != "text" else Para(para.runs, "bullet", para.level, para.rtl)
        add_paragraph(frame, bullet, fact, space_before=spec.FACT_SPACE)
    return card


def _edge(ctx: RenderContext, way: EdgePlan, nodes: dict[str, OrgNode], cards: dict[str, Any], n: int) -> Any:
    edge = way.edge
    src, dst = nodes[edge.source], nodes[edge.target]
    cxn = connect(
        ctx.shapes,
        cards[src.id],
        way.begin_site,
        cards[dst.id],
        way.end_site,
        color=ctx.color("primary"),
        route=way.route,
        name=f"Connector {n}",
    )
    description = f"{plain(src.name)} → {plain(dst.name)}"
    if edge.label:
        description += f" ({edge.label})"
    cxn.element.nvCxnSpPr.cNvPr.set("descr", description)
    if way.bend is not None:
        _set_bend(cxn, way.bend)
    if edge.label:
        _label(ctx, edge.label, way.label_at, n)
    return cxn


def _set_bend(cxn: Any, x: int) -> None:
    """Put the vertical run of an elbow connector at slide x-position ``x``."""
    span = cxn.end_x - cxn.begin_x
    if span == 0:
        return
    fraction = round((x - cxn.begin_x) / span * 100000)
    av_lst = cxn.element.spPr.find(qn("a:prstGeom")).find(qn("a:avLst"))
    etree.SubElement(av_lst, qn("a:gd"), name="adj1", fmla=f"val {fraction}")


def _label(ctx: RenderContext, text: str, at: tuple[int, int], n: int) -> None:
    x, y = at
    width, height = spec.LABEL_BOX
    box = Box(x - width // 2, y - height // 2, width, height)
    shape = add_text_box(ctx.shapes, box, name=f"Label {n}")
    shape.fill.solid()
    shape.fill.fore_color.rgb = rgb(ctx.color("background"))
    style = Style(size=spec.LABEL_SIZE, color=ctx.color("muted"), font=ctx.font("body"), align=PP_ALIGN.CENTER)
    write_inline(shape.text_frame, (Run(text),), style)
