"""``table``: a native table with a header row, sized to fit the content area."""

from __future__ import annotations

from dataclasses import replace

from deckgen import geometry as geo
from deckgen.errors import Diagnostics
from deckgen.geometry import inches
from deckgen.layouts.common import body_paras, drawn, first_loc
from deckgen.layouts.fields import CELL, CONTINUE, continuation, var_or
from deckgen.layouts.spec import (
    UNSCALED,
    BuildInput,
    LayoutSpec,
    Measured,
    Plan,
    PlanText,
    Seen,
    Sizing,
    texts_of,
    title_measured,
)
from deckgen.layouts.tables import TABLE_SIZES, plan_table
from deckgen.model import Box, Inline, Slide, TableContent, Text


def build(inp: BuildInput, diags: Diagnostics) -> list[Slide]:
    header: tuple[Inline, ...]
    rows: tuple[tuple[Inline, ...], ...]
    align: tuple[str, ...] = ()
    intro: Text = ()
    if "rows" in inp.fields:
        header_node = inp.fields.get("header")
        header = tuple(inp.inline_of(h, diags) for h in (header_node.value if header_node else []))
        rows = tuple(tuple(inp.inline_of(c, diags) for c in row.value) for row in inp.fields["rows"].value)
    elif inp.source.table:
        header, rows = inp.source.table[0], tuple(inp.source.table[1:])
        align = tuple(a if a in ("left", "center", "right") else "" for a in inp.source.table_align)
        intro = inp.body
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
    title = inp.title(diags)
    caption = inp.source.table_caption
    if not title and caption:
        title, caption = caption, ()  # pandoc's caption names a table that has no heading
    slide = inp.slide(title, TableContent(header, rows, align if any(align) else (), caption, intro))
    return [replace(slide, continuation=continuation(inp.value("continue")))]


CAPTION_SIZE = 14.0
INTRO_SIZE = 18.0
CAPTION_HEIGHT = inches(0.5)


def plan(content: TableContent, area: Box, lang: str, sizing: Sizing = UNSCALED) -> Plan:
    if max([len(content.header), *(len(r) for r in content.rows)], default=0) == 0:
        return Plan()
    texts: tuple[PlanText, ...] = ()
    if content.intro:  # text beside a Markdown table: above it, as in the columns layout
        lines = geo.para_lines(content.intro, INTRO_SIZE, bullets=True)
        box, area = geo.take_top(area, geo.block_height(lines, area.cx) + inches(0.1), inches(0.15))
        paras = tuple(body_paras(content.intro, INTRO_SIZE, first_before=0.0, before=0.0))
        texts += (PlanText("intro", "the text above the table", "box", box, (0, 0, 0, 0), paras,
                           first_loc(content.intro, None), "shorten the text or move it into the speaker notes"),)
    if content.caption:  # pandoc's "Table: …": room for a line right below the table
        area = Box(area.x, area.y, area.cx, area.cy - CAPTION_HEIGHT - inches(0.1))
    table = plan_table(content.header, content.rows, area, sizes=TABLE_SIZES, sizing=sizing, what="the table", name="Table",
                       hint="split the table over two slides, or shorten the cells", align=content.align)
    if content.caption:
        box = Box(area.x, area.y + sum(table.heights) + inches(0.1), area.cx, CAPTION_HEIGHT)
        texts += (PlanText("caption", "the table's caption", "box", box, (0, 0, 0, 0),
                           (drawn(content.caption, CAPTION_SIZE),), None, "shorten the caption"),)
    return Plan(texts, tables=(table,))


def measured(slide: Slide, lang: str) -> list[Measured]:
    return title_measured(slide)


def visible(slide: Slide) -> list[Seen]:
    c = slide.content
    assert isinstance(c, TableContent)
    return (texts_of(c.intro) + [(cell, None) for row in (c.header, *c.rows) for cell in row]
            + ([(c.caption, None)] if c.caption else []))


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
