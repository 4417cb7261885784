"""Output faults and reproducibility: a failed build (content error, a render that raises, a
self-check failure, disk full, read-only, permission denied) leaves the earlier output
byte-identical with no temporary files; output errors exit 3 with a clear message; the same
input gives byte-identical .pptx and HTML, SOURCE_DATE_EPOCH honoured."""

from __future__ import annotations

import errno
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from deckgen.write import TEMP_PREFIX

from .conftest import REPO, Mini, assert_failed_cleanly, new_mini

DECKGEN = Path(sys.executable).with_name("deckgen")


def test_content_error_leaves_every_format_untouched(mini: Mini) -> None:
    before = mini.good_build()
    assert {"talk.pptx", "talk.html", "talk/index.html"} <= set(before)
    mini.slide("---\nlayout: bulets\n---\n")
    assert_failed_cleanly(mini, before, mini.build(), 1,
                          "content/slides/a.md:2:9: error: unknown layout 'bulets'")


@pytest.mark.parametrize("renderer", ["deckgen.render.pptx", "deckgen.render.reveal"])
def test_a_render_that_raises_writes_nothing(mini: Mini, monkeypatch: pytest.MonkeyPatch,
                                             renderer: str) -> None:
    import importlib

    before = mini.good_build()
    mini.slide("# Ny tittel\n\n- nytt punkt\n")  # a change that would rewrite every output
    module = importlib.import_module(renderer)
    name = "render_pptx" if renderer.endswith("pptx") else "render_reveal"

    def boom(*args: object, **kwargs: object) -> dict[str, bytes]:
        raise RuntimeError("renderer bug")

    monkeypatch.setattr(module, name, boom)
    run = mini.build(bug=True)
    # A bug keeps its traceback (exit 70) and writes nothing.
    assert run.exit_code == 70
    assert "Traceback" in run.stderr and "RuntimeError: renderer bug" in run.stderr
    assert mini.snapshot() == before
    assert not list(mini.out.rglob(f"{TEMP_PREFIX}*"))


def test_a_failed_self_check_is_a_bug_and_writes_nothing(mini: Mini,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import deckgen.render.pptx as pptx_renderer

    before = mini.good_build()
    mini.slide("# Ny tittel\n")
    real = pptx_renderer.render_pptx

    def broken(deck):  # type: ignore[no-untyped-def]
        # A package whose slide points at a picture part that is not there.
        good = real(deck)[f"{deck.name}.pptx"]
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(good)) as src, zipfile.ZipFile(out, "w") as dst:
            for info in src.infolist():
                body = src.read(info)
                if info.filename == "ppt/slides/_rels/slide1.xml.rels":
                    body = body.replace(b"</Relationships>", b'<Relationship Id="rId77" Type="'
                                        b'http://schemas.openxmlformats.org/officeDocument/2006/'
                                        b'relationships/image" Target="../media/gone.png"/>'
                                        b"</Relationships>")
                dst.writestr(info, body)
        return {f"{deck.name}.pptx": out.getvalue()}

    monkeypatch.setattr(pptx_renderer, "render_pptx", broken)
    run = mini.build(bug=True)
    assert run.exit_code == 70
    assert re.search(r"self-check of talk\.pptx failed \(a deckgen bug\)", run.stderr), run.stderr
    assert mini.snapshot() == before


def _os_error(code: int):  # type: ignore[no-untyped-def]
    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))
    return fail


