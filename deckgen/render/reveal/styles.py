"""The two generated stylesheets.

* :func:`theme_css` — the brand's look: custom properties from ``brand.yaml``'s tokens
  (colours, fonts, sizes, slide size) followed by the static rules in ``static/base.css``.
* :func:`deck_css` — where things go on this deck's slides: the boxes of each layout's fields
  (from the brand master's placeholders, as in the PowerPoint output), org chart boxes, photo
  focus points. Kept out of the HTML so the page needs no ``style`` attributes and the CSP can
  forbid them.

Only numbers and validated tokens are written into CSS; no content text ever is.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources

from deckgen.layouts import REGISTRY
from deckgen.model import Brand, Deck, ImageContent, ImageTextContent, Slide, is_font_name
from deckgen.render.reveal.pixels import Rect, field_box, font_px, pt_px, px, slide_size, typed_box
from deckgen.render.reveal.plans import PixelPlan, plan_css, shared_css

_HEX = re.compile(r"#[0-9A-Fa-f]{6}")
_TOKEN = re.compile(r"[a-z][a-z0-9_]*")

# Colours every rule relies on, with neutral fallbacks for a brand that leaves one out.
_REQUIRED_COLORS = {
    "primary": "#263645",
    "on_primary": "#FFFFFF",
    "accent": "#1F7A8C",
    "on_accent": "#FFFFFF",
    "text": "#1F2429",
    "muted": "#5A6570",
    "surface": "#EDF1F4",
    "background": "#FFFFFF",
}
# Metric-compatible fallbacks first, then the usual colour emoji fonts so emoji in content show
# on whatever machine presents the deck.
_FALLBACK_FONTS = (
    '"Liberation Sans", Arial, Helvetica, sans-serif, '
    '"Noto Color Emoji", "Apple Color Emoji", "Segoe UI Emoji"'
)
DEFAULT_TITLE_PX = 44.0
DEFAULT_BODY_PX = 28.0



def color(value: str) -> str:
    """A ``#RRGGBB`` token, or raise: anything else must not reach a stylesheet."""
    if not _HEX.fullmatch(value):
        raise ValueError(f"brand colour is not #RRGGBB: {value!r}")
    return value.upper()


def font_stack(family: str) -> str:
    """A CSS font-family list: the brand's family first, then metric-compatible fallbacks.

    resolve refuses a name that is not :func:`deckgen.model.is_font_name` (located in
    brand.yaml), so one here is a bug: raise rather than silently show another font.
    """
    if not family:
        return _FALLBACK_FONTS
    if not is_font_name(family):
        raise ValueError(f"brand font name cannot go into CSS: {family!r}")
    return f'"{family}", {_FALLBACK_FONTS}'


def theme_css(brand: Brand) -> str:
    """The brand's theme: tokens as custom properties, then the shared rules."""
    width, height = slide_size(brand)
    colors = {**_REQUIRED_COLORS, **{k: v for k, v in brand.colors.items() if _TOKEN.fullmatch(k)}}
    title_px = font_px(brand, "bullets", "title") or DEFAULT_TITLE_PX
    body_px = font_px(brand, "bullets", "body") or DEFAULT_BODY_PX
    props = [f"--deck-color-{k.replace('_', '-')}: {color(v)};" for k, v in sorted(colors.items())]
    props += [
        f"--deck-font-heading: {font_stack(brand.fonts.get('heading', ''))};",
        f"--deck-font-body: {font_stack(brand.fonts.get('body', ''))};",
        f"--deck-title-size: {px(title_px)};",
        f"--deck-body-size: {px(body_px)};",
        f"--deck-width: {width}px;",
        f"--deck-height: {height}px;",
        "--deck-letterbox: #000000;",
    ]
    head = (
        f"/* deckgen theme for brand {_comment(brand.name)}: generated from brand.yaml */\n"
        f"@page {{ size: {width}px {height}px; margin: 0; }}\n"
        ":root {\n  " + "\n  ".join(props) + "\n}\n"
    )
    return head + static_text("base.css")


def _comment(text: str) -> str:
    """Text safe inside a CSS comment (and inside an HTML <style>)."""
    return re.sub(r"[^A-Za-z0-9 _.\-]", "", text)[:60]


def static_text(name: str) -> str:
    """A file of ``static/``, as text."""
    return (resources.files("deckgen.render.reveal") / "static" / name).read_text("utf-8")


def _rule(selector: str, rect: Rect, extra: str = "") -> str:
    return f"{selector} {{ left: {px(rect.x)}; top: {px(rect.y)}; width: {px(rect.w)}; height: {px(rect.h)};{extra} }}"


@dataclass(frozen=True, slots=True)
class LayoutBoxes:
    """Where one layout puts its pieces: boxes by CSS class, font sizes (px) by CSS class
    where the master gives one, and whether the footer shows."""

    boxes: dict[str, Rect]
    sizes: dict[str, float]
    footer: bool


# The CSS class that shows each brand field (a layout shows the fields its spec's roles name).
FIELD_CLASSES: dict[str, str] = {
    "title": "slide-title",
    "subtitle": "cover-subtitle",
    "byline": "cover-byline",
    "body": "slide-body",
    "area": "slide-body",
    "credit": "credit",
    "label": "discussion-label",
    "prompt": "discussion-prompt",
    "timer": "countdown",
    "question": "question-text",
    "picture": "",  # the picture fills the slide (base.css)
}
LOGO_HEIGHT = 38 / 720  # the KS master's logo: 38 px of a 720 px slide, top right
LOGO_TOP = 30 / 720


