"""The fit step and the overflow rule against reality: the fixture deck of slides that just
fit and just overflow (tests/fixtures/overflow/) is fitted, rendered to .pptx, converted to PDF
by LibreOffice, and every text box's words are found on the page with ``pdftotext -bbox``.

Every slide made to overflow now fits, at the size (and line spacing) this test states, and
the page shows it fitting at that size; the slide made to overflow even at its floor is still
found, and the page shows it overflowing; the list and the table marked ``continue: auto``
continue on a second slide titled "… (forts.)", every part fitting. The rule's verdict for
every box must be what the page shows, its line breaks must be LibreOffice's, and where the
text starts at the top of its box the predicted bottom of the text must be within a point of
the rendered one. docs/check.md describes the measurement and the tolerance.

The fixture project's KS brand gets lower floors for the shapes layouts draw (cards 9 pt, org
chart 7 pt, tiles 8 pt, tables 8 pt), below the planners' sizes for the slides made to
overflow, so that those fit too; with KS's own floors they overflow at their floor
(tests/unit/check/test_cli.py).
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from deckgen.build import resolve_deck
from deckgen.check import CheckContext
from deckgen.check.overflow import Target, _plan, measure_slide, table_need
from deckgen.check.textfit import Fit, overhang_pt
from deckgen.errors import Diagnostics
from deckgen.layouts.tables import CELL_MARGIN_Y
from deckgen.model import Deck, Slide, plain
from deckgen.project import Project

from .conftest import FIXTURES, make_project

PT = 12700
TOLERANCE = 1.0  # points: text further than this outside its box overflows on the page
BOTTOM_TOLERANCE = 1.0  # points: predicted vs rendered bottom of top-aligned text
# poppler's word boxes span 0.95 em above and 0.35 em below the baseline (1.3 em); Liberation
# Sans ink reaches 0.905 em above and 0.212 em below it.
BOX_ABOVE, BOX_BELOW, BOX_EM = 0.95, 0.35, 1.3
ASCENT, DESCENT = 0.905, 0.212

FLOORS = "fit:\n  floors: {columns: 9, orgchart: 7, tiles: 8, table: 8}\n"
# The fixture deck's slides in order (continued ones twice), what each is made to do, and for
# the slides made to overflow: the size their text is set at to fit (a placeholder's largest
# size; the smallest size of the shapes a layout draws) and its line spacing (1.0: as the
# master has it; 0.9: tightened), measured with the brand's fonts and agreed by LibreOffice.
FITS, FITTED, OVER = "fits", "fitted", "over"
EXPECTED: list[tuple[str, str, float | None, float | None]] = [
    ("fits-bullets", FITS, None, None),
    ("over-bullets", FITTED, 24.0, 0.9),
    ("over-floor", OVER, 18.0, 0.9),  # 13 bullets: too many even at the body's floor
    ("continued-bullets", FITS, None, None),
    ("continued-bullets (forts.)", FITS, None, None),
    ("fits-title", FITS, None, None),
    ("over-title", FITTED, 30.0, 0.9),
    ("fits-question", FITS, None, None),
    ("over-question", FITTED, 44.0, 0.9),
    ("fits-prompt", FITS, None, None),
    ("over-prompt", FITTED, 36.0, 0.9),
    ("fits-columns", FITS, None, None),
    ("over-columns", FITTED, 10.0, None),
    ("fits-orgchart", FITS, None, None),
    ("over-orgchart", FITTED, 7.5, None),
    ("fits-table", FITS, None, None),
    ("over-table", FITTED, 8.5, None),
    ("continued-table", FITS, None, None),
    ("continued-table (forts.)", FITS, None, None),
    ("fits-tiles", FITS, None, None),
    ("over-tiles", FITTED, 8.0, None),
]
NAMES = [name for name, *_ in EXPECTED]
_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


@dataclass(frozen=True)
class Word:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str

    @property
    def size(self) -> float:
        return (self.y1 - self.y0) / BOX_EM

    @property
    def baseline(self) -> float:
        return self.y1 - BOX_BELOW * self.size


@dataclass(frozen=True)
class Seen:
    """What the page shows of one box's text (points from the top of the page)."""

    ink_top: float
    ink_bottom: float
    lines: int
    first_size: float


