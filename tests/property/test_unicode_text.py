"""Random Unicode text either builds, with the self-check passing and the text intact in the
.pptx and in both HTML outputs, or fails with located errors: never a traceback, never a
silently changed character."""

from __future__ import annotations

import os
import tempfile
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from .project import assert_failed_with_located_errors, assert_good_package, build, write_project

# Characters with a meaning in Markdown, YAML front matter or deckgen variables: random text
# with them is Markdown, not text, so "intact" would not be the right expectation.
MARKUP = "\\`*_{}[]()<>#+-!|~&:=\"'$%^\n\r"
LETTER = st.characters(categories=("Lu", "Ll", "Lo"))
# Any character but markup; controls (Cc) only in the examples meant to be refused, so that
# most examples exercise the whole way to both outputs.
INNER = st.characters(exclude_categories=("Cs", "Cc"), exclude_characters=MARKUP)
REFUSED = st.one_of(st.characters(categories=("Cc",), exclude_characters="\t\n\r"),
                    st.sampled_from("\ufffe\uffff\u2028\u2029"))


@st.composite
def texts(draw: st.DrawFn, hostile: bool = False) -> str:
    """A letter, any characters but markup, a letter: leading and trailing whitespace would
    be (rightly) trimmed by Markdown. ``hostile`` puts one refused character inside."""
    inner = draw(st.text(INNER, max_size=40))
    if hostile:
        at = draw(st.integers(0, len(inner)))
        inner = inner[:at] + draw(REFUSED) + inner[at:]
    return draw(LETTER) + inner + draw(LETTER)


def _refused(text: str) -> bool:
    """Characters deckgen refuses on purpose (load.text): controls, XML non-characters and
    the line/paragraph separators."""
    return any((unicodedata.category(c) == "Cc" and c != "\t") or c in "\ufffe\uffff\u2028\u2029"
               for c in text)


def _squash(text: str) -> str:
    """Whitespace runs as one space: HTML does not keep them, and neither does a comparison
    of rendered text."""
    return " ".join(text.split())


@st.composite
def three_texts(draw: st.DrawFn) -> tuple[str, str, str]:
    """Heading, bullet and note; in half the examples one of them is hostile."""
    bad = draw(st.sampled_from([None, None, None, 0, 1, 2]))
    return tuple(draw(texts(hostile=bad == n)) for n in range(3))  # type: ignore[return-value]


@settings(max_examples=int(os.environ.get("DECKGEN_PROPERTY_EXAMPLES", "40")), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(three_texts())
def test_random_text_builds_intact_or_fails_located(parts: tuple[str, str, str]) -> None:
    heading, item, note = parts
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        slide = f"# {heading}\n\n- {item}\n\n::: notes\n{note}\n:::\n"
        deck = write_project(root, {"a": slide}, ["use: a"])
        built = build(deck, root / "out")
        if any(_refused(t) for t in (heading, item, note)):
            event("refused")
            assert_failed_with_located_errors(built)
            assert "content/slides/a.md:" in built.stderr
            return
        if built.exit_code != 0:
            # Valid text can still be refused for a located reason (a title too long for its
            # box): that is the other allowed outcome, never a traceback or a silent loss.
            event("refused for a located reason")
            assert_failed_with_located_errors(built)
            return
        event("built")
        assert_good_package(built)
        paragraphs = built.pptx_paragraphs()
        for text in (heading, item, note):
            assert text in paragraphs or _squash(text) in map(_squash, paragraphs), \
                (text, paragraphs)
        for single in (False, True):
            page = _squash(built.html_text(single))
            for text in (heading, item):
                assert _squash(text) in page, (text, page[:500])
