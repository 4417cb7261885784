"""Pictures end to end: missing, misnamed, unsupported, decompression bombs and phone photos
(EXIF orientation applied, metadata stripped) in both outputs."""

from __future__ import annotations

import io
import re
import struct
import zlib

import pytest
from PIL import Image

from .conftest import Mini, assert_failed_cleanly

IMAGE_SLIDE = "---\nlayout: image\nimage: ../../assets/{name}\nalt: Et bilde\n---\n"
LOC = "content/slides/a.md:3:8"


def png_bytes(size: tuple[int, int] = (16, 8), **info: str) -> bytes:
    img = Image.new("RGB", size, (10, 120, 200))
    out = io.BytesIO()
    from PIL import PngImagePlugin

    meta = PngImagePlugin.PngInfo()
    for key, value in info.items():
        meta.add_text(key, value)
    img.save(out, "PNG", pnginfo=meta)
    return out.getvalue()


def phone_photo() -> bytes:
    """40 x 20 pixels, left half red, right half blue, stored sideways (orientation 6: turn
    90° clockwise to view), with camera make, model and GPS position."""
    img = Image.new("RGB", (40, 20), (255, 0, 0))
    img.paste((0, 0, 255), (20, 0, 40, 20))
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x010F] = "PhoneMaker"
    exif[0x0110] = "PhoneModel X"
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (59.0, 54.0, 30.0)
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif, quality=95)
    data = out.getvalue()
    assert b"PhoneMaker" in data
    return data