def test_disk_full_exits_3_with_a_clear_message(mini: Mini,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    before = mini.good_build()
    mini.slide("# Ny tittel\n")
    monkeypatch.setattr(os, "write", _os_error(errno.ENOSPC))
    run = mini.build()
    monkeypatch.undo()
    assert_failed_cleanly(mini, before, run, 3,
                          f"deckgen: error: cannot write {mini.out}/talk: the disk is full; free "
                          "some space and build again (earlier output is unchanged)")


def test_read_only_file_system_exits_3(mini: Mini, monkeypatch: pytest.MonkeyPatch) -> None:
    before = mini.good_build()
    mini.slide("# Ny tittel\n")
    monkeypatch.setattr(os, "replace", _os_error(errno.EROFS))
    run = mini.build()
    monkeypatch.undo()
    assert_failed_cleanly(mini, before, run, 3,
                          f"deckgen: error: cannot write {mini.out}/talk: the file system is "
                          "read-only; choose another folder with --out")


def test_output_folder_that_is_a_file_exits_3(mini: Mini) -> None:
    mini.out.write_bytes(b"a file, not a folder")
    run = mini.build()
    assert run.exit_code == 3, run.stderr
    assert f"deckgen: error: cannot write {mini.out}" in run.stderr
    assert mini.out.read_bytes() == b"a file, not a folder"


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A folder another user can reach (pytest's tmp_path is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="deckgen-perm-"))
    os.chmod(folder, 0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.skipif(os.geteuid() != 0 or shutil.which("setpriv") is None,
                    reason="needs root and setpriv to run the CLI as an unprivileged user")
def test_permission_denied_exits_3_for_a_real_user(shared_tmp: Path) -> None:
    mini = new_mini(shared_tmp / "proj")
    before = mini.good_build()  # as root: the output folder belongs to root, mode 0755
    for path in [mini.root, *mini.root.rglob("*")]:
        os.chmod(path, 0o755 if path.is_dir() else 0o644)
    mini.slide("# Ny tittel\n")
    run = subprocess.run(
        ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", str(DECKGEN), "build",
         str(mini.deck), "--out", str(mini.out), "--format", "all"],
        capture_output=True, text=True, env={**os.environ, "HOME": str(shared_tmp)},
        timeout=120,
    )
    assert run.returncode == 3, run.stderr
    assert "Traceback" not in run.stderr
    assert f"deckgen: error: cannot write {mini.out}" in run.stderr
    assert "permission denied; check the folder's permissions or choose another folder with --out" in run.stderr
    assert mini.snapshot() == before
    assert not list(mini.out.rglob(f"{TEMP_PREFIX}*"))


# --------------------------------------------------------------------------- reproducibility


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    first = new_mini(tmp_path / "a").good_build()
    second = new_mini(tmp_path / "b").good_build()
    assert first == second


def test_zip_entries_carry_no_build_time(mini: Mini) -> None:
    mini.good_build()
    with mini.pptx() as pkg:
        assert {info.date_time for info in pkg.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert pkg.namelist()[0] == "[Content_Types].xml"


def _core(mini: Mini) -> str:
    with mini.pptx() as pkg:
        return pkg.read("docProps/core.xml").decode("utf-8")


def test_source_date_epoch_dates_a_deck_without_a_date(mini: Mini) -> None:
    run = mini.build(env={"SOURCE_DATE_EPOCH": "1717200000"})  # 2024-06-01
    assert run.exit_code == 0, run.stderr
    assert re.findall(r"<dcterms:(?:created|modified)[^>]*>([^<]*)<", _core(mini)) == [
        "2024-06-01T00:00:00Z", "2024-06-01T00:00:00Z"]
    with_epoch = mini.snapshot()
    assert mini.build(env={"SOURCE_DATE_EPOCH": "1717200000"}).exit_code == 0
    assert mini.snapshot() == with_epoch
    assert mini.build(env={"SOURCE_DATE_EPOCH": ""}).exit_code == 0
    assert "1980-01-01T00:00:00Z" in _core(mini)  # never the clock


def test_the_decks_own_date_wins_and_is_shown(mini: Mini) -> None:
    mini.write("content/decks/talk.yaml",
               "title: Hei\ndate: '2024-05-02'\nmeeting:\n  name: Regionmøte\nslides:\n"
               "  - layout: title\n  - use: a\n")
    run = mini.build(env={"SOURCE_DATE_EPOCH": "1717200000"})
    assert run.exit_code == 0, run.stderr
    assert "2024-05-02T00:00:00Z" in _core(mini)
    assert "2024-05-02" in mini.html() and "2024-06-01" not in mini.html()


@pytest.mark.slow
@pytest.mark.parametrize("deck", sorted(p.name for p in (REPO / "content" / "decks").glob("*.yaml")))
def test_every_sample_deck_builds_byte_identically_twice(tmp_path: Path, deck: str) -> None:
    """The real CLI, twice, into different folders from different working directories."""
    outs = []
    for n in (1, 2):
        out = tmp_path / f"out{n}"
        run = subprocess.run(
            [str(DECKGEN), "build", str(REPO / "content" / "decks" / deck), "--format", "all",
             "--out", str(out)],
            capture_output=True, text=True, cwd=tmp_path if n == 1 else REPO, timeout=600,
            env={k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"},
        )
        assert run.returncode == 0, run.stderr
        outs.append({p.relative_to(out).as_posix(): p.read_bytes()
                     for p in sorted(out.rglob("*")) if p.is_file()})
    assert outs[0] and outs[0].keys() == outs[1].keys()
    different = [name for name in outs[0] if outs[0][name] != outs[1][name]]
    assert different == []
