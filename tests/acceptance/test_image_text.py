"""The image-text layout from the command line: a slide that names it (fields) and one whose
Markdown puts a picture beside bullets, built into both outputs and read back; a slide
without a picture is a located error."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner
from lxml import html
from pptx import Presentation

from deckgen.cli import main

REPO = Path(__file__).resolve().parents[2]
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def _project(tmp_path: Path, deck: str) -> Path:
    shutil.copytree(REPO / "assets", tmp_path / "assets")
    shutil.copytree(REPO / "templates", tmp_path / "templates")
    (tmp_path / "talk.md").write_text(deck, encoding="utf-8")
    return tmp_path / "talk.md"


DECK = """---
title: Regionen
brand: ks
---

---
```yaml slide
layout: image-text
image: assets/foto-bly.jpg
alt: Landskap med åser og vann
side: right
width: 0.35
credit: "Foto: Bly"
```

# Naturen rundt oss

- Åser og vann
- Lys himmel

---

# Et bilde ved siden av

![Landskap med åser](assets/foto-bly.jpg)

- Punkt én
- Punkt to
"""


def test_image_text_slides_build_into_both_outputs(tmp_path: Path) -> None:
    deck = _project(tmp_path, DECK)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(deck), "--format", "pptx,html", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "dropped-picture" not in result.output
    prs = Presentation(str(out / "talk.pptx"))
    first, second = prs.slides[1], prs.slides[2]
    assert first.slide_layout.name == "Tittel og innhold"
    assert first.shapes.title.text == "Naturen rundt oss"
    shapes = {s.name: s for s in first.shapes}
    picture, body, credit = shapes["Picture"], shapes["Body"], shapes["Credit"]
    assert picture._element.nvPicPr.cNvPr.get("descr") == "Landskap med åser og vann"
    assert picture.left > body.left + body.width  # side: right
    area = picture.left + picture.width - body.left
    assert abs(picture.width / area - 0.35) < 0.02
    crop = picture._element.find(f".//{A}srcRect")
    assert crop is not None  # cropped to cover its box, not stretched
    assert [p.text for p in body.text_frame.paragraphs] == ["Åser og vann", "Lys himmel"]
    assert body.text_frame.paragraphs[0]._p.find(f"{A}pPr/{A}buChar") is not None
    assert credit.text_frame.text == "Foto: Bly"
    assert credit.top == picture.top + picture.height
    shapes = {s.name: s for s in second.shapes}
    assert shapes["Picture"].left < shapes["Body"].left  # a picture beside bullets: left by default
    assert [p.text for p in shapes["Body"].text_frame.paragraphs] == ["Punkt én", "Punkt to"]

    page = html.fromstring((out / "talk" / "index.html").read_bytes())
    section = page.cssselect(".slides > section")[1]
    assert "layout-image-text" in section.get("class")
    img = section.cssselect("img.plan-picture")[0]
    assert img.get("alt") == "Landskap med åser og vann" and img.get("style") is None
    assert [li.text_content() for li in section.cssselect(".plan-body li")] == ["Åser og vann", "Lys himmel"]
    assert section.cssselect(".plan-credit")[0].text_content() == "Foto: Bly"
    css = "".join(s.text or "" for s in page.cssselect("style")) + "".join(
        p.read_text("utf-8") for p in (out / "talk" / "assets").glob("*.css"))
    assert "#slide-2 .plan-picture { position: absolute;" in css and "object-fit: cover" in css


def test_an_image_text_slide_without_a_picture_is_a_located_error(tmp_path: Path) -> None:
    deck = _project(tmp_path, "---\ntitle: T\nbrand: ks\n---\n\n---\n```yaml slide\nlayout: image-text\n```\n\n# Uten bilde\n\n- tekst\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(deck), "--out", str(out)])
    assert result.exit_code == 1
    assert "talk.md:8:9: error: an image-text slide needs 'image:' or a Markdown picture ![alt](file); add the picture" in result.output
    assert not out.exists()


def test_a_bullets_slide_named_by_hand_says_which_layout_shows_its_side_picture(tmp_path: Path) -> None:
    deck = _project(tmp_path, "---\nmarp: true\ntitle: T\nbrand: ks\n---\n\n```yaml slide\nlayout: bullets\n```\n\n"
                              "![bg left](assets/foto-bly.jpg)\n\n# Punkter\n\n- en\n")
    result = CliRunner().invoke(main, ["build", str(deck), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    flat = " ".join(result.output.split())
    assert ("talk.md:11:1: warning: the picture 'assets/foto-bly.jpg' is left out: a bullets slide has no place for a "
            "picture (Marp's ![bg left] beside the text: the image-text layout shows it)") in flat
