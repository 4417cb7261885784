"""Both outputs put things in the same places: every layout rendered to .pptx and to reveal.js
(one slide of every layout, on the real KS brand), the PowerPoint shapes read back with
python-pptx and the HTML elements measured by Chromium, each pair's rectangle equal within
a pixel and a half of the 1280 x 720 slide.

The pairs are found by their text (a shape's first paragraph against an element's text), so
the test needs no knowledge of any one layout: a layout added later is compared too.
"""

from __future__ import annotations

import dataclasses
import io
import re
from pathlib import Path
from typing import Any

import pytest
from fixtures import reveal_sample
from pptx import Presentation

from deckgen.errors import Diagnostics, SourceLoc
from deckgen.render.pptx import render_pptx
from deckgen.render.reveal import render_reveal
from deckgen.resolve.brand import load_brand

pytestmark = pytest.mark.chromium

REPO = Path(__file__).resolve().parents[2]
TOLERANCE = 1.5  # slide pixels
SLIDE_PX = (1280, 720)

# Every positioned element of a slide, with its text and its rectangle in slide pixels.
MEASURE = """(n) => {
  const section = document.querySelector(`#slide-${n}`);
  const sr = section.getBoundingClientRect();
  const k = WIDTH / sr.width;
  return [...section.querySelectorAll('.box, .plan-box, .plan-table')].map(el => {
    const r = el.getBoundingClientRect();
    return {text: el.innerText.replace(/\\s+/g, ' ').trim(),
            x: (r.left - sr.left) * k, y: (r.top - sr.top) * k, w: r.width * k, h: r.height * k};
  });
}""".replace("WIDTH", str(SLIDE_PX[0]))


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Path]:
    diags = Diagnostics()
    brand = load_brand("ks", REPO, diags, loc=SourceLoc("test"))
    assert brand is not None, [d.format() for d in diags]
    deck = dataclasses.replace(reveal_sample.every_layout_deck(), name="boxes", brand=brand)
    prs = Presentation(io.BytesIO(render_pptx(deck)["boxes.pptx"]))
    out = tmp_path_factory.mktemp("boxes")
    (out / "boxes.html").write_bytes(render_reveal(deck, single=True)["boxes.html"])
    return prs, out / "boxes.html"


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _shapes(slide: Any, emu_per_px: float) -> list[tuple[str, tuple[float, ...]]]:
    """The text-bearing shapes on the slide (not its footer, date or number), as
    (first paragraph, rectangle in slide pixels)."""
    out = []
    for shape in slide.shapes:
        if not shape.has_text_frame or shape.top is None or shape.top < 0:
            continue  # a title kept off the slide for screen readers
        if shape.is_placeholder and shape.placeholder_format.type in (13, 15, 16):
            continue  # slide number, footer, date: the page's own chrome
        first = _norm(shape.text_frame.paragraphs[0].text)
        if first:
            out.append((first, tuple(v / emu_per_px for v in (shape.left, shape.top, shape.width, shape.height))))
    for shape in slide.shapes:
        if shape.has_table:
            first = _norm(shape.table.cell(0, 0).text)
            width = sum(c.width for c in shape.table.columns)
            out.append((first, (shape.left / emu_per_px, shape.top / emu_per_px, width / emu_per_px, None)))
    return out


def _off(element: dict[str, float], want: tuple[float | None, ...]) -> float:
    """How far an element's rectangle is from a shape's, at the worst side."""
    return max(abs(element[k] - v) for k, v in zip("xywh", want, strict=True) if v is not None)


def test_every_shape_is_where_its_element_is(decks: tuple[Any, Path]) -> None:
    from playwright.sync_api import sync_playwright

    prs, page_file = decks
    emu_per_px = prs.slide_width / SLIDE_PX[0]
    compared, misses = 0, []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": SLIDE_PX[0], "height": SLIDE_PX[1]})
        page.goto(page_file.as_uri())
        page.wait_for_function("() => window.Reveal && Reveal.isReady()")
        for n, slide in enumerate(prs.slides, start=1):
            page.evaluate(f"() => Reveal.slide({n - 1})")
            page.wait_for_timeout(50)
            elements = page.evaluate(MEASURE, n)
            for text, want in _shapes(slide, emu_per_px):
                # By its text; an element showing it differently (the countdown "3:00" for
                # PowerPoint's "3 min" badge) is the one in the same place, if any.
                found = [e for e in elements if text in e["text"] or _off(e, want) <= TOLERANCE]
                if not found:
                    misses.append(f"slide {n}: no element shows {text!r}")
                    continue
                best = min(found, key=lambda e: _off(e, want))
                got = (best["x"], best["y"], best["w"], best["h"])
                for name, a, b in zip("xywh", want, got, strict=True):
                    if a is not None and abs(a - b) > TOLERANCE:
                        misses.append(f"slide {n} {text[:30]!r}: {name} is {b:.1f} px in HTML, {a:.1f} px in PPTX")
                compared += 1
        browser.close()
    assert misses == [], "\n".join(misses)
    assert compared >= 40
