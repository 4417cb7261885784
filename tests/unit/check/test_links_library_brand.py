"""link-scheme, unused-slide and brand-mapping on decks built in code and small projects."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from deckgen.check.links import link_problem
from deckgen.errors import SourceLoc
from deckgen.model import (
    Asset,
    Box,
    BulletsContent,
    ImageContent,
    LayoutMap,
    MasterLayout,
    Para,
    PlaceholderInfo,
    Run,
    Tile,
    TilesContent,
    is_safe_href,
)
from deckgen.project import Project

from .conftest import deck, findings, ks_brand, para, runs, slide

# --------------------------------------------------------------------------- link-scheme


@pytest.mark.parametrize("url", ["https://www.ks.no/", "http://example.org/a?b=c",
                                 "mailto:post@ks.no", "HTTPS://KS.NO"])
def test_good_links(url: str) -> None:
    assert link_problem(url) is None


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("javascript:alert(1)", "is not an http, https or mailto address"),
        ("file:///etc/passwd", "is not an http, https or mailto address"),
        ("data:text/html,x", "is not an http, https or mailto address"),
        ("ks.no", "is not an http, https or mailto address"),
        ("https://", "names no host"),
        ("mailto:", "is not an e-mail address"),
        ("http://[::1", "is not a valid address"),
    ],
)
def test_bad_links(url: str, problem: str) -> None:
    assert link_problem(url) == problem


@pytest.mark.parametrize("url", ["https://www.ks.no/", "mailto:post@ks.no", "HTTPS://KS.NO", "https://", "https://:80/",
                                 "mailto:", "mailto:post", "tel:+47", "javascript:alert(1)", "//ks.no", "http://[::1", " https://ks.no "])
def test_what_the_check_passes_the_renderers_take(url: str) -> None:
    # One allow-list (model.is_safe_href, used by resolve and the PPTX renderer); the check
    # may be stricter, never looser, or a renderer would refuse a checked deck.
    if link_problem(url) is None:
        assert is_safe_href(url)


def test_every_link_a_deck_carries_is_checked() -> None:
    notes = (Para((Run("her", href="file:///x"),), loc=SourceLoc("content/slides/s.md", 12, 1)),)
    body = BulletsContent((Para((Run("klikk", href="javascript:alert(1)"),), "bullet", 0,
                                False, SourceLoc("content/slides/s.md", 7, 1)),))
    tiles = TilesContent((Tile(runs("Side"), "https://"),))
    d = deck(replace(slide("bullets", body), notes=notes), slide("tiles", tiles))
    assert findings(d, "link-scheme") == [
        "content/slides/s.md:3:1: error: link target 'https://' names no host; write a full "
        "https:// address (or mailto:name@example.org) [link-scheme]",
        "content/slides/s.md:7:1: error: link target 'javascript:alert(1)' is not an http, "
        "https or mailto address; write a full https:// address (or mailto:name@example.org) "
        "[link-scheme]",
        "content/slides/s.md:12:1: error: link target 'file:///x' is not an http, https or "
        "mailto address; write a full https:// address (or mailto:name@example.org) "
        "[link-scheme]",
    ]


# --------------------------------------------------------------------------- unused-slide


def _project(tmp_path: Path, decks: dict[str, str], slides: dict[str, str]) -> Project:
    for folder, files in (("decks", decks), ("slides", slides)):
        (tmp_path / "content" / folder).mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            (tmp_path / "content" / folder / name).write_text(text, encoding="utf-8")
    return Project(tmp_path.resolve())


SLIDE_MD = "---\nlayout: bullets\ntitle: T\n---\n\n- x\n"


def test_library_files_no_deck_reaches_are_reported_once_at_line_one(tmp_path: Path) -> None:
    project = _project(
        tmp_path,
        {"a.yaml": "title: A\nslides:\n  - use: one\n  - use: two\n    override:\n"
                   "      x: {use: three}\n",
         "b.yml": "title: B\nslides:\n  - use: four\n"},
        {"one.md": SLIDE_MD, "two.md": SLIDE_MD, "three.md": SLIDE_MD,
         "four.md": "---\ninclude: five\n---\n", "five.md": SLIDE_MD,
         "draft.md": SLIDE_MD, "old.md": SLIDE_MD},
    )
    d = deck(slide("bullets", BulletsContent((para("x"),))))
    assert findings(d, "unused-slide", project) == [
        "content/slides/draft.md:1:1: warning: slide file 'draft.md' is not used by any deck in "
        "content/decks/; use it in a deck ('- use: draft') or delete it [unused-slide]",
        "content/slides/old.md:1:1: warning: slide file 'old.md' is not used by any deck in "
        "content/decks/; use it in a deck ('- use: old') or delete it [unused-slide]",
    ]


def test_no_finding_when_a_deck_cannot_be_read_or_without_a_project(tmp_path: Path) -> None:
    project = _project(tmp_path, {"a.yaml": "title: [\n"}, {"draft.md": SLIDE_MD})
    d = deck(slide("bullets", BulletsContent((para("x"),))))
    assert findings(d, "unused-slide", project) == []
    assert findings(d, "unused-slide") == []


def test_the_answer_follows_the_files(tmp_path: Path) -> None:
    project = _project(tmp_path, {"a.yaml": "title: A\nslides:\n  - use: one\n"},
                       {"one.md": SLIDE_MD, "two.md": SLIDE_MD})
    d = deck(slide("bullets", BulletsContent((para("x"),))))
    assert len(findings(d, "unused-slide", project)) == 1
    (tmp_path / "content" / "decks" / "a.yaml").write_text(
        "title: A\nslides:\n  - use: one\n  - use: two\n", encoding="utf-8")
    assert findings(d, "unused-slide", project) == []


# --------------------------------------------------------------------------- brand-mapping


def test_the_ks_mapping_is_sound() -> None:
    layouts = [("bullets", BulletsContent((para("x"),))), ("tiles", TilesContent(()))]
    assert findings(deck(*(slide(n, c) for n, c in layouts)), "brand-mapping") == []


def test_missing_master_layouts_and_placeholders() -> None:
    brand = ks_brand()
    layouts = dict(brand.layouts)
    layouts["bullets"] = LayoutMap("Innhold", {"title": 0, "body": 1})
    layouts["tiles"] = LayoutMap("Tittel og innhold", {"title": 0, "area": 7})
    d = deck(slide("bullets", BulletsContent((para("x"),))), slide("tiles", TilesContent(())),
             brand=replace(brand, layouts=layouts))
    assert findings(d, "brand-mapping") == [
        "templates/ks/brand.yaml:4:1: error: master layout 'Tittel og innhold' has no "
        "placeholder idx 7 (mapped for tiles.area); it has idx 0 (title), 1 (body), 11 (ftr), "
        "12 (sldNum) [brand-mapping]",
        "templates/ks/brand.yaml:4:1: error: the master has no layout named 'Innhold' (mapped "
        "for the bullets layout); the master's layouts are: 'Tittellysbilde', 'Deloverskrift', "
        "'Tittel og innhold', 'Bilde', 'Diskusjon', 'Spørsmål', 'Tom' [brand-mapping]",
    ]


def test_placeholders_too_small_for_their_field() -> None:
    brand = ks_brand()
    content = brand.master_layouts["Tittel og innhold"]
    small = tuple(
        replace(ph, box=Box(ph.box.x, ph.box.y, ph.box.cx, 300000)) if ph.idx == 1 and ph.box
        else replace(ph, box=Box(0, 0, 900000, 700000)) if ph.idx == 0 else ph
        for ph in content.placeholders
    )
    masters = {**brand.master_layouts, "Tittel og innhold": MasterLayout(content.name, small)}
    picture = brand.master_layouts["Bilde"]
    masters["Bilde"] = MasterLayout("Bilde", tuple(
        PlaceholderInfo(ph.idx, ph.type, ph.name, None) if ph.idx == 13 else ph
        for ph in picture.placeholders))
    photo = ImageContent(Asset("assets/a.jpg", b"", "image/jpeg", 1, 1), "Et bilde")
    d = deck(slide("bullets", BulletsContent((para("x"),))), slide("tiles", TilesContent(())),
             slide("image", photo), brand=replace(brand, master_layouts=masters))
    assert findings(d, "brand-mapping") == [
        "templates/ks/brand.yaml:4:1: error: placeholder idx 0 ('Tittel') of master layout "
        "'Tittel og innhold' is 2.50 cm wide: too narrow for its 32 pt text (mapped for "
        "bullets.title); make the placeholder bigger in the master, or map the field to a "
        "bigger one ('deckgen brand check' lists them) [brand-mapping]",
        "templates/ks/brand.yaml:4:1: error: placeholder idx 0 ('Tittel') of master layout "
        "'Tittel og innhold' is 2.50 cm wide: too narrow for its 32 pt text (mapped for "
        "tiles.title); make the placeholder bigger in the master, or map the field to a "
        "bigger one ('deckgen brand check' lists them) [brand-mapping]",
        "templates/ks/brand.yaml:4:1: error: placeholder idx 1 ('Innhold') of master layout "
        "'Tittel og innhold' is 0.83 cm high: too small for one line of its 24 pt text "
        "(1.27 cm) (mapped for bullets.body); make the placeholder bigger in the master, or "
        "map the field to a bigger one ('deckgen brand check' lists them) [brand-mapping]",
        "templates/ks/brand.yaml:4:1: error: placeholder idx 1 ('Innhold') of master layout "
        "'Tittel og innhold' is 30.67 x 0.83 cm: too small to draw in (mapped for tiles.area); "
        "make the placeholder bigger in the master, or map the field to a bigger one "
        "('deckgen brand check' lists them) [brand-mapping]",
        "templates/ks/brand.yaml:4:1: error: placeholder idx 13 ('Bilde') of master layout "
        "'Bilde' has no size (mapped for image.picture); make the placeholder bigger in the "
        "master, or map the field to a bigger one ('deckgen brand check' lists them) "
        "[brand-mapping]",
    ]
