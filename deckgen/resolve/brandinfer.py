"""Inferring a brand from its master: which master layout each deckgen layout goes on, which
placeholder each field goes into, and the colours, fonts and logo, all from what the package
itself says (:mod:`deckgen.resolve.master`).

Used twice, with the same result: by ``deckgen brand new NAME --from FILE`` (which writes the
choices into brand.yaml, each with its reason as a comment) and at build time for whatever a
brand.yaml leaves out (a brand naming only ``master:`` builds as if ``brand new`` had written
the rest).

Master layouts are classified by their placeholders, not by their names or declared types:
LibreOffice writes every layout with an English name and often a wrong ``type``, and an
organisation's layouts carry names in its own language. A layout is a *title slide* (a centre
title, or a title with a subtitle), a *section header* (its type says so), *title and content*
(a title and one body or content placeholder), *two content*, *comparison*, *picture with
caption* (a picture placeholder), *title only* or *blank*. The first master's layouts are
preferred, then the others'. A deckgen layout whose kind of layout the master lacks is drawn
on the closest one — title and content, else title only, else blank — with its missing fields
as shapes at boxes in :data:`DRAWN` (fractions of the slide).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from deckgen.layouts import REGISTRY
from deckgen.model import Box, LayoutMap, MasterLayout, PlaceholderInfo
from deckgen.resolve.master import MasterPackage

FURNITURE = ("dt", "ftr", "sldNum", "hdr")
TITLES = ("title", "ctrTitle")
TEXT_TYPES = ("body", "obj", "subTitle")

# Boxes of fields drawn as shapes where the master has no placeholder: (x, y, w, h) as
# fractions of the slide.
DRAWN: dict[str, tuple[float, float, float, float]] = {
    "title": (0.06, 0.05, 0.88, 0.15),
    "subtitle": (0.06, 0.56, 0.88, 0.14),
    "byline": (0.06, 0.74, 0.88, 0.10),
    "body": (0.06, 0.24, 0.88, 0.64),
    "area": (0.06, 0.24, 0.88, 0.64),
    "prompt": (0.06, 0.24, 0.76, 0.64),
    "label": (0.06, 0.05, 0.74, 0.15),
    "timer": (0.82, 0.06, 0.12, 0.10),
    "question": (0.10, 0.30, 0.80, 0.40),
    "picture": (0.0, 0.0, 1.0, 1.0),
    "credit": (0.50, 0.92, 0.50, 0.08),
}


@dataclass(frozen=True, slots=True)
class Shape:
    """A master layout's placeholders by role: the title's idx, the text placeholders' idx
    (largest first), the picture placeholders' idx."""

    layout: MasterLayout
    title: int | None
    centre_title: bool
    subtitles: tuple[int, ...]
    texts: tuple[int, ...]  # body/content placeholders, largest first
    pictures: tuple[int, ...]

    @property
    def kind(self) -> str:
        t, n = self.title is not None, len(self.texts)
        if self.pictures and t:
            return "picture with caption"
        if self.layout.kind == "secHead" and t:
            return "section header"
        if t and (self.centre_title or (self.subtitles and n == 0)):
            return "title slide"
        if t and n == 1 and not self.subtitles:
            return "title and content"
        if t and n == 2:
            return "two content"
        if t and n == 4 and self.layout.kind == "twoTxTwoObj":
            return "comparison"
        if t and n == 0 and not self.subtitles:
            return "title only"
        if not t and n == 0 and not self.subtitles and not self.pictures:
            return "blank"
        return "other"


def shape_of(layout: MasterLayout) -> Shape:
    phs = [p for p in layout.placeholders if p.type not in FURNITURE]
    title = next((p for p in phs if p.type in TITLES), None)
    texts = sorted((p for p in phs if p.type in ("body", "obj")), key=_area, reverse=True)
    return Shape(
        layout=layout,
        title=title.idx if title is not None else None,
        centre_title=title is not None and title.type == "ctrTitle",
        subtitles=tuple(p.idx for p in phs if p.type == "subTitle"),
        texts=tuple(p.idx for p in texts),
        pictures=tuple(p.idx for p in phs if p.type == "pic"),
    )


