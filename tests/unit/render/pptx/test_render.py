"""render_pptx on a deck with every layout, reopened with python-pptx: what a user sees."""

from __future__ import annotations

import dataclasses
import io
import zipfile
from typing import Any

import pytest
from fixtures.sample_deck import ORG, PEOPLE, PROSJEKTER, TILES, r, text
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER

from deckgen import words
from deckgen.errors import BuildError
from deckgen.layouts import names
from deckgen.model import Brand, Deck, LayoutMap, Slide, plain
from deckgen.render.pptx import LAYOUT_RENDERERS, render_pptx

from .conftest import make_deck

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def ph(slide: Any, idx: int) -> Any:
    for shape in slide.placeholders:
        if shape.placeholder_format.idx == idx:
            return shape
    raise AssertionError(f"no placeholder idx {idx} on slide")


def has_ph(slide: Any, idx: int) -> bool:
    return any(s.placeholder_format.idx == idx for s in slide.placeholders)


def slide_of(prs: Any, deck: Deck, layout: str, n: int = 0) -> tuple[Any, Slide]:
    pairs = [(s, m) for s, m in zip(prs.slides, deck.slides, strict=True) if m.layout == layout]
    return pairs[n]


def autoshapes(slide: Any) -> list[Any]:
    return [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE]


# --------------------------------------------------------------------------- structure


def test_registry_has_one_renderer_per_layout() -> None:
    assert tuple(LAYOUT_RENDERERS) == names()
    for name, fn in LAYOUT_RENDERERS.items():
        assert fn.__module__ == f"deckgen.render.pptx.layouts.{name.replace('-', '_')}"  # image-text: image_text.py


def test_one_slide_per_model_slide_on_the_named_master_layout(prs: Any, deck: Deck) -> None:
    assert len(prs.slides) == len(deck.slides)
    names = [s.slide_layout.name for s in prs.slides]
    assert names == [deck.brand.layouts[m.layout].master_layout for m in deck.slides]
    assert names[:3] == ["Tittellysbilde", "Tittel og innhold", "Tittel og innhold"]
    assert "Bilde" in names and "Diskusjon" in names and "Spørsmål" in names


def test_slides_the_master_carries_are_dropped(ks_brand: Brand) -> None:
    master = Presentation(io.BytesIO(ks_brand.master))
    extra = master.slides.add_slide(master.slide_layouts[0])
    extra.shapes.title.text = "Eksempel fra malen"
    master.core_properties.category = "Mal"
    master.core_properties.comments = "Intern mal"
    master.core_properties.author = "Malforfatter"
    buf = io.BytesIO()
    master.save(buf)
    brand = dataclasses.replace(ks_brand, master=buf.getvalue())
    deck = make_deck(brand, slides=make_deck(ks_brand).slides[:2])
    out = Presentation(io.BytesIO(render_pptx(deck)["regionmote-buskerud.pptx"]))
    assert len(out.slides) == 2
    texts = [s.text_frame.text for sl in out.slides for s in sl.shapes if s.has_text_frame]
    assert "Eksempel fra malen" not in texts
    core = out.core_properties
    assert (core.category, core.comments, core.author) == ("", "", "KS Viken")
    with zipfile.ZipFile(io.BytesIO(render_pptx(deck)["regionmote-buskerud.pptx"])) as zf:
        slides = [n for n in zf.namelist() if n.startswith("ppt/slides/slide")]
    assert sorted(slides) == ["ppt/slides/slide1.xml", "ppt/slides/slide2.xml"]


def test_shape_ids_are_unique_on_every_slide(prs: Any) -> None:
    for slide in prs.slides:
        ids = [int(el.get("id")) for el in slide.element.iter(f"{P}cNvPr")]
        assert len(ids) == len(set(ids)), ids


def test_no_shrink_on_overflow_anywhere(pptx_bytes: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(pptx_bytes)) as zf:
        for name in zf.namelist():
            if name.startswith("ppt/slides/") and name.endswith(".xml"):
                assert b"normAutofit" not in zf.read(name), name


# --------------------------------------------------------------------------- layouts


