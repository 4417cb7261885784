"""What a layout renderer gets: the deck, the slide being built and how its fields map.

Responsibility: looking placeholders up **by idx** through the brand's field mapping (never by
position or name: layout order and placeholder names change when people edit masters), the
brand's colour and font tokens, and the one error raised when a master does not have what
the brand's mapping promises.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from pptx.shapes.shapetree import SlideShapes
from pptx.slide import Slide as PptxSlide

from deckgen.errors import BuildError, Diagnostic, SourceLoc
from deckgen.layouts import REGISTRY, Plan
from deckgen.model import Box, Brand, Deck, LayoutMap, Slide

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class RenderContext:
    """One slide under construction. Layout modules receive it with the model slide."""

    deck: Deck
    slide: PptxSlide
    layout: LayoutMap
    number: int  # 1-based slide number
    source: Slide

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
        """Whether the brand maps ``field`` for this layout at all."""
        return field in self.layout.placeholders

    def placeholder(self, field: str) -> Any:
        """The slide placeholder that the brand maps ``field`` to, found by its idx.

        Raises :class:`BuildError` (located at the brand) when the mapping names an idx the
        master layout does not have: the user's master and brand.yaml disagree.
        """
        if field not in self.layout.placeholders:
            raise mismatch(
                self.brand,
                f"layout '{self.source.layout}' needs a placeholder for field '{field}'",
                f"add '{field}: <idx>' under layouts.{self.source.layout}.placeholders",
            )
        idx = self.layout.placeholders[field]
        for ph in self.slide.placeholders:
            if ph.placeholder_format.idx == idx:
                return ph
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
        return REGISTRY[self.source.layout].plan(self.source.content, area, self.lang)

    def take_area(self, field: str = "area") -> Box:
        """The box of ``field``'s placeholder as a drawing region; the placeholder itself is
        removed, because layouts draw native shapes and tables there instead."""
        ph = self.placeholder(field)
        box = Box(int(ph.left), int(ph.top), int(ph.width), int(ph.height))
        remove_shape(ph)
        return box


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
