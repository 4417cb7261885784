"""Org chart geometry: where each body's box goes and how each connector runs.

Boxes sit in a grid of ranks (columns when the chart flows right, rows when it flows down) and
slots; a rank with fewer bodies than the fullest rank is centred. Connectors are orthogonal
polylines from the side of the electing body facing the elected one, computed here from the same
numbers the boxes are placed with, so the HTML boxes and the SVG arrows line up without any
script measuring the page. Everything is a pure function of the content and the area.

The algorithm works in "flow" coordinates: ``u`` along the ranks, ``v`` across them. For a chart
that flows down, ``u``/``v`` are swapped into ``y``/``x`` at the very end.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from deckgen.model import OrgChartContent, OrgEdge, OrgNode, plain
from deckgen.render.reveal.geometry import Rect

RANK_GAP = 64.0  # room between ranks for the connectors' elbows and arrowheads
SLOT_GAP = 22.0
PORT_SPREAD = 0.5  # connectors share the middle half of a box side
FONT_SIZES = (18, 17, 16, 15, 14, 13, 12, 11)  # facts; the name is NAME_SCALE larger
NAME_SCALE = 1.18
BOX_PAD_X = 10.0  # the org-node padding in base.css
BOX_PAD_Y = 8.0


@dataclass(frozen=True, slots=True)
class PlacedNode:
    node: OrgNode
    rect: Rect
    font_px: int  # facts font size that fits the box (estimated)


@dataclass(frozen=True, slots=True)
class PlacedEdge:
    edge: OrgEdge
    points: tuple[tuple[float, float], ...]  # polyline, last point on the target's side
    label_at: tuple[float, float]


@dataclass(frozen=True, slots=True)
class OrgLayout:
    nodes: tuple[PlacedNode, ...]
    edges: tuple[PlacedEdge, ...]
    width: float
    height: float


def layout(content: OrgChartContent, width: float, height: float) -> OrgLayout:
    """Place ``content`` in a ``width`` x ``height`` area (origin top-left)."""
    down = content.direction == "down"
    span_u, span_v = (height, width) if down else (width, height)
    cells = _place(content.nodes, span_u, span_v)
    placed = [n for n in content.nodes if n.id in cells]
    cell_of = {n.id: _swap(cells[n.id]) if down else cells[n.id] for n in placed}
    # One font size for every box, so the chart reads as a set: the largest that fits all.
    size = min((_fit(n, cell_of[n.id]) for n in placed), default=FONT_SIZES[0])
    fonts: dict[str, int] = {}
    rects: dict[str, Rect] = {}
    for node in placed:
        cell = cell_of[node.id]
        fonts[node.id] = size
        # A box as tall as its text, centred in its cell (so a body with few facts is small).
        h = min(cell.h, _needed(node, cell.w, size))
        box = Rect(cell.x, cell.y + (cell.h - h) / 2, cell.w, h)
        rects[node.id] = _swap(box) if down else box
    edges = _route(content, rects)
    nodes = tuple(
        PlacedNode(n, _swap(rects[n.id]) if down else rects[n.id], fonts[n.id])
        for n in _ordered(content.nodes)
        if n.id in rects
    )
    placed_edges = tuple(
        PlacedEdge(
            e,
            tuple((v, u) for u, v in pts) if down else pts,
            (lab[1], lab[0]) if down else lab,
        )
        for e, pts, lab in edges
    )
    return OrgLayout(nodes, placed_edges, width, height)


def _ordered(nodes: tuple[OrgNode, ...]) -> list[OrgNode]:
    """Reading order: by rank, then slot, then id (a stable tie-break)."""
    return sorted(nodes, key=lambda n: (n.rank, n.slot, n.id))


def _place(nodes: tuple[OrgNode, ...], span_u: float, span_v: float) -> dict[str, Rect]:
    """The cell of every node in flow coordinates (x = u, y = v)."""
    by_rank: dict[int, list[OrgNode]] = defaultdict(list)
    for node in _ordered(nodes):
        by_rank[node.rank].append(node)
    if not by_rank:
        return {}
    ranks = sorted(by_rank)
    # Ranks are numbered by resolve; a gap in the numbers still gets its own column so a
    # connector that skips a rank stays visibly longer.
    n_ranks = ranks[-1] - ranks[0] + 1
    most = max(len(v) for v in by_rank.values())
    box_u = (span_u - (n_ranks - 1) * RANK_GAP) / n_ranks
    box_v = (span_v - (most - 1) * SLOT_GAP) / most
    out: dict[str, Rect] = {}
    for rank, members in by_rank.items():
        u = (rank - ranks[0]) * (box_u + RANK_GAP)
        used = len(members) * box_v + (len(members) - 1) * SLOT_GAP
        v0 = (span_v - used) / 2
        for i, node in enumerate(members):
            out[node.id] = Rect(u, v0 + i * (box_v + SLOT_GAP), box_u, box_v)
    return out


def _swap(r: Rect) -> Rect:
    return Rect(r.y, r.x, r.h, r.w)


def _fit(node: OrgNode, cell: Rect) -> int:
    """The largest font size (px) whose estimated text height fits the cell.

    An estimate (average glyph width 0.5 em, 0.58 em bold; line height 1.2), not a
    measurement, erring on the generous side; check warns about real overflow in both outputs.
    """
    for size in FONT_SIZES:
        if _needed(node, cell.w, size) <= cell.h:
            return size
    return FONT_SIZES[-1]


def _needed(node: OrgNode, width: float, size: int) -> float:
    inner = max(width - 2 * BOX_PAD_X, 20.0)
    name_px = size * NAME_SCALE
    name_lines = _lines(len(plain(node.name)), inner, name_px * 0.58)
    height = 2 * BOX_PAD_Y + name_lines * name_px * 1.15 + 4
    for para in node.facts:
        indent = 0.0 if para.kind == "text" else size * (1.125 + 1.3 * para.level)
        para_px = size * (0.833**para.level)
        lines = _lines(len(para.text), inner - indent, para_px * 0.5)
        height += lines * para_px * 1.2 + 0.15 * para_px
    return height + 6  # slack for rounding in the browser


def _lines(chars: int, width: float, glyph: float) -> int:
    per_line = max(int(width / glyph), 1)
    return max(math.ceil(chars / per_line), 1)


# --------------------------------------------------------------------------- routing

Point = tuple[float, float]


def _route(
    content: OrgChartContent, rects: dict[str, Rect]
) -> list[tuple[OrgEdge, tuple[Point, ...], Point]]:
    """A polyline per edge whose ends are both placed; unknown ids are resolve's job."""
    edges = [e for e in content.edges if e.source in rects and e.target in rects]
    sides = [_sides(rects[e.source], rects[e.target]) for e in edges]
    ports = _ports(edges, rects, sides)
    out: list[tuple[OrgEdge, tuple[Point, ...], Point]] = []
    for i, e in enumerate(edges):
        start, end = ports[(i, "out")], ports[(i, "in")]
        others = [r for k, r in rects.items() if k not in (e.source, e.target)]
        points = _polyline(start, end, sides[i][0], rects[e.source], rects[e.target], others)
        out.append((e, points, _label_point(points)))
    return out


