"""What every slide gets, whatever its layout: its master layout, title, footer, slide
number and speaker notes.

Responsibility: picking the master layout **by name**, cloning the footer and slide-number
placeholders (python-pptx leaves them out of new slides) at the idx the brand names, writing
the notes, and the title conventions shared by the layouts (a visible title, or a hidden one
kept for screen readers and the outline).
"""

from __future__ import annotations

import copy
from typing import Any

from lxml import etree
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as PptxPresentation
from pptx.slide import SlideLayout
from pptx.util import Emu

from deckgen.layouts import REGISTRY
from deckgen.model import Brand, Inline, Run, Slide
from deckgen.render.pptx.context import RenderContext, mismatch
from deckgen.render.pptx.placeholders import (
    find_placeholder,
    has_text,
    notes_frame,
    ph_idx,
    ph_of,
    placed_copy,
    placeholder_elements,
)
from deckgen.render.pptx.text import INHERIT, Style, apply_fit, prepare_frame, write_inline, write_text

# The slide number is a field PowerPoint and LibreOffice update themselves; the id is the
# one GUID deckgen uses when the master's own field has none to copy (fixed: reproducible).
SLIDENUM_FIELD_ID = "{6F2B4A1E-3C9D-4E57-8B21-0D7A5C3E9F14}"


_PH_TYPES = {"ftr": PP_PLACEHOLDER.FOOTER, "sldNum": PP_PLACEHOLDER.SLIDE_NUMBER,
             "dt": PP_PLACEHOLDER.DATE}


def layouts_by_name(prs: PptxPresentation) -> dict[str, SlideLayout]:
    """Every layout of every slide master, by name (the first wins on duplicates)."""
    found: dict[str, SlideLayout] = {}
    for master in prs.slide_masters:
        for layout in master.slide_layouts:
            found.setdefault(layout.name, layout)
    return found


def pick_layout(layouts: dict[str, SlideLayout], brand: Brand, slide: Slide,
                prs: PptxPresentation | None = None) -> SlideLayout:
    """The master layout the brand maps ``slide.layout`` to, by name: the name resolve read
    from the package (``Name (Master)`` where several masters have the layout), which says
    which master and which of its layouts it is."""
    mapping = brand.layouts.get(slide.layout)
    if mapping is None:
        raise mismatch(
            brand,
            f"the brand maps no master layout for layout '{slide.layout}'",
            f"add layouts.{slide.layout} to the brand",
        )
    known = brand.master_layouts.get(mapping.master_layout)
    if prs is not None and known is not None and known.master < len(prs.slide_masters):
        in_master = prs.slide_masters[known.master].slide_layouts
        if known.position < len(in_master):
            return in_master[known.position]
    layout = layouts.get(mapping.master_layout)
    if layout is None:
        names = ", ".join(f"'{n}'" for n in layouts)
        raise mismatch(
            brand,
            f"the master has no layout named '{mapping.master_layout}' (needed for layout '{slide.layout}')",
            f"the master's layouts are: {names}",
        )
    return layout


# --------------------------------------------------------------------------- titles


def put_title(ctx: RenderContext, field: str = "title") -> None:
    """Write the slide's title into ``field``; a slide without a visible title gets its
    ``hidden_title`` there instead, moved off the slide (the accessible way to hide a title:
    it stays in the outline and is read by screen readers); with neither, the placeholder
    goes."""
    slide = ctx.source
    title: Inline = slide.title
    if not ctx.has(field):
        return  # a master layout without a title (a blank one): the slide has none
    if title:
        frame = ctx.placeholder(field).text_frame
        write_inline(frame, title)
        apply_fit(frame, slide.box_fit(field))
    elif slide.hidden_title:
        hide_title(ctx, field, slide.hidden_title)
    else:
        ctx.drop(field)


def hide_title(ctx: RenderContext, field: str, text: str) -> None:
    """Fill ``field`` with ``text`` and, unless the master already keeps that placeholder
    off the slide, place it just above the visible area."""
    if not ctx.has(field):
        return
    ph = ctx.placeholder(field)
    write_inline(ph.text_frame, (Run(text),))
    box = ctx.box_of(ph)
    left, top, width, height = box.x, box.y, box.cx, box.cy
    if top + height > 0:
        ph.left, ph.top = Emu(left), Emu(-height - 45720)
        ph.width, ph.height = Emu(width), Emu(height)


def fill_text(ctx: RenderContext, field: str, text: Any, style: Style = INHERIT) -> None:
    """Write a model ``Text`` into ``field``'s placeholder, or remove the placeholder when
    the text is empty (an empty placeholder shows a "Click to add" prompt when editing)."""
    if not text:
        ctx.drop(field)
        return
    # A master whose body style draws no bullets, or a drawn shape: deckgen writes them.
    inherits = ctx.brand.master_bullets and not ctx.drawn(field)
    frame = ctx.placeholder(field).text_frame
    write_text(frame, text, style, inherits_bullets=inherits)
    apply_fit(frame, ctx.source.box_fit(field))


def fill_inline(ctx: RenderContext, field: str, inline: Inline, style: Style = INHERIT) -> None:
    """Like :func:`fill_text` for one paragraph of inline runs."""
    if not inline:
        ctx.drop(field)
        return
    frame = ctx.placeholder(field).text_frame
    write_inline(frame, inline, style)
    apply_fit(frame, ctx.source.box_fit(field))


# --------------------------------------------------------------------------- furniture


