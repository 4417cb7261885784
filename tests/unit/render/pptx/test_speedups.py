""":mod:`deckgen.render.pptx.speedups` swaps python-pptx's placeholder lookup and ``qn`` for
equivalents: they must give python-pptx's own answers on every shape of real slides and
layouts, and actually be in place after a render (an upgrade that moves them fails here)."""

from __future__ import annotations

import io
from pathlib import Path

import pptx.oxml.ns
import pptx.oxml.xmlchemy
from pptx import Presentation
from pptx.oxml.shapes.shared import BaseShapeElement

import deckgen.render.pptx.text as our_text
from deckgen.render.pptx import speedups
from deckgen.render.pptx.package import drop_master_content
from deckgen.render.pptx.parts import fast_parts

MASTER = Path(__file__).resolve().parents[4] / "templates" / "ks" / "master.pptx"


def _shape_elements() -> list[BaseShapeElement]:
    prs = Presentation(str(MASTER))
    drop_master_content(prs)
    add = fast_parts(prs)
    elements: list[BaseShapeElement] = []
    for layout in prs.slide_layouts:
        slide = add(layout)
        slide.shapes.add_textbox(0, 0, 100, 100)
        for owner in (layout, slide):
            elements += [s.element for s in owner.shapes]
    return elements


def test_the_placeholder_lookup_answers_as_python_pptxs() -> None:
    elements = _shape_elements()
    found = [speedups.fast_ph(e) for e in elements]
    assert found == [speedups.ORIGINAL_PH.fget(e) for e in elements]  # type: ignore[attr-defined]
    assert any(f is not None for f in found) and any(f is None for f in found)


def test_qn_answers_as_python_pptxs() -> None:
    for tag in ("a:rPr", "p:sp", "p:ph", "a:tbl", "r:id", "a:t", "p14:creationId"):
        if tag.split(":")[0] in pptx.oxml.ns._nsmap:
            assert speedups.fast_qn(tag) == speedups.ORIGINAL_QN(tag)


def test_install_puts_them_in_place_once_and_slides_still_render() -> None:
    speedups.install()
    speedups.install()
    assert BaseShapeElement.ph.fget is speedups.fast_ph  # type: ignore[attr-defined]
    assert pptx.oxml.ns.qn is speedups.fast_qn
    assert pptx.oxml.xmlchemy.qn is speedups.fast_qn  # a module that bound the name at import
    assert our_text.qn is speedups.fast_qn
    prs = Presentation(str(MASTER))
    drop_master_content(prs)
    slide = fast_parts(prs)(prs.slide_layouts[0])
    assert [p.placeholder_format.idx for p in slide.placeholders]
    prs.save(io.BytesIO())
