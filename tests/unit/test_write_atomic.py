"""write_outputs: staged then swapped in; any OS error leaves the earlier output
byte-identical, no temporary files, and a clear OutputError (exit code 3)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from deckgen import write as write_mod
from deckgen.errors import OutputError
from deckgen.write import TEMP_PREFIX, write_outputs

OLD = {"talk.pptx": b"old pptx", "talk/index.html": b"old html", "talk/assets/a.css": b"a",
       "talk/assets/stale.js": b"stale", "talk.html": b"old single"}
NEW = {"talk.pptx": b"new pptx", "talk/index.html": b"new html", "talk/assets/a.css": b"a2",
       "talk.html": b"new single"}


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def temp_leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.rglob(f"{TEMP_PREFIX}*")]


def test_writes_files_and_folders(tmp_path: Path) -> None:
    written = write_outputs(OLD, tmp_path / "out")
    assert [p.name for p in written] == ["talk", "talk.html", "talk.pptx"]
    assert snapshot(tmp_path / "out") == OLD
    assert oct((tmp_path / "out" / "talk.pptx").stat().st_mode & 0o777) == "0o644"
    assert oct((tmp_path / "out" / "talk").stat().st_mode & 0o777) == "0o755"


def test_a_new_folder_replaces_the_old_one_whole(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_outputs(OLD, out)
    write_outputs(NEW, out)
    assert snapshot(out) == NEW  # the stale asset is gone
    assert temp_leftovers(out) == []


def test_unchanged_outputs_keep_their_times(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_outputs(OLD, out)
    os.utime(out / "talk.pptx", (1, 1))
    os.utime(out / "talk" / "index.html", (1, 1))
    write_outputs(OLD, out)
    assert (out / "talk.pptx").stat().st_mtime == 1
    assert (out / "talk" / "index.html").stat().st_mtime == 1


@pytest.mark.parametrize("rel", ["../x.pptx", "/abs.pptx", "a/../../x", "a\\b", "",
                                 f"{TEMP_PREFIX}x"])
def test_output_paths_cannot_leave_the_folder(tmp_path: Path, rel: str) -> None:
    with pytest.raises(ValueError, match="would leave the output folder"):
        write_outputs({rel: b"x"}, tmp_path / "out")


def _fail_nth_write(monkeypatch: pytest.MonkeyPatch, n: int, code: int) -> None:
    """os.write succeeds n times (short writes, like a filling disk), then raises ``code``."""
    real = os.write
    calls = {"n": 0}

    def fake(fd: int, data: bytes) -> int:
        calls["n"] += 1
        if calls["n"] > n:
            raise OSError(code, os.strerror(code))
        return real(fd, bytes(data)[:3])

    monkeypatch.setattr(os, "write", fake)


@pytest.mark.parametrize("succeed", [0, 1, 2, 4, 6])
def test_disk_full_at_any_point_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                succeed: int) -> None:
    out = tmp_path / "out"
    write_outputs(OLD, out)
    before = snapshot(out)
    _fail_nth_write(monkeypatch, succeed, errno.ENOSPC)
    with pytest.raises(OutputError) as caught:
        write_outputs(NEW, out)
    assert caught.value.exit_code == 3
    assert "the disk is full; free some space and build again (earlier output is unchanged)" in str(caught.value)
    assert str(caught.value).startswith(f"cannot write {out}/talk")
    assert snapshot(out) == before
    assert temp_leftovers(out) == []


def test_read_only_file_system(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    write_outputs(OLD, out)
    before = snapshot(out)

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(args[0]))

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OutputError) as caught:
        write_outputs(NEW, out)
    assert str(caught.value) == (
        f"cannot write {out / 'talk'}: the file system is read-only; choose another folder with "
        "--out (earlier output is unchanged)"
    )
    monkeypatch.undo()
    assert snapshot(out) == before
    assert temp_leftovers(out) == []


def test_permission_denied_creating_the_temporary_file(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    write_outputs(OLD, out)
    before = snapshot(out)
    real_open = os.open

    def deny(path: str, flags: int, mode: int = 0o777, **kw: object) -> int:
        if TEMP_PREFIX in os.fspath(path) and flags & os.O_CREAT:
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_open(path, flags, mode, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", deny)
    with pytest.raises(OutputError) as caught:
        write_outputs(NEW, out)
    assert "permission denied; check the folder's permissions or choose another folder with --out" in str(caught.value)
    monkeypatch.undo()
    assert snapshot(out) == before
    assert temp_leftovers(out) == []


def test_a_file_in_the_way_of_the_output_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.parent.mkdir(exist_ok=True)
    out.write_bytes(b"not a folder")
    with pytest.raises(OutputError, match="cannot write"):
        write_outputs(NEW, out)
    assert out.read_bytes() == b"not a folder"


def test_failure_swapping_the_second_folder_restores_it(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    two = {"a/index.html": b"a1", "b/index.html": b"b1"}
    write_outputs(two, out)
    real = os.replace

    def flaky(src: str | Path, dst: str | Path) -> None:
        # Moving the new "b" into place fails after the old "b" was moved aside.
        if Path(dst).name == "b" and TEMP_PREFIX in Path(src).name and "old" not in Path(src).name:
            raise OSError(errno.EIO, "Input/output error", str(dst))
        real(src, dst)

    monkeypatch.setattr(os, "replace", flaky)
    with pytest.raises(OutputError, match="Input/output error"):
        write_outputs({"a/index.html": b"a2", "b/index.html": b"b2"}, out)
    monkeypatch.undo()
    assert snapshot(out)["b/index.html"] == b"b1"  # the old folder is back
    assert temp_leftovers(out) == []


def test_a_killed_swap_is_recovered_by_the_next_build(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_outputs(OLD, out)
    # As if killed between moving the old folder aside and moving the new one in.
    os.replace(out / "talk", out / f"{TEMP_PREFIX}old-talk")
    write_outputs({"talk.pptx": OLD["talk.pptx"]}, out)
    assert (out / "talk" / "index.html").read_bytes() == b"old html"
    assert temp_leftovers(out) == []


def test_write_fd_handles_short_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fail_nth_write(monkeypatch, 10_000, errno.ENOSPC)  # 3 bytes per call, never failing
    write_outputs({"x.bin": bytes(range(256)) * 4}, tmp_path)
    monkeypatch.undo()
    assert (tmp_path / "x.bin").read_bytes() == bytes(range(256)) * 4
    assert write_mod.FILE_MODE == 0o644


def test_ctrl_c_while_writing_changes_nothing(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    write_outputs(OLD, out)
    before = snapshot(out)
    calls = {"n": 0}
    real = os.write

    def interrupted(fd: int, data: bytes) -> int:
        calls["n"] += 1
        if calls["n"] > 2:
            raise KeyboardInterrupt
        return real(fd, data)

    monkeypatch.setattr(os, "write", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_outputs(NEW, out)
    monkeypatch.undo()
    assert snapshot(out) == before
    assert temp_leftovers(out) == []


def test_stale_temporary_files_of_a_killed_build_are_swept(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_outputs(OLD, out)
    stale_file = out / f"{TEMP_PREFIX}abc123"
    stale_file.write_bytes(b"half a pptx")
    stale_dir = out / f"{TEMP_PREFIX}def456"
    (stale_dir / "assets").mkdir(parents=True)
    fresh = out / f"{TEMP_PREFIX}fresh"  # another deck's build, running now
    fresh.write_bytes(b"in progress")
    old = write_mod.time.time() - write_mod.STALE_SECONDS - 10
    for path in (stale_file, stale_dir):
        os.utime(path, (old, old))
    write_outputs({"other.pptx": b"x"}, out)
    assert temp_leftovers(out) == [fresh.name]
