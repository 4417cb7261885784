"""``orgchart``: bodies as boxes holding their facts, arrows for who elects whom.

Bodies are placed by ``rank`` (a column when ``direction`` is "right", a row when "down") and
``slot`` within the rank; one facts size for every body, the largest with which every body
fits its cell. Every edge runs between two connection sites of its boxes (the middles of
their sides, as PowerPoint's connectors glue to them) and its route is planned here, so the
PowerPoint connectors and the reveal.js arrows take the same path.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from deckgen import geometry as geo
from deckgen.errors import Diagnostics, SourceLoc, did_you_mean
from deckgen.geometry import Line, inches
from deckgen.layouts.common import body_paras, card_insets, drawn
from deckgen.layouts.fields import ID, MARKDOWN, TEXT, var_or
from deckgen.layouts.spec import (
    UNSCALED,
    BuildInput,
    LayoutSpec,
    Measured,
    Plan,
    PlanText,
    Seen,
    Sizing,
    texts_of,
    title_measured,
)
from deckgen.model import Box, OrgChartContent, OrgEdge, OrgNode, Para, Slide, Text, plain, unwrap

RANK_GAP = inches(0.6)  # room for the connectors and their arrow heads
SLOT_GAP = inches(0.16)
PAD_X = inches(0.1)
PAD_Y = inches(0.07)
NAME_EXTRA = 3.0  # the body's name is this many points larger than its facts
FACT_SPACE = 2.0  # points between facts
RADIUS = 0.06
NAME_ONLY_WEIGHT = 0.6  # a rank whose bodies have no facts gets a narrower lane
MARGINS = (PAD_X, PAD_Y, PAD_X, PAD_Y)
SIZES = (16.0, 8.0)
LABEL_SIZE = 10.0
LABEL_BOX = (inches(1.1), inches(0.28))

# Connection sites of a rectangle, as DrawingML numbers them.
TOP, LEFT, BOTTOM, RIGHT = 0, 1, 2, 3
Route = Literal["straight", "elbow", "corner"]


# --------------------------------------------------------------------------- building


def build(inp: BuildInput, diags: Diagnostics) -> list[Slide]:
    bodies = inp.fields["bodies"].value
    ids = [str(unwrap(b.value["id"])) for b in bodies]
    electors: dict[str, list[str]] = {}
    edges: list[OrgEdge] = []
    seen: set[str] = set()
    for body in bodies:
        node_id = str(unwrap(body.value["id"]))
        if node_id in seen:
            diags.error(body.value["id"].loc, f"two bodies have the id {node_id!r}", "give each body its own id")
            continue  # the first body keeps the id; its electors are not mixed with these
        seen.add(node_id)
        electors[node_id] = []
        by = body.value.get("elected_by")
        for item in by.value if by else []:
            source = str(item.value)
            if source not in ids:
                diags.error(item.loc, f"'elected_by' names {source!r}, which is not a body on this chart", did_you_mean(source, ids))
                continue
            electors[node_id].append(source)
            edges.append(OrgEdge(source, node_id, "", item.loc))
    ranks = _ranks(electors, inp.fields["bodies"].loc, diags)
    slots: dict[int, int] = {}
    nodes = []
    for body in bodies:
        node_id = str(unwrap(body.value["id"]))
        rank = ranks.get(node_id, 0)
        slot = slots.get(rank, 0)
        slots[rank] = slot + 1
        name = inp.inline_of(body.value["name"], diags)
        facts_node = body.value.get("facts")
        facts: Text = ()
        if facts_node is not None:
            if isinstance(facts_node.value, list):
                facts = tuple(Para(inp.inline_of(f, diags), "bullet", 0, False, f.loc) for f in facts_node.value)
            else:
                facts = inp.block_of(facts_node, diags)
        nodes.append(OrgNode(node_id, name, facts, rank, slot, body.loc))
    content = OrgChartContent(tuple(nodes), tuple(edges), inp.value("direction", "right"), (max(ranks.values()) + 1) if ranks else 1)
    return [inp.slide(inp.title(diags), content)]


def _ranks(electors: dict[str, list[str]], loc: SourceLoc, diags: Diagnostics) -> dict[str, int]:
    """Rank = length of the longest chain of electors above a body (electors come first)."""
    ranks: dict[str, int] = {}
    visiting: list[str] = []

    def rank(node: str) -> int:
        if node in ranks:
            return ranks[node]
        if node in visiting:
            cycle = " -> ".join([*visiting[visiting.index(node):], node])
            diags.error(loc, f"the bodies elect each other in a circle: {cycle}", "an org chart's 'elected_by' must not loop")
            return 0
        visiting.append(node)
        value = 1 + max((rank(e) for e in electors[node]), default=-1)
        visiting.pop()
        ranks[node] = value
        return value

    for node in electors:
        rank(node)
    return ranks


# --------------------------------------------------------------------------- placing


@dataclass(frozen=True, slots=True)
class EdgePlan:
    """How one connector runs: its connection sites, its shape, for an elbow that skips
    ranks where its vertical run goes (``None``: half-way), the polyline it draws (EMU, the
    last point at the elected body) and where its label goes."""

    edge: OrgEdge
    begin_site: int
    end_site: int
    route: Route
    bend: int | None
    points: tuple[tuple[int, int], ...]
    label_at: tuple[int, int]


@dataclass(frozen=True, slots=True)
class ChartPlan:
    """Where each body goes, the facts' font size, the lanes (one per rank) and the edges."""

    boxes: dict[str, Box]
    size: float
    lanes: tuple[Box, ...]
    edges: tuple[EdgePlan, ...] = ()


