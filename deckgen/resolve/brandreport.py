"""``deckgen brand check``: what a loaded brand's master has, which deckgen layout and field
uses each of its layouts and placeholders, and what the mapping misses."""

from __future__ import annotations

from deckgen.geometry import cm_text
from deckgen.layouts import REGISTRY, names
from deckgen.model import Brand
from deckgen.resolve.master import package_kind


def brand_report(brand: Brand) -> list[str]:
    """Lines for ``deckgen brand check``: the master's layouts and placeholders (idx, type,
    name, size in cm), which deckgen layout and field uses each, then what the mapping misses.
    """
    users: dict[tuple[str, int], list[str]] = {}
    layout_users: dict[str, list[str]] = {}
    for layout, mapped in brand.layouts.items():
        layout_users.setdefault(mapped.master_layout, []).append(layout)
        for field_name, idx in mapped.placeholders.items():
            users.setdefault((mapped.master_layout, idx), []).append(f"{layout}.{field_name}")
    kind = package_kind(brand.master)
    if brand.master_path.lower().endswith((".potx", ".ppsx")):
        kind = "PowerPoint template (.potx), accepted and opened as a presentation"
    lines = [
        f"brand {brand.name}: master {brand.master_path} ({kind or 'PowerPoint'}), "
        f"slides {cm_text(brand.slide_width)} x {cm_text(brand.slide_height)} cm",
        "",
        "master layouts:",
    ]
    for name, ml in brand.master_layouts.items():
        used = ", ".join(layout_users.get(name, [])) or "not used"
        lines.append(f"  {name!r}  <- {used}")
        for ph in sorted(ml.placeholders, key=lambda p: p.idx):
            size = f"{cm_text(ph.box.cx)} x {cm_text(ph.box.cy)} cm" if ph.box else "no size"
            font = f", {ph.font_size:g} pt" if ph.font_size else ""
            who = ", ".join(users.get((name, ph.idx), []))
            lines.append(f"    idx {ph.idx:>3}  {ph.type:<8} {ph.name!r}  {size}{font}"
                         + (f"  <- {who}" if who else ""))
    lines += ["", "mapping (deckgen layout -> master layout, field -> idx; why):"]
    for layout in names():
        chosen = brand.layouts.get(layout)
        if chosen is None:
            continue
        fields = ", ".join([f"{f}: {i}" for f, i in chosen.placeholders.items()]
                           + [f"{f}: drawn" for f in chosen.drawn])
        why = f"inferred: {chosen.reason}" if chosen.reason else "brand.yaml"
        lines.append(f"  {layout} -> {chosen.master_layout!r} {{{fields}}}  ({why})")
    lines += ["", "fonts (how text is measured):"]
    lines += [f"  {role}: {how}" for role, how in brand.font_sources.items()] or ["  estimated"]
    lines += ["", "what the mapping misses:"]
    lines += _misses(brand) or ["  nothing: every deckgen layout is mapped, with every field"]
    return lines


def _misses(brand: Brand) -> list[str]:
    out = []
    for layout in names():
        mapped = brand.layouts.get(layout)
        if mapped is None:
            out.append(f"  {layout}: not mapped (decks that use it fail to build)")
            continue
        for field_name in REGISTRY[layout].roles:
            if not mapped.has(field_name):
                out.append(f"  {layout}.{field_name}: not mapped (left out on these slides)")
        ml = brand.master_layouts.get(mapped.master_layout)
        if ml is None:
            out.append(f"  {layout}: master layout {mapped.master_layout!r} is missing")
            continue
        types = {ph.type for ph in ml.placeholders}
        for role, ph_type in (("footer", "ftr"), ("slide number", "sldNum")):
            if ph_type not in types and REGISTRY[layout].footer:
                out.append(f"  {layout}: master layout {ml.name!r} has no {role} placeholder")
    return out

