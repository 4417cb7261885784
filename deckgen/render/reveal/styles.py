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
from importlib import resources

from deckgen.model import Brand, Deck, ImageContent
from deckgen.render.reveal.geometry import Rect, field_box, font_px, px, slide_size, typed_box
from deckgen.render.reveal.orgchart import OrgLayout

_HEX = re.compile(r"#[0-9A-Fa-f]{6}")
_TOKEN = re.compile(r"[a-z][a-z0-9_]*")
_FONT = re.compile(r"[A-Za-z0-9 _.\-]+")

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
_FALLBACK_FONTS = '"Liberation Sans", Arial, Helvetica, sans-serif'
DEFAULT_TITLE_PX = 44.0
DEFAULT_BODY_PX = 28.0

# Content layouts share the frame "title band, rule, body, footer".
CONTENT_LAYOUTS = ("bullets", "columns", "orgchart", "roster", "tiles", "table")
BODY_FIELD = {"bullets": "body"}  # the others call their body "area"


def color(value: str) -> str:
    """A ``#RRGGBB`` token, or raise: anything else must not reach a stylesheet."""
    if not _HEX.fullmatch(value):
        raise ValueError(f"brand colour is not #RRGGBB: {value!r}")
    return value.upper()


def font_stack(family: str) -> str:
    """A CSS font-family list: the brand's family first, then metric-compatible fallbacks."""
    if not family or not _FONT.fullmatch(family):
        return _FALLBACK_FONTS
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


def frame_boxes(brand: Brand, layout: str) -> dict[str, Rect]:
    """The boxes of one layout's frame and fields, by CSS class, in slide pixels."""
    width, height = slide_size(brand)
    boxes: dict[str, Rect] = {}
    title = field_box(brand, layout, "title")
    margin = title.x
    footer = typed_box(brand, layout, "ftr")
    number = typed_box(brand, layout, "sldNum")
    if footer and number:
        left, right = min(footer.x, number.x), max(footer.right, number.right)
        boxes["slide-footer"] = Rect(left, footer.y, right - left, footer.h)
    else:
        boxes["slide-footer"] = Rect(margin, height - 44, width - 2 * margin, 24)
    logo_h = 0.075 * height
    boxes["slide-logo"] = Rect(width - margin - 2.2 * logo_h, 0.045 * height, 2.2 * logo_h, logo_h)
    if layout in ("title", "section"):
        boxes["slide-title"] = title
        boxes["cover-rule"] = Rect(title.x, title.y - 26, 140, 6)
        boxes["cover-subtitle"] = field_box(brand, layout, "subtitle")
        boxes["cover-byline"] = field_box(brand, layout, "byline")
        big = 0.14 * height
        boxes["slide-logo"] = Rect(title.x, 0.08 * height, 2.2 * big, big)
    elif layout == "image":
        boxes["slide-title"] = field_box(brand, layout, "title")
        credit = field_box(brand, layout, "credit")
        boxes["credit"] = Rect(credit.x, credit.y, credit.w, credit.h)
    elif layout == "discussion":
        boxes["discussion-label"] = field_box(brand, layout, "label")
        boxes["discussion-prompt"] = field_box(brand, layout, "prompt")
        boxes["countdown"] = field_box(brand, layout, "timer")
    elif layout == "question":
        q = field_box(brand, layout, "question")
        boxes["question-text"] = q
        right = width - margin
        boxes["question-mark"] = Rect(q.right + 20, q.y, max(right - q.right - 20, 40), q.h)
    else:
        boxes["slide-title"] = title
        boxes["title-rule"] = Rect(title.x, title.bottom + 8, 120, 5)
        boxes["slide-body"] = field_box(brand, layout, BODY_FIELD.get(layout, "area"))
    return boxes


def deck_css(deck: Deck, orgs: dict[int, OrgLayout]) -> str:
    """Positions for this deck: each used layout's boxes, then per-slide org chart boxes and
    photo focus points (``orgs`` maps a slide number to its org chart layout)."""
    used = sorted({s.layout for s in deck.slides})
    out = ["/* deckgen: where things go on this deck's slides (generated) */"]
    for layout in used:
        for cls, rect in frame_boxes(deck.brand, layout).items():
            out.append(_rule(f".reveal .layout-{layout} > .{cls}", rect))
    for n, slide in enumerate(deck.slides, start=1):
        if n in orgs:
            for i, placed in enumerate(orgs[n].nodes, start=1):
                out.append(_rule(f"#slide-{n} .org-n{i}", placed.rect, f" font-size: {placed.font_px}px;"))
        if isinstance(slide.content, ImageContent):
            fx, fy = (min(max(v, 0.0), 1.0) for v in slide.content.focus)
            out.append(f"#slide-{n} .full-bleed {{ object-position: {fx * 100:.1f}% {fy * 100:.1f}%; }}")
    return "\n".join(out) + "\n"
