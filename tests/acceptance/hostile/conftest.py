"""A tiny project per test, the real CLI on it, and the checks every hostile-input case makes:
the message and its ``path:line:col``, the exit code, no traceback, the earlier output
byte-identical and no temporary files left."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from deckgen.cli import main
from deckgen.write import TEMP_PREFIX

REPO = Path(__file__).resolve().parents[3]

DECK = """\
title: Hostile
lang: nb-NO
slides:
  - use: a
"""
SLIDE = """\
# Første lysbilde

- punkt én
- punkt to
"""


@dataclass
class Run:
    exit_code: int
    stderr: str
    stdout: str

    def assert_no_traceback(self) -> None:
        assert "Traceback" not in self.stderr + self.stdout, self.stderr


@dataclass
class Mini:
    """A project folder: content/decks/talk.yaml, content/slides/a.md, content/counties/."""

    root: Path

    @property
    def deck(self) -> Path:
        return self.root / "content" / "decks" / "talk.yaml"

    @property
    def out(self) -> Path:
        return self.root / "build"

    def write(self, rel: str, data: str | bytes) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)
        return path

    def slide(self, text: str | bytes, name: str = "a") -> Path:
        return self.write(f"content/slides/{name}.md", text)

    def build(self, *args: str, formats: str = "all", deck: Path | None = None,
              env: Mapping[str, str] | None = None, bug: bool = False) -> Run:
        """``deckgen build`` in-process (click's runner); a bug's exception is re-raised."""
        result = CliRunner().invoke(
            main,
            ["build", str(deck or self.deck), "--out", str(self.out), "--format", formats,
             "--jobs", "1", *args],
            env=dict(env or {}),
            catch_exceptions=True,
        )
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        run = Run(result.exit_code, result.stderr, result.stdout)
        if not bug:
            run.assert_no_traceback()
        return run

    def good_build(self, formats: str = "all") -> dict[str, bytes]:
        run = self.build(formats=formats)
        assert run.exit_code == 0, run.stderr
        snap = self.snapshot()
        assert snap, "the good build wrote nothing"
        return snap

    def snapshot(self) -> dict[str, bytes]:
        if not self.out.exists():
            return {}
        return {p.relative_to(self.out).as_posix(): p.read_bytes()
                for p in sorted(self.out.rglob("*")) if p.is_file()}

    def pptx(self, name: str = "talk") -> zipfile.ZipFile:
        return zipfile.ZipFile(self.out / f"{name}.pptx")

    def html(self, name: str = "talk") -> str:
        return (self.out / name / "index.html").read_text(encoding="utf-8")

    def single_html(self, name: str = "talk") -> str:
        return (self.out / f"{name}.html").read_text(encoding="utf-8")

    def use_ks_brand(self, name: str = "hostile") -> Path:
        """Copy templates/ks to templates/<name>/ and point the deck at it; the master path."""
        shutil.copytree(REPO / "templates" / "ks", self.root / "templates" / name)
        text = self.deck.read_text(encoding="utf-8")
        self.deck.write_text(text.replace("lang: nb-NO\n", f"lang: nb-NO\nbrand: {name}\n"),
                             encoding="utf-8")
        return self.root / "templates" / name / "master.pptx"


def new_mini(root: Path) -> Mini:
    mini = Mini(root)
    mini.write("content/decks/talk.yaml", DECK)
    mini.slide(SLIDE)
    (root / "content" / "counties").mkdir(parents=True, exist_ok=True)
    return mini


@pytest.fixture
def mini(tmp_path: Path) -> Mini:
    return new_mini(tmp_path / "proj")


def assert_failed_cleanly(mini: Mini, before: dict[str, bytes], run: Run, code: int,
                          *lines: str) -> None:
    """Exit ``code``, each of ``lines`` in stderr, earlier output byte-identical, no temp
    files anywhere in the output folder."""
    assert run.exit_code == code, run.stderr
    run.assert_no_traceback()
    for line in lines:
        assert line in run.stderr, f"{line!r} not in:\n{run.stderr}"
    assert mini.snapshot() == before
    assert not [p for p in mini.out.rglob(f"{TEMP_PREFIX}*")] if mini.out.exists() else True


def slide_xml(pkg: zipfile.ZipFile, number: int = 1) -> str:
    return pkg.read(f"ppt/slides/slide{number}.xml").decode("utf-8")
