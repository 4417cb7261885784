"""A broken brand override of a reveal.js template is a located error, not a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from deckgen.cli import main

REPO = Path(__file__).resolve().parents[4]


@pytest.mark.parametrize(
    ("source", "line", "message"),
    [
        ("<p>\n{% if %}\n", 2, "the brand's reveal.js template failed: Expected an expression"),
        ("<p>{{ slide.title.__class__.__mro__ }}</p>\n", 1, "the brand's reveal.js template failed:"),
        ("<p>{{ nosuchname }}</p>\n", 1, "the brand's reveal.js template failed: 'nosuchname' is undefined"),
    ],
)
def test_broken_override_is_located(tmp_path: Path, source: str, line: int, message: str) -> None:
    for name in ("content", "assets"):
        shutil.copytree(REPO / name, tmp_path / name)
    shutil.copytree(REPO / "templates" / "ks", tmp_path / "templates" / "ks")
    override = tmp_path / "templates" / "ks" / "reveal" / "layouts" / "section.html.j2"
    override.parent.mkdir(parents=True)
    override.write_text(source, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["build", str(tmp_path / "content/decks/regionmote.yaml"), "--county", "buskerud", "--format", "html", "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert message in result.output, result.output
    assert f"templates/ks/reveal/layouts/section.html.j2:{line}:1: error: " in result.output
    assert not (tmp_path / "out" / "regionmote-buskerud").exists()


def test_location_is_the_brand_folder_when_the_master_is_in_a_subfolder(tmp_path: Path) -> None:
    # The renderer once derived the folder from the master's path: templates/ks/m/reveal/...
    for name in ("content", "assets"):
        shutil.copytree(REPO / name, tmp_path / name)
    brand = tmp_path / "templates" / "ks"
    shutil.copytree(REPO / "templates" / "ks", brand)
    (brand / "m").mkdir()
    (brand / "master.pptx").rename(brand / "m" / "master.pptx")
    yaml = brand / "brand.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("master: master.pptx", "master: m/master.pptx"), encoding="utf-8")
    override = brand / "reveal" / "layouts" / "section.html.j2"
    override.parent.mkdir(parents=True)
    override.write_text("<p>{{ nosuchname }}</p>\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["build", str(tmp_path / "content/decks/regionmote.yaml"), "--county", "buskerud", "--format", "html", "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 1, result.output
    assert "templates/ks/reveal/layouts/section.html.j2:1:1: error: the brand's reveal.js template failed" in result.output, result.output
