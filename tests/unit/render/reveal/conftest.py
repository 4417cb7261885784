"""Fixtures for the reveal.js renderer's tests: the every-layout deck and HTML parsing."""

from __future__ import annotations

from types import ModuleType

import pytest
from fixtures import reveal_sample
from lxml import html as lxml_html

from deckgen.model import Deck
from deckgen.render.reveal import render_reveal


@pytest.fixture(scope="session")
def sample() -> ModuleType:
    """tests/fixtures/reveal_sample.py: the shared every-layout deck on the KS tokens."""
    return reveal_sample


@pytest.fixture(scope="session")
def deck(sample: ModuleType) -> Deck:
    return sample.every_layout_deck()


@pytest.fixture(scope="session")
def folder(deck: Deck) -> dict[str, bytes]:
    return render_reveal(deck)


@pytest.fixture(scope="session")
def page(folder: dict[str, bytes], deck: Deck) -> lxml_html.HtmlElement:
    return lxml_html.fromstring(folder[f"{deck.name}/index.html"])
