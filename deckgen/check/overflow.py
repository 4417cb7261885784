"""``overflow``: text that needs more room than its box on the PowerPoint slide.

Every text box of every slide is laid out with the brand's font files
(:mod:`deckgen.check.textfit`) against the geometry the PowerPoint renderer uses:

- fields that go into the master's placeholders (titles, bodies, subtitles, prompts, credits)
  are measured in the placeholder's box, with its insets, list levels, font sizes and line
  spacing as the master sets them (:mod:`deckgen.check.masterstyle`);
- shapes the renderer draws itself (column cards, org chart bodies, tiles, table cells) are
  measured in the boxes and at the font sizes :mod:`deckgen.geometry` computes -- the same
  functions the renderer's layouts follow -- so a size the renderer picked from its estimate
  is checked with the real font.

A finding says how much of its box the text needs ("body text needs 132% of its box") and is
located at the first paragraph that runs past the box where the model knows it, else at the
slide. It is a quality finding (a warning) above 100 %.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from deckgen import geometry as geo
from deckgen import words
from deckgen.check.context import CheckContext
from deckgen.check.fonts import Face
from deckgen.check.masterstyle import FrameStyle, LevelStyle, placeholder_styles
from deckgen.check.textfit import Fit, Frame, ParaSpec, Piece, lay_out
from deckgen.check.walk import anchored
from deckgen.errors import Diagnostic, Mark, SourceLoc
from deckgen.model import (
    Box,
    BulletsContent,
    ColumnsContent,
    Deck,
    DiscussionContent,
    ImageContent,
    Inline,
    OrgChartContent,
    Para,
    QuestionContent,
    RosterContent,
    Run,
    SectionContent,
    Slide,
    TableContent,
    Text,
    TilesContent,
    TitleContent,
    plain,
)

RULE = "overflow"


@dataclass(frozen=True, slots=True)
class Target:
    """One text box to measure and how to talk about it."""

    what: str  # "body text", "column 2 ('Roller')"
    container: str  # "box", "card", "area"
    frame: Frame
    loc: SourceLoc
    hint: str
    box: str = ""  # the box for the preview's mark: "title", "body", "column 2", "node <id>" …


# --------------------------------------------------------------------------- the rule


def overflow(ctx: CheckContext) -> Iterator[Diagnostic]:
    """Every text box whose text needs more than its box."""
    for slide in ctx.deck.slides:
        yield from check_slide(ctx, slide)


def check_slide(ctx: CheckContext, slide: Slide) -> Iterator[Diagnostic]:
    for target in slide_targets(ctx, slide):
        fit = lay_out(target.frame, ctx.fonts)
        if fit.fits:
            continue
        yield Diagnostic(
            anchored(_where(target, fit), slide), f"{target.what} needs {_percent(fit.ratio)}% of its "
            f"{target.container}", "warning", target.hint, RULE,
            mark=Mark(ctx.slide_number(slide), target.box) if target.box else None)
    yield from _tables(ctx, slide)


def measure_slide(ctx: CheckContext, slide: Slide) -> list[tuple[Target, Fit]]:
    """Every text box of ``slide`` with how it fits (for tests and ``--explain`` tools)."""
    return [(t, lay_out(t.frame, ctx.fonts)) for t in slide_targets(ctx, slide)]


def _percent(ratio: float) -> int:
    """The ratio in whole percent; anything over 100 % shows as at least 101 %."""
    if math.isinf(ratio):
        return 999
    shown = round(ratio * 100)
    return max(shown, 101) if ratio > 1.0 else shown


def _where(target: Target, fit: Fit) -> SourceLoc:
    if fit.first_out is not None and fit.first_out < len(target.frame.paras):
        loc = target.frame.paras[fit.first_out].loc
        if loc is not None:
            return loc
    return target.loc


# --------------------------------------------------------------------------- targets


HINT_BODY = ("split the slide in two, shorten the text, or move detail into the speaker "
             "notes")
HINT_TITLE = "shorten the title; details belong in the body"
HINTS = {
    "subtitle": "shorten the subtitle",
    "byline": "shorten the meeting, place and date line",
    "prompt": "shorten the prompt; background belongs in the speaker notes",
    "question": "shorten the question, or use the 'bullets' layout for a longer text",
    "credit": "shorten the photo credit",
    "label": "shorten the pairing text",
    "timer": "use fewer minutes digits",
}
WHAT = {"title": "title", "body": "body text", "subtitle": "subtitle", "byline": "byline",
        "prompt": "prompt", "question": "question", "credit": "photo credit",
        "label": "label", "timer": "timer"}


def slide_targets(ctx: CheckContext, slide: Slide) -> list[Target]:
    """The text boxes of one slide that can be measured."""
    c = slide.content
    fields: list[tuple[str, Text]] = []
    title = _title(slide)
    if title:
        fields.append(("title", (Para(title, loc=slide.title_loc),)))
    if isinstance(c, TitleContent):
        fields += [("subtitle", c.subtitle), ("byline", c.byline)]
    elif isinstance(c, SectionContent):
        fields.append(("subtitle", c.subtitle))
    elif isinstance(c, BulletsContent):
        fields.append(("body", c.body))
    elif isinstance(c, ImageContent):
        fields = [("credit", (Para((Run(c.credit),)),))] if c.credit else []
    elif isinstance(c, DiscussionContent):
        label = c.label or slide.hidden_title
        fields = [("label", (Para((Run(label),)),))] if label else []
        fields += [("prompt", c.prompt), ("timer", (Para((Run(f"{c.minutes} min"),)),))]
    elif isinstance(c, QuestionContent):
        fields = [("question", c.question)]
    targets = [t for name, text in fields if text
               for t in [_placeholder_target(ctx, slide, name, text)] if t is not None]
    area = _area(ctx.deck, slide)
    if area is not None:
        if isinstance(c, ColumnsContent):
            targets += _columns(slide, c, area)
        elif isinstance(c, OrgChartContent):
            targets += _orgchart(slide, c, area)
        elif isinstance(c, TilesContent):
            targets += _tiles(slide, c, area)
    return targets


def _title(slide: Slide) -> Inline:
    """The visible title: image slides hide theirs above the slide. A roster page's "(1/2)"
    is part of its title (resolve puts it there), so it is measured as shown."""
    if slide.layout == "image" or not slide.title:
        return ()
    return slide.title


def _placeholder_box(deck: Deck, slide: Slide, field: str) -> tuple[Box, FrameStyle] | None:
    """The box and text style of the placeholder the brand maps ``field`` to, or None when
    the brand or master lacks it (the brand-mapping rule reports that)."""
    mapping = deck.brand.layouts.get(slide.layout)
    if mapping is None or field not in mapping.placeholders:
        return None
    idx = mapping.placeholders[field]
    layout = deck.brand.master_layouts.get(mapping.master_layout)
    ph = layout.placeholder(idx) if layout is not None else None
    if ph is None or ph.box is None or ph.box.cx <= 0 or ph.box.cy <= 0:
        return None
    style = placeholder_styles(deck.brand.master).get(mapping.master_layout, {}).get(idx)
    if style is None:  # a master we could not read styles from: its level-1 size at least
        base = LevelStyle(size=ph.font_size or 18.0, bold=ph.type in ("title", "ctrTitle"),
                          mar_l=0, indent=0, line_pct=1.0, before_pts=0.0,
                          heading_font=ph.type in ("title", "ctrTitle"))
        style = FrameStyle(levels=(base,) * 9)
    return ph.box, style


def _area(deck: Deck, slide: Slide) -> Box | None:
    found = _placeholder_box(deck, slide, "area")
    return found[0] if found is not None else None


def _placeholder_target(ctx: CheckContext, slide: Slide, field: str,
                        text: Text) -> Target | None:
    found = _placeholder_box(ctx.deck, slide, field)
    if found is None:
        return None
    box, style = found
    paras = tuple(_placeholder_para(p, style) for p in text)
    hint = HINT_TITLE if field == "title" else HINT_BODY if field == "body" else HINTS[field]
    frame = Frame(box, style.insets, paras, wrap=style.wrap, anchor=style.anchor)
    return Target(WHAT[field], "box", frame, slide.loc, hint, field)


def _placeholder_para(para: Para, style: FrameStyle) -> ParaSpec:
    """A paragraph as the renderer writes it into a placeholder: list items keep the
    master's margins for their level, plain paragraphs start at the left edge."""
    level = style.level(para.level)
    bullet = para.kind != "text"
    faces = [_face(run, level) for run in para.runs]
    return ParaSpec(
        pieces=tuple(Piece(run.text, face, run.href is not None)
                     for run, face in zip(para.runs, faces, strict=True)),
        size=level.size or 18.0,
        mar_l=(level.mar_l or 0) if bullet else 0,
        indent=(level.indent or 0) if bullet else 0,
        bullet=bullet,
        line_pct=level.line_pct if level.line_pct is not None else 1.0,
        line_pts=level.line_pts,
        before_pts=_before(level),
        loc=para.loc,
    )


