"""Decks written for pandoc and Marp build as their authors meant (tests/fixtures/dialects/).

Each deck of the corpus is built to PowerPoint and reveal.js, with the pictures it names made
by ``fixtures/dialects/assets.py``. What the tools themselves make of it is recorded in
``expected.json`` by ``tools/dialect_counts.py`` (pandoc ``-t pptx``; Marp CLI's HTML): the
number of slides and the texts of each slide. A build must have

- no error (quality findings are not looked at here: they never stop a draft);
- the tool's number of slides, or the number recorded with its reason (``slides``, ``why``);
- every text the tool shows on a slide, on the same slide when the counts agree (in the whole
  deck otherwise), except the texts ``not_shown`` names with their reasons;
- nothing of the source syntax (``:::``, ``<!--``, ``_class``, ``{.``, ``<style``) on any slide
  or in any speaker note, in either output.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import pytest
from fixtures.dialects.assets import make_assets
from lxml import etree, html
from pptx import Presentation

from deckgen.build import Options, render, resolve_deck
from deckgen.errors import Diagnostics

FOLDER = Path(__file__).resolve().parents[1] / "fixtures" / "dialects"
EXPECTED = json.loads((FOLDER / "expected.json").read_text(encoding="utf-8"))
DECKS = sorted(p.name for p in FOLDER.glob("*.md"))
SYNTAX = (":::", "<!--", "_class", "{.", "<style")
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def words(text: str) -> set[str]:
    """The words of a text, as both tools' outputs spell them (superscript digits are digits)."""
    return set(re.findall(r"\w+", unicodedata.normalize("NFKC", text).translate(QUOTES).casefold()))


def build(name: str, tmp_path: Path) -> tuple[object, Diagnostics, dict[str, bytes]]:
    shutil.copy(FOLDER / name, tmp_path / name)
    make_assets(tmp_path)
    diags = Diagnostics()
    deck = resolve_deck(tmp_path / name, None, diags)
    assert deck is not None and not diags.errors, [d.format() for d in diags]
    return deck, diags, render(deck, Options(formats=("pptx", "html")))


def pptx_slides(data: bytes) -> list[tuple[str, str]]:
    """Each slide's text (every paragraph of its XML) and its speaker notes."""
    prs = Presentation(io.BytesIO(data))
    out = []
    for slide in prs.slides:
        root = etree.fromstring(etree.tostring(slide.element))
        text = " ".join("".join(" " if el.tag == f"{A}br" else (el.text or "") for el in p.iter(f"{A}t", f"{A}br"))
                        for p in root.iter(f"{A}p"))
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        out.append((text, notes))
    return out


def html_slides(page: bytes) -> list[tuple[str, str]]:
    """Each reveal.js slide's text and its notes."""
    doc = html.fromstring(page)
    out = []
    for section in doc.cssselect(".slides > section"):
        notes = " ".join(" ".join(a.itertext()) for a in section.cssselect("aside.notes"))
        for aside in section.cssselect("aside.notes"):
            aside.drop_tree()
        out.append((" ".join(section.itertext()), notes))
    return out


@pytest.mark.parametrize("name", DECKS)
def test_deck_builds_as_its_tool_shows_it(name: str, tmp_path: Path) -> None:
    entry = EXPECTED[name]
    deck, _, outputs = build(name, tmp_path)
    stem = Path(name).stem
    count = entry.get("slides", entry["tool_slides"])
    assert ("why" in entry) == (count != entry["tool_slides"]), "a count that differs from the tool's needs its reason"
    pptx = pptx_slides(outputs[f"{stem}.pptx"])
    page = html_slides(outputs[f"{stem}/index.html"])
    assert len(deck.slides) == len(pptx) == len(page) == count
    for output, slides in (("pptx", pptx), ("html", page)):
        for n, (text, notes) in enumerate(slides, start=1):
            for mark in SYNTAX:
                assert mark not in text, f"{output} slide {n} shows {mark!r}: {text!r}"
                assert mark not in notes, f"{output} notes of slide {n} show {mark!r}: {notes!r}"
    not_shown = entry.get("not_shown", {})
    for output, slides in (("pptx", pptx), ("html", page)):
        whole = words(" ".join(t for t, _ in slides))
        for n, texts in enumerate(entry["tool_texts"]):
            where = words(slides[n][0]) if count == entry["tool_slides"] else whole
            for text in texts:
                if text in not_shown:
                    continue
                missing = words(text) - where
                assert not missing, f"{output} slide {n + 1} lacks {sorted(missing)} of {text!r}"


