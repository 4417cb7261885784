"""The renderer's pure parts: measuring text, splitting areas, cropping, routing, words.

Measuring and splitting are :mod:`deckgen.geometry`'s, sizing and routing the layouts'
planners' (both renderers and ``check`` share them); cropping is the PowerPoint renderer's."""

from __future__ import annotations

from typing import NamedTuple

import pytest
from fixtures.sample_deck import ORG

from deckgen.geometry import (
    Line,
    block_height,
    count_lines,
    fits,
    split,
    split_weighted,
    text_area,
    text_width_pt,
    words_fit,
)
from deckgen.layouts import orgchart
from deckgen.layouts.orgchart import BOTTOM, LEFT, RIGHT, TOP
from deckgen.layouts.orgchart import place as plan
from deckgen.layouts.tables import column_widths, is_officer
from deckgen.layouts.tiles import grid_shape
from deckgen.model import Box, OrgChartContent, OrgNode, Run
from deckgen.render.pptx.layouts.image import contain_box, cover_crop
from deckgen.render.pptx.text import safe_href


class Way(NamedTuple):
    begin_site: int
    end_site: int
    route: str
    bend: int | None


def route(*args, **kwargs) -> Way:  # type: ignore[no-untyped-def]
    return Way(*orgchart.route(*args, **kwargs))

# --------------------------------------------------------------------------- text


def test_bold_is_wider_than_regular() -> None:
    word = "Arbeidsgiverorganisasjon"
    assert text_width_pt(word, 20, bold=True) > text_width_pt(word, 20) * 1.05


def test_lines_wrap_at_words() -> None:
    sentence = "Fylkesmøtene er KS øverste politiske organ i fylket"
    one_line = text_width_pt(sentence, 12)
    assert count_lines(sentence, one_line + 1, 12) == 1
    assert count_lines(sentence, one_line / 2 + 20, 12) == 2
    assert count_lines("a\nb", 100, 12) == 2


def test_a_size_that_splits_a_word_does_not_fit() -> None:
    word = Line("Arbeidsgiverorganisasjon", 28, bold=True)
    width = int(text_width_pt(word.text, 20, bold=True) * 12700) + 12700
    assert not words_fit([word], width)
    assert words_fit([Line(word.text, 20, bold=True)], width)
    assert not fits([word], width, 10**9)


def test_block_height_adds_lines_and_spacing() -> None:
    lines = [Line("En", 10), Line("To", 10, space_before=6)]
    assert block_height(lines, 10**7) == int((2 * 10 * 1.2 + 6) * 12700)


