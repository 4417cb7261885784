"""Adding slides and notes without python-pptx's walks over the whole package.

python-pptx finds a new part's name by walking every part of the package
(``OpcPackage.next_partname``) and relates a new slide to the presentation by scanning every
relationship it already has (``_Relationships.get_or_add``), and a slide's id by reading
every id in the list (``CT_SlideIdList._next_id``): all run once per slide, so a
deck of n slides costs n² -- most of a 1000-slide build. Here the same names and the same rIds
are handed out from counts kept as the deck grows, so the bytes are exactly python-pptx's
(``tests/unit/render/pptx/test_parts.py`` compares them) at a cost linear in the deck.

New slide and notes elements are python-pptx's own (``CT_Slide.new``, ``CT_NotesSlide.new``),
made once per render and copied. This leans on python-pptx internals (``_rels``,
``_add_relationship``, ``_sldIdLst``, ``_next_id``, the parts' constructors) of the pinned
version; the test above fails if an upgrade changes them.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

from lxml import etree
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml.ns import qn
from pptx.oxml.slide import CT_NotesSlide, CT_Slide
from pptx.parts.slide import NotesSlidePart, SlidePart
from pptx.presentation import Presentation as PptxPresentation
from pptx.slide import Slide as PptxSlide
from pptx.slide import SlideLayout

_MAX_SLIDE_ID = 2147483647  # as python-pptx's CT_SlideIdList
_P_SLDID, _R_ID = qn("p:sldId"), qn("r:id")


class PartNames:
    """``next_partname`` as python-pptx computes it (the highest free number counting down
    from one past the parts already named after a template), from a set kept up to date."""

    def __init__(self, prs: PptxPresentation) -> None:
        self._package = prs.part.package
        self._names: set[str] | None = None
        self._taken: dict[str, int] = {}  # template prefix -> names that start with it

    def __call__(self, tmpl: str) -> PackURI:
        if self._names is None:
            self._names = {str(p.partname) for p in self._package.iter_parts()}
        prefix = tmpl[: (tmpl % 42).find("42")]
        if prefix not in self._taken:
            self._taken[prefix] = sum(1 for name in self._names if name.startswith(prefix))
        for n in range(self._taken[prefix] + 1, 0, -1):
            candidate = tmpl % n
            if candidate not in self._names:
                self.add(candidate)
                return PackURI(candidate)
        raise RuntimeError("no free part name")  # unreachable: taken + 1 names were tried

    def add(self, name: str) -> None:
        if self._names is None or name in self._names:
            return
        self._names.add(name)
        for prefix in self._taken:
            if name.startswith(prefix):
                self._taken[prefix] += 1


def fast_parts(prs: PptxPresentation) -> Callable[[SlideLayout], PptxSlide]:
    """Install :class:`PartNames` on this presentation's package and return an ``add_slide``
    that relates each new slide without scanning the presentation's relationships."""
    names = PartNames(prs)
    package = prs.part.package
    package.next_partname = names  # type: ignore[method-assign]  # this one package only
    pres_part = prs.part
    id_list = prs.slides._sldIdLst
    next_id = [id_list._next_id]  # python-pptx takes max(ids) + 1 with a scan per slide
    # What clone_layout_placeholders puts on a fresh slide of a layout, by layout part: the
    # same shapes (ids and names included: a fresh slide has no others) for every slide of
    # that layout, so the first is cloned by python-pptx and the rest are copies.
    placeholders: dict[int, list[etree._Element]] = {}
    blank_slide = CT_Slide.new()

    count = [len(id_list)]  # lxml counts an element's children one by one: once, then kept

    def add_slide(layout: SlideLayout) -> PptxSlide:
        count[0] += 1
        partname = PackURI(f"/ppt/slides/slide{count[0]}.xml")
        # SlidePart.new, with python-pptx's new slide element parsed once and copied.
        slide_part = SlidePart(partname, CT.PML_SLIDE, package, copy.deepcopy(blank_slide))
        slide_part.relate_to(layout.part, RT.SLIDE_LAYOUT)
        names.add(partname)
        # A new part has no relationship yet: get_or_add would only scan and then add.
        rid = pres_part._rels._add_relationship(RT.SLIDE, slide_part)
        slide = slide_part.slide
        tree = slide.shapes._spTree
        made = placeholders.get(id(layout.part))
        if made is None:
            before = len(tree)
            slide.shapes.clone_layout_placeholders(layout)
            placeholders[id(layout.part)] = [copy.deepcopy(el) for el in tree[before:]]
        else:
            tree.extend(copy.deepcopy(el) for el in made)
        if next_id[0] <= _MAX_SLIDE_ID:
            # CT_SlideIdList._add_sldId's element (id, then r:id), without its validation.
            etree.SubElement(id_list, _P_SLDID, {"id": str(next_id[0]), _R_ID: rid})
            next_id[0] += 1
        else:  # python-pptx's search for a free id below the maximum: rare, keep its way
            id_list.add_sldId(rid)
        return slide

    return add_slide


def fast_notes(prs: PptxPresentation) -> Callable[[PptxSlide], None]:
    """An ``add_notes(slide)`` that gives ``slide`` its notes page as python-pptx's
    ``slide.notes_slide`` makes it (``NotesSlidePart.new``: a part named by the package,
    related to the notes master and the slide, the master's placeholders cloned), the
    placeholders cloned by python-pptx for the first page and copied for the rest (a fresh
    notes page has no other shapes, so ids and names are the same on every one)."""
    package = prs.part.package
    made: list[etree._Element] | None = None
    blank_notes = CT_NotesSlide.new()

    def add_notes(slide: PptxSlide) -> None:
        nonlocal made
        slide_part = slide.part
        master_part = package.presentation_part.notes_master_part
        # NotesSlidePart._add_notes_slide_part, with python-pptx's new notes element (read
        # from a template file on each call) read once and copied.
        notes_part = NotesSlidePart(package.next_partname("/ppt/notesSlides/notesSlide%d.xml"),
                                    CT.PML_NOTES_SLIDE, package, copy.deepcopy(blank_notes))
        notes_part.relate_to(master_part, RT.NOTES_MASTER)
        notes_part.relate_to(slide_part, RT.SLIDE)
        notes = notes_part.notes_slide
        tree = notes.shapes._spTree
        if made is None:
            before = len(tree)
            notes.clone_master_placeholders(master_part.notes_master)
            made = [copy.deepcopy(el) for el in tree[before:]]
        else:
            tree.extend(copy.deepcopy(el) for el in made)
        slide_part.relate_to(notes_part, RT.NOTES_SLIDE)

    return add_notes