def _before(level: LevelStyle) -> float:
    if level.before_pts is not None:
        return level.before_pts
    if level.before_pct is not None:
        return level.before_pct * (level.size or 18.0) * 1.2
    return 0.0


def _face(run: Run, level: LevelStyle) -> Face:
    return Face(heading=bool(level.heading_font), bold=run.bold or bool(level.bold),
                italic=run.italic, mono=run.code)


# --------------------------------------------------------------------------- drawn shapes


def _drawn(runs: Inline, size: float, *, heading: bool = False, bold: bool = False,
           before: float = 0.0, level: int = 0, bullet: bool = False,
           loc: SourceLoc | None = None) -> ParaSpec:
    """A paragraph in a shape the renderer draws: explicit size and face; list paragraphs
    indented one step per level, their bullet hanging in the first step."""
    pieces = tuple(
        Piece(r.text, Face(heading=heading and not r.code, bold=bold or r.bold,
                           italic=r.italic, mono=r.code), r.href is not None)
        for r in runs
    )
    mar_l = geo.LEVEL_INDENT * (level + 1) if bullet else 0
    indent = -geo.LEVEL_INDENT if bullet else 0
    return ParaSpec(pieces, size, mar_l, indent, bullet, 1.0, None, before, loc)


def _body_paras(text: Text, size: float, *, first_before: float, before: float,
                all_bullets: bool = False) -> list[ParaSpec]:
    out = []
    for i, para in enumerate(text):
        bullet = all_bullets or para.kind != "text"
        out.append(_drawn(para.runs, size, before=first_before if i == 0 else before,
                          level=para.level, bullet=bullet, loc=para.loc))
    return out


