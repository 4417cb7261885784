"""Fixtures for the reveal.js renderer's tests: the every-layout deck and HTML parsing."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest
from lxml import html as lxml_html

from deckgen.model import Deck
from deckgen.render.reveal import render_reveal

SAMPLE = Path(__file__).resolve().parents[3] / "fixtures" / "reveal_sample.py"


def load_sample() -> ModuleType:
    """tests/fixtures/reveal_sample.py, loaded by path (tests/ is not a package)."""
    spec = importlib.util.spec_from_file_location("reveal_sample", SAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def sample() -> ModuleType:
    return load_sample()


@pytest.fixture(scope="session")
def deck(sample: ModuleType) -> Deck:
    return sample.every_layout_deck()


@pytest.fixture(scope="session")
def folder(deck: Deck) -> dict[str, bytes]:
    return render_reveal(deck)


@pytest.fixture(scope="session")
def page(folder: dict[str, bytes], deck: Deck) -> lxml_html.HtmlElement:
    return lxml_html.fromstring(folder[f"{deck.name}/index.html"])
