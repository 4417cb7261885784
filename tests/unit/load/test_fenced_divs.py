"""pandoc's fenced divs as pandoc reads them: nesting with fences of any length, code inside,
an unclosed div, a stray closing fence; nothing of the syntax ever reaches a slide."""

from __future__ import annotations

from deckgen.errors import Diagnostics
from deckgen.load.markdown import parse_markdown
from deckgen.model import plain


def texts(source: str) -> tuple[list[list[str]], list[str]]:
    diags = Diagnostics()
    mdfile = parse_markdown(source, "s.md", diags)
    out = []
    for slide in mdfile.slides:
        out.append([plain(slide.heading), *(p.text for p in slide.body),
                    *(f"{plain(h)}|" + "/".join(p.text for p in b) for h, b, _ in slide.columns),
                    *(f"note:{p.text}" for p in slide.notes)])
    return out, [d.format() for d in diags]


def test_same_length_fences_nest_as_in_pandoc() -> None:
    found, msgs = texts("# A\n\n::: columns\n::: column\nen\n:::\n::: column\nto\n:::\n:::\n\netter\n")
    assert found == [["A", "etter", "|en", "|to"]] and msgs == []


def test_a_fence_inside_code_is_code() -> None:
    found, _ = texts("# A\n\n::: notes\n```\n:::\n```\nslutt\n:::\n")
    assert found == [["A", "note::::", "note:slutt"]]


def test_an_unclosed_div_loses_its_fence_and_keeps_its_text() -> None:
    # pandoc shows "::: notes bare notater" as text; the fence never shows here
    found, msgs = texts("# A\n\n::: notes\nbare notater\n\n# B\n\ntekst\n")
    assert found == [["A", "bare notater"], ["B", "tekst"]]
    assert msgs == ["s.md:3:1: warning: the div '::: notes' is never closed; its fence is left out and what follows is "
                    "read as the slide's text; close it with a ':::' line [div-attributes]"]


def test_a_stray_closing_fence_is_left_out_with_a_warning() -> None:
    found, msgs = texts("# A\n\ntekst\n\n:::\n")
    assert found == [["A", "tekst"]]
    assert msgs == ["s.md:5:1: warning: a ':::' line that closes no div is left out; remove it, or open the div it was meant to close [div-attributes]"]


def test_trailing_colons_and_braces_on_the_opening_fence() -> None:
    found, msgs = texts("# A\n\n::: notes :::\nn\n:::\n\n::: {.notes}\nm\n:::\n")
    assert found == [["A", "note:n", "note:m"]] and msgs == []


def test_attributes_never_show_even_when_pandoc_could_not_read_them() -> None:
    found, msgs = texts("# Tittel {.a b}\n\nSe [dette]{.x y=\"1 2\"} og [hint]{.a b c}.\n")
    assert found == [["Tittel", "Se dette og hint."]]
    assert [m.rsplit("[", 1)[1] for m in msgs] == ["span-attributes]", "span-attributes]", "heading-attributes]"]


def test_pandocs_html_notes_div_is_notes_and_not_content() -> None:
    found, msgs = texts('# Del\n\n<div class="notes">\nInnledning.\n</div>\n\n## A\n\ntekst\n\n<div class="notes">\n\n- *punkt*\n\n</div>\n')
    assert found == [["Del", "note:Innledning."], ["A", "tekst", "note:punkt"]] and msgs == []
