"""Native shapes, connectors and tables drawn into a placeholder's area.

Responsibility: the drawing vocabulary the layouts share -- cards (filled rounded rectangles
with a text frame), plain text boxes, connectors glued to shapes with an arrow head, a table
cell's explicit fill and rules (the table itself is :mod:`deckgen.render.pptx.tables`'), and
click actions. Everything is drawn with explicit brand
colours and no theme style references (``p:style``), so a card looks the same on any master
and carries no theme shadow. Where the shapes go (box arithmetic, sizes) is
:mod:`deckgen.geometry`'s, shared with ``check``.
"""

from __future__ import annotations

import copy
from typing import Any

from lxml import etree
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR
from pptx.oxml.ns import qn
from pptx.shapes.shapetree import SlideShapes
from pptx.util import Emu, Pt

from deckgen.geometry import inches, points
from deckgen.layouts.orgchart import Route
from deckgen.model import Box
from deckgen.render.pptx.text import rgb, safe_href, set_margins

# Connection sites of rectangles and rounded rectangles, counter-clockwise from the top.

# tcPr children that must follow the border lines (CT_TableCellProperties order).
_AFTER_CELL_LINES = (
    "a:cell3D", "a:noFill", "a:solidFill", "a:gradFill", "a:blipFill", "a:pattFill",
    "a:grpFill", "a:headers", "a:extLst",
)  # fmt: skip


# --------------------------------------------------------------------------- shapes


def strip_style(shape: Any) -> None:
    """Remove the theme style reference python-pptx gives new shapes (its effect reference
    draws a theme shadow on some masters; its font reference recolours text)."""
    el = shape.element
    for style in el.findall(qn("p:style")):
        el.remove(style)


def add_card(
    shapes: SlideShapes,
    box: Box,
    fill: str | None,
    *,
    name: str,
    kind: MSO_SHAPE = MSO_SHAPE.ROUNDED_RECTANGLE,
    radius: float = 0.08,
    line: str | None = None,
    margins: tuple[int, int, int, int] | None = None,
    anchor: MSO_ANCHOR = MSO_ANCHOR.TOP,
) -> Any:
    """A filled shape (rounded rectangle by default) with an empty, non-autofit text frame."""
    shape = shapes.add_shape(kind, Emu(box.x), Emu(box.y), Emu(box.cx), Emu(box.cy))
    strip_style(shape)
    shape.name = name
    if kind == MSO_SHAPE.ROUNDED_RECTANGLE:
        shape.adjustments[0] = radius
    if fill is None:
        shape.fill.background()
    else:
        shape.fill.solid()
        shape.fill.fore_color.rgb = rgb(fill)
    if line is None:
        shape.line.fill.background()
    else:
        shape.line.color.rgb = rgb(line)
        shape.line.width = Pt(0.75)
    frame = shape.text_frame
    frame.vertical_anchor = anchor
    if margins is not None:
        set_margins(frame, margins)
    return shape


def add_text_box(
    shapes: SlideShapes,
    box: Box,
    *,
    name: str,
    anchor: MSO_ANCHOR = MSO_ANCHOR.TOP,
    margins: tuple[int, int, int, int] = (0, 0, 0, 0),
) -> Any:
    """A plain text box (no fill, no line) covering ``box``."""
    shape = shapes.add_textbox(Emu(box.x), Emu(box.y), Emu(box.cx), Emu(box.cy))
    shape.name = name
    frame = shape.text_frame
    frame.vertical_anchor = anchor
    set_margins(frame, margins)
    return shape


def connect(
    shapes: SlideShapes,
    begin: Any,
    begin_site: int,
    end: Any,
    end_site: int,
    *,
    color: str,
    width_pt: float = 1.5,
    route: Route = "elbow",
    name: str = "",
) -> Any:
    """A connector glued to ``begin`` and ``end`` at their connection sites, with an arrow
    head at ``end``; moving either shape in PowerPoint keeps it attached.

    ``route``: "straight"; "elbow" (out sideways, across, in sideways: ``bentConnector3``);
    "corner" (out vertically, then across into the end: ``bentConnector2`` turned a quarter).
    """
    kind = MSO_CONNECTOR.STRAIGHT if route == "straight" else MSO_CONNECTOR.ELBOW
    cxn = shapes.add_connector(kind, Emu(0), Emu(0), Emu(0), Emu(0))
    cxn.begin_connect(begin, begin_site)
    cxn.end_connect(end, end_site)
    if route == "corner":
        _vertical_first(cxn)
    strip_style(cxn)
    if name:
        cxn.name = name
    cxn.line.color.rgb = rgb(color)
    cxn.line.width = Pt(width_pt)
    ln = cxn.element.spPr.find(qn("a:ln"))
    # a:tailEnd is drawn at the connector's end point, i.e. at the elected body.
    etree.SubElement(ln, qn("a:tailEnd"), type="triangle", w="med", len="med")
    return cxn


