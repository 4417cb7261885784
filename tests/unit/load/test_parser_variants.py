"""A text is parsed without the block rules whose markers it lacks (``load/markdown.py``,
``_MARKERS``): the tokens are exactly those of the parser with every rule, for every
Markdown file of the project and its tests and for texts made to hold each marker in the
places a rule looks for it (and nearly-markers it must not take for one)."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest

from deckgen.load.markdown import _MARKERS, _PARSER, _parser_for

ROOT = Path(__file__).resolve().parents[3]
FILES = sorted(p for folder in ("content", "examples", "tests", "docs") for p in (ROOT / folder).rglob("*.md"))

PIECES = [
    "# Title\n", "- item\n  - nested\n", "text line\n", "> quoted\n", "$$\nx^2\n$$\n", "$$ a $$\n",
    "```py\ncode\n```\n", "~~~\ncode\n~~~\n", "``not a fence``\n", "[^1]: a note\n", "see[^1]\n",
    "<!-- note -->\n", "<div class=\"notes\">n</div>\n", "a < b\n", "::: notes\nsaid\n:::\n",
    ":: not a div\n", "| a | b |\n|---|---|\n| 1 | 2 |\n", "---\n", "Term\n: definition\n", "\n",
    "    indented code\n", "- > quote in a list\n", "1. one\n2. two\n", "$ not math $\n",
    "a $x^2$ b\n", "~~gone~~ and ~one~\n", "note^[inline] here\n", "<https://ks.no> and <b>b</b>\n",
    "&amp; &copy; &#12;\n", "`code` and ``two``\n", "a \\* b\\\nc\n", "![alt](p.png) [link](https://ks.no)\n",
    "[span]{.fragment} [ref]\n\n[ref]: https://ks.no\n", "**bold** _it_ *it*\n",
]


def tokens(md, text: str) -> list[dict]:  # type: ignore[no-untyped-def]
    return [t.as_dict() for t in md.parse(text)]


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_project_markdown_parses_the_same(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert tokens(_parser_for(text), text) == tokens(_PARSER, text)


def test_texts_with_and_without_each_marker_parse_the_same() -> None:
    rnd = random.Random(14)
    pairs = ["".join(p) for p in itertools.product(PIECES, repeat=2)]
    triples = ["".join(rnd.sample(PIECES, 3)) for _ in range(1500)]
    variants = set()
    for text in pairs + triples:
        parser = _parser_for(text)
        variants.add(id(parser))
        assert tokens(parser, text) == tokens(_PARSER, text), text
    assert len(variants) > len(_MARKERS), "many combinations of rules were used"


def test_a_text_without_markers_skips_every_such_rule() -> None:
    parser = _parser_for("# Title\n\n- item\n")
    active = {(chain, r.name) for chain, ruler in (("block", parser.block.ruler), ("inline", parser.inline.ruler),
                                                   ("inline2", parser.inline.ruler2)) for r in ruler.__rules__ if r.enabled}
    assert not set(_MARKERS) & active
    assert _parser_for("a > b") is not _parser_for("a b")
