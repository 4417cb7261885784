"""Every output of the decks in content/ and examples/ (and the speed benchmark's generated
deck) is byte-identical to the committed list (tests/golden/output_hashes.txt).

A change meant to leave the outputs alone (a faster writer, a refactor) passes as it is; a
change meant to be seen updates the list (``.venv/bin/python tools/output_hashes.py --update``)
and the diff of that file shows which outputs it changed.
"""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

from output_hashes import GOLDEN, output_hashes  # noqa: E402


def test_outputs_are_byte_identical_to_the_committed_hashes() -> None:
    expected = GOLDEN.read_text(encoding="utf-8")
    actual = output_hashes(ROOT)
    diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), "committed", "built"))
    assert actual == expected, (
        "outputs changed; if that is intended, run .venv/bin/python tools/output_hashes.py --update\n" + diff
    )
