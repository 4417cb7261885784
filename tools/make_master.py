"""Build a brand's PowerPoint master (``BRAND_DIR/master.pptx``) from scratch.

The package is written part by part as our own OOXML (PresentationML + DrawingML): a theme
whose colour and font schemes come from ``brand.yaml``, one slide master with the text styles,
the footer/slide-number placeholders and the logo, and one slide layout per entry of
:data:`LAYOUTS` below. There are no slides: deckgen adds them.

The layout names and the placeholder idx values must match ``brand.yaml`` (``layouts:`` and
``footer_placeholders:``), because deckgen picks layouts by name and fills placeholders by idx;
:func:`check_mapping` refuses to write a master that would not satisfy the brand's mapping.

Output is byte-for-byte reproducible: fixed part order, fixed zip timestamps (1980-01-01),
fixed ids and GUIDs (derived from names with uuid5), no dates in the document properties.

Usage: ``python tools/make_master.py BRAND_DIR``
"""

from __future__ import annotations

import struct
import sys
import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import yaml

# --------------------------------------------------------------------------- units and sizes

EMU_PER_CM = 360000
SLIDE_SIZES = {"16:9": (12192000, 6858000), "4:3": (9144000, 6858000)}
NOTES_SIZE = (6858000, 9144000)
LANG = "nb-NO"

NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NS_DECL = f'xmlns:a="{NS_A}" xmlns:r="{NS_R}" xmlns:p="{NS_P}"'
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL_OFFICE_DOC = f"{RT}/officeDocument"
REL_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
REL_APP = f"{RT}/extended-properties"
REL_MASTER = f"{RT}/slideMaster"
REL_LAYOUT = f"{RT}/slideLayout"
REL_THEME = f"{RT}/theme"
REL_IMAGE = f"{RT}/image"
REL_PRES_PROPS = f"{RT}/presProps"
REL_VIEW_PROPS = f"{RT}/viewProps"
REL_TABLE_STYLES = f"{RT}/tableStyles"

CT = "application/vnd.openxmlformats-officedocument"
CT_PRES = f"{CT}.presentationml.presentation.main+xml"
CT_MASTER = f"{CT}.presentationml.slideMaster+xml"
CT_LAYOUT = f"{CT}.presentationml.slideLayout+xml"
CT_THEME = f"{CT}.theme+xml"
CT_PRES_PROPS = f"{CT}.presentationml.presProps+xml"
CT_VIEW_PROPS = f"{CT}.presentationml.viewProps+xml"
CT_TABLE_STYLES = f"{CT}.presentationml.tableStyles+xml"
CT_CORE = "application/vnd.openxmlformats-package.core-properties+xml"
CT_APP = f"{CT}.extended-properties+xml"

# PowerPoint's own id for "no table style chosen yet" is a GUID the format defines for the
# built-in Medium Style 2 - Accent 1; tableStyles.xml must name a default.
DEFAULT_TABLE_STYLE = "{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"

ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def cm(value: float) -> int:
    """Centimetres to EMU, rounded to a whole EMU."""
    return round(value * EMU_PER_CM)


def guid(name: str) -> str:
    """A stable ``{GUID}`` for a field id: the same name gives the same GUID every run."""
    return "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, "deckgen:" + name)).upper() + "}"


# --------------------------------------------------------------------------- the design


@dataclass(frozen=True)
class Ph:
    """A placeholder on a layout (or the master).

    ``box`` is (x, y, cx, cy) in cm, or None to inherit the master's placeholder geometry.
    ``text`` is the prompt PowerPoint shows in an empty placeholder. ``lst`` is extra
    level-1 paragraph XML (a:pPr children and attributes are built by :func:`lvl_ppr`).
    """

    kind: str  # ST_PlaceholderType
    idx: int
    name: str
    box: tuple[float, float, float, float] | None = None
    text: str = ""
    size: int | None = None  # font size in points for level 1
    bold: bool | None = None
    color: str | None = None  # scheme colour name (tx1, tx2, bg1, bg2, accent2…)
    align: str | None = None  # l, ctr, r
    anchor: str | None = None  # t, ctr, b
    bullets: bool = True  # False: no bullet and no hanging indent (single-level text)
    fill: str | None = None  # scheme colour of the shape fill
    fill_alpha: int | None = None  # 0..100 percent opacity of the fill
    insets: tuple[float, float, float, float] | None = None  # l, t, r, b in cm
    autofit: str | None = None  # "norm" (shrink text on overflow) or None
    wrap: bool = True


@dataclass(frozen=True)
class Deco:
    """A non-placeholder rectangle drawn on a layout (accent rules, bands)."""

    name: str
    box: tuple[float, float, float, float]
    color: str  # scheme colour


