"""Thumbnails: the contact sheet's grid and numbers, deterministic PNG bytes, output names, a
clear message when pdftoppm is missing, and (with LibreOffice) the seed deck's sheet and
per-slide pictures checked for count and size."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from PIL import Image

from deckgen.errors import UsageError
from deckgen.thumbs import (
    BACKGROUND,
    PACKAGE,
    Thumbnails,
    ThumbOptions,
    build_thumbs,
    contact_sheet,
    outputs,
    png,
    rasterise,
    thumbnails,
)


def _slides(count: int, size: tuple[int, int] = (160, 90)) -> list[Image.Image]:
    return [Image.new("RGB", size, (20 * i % 255, 40, 90)) for i in range(count)]


def _chunks(data: bytes) -> list[bytes]:
    names, at = [], 8
    while at < len(data):
        length = int.from_bytes(data[at : at + 4], "big")
        names.append(data[at + 4 : at + 8])
        at += 12 + length
    return names


def test_sheet_is_a_grid_of_up_to_four_columns() -> None:
    sheet = contact_sheet(_slides(12), title="deck · 12 slides")
    gap = 10  # max(8, 160 // 16)
    assert sheet.width == gap + 4 * (160 + gap)
    one_row = contact_sheet(_slides(3))
    assert one_row.width == gap + 3 * (160 + gap)
    assert contact_sheet(_slides(5)).height > one_row.height  # a second row
    assert sheet.height > contact_sheet(_slides(12)).height  # the title line takes room


def test_each_slide_is_pasted_and_numbered() -> None:
    slides = _slides(2)
    sheet = contact_sheet(slides)
    gap = 10
    assert sheet.getpixel((gap + 5, gap + 5)) == slides[0].getpixel((5, 5))
    assert sheet.getpixel((gap + 160 + gap + 5, gap + 5)) == slides[1].getpixel((5, 5))
    label_band = sheet.crop((gap, gap + 90 + 1, gap + 160, gap + 90 + 20))
    assert any(color != BACKGROUND for _count, color in label_band.getcolors() or [])  # the number is drawn


def test_png_bytes_are_deterministic_and_carry_no_metadata() -> None:
    sheet = contact_sheet(_slides(4), title="x")
    first = png(sheet)
    assert png(contact_sheet(_slides(4), title="x")) == first
    assert set(_chunks(first)) <= {b"IHDR", b"IDAT", b"IEND"}


def test_output_names() -> None:
    thumbs = Thumbnails(b"sheet", tuple(f"s{i}".encode() for i in range(12)), (1, 1), (1, 1))
    assert outputs("regionmote-buskerud", thumbs, each=False) == {"regionmote-buskerud-thumbs.png": b"sheet"}
    each = outputs("regionmote-buskerud", thumbs, each=True)
    assert sorted(each)[:3] == [
        "regionmote-buskerud-thumbs.png",
        "regionmote-buskerud-thumbs/regionmote-buskerud-01.png",
        "regionmote-buskerud-thumbs/regionmote-buskerud-02.png",
    ]
    assert each["regionmote-buskerud-thumbs/regionmote-buskerud-12.png"] == b"s11"


def test_missing_pdftoppm_names_the_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(UsageError, match="poppler-utils"):
        rasterise(b"%PDF-1.6", 320)
    assert PACKAGE == "poppler-utils"


def test_width_out_of_range_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="--width 10 is out of range"):
        rasterise(b"%PDF-1.6", 10)


def _need_poppler() -> None:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) not installed")


@pytest.mark.libreoffice
def test_seed_deck_thumbnails(project: Path) -> None:
    _need_poppler()
    deck = project / "content" / "decks" / "regionmote.yaml"
    out = project / "out"
    result = build_thumbs(deck, "buskerud", ThumbOptions(out, width=200, each=True))
    assert result.ok, [d.format() for d in result.diagnostics] + [result.failure]
    sheet_path = out / f"{result.name}-thumbs.png"
    singles = sorted((out / f"{result.name}-thumbs").glob("*.png"))
    assert len(singles) == result.slides == 12
    for single in singles:
        with Image.open(single) as im:
            assert im.width == 200 and abs(im.height - 200 * 9 / 16) <= 1  # 16:9 slides
    with Image.open(sheet_path) as sheet:
        gap = max(8, 200 // 16)
        assert sheet.width == gap + 4 * (200 + gap)
        assert sheet.height > 3 * 112  # three rows of four
    first = sheet_path.read_bytes()
    again = build_thumbs(deck, "buskerud", ThumbOptions(project / "again", width=200))
    assert again.ok
    assert (project / "again" / f"{result.name}-thumbs.png").read_bytes() == first


@pytest.mark.libreoffice
def test_thumbnails_of_a_pdf_have_one_picture_per_page(tmp_path: Path) -> None:
    _need_poppler()
    from deckgen.build import Options, render, resolve_deck
    from deckgen.errors import Diagnostics

    repo = Path(__file__).resolve().parents[2]
    deck = resolve_deck(repo / "content" / "decks" / "regionmote.yaml", "buskerud", Diagnostics())
    assert deck is not None
    pdf = render(deck, Options(formats=("pdf",)))[f"{deck.name}.pdf"]
    thumbs = thumbnails(pdf, width=128)
    assert len(thumbs.slides) == len(deck.slides)
    assert thumbs.slide_size[0] == 128
    with Image.open(io.BytesIO(thumbs.slides[0])) as im:
        assert im.size == thumbs.slide_size


def test_example_mark_is_stamped_on_every_slide() -> None:
    from deckgen.thumbs import MARK_FILL

    slides = _slides(2)
    plain = contact_sheet(slides)
    marked = contact_sheet(slides, mark="EKSEMPEL")
    gap = 10
    for i in range(2):
        corner = (gap + i * (160 + gap) + 80, gap, gap + i * (160 + gap) + 160, gap + 30)
        assert MARK_FILL in [c for _n, c in marked.crop(corner).getcolors(4096) or []]
        assert MARK_FILL not in [c for _n, c in plain.crop(corner).getcolors(4096) or []]


@pytest.mark.libreoffice
def test_a_county_of_example_data_is_marked_on_the_contact_sheet(project: Path) -> None:
    from deckgen.thumbs import MARK_FILL

    _need_poppler()
    deck = project / "content" / "decks" / "regionmote.yaml"
    result = build_thumbs(deck, "ostfold", ThumbOptions(project / "out", width=200))
    assert result.ok, [d.format() for d in result.diagnostics] + [result.failure]
    assert any(d.rule == "example-data" for d in result.diagnostics)
    plain = build_thumbs(deck, "buskerud", ThumbOptions(project / "out", width=200))
    assert plain.ok

    def colours(name: str) -> set[tuple[int, int, int]]:
        with Image.open(project / "out" / f"regionmote-{name}-thumbs.png") as sheet:
            return {c for _n, c in sheet.convert("RGB").getcolors(1 << 20) or []}

    assert MARK_FILL in colours("ostfold") and MARK_FILL not in colours("buskerud")
