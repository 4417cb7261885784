"""What a layout renderer gets: the deck, the slide being built and how its fields map.

Responsibility: looking placeholders up **by idx** through the brand's field mapping (never by
position or name: layout order and placeholder names change when people edit masters), the
brand's colour and font tokens, and the one error raised when a master does not have what
the brand's mapping promises.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.oxml.ns import qn
from pptx.shapes.placeholder import _InheritsDimensions
from pptx.shapes.shapetree import SlideShapes
from pptx.slide import Slide as PptxSlide
from pptx.util import Emu

from deckgen.errors import BuildError, Diagnostic, SourceLoc
from deckgen.layouts import Plan, plan_slide
from deckgen.model import Box, Brand, Deck, LayoutMap, Slide, drawn_size
from deckgen.render.pptx.placeholders import find_placeholder, ph_idx, ph_of, placeholder_proxy

T = TypeVar("T")


@dataclass(slots=True)
class Memo:
    """What one render learns on its first slides and reuses on the rest (never across
    decks): a layout placeholder's box by (layout part, idx), the furniture
    (:func:`deckgen.render.pptx.slides.add_footer_and_number`) filled once per layout, and a
    table cell styled once per look (:mod:`deckgen.render.pptx.tables`)."""

    boxes: dict[tuple[int, int], tuple[Any, Any, Any, Any]] = field(default_factory=dict)
    furniture: dict[tuple[int, str], Any] = field(default_factory=dict)
    cell_looks: dict[Any, etree._Element] = field(default_factory=dict)  # a styled, empty a:tc by look


@dataclass(frozen=True, slots=True)
class RenderContext:
    """One slide under construction. Layout modules receive it with the model slide."""

    deck: Deck
    slide: PptxSlide
    layout: LayoutMap
    number: int  # 1-based slide number
    source: Slide
    memo: Memo = field(default_factory=Memo)

    @property
    def brand(self) -> Brand:
        return self.deck.brand

    @property
    def shapes(self) -> SlideShapes:
        return self.slide.shapes

    @property
    def lang(self) -> str:
        return self.deck.lang

    def color(self, token: str) -> str:
        """A brand colour token (``primary``, ``surface`` ...) as ``#RRGGBB``."""
        return self.brand.colors[token]

    def font(self, kind: str = "body") -> str:
        """The brand's ``heading`` or ``body`` font family."""
        return self.brand.fonts.get(kind) or self.brand.fonts.get("body") or "Arial"

    def has(self, field: str) -> bool:
        """Whether the brand maps ``field`` for this layout at all (placeholder or drawn)."""
        return self.layout.has(field)

    def drawn(self, field: str) -> bool:
        """Whether ``field`` is drawn as a shape (the master layout has no placeholder)."""
        return field in self.layout.drawn

    def placeholder(self, field: str) -> Any:
        """The slide placeholder that the brand maps ``field`` to, found by its idx.

        Raises :class:`BuildError` (located at the brand) when the mapping names an idx the
        master layout does not have: the user's master and brand.yaml disagree.
        """
        if field in self.layout.drawn:
            return drawn_box(self, field)
        if field not in self.layout.placeholders:
            raise mismatch(
                self.brand,
                f"layout '{self.source.layout}' needs a placeholder for field '{field}'",
                f"add '{field}: <idx>' under layouts.{self.source.layout}.placeholders",
            )
        idx = self.layout.placeholders[field]
        found = find_placeholder(self.slide.shapes._spTree, idx)
        if found is not None:
            return placeholder_proxy(found, self.slide.placeholders)
        raise mismatch(
            self.brand,
            f"master layout '{self.layout.master_layout}' has no placeholder idx {idx} "
            f"for field '{field}' of layout '{self.source.layout}'",
            "run 'deckgen brand check' to list the master's placeholders",
        )

    def drop(self, field: str) -> None:
        """Remove the placeholder of ``field`` from the slide (an unused, empty field would
        show PowerPoint's "Click to add text" prompt)."""
        if self.has(field):
            remove_shape(self.placeholder(field))

    def plan(self) -> Plan:
        """The slide's plan (:attr:`deckgen.layouts.spec.LayoutSpec.plan`) in the ``area``
        placeholder's box, which is removed: the layout draws its own shapes there."""
        area = self.take_area()
        return plan_slide(self.source, area, self.lang, self.brand.fit)

    def take_area(self, field: str = "area") -> Box:
        """The box of ``field``'s placeholder as a drawing region; the placeholder itself is
        removed, because layouts draw native shapes and tables there instead."""
        ph = self.placeholder(field)
        box = self.box_of(ph)
        remove_shape(ph)
        return box

    def box_of(self, ph: Any) -> Box:
        """A slide placeholder's box: its own position and size where it has them, else its
        layout placeholder's (python-pptx's ``left``, ``top``, ``width``, ``height``, each
        inherited alone; the layout's values looked up once per deck)."""
        inherits = isinstance(ph, _InheritsDimensions)  # (a flag: ph stays Any for the lines below)
        if not inherits:  # a graphic frame in a placeholder: its own box
            return Box(int(ph.left), int(ph.top), int(ph.width), int(ph.height))
        own = ph.element  # what python-pptx's BaseShape.left/top/width/height read
        values = [own.x, own.y, own.cx, own.cy]
        if None in values:
            key = (id(self.slide.part.slide_layout.part), ph_idx(ph_of(ph.element)))
            if key not in self.memo.boxes:
                self.memo.boxes[key] = tuple(ph._inherited_value(a) for a in _DIMENSIONS)
            inherited = self.memo.boxes[key]
            values = [v if v is not None else inherited[n] for n, v in enumerate(values)]
        left, top, width, height = values
        return Box(int(left), int(top), int(width), int(height))


