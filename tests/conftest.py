"""Shared test setup.

Real-client tests are marked ``libreoffice``, ``chromium``, ``validator`` or ``pandoc``. On a developer's
machine without the client they skip; in CI (``DECKGEN_REQUIRE_CLIENTS=1``, set by .ci/run)
a missing client is a failure, so those tests really run there.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from clients import ooxml_validator_path

REPO = Path(__file__).resolve().parent.parent

_CLIENTS = {
    "libreoffice": lambda: shutil.which("soffice") is not None,
    "chromium": lambda: Path("/usr/bin/chromium").exists(),
    "validator": lambda: ooxml_validator_path() is not None,
    "pandoc": lambda: shutil.which("pandoc") is not None,
}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "validator: needs the Open XML SDK validator (npm)")


def pytest_runtest_setup(item: pytest.Item) -> None:
    for name, available in _CLIENTS.items():
        if item.get_closest_marker(name) and not available():
            if os.environ.get("DECKGEN_REQUIRE_CLIENTS") == "1":
                pytest.fail(f"{name} is required in CI but not installed")
            pytest.skip(f"{name} not installed")


@pytest.fixture(scope="session")
def ooxml_validator() -> str:
    """The validator's command; tests using it are marked ``validator``."""
    found = ooxml_validator_path()
    assert found is not None  # the marker skipped (or failed, in CI) already
    return found


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """A copy of the sample project (content, templates, assets) to change freely."""
    for name in ("content", "templates", "assets"):
        shutil.copytree(REPO / name, tmp_path / name)
    return tmp_path
