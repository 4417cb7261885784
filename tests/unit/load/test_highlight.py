"""Fenced code gets syntax colours from one highlighter (load/highlight.py): a language
Pygments knows is split into coloured code runs, any other block stays plain code."""

from __future__ import annotations

import pytest

from deckgen.errors import Diagnostics, SourceLoc
from deckgen.load.highlight import fence_language, highlight
from deckgen.load.markdown import parse_block


@pytest.mark.parametrize(("info", "language"), [
    ("python", "python"), ("bash", "bash"), ("{.bash}", "bash"), ("{.python .numberLines startFrom=5}", "python"),
    ("{python}", "python"), ("", ""), ("{#listing}", ""), ("c++", "c++"), ("<script>", ""),
])
def test_the_language_is_read_as_pandoc_marp_and_quarto_write_it(info: str, language: str) -> None:
    assert fence_language(info) == language


def _code(md: str) -> list[list[tuple[str, str]]]:
    paras = parse_block(md, "x.md", SourceLoc("x.md", 1, 1), Diagnostics())
    assert all(r.code for p in paras for r in p.runs)
    return [[(r.text, r.color) for r in p.runs] for p in paras]


def test_a_known_language_is_coloured_by_token() -> None:
    lines = _code('```python\ndef greet(name):\n    return "Hello"  # say it\n```\n')
    assert lines[0][0] == ("def ", "#A90D91")  # keyword
    assert lines[0][1] == ("greet(name):", "")  # names and punctuation: the text's own colour
    assert ('"Hello"  ', "#C41A16") in lines[1]  # string (the spaces after it join it)
    assert lines[1][-1] == ("# say it", "#177500")  # comment
    assert "".join(t for t, _ in lines[1]) == '    return "Hello"  # say it'  # nothing lost


def test_an_unknown_or_missing_language_is_plain_code() -> None:
    assert _code("```klingon\nqapla' batlh\n```\n") == [[("qapla' batlh", "")]]
    assert _code("```\nx = 1\n```\n") == [[("x = 1", "")]]
    assert _code("    x = 1\n") == [[("x = 1", "")]]  # an indented block names no language


def test_blank_lines_stay_and_variables_stay_whole() -> None:
    lines = highlight('a = 1\n\nb = "{{ county.name }}"', "python")
    assert len(lines) == 3 and [(r.text, r.color) for r in lines[1]] == [("", "")]
    assert ("{{ county.name }}", "") in [(r.text, r.color) for r in lines[2]]
