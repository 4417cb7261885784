"""Write: rendered outputs → files, atomically, inside the output folder only.

Each file is written to a temporary file in its target folder and ``os.replace``d over the old
one, so a reader sees either the old or the new file, never half of one. A folder output (the
reveal.js deck with its assets) is written whole into a temporary folder beside the old one and
swapped in, so stale assets do not linger and an interrupted build leaves the old folder as it
was. Nothing is written outside ``out_dir``.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from deckgen.errors import OutputError

TEMP_PREFIX = ".deckgen-tmp-"


def _safe_parts(rel: str) -> tuple[str, ...]:
    path = PurePosixPath(rel)
    if path.is_absolute() or not path.parts or any(p in ("..", ".", "") for p in path.parts) or "\\" in rel:
        raise ValueError(f"output path {rel!r} would leave the output folder")
    return path.parts


def write_outputs(outputs: Mapping[str, bytes], out_dir: Path) -> list[Path]:
    """Write every output; return the top-level paths written (files or folders)."""
    groups: dict[str, dict[tuple[str, ...], bytes]] = {}
    for rel, data in outputs.items():
        parts = _safe_parts(rel)
        groups.setdefault(parts[0], {})[parts[1:]] = data
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        written = []
        for top, files in sorted(groups.items()):
            target = out_dir / top
            if () in files:
                _write_file(target, files[()])
            else:
                _write_folder(target, files)
            written.append(target)
        return written
    except OSError as exc:
        raise OutputError(_describe(exc, out_dir)) from None


def _write_file(target: Path, data: bytes) -> None:
    if target.is_file() and target.read_bytes() == data:
        return  # unchanged: keep the file and its time stamp
    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _write_folder(target: Path, files: Mapping[tuple[str, ...], bytes]) -> None:
    if target.is_dir() and _same_folder(target, files):
        return
    staging = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX, dir=target.parent))
    backup: Path | None = None
    try:
        for parts, data in sorted(files.items()):
            path = staging.joinpath(*parts)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            os.chmod(path, 0o644)
        os.chmod(staging, 0o755)
        if target.exists() or target.is_symlink():
            backup = target.parent / f"{TEMP_PREFIX}old-{target.name}"
            if backup.exists():
                shutil.rmtree(backup, ignore_errors=True)
            os.replace(target, backup)
        os.replace(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if backup is not None and backup.exists() and not target.exists():
            os.replace(backup, target)
        raise
    if backup is not None:
        if backup.is_dir() and not backup.is_symlink():
            shutil.rmtree(backup, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                backup.unlink()


def _same_folder(target: Path, files: Mapping[tuple[str, ...], bytes]) -> bool:
    present = {p.relative_to(target).parts for p in target.rglob("*") if p.is_file()}
    if present != set(files):
        return False
    return all(target.joinpath(*parts).read_bytes() == data for parts, data in files.items())


def _describe(exc: OSError, out_dir: Path) -> str:
    where = exc.filename or out_dir
    if exc.errno == errno.ENOSPC:
        return f"cannot write {where}: the disk is full; free some space and build again (earlier output is unchanged)"
    if exc.errno == errno.EROFS:
        return f"cannot write {where}: the file system is read-only; choose another folder with --out"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"cannot write {where}: permission denied; check the folder's permissions or use --out"
    return f"cannot write {where}: {exc.strerror}; earlier output is unchanged"
