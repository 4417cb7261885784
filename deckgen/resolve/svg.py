"""SVG pictures: sanitised for the web page, rasterised to PNG for PowerPoint.

Responsibility: the only module that reads SVG (with lxml, safely: no DTD loaded, no entity
expanded, no network) and the only one that imports the rasteriser (``resvg_py``, resvg's
Python binding: one self-contained wheel, no system library).

:func:`sanitise` keeps the drawing and removes what could run or reach outside: ``<script>``,
``<foreignObject>`` and other embedding elements, ``on…`` event attributes, links and
references to anything but the picture's own ``#ids`` or an embedded PNG/JPEG/GIF, and CSS
``url(…)``/``@import`` that point outside. What it removed is reported, so the caller can name
it in a warning. :func:`rasterise` draws the clean SVG as PNG bytes (None when it cannot).
"""

from __future__ import annotations

import re

from lxml import etree

MAX_SVG_BYTES = 5 * 1024 * 1024
RASTER_WIDTH = 1600  # pixels across of the PNG PowerPoint shows; crisp on a full-HD screen
MAX_RASTER_PIXELS = 16_000_000
DEFAULT_SIZE = (300, 150)  # CSS's size of a replaced element that says none

_SVG_NS = "http://www.w3.org/2000/svg"
_XLINK = "{http://www.w3.org/1999/xlink}href"
_DROP_ELEMENTS = frozenset({"script", "foreignObject", "iframe", "embed", "object", "audio", "video", "handler", "listener"})
_SAFE_DATA = re.compile(r"data:image/(png|jpeg|gif);base64,", re.IGNORECASE)
_CSS_URL = re.compile(r"url\(\s*(['\"]?)(?!#)[^)]*\)", re.IGNORECASE)
_CSS_IMPORT = re.compile(r"@import[^;]*;?", re.IGNORECASE)
_LENGTH = re.compile(r"\s*([0-9.]+)\s*(px|pt|mm|cm|in)?\s*$")
_UNIT = {"px": 1.0, None: 1.0, "pt": 4 / 3, "mm": 96 / 25.4, "cm": 96 / 2.54, "in": 96.0}


class SvgError(ValueError):
    """The bytes are not an SVG picture deckgen can use (the message says why)."""


def sanitise(data: bytes) -> tuple[bytes, list[str], tuple[int, int]]:
    """The SVG without anything active or external, what was removed (names, once each), and
    its size in CSS pixels (from width/height, else the viewBox, else 300 x 150)."""
    if len(data) > MAX_SVG_BYTES:
        raise SvgError(f"it is larger than {MAX_SVG_BYTES // (1024 * 1024)} MB")
    parser = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False,
                             remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise SvgError(f"it is not well-formed XML ({exc.msg})") from None
    if etree.QName(root).localname != "svg":
        raise SvgError("its root element is not <svg>")
    removed: list[str] = []

    def note(what: str) -> None:
        if what not in removed:
            removed.append(what)

    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            if isinstance(el, etree._Entity):
                raise SvgError("it uses XML entities; export it again as plain SVG")
            continue
        name = etree.QName(el).localname
        if name in _DROP_ELEMENTS:
            note(f"<{name}>")
            el.getparent().remove(el)
            continue
        for attr in list(el.attrib):
            local = etree.QName(attr).localname
            value = el.attrib[attr]
            if local.lower().startswith("on"):
                note("event attributes")
                del el.attrib[attr]
            elif local == "href" or attr == _XLINK:
                if not (value.startswith("#") or _SAFE_DATA.match(value)):
                    note("links and references outside the picture")
                    del el.attrib[attr]
            elif local == "style" and (_CSS_URL.search(value) or _CSS_IMPORT.search(value)):
                note("style references outside the picture")
                el.attrib[attr] = _CSS_IMPORT.sub("", _CSS_URL.sub("none", value))
        if name == "style" and el.text and (_CSS_URL.search(el.text) or _CSS_IMPORT.search(el.text)):
            note("style references outside the picture")
            el.text = _CSS_IMPORT.sub("", _CSS_URL.sub("none", el.text))
    clean = etree.tostring(root, encoding="utf-8", xml_declaration=False)
    return clean, removed, _size(root)


def _size(root: etree._Element) -> tuple[int, int]:
    width, height = _length(root.get("width")), _length(root.get("height"))
    box = [float(v) for v in re.split(r"[\s,]+", root.get("viewBox", "").strip()) if v] if root.get("viewBox") else []
    if len(box) == 4 and box[2] > 0 and box[3] > 0:
        if width and not height:
            height = width * box[3] / box[2]
        elif height and not width:
            width = height * box[2] / box[3]
        elif not width and not height:
            width, height = box[2], box[3]
    if not width or not height:
        return DEFAULT_SIZE
    return max(1, round(width)), max(1, round(height))


def _length(value: str | None) -> float:
    match = _LENGTH.match(value or "")
    if match is None:
        return 0.0  # a percentage or nothing: the viewBox decides
    return float(match.group(1)) * _UNIT[match.group(2)]


def rasterise(clean: bytes, size: tuple[int, int]) -> bytes | None:
    """PNG bytes of a sanitised SVG, :data:`RASTER_WIDTH` pixels across (fewer for a very tall
    picture), or None when the rasteriser is missing or fails."""
    try:
        import resvg_py
    except ImportError:
        return None
    width = RASTER_WIDTH
    height = max(1, round(width * size[1] / size[0]))
    if width * height > MAX_RASTER_PIXELS:
        scale = (MAX_RASTER_PIXELS / (width * height)) ** 0.5
        width, height = max(1, int(width * scale)), max(1, int(height * scale))
    try:
        return bytes(resvg_py.svg_to_bytes(svg_string=clean.decode("utf-8"), width=width, height=height))
    except (ValueError, RuntimeError):
        return None
