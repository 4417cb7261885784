"""Thumbnails: a contact sheet PNG of a deck's slides, and one PNG per slide if asked.

The pictures come from the deck's PDF (LibreOffice, see :mod:`deckgen.render.pdf`), rasterised
by poppler's ``pdftoppm``, so they show the slides as PowerPoint users will see them. Pillow
(allowed here, see docs/architecture.md) lays out the sheet: a grid of slides, each numbered,
under a line naming the deck.

Every PNG is re-encoded by Pillow with fixed settings and no metadata (no time stamps, no
tool names), so the same deck gives the same bytes.
"""

from __future__ import annotations

import io
import math
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from deckgen.build import Options, Result, render, run_job
from deckgen.errors import OutputError, UsageError
from deckgen.model import Deck

PACKAGE = "poppler-utils"  # the Debian/Ubuntu package that provides pdftoppm
DEFAULT_WIDTH = 320
MIN_WIDTH, MAX_WIDTH = 64, 3840
MAX_COLUMNS = 4
TIMEOUT_SECONDS = 120.0

BACKGROUND = (242, 242, 242)
FRAME = (190, 190, 190)
INK = (51, 51, 51)


@dataclass(frozen=True)
class Thumbnails:
    """The PNG bytes of the contact sheet and of each slide, in slide order."""

    sheet: bytes
    slides: tuple[bytes, ...]
    sheet_size: tuple[int, int]
    slide_size: tuple[int, int]


def find_pdftoppm() -> str:
    """The ``pdftoppm`` command, or a :class:`UsageError` that names the package to install."""
    found = shutil.which("pdftoppm")
    if found is None:
        raise UsageError(
            "thumbnails need pdftoppm, which is not on PATH; install it with"
            f" `sudo apt install {PACKAGE}` (Debian/Ubuntu; the package '{PACKAGE}'), then try again"
        )
    return found


def rasterise(pdf: bytes, width: int, *, timeout: float = TIMEOUT_SECONDS) -> list[Image.Image]:
    """Each page of ``pdf`` as an RGB image ``width`` pixels wide (height in proportion)."""
    if not MIN_WIDTH <= width <= MAX_WIDTH:
        raise UsageError(f"--width {width} is out of range; choose {MIN_WIDTH} to {MAX_WIDTH} pixels")
    pdftoppm = find_pdftoppm()
    with tempfile.TemporaryDirectory(prefix="deckgen-thumbs-") as tmp:
        folder = Path(tmp)
        (folder / "deck.pdf").write_bytes(pdf)
        command = [pdftoppm, "-png", "-scale-to-x", str(width), "-scale-to-y", "-1", "deck.pdf", "page"]
        try:
            proc = subprocess.run(command, cwd=folder, capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL, check=False)
        except subprocess.TimeoutExpired:
            raise OutputError(f"pdftoppm did not finish rasterising the PDF within {timeout:.0f} s") from None
        if proc.returncode != 0:
            said = proc.stderr.decode("utf-8", "replace").strip().splitlines()
            raise OutputError(f"pdftoppm could not rasterise the PDF: {said[-1] if said else f'exit status {proc.returncode}'}")
        # page-01.png … page-12.png: zero-padded to the same width, so name order is page order.
        pages = sorted(folder.glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        images = []
        for page in pages:
            with Image.open(page) as im:
                images.append(im.convert("RGB"))
        if not images:
            raise OutputError("the PDF has no pages to make thumbnails of")
        return images


def sample_photo() -> bytes:
    """A plain generated landscape (sky, hills, water) for sample slides (``deckgen brand
    sheet``); the same bytes every time."""
    img = Image.new("RGB", (960, 540), (150, 185, 215))
    draw = ImageDraw.Draw(img)
    draw.polygon([(0, 330), (240, 220), (470, 300), (700, 200), (960, 310), (960, 360),
                  (0, 360)], fill=(90, 110, 120))
    draw.rectangle((0, 360, 960, 540), fill=(70, 105, 140))
    return png(img)


def png(image: Image.Image) -> bytes:
    """PNG bytes with fixed settings and no metadata chunks: the same image, the same bytes."""
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False, compress_level=9)
    return out.getvalue()


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    # Pillow's built-in font: the same on every machine, unlike system fonts.
    return ImageFont.load_default(size=size)


