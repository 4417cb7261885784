"""Odd PowerPoint files made here with python-pptx, as decks from elsewhere come: what
deckgen import cannot keep is named in a warning, and a broken attribute is no traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner
from pptx import Presentation
from pptx.util import Inches

from deckgen.cli import main

REPO = Path(__file__).resolve().parents[3]


def merged_table_deck(path: Path, span: str = "") -> None:
    prs = Presentation()
    s = prs.slides.add_slide(prs.slide_layouts[5])
    s.shapes.title.text = "Budsjett"
    table = s.shapes.add_table(3, 3, Inches(1), Inches(2), Inches(8), Inches(3)).table
    for r in range(3):
        for c in range(3):
            table.cell(r, c).text = f"{'abc'[r]}{c}"
    table.cell(0, 0).merge(table.cell(0, 1))  # a header over two columns
    table.cell(1, 2).merge(table.cell(2, 2))  # a cell down two rows
    if span:
        table.cell(1, 0)._tc.set("gridSpan", span)  # as a broken file may write it
    prs.save(str(path))


def run_import(deck: Path, project: Path) -> tuple[int, str]:
    shutil.copytree(REPO / "templates", project / "templates")
    result = CliRunner().invoke(main, ["import", str(deck), "--into", str(project), "--name", "d"])
    return result.exit_code, result.output


def test_merged_table_cells_are_named_and_their_text_kept_once(tmp_path: Path) -> None:
    merged_table_deck(tmp_path / "t.pptx")
    code, output = run_import(tmp_path / "t.pptx", tmp_path / "p")
    assert code == 0, output
    assert ("slide 1: table 'Table 2': 2 merged cells become single cells, the text in the first and the cells "
            "it spanned empty (a Markdown table has no merged cells)") in " ".join(output.split())
    slide = next((tmp_path / "p/content/slides/d").glob("*.md")).read_text()
    assert "| a0 a1 |   | a2 |" in slide
    assert "| b0 | b1 | b2 c2 |" in slide


def test_a_span_that_is_not_a_number_is_read_as_one_cell(tmp_path: Path) -> None:
    merged_table_deck(tmp_path / "t.pptx", span="two")
    code, output = run_import(tmp_path / "t.pptx", tmp_path / "p")
    assert code == 0, output
    assert "Traceback" not in output
    assert "2 merged cells" in " ".join(output.split())