@dataclass(frozen=True)
class Layout:
    name: str
    type: str  # ST_SlideLayoutType
    placeholders: tuple[Ph, ...]
    background: str | None = None  # scheme colour; None = the master's (white)
    decos: tuple[Deco, ...] = ()
    show_master_shapes: bool = True  # the logo


@dataclass
class Design:
    """The geometry of one slide size; all positions in cm."""

    width: float
    height: float
    margin: float = 1.6
    layouts: list[Layout] = field(default_factory=list)
    master_placeholders: tuple[Ph, ...] = ()  # what content layouts inherit
    logo_box: tuple[float, float, float] = (0.0, 0.0, 0.0)  # x, y, width; height from the PNG


def footer_phs(w: float, h: float, m: float) -> tuple[Ph, Ph]:
    """Footer text bottom-left and slide number bottom-right (layouts inherit the boxes)."""
    return (
        Ph("ftr", 11, "Bunntekst", (m, h - 1.45, w * 0.6, 0.9), size=10, color="tx1",
           anchor="ctr", bullets=False),
        Ph("sldNum", 12, "Lysbildenummer", (w - m - 3.0, h - 1.45, 3.0, 0.9), size=10,
           color="tx2", align="r", anchor="ctr", bullets=False, bold=True),
    )


def design(slide_size: str) -> Design:
    """The layouts of a clean KS-style deck for ``slide_size``."""
    w, h = SLIDE_SIZES[slide_size][0] / EMU_PER_CM, SLIDE_SIZES[slide_size][1] / EMU_PER_CM
    m = 1.6
    d = Design(w, h, m)
    inner = w - 2 * m
    logo_w = 2.2
    text_in = 0.254  # PowerPoint's default left inset: rules line up with the text, not the box
    title_w = inner - logo_w - 0.8  # leave the logo its corner
    ftr, num = footer_phs(w, h, m)
    ftr_i = Ph("ftr", 11, "Bunntekst")
    num_i = Ph("sldNum", 12, "Lysbildenummer")
    rule = Deco("Aksentlinje", (m + text_in, 3.55, 2.4, 0.14), "accent2")
    band = Deco("Aksentstripe", (0, h - 0.35, w, 0.35), "accent2")  # foot of dark slides

    d.layouts = [
        Layout(
            "Tittellysbilde", "title", background="tx2",
            placeholders=(
                Ph("ctrTitle", 0, "Tittel", (m + 0.9, h * 0.26, title_w - 0.9, 4.6),
                   text="Klikk for å legge til tittel", size=44, bold=True, color="bg1",
                   anchor="b", autofit="norm"),
                Ph("subTitle", 1, "Undertittel", (m + 0.9, h * 0.26 + 5.5, inner - 0.9, 2.6),
                   text="Klikk for å legge til undertittel", size=24, bold=False,
                   color="bg1", anchor="t", bullets=False),
                Ph("body", 13, "Møte, sted og dato", (m + 0.9, h - 3.2, inner - 0.9, 1.2),
                   text="Møte, sted og dato", size=16, color="bg2", anchor="b",
                   bullets=False),
            ),
            decos=(Deco("Aksentlinje", (m + 0.9 + text_in, h * 0.26 + 4.95, 3.2, 0.22),
                        "accent2"), band),
        ),
        Layout(
            "Deloverskrift", "secHead", background="tx2",
            placeholders=(
                Ph("title", 0, "Tittel", (m + 0.9, h * 0.30, title_w - 0.9, 4.0),
                   text="Klikk for å legge til overskrift", size=40, bold=True, color="bg1",
                   anchor="b", autofit="norm"),
                Ph("body", 1, "Undertittel", (m + 0.9, h * 0.30 + 4.9, inner - 0.9, 3.0),
                   text="Klikk for å legge til tekst", size=22, color="bg2", anchor="t",
                   bullets=False),
            ),
            decos=(Deco("Aksentlinje", (m + 0.9 + text_in, h * 0.30 + 4.35, 3.2, 0.22),
                        "accent2"), band),
        ),
        Layout(
            "Tittel og innhold", "obj",
            placeholders=(
                Ph("title", 0, "Tittel", text="Klikk for å legge til tittel"),
                Ph("body", 1, "Innhold", text="", bullets=True),
                ftr_i, num_i,
            ),
            decos=(rule,),
        ),
        Layout(
            "Bilde", "picTx", show_master_shapes=False,
            placeholders=(
                # Above the visible slide: screen readers and the outline still get a title.
                Ph("title", 0, "Skjult tittel", (m, -3.0, inner, 2.0),
                   text="Skjult tittel (vises ikke)", size=24),
                Ph("pic", 13, "Bilde", (0, 0, w, h), text="Klikk ikonet for å legge til bilde",
                   bullets=False, anchor="ctr", align="ctr", size=18, color="tx1"),
                Ph("body", 14, "Fotokreditt", (w - 9.0, h - 1.1, 9.0, 1.1),
                   text="Foto: navn", size=11, color="bg1", align="r", anchor="ctr",
                   bullets=False, fill="tx1", fill_alpha=40,
                   insets=(0.3, 0.1, 0.6, 0.1)),
            ),
        ),
        Layout(
            "Diskusjon", "obj",
            placeholders=(
                Ph("title", 0, "Oppgave", (m, 1.0, title_w - 2.2, 2.4),
                   text="Diskuter i 3 minutter:", size=24, bold=True, color="accent2",
                   anchor="b"),
                Ph("body", 1, "Spørsmål", (m, 4.6, inner, h - 4.6 - 2.6),
                   text="Klikk for å skrive spørsmålet", size=36, bold=True, color="tx2",
                   anchor="ctr", bullets=False, autofit="norm"),
                # Under the logo, its right edge in line with the logo's.
                Ph("body", 15, "Tidtaker", (w - m - 4.4, 2.2, 4.4, 1.25),
                   text="3 min", size=20, bold=True, color="bg1", align="ctr",
                   anchor="ctr", bullets=False, fill="accent2", wrap=False),
                ftr_i, num_i,
            ),
            decos=(rule,),
        ),
        Layout(
            "Spørsmål", "titleOnly",
            placeholders=(
                Ph("title", 0, "Spørsmål", (m + 1.5, 3.2, inner - 3.0, h - 3.2 - 4.4),
                   text="Klikk for å skrive spørsmålet", size=44, bold=True, color="tx2",
                   align="ctr", anchor="ctr", autofit="norm"),
                ftr_i, num_i,
            ),
            decos=(Deco("Aksentlinje", (w / 2 - 1.6, h - 4.0, 3.2, 0.22), "accent2"),),
        ),
        Layout("Tom", "blank", placeholders=(ftr_i, num_i)),
    ]
    # The master's own placeholders: what content layouts inherit.
    d.master_placeholders = (
        Ph("title", 0, "Tittel", (m, 0.9, title_w, 2.5), text="Klikk for å redigere tittel",
           anchor="b", autofit="norm"),
        Ph("body", 1, "Innhold", (m, 4.3, inner, h - 4.3 - 2.2),
           text="Klikk for å redigere tekststiler i malen"),
        ftr, num,
    )
    d.logo_box = (w - m - logo_w, 0.8, logo_w)
    return d


