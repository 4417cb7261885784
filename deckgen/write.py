"""Write: rendered outputs → files, atomically, inside the output folder only.

Two phases. First every output is *staged*: a file is written whole to a temporary file beside
its target, a folder output (the reveal.js deck with its assets) whole into a temporary folder
beside the old one. Only when every output has been staged is anything *committed*: each
staged file or folder is ``os.replace``d over the old one. So a build that fails while writing
(the disk fills up, a permission is missing) has changed no earlier output at all, and a reader
never sees half a file. Temporary files and folders are removed on every failure.

Ctrl-C (or any exception) while writing removes the temporary files too; a build killed
outright leaves them, and a later build into the same folder removes them once they are an
hour old (younger ones may belong to another deck building there at the same time).

A folder cannot be replaced over an existing folder in one step: the old one is first renamed
to ``.deckgen-tmp-old-<name>`` and removed after the new one is in place. If a build is killed
between those two renames, the next build finds the old folder under that name and puts it
back before anything else.

Outputs that are byte-identical to what is on disk are left alone (their times too). Nothing
is written outside ``out_dir``; an output path that would leave it is a bug (``ValueError``).
Every OS error becomes an :class:`~deckgen.errors.OutputError` (exit code 3) naming the output,
with a message for the common causes: disk full, read-only file system, permission denied.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from deckgen.errors import OutputError

TEMP_PREFIX = ".deckgen-tmp-"
FILE_MODE = 0o644
FOLDER_MODE = 0o755
STALE_SECONDS = 3600  # a temporary file this old belongs to no running build


def _safe_parts(rel: str) -> tuple[str, ...]:
    path = PurePosixPath(rel)
    if (path.is_absolute() or not path.parts or "\\" in rel
            or any(p in ("..", ".", "") or p.startswith(TEMP_PREFIX) for p in path.parts)):
        raise ValueError(f"output path {rel!r} would leave the output folder")
    return path.parts


@dataclass
class _Staged:
    """One top-level output ready to be swapped in: ``staged`` replaces ``target``."""

    target: Path
    staged: Path | None  # None: unchanged on disk, nothing to do
    is_folder: bool = False
    cleanup: list[Path] = field(default_factory=list)


def write_outputs(outputs: Mapping[str, bytes], out_dir: Path) -> list[Path]:
    """Write every output atomically; return the top-level paths (files or folders), sorted.

    Raises :class:`OutputError` when the files cannot be written; the earlier output is then
    unchanged and no temporary file is left behind.
    """
    groups: dict[str, dict[tuple[str, ...], bytes]] = {}
    for rel, data in outputs.items():
        parts = _safe_parts(rel)
        groups.setdefault(parts[0], {})[parts[1:]] = data
    staged: list[_Staged] = []
    current = out_dir
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        _sweep_stale(out_dir)
        for top, files in sorted(groups.items()):
            current = out_dir / top
            _recover(current)
            if () in files:
                staged.append(_stage_file(current, files[()]))
            else:
                staged.append(_stage_folder(current, files))
        for item in staged:
            current = item.target
            _commit(item)
    except OSError as exc:
        _abandon(staged)
        raise OutputError(_describe(exc, current)) from None
    except BaseException:
        _abandon(staged)
        raise
    for item in staged:
        for path in item.cleanup:
            _remove(path)
    return [item.target for item in staged]


def _abandon(staged: list[_Staged]) -> None:
    """After a failure: remove what was staged and not swapped in, and the old folders that
    outputs already swapped in have replaced (a rename failing half way through the commit is
    the one case in which some outputs are new and others old)."""
    for item in staged:
        _discard(item)
        for path in item.cleanup:
            _remove(path)


# --------------------------------------------------------------------------- staging


def _write_fd(fd: int, data: bytes) -> None:
    """Write all of ``data`` with ``os.write`` (short writes happen on full disks)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _temp_file(folder: Path, data: bytes) -> Path:
    fd, name = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=folder)
    path = Path(name)
    try:
        _write_fd(fd, data)
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        _remove(path)
        raise
    os.close(fd)
    try:
        os.chmod(path, FILE_MODE)
    except BaseException:
        _remove(path)
        raise
    return path


