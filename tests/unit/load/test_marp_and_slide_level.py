"""Plain Marp and pandoc files split and read as those tools do: Marp's directive comments are
neither notes nor in the way of the title heading; without '---' rules, pandoc's slide level
decides which headings start slides; links use the model's one allowlist."""

from __future__ import annotations

import pytest

from deckgen.errors import Diagnostics
from deckgen.load.markdown import is_marp_directive, parse_markdown
from deckgen.model import SourceSlide, plain


def parse(text: str) -> tuple[list[SourceSlide], list[str]]:
    diags = Diagnostics()
    slides = parse_markdown(text, "s.md", diags).slides
    return slides, [d.format() for d in diags]


def summary(slides: list[SourceSlide]) -> list[tuple[str, list[str], list[str]]]:
    return [(plain(s.heading), [p.text for p in s.body], [p.text for p in s.notes]) for s in slides]


# --------------------------------------------------------------------------- Marp directives


@pytest.mark.parametrize(
    "comment",
    ["_class: lead", "paginate: true", "backgroundColor: #fff", "_backgroundColor: aqua",
     "theme: gaia\npaginate: true", "$theme: default", "_unknownThing: x",
     "class: lead\n_footer: ''", "style: |\n  section { color: red; }", "header:"],
)
def test_directive_comments(comment: str) -> None:
    assert is_marp_directive(comment)


@pytest.mark.parametrize(
    "comment",
    ["Husk: ta med tallene", "si dette først", "Note: slow down\nthen go on", "class:lead",
     "paginate: true\nand then a sentence", ""],
)
def test_comments_that_stay_notes(comment: str) -> None:
    # Marp keeps a comment whose keys it does not know as a presenter note, and so do we.
    assert not is_marp_directive(comment)


def test_directive_above_the_heading_leaves_the_heading_as_title() -> None:
    slides, msgs = parse("<!-- _class: lead -->\n# Hello\n\n- a\n\n<!-- say hi -->\n")
    assert msgs == []
    assert summary(slides) == [("Hello", ["a"], ["say hi"])]
    assert slides[0].heading_loc is not None and slides[0].heading_loc.line == 2


def test_marp_file_with_rules_front_matter_and_directives() -> None:
    src = ("---\nmarp: true\npaginate: true\n---\n\n<!-- _class: lead -->\n<!-- _paginate: false -->\n\n"
           "# Hello\n\nWelcome\n\n<!-- Husk: smil -->\n\n---\n\n<!--\nbackgroundColor: #fff\ncolor: #333\n-->\n\n"
           "# Second\n\n- b\n")
    slides, msgs = parse(src)
    # Marp's colours have no equivalent: each is named once (the brand styles the deck)
    assert [m.split(": warning: ")[1].split(" has ")[0] for m in msgs] == ["Marp's 'backgroundColor'", "Marp's 'color'"]
    assert summary(slides) == [("Hello", ["Welcome"], ["Husk: smil"]), ("Second", ["b"], [])]


def test_a_note_comment_above_the_heading_stays_a_note_in_order() -> None:
    slides, _ = parse("---\n\n<!-- first -->\n\n# T\n\n::: notes\nsecond\n:::\n")
    assert summary(slides) == [("T", [], ["first", "second"])]


def test_directive_above_the_slide_fields_block() -> None:
    slides, msgs = parse("<!-- _class: lead -->\n\n```yaml slide\nlayout: section\n```\n\n# Del 1\n")
    assert msgs == []
    assert len(slides) == 1
    assert slides[0].fields["layout"].value == "section"
    assert plain(slides[0].heading) == "Del 1"


def test_a_part_of_directives_only_is_no_slide() -> None:
    # Marp's global directives often stand alone before the first rule.
    slides, msgs = parse("<!-- theme: gaia -->\n\n---\n\n# A\n\n---\n\n<!-- _class: x -->\n")
    assert msgs == []
    assert summary(slides) == [("A", [], [])]


def test_front_matter_slide_before_a_directive_and_rule() -> None:
    src = "---\nlayout: image\nimage: a.jpg\n---\n\n<!-- _class: x -->\n\n---\n\n# B\n"
    slides, msgs = parse(src)
    assert msgs == []
    assert [s.fields.get("layout") and s.fields["layout"].value for s in slides] == ["image", None]
    assert plain(slides[1].heading) == "B"


def test_other_html_is_still_dropped_with_a_warning() -> None:
    slides, msgs = parse("# A\n\n<div class=\"spacer\"></div>\n")
    assert msgs == ["s.md:3:1: warning: raw HTML is not allowed in slides and was left out; "
                    "use Markdown instead [raw-html]"]