@pytest.mark.validator
@pytest.mark.parametrize("name", DECKS)
def test_open_xml_sdk_finds_no_errors(name: str, tmp_path: Path, ooxml_validator: str) -> None:
    _, _, outputs = build(name, tmp_path)
    path = tmp_path / "deck.pptx"
    path.write_bytes(outputs[f"{Path(name).stem}.pptx"])
    run = subprocess.run([ooxml_validator, str(path)], capture_output=True, text=True, timeout=180, check=False)
    report = json.loads(run.stdout)
    assert report["ok"], json.dumps(report["errors"][:5], indent=1, ensure_ascii=False)


def test_the_corpus_is_large_and_has_both_tools() -> None:
    assert len(DECKS) >= 20
    assert sum(n.startswith("pandoc-") for n in DECKS) >= 10 and sum(n.startswith("marp-") for n in DECKS) >= 10
    assert set(EXPECTED) == set(DECKS)


# --------------------------------------------------------------------------- what the features do


def test_pandoc_fragments_appear_on_clicks_in_revealjs(tmp_path: Path) -> None:
    _, _, outputs = build("pandoc-incremental.md", tmp_path)
    doc = html.fromstring(outputs["pandoc-incremental/index.html"])
    sections = doc.cssselect(".slides > section")
    incremental = sections[1].cssselect("li")
    assert [li.get("class") for li in incremental] == ["fragment"] * 3
    assert [li.get("data-fragment-index") for li in incremental] == ["0", "1", "2"]
    assert [li.get("class") for li in sections[2].cssselect("li")] == [None, None]  # nonincremental
    paras = sections[3].cssselect(".slide-body p")
    assert [(p.text_content(), p.get("class")) for p in paras] == [
        ("Some text before the pause.", None), ("And the text after it.", "fragment")]
    assert all(p.get("class") == "fragment" for p in sections[5].cssselect(".slide-body p"))
    # PowerPoint shows everything at once
    prs = Presentation(io.BytesIO(outputs["pandoc-incremental.pptx"]))
    assert "And the text after it." in " ".join(sh.text_frame.text for sh in prs.slides[3].shapes if sh.has_text_frame)


def test_pandoc_columns_keep_their_widths(tmp_path: Path) -> None:
    deck, _, outputs = build("pandoc-columns.md", tmp_path)
    assert deck.slides[1].layout == "columns"
    assert deck.slides[1].content.widths == (40.0, 60.0)
    prs = Presentation(io.BytesIO(outputs["pandoc-columns.pptx"]))
    cards = [sh for sh in prs.slides[1].shapes if sh.name.startswith("Column")]
    assert [c.text_frame.paragraphs[0].text for c in cards] == ["Before", "After"]
    assert abs(cards[1].width / cards[0].width - 1.5) < 0.05
    notes = prs.slides[3].notes_slide.notes_text_frame.text
    assert notes == "Point at each column in turn."


def test_notes_after_a_section_heading_do_not_fold_the_slides(tmp_path: Path) -> None:
    deck, _, outputs = build("pandoc-notes-sections.md", tmp_path)
    assert [s.layout for s in deck.slides][:3] == ["title", "section", "bullets"]
    prs = Presentation(io.BytesIO(outputs["pandoc-notes-sections.pptx"]))
    assert prs.slides[1].notes_slide.notes_text_frame.text == "Open with the headline number; keep it short."


def test_footnotes_are_collected_on_their_slide(tmp_path: Path) -> None:
    deck, _, _ = build("pandoc-footnotes-deflist.md", tmp_path)
    body = [p.text for p in deck.slides[2].content.body]
    assert body == ["Most municipalities have fewer than 10 000 inhabitants.¹", "The figure has been stable for a decade.²",
                    "¹ Statistics Norway, table 07459.", "² Same source, series from 2014."]
    terms = [(p.text, p.level, p.runs[0].bold) for p in deck.slides[1].content.body]
    assert terms[:2] == [("Municipality", 0, True), ("The local level of government.", 1, False)]


