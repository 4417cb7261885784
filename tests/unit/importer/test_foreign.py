"""Decks made by other tools, generated here: python-pptx's default template with filled
placeholders, pandoc's pptx output and a LibreOffice Impress deck. Each slide maps through its
master layout's type and what it holds; every visible text (notes included) is in the imported
content and in the deck built from it; what cannot come along is named in a warning."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches, Pt
from pptx_summary import deck_summary

from deckgen.cli import main

REPO = Path(__file__).resolve().parents[3]


def need(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        if os.environ.get("DECKGEN_REQUIRE_CLIENTS") == "1":
            pytest.fail(f"{tool} is required in CI but not installed")
        pytest.skip(f"{tool} not installed")
    return found


def picture_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (800, 600), (30, 110, 160)).save(out, "PNG")
    return out.getvalue()


def python_pptx_deck(path: Path) -> None:
    """Every common layout of python-pptx's default template, placeholders filled."""
    prs = Presentation()
    by_name = {layout.name: layout for layout in prs.slide_layouts}
    s = prs.slides.add_slide(by_name["Title Slide"])
    s.shapes.title.text = "Årsmøte 2025"
    s.placeholders[1].text = "Kommunene i regionen"
    s.notes_slide.notes_text_frame.text = "Ønsk velkommen."

    s = prs.slides.add_slide(by_name["Title and Content"])
    s.shapes.title.text = "Agenda"
    body = s.placeholders[1].text_frame
    body.text = "Økonomi"
    p = body.add_paragraph()
    p.text, p.level = "Budsjett 2026", 1
    p = body.add_paragraph()
    run = p.add_run()
    run.text = "Les mer"
    run.hyperlink.address = "https://www.ks.no/"
    bad = p.add_run()
    bad.text = " her"
    bad.hyperlink.address = "javascript:alert(1)"
    bold = body.add_paragraph().add_run()
    bold.text, bold.font.bold = "Viktig", True

    s = prs.slides.add_slide(by_name["Section Header"])
    s.shapes.title.text = "Del 2"
    s.placeholders[1].text = "Økonomien fremover"

    s = prs.slides.add_slide(by_name["Two Content"])
    s.shapes.title.text = "For og mot"
    s.placeholders[1].text = "For\nBilligere"
    s.placeholders[2].text = "Mot\nTregere"

    s = prs.slides.add_slide(by_name["Comparison"])
    s.shapes.title.text = "Sammenligning"
    for idx, text in zip((1, 2, 3, 4), ("I dag", "Dagens ordning", "I morgen", "Ny ordning"), strict=True):
        s.placeholders[idx].text = text

    s = prs.slides.add_slide(by_name["Title Only"])
    s.shapes.title.text = "Tall"
    rows = s.shapes.add_table(3, 2, Inches(1), Inches(2), Inches(6), Inches(2)).table
    for r, row in enumerate((("År", "Antall"), ("2024", "357"), ("2025", "357"))):
        for c, text in enumerate(row):
            rows.cell(r, c).text = text

    s = prs.slides.add_slide(by_name["Picture with Caption"])
    s.shapes.title.text = "Utsikt"
    s.placeholders[1].insert_picture(io.BytesIO(picture_bytes()))
    s.placeholders[2].text = "Foto: Kommunen"

    s = prs.slides.add_slide(by_name["Title Only"])
    s.shapes.title.text = "Diagram"
    data = CategoryChartData()
    data.categories = ["Nord", "Sør"]
    data.add_series("Innbyggere", (12, 30))
    s.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(1), Inches(2), Inches(6), Inches(4), data)

    s = prs.slides.add_slide(by_name["Title and Content"])
    s.shapes.title.text = "Skjult lysbilde"
    s.placeholders[1].text = "Ikke vist"
    s.element.set("show", "0")

    s = prs.slides.add_slide(by_name["Title and Content"])  # an empty body placeholder
    s.shapes.title.text = "Bare tittel"
    box = s.shapes.add_textbox(Inches(1), Inches(5), Inches(4), Inches(1))
    box.text_frame.text = "En tekstboks"
    box.text_frame.paragraphs[0].runs[0].font.size = Pt(14)
    prs.save(str(path))


def import_and_build(deck: Path, project: Path, *extra: str) -> tuple[str, Path]:
    shutil.copytree(REPO / "templates", project / "templates")
    result = CliRunner().invoke(main, ["import", str(deck), "--into", str(project), "--name", "d", *extra])
    assert result.exit_code == 0, result.output
    built = CliRunner().invoke(main, ["build", str(project / "content/decks/d.yaml"), "--out", str(project / "out")])
    assert built.exit_code == 0, built.output
    return result.output, project / "out" / "d.pptx"


def visible_texts(path: Path, skip: tuple[int, ...] = ()) -> list[str]:
    texts = []
    for n, slide in enumerate(deck_summary(path), start=1):
        if n in skip:
            continue
        texts += list(slide["texts"]) + [" ".join(slide["notes"])] * bool(slide["notes"])
        texts += [cell for table in slide["tables"] for row in table for cell in row if cell]
    return [" ".join(t.split()) for t in texts]


