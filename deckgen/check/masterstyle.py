"""The text styles of a brand master's placeholders, for measuring text the way PowerPoint
lays it out.

``resolve.master`` gives each layout's placeholders with their boxes and level-1 font size;
measuring a body also needs the insets of the text frame and, for every list level, the left
margin, the font size and weight, the line spacing and the space before a paragraph. Those are
inherited the way PowerPoint inherits them: the layout's placeholder, then the slide master's
placeholder of the same kind, then the master's title or body text style, then the defaults of
DrawingML (0.1 in left and right, 0.05 in top and bottom insets; 100 % line spacing).

The master's bytes are ones ``resolve.master`` has already checked (zip, sizes, no DTDs); they
are parsed again here with the same closed parser (no entities, no network). Contract:
:func:`placeholder_styles` is a pure function of the bytes, cached per master.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass, replace
from functools import lru_cache

from lxml import etree

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
NS = {"a": A, "p": P, "rel": PKG_REL}
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

DEFAULT_INSETS = (91440, 45720, 91440, 45720)  # left, top, right, bottom (EMU)
DEFAULT_SIZE = 18.0  # points: DrawingML's default run size
LEVELS = 9
MAX_PART = 40 * 1024 * 1024

# Which slide-master placeholder (and text style) a placeholder of each type inherits from.
_MASTER_KIND = {"title": "title", "ctrTitle": "title", "dt": "dt", "ftr": "ftr",
                "sldNum": "sldNum", "hdr": "hdr"}
_TITLE_TYPES = ("title", "ctrTitle")
_OTHER_TYPES = ("dt", "ftr", "sldNum", "hdr")


@dataclass(frozen=True, slots=True)
class LevelStyle:
    """Paragraph and run defaults of one list level; None = not said here (inherit)."""

    size: float | None = None  # points
    bold: bool | None = None
    mar_l: int | None = None  # EMU: where the text of every line starts
    indent: int | None = None  # EMU: first line offset from mar_l (negative: hanging bullet)
    line_pct: float | None = None  # 1.0 = single spacing
    line_pts: float | None = None  # exact line height in points
    before_pts: float | None = None  # space before the paragraph
    before_pct: float | None = None  # ... as a fraction of the font size
    heading_font: bool | None = None  # +mj (heading) or +mn (body) theme font

    def over(self, base: LevelStyle) -> LevelStyle:
        """This level's values, with ``base`` filling in what it does not say."""
        values = {
            name: getattr(self, name) if getattr(self, name) is not None else getattr(base, name)
            for name in self.__slots__
        }
        return LevelStyle(**values)


@dataclass(frozen=True, slots=True)
class FrameStyle:
    """How a placeholder lays out text: insets, anchor, wrapping and the nine levels."""

    insets: tuple[int, int, int, int] = DEFAULT_INSETS
    anchor: str = "t"
    wrap: bool = True
    levels: tuple[LevelStyle, ...] = (LevelStyle(),) * LEVELS

    def level(self, n: int) -> LevelStyle:
        return self.levels[min(max(n, 0), LEVELS - 1)]


@dataclass(frozen=True, slots=True)
class _Partial:
    """What one part (layout or master placeholder, or a text style) says."""

    insets: tuple[int | None, int | None, int | None, int | None] = (None, None, None, None)
    anchor: str | None = None
    wrap: bool | None = None
    levels: tuple[LevelStyle, ...] = (LevelStyle(),) * LEVELS


def placeholder_styles(master: bytes) -> dict[str, dict[int, FrameStyle]]:
    """Master layout name -> placeholder idx -> its resolved :class:`FrameStyle`.

    A package that cannot be read gives ``{}`` (``resolve`` has reported it already); the
    overflow rule then uses DrawingML's defaults with the geometry ``resolve`` found.
    """
    return _cached(master)


@lru_cache(maxsize=8)
def _cached(master: bytes) -> dict[str, dict[int, FrameStyle]]:
    try:
        return _Reader(master).read()
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError, OSError):
        return {}


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.zf = zipfile.ZipFile(io.BytesIO(data))

    def xml(self, name: str) -> etree._Element:
        info = self.zf.getinfo(name)
        if info.file_size > MAX_PART:
            raise ValueError(name)
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                                 remove_comments=True, remove_pis=True)
        return etree.fromstring(self.zf.read(info), parser)

    def rels(self, part: str) -> dict[str, tuple[str, str]]:
        folder, name = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", name + ".rels")
        if rels_name not in self.zf.namelist():
            return {}
        out = {}
        for rel in self.xml(rels_name).findall("rel:Relationship", NS):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            path = (target.lstrip("/") if target.startswith("/")
                    else posixpath.normpath(posixpath.join(folder, target)))
            out[rel.get("Id", "")] = (rel.get("Type", ""), path)
        return out

    def read(self) -> dict[str, dict[int, FrameStyle]]:
        main = next(t for typ, t in self.rels("").values() if typ == _REL + "officeDocument")
        pres = self.xml(main)
        pres_rels = self.rels(main)
        out: dict[str, dict[int, FrameStyle]] = {}
        for mid in pres.findall("p:sldMasterIdLst/p:sldMasterId", NS):
            typ, part = pres_rels.get(mid.get(f"{{{R}}}id", ""), ("", ""))
            if typ == _REL + "slideMaster":
                self.read_master(part, out)
        return out

    def read_master(self, part: str, out: dict[str, dict[int, FrameStyle]]) -> None:
        master = self.xml(part)
        styles = {
            "title": _levels(master.find("p:txStyles/p:titleStyle", NS)),
            "body": _levels(master.find("p:txStyles/p:bodyStyle", NS)),
            "other": _levels(master.find("p:txStyles/p:otherStyle", NS)),
        }
        inherited: dict[str, _Partial] = {}
        for ph_type, _idx, partial in _placeholders(master):
            inherited.setdefault(_MASTER_KIND.get(ph_type, "body"), partial)
        rels = self.rels(part)
        for lid in master.findall("p:sldLayoutIdLst/p:sldLayoutId", NS):
            typ, layout_part = rels.get(lid.get(f"{{{R}}}id", ""), ("", ""))
            if typ != _REL + "slideLayout":
                continue
            layout = self.xml(layout_part)
            csld = layout.find("p:cSld", NS)
            name = csld.get("name", "") if csld is not None else ""
            if not name or name in out:
                continue
            phs: dict[int, FrameStyle] = {}
            for ph_type, idx, partial in _placeholders(layout):
                kind = _MASTER_KIND.get(ph_type, "body")
                text_style = ("title" if ph_type in _TITLE_TYPES else
                              "other" if ph_type in _OTHER_TYPES else "body")
                chain = [partial, inherited.get(kind, _Partial()),
                         _Partial(levels=styles[text_style])]
                phs.setdefault(idx, _resolve(chain, heading=ph_type in _TITLE_TYPES))
            out[name] = phs


