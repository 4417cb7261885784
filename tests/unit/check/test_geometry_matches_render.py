"""The overflow rule measures text in the boxes the PowerPoint renderer draws.

Both call :mod:`deckgen.geometry` for cards, bodies, tiles and tables, but each feeds it its
own inputs: ``check`` finds the content area from the brand's placeholder (``_area``) and
rebuilds a table's header words, emphasis and size range (``table_grid``); the renderer takes
the area from the slide and builds its own table spec. These tests render decks and read the
shapes back, so a drift between those inputs (or code that stops going through geometry)
fails here."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Emu

from deckgen import geometry as geo
from deckgen.build import resolve_deck
from deckgen.check.overflow import _area, table_grid
from deckgen.errors import Diagnostics
from deckgen.model import Box, ColumnsContent, Deck, OrgChartContent, TilesContent, plain
from deckgen.render.pptx import render_pptx

from .conftest import FIXTURES, REPO, make_project


def _deck(path: Path, county: str | None = None) -> Deck:
    diags = Diagnostics()
    deck = resolve_deck(path, county, diags)
    assert deck is not None and not diags.errors, [d.format() for d in diags]
    return deck


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> list[Deck]:
    project = make_project(tmp_path_factory.mktemp("geo"), "overflow", base=FIXTURES)
    return [_deck(project / "content/decks/overflow.yaml"),
            _deck(REPO / "content/decks/regionmote.yaml", "buskerud")]


def _box(shape) -> Box:  # type: ignore[no-untyped-def]
    return Box(int(shape.left), int(shape.top), int(shape.width), int(shape.height))


def _size(shape) -> float:  # type: ignore[no-untyped-def]
    run = shape.text_frame.paragraphs[0].runs[0]
    return Emu(run.font.size).pt


def _expected(deck: Deck) -> list[dict[str, tuple[Box, float]]]:
    """Per slide: shape name -> (box, size of its first run) as geometry plans them."""
    out = []
    for slide in deck.slides:
        area = _area(deck, slide)
        c = slide.content
        want: dict[str, tuple[Box, float]] = {}
        if area is not None and isinstance(c, ColumnsContent):
            plan = geo.columns_plan(c, area)
            for n, box in enumerate(plan.cards, start=1):
                want[f"Column {n}"] = (box, plan.heading_size)
        elif area is not None and isinstance(c, OrgChartContent):
            chart = geo.orgchart_plan(c, area)
            for node in c.nodes:
                want[plain(node.name)] = (chart.boxes[node.id], chart.size + geo.ORG_NAME_EXTRA)
        elif area is not None and isinstance(c, TilesContent):
            tiles = geo.tiles_plan(c, area)
            for n, (tile, cell) in enumerate(zip(c.tiles, tiles.cells, strict=True), start=1):
                kind = "Video" if tile.kind == "video" else "Link"
                want[f"{kind} {n}: {plain(tile.title)}"] = (cell, tiles.title_size)
        out.append(want)
    return out


def test_cards_bodies_and_tiles_are_where_geometry_puts_them(decks: list[Deck]) -> None:
    checked = 0
    for deck in decks:
        prs = Presentation(io.BytesIO(render_pptx(deck)[f"{deck.name}.pptx"]))
        for want, pptx_slide in zip(_expected(deck), prs.slides, strict=True):
            shapes = {s.name: s for s in pptx_slide.shapes}
            for name, (box, size) in want.items():
                assert name in shapes, f"no shape {name!r}"
                assert (_box(shapes[name]), _size(shapes[name])) == (box, size), name
                checked += 1
    assert checked >= 30


def test_tables_have_geometrys_columns_rows_and_size(decks: list[Deck]) -> None:
    checked = 0
    for deck in decks:
        prs = Presentation(io.BytesIO(render_pptx(deck)[f"{deck.name}.pptx"]))
        for slide, pptx_slide in zip(deck.slides, prs.slides, strict=True):
            grid = table_grid(deck, slide)
            if grid is None:
                continue
            area = _area(deck, slide)
            assert area is not None
            plan = geo.table_plan([grid[0], *grid[1]], area, grid[3])
            frame = next(s for s in pptx_slide.shapes if s.has_table)
            table = frame.table
            assert tuple(int(c.width) for c in table.columns) == plan.widths
            assert tuple(int(r.height) for r in table.rows) == plan.heights
            assert _size_cell(table.cell(0, 0)) == plan.size
            checked += 1
    assert checked == 3


def _size_cell(cell) -> float:  # type: ignore[no-untyped-def]
    return Emu(cell.text_frame.paragraphs[0].runs[0].font.size).pt
