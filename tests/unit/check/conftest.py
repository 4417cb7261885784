"""Helpers for the check tests: the KS brand, decks built in code, fixture projects on disk,
and the real CLI."""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from deckgen.check import CheckContext, run_checks
from deckgen.cli import main
from deckgen.errors import Diagnostic, Diagnostics, SourceLoc
from deckgen.model import Brand, Deck, Inline, Para, Run, Slide
from deckgen.project import Project
from deckgen.resolve.brand import load_brand

REPO = Path(__file__).resolve().parents[3]
FIXTURES = REPO / "tests" / "fixtures"
KS = REPO / "templates" / "ks"
SLIDE = SourceLoc("content/slides/s.md", 3, 1)

_BRAND: list[Brand] = []


def ks_brand() -> Brand:
    """The committed KS brand, loaded once."""
    if not _BRAND:
        diags = Diagnostics()
        brand = load_brand("ks", REPO, diags, loc=SourceLoc("content/decks/d.yaml", 5, 8))
        assert brand is not None and not diags.errors, [d.format() for d in diags]
        _BRAND.append(brand)
    return _BRAND[0]


def runs(text: str, **style: Any) -> Inline:
    return (Run(text, **style),)


def para(text: str, kind: str = "bullet", level: int = 0, line: int = 5,
         path: str = "content/slides/s.md", **style: Any) -> Para:
    return Para(runs(text, **style), kind, level, False, SourceLoc(path, line, 1))  # type: ignore[arg-type]


def slide(layout: str, content: Any, title: str = "Tittel", *, hidden: str = "",
          loc: SourceLoc = SLIDE, notes: tuple[Para, ...] = ()) -> Slide:
    return Slide(layout, runs(title) if title else (), content, notes, hidden or title, loc)


def deck(*slides: Slide, lang: str = "nb-NO", brand: Brand | None = None) -> Deck:
    return Deck("d", "Deck", "", "KS", "", lang, brand or ks_brand(), tuple(slides),
                loc=SourceLoc("content/decks/d.yaml", 1, 1))


def findings(d: Deck, rule: str | None = None, project: Project | None = None) -> list[str]:
    """Formatted findings of one rule (or all) on ``d``."""
    out = run_checks(d, project)
    return [f.format() for f in out if rule is None or f.rule == rule]


def ctx(d: Deck) -> CheckContext:
    return CheckContext(d)


def with_colors(brand: Brand, **colors: str) -> Brand:
    return replace(brand, colors={**brand.colors, **colors})


# --------------------------------------------------------------------------- projects and CLI


def make_project(tmp_path: Path, case: str, *, base: Path = FIXTURES / "check") -> Path:
    """A copy of the fixture project ``case`` in ``tmp_path``, with the KS brand's templates
    (and, for a fixture brand folder, the KS master and logo) added, since binary masters
    are not committed twice."""
    root = tmp_path / case
    shutil.copytree(base / case, root)
    templates = root / "templates"
    if not (templates / "ks").exists():
        shutil.copytree(KS, templates / "ks")
    for folder in templates.iterdir():
        for name in ("master.pptx", "logo.png"):
            if not (folder / name).exists():
                shutil.copy(KS / name, folder / name)
    if not (root / "assets").exists():
        shutil.copytree(REPO / "assets", root / "assets")
    return root


def check_cli(project: Path, deck: str, *args: str) -> tuple[int, str]:
    """``deckgen check`` run through the real CLI from the project folder (paths in messages
    are project-relative)."""
    result = CliRunner().invoke(main, ["check", str(project / deck), *args])
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def check_json(project: Path, deck: str, *args: str) -> tuple[int, dict[str, Any]]:
    code, out = check_cli(project, deck, "--format", "json", *args)
    return code, json.loads(out)


def lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line]


def by_rule(found: Sequence[Diagnostic], rule: str) -> list[Diagnostic]:
    return [d for d in found if d.rule == rule]


@pytest.fixture(scope="session")
def brand() -> Brand:
    return ks_brand()