def test_title_fields_go_to_their_idx(prs: Any, deck: Deck) -> None:
    slide, _ = slide_of(prs, deck, "title")
    assert ph(slide, 0).text_frame.text == "KS – Kommunesektorens organisasjon"
    assert ph(slide, 1).text_frame.text == "Regionmøte i Buskerud"
    assert ph(slide, 13).text_frame.text == "Regionmøte · Drammen · 11. juni 2024"


def test_section_without_subtitle_has_no_empty_placeholder(prs: Any, deck: Deck) -> None:
    slide, _ = slide_of(prs, deck, "section")
    assert ph(slide, 0).text_frame.text == "Utfordringsbildet og muligheter fremover"
    assert not has_ph(slide, 1)


def test_bullets_keep_levels_and_inline_styles(prs: Any, deck: Deck) -> None:
    slide, _ = slide_of(prs, deck, "bullets", 1)
    body = ph(slide, 1).text_frame
    assert [p.level for p in body.paragraphs] == [p.level for p in PROSJEKTER]
    assert [p.text for p in body.paragraphs] == [p.text for p in PROSJEKTER]
    runs = body.paragraphs[2].runs
    assert runs[0].text == "«Tørn»" and runs[0].font.bold
    assert runs[2].hyperlink.address == "https://www.ks.no/torn/"
    assert body.paragraphs[3].runs[0].font.italic
    assert body.paragraphs[5].runs[1].font.name == "Courier New"


def test_columns_are_cards_with_their_headings(prs: Any, deck: Deck) -> None:
    slide, _ = slide_of(prs, deck, "columns")
    assert ph(slide, 0).text_frame.text == "Våre roller"
    assert not has_ph(slide, 1)  # the area placeholder gives way to the cards
    cards = autoshapes(slide)
    assert [c.text_frame.text for c in cards] == [
        "Interessepolitisk aktør",
        "Arbeidsgiverorganisasjon",
        "Utviklingspartner",
    ]
    area = deck.brand.master_layouts["Tittel og innhold"].placeholder(1).box
    for card in cards:
        assert area.x <= card.left and card.left + card.width <= area.x + area.cx
        assert area.y <= card.top and card.top + card.height <= area.y + area.cy


def test_orgchart_is_boxes_and_glued_connectors(prs: Any, deck: Deck) -> None:
    slide, _ = slide_of(prs, deck, "orgchart")
    boxes = {s.name: s for s in autoshapes(slide)}
    assert set(boxes) == {plain(n.name) for n in ORG.nodes}
    for node in ORG.nodes:
        frame = boxes[plain(node.name)].text_frame
        assert frame.paragraphs[0].text == plain(node.name)
        assert frame.paragraphs[0].runs[0].font.bold
        assert [p.text for p in frame.paragraphs[1:]] == [p.text for p in node.facts]
        assert [p.level for p in frame.paragraphs[1:]] == [p.level for p in node.facts]
    by_id = {node.id: boxes[plain(node.name)].shape_id for node in ORG.nodes}
    connectors = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.LINE]
    assert len(connectors) == len(ORG.edges)
    glued = set()
    for cxn in connectors:
        nv = cxn.element.find(f"{P}nvCxnSpPr/{P}cNvCxnSpPr")
        start, end = nv.find(f"{A}stCxn"), nv.find(f"{A}endCxn")
        glued.add((int(start.get("id")), int(end.get("id"))))
        line = cxn.element.find(f"{P}spPr/{A}ln")
        assert line.find(f"{A}tailEnd").get("type") == "triangle"
        assert line.find(f"{A}headEnd") is None
    assert glued == {(by_id[e.source], by_id[e.target]) for e in ORG.edges}
    assert not [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]


def test_orgchart_bodies_sit_in_rank_columns(prs: Any, deck: Deck) -> None:
    slide, _ = slide_of(prs, deck, "orgchart")
    boxes = {s.name: s for s in autoshapes(slide)}
    left = {n.rank: set() for n in ORG.nodes}
    for node in ORG.nodes:
        left[node.rank].add(boxes[plain(node.name)].left)
    assert all(len(xs) == 1 for xs in left.values())  # one column per rank
    columns = [next(iter(left[rank])) for rank in sorted(left)]
    assert columns == sorted(columns)
    # within a rank, slot 0 is above slot 1, and boxes never overlap
    assert boxes["Landsstyret"].top + boxes["Landsstyret"].height <= boxes["Hovedstyret"].top