def test_table_alignment_and_caption(tmp_path: Path) -> None:
    deck, _, outputs = build("pandoc-tables.md", tmp_path)
    first, second = deck.slides[1].content, deck.slides[2]
    assert first.align == ("left", "right", "right")
    assert [r.text for r in first.caption] == ["Municipalities and inhabitants in 2024"]
    assert [r.text for r in second.title] == ["Budget lines"]  # a caption names a table without a heading
    prs = Presentation(io.BytesIO(outputs["pandoc-tables.pptx"]))
    table = next(sh for sh in prs.slides[1].shapes if sh.has_table).table
    assert str(table.cell(1, 1).text_frame.paragraphs[0].alignment) == "RIGHT (3)"
    assert any(sh.name == "Caption" and sh.text_frame.text == "Municipalities and inhabitants in 2024" for sh in prs.slides[1].shapes)
    doc = html.fromstring(outputs["pandoc-tables/index.html"])
    assert doc.cssselect(".slides > section")[1].cssselect(".plan-caption")[0].text_content() == "Municipalities and inhabitants in 2024"


def test_marp_lead_slides_are_title_and_sections(tmp_path: Path) -> None:
    deck, _, _ = build("marp-gaia-lead.md", tmp_path)
    assert [s.layout for s in deck.slides] == ["title", "bullets", "section", "table", "section"]
    assert [r.text for r in deck.slides[0].content.subtitle[0].runs] == ["The board reports"]


def test_marp_backgrounds_and_dropped_pictures_are_named(tmp_path: Path) -> None:
    deck, diags, outputs = build("marp-bg-images.md", tmp_path)
    assert [s.layout for s in deck.slides] == ["image", "image-text", "image-text", "image", "bullets", "image", "image"]
    assert deck.slides[3].content.fit == "contain"
    # a background picture above the heading leaves the heading the slide's title
    assert [[r.text for r in s.title] for s in deck.slides[1:3]] == [["Split layout"], ["Chart on the right"]]
    # ![bg left](x) and ![bg right:40% 80%](x): the picture beside the text, on its side, at its share
    split, chart = deck.slides[1].content, deck.slides[2].content
    assert (split.side, split.width, split.image.path.endswith("photo.jpg")) == ("left", 0.5, True)
    assert (chart.side, chart.width, chart.image.path.endswith("chart.png")) == ("right", 0.4, True)
    assert [p.text for p in split.body] == ["The picture fills the left half", "The text sits on the right"]
    prs = Presentation(io.BytesIO(outputs["marp-bg-images.pptx"]))
    shapes = {sh.name: sh for sh in prs.slides[2].shapes}
    picture, body = shapes["Picture"], shapes["Body"]
    assert picture.left > body.left + body.width  # right of the text
    assert abs(picture.width / (picture.left + picture.width - body.left) - 0.4) < 0.03
    assert body.text_frame.text == "Growth continued all year."
    page = html.fromstring(outputs["marp-bg-images/index.html"])
    section = page.cssselect(".slides > section")[1]
    assert "layout-image-text" in section.get("class")
    assert section.cssselect("img.plan-picture")[0].get("src").startswith("assets/")
    assert section.cssselect(".plan-body li")[0].text_content() == "The picture fills the left half"
    # a background behind text has no equivalent: named, not dropped silently
    dropped = [d.format() for d in diags if d.rule == "dropped-picture"]
    assert dropped[0].startswith("marp-bg-images.md:32:1: warning: the picture 'img/photo.jpg' is left out: a bullets slide has "
                                 "no place for a picture (Marp's ![bg] backgrounds too)"), dropped


