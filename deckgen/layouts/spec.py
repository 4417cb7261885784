"""What one layout is: :class:`LayoutSpec`, and the contracts its parts follow.

A layout is one unit. Its spec module (``deckgen/layouts/<name>.py``) holds everything about
it that is not drawing: the front-matter fields (the single source of the JSON Schema and of
validation), the brand's placeholder roles, the builder that turns a slide's fields into its
model content, the planner that places what the layout draws itself, the texts the checks
measure, and its flags. Each renderer adds one drawing function per layout, looked up by
name; ``tests/unit/test_layout_registry.py`` fails when a layout misses a part anywhere.

The spec modules are neutral: they import only the model, the geometry helpers and deckgen's
own words -- never the parser, a renderer or a third-party library -- so every stage can look a
layout up. What a builder needs from resolve (parsing Markdown, reading a picture) it gets
through :class:`BuildInput`, which resolve implements.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from deckgen.errors import Diagnostics, SourceLoc
from deckgen.model import Asset, Box, Inline, Located, Para, Slide, SourceSlide, Text

Tone = Literal["dark", "light"]


class BuildInput(Protocol):
    """What a layout's builder gets from resolve: the slide as written, its fields with
    variables substituted and validated against the layout's schema, and the ways to turn
    field values into model text (the Markdown parser lives in ``load``)."""

    @property
    def source(self) -> SourceSlide: ...
    @property
    def fields(self) -> dict[str, Located]: ...
    @property
    def body(self) -> Text: ...  # the Markdown body, substituted
    @property
    def lang(self) -> str: ...
    @property
    def deck_title(self) -> str: ...
    @property
    def deck_subtitle(self) -> str: ...
    @property
    def byline(self) -> str: ...
    @property
    def columns(self) -> tuple[tuple[Inline, Text], ...]: ...  # pandoc's ::: column divs: heading, text

    def loc(self, key: str) -> SourceLoc: ...
    def value(self, key: str, default: Any = None) -> Any: ...
    def inline(self, key: str, diags: Diagnostics) -> Inline: ...
    def block(self, key: str, diags: Diagnostics) -> Text: ...
    def title(self, diags: Diagnostics) -> Inline: ...
    def inline_of(self, node: Located, diags: Diagnostics) -> Inline: ...
    def block_of(self, node: Located, diags: Diagnostics) -> Text: ...
    def picture(self, src: str, loc: SourceLoc, diags: Diagnostics, alt: str = "") -> Asset | None: ...
    def slide(self, title: Inline, content: Any, hidden: str = "") -> Slide: ...


Builder = Callable[[BuildInput, Diagnostics], list[Slide]]
Seen = tuple[Inline, SourceLoc | None]  # a text the audience sees, and where it was written


def texts_of(*texts: Text) -> list[Seen]:
    """The paragraphs of ``texts`` as :data:`Seen` entries."""
    return [(p.runs, p.loc) for text in texts for p in text]


@dataclass(frozen=True, slots=True)
class Measured:
    """A text a check measures in a placeholder the brand maps (``field``): its paragraphs,
    how messages name it, and what to do when it does not fit."""

    field: str
    text: Text
    what: str
    hint: str


@dataclass(frozen=True, slots=True)
class PlanPara:
    """One paragraph of a shape a layout draws itself, as both renderers set it."""

    runs: Inline
    size: float  # points
    heading: bool = False  # the brand's heading font (else the body font)
    bold: bool = False
    level: int = 0
    bullet: bool = False
    before: float = 0.0  # points of space before the paragraph
    loc: SourceLoc | None = None


@dataclass(frozen=True, slots=True)
class PlanText:
    """A text frame a layout draws itself (a card, an org chart body, a tile): its box and
    insets in EMU, its paragraphs, and how a check talks about it."""

    key: str  # names the shape in both outputs: "column-2", "node-fylkesting", "tile-1"
    what: str  # "column 2 ('Roller')"
    container: str  # "card", "box"
    box: Box
    insets: tuple[int, int, int, int]  # left, top, right, bottom
    paras: tuple[PlanPara, ...]
    loc: SourceLoc | None
    hint: str
    anchor: Literal["t", "ctr", "b"] = "t"
    reserved: int = 0  # EMU at the top the text may not use (a play mark)


@dataclass(frozen=True, slots=True)
class PlanTable:
    """A native table a layout draws: its area, cells (header row first, every row as wide
    as the table), emphasised body rows, column widths and row heights in EMU, and its one
    font size."""

    box: Box
    header: tuple[Inline, ...]
    rows: tuple[tuple[Inline, ...], ...]
    emphasis: tuple[bool, ...]
    widths: tuple[int, ...]
    heights: tuple[int, ...]  # header first
    size: float
    what: str  # "the roster table"
    hint: str  # "{rows}" in it stands for the number of body rows that fit the area
    name: str  # the shape's name in PowerPoint
    align: tuple[str, ...] = ()  # per column: "left", "center", "right" or "" (the default)


@dataclass(frozen=True, slots=True)
class Plan:
    """Where a layout's own shapes go, in EMU on the slide: the texts and tables every
    output draws (and every check measures) and the layout's own data for its drawing
    functions (``detail``: a columns plan, an org chart plan ...). A layout that only fills
    placeholders has an empty plan."""

    texts: tuple[PlanText, ...] = ()
    tables: tuple[PlanTable, ...] = ()
    detail: Any = None


@dataclass(frozen=True, slots=True)
class Sizing:
    """What a planner is told about sizes: the brand's ``floor`` for the text it draws (no
    size it picks goes below it) and the ``scale`` the fit step found its text needs with
    the real fonts (1.0: the sizes the planner's estimate picks)."""

    floor: float
    scale: float = 1.0

    def apply(self, size: float, floor: float | None = None) -> float:
        """``size`` at this scale, in half points, never below ``floor`` (the brand's)."""
        if self.scale >= 1.0:
            return size
        low = self.floor if floor is None else floor
        return max(low, math.floor(size * self.scale * 2 + 1e-9) / 2)


UNSCALED = Sizing(0.0)  # plans for tests and tools that do not care about floors

Planner = Callable[[Any, Box, str, Sizing], Plan]  # (content, area, lang, sizing) -> Plan


def no_plan(content: Any, area: Box, lang: str, sizing: Sizing = UNSCALED) -> Plan:
    """The planner of a layout that draws nothing itself (its fields fill placeholders)."""
    return Plan()


@dataclass(frozen=True, slots=True)
class LayoutSpec:
    """Everything deckgen knows about one layout, except how each renderer draws it.

    ``fields`` are the layout's own front-matter keys as JSON Schema (the common ones --
    layout, title, notes, id, hidden_title -- are added by :mod:`deckgen.schema`);
    ``required`` those a slide must give. ``roles`` are the brand fields this layout maps to
    master placeholders (``area`` is a region the layout draws into), ``required_roles`` those
    a brand mapping must have. ``measured`` lists the placeholder texts of a slide; ``plan``
    places the layout's own shapes in the ``area`` role's box.
    """

    name: str
    content: type
    summary: str
    fields: Mapping[str, Any]
    build: Builder
    roles: tuple[str, ...]
    required_roles: tuple[str, ...]
    measured: Callable[[Slide, str], list[Measured]]  # (slide, lang)
    visible: Callable[[Slide], list[Seen]]  # every text shown besides the title
    required: tuple[str, ...] = ()
    plan: Planner = no_plan
    tone: Tone = "light"  # dark: a cover (title, section) on the brand's primary colour
    logo: bool = True  # the brand's logo shows
    footer: bool = True  # the footer band shows, for brands whose master does not say
    visible_title: bool = True  # the title shows on the slide (image slides keep it hidden)
    extra: Mapping[str, Any] = field(default_factory=dict)

    def draws(self) -> bool:
        """Whether the layout draws shapes of its own into an ``area``."""
        return "area" in self.roles


def title_measured(slide: Slide) -> list[Measured]:
    """The slide's visible title, as every titled layout measures it. A roster page's
    "(1/2)" is part of its title (resolve puts it there), so it is measured as shown."""
    if not slide.title:
        return []
    return [Measured("title", (Para(slide.title, loc=slide.title_loc),), "title", HINT_TITLE)]


HINT_TITLE = "shorten the title; details belong in the body"
HINT_BODY = "split the slide in two, shorten the text, or move detail into the speaker notes"
