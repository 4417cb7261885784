"""``brand-mapping``: the brand's master against the brand's mapping, for the layouts a deck
uses.

For each deckgen layout on the deck's slides: the master layout the brand maps it to exists;
every field's placeholder idx exists on it; a text field's placeholder can hold at least one
line of its own text size; a picture's or drawing area's placeholder has a size. Findings
point at the line of ``brand.yaml`` to change (the mapping's ``master:`` or the field's idx).

``resolve`` refuses a brand whose mapping names a layout or idx the master lacks, so on decks
from ``deckgen check`` the first two findings appear for brands loaded some other way; the
size checks apply to every brand (``deckgen brand check`` lists the sizes).
"""

from __future__ import annotations

from collections.abc import Iterator

from deckgen.check.context import CheckContext
from deckgen.check.masterstyle import FrameStyle, placeholder_styles
from deckgen.errors import Diagnostic
from deckgen.geometry import cm_text
from deckgen.model import Brand, Deck, PlaceholderInfo
from deckgen.project import Project

RULE = "brand-mapping"
AREA_FIELDS = ("area",)
PICTURE_FIELDS = ("picture",)
MIN_AREA = (2 * 914400, 914400)  # 2 x 1 in: less and no chart, table or tile grid is legible
MIN_TEXT_WIDTH_EM = 4  # a box narrower than four of its em holds hardly a word


def brand_mapping(ctx: CheckContext) -> Iterator[Diagnostic]:
    """Mapped layouts and placeholders that the master lacks or that are too small."""
    yield from mapping_findings(ctx, {s.layout for s in ctx.deck.slides})


def brand_verdict(brand: Brand, project: Project | None) -> list[Diagnostic]:
    """What ``build`` would find wrong with ``brand`` on a deck using every layout it maps:
    this rule on all of them. ``deckgen brand check`` runs it after loading the brand (the
    same loading a build does), so a brand it passes builds."""
    deck = Deck(name="brand-check", title="", subtitle="", author="", date="", lang="en",
                brand=brand, slides=())
    return list(mapping_findings(CheckContext(deck, project), set(brand.layouts)))


def mapping_findings(ctx: CheckContext, layouts: set[str]) -> Iterator[Diagnostic]:
    """The findings of this rule for ``layouts`` (deckgen layout names)."""
    brand = ctx.deck.brand
    styles = placeholder_styles(brand.master)
    for layout in sorted(layouts):
        mapping = brand.layouts.get(layout)
        if mapping is None:
            continue  # resolve reports a layout the brand does not map
        master = brand.master_layouts.get(mapping.master_layout)
        if master is None:
            have = ", ".join(repr(n) for n in brand.master_layouts) or "none"
            yield Diagnostic(
                ctx.brand_loc("layouts", layout, "master"),
                f"the master has no layout named {mapping.master_layout!r} (mapped for the "
                f"{layout} layout)", "error", f"the master's layouts are: {have}", RULE)
            continue
        for field, idx in mapping.placeholders.items():
            ph = master.placeholder(idx)
            loc = ctx.brand_loc("layouts", layout, "placeholders", field)
            if ph is None:
                have = ", ".join(f"{p.idx} ({p.type})" for p in master.placeholders) or "none"
                yield Diagnostic(
                    loc, f"master layout {master.name!r} has no placeholder idx {idx} (mapped "
                    f"for {layout}.{field})", "error", f"it has idx {have}", RULE)
                continue
            problem = size_problem(field, ph, styles.get(master.name, {}).get(idx))
            if problem is not None:
                yield Diagnostic(
                    loc, f"placeholder idx {idx} ({ph.name!r}) of master layout "
                    f"{master.name!r} {problem} (mapped for {layout}.{field})", "error",
                    "make the placeholder bigger in the master, or map the field to a bigger "
                    "one ('deckgen brand check' lists them)", RULE)


def size_problem(field: str, ph: PlaceholderInfo, style: FrameStyle | None) -> str | None:
    """Why ``ph`` is too small for ``field``, or None."""
    box = ph.box
    if box is None or box.cx <= 0 or box.cy <= 0:
        return "has no size"
    if field in PICTURE_FIELDS:
        return None
    if field in AREA_FIELDS:
        if box.cx < MIN_AREA[0] or box.cy < MIN_AREA[1]:
            return f"is {cm_text(box.cx)} x {cm_text(box.cy)} cm: too small to draw in"
        return None
    level = style.level(0) if style is not None else None
    size = (level.size if level is not None else None) or ph.font_size or 18.0
    insets = style.insets if style is not None else (91440, 45720, 91440, 45720)
    if level is not None and level.line_pts is not None:
        line_pt = level.line_pts
    else:
        pct = level.line_pct if level is not None and level.line_pct is not None else 1.0
        line_pt = 1.2 * size * pct
    one_line = int(line_pt * 12700) + insets[1] + insets[3]
    if box.cy < one_line:
        return (f"is {cm_text(box.cy)} cm high: too small for one line of its {size:g} pt text "
                f"({cm_text(one_line)} cm)")
    if box.cx - insets[0] - insets[2] < MIN_TEXT_WIDTH_EM * size * 12700:
        return f"is {cm_text(box.cx)} cm wide: too narrow for its {size:g} pt text"
    return None

