"""The Buskerud deck, built from content/ by the CLI and reopened as a user would see it.

The seed text (../shared/seed/, copied into tests/fixtures/seed.txt) is the specification:
every line of it must be on the slides, and each slide has its real structure back.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from deckgen.cli import main

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build")
    result = CliRunner().invoke(
        main, ["build", "content/decks/regionmote.yaml", "--county", "buskerud", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    return out / "regionmote-buskerud.pptx"


@pytest.fixture(scope="module")
def prs(built: Path):  # type: ignore[no-untyped-def]
    return Presentation(str(built))


def _texts(shape) -> list[str]:  # type: ignore[no-untyped-def]
    if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
        return [t for s in shape.shapes for t in _texts(s)]
    out = []
    if shape.has_text_frame:
        out.append(shape.text_frame.text)
    if getattr(shape, "has_table", False) and shape.has_table:
        out.extend(cell.text for row in shape.table.rows for cell in row.cells)
    return out


def slide_text(slide) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(t for shape in slide.shapes for t in _texts(shape))


def titled(prs, title: str) -> list:  # type: ignore[no-untyped-def]
    """The slides whose title (visible, or kept off the slide for screen readers) is
    ``title``: tests find slides by what they say, not by where they are."""
    found = [s for s in prs.slides if s.shapes.title is not None and s.shapes.title.text == title]
    assert found, f"no slide titled {title!r}"
    return found


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_twelve_slides_with_the_seed_layouts(prs) -> None:  # type: ignore[no-untyped-def]
    names = [s.slide_layout.name for s in prs.slides]
    assert names == [
        "Tittellysbilde",
        "Tittel og innhold",  # Våre roller: columns
        "Tittel og innhold",  # org chart
        "Tittel og innhold",  # roster
        "Tittel og innhold",
        "Tittel og innhold",
        "Deloverskrift",
        "Tittel og innhold",  # tiles
        "Tittel og innhold",  # prosjekter
        "Bilde",
        "Diskusjon",
        "Diskusjon",
    ]


def test_every_line_of_the_seed_is_on_the_slides(prs) -> None:  # type: ignore[no-untyped-def]
    deck = _norm("\n".join(slide_text(s) for s in prs.slides))
    links = {
        r.hyperlink.address
        for s in prs.slides
        for shape in s.shapes
        if shape.has_text_frame
        for p in shape.text_frame.paragraphs
        for r in p.runs
        if r.hyperlink.address
    }
    seed = (FIXTURES / "seed.txt").read_text(encoding="utf-8")
    seed = seed.replace("  \n", " ")  # hard line breaks inside one text box
    missing = []
    for raw in seed.splitlines():
        line = raw.strip().removeprefix("- ").lstrip("#").strip()
        if not line:
            continue
        if line.startswith(("<http", "[http")):
            url = re.search(r"\((https?://[^)]+)\)|<(https?://[^>]+)>", line)
            assert url
            address = (url.group(1) or url.group(2)).replace("\\_", "_")
            if address not in links:
                missing.append(address)
            continue
        roster = re.match(r"^(.+?), (.+?)(?: \((\w+)\))?$", line)
        if roster and line.count(",") == 1 and "Fylkes" not in line and not line.endswith("."):
            name, place, role = roster.groups()
            for part in (name, place, role):
                if part and part not in deck:
                    missing.append(part)
            continue
        if _norm(line) not in deck and _norm(line).upper() not in deck.upper():
            missing.append(line)
    assert missing == []


def test_org_chart_is_native_boxes_and_connectors(prs) -> None:  # type: ignore[no-untyped-def]
    slide = titled(prs, "KS politiske organisering")[0]
    boxes = {s.shape_id: s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE and s.has_text_frame and s.text_frame.text.strip()}
    names = {sid: s.text_frame.paragraphs[0].text for sid, s in boxes.items()}
    for body in ("Kommunestyre og fylkesting", "Fylkesmøtene", "Fylkesstyrene", "Landstinget", "Landsstyret", "Hovedstyret"):
        assert body in names.values()
    by_name = {v: k for k, v in names.items()}
    connectors = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.LINE or s._element.tag == f"{P}cxnSp"]
    pairs = set()
    for c in connectors:
        st = c._element.find(f".//{A}stCxn")
        en = c._element.find(f".//{A}endCxn")
        assert st is not None and en is not None, "connector not glued to its boxes"
        pairs.add((names[int(st.get("id"))], names[int(en.get("id"))]))
    assert pairs == {
        ("Kommunestyre og fylkesting", "Fylkesmøtene"),
        ("Fylkesmøtene", "Fylkesstyrene"),
        ("Fylkesmøtene", "Landstinget"),
        ("Kommunestyre og fylkesting", "Landstinget"),
        ("Landstinget", "Landsstyret"),
        ("Landstinget", "Hovedstyret"),
    }
    facts = boxes[by_name["Hovedstyret"]].text_frame.text
    assert "10 møter i året" in facts and "Består av 15 medlemmer" in facts
    assert not any(s.shape_type == MSO_SHAPE_TYPE.PICTURE for s in slide.shapes)


def test_roster_has_nine_people_with_leader_and_deputy(prs) -> None:  # type: ignore[no-untyped-def]
    slide = titled(prs, "Nytt fylkesstyre i Buskerud 2024-2027")[0]
    assert slide.shapes.title.text == "Nytt fylkesstyre i Buskerud 2024-2027"
    table = next(s.table for s in slide.shapes if s.has_table)
    rows = [[c.text for c in row.cells] for row in table.rows][1:]
    assert len(rows) == 9
    assert rows[0][:3] == ["Heidi Granli", "Gol", "leder"]
    assert rows[1][:3] == ["Tine Norman", "Buskerud FK", "nestleder"]
    assert [r[0] for r in rows][-1] == "Wenche Risdal Lund"


def test_video_tiles_link_and_the_other_tiles_are_plain_cards(prs) -> None:  # type: ignore[no-untyped-def]
    # The seed has addresses for its two videos only; its other tiles link nowhere.
    slide = titled(prs, "HVA JOBBER KS MED NÅ ?")[0]
    addresses = [s.click_action.hyperlink.address for s in slide.shapes if s.click_action.hyperlink.address]
    # Each video's card and its play mark open it.
    assert sorted(addresses) == sorted(["https://youtu.be/ZSaGU498CK0", "https://youtu.be/Im0hP_ZxaRc"] * 2)
    plain = [s for s in slide.shapes if s.name.startswith("Link ")]
    assert [s.text_frame.text for s in plain] == [
        "TØRN", "Fremtidsverktøyet 2040", "Kommunesektoren mot 2050", "Hold deg oppdatert på KS.no",
        "Digitale fellestjenester", "Informasjon og påmelding KS Toppmøter 2024",
    ]
    for shape in plain:
        assert not shape.click_action.hyperlink.address
        xml = shape._element.xml
        assert "hlinkClick" not in xml and ' u="' not in xml  # no link, no underline


def test_photo_is_full_bleed_with_credit_and_alt_text(prs) -> None:  # type: ignore[no-untyped-def]
    slide = titled(prs, "Landskap med åser og vann under en lys himmel")[0]
    pictures = [s for s in slide.shapes if s.shape_type in (MSO_SHAPE_TYPE.PICTURE, MSO_SHAPE_TYPE.PLACEHOLDER) and s._element.tag == f"{P}pic"]
    assert len(pictures) == 1
    pic = pictures[0]
    assert pic.width >= prs.slide_width and pic.height >= prs.slide_height or (pic.left <= 0 and pic.top <= 0)
    descr = pic._element.find(f".//{P}cNvPr").get("descr")
    assert descr and "foto-bly" not in descr
    assert "Foto: Bly" in slide_text(slide)


def test_discussion_slides_have_prompt_and_timer_badge(prs) -> None:  # type: ignore[no-untyped-def]
    slides = titled(prs, "Diskuter 3 minutter (to og to):")
    prompts = ("Hvilke forventninger skal Ringeriksregionen IPR ha til KS ?", "Hvilke forventninger har nye ordførere til KS?")
    assert len(slides) == len(prompts)
    for slide, prompt in zip(slides, prompts, strict=True):
        text = slide_text(slide)
        assert "Diskuter 3 minutter (to og to):" in text
        assert prompt in text
        assert "3 min" in text


def test_notes_language_footer_and_numbers(prs) -> None:  # type: ignore[no-untyped-def]
    notes = titled(prs, "KS politiske organisering")[0].notes_slide.notes_text_frame.text
    assert "hvem som velger hvem" in notes
    for n, slide in enumerate(prs.slides, start=1):
        for run in slide._element.iter(f"{A}r"):
            rpr = run.find(f"{A}rPr")
            assert rpr is not None and rpr.get("lang") == "nb-NO", f"slide {n}: run without nb-NO"
        if slide.slide_layout.name == "Tittel og innhold":
            xml = slide._element.xml
            assert 'type="slidenum"' in xml
            assert "KS – Kommunesektorens organisasjon" in slide_text(slide)


def test_document_properties_come_from_the_deck(prs) -> None:  # type: ignore[no-untyped-def]
    props = prs.core_properties
    assert props.title == "KS – Kommunesektorens organisasjon"
    assert props.author == "KS Viken"
    assert props.language in ("nb-NO", None)


def test_rebuild_is_byte_identical(built: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", "content/decks/regionmote.yaml", "--county", "buskerud", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / built.name).read_bytes() == built.read_bytes()


@pytest.mark.libreoffice
def test_libreoffice_renders_one_page_per_slide(built: Path, tmp_path: Path) -> None:
    shutil.copy(built, tmp_path / built.name)
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / built.name)],
        check=True, capture_output=True, timeout=240,
    )
    info = subprocess.run(["pdfinfo", str(tmp_path / "regionmote-buskerud.pdf")], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+12$", info, re.M)