def test_only_safe_link_schemes_pass() -> None:
    for href in ("https://www.ks.no/", "http://ks.no", "mailto:post@ks.no"):
        assert safe_href(href) == href
    for href in ("javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "ks.no"):
        with pytest.raises(ValueError):
            safe_href(href)


# --------------------------------------------------------------------------- boxes


def test_split_fills_the_box_with_gaps() -> None:
    parts = split(Box(0, 0, 1000, 100), 3, 50)
    assert [(b.x, b.cx) for b in parts] == [(0, 300), (350, 300), (700, 300)]
    stacked = split_weighted(Box(0, 0, 100, 1000), [1, 3], 0, vertical=True)
    assert [(b.y, b.cy) for b in stacked] == [(0, 250), (250, 750)]


def test_rounded_cards_keep_text_off_the_corners() -> None:
    plain_box = text_area(Box(0, 0, 1000, 500), (10, 10, 10, 10))
    rounded = text_area(Box(0, 0, 1000, 500), (10, 10, 10, 10), radius=0.1)
    assert plain_box == Box(10, 10, 980, 480)
    assert rounded.cx < plain_box.cx and rounded.cy < plain_box.cy


def test_tile_grid_shapes() -> None:
    assert [grid_shape(n) for n in (1, 3, 4, 5, 6, 8, 9, 12)] == [
        (1, 1), (3, 1), (4, 1), (3, 2), (3, 2), (4, 2), (4, 3), (4, 3),
    ]  # fmt: skip


def test_table_columns_follow_their_longest_text() -> None:
    rows = [["Navn", "Kommune/organisasjon", "Rolle"], ["Wenche Risdal Lund", "Samfunnsbedriftene", "nestleder"]]
    widths = column_widths(rows, 10_000_000)
    assert sum(widths) == 10_000_000
    assert widths[1] > widths[0] > widths[2]


# --------------------------------------------------------------------------- pictures


def test_cover_crops_the_long_side_around_the_focus() -> None:
    # a 2:1 picture in a square frame keeps half its width
    assert cover_crop((2000, 1000), (500, 500), (0.5, 0.5)) == (0.25, 0.0, 0.25, 0.0)
    assert cover_crop((2000, 1000), (500, 500), (0.0, 0.5)) == (0.0, 0.0, 0.5, 0.0)
    left, _, right, _ = cover_crop((2000, 1000), (500, 500), (0.9, 0.5))
    assert (left, right) == (0.5, 0.0)  # the window cannot leave the picture
    # a 1:2 portrait in a 16:9 frame keeps 0.5 / (16 / 9) of its height, centred on y = 0.2
    top, bottom = cover_crop((1000, 2000), (1600, 900), (0.5, 0.2))[1::2]
    visible = 0.5 / (16 / 9)
    assert top == pytest.approx(0.2 - visible / 2)
    assert bottom == pytest.approx(1 - visible - top)
    assert cover_crop((1920, 1080), (16, 9), (0.5, 0.5)) == (0.0, 0.0, 0.0, 0.0)


def test_contain_letterboxes_inside_the_frame() -> None:
    assert contain_box((2000, 1000), Box(0, 0, 1000, 1000)) == Box(0, 250, 1000, 500)
    assert contain_box((1000, 2000), Box(100, 0, 1000, 1000)) == Box(350, 0, 500, 1000)


# --------------------------------------------------------------------------- org chart


def test_orgchart_plan_fits_the_seed_bodies_in_the_area() -> None:
    area = Box(576000, 1548000, 11040000, 4518000)
    chart = plan(ORG, area)
    assert chart.size >= 9.5  # readable at the back of the room
    for box in chart.boxes.values():
        assert area.x <= box.x and box.x + box.cx <= area.x + area.cx
        assert area.y <= box.y and box.y + box.cy <= area.y + area.cy
    boxes = list(chart.boxes.values())
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            apart_x = a.x + a.cx <= b.x or b.x + b.cx <= a.x
            apart_y = a.y + a.cy <= b.y or b.y + b.cy <= a.y
            assert apart_x or apart_y


def test_edges_that_skip_a_rank_go_around_the_bodies_between() -> None:
    area = Box(576000, 1548000, 11040000, 4518000)
    chart = plan(ORG, area)
    nodes = {n.id: n for n in ORG.nodes}
    near = route(nodes["fylkesmotene"], nodes["landstinget"], chart, right=True)
    assert (near.begin_site, near.end_site, near.route) == (RIGHT, LEFT, "elbow")
    skip = route(nodes["kommunestyrer"], nodes["landstinget"], chart, right=True)
    assert (skip.begin_site, skip.end_site, skip.route) == (BOTTOM, LEFT, "corner")


def test_rows_and_same_rank_edges_are_straight() -> None:
    a = OrgNode("a", (Run("A"),), (), 0, 0)
    b = OrgNode("b", (Run("B"),), (), 1, 0)
    c = OrgNode("c", (Run("C"),), (), 1, 1)
    content = OrgChartContent((a, b, c), (), "down", 2)
    chart = plan(content, Box(0, 0, 9_000_000, 4_000_000))
    assert route(a, b, chart, right=False).begin_site == BOTTOM
    assert route(a, b, chart, right=False).end_site == TOP
    assert route(b, c, chart, right=False).route == "straight"
    assert (route(b, c, chart, right=False).begin_site, route(b, c, chart, right=False).end_site) == (
        RIGHT,
        LEFT,
    )
    assert chart.boxes["b"].y == chart.boxes["c"].y and chart.boxes["a"].y < chart.boxes["b"].y


# --------------------------------------------------------------------------- roster rows


def test_officers_are_leaders_and_deputies() -> None:
    assert all(is_officer(r) for r in ("leder", "nestleder", "Styreleder", "nestleiar", "Chair"))
    assert not any(is_officer(r) for r in ("", "medlem", "varamedlem", "member"))