def contact_sheet(images: Sequence[Image.Image], title: str = "", columns: int | None = None, mark: str = "") -> Image.Image:
    """A grid of ``images`` (slides, in order), each framed and numbered from 1, with
    ``title`` above. ``columns`` defaults to up to four. ``mark`` ("EKSEMPEL" for a county of
    made-up data) is stamped in the corner of every slide."""
    count = len(images)
    cols = max(1, min(columns or MAX_COLUMNS, count))
    rows = math.ceil(count / cols)
    w = max(im.width for im in images)
    h = max(im.height for im in images)
    gap = max(8, w // 16)
    label_size = max(12, w // 18)
    label_h = int(label_size * 1.8)
    title_size = max(14, w // 14)
    title_h = int(title_size * 2.0) if title else 0
    sheet = Image.new("RGB", (gap + cols * (w + gap), gap + title_h + rows * (h + label_h + gap)), BACKGROUND)
    draw = ImageDraw.Draw(sheet)
    if title:
        draw.text((gap, gap), title, fill=INK, font=_font(title_size))
    font = _font(label_size)
    for i, im in enumerate(images):
        x = gap + (i % cols) * (w + gap)
        y = gap + title_h + (i // cols) * (h + label_h + gap)
        sheet.paste(im, (x, y))
        if mark:
            _stamp(draw, mark, x, y, im.width, label_size)
        draw.rectangle((x - 1, y - 1, x + im.width, y + im.height), outline=FRAME)
        label = str(i + 1)
        box = draw.textbbox((0, 0), label, font=font)
        draw.text((x + (w - (box[2] - box[0])) // 2, y + h + (label_h - (box[3] - box[1])) // 2 - box[1]), label, fill=INK, font=font)
    return sheet


MARK_FILL = (200, 30, 30)  # the example mark: red on white, readable on any slide


def _stamp(draw: ImageDraw.ImageDraw, mark: str, x: int, y: int, width: int, size: int) -> None:
    """``mark`` in a white box with a red frame at the slide's top right corner."""
    font = _font(size)
    box = draw.textbbox((0, 0), mark, font=font)
    pad = max(2, size // 4)
    w, h = box[2] - box[0] + 2 * pad, box[3] - box[1] + 2 * pad
    left, top = x + width - w - pad, y + pad
    draw.rectangle((left, top, left + w, top + h), fill=(255, 255, 255), outline=MARK_FILL, width=max(1, size // 8))
    draw.text((left + pad - box[0], top + pad - box[1]), mark, fill=MARK_FILL, font=font)


def thumbnails(pdf: bytes, *, width: int = DEFAULT_WIDTH, title: str = "", columns: int | None = None, mark: str = "") -> Thumbnails:
    """The contact sheet and per-slide PNGs of ``pdf``, slides ``width`` pixels wide; ``mark``
    is stamped on the sheet's slides (the per-slide PNGs stay the slides as they are)."""
    images = rasterise(pdf, width)
    sheet = contact_sheet(images, title, columns, mark)
    return Thumbnails(png(sheet), tuple(png(im) for im in images), sheet.size, images[0].size)


def outputs(name: str, thumbs: Thumbnails, each: bool) -> dict[str, bytes]:
    """Output paths for ``write``: ``<name>-thumbs.png`` and, with ``each``,
    ``<name>-thumbs/<name>-01.png`` … (numbered with as many digits as the last slide needs)."""
    out = {f"{name}-thumbs.png": thumbs.sheet}
    if each:
        digits = max(2, len(str(len(thumbs.slides))))
        for i, data in enumerate(thumbs.slides, start=1):
            out[f"{name}-thumbs/{name}-{i:0{digits}d}.png"] = data
    return out


@dataclass(frozen=True)
class ThumbOptions:
    out_dir: Path = Path("build")
    width: int = DEFAULT_WIDTH
    each: bool = False


def build_thumbs(
    deck_path: Path,
    county: str | None,
    options: ThumbOptions,
    on_step: Callable[[str], None] | None = None,
) -> Result:
    """One county's thumbnails: :func:`deckgen.build.run_job` with the deck's PDF rasterised
    into PNGs as its outputs. ``on_step`` is told as each of the three slow steps finishes
    ("pdf", "raster", "written"), for a progress bar. Never raises: problems go into the result."""
    step = on_step or (lambda _s: None)

    def produce(deck: Deck) -> dict[str, bytes]:
        pdf = render(deck, Options(formats=("pdf",), out_dir=options.out_dir))[f"{deck.name}.pdf"]
        step("pdf")
        title = f"{deck.name} · {len(deck.slides)} slides" + (" · EKSEMPEL: made-up example data" if deck.example else "")
        thumbs = thumbnails(pdf, width=options.width, title=title, mark="EKSEMPEL" if deck.example else "")
        step("raster")
        return outputs(deck.name, thumbs, options.each)

    result = run_job(deck_path, county, produce, options.out_dir)
    if result.outputs:
        step("written")
    return result