def _area(ph: PlaceholderInfo) -> int:
    return ph.box.cx * ph.box.cy if ph.box is not None else 0


def infer_layouts(pkg: MasterPackage) -> dict[str, LayoutMap]:
    """A mapping for every deckgen layout onto ``pkg``'s layouts, each with its reason."""
    shapes = [shape_of(ml) for ml in sorted(pkg.layouts.values(),
                                            key=lambda m: (m.master, m.position))]
    size = (pkg.slide_width, pkg.slide_height)

    def first(kind: str) -> Shape | None:
        return next((s for s in shapes if s.kind == kind), None)

    out: dict[str, LayoutMap] = {}
    for layout, spec in REGISTRY.items():
        rule = _RULES.get(layout)
        if rule is not None:
            out[layout] = rule(first, size)
            continue
        # A layout without its own rule: its title in the title, its body or drawing area
        # in the body, anything else drawn.
        roles = {r: ("title" if r == "title" else "text" if r in ("body", "area") else "none")
                 for r in spec.roles}
        out[layout] = _on_content(first, size, "title and content", roles, "title and content")
    return out


def _drawn(roles: tuple[str, ...], size: tuple[int, int]) -> dict[str, Box]:
    w, h = size
    out = {}
    for r in roles:
        x, y, bw, bh = DRAWN.get(r, DRAWN["body"])
        out[r] = Box(round(x * w), round(y * h), round(bw * w), round(bh * h))
    return out


Finder = Callable[[str], "Shape | None"]


def _on_content(first: Finder, size: tuple[int, int], want: str, roles: dict[str, str],
                why: str) -> LayoutMap:
    """Map ``roles`` (deckgen field -> 'title' or 'text') onto the first layout of kind
    ``want``, else title and content, else title only, else blank, drawing what is missing."""
    for kind in dict.fromkeys((want, "title and content", "title only", "blank")):
        shape = first(kind)
        if shape is None:
            continue
        phs: dict[str, int] = {}
        texts = list(shape.texts) or list(shape.subtitles)
        for role, source in roles.items():
            if source == "title" and shape.title is not None:
                phs[role] = shape.title
            elif source == "text" and texts:
                phs[role] = texts.pop(0)
        missing = tuple(r for r in roles if r not in phs)
        drawn = _drawn(missing, size)
        if "timer" in drawn:
            drawn["timer"] = _badge_box(shape, size)
        reason = f"{why}: '{shape.layout.name}'"
        if kind != want:
            reason = f"the master has no {want} layout; drawn on '{shape.layout.name}' ({kind})"
        if missing:
            reason += f", with {', '.join(missing)} drawn as shapes"
        return LayoutMap(shape.layout.name, phs, drawn, reason)
    raise AssertionError("read_master_package refuses a master without layouts")


