"""How text is made to fit, as model data: the brand's policy (floors per role, shrinking,
continuing) and what the fit step decided for one box (:mod:`deckgen.check.fit` computes it,
both renderers draw it). Neutral: imports nothing of deckgen's; :mod:`deckgen.model` re-exports
these names.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

# The smallest size, in points, text of each role may be set at when it is made to fit its box
# (brand.yaml ``fit: floors:``; docs/brand.md). Placeholder roles are the brand's fields; the
# shapes a layout draws itself are named by the layout (an org chart's facts: ``orgchart``).
DEFAULT_FLOORS: Mapping[str, float] = {
    "title": 28.0, "subtitle": 18.0, "byline": 14.0, "body": 18.0, "question": 28.0,
    "prompt": 24.0, "label": 18.0, "credit": 9.0,
    "columns": 11.0, "orgchart": 9.0, "tiles": 11.0, "table": 10.0, "roster": 11.0,
    "image-text": 14.0,
}  # fmt: skip
FLOOR_FALLBACK = 18.0  # a placeholder role the table does not name


@dataclass(frozen=True, slots=True)
class FitPolicy:
    """How a brand lets text be made to fit (brand.yaml ``fit:``): ``shrink`` tightens line
    spacing and reduces sizes down to ``floors``; ``continue_auto`` lets bullet lists and
    tables that cannot fit at their floor continue on the next slide unless a slide says
    ``continue: off``."""

    floors: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_FLOORS))
    shrink: bool = True
    continue_auto: bool = False

    def floor(self, role: str) -> float:
        return self.floors.get(role, DEFAULT_FLOORS.get(role, FLOOR_FALLBACK))


@dataclass(frozen=True, slots=True)
class BoxFit:
    """How one text box of a slide was made to fit (computed by ``deckgen.check.fit``, drawn
    by both renderers).

    ``key`` is the brand field of a placeholder ("title", "body"), or "area" for the shapes a
    layout draws itself (one scale for all of them, so cards still read as a set). ``sizes``
    are the points of each paragraph of a placeholder (for "area": its smallest size);
    ``lines`` each paragraph's line spacing as written (1.0 = single); ``spacing`` the line
    spacing as a fraction of the unfitted one; ``scale`` the size as a fraction of the
    unfitted one (what findings report); ``fits`` False when the text is set at its floor
    and still too long."""

    key: str
    sizes: tuple[float, ...]
    lines: tuple[float, ...] = ()  # each paragraph's line spacing, a fraction of single (placeholders)
    spacing: float = 1.0
    scale: float = 1.0
    fits: bool = True
