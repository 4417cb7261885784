"""Golden fixtures for the Markdown loader, in markdown-it's dot-delimited style.

Each case in ``markdown.txt`` is a title line, then ``.``, the Markdown source, ``.``, the
expected dump of what load makes of it, ``.``. The dump shows every slide with its line, fields,
heading, paragraphs (kind, level, text with styles) and notes: a readable record of the
loader's behaviour that a reviewer can check by eye.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.errors import Diagnostics
from deckgen.load.markdown import parse_markdown
from deckgen.model import Para, Run

FIXTURE = Path(__file__).with_name("markdown.txt")


def cases() -> list[tuple[str, str, str]]:
    lines = FIXTURE.read_text(encoding="utf-8").split("\n")
    out: list[tuple[str, str, str]] = []
    i = 0
    while i < len(lines):
        if lines[i].strip() and lines[i + 1 : i + 2] == ["."]:
            title = lines[i]
            j = lines.index(".", i + 2)
            k = lines.index(".", j + 1)
            out.append((title, "\n".join(lines[i + 2 : j]) + "\n", "\n".join(lines[j + 1 : k])))
            i = k + 1
        else:
            i += 1
    return out


def _runs(runs: tuple[Run, ...]) -> str:
    parts = []
    for r in runs:
        text = r.text.replace("\n", "\\n")
        marks = "".join(m for m, on in (("*", r.bold), ("_", r.italic), ("`", r.code)) if on)
        text = f"{marks}{text}{marks[::-1]}"
        if r.href:
            text = f"[{text}]({r.href})"
        parts.append(text)
    return "".join(parts)


def _para(p: Para, indent: str) -> str:
    step = f" step={p.fragment}" if p.fragment else ""
    return f"{indent}{p.kind} {p.level} @{p.loc.line if p.loc else '?'}{' rtl' if p.rtl else ''}{step} {_runs(p.runs)}"


def dump(source: str) -> str:
    diags = Diagnostics()
    mdfile = parse_markdown(source, "s.md", diags)
    out: list[str] = []
    for n, slide in enumerate(mdfile.slides, start=1):
        fields = ", ".join(f"{k}={v.value!r}" for k, v in slide.fields.items())
        out.append(f"slide {n} @{slide.loc.line}" + (f" {{{fields}}}" if fields else "")
                   + (f" classes={list(slide.classes)}" if slide.classes else ""))
        if slide.heading:
            out.append(f"  heading h{slide.heading_level} {_runs(slide.heading)}")
        for p in slide.body:
            out.append(_para(p, "  "))
        for heading, body, width in slide.columns:
            out.append(f"  column {_runs(heading)!r}" + (f" width={width}" if width else ""))
            out.extend(_para(p, "    ") for p in body)
        for image in slide.images:
            extra = "".join(f" {k}={v!r}" for k in ("width", "height", "bg", "fit", "caption") if (v := getattr(image, k)))
            out.append(f"  image {image.src} alt={image.alt!r}{extra}")
        for row in slide.table:
            out.append("  row " + " | ".join(_runs(c) for c in row))
        if any(slide.table_align):
            out.append(f"  align {list(slide.table_align)}")
        if slide.table_caption:
            out.append(f"  caption {_runs(slide.table_caption)}")
        for p in slide.notes:
            out.append(f"  note {_runs(p.runs)}")
    for d in diags:
        out.append(d.format())
    return "\n".join(out)


@pytest.mark.parametrize(("title", "source", "expected"), cases(), ids=[c[0] for c in cases()])
def test_golden(title: str, source: str, expected: str) -> None:
    assert dump(source) == expected
