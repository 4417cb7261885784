"""Text frames and paragraphs as XML: what python-pptx's ``TextFrame`` and ``_Paragraph``
setters write, written on the elements directly.

Responsibility: the few frame and paragraph properties every slide sets (a frame cleared,
word wrap on, autofit off, insets; a paragraph's level, alignment, spacing and run sizes).
python-pptx's proxies find each child by its position in the schema on every assignment and
convert every value through its simple types; here each is one lookup and one ``set``, with
the same elements, attributes, order and defaults (an attribute set to its default value is
removed, as python-pptx does) -- ``tests/unit/render/pptx/test_frames.py`` compares them
with python-pptx's own for every combination deckgen uses.
"""

from __future__ import annotations

from lxml import etree
from pptx.oxml import oxml_parser
from pptx.oxml.ns import qn

_A_BODYPR, _A_P, _A_PPR, _A_R, _A_RPR = qn("a:bodyPr"), qn("a:p"), qn("a:pPr"), qn("a:r"), qn("a:rPr")
_A_BR, _A_FLD, _A_END = qn("a:br"), qn("a:fld"), qn("a:endParaRPr")
_A_LNSPC, _A_SPCBEF, _A_SPCPCT, _A_SPCPTS = qn("a:lnSpc"), qn("a:spcBef"), qn("a:spcPct"), qn("a:spcPts")
_CONTENT = (_A_R, _A_BR, _A_FLD)
_AUTOFITS = (qn("a:noAutofit"), qn("a:normAutofit"), qn("a:spAutoFit"))
_NO_AUTOFIT = qn("a:noAutofit")
# Children of a:bodyPr after the autofit choice; of a:pPr after a:lnSpc and after a:spcBef.
_AFTER_AUTOFIT = frozenset(qn(t) for t in ("a:scene3d", "a:sp3d", "a:flatTx", "a:extLst"))
_PPR_ORDER = tuple(qn(t) for t in (
    "a:lnSpc", "a:spcBef", "a:spcAft", "a:buClrTx", "a:buClr", "a:buSzTx", "a:buSzPct",
    "a:buSzPts", "a:buFontTx", "a:buFont", "a:buNone", "a:buAutoNum", "a:buChar", "a:buBlip",
    "a:tabLst", "a:defRPr", "a:extLst"))  # fmt: skip
_AFTER_LNSPC = frozenset(_PPR_ORDER[1:])
_AFTER_SPCBEF = frozenset(_PPR_ORDER[2:])
_INSETS = (("lIns", 91440), ("tIns", 45720), ("rIns", 91440), ("bIns", 45720))  # python-pptx's defaults
EMU_PER_CENTIPOINT = 127


def new(tag: str) -> etree._Element:
    """A new DrawingML element, made in a document of its own by python-pptx's parser, as its
    ``OxmlElement`` makes it (so it is of python-pptx's element class for that tag). Not
    ``parent.makeelement``: that makes it in the slide's document, unattached, so lxml
    invents a namespace prefix there and counts it, and the prefix it later invents for a
    namespace the slide does not declare (a link's colour) would change."""
    return oxml_parser.makeelement(tag, nsmap=_A_NSMAP)


_A_NSMAP = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}


def insert_before(parent: etree._Element, child: etree._Element, successors: frozenset[str]) -> None:
    """Put ``child`` before ``parent``'s first child whose tag is in ``successors``, else
    last (python-pptx's ``insert_element_before``)."""
    for existing in parent.iterchildren():
        if existing.tag in successors:
            existing.addprevious(child)
            return
    parent.append(child)


def clear_body(body: etree._Element) -> etree._Element:
    """Empty the text body ``body`` down to its first paragraph, keeping that paragraph's
    properties (``TextFrame.clear``); returns the paragraph."""
    paragraphs = list(body.iterchildren(_A_P))
    for p in paragraphs[1:]:
        body.remove(p)
    first = paragraphs[0]
    for child in list(first.iterchildren(*_CONTENT)):
        first.remove(child)
    return first


