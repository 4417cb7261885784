"""docs/architecture.md, "Adding a layout", done for real: a ``quote`` layout added with one
spec (this module), one PowerPoint drawing function and one reveal.js template, and nothing
else -- then built from a content file through the CLI into both outputs, and checked."""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import html as lxml_html
from pptx import Presentation
from pptx.util import Emu

from deckgen import layouts
from deckgen.cli import main
from deckgen.errors import Diagnostics
from deckgen.geometry import inches, take_top
from deckgen.layouts.common import body_paras, card_insets, drawn
from deckgen.layouts.fields import MARKDOWN, TEXT
from deckgen.layouts.spec import (
    BuildInput,
    LayoutSpec,
    Measured,
    Plan,
    PlanText,
    Seen,
    Sizing,
    texts_of,
    title_measured,
)
from deckgen.model import Box, Inline, Para, Slide, Text
from deckgen.render.pptx.context import RenderContext
from deckgen.render.pptx.layouts import LAYOUT_RENDERERS
from deckgen.render.pptx.shapes import add_card
from deckgen.render.pptx.slides import put_title
from deckgen.render.pptx.text import Style, add_paragraph, prepare_frame

REPO = Path(__file__).resolve().parents[2]

# --------------------------------------------------------------------------- 1. the spec


@dataclass(frozen=True, slots=True)
class QuoteContent:
    quote: Text
    by: Inline = ()


def build(inp: BuildInput, diags: Diagnostics) -> list[Slide]:
    quote = inp.block("quote", diags) or inp.body
    return [inp.slide(inp.title(diags), QuoteContent(quote, inp.inline("by", diags)))]


def plan(content: QuoteContent, area: Box, lang: str, sizing: Sizing) -> Plan:
    card, _ = take_top(area, inches(2.5))
    margins = (inches(0.3),) * 4
    size = sizing.apply(28.0)  # the fit step's scale, never below the brand's floor
    paras = (*body_paras(content.quote, size, first_before=0.0, before=6.0),
             drawn(content.by, sizing.apply(16.0, 12.0), bold=True, before=12.0))
    return Plan((PlanText("quote", "the quote", "card", card, card_insets(card, margins, 0.05), paras, None,
                          "shorten the quote"),), detail=card)


def measured(slide: Slide, lang: str) -> list[Measured]:
    return title_measured(slide)


def visible(slide: Slide) -> list[Seen]:
    assert isinstance(slide.content, QuoteContent)
    return [*texts_of(slide.content.quote), (slide.content.by, None)]


SPEC = LayoutSpec(
    name="quote", content=QuoteContent, summary="a quotation and who said it",
    fields={"quote": MARKDOWN, "by": TEXT}, build=build, roles=("title", "area"),
    required_roles=("title", "area"), measured=measured, visible=visible, plan=plan,
)

# --------------------------------------------------------------------------- 2. PowerPoint


def draw_pptx(ctx: RenderContext, slide: Slide) -> None:
    put_title(ctx)
    text = ctx.plan().texts[0]
    card = add_card(ctx.shapes, text.box, ctx.color("surface"), name="Quote", radius=0.05,
                    margins=text.insets)
    prepare_frame(card.text_frame)
    for i, p in enumerate(text.paras):
        style = Style(size=p.size, color=ctx.color("text"), font=ctx.font("body"), bold=p.bold)
        add_paragraph(card.text_frame, Para(p.runs), style,
                      first=i == 0, space_before=p.before)


# --------------------------------------------------------------------------- 3. reveal.js

TEMPLATE = """{%- extends "slide.html.j2" -%}
{%- import "macros.html.j2" as m -%}
{%- block content %}
<div class="box slide-body">
<blockquote class="plan-box column plan-quote">{{ m.text(c.quote) }}<p><b>{{ m.inline(c.by) }}</b></p></blockquote>
</div>
{%- endblock %}
"""


@pytest.fixture
def quote_layout(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    layouts.register(SPEC)
    monkeypatch.setitem(LAYOUT_RENDERERS, "quote", draw_pptx)
    try:
        yield
    finally:
        layouts.unregister("quote")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "templates" / "ks", tmp_path / "templates" / "ks")
    brand = tmp_path / "templates" / "ks" / "brand.yaml"
    brand.write_text(brand.read_text("utf-8") + '  quote:\n    master: "Tittel og innhold"\n'
                     "    placeholders: {title: 0, area: 1}\n", "utf-8")
    (tmp_path / "templates" / "ks" / "reveal" / "layouts").mkdir(parents=True)
    (tmp_path / "templates" / "ks" / "reveal" / "layouts" / "quote.html.j2").write_text(TEMPLATE, "utf-8")
    (tmp_path / "content" / "decks").mkdir(parents=True)
    (tmp_path / "content" / "decks" / "sitat.yaml").write_text(
        "title: Sitat\nbrand: ks\nslides:\n"
        "  - layout: quote\n    title: Hva vi hørte\n"
        "    quote: Kommunene vet best hva innbyggerne trenger.\n    by: En ordfører\n", "utf-8")
    return tmp_path


def test_an_example_layout_builds_in_both_outputs_and_is_checked(quote_layout: None, project: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(project / "content/decks/sitat.yaml"),
                                       "--format", "pptx,html-single", "--out", str(project / "build")])
    assert result.exit_code == 0, result.output
    prs = Presentation(io.BytesIO((project / "build" / "sitat.pptx").read_bytes()))
    shapes = {s.name: s for s in prs.slides[0].shapes}
    quote = shapes["Quote"]
    want = SPEC.plan(QuoteContent(()), _area(prs), "nb-NO", Sizing(18.0)).texts[0].box
    assert (int(quote.left), int(quote.top), int(quote.width), int(quote.height)) == (want.x, want.y, want.cx, want.cy)
    assert quote.text_frame.paragraphs[0].text == "Kommunene vet best hva innbyggerne trenger."
    assert Emu(quote.text_frame.paragraphs[0].runs[0].font.size).pt == 28.0
    page = lxml_html.fromstring((project / "build" / "sitat.html").read_bytes())
    block = page.cssselect("section.layout-quote blockquote.plan-quote")[0]
    assert "innbyggerne trenger" in block.text_content() and "En ordfører" in block.text_content()
    css = "".join(s.text or "" for s in page.cssselect("style"))
    assert "#slide-1 .plan-quote { left: 0px; top: 0px;" in css

    # The checks see it: a quote too long for its card is an overflow finding.
    long = project / "content" / "decks" / "sitat.yaml"
    long.write_text(long.read_text("utf-8").replace("Kommunene vet best", "Kommunene vet best " * 40), "utf-8")
    result = CliRunner().invoke(main, ["check", str(long)])
    assert "the quote needs" in result.output, result.output


def _area(prs) -> Box:  # type: ignore[no-untyped-def]
    """The KS master's content placeholder (idx 1) on "Tittel og innhold"."""
    layout = next(lo for lo in prs.slide_layouts if lo.name == "Tittel og innhold")
    ph = next(p for p in layout.placeholders if p.placeholder_format.idx == 1)
    return Box(int(ph.left), int(ph.top), int(ph.width), int(ph.height))


def test_the_layout_is_gone_again_after_the_test() -> None:
    assert "quote" not in layouts.REGISTRY
    assert "quote" not in LAYOUT_RENDERERS
