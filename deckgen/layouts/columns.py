"""``columns``: an optional intro, then side-by-side cards each holding a heading and a body.

Each column is one card in the content area; heading and body sizes are the largest that fit
every card (estimated, :mod:`deckgen.geometry`), the same in all columns so they read as a
set. Cards holding only a heading are shorter and sit mid-area, their heading centred.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from deckgen import geometry as geo
from deckgen.errors import Diagnostics, SourceLoc
from deckgen.geometry import Line, inches
from deckgen.layouts.common import body_paras, card_insets, drawn, first_loc
from deckgen.layouts.fields import MARKDOWN, TEXT, var_or
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
from deckgen.model import Box, Column, ColumnsContent, Slide, plain

GAP = inches(0.3)
PAD = inches(0.2)
HEADING_ONLY_HEIGHT = inches(2.2)
BODY_SPACE = 6.0  # points between paragraphs
FIRST_SPACE = BODY_SPACE * 1.5  # points between the heading and the body
RADIUS = 0.08
MARGINS = (PAD,) * 4
INTRO_SIZE = 20.0


def build(inp: BuildInput, diags: Diagnostics) -> list[Slide]:
    columns = []
    widths: tuple[float, ...] = ()
    if "columns" in inp.fields:
        for node in inp.fields["columns"].value:
            heading = inp.inline_of(node.value["heading"], diags)
            body_node = node.value.get("body")
            body = inp.block_of(body_node, diags) if body_node else ()
            columns.append(Column(heading, body))
    else:  # pandoc's ::: columns, parsed by load and substituted by resolve
        columns = [Column(heading, body) for heading, body in inp.columns]
        widths = column_widths([width for _, _, width in inp.source.columns], inp.source.loc, diags)
    intro = inp.block("intro", diags) or inp.body
    return [inp.slide(inp.title(diags), ColumnsContent(tuple(columns), intro, widths))]


def column_widths(written: list[str], loc: SourceLoc, diags: Diagnostics) -> tuple[float, ...]:
    """pandoc's ``width="40%"`` of each column → relative widths; () when none is given. A
    column without a width gets an equal share of what the others leave."""
    if not any(written):
        return ()
    values: list[float | None] = []
    for width in written:
        number = width.strip().rstrip("%")
        try:
            values.append(float(number) if width else None)
        except ValueError:
            diags.warning(loc, f"column width {width!r} is not a percentage; the columns share the width equally",
                          'write width="40%"', rule="column-width")
            return ()
    given = sum(v for v in values if v is not None)
    missing = values.count(None)
    rest = max(100.0 - given, 10.0 * missing) / missing if missing else 0.0
    return tuple(v if v is not None else rest for v in values)


@dataclass(frozen=True, slots=True)
class ColumnsPlan:
    """The intro's text box (if any), one card per column and the two font sizes."""

    intro: Box | None
    cards: tuple[Box, ...]
    heading_size: float
    body_size: float
    has_body: bool


def column_lines(column: Column, size: tuple[float, float]) -> list[Line]:
    """The lines of one column's card at (heading, body) sizes, for estimating."""
    heading, body_size = size
    lines = [Line(plain(column.heading), heading, bold=True)]
    body = geo.para_lines(column.body, body_size, space_before=BODY_SPACE, bullets=True)
    if body:
        first = body[0]
        body[0] = Line(first.text, first.size, first.bold, first.indent, FIRST_SPACE)
    return lines + body


def column_sizes(columns: Sequence[Column], inner: Box, floor: float = 11.0) -> tuple[float, float]:
    """(heading, body) sizes in points: the largest heading whose words fit the card width,
    then the largest body with which every card fits."""
    for heading in geo.size_steps(28, 14):
        if not all(geo.words_fit([Line(plain(c.heading), heading, bold=True)], inner.cx)
                   for c in columns):
            continue
        def every_card_fits(b: float, h: float = heading) -> bool:
            return all(geo.fits(column_lines(c, (h, b)), inner.cx, inner.cy) for c in columns)

        body = geo.largest_fitting(geo.size_steps(min(20.0, heading - 2), floor), every_card_fits)
        if all(geo.fits(column_lines(c, (heading, body)), inner.cx, inner.cy) for c in columns):
            return (heading, body)
    return (14.0, floor)