# Bullet levels of the body style: (left margin cm, hanging indent cm, bullet, size pt).
BODY_LEVELS = (
    (0.75, 0.75, "•", 24),
    (1.75, 0.7, "–", 20),
    (2.65, 0.6, "•", 18),
    (3.5, 0.55, "–", 16),
    (4.3, 0.5, "»", 16),
)


# --------------------------------------------------------------------------- brand input


def hex6(value: str) -> str:
    """``#RRGGBB`` -> ``RRGGBB`` (upper case), refusing anything else."""
    text = str(value).strip()
    if len(text) != 7 or text[0] != "#" or any(c not in "0123456789abcdefABCDEF" for c in text[1:]):
        raise SystemExit(f"brand.yaml: colour {value!r} is not #RRGGBB")
    return text[1:].upper()


def mix(a: str, b: str, t: float) -> str:
    """The colour ``t`` of the way from ``a`` to ``b`` (both RRGGBB)."""
    ca = [int(a[i : i + 2], 16) for i in (0, 2, 4)]
    cb = [int(b[i : i + 2], 16) for i in (0, 2, 4)]
    return "".join(f"{round(x + (y - x) * t):02X}" for x, y in zip(ca, cb, strict=True))


def scheme_colors(colors: dict[str, str]) -> list[tuple[str, str]]:
    """The theme's 12 colour slots from the brand tokens.

    dk1/lt1 are text and background, dk2/lt2 primary and surface (so ``tx2`` is the heading
    colour and ``bg2`` a soft tint), accent1 the primary and accent2 the accent (charts and
    shapes start from accent1), accent3..6 derived tints so charts get distinct but on-brand
    series colours, hyperlinks in the primary colour.
    """
    c = {k: hex6(v) for k, v in colors.items()}
    return [
        ("dk1", c["text"]),
        ("lt1", c["background"]),
        ("dk2", c["primary"]),
        ("lt2", c["surface"]),
        ("accent1", c["primary"]),
        ("accent2", c["accent"]),
        ("accent3", c["muted"]),
        ("accent4", mix(c["primary"], "FFFFFF", 0.45)),
        ("accent5", mix(c["accent"], "FFFFFF", 0.45)),
        ("accent6", mix(c["muted"], "FFFFFF", 0.5)),
        ("hlink", mix(c["primary"], "1060C0", 0.5)),
        ("folHlink", c["muted"]),
    ]


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk (the logo must be a PNG)."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        raise SystemExit("make_master: the logo must be a PNG file")
    return struct.unpack(">II", data[16:24])


