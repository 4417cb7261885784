"""Reading pictures: the only module of resolve that imports Pillow.

:func:`read_image` turns a file the project names into a :class:`~deckgen.model.Asset` whose
``data`` both renderers can embed as it is. Contract:

- only PNG, JPEG and GIF are opened as they are (Pillow is told so: no other decoder ever sees
  the bytes); WebP is decoded and stored as PNG; SVG is sanitised and rasterised
  (:mod:`deckgen.resolve.svg`); other formats (HEIC, TIFF, BMP…) are errors that say what the
  file is and how to convert it;
- the media type comes from the bytes, not the file name; a mismatch is a warning;
- sizes are bounded before decoding (file bytes, then pixels from the header), so a
  decompression bomb is an error, not an out-of-memory;
- JPEG: the EXIF orientation is applied to the pixels (phone photos stand upright) and
  metadata (EXIF with GPS, XMP, IPTC, comments) is removed; a JPEG without a rotation is
  cleaned losslessly by dropping those segments, one with a rotation or in CMYK is re-encoded;
- PNG: text, EXIF and time chunks are dropped losslessly; GIF is kept as it is.

The output bytes are a pure function of the input bytes.
"""

from __future__ import annotations

import io
import struct
import warnings
import zlib
from functools import lru_cache
from pathlib import Path
from typing import Any

from PIL import Image, ImageOps, UnidentifiedImageError

from deckgen.errors import Diagnostics, SourceLoc
from deckgen.model import Asset
from deckgen.resolve import svg

MAX_IMAGE_BYTES = 40 * 1024 * 1024
MAX_PIXELS = 60_000_000  # a 60-megapixel photo is the largest we decode
# Pillow's own guard raises above twice this; ours is checked first, from the header.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS

FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif"}
EXTENSIONS = {"png": "PNG", "jpg": "JPEG", "jpeg": "JPEG", "jpe": "JPEG", "gif": "GIF"}
CONVERT_HINT = "convert it to PNG or JPEG (for example: open it in an image editor and export)"


def read_image(path: Path, rel: str, diags: Diagnostics, loc: SourceLoc) -> Asset | None:
    """Read, check and clean the picture at ``path`` (``rel`` is its project-relative name,
    ``loc`` where the content named it); add located diagnostics and return None on error."""
    data = _read_bounded(path, rel, diags, loc)
    if data is None:
        return None
    return read_image_data(data, rel, diags, loc)


def read_image_data(data: bytes, rel: str, diags: Diagnostics, loc: SourceLoc) -> Asset | None:
    """Like :func:`read_image` for a picture already in memory (a master's logo part)."""
    other = sniff_unsupported(data)
    if other == "SVG":
        return read_svg(data, rel, diags, loc)
    if other == "WebP":
        return _webp(data, rel, diags, loc)
    if other:
        diags.error(loc, f"picture {rel!r} is a {other} file, which deckgen does not embed",
                    CONVERT_HINT)
        return None
    found = _decode(data)
    if found[0] == "unreadable":
        diags.error(loc, f"picture {rel!r} is not a PNG, JPEG or GIF image",
                    "check that the file is a picture and not damaged; " + CONVERT_HINT)
        return None
    if found[0] == "bomb":
        _bomb(diags, loc, rel, *found[1])
        return None
    if found[0] == "damaged":
        diags.error(loc, f"picture {rel!r} is damaged (it cannot be decoded)",
                    "export the picture again")
        return None
    _, fmt, data, size = found
    _warn_extension(rel, fmt, diags, loc)
    return Asset(path=rel, data=data, media_type=FORMATS[fmt], width=size[0], height=size[1],
                 loc=loc)


_Decoded = tuple[Any, ...]  # ("ok", format, cleaned bytes, size) | ("bomb", (w, h)) | (problem,)


@lru_cache(maxsize=64)
def _decode(data: bytes) -> _Decoded:
    """Open, decode and clean ``data`` once per content: the same picture is met again in
    every county of a build and on every rebuild of ``serve``. Problems come back as a word
    for the caller to report where the picture was named."""
    try:
        with warnings.catch_warnings():
            # Pillow warns on stderr between its limit and twice it; our own check below
            # reports that case as a located error instead.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(data), formats=list(FORMATS))
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return ("unreadable",)
    except Image.DecompressionBombError:
        return ("bomb", (0, 0))
    with img:
        fmt = str(img.format)
        if img.width * img.height > MAX_PIXELS:
            return ("bomb", (img.width, img.height))
        try:
            img.load()  # decode once: a truncated or damaged file fails here, not in a renderer
        except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
            return ("damaged",)
        if fmt == "JPEG":
            data, size = _clean_jpeg(img, data)
        elif fmt == "PNG":
            data, size = _strip_png(data), img.size
        else:
            size = img.size
    return ("ok", fmt, data, size)


