"""Helpers for the property tests: write a small project, run the real CLI on it, and read
both outputs back (text of every .pptx paragraph, text of the HTML slides)."""

from __future__ import annotations

import html
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from deckgen.cli import main
from deckgen.selfcheck import check_pptx

LOCATED_ERROR = re.compile(r"^[^:\n]+:\d+:\d+: error: \S", re.M)
DECK = "title: Egenskap\nlang: nb-NO\nslides:\n{slides}"


@dataclass
class Built:
    exit_code: int
    stderr: str
    out: Path

    def pptx_bytes(self) -> bytes:
        return (self.out / "deck.pptx").read_bytes()

    def pptx_paragraphs(self) -> list[str]:
        """Every <a:p> of every slide and notes page: its runs' text joined, unescaped."""
        paras: list[str] = []
        with zipfile.ZipFile(self.out / "deck.pptx") as pkg:
            for name in sorted(pkg.namelist()):
                if re.fullmatch(r"ppt/(slides|notesSlides)/\w+\.xml", name):
                    xml = pkg.read(name).decode("utf-8")
                    for para in re.findall(r"<a:p>(.*?)</a:p>", xml, re.S):
                        runs = re.findall(r"<a:t>([^<]*)</a:t>", para)
                        paras.append(html.unescape("".join(runs)))
        return paras

    def html_text(self, single: bool = False) -> str:
        page = (self.out / ("deck.html" if single else "deck/index.html")).read_text("utf-8")
        start, end = page.find("<section"), page.rfind("</section>")
        return html.unescape(re.sub(r"<[^>]+>", "\n", page[start:end]))


def write_project(root: Path, slides: dict[str, str], entries: list[str]) -> Path:
    """content/slides/<name>.md for each slide and a deck listing ``entries``."""
    (root / "content" / "counties").mkdir(parents=True, exist_ok=True)
    (root / "content" / "slides").mkdir(parents=True, exist_ok=True)
    for name, text in slides.items():
        (root / "content" / "slides" / f"{name}.md").write_text(text, encoding="utf-8")
    deck = root / "content" / "decks" / "deck.yaml"
    deck.parent.mkdir(parents=True, exist_ok=True)
    deck.write_text(DECK.format(slides="".join(f"  - {e}\n" for e in entries)), encoding="utf-8")
    return deck


def build(deck: Path, out: Path) -> Built:
    result = CliRunner().invoke(
        main, ["build", str(deck), "--format", "all", "--out", str(out), "--jobs", "1"])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # a bug: never a property's acceptable outcome
    assert "Traceback" not in result.stderr
    return Built(result.exit_code, result.stderr, out)


def assert_failed_with_located_errors(built: Built) -> None:
    assert built.exit_code == 1, built.stderr
    assert LOCATED_ERROR.search(built.stderr), built.stderr
    for line in built.stderr.splitlines():
        if ": error: " in line and not line.startswith("deckgen: "):
            assert LOCATED_ERROR.match(line), line


def assert_good_package(built: Built) -> None:
    assert built.exit_code == 0, built.stderr
    assert check_pptx(built.pptx_bytes()) == []
