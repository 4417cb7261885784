"""``roster``: people with their municipality or organisation and role, as a native table.

Headers are in the deck's language; the leader and deputy rows are emphasised. A roster that
resolve paginated over several slides shows "(1/2)" after its title.
"""

from __future__ import annotations

from deckgen.model import RosterContent, Run, Slide
from deckgen.render.pptx import i18n
from deckgen.render.pptx.context import RenderContext, content_of
from deckgen.render.pptx.slides import put_title
from deckgen.render.pptx.tables import TableSpec, draw_table

# Roles that mark a person as holding an office (leader, deputy, chair) rather than a seat.
_OFFICER_WORDS = ("leder", "leiar", "leader", "chair", "deputy")


def render(ctx: RenderContext, slide: Slide) -> None:
    content = content_of(slide, RosterContent)
    suffix = f" ({content.page}/{content.pages})" if content.pages > 1 else ""
    put_title(ctx, suffix=suffix)
    area = ctx.take_area()
    header = tuple((Run(i18n.word(ctx.lang, key)),) for key in ("name", "place", "role"))
    rows = [((Run(p.name),), (Run(p.place),), (Run(p.role),)) for p in content.people]
    spec = TableSpec(
        header=header,
        rows=rows,
        emphasis=[is_officer(p.role) for p in content.people],
        max_size=20,
        min_size=11,
    )
    draw_table(ctx, area, spec, name="Roster")


def is_officer(role: str) -> bool:
    """Whether ``role`` is an office (leder, nestleder, chair ...), not just membership."""
    lowered = role.lower()
    return any(w in lowered for w in _OFFICER_WORDS)