def _card_insets(box: Box, margins: tuple[int, int, int, int],
                 radius: float) -> tuple[int, int, int, int]:
    """A rounded card's insets: its margins plus the preset's corner inset on every side."""
    inset = geo.corner_inset(box, radius)
    return (margins[0] + inset, margins[1] + inset, margins[2] + inset, margins[3] + inset)


def _columns(slide: Slide, content: ColumnsContent, area: Box) -> list[Target]:
    plan = geo.columns_plan(content, area)
    targets = []
    if plan.intro is not None:
        paras = tuple(_body_paras(content.intro, geo.COLUMNS_INTRO_SIZE, first_before=0.0,
                                  before=0.0))
        targets.append(Target("the intro", "box", Frame(plan.intro, (0, 0, 0, 0), paras),
                              slide.loc, "shorten the intro or move it into the speaker notes", "intro"))
    for n, (column, box) in enumerate(zip(content.columns, plan.cards, strict=False), start=1):
        heading = _drawn(column.heading, plan.heading_size, heading=True, bold=True)
        body = _body_paras(column.body, plan.body_size, first_before=geo.COLUMNS_BODY_SPACE * 1.5,
                           before=geo.COLUMNS_BODY_SPACE)
        loc = next((p.loc for p in column.body if p.loc is not None), slide.loc)
        insets = _card_insets(box, geo.COLUMNS_MARGINS, geo.COLUMNS_RADIUS)
        targets.append(Target(
            f"column {n} ({plain(column.heading)!r})", "card",
            Frame(box, insets, (heading, *body),
                  anchor="t" if any(c.body for c in content.columns) else "ctr"), loc,
            "shorten the column's text, use fewer columns, or use the 'bullets' layout", f"column {n}"))
    return targets


def _orgchart(slide: Slide, content: OrgChartContent, area: Box) -> list[Target]:
    if not content.nodes:
        return []
    plan = geo.orgchart_plan(content, area)
    targets = []
    for node in content.nodes:
        box = plan.boxes[node.id]
        name = _drawn(node.name, plan.size + geo.ORG_NAME_EXTRA, heading=True, bold=True,
                      loc=node.loc)
        facts = _body_paras(node.facts, plan.size, first_before=geo.ORG_FACT_SPACE,
                            before=geo.ORG_FACT_SPACE, all_bullets=True)
        insets = _card_insets(box, geo.ORG_MARGINS, geo.ORG_RADIUS)
        targets.append(Target(
            f"org chart body {plain(node.name)!r}", "box",
            Frame(box, insets, (name, *facts)), node.loc or slide.loc,
            "shorten its facts, move some into the speaker notes, or split the chart over "
            "two slides", f"node {node.id}"))
    return targets


