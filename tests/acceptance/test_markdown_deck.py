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


def build_talk(tmp_path: Path, text: str, *formats: str):  # type: ignore[no-untyped-def]
    (tmp_path / "talk.md").write_text(text, encoding="utf-8")
    args = ["build", str(tmp_path / "talk.md"), "--out", str(tmp_path / "out")]
    if formats:
        args += ["--format", ",".join(formats)]
    return CliRunner().invoke(main, args)


def shown(tmp_path: Path) -> list[tuple[str, str, str]]:
    """What a person sees in the .pptx: each slide's layout, title and speaker notes."""
    prs = Presentation(str(tmp_path / "out" / "talk.pptx"))
    return [
        (s.slide_layout.name, s.shapes.title.text if s.shapes.title is not None else "",
         s.notes_slide.notes_text_frame.text if s.has_notes_slide else "")
        for s in prs.slides
    ]


MARP = """---
marp: true
theme: gaia
paginate: true
title: Marp som den er
brand: default
---

<!-- _class: lead -->
<!-- _paginate: false -->

# Velkommen

Dagens tema

<!-- Husk: ønsk velkommen -->

---

<!--
backgroundColor: #fff
color: #333
-->

# Tall

- 357 kommuner
- 15 fylker

<!-- Si noe om tallene -->
"""


def test_a_plain_marp_file_builds_as_it_is(tmp_path: Path) -> None:
    result = build_talk(tmp_path, MARP, "pptx", "html")
    assert result.exit_code == 0, result.output
    # Marp's styling has no equivalent: each directive is named once
    assert [line.split(": warning: ")[1].split(" has ")[0] for line in result.output.splitlines() if ": warning: " in line] == [
        "Marp's 'theme'", "Marp's 'backgroundColor'", "Marp's 'color'"]
    # As in Marp: the title names the document and makes no slide; the lead slide of
    # headings and a line of text is the title slide.
    assert shown(tmp_path) == [
        ("Tittellysbilde", "Velkommen", "Husk: ønsk velkommen"),
        ("Tittel og innhold", "Tall", "Si noe om tallene"),
    ]
    page = (tmp_path / "out" / "talk" / "index.html").read_text(encoding="utf-8")
    assert "_class" not in page and "backgroundColor" not in page


PANDOC = """---
title: Pandoc-nivåer
brand: default
---

# Del én

## Lysbilde A

- a1

## Lysbilde B

Tekst B

# Del to

## Lysbilde C

Tekst C
"""


def test_pandoc_slide_level_makes_part_headings_section_slides(tmp_path: Path) -> None:
    result = build_talk(tmp_path, PANDOC)
    assert result.exit_code == 0, result.output
    assert [(layout, title) for layout, title, _ in shown(tmp_path)] == [
        ("Tittellysbilde", "Pandoc-nivåer"),
        ("Deloverskrift", "Del én"),
        ("Tittel og innhold", "Lysbilde A"),
        ("Tittel og innhold", "Lysbilde B"),
        ("Deloverskrift", "Del to"),
        ("Tittel og innhold", "Lysbilde C"),
    ]
    body = Presentation(str(tmp_path / "out" / "talk.pptx")).slides[3].placeholders[1].text_frame.text
    assert body == "Tekst B"


def test_a_deck_of_front_matter_alone_is_its_title_slide(tmp_path: Path) -> None:
    result = build_talk(tmp_path, "---\ntitle: Bare tittel\nauthor: KS\nbrand: default\n---\n")
    assert result.exit_code == 0, result.output
    assert "error" not in result.output and "warning" not in result.output
    assert shown(tmp_path) == [("Tittellysbilde", "Bare tittel", "")]


def test_a_deck_of_foreign_keys_alone_has_no_slides(tmp_path: Path) -> None:
    result = build_talk(tmp_path, "---\nmarp: true\n---\n")
    assert result.exit_code == 1, result.output
    assert ("talk.md:1:1: error: the Markdown deck has no slides; write a '# Heading' or '---' "
            "separated slides") in result.output


def test_slide_fields_in_a_decks_front_matter_warn(tmp_path: Path) -> None:
    result = build_talk(tmp_path, "---\ntitle: T\nbrand: default\nnotes: Husk vannglass\nminutes: 5\n---\n\n# A\n\n- x\n")
    assert result.exit_code == 0, result.output
    for line, key in ((4, "notes"), (5, "minutes")):
        assert (f"talk.md:{line}:1: warning: front matter key {key!r} is a slide field, and a Markdown "
                "deck's front matter is the deck's; it is not used; put it in a 'yaml slide' block at the "
                "top of the slide it is for [unused-key]") in result.output
    assert shown(tmp_path) == [("Tittellysbilde", "T", ""), ("Tittel og innhold", "A", "")]


def test_a_control_character_escape_stops_the_build_with_its_place(tmp_path: Path) -> None:
    result = build_talk(tmp_path, '---\ntitle: "Hei\\x01"\nbrand: default\n---\n\n# A\n\n- "x"\n')
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert ("talk.md:2:12: error: the escape \\x01 in this text makes a control character U+0001; "
            "remove it") in result.output
    assert not (tmp_path / "out" / "talk.pptx").exists()
