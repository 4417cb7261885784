"""``orgchart``: bodies as boxes holding their facts, connectors for who elects whom.

Every body is a native rounded rectangle (name in bold, facts as small bullets) placed by
its ``rank`` (a column when ``direction`` is "right", a row when "down") and its ``slot``
within the rank. Every edge is a real connector glued to both boxes (``stCxn``/``endCxn``),
with the arrow head at the elected body, so moving a box in PowerPoint drags its lines along.
One font size for all facts, the largest with which every body fits its cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from lxml import etree
from pptx.enum.text import PP_ALIGN
from pptx.oxml.ns import qn

from deckgen import geometry as geo
from deckgen.geometry import ChartPlan
from deckgen.model import Box, OrgChartContent, OrgEdge, OrgNode, Para, Run, Slide, plain
from deckgen.render.pptx.context import RenderContext, content_of
from deckgen.render.pptx.shapes import (
    BOTTOM,
    LEFT,
    RIGHT,
    TOP,
    Route,
    add_card,
    add_text_box,
    connect,
    site_point,
)
from deckgen.render.pptx.slides import put_title
from deckgen.render.pptx.text import Style, add_paragraph, prepare_frame, rgb, write_inline

LABEL_SIZE = 10.0


def render(ctx: RenderContext, slide: Slide) -> None:
    content = content_of(slide, OrgChartContent)
    put_title(ctx)
    area = ctx.take_area()
    if not content.nodes:
        return
    chart = geo.orgchart_plan(content, area)
    cards = {node.id: _card(ctx, node, chart) for node in content.nodes}
    nodes = {node.id: node for node in content.nodes}
    first_card = next(iter(cards.values())).element
    for n, edge in enumerate(content.edges, start=1):
        cxn = _edge(ctx, edge, nodes, cards, chart, content.direction == "right", n)
        # Lines go under the boxes: where a line passes a box, the box stays readable.
        first_card.addprevious(cxn.element)


# --------------------------------------------------------------------------- drawing


def _card(ctx: RenderContext, node: OrgNode, chart: ChartPlan) -> Any:
    card = add_card(
        ctx.shapes,
        chart.boxes[node.id],
        ctx.color("surface"),
        name=plain(node.name),
        radius=geo.ORG_RADIUS,
        margins=geo.ORG_MARGINS,
    )
    frame = card.text_frame
    prepare_frame(frame)
    name = Style(
        size=chart.size + geo.ORG_NAME_EXTRA,
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
        add_paragraph(frame, bullet, fact, space_before=geo.ORG_FACT_SPACE)
    return card


@dataclass(frozen=True, slots=True)
class EdgeRoute:
    """How one connector runs: its connection sites, its shape and, for an elbow that
    skips ranks, where its vertical run goes (``None``: half-way)."""

    begin_site: int
    end_site: int
    route: Route
    bend: int | None = None


def _edge(
    ctx: RenderContext,
    edge: OrgEdge,
    nodes: dict[str, OrgNode],
    cards: dict[str, Any],
    chart: ChartPlan,
    right: bool,
    n: int,
) -> Any:
    src, dst = nodes[edge.source], nodes[edge.target]
    way = route(src, dst, chart, right)
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
        _label(ctx, edge.label, _midpoint(chart, src, dst, way), n)
    return cxn


def route(src: OrgNode, dst: OrgNode, chart: ChartPlan, right: bool) -> EdgeRoute:
    """The route of the connector from ``src`` to ``dst``.

    Neighbouring ranks get an elbow turning half-way across the gap. An edge that skips a
    rank turns once, out of the top or bottom of its source and across into the side of its
    target, when that path is clear of other bodies; otherwise it is an elbow whose vertical
    run sits in the gap that crosses fewest bodies. Rows ("down") use straight lines.
    """
    begin_site, end_site = sites(src, dst, right)
    if not right or src.rank == dst.rank:
        return EdgeRoute(begin_site, end_site, "straight")
    if abs(src.rank - dst.rank) == 1:
        return EdgeRoute(begin_site, end_site, "elbow")
    corner = _corner(src, dst, chart)
    if corner is not None:
        return corner
    return EdgeRoute(begin_site, end_site, "elbow", bend_x(src, dst, chart))


def _corner(src: OrgNode, dst: OrgNode, chart: ChartPlan) -> EdgeRoute | None:
    s, d = chart.boxes[src.id], chart.boxes[dst.id]
    forward = src.rank < dst.rank
    y_end = d.y + d.cy // 2
    if s.y <= y_end <= s.y + s.cy:
        return None  # the target is level with the source: no vertical run possible
    below = y_end > s.y + s.cy
    x_begin, y_begin = s.x + s.cx // 2, (s.y + s.cy if below else s.y)
    x_end = d.x if forward else d.x + d.cx
    others = [b for k, b in chart.boxes.items() if k not in (src.id, dst.id)]
    if _hits_column(others, x_begin, y_begin, y_end) or _hits(others, x_begin, x_end, y_end):
        return None
    return EdgeRoute(BOTTOM if below else TOP, LEFT if forward else RIGHT, "corner")


def _midpoint(chart: ChartPlan, src: OrgNode, dst: OrgNode, way: EdgeRoute) -> tuple[int, int]:
    """Where an edge's label goes: half-way along its middle run."""
    bx, by = site_point(chart.boxes[src.id], way.begin_site)
    ex, ey = site_point(chart.boxes[dst.id], way.end_site)
    if way.route == "corner":
        return (bx, (by + ey) // 2)
    if way.bend is not None:
        return (way.bend, (by + ey) // 2)
    return ((bx + ex) // 2, (by + ey) // 2)


def sites(src: OrgNode, dst: OrgNode, right: bool) -> tuple[int, int]:
    """Connection sites (begin, end): across ranks from the side facing the other rank;
    within a rank from the edge facing the other slot."""
    if src.rank != dst.rank:
        forward = src.rank < dst.rank
        if right:
            return (RIGHT, LEFT) if forward else (LEFT, RIGHT)
        return (BOTTOM, TOP) if forward else (TOP, BOTTOM)
    before = src.slot < dst.slot
    if right:
        return (BOTTOM, TOP) if before else (TOP, BOTTOM)
    return (RIGHT, LEFT) if before else (LEFT, RIGHT)


def bend_x(src: OrgNode, dst: OrgNode, chart: ChartPlan) -> int:
    """Where an elbow connector turns: in the middle of a gap between two ranks it spans,
    choosing the gap whose horizontal runs cross the fewest other bodies (an edge that skips
    a rank then runs beside, not through, the bodies of that rank)."""
    lo, hi = sorted((src.rank, dst.rank))
    lanes = chart.lanes
    gaps = [(lanes[r].x + lanes[r].cx + lanes[r + 1].x) // 2 for r in range(lo, hi)]
    src_box, dst_box = chart.boxes[src.id], chart.boxes[dst.id]
    y_src, y_dst = src_box.y + src_box.cy // 2, dst_box.y + dst_box.cy // 2
    others = [b for k, b in chart.boxes.items() if k not in (src.id, dst.id)]

    x_src = src_box.x + (src_box.cx if src.rank < dst.rank else 0)
    x_dst = dst_box.x + (0 if src.rank < dst.rank else dst_box.cx)

    def crossings(x: int) -> int:
        return _hits(others, x_src, x, y_src) + _hits(others, x, x_dst, y_dst)

    # Ties go to the gap next to the elected body: lines into one body then share a run.
    return min(gaps, key=lambda x: (crossings(x), abs(x - x_dst)))


def _hits(boxes: Sequence[Box], x1: int, x2: int, y: int) -> int:
    """How many ``boxes`` a horizontal run from ``x1`` to ``x2`` at ``y`` passes through."""
    lo, hi = sorted((x1, x2))
    return sum(1 for b in boxes if b.y <= y <= b.y + b.cy and b.x < hi and b.x + b.cx > lo)


def _hits_column(boxes: Sequence[Box], x: int, y1: int, y2: int) -> int:
    """How many ``boxes`` a vertical run at ``x`` from ``y1`` to ``y2`` passes through."""
    lo, hi = sorted((y1, y2))
    return sum(1 for b in boxes if b.x <= x <= b.x + b.cx and b.y < hi and b.y + b.cy > lo)


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
    width, height = geo.inches(1.1), geo.inches(0.28)
    box = Box(x - width // 2, y - height // 2, width, height)
    shape = add_text_box(ctx.shapes, box, name=f"Label {n}")
    shape.fill.solid()
    shape.fill.fore_color.rgb = rgb(ctx.color("background"))
    style = Style(size=LABEL_SIZE, color=ctx.color("muted"), font=ctx.font("body"), align=PP_ALIGN.CENTER)
    write_inline(shape.text_frame, (Run(text),), style)
