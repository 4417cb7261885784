"""The fit step as a user meets it: brand.yaml's ``fit:`` section (floors, shrink, continue)
with located errors, the sizes both outputs write for a fitted box, and lists and tables
continued on "(forts.)" slides -- through the CLI, reopening the .pptx and the HTML."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import html as lxml_html
from pptx import Presentation
from pptx.util import Emu

from deckgen.check.fit import fit_deck
from deckgen.cli import main
from deckgen.errors import Diagnostics, SourceLoc
from deckgen.fitting import DEFAULT_FLOORS, FitPolicy
from deckgen.model import BulletsContent, plain
from deckgen.resolve.brand import load_brand

from .conftest import FIXTURES, deck, ks_brand, make_project, para, slide

DECK = "content/decks/overflow.yaml"


def _brand_yaml(project: Path, extra: str) -> str:
    path = project / "templates" / "ks" / "brand.yaml"
    text = path.read_text(encoding="utf-8") + extra
    path.write_text(text, encoding="utf-8")
    return text


def _build(project: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["build", str(project / DECK), "--out", str(project / "out"), *args])
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("fit"), "overflow", base=FIXTURES)
    code, output = _build(project, "--format", "pptx,html")
    assert code == 0, output
    return project


def _slides(project: Path):  # type: ignore[no-untyped-def]
    return list(Presentation(io.BytesIO((project / "out" / "overflow.pptx").read_bytes())).slides)


def _title(s) -> str:  # type: ignore[no-untyped-def]
    return s.shapes.title.text_frame.text if s.shapes.title is not None else ""


# --------------------------------------------------------------------------- brand.yaml


def test_the_default_floors_and_a_brands_own(tmp_path: Path) -> None:
    assert ks_brand().fit == FitPolicy()
    assert (DEFAULT_FLOORS["body"], DEFAULT_FLOORS["title"], DEFAULT_FLOORS["orgchart"]) == (18.0, 28.0, 9.0)
    project = make_project(tmp_path, "overflow", base=FIXTURES)
    _brand_yaml(project, "fit:\n  shrink: true\n  continue: auto\n  floors: {body: 16, orgchart: 8.5}\n")
    diags = Diagnostics()
    brand = load_brand("ks", project, diags, loc=SourceLoc("d.yaml", 1, 1))
    assert brand is not None and not diags.errors
    assert brand.fit.floor("body") == 16.0 and brand.fit.floor("orgchart") == 8.5
    assert brand.fit.floor("title") == 28.0 and brand.fit.continue_auto and brand.fit.shrink


@pytest.mark.parametrize(("extra", "needle", "message"), [
    ("fit:\n  floors: {body: 2}\n", "2}",
     "error: the floor for 'body' must be a size in points from 4 to 200, not 2; write e.g. 'body: 18'"),
    ("fit:\n  floors: {bdy: 16}\n", "bdy",
     "error: unknown key 'bdy' in fit.floors; did you mean 'body'?"),
    ("fit:\n  continue: always\n", "always", "error: 'continue' must be 'auto' or 'off', not 'always'"),
    ("fit:\n  shrink: maybe\n", "maybe", "error: 'shrink' must be true or false, not str"),
])
def test_a_bad_fit_section_is_located(tmp_path: Path, extra: str, needle: str, message: str) -> None:
    project = make_project(tmp_path, "overflow", base=FIXTURES)
    text = _brand_yaml(project, extra)
    before = sorted(p.name for p in project.iterdir())
    code, output = _build(project)
    line = text.count("\n", 0, text.rindex(needle)) + 1
    col = text.rindex(needle) - text.rfind("\n", 0, text.rindex(needle))
    assert code == 1
    assert f"templates/ks/brand.yaml:{line}:{col}: {message}" in output
    assert sorted(p.name for p in project.iterdir()) == before  # nothing written


def test_shrink_false_leaves_every_box_as_the_master_sets_it() -> None:
    from dataclasses import replace

    long = tuple(para(f"Punkt nummer {n} i en lang liste", line=10 + n) for n in range(12))
    d = deck(slide("bullets", BulletsContent(long)), brand=replace(ks_brand(), fit=FitPolicy(shrink=False)))
    assert fit_deck(d) is d
    fitted = fit_deck(deck(slide("bullets", BulletsContent(long))))
    (box,) = fitted.slides[0].fit
    assert (box.key, box.fits, max(box.sizes), box.spacing) == ("body", True, 18.0, 0.9)


# --------------------------------------------------------------------------- both outputs


def test_a_fitted_body_is_written_with_its_sizes_and_line_spacing(built: Path) -> None:
    over = _slides(built)[1]  # over-bullets: 24/20/18 pt as the master has them, lines at 90 %
    body = next(sh for sh in over.placeholders if sh.placeholder_format.idx == 1)
    sizes = [Emu(p.runs[0].font.size).pt for p in body.text_frame.paragraphs]
    assert sizes == [24.0, 24.0, 20.0, 20.0, 18.0, 24.0, 24.0, 24.0, 24.0]
    assert {p.line_spacing for p in body.text_frame.paragraphs} == {0.9}
    title = _slides(built)[6].shapes.title  # over-title: 30 pt instead of the master's 32
    assert Emu(title.text_frame.paragraphs[0].runs[0].font.size).pt == 30.0
    fits = _slides(built)[0]  # what fits keeps the master's sizes: no size written
    assert all(r.font.size is None for sh in fits.placeholders for p in sh.text_frame.paragraphs for r in p.runs)


def test_the_html_sets_the_same_sizes(built: Path) -> None:
    css = "".join(p.read_text(encoding="utf-8") for p in (built / "out" / "overflow").rglob("*.css"))
    # A 13.33 in slide is 1280 px: 1.333 px a point. The title at 30 pt is 40 px, its lines
    # 1.1 x 0.9; the body at 24 pt is 32 px, lines 1.2 x 0.9; the question and the prompt
    # keep their size with tighter lines.
    assert "#slide-7 .slide-title { font-size: 40px; line-height: 0.990; }" in css
    assert "#slide-2 .slide-body { font-size: 32px; line-height: 1.080; }" in css
    assert re.search(r"#slide-9 \.question-text \{ font-size: [\d.]+px; line-height: 1\.035; \}", css)
    assert "#slide-1 .slide-body {" not in css


# --------------------------------------------------------------------------- continuing


def test_a_list_and_a_table_with_continue_auto_continue_on_forts_slides(built: Path) -> None:
    titles = [_title(s) for s in _slides(built)]
    assert titles[3:5] == ["Punktliste som fortsetter", "Punktliste som fortsetter (forts.)"]
    n = titles.index("Tabell som fortsetter")
    assert titles[n:n + 3] == ["Tabell som fortsetter", "Tabell som fortsetter (forts.)",
                               "Tabell som fortsetter (forts.)"]
    rows = [len(sh.table.rows) - 1 for s in _slides(built)[n:n + 3] for sh in s.shapes if sh.has_table]
    assert sum(rows) == 38 and max(rows) - min(rows) <= 1
    page = lxml_html.fromstring((built / "out" / "overflow" / "index.html").read_bytes())
    headings = [h.text_content().strip() for h in page.cssselect("section.deck-slide .slide-title")]
    assert headings.count("Tabell som fortsetter (forts.)") == 2
    assert "Punktliste som fortsetter (forts.)" in headings


def test_continuing_is_never_silent_and_off_keeps_one_slide(tmp_path: Path) -> None:
    project = make_project(tmp_path, "overflow", base=FIXTURES)
    code, output = _build(project, "--format", "pptx")
    assert code == 0 and "info findings (deckgen check lists them)" in output
    checked = CliRunner().invoke(main, ["check", str(project / DECK)]).output
    assert re.search(r"^content/slides/bullets\.md:\d+:1: info: the body text continues on 2 slides, "
                     r"titled '… \(forts\.\)'", checked, re.M), checked
    _brand_yaml(project, "fit:\n  continue: auto\n")
    slides = project / "content" / "slides" / "bullets.md"
    slides.write_text(slides.read_text(encoding="utf-8").replace("continue: auto", "continue: off"),
                      encoding="utf-8")
    _build(project, "--format", "pptx")
    titles = [_title(s) for s in _slides(project)]
    # The brand's default continues the list made to overflow at its floor; the slide that
    # says 'continue: off' stays one slide.
    assert "Punktliste som går over selv på gulvet (forts.)" in titles
    assert "Punktliste som fortsetter (forts.)" not in titles


def test_a_bad_continue_value_is_located(tmp_path: Path) -> None:
    project = make_project(tmp_path, "overflow", base=FIXTURES)
    slides = project / "content" / "slides" / "bullets.md"
    slides.write_text(slides.read_text(encoding="utf-8").replace("continue: auto", "continue: sometimes"),
                      encoding="utf-8")
    code, output = _build(project)
    assert code == 1
    assert re.search(r"content/slides/bullets\.md:\d+:\d+: error: .*sometimes", output), output


def test_a_continued_title_is_in_the_decks_language() -> None:
    long = tuple(para(f"Point number {n} in a long list", line=10 + n) for n in range(22))
    s = slide("bullets", BulletsContent(long), "Points")
    from dataclasses import replace

    fitted = fit_deck(deck(replace(s, continuation="auto"), lang="en-GB"))
    assert [plain(x.title) for x in fitted.slides] == ["Points", "Points (cont.)"]
    assert [(x.part, x.parts) for x in fitted.slides] == [(1, 2), (2, 2)]
    assert fitted.slides[1].notes == ()


def test_drawn_shapes_the_estimate_oversized_are_scaled_together_in_both_outputs() -> None:
    """DejaVu Sans runs wider than the Arial table the planner estimates with: the cards the
    planner set at 20 pt need 19 pt with the real font, all three cards alike."""
    from dataclasses import replace

    from deckgen.model import Column, ColumnsContent
    from deckgen.render.pptx import render_pptx
    from deckgen.render.reveal.plans import slide_plan

    from .conftest import findings, runs

    dejavu = "/usr/share/fonts/truetype/dejavu/DejaVuSans"
    if not Path(dejavu + ".ttf").exists():
        pytest.skip("DejaVu Sans not installed (fonts-dejavu-core)")
    brand = replace(ks_brand(), font_files={"heading": dejavu + "-Bold.ttf", "body": dejavu + ".ttf"})
    text = tuple(para("Vi samler kommunene om felles krav og følger opp hele året", line=9) for _ in range(3))
    columns = ColumnsContent((Column(runs("Rolle"), text), Column(runs("B"), text[:1]), Column(runs("C"), text[:1])))
    fitted = fit_deck(deck(slide("columns", columns), brand=brand))
    (box,) = fitted.slides[0].fit
    assert (box.key, box.sizes, box.fits) == ("area", (19.0,), True)
    assert findings(fitted, "overflow") == [
        "content/slides/s.md:3:1: info: the text the slide draws set at 95% to fit; shorten it to keep the "
        "brand's size [overflow]"]
    prs = Presentation(io.BytesIO(render_pptx(fitted)["d.pptx"]))
    cards = [sh for sh in prs.slides[0].shapes if sh.name.startswith("Column ")]
    assert {Emu(p.runs[0].font.size).pt for c in cards for p in c.text_frame.paragraphs[1:]} == {19.0}
    pixel = slide_plan(brand, fitted.slides[0], fitted.lang)
    assert pixel is not None and {p.size for t in pixel.plan.texts for p in t.paras[1:]} == {19.0}
