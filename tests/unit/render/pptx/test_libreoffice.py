"""The rendered deck opened by a real viewer: LibreOffice converts it to PDF, one page per
slide, and every shape's text lands inside that shape's box (nothing overflows).

The pages are also rendered to PNG (``pdftoppm -png -r 60``) for people to look at; run with
``--basetemp DIR`` to keep them.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from html import unescape
from pathlib import Path
from typing import Any

import pytest

from deckgen.model import Deck

pytestmark = pytest.mark.libreoffice

EMU_PER_PT = 12700
SLACK = 3.0  # points: glyph boxes reach a little past the line box
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')


@pytest.fixture(scope="module")
def pdf(pptx_bytes: bytes, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("libreoffice")
    source = folder / "deck.pptx"
    source.write_bytes(pptx_bytes)
    profile = (folder / "profile").as_uri()  # own profile: other soffice runs don't interfere
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    return folder / "deck.pdf"


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} (poppler-utils) not installed")
    return path


def _pages(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Words per page with their boxes, in points from the page's top-left corner."""
    out = subprocess.run(
        [_tool("pdftotext"), "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    pages = []
    for page in out.split("<page ")[1:]:
        words = [(float(a), float(b), float(c), float(d), unescape(w)) for a, b, c, d, w in _WORD.findall(page)]
        pages.append(words)
    return pages


def test_one_page_per_slide(pdf: Path, deck: Deck) -> None:
    info = subprocess.run([_tool("pdfinfo"), str(pdf)], check=True, capture_output=True, text=True).stdout
    assert re.search(r"^Pages:\s+(\d+)$", info, re.M).group(1) == str(len(deck.slides))
    size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info, re.M)
    assert (round(float(size.group(1))), round(float(size.group(2)))) == (960, 540)  # 16:9


def test_pages_render_to_png(pdf: Path, deck: Deck) -> None:
    subprocess.run(
        [_tool("pdftoppm"), "-png", "-r", "60", str(pdf), str(pdf.parent / "page")],
        check=True,
        timeout=120,
    )
    pngs = sorted(pdf.parent.glob("page-*.png"))
    assert len(pngs) == len(deck.slides)
    assert all(p.stat().st_size > 2000 for p in pngs)


def test_every_slide_shows_its_title(pdf: Path, deck: Deck) -> None:
    for words, slide in zip(_pages(pdf), deck.slides, strict=True):
        title = "".join(r.text for r in slide.title) or ""
        shown = "".join(w[4] for w in words)
        assert title.replace(" ", "") in shown


def _boxes(prs: Any) -> list[list[tuple[str, tuple[float, float, float, float]]]]:
    """Per slide: (text, box in points) of every visible shape that holds text."""
    out = []
    for slide in prs.slides:
        shapes = []
        for shape in slide.shapes:
            texts = []
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if getattr(shape, "has_table", False) and shape.has_table:
                texts.extend(c.text for row in shape.table.rows for c in row.cells)
            joined = " ".join(texts).strip()
            if not joined or shape.top + shape.height <= 0:
                continue  # empty, or a hidden title kept above the slide
            x, y = shape.left / EMU_PER_PT, shape.top / EMU_PER_PT
            box = (x, y, x + shape.width / EMU_PER_PT, y + shape.height / EMU_PER_PT)
            shapes.append((joined, box))
        out.append(shapes)
    return out


def test_text_stays_inside_its_shape(pdf: Path, prs: Any) -> None:
    """Every character of a shape's text is drawn inside the shape's box: text that
    overflowed (or a table row that grew) would put some of it outside."""
    problems = []
    for number, (words, shapes) in enumerate(zip(_pages(pdf), _boxes(prs), strict=True), 1):
        for text, (x0, y0, x1, y1) in shapes:
            inside = Counter(
                ch
                for wx0, wy0, wx1, wy1, word in words
                if wx0 >= x0 - SLACK and wy0 >= y0 - SLACK and wx1 <= x1 + SLACK
                and wy1 <= y1 + SLACK
                for ch in word
            )  # fmt: skip
            wanted = Counter(ch for ch in text if not ch.isspace())
            missing = wanted - inside
            if missing:
                problems.append(f"slide {number}: {text[:40]!r} misses {dict(missing)}")
    assert not problems, "\n".join(problems)
