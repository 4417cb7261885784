"""``roster``: people with their municipality or organisation and role, as a native table.

Headers are in the deck's language (:func:`deckgen.words.roster_headers`); office holders
(leder, nestleder) are emphasised. A long roster is paginated over several slides when it is
built, each page titled "Styret (1/2)".
"""

from __future__ import annotations

from deckgen import words
from deckgen.errors import Diagnostics
from deckgen.layouts.fields import PERSON, var_or
from deckgen.layouts.spec import UNSCALED, BuildInput, LayoutSpec, Measured, Plan, Seen, Sizing, title_measured
from deckgen.layouts.tables import ROSTER_SIZES, is_officer, plan_table
from deckgen.model import Box, Inline, Person, RosterContent, Run, Slide, unwrap

DEFAULT_PER_PAGE = 10


def build(inp: BuildInput, diags: Diagnostics) -> list[Slide]:
    people_node = inp.fields.get("people")
    if people_node is None:
        diags.error(inp.source.loc, "a roster needs 'people:' (a list, or \"{{ county.board.members }}\")", "add the people")
        return []
    people = []
    for item in people_node.value:
        entry = unwrap(item)
        if not isinstance(entry, dict) or "name" not in entry:
            diags.error(item.loc, "each person needs at least 'name:'", "write name:, place:, role:")
            continue
        people.append(Person(str(entry["name"]), str(entry.get("place", "") or ""), str(entry.get("role", "") or "")))
    per_page = int(inp.value("per_page", DEFAULT_PER_PAGE))
    pages = [people[i : i + per_page] for i in range(0, len(people), per_page)] or [[]]
    # Balance the pages so the last is not a lonely one or two.
    if len(pages) > 1:
        size = -(-len(people) // len(pages))
        pages = [people[i : i + size] for i in range(0, len(people), size)]
    title = inp.title(diags)
    return [
        inp.slide(page_title(title, n + 1, len(pages)), RosterContent(tuple(page), n + 1, len(pages)))
        for n, page in enumerate(pages)
    ]


def page_title(title: Inline, page: int, pages: int) -> Inline:
    """A paginated roster page's title with its page mark, "Styret (1/2)": the one place the
    mark is made, so both renderers show it and check measures it as part of the title."""
    if pages < 2 or not title:
        return title
    return (*title, Run(f" ({page}/{pages})"))


def plan(content: RosterContent, area: Box, lang: str, sizing: Sizing = UNSCALED) -> Plan:
    header = tuple((Run(word),) for word in words.roster_headers(lang))
    rows = [((Run(p.name),), (Run(p.place),), (Run(p.role),)) for p in content.people]
    table = plan_table(
        header, rows, area, sizes=ROSTER_SIZES, sizing=sizing, emphasis=[is_officer(p.role) for p in content.people],
        what="the roster table", name="Roster",
        hint="set 'per_page: {rows}' (or fewer) on the roster slide so it splits over more "
             "slides, or shorten names, places and roles")
    return Plan(tables=(table,))


def measured(slide: Slide, lang: str) -> list[Measured]:
    return title_measured(slide)


def visible(slide: Slide) -> list[Seen]:
    """Names, places and roles are plain data, never links or Markdown."""
    return []


SPEC = LayoutSpec(
    name="roster",
    content=RosterContent,
    summary="people with place and role as a table, paginated when long",
    fields={
        "people": var_or({"type": "array", "minItems": 1, "items": PERSON}),
        "per_page": var_or({"type": "integer", "minimum": 3, "maximum": 16}),
    },
    build=build,
    roles=("title", "area"),
    required_roles=("title", "area"),
    measured=measured,
    visible=visible,
    plan=plan,
)
