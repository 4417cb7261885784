"""What a reader of a .pptx sees, slide by slide, for comparing two builds of one deck: the
master layout, every paragraph of text, the notes, the links, the tables, the org chart's
glued connectors and the pictures' alt text. Used by the import tests (round trips)."""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.oxml.ns import qn


def _paragraphs(el: Any) -> list[str]:
    out = []
    for p in el.iter(qn("a:p")):
        text = "".join((t.text or "") if t.tag == qn("a:t") else "\n" for t in p.iter(qn("a:t"), qn("a:br"))).strip()
        if text:
            out.append(text)
    return out


def slide_summary(slide: Any) -> dict[str, Any]:
    texts: Counter[str] = Counter()
    links: set[str] = set()
    tables: list[list[list[str]]] = []
    names: dict[str, str] = {}
    pictures = []
    for el in slide.shapes._spTree.iter(qn("p:sp"), qn("p:pic"), qn("p:graphicFrame"), qn("p:cxnSp")):
        c = next(el.iter(qn("p:cNvPr")))
        paras = _paragraphs(el) if el.tag != qn("p:graphicFrame") else []
        names[c.get("id")] = paras[0] if paras else c.get("name")
        if el.tag == qn("p:pic"):
            blip = next(el.iter(qn("a:blip")), None)
            blob = slide.part.related_part(blip.get(qn("r:embed"))).blob if blip is not None else b""
            rect = next(el.iter(qn("a:srcRect")), None)
            crop = tuple(int(rect.get(k, "0")) for k in ("l", "t", "r", "b")) if rect is not None else (0, 0, 0, 0)
            shape = next((sh for sh in slide.shapes if sh.shape_id == int(c.get("id"))), None)
            size = (shape.left, shape.top, shape.width, shape.height) if shape is not None else None  # as shown, inherited or not
            pictures.append((c.get("descr"), hashlib.sha256(blob).hexdigest()[:12], crop, size))
        texts.update(paras)
        if el.tag == qn("p:graphicFrame"):
            rows = [[" ".join(_paragraphs(tc)) for tc in tr.iter(qn("a:tc"))] for tr in el.iter(qn("a:tr"))]
            if rows:
                tables.append(rows)
    for click in slide.element.iter(qn("a:hlinkClick")):
        rid = click.get(qn("r:id"))
        if rid:
            links.add(slide.part.rels[rid].target_ref)
    glue = set()
    for cxn in slide.element.iter(qn("p:cxnSp")):
        st, en = next(cxn.iter(qn("a:stCxn")), None), next(cxn.iter(qn("a:endCxn")), None)
        if st is not None and en is not None:
            glue.add((names.get(st.get("id")), names.get(en.get("id"))))
    notes = _paragraphs(slide.notes_slide.notes_text_frame._txBody) if slide.has_notes_slide else []
    return {
        "layout": slide.slide_layout.name,
        "texts": dict(texts),
        "notes": " ".join(notes).split(),
        "links": sorted(links),
        "tables": tables,
        "glue": sorted(glue),
        "pictures": pictures,
    }


def deck_summary(path: Path) -> list[dict[str, Any]]:
    return [slide_summary(s) for s in Presentation(str(path)).slides]
