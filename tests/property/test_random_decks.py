"""Random deck structures either build, with the self-check passing and every text intact in
the .pptx and both HTML outputs, or fail with located errors. Structures deckgen must refuse
(lists deeper than the master styles, too many columns or tiles, minutes out of range, a
script link) always fail, located in the slide file that has them."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from .project import assert_failed_with_located_errors, assert_good_package, build, write_project

WORDS = ["Kommune", "Sámi áŋšŧž", "Ærøy", "🎉", "שלום", "مرحبا", "Zoë", "KS", "fylke", "1,5 %",
         "Tromsø", "👩‍👩‍👧", "Čáhppes", "Åsane", "møte"]
MAX_LEVEL = 4  # five levels: what the brand's master styles


@dataclass
class SlideCase:
    markdown: str
    texts: list[str] = field(default_factory=list)  # must appear in both outputs if it builds
    refused: str = ""  # why deckgen must refuse it, or ''


phrases = st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join)


@st.composite
def bullets(draw: st.DrawFn) -> SlideCase:
    title = draw(phrases)
    depth = draw(st.integers(0, MAX_LEVEL + 2))
    levels = list(range(depth + 1))  # climb one level at a time: Markdown allows no jumps
    for _ in range(draw(st.integers(0, 3))):
        levels.append(draw(st.integers(0, min(levels[-1] + 1, depth))))
    items = [draw(phrases) for _ in levels]
    body = "".join("  " * lvl + f"- {text}\n" for lvl, text in zip(levels, items, strict=True))
    deep = max(levels) > MAX_LEVEL
    return SlideCase(f"# {title}\n\n{body}", [title, *items], "deep list" if deep else "")


@st.composite
def section(draw: st.DrawFn) -> SlideCase:
    title = draw(phrases)
    return SlideCase(f"---\nlayout: section\n---\n\n# {title}\n", [title])


@st.composite
def question(draw: st.DrawFn) -> SlideCase:
    text = draw(phrases)
    return SlideCase(f"---\nlayout: question\n---\n\n{text}?\n", [f"{text}?"])


@st.composite
def table(draw: st.DrawFn) -> SlideCase:
    cols, rows = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    title = draw(phrases)
    header = [draw(phrases) for _ in range(cols)]
    cells = [[draw(phrases) for _ in range(cols)] for _ in range(rows)]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * cols]
    lines += ["| " + " | ".join(row) + " |" for row in cells]
    texts = [title, *header, *(c for row in cells for c in row)]
    return SlideCase(f"# {title}\n\n" + "\n".join(lines) + "\n", texts)


@st.composite
def columns(draw: st.DrawFn) -> SlideCase:
    heads = [draw(phrases) for _ in range(draw(st.integers(1, 5)))]
    title = draw(phrases)
    yaml = "".join(f"  - heading: \"{h}\"\n" for h in heads)
    return SlideCase(f"---\nlayout: columns\ntitle: \"{title}\"\ncolumns:\n{yaml}---\n",
                     [title, *heads], "too many columns" if len(heads) > 4 else "")


@st.composite
def discussion(draw: st.DrawFn) -> SlideCase:
    minutes = draw(st.integers(-2, 70))
    prompt = draw(phrases)
    ok = 1 <= minutes <= 60
    return SlideCase(f"---\nlayout: discussion\nminutes: {minutes}\n---\n\n{prompt}\n", [prompt],
                     "" if ok else "minutes out of range")


@st.composite
def tiles(draw: st.DrawFn) -> SlideCase:
    count = draw(st.integers(1, 14))
    urls = [draw(st.sampled_from(["https://www.ks.no/", "mailto:post@ks.no",
                                  "https://youtu.be/ZSaGU498CK0", "javascript:alert(1)"]))
            for _ in range(count)]
    names = [draw(phrases) for _ in range(count)]
    yaml = "".join(f"  - title: \"{n}\"\n    url: \"{u}\"\n" for n, u in zip(names, urls, strict=True))
    refused = "too many tiles" if count > 12 else "script link" if "javascript:alert(1)" in urls else ""
    return SlideCase(f"---\nlayout: tiles\ntitle: Lenker\ntiles:\n{yaml}---\n", names, refused)


SLIDES = st.one_of(bullets(), section(), question(), table(), columns(), discussion(), tiles())


@settings(max_examples=int(os.environ.get("DECKGEN_PROPERTY_EXAMPLES", "30")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(SLIDES, min_size=1, max_size=5), st.booleans())
def test_random_decks_build_intact_or_fail_located(cases: list[SlideCase],
                                                   with_title: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        slides = {f"s{n}": case.markdown for n, case in enumerate(cases)}
        entries = (["layout: title"] if with_title else []) + [f"use: {name}" for name in slides]
        deck = write_project(root, slides, entries)
        built = build(deck, root / "out")
        refused = [n for n, case in enumerate(cases) if case.refused]
        if refused:
            event("refused: " + cases[refused[0]].refused)
            assert_failed_with_located_errors(built)
            for n in refused:
                assert f"content/slides/s{n}.md:" in built.stderr, (cases[n], built.stderr)
            return
        if built.exit_code != 0:
            # Allowed only as located findings (e.g. text that would overflow its box).
            event("failed check")
            assert_failed_with_located_errors(built)
            return
        event("built")
        assert_good_package(built)
        paragraphs = " \n ".join(built.pptx_paragraphs())
        pages = [built.html_text(single) for single in (False, True)]
        for case in cases:
            for text in case.texts:
                assert text in paragraphs, (text, case.markdown)
                for page in pages:
                    assert text in page, (text, case.markdown)