def _tiles(slide: Slide, content: TilesContent, area: Box) -> list[Target]:
    plan = geo.tiles_plan(content, area)
    targets = []
    for n, (tile, cell) in enumerate(zip(content.tiles, plan.cells, strict=False), start=1):
        caption = geo.tile_caption(tile)
        paras = (
            _drawn(tile.title, plan.title_size, heading=True, bold=True),
            # The caption is a link: LibreOffice does not wrap a linked run.
            *([_drawn((Run(caption, href=tile.url),), plan.caption_size,
                      before=geo.TILES_CAPTION_SPACE)] if caption else []),
        )
        insets = _card_insets(cell, geo.TILES_MARGINS, geo.TILES_RADIUS)
        targets.append(Target(
            f"tile {n} ({plain(tile.title)!r})", "card",
            Frame(cell, insets, paras, reserved=geo.tile_reserved(tile), anchor="b"), slide.loc,
            "shorten the tile titles, or use fewer tiles on the slide", f"tile {n}"))
    return targets


# --------------------------------------------------------------------------- tables


def _tables(ctx: CheckContext, slide: Slide) -> Iterator[Diagnostic]:
    c = slide.content
    if not isinstance(c, RosterContent | TableContent):
        return
    area = _area(ctx.deck, slide)
    if area is None:
        return
    grid = table_grid(ctx.deck, slide)
    if grid is None:
        return
    header, rows, emphasis, sizes = grid
    need, heights, _ = table_need(ctx, header, rows, emphasis, area, sizes)
    ratio = need / area.cy
    if ratio <= 1.0:
        return
    if isinstance(c, RosterContent):
        fit_rows = _rows_that_fit(heights, area.cy)
        hint = (f"set 'per_page: {max(fit_rows, 3)}' (or fewer) on the roster slide so it "
                "splits over more slides, or shorten names, places and roles")
        what = "the roster table"
    else:
        hint = "split the table over two slides, or shorten the cells"
        what = "the table"
    yield Diagnostic(slide.loc, f"{what} needs {_percent(ratio)}% of its area", "warning", hint,
                     RULE, mark=Mark(ctx.slide_number(slide), "table"))


def table_grid(deck: Deck, slide: Slide) -> tuple[
        list[str], list[list[str]], list[bool], tuple[float, float]] | None:
    """Header, rows (plain text), emphasised rows and size range, as the renderer draws the
    slide's table."""
    c = slide.content
    if isinstance(c, RosterContent):
        header = list(words.roster_headers(deck.lang))
        rows = [[p.name, p.place, p.role] for p in c.people]
        return header, rows, [geo.is_officer(p.role) for p in c.people], geo.ROSTER_SIZES
    if isinstance(c, TableContent):
        width = max([len(c.header), *(len(r) for r in c.rows)], default=0)
        if width == 0:
            return None
        header = [plain(h) for h in c.header] + [""] * (width - len(c.header))
        rows = [[plain(x) for x in r] + [""] * (width - len(r)) for r in c.rows]
        return header, rows, [False] * len(rows), geo.TABLE_SIZES
    return None


def table_need(ctx: CheckContext, header: Sequence[str], rows: Sequence[Sequence[str]],
               emphasis: Sequence[bool], area: Box,
               sizes: tuple[float, float]) -> tuple[int, list[int], geo.TablePlan]:
    """Height the table needs with real fonts (rows grow to their text; a row is never
    shorter than the renderer made it), each row's height (header first), and the plan."""
    texts = [list(header), *[list(r) for r in rows]]
    plan = geo.table_plan(texts, area, sizes)
    heights = []
    for r, (row, planned) in enumerate(zip(texts, plan.heights, strict=True)):
        bold = r == 0 or (r - 1 < len(emphasis) and emphasis[r - 1])
        face = Face(heading=r == 0, bold=bold)
        tallest = 0
        for text, width in zip(row, plan.widths, strict=True):
            spec = ParaSpec((Piece(text, face),), plan.size)
            cell = Frame(Box(0, 0, width, 1), (geo.CELL_MARGIN_X, geo.CELL_MARGIN_Y,
                                               geo.CELL_MARGIN_X, geo.CELL_MARGIN_Y), (spec,))
            tallest = max(tallest, lay_out(cell, ctx.fonts).needed)
        heights.append(max(planned, tallest))
    return sum(heights), heights, plan


def _rows_that_fit(heights: Sequence[int], room: int) -> int:
    used, count = heights[0] if heights else 0, 0
    for h in heights[1:]:
        if used + h > room:
            break
        used += h
        count += 1
    return count