def _badge_box(shape: Shape, size: tuple[int, int]) -> Box:
    """Where a drawn timer badge goes on ``shape``'s layout: right of the title when the title
    leaves room, else below the body, else in the bottom right corner, clear of the title."""
    w, h = size
    bw, bh = round(0.12 * w), round(0.08 * h)
    title = shape.layout.placeholder(shape.title) if shape.title is not None else None
    if title is not None and title.box is not None:
        right = title.box.x + title.box.cx
        if w - right >= bw + round(0.02 * w):
            return Box(w - bw - round(0.03 * w), title.box.y + (title.box.cy - bh) // 2, bw, bh)
    bottoms = [p.box.y + p.box.cy for p in shape.layout.placeholders
               if p.box is not None and p.type not in FURNITURE]
    low = max(bottoms, default=0)
    if h - low >= bh + round(0.1 * h):
        return Box(w - bw - round(0.05 * w), low + round(0.01 * h), bw, bh)
    return Box(w - bw - round(0.05 * w), h - bh - round(0.1 * h), bw, bh)


def _title(first: Finder, size: tuple[int, int]) -> LayoutMap:
    shape = first("title slide")
    if shape is None or shape.title is None:
        return _on_content(first, size, "title slide",
                           {"title": "title", "subtitle": "text", "byline": "text"},
                           "a title slide")
    phs = {"title": shape.title}
    rest = list(shape.subtitles) + list(shape.texts)
    for role in ("subtitle", "byline"):
        if rest:
            phs[role] = rest.pop(0)
    missing = tuple(r for r in ("subtitle", "byline") if r not in phs)
    reason = f"the title slide layout: '{shape.layout.name}'"
    if missing:
        reason += f", with {', '.join(missing)} drawn as shapes"
    drawn = _drawn(missing, size)
    if missing == ("byline",):
        drawn["byline"] = _below(shape, size, drawn["byline"])
    return LayoutMap(shape.layout.name, phs, drawn, reason)


def _below(shape: Shape, size: tuple[int, int], default: Box) -> Box:
    """``default``'s size just below the layout's lowest placeholder (the title slide's
    subtitle, say), if the slide has room there; else ``default``."""
    w, h = size
    bottoms = [p.box.y + p.box.cy for p in shape.layout.placeholders
               if p.box is not None and p.type not in FURNITURE]
    lefts = [p.box.x for p in shape.layout.placeholders
             if p.box is not None and p.type not in FURNITURE]
    y = max(bottoms, default=0) + round(0.01 * h)
    if not bottoms or y + default.cy > round(0.95 * h):
        return default
    x = min(lefts)
    return Box(x, y, max(w - 2 * x, default.cx // 2), default.cy)


def _section(first: Finder, size: tuple[int, int]) -> LayoutMap:
    shape = first("section header")
    if shape is None:
        mapped = _title(first, size)
        fields = {k: v for k, v in mapped.placeholders.items() if k in ("title", "subtitle")}
        drawn = {k: v for k, v in mapped.drawn.items() if k == "subtitle"}
        return LayoutMap(mapped.master_layout, fields, drawn,
                         f"no section header layout; the title slide layout "
                         f"'{mapped.master_layout}' is used")
    assert shape.title is not None
    phs = {"title": shape.title}
    rest = list(shape.texts) + list(shape.subtitles)
    drawn = {} if rest else _drawn(("subtitle",), size)
    if rest:
        phs["subtitle"] = rest[0]
    return LayoutMap(shape.layout.name, phs, drawn,
                     f"the section header layout: '{shape.layout.name}'")


def _content(area: str) -> Callable[[Finder, tuple[int, int]], LayoutMap]:
    def rule(first: Finder, size: tuple[int, int]) -> LayoutMap:
        return _on_content(first, size, "title and content",
                           {"title": "title", area: "text"}, "title and content")
    return rule


def _image(first: Finder, size: tuple[int, int]) -> LayoutMap:
    shape = first("picture with caption")
    if shape is not None:
        phs = {"picture": shape.pictures[0]}
        if shape.title is not None:
            phs["title"] = shape.title
        drawn = {}
        if shape.texts:
            phs["credit"] = shape.texts[-1]
        else:
            drawn = _drawn(("credit",), size)
        return LayoutMap(shape.layout.name, phs, drawn,
                         f"the picture with caption layout: '{shape.layout.name}'")
    for kind in ("title only", "blank", "title and content"):
        shape = first(kind)
        if shape is None:
            continue
        phs = {"title": shape.title} if shape.title is not None else {}
        return LayoutMap(shape.layout.name, phs, _drawn(("picture", "credit"), size),
                         f"the master has no picture layout; the photo is drawn full-bleed on "
                         f"'{shape.layout.name}' ({kind}), its title kept off the slide")
    return _on_content(first, size, "blank", {"picture": "none", "credit": "none"}, "a photo")


def _discussion(first: Finder, size: tuple[int, int]) -> LayoutMap:
    mapped = _on_content(first, size, "title and content",
                         {"label": "title", "prompt": "text", "timer": "none"},
                         "title and content, the timer drawn as a badge")
    return mapped


def _question(first: Finder, size: tuple[int, int]) -> LayoutMap:
    return _on_content(first, size, "title only", {"question": "title"},
                       "the question in the title of the title only layout")


_RULES: dict[str, Callable[[Finder, tuple[int, int]], LayoutMap]] = {
    "title": _title,
    "section": _section,
    "bullets": _content("body"),
    "columns": _content("area"),
    "orgchart": _content("area"),
    "roster": _content("area"),
    "tiles": _content("area"),
    "table": _content("area"),
    "image": _image,
    "image-text": _content("area"),
    "discussion": _discussion,
    "question": _question,
}


# --------------------------------------------------------------------------- colours and fonts


def infer_fonts(pkg: MasterPackage) -> dict[str, str]:
    """heading and body font: the first master's title and body text styles where they name
    a font, else its theme's major and minor fonts (what PowerPoint shows), else Arial."""
    look = pkg.looks[0] if pkg.looks else None
    heading = (look.heading_font if look else "") or "Arial"
    body = (look.body_font if look else "") or heading
    return {"heading": _font_name(heading), "body": _font_name(body)}


def _font_name(name: str) -> str:
    # A theme may name a font list ("Calibri, Arial") or a script-specific alias; keep the
    # first family name and only the characters brand.yaml accepts (model.is_font_name).
    first = name.split(",")[0].strip()
    kept = "".join(c for c in first if c.isalnum() or c in " .-_&+()")
    return kept.strip()[:64] or "Arial"


def infer_colors(pkg: MasterPackage) -> dict[str, tuple[str, str]]:
    """Each colour token -> (``#RRGGBB``, where it came from), from the first master: its
    text and background (its own styles, else the theme's dark 1 and light 1), headings in
    the title style's colour (else dark 2 when it stands out, else accent 1), the accent from
    accent 2, boxes a light tint of the primary colour, and text on coloured fills black or
    white, whichever reads better."""
    look = pkg.looks[0] if pkg.looks else None
    scheme = dict(look.scheme) if look else {}
    out: dict[str, tuple[str, str]] = {}
    background = (look.background if look else "") or scheme.get("lt1") or "#FFFFFF"
    out["background"] = (background, "the master's background" if look and look.background
                         else "theme light 1")
    text = (look.body_color if look else "") or scheme.get("dk1") or "#000000"
    if contrast(text, background) < 4.5:
        text = best_on(background)
    out["text"] = (text, "the body text style" if look and look.body_color else "theme dark 1")
    candidates = [((look.title_color if look else ""), "the title style"),
                  (scheme.get("dk2", ""), "theme dark 2"),
                  (scheme.get("accent1", ""), "theme accent 1")]
    primary = next(((c, why) for c, why in candidates
                    if c and contrast(c, background) >= 3.0 and c != background), (text, "text"))
    out["primary"] = primary
    out["on_primary"] = (best_on(primary[0]), "black or white, whichever reads on primary")
    accent = next(((c, why) for c, why in ((scheme.get("accent2", ""), "theme accent 2"),
                                           (scheme.get("accent1", ""), "theme accent 1"))
                   if c and contrast(c, background) >= 3.0), primary)
    out["accent"] = accent
    out["on_accent"] = (best_on(accent[0]), "black or white, whichever reads on accent")
    out["muted"] = (mix(text, background, 0.3), "text, 30% toward the background")
    out["surface"] = (mix(primary[0], background, 0.9), "primary, 90% toward the background")
    return out


def _rgb(color: str) -> tuple[int, int, int]:
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def mix(a: str, b: str, share_b: float) -> str:
    """``a`` moved ``share_b`` of the way toward ``b``."""
    ra, rb = _rgb(a), _rgb(b)
    return "#" + "".join(f"{round(x + (y - x) * share_b):02X}" for x, y in zip(ra, rb, strict=True))


def _luminance(color: str) -> float:
    def channel(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(v) for v in _rgb(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two colours."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def best_on(fill: str) -> str:
    return "#000000" if contrast("#000000", fill) >= contrast("#FFFFFF", fill) else "#FFFFFF"