def _sides(src: Rect, dst: Rect) -> tuple[str, str]:
    """Which side a connector leaves the source and enters the target (flow coordinates)."""
    if dst.x >= src.right:
        return "after", "before"
    if dst.right <= src.x:
        return "before", "after"
    if dst.y >= src.bottom:
        return "below", "above"
    return "above", "below"


MIN_PORT_GAP = 14.0


def _ports(
    edges: list[OrgEdge], rects: dict[str, Rect], sides: list[tuple[str, str]]
) -> dict[tuple[int, str], Point]:
    """Where each connector meets its boxes.

    Arrowheads first: the connectors entering one side of a box are spread over the middle
    of that side, ordered by where they come from, so they neither cross nor pile up. Then
    each connector leaves its source level with its arrowhead where the source's side
    reaches (a straight line), else as near as it can, keeping connectors that share a side
    apart.
    """
    into: dict[tuple[str, str], list[tuple[float, int]]] = defaultdict(list)
    for i, e in enumerate(edges):
        into[(e.target, sides[i][1])].append((_along(rects[e.source], sides[i][1]), i))
    ports: dict[tuple[int, str], Point] = {}
    for (node_id, side), members in into.items():
        members.sort()
        n = len(members)
        for k, (_, i) in enumerate(members):
            frac = 0.5 if n == 1 else 0.5 - PORT_SPREAD / 2 + PORT_SPREAD * k / (n - 1)
            ports[(i, "in")] = _side_point(rects[node_id], side, frac)
    out_of: dict[tuple[str, str], list[tuple[float, int]]] = defaultdict(list)
    for i, e in enumerate(edges):
        side = sides[i][0]
        end = ports[(i, "in")]
        out_of[(e.source, side)].append((end[1] if side in ("before", "after") else end[0], i))
    for (node_id, side), members in out_of.items():
        rect = rects[node_id]
        lo, length = (rect.y, rect.h) if side in ("before", "after") else (rect.x, rect.w)
        first, last = lo + 0.2 * length, lo + 0.8 * length
        wanted = sorted((min(max(v, first), last), i) for v, i in members)
        placed = _separate([v for v, _ in wanted], first, last)
        for (_, i), v in zip(wanted, placed, strict=True):
            ports[(i, "out")] = _side_point(rect, side, (v - lo) / length)
    return ports