def _vertical_first(cxn: Any) -> None:
    """Redraw ``cxn`` as one right angle: vertical from its begin point, then horizontal to
    its end. DrawingML's ``bentConnector2`` runs horizontal-then-vertical in its own frame,
    so the frame is turned 90 degrees (flipped as the directions need) around the centre of
    the bounding box."""
    sx, sy, ex, ey = int(cxn.begin_x), int(cxn.begin_y), int(cxn.end_x), int(cxn.end_y)
    dx, dy = ex - sx, ey - sy
    if dx == 0 or dy == 0:
        return
    # In the turned frame the width runs along the slide's y axis and the height along x.
    cx, cy = abs(dy), abs(dx)
    centre_x, centre_y = (sx + ex) // 2, (sy + ey) // 2
    xfrm = cxn.element.spPr.find(qn("a:xfrm"))
    for attr in ("flipH", "flipV"):
        xfrm.attrib.pop(attr, None)
    xfrm.set("rot", "5400000")
    if dy < 0:
        xfrm.set("flipH", "1")
    if dx > 0:
        xfrm.set("flipV", "1")
    off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
    off.set("x", str(centre_x - cx // 2))
    off.set("y", str(centre_y - cy // 2))
    ext.set("cx", str(cx))
    ext.set("cy", str(cy))
    cxn.element.spPr.find(qn("a:prstGeom")).set("prst", "bentConnector2")


def set_click_link(shape: Any, url: str) -> None:
    """Make a click on ``shape`` (in slide show) open ``url``."""
    shape.click_action.hyperlink.address = safe_href(url)


# --------------------------------------------------------------------------- tables


def style_cell(
    cell: Any,
    *,
    fill: str | None,
    rule: str | None,
    margins: tuple[int, int] = (inches(0.1), inches(0.04)),
    done: dict[tuple[str | None, str | None, tuple[int, int]], etree._Element] | None = None,
) -> None:
    """Fill a cell (or leave it clear), draw a thin rule under it, set its insets and
    centre it vertically.

    ``done``: cell properties already written for a fresh cell of one table, by look; a
    fresh cell with a look seen before gets a copy (the same XML, without going through
    python-pptx's cell and fill proxies again)."""
    tc = cell._tc
    old = tc.tcPr
    fresh = old is not None and len(old) == 0 and not old.attrib and old is tc[-1]
    key = (fill, rule, margins)
    if done is not None and fresh and key in done:
        tc.replace(old, copy.deepcopy(done[key]))
        return
    _style_cell(cell, fill, rule, margins)
    if done is not None and fresh:
        done[key] = copy.deepcopy(tc.tcPr)


def _style_cell(cell: Any, fill: str | None, rule: str | None, margins: tuple[int, int]) -> None:
    cell.margin_left = cell.margin_right = Emu(margins[0])
    cell.margin_top = cell.margin_bottom = Emu(margins[1])
    cell.vertical_anchor = MSO_ANCHOR.MIDDLE
    if fill is None:
        cell.fill.background()
    else:
        cell.fill.solid()
        cell.fill.fore_color.rgb = rgb(fill)
    tc_pr = cell._tc.get_or_add_tcPr()
    for side in ("a:lnL", "a:lnR", "a:lnT", "a:lnB"):
        line = etree.Element(qn(side), w=str(points(0.75)))
        if side == "a:lnB" and rule is not None:
            solid = etree.SubElement(line, qn("a:solidFill"))
            etree.SubElement(solid, qn("a:srgbClr"), val=rule.lstrip("#").upper())
        else:
            line.set("w", "0")
            etree.SubElement(line, qn("a:noFill"))
        tc_pr.insert_element_before(line, *_AFTER_CELL_LINES)
