"""Slide pixels: the brand's boxes and sizes in the CSS pixels reveal.js lays a slide out in.

reveal.js lays a slide out at a fixed size and scales it to the window, so every position here
is in slide pixels: 1280x720 for a 16:9 brand (960x720 for 4:3). Where the brand's master is
known, the boxes of titles, bodies and other fields come from the master's placeholders (the
same boxes python-pptx fills), so the two outputs put things in the same places; without a
master (a brand whose master could not be read, unit tests) the defaults below are used.
"""

from __future__ import annotations

from dataclasses import dataclass

from deckgen.model import Box, Brand

SLIDE_HEIGHT_PX = 720


@dataclass(frozen=True, slots=True)
class Rect:
    """An axis-aligned rectangle in slide pixels."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2


def slide_size(brand: Brand) -> tuple[int, int]:
    """Slide width and height in pixels: 720 high, as wide as the brand's aspect ratio."""
    if brand.slide_width <= 0 or brand.slide_height <= 0:
        return 1280, SLIDE_HEIGHT_PX
    width = round(SLIDE_HEIGHT_PX * brand.slide_width / brand.slide_height)
    return width, SLIDE_HEIGHT_PX


# Fallback boxes, as fractions of the slide (x, y, w, h), per (layout, field), then per field.
# They follow the KS master's proportions: a title band at the top of content slides and the
# body below it; cover slides with the title in the lower-left third.
_DEFAULTS: dict[tuple[str, str], tuple[float, float, float, float]] = {
    ("title", "title"): (0.07, 0.30, 0.80, 0.22),
    ("title", "subtitle"): (0.07, 0.56, 0.80, 0.12),
    ("title", "byline"): (0.07, 0.72, 0.80, 0.08),
    ("section", "title"): (0.07, 0.32, 0.80, 0.22),
    ("section", "subtitle"): (0.07, 0.58, 0.80, 0.14),
    ("image", "title"): (0.05, 0.06, 0.70, 0.14),
    ("image", "picture"): (0.0, 0.0, 1.0, 1.0),
    ("image", "credit"): (0.60, 0.90, 0.37, 0.05),
    ("discussion", "label"): (0.06, 0.08, 0.88, 0.12),
    ("discussion", "prompt"): (0.06, 0.26, 0.60, 0.58),
    ("discussion", "timer"): (0.70, 0.26, 0.24, 0.50),
    ("question", "question"): (0.06, 0.18, 0.66, 0.64),
    ("*", "title"): (0.05, 0.06, 0.80, 0.14),
    ("*", "body"): (0.05, 0.25, 0.90, 0.63),
    ("*", "area"): (0.05, 0.25, 0.90, 0.63),
}


def field_box(brand: Brand, layout: str, field_name: str) -> Rect:
    """The box of a layout's field in slide pixels: the mapped master placeholder's box if the
    brand's master has it, else the default for that field."""
    return to_px(brand, field_box_emu(brand, layout, field_name))


def field_box_emu(brand: Brand, layout: str, field_name: str) -> Box:
    """:func:`field_box` in EMU, as the PowerPoint renderer and the checks have it: the box a
    layout's plan is made in, so both outputs get the same plan."""
    box = _master_box(brand, layout, field_name)
    if box is not None and brand.slide_width > 0 and brand.slide_height > 0:
        return box
    sw, sh = slide_emu(brand)
    fx, fy, fw, fh = _DEFAULTS.get((layout, field_name), _DEFAULTS.get(("*", field_name), _DEFAULTS[("*", "body")]))
    return Box(round(fx * sw), round(fy * sh), round(fw * sw), round(fh * sh))


def slide_emu(brand: Brand) -> tuple[int, int]:
    """The slide's size in EMU (16:9 when the brand does not say)."""
    if brand.slide_width <= 0 or brand.slide_height <= 0:
        return 12192000, 6858000
    return brand.slide_width, brand.slide_height


def px_per_emu(brand: Brand) -> float:
    return slide_size(brand)[0] / slide_emu(brand)[0]


def pt_px(brand: Brand, points: float) -> float:
    """A font size in points as slide pixels (12700 EMU per point)."""
    return points * 12700 * px_per_emu(brand)


def to_px(brand: Brand, box: Box, origin: Rect | None = None) -> Rect:
    """``box`` (EMU on the slide) in slide pixels, relative to ``origin``'s top-left if given."""
    k = px_per_emu(brand)
    ox, oy = (origin.x, origin.y) if origin is not None else (0.0, 0.0)
    return Rect(box.x * k - ox, box.y * k - oy, box.cx * k, box.cy * k)


def typed_box(brand: Brand, layout: str, ph_type: str) -> Rect | None:
    """The box of the first placeholder of an OOXML type (``ftr``, ``sldNum``, ``dt``) on the
    master layout a deckgen layout maps to, if the master has one."""
    mapping = brand.layouts.get(layout)
    master = brand.master_layouts.get(mapping.master_layout) if mapping else None
    if master is None:
        return None
    for ph in master.placeholders:
        if ph.type == ph_type and ph.box is not None:
            return _scale(brand, ph.box)
    return None


def font_px(brand: Brand, layout: str, field_name: str) -> float | None:
    """The font size the master gives a field's placeholder, in slide pixels, if it says."""
    ph = brand.field_placeholder(layout, field_name)
    if ph is None or not ph.font_size or brand.slide_width <= 0:
        return None
    width, _ = slide_size(brand)
    return ph.font_size * width / (brand.slide_width / 12700)  # 12700 EMU per point


def _scale(brand: Brand, box: Box) -> Rect:
    return to_px(brand, box)


def _master_box(brand: Brand, layout: str, field_name: str) -> Box | None:
    """The placeholder box the brand maps ``layout.field_name`` to, if the master has it."""
    ph = brand.field_placeholder(layout, field_name)
    return ph.box if ph is not None else None


def px(value: float) -> str:
    """A CSS pixel length, rounded to 0.1 px and written without a trailing ``.0`` so the
    generated CSS is short and byte-stable."""
    text = f"{round(value, 1):.1f}".rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text + "px"


def num(value: float) -> str:
    """A bare number for SVG coordinates, rounded like :func:`px`."""
    text = f"{round(value, 1):.1f}".rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text