def pdf_pages(deck: Deck, folder: Path) -> list[list[Word]]:
    from deckgen.render.pptx import render_pptx

    pptx = folder / "deck.pptx"
    pptx.write_bytes(render_pptx(deck)[f"{deck.name}.pptx"])
    profile = folder / "lo-profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
         "pdf", "--outdir", str(folder), str(pptx)],
        check=True, capture_output=True, timeout=240,
    )
    subprocess.run(["pdftotext", "-bbox", str(folder / "deck.pdf"), str(folder / "deck.html")],
                   check=True, capture_output=True, timeout=60)
    pages = (folder / "deck.html").read_text(encoding="utf-8").split("<page ")[1:]
    return [[Word(float(a), float(b), float(c), float(d), html.unescape(t))
             for a, b, c, d, t in _WORD.findall(page)] for page in pages]


def seen(words: list[Word], tokens: set[str], x0: float, x1: float, y0: float,
         y1: float) -> Seen | None:
    """The box's own words: one of its tokens, centred within its columns, near its rows."""
    mine = [w for w in words if w.text in tokens and x0 - 2 <= (w.x0 + w.x1) / 2 <= x1 + 2
            and w.y0 >= y0 - 22 and w.y1 <= y1 + 60]
    if not mine:
        return None
    first = min(mine, key=lambda w: (w.baseline, w.x0))
    return Seen(
        ink_top=min(w.baseline - ASCENT * w.size for w in mine),
        ink_bottom=max(w.baseline + DESCENT * w.size for w in mine),
        lines=len({round(w.baseline, 1) for w in mine}),
        first_size=first.size,
    )


def check_box(target: Target, fit: Fit, words: list[Word]) -> tuple[bool, Seen]:
    frame, box = target.frame, target.frame.box
    tokens = {tok for p in frame.paras for piece in p.pieces for tok in piece.text.split()}
    got = seen(words, tokens, box.x / PT, (box.x + box.cx) / PT, box.y / PT,
               (box.y + box.cy) / PT)
    assert got is not None, f"{target.what}: no words found on the page"
    # Line spacing below single lifts the first line's glyphs (only those) into the top inset
    # (textfit.overhang_pt, an upper bound); out of the shape is over.
    rise = min(overhang_pt(frame.paras[0]), frame.insets[1] / PT)
    inner_top = (box.y + frame.insets[1] + frame.reserved) / PT - rise
    inner_bottom = (box.y + box.cy - frame.insets[3]) / PT
    over = got.ink_bottom > inner_bottom + TOLERANCE or got.ink_top < inner_top - TOLERANCE
    return over, got


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Deck, CheckContext, list]:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext (poppler-utils) is needed to measure the rendered pages")
    folder = tmp_path_factory.mktemp("overflow")
    project = make_project(folder, "overflow", base=FIXTURES)
    brand = project / "templates" / "ks" / "brand.yaml"
    brand.write_text(brand.read_text(encoding="utf-8") + FLOORS, encoding="utf-8")
    diags = Diagnostics()
    deck = resolve_deck(project / "content" / "decks" / "overflow.yaml", None, diags)
    assert deck is not None and not diags.errors, [d.format() for d in diags]
    return deck, CheckContext(deck, Project(project.resolve())), pdf_pages(deck, folder)


def _slide_verdict(ctx: CheckContext, slide: Slide, words: list[Word]) -> tuple[bool, bool]:
    """(the rule says the slide overflows, the page shows it does)."""
    predicted = actual = False
    for target, fit in measure_slide(ctx, slide):
        over, _ = check_box(target, fit, words)
        predicted |= not fit.fits
        actual |= over
    plan = _plan(ctx, slide)
    for table in plan.tables if plan is not None else ():
        area = table.box
        need, _ = table_need(ctx, table)
        tokens = {tok for row in (table.header, *table.rows) for cell in row for tok in plain(cell).split()}
        got = seen(words, tokens, area.x / PT, (area.x + area.cx) / PT, area.y / PT,
                   (area.y + area.cy) / PT)
        assert got is not None
        predicted |= need > area.cy
        # The last row's text ends a cell margin above the table's bottom edge.
        actual |= got.ink_bottom + CELL_MARGIN_Y / PT > (area.y + area.cy) / PT + TOLERANCE
    return predicted, actual


