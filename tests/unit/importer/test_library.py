"""Several decks → one library: shared slides once, differing values as county variables,
a slide only some decks have with `only:`, a slide too different to share kept per county."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner
from pptx import Presentation
from pptx_summary import deck_summary

from deckgen.cli import main

REPO = Path(__file__).resolve().parents[3]


def deck(path: Path, county: str, extra: list[tuple[str, str]], board: list[str]) -> Path:
    prs = Presentation()
    s = prs.slides.add_slide(prs.slide_layouts[0])
    s.shapes.title.text = f"Møte i {county}"
    s.placeholders[1].text = f"Velkommen til {county}"
    for title, body in [("Felles", "Det samme overalt"), *extra]:
        s = prs.slides.add_slide(prs.slide_layouts[1])
        s.shapes.title.text = title
        s.placeholders[1].text = body
    s = prs.slides.add_slide(prs.slide_layouts[1])
    s.shapes.title.text = "Styret"
    frame = s.placeholders[1].text_frame
    frame.text = board[0]
    for name in board[1:]:
        frame.add_paragraph().text = name
    s.notes_slide.notes_text_frame.text = f"Styret i {county} møtes fire ganger."
    prs.save(str(path))
    return path


def test_two_decks_become_one_library(tmp_path: Path) -> None:
    a = deck(tmp_path / "mote-agder.pptx", "Agder", [("Bare her", "Kun i Agder")], ["Kari", "Ola"])
    b = deck(tmp_path / "mote-rogaland.pptx", "Rogaland", [], ["**Per**", "Pål", "Espen"])
    project = tmp_path / "p"
    project.mkdir()
    shutil.copytree(REPO / "templates", project / "templates")
    result = CliRunner().invoke(main, ["import", str(a), str(b), "--into", str(project)])
    assert result.exit_code == 0, result.output
    assert "02-felles: the same in all decks" in result.output
    assert "03-bare-her: the same in all decks; only in agder" in result.output
    assert "04-styret: kept per county" in result.output
    slides = project / "content/slides/mote"
    assert sorted(p.name for p in slides.iterdir()) == [
        "01-mote-i-agder.md", "02-felles.md", "03-bare-her.md", "04-styret-agder.md", "04-styret-rogaland.md"]
    title = (slides / "01-mote-i-agder.md").read_text(encoding="utf-8")
    assert "title: Møte i {{ county.name }}\nsubtitle: Velkommen til {{ county.name }}\n" in title
    deck_file = (project / "content/decks/mote.yaml").read_text(encoding="utf-8")
    assert "  - use: mote/03-bare-her\n    only:\n      - agder\n" in deck_file
    assert "  - use: mote/04-styret-rogaland\n    only:\n      - rogaland\n" in deck_file
    assert (project / "content/counties/agder.yaml").read_text(encoding="utf-8").startswith(
        "# agder: the values that differ in its imported deck.\nname: Agder\n")
    built = CliRunner().invoke(main, ["build", str(project / "content/decks/mote.yaml"), "--out", str(project / "out")])
    assert built.exit_code == 0, built.output
    for county, source in (("agder", a), ("rogaland", b)):
        again = deck_summary(project / "out" / f"mote-{county}.pptx")
        original = deck_summary(source)
        assert len(again) == len(original)
        for rebuilt, source in zip(again, original, strict=True):  # the brand adds its footer and slide number
            assert set(source["texts"]) <= set(rebuilt["texts"])
        assert [s["notes"] for s in again] == [s["notes"] for s in original]