def _placeholders(part: etree._Element) -> list[tuple[str, int, _Partial]]:
    found = []
    for ph in part.iterfind("p:cSld/p:spTree//p:nvPr/p:ph", NS):
        shape = ph.getparent().getparent().getparent()
        try:
            idx = int(ph.get("idx", "0"))
        except ValueError:
            continue
        body = shape.find("p:txBody", NS)
        found.append((ph.get("type", "obj"), idx, _partial(body)))
    return found


def _partial(tx_body: etree._Element | None) -> _Partial:
    if tx_body is None:
        return _Partial()
    body_pr = tx_body.find("a:bodyPr", NS)
    insets: tuple[int | None, ...] = (None, None, None, None)
    anchor = wrap = None
    if body_pr is not None:
        insets = tuple(_int(body_pr.get(k)) for k in ("lIns", "tIns", "rIns", "bIns"))
        anchor = body_pr.get("anchor")
        wrap = None if body_pr.get("wrap") is None else body_pr.get("wrap") != "none"
    return _Partial(insets, anchor, wrap, _levels(tx_body.find("a:lstStyle", NS)))  # type: ignore[arg-type]


def _levels(style: etree._Element | None) -> tuple[LevelStyle, ...]:
    if style is None:
        return (LevelStyle(),) * LEVELS
    return tuple(_level(style.find(f"a:lvl{n + 1}pPr", NS)) for n in range(LEVELS))


def _level(ppr: etree._Element | None) -> LevelStyle:
    if ppr is None:
        return LevelStyle()
    rpr = ppr.find("a:defRPr", NS)
    size = bold = heading = None
    if rpr is not None:
        sz = _int(rpr.get("sz"))
        size = sz / 100 if sz else None
        if rpr.get("b") is not None:
            bold = rpr.get("b") in ("1", "true")
        latin = rpr.find("a:latin", NS)
        face = latin.get("typeface", "") if latin is not None else ""
        heading = True if face.startswith("+mj") else False if face.startswith("+mn") else None
    line_pct = _pct(ppr.find("a:lnSpc/a:spcPct", NS))
    line_pts = _pts(ppr.find("a:lnSpc/a:spcPts", NS))
    return LevelStyle(
        size=size, bold=bold, mar_l=_int(ppr.get("marL")), indent=_int(ppr.get("indent")),
        line_pct=line_pct, line_pts=line_pts,
        before_pts=_pts(ppr.find("a:spcBef/a:spcPts", NS)),
        before_pct=_pct(ppr.find("a:spcBef/a:spcPct", NS)),
        heading_font=heading,
    )


def _resolve(chain: list[_Partial], *, heading: bool) -> FrameStyle:
    """The first value each setting has along ``chain`` (nearest first), then defaults."""
    insets = tuple(
        next((p.insets[i] for p in chain if p.insets[i] is not None), DEFAULT_INSETS[i])
        for i in range(4)
    )
    anchor = next((p.anchor for p in chain if p.anchor is not None), "t")
    wrap = next((p.wrap for p in chain if p.wrap is not None), True)
    base = LevelStyle(size=DEFAULT_SIZE, bold=False, mar_l=0, indent=0, line_pct=1.0,
                      before_pts=0.0, heading_font=heading)
    levels = []
    for n in range(LEVELS):
        level = LevelStyle()
        for partial in chain:
            level = level.over(partial.levels[n])
        level = level.over(base)
        # Percentage and exact spacing exclude each other: the nearest one said wins.
        line = _nearest(chain, n, "line_pct", "line_pts")
        before = _nearest(chain, n, "before_pct", "before_pts")
        level = replace(
            level,
            line_pts=level.line_pts if line == "line_pts" else None,
            line_pct=level.line_pct if line != "line_pts" else None,
            before_pts=level.before_pts if before != "before_pct" else None,
            before_pct=level.before_pct if before == "before_pct" else None,
        )
        levels.append(level)
    return FrameStyle(insets, anchor, wrap, tuple(levels))  # type: ignore[arg-type]


def _nearest(chain: list[_Partial], n: int, *names: str) -> str | None:
    """Which of ``names`` the nearest part along ``chain`` sets for level ``n``."""
    for partial in chain:
        for name in names:
            if getattr(partial.levels[n], name) is not None:
                return name
    return None


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _pct(el: etree._Element | None) -> float | None:
    value = _int(el.get("val")) if el is not None else None
    return None if value is None else value / 100000


def _pts(el: etree._Element | None) -> float | None:
    value = _int(el.get("val")) if el is not None else None
    return None if value is None else value / 100
