"""pyproject.toml in the current form: ``make demo`` on a fresh machine prints no setuptools
deprecation warnings (issue 15: the licence was a TOML table)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_licence_is_an_spdx_string_with_a_setuptools_that_reads_it() -> None:
    data = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert data["project"]["license"] == "MIT"  # PEP 639: an SPDX expression, not {text = …}
    assert not any(c.startswith("License ::") for c in data["project"].get("classifiers", []))
    setuptools = next(r for r in data["build-system"]["requires"] if r.startswith("setuptools"))
    minimum = re.fullmatch(r"setuptools>=(\d+)", setuptools)
    assert minimum is not None and int(minimum.group(1)) >= 77  # the first to read SPDX strings
