"""``table``: a native table with a header row, sized to fit the content area."""

from __future__ import annotations

from dataclasses import replace

from deckgen.errors import Diagnostics
from deckgen.layouts.fields import CELL, CONTINUE, continuation, var_or
from deckgen.layouts.spec import UNSCALED, BuildInput, LayoutSpec, Measured, Plan, Seen, Sizing, title_measured
from deckgen.layouts.tables import TABLE_SIZES, plan_table
from deckgen.model import Box, Inline, Slide, TableContent


def build(inp: BuildInput, diags: Diagnostics) -> list[Slide]:
    header: tuple[Inline, ...]
    rows: tuple[tuple[Inline, ...], ...]
    if "rows" in inp.fields:
        header_node = inp.fields.get("header")
        header = tuple(inp.inline_of(h, diags) for h in (header_node.value if header_node else []))
        rows = tuple(tuple(inp.inline_of(c, diags) for c in row.value) for row in inp.fields["rows"].value)
    elif inp.source.table:
        header, rows = inp.source.table[0], tuple(inp.source.table[1:])
    else:
        diags.error(inp.source.loc, "a table slide needs a Markdown table or 'rows:'", "add the table")
        return []
    where = inp.loc("rows") if "rows" in inp.fields else inp.source.loc
    if not rows:
        diags.error(where, "the table has no rows", "add at least one row under the header")
        return []
    width = max([len(header), *(len(r) for r in rows)], default=0)
    for n, row in enumerate(rows):
        if len(row) != width:
            diags.error(where, f"table row {n + 1} has {len(row)} cells; the table has {width} columns", "give every row the same number of cells")
    slide = inp.slide(inp.title(diags), TableContent(header, rows))
    return [replace(slide, continuation=continuation(inp.value("continue")))]


def plan(content: TableContent, area: Box, lang: str, sizing: Sizing = UNSCALED) -> Plan:
    if max([len(content.header), *(len(r) for r in content.rows)], default=0) == 0:
        return Plan()
    table = plan_table(content.header, content.rows, area, sizes=TABLE_SIZES, sizing=sizing, what="the table", name="Table",
                       hint="split the table over two slides, or shorten the cells")
    return Plan(tables=(table,))


def measured(slide: Slide, lang: str) -> list[Measured]:
    return title_measured(slide)


def visible(slide: Slide) -> list[Seen]:
    c = slide.content
    assert isinstance(c, TableContent)
    return [(cell, None) for row in (c.header, *c.rows) for cell in row]


SPEC = LayoutSpec(
    name="table",
    content=TableContent,
    summary="a table with a header row",
    fields={
        "header": {"type": "array", "items": CELL},
        "continue": CONTINUE,
        "rows": var_or({"type": "array", "items": {"type": "array", "items": CELL}}),
    },
    build=build,
    roles=("title", "area"),
    required_roles=("title", "area"),
    measured=measured,
    visible=visible,
    plan=plan,
)
