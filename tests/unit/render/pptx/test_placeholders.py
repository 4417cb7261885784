""":mod:`deckgen.render.pptx.placeholders` answers as python-pptx's shape collections do, on
the slides of real masters (KS, deckgen's default, python-pptx's own), and the furniture a
deck copies from its first slide of a layout is byte for byte what python-pptx clones."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from fixtures.sample_deck import every_layout_slides
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn
from pptx.shapes.shapetree import SlidePlaceholders

import deckgen.render.pptx as renderer
from deckgen.model import Box, Brand
from deckgen.render.pptx import render_pptx
from deckgen.render.pptx.context import Memo, RenderContext
from deckgen.render.pptx.placeholders import (
    find_placeholder,
    has_text,
    next_ph_name,
    next_shape_id,
    notes_frame,
    placeholder_elements,
    placeholder_proxy,
)

from .conftest import make_deck, photo

ROOT = Path(__file__).resolve().parents[4]
MASTERS = {
    "ks": ROOT / "templates" / "ks" / "master.pptx",
    "default": ROOT / "deckgen" / "brands" / "default" / "master.pptx",
    "python-pptx": None,
}
TEXTS = ("", " ", "x", "a\vb", "\v", "  y ")


def _slides(master: Path | None):  # type: ignore[no-untyped-def]
    prs = Presentation(str(master)) if master else Presentation()
    for layout in prs.slide_layouts:
        slide = prs.slides.add_slide(layout)
        slide.shapes.add_textbox(0, 0, 100, 100)
        for n, ph in enumerate(slide.placeholders):
            if ph.has_text_frame and n % 2:
                ph.text_frame.text = TEXTS[n % len(TEXTS)]
        yield slide


@pytest.mark.parametrize("name", sorted(MASTERS))
def test_lookups_answer_as_python_pptxs(name: str) -> None:
    seen = 0
    for slide in _slides(MASTERS[name]):
        tree = slide.shapes._spTree
        ours = list(placeholder_elements(tree))
        assert [e for e, _ in ours] == list(tree.iter_ph_elms())
        assert [n for _, n in ours] == [e.ph_idx for e in tree.iter_ph_elms()]
        for idx in {n for _, n in ours} | {9999}:
            theirs = next((p for p in slide.placeholders if p.placeholder_format.idx == idx), None)
            found = find_placeholder(tree, idx)
            assert (found is None) == (theirs is None)
            if found is not None:
                proxy = placeholder_proxy(found, slide.placeholders)
                assert type(proxy) is type(theirs) and proxy.element is theirs.element
                assert isinstance(slide.placeholders, SlidePlaceholders)
        for shape in slide.placeholders:
            if shape.element.tag.endswith("}sp"):
                had_body = shape.element.txBody is not None
                assert has_text(shape.element) == bool(had_body and shape.text_frame.text.strip())
        assert next_shape_id(tree) == slide.shapes._next_shape_id
        for basename in ("Footer Placeholder", "Title", "Text Placeholder"):
            for id_ in (2, 3, 4, next_shape_id(tree)):
                assert next_ph_name(tree, basename, id_) == slide.shapes._next_ph_name(
                    _type_named(basename), id_, "horz")
        seen += len(ours)
    assert seen


def _type_named(basename: str):  # type: ignore[no-untyped-def]
    from pptx.enum.shapes import PP_PLACEHOLDER

    return {"Footer Placeholder": PP_PLACEHOLDER.FOOTER, "Title": PP_PLACEHOLDER.TITLE,
            "Text Placeholder": PP_PLACEHOLDER.BODY}[basename]


def test_what_a_render_remembers_gives_python_pptxs_bytes(ks_brand: Brand, monkeypatch: pytest.MonkeyPatch) -> None:
    """Furniture copied and boxes remembered from earlier slides (``RenderContext.memo``)
    give the bytes python-pptx gives each slide afresh."""
    deck = make_deck(ks_brand, slides=every_layout_slides(photo()) * 3)
    fast = render_pptx(deck)
    fresh = renderer.RenderContext
    monkeypatch.setattr(renderer, "RenderContext", lambda **kw: fresh(**{**kw, "memo": Memo()}))
    slow = render_pptx(deck)
    assert fast == slow
    prs = Presentation(io.BytesIO(next(iter(fast.values()))))
    numbers = [ph.text_frame.text for s in prs.slides for ph in s.placeholders
               if ph.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER]
    assert len(numbers) > 10 and numbers == sorted(numbers, key=int)


@pytest.mark.parametrize("name", sorted(MASTERS))
def test_boxes_are_python_pptxs(name: str, ks_brand: Brand) -> None:
    seen = 0
    memo = Memo()
    for slide in _slides(MASTERS[name]):
        ctx = RenderContext(deck=make_deck(ks_brand), slide=slide, layout=None, number=1,  # type: ignore[arg-type]
                            source=None, memo=memo)  # type: ignore[arg-type]
        for n, ph in enumerate(slide.placeholders):
            if n % 3 == 1:  # some with their own position, some inheriting it
                ph.left, ph.width = ph.left + 10, ph.width - 20
            if None in (ph.left, ph.top, ph.width, ph.height):
                continue  # python-pptx has no box for it: neither has deckgen
            for _ in range(2):  # looked up, then remembered
                assert ctx.box_of(ph) == Box(int(ph.left), int(ph.top), int(ph.width), int(ph.height))
            seen += 1
        # A table put in a placeholder (a graphic frame; some masters' pictures are such too):
        # it has its own box and no inherited one.
        frame = slide.shapes.add_table(1, 1, 11, 22, 33, 44)
        etree.SubElement(frame.element.nvGraphicFramePr.nvPr, qn("p:ph"), idx="77")
        ph = placeholder_proxy(find_placeholder(slide.shapes._spTree, 77), slide.placeholders)
        assert ctx.box_of(ph) == Box(11, 22, 33, 44)
    assert seen


@pytest.mark.parametrize("name", sorted(MASTERS))
def test_the_notes_frame_is_python_pptxs(name: str) -> None:
    seen = 0
    for n, slide in enumerate(_slides(MASTERS[name])):
        notes = slide.notes_slide
        if n % 2:  # a notes page whose body placeholder lost its text body, or the placeholder
            body = notes.notes_placeholder.element
            if n % 4 == 1:
                body.remove(body.txBody)
            else:
                body.getparent().remove(body)
        ours = notes_frame(notes)  # first: python-pptx's lookup adds a missing text body
        theirs = notes.notes_text_frame
        assert (ours is None) == (theirs is None)
        if ours is not None:
            assert ours._txBody is theirs._txBody and type(ours._parent) is type(theirs._parent)
            seen += 1
    assert seen


def test_a_render_leaves_python_pptx_as_it_was(ks_brand: Brand) -> None:
    """The writer works on the XML itself and patches nothing of python-pptx's, so whatever
    else in the process reads a .pptx (``deckgen import``) reads it with python-pptx as it is."""
    import sys

    import pptx.oxml.ns
    from pptx.oxml.shapes.shared import BaseShapeElement

    qn, ph = pptx.oxml.ns.qn, BaseShapeElement.__dict__["ph"]
    render_pptx(make_deck(ks_brand))
    assert BaseShapeElement.__dict__["ph"] is ph
    for name, module in list(sys.modules.items()):
        if name == "pptx" or name.startswith("pptx."):
            assert getattr(module, "qn", qn) is qn, name
