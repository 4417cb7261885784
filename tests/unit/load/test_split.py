"""Slides split on top-level `---` rules only (the token stream, never a regex), and
markdown-it's 0-based lines become the 1-based lines an editor shows."""

from __future__ import annotations

from deckgen.errors import Diagnostics
from deckgen.load.markdown import parse_markdown
from deckgen.model import plain


def slides(text: str):  # type: ignore[no-untyped-def]
    diags = Diagnostics()
    return parse_markdown(text, "s.md", diags).slides, diags


def test_rule_between_blank_lines_splits() -> None:
    found, _ = slides("# A\n\ntext\n\n---\n\n# B\n")
    assert [plain(s.heading) for s in found] == ["A", "B"]
    assert [s.loc.line for s in found] == [1, 7]


def test_rule_inside_a_list_item_does_not_split() -> None:
    found, _ = slides("# A\n\n* ---\n* b\n")
    assert len(found) == 1


def test_rule_inside_a_quote_does_not_split() -> None:
    found, _ = slides("# A\n\n> ---\n> quoted\n")
    assert len(found) == 1


def test_text_right_above_rule_is_a_heading_with_a_warning() -> None:
    found, diags = slides("# A\n\nSome text\n---\n\nmore\n")
    # The '---' made a level-2 heading followed by text: pandoc's slide level is 2, so '# A'
    # is a section slide and 'Some text' a slide; the warning says why there is no break.
    assert [plain(s.heading) for s in found] == ["A", "Some text"]
    assert [d.format() for d in diags] == [
        "s.md:4:1: warning: '---' right under a line of text makes that line a heading, not a slide break; "
        "leave a blank line above '---' to start a new slide [setext-heading]"
    ]


def test_any_rule_is_a_slide_break_as_in_pandoc() -> None:
    # pandoc 2 and 3 make two slides of this (`pandoc -t pptx`), and Marp splits on *** too.
    found, _ = slides("# A\n\n***\n\ntext\n")
    assert len(found) == 2


def test_rule_in_code_fence_does_not_split() -> None:
    found, _ = slides("# A\n\n```\n---\n```\n")
    assert len(found) == 1


def test_without_rules_split_on_top_most_heading_level() -> None:
    found, _ = slides("# A\n\n## a1\n\ntext\n\n# B\n\n- x\n")
    assert [plain(s.heading) for s in found] == ["A", "B"]
    found, _ = slides("## A\n\ntext\n\n## B\n")
    assert [plain(s.heading) for s in found] == ["A", "B"]


def test_front_matter_fields_and_later_slide_fields() -> None:
    text = "---\nlayout: bullets\n---\n\n# A\n\n---\n\n```yaml slide\nlayout: section\n```\n\n# B\n"
    found, diags = slides(text)
    assert not list(diags)
    assert [s.fields["layout"].value for s in found] == ["bullets", "section"]
    assert found[0].fields["layout"].loc.line == 2
    assert found[1].fields["layout"].loc.line == 10
    assert found[0].loc.line == 1


def test_nested_lists_become_levels_with_lines() -> None:
    found, _ = slides("# P\n\n- a\n  - b\n    - c\n- d\n")
    body = found[0].body
    assert [(p.text, p.level, p.kind) for p in body] == [("a", 0, "bullet"), ("b", 1, "bullet"), ("c", 2, "bullet"), ("d", 0, "bullet")]
    assert [p.loc.line for p in body] == [3, 4, 5, 6]


def test_notes_from_container_and_comment() -> None:
    found, _ = slides("# A\n\n::: notes\nsi dette\n:::\n\n<!-- og dette -->\n")
    assert [p.text for p in found[0].notes] == ["si dette", "og dette"]
    assert found[0].body == ()


def test_crlf_and_bom_keep_line_numbers() -> None:
    from deckgen.load.text import decode

    raw = "\ufeff# A\r\n\r\n---\r\n\r\n# B\r\n".encode()
    text = decode(raw, "s.md", Diagnostics())
    assert text is not None
    found, _ = slides(text)
    assert [s.loc.line for s in found] == [1, 5]