def place(content: ColumnsContent, area: Box, sizing: Sizing = UNSCALED) -> ColumnsPlan:
    """The intro above the cards (its estimated height plus 0.1 in), then the cards side by
    side, as tall as the tallest needs; cards holding only headings are at least 2.2 in tall
    and sit mid-area."""
    intro = None
    if content.intro:
        lines = geo.para_lines(content.intro, INTRO_SIZE, bullets=True)
        intro, area = geo.take_top(area, geo.block_height(lines, area.cx) + inches(0.1), GAP)
    if content.widths and len(content.widths) == len(content.columns):
        cells = geo.split_weighted(area, content.widths, GAP)  # pandoc's width="40%"
    else:
        cells = geo.split(area, max(len(content.columns), 1), GAP)
    inner = geo.text_area(min(cells, key=lambda cell: cell.cx), MARGINS, RADIUS)  # one size, that fits the narrowest
    size = column_sizes(content.columns, inner, sizing.floor or 11.0)
    frame = cells[0].cy - inner.cy  # insets above and below the text
    needed = max((geo.block_height(column_lines(c, size), inner.cx) for c in content.columns),
                 default=0) + frame
    has_body = any(c.body for c in content.columns)
    height = min(area.cy, needed if has_body else max(needed, HEADING_ONLY_HEIGHT))
    top = area.y if has_body else area.y + (area.cy - height) // 2
    cards = tuple(
        Box(cell.x, top, cell.cx, height)
        for _, cell in zip(content.columns, cells, strict=False)
    )
    # The fit step's scale shrinks the text, not the cards the estimate made room for.
    body = sizing.apply(size[1])
    return ColumnsPlan(intro, cards, sizing.apply(size[0], body), body, has_body)


def plan(content: ColumnsContent, area: Box, lang: str, sizing: Sizing = UNSCALED) -> Plan:
    detail = place(content, area, sizing)
    texts = []
    if detail.intro is not None:
        paras = tuple(body_paras(content.intro, INTRO_SIZE, first_before=0.0, before=0.0))
        texts.append(PlanText("intro", "the intro", "box", detail.intro, (0, 0, 0, 0), paras, first_loc(content.intro, None),
                              "shorten the intro or move it into the speaker notes"))
    for n, (column, box) in enumerate(zip(content.columns, detail.cards, strict=False), start=1):
        heading = drawn(column.heading, detail.heading_size, heading=True, bold=True)
        body = body_paras(column.body, detail.body_size, first_before=FIRST_SPACE, before=BODY_SPACE)
        texts.append(PlanText(
            f"column-{n}", f"column {n} ({plain(column.heading)!r})", "card", box, card_insets(box, MARGINS, RADIUS),
            (heading, *body), first_loc(column.body, None),
            "shorten the column's text, use fewer columns, or use the 'bullets' layout",
            anchor="t" if detail.has_body else "ctr"))
    return Plan(tuple(texts), detail=detail)


def measured(slide: Slide, lang: str) -> list[Measured]:
    return title_measured(slide)


def visible(slide: Slide) -> list[Seen]:
    c = slide.content
    assert isinstance(c, ColumnsContent)
    out = texts_of(c.intro)
    for column in c.columns:
        out.append((column.heading, first_loc(column.body, None)))
        out += texts_of(column.body)
    return out


SPEC = LayoutSpec(
    name="columns",
    content=ColumnsContent,
    summary="an optional intro, then two to four cards side by side",
    fields={
        "intro": MARKDOWN,
        "columns": var_or({
            "type": "array",
            "minItems": 1,
            "maxItems": 4,
            "items": {
                "type": "object",
                "properties": {"heading": TEXT, "body": MARKDOWN},
                "required": ["heading"],
                "additionalProperties": False,
            },
        }),
    },
    required=("columns",),
    build=build,
    roles=("title", "area"),
    required_roles=("title", "area"),
    measured=measured,
    visible=visible,
    plan=plan,
)