def wrap_without_autofit(body: etree._Element) -> None:
    """``word_wrap = True`` then ``auto_size = MSO_AUTO_SIZE.NONE`` on the body's properties."""
    body_pr = body.find(_A_BODYPR)
    body_pr.set("wrap", "square")
    for old in list(body_pr.iterchildren(*_AUTOFITS)):
        body_pr.remove(old)
    insert_before(body_pr, new(_NO_AUTOFIT), _AFTER_AUTOFIT)


def set_insets(body: etree._Element, margins: tuple[int, int, int, int]) -> None:
    """``margin_left``, ``_top``, ``_right``, ``_bottom`` in that order; a default removes
    the attribute."""
    body_pr = body.find(_A_BODYPR)
    for (name, default), value in zip(_INSETS, margins, strict=True):
        if value == default:
            body_pr.attrib.pop(name, None)
        else:
            body_pr.set(name, str(int(value)))


def add_p(body: etree._Element) -> etree._Element:
    """A new, empty last paragraph (``TextFrame.add_paragraph``)."""
    return etree.SubElement(body, _A_P)


def get_or_add_ppr(p: etree._Element) -> etree._Element:
    """The paragraph's ``a:pPr``, made as its first child if missing (``get_or_add_pPr``)."""
    if len(p) and p[0].tag == _A_PPR:
        return p[0]
    found = p.find(_A_PPR)
    if found is not None:
        return found
    p_pr = new(_A_PPR)
    insert_before(p, p_pr, frozenset((*_CONTENT, _A_END)))
    return p_pr


def set_level(p: etree._Element, level: int) -> None:
    """``paragraph.level = level`` (0, the default, is no attribute)."""
    p_pr = get_or_add_ppr(p)
    if level == 0:
        p_pr.attrib.pop("lvl", None)
    else:
        p_pr.set("lvl", str(level))


def set_align(p: etree._Element, algn: str | None) -> None:
    """``paragraph.alignment``, given as its XML value (``l``, ``ctr``, ``r``…); None removes."""
    p_pr = get_or_add_ppr(p)
    if algn is None:
        p_pr.attrib.pop("algn", None)
    else:
        p_pr.set("algn", algn)


def set_space_before(p: etree._Element, emu: int) -> None:
    """``paragraph.space_before = Length(emu)``: ``a:spcBef/a:spcPts`` in centipoints."""
    p_pr = get_or_add_ppr(p)
    for old in list(p_pr.iterchildren(_A_SPCBEF)):
        p_pr.remove(old)
    spc = new(_A_SPCBEF)
    insert_before(p_pr, spc, _AFTER_SPCBEF)
    etree.SubElement(spc, _A_SPCPTS, val=str(int(emu) // EMU_PER_CENTIPOINT))


def set_line_spacing(p: etree._Element, lines: float | None) -> None:
    """``paragraph.line_spacing = lines`` (a number of lines: ``a:lnSpc/a:spcPct``)."""
    p_pr = get_or_add_ppr(p)
    for old in list(p_pr.iterchildren(_A_LNSPC)):
        p_pr.remove(old)
    if lines is None:
        return
    spc = new(_A_LNSPC)
    insert_before(p_pr, spc, _AFTER_LNSPC)
    etree.SubElement(spc, _A_SPCPCT, val=str(int(round(lines * 100000.0))))


def set_run_sizes(p: etree._Element, centipoints: int) -> None:
    """``run.font.size`` on every run of the paragraph (``a:rPr sz``, the properties made
    first in the run when missing)."""
    value = str(centipoints)
    for r in p.iterchildren(_A_R):
        r_pr = r[0] if len(r) and r[0].tag == _A_RPR else None
        if r_pr is None:
            r_pr = new(_A_RPR)
            r.insert(0, r_pr)
        r_pr.set("sz", value)