# --------------------------------------------------------------------------- pandoc's slide level


def test_part_headings_above_the_slide_level_stand_alone() -> None:
    src = "# Part\n\n## Slide A\n\n- a\n\n## Slide B\n\nText B\n\n# Part 2\n\n## Slide C\n\nC\n"
    slides, msgs = parse(src)
    assert msgs == []
    assert summary(slides) == [
        ("Part", [], []), ("Slide A", ["a"], []), ("Slide B", ["Text B"], []),
        ("Part 2", [], []), ("Slide C", ["C"], []),
    ]
    assert [s.heading_level for s in slides] == [1, 2, 2, 1, 2]
    assert [s.loc.line for s in slides] == [1, 3, 7, 11, 13]


def test_headings_below_the_slide_level_are_bold_paragraphs() -> None:
    # '# A' is followed by text, so the slide level is 1 (pandoc): '## a1' is content.
    slides, _ = parse("# A\n\nintro\n\n## a1\n\ntext\n\n# B\n\n- x\n")
    assert summary(slides) == [("A", ["intro", "a1", "text"], []), ("B", ["x"], [])]
    assert slides[0].body[1].runs[0].bold


def test_the_highest_level_followed_by_content_anywhere_wins() -> None:
    # '## b' has content at level 2, but '# C' has content at level 1, so the slide level is
    # 1 and '## b' is content of slide A.
    slides, _ = parse("# A\n\n## b\n\nbb\n\n# C\n\ncc\n")
    assert summary(slides) == [("A", ["b", "bb"], []), ("C", ["cc"], [])]


def test_no_heading_followed_by_content_makes_every_heading_a_slide() -> None:
    slides, _ = parse("# A\n\n## B\n\n### C\n")
    assert summary(slides) == [("A", [], []), ("B", [], []), ("C", [], [])]


def test_a_rule_or_a_directive_is_not_content() -> None:
    slides, _ = parse("# Part\n\n***\n\n## A\n\ntext\n")
    assert [plain(s.heading) for s in slides] == ["Part", "A"]
    # A directive comment makes it a Marp file, and Marp splits on rules only: one slide.
    slides, _ = parse("# Part\n\n<!-- _class: lead -->\n\n## A\n\ntext\n")
    assert [plain(s.heading) for s in slides] == ["Part"]


def test_a_note_is_not_content_unlike_pandoc() -> None:
    # pandoc counts the notes div as content, makes '#' the slide level and folds every '##'
    # slide into its section; notes are not content, so the part keeps its notes and A is a slide.
    slides, _ = parse("# Part\n\n::: notes\nintro\n:::\n\n## A\n\ntext\n")
    assert summary(slides) == [("Part", [], ["intro"]), ("A", ["text"], [])]
    slides, _ = parse("# Part\n\n<!-- intro -->\n\n## A\n\ntext\n")
    assert summary(slides) == [("Part", [], ["intro"]), ("A", ["text"], [])]


def test_slide_level_in_the_front_matter_decides() -> None:
    slides, _ = parse("---\nslide-level: 1\n---\n\n# Part\n\n## A\n\ntext\n\n## B\n\nmore\n")
    assert summary(slides) == [("Part", ["A", "text", "B", "more"], [])]


def test_comments_before_the_first_heading_join_its_slide_but_text_does_not() -> None:
    slides, _ = parse("<!-- note -->\n\n## A\n\ntext\n")
    assert summary(slides) == [("A", ["text"], ["note"])]
    slides, _ = parse("Opening words\n\n## A\n\ntext\n")
    assert summary(slides) == [("", ["Opening words"], []), ("A", ["text"], [])]


def test_headings_in_lists_and_quotes_do_not_count() -> None:
    slides, _ = parse("## A\n\n> # quoted\n\ntext\n")
    assert [plain(s.heading) for s in slides] == ["A"]


# --------------------------------------------------------------------------- links


@pytest.mark.parametrize(("target", "kept"), [
    ("https://www.ks.no/", True), ("HTTPS://www.ks.no/", True), ("mailto:post@ks.no", True),
    ("https://", False), ("http:www.ks.no", False), ("mailto:", False),
])
def test_links_follow_the_models_allowlist(target: str, kept: bool) -> None:
    slides, msgs = parse(f"# A\n\n[KS]({target})\n")
    assert (slides[0].body[0].runs[0].href == target) is kept
    assert bool(msgs) is not kept


def test_slide_level_under_a_quarto_format() -> None:
    slides, _ = parse("---\nformat:\n  revealjs:\n    slide-level: 1\n---\n\n# Part\n\n## A\n\ntext\n")
    assert summary(slides) == [("Part", ["A", "text"], [])]
