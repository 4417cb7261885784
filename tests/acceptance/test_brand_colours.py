"""One brand, one look: the brand colour of each element is the same in the PowerPoint deck and
in the reveal.js page, for every layout (issue 15: column bullets were the text colour in
PowerPoint and the accent in reveal.js).

The seed deck, with bodies in its columns and a question and a table slide added, is built
into both formats. For each slide, the colours of its title, of every list item's text and of
every list item's marker (by nesting level) are read from the .pptx — following PowerPoint's
inheritance: the paragraph, the shape's list style, the layout's and the master's
placeholder, the master's text styles, the theme — and from the page as Chromium computes
them (``::marker`` included). Each colour is named by its brand role (primary, accent, …);
the two sets must be equal slide by slide.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from deckgen.cli import main

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NS = {"a": A, "p": P}

COLUMNS = """---
layout: columns
title: Våre roller
columns:
  - heading: Interessepolitisk aktør
    body: |
      - Påvirker nasjonale myndigheter
        - Stortinget og regjeringen
  - heading: Arbeidsgiverorganisasjon
    body: |
      - Forhandler lønn
  - heading: Utviklingspartner
    body: |
      Et avsnitt uten punkt.
---
"""

EXTRA = """  - layout: question
    question: Hva tar dere med dere hjem?
  - layout: table
    title: Tall
    header: [År, Kommuner]
    rows: [["2024", "357"]]
  - layout: bullets
    title: Nivåer
    body: |
      - Første nivå
        - Andre nivå
"""


def _brand_roles(project: Path) -> dict[str, str]:
    text = (project / "templates/ks/brand.yaml").read_text(encoding="utf-8")
    block = text.split("\ncolors:\n", 1)[1].split("\n\n", 1)[0]
    roles: dict[str, str] = {}
    for line in block.splitlines():
        match = re.match(r'\s+(\w+):\s*"(#[0-9A-Fa-f]{6})"', line)
        if match:
            roles.setdefault(match.group(2).upper(), match.group(1))
    return roles


class Inherited:
    """PowerPoint's look-up of a paragraph's bullet and text colour through its inheritance."""

    def __init__(self, prs) -> None:  # type: ignore[no-untyped-def]
        master = prs.slide_master
        theme = etree.fromstring(master.part.part_related_by(RT.THEME).blob)
        scheme = theme.find(".//a:clrScheme", NS)
        self.theme = {}
        for child in scheme:
            found = child.find("a:srgbClr", NS)
            found = found if found is not None else child.find("a:sysClr", NS)
            value = found.get("val") if found.tag.endswith("srgbClr") else found.get("lastClr")
            self.theme[etree.QName(child).localname] = "#" + value.upper()
        self.clr_map = dict(master._element.find("p:clrMap", NS).attrib)
        self.master = master

    def hex(self, holder) -> str | None:  # type: ignore[no-untyped-def]
        """The colour of an a:solidFill / a:buClr element."""
        if holder is None:
            return None
        srgb = holder.find("a:srgbClr", NS)
        if srgb is not None:
            return "#" + srgb.get("val").upper()
        scheme = holder.find("a:schemeClr", NS)
        if scheme is not None:
            name = scheme.get("val")
            return self.theme.get(self.clr_map.get(name, name))
        return None

    def chain(self, shape, level: int) -> list:  # type: ignore[no-untyped-def]
        """The lvlNpPr elements that apply to a paragraph at ``level`` (0-based), nearest first."""
        tag = f"a:lvl{level + 1}pPr"
        out = []
        body = shape._element.find(".//p:txBody", NS)
        if body is not None:
            out += body.findall(f"a:lstStyle/{tag}", NS)
        style = "otherStyle"
        if shape.is_placeholder:
            kind = shape._element.find(".//p:nvPr/p:ph", NS)
            ph_type = kind.get("type", "body") if kind is not None else "body"
            style = "titleStyle" if ph_type in ("title", "ctrTitle") else "bodyStyle"
            layout_ph = shape.part.slide_layout.placeholders
            for ph in layout_ph:
                if ph.placeholder_format.idx == shape.placeholder_format.idx:
                    out += ph._element.findall(f".//p:txBody/a:lstStyle/{tag}", NS)
            for ph in self.master.placeholders:
                same = ph.placeholder_format.type == shape.placeholder_format.type
                if same:
                    out += ph._element.findall(f".//p:txBody/a:lstStyle/{tag}", NS)
        out += self.master._element.findall(f"p:txStyles/p:{style}/{tag}", NS)
        return out

    def paragraph(self, shape, p) -> tuple[str | None, str | None, bool]:  # type: ignore[no-untyped-def]
        """(bullet colour or None, text colour, has a bullet) of paragraph ``p``."""
        ppr = p.find("a:pPr", NS)
        level = int(ppr.get("lvl", "0")) if ppr is not None else 0
        nodes = ([ppr] if ppr is not None else []) + self.chain(shape, level)
        bullet = False
        for node in nodes:
            if node.find("a:buNone", NS) is not None:
                break
            if node.find("a:buChar", NS) is not None or node.find("a:buAutoNum", NS) is not None:
                bullet = True
                break
        text = None
        run = p.find("a:r/a:rPr/a:solidFill", NS)
        text = self.hex(run)
        if text is None:
            for node in nodes:
                text = self.hex(node.find("a:defRPr/a:solidFill", NS))
                if text:
                    break
        colour = None
        if bullet:
            for node in nodes:
                found = node.find("a:buClr", NS)
                if found is not None:
                    colour = self.hex(found)
                    break
            colour = colour or text
        return colour, text, bullet


def _pptx_colours(path: Path, roles: dict[str, str]) -> tuple[list[set[tuple[str, str]]], list[str]]:
    """Per slide: the (element, brand role) pairs, and the title's text ('' when hidden)."""
    prs = Presentation(str(path))
    inherited = Inherited(prs)
    slides, titles = [], []
    for slide in prs.slides:
        found: set[tuple[str, str]] = set()
        titles.append("")
        for shape in slide.shapes:
            if not shape.has_text_frame or not shape.text_frame.text.strip():
                continue
            if shape.top is not None and (shape.top >= prs.slide_height or shape.top + shape.height <= 0
                                          or shape.left >= prs.slide_width or shape.left + shape.width <= 0):
                continue  # a hidden title, moved off the slide for screen readers
            is_title = shape.is_placeholder and shape.placeholder_format.type in (1, 3)  # TITLE, CENTER_TITLE
            if is_title:
                titles[-1] = " ".join(shape.text_frame.text.split())
            for p in shape.text_frame._txBody.findall("a:p", NS):
                if not "".join(p.itertext()).strip():
                    continue
                bullet, text, has_bullet = inherited.paragraph(shape, p)
                ppr = p.find("a:pPr", NS)
                level = int(ppr.get("lvl", "0")) if ppr is not None else 0
                if is_title:
                    found.add(("title", roles.get(text or "", text or "?")))
                elif has_bullet:
                    found.add((f"marker-{level}", roles.get(bullet or "", bullet or "?")))
                    found.add(("item", roles.get(text or "", text or "?")))
        slides.append(found)
    return slides, titles