def check_mapping(brand: dict, d: Design) -> None:
    """Refuse to build a master that lacks a layout or idx that brand.yaml maps to."""
    by_name = {lay.name: {ph.idx for ph in lay.placeholders} for lay in d.layouts}
    problems = []
    for key, entry in (brand.get("layouts") or {}).items():
        name = entry["master"]
        if name not in by_name:
            problems.append(f"layouts.{key}: master layout {name!r} is not designed")
            continue
        for field_name, idx in (entry.get("placeholders") or {}).items():
            if idx not in by_name[name]:
                problems.append(f"layouts.{key}.{field_name}: idx {idx} not on {name!r}")
    if problems:
        raise SystemExit("make_master: brand.yaml does not fit the design:\n  " +
                         "\n  ".join(problems))


# --------------------------------------------------------------------------- XML pieces


def srgb_or_scheme(color: str, alpha: int | None = None) -> str:
    """A colour element: a scheme colour name or RRGGBB, with an optional alpha (percent)."""
    inner = f'<a:alpha val="{alpha * 1000}"/>' if alpha is not None else ""
    if len(color) == 6 and all(c in "0123456789ABCDEF" for c in color):
        return f'<a:srgbClr val="{color}">{inner}</a:srgbClr>'
    return f'<a:schemeClr val="{color}">{inner}</a:schemeClr>'


def xfrm(box: tuple[float, float, float, float]) -> str:
    x, y, cx, cy = box
    return f'<a:xfrm><a:off x="{cm(x)}" y="{cm(y)}"/><a:ext cx="{cm(cx)}" cy="{cm(cy)}"/></a:xfrm>'


def def_rpr(size: int | None = None, bold: bool | None = None, color: str | None = None,
            font: str | None = None) -> str:
    """``a:defRPr`` with size (pt), bold, colour and a theme font (+mj-lt / +mn-lt)."""
    attrs = ""
    if size is not None:
        attrs += f' sz="{size * 100}"'
    if bold is not None:
        attrs += f' b="{1 if bold else 0}"'
    kids = ""
    if color is not None:
        kids += f"<a:solidFill>{srgb_or_scheme(color)}</a:solidFill>"
    if font is not None:
        kids += f'<a:latin typeface="{font}"/><a:ea typeface="{font.replace("lt", "ea")}"/>'
        kids += f'<a:cs typeface="{font.replace("lt", "cs")}"/>'
    return f"<a:defRPr{attrs}>{kids}</a:defRPr>" if kids else f"<a:defRPr{attrs}/>"


def lvl_ppr(level: int, *, mar_l: float | None = None, indent: float | None = None,
            align: str | None = None, bullet: str | None = None, no_bullet: bool = False,
            space_before: int | None = None, line: int | None = None, rpr: str = "") -> str:
    """One ``a:lvlNpPr`` (level 1-based) with children in schema order."""
    attrs = ""
    if mar_l is not None:
        attrs += f' marL="{cm(mar_l)}"'
    if indent is not None:
        attrs += f' indent="{cm(indent)}"'
    if align is not None:
        attrs += f' algn="{align}"'
    kids = ""
    if line is not None:
        kids += f'<a:lnSpc><a:spcPct val="{line * 1000}"/></a:lnSpc>'
    if space_before is not None:
        kids += f'<a:spcBef><a:spcPts val="{space_before * 100}"/></a:spcBef>'
    if bullet is not None:
        kids += '<a:buClr><a:schemeClr val="accent2"/></a:buClr>'
        kids += '<a:buFont typeface="Arial" panose="020B0604020202020204"/>'
        kids += f"<a:buChar char={quoteattr(bullet)}/>"
    elif no_bullet:
        kids += "<a:buNone/>"
    kids += rpr
    return f"<a:lvl{level}pPr{attrs}>{kids}</a:lvl{level}pPr>"


def ph_lst_style(ph: Ph) -> str:
    """The layout-level list style of a placeholder: level-1 overrides from the design."""
    if ph.size is None and ph.bold is None and ph.color is None and ph.align is None \
            and ph.bullets:
        return "<a:lstStyle/>"
    rpr = def_rpr(ph.size, ph.bold, ph.color)
    if ph.bullets:
        ppr = lvl_ppr(1, align=ph.align, rpr=rpr)
    else:
        ppr = lvl_ppr(1, mar_l=0, indent=0, align=ph.align, no_bullet=True, rpr=rpr)
    return f"<a:lstStyle>{ppr}</a:lstStyle>"


