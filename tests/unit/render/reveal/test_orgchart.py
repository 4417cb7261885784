"""Org chart geometry: boxes by rank and slot, connectors that end on the boxes they join and
cross no other box, the same numbers every time."""

from __future__ import annotations

import dataclasses

import pytest
from fixtures.sample_deck import ORG

from deckgen.model import OrgChartContent, OrgEdge, OrgNode, Run
from deckgen.render.reveal.geometry import Rect
from deckgen.render.reveal.orgchart import OrgLayout, _crosses, layout


def _chart(direction: str = "right") -> OrgChartContent:
    """The seed deck's org chart (the shared sample deck's), running ``direction``."""
    return dataclasses.replace(ORG, direction=direction)


def _on_side(point: tuple[float, float], rect: Rect) -> bool:
    x, y = point
    on_x = abs(x - rect.x) < 0.01 or abs(x - rect.right) < 0.01
    on_y = abs(y - rect.y) < 0.01 or abs(y - rect.bottom) < 0.01
    inside_x = rect.x - 0.01 <= x <= rect.right + 0.01
    inside_y = rect.y - 0.01 <= y <= rect.bottom + 0.01
    return (on_x and inside_y) or (on_y and inside_x)


def _check(result: OrgLayout, width: float, height: float) -> None:
    rects = {p.node.id: p.rect for p in result.nodes}
    for r in rects.values():
        assert r.x >= 0 and r.right <= width + 0.01 and r.y >= 0 and r.bottom <= height + 0.01
    for pe in result.edges:
        src, dst = rects[pe.edge.source], rects[pe.edge.target]
        assert _on_side(pe.points[0], src), pe.edge
        assert _on_side(pe.points[-1], dst), pe.edge
        for (ax, ay), (bx, by) in zip(pe.points, pe.points[1:], strict=False):
            assert ax == bx or ay == by, "orthogonal segments"
        others = [r for k, r in rects.items() if k not in (pe.edge.source, pe.edge.target)]
        assert not any(_crosses(pe.points, r) for r in others), pe.edge


@pytest.mark.parametrize("direction", ["right", "down"])
def test_connectors_join_their_boxes_and_cross_no_other(direction: str) -> None:
    result = layout(_chart(direction), 1159, 474)
    assert len(result.nodes) == 6 and len(result.edges) == 6
    _check(result, 1159, 474)


def test_ranks_flow_right_and_slots_down() -> None:
    rects = {p.node.id: p.rect for p in layout(_chart(), 1159, 474).nodes}
    assert rects["kommunestyrer"].right < rects["fylkesmotene"].x
    assert rects["fylkesmotene"].right < rects["fylkesstyrene"].x
    assert rects["fylkesstyrene"].x == rects["landstinget"].x
    assert rects["fylkesstyrene"].bottom < rects["landstinget"].y
    # A body without facts is a small box, centred in its cell.
    assert rects["kommunestyrer"].h < rects["fylkesmotene"].h
    assert abs(rects["kommunestyrer"].cy - 474 / 2) < 1


def test_skipping_edge_routes_around_the_rank_between() -> None:
    result = layout(_chart(), 1159, 474)
    edge = next(pe for pe in result.edges if (pe.edge.source, pe.edge.target) == ("kommunestyrer", "landstinget"))
    assert len(edge.points) >= 4


def test_one_font_size_for_all_boxes() -> None:
    sizes = {p.font_px for p in layout(_chart(), 1159, 474).nodes}
    assert len(sizes) == 1


def test_same_input_same_geometry() -> None:
    assert layout(_chart(), 1159, 474) == layout(_chart(), 1159, 474)


def test_many_connectors_into_one_box_are_spread() -> None:
    nodes = tuple(OrgNode(f"n{i}", (Run(f"Organ {i}"),), (), 0, i) for i in range(4))
    nodes += (OrgNode("top", (Run("Topp"),), (), 1, 0),)
    edges = tuple(OrgEdge(f"n{i}", "top") for i in range(4))
    result = layout(OrgChartContent(nodes, edges, "right", 2), 800, 400)
    ends = sorted(pe.points[-1][1] for pe in result.edges)
    assert len(set(ends)) == 4
    _check(result, 800, 400)
