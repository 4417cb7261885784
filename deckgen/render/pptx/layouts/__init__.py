"""One module per layout, each with ``render(ctx, slide)``; the registry lists them all.

The registry is written out by hand (no discovery): a layout exists for the PPTX renderer
exactly when it is in this dict, and tests/unit/test_layout_registry.py holds it in step
with :data:`deckgen.layouts.REGISTRY` and the reveal.js templates.
"""

from __future__ import annotations

from collections.abc import Callable

from deckgen.model import Slide
from deckgen.render.pptx.context import RenderContext
from deckgen.render.pptx.layouts import (
    bullets,
    columns,
    discussion,
    image,
    image_text,
    orgchart,
    question,
    roster,
    section,
    table,
    tiles,
    title,
)

LayoutRenderer = Callable[[RenderContext, Slide], None]

LAYOUT_RENDERERS: dict[str, LayoutRenderer] = {
    "title": title.render,
    "section": section.render,
    "bullets": bullets.render,
    "columns": columns.render,
    "orgchart": orgchart.render,
    "roster": roster.render,
    "tiles": tiles.render,
    "image": image.render,
    "image-text": image_text.render,
    "discussion": discussion.render,
    "question": question.render,
    "table": table.render,
}
