"""Helpers the layouts' planners share: paragraphs of drawn shapes, card insets, Markdown
paragraphs from text."""

from __future__ import annotations

from deckgen import geometry as geo
from deckgen.errors import SourceLoc
from deckgen.layouts.spec import PlanPara
from deckgen.model import Box, Inline, Para, Run, Text


def drawn(runs: Inline, size: float, *, heading: bool = False, bold: bool = False,
          before: float = 0.0, level: int = 0, bullet: bool = False,
          loc: SourceLoc | None = None) -> PlanPara:
    """A paragraph in a shape a layout draws: its size and face; list paragraphs indent one
    step per level, their bullet hanging in the first step."""
    return PlanPara(runs, size, heading, bold, level, bullet, before, loc)


def body_paras(text: Text, size: float, *, first_before: float, before: float,
               all_bullets: bool = False) -> list[PlanPara]:
    """The paragraphs of a model text in a drawn shape, ``first_before`` points above the
    first and ``before`` above the others; ``all_bullets`` makes plain paragraphs bullets."""
    return [
        drawn(p.runs, size, before=first_before if i == 0 else before, level=p.level,
              bullet=all_bullets or p.kind != "text", loc=p.loc)
        for i, p in enumerate(text)
    ]


def card_insets(box: Box, margins: tuple[int, int, int, int],
                radius: float) -> tuple[int, int, int, int]:
    """A rounded card's text insets: its margins plus the preset's corner inset each side."""
    inset = geo.corner_inset(box, radius)
    return (margins[0] + inset, margins[1] + inset, margins[2] + inset, margins[3] + inset)


def para(text: str) -> Text:
    """One plain paragraph holding ``text``."""
    return (Para((Run(text),)),)


def first_loc(text: Text, default: SourceLoc | None) -> SourceLoc | None:
    """Where the first located paragraph of ``text`` was written, else ``default``."""
    return next((p.loc for p in text if p.loc is not None), default)