@pytest.mark.libreoffice
def test_every_slide_is_rendered_on_its_own_page(rendered) -> None:  # type: ignore[no-untyped-def]
    deck, _, pages = rendered
    assert len(pages) == len(deck.slides) == len(EXPECTED)


@pytest.mark.libreoffice
def test_the_fixture_slides_fit_and_overflow_as_made(rendered) -> None:  # type: ignore[no-untyped-def]
    deck, ctx, pages = rendered
    verdicts = [_slide_verdict(ctx, s, w) for s, w in zip(deck.slides, pages, strict=True)]
    made = [verdict == OVER for _, verdict, *_ in EXPECTED]
    assert [p for p, _ in verdicts] == made, "the rule's verdicts"
    assert [a for _, a in verdicts] == made, "what LibreOffice shows"


@pytest.mark.libreoffice
def test_the_slides_made_to_overflow_are_fitted_at_the_stated_size(rendered) -> None:  # type: ignore[no-untyped-def]
    """Each slide made to overflow is set at the stated size (a placeholder: its largest size
    and line spacing as the fit step chose them; drawn shapes: their smallest size, as the
    planner chose it within the floor or the fit step scaled it), and the page shows text
    of exactly that size."""
    deck, ctx, pages = rendered
    got, want = [], []
    for slide, words, (name, verdict, size, spacing) in zip(deck.slides, pages, EXPECTED, strict=True):
        if verdict == FITS:
            assert slide.fit == (), name
            continue
        fit = slide.fit[0] if slide.fit else None
        plan = _plan(ctx, slide)
        if fit is not None and fit.key != "area":
            shown, lines = max(fit.sizes), fit.spacing
        else:
            assert plan is not None, name
            shown = min([p.size for t in plan.texts for p in t.paras] + [t.size for t in plan.tables])
            lines = None
        on_page = {round(w.size * 2) / 2 for w in words}
        got.append((name, OVER if fit is not None and not fit.fits else FITTED, shown, lines, shown in on_page))
        want.append((name, verdict, size, spacing, True))
    assert got == want


@pytest.mark.libreoffice
def test_continued_slides_are_titled_as_such(rendered) -> None:  # type: ignore[no-untyped-def]
    deck, _, pages = rendered
    titles = [plain(s.title) for s in deck.slides]
    for n, name in enumerate(NAMES):
        if name.endswith("(forts.)"):
            assert titles[n] == titles[n - 1] + " (forts.)"
            assert "(forts.)" in {w.text for w in pages[n]}
            assert (deck.slides[n].part, deck.slides[n].parts) == (2, 2)


@pytest.mark.libreoffice
def test_every_box_agrees_with_the_page(rendered) -> None:  # type: ignore[no-untyped-def]
    deck, ctx, pages = rendered
    problems = []
    for n, (slide, words) in enumerate(zip(deck.slides, pages, strict=True), start=1):
        for target, fit in measure_slide(ctx, slide):
            over, got = check_box(target, fit, words)
            where = f"slide {n} ({NAMES[n - 1]}) {target.what}"
            if over == fit.fits:
                problems.append(f"{where}: rule says {fit.ratio:.1%}, page says over={over}")
            if got.lines != sum(fit.lines):
                problems.append(f"{where}: {sum(fit.lines)} lines predicted, {got.lines} drawn")
            if abs(got.first_size - target.frame.paras[0].size) > 0.1:
                problems.append(f"{where}: drawn at {got.first_size:.1f} pt, measured at "
                                f"{target.frame.paras[0].size} pt")
    assert problems == [], "\n".join(problems)


@pytest.mark.libreoffice
def test_top_aligned_text_ends_where_predicted(rendered) -> None:  # type: ignore[no-untyped-def]
    deck, ctx, pages = rendered
    errors = []
    for slide, words in zip(deck.slides, pages, strict=True):
        for target, fit in measure_slide(ctx, slide):
            if target.frame.anchor != "t":
                continue
            _, got = check_box(target, fit, words)
            frame = target.frame
            predicted = (frame.box.y + fit.needed - frame.insets[3]) / PT
            errors.append(abs(got.ink_bottom - predicted))
    assert errors and max(errors) <= BOTTOM_TOLERANCE