def test_roster_is_a_table_with_localised_headers(prs: Any, deck: Deck) -> None:
    slide, _ = slide_of(prs, deck, "roster")
    assert ph(slide, 0).text_frame.text == "Nytt fylkesstyre i Buskerud 2024-2027"
    frames = [s for s in slide.shapes if s.has_table]
    assert len(frames) == 1
    table = frames[0].table
    cells = [[c.text for c in row.cells] for row in table.rows]
    assert cells[0] == ["Navn", "Kommune/organisasjon", "Rolle"]
    assert cells[1:] == [[p.name, p.place, p.role] for p in PEOPLE]
    leader = table.cell(1, 0).text_frame.paragraphs[0].runs[0]
    member = table.cell(3, 0).text_frame.paragraphs[0].runs[0]
    assert leader.font.bold and not member.font.bold


def test_paginated_roster_shows_its_page_in_the_title(prs: Any, deck: Deck) -> None:
    first, _ = slide_of(prs, deck, "roster", 1)
    second, _ = slide_of(prs, deck, "roster", 2)
    assert ph(first, 0).text_frame.text == "Fylkesstyret (1/2)"
    assert ph(second, 0).text_frame.text == "Fylkesstyret (2/2)"
    tables = [next(s for s in slide.shapes if s.has_table).table for slide in (first, second)]
    assert [len(t.rows) for t in tables] == [6, 5]


def test_tiles_are_linked_cards_and_videos_have_a_play_mark(prs: Any, deck: Deck) -> None:
    slide, _ = slide_of(prs, deck, "tiles")
    cards = [s for s in autoshapes(slide) if s.text_frame.text]
    assert len(cards) == len(TILES.tiles)
    for card, tile in zip(cards, TILES.tiles, strict=True):
        assert card.click_action.hyperlink.address == tile.url
        assert card.text_frame.paragraphs[0].text == plain(tile.title)
        linked = [run for p in card.text_frame.paragraphs for run in p.runs if run.hyperlink.address]
        assert linked and all(run.hyperlink.address == tile.url for run in linked)
    marks = [s for s in autoshapes(slide) if not s.text_frame.text]
    assert [m.click_action.hyperlink.address for m in marks] == [t.url for t in TILES.tiles if t.kind == "video"]
    assert all(m.auto_shape_type.name == "ISOSCELES_TRIANGLE" for m in marks)
    accent = deck.brand.colors["accent"].lstrip("#")
    pairs = zip(cards, TILES.tiles, strict=True)
    video_fills = {str(c.fill.fore_color.rgb) for c, t in pairs if t.kind == "video"}
    assert video_fills == {accent}


def test_image_fills_the_picture_placeholder_with_alt_text(prs: Any, deck: Deck) -> None:
    slide, model = slide_of(prs, deck, "image")
    picture = ph(slide, 13)
    assert picture.shape_type == MSO_SHAPE_TYPE.PLACEHOLDER
    assert picture.placeholder_format.type == PP_PLACEHOLDER.PICTURE
    assert picture.element.find(f"{P}nvPicPr/{P}cNvPr").get("descr") == model.content.alt
    assert picture.image.content_type == "image/jpeg"
    assert ph(slide, 14).text_frame.text == "Foto: Bly"
    title = ph(slide, 0)
    assert title.text_frame.text == "Foto fra Buskerud"
    assert title.top + title.height <= 0  # kept for the outline, off the visible slide


def test_discussion_has_label_prompt_and_timer(prs: Any, deck: Deck) -> None:
    slide, _ = slide_of(prs, deck, "discussion")
    assert ph(slide, 0).text_frame.text == "Diskuter 3 minutter (to og to):"
    assert ph(slide, 1).text_frame.text == ("Hvilke forventninger skal Ringeriksregionen IPR ha til KS ?")
    assert ph(slide, 15).text_frame.text == "3 min"