def all_content(project: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted((project / "content").rglob("*.*")))


def assert_every_text_kept(source: Path, rebuilt: Path, project: Path, skip: tuple[int, ...] = ()) -> None:
    content = " ".join(all_content(project).split())
    again = " ".join(" ".join(visible_texts(rebuilt)).split())
    for text in visible_texts(source, skip):
        for word in text.split():
            assert word.strip("*`") in content, f"{word!r} of {text!r} is not in the imported content"
            assert word.strip("*`") in again, f"{word!r} of {text!r} is not in the rebuilt deck"


def layouts(project: Path) -> list[str]:
    return [p.read_text(encoding="utf-8").split("\n")[1].removeprefix("layout: ") for p in sorted((project / "content/slides/d").glob("*.md"))]


def test_python_pptx_default_template(tmp_path: Path) -> None:
    source = tmp_path / "made.pptx"
    python_pptx_deck(source)
    output, rebuilt = import_and_build(source, tmp_path / "p")
    assert layouts(tmp_path / "p") == ["title", "bullets", "section", "columns", "columns", "table", "image", "bullets", "bullets", "bullets"]
    assert_every_text_kept(source, rebuilt, tmp_path / "p", skip=(9,))  # the hidden slide is not in the rebuilt deck
    agenda = (tmp_path / "p/content/slides/d/02-agenda.md").read_text(encoding="utf-8")
    assert "- Økonomi\n  - Budsjett 2026\n- [Les mer](https://www.ks.no/) her\n- **Viktig**" in agenda
    assert "slide 2: link 'javascript:alert(1)' is not an http(s) or mailto address: its text is kept, the link is not" in output
    assert "slide 8: cannot import chart 'Chart 2'; its text is kept as bullets, the rest is left out" in output
    chart = (tmp_path / "p/content/slides/d/08-diagram.md").read_text(encoding="utf-8")
    assert "- Innbyggere\n- Nord\n- Sør" in chart
    assert "slide 9 is hidden in PowerPoint" in output
    deck = (tmp_path / "p/content/decks/d.yaml").read_text(encoding="utf-8")
    assert "  # - d/09-skjult-lysbilde  (hidden in PowerPoint)\n" in deck
    comparison = (tmp_path / "p/content/slides/d/05-sammenligning.md").read_text(encoding="utf-8")
    assert "  - heading: I dag\n    body: '- Dagens ordning'\n  - heading: I morgen\n    body: '- Ny ordning'\n" in comparison
    empty = (tmp_path / "p/content/slides/d/10-bare-tittel.md").read_text(encoding="utf-8")
    assert empty.endswith("---\n\nEn tekstboks\n")  # the empty body placeholder is no text
    image = (tmp_path / "p/content/slides/d/07-utsikt.md").read_text(encoding="utf-8")
    assert "credit: 'Foto: Kommunen'" in image
    assert "slide 7: picture 'Picture Placeholder 2' has a file name for alt text ('image.png')" in output
    assert "alt: 'Foto: Kommunen'" in image


def test_pandoc_pptx(tmp_path: Path) -> None:
    pandoc = need("pandoc")
    (tmp_path / "pic.png").write_bytes(picture_bytes())
    (tmp_path / "talk.md").write_text(
        "---\ntitle: Pandoc-foredrag\nauthor: Kari Nordmann\n---\n\n# Innledning\n\n- Første **fet** og *kursiv*\n"
        "- Med `kode` og [lenke](https://www.ks.no/)\n  - Underpunkt\n\n::: notes\nDette er talernotater.\n:::\n\n"
        "# Tabell\n\n| År | Kommuner |\n|----|----|\n| 2024 | 357 |\n\n# Kolonner\n\n:::::: columns\n::: column\nVenstre\n:::\n"
        "::: column\nHøyre\n:::\n::::::\n\n# Kode\n\n```\nprint(\"hei\")\n```\n\n# Bilde\n\n![Et landskap](pic.png)\n",
        encoding="utf-8")
    subprocess.run([pandoc, "talk.md", "-o", "talk.pptx"], cwd=tmp_path, check=True, timeout=120)
    output, rebuilt = import_and_build(tmp_path / "talk.pptx", tmp_path / "p")
    assert layouts(tmp_path / "p") == ["title", "bullets", "table", "columns", "bullets", "image"]
    assert_every_text_kept(tmp_path / "talk.pptx", rebuilt, tmp_path / "p")
    first = (tmp_path / "p/content/slides/d/02-innledning.md").read_text(encoding="utf-8")
    assert "- Med `kode` og [lenke](https://www.ks.no/)\n  - Underpunkt\n\n::: notes\nDette er talernotater.\n:::\n" in first
    assert "| År | Kommuner |\n|---|---|\n| 2024 | 357 |" in (tmp_path / "p/content/slides/d/03-tabell.md").read_text(encoding="utf-8")


