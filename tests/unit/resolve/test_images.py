"""deckgen.resolve.images: only PNG/JPEG/GIF, bounded, upright, without metadata."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from deckgen.errors import Diagnostics, SourceLoc
from deckgen.resolve import images
from deckgen.resolve.images import read_image

LOC = SourceLoc("content/slides/foto.md", 4, 8)


def save(tmp_path: Path, name: str, img: Image.Image, fmt: str, **kw) -> Path:
    path = tmp_path / name
    img.save(path, format=fmt, **kw)
    return path


def read(path: Path) -> tuple[object, Diagnostics]:
    diags = Diagnostics()
    return read_image(path, f"assets/{path.name}", diags, LOC), diags


def one_error(diags: Diagnostics) -> str:
    assert len(diags.errors) == 1, [d.format() for d in diags]
    assert diags.errors[0].loc == LOC
    return diags.errors[0].format()


def test_png_is_read_with_its_size(tmp_path):
    asset, diags = read(save(tmp_path, "a.png", Image.new("RGBA", (40, 30), (1, 2, 3, 4)), "PNG"))
    assert not list(diags)
    assert (asset.media_type, asset.width, asset.height, asset.path) == \
        ("image/png", 40, 30, "assets/a.png")


def test_the_media_type_comes_from_the_bytes_not_the_name(tmp_path):
    asset, diags = read(save(tmp_path, "photo.png", Image.new("RGB", (8, 8)), "JPEG"))
    assert asset.media_type == "image/jpeg"
    [warning] = diags.warnings
    assert "picture 'assets/photo.png' is a JPEG image, not what its name says" in \
        warning.message
    assert "rename it to end in .jpg" in warning.hint


@pytest.mark.parametrize("fmt,name", [("BMP", "BMP"), ("TIFF", "TIFF")])
def test_formats_we_do_not_embed_are_named(tmp_path, fmt, name):
    path = save(tmp_path, f"x.{fmt.lower()}", Image.new("RGB", (8, 8)), fmt)
    asset, diags = read(path)
    assert asset is None
    text = one_error(diags)
    assert f"is a {name} file, which deckgen does not embed" in text
    assert "convert it to PNG or JPEG" in text


def test_svg_that_is_not_svg_is_refused(tmp_path):
    path = tmp_path / "logo.svg"
    path.write_text('<svg xmlns="http://www.w3.org/2000/svg"><g></svg>', encoding="utf-8")
    asset, diags = read(path)
    assert asset is None and "is an SVG file deckgen cannot use: it is not well-formed XML" in one_error(diags)


def test_not_a_picture(tmp_path):
    path = tmp_path / "notes.png"
    path.write_text("hello", encoding="utf-8")
    asset, diags = read(path)
    assert asset is None
    assert "picture 'assets/notes.png' is not a PNG, JPEG or GIF image" in one_error(diags)


def test_truncated_picture_is_damaged(tmp_path):
    buf = io.BytesIO()
    Image.effect_mandelbrot((200, 200), (-2, -1.5, 1, 1.5), 50).save(buf, format="PNG")
    path = tmp_path / "cut.png"
    path.write_bytes(buf.getvalue()[: len(buf.getvalue()) // 2])
    asset, diags = read(path)
    assert asset is None
    assert "is damaged (it cannot be decoded)" in one_error(diags)


def test_missing_file_and_folder(tmp_path):
    asset, diags = read(tmp_path / "nope.png")
    assert asset is None and "picture 'assets/nope.png' not found" in one_error(diags)
    (tmp_path / "dir.png").mkdir()
    asset, diags = read(tmp_path / "dir.png")
    assert asset is None and "is a folder, not a file" in one_error(diags)


def test_decompression_bomb_is_refused_from_the_header(tmp_path, monkeypatch):
    monkeypatch.setattr(images, "MAX_PIXELS", 10_000)
    path = save(tmp_path, "big.png", Image.new("L", (200, 200)), "PNG")
    asset, diags = read(path)
    assert asset is None
    assert "is too large to decode (200 x 200 pixels)" in one_error(diags)


def test_too_many_bytes(tmp_path, monkeypatch):
    monkeypatch.setattr(images, "MAX_IMAGE_BYTES", 100)
    path = save(tmp_path, "noisy.png", Image.effect_noise((64, 64), 80), "PNG")
    asset, diags = read(path)
    assert asset is None and "the limit is" in one_error(diags)


def exif_with(orientation: int | None = None, gps: bool = False) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    if orientation is not None:
        exif[0x0112] = orientation
    if gps:
        exif[0x8825] = {2: (59.0, 44.0, 0.0), 1: "N"}
    return exif


def test_phone_photo_is_turned_upright_and_loses_its_exif(tmp_path):
    # Stored sideways (wide), with "rotate 90° clockwise to view" (6): upright it is tall.
    img = Image.new("RGB", (60, 20), (200, 10, 10))
    img.paste((10, 10, 200), (0, 0, 10, 20))  # a blue band on the stored image's left edge
    path = save(tmp_path, "phone.jpg", img, "JPEG", exif=exif_with(6, gps=True))
    asset, diags = read(path)
    assert not list(diags)
    assert (asset.width, asset.height) == (20, 60)
    out = Image.open(io.BytesIO(asset.data))
    assert out.size == (20, 60)
    assert not out.getexif()
    assert b"Exif" not in asset.data and b"PhoneMaker" not in asset.data
    r, g, b = out.getpixel((10, 3))  # the left band is now along the top
    assert b > r


def test_upright_jpeg_is_cleaned_without_re_encoding(tmp_path):
    img = Image.effect_mandelbrot((64, 48), (-2, -1.5, 1, 1.5), 40).convert("RGB")
    plain = io.BytesIO()
    img.save(plain, format="JPEG", quality=80)
    path = save(tmp_path, "cam.jpg", img, "JPEG", quality=80, exif=exif_with(1, gps=True))
    asset, diags = read(path)
    assert not list(diags)
    assert b"Exif" not in asset.data and b"PhoneMaker" not in asset.data
    # Same pixels, bit for bit: only the metadata segment went.
    assert Image.open(io.BytesIO(asset.data)).tobytes() == \
        Image.open(io.BytesIO(plain.getvalue())).tobytes()


def test_cmyk_jpeg_becomes_rgb(tmp_path):
    path = save(tmp_path, "print.jpg", Image.new("CMYK", (16, 16), (0, 100, 100, 0)), "JPEG")
    asset, diags = read(path)
    assert not diags.errors
    assert Image.open(io.BytesIO(asset.data)).mode == "RGB"


def test_png_text_and_exif_chunks_are_dropped(tmp_path):
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Someone Private")
    img = Image.new("RGB", (10, 10), (5, 6, 7))
    path = save(tmp_path, "meta.png", img, "PNG", pnginfo=info, exif=exif_with(gps=True))
    asset, diags = read(path)
    assert not list(diags)
    assert b"Someone Private" not in asset.data and b"eXIf" not in asset.data
    assert Image.open(io.BytesIO(asset.data)).getpixel((3, 3)) == (5, 6, 7)


def test_gif_is_kept(tmp_path):
    path = save(tmp_path, "anim.gif", Image.new("P", (12, 12)), "GIF")
    asset, diags = read(path)
    assert not list(diags)
    assert asset.media_type == "image/gif" and asset.data == path.read_bytes()


def test_output_is_reproducible(tmp_path):
    path = save(tmp_path, "p.jpg", Image.new("RGB", (30, 10), (9, 9, 9)), "JPEG",
                exif=exif_with(8))
    first, _ = read(path)
    second, _ = read(path)
    assert first.data == second.data
