"""``roster``: people with their municipality or organisation and role, as a native table
(:mod:`deckgen.layouts.roster` plans it: headers in the deck's language, office holders
emphasised). A roster paginated over several slides already has its "(1/2)" in the title.
"""

from __future__ import annotations

from deckgen.model import RosterContent, Slide
from deckgen.render.pptx.context import RenderContext, content_of
from deckgen.render.pptx.slides import put_title
from deckgen.render.pptx.tables import draw_table


def render(ctx: RenderContext, slide: Slide) -> None:
    content_of(slide, RosterContent)
    put_title(ctx)
    for table in ctx.plan().tables:
        draw_table(ctx, table)
