"""Templates nobody here made, with no hand edits: `deckgen brand new` on each, then the seed
deck (all three counties) built on the brand it wrote, and the .pptx reopened as a user would.

The templates: python-pptx's default (4:3), pandoc's reference.pptx (16:9, 25.40 x 14.29 cm)
and LibreOffice Impress templates converted to .pptx by soffice (no idx on their placeholders,
several slide masters, 16:9 at 28 x 15.75 cm and 4:3). Each build must exit 0 with every
slide's text (the KS build's words, slide by slide), nothing outside the slide but the
accessible hidden titles, no empty placeholder (which would show "Click to add…"), no error
from the Open XML validator, and one PDF page per slide from LibreOffice.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from clients import ooxml_validator_path
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER

from deckgen.cli import main

REPO = Path(__file__).resolve().parents[2]
COUNTIES = ("akershus", "buskerud", "ostfold")
IMPRESS = Path("/usr/lib/libreoffice/share/template/common/presnt")
# Focus: 4 masters; Candy: 11 and a picture background; Vintage: 4:3; Beehive, Blue_Curve: 16:9.
IMPRESS_TEMPLATES = ("Focus", "Candy", "Vintage", "Beehive", "Blue_Curve")
FURNITURE = (PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.DATE)


def _templates(folder: Path) -> dict[str, Path]:
    """name -> a template file, for every source available on this machine."""
    out: dict[str, Path] = {}
    default = folder / "pythonpptx.pptx"
    Presentation().save(str(default))
    out["pythonpptx"] = default
    if shutil.which("pandoc"):
        ref = folder / "pandocref.pptx"
        subprocess.run(["pandoc", "-o", str(ref), "--print-default-data-file", "reference.pptx"],
                       check=True, timeout=60)
        out["pandocref"] = ref
    otps = [IMPRESS / f"{n}.otp" for n in IMPRESS_TEMPLATES if (IMPRESS / f"{n}.otp").is_file()]
    if shutil.which("soffice") and otps:
        subprocess.run(["soffice", "--headless", "--convert-to", "pptx", "--outdir", str(folder),
                        *map(str, otps)], check=True, timeout=300, capture_output=True)
        for otp in otps:
            converted = folder / (otp.stem + ".pptx")
            if converted.is_file():
                out[otp.stem.lower().replace("_", "")] = converted
    return out


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Path]]:
    root = tmp_path_factory.mktemp("project")
    for name in ("content", "templates", "assets"):
        shutil.copytree(REPO / name, root / name)
    sources = _templates(tmp_path_factory.mktemp("sources"))
    deck = (root / "content" / "decks" / "regionmote.yaml").read_text(encoding="utf-8")
    for name, path in sources.items():
        made = CliRunner().invoke(main, ["brand", "new", name, "--from", str(path),
                                         "--project", str(root)])
        assert made.exit_code == 0, made.output
        (root / "content" / "decks" / f"rm-{name}.yaml").write_text(
            deck.replace("brand: ks", f"brand: {name}"), encoding="utf-8")
    return root, sources


def _shapes(shapes) -> Iterator:  # type: ignore[no-untyped-def]
    for shape in shapes:
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            yield from _shapes(shape.shapes)
        else:
            yield shape


def _words(slide) -> set[str]:  # type: ignore[no-untyped-def]
    texts = []
    for shape in _shapes(slide.shapes):
        if shape.is_placeholder and shape.placeholder_format.type in FURNITURE:
            continue
        if shape.has_text_frame:
            texts.append(shape.text_frame.text)
        if getattr(shape, "has_table", False) and shape.has_table:
            texts += [c.text for r in shape.table.rows for c in r.cells]
    return set(re.findall(r"\w+", " ".join(texts).lower()))


def _visible_box(shape) -> tuple[int, int, int, int]:  # type: ignore[no-untyped-def]
    """x, y, width, height as drawn: a shape turned a quarter (elbow connectors are) swaps its
    width and height about its centre."""
    x, y = int(shape.left or 0), int(shape.top or 0)
    w, h = int(shape.width or 0), int(shape.height or 0)
    if round(getattr(shape, "rotation", 0.0)) % 180 == 90:
        cx, cy = x + w // 2, y + h // 2
        x, y, w, h = cx - h // 2, cy - w // 2, h, w
    return x, y, w, h


def _build(root: Path, deck: str, out: Path, *extra: str) -> None:
    result = CliRunner().invoke(main, ["build", str(root / "content" / "decks" / deck),
                                       "--out", str(out), *extra])
    assert result.exit_code == 0, result.output


def test_python_pptx_and_pandoc_templates_are_there(project) -> None:  # type: ignore[no-untyped-def]
    _, sources = project
    assert "pythonpptx" in sources
    if shutil.which("pandoc"):
        assert "pandocref" in sources


@pytest.mark.parametrize("name", ["pythonpptx", "pandocref",
                                  *(n.lower().replace("_", "") for n in IMPRESS_TEMPLATES)])
def test_the_seed_deck_builds_on_a_brand_made_by_brand_new(project, name, tmp_path) -> None:  # type: ignore[no-untyped-def]
    root, sources = project
    if name not in sources:
        pytest.skip(f"{name}: its source (pandoc or LibreOffice) is not installed")
    check = CliRunner().invoke(main, ["brand", "check", name, "--project", str(root)])
    assert check.exit_code == 0, check.output
    assert f"verdict: brand {name} builds (0 errors" in check.output
    if name in ("focus", "candy"):  # several slide masters: every one's layouts are seen
        assert "'Title Slide (master 2)'" in check.output
    _build(root, "regionmote.yaml", tmp_path / "ks")
    _build(root, f"rm-{name}.yaml", tmp_path / name)
    validator = ooxml_validator_path()
    for county in COUNTIES:
        ks = Presentation(str(tmp_path / "ks" / f"regionmote-{county}.pptx"))
        path = tmp_path / name / f"rm-{name}-{county}.pptx"
        prs = Presentation(str(path))
        width, height = int(prs.slide_width), int(prs.slide_height)
        assert len(prs.slides) == len(ks.slides)
        for number, (theirs, ours) in enumerate(zip(prs.slides, ks.slides, strict=True), 1):
            missing = _words(ours) - _words(theirs)
            assert not missing, f"slide {number}: {sorted(missing)[:10]}"
            for shape in _shapes(theirs.shapes):
                if shape.is_placeholder:
                    filled = shape.element.tag.endswith("}pic") or (
                        shape.has_text_frame and shape.text_frame.text.strip()
                    ) or shape.element.find(".//{*}fld") is not None
                    assert filled, f"slide {number}: empty placeholder {shape.name!r}"
                box = _visible_box(shape)
                hidden_title = shape.is_placeholder and shape.placeholder_format.type in (
                    PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE) and box[1] + box[3] <= 0
                if hidden_title:
                    continue  # kept for screen readers and the outline, above the slide
                assert box[0] >= 0 and box[1] >= 0, f"slide {number}: {shape.name!r} at {box}"
                assert box[0] + box[2] <= width + 12700 and box[1] + box[3] <= height + 12700, \
                    f"slide {number}: {shape.name!r} at {box} on a {width} x {height} slide"
        if validator is not None:
            run = subprocess.run([validator, str(path)], capture_output=True, text=True,
                                 timeout=180, check=False)
            report = json.loads(run.stdout)
            assert report["ok"], json.dumps(report["errors"][:5], indent=1)


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
@pytest.mark.parametrize("name", ["pythonpptx", "vintage", "focus"])
def test_libreoffice_renders_one_page_per_slide(project, name, tmp_path) -> None:  # type: ignore[no-untyped-def]
    root, sources = project
    if name not in sources:
        pytest.skip(f"{name}: not available here")
    _build(root, f"rm-{name}.yaml", tmp_path, "--county", "ostfold", "--format", "pptx,pdf")
    slides = len(Presentation(str(tmp_path / f"rm-{name}-ostfold.pptx")).slides)
    pdf = (tmp_path / f"rm-{name}-ostfold.pdf").read_bytes()
    assert len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf)) == slides