def test_question_goes_to_its_placeholder(prs: Any, deck: Deck) -> None:
    slide, _ = slide_of(prs, deck, "question")
    assert ph(slide, 0).text_frame.text == "Hvilke forventninger har nye ordførere til KS?"


def test_table_has_a_header_row_and_every_cell(prs: Any, deck: Deck) -> None:
    slide, model = slide_of(prs, deck, "table")
    table = next(s for s in slide.shapes if s.has_table).table
    assert table.first_row
    cells = [[c.text for c in row.cells] for row in table.rows]
    assert cells[0] == [plain(h) for h in model.content.header]
    assert cells[1:] == [[plain(c) for c in row] for row in model.content.rows]
    header_run = table.cell(0, 0).text_frame.paragraphs[0].runs[0]
    assert header_run.font.bold


# --------------------------------------------------------------------------- every slide


def test_notes_hold_the_speaker_notes(prs: Any, deck: Deck) -> None:
    for slide, model in zip(prs.slides, deck.slides, strict=True):
        if model.notes:
            frame = slide.notes_slide.notes_text_frame
            assert frame.text.replace("\v", "\n") == "\n".join(p.text for p in model.notes)
        else:
            assert not slide.has_notes_slide


def test_footer_and_slide_number_where_the_layout_has_them(prs: Any, deck: Deck) -> None:
    with_footer = 0
    for number, slide in enumerate(prs.slides, start=1):
        layout = deck.brand.master_layouts[slide.slide_layout.name]
        if layout.placeholder(11) is None:
            assert not has_ph(slide, 11) and not has_ph(slide, 12)
            continue
        with_footer += 1
        assert ph(slide, 11).text_frame.text == deck.brand.footer
        fields = list(ph(slide, 12).element.iter(f"{A}fld"))
        assert [f.get("type") for f in fields] == ["slidenum"]
        assert fields[0].find(f"{A}t").text == str(number)
    assert with_footer >= 10


def _xml_parts(pptx_bytes: bytes) -> dict[str, etree._Element]:
    with zipfile.ZipFile(io.BytesIO(pptx_bytes)) as zf:
        return {
            n: etree.fromstring(zf.read(n))
            for n in zf.namelist()
            if n.startswith(("ppt/slides/slide", "ppt/notesSlides/")) and n.endswith(".xml")
        }


def test_every_run_carries_the_deck_language(pptx_bytes: bytes) -> None:
    parts = _xml_parts(pptx_bytes)
    assert any(n.startswith("ppt/notesSlides/") for n in parts)
    counted = 0
    for name, root in parts.items():
        for tag in ("r", "fld", "br"):
            for el in root.iter(f"{A}{tag}"):
                rpr = el.find(f"{A}rPr")
                assert rpr is not None and rpr.get("lang") == "nb-NO", (name, tag)
                counted += 1
        for p in root.iter(f"{A}p"):
            end = p.find(f"{A}endParaRPr")
            assert end is not None and end.get("lang") == "nb-NO", name
    assert counted > 150
    tables = [t for root in parts.values() for t in root.iter(f"{A}tbl")]
    assert tables and all(r.find(f"{A}rPr").get("lang") == "nb-NO" for t in tables for r in t.iter(f"{A}r"))


def test_english_deck_gets_english_words(ks_brand: Brand) -> None:
    slides = make_deck(ks_brand).slides
    roster = next(s for s in slides if s.layout == "roster")
    discussion = next(s for s in slides if s.layout == "discussion")
    # The label as resolve composes it for an English deck (deckgen.words).
    label = words.discussion_label("en-GB", 3, "in pairs")
    discussion = dataclasses.replace(
        discussion, content=dataclasses.replace(discussion.content, label=label, pairing="in pairs")
    )
    deck = make_deck(ks_brand, lang="en-GB", slides=(roster, discussion))
    out = Presentation(io.BytesIO(render_pptx(deck)["regionmote-buskerud.pptx"]))
    table = next(s for s in out.slides[0].shapes if s.has_table).table
    assert [c.text for c in table.rows[0].cells] == ["Name", "Municipality/organisation", "Role"]
    assert ph(out.slides[1], 0).text_frame.text == "Discuss for 3 minutes (in pairs):"
    assert b'lang="en-GB"' in zipfile.ZipFile(io.BytesIO(render_pptx(deck)["regionmote-buskerud.pptx"])).read(
        "ppt/slides/slide1.xml"
    )