def _stage_file(target: Path, data: bytes) -> _Staged:
    if target.is_file() and not target.is_symlink() and target.read_bytes() == data:
        return _Staged(target, None)  # unchanged: keep the file and its time stamp
    return _Staged(target, _temp_file(target.parent, data))


def _stage_folder(target: Path, files: Mapping[tuple[str, ...], bytes]) -> _Staged:
    if target.is_dir() and not target.is_symlink() and _same_folder(target, files):
        return _Staged(target, None, is_folder=True)
    staging = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX, dir=target.parent))
    try:
        for parts, data in sorted(files.items()):
            path = staging.joinpath(*parts)
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
            try:
                _write_fd(fd, data)
            finally:
                os.close(fd)
            os.chmod(path, FILE_MODE)
        for folder in sorted({p for p in staging.rglob("*") if p.is_dir()}):
            os.chmod(folder, FOLDER_MODE)
        os.chmod(staging, FOLDER_MODE)
    except BaseException:
        _remove(staging)
        raise
    return _Staged(target, staging, is_folder=True)


def _same_folder(target: Path, files: Mapping[tuple[str, ...], bytes]) -> bool:
    present = {p.relative_to(target).parts for p in target.rglob("*") if p.is_file()}
    if present != set(files):
        return False
    return all(target.joinpath(*parts).read_bytes() == data for parts, data in files.items())


def _sweep_stale(out_dir: Path) -> None:
    """Remove temporary files and folders that a killed build (SIGKILL, power loss) left in
    ``out_dir``. Only those older than ``STALE_SECONDS``: another deck may be building into
    the same folder right now, and its temporary files are fresh."""
    now = time.time()
    for path in out_dir.glob(f"{TEMP_PREFIX}*"):
        if path.name.startswith(f"{TEMP_PREFIX}old-"):
            continue  # a moved-aside folder: _recover decides about it
        with contextlib.suppress(OSError):
            if now - path.lstat().st_mtime > STALE_SECONDS:
                _remove(path)


# --------------------------------------------------------------------------- committing


def _backup_name(target: Path) -> Path:
    return target.parent / f"{TEMP_PREFIX}old-{target.name}"


def _recover(target: Path) -> None:
    """Undo a build killed between moving the old folder aside and moving the new one in.

    Checked for the output itself and for the folder of the same deck (``talk.pptx`` ->
    ``talk``), so a later build of one format still brings back the other's folder. Only the
    deck's own names are touched: other decks may be building into the same folder.
    """
    for folder in sorted({target, target.with_name(target.name.split(".", 1)[0])}):
        backup = _backup_name(folder)
        if not backup.exists():
            continue
        if not folder.exists() and not folder.is_symlink():
            os.replace(backup, folder)
        else:
            _remove(backup)


def _commit(item: _Staged) -> None:
    if item.staged is None:
        return
    target = item.target
    if item.is_folder and (target.exists() or target.is_symlink()):
        backup = _backup_name(target)
        os.replace(target, backup)
        try:
            os.replace(item.staged, target)
        except BaseException:
            os.replace(backup, target)
            raise
        item.cleanup.append(backup)
    else:
        os.replace(item.staged, target)
    item.staged = None


def _discard(item: _Staged) -> None:
    if item.staged is not None:
        _remove(item.staged)
        item.staged = None


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()


# --------------------------------------------------------------------------- messages


def _describe(exc: OSError, target: Path) -> str:
    """A message for the person at the terminal: what could not be written, why, what to do.
    The temporary file's name is never shown; the output's is."""
    where = target
    unchanged = "earlier output is unchanged"
    if exc.errno == errno.ENOSPC or exc.errno == errno.EDQUOT:
        return f"cannot write {where}: the disk is full; free some space and build again ({unchanged})"
    if exc.errno == errno.EROFS:
        return (f"cannot write {where}: the file system is read-only; "
                f"choose another folder with --out ({unchanged})")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return (f"cannot write {where}: permission denied; check the folder's permissions "
                f"or choose another folder with --out ({unchanged})")
    if exc.errno in (errno.ENOTDIR, errno.EEXIST, errno.EISDIR):
        return (f"cannot write {where}: a file or folder of another kind is in the way "
                f"({exc.strerror}); move it or choose another folder with --out")
    return f"cannot write {where}: {exc.strerror or exc}; {unchanged}"
