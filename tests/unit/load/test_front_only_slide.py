"""A slide made only of front matter (a picture, a roster from county data) followed by more
slides is a slide of its own, not fields for the next slide."""

from __future__ import annotations

from deckgen.errors import Diagnostics
from deckgen.load.markdown import parse_markdown


def test_front_matter_slide_followed_by_a_fenced_slide() -> None:
    src = ("---\nlayout: image\nimage: a.jpg\n---\n\n---\n\n"
           "```yaml slide\nlayout: tiles\n```\n\n# Lenker\n")
    diags = Diagnostics()
    slides = parse_markdown(src, "s.md", diags).slides
    assert not diags.items
    assert [s.fields["layout"].value for s in slides] == ["image", "tiles"]
    assert "image" not in slides[1].fields
    assert [s.loc.line for s in slides] == [1, 8]


def test_deck_front_matter_without_layout_still_belongs_to_the_first_slide() -> None:
    # Marp-style files: settings first, then '---' and the slides.
    src = "---\nmarp: true\n---\n\n---\n\n# Én\n\n---\n\n# To\n"
    slides = parse_markdown(src, "s.md", Diagnostics()).slides
    assert len(slides) == 2
