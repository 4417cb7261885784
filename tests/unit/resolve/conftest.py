"""Fixtures for master-package and brand tests: the KS master's bytes and a zip rewriter."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
KS_MASTER = ROOT / "templates" / "ks" / "master.pptx"


def ks_master() -> bytes:
    return KS_MASTER.read_bytes()


def rezip(
    data: bytes,
    replace: dict[str, bytes | None] | None = None,
    add: dict[str, bytes] | None = None,
    compress: int = zipfile.ZIP_DEFLATED,
) -> bytes:
    """``data`` with parts replaced (None deletes) and parts added."""
    replace = replace or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", compress) as dst:
        for info in src.infolist():
            if info.filename in replace:
                body = replace[info.filename]
                if body is None:
                    continue
            else:
                body = src.read(info)
            dst.writestr(info.filename, body)
        for name, body in (add or {}).items():
            dst.writestr(name, body)
    return out.getvalue()


def part(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return zf.read(name)


@pytest.fixture
def ks_bytes() -> bytes:
    """The committed KS master."""
    return ks_master()


@pytest.fixture
def rezipper() -> Callable[..., bytes]:
    """:func:`rezip`, for tests that build broken or hostile packages."""
    return rezip


@pytest.fixture
def part_of() -> Callable[[bytes, str], bytes]:
    return part