def body_pr(ph: Ph) -> str:
    attrs = ' vert="horz"'
    if not ph.wrap:
        attrs += ' wrap="none"'
    if ph.insets is not None:
        left, top, right, bottom = ph.insets
        attrs += f' lIns="{cm(left)}" tIns="{cm(top)}" rIns="{cm(right)}" bIns="{cm(bottom)}"'
    if ph.anchor is not None:
        attrs += f' anchor="{ph.anchor}"'
    kid = "<a:normAutofit/>" if ph.autofit == "norm" else ""
    return f"<a:bodyPr{attrs}>{kid}</a:bodyPr>" if kid else f"<a:bodyPr{attrs}/>"


def run(text: str) -> str:
    return f'<a:r><a:rPr lang="{LANG}" dirty="0"/><a:t>{escape(text)}</a:t></a:r>'


def placeholder_paras(ph: Ph, master_body: bool = False) -> str:
    """Prompt paragraphs: the master body shows all five levels, others their prompt."""
    end = f'<a:endParaRPr lang="{LANG}" dirty="0"/>'
    if ph.kind == "sldNum":
        return (f'<a:p><a:fld id="{guid("slidenum")}" type="slidenum">'
                f'<a:rPr lang="{LANG}"/><a:t>‹#›</a:t></a:fld>{end}</a:p>')
    if master_body:
        names = ["Klikk for å redigere tekststiler i malen", "Andre nivå", "Tredje nivå",
                 "Fjerde nivå", "Femte nivå"]
        out = ""
        for i, text in enumerate(names):
            ppr = f'<a:pPr lvl="{i}"/>' if i else ""
            out += f"<a:p>{ppr}{run(text)}</a:p>"
        return out
    if ph.text:
        return f"<a:p>{run(ph.text)}{end}</a:p>"
    return f"<a:p>{end}</a:p>"


def ph_sp(ph: Ph, shape_id: int, *, on_master: bool = False, master_body: bool = False) -> str:
    """A placeholder ``p:sp``. On the master the text styles come from txStyles, so the
    placeholder carries no list style of its own except for footer and slide number."""
    idx_attr = f' idx="{ph.idx}"' if ph.idx else ""
    type_attr = f' type="{ph.kind}"' if ph.kind != "obj" else ""
    extra = ' sz="quarter"' if ph.kind in ("ftr", "sldNum", "dt") else ""
    if not on_master and ph.text:
        extra += ' hasCustomPrompt="1"'
    aspect = ' noChangeAspect="1"' if ph.kind == "pic" else ""
    locks = f'<a:spLocks noGrp="1"{aspect}/>'
    sppr = ""
    if ph.box is not None:
        sppr += xfrm(ph.box)
    if ph.fill is not None or ph.box is not None and on_master:
        # A plain rectangle: LibreOffice does not inherit other shapes from a layout.
        sppr += '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
    if ph.fill is not None:
        sppr += f"<a:solidFill>{srgb_or_scheme(ph.fill, ph.fill_alpha)}</a:solidFill>"
    # On the master, txStyles carry the text look; only footer and number have their own.
    plain_master = on_master and ph.kind not in ("ftr", "sldNum")
    lst = "<a:lstStyle/>" if plain_master else ph_lst_style(ph)
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name={quoteattr(ph.name)}/>'
        f"<p:cNvSpPr>{locks}</p:cNvSpPr>"
        f"<p:nvPr><p:ph{type_attr}{extra}{idx_attr}/></p:nvPr></p:nvSpPr>"
        f"<p:spPr>{sppr}</p:spPr>"
        f"<p:txBody>{body_pr(ph)}{lst}{placeholder_paras(ph, master_body)}</p:txBody></p:sp>"
    )


def deco_sp(deco: Deco, shape_id: int) -> str:
    """A plain filled rectangle with no outline and no text (an accent rule)."""
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name={quoteattr(deco.name)}/>'
        f"<p:cNvSpPr/><p:nvPr userDrawn=\"1\"/></p:nvSpPr>"
        f'<p:spPr>{xfrm(deco.box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        f"<a:solidFill>{srgb_or_scheme(deco.color)}</a:solidFill><a:ln><a:noFill/></a:ln>"
        f"</p:spPr>"
        f'<p:txBody><a:bodyPr rtlCol="0" anchor="ctr"/><a:lstStyle/><a:p>'
        f'<a:endParaRPr lang="{LANG}" dirty="0"/></a:p></p:txBody></p:sp>'
    )


GROUP_HEAD = (
    '<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
    '<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/>'
    '<a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>'
)


def background(color: str) -> str:
    return (f"<p:bg><p:bgPr><a:solidFill>{srgb_or_scheme(color)}</a:solidFill>"
            f"<a:effectLst/></p:bgPr></p:bg>")


