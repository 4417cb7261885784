"""One slide as PowerPoint stored it, in plain terms: its layout, placeholders, shapes and notes.

Responsibility: walk a python-pptx slide's shape tree (groups flattened into slide
coordinates, in document order) and record for each shape only what is in the file: its
kind (text, picture, table, connector, chart, SmartArt, OLE object, media), id and name, box,
placeholder type and idx, preset geometry, click hyperlink, alt text (``descr``), picture
bytes and crop, table cells, and for a connector the shapes it is glued to
(``stCxn``/``endCxn``) and which end has the arrow head. Nothing here knows deckgen's layouts;
:mod:`deckgen.importer.recognise` decides what the slide is.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from pptx.oxml import parse_xml
from pptx.oxml.ns import qn

from deckgen.importer.text import Inherited, LinkSink, link_of, marker_of_level, no_bullets, read_paragraphs
from deckgen.model import Para, ParaKind, Run, Text

_URI_TABLE = "http://schemas.openxmlformats.org/drawingml/2006/table"
_URI_CHART = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_URI_DIAGRAM = "http://schemas.openxmlformats.org/drawingml/2006/diagram"
_URI_OLE = "http://schemas.openxmlformats.org/presentationml/2006/ole"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_TITLE_TYPES = ("title", "ctrTitle")
_FURNITURE = ("dt", "ftr", "sldNum", "hdr", "sldImg")
_MEDIA = (qn("a:videoFile"), qn("a:audioFile"), qn("a:quickTimeFile"), qn("a:wavAudioFile"))


@dataclass
class Shape:
    """One drawn thing on a slide. ``kind``: text, picture, table, connector, chart,
    smartart, ole, media or other."""

    id: int
    name: str
    kind: str
    box: tuple[int, int, int, int]  # x, y, cx, cy in EMU, slide coordinates
    text: Text = ()
    ph_type: str | None = None  # placeholder type ("title", "body", "pic", …), None if none
    ph_idx: int | None = None
    geometry: str = ""  # preset geometry (roundRect, triangle, …)
    anchor: str = ""  # where its text sits (a:bodyPr/@anchor: t, ctr, b), "" when inherited
    textbox: bool = False
    link: str | None = None  # click hyperlink (safe ones only)
    descr: str = ""
    image: bytes | None = None
    image_ext: str = ""
    crop: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    ph_box: tuple[int, int, int, int] | None = None  # the box its layout placeholder has
    rows: list[list[Text]] = field(default_factory=list)
    begin: int | None = None  # connector: id of the shape its start is glued to
    end: int | None = None
    arrow_at_begin: bool = False
    problem: str = ""  # why part of it could not be read (external picture, broken link…)
    merged_cells: int = 0  # a table's cells spanning others (gridSpan/rowSpan), which Markdown cannot keep

    @property
    def area(self) -> int:
        return self.box[2] * self.box[3]


@dataclass
class SlideData:
    number: int  # 1-based, in the presentation's order
    hidden: bool
    layout_name: str
    layout_type: str
    shapes: list[Shape]
    notes: Text
    width: int
    height: int
    langs: Counter[str]
    duplicate_ids: list[int]
    dropped_links: list[str]
    footers: list[str] = field(default_factory=list)  # text of its footer placeholders (the brand's)

    def placeholders(self, *types: str) -> list[Shape]:
        return [s for s in self.shapes if s.ph_type in types]

    def off_slide(self, shape: Shape) -> bool:
        x, y, cx, cy = shape.box
        return y + cy <= 0 or x + cx <= 0 or y >= self.height or x >= self.width


def read_slide(slide: Any, number: int, width: int, height: int) -> SlideData:
    dropped: list[str] = []
    layout = slide.slide_layout
    walker = _Walker(slide, dropped.append)
    walker.walk(slide.shapes._spTree, None)
    notes: Text = ()
    if slide.has_notes_slide:
        frame = slide.notes_slide.notes_text_frame
        if frame is not None:
            notes = read_paragraphs(frame._txBody, slide.notes_slide.part, no_bullets, dropped.append)
    ids = Counter(s.id for s in walker.shapes)
    langs: Counter[str] = Counter(r.get("lang") for r in slide.element.iter(qn("a:rPr")) if r.get("lang"))
    layout_el = layout.element
    return SlideData(
        number=number,
        hidden=slide.element.get("show") in ("0", "false"),
        layout_name=layout.name or "",
        layout_type=layout_el.get("type", "cust") if layout_el is not None else "",
        shapes=walker.shapes,
        notes=notes,
        width=width,
        height=height,
        langs=langs,
        duplicate_ids=sorted(i for i, n in ids.items() if n > 1),
        dropped_links=dropped,
        footers=walker.footers,
    )


class _Walker:
    """Flattens the shape tree; group transforms map children into slide coordinates."""

    def __init__(self, slide: Any, dropped: LinkSink) -> None:
        self.slide = slide
        self.part = slide.part
        self.dropped = dropped
        self.shapes: list[Shape] = []
        self.footers: list[str] = []

    def walk(self, tree: Any, transform: tuple[float, float, float, float, float, float] | None) -> None:
        for el in tree:
            tag = el.tag
            if tag == qn("p:grpSp"):
                self.walk(el, _group_transform(el, transform))
            elif tag in (qn("p:sp"), qn("p:pic"), qn("p:graphicFrame"), qn("p:cxnSp")):
                shape = self.shape(el, transform)
                if shape is not None:
                    self.shapes.append(shape)
            elif tag == _MC + "AlternateContent":
                choice = el.find(_MC + "Fallback")
                if choice is not None:
                    self.walk(choice, transform)

    def shape(self, el: Any, transform: Any) -> Shape | None:
        c_nv_pr = next(el.iter(qn("p:cNvPr")), None)
        if c_nv_pr is None or c_nv_pr.get("hidden") in ("1", "true"):
            return None
        ph = next(el.iter(qn("p:ph")), None)
        ph_type = (ph.get("type", "obj") if ph is not None else None)
        if ph_type in _FURNITURE:
            if ph_type == "ftr":
                self.footers.append("".join(t.text or "" for t in el.iter(qn("a:t"))).strip())
            return None
        ph_idx = int(ph.get("idx", "0")) if ph is not None else None
        shape = Shape(
            id=int(c_nv_pr.get("id", "0") or 0),
            name=c_nv_pr.get("name", ""),
            kind="other",
            box=self.box(el, ph_type, ph_idx, transform),
            ph_type=ph_type,
            ph_idx=ph_idx,
            descr=c_nv_pr.get("descr", "") or "",
            link=link_of(c_nv_pr.find(qn("a:hlinkClick")), self.part, self.dropped),
        )
        if ph is not None:
            base = self.layout_placeholder(ph_type, ph_idx)
            if base is not None:
                shape.ph_box = (int(base.left or 0), int(base.top or 0), int(base.width or 0), int(base.height or 0))
        tag = el.tag
        if tag == qn("p:sp"):
            shape.kind = "text"
            shape.textbox = next(el.iter(qn("p:cNvSpPr")), el).get("txBox") in ("1", "true")
            geom = next(el.iter(qn("a:prstGeom")), None)
            shape.geometry = geom.get("prst", "") if geom is not None else ""
            body_pr = next(el.iter(qn("a:bodyPr")), None)
            shape.anchor = body_pr.get("anchor", "") if body_pr is not None else ""
            inherited = self.inherited(ph_type, ph_idx, el) if ph is not None else no_bullets
            shape.text = read_paragraphs(el.find(qn("p:txBody")), self.part, inherited, self.dropped)
        elif tag == qn("p:pic"):
            self.picture(el, shape)
        elif tag == qn("p:cxnSp"):
            shape.kind = "connector"
            st, en = next(el.iter(qn("a:stCxn")), None), next(el.iter(qn("a:endCxn")), None)
            shape.begin = int(st.get("id")) if st is not None else None
            shape.end = int(en.get("id")) if en is not None else None
            head, tail = next(el.iter(qn("a:headEnd")), None), next(el.iter(qn("a:tailEnd")), None)
            has = lambda e: e is not None and e.get("type", "none") != "none"  # noqa: E731
            shape.arrow_at_begin = has(head) and not has(tail)
        else:
            self.frame(el, shape)
        return shape

    def picture(self, el: Any, shape: Shape) -> None:
        shape.kind = "picture"
        nv_pr = next(el.iter(qn("p:nvPr")), None)
        if nv_pr is not None and any(c.tag in _MEDIA or str(c.tag).endswith("}media") for c in nv_pr.iter()):
            shape.kind = "media"
            return
        blip = next(el.iter(qn("a:blip")), None)
        if blip is None:
            shape.problem = "a picture without image data"
            return
        embed, linked = blip.get(qn("r:embed")), blip.get(qn("r:link"))
        if not embed:
            target = self.part.rels[linked].target_ref if linked and linked in self.part.rels else ""
            shape.problem = f"a linked picture ({target or 'no address'}) that is not in the file"
            return
        try:
            image = self.part.related_part(embed)
            shape.image = image.blob
            shape.image_ext = (image.partname.ext or "png").lower()
        except (KeyError, AttributeError, ValueError):
            shape.problem = "a picture whose image part is missing (a broken relationship)"
            return
        rect = next(el.iter(qn("a:srcRect")), None)
        if rect is not None:
            shape.crop = tuple(int(rect.get(k, "0") or 0) / 100000 for k in ("l", "t", "r", "b"))  # type: ignore[assignment]

    def frame(self, el: Any, shape: Shape) -> None:
        data = next(el.iter(qn("a:graphicData")), None)
        uri = data.get("uri", "") if data is not None else ""
        if uri == _URI_TABLE:
            shape.kind = "table"
            for tr in el.iter(qn("a:tr")):
                row = []
                for tc in tr.iter(qn("a:tc")):
                    merged = tc.get("hMerge") in ("1", "true") or tc.get("vMerge") in ("1", "true")
                    if any(_span(tc.get(key)) > 1 for key in ("gridSpan", "rowSpan")):
                        shape.merged_cells += 1
                    row.append(() if merged else read_paragraphs(tc.find(qn("a:txBody")), self.part, no_bullets, self.dropped))
                shape.rows.append(row)
        elif uri == _URI_CHART:
            shape.kind = "chart"
            shape.text = self.related_text(data)
        elif uri == _URI_DIAGRAM:
            shape.kind = "smartart"
            shape.text = self.related_text(data, "dm")
        elif uri == _URI_OLE:
            shape.kind = "ole"

    def related_text(self, data: Any, attr: str = "id") -> Text:
        """The words of a chart or SmartArt, from the part the frame points to."""
        for child in data.iter():
            rid = child.get(qn(f"r:{attr}"))
            if rid and rid in self.part.rels:
                try:
                    part = self.part.related_part(rid)
                except (KeyError, ValueError):
                    return ()
                root = getattr(part, "_element", None)
                if root is None:
                    root = parse_xml(part.blob)
                words = [t.text.strip() for t in root.iter(qn("a:t"), qn("c:v")) if t.text and t.text.strip()]
                seen = list(dict.fromkeys(w for w in words if not _number(w)))
                return tuple(Para((Run(w),), "bullet") for w in seen)
        return ()

    def box(self, el: Any, ph_type: str | None, ph_idx: int | None, transform: Any) -> tuple[int, int, int, int]:
        xfrm = next((x for x in el.iter(qn("a:xfrm"), qn("p:xfrm"))), None)
        off = xfrm.find(qn("a:off")) if xfrm is not None else None
        ext = xfrm.find(qn("a:ext")) if xfrm is not None else None
        if off is None or ext is None:
            inherited = self.layout_placeholder(ph_type, ph_idx)
            if inherited is None:
                return (0, 0, 0, 0)
            box = (int(inherited.left or 0), int(inherited.top or 0), int(inherited.width or 0), int(inherited.height or 0))
        else:
            box = (int(off.get("x", 0)), int(off.get("y", 0)), int(ext.get("cx", 0)), int(ext.get("cy", 0)))
        if transform is None:
            return box
        ox, oy, cx0, cy0, sx, sy = transform
        x, y, w, h = box
        return (int(ox + (x - cx0) * sx), int(oy + (y - cy0) * sy), int(w * sx), int(h * sy))

    def layout_placeholder(self, ph_type: str | None, ph_idx: int | None) -> Any:
        if ph_type is None:
            return None
        layout = self.slide.slide_layout
        found = layout.placeholders.get(idx=ph_idx) if ph_idx is not None else None
        if found is None:
            found = next((p for p in layout.placeholders if _same_type(p.placeholder_format.type, ph_type)), None)
        return found

    def inherited(self, ph_type: str | None, ph_idx: int | None, el: Any) -> Inherited:
        """The list marker a placeholder's paragraph inherits, level by level: its own list
        style, its layout placeholder's, the master placeholder's, the master's text style."""
        styles = [el.find(qn("p:txBody") + "/" + qn("a:lstStyle"))]
        layout_ph = self.layout_placeholder(ph_type, ph_idx)
        if layout_ph is not None:
            styles.append(layout_ph.element.find(qn("p:txBody") + "/" + qn("a:lstStyle")))
        master = self.slide.slide_layout.slide_master
        for mph in master.placeholders:
            if _same_type(mph.placeholder_format.type, ph_type or "obj"):
                styles.append(mph.element.find(qn("p:txBody") + "/" + qn("a:lstStyle")))
                break
        tx_styles = master.element.find(qn("p:txStyles"))
        if tx_styles is not None:
            which = "p:titleStyle" if ph_type in _TITLE_TYPES else ("p:bodyStyle" if ph_type in ("body", "obj", "subTitle", None) else "p:otherStyle")
            styles.append(tx_styles.find(qn(which)))

        def marker(level: int) -> ParaKind:
            for style in styles:
                found = marker_of_level(style, level)
                if found is not None:
                    return found
            return "text"

        return marker