def node_lines(node: OrgNode, size: float) -> list[Line]:
    """The lines a body's box holds, for estimating."""
    facts = geo.para_lines(node.facts, size, space_before=FACT_SPACE, bullets=True)
    return [Line(plain(node.name), size + NAME_EXTRA, bold=True), *facts]


def _cells(lane: Box, slots: int, widest: int, right: bool) -> list[Box]:
    """The cells of one rank: columns ("right") share their height among their bodies; rows
    ("down") give every body the width it has in the widest row, centred."""
    if right:
        return geo.split(lane, slots, SLOT_GAP, vertical=True)
    width = (lane.cx - SLOT_GAP * (widest - 1)) // widest
    total = slots * width + (slots - 1) * SLOT_GAP
    x0 = lane.x + (lane.cx - total) // 2
    return [Box(x0 + i * (width + SLOT_GAP), lane.y, width, lane.cy) for i in range(slots)]


def place(content: OrgChartContent, area: Box, sizing: Sizing = UNSCALED) -> ChartPlan:
    """Cells per rank and slot, the largest facts size that fits every body in its cell,
    each body's box (one height per rank, the tallest body's, centred in its cell) and the
    route of every edge."""
    right = content.direction == "right"
    n_ranks = max(content.ranks, max((n.rank for n in content.nodes), default=0) + 1)
    weights = [
        1.0 if any(n.facts for n in content.nodes if n.rank == r) else NAME_ONLY_WEIGHT
        for r in range(n_ranks)
    ]
    lanes = tuple(geo.split_weighted(area, weights, RANK_GAP, vertical=not right))
    slots = {
        r: max((n.slot for n in content.nodes if n.rank == r), default=0) + 1
        for r in range(n_ranks)
    }
    widest = max(slots.values(), default=1)
    cells = {n.id: _cells(lanes[n.rank], slots[n.rank], widest, right)[n.slot] for n in content.nodes}

    def all_fit(size: float) -> bool:
        for n in content.nodes:
            inner = geo.text_area(cells[n.id], MARGINS, RADIUS)
            if not geo.fits(node_lines(n, size), inner.cx, inner.cy):
                return False
        return True

    size = geo.largest_fitting(geo.size_steps(SIZES[0], sizing.floor or SIZES[1]), all_fit)
    heights: dict[int, int] = {}
    for n in content.nodes:
        cell = cells[n.id]
        inner = geo.text_area(cell, MARGINS, RADIUS)
        need = geo.block_height(node_lines(n, size), inner.cx) + (cell.cy - inner.cy)
        heights[n.rank] = min(max(heights.get(n.rank, 0), need), cell.cy)
    boxes = {}
    for n in content.nodes:
        cell, h = cells[n.id], heights[n.rank]
        boxes[n.id] = Box(cell.x, cell.y + (cell.cy - h) // 2, cell.cx, h)
    # The fit step's scale shrinks the text, not the boxes the estimate made room for.
    size = sizing.apply(size)
    chart = ChartPlan(boxes, size, lanes)
    nodes = {n.id: n for n in content.nodes}
    edges = tuple(_edge_plan(e, nodes[e.source], nodes[e.target], chart, right)
                  for e in content.edges if e.source in boxes and e.target in boxes)
    return ChartPlan(boxes, size, lanes, edges)


def plan(content: OrgChartContent, area: Box, lang: str, sizing: Sizing = UNSCALED) -> Plan:
    if not content.nodes:
        return Plan()
    chart = place(content, area, sizing)
    texts = []
    for node in content.nodes:
        box = chart.boxes[node.id]
        name = drawn(node.name, chart.size + NAME_EXTRA, heading=True, bold=True, loc=node.loc)
        facts = body_paras(node.facts, chart.size, first_before=FACT_SPACE, before=FACT_SPACE, all_bullets=True)
        texts.append(PlanText(
            f"node-{node.id}", f"org chart body {plain(node.name)!r}", "box", box, card_insets(box, MARGINS, RADIUS),
            (name, *facts), node.loc,
            "shorten its facts, move some into the speaker notes, or split the chart over two slides"))
    return Plan(tuple(texts), detail=chart)


# --------------------------------------------------------------------------- routing


def site_point(box: Box, site: int) -> tuple[int, int]:
    """Slide position of a rectangle's connection site (the middle of a side)."""
    return {
        TOP: (box.x + box.cx // 2, box.y),
        LEFT: (box.x, box.y + box.cy // 2),
        BOTTOM: (box.x + box.cx // 2, box.y + box.cy),
        RIGHT: (box.x + box.cx, box.y + box.cy // 2),
    }[site]


def _edge_plan(edge: OrgEdge, src: OrgNode, dst: OrgNode, chart: ChartPlan, right: bool) -> EdgePlan:
    begin_site, end_site, way, bend = route(src, dst, chart, right)
    bx, by = site_point(chart.boxes[src.id], begin_site)
    ex, ey = site_point(chart.boxes[dst.id], end_site)
    if way == "corner":  # out vertically, then across into the end
        points: tuple[tuple[int, int], ...] = ((bx, by), (bx, ey), (ex, ey))
        label = (bx, (by + ey) // 2)
    elif way == "elbow":  # out sideways, across, in sideways
        mid = bend if bend is not None else bx + (ex - bx) // 2
        points = ((bx, by), (mid, by), (mid, ey), (ex, ey))
        label = (mid, (by + ey) // 2) if bend is not None else ((bx + ex) // 2, (by + ey) // 2)
    else:
        points = ((bx, by), (ex, ey))
        label = ((bx + ex) // 2, (by + ey) // 2)
    return EdgePlan(edge, begin_site, end_site, way, bend, points, label)


def route(src: OrgNode, dst: OrgNode, chart: ChartPlan, right: bool) -> tuple[int, int, Route, int | None]:
    """(begin site, end site, route, bend) of the connector from ``src`` to ``dst``.

    Neighbouring ranks get an elbow turning half-way across the gap. An edge that skips a
    rank turns once, out of the top or bottom of its source and across into the side of its
    target, when that path is clear of other bodies; otherwise it is an elbow whose vertical
    run sits in the gap that crosses fewest bodies. Rows ("down") use straight lines.
    """
    begin_site, end_site = sites(src, dst, right)
    if not right or src.rank == dst.rank:
        return begin_site, end_site, "straight", None
    if abs(src.rank - dst.rank) == 1:
        return begin_site, end_site, "elbow", None
    corner = _corner(src, dst, chart)
    if corner is not None:
        return corner
    return begin_site, end_site, "elbow", bend_x(src, dst, chart)


def _corner(src: OrgNode, dst: OrgNode, chart: ChartPlan) -> tuple[int, int, Route, None] | None:
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
    return BOTTOM if below else TOP, LEFT if forward else RIGHT, "corner", None


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


def measured(slide: Slide, lang: str) -> list[Measured]:
    return title_measured(slide)


def visible(slide: Slide) -> list[Seen]:
    c = slide.content
    assert isinstance(c, OrgChartContent)
    out: list[Seen] = []
    for node in c.nodes:
        out.append((node.name, node.loc))
        out += texts_of(node.facts)
    return out


SPEC = LayoutSpec(
    name="orgchart",
    content=OrgChartContent,
    summary="bodies with their facts and who elects whom, as boxes and arrows",
    fields={
        "direction": {"enum": ["right", "down"]},
        "bodies": var_or({
            "type": "array",
            "minItems": 1,
            "maxItems": 12,
            "items": {
                "type": "object",
                "properties": {
                    "id": ID,
                    "name": TEXT,
                    "facts": {"anyOf": [{"type": "array", "items": MARKDOWN}, MARKDOWN]},
                    "elected_by": {"type": "array", "items": {"type": "string"}},
                },
                "required": ["id", "name"],
                "additionalProperties": False,
            },
        }),
    },
    required=("bodies",),
    build=build,
    roles=("title", "area"),
    required_roles=("title", "area"),
    measured=measured,
    visible=visible,
    plan=plan,
)
