"""`deckgen brand new`, `brand check`'s verdict and `brand sheet`'s sample, through the CLI
where a user meets them."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from deckgen.brandsheet import missing_layouts
from deckgen.check.brand import brand_verdict
from deckgen.cli import main
from deckgen.errors import Diagnostics, SourceLoc
from deckgen.model import Box, MasterLayout
from deckgen.resolve.brand import load_brand

REPO = Path(__file__).resolve().parents[2]
KS_MASTER = REPO / "templates" / "ks" / "master.pptx"
LOC = SourceLoc("<test>", 1, 1)


def _new(project: Path, name: str, source: Path):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["brand", "new", name, "--from", str(source),
                                     "--project", str(project)])


def test_brand_new_writes_a_brand_that_loads_as_it_is(tmp_path: Path) -> None:
    result = _new(tmp_path, "acme", KS_MASTER)
    assert result.exit_code == 0, result.output
    folder = tmp_path / "templates" / "acme"
    assert sorted(p.name for p in folder.iterdir()) == ["brand.yaml", "logo.png", "master.pptx"]
    assert (folder / "master.pptx").read_bytes() == KS_MASTER.read_bytes()
    text = (folder / "brand.yaml").read_text(encoding="utf-8")
    assert '    master: "Tittel og innhold"\n    placeholders: {title: 0, body: 1}' in text
    assert "# the title slide layout: 'Tittellysbilde'" in text  # every choice says why
    diags = Diagnostics()
    brand = load_brand("acme", tmp_path, diags, loc=LOC)
    assert brand is not None and not diags.errors, [d.format() for d in diags]
    assert brand.logo is not None and brand.colors["primary"] == "#0B2D4F"
    assert brand_verdict(brand, None) == []


def test_a_brand_naming_only_its_master_builds_the_same_mapping(tmp_path: Path) -> None:
    assert _new(tmp_path, "full", KS_MASTER).exit_code == 0
    bare = tmp_path / "templates" / "bare"
    bare.mkdir()
    shutil.copy(KS_MASTER, bare / "master.pptx")
    (bare / "brand.yaml").write_text("master: master.pptx\n", encoding="utf-8")
    full = load_brand("full", tmp_path, Diagnostics(), loc=LOC)
    only = load_brand("bare", tmp_path, Diagnostics(), loc=LOC)
    assert full is not None and only is not None
    assert {k: (m.master_layout, dict(m.placeholders), dict(m.drawn))
            for k, m in full.layouts.items()} == \
        {k: (m.master_layout, dict(m.placeholders), dict(m.drawn)) for k, m in only.layouts.items()}
    assert full.colors == only.colors and full.fonts == only.fonts


def test_brand_new_refuses_an_existing_folder(tmp_path: Path) -> None:
    (tmp_path / "templates" / "acme").mkdir(parents=True)
    result = _new(tmp_path, "acme", KS_MASTER)
    assert result.exit_code == 2
    assert "deckgen: error: templates/acme exists already" in result.output


def test_brand_new_refuses_a_bad_name(tmp_path: Path) -> None:
    result = _new(tmp_path, "Acme Corp", KS_MASTER)
    assert result.exit_code == 2
    assert "brand name 'Acme Corp' is not valid" in result.output
    assert not (tmp_path / "templates").exists()


def test_brand_new_refuses_a_file_that_is_not_a_template(tmp_path: Path) -> None:
    fake = tmp_path / "old.pptx"
    fake.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    result = _new(tmp_path, "acme", fake)
    assert result.exit_code == 1
    assert f"{fake}:1:1: error: not a PowerPoint file (not a zip archive): it is an old " \
        "binary Office file (.ppt/.pot)" in result.output
    assert not (tmp_path / "templates" / "acme").exists()
    other = tmp_path / "notes.txt"
    other.write_text("x", encoding="utf-8")
    result = _new(tmp_path, "acme", other)
    assert result.exit_code == 2
    assert "not a PowerPoint template: give a .pptx or .potx file" in result.output


def test_brand_check_gives_builds_verdict_on_every_mapped_layout(tmp_path: Path) -> None:
    diags = Diagnostics()
    brand = load_brand("ks", REPO, diags, loc=LOC)
    assert brand is not None
    content = brand.master_layouts["Diskusjon"]
    small = tuple(replace(ph, box=Box(ph.box.x, ph.box.y, ph.box.cx, 100000))
                  if ph.idx == 15 and ph.box else ph for ph in content.placeholders)
    broken = replace(brand, master_layouts={**brand.master_layouts,
                                            "Diskusjon": MasterLayout("Diskusjon", small)})
    # No deck uses the discussion layout here: brand check still finds what a build would.
    found = [d.message for d in brand_verdict(broken, None)]
    assert any("idx 15" in m and "discussion.timer" in m and "too small for one line" in m
               for m in found), found
    result = CliRunner().invoke(main, ["brand", "check", "ks", "--project", str(REPO)])
    assert result.exit_code == 0
    assert "verdict: brand ks builds (0 errors, 0 warnings)" in result.output


def test_the_sample_sheet_has_a_slide_of_every_layout() -> None:
    assert missing_layouts() == []


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftoppm") is None,
                    reason="LibreOffice or pdftoppm is not installed")
def test_brand_sheet_writes_a_contact_sheet(tmp_path: Path) -> None:
    from PIL import Image

    result = CliRunner().invoke(main, ["brand", "sheet", "ks", "--project", str(REPO),
                                       "--out", str(tmp_path), "--width", "160"])
    assert result.exit_code == 0, result.output
    sheet = tmp_path / "brand-ks-sheet-thumbs.png"
    with Image.open(sheet) as im:
        assert im.width > 4 * 160  # four slides a row
    assert not list(REPO.glob("content/decks/brand-*"))  # nothing left in the project


def test_a_master_only_brand_gives_reveal_the_masters_colours_and_logo(tmp_path: Path) -> None:
    import lxml.html

    bare = tmp_path / "templates" / "bare"
    bare.mkdir(parents=True)
    shutil.copy(KS_MASTER, bare / "master.pptx")
    (bare / "brand.yaml").write_text("master: master.pptx\n", encoding="utf-8")
    (tmp_path / "content" / "decks").mkdir(parents=True)
    (tmp_path / "content" / "decks" / "d.yaml").write_text(
        "title: T\nbrand: bare\nslides:\n  - layout: bullets\n    title: Punkter\n"
        "    body: \"- en\\n- to\\n\"\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(tmp_path / "content" / "decks" / "d.yaml"),
                                       "--format", "html-single", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "out" / "d.html").read_text(encoding="utf-8")
    assert "--deck-color-primary: #0B2D4F" in page  # the master theme's, not a default
    doc = lxml.html.fromstring(page)
    assert doc.xpath("//img[contains(@class, 'slide-logo')]")  # the picture on the master