def _same_type(pptx_type: Any, ph_type: str | None) -> bool:
    """Whether python-pptx's placeholder type enum is the file's ``ph_type``."""
    xml = getattr(pptx_type, "xml_value", None) or str(pptx_type)
    wanted = ph_type or "obj"
    if wanted in ("body", "obj"):
        return xml in ("body", "obj")
    if wanted in _TITLE_TYPES:
        return xml in _TITLE_TYPES
    return xml == wanted


def _group_transform(grp: Any, outer: Any) -> tuple[float, float, float, float, float, float] | None:
    xfrm = grp.find(qn("p:grpSpPr") + "/" + qn("a:xfrm"))
    if xfrm is None:
        return outer
    def pair(tag: str, a: str, b: str) -> tuple[int, int]:
        node = xfrm.find(qn(tag))
        return (int(node.get(a, 0)), int(node.get(b, 0))) if node is not None else (0, 0)
    (ox, oy), (ex, ey) = pair("a:off", "x", "y"), pair("a:ext", "cx", "cy")
    (cx, cy), (cex, cey) = pair("a:chOff", "x", "y"), pair("a:chExt", "cx", "cy")
    sx, sy = (ex / cex if cex else 1.0), (ey / cey if cey else 1.0)
    if outer is not None:
        pox, poy, pcx, pcy, psx, psy = outer
        ox, oy = pox + (ox - pcx) * psx, poy + (oy - pcy) * psy
        sx, sy = sx * psx, sy * psy
    return (ox, oy, cx, cy, sx, sy)


def _number(word: str) -> bool:
    try:
        float(word.replace(",", "."))
    except ValueError:
        return False
    return True


def _span(value: str | None) -> int:
    """A table cell's gridSpan or rowSpan; 1 when absent or not a number (a broken file)."""
    return int(value) if value is not None and value.isdigit() else 1