@pytest.mark.libreoffice
def test_libreoffice_impress_deck(tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or "soffice"
    python_pptx_deck(tmp_path / "made.pptx")
    env = {**os.environ, "HOME": str(tmp_path)}
    subprocess.run([soffice, "--headless", "--convert-to", "odp", "made.pptx"], cwd=tmp_path, check=True, timeout=240, env=env,
                   capture_output=True)
    (tmp_path / "impress").mkdir()
    subprocess.run([soffice, "--headless", "--convert-to", "pptx", "--outdir", "impress", "made.odp"], cwd=tmp_path, check=True,
                   timeout=240, env=env, capture_output=True)
    source = tmp_path / "impress" / "made.pptx"
    output, rebuilt = import_and_build(source, tmp_path / "p")
    found = layouts(tmp_path / "p")
    # Impress keeps the placeholders' types but not every layout's type: a section header
    # and a comparison come back as title-and-text slides, so they import as bullets.
    assert found[0] == "title" and found[1] == "bullets" and found[3] == "columns"
    assert "table" in found and "image" in found
    assert_every_text_kept(source, rebuilt, tmp_path / "p", skip=(9,))


def test_groups_numbers_and_reading_order(tmp_path: Path) -> None:
    """Text in groups is read top to bottom, left to right, whatever the shapes' order in the
    file; numbered paragraphs stay a numbered list."""
    from lxml import etree
    from pptx.oxml.ns import qn

    prs = Presentation()
    s = prs.slides.add_slide(prs.slide_layouts[6])  # blank
    group = s.shapes.add_group_shape()
    lower = group.shapes.add_textbox(Inches(1), Inches(4), Inches(4), Inches(1))
    lower.text_frame.text = "Nederst"
    right = group.shapes.add_textbox(Inches(5), Inches(1), Inches(4), Inches(1))
    right.text_frame.text = "Øverst til høyre"
    left = s.shapes.add_textbox(Inches(1), Inches(1), Inches(3), Inches(1))
    frame = left.text_frame
    frame.text = "Først"
    frame.add_paragraph().text = "Så"
    for p in frame.paragraphs:
        ppr = p._p.get_or_add_pPr()
        etree.SubElement(ppr, qn("a:buAutoNum"), type="arabicPeriod")
    source = tmp_path / "g.pptx"
    prs.save(str(source))
    output, rebuilt = import_and_build(source, tmp_path / "p")
    body = (tmp_path / "p/content/slides/d/01-forst.md").read_text(encoding="utf-8")
    assert body == "---\nlayout: bullets\nhidden_title: Først\n---\n\n1. Først\n1. Så\n\nØverst til høyre\n\nNederst\n"
    assert "slide 1: the slide has no title; its first line, 'Først', is its hidden_title" in output
    assert_every_text_kept(source, rebuilt, tmp_path / "p")


def test_smartart_and_video_are_named_and_their_text_kept(tmp_path: Path) -> None:
    from lxml import etree
    from pptx.oxml.ns import qn

    prs = Presentation()
    s = prs.slides.add_slide(prs.slide_layouts[5])
    s.shapes.title.text = "Prosess"
    frame = s.shapes.add_table(1, 1, Inches(1), Inches(2), Inches(4), Inches(1))  # a frame to turn into SmartArt
    frame.name = "Diagram 7"
    data = frame._element.find(".//" + qn("a:graphicData"))
    data.set("uri", "http://schemas.openxmlformats.org/drawingml/2006/diagram")
    for child in list(data):
        data.remove(child)
    pic = s.shapes.add_picture(io.BytesIO(picture_bytes()), Inches(6), Inches(2), Inches(2))
    pic.name = "Film 1"
    nv_pr = pic._element.find(qn("p:nvPicPr")).find(qn("p:nvPr"))
    etree.SubElement(nv_pr, qn("a:videoFile"))
    source = tmp_path / "s.pptx"
    prs.save(str(source))
    output, _ = import_and_build(source, tmp_path / "p")
    assert "slide 1: cannot import SmartArt diagram 'Diagram 7', video or sound 'Film 1'; their text is kept as bullets" in output
    assert layouts(tmp_path / "p") == ["bullets"]


def test_empty_slides_and_a_paragraph_in_the_title(tmp_path: Path) -> None:
    prs = Presentation()
    prs.slides.add_slide(prs.slide_layouts[1])  # placeholders only: nothing to import
    s = prs.slides.add_slide(prs.slide_layouts[1])
    long_title = "Dette verket er lisensiert under en Creative Commons-lisens, og det bruker arbeider av flere personer som nevnes her ved navn."
    s.shapes.title.text = long_title
    s.placeholders[1].text = "Punkt"
    source = tmp_path / "e.pptx"
    prs.save(str(source))
    output, rebuilt = import_and_build(source, tmp_path / "p")
    assert "slide 1 is empty (no text, no pictures, no notes): not imported" in output
    assert f"slide 2: its title is {len(long_title)} characters long: imported as the body's first paragraph" in output
    assert layouts(tmp_path / "p") == ["bullets"]
    text = next((tmp_path / "p/content/slides/d").glob("*.md")).read_text(encoding="utf-8")
    assert text.startswith("---\nlayout: bullets\nhidden_title: Dette verket er lisensiert")
    assert text.endswith(f"---\n\n{long_title}\n\n- Punkt\n")