def test_a_pandoc_picture_beside_bullets_is_image_text(tmp_path: Path) -> None:
    deck, diags, outputs = build("pandoc-figures.md", tmp_path)
    slide = next(s for s in deck.slides if [r.text for r in s.title] == ["Picture beside text"])
    assert slide.layout == "image-text"
    assert (slide.content.side, slide.content.width, slide.content.alt) == ("left", 0.4, "Monthly visitors")
    assert [p.text for p in slide.content.body] == ["The chart shows growth", "Every month beat the one before"]
    assert not [d for d in diags if d.rule == "dropped-picture" and "chart.png" in d.message]
    n = deck.slides.index(slide)
    prs = Presentation(io.BytesIO(outputs["pandoc-figures.pptx"]))
    shapes = {sh.name: sh for sh in prs.slides[n].shapes}
    assert shapes["Picture"]._element.nvPicPr.cNvPr.get("descr") == "Monthly visitors"
    paras = shapes["Body"].text_frame.paragraphs
    assert [p.text for p in paras] == ["The chart shows growth", "Every month beat the one before"]
    assert paras[0]._p.find(f"{A}pPr/{A}buChar") is not None  # a native bullet


def test_marp_footer_header_paginate_and_size(tmp_path: Path) -> None:
    deck, diags, outputs = build("marp-header-footer.md", tmp_path)
    assert deck.brand.footer == "KS Viken | Regional meeting 2025"
    rules = [d.rule for d in diags]
    assert rules.count("marp-yaml") == 2 and "marp-size" in rules
    prs = Presentation(io.BytesIO(outputs["marp-header-footer.pptx"]))
    texts = [sh.text_frame.text for sh in prs.slides[1].shapes if sh.has_text_frame]
    assert "KS Viken | Regional meeting 2025" in texts
    doc = html.fromstring(outputs["marp-header-footer/index.html"])
    assert doc.cssselect(".footer-text")[0].text_content() == "KS Viken | Regional meeting 2025"
    # paginate: true keeps the slide numbers; a Marp deck without it has none, as in Marp
    assert doc.cssselect(".slide-no")
    _, _, other = build("marp-heading-divider.md", tmp_path)
    assert not html.fromstring(other["marp-heading-divider/index.html"]).cssselect(".slide-no")


def test_marp_style_blocks_are_dropped_and_the_heading_stays_the_title(tmp_path: Path) -> None:
    deck, diags, _ = build("marp-style-scoped.md", tmp_path)
    assert [[r.text for r in s.title] for s in deck.slides] == [
        ["A title that fits"], ["Smaller bullets"], ["A custom class"], ["Back to normal"]]
    # once each: theme, the style of the front matter and the <style> blocks, the class compact
    assert [d.rule for d in diags].count("marp-style") == 3


def test_html_pictures_svg_webp_and_remote(tmp_path: Path) -> None:
    deck, diags, outputs = build("marp-html-img.md", tmp_path)
    assert deck.slides[0].content.alt == "The project logo"
    assert [p.text for p in deck.slides[2].content.body] == ["First line\nsecond line"]
    deck, diags, outputs = build("marp-remote-images.md", tmp_path)
    assert [s.content.image.media_type for s in deck.slides[1:4]] == ["image/png", "image/svg+xml", "image/png"]
    assert [d.rule for d in diags] == ["remote-picture"]
    with zipfile.ZipFile(io.BytesIO(outputs["marp-remote-images.pptx"])) as z:
        assert not [n for n in z.namelist() if n.endswith(".svg")]  # PowerPoint gets the PNG
    assert [n for n in outputs if n.endswith(".svg")]  # the web page the sanitised SVG


@pytest.mark.parametrize("name", DECKS)
def test_deckgen_build_writes_both_outputs(name: str, tmp_path: Path) -> None:
    """From the command line, as a user runs it: quality findings are shown, nothing stops."""
    from click.testing import CliRunner

    from deckgen.cli import main

    shutil.copy(FOLDER / name, tmp_path / name)
    make_assets(tmp_path)
    result = CliRunner().invoke(main, ["build", str(tmp_path / name), "--format", "pptx,html", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    stem = Path(name).stem
    assert (tmp_path / "out" / f"{stem}.pptx").is_file() and (tmp_path / "out" / stem / "index.html").is_file()
    assert ": error:" not in result.output