def frame(brand: Brand, layout: str) -> LayoutBoxes:
    """The frame of ``layout``: its fields' boxes from the master's placeholders, an accent
    rule under its heading, the footer band and the logo, as the PowerPoint master places
    them. Which fields and which rule follow from the layout's spec."""
    spec = REGISTRY[layout]
    width, height = slide_size(brand)
    shown = [r for r in spec.roles if FIELD_CLASSES[r] and (r != "title" or spec.visible_title)]
    fields = {FIELD_CLASSES[r]: r for r in shown}
    boxes = {cls: field_box(brand, layout, name) for cls, name in fields.items()}
    sizes = {cls: s for cls, name in fields.items() if (s := font_px(brand, layout, name))}
    title = field_box(brand, layout, "title")
    margin = title.x
    inset = 9.6  # the accent rule starts where the title's text does (0.1 in)
    if spec.tone == "dark":
        boxes["cover-rule"] = Rect(title.x + inset, title.bottom + 13, 121, 8)
        boxes["cover-stripe"] = Rect(0, height - 13, width, 13)
    elif "title" in shown:
        boxes["title-rule"] = Rect(title.x + inset, title.bottom + 6, 91, 5)
    elif "label" in shown:
        label = boxes["discussion-label"]
        boxes["title-rule"] = Rect(label.x + inset, label.bottom + 6, 91, 5)
    elif shown and spec.visible_title:  # a layout whose one text is its heading: centred under it
        main = boxes[FIELD_CLASSES[shown[0]]]
        boxes[f"{layout}-rule"] = Rect(main.cx - 60.5, main.bottom + 15, 121, 8)
    ftr, num = typed_box(brand, layout, "ftr"), typed_box(brand, layout, "sldNum")
    if ftr and num:
        left, right = min(ftr.x, num.x), max(ftr.right, num.right)
        boxes["slide-footer"] = Rect(left, ftr.y, right - left, ftr.h)
        footer_px = font_px_of_type(brand, layout, "ftr")
        if footer_px:
            sizes["slide-footer"] = footer_px
    else:
        boxes["slide-footer"] = Rect(margin, height - 55, width - 2 * margin, 34)
    footer = bool(ftr) if brand.master_layouts else spec.footer
    logo_h = LOGO_HEIGHT * height
    logo_w = logo_h * _logo_ratio(brand)
    boxes["slide-logo"] = Rect(width - margin - logo_w, LOGO_TOP * height, logo_w, logo_h)
    return LayoutBoxes(boxes, sizes, footer)


def _logo_ratio(brand: Brand) -> float:
    logo = brand.logo
    if logo is None or logo.width <= 0 or logo.height <= 0:
        return 2.2
    return logo.width / logo.height


def font_px_of_type(brand: Brand, layout: str, ph_type: str) -> float | None:
    """The font size of the first placeholder of an OOXML type on a layout's master layout."""
    mapping = brand.layouts.get(layout)
    master = brand.master_layouts.get(mapping.master_layout) if mapping else None
    if master is None or brand.slide_width <= 0:
        return None
    width, _ = slide_size(brand)
    for ph in master.placeholders:
        if ph.type == ph_type and ph.font_size:
            return ph.font_size * width / (brand.slide_width / 12700)
    return None


# The line height base.css gives each placeholder's text (1.2: single spacing).
_LINE_HEIGHTS = {"slide-title": 1.1, "question-text": 1.15, "discussion-prompt": 1.15}


def fit_css(brand: Brand, n: int, slide: Slide) -> list[str]:
    """Slide ``n``'s placeholder texts at the sizes and line spacing the fit step chose, as
    the PowerPoint renderer writes them (:func:`deckgen.render.pptx.text.apply_fit`): the
    text's own size scaled (its list levels keep their proportions in em), lines tightened."""
    out = []
    for fit in slide.fit:
        cls = FIELD_CLASSES.get(fit.key, "")
        if fit.key == "area" or not cls:
            continue  # drawn shapes: their plan already carries the fitted sizes
        base = frame(brand, slide.layout).sizes.get(cls)
        size = base * fit.scale if base else pt_px(brand, max(fit.sizes))
        line = _LINE_HEIGHTS.get(cls, 1.2) * fit.spacing
        out.append(f"#slide-{n} .{cls} {{ font-size: {px(size)}; line-height: {line:.3f}; }}")
    return out


def deck_css(deck: Deck, plans: Mapping[int, PixelPlan]) -> str:
    """Positions for this deck: each used layout's boxes, then each slide's planned shapes
    (``plans`` maps a slide number to its plan in pixels) and photo focus points."""
    used = sorted({s.layout for s in deck.slides})
    out = ["/* deckgen: where things go on this deck's slides (generated) */"]
    for layout in used:
        fr = frame(deck.brand, layout)
        for cls, rect in fr.boxes.items():
            size = fr.sizes.get(cls)
            extra = f" font-size: {px(size)};" if size else ""
            out.append(_rule(f".reveal .layout-{layout} > .{cls}", rect, extra))
    if plans:
        out += shared_css(deck.brand)
    for n, slide in enumerate(deck.slides, start=1):
        out += fit_css(deck.brand, n, slide)
        if n in plans:
            out += plan_css(deck.brand, n, plans[n])
        if isinstance(slide.content, ImageContent | ImageTextContent):
            fx, fy = (min(max(v, 0.0), 1.0) for v in slide.content.focus)
            picture = ".full-bleed" if isinstance(slide.content, ImageContent) else ".plan-picture"
            out.append(f"#slide-{n} {picture} {{ object-position: {fx * 100:.1f}% {fy * 100:.1f}%; }}")
    return "\n".join(out) + "\n"