# --------------------------------------------------------------------------- parts


def theme_xml(name: str, colors: list[tuple[str, str]], heading: str, body: str) -> str:
    """The theme: the brand's colour and font schemes, and a plain format scheme."""
    clr = "".join(
        f"<a:{slot}><a:srgbClr val=\"{value}\"/></a:{slot}>" for slot, value in colors
    )

    def solid(color: str = "phClr") -> str:
        return f'<a:solidFill><a:schemeClr val="{color}"/></a:solidFill>'

    lines = "".join(
        f'<a:ln w="{w}" cap="flat" cmpd="sng" algn="ctr">{solid()}'
        f'<a:prstDash val="solid"/><a:miter lim="800000"/></a:ln>'
        for w in (6350, 12700, 19050)
    )
    effects = "<a:effectStyle><a:effectLst/></a:effectStyle>" * 3
    return (
        f'{XML_HEAD}<a:theme xmlns:a="{NS_A}" name={quoteattr(name)}><a:themeElements>'
        f"<a:clrScheme name={quoteattr(name)}>{clr}</a:clrScheme>"
        f"<a:fontScheme name={quoteattr(name)}>"
        f'<a:majorFont><a:latin typeface={quoteattr(heading)}/><a:ea typeface=""/>'
        f'<a:cs typeface=""/></a:majorFont>'
        f'<a:minorFont><a:latin typeface={quoteattr(body)}/><a:ea typeface=""/>'
        f'<a:cs typeface=""/></a:minorFont></a:fontScheme>'
        f"<a:fmtScheme name={quoteattr(name)}>"
        f"<a:fillStyleLst>{solid()}{solid()}{solid()}</a:fillStyleLst>"
        f"<a:lnStyleLst>{lines}</a:lnStyleLst>"
        f"<a:effectStyleLst>{effects}</a:effectStyleLst>"
        f"<a:bgFillStyleLst>{solid()}{solid()}{solid()}</a:bgFillStyleLst>"
        f"</a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>"
    )


def text_styles() -> str:
    """The master's title, body and other text styles: brand fonts, sizes, bullets."""
    title = lvl_ppr(1, align="l", line=90, rpr=def_rpr(32, True, "tx2", "+mj-lt"))
    body = ""
    for i, (mar, hang, char, size) in enumerate(BODY_LEVELS, start=1):
        body += lvl_ppr(i, mar_l=mar, indent=-hang, align="l", bullet=char,
                        space_before=10 if i == 1 else 5, line=100,
                        rpr=def_rpr(size, False, "tx1", "+mn-lt"))
    other = '<a:defPPr><a:defRPr lang="nb-NO"/></a:defPPr>'
    other += lvl_ppr(1, mar_l=0, align="l", rpr=def_rpr(18, None, "tx1", "+mn-lt"))
    return (f"<p:txStyles><p:titleStyle>{title}</p:titleStyle>"
            f"<p:bodyStyle>{body}</p:bodyStyle><p:otherStyle>{other}</p:otherStyle>"
            f"</p:txStyles>")


CLR_MAP = ('<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" '
           'accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5" '
           'accent6="accent6" hlink="hlink" folHlink="folHlink"/>')

FIRST_LAYOUT_ID = 2147483649  # ids of master and layouts share one space above 2^31


def master_xml(d: Design, n_layouts: int, logo: tuple[str, int, int] | None) -> str:
    """The slide master: background, placeholders, the logo, the layout list, text styles."""
    shapes = ""
    sid = 2
    for ph in d.master_placeholders:
        shapes += ph_sp(ph, sid, on_master=True, master_body=ph.kind == "body")
        sid += 1
    if logo is not None:
        rid, px_w, px_h = logo
        x, y, cx = d.logo_box
        cy = cx * px_h / px_w
        shapes += (
            f'<p:pic><p:nvPicPr><p:cNvPr id="{sid}" name="Logo" descr="Logo"/>'
            f'<p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr>'
            f'<p:nvPr userDrawn="1"/></p:nvPicPr>'
            f'<p:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch>'
            f"</p:blipFill><p:spPr>{xfrm((x, y, cx, cy))}"
            f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>'
        )
    ids = "".join(
        f'<p:sldLayoutId id="{FIRST_LAYOUT_ID + i}" r:id="rId{i + 1}"/>'
        for i in range(n_layouts)
    )
    return (
        f"{XML_HEAD}<p:sldMaster {NS_DECL}><p:cSld>{background('bg1')}"
        f"<p:spTree>{GROUP_HEAD}{shapes}</p:spTree></p:cSld>{CLR_MAP}"
        f"<p:sldLayoutIdLst>{ids}</p:sldLayoutIdLst>"
        f'<p:hf hdr="0" dt="0"/>{text_styles()}</p:sldMaster>'
    )


