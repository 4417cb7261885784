"""Constructs met in decks written elsewhere (Marp, pandoc, Quarto, Slidev files from public
repositories), each reproduced in a few lines of our own: read as the tool they were written
for reads them, nothing shown that the tool would not show, nothing dropped without a word."""

from __future__ import annotations

from deckgen.errors import Diagnostics
from deckgen.load.markdown import parse_markdown
from deckgen.model import SourceSlide, plain


def parse(text: str) -> tuple[list[SourceSlide], list[str]]:
    diags = Diagnostics()
    slides = parse_markdown(text, "s.md", diags, deck=True).slides
    return slides, [d.format() for d in diags]


# --------------------------------------------------------------------------- Marp's class as a list


def test_marp_class_written_as_a_yaml_list_is_its_words() -> None:
    slides, msgs = parse("---\nmarp: true\nclass:\n  - lead\n  - glow\n---\n\n# Velkommen\n\n---\n\n# Neste\n\n- a\n")
    assert [s.classes for s in slides] == [("lead",), ("lead",)]
    assert [m for m in msgs if "class" in m] == [
        "s.md:1:1: warning: Marp's class 'glow' has no equivalent in deckgen and is left out; the brand styles "
        "the deck; a slide of headings with class lead is a title or section slide [marp-style]"]