def png_header_bomb(width: int, height: int) -> bytes:
    """A valid PNG signature and header claiming ``width`` x ``height`` with almost no data."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(
            ">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(b"\0" * 1000)) + chunk(b"IEND", b""))


def with_picture(mini: Mini, name: str, data: bytes) -> None:
    mini.write(f"assets/{name}", data)
    mini.slide(IMAGE_SLIDE.format(name=name))


def embedded_pictures(mini: Mini) -> dict[str, bytes]:
    """Pictures in the .pptx (not the brand's logo) and in the reveal.js folder's assets."""
    out: dict[str, bytes] = {}
    with mini.pptx() as pkg:
        for name in pkg.namelist():
            if name.startswith("ppt/media/"):
                out[name] = pkg.read(name)
    for path in (mini.out / "talk" / "assets").iterdir():
        if path.suffix in (".jpg", ".jpeg", ".png", ".gif"):
            out[f"html/{path.name}"] = path.read_bytes()
    return out


def test_missing_picture(mini: Mini) -> None:
    before = mini.good_build()
    mini.slide(IMAGE_SLIDE.format(name="borte.jpg"))
    assert_failed_cleanly(mini, before, mini.build(), 1,
                          f"{LOC}: error: picture '../../assets/borte.jpg' not found")


def test_png_named_jpg_builds_as_png_with_a_warning(mini: Mini) -> None:
    with_picture(mini, "foto.jpg", png_bytes())
    run = mini.build()
    assert run.exit_code == 0, run.stderr
    assert (f"{LOC}: warning: picture 'assets/foto.jpg' is a PNG image, not what its name says; "
            "deckgen uses it as PNG; rename it to end in .png") in run.stderr
    with mini.pptx() as pkg:
        types = pkg.read("[Content_Types].xml").decode()
        assert not any(n.endswith(".jpg") for n in pkg.namelist() if n.startswith("ppt/media/"))
    assert 'Extension="png" ContentType="image/png"' in types
    assert not list((mini.out / "talk" / "assets").glob("*.jpg"))


def test_text_file_named_png(mini: Mini) -> None:
    before = mini.good_build()
    with_picture(mini, "foto.png", b"<html>not a picture</html>")
    assert_failed_cleanly(mini, before, mini.build(), 1,
                          f"{LOC}: error: picture 'assets/foto.png' is not a PNG, JPEG or GIF image")


def _encoded(fmt: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (1, 2, 3)).save(out, fmt)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("foto.bmp", lambda: _encoded("BMP"), "BMP"),
        ("foto.tiff", lambda: _encoded("TIFF"), "TIFF"),
        ("foto.heic", lambda: b"\0\0\0\x18ftypheic\0\0\0\0mif1heic" + b"\0" * 64, "HEIC"),
    ],
)
def test_unsupported_formats_are_explained(mini: Mini, name: str, data, kind: str) -> None:  # type: ignore[no-untyped-def]
    before = mini.good_build()
    with_picture(mini, name, data())
    assert_failed_cleanly(mini, before, mini.build(), 1,
                          f"{LOC}: error: picture 'assets/{name}' is a {kind} file, which "
                          "deckgen does not embed; convert it to PNG or JPEG")


def test_webp_is_embedded_as_png_even_under_another_name(mini: Mini) -> None:
    mini.good_build()
    with_picture(mini, "skjult.png", _encoded("WEBP"))
    run = mini.build()
    assert run.exit_code == 0, run.stderr
    assert f"{LOC}: warning: picture 'assets/skjult.png' is a WebP image, not what its name says" in run.stderr
    pictures = embedded_pictures(mini)
    assert pictures and all(data.startswith(b"\x89PNG") for data in pictures.values())


def test_svg_script_never_reaches_either_output(mini: Mini) -> None:
    mini.good_build()
    with_picture(mini, "logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10" onload="alert(2)">'
                                   b'<script>alert(1)</script><rect width="20" height="10"/></svg>')
    run = mini.build()
    assert run.exit_code == 0, run.stderr
    assert f"{LOC}: warning: picture 'assets/logo.svg': event attributes, <script> removed" in run.stderr
    snap = mini.snapshot()
    assert not [name for name, data in snap.items() if b"alert(1)" in data or b"alert(2)" in data]
    with mini.pptx() as z:
        assert not [n for n in z.namelist() if n.endswith(".svg")]  # PowerPoint gets the PNG
    assert [n for n in snap if n.endswith(".svg")]


@pytest.mark.parametrize(("width", "height", "dims"), [
    (10_000, 9_000, " (10000 x 9000 pixels)"),  # over deckgen's limit: checked from the header
    (50_000, 50_000, ""),  # far over: Pillow's own guard stops it while opening
])
def test_decompression_bomb_is_refused_from_the_header(mini: Mini, width: int, height: int,
                                                       dims: str) -> None:
    before = mini.good_build()
    with_picture(mini, "bombe.png", png_header_bomb(width, height))
    assert_failed_cleanly(mini, before, mini.build(), 1,
                          f"{LOC}: error: picture 'assets/bombe.png' is too large to decode{dims}; "
                          "pictures may have at most 60 megapixels; resize it")


def test_truncated_picture_is_refused(mini: Mini) -> None:
    before = mini.good_build()
    data = phone_photo()
    with_picture(mini, "halv.jpg", data[: len(data) // 2])
    run = mini.build()
    assert_failed_cleanly(mini, before, run, 1, f"{LOC}: error: picture 'assets/halv.jpg'")


def test_phone_photo_is_upright_and_without_metadata_in_both_outputs(mini: Mini) -> None:
    with_picture(mini, "telefon.jpg", phone_photo())
    run = mini.build()
    assert run.exit_code == 0, run.stderr
    pictures = {k: v for k, v in embedded_pictures(mini).items()
                if v[:2] == b"\xff\xd8"}  # the JPEGs: the brand logo is a PNG
    assert len(pictures) == 2, sorted(pictures)
    for where, data in pictures.items():
        assert b"PhoneMaker" not in data and b"PhoneModel" not in data, where
        assert b"Exif\0\0" not in data, where
        img = Image.open(io.BytesIO(data))
        assert img.size == (20, 40), where  # turned upright
        assert not img.getexif(), where
        top, bottom = img.convert("RGB").getpixel((10, 5)), img.convert("RGB").getpixel((10, 35))
        assert top[0] > 200 and top[2] < 60, (where, top)  # red on top
        assert bottom[2] > 200 and bottom[0] < 60, (where, bottom)
    # The single-file page embeds the same cleaned bytes.
    single = mini.single_html()
    assert "PhoneMaker" not in single
    assert re.search(r"data:image/jpeg;base64,", single)


def test_png_text_metadata_is_stripped(mini: Mini) -> None:
    with_picture(mini, "kart.png", png_bytes(Author="Ola Nordmann", GPS="59.9,10.7"))
    assert mini.build().exit_code == 0
    for where, data in embedded_pictures(mini).items():
        assert b"Ola Nordmann" not in data and b"59.9,10.7" not in data, where


def test_cmyk_jpeg_is_converted_to_rgb(mini: Mini) -> None:
    # Browsers and PowerPoint disagree on CMYK JPEGs (Adobe's inverted ones look like
    # negatives): resolve re-encodes them as RGB.
    out = io.BytesIO()
    Image.new("CMYK", (16, 16), (0, 255, 255, 0)).save(out, "JPEG")
    with_picture(mini, "trykk.jpg", out.getvalue())
    run = mini.build()
    assert run.exit_code == 0, run.stderr
    jpegs = [d for d in embedded_pictures(mini).values() if d[:2] == b"\xff\xd8"]
    assert len(jpegs) == 2
    for data in jpegs:
        img = Image.open(io.BytesIO(data))
        assert img.mode == "RGB"
        red = img.getpixel((8, 8))
        assert red[0] > 200 and red[1] < 60 and red[2] < 60, red
