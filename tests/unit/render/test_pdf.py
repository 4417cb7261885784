"""PDF through LibreOffice: a clear message when it is missing, failures and timeouts as
output errors, reproducible bytes, and (with LibreOffice) one page per slide of the seed deck."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from deckgen.errors import OutputError, UsageError
from deckgen.render.pdf import FIXED_DATE, PACKAGE, pptx_to_pdf, reproducible

REPO = Path(__file__).resolve().parents[3]


def _fake_soffice(folder: Path, script: str) -> None:
    folder.mkdir(exist_ok=True)
    path = folder / "soffice"
    path.write_text("#!/bin/sh\n" + script)
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


def test_missing_libreoffice_names_the_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(UsageError) as caught:
        pptx_to_pdf(b"PK")
    assert PACKAGE == "libreoffice-impress"
    assert "libreoffice-impress" in str(caught.value) and "soffice" in str(caught.value)
    assert caught.value.exit_code == 2


def test_a_failing_conversion_is_an_output_error_with_what_libreoffice_said(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_soffice(tmp_path / "bin", "echo 'Error: source file could not be loaded' >&2\nexit 1\n")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    with pytest.raises(OutputError, match="could not convert the deck to PDF: Error: source file could not be loaded"):
        pptx_to_pdf(b"not a pptx")


def test_a_hanging_conversion_times_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_soffice(tmp_path / "bin", "exec sleep 30\n")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    with pytest.raises(OutputError, match="did not finish converting the deck to PDF within 1 s"):
        pptx_to_pdf(b"PK", timeout=1)


def test_soffice_gets_a_private_profile_and_utc(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The fake records its arguments and writes a PDF where LibreOffice would.
    log = tmp_path / "args.txt"
    _fake_soffice(
        tmp_path / "bin",
        f'printf "%s\\n" "$@" > {log}\necho "TZ=$TZ" >> {log}\n'
        'for last; do :; done\nout=""; prev=""\nfor a; do [ "$prev" = "--outdir" ] && out="$a"; prev="$a"; done\n'
        'mkdir -p "$out"; printf "%%PDF-1.6\\n" > "$out/deck.pdf"\n',
    )
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    assert pptx_to_pdf(b"PK").startswith(b"%PDF-1.6")
    args = log.read_text().splitlines()
    profile = next(a for a in args if a.startswith("-env:UserInstallation=file://"))
    assert "deckgen-pdf-" in profile
    assert "--headless" in args and "--convert-to" in args
    assert "TZ=UTC" in args


def test_reproducible_replaces_dates_and_ids_in_place() -> None:
    pdf = (
        b"%PDF-1.6\n1 0 obj <</CreationDate(D:20261127073811Z')/ModDate (D:20261127073812Z')>> endobj\n"
        b"trailer <</ID [ <50D756014B068ABA323B125CB95B53AE>\n<50D756014B068ABA323B125CB95B53AE> ]\n"
        b"/DocChecksum /4E6F6E3828F66BD399713A8AA75DB60C>>\nstartxref\n5708\n%%EOF\n"
    )
    out = reproducible(pdf, b"the pptx")
    assert len(out) == len(pdf)
    assert out.count(b"D:" + FIXED_DATE) == 2
    assert b"50D756014B068ABA" not in out and b"4E6F6E3828F66BD3" not in out
    assert reproducible(pdf.replace(b"073811", b"101010"), b"the pptx") == out
    assert reproducible(pdf, b"another pptx") != out


@pytest.mark.libreoffice
def test_seed_deck_pdf_has_one_page_per_slide_and_is_reproducible() -> None:
    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo is None:
        pytest.skip("pdfinfo (poppler-utils) not installed")
    from deckgen.build import Options, render, resolve_deck
    from deckgen.errors import Diagnostics

    diags = Diagnostics()
    deck = resolve_deck(REPO / "content" / "decks" / "regionmote.yaml", "buskerud", diags)
    assert deck is not None, [d.format() for d in diags]
    pptx = render(deck, Options(formats=("pptx",)))[f"{deck.name}.pptx"]
    first = pptx_to_pdf(pptx)
    assert first.startswith(b"%PDF-")
    assert pptx_to_pdf(pptx) == first  # byte-identical
    info = subprocess.run([pdfinfo, "-"], input=first, capture_output=True, check=True).stdout.decode()
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages == len(deck.slides)
    size = next(line for line in info.splitlines() if line.startswith("Page size:")).split()
    width, height = float(size[2]), float(size[4])
    assert abs(width / height - 16 / 9) < 0.01


@pytest.mark.libreoffice
def test_a_broken_pptx_is_an_output_error() -> None:
    with pytest.raises(OutputError, match="LibreOffice could not convert the deck to PDF"):
        pptx_to_pdf(b"PK\x03\x04 this is not a presentation", timeout=120)


def test_no_absolute_paths_leak_into_messages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(UsageError) as caught:
        pptx_to_pdf(b"PK")
    assert os.sep + "tmp" not in str(caught.value)
