"""Helpers for querying rendered HTML."""

from __future__ import annotations

import copy

from lxml import html as lxml_html


def parse(data: bytes) -> lxml_html.HtmlElement:
    return lxml_html.fromstring(data)


def slide(page: lxml_html.HtmlElement, layout: str) -> lxml_html.HtmlElement:
    """The first <section> of a layout."""
    found = page.cssselect(f"section.layout-{layout}")
    assert found, f"no {layout} slide"
    return found[0]


def text(el: lxml_html.HtmlElement) -> str:
    """An element's text with whitespace collapsed; a <br> counts as a space."""
    el = copy.deepcopy(el)
    for br in el.iter("br"):
        br.tail = " " + (br.tail or "")
    return " ".join(el.text_content().split())