def layout_xml(lay: Layout) -> str:
    """One slide layout: placeholders (idx as designed), accent shapes, background."""
    shapes = ""
    sid = 2
    for deco in lay.decos:
        shapes += deco_sp(deco, sid)
        sid += 1
    for ph in lay.placeholders:
        shapes += ph_sp(ph, sid)
        sid += 1
    show = "" if lay.show_master_shapes else ' showMasterSp="0"'
    bg = background(lay.background) if lay.background else ""
    return (
        f'{XML_HEAD}<p:sldLayout {NS_DECL}{show} type="{lay.type}" preserve="1">'
        f"<p:cSld name={quoteattr(lay.name)}>{bg}<p:spTree>{GROUP_HEAD}{shapes}</p:spTree>"
        f"</p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>"
    )


def presentation_xml(slide_size: str) -> str:
    cx, cy = SLIDE_SIZES[slide_size]
    size_type = ' type="screen4x3"' if slide_size == "4:3" else ""
    default_style = '<a:defPPr><a:defRPr lang="nb-NO"/></a:defPPr>' + "".join(
        lvl_ppr(i, mar_l=(i - 1) * 1.27, align="l", rpr=def_rpr(18, None, "tx1", "+mn-lt"))
        for i in range(1, 10)
    )
    return (
        f'{XML_HEAD}<p:presentation {NS_DECL} saveSubsetFonts="1">'
        f'<p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rId1"/></p:sldMasterIdLst>'
        f'<p:sldSz cx="{cx}" cy="{cy}"{size_type}/>'
        f'<p:notesSz cx="{NOTES_SIZE[0]}" cy="{NOTES_SIZE[1]}"/>'
        f"<p:defaultTextStyle>{default_style}</p:defaultTextStyle></p:presentation>"
    )


