"""The ``deckgen`` console script as a user's shell runs it (deckgen.cli.run): everything the
command printed arrives even though the process ends with os._exit, and the exit codes are
click's and deckgen's (0, 1, 2), for the script and for ``python -m deckgen``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).with_name("deckgen")
COMMANDS = [[str(SCRIPT)], [sys.executable, "-m", "deckgen"]]


@pytest.mark.parametrize("command", COMMANDS, ids=["script", "python -m"])
def test_a_long_output_arrives_whole_through_a_pipe(command: list[str]) -> None:
    done = subprocess.run([*command, "schema"], capture_output=True, check=False)
    assert done.returncode == 0, done.stderr
    assert len(done.stdout) > 50_000 and json.loads(done.stdout)["$schema"]


@pytest.mark.parametrize("command", COMMANDS, ids=["script", "python -m"])
def test_exit_codes(command: list[str], tmp_path: Path) -> None:
    version = subprocess.run([*command, "--version"], capture_output=True, text=True, check=False)
    assert (version.returncode, version.stdout.strip()) == (0, "deckgen, version " + version.stdout.split()[-1])
    usage = subprocess.run([*command, "build", "--format", "nope", "x.md"], capture_output=True, text=True, check=False)
    assert usage.returncode == 2 and "nope" in usage.stderr
    (tmp_path / "bad.md").write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
    content = subprocess.run([*command, "build", "bad.md", "--out", "out"], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert content.returncode == 1 and "bad.md:2:" in content.stderr and "Traceback" not in content.stderr
    assert not (tmp_path / "out").exists()


def test_a_build_through_the_script_writes_both_outputs(tmp_path: Path) -> None:
    (tmp_path / "deck.md").write_text("---\ntitle: Prøve\nlang: nb-NO\n---\n\n## Én\n\n- a\n- b\n", encoding="utf-8")
    done = subprocess.run([str(SCRIPT), "build", "deck.md", "--format", "pptx,html", "--out", "out"], cwd=tmp_path,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "deck.pptx").stat().st_size > 10_000
    assert "Én" in (tmp_path / "out" / "deck" / "index.html").read_text(encoding="utf-8")
    assert "Built into out/" in done.stderr
