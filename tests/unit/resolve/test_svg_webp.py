"""SVG (sanitised, with a PNG for PowerPoint), WebP (stored as PNG) and the placeholder of a
picture on the web."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from deckgen.errors import Diagnostics, SourceLoc
from deckgen.resolve.images import placeholder_image, read_image

LOC = SourceLoc("content/slides/foto.md", 4, 8)

HOSTILE = b"""<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="200" height="100"
     onload="alert(1)">
  <script>alert(2)</script>
  <style>@import url(https://evil.example/x.css); rect { fill: url(#g) }</style>
  <defs><linearGradient id="g"><stop offset="0" stop-color="#36c"/></linearGradient></defs>
  <rect width="200" height="100" onclick="alert(3)" style="fill: url(https://evil.example/p.png)"/>
  <image xlink:href="file:///etc/passwd" width="10" height="10"/>
  <use href="#g"/>
  <foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>
</svg>
"""


def read(tmp_path: Path, name: str, data: bytes) -> tuple[object, Diagnostics]:
    path = tmp_path / name
    path.write_bytes(data)
    diags = Diagnostics()
    return read_image(path, f"assets/{name}", diags, LOC), diags


def test_svg_is_sanitised_and_gets_a_png_for_powerpoint(tmp_path):
    asset, diags = read(tmp_path, "figur.svg", HOSTILE)
    assert asset is not None and asset.media_type == "image/svg+xml"
    assert (asset.width, asset.height) == (200, 100)
    text = asset.data.decode("utf-8")
    for gone in ("<script", "onload", "onclick", "foreignObject", "evil.example", "file:///", "@import"):
        assert gone not in text
    assert 'href="#g"' in text and "url(#g)" in text  # the picture's own references stay
    [warning] = diags.warnings
    assert warning.loc == LOC and warning.rule == "svg-sanitised"
    assert "event attributes, <script>, style references outside the picture, links and references outside the picture, <foreignObject> removed" in warning.message
    png = Image.open(io.BytesIO(asset.fallback))
    assert png.format == "PNG" and png.size == (1600, 800)


def test_svg_size_from_the_viewbox(tmp_path):
    asset, _ = read(tmp_path, "a.svg", b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 30"><rect width="40" height="30"/></svg>')
    assert (asset.width, asset.height) == (40, 30)


def test_svg_with_entities_is_refused(tmp_path):
    data = b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg"><text>&a;&a;</text></svg>'
    asset, diags = read(tmp_path, "bomb.svg", data)
    assert asset is None
    assert "uses XML entities" in diags.errors[0].message and diags.errors[0].loc == LOC


def test_webp_is_stored_as_png(tmp_path):
    out = io.BytesIO()
    Image.new("RGBA", (12, 8), (10, 20, 30, 128)).save(out, format="WEBP", lossless=True)
    asset, diags = read(tmp_path, "foto.webp", out.getvalue())
    assert not list(diags)
    assert asset.media_type == "image/png" and (asset.width, asset.height) == (12, 8)
    assert Image.open(io.BytesIO(asset.data)).mode == "RGBA"


def test_placeholder_shows_the_alt_text_and_is_reproducible():
    one = placeholder_image("https://example.org/a.jpg", "Et kart over regionen", LOC)
    two = placeholder_image("https://example.org/a.jpg", "Et kart over regionen", LOC)
    assert one.data == two.data and one.media_type == "image/png"
    assert one.data != placeholder_image("https://example.org/a.jpg", "Noe annet", LOC).data
