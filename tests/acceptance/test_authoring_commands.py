"""The authoring commands from the command line, on a copy of the project: ``build --format
pdf`` (page count), ``thumbs`` (image sizes, --each), their messages when LibreOffice or
poppler is missing, and ``new deck`` / ``new county``."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

DECK = "content/decks/regionmote.yaml"


def run(project: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "deckgen", *args], cwd=project, capture_output=True, text=True, timeout=600,
        env={**os.environ, "COLUMNS": "200", **(env or {})},
    )


@pytest.mark.libreoffice
def test_build_pdf_has_one_page_per_slide(project: Path) -> None:
    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo is None:
        pytest.skip("pdfinfo (poppler-utils) not installed")
    proc = run(project, "build", DECK, "--county", "buskerud", "--format", "pdf,pptx", "--out", "out")
    assert proc.returncode == 0, proc.stderr
    pdf = project / "out" / "regionmote-buskerud.pdf"
    info = subprocess.run([pdfinfo, str(pdf)], capture_output=True, text=True, check=True).stdout
    from pptx import Presentation  # the test reopens the deck as PowerPoint would

    slides = len(Presentation(str(project / "out" / "regionmote-buskerud.pptx")).slides)
    assert f"Pages:           {slides}" in info
    assert slides == 12


@pytest.mark.libreoffice
def test_thumbs_writes_a_sheet_and_each_slide(project: Path) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) not installed")
    proc = run(project, "thumbs", DECK, "--county", "buskerud", "--out", "out", "--each", "--width", "160")
    assert proc.returncode == 0, proc.stderr
    assert "Thumbnails in out/" in proc.stderr
    singles = sorted((project / "out" / "regionmote-buskerud-thumbs").glob("*.png"))
    assert [p.name for p in singles][:2] == ["regionmote-buskerud-01.png", "regionmote-buskerud-02.png"]
    assert len(singles) == 12
    for single in singles:
        with Image.open(single) as im:
            assert im.width == 160 and abs(im.height - 90) <= 1
    with Image.open(project / "out" / "regionmote-buskerud-thumbs.png") as sheet:
        assert sheet.width == 10 + 4 * (160 + 10)  # four columns, a 10 px gap
        assert sheet.height > 3 * 90


def test_missing_libreoffice_is_named_for_pdf_and_thumbs(project: Path, tmp_path: Path) -> None:
    bare = tmp_path / "bin"
    bare.mkdir()
    path = {"PATH": str(bare)}
    for args in (("build", DECK, "--county", "buskerud", "--format", "pdf"), ("thumbs", DECK, "--county", "buskerud")):
        proc = run(project, *args, env=path)
        assert proc.returncode == 2, proc.stderr
        assert "libreoffice-impress" in proc.stderr
        assert "Traceback" not in proc.stderr


def test_missing_poppler_is_named_for_thumbs(project: Path, tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("needs soffice to get past the LibreOffice check")
    bare = tmp_path / "bin"
    bare.mkdir()
    (bare / "soffice").symlink_to(soffice)
    proc = run(project, "thumbs", DECK, "--county", "buskerud", env={"PATH": str(bare)})
    assert proc.returncode == 2
    assert "poppler-utils" in proc.stderr and "Traceback" not in proc.stderr


def test_new_deck_and_county_from_the_command_line(project: Path) -> None:
    proc = run(project, "new", "county", "nordland")
    assert proc.returncode == 0, proc.stderr
    assert "created content/counties/nordland.yaml" in proc.stderr
    proc = run(project, "new", "deck", "styremote")
    assert proc.returncode == 0, proc.stderr
    assert "created content/decks/styremote.yaml" in proc.stderr
    assert "  - nordland" in (project / "content" / "decks" / "styremote.yaml").read_text(encoding="utf-8")
    proc = run(project, "check", "content/decks/styremote.yaml", "--county", "nordland")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    again = run(project, "new", "deck", "styremote")
    assert again.returncode == 2 and "exists already" in again.stderr
    bad = run(project, "new", "county", "Sør-Trøndelag")
    assert bad.returncode == 2 and "try 'sor-trondelag'" in bad.stderr
