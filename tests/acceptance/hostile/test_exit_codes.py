"""The documented exit codes (docs/security.md), through the installed `deckgen` command:
0 built, 1 content problem, 2 usage problem, 3 output not written; never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import Mini

DECKGEN = Path(sys.executable).with_name("deckgen")


def deckgen(*args: str) -> subprocess.CompletedProcess[str]:
    run = subprocess.run([str(DECKGEN), *args], capture_output=True, text=True, timeout=300)
    assert "Traceback" not in run.stderr, run.stderr
    return run


def test_0_when_built(mini: Mini) -> None:
    run = deckgen("build", str(mini.deck), "--out", str(mini.out), "--format", "all")
    assert run.returncode == 0, run.stderr
    assert (mini.out / "talk.pptx").is_file()


def test_1_for_a_content_problem(mini: Mini) -> None:
    mini.slide("---\nlayout: nope\n---\n")
    run = deckgen("build", str(mini.deck), "--out", str(mini.out))
    assert run.returncode == 1
    assert "content/slides/a.md:2:9: error: unknown layout 'nope'" in run.stderr


@pytest.mark.parametrize("args", [
    ("build", "{root}/content/decks/missing.yaml"),
    ("build", "{root}/content/decks"),
    ("build", "{root}/content/decks/talk.yaml", "--format", "docx"),
    ("build", "{root}/content/decks/talk.yaml", "--jobs", "-1"),
    ("bulid", "{root}/content/decks/talk.yaml"),
])
def test_2_for_a_usage_problem(mini: Mini, args: tuple[str, ...]) -> None:
    run = deckgen(*(a.format(root=mini.root) for a in args), "--out", str(mini.out))
    assert run.returncode == 2, run.stderr
    assert not mini.out.exists()


def test_3_when_the_output_cannot_be_written(mini: Mini) -> None:
    mini.out.write_text("a file where the output folder should be")
    run = deckgen("build", str(mini.deck), "--out", str(mini.out))
    assert run.returncode == 3, run.stderr
    assert f"deckgen: error: cannot write {mini.out}" in run.stderr