def _read_bounded(path: Path, rel: str, diags: Diagnostics, loc: SourceLoc) -> bytes | None:
    try:
        size = path.stat().st_size
        if size > MAX_IMAGE_BYTES:
            diags.error(loc, f"picture {rel!r} is {size // (1024 * 1024)} MB; the limit is "
                        f"{MAX_IMAGE_BYTES // (1024 * 1024)} MB", "resize or compress it")
            return None
        with path.open("rb") as fh:
            return fh.read(MAX_IMAGE_BYTES + 1)
    except FileNotFoundError:
        diags.error(loc, f"picture {rel!r} not found", "check the path")
    except IsADirectoryError:
        diags.error(loc, f"picture path {rel!r} is a folder, not a file", "name a picture file")
    except OSError as exc:
        diags.error(loc, f"picture {rel!r} cannot be read ({exc.strerror or exc})",
                    "check the file's permissions")
    return None


def sniff_unsupported(data: bytes) -> str:
    """The name of a known picture format we refuse, from its magic bytes, or ''."""
    head = data[:64]
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WebP"
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"msf1", b"hevc"):
        return "HEIC"
    if head[4:8] == b"ftyp" and head[8:12] in (b"avif", b"avis"):
        return "AVIF"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "TIFF"
    if head[:2] == b"BM":
        return "BMP"
    stripped = head.lstrip().lower()
    if stripped.startswith(b"<svg") or (stripped.startswith(b"<?xml") and b"<svg" in data[:1024]):
        return "SVG"
    if head[:4] == b"%PDF":
        return "PDF"
    return ""


def _bomb(diags: Diagnostics, loc: SourceLoc, rel: str, w: int = 0, h: int = 0) -> None:
    size = f" ({w} x {h} pixels)" if w else ""
    diags.error(loc, f"picture {rel!r} is too large to decode{size}",
                f"pictures may have at most {MAX_PIXELS // 1_000_000} megapixels; resize it")


def _warn_extension(rel: str, fmt: str, diags: Diagnostics, loc: SourceLoc) -> None:
    ext = rel.rsplit(".", 1)[-1].lower() if "." in rel.rsplit("/", 1)[-1] else ""
    said = EXTENSIONS.get(ext)
    if said != fmt:
        right = {"PNG": ".png", "JPEG": ".jpg", "GIF": ".gif"}[fmt]
        diags.warning(loc, f"picture {rel!r} is a {fmt} image, not what its name says; "
                      f"deckgen uses it as {fmt}", f"rename it to end in {right}")


# --------------------------------------------------------------------------- JPEG

# Segments that carry metadata rather than pixels: APP1 (EXIF, XMP), APP13 (IPTC/Photoshop),
# other vendor APPn blocks, and comments. Kept: APP0 (JFIF), APP2 (ICC colour profile), APP14
# (Adobe: tells decoders how colours are stored).
_JPEG_KEEP_APP = {0xE0, 0xE2, 0xEE}


def _clean_jpeg(img: Image.Image, data: bytes) -> tuple[bytes, tuple[int, int]]:
    orientation = img.getexif().get(0x0112, 1)
    if orientation in (None, 1) and img.mode in ("RGB", "L"):
        stripped = _strip_jpeg_segments(data)
        if stripped is not None:
            return stripped, img.size
    # Rotation or CMYK: re-encode upright RGB pixels, with no metadata at all.
    upright = ImageOps.exif_transpose(img) or img
    if upright.mode not in ("RGB", "L"):
        upright = upright.convert("RGB")
    out = io.BytesIO()
    icc = img.info.get("icc_profile") if img.mode in ("RGB", "L") else None
    extra = {"icc_profile": icc} if icc else {}
    upright.save(out, format="JPEG", quality=92, optimize=True, **extra)
    return out.getvalue(), upright.size


def _strip_jpeg_segments(data: bytes) -> bytes | None:
    """Drop metadata segments before the image data; None if the structure is unexpected
    (the caller then re-encodes)."""
    if data[:2] != b"\xff\xd8":
        return None
    out = bytearray(b"\xff\xd8")
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker == 0xDA:  # start of scan: the rest is image data
            out += data[pos:]
            return bytes(out)
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        end = pos + 2 + length
        if length < 2 or end > len(data):
            return None
        is_meta = (0xE0 <= marker <= 0xEF and marker not in _JPEG_KEEP_APP) or marker == 0xFE
        if not is_meta:
            out += data[pos:end]
        pos = end
    return None


# --------------------------------------------------------------------------- PNG