# The title is the element showing the PowerPoint title's text (a slide title, the discussion
# label, the question), never a screen-reader-only copy.
_PAGE_SCRIPT = """(titles) => {
  const hex = (c) => { const m = c.match(/\\d+/g); return '#' + m.slice(0, 3).map(n => Number(n).toString(16).padStart(2, '0')).join('').toUpperCase(); };
  const norm = (t) => t.split(/\\s+/).join(' ').trim();
  return Array.from(document.querySelectorAll('section.deck-slide')).map((sec, n) => {
    const out = [];
    if (titles[n]) {
      const shown = Array.from(sec.querySelectorAll('*')).filter((el) => !el.closest('.sr-only') && norm(el.textContent) === titles[n]);
      const title = shown[shown.length - 1];
      out.push(['title', title ? hex(getComputedStyle(title).color) : 'missing']);
    }
    sec.querySelectorAll('li').forEach((li) => {
      let level = 0; let up = li.parentElement;
      while (up && up !== sec) { if (up.tagName === 'LI') level += 1; up = up.parentElement; }
      out.push(['marker-' + level, hex(getComputedStyle(li, '::marker').color)]);
      out.push(['item', hex(getComputedStyle(li).color)]);
    });
    return out;
  });
}"""


@pytest.mark.chromium
def test_every_element_has_the_same_brand_colour_in_both_outputs(project: Path) -> None:
    from playwright.sync_api import sync_playwright

    (project / "content/slides/roller.md").write_text(COLUMNS, encoding="utf-8")
    deck = project / "content/decks/regionmote.yaml"
    deck.write_text(deck.read_text(encoding="utf-8") + EXTRA, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(deck), "--county", "buskerud", "--format", "pptx,html",
                                       "--out", str(project / "build")])
    assert result.exit_code == 0, result.output
    roles = _brand_roles(project)
    pptx, titles = _pptx_colours(project / "build/regionmote-buskerud.pptx", roles)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.goto((project / "build/regionmote-buskerud/index.html").as_uri())
            page.wait_for_function("() => window.Reveal && Reveal.isReady()")
            html = [{(role, roles.get(colour, colour)) for role, colour in found} for found in page.evaluate(_PAGE_SCRIPT, titles)]
            layouts = page.evaluate("() => Array.from(document.querySelectorAll('section.deck-slide')).map(s => s.dataset.layout)")
        finally:
            browser.close()
    assert len(pptx) == len(html) == len(layouts)
    assert {"title", "columns", "orgchart", "roster", "bullets", "section", "tiles", "image", "discussion",
            "question", "table"} <= set(layouts)
    markers = [n for n, found in enumerate(html) if any(role.startswith("marker-") for role, _c in found)]
    assert {layouts[n] for n in markers} >= {"columns", "bullets", "orgchart"}  # the lists are compared
    differ = [f"slide {n + 1} ({layout}): PowerPoint {sorted(pptx[n])} vs reveal.js {sorted(html[n])}"
              for n, layout in enumerate(layouts) if pptx[n] != html[n]]
    assert not differ, "\n".join(differ)
