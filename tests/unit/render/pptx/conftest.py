"""Fixtures for the PowerPoint renderer: the KS brand and the shared every-layout deck
(:mod:`fixtures.sample_deck`) on it, with the KS photo on its image slide."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from fixtures.sample_deck import LOC, every_layout_deck
from pptx import Presentation

from deckgen.errors import Diagnostics
from deckgen.model import Asset, Brand, Deck
from deckgen.render.pptx import render_pptx
from deckgen.resolve.brand import load_brand

ROOT = Path(__file__).resolve().parents[4]


def load_ks_brand() -> Brand:
    diags = Diagnostics()
    brand = load_brand("ks", ROOT, diags, loc=LOC)
    assert brand is not None, [d.format() for d in diags]
    return brand


def photo() -> Asset:
    data = (ROOT / "assets" / "foto-bly.jpg").read_bytes()
    return Asset("assets/foto-bly.jpg", data, "image/jpeg", 1920, 1080)


def make_deck(brand: Brand, **changes: object) -> Deck:
    """The every-layout deck on ``brand`` with the KS photo; ``changes`` replace fields."""
    return every_layout_deck(brand, photo(), **changes)


@pytest.fixture(scope="session")
def ks_brand() -> Brand:
    return load_ks_brand()


@pytest.fixture(scope="session")
def deck(ks_brand: Brand) -> Deck:
    return make_deck(ks_brand)


@pytest.fixture(scope="session")
def pptx_bytes(deck: Deck) -> bytes:
    out = render_pptx(deck)
    assert list(out) == ["regionmote-buskerud.pptx"]
    return out["regionmote-buskerud.pptx"]


@pytest.fixture(scope="session")
def prs(pptx_bytes: bytes):  # type: ignore[no-untyped-def]
    return Presentation(io.BytesIO(pptx_bytes))
