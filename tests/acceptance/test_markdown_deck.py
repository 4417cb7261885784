"""A plain Markdown deck in the pandoc/Marp style builds as it is: `deckgen build talk.md`."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner
from lxml import html
from pptx import Presentation

from deckgen.cli import main

REPO = Path(__file__).resolve().parents[2]


def test_plain_markdown_deck_builds_to_pptx_and_html(tmp_path: Path) -> None:
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    shutil.copytree(REPO / "assets", tmp_path / "assets")
    shutil.copytree(REPO / "templates", tmp_path / "templates")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(tmp_path / "examples/talk.md"), "--format", "pptx,html", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output  # marp: true belongs to Marp and is ignored quietly

    prs = Presentation(str(out / "talk.pptx"))
    layouts = [s.slide_layout.name for s in prs.slides]
    # front matter → title slide (as pandoc); '#' + list → bullets; table → table;
    # heading alone → section; a picture alone → full-bleed image
    assert layouts == ["Tittellysbilde", "Tittel og innhold", "Tittel og innhold", "Deloverskrift", "Bilde"]
    assert prs.slides[0].shapes.title.text == "Samarbeid i regionen"
    # pandoc's title slide: title, subtitle, then author and date
    assert "KS Viken, 2024-11-05" in [s.text_frame.text for s in prs.slides[0].shapes if s.has_text_frame]
    assert prs.slides[1].notes_slide.notes_text_frame.text.startswith("Denne filen viser")
    assert prs.slides[2].notes_slide.notes_text_frame.text == "Tallene er eksempler."
    table = next(s.table for s in prs.slides[2].shapes if s.has_table)
    assert [c.text for c in table.rows[1].cells] == ["Eksempelregion A", "3", "40 000"]
    body = prs.slides[1].placeholders[1].text_frame
    levels = [(p.text, p.level) for p in body.paragraphs]
    assert ("Interkommunale politiske råd samler kreftene", 1) in levels
    assert prs.core_properties.author == "KS Viken"

    doc = html.fromstring((out / "talk" / "index.html").read_bytes())
    assert doc.get("lang") == "nb-NO"
    assert len(doc.cssselect(".reveal .slides > section")) == 5


def test_right_to_left_titles_are_marked_in_both_outputs(tmp_path: Path) -> None:
    (tmp_path / "talk.md").write_text("---\ntitle: T\nbrand: default\n---\n\n# שלום עולם\n\n- مرحبا\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(tmp_path / "talk.md"), "--format", "pptx,html", "--out", str(out)])
    assert result.exit_code == 0, result.output
    slide = Presentation(str(out / "talk.pptx")).slides[1]
    title_ppr = slide.shapes.title.text_frame.paragraphs[0]._p.pPr
    assert title_ppr is not None and title_ppr.get("rtl") == "1"
    body_ppr = slide.placeholders[1].text_frame.paragraphs[0]._p.pPr
    assert body_ppr.get("rtl") == "1"
    doc = html.fromstring((out / "talk" / "index.html").read_bytes())
    section = doc.cssselect(".reveal .slides > section")[1]
    assert section.cssselect("h2.slide-title")[0].get("dir") == "auto"
    assert section.cssselect("li")[0].get("dir") == "rtl"


def test_unknown_front_matter_key_is_a_warning_with_a_suggestion(tmp_path: Path) -> None:
    (tmp_path / "talk.md").write_text("---\ntitel: T\nbrand: default\n---\n\n# A\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(tmp_path / "talk.md"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "talk.md:2:1: warning: front matter key 'titel' is not used by deckgen; did you mean 'title'? [unused-key]" in result.output