def test_hyperlinks_are_only_http_https_mailto(prs: Any, pptx_bytes: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(pptx_bytes)) as zf:
        rels = [zf.read(n) for n in zf.namelist() if n.endswith(".rels")]
    targets = []
    for blob in rels:
        for rel in etree.fromstring(blob):
            if rel.get("Type", "").endswith("/hyperlink"):
                targets.append(rel.get("Target"))
    assert targets and all(t.startswith(("https://", "http://", "mailto:")) for t in targets)


def test_an_unsafe_link_is_refused(ks_brand: Brand) -> None:
    bad = Slide("bullets", r("Lenker"), _bullets_with_link("javascript:alert(1)"))
    with pytest.raises(ValueError, match="javascript"):
        render_pptx(make_deck(ks_brand, slides=(bad,)))


def _bullets_with_link(href: str) -> Any:
    from deckgen.model import BulletsContent, Para, Run

    return BulletsContent((Para((Run("klikk", href=href),), "bullet"),))


# --------------------------------------------------------------------------- package


def test_document_properties_come_from_the_deck(prs: Any) -> None:
    core = prs.core_properties
    assert core.title == "KS – Kommunesektorens organisasjon"
    assert core.author == core.last_modified_by == "KS Viken"
    assert core.subject == "Regionmøte i Buskerud"
    assert core.keywords == "KS, regionmøte, fylkesstyre"
    assert core.language == "nb-NO"
    assert core.created.isoformat() == core.modified.isoformat() == "2024-06-11T00:00:00"
    assert core.revision == 1
    assert (core.category, core.comments, core.content_status, core.identifier) == ("",) * 4


def test_extended_properties_describe_this_deck_only(pptx_bytes: bytes, deck: Deck) -> None:
    with zipfile.ZipFile(io.BytesIO(pptx_bytes)) as zf:
        names = zf.namelist()
        app = zf.read("docProps/app.xml").decode()
    assert not [n for n in names if "thumbnail" in n]
    assert f"<Slides>{len(deck.slides)}</Slides>" in app
    assert "<Application>deckgen</Application>" in app
    assert "Company" not in app and "Template" not in app


def test_the_same_deck_gives_the_same_bytes(deck: Deck, pptx_bytes: bytes) -> None:
    again = render_pptx(deck)["regionmote-buskerud.pptx"]
    assert again == pptx_bytes
    with zipfile.ZipFile(io.BytesIO(pptx_bytes)) as zf:
        infos = zf.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert [i.filename for i in infos[1:]] == sorted(i.filename for i in infos[1:])
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}


def test_the_document_time_is_the_decks_timestamp_else_a_fixed_time(
    ks_brand: Brand, monkeypatch: pytest.MonkeyPatch
) -> None:
    one = make_deck(ks_brand).slides[:1]
    dated = Presentation(io.BytesIO(render_pptx(make_deck(ks_brand, date="", timestamp="2024-06-11T10:00:00", slides=one))["regionmote-buskerud.pptx"]))
    assert dated.core_properties.created.isoformat() == "2024-06-11T10:00:00"
    undated = make_deck(ks_brand, date="", timestamp="", slides=one)
    first = render_pptx(undated)["regionmote-buskerud.pptx"]
    fixed = Presentation(io.BytesIO(first))
    assert fixed.core_properties.created.isoformat() == "1980-01-01T00:00:00"
    # The renderer reads the Deck only: SOURCE_DATE_EPOCH is the resolver's business.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1718100000")
    assert render_pptx(undated)["regionmote-buskerud.pptx"] == first


# --------------------------------------------------------------------------- brand errors