def rels_xml(rels: list[tuple[str, str, str]]) -> str:
    body = "".join(
        f'<Relationship Id="{rid}" Type="{typ}" Target="{target}"/>' for rid, typ, target in rels
    )
    return (f'{XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'relationships">{body}</Relationships>')


def content_types_xml(overrides: list[tuple[str, str]], image_ext: str | None) -> str:
    defaults = [("rels", "application/vnd.openxmlformats-package.relationships+xml"),
                ("xml", "application/xml")]
    if image_ext:
        defaults.append(("png", "image/png"))
    body = "".join(f'<Default Extension="{e}" ContentType="{t}"/>' for e, t in defaults)
    body += "".join(f'<Override PartName="{p}" ContentType="{t}"/>' for p, t in overrides)
    return (f'{XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'content-types">{body}</Types>')


def core_xml(title: str) -> str:
    """Core properties with no author and no dates: deckgen fills them per deck."""
    return (
        f'{XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/'
        f'2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        f'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
        f'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(title)}</dc:title></cp:coreProperties>"
    )


def app_xml(slide_size: str) -> str:
    """Extended properties: only what PowerPoint shows; no template name, no company."""
    fmt = "Widescreen" if slide_size == "16:9" else "On-screen Show (4:3)"
    return (
        f'{XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'docPropsVTypes"><Application>deckgen</Application><PresentationFormat>'
        f"{fmt}</PresentationFormat><Slides>0</Slides></Properties>"
    )


PRES_PROPS = f"{XML_HEAD}<p:presentationPr {NS_DECL}/>"
VIEW_PROPS = (f'{XML_HEAD}<p:viewPr {NS_DECL}><p:normalViewPr><p:restoredLeft sz="15620"/>'
              f'<p:restoredTop sz="94660"/></p:normalViewPr><p:gridSpacing cx="72008" '
              f'cy="72008"/></p:viewPr>')
TABLE_STYLES = f'{XML_HEAD}<a:tblStyleLst xmlns:a="{NS_A}" def="{DEFAULT_TABLE_STYLE}"/>'


# --------------------------------------------------------------------------- the package


def build_parts(brand: dict, brand_dir: Path) -> list[tuple[str, bytes]]:
    """Every part of the package, in the order they are written."""
    size = str(brand.get("slide_size", "16:9"))
    if size not in SLIDE_SIZES:
        raise SystemExit(f"brand.yaml: slide_size {size!r} is not one of {sorted(SLIDE_SIZES)}")
    d = design(size)
    check_mapping(brand, d)
    name = str(brand.get("name", brand_dir.name))
    fonts = brand.get("fonts") or {}
    colors = scheme_colors(brand["colors"])

    logo_data = None
    if brand.get("logo"):
        logo_data = (brand_dir / str(brand["logo"])).read_bytes()

    parts: list[tuple[str, str | bytes]] = []
    n = len(d.layouts)
    overrides = [
        ("/ppt/presentation.xml", CT_PRES),
        ("/ppt/slideMasters/slideMaster1.xml", CT_MASTER),
        *[(f"/ppt/slideLayouts/slideLayout{i + 1}.xml", CT_LAYOUT) for i in range(n)],
        ("/ppt/theme/theme1.xml", CT_THEME),
        ("/ppt/presProps.xml", CT_PRES_PROPS),
        ("/ppt/viewProps.xml", CT_VIEW_PROPS),
        ("/ppt/tableStyles.xml", CT_TABLE_STYLES),
        ("/docProps/core.xml", CT_CORE),
        ("/docProps/app.xml", CT_APP),
    ]
    image_ext = "png" if logo_data else None
    parts.append(("[Content_Types].xml", content_types_xml(overrides, image_ext)))
    parts.append(("_rels/.rels", rels_xml([
        ("rId1", REL_OFFICE_DOC, "ppt/presentation.xml"),
        ("rId2", REL_CORE, "docProps/core.xml"),
        ("rId3", REL_APP, "docProps/app.xml"),
    ])))
    parts.append(("docProps/core.xml", core_xml(name)))
    parts.append(("docProps/app.xml", app_xml(size)))
    parts.append(("ppt/presentation.xml", presentation_xml(size)))
    parts.append(("ppt/_rels/presentation.xml.rels", rels_xml([
        ("rId1", REL_MASTER, "slideMasters/slideMaster1.xml"),
        ("rId2", REL_THEME, "theme/theme1.xml"),
        ("rId3", REL_PRES_PROPS, "presProps.xml"),
        ("rId4", REL_VIEW_PROPS, "viewProps.xml"),
        ("rId5", REL_TABLE_STYLES, "tableStyles.xml"),
    ])))
    parts.append(("ppt/presProps.xml", PRES_PROPS))
    parts.append(("ppt/viewProps.xml", VIEW_PROPS))
    parts.append(("ppt/tableStyles.xml", TABLE_STYLES))
    parts.append(("ppt/theme/theme1.xml",
                  theme_xml(name, colors, str(fonts.get("heading", "Arial")),
                            str(fonts.get("body", "Arial")))))

    master_rels = [(f"rId{i + 1}", REL_LAYOUT, f"../slideLayouts/slideLayout{i + 1}.xml")
                   for i in range(n)]
    master_rels.append((f"rId{n + 1}", REL_THEME, "../theme/theme1.xml"))
    logo_ref = None
    if logo_data is not None:
        px_w, px_h = png_size(logo_data)
        logo_ref = (f"rId{n + 2}", px_w, px_h)
        master_rels.append((f"rId{n + 2}", REL_IMAGE, "../media/image1.png"))
    parts.append(("ppt/slideMasters/slideMaster1.xml", master_xml(d, n, logo_ref)))
    parts.append(("ppt/slideMasters/_rels/slideMaster1.xml.rels", rels_xml(master_rels)))
    for i, lay in enumerate(d.layouts, start=1):
        parts.append((f"ppt/slideLayouts/slideLayout{i}.xml", layout_xml(lay)))
        parts.append((f"ppt/slideLayouts/_rels/slideLayout{i}.xml.rels", rels_xml([
            ("rId1", REL_MASTER, "../slideMasters/slideMaster1.xml"),
        ])))
    if logo_data is not None:
        parts.append(("ppt/media/image1.png", logo_data))
    return [(p, d_.encode("utf-8") if isinstance(d_, str) else d_) for p, d_ in parts]


def zip_bytes(parts: list[tuple[str, bytes]]) -> bytes:
    """A zip with fixed timestamps and attributes, parts in the given order."""
    import io

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            # PNG is already compressed: store it as is.
            if name.endswith(".png"):
                info.compress_type = zipfile.ZIP_STORED
            zf.writestr(info, data, compresslevel=9 if name.endswith(".xml") or
                        name.endswith(".rels") else None)
    return buf.getvalue()


def build(brand_dir: Path) -> bytes:
    """The master package for the brand in ``brand_dir``, as bytes."""
    brand = yaml.safe_load((brand_dir / "brand.yaml").read_text(encoding="utf-8"))
    return zip_bytes(build_parts(brand, brand_dir))


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python tools/make_master.py BRAND_DIR", file=sys.stderr)
        return 2
    brand_dir = Path(argv[1])
    brand = yaml.safe_load((brand_dir / "brand.yaml").read_text(encoding="utf-8"))
    out = brand_dir / str(brand.get("master", "master.pptx"))
    data = build(brand_dir)
    if not (out.exists() and out.read_bytes() == data):
        out.write_bytes(data)
    print(f"wrote {out} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