_PNG_SIG = b"\x89PNG\r\n\x1a\n"
_PNG_DROP = {b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"tIME"}


def _strip_png(data: bytes) -> bytes:
    """Drop text, EXIF and timestamp chunks; everything else byte for byte."""
    if not data.startswith(_PNG_SIG):
        return data
    out = bytearray(_PNG_SIG)
    pos = len(_PNG_SIG)
    while pos + 12 <= len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        end = pos + 12 + length
        if end > len(data):
            return data
        chunk = data[pos:end]
        crc = struct.unpack(">I", chunk[-4:])[0]
        if zlib.crc32(chunk[4:-4]) & 0xFFFFFFFF != crc:
            return data  # leave a file we do not fully understand alone; Pillow decoded it
        if kind not in _PNG_DROP:
            out += chunk
        pos = end
        if kind == b"IEND":
            break
    return bytes(out)


# --------------------------------------------------------------------------- WebP, placeholders


def read_svg(data: bytes, rel: str, diags: Diagnostics, loc: SourceLoc) -> Asset | None:
    """An SVG picture: sanitised (what was removed is named in a warning) for the web page,
    with a PNG drawn from it for PowerPoint; a placeholder PNG with a warning when it cannot
    be drawn."""
    try:
        clean, removed, (width, height) = svg.sanitise(data)
    except svg.SvgError as exc:
        diags.error(loc, f"picture {rel!r} is an SVG file deckgen cannot use: {exc}", CONVERT_HINT)
        return None
    if removed:
        diags.warning(loc, f"picture {rel!r}: {', '.join(removed)} removed (a picture may not run code or load other files)",
                      "export the SVG without scripts and with its pictures embedded", rule="svg-sanitised")
    png = svg.rasterise(clean, (width, height))
    if png is None:
        diags.warning(loc, f"picture {rel!r} cannot be drawn for PowerPoint; the slide shows a placeholder there",
                      "export it as PNG as well, and name the PNG", rule="svg-raster")
        png = placeholder_image(rel, rel, loc).data
    return Asset(path=rel, data=clean, media_type="image/svg+xml", width=width, height=height, loc=loc, fallback=png)


def _webp(data: bytes, rel: str, diags: Diagnostics, loc: SourceLoc) -> Asset | None:
    """A WebP picture as PNG (lossless, alpha kept): PowerPoint does not read WebP."""
    if not rel.lower().endswith(".webp"):
        diags.warning(loc, f"picture {rel!r} is a WebP image, not what its name says; deckgen uses it as WebP",
                      "rename it to end in .webp", rule="")
    try:
        with Image.open(io.BytesIO(data), formats=["WEBP"]) as img:
            if img.width * img.height > MAX_PIXELS:
                _bomb(diags, loc, rel, img.width, img.height)
                return None
            img.load()
            out = io.BytesIO()
            img.convert("RGBA" if "A" in img.getbands() else "RGB").save(out, format="PNG", optimize=True)
            size = img.size
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        diags.error(loc, f"picture {rel!r} is a damaged WebP file (it cannot be decoded)", "export the picture again")
        return None
    return Asset(path=rel, data=out.getvalue(), media_type="image/png", width=size[0], height=size[1], loc=loc)


PLACEHOLDER_SIZE = (1600, 900)


def placeholder_image(src: str, alt: str, loc: SourceLoc) -> Asset:
    """A grey 16:9 PNG that shows ``alt`` and, for a web address, its host (a picture the build
    does not fetch): the same bytes for the same text."""
    import urllib.parse

    from PIL import ImageDraw, ImageFont

    img = Image.new("RGB", PLACEHOLDER_SIZE, (226, 226, 226))
    draw = ImageDraw.Draw(img)
    draw.rectangle((8, 8, PLACEHOLDER_SIZE[0] - 9, PLACEHOLDER_SIZE[1] - 9), outline=(150, 150, 150), width=6)
    font = ImageFont.load_default(size=44)
    host = urllib.parse.urlsplit(src).netloc
    text = "\n".join([*_wrap(alt or src, 48), *([f"({host}: not fetched)"] if host else [])])
    draw.multiline_text((PLACEHOLDER_SIZE[0] // 2, PLACEHOLDER_SIZE[1] // 2), text, fill=(60, 60, 60), font=font,
                        anchor="mm", align="center", spacing=12)
    out = io.BytesIO()
    img.save(out, format="PNG", optimize=True)
    return Asset(path=src, data=out.getvalue(), media_type="image/png", width=PLACEHOLDER_SIZE[0],
                 height=PLACEHOLDER_SIZE[1], loc=loc)


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word[:width])
    return lines[:6]
