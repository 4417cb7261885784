"""Paragraphs read from a deck are written as Markdown that deckgen's own loader reads back to
the same paragraphs: levels, list kinds, emphasis, code, links, line breaks, and text that only
looks like Markdown."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deckgen.errors import Diagnostics, SourceLoc
from deckgen.importer.text import inline_markdown, to_markdown
from deckgen.load.markdown import parse_block, parse_inline
from deckgen.model import Para, Run

LOC = SourceLoc("t.md", 1, 1)


def back(md: str) -> tuple[Para, ...]:
    diags = Diagnostics()
    paras = parse_block(md, "t.md", LOC, diags)
    assert not diags.errors, diags.errors
    return tuple(Para(_merged(p.runs), p.kind, p.level) for p in paras)


def _merged(runs: tuple[Run, ...]) -> tuple[Run, ...]:
    out: list[Run] = []
    for r in runs:
        if out and r.text != "\n" and out[-1].text != "\n" and (out[-1].bold, out[-1].italic, out[-1].code, out[-1].href) == (r.bold, r.italic, r.code, r.href):
            out[-1] = Run(out[-1].text + r.text, r.bold, r.italic, r.code, r.href)
        else:
            out.append(r)
    return tuple(out)


CASES = [
    (Para((Run("# not a heading"),)),),
    (Para((Run("1. not a list"),)),),
    (Para((Run("- not a bullet either"),)),),
    (Para((Run("a *star*, an _under_ and [brackets](x) <b>tag</b> &amp; | pipe ~~strike~~"),)),),
    (Para((Run("back\\slash and `tick`"),)),),
    (Para((Run("bold", bold=True), Run(" and "), Run("italic", italic=True), Run(" and "), Run("both", True, True))),),
    (Para((Run("code with ` tick", code=True),)),),
    (Para((Run("KS", href="https://www.ks.no/"), Run(" and "), Run("mail", href="mailto:post@ks.no"))),),
    (Para((Run("link (with) parens", href="https://example.org/a_(b)"),)),),
    (Para((Run("line one"), Run("\n"), Run("line two"))),),
    (Para((Run("first"),), "bullet", 0), Para((Run("second"),), "bullet", 1), Para((Run("third"),), "bullet", 2),
     Para((Run("back out"),), "bullet", 0)),
    (Para((Run("one"),), "number", 0), Para((Run("two"),), "number", 0), Para((Run("nested"),), "bullet", 1)),
    (Para((Run("Intro"),)), Para((Run("a"),), "bullet", 0), Para((Run("Outro"),))),
    (Para((Run("::: notes"),)),),
    (Para((Run("---"),)),),
    (Para((Run("> quote"),)),),
]


@pytest.mark.parametrize("paras", CASES)
def test_markdown_reads_back_to_the_same_paragraphs(paras: tuple[Para, ...]) -> None:
    assert back(to_markdown(paras)) == paras


def test_inline_markdown_reads_back_through_the_inline_parser() -> None:
    runs = (Run("Heading with "), Run("bold", bold=True), Run(" * and _"))
    diags = Diagnostics()
    assert _merged(parse_inline(inline_markdown(runs), "t.md", LOC, diags)) == runs


TEXT = st.text(alphabet=st.sampled_from(list("abc XYZ*_`[]()<>#&;|~!-+.1:\\")), min_size=1, max_size=30).map(str.strip).filter(bool)


@given(st.lists(st.tuples(TEXT, st.booleans(), st.booleans()), min_size=1, max_size=4))
@settings(max_examples=200, deadline=None)
def test_any_text_reads_back_as_written(parts: list[tuple[str, bool, bool]]) -> None:
    runs = tuple(Run(t, b, i) for t, b, i in parts)
    para = (Para(_merged(runs)),)
    got = back(to_markdown(para))
    assert "".join(r.text for p in got for r in p.runs).split() == "".join(r.text for r in runs).split()
