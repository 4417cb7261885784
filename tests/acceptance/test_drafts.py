"""Drafts are never blocked: a Markdown talk with an overflowing slide, a picture without alt
text and a brand colour pair below WCAG AA builds (exit 0, outputs written and reopened) with
each quality finding printed as a located warning and counted; ``--strict`` fails the same
run (exit 1) and writes nothing, leaving the previous output as it was; an error of meaning
still stops the build."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest
from fixtures.drafts import OVERFLOW_LINE, PICTURE_LINE, draft_project
from pptx import Presentation

REPO = Path(__file__).resolve().parents[2]

OVERFLOW = re.compile(rf"^talk\.md:{OVERFLOW_LINE}:1: warning: body text needs 1\d\d% of its box even at 18 pt, its floor; split the slide in two", re.M)
ALT = re.compile(rf"^talk\.md:{PICTURE_LINE}:1: warning: picture 'photo\.jpg' has no alt text; add 'alt:'", re.M)
CONTRAST = re.compile(r"^templates/lav/brand\.yaml:16:10: warning: brand colour 'muted' \(#9AA5B1\) on 'background'", re.M)


def deckgen(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "deckgen", *args], cwd=project, capture_output=True,
                          text=True, timeout=300, env={**os.environ, "COLUMNS": "200"})


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return draft_project(tmp_path)


def test_quality_findings_are_warnings_and_the_deck_is_written(project: Path) -> None:
    proc = deckgen(project, "build", "talk.md", "--format", "pptx,html", "--out", "out")
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    for pattern in (OVERFLOW, ALT, CONTRAST):
        assert pattern.search(proc.stderr), proc.stderr
    assert ": error:" not in proc.stderr
    warnings = len(re.findall(r"^\S+:\d+:\d+: warning: ", proc.stderr, re.M))
    assert warnings >= 3
    assert f"{warnings} warnings; warnings do not stop a build; --strict fails on them." in proc.stderr
    # The outputs are there and whole: every slide (the title slide from the front matter
    # first), the too-full one with all its text.
    prs = Presentation(str(project / "out" / "talk.pptx"))
    assert len(prs.slides) == 4
    body = "\n".join(s.text_frame.text for s in prs.slides[1].shapes if s.has_text_frame)
    assert "Punkt nummer 14 i en lang liste" in body
    pictures = [s for s in prs.slides[2].shapes if s.element.xpath(".//a:blip/@r:embed")]
    assert len(pictures) == 1  # the picture, in the master's picture placeholder
    page = lxml.html.parse(str(project / "out" / "talk" / "index.html")).getroot()
    assert len(page.cssselect("section.deck-slide")) == 4
    assert page.cssselect("section#slide-3 img.full-bleed")[0].get("alt") == ""


def test_strict_fails_and_writes_nothing(project: Path) -> None:
    out = project / "out"
    out.mkdir()
    (out / "talk.pptx").write_bytes(b"the previous build")
    proc = deckgen(project, "build", "talk.md", "--format", "pptx,html", "--out", "out", "--strict")
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    for pattern in (OVERFLOW, ALT, CONTRAST):
        assert pattern.search(proc.stderr), proc.stderr
    assert "they failed the run (--strict)" in proc.stderr
    assert "earlier output for them is unchanged" in proc.stderr
    assert sorted(p.name for p in out.iterdir()) == ["talk.pptx"]
    assert (out / "talk.pptx").read_bytes() == b"the previous build"


def test_check_reports_the_same_findings_as_warnings(project: Path) -> None:
    proc = deckgen(project, "check", "talk.md")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for pattern in (OVERFLOW, ALT, CONTRAST):
        assert pattern.search(proc.stdout), proc.stdout
    assert deckgen(project, "check", "talk.md", "--strict").returncode == 1


def test_an_error_of_meaning_still_stops_the_build(project: Path) -> None:
    talk = project / "talk.md"
    talk.write_text(talk.read_text(encoding="utf-8").replace("![](photo.jpg)", "![](mangler.jpg)"), encoding="utf-8")
    proc = deckgen(project, "build", "talk.md", "--out", "out")
    assert proc.returncode == 1
    assert re.search(rf"^talk\.md:{PICTURE_LINE}:1: error: picture 'mangler\.jpg' not found", proc.stderr, re.M), proc.stderr
    assert not (project / "out").exists()


def test_thumbs_is_not_blocked_by_quality_findings(project: Path) -> None:
    if shutil.which("soffice") is None or shutil.which("pdftoppm") is None:
        pytest.skip("LibreOffice and pdftoppm are needed for thumbnails")
    proc = deckgen(project, "thumbs", "talk.md", "--out", "out")
    assert proc.returncode == 0, proc.stderr
    assert ALT.search(proc.stderr), proc.stderr
    assert (project / "out" / "talk-thumbs.png").stat().st_size > 0


def test_strict_builds_a_deck_without_warnings(project: Path) -> None:
    # Info findings (none here) and a clean deck: --strict writes as usual.
    talk = project / "talk.md"
    (project / "templates" / "lav" / "brand.yaml").write_text(
        (REPO / "templates" / "ks" / "brand.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    text = talk.read_text(encoding="utf-8")
    text = re.sub(r"^- Punkt nummer (?:[6-9]|1\d) .*\n", "", text, flags=re.M)  # five bullets fit
    talk.write_text(text.replace("![](photo.jpg)", "![Landskap med åser og vann](photo.jpg)"), encoding="utf-8")
    proc = deckgen(project, "build", "talk.md", "--out", "out", "--strict")
    assert proc.returncode == 0, proc.stderr
    assert "warning" not in proc.stderr
    assert (project / "out" / "talk.pptx").is_file()


def test_build_help_tells_the_two_kinds_and_strict(project: Path) -> None:
    out = deckgen(project, "build", "--help").stdout
    assert "--strict" in out and "Quality findings" in out and "Errors of meaning" in out
