"""Flat paragraphs back to nested lists; links; line breaks; the JS literal decoder."""

from __future__ import annotations

import pytest

from deckgen.layouts.tables import is_officer
from deckgen.model import Para, Run
from deckgen.render.reveal.text import ListBlock, ParaBlock, blocks, lines, safe_href
from deckgen.render.reveal.vendor import _unescape_template


def para(text: str, kind: str = "bullet", level: int = 0) -> Para:
    return Para((Run(text),), kind, level)  # type: ignore[arg-type]


def shape(items: list) -> list:  # type: ignore[type-arg]
    """A block tree as nested lists of texts, for comparing."""
    out: list = []  # type: ignore[type-arg]
    for b in items:
        if isinstance(b, ParaBlock):
            out.append(("p", b.para.text))
        else:
            assert isinstance(b, ListBlock)
            tag = "ol" if b.ordered else "ul"
            out.append((tag, [(i.para.text, shape(i.children)) for i in b.items]))
    return out


def test_levels_become_nested_lists() -> None:
    text = (para("a"), para("a1", level=1), para("a2", level=1), para("b"), para("b1", level=1))
    assert shape(blocks(text)) == [("ul", [("a", [("ul", [("a1", []), ("a2", [])])]), ("b", [("ul", [("b1", [])])])])]


def test_kind_change_starts_a_sibling_list_and_text_closes_lists() -> None:
    text = (para("1", "number"), para("2", "number"), para("x"), para("tekst", "text"), para("y"))
    assert shape(blocks(text)) == [
        ("ol", [("1", []), ("2", [])]),
        ("ul", [("x", [])]),
        ("p", "tekst"),
        ("ul", [("y", [])]),
    ]


def test_skipped_level_gets_an_empty_item() -> None:
    assert shape(blocks((para("deep", level=2),))) == [("ul", [("", [("ul", [("", [("ul", [("deep", [])])])])])])]


def test_indented_text_continues_the_item() -> None:
    text = (para("a"), para("mer om a", "text", 1), para("b"))
    assert shape(blocks(text)) == [("ul", [("a", [("p", "mer om a")]), ("b", [])])]


@pytest.mark.parametrize("href", ["https://ks.no", "http://ks.no", "mailto:post@ks.no", "HTTPS://KS.NO"])
def test_safe_links_pass(href: str) -> None:
    assert safe_href(href) == href


@pytest.mark.parametrize(
    "href",
    ["javascript:alert(1)", " javascript:x", "vbscript:x", "data:text/html,x", "file:///x", "x", "https://ks.no/\nx"],
)
def test_unsafe_links_raise(href: str) -> None:
    with pytest.raises(ValueError):
        safe_href(href)


def test_lines_escapes_and_keeps_breaks() -> None:
    assert str(lines("a <b>\nc & d")) == "a &lt;b&gt;<br>c &amp; d"


def test_officers() -> None:
    assert is_officer("leder") and is_officer("Nestleder") and not is_officer("medlem")


def test_template_literal_decoding_matches_javascript() -> None:
    raw = r"a\nb\xA0c\u00e6\u{1F600}\`d\\e\/f\
g"
    assert _unescape_template(raw) == "a\nb\xa0c\u00e6\U0001f600`d\\e/fg"
