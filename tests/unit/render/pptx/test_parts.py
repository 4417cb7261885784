"""Slides and notes pages added through :mod:`deckgen.render.pptx.parts` get exactly the part names
and relationship ids python-pptx's own bookkeeping gives them: the same package, byte for
byte, without the walks over the whole package."""

from __future__ import annotations

import io
from pathlib import Path

from pptx import Presentation

from deckgen.render.pptx.package import drop_master_content
from deckgen.render.pptx.parts import fast_notes, fast_parts

MASTER = Path(__file__).resolve().parents[4] / "templates" / "ks" / "master.pptx"


def _build(fast: bool) -> dict[str, bytes]:
    prs = Presentation(str(MASTER))
    drop_master_content(prs)
    add = fast_parts(prs) if fast else prs.slides.add_slide
    add_notes = fast_notes(prs)
    layouts = list(prs.slide_layouts)
    for n in range(12):
        slide = add(layouts[n % len(layouts)])
        if n % 3 == 0:
            if fast:
                add_notes(slide)
            slide.notes_slide.notes_text_frame.text = f"notes {n}"
    out = io.BytesIO()
    prs.save(out)
    import zipfile

    with zipfile.ZipFile(out) as z:
        return {name: z.read(name) for name in z.namelist()}


def test_the_fast_path_writes_python_pptxs_own_parts() -> None:
    fast, slow = _build(True), _build(False)
    assert sorted(fast) == sorted(slow)
    assert [n for n in fast if fast[n] != slow[n]] == []
    assert "ppt/notesSlides/notesSlide4.xml" in fast and "ppt/slides/slide12.xml" in fast


def test_the_members_collected_in_memory_are_those_python_pptx_saves() -> None:
    from deckgen.render.pptx.package import package_members

    prs = Presentation(str(MASTER))
    drop_master_content(prs)
    add = fast_parts(prs)
    for n, layout in enumerate(prs.slide_layouts):
        slide = add(layout)
        if n % 2:
            slide.notes_slide.notes_text_frame.text = f"notes {n}"
        run = slide.shapes.add_textbox(0, 0, 10, 10).text_frame.paragraphs[0].add_run()
        run.text = "link"  # an external relationship, with characters XML escapes
        run.hyperlink.address = f"https://example.org/?a={n}&b=<{n}>"
    out = io.BytesIO()
    prs.save(out)
    import zipfile

    with zipfile.ZipFile(out) as z:
        saved = {name: z.read(name) for name in z.namelist()}
    collected = package_members(prs)
    assert b'TargetMode="External"' in collected["ppt/slides/_rels/slide1.xml.rels"]
    assert list(collected) == list(saved)
    assert [n for n in saved if collected[n] != saved[n]] == []
