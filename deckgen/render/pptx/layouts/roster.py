"""``roster``: people with their municipality or organisation and role, as a native table.

Headers are in the deck's language (:func:`deckgen.words.roster_headers`); the leader and
deputy rows are emphasised. A roster that resolve paginated over several slides already has
its "(1/2)" in the title.
"""

from __future__ import annotations

from deckgen import geometry as geo
from deckgen import words
from deckgen.model import RosterContent, Run, Slide
from deckgen.render.pptx.context import RenderContext, content_of
from deckgen.render.pptx.slides import put_title
from deckgen.render.pptx.tables import TableSpec, draw_table


def render(ctx: RenderContext, slide: Slide) -> None:
    content = content_of(slide, RosterContent)
    put_title(ctx)
    area = ctx.take_area()
    header = tuple((Run(word),) for word in words.roster_headers(ctx.lang))
    rows = [((Run(p.name),), (Run(p.place),), (Run(p.role),)) for p in content.people]
    spec = TableSpec(
        header=header,
        rows=rows,
        emphasis=[geo.is_officer(p.role) for p in content.people],
        sizes=geo.ROSTER_SIZES,
    )
    draw_table(ctx, area, spec, name="Roster")
