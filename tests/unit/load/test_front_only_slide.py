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


def test_a_library_file_of_front_matter_alone_is_one_slide(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from deckgen.load import load_slide_file

    path = tmp_path / "orgkart.md"
    path.write_text("---\nlayout: orgchart\nbodies: []\n---\n", encoding="utf-8")
    diags = Diagnostics()
    slides = load_slide_file(path, "content/slides/orgkart.md", diags, None)
    assert not diags.items
    assert [s.fields["layout"].value for s in slides] == ["orgchart"]


def test_a_markdown_deck_keeps_the_first_slides_own_fields(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from deckgen.load import load_deck

    path = tmp_path / "talk.md"
    path.write_text("---\ntitle: Deck\n---\n\n```yaml slide\nlayout: section\ntitle: Del 1\n```\n\n---\n\n# B\n",
                    encoding="utf-8")
    diags = Diagnostics()
    deck = load_deck(path, "talk.md", diags)
    assert not diags.items and deck is not None
    first = deck.slides[0].inline
    assert first is not None
    assert {k: v.value for k, v in first.fields.items()} == {"layout": "section", "title": "Del 1"}
    assert deck.settings["title"].value == "Deck"


def test_a_markdown_deck_of_front_matter_alone_has_no_slide_but_its_title(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from deckgen.load import load_deck

    path = tmp_path / "talk.md"
    path.write_text("---\ntitle: Deck\nmarp: true\n---\n\n<!-- paginate: true -->\n", encoding="utf-8")
    diags = Diagnostics()
    deck = load_deck(path, "talk.md", diags)
    assert not diags.items and deck is not None
    assert deck.slides == ()
