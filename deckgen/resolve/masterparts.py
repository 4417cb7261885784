"""Reading a master's parts as PowerPoint reads them: what :mod:`deckgen.resolve.master` needs
beyond names and boxes, on already parsed (and already checked) XML.

- **idx as PowerPoint gives it.** ``idx`` is optional in OOXML (LibreOffice leaves it out); a
  placeholder without one is idx 0, so a layout's title, subtitle and body would all be idx 0
  and PowerPoint tells them apart by type and order. :func:`assign_idx` makes that explicit:
  titles keep 0, every other placeholder without an idx gets the first free number (1, 2, …)
  in document order. The reader and the normalised master (what python-pptx opens) use the
  same function, so an idx that ``brand check`` lists is the idx the slides get.
- **Duplicate shape ids** (LibreOffice repeats them) are renumbered within their part
  (:func:`renumber_duplicate_ids`): PowerPoint repairs them on opening, python-pptx and the Open
  XML validator do not.
- The theme's colour and font schemes, the master's own text styles (explicit fonts and
  colours win over the theme's, as in PowerPoint), whether its body style draws bullets, and
  the pictures on it (a logo).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from deckgen.model import Box

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {"a": A, "p": P, "r": R}
TITLE_TYPES = ("title", "ctrTitle")
SCHEME_SLOTS = ("dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3", "accent4",
                "accent5", "accent6")
_SCHEME_ALIASES = {"tx1": "dk1", "bg1": "lt1", "tx2": "dk2", "bg2": "lt2"}


@dataclass(frozen=True, slots=True)
class MasterLook:
    """What one slide master shows: theme colours (slot -> ``#RRGGBB``), fonts and colours of
    its title and body text, its background colour, whether its body text has bullets, and
    the pictures on it (relationship id, x, y, cx, cy in EMU)."""

    name: str
    scheme: dict[str, str] = field(default_factory=dict)
    heading_font: str = ""
    body_font: str = ""
    title_color: str = ""
    body_color: str = ""
    background: str = ""
    bullets: bool = True
    pictures: tuple[tuple[str, int, int, int, int], ...] = ()


def assign_idx(root: etree._Element) -> bool:
    """Give every placeholder of a layout (or master) part without an ``idx`` the idx
    PowerPoint would tell it by (see the module docstring); True if anything changed."""
    phs = list(root.iterfind("p:cSld/p:spTree//p:nvPr/p:ph", NS))
    used = {int(ph.get("idx")) for ph in phs if (ph.get("idx") or "").isdigit()}
    changed = False
    for ph in phs:
        if ph.get("idx") is not None:
            continue
        if ph.get("type", "obj") in TITLE_TYPES:
            continue  # a title is idx 0, written or not
        n = 1
        while n in used:
            n += 1
        used.add(n)
        ph.set("idx", str(n))
        changed = True
    return changed


def renumber_duplicate_ids(root: etree._Element) -> bool:
    """Give shapes whose ``id`` repeats an earlier one in the part a new, unused id."""
    elements = [el for el in root.iter(f"{{{P}}}cNvPr")]
    seen: set[int] = set()
    numbers = [int(el.get("id")) for el in elements if (el.get("id") or "").isdigit()]
    top = max(numbers, default=0)
    changed = False
    for el in elements:
        value = el.get("id") or ""
        if value.isdigit() and int(value) not in seen:
            seen.add(int(value))
            continue
        top += 1
        el.set("id", str(top))
        seen.add(top)
        changed = True
    return changed


def theme_scheme(theme: etree._Element | None) -> tuple[dict[str, str], str, str]:
    """(colour slot -> ``#RRGGBB``, major font, minor font) of a theme part."""
    colors: dict[str, str] = {}
    if theme is None:
        return colors, "", ""
    scheme = theme.find("a:themeElements/a:clrScheme", NS)
    if scheme is not None:
        for slot in SCHEME_SLOTS:
            el = scheme.find(f"a:{slot}", NS)
            value = _color_of(el, {}) if el is not None else ""
            if value:
                colors[slot] = value
    fonts = theme.find("a:themeElements/a:fontScheme", NS)
    major = _typeface(fonts.find("a:majorFont/a:latin", NS)) if fonts is not None else ""
    minor = _typeface(fonts.find("a:minorFont/a:latin", NS)) if fonts is not None else ""
    return colors, major, minor


def master_look(master: etree._Element, scheme: dict[str, str], major: str,
                minor: str) -> MasterLook:
    """The look of one slide master over its theme's scheme and fonts."""
    csld = master.find("p:cSld", NS)
    name = (csld.get("name") if csld is not None else "") or ""
    title = master.find("p:txStyles/p:titleStyle/a:lvl1pPr", NS)
    body = master.find("p:txStyles/p:bodyStyle/a:lvl1pPr", NS)
    heading_font = _style_font(title, major, minor) or major
    body_font = _style_font(body, major, minor) or minor
    pictures = []
    for pic in master.iterfind("p:cSld/p:spTree/p:pic", NS):
        blip = pic.find("p:blipFill/a:blip", NS)
        off, ext = pic.find("p:spPr/a:xfrm/a:off", NS), pic.find("p:spPr/a:xfrm/a:ext", NS)
        rid = blip.get(f"{{{R}}}embed") if blip is not None else None
        if rid and off is not None and ext is not None:
            try:
                pictures.append((rid, int(off.get("x", "0")), int(off.get("y", "0")),
                                 int(ext.get("cx", "0")), int(ext.get("cy", "0"))))
            except ValueError:
                continue
    bg = master.find("p:cSld/p:bg/p:bgPr/a:solidFill", NS)
    bg_ref = master.find("p:cSld/p:bg/p:bgRef", NS)
    background = _color_of(bg, scheme) if bg is not None else ""
    if not background and bg_ref is not None:
        background = _color_of(bg_ref, scheme)
    return MasterLook(
        name=name, scheme=scheme, heading_font=heading_font, body_font=body_font,
        title_color=_style_color(title, scheme), body_color=_style_color(body, scheme),
        background=background, bullets=_has_bullets(body), pictures=tuple(pictures))


def _style_font(ppr: etree._Element | None, major: str, minor: str) -> str:
    if ppr is None:
        return ""
    latin = ppr.find("a:defRPr/a:latin", NS)
    face = _typeface(latin)
    if face == "+mj-lt":
        return major
    if face == "+mn-lt":
        return minor
    return face


def _style_color(ppr: etree._Element | None, scheme: dict[str, str]) -> str:
    if ppr is None:
        return ""
    fill = ppr.find("a:defRPr/a:solidFill", NS)
    return _color_of(fill, scheme) if fill is not None else ""


def _has_bullets(ppr: etree._Element | None) -> bool:
    """Whether level-1 body paragraphs draw a bullet (a character, picture or number)."""
    if ppr is None:
        return False
    return any(ppr.find(f"a:{tag}", NS) is not None for tag in ("buChar", "buAutoNum", "buBlip"))


def _typeface(latin: etree._Element | None) -> str:
    return (latin.get("typeface") or "").strip() if latin is not None else ""


def _color_of(el: etree._Element | None, scheme: dict[str, str]) -> str:
    """The first plain colour inside ``el`` as ``#RRGGBB`` (tints and shades ignored)."""
    if el is None:
        return ""
    for child in el.iter():
        tag = etree.QName(child).localname if isinstance(child.tag, str) else ""
        if tag == "srgbClr":
            value = child.get("val", "")
        elif tag == "sysClr":
            value = child.get("lastClr", "")
        elif tag == "schemeClr":
            slot = _SCHEME_ALIASES.get(child.get("val", ""), child.get("val", ""))
            return scheme.get(slot, "")
        else:
            continue
        if len(value) == 6 and all(c in "0123456789abcdefABCDEF" for c in value):
            return "#" + value.upper()
        return ""
    return ""


# --------------------------------------------------------------------------- shapes' geometry and sizes


def emu_value(value: str | None) -> int:
    """An EMU attribute as a number (0 when absent or empty)."""
    return int(value) if value else 0


def box_of(shape: etree._Element) -> Box | None:
    """A shape's box from its transform (graphic frames keep theirs outside spPr)."""
    xfrm = shape.find("p:spPr/a:xfrm", NS)
    if xfrm is None:
        xfrm = shape.find("p:xfrm", NS)  # graphic frames keep it outside spPr
    if xfrm is None:
        return None
    off, ext = xfrm.find("a:off", NS), xfrm.find("a:ext", NS)
    if off is None or ext is None:
        return None
    try:
        return Box(emu_value(off.get("x")), emu_value(off.get("y")), emu_value(ext.get("cx")),
                   emu_value(ext.get("cy")))
    except ValueError:
        return None


def _sz(ppr: etree._Element | None) -> float | None:
    if ppr is None:
        return None
    rpr = ppr.find("a:defRPr", NS)
    value = rpr.get("sz") if rpr is not None else None
    try:
        return int(value) / 100 if value else None
    except ValueError:
        return None


def level1_size(shape: etree._Element) -> float | None:
    """The level-1 font size a shape's own list style sets, if any."""
    return _sz(shape.find("p:txBody/a:lstStyle/a:lvl1pPr", NS))


def text_style_sizes(master: etree._Element) -> dict[str, float]:
    """Level-1 font sizes of the master's title, body and other text styles."""
    out = {}
    for key, tag in (("title", "titleStyle"), ("body", "bodyStyle"), ("other", "otherStyle")):
        size = _sz(master.find(f"p:txStyles/p:{tag}/a:lvl1pPr", NS))
        if size is not None:
            out[key] = size
    return out
