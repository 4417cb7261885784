"""A slide's placeholders as XML: found by idx, tested for text, cloned from a layout.

Responsibility: the placeholder work every slide does, on the slide's ``p:spTree`` element
directly rather than through python-pptx's shape collections (which make a proxy, and read
the placeholder type through its enumeration, for every shape on every walk). Each function
answers exactly as the python-pptx call it stands for, named in its docstring;
``tests/unit/render/pptx/test_placeholders.py`` compares them on the shapes of real masters.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

from lxml import etree
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn
from pptx.shapes.placeholder import (
    ChartPlaceholder,
    NotesSlidePlaceholder,
    PicturePlaceholder,
    SlidePlaceholder,
    TablePlaceholder,
)
from pptx.shapes.shapetree import _SlidePlaceholderFactory
from pptx.text.text import TextFrame

_NS = {"p": "http://schemas.openxmlformats.org/presentationml/2006/main"}
_PH = etree.XPath("./*[1]/p:nvPr/p:ph", namespaces=_NS)
_IDS = etree.XPath("//@id")
_NAMES = etree.XPath("//p:cNvPr/@name", namespaces=_NS)
# The children of p:spTree that are shapes (python-pptx's CT_GroupShape._shape_tags).
_SHAPE_TAGS = frozenset(
    qn(t) for t in ("p:sp", "p:grpSp", "p:graphicFrame", "p:cxnSp", "p:pic", "p:contentPart")
)
_P_SP, _P_EXTLST, _P_CNVPR = qn("p:sp"), qn("p:extLst"), qn("p:cNvPr")
_P_TXBODY, _A_P = qn("p:txBody"), qn("a:p")
_A_R, _A_FLD, _A_T = qn("a:r"), qn("a:fld"), qn("a:t")


def ph_of(shape: etree._Element) -> etree._Element | None:
    """The shape's ``p:ph`` element, or None (python-pptx's ``BaseShapeElement.ph``)."""
    found = _PH(shape)
    return found[0] if found else None


def ph_idx(ph: etree._Element) -> int:
    """A ``p:ph``'s idx; 0 when it has none (``CT_Placeholder.idx``)."""
    value = ph.get("idx")
    return 0 if value is None else int(value)


def placeholder_elements(tree: etree._Element) -> Iterator[tuple[etree._Element, int]]:
    """Each placeholder shape of the shape tree ``tree`` with its idx, in document order
    (``CT_GroupShape.iter_ph_elms``)."""
    for shape in tree.iterchildren():
        if shape.tag in _SHAPE_TAGS:
            ph = ph_of(shape)
            if ph is not None:
                yield shape, ph_idx(ph)


def find_placeholder(tree: etree._Element, idx: int) -> etree._Element | None:
    """The first placeholder with ``idx`` in document order: the one python-pptx's
    ``slide.placeholders`` yields first for that idx (it sorts them by idx, stably)."""
    return next((shape for shape, n in placeholder_elements(tree) if n == idx), None)


def placeholder_proxy(shape: etree._Element, placeholders: Any) -> Any:
    """python-pptx's proxy for a placeholder element, as ``slide.placeholders`` makes it
    (``_SlidePlaceholderFactory``, which reads the type through its enumeration: here its
    XML value picks the class)."""
    if shape.tag == _P_SP:
        ph = ph_of(shape)
        kind = _BY_TYPE.get(ph.get("type", "obj") if ph is not None else "obj", SlidePlaceholder)
        return kind(shape, placeholders)
    return _SlidePlaceholderFactory(shape, placeholders)


_BY_TYPE = {member.xml_value: kind for member, kind in (
    (PP_PLACEHOLDER.BITMAP, PicturePlaceholder), (PP_PLACEHOLDER.CHART, ChartPlaceholder),
    (PP_PLACEHOLDER.PICTURE, PicturePlaceholder), (PP_PLACEHOLDER.TABLE, TablePlaceholder))}


def notes_frame(notes_slide: Any) -> TextFrame | None:
    """The text frame of a notes page's notes placeholder (python-pptx's
    ``notes_slide.notes_text_frame``: the first placeholder of type body, in document order),
    found on the XML; python-pptx's own lookup where that placeholder is unusual (not a
    ``p:sp``, or without a text body for python-pptx to add)."""
    tree = notes_slide.shapes._spTree
    for shape, _idx in placeholder_elements(tree):
        if ph_of(shape).get("type") == "body":  # type: ignore[union-attr]
            body = shape.find(_P_TXBODY) if shape.tag == _P_SP else None
            if body is None:
                break
            return TextFrame(body, NotesSlidePlaceholder(shape, notes_slide.placeholders))
    return notes_slide.notes_text_frame


def has_text(shape: etree._Element) -> bool:
    """Whether a ``p:sp``'s text frame holds any text other than white space
    (``shape.text_frame.text.strip()``: runs' and fields' text, line breaks as ``\\v``)."""
    body = shape.find(_P_TXBODY)
    if body is None:
        return False
    for p in body.iterchildren(_A_P):
        for child in p.iterchildren(_A_R, _A_FLD):
            t = child.find(_A_T)
            if t is not None and t.text and t.text.strip():
                return True
    return False


def next_shape_id(tree: etree._Element) -> int:
    """One more than the largest numeric ``id`` anywhere in the slide
    (``_BaseShapes._next_shape_id``, ``CT_GroupShape.max_shape_id``)."""
    ids = [int(value) for value in _IDS(tree) if value.isdigit()]
    return (max(ids) if ids else 0) + 1


def next_ph_name(tree: etree._Element, basename: str, id_: int) -> str:
    """``basename`` numbered ``id_ - 1``, or the next free number (``_next_ph_name``)."""
    names = set(_NAMES(tree))
    number = id_ - 1
    while f"{basename} {number}" in names:
        number += 1
    return f"{basename} {number}"


def insert_shape(tree: etree._Element, shape: etree._Element) -> None:
    """Add ``shape`` as the shape tree's last shape (before its ``p:extLst``, if any)."""
    ext = tree.find(_P_EXTLST)
    if ext is None:
        tree.append(shape)
    else:
        ext.addprevious(shape)


def placed_copy(tree: etree._Element, made: etree._Element, basename: str) -> etree._Element:
    """A copy of ``made`` (a placeholder python-pptx cloned from a layout and deckgen filled,
    on an earlier slide) added to ``tree`` with the id and name ``clone_placeholder`` would
    give a placeholder cloned here now."""
    id_ = next_shape_id(tree)
    shape = copy.deepcopy(made)
    c_nv_pr = shape[0].find(_P_CNVPR) if shape.tag == _P_SP else None
    if c_nv_pr is None:
        raise ValueError("not a placeholder p:sp")
    c_nv_pr.set("id", str(id_))
    c_nv_pr.set("name", next_ph_name(tree, basename, id_))
    insert_shape(tree, shape)
    return shape