def _separate(values: list[float], first: float, last: float) -> list[float]:
    """Sorted positions at least MIN_PORT_GAP apart, each as close to its wish as the range
    allows; spread evenly over the range when they do not fit."""
    if len(values) < 2:
        return values
    if (len(values) - 1) * MIN_PORT_GAP > last - first:
        step = (last - first) / (len(values) - 1)
        return [first + k * step for k in range(len(values))]
    out = [values[0]]
    for v in values[1:]:
        out.append(max(v, out[-1] + MIN_PORT_GAP))
    overshoot = out[-1] - last
    if overshoot > 0:  # push back up, keeping the gaps
        out = [v - overshoot for v in out]
        for k in range(len(out) - 2, -1, -1):
            out[k] = min(out[k], out[k + 1] - MIN_PORT_GAP)
    return out


def _along(other: Rect, side: str) -> float:
    """The coordinate that orders connectors along a side: across-flow for before/after."""
    return other.cy if side in ("before", "after") else other.cx


def _side_point(rect: Rect, side: str, frac: float) -> Point:
    if side == "after":
        return rect.right, rect.y + frac * rect.h
    if side == "before":
        return rect.x, rect.y + frac * rect.h
    if side == "below":
        return rect.x + frac * rect.w, rect.bottom
    return rect.x + frac * rect.w, rect.y


def _polyline(start: Point, end: Point, side: str, src: Rect, dst: Rect, others: list[Rect]) -> tuple[Point, ...]:
    """The first candidate route that crosses no other box; the last candidate otherwise."""
    (x1, y1), (x2, y2) = start, end
    if side in ("above", "below"):
        ym = (y1 + y2) / 2
        return ((x1, y1), (x1, ym), (x2, ym), (x2, y2)) if abs(x1 - x2) > 0.5 else (start, end)
    step = RANK_GAP / 2 if side == "after" else -RANK_GAP / 2
    near_src, near_dst = x1 + step, x2 - step
    candidates: list[tuple[Point, ...]] = []
    if abs(y1 - y2) <= 0.5:
        candidates.append((start, end))
    candidates.append(((x1, y1), (near_dst, y1), (near_dst, y2), (x2, y2)))
    candidates.append(((x1, y1), (near_src, y1), (near_src, y2), (x2, y2)))
    for yc in _channels(others, src, dst, (y1 + y2) / 2):
        candidates.append(((x1, y1), (near_src, y1), (near_src, yc), (near_dst, yc), (near_dst, y2), (x2, y2)))
    for pts in candidates:
        if not any(_crosses(pts, r) for r in others):
            return _simplify(pts)
    return _simplify(candidates[-1])


def _channels(others: list[Rect], src: Rect, dst: Rect, prefer: float) -> list[float]:
    """Across-flow coordinates between boxes, nearest to ``prefer`` first: where a connector
    that skips ranks can run without crossing the bodies in between."""
    lo, hi = min(src.x, dst.x), max(src.right, dst.right)
    between = sorted((r for r in others if r.right > lo and r.x < hi), key=lambda r: r.y)
    edges = [min([src.y, dst.y] + [r.y for r in between]) - SLOT_GAP / 2]
    edges += [r.bottom + SLOT_GAP / 2 for r in between]
    return sorted(edges, key=lambda y: (abs(y - prefer), y))


def _crosses(points: tuple[Point, ...], rect: Rect) -> bool:
    """Whether an orthogonal polyline passes through ``rect`` (shrunk by a pixel)."""
    for (ax, ay), (bx, by) in zip(points, points[1:], strict=False):
        x_lo, x_hi = sorted((ax, bx))
        y_lo, y_hi = sorted((ay, by))
        inside_x = x_hi > rect.x + 1 and x_lo < rect.right - 1
        if inside_x and y_hi > rect.y + 1 and y_lo < rect.bottom - 1:
            return True
    return False


def _simplify(points: tuple[Point, ...]) -> tuple[Point, ...]:
    """Drop zero-length segments and middle points of straight runs."""
    out: list[Point] = []
    for p in points:
        if out and abs(out[-1][0] - p[0]) < 0.01 and abs(out[-1][1] - p[1]) < 0.01:
            continue
        if len(out) >= 2:
            (ax, ay), (bx, by) = out[-2], out[-1]
            if (abs(ax - bx) < 0.01 and abs(bx - p[0]) < 0.01) or (abs(ay - by) < 0.01 and abs(by - p[1]) < 0.01):
                out[-1] = p
                continue
        out.append(p)
    return tuple(out)


def _label_point(points: tuple[Point, ...]) -> Point:
    """Where an edge's label goes: the middle of its last segment (flow coordinates)."""
    (ax, ay), (bx, by) = points[-2], points[-1]
    return (ax + bx) / 2, (ay + by) / 2