def add_footer_and_number(ctx: RenderContext, layout: SlideLayout) -> None:
    """Clone the layout's footer, slide-number and date placeholders (where the layout has
    them: at the idx the brand names, else by type) and fill them: the brand's footer text, a
    real ``slidenum`` field and the deck's date.

    The furniture filled on an earlier slide of the same layout is copied (``ctx.memo``),
    named and numbered as python-pptx would name a clone (the same bytes:
    ``tests/unit/render/pptx/test_placeholders.py``)."""
    if not REGISTRY[ctx.source.layout].footer:
        return  # a title, picture… slide: no furniture, whatever its master layout has
    made = ctx.memo.furniture
    idx = ctx.brand.footer_placeholders
    if ctx.brand.footer:
        footer = ctx.brand.footer
        _furnish(ctx, layout, made, "footer", idx.get("footer"), "ftr",
                 lambda ph, _source: write_inline(ph.text_frame, (Run(footer),)))
    _furnish(ctx, layout, made, "slide_number", idx.get("slide_number"), "sldNum",
             lambda ph, source: _write_slide_number(ph, source, ctx.number))
    if ctx.deck.date:  # the deck's date, where the master has a date placeholder
        date = ctx.deck.date
        _furnish(ctx, layout, made, "date", None, "dt",
                 lambda ph, _source: write_inline(ph.text_frame, (Run(date),)))


def _furnish(ctx: RenderContext, layout: SlideLayout, made: Made, kind: str, idx: int | None,
             ph_type: str, fill: Any) -> None:
    """One piece of furniture: cloned and filled by python-pptx the first time for this
    layout, copied after that (the slide number set to this slide's). ``made``: (layout
    part, kind) -> the layout's placeholder for it (None: it has none) and, once made, the
    filled placeholder with its base name."""
    key = (id(layout.part), kind)
    if key not in made:
        made[key] = (_furniture(layout, idx, ph_type), None)
    source, filled = made[key]
    if source is None:
        return
    tree = ctx.shapes._spTree
    # With a placeholder at this idx already on the slide, python-pptx fills that one (the
    # first by idx) rather than the clone: such a slide keeps python-pptx's way throughout.
    free = find_placeholder(tree, ph_idx(ph_of(source.element))) is None
    if free and filled is not None:
        shape = placed_copy(tree, *filled)
        if kind == "slide_number":
            shape.find(_NUMBER_TEXT).text = str(ctx.number)
        return
    ph = _clone(ctx, source)
    fill(ph, source)
    if free and ph.element.tag == _P_SP:
        basename = ctx.shapes.ph_basename(source.element.ph_type)
        if source.element.ph_orient == "vert":
            basename = f"Vertical {basename}"
        made[key] = (source, (copy.deepcopy(ph.element), basename))


Made = dict[tuple[int, str], tuple[Any, tuple[etree._Element, str] | None]]
_NUMBER_TEXT = f".//{qn('a:fld')}/{qn('a:t')}"


def _furniture(layout: SlideLayout, idx: int | None, ph_type: str) -> Any:
    """The layout's footer (``ftr``) or slide-number (``sldNum``) placeholder: at the idx
    brand.yaml names, else the first of that type (as PowerPoint finds them)."""
    if idx is not None:
        return layout.placeholders.get(idx=idx)
    wanted = _PH_TYPES[ph_type]
    return next((ph for ph in list(layout.placeholders) if ph.element.ph_type == wanted), None)


def remove_unfilled(ctx: RenderContext) -> None:
    """Remove placeholders that no field filled (python-pptx copies every placeholder of the
    layout onto the slide; an empty one shows its prompt, "Click to add text", when the deck
    is edited, as PowerPoint drops them on export)."""
    for element, _idx in list(placeholder_elements(ctx.shapes._spTree)):
        if element.tag != _P_SP:
            continue  # pictures, tables and charts placed in a placeholder are content
        if has_text(element):
            continue
        if element.find(".//" + qn("a:fld")) is not None:
            continue
        element.getparent().remove(element)


_P_SP = qn("p:sp")


def _clone(ctx: RenderContext, source: Any) -> Any:
    ctx.shapes.clone_placeholder(source)
    idx = source.placeholder_format.idx
    return next(p for p in ctx.slide.placeholders if p.placeholder_format.idx == idx)


def _write_slide_number(ph: Any, source: Any, number: int) -> None:
    """A paragraph holding an ``a:fld type="slidenum"`` whose cached text is ``number``."""
    frame = ph.text_frame
    prepare_frame(frame)
    field_id = SLIDENUM_FIELD_ID
    master_field = source.element.find(".//" + qn("a:fld"))
    if master_field is not None and master_field.get("type") == "slidenum":
        field_id = master_field.get("id", SLIDENUM_FIELD_ID)
    p = frame.paragraphs[0]._p
    fld = etree.Element(qn("a:fld"), id=field_id, type="slidenum")
    p.insert_element_before(fld, "a:endParaRPr")
    etree.SubElement(fld, qn("a:rPr"))
    etree.SubElement(fld, qn("a:t")).text = str(number)


def write_notes(ctx: RenderContext) -> bool:
    """Write the speaker notes, if the slide has any; returns whether it had."""
    if not ctx.source.notes:
        return False
    frame = notes_frame(ctx.slide.notes_slide)
    assert frame is not None  # python-pptx makes the notes slide from the notes master
    write_text(frame, ctx.source.notes, inherits_bullets=False)
    return True


def text_roots(ctx: RenderContext) -> list[etree._Element]:
    """XML roots that hold the slide's text: the slide and, if any, its notes page."""
    roots = [ctx.slide.element]
    if ctx.slide.has_notes_slide:
        roots.append(ctx.slide.notes_slide.element)
    return roots