def test_a_master_without_the_named_layout_is_a_located_error(ks_brand: Brand) -> None:
    layouts = dict(ks_brand.layouts)
    layouts["question"] = LayoutMap("Spørsmål og svar", {"question": 0})
    brand = dataclasses.replace(ks_brand, layouts=layouts)
    question = next(s for s in make_deck(ks_brand).slides if s.layout == "question")
    with pytest.raises(BuildError) as err:
        render_pptx(make_deck(brand, slides=(question,)))
    message = str(err.value)
    assert message.startswith("templates/ks/brand.yaml:")
    assert "no layout named 'Spørsmål og svar'" in message and "'Spørsmål'" in message


def test_a_mapping_to_a_missing_idx_is_a_located_error(ks_brand: Brand) -> None:
    layouts = dict(ks_brand.layouts)
    layouts["question"] = LayoutMap("Spørsmål", {"question": 42})
    brand = dataclasses.replace(ks_brand, layouts=layouts)
    question = Slide("question", (), _question())
    with pytest.raises(BuildError, match="has no placeholder idx 42 for field 'question'"):
        render_pptx(make_deck(brand, slides=(question,)))


def _question() -> Any:
    from deckgen.model import QuestionContent

    return QuestionContent(text("Hva nå?"))


# --------------------------------------------------------------------------- variants


def _square_png() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (400, 400), (200, 120, 40)).save(buf, format="PNG")
    return buf.getvalue()


def _image_deck(brand: Brand, fit: str, focus: tuple[float, float] = (0.5, 0.5)) -> Any:
    from deckgen.model import Asset, ImageContent

    square = Asset("assets/kvadrat.png", _square_png(), "image/png", 400, 400)
    content = ImageContent(square, "Et oransje kvadrat", "Foto: Test", fit, focus)  # type: ignore[arg-type]
    slide = Slide("image", (), content, hidden_title="Kvadrat")
    out = render_pptx(make_deck(brand, slides=(slide,)))["regionmote-buskerud.pptx"]
    return ph(Presentation(io.BytesIO(out)).slides[0], 13)


def test_contain_letterboxes_the_picture_in_its_placeholder(ks_brand: Brand) -> None:
    picture = _image_deck(ks_brand, "contain")
    frame = ks_brand.master_layouts["Bilde"].placeholder(13).box
    assert (picture.crop_left, picture.crop_top, picture.crop_right, picture.crop_bottom) == (
        0.0,
        0.0,
        0.0,
        0.0,
    )
    assert picture.width == picture.height == frame.cy
    assert picture.left == frame.x + (frame.cx - frame.cy) // 2 and picture.top == frame.y


def test_cover_crops_to_fill_and_keeps_the_focus(ks_brand: Brand) -> None:
    picture = _image_deck(ks_brand, "cover", (0.5, 0.0))
    frame = ks_brand.master_layouts["Bilde"].placeholder(13).box
    visible = frame.cy / frame.cx  # of the square's height
    assert picture.crop_top == pytest.approx(0.0, abs=1e-4)
    assert picture.crop_bottom == pytest.approx(1 - visible, abs=1e-4)
    assert picture.crop_left == picture.crop_right == 0.0


def test_labelled_edges_get_a_label_and_every_connector_alt_text(ks_brand: Brand) -> None:
    edges = (dataclasses.replace(ORG.edges[0], label="velger"), *ORG.edges[1:])
    slide = Slide("orgchart", r("Organisering"), dataclasses.replace(ORG, edges=edges))
    out = render_pptx(make_deck(ks_brand, slides=(slide,)))["regionmote-buskerud.pptx"]
    shapes = Presentation(io.BytesIO(out)).slides[0].shapes
    labels = [s for s in shapes if s.name.startswith("Label")]
    assert [s.text_frame.text for s in labels] == ["velger"]
    described = [
        s.element.find(f"{P}nvCxnSpPr/{P}cNvPr").get("descr") for s in shapes if s.shape_type == MSO_SHAPE_TYPE.LINE
    ]
    assert described[0] == "Kommunestyre og fylkesting → Fylkesmøtene (velger)"
    assert all("→" in d for d in described)