_DIMENSIONS = ("left", "top", "width", "height")


# How drawn fields look: (font role, colour token, bold, alignment, anchor)
_DRAWN_LOOK = {
    "title": ("heading", "primary", True, "l", "b"),
    "label": ("heading", "primary", True, "l", "b"),
    "question": ("heading", "primary", True, "ctr", "ctr"),
    "subtitle": ("body", "text", False, "l", "t"),
    "byline": ("body", "muted", False, "l", "t"),
    "credit": ("body", "on_primary", False, "r", "ctr"),
    "timer": ("heading", "on_accent", True, "ctr", "ctr"),
}
_DRAWN_NAME = "deckgen {}"


def drawn_box(ctx: RenderContext, field: str) -> Any:
    """The text box drawn for ``field`` (the master layout has no placeholder for it): made
    on first use at the brand's box for it, in the brand's fonts and colours, and found by
    name after that, so a layout renderer treats it like a placeholder."""
    name = _DRAWN_NAME.format(field)
    for shape in ctx.shapes:
        if shape.name == name:
            return shape
    box = ctx.layout.drawn[field]
    shape = ctx.shapes.add_textbox(Emu(box.x), Emu(box.y), Emu(box.cx), Emu(box.cy))
    shape.name = name
    font, color, bold, align, anchor = _DRAWN_LOOK.get(field, ("body", "text", False, "l", "t"))
    fills = {"timer": "accent", "credit": "primary"}  # a badge; a band a photo cannot hide
    if field in fills:
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor.from_string(ctx.color(fills[field])[1:])
    body = shape.text_frame._txBody
    body_pr = body.find(qn("a:bodyPr"))
    body_pr.set("wrap", "square")
    body_pr.set("anchor", anchor)
    lst = body.find(qn("a:lstStyle"))
    size = str(int(drawn_size(field, ctx.brand.slide_height) * 100))
    for level in range(1, 10):
        ppr = etree.SubElement(lst, qn(f"a:lvl{level}pPr"), algn=align)
        rpr = etree.SubElement(ppr, qn("a:defRPr"), sz=size, b="1" if bold else "0")
        fill = etree.SubElement(rpr, qn("a:solidFill"))
        etree.SubElement(fill, qn("a:srgbClr"), val=ctx.color(color)[1:])
        etree.SubElement(rpr, qn("a:latin"), typeface=ctx.font(font))
    return shape


def remove_shape(shape: Any) -> None:
    """Take ``shape``'s element out of its shape tree."""
    el = shape.element
    el.getparent().remove(el)


def mismatch(brand: Brand, message: str, hint: str) -> BuildError:
    """A located error for a brand whose master and mapping disagree."""
    loc = brand.loc or SourceLoc(brand.master_path or "<brand>")
    return BuildError([Diagnostic(loc, message, hint=hint)])


def content_of(slide: Slide, kind: type[T]) -> T:
    """``slide.content`` as the content type its layout expects (resolve guarantees it;
    a mismatch is a bug, not a user error)."""
    if not isinstance(slide.content, kind):
        raise TypeError(f"layout '{slide.layout}' got {type(slide.content).__name__}")
    return slide.content
