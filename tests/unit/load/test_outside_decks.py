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


# --------------------------------------------------------------------------- text inside HTML


def test_text_inside_an_html_block_is_kept_line_by_line_with_a_warning() -> None:
    src = ("# Mål\n\n<div class=\"kort\">\n<strong>Hovedmål</strong><br>\nFærre klager &amp; raskere   svar.\n</div>\n\n"
           "<script>alert(1)</script>\n\n- etter\n")
    slides, msgs = parse(src)
    assert [(p.text, p.loc.line if p.loc else 0) for p in slides[0].body] == [
        ("Hovedmål", 4), ("Færre klager & raskere svar.", 5), ("etter", 10)]
    assert msgs == [
        "s.md:3:1: warning: the HTML tags here are left out (the brand styles the slide); their text is kept as "
        "plain paragraphs; write the text as Markdown to keep bold, lists and links [raw-html]",
        "s.md:8:1: warning: raw HTML is not allowed in slides and was left out; use Markdown instead [raw-html]"]


def test_nested_html_cards_give_one_line_per_block_and_no_attribute_text() -> None:
    src = "# Tall\n\n<Card title=\"Elever\">\n  <div class=\"stor\">1 286</div>\n  <div>opp 8 %</div>\n</Card>\n"
    slides, _ = parse(src)
    assert [p.text for p in slides[0].body] == ["1 286", "opp 8 %"]


# --------------------------------------------------------------------------- YAML between rules


def test_a_yaml_block_between_rules_is_metadata_not_a_heading() -> None:
    # pandoc reads it as a metadata block; Slidev writes each slide's front matter so
    src = ("---\ntitle: Kurs\n---\n\n---\nlayout: default\nsection: Del 1\n---\n\n# Første\n\n- a\n\n"
           "---\nlayout: center\n---\n\n# Andre\n\nb\n")
    slides, msgs = parse(src)
    assert [plain(s.heading) for s in slides] == ["Første", "Andre"]
    assert all("layout" not in p.text for s in slides for p in s.body)
    assert msgs == [
        f"s.md:{line}:1: warning: the YAML between these '---' lines (pandoc's metadata block, Slidev's slide front "
        f"matter) is not shown, and its keys are not used: {keys}; deckgen's slide fields go in a 'yaml slide' block "
        "right after the '---' (docs/content.md); delete this block or move the fields there [unused-key]"
        for line, keys in ((6, "layout, section"), (15, "layout"))]


def test_text_under_a_rule_that_is_not_yaml_stays_a_setext_heading() -> None:
    slides, msgs = parse("# A\n\nx\n\n---\nBare ord her\n---\n\nc\n")
    assert [plain(s.heading) for s in slides] == ["A", "Bare ord her"]
    assert [m.split("[")[-1] for m in msgs] == ["setext-heading]"]


def test_yaml_under_a_rule_in_a_marp_file_is_marps_heading() -> None:
    # Marp (markdown-it) shows it: a heading, with the setext warning
    slides, msgs = parse("---\nmarp: true\n---\n\n# A\n\n---\nlayout: x\n---\n\nb\n")
    assert [plain(s.heading) for s in slides] == ["A", "layout: x"]


# --------------------------------------------------------------------------- Marp's headingDivider as a list


def test_heading_divider_written_as_a_yaml_list_in_the_front_matter_splits_there() -> None:
    src = "---\nmarp: true\nheadingDivider: [2, 3]\n---\n\n# Tittel\n\n## Del A\n\na\n\n### Under\n\nb\n\n#### Liten\n\nc\n"
    slides, _ = parse(src)
    assert [plain(s.heading) for s in slides] == ["Tittel", "Del A", "Under"]
    assert [p.text for p in slides[2].body] == ["b", "Liten", "c"]


def test_heading_divider_as_a_block_list_in_the_front_matter() -> None:
    slides, _ = parse("---\nmarp: true\nheadingDivider:\n  - 1\n---\n\n# A\n\na\n\n# B\n\nb\n")
    assert [plain(s.heading) for s in slides] == ["A", "B"]


# --------------------------------------------------------------------------- Marp's colour shorthand


def test_marp_colour_shorthand_is_no_picture_and_named_once() -> None:
    src = ("---\nmarp: true\n---\n\n# En\n\n![bg](#1e3a5f)\n\n- a\n\n---\n\n![bg](Navy)\n\n# To\n\n---\n\n"
           "![bg left](rgb(10,20,30))\n\n# Tre\n\ntekst\n\n---\n\n![bg](hav.jpg)\n\n# Fire\n")
    slides, msgs = parse(src)
    assert [plain(s.heading) for s in slides] == ["En", "To", "Tre", "Fire"]
    assert [[i.src for i in s.images] for s in slides] == [[], [], [], ["hav.jpg"]]
    assert msgs == ["s.md:7:1: warning: Marp's colour shorthand (![bg](navy), ![](red)) has no equivalent in deckgen "
                    "and is left out; the brand styles the deck; set colours in the brand (docs/brand.md) [marp-style]"]


def test_a_colour_is_a_picture_address_in_a_pandoc_file() -> None:
    slides, _ = parse("# A\n\n![Kart](navy)\n")
    assert [i.src for i in slides[0].images] == ["navy"]


def test_the_css_colour_names_are_the_css_standards() -> None:
    from PIL import ImageColor  # the same list, kept by Pillow

    from deckgen.load.dialect import _CSS_NAMED_COLOURS
    assert set(ImageColor.colormap) | {"transparent"} == _CSS_NAMED_COLOURS
