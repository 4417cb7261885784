"""The overflow rule measures text in the boxes the PowerPoint renderer draws.

Both take a slide's plan from its layout's spec, but each finds the content area on its own:
``check`` from the brand's placeholder (``_plan``), the renderer from the slide it builds.
These tests render decks and read the shapes back, so a drift between those inputs (or a
layout that stops drawing its plan) fails here."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Emu

from deckgen.build import resolve_deck
from deckgen.check.context import CheckContext
from deckgen.check.overflow import _plan
from deckgen.errors import Diagnostics
from deckgen.layouts import Plan
from deckgen.model import Box, Deck
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


def _planned(deck: Deck) -> list[Plan | None]:
    ctx = CheckContext(deck)
    return [_plan(ctx, slide) for slide in deck.slides]


def test_cards_bodies_and_tiles_are_where_the_plan_puts_them(decks: list[Deck]) -> None:
    checked = 0
    for deck in decks:
        prs = Presentation(io.BytesIO(render_pptx(deck)[f"{deck.name}.pptx"]))
        for plan, pptx_slide in zip(_planned(deck), prs.slides, strict=True):
            drawn = {(_box(s), _size(s)) for s in pptx_slide.shapes
                     if not s.is_placeholder and s.has_text_frame and s.text_frame.paragraphs[0].runs}
            for text in plan.texts if plan is not None else ():
                assert (text.box, text.paras[0].size) in drawn, text.what
                checked += 1
    assert checked >= 30


def test_tables_have_the_plans_columns_rows_and_size(decks: list[Deck]) -> None:
    checked = 0
    for deck in decks:
        prs = Presentation(io.BytesIO(render_pptx(deck)[f"{deck.name}.pptx"]))
        for plan, pptx_slide in zip(_planned(deck), prs.slides, strict=True):
            for want in plan.tables if plan is not None else ():
                frame = next(s for s in pptx_slide.shapes if s.has_table)
                table = frame.table
                assert tuple(int(c.width) for c in table.columns) == want.widths
                assert tuple(int(r.height) for r in table.rows) == want.heights
                assert _size_cell(table.cell(0, 0)) == want.size
                checked += 1
    assert checked == 6  # the fixture's two tables, the one continued over three slides, a roster


def _size_cell(cell) -> float:  # type: ignore[no-untyped-def]
    return Emu(cell.text_frame.paragraphs[0].runs[0].font.size).pt
