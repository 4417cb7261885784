"""tools/make_master.py and tools/make_assets.py: reproducible, openable, valid, renderable."""

from __future__ import annotations

import importlib.util
import io
import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from types import ModuleType

import pytest
import yaml
from pptx import Presentation

ROOT = Path(__file__).resolve().parents[3]
BRANDS = [ROOT / "templates" / "ks", ROOT / "deckgen" / "brands" / "default"]
PHOTO = ROOT / "assets" / "foto-bly.jpg"


def load_tool(name: str) -> ModuleType:
    """Import a script of tools/ (not a package) by its path."""
    module_name = f"deckgen_tool_{name}"
    spec = importlib.util.spec_from_file_location(module_name, ROOT / "tools" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module  # dataclasses look their module up while building
    spec.loader.exec_module(module)
    return module


make_master = load_tool("make_master")


def brand_yaml(folder: Path) -> dict:
    return yaml.safe_load((folder / "brand.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("folder", BRANDS, ids=lambda p: p.name)
def test_committed_master_equals_a_fresh_build(folder):
    fresh = make_master.build(folder)
    assert fresh == make_master.build(folder)
    assert (folder / "master.pptx").read_bytes() == fresh, (
        f"{folder / 'master.pptx'} is stale: run python tools/make_master.py {folder}")


def test_zip_entries_have_fixed_timestamps_and_order():
    data = make_master.build(BRANDS[0])
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        infos = zf.infolist()
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert infos[0].filename == "[Content_Types].xml"


def test_committed_pictures_equal_a_fresh_build():
    make_assets = load_tool("make_assets")
    if not make_assets.BOLD_FONT.is_file():
        pytest.skip("Liberation Sans (fonts-liberation2) is not installed")
    for path, data in make_assets.build(ROOT).items():
        assert path.read_bytes() == data, f"{path} is stale: run python tools/make_assets.py"


def fill(prs, folder: Path) -> None:
    """One slide per mapped layout, every mapped placeholder filled by idx."""
    brand = brand_yaml(folder)
    for key, entry in brand["layouts"].items():
        layout = prs.slide_layouts.get_by_name(entry["master"])
        assert layout is not None, entry["master"]
        slide = prs.slides.add_slide(layout)
        for field, idx in entry["placeholders"].items():
            ph = slide.placeholders[idx]  # KeyError if the idx is not on the layout
            if field == "picture":
                ph.insert_picture(str(PHOTO))
            else:
                ph.text = f"{key}.{field}"


@pytest.mark.parametrize("folder", BRANDS, ids=lambda p: p.name)
def test_python_pptx_opens_the_master_and_fills_every_mapped_placeholder(folder):
    prs = Presentation(str(folder / "master.pptx"))
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)
    brand = brand_yaml(folder)
    for entry in brand["layouts"].values():
        layout = prs.slide_layouts.get_by_name(entry["master"])
        idxs = {ph.placeholder_format.idx for ph in layout.placeholders}
        assert set(entry["placeholders"].values()) <= idxs
    for name in ("Tittel og innhold", "Diskusjon", "Spørsmål"):
        idxs = {ph.placeholder_format.idx for ph in prs.slide_layouts.get_by_name(name).placeholders}
        assert set(brand["footer_placeholders"].values()) <= idxs
    fill(prs, folder)
    out = io.BytesIO()
    prs.save(out)
    again = Presentation(io.BytesIO(out.getvalue()))
    assert len(again.slides) == len(brand["layouts"])
    texts = {sh.text_frame.text for s in again.slides for sh in s.placeholders if sh.has_text_frame}
    assert "discussion.timer" in texts and "title.byline" in texts


def test_layout_names_and_idx_follow_the_brief():
    prs = Presentation(str(BRANDS[0] / "master.pptx"))
    want = {
        "Tittellysbilde": {0: "CENTER_TITLE", 1: "SUBTITLE", 13: "BODY"},
        "Deloverskrift": {0: "TITLE", 1: "BODY"},
        "Tittel og innhold": {0: "TITLE", 1: "BODY", 11: "FOOTER", 12: "SLIDE_NUMBER"},
        "Bilde": {0: "TITLE", 13: "PICTURE", 14: "BODY"},
        "Diskusjon": {0: "TITLE", 1: "BODY", 15: "BODY", 11: "FOOTER", 12: "SLIDE_NUMBER"},
        "Spørsmål": {0: "TITLE", 11: "FOOTER", 12: "SLIDE_NUMBER"},
    }
    for name, phs in want.items():
        layout = prs.slide_layouts.get_by_name(name)
        got = {ph.placeholder_format.idx: ph.placeholder_format.type.name for ph in layout.placeholders}
        assert got == phs, name
    hidden = prs.slide_layouts.get_by_name("Bilde").placeholders[0]
    assert hidden.top + hidden.height <= 0


def test_master_refuses_a_brand_mapping_it_cannot_satisfy(tmp_path):
    folder = tmp_path / "b"
    folder.mkdir()
    text = (BRANDS[0] / "brand.yaml").read_text(encoding="utf-8").replace("timer: 15", "timer: 19")
    (folder / "brand.yaml").write_text(text, encoding="utf-8")
    shutil.copy(BRANDS[0] / "logo.png", folder / "logo.png")
    with pytest.raises(SystemExit, match="idx 19 not on 'Diskusjon'"):
        make_master.build(folder)


@pytest.mark.validator
@pytest.mark.parametrize("folder", BRANDS, ids=lambda p: p.name)
def test_open_xml_sdk_finds_no_errors(folder, tmp_path, ooxml_validator):
    prs = Presentation(str(folder / "master.pptx"))
    fill(prs, folder)
    deck = tmp_path / "deck.pptx"
    prs.save(str(deck))
    for path in (folder / "master.pptx", deck):
        run = subprocess.run([ooxml_validator, str(path)], capture_output=True, text=True,
                             timeout=120, check=False)
        report = json.loads(run.stdout)
        assert report["ok"], json.dumps(report["errors"][:5], indent=1)


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_converts_a_deck_on_every_layout(tmp_path):
    prs = Presentation(str(BRANDS[0] / "master.pptx"))
    fill(prs, BRANDS[0])
    deck = tmp_path / "deck.pptx"
    prs.save(str(deck))
    run = subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(deck)],
        capture_output=True, text=True, timeout=240, check=False)
    pdf = tmp_path / "deck.pdf"
    assert pdf.is_file(), run.stderr
    # One page object per slide ("/Type /Page", not the "/Type /Pages" tree node).
    pages = len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", pdf.read_bytes()))
    assert pages == len(brand_yaml(BRANDS[0])["layouts"])


def test_a_4_3_brand_gets_a_4_3_master_with_the_same_layouts(tmp_path):
    folder = tmp_path / "b"
    folder.mkdir()
    text = (BRANDS[0] / "brand.yaml").read_text(encoding="utf-8")
    (folder / "brand.yaml").write_text(text.replace('"16:9"', '"4:3"'), encoding="utf-8")
    shutil.copy(BRANDS[0] / "logo.png", folder / "logo.png")
    data = make_master.build(folder)
    prs = Presentation(io.BytesIO(data))
    assert (prs.slide_width, prs.slide_height) == (9144000, 6858000)
    pic = prs.slide_layouts.get_by_name("Bilde").placeholders[1]
    assert (pic.left, pic.top, pic.width, pic.height) == (0, 0, 9144000, 6858000)
    for layout in prs.slide_layouts:
        for ph in layout.placeholders:
            if ph.placeholder_format.idx != 0 or layout.name != "Bilde":
                assert ph.left is None or ph.left + ph.width <= 9144000, (layout.name, ph.name)
