"""``overflow``: text that needs more room than its box, in both outputs.

Every text box of every slide is laid out with the brand's font files
(:mod:`deckgen.check.textfit`) against the geometry both renderers use:

- fields that go into the master's placeholders (titles, bodies, subtitles, prompts, credits)
  are measured in the placeholder's box, with its insets, list levels, font sizes and line
  spacing as the master sets them (:mod:`deckgen.check.masterstyle`);
- shapes a layout draws itself (column cards, org chart bodies, tiles, table cells) are
  measured in the boxes and at the font sizes of the layout's plan
  (:attr:`deckgen.layouts.spec.LayoutSpec.plan`) -- the plan both renderers draw -- so a size
  the planner picked from its estimate is checked with the real font, for both outputs.

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
from deckgen.layouts import REGISTRY, Measured, Plan, PlanTable, PlanText, plan_slide
from deckgen.layouts.tables import CELL_MARGIN_X, CELL_MARGIN_Y
from deckgen.model import Box, BoxFit, Deck, Para, Run, Slide, plain

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
    yield from fitted(ctx, slide)
    for target in slide_targets(ctx, slide):
        fit = lay_out(target.frame, ctx.fonts)
        if fit.fits:
            continue
        yield Diagnostic(
            anchored(_where(target, fit), slide), f"{target.what} needs {_percent(fit.ratio)}% of its "
            f"{target.container}{_at_floor(ctx.deck, slide, target.box)}", "warning", target.hint, RULE,
            mark=Mark(ctx.slide_number(slide), target.box) if target.box else None)
    yield from _tables(ctx, slide)


def fitted(ctx: CheckContext, slide: Slide) -> Iterator[Diagnostic]:
    """Info findings for what the fit step did: a box set smaller or tighter to fit, a list
    or table continued on the next slides. Never silent, never a warning."""
    if slide.part == 1 and slide.parts > 1:
        what = "the table" if slide.layout == "table" else "the body text"
        yield Diagnostic(slide.loc, f"{what} continues on {slide.parts} slides, titled "
                         f"'… ({words.word(ctx.deck.lang, 'continued')})'", "info",
                         "shorten it to keep it on one slide, or set 'continue: off' to keep "
                         "it on one slide at its floor", RULE)
    for fit in slide.fit:
        if not fit.fits:
            continue  # the warning below says it
        what = next((m.what for m in REGISTRY[slide.layout].measured(slide, ctx.deck.lang)
                     if m.field == fit.key), fit.key) if fit.key != "area" else "the text the slide draws"
        how = f"set at {round(fit.scale * 100)}%" if fit.scale < 1.0 else "set"
        if fit.spacing < 1.0:
            how += " with tighter line spacing"
        yield Diagnostic(slide.loc if fit.key != "title" else anchored(slide.title_loc or slide.loc, slide),
                         f"{what} {how} to fit", "info",
                         "shorten it to keep the brand's size", RULE)


def _at_floor(deck: Deck, slide: Slide, box: str) -> str:
    """" even at 18 pt, its floor" for a box the fit step set at its floor (the floor of
    its role: a placeholder's field, or the layout for the shapes it draws)."""
    role = box if box in REGISTRY[slide.layout].roles else "area"
    fit = slide.box_fit(role)
    if fit is None or fit.fits:
        return ""
    floor = deck.brand.fit.floor(slide.layout if role == "area" else role)
    if role != "area" and max(fit.sizes) < floor:  # the master's size is below the floor
        return f" even with tighter line spacing at {max(fit.sizes):g} pt"
    return f" even at {floor:g} pt, its floor"


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


def slide_targets(ctx: CheckContext, slide: Slide) -> list[Target]:
    """The text boxes of one slide that can be measured: the placeholder texts its layout
    lists (``measured``) and the texts of its plan (the shapes it draws into its area)."""
    spec = REGISTRY[slide.layout]
    targets = [t for m in spec.measured(slide, ctx.deck.lang) if m.text
               for t in [_placeholder_target(ctx, slide, m)] if t is not None]
    plan = _plan(ctx, slide)
    if plan is not None:
        targets += [_drawn_target(slide, text) for text in plan.texts]
    return targets


def _plan(ctx: CheckContext, slide: Slide) -> Plan | None:
    """The slide's plan in the brand's area, or None when it draws nothing of its own or the
    brand maps no area (the brand-mapping rule reports that)."""
    spec = REGISTRY[slide.layout]
    if not spec.draws():
        return None
    found = _placeholder_box(ctx, slide, "area")
    return planned(ctx, slide, found[0]) if found is not None else None


def planned(ctx: CheckContext, slide: Slide, area: Box, scale: float | None = None) -> Plan:
    """:func:`deckgen.layouts.plan_slide` in ``area``, made once per planner, content, area,
    language, floor and scale (all a plan depends on) for the deck's fonts' measurements:
    the fit step's search and the overflow rule plan the same slides."""
    deck, policy = ctx.deck, ctx.deck.brand.fit
    if scale is None:
        found = slide.box_fit("area")
        scale = found.scale if found is not None else 1.0
    key = ("plan", REGISTRY[slide.layout].plan, slide.content, area, deck.lang, policy.floor(slide.layout), scale)
    return ctx.fonts.remember(key, lambda: plan_slide(slide, area, deck.lang, policy, scale))


def _placeholder_box(ctx: CheckContext, slide: Slide, field: str) -> tuple[Box, FrameStyle] | None:
    """The box and text style of the placeholder the brand maps ``field`` to, or None when
    the brand or master lacks it (the brand-mapping rule reports that); worked out once per
    layout and field for the deck being checked."""
    key = (slide.layout, field)
    if key not in ctx.placeholders:
        ctx.placeholders[key] = _find_placeholder_box(ctx.deck, slide, field)
    return ctx.placeholders[key]


def _find_placeholder_box(deck: Deck, slide: Slide, field: str) -> tuple[Box, FrameStyle] | None:
    mapping = deck.brand.layouts.get(slide.layout)
    if mapping is None or not mapping.has(field):
        return None
    idx = mapping.placeholders.get(field, -1)  # -1: a drawn field (brand.field_placeholder)
    ph = deck.brand.field_placeholder(slide.layout, field)
    if ph is None or ph.box is None or ph.box.cx <= 0 or ph.box.cy <= 0:
        return None
    style = placeholder_styles(deck.brand.master).get(mapping.master_layout, {}).get(idx)
    if style is None:  # a master we could not read styles from: its level-1 size at least
        base = LevelStyle(size=ph.font_size or 18.0, bold=ph.type in ("title", "ctrTitle"),
                          mar_l=0, indent=0, line_pct=1.0, before_pts=0.0,
                          heading_font=ph.type in ("title", "ctrTitle"))
        style = FrameStyle(levels=(base,) * 9)
    return ph.box, style


def _placeholder_target(ctx: CheckContext, slide: Slide, measured: Measured) -> Target | None:
    found = placeholder_frame(ctx, slide, measured, slide.box_fit(measured.field))
    if found is None:
        return None
    return Target(measured.what, "box", found, slide.loc, measured.hint, measured.field)


def placeholder_frame(ctx: CheckContext, slide: Slide, measured: Measured, fit: BoxFit | None) -> Frame | None:
    """The frame of a placeholder text as the master sets it, or as ``fit`` (the fit step's
    sizes and line spacing, :mod:`deckgen.check.fit`) sets it; None when the brand maps no
    placeholder for it."""
    found = _placeholder_box(ctx, slide, measured.field)
    if found is None:
        return None
    box, style = found
    paras = tuple(
        _placeholder_para(p, style, *((fit.sizes[i], fit.lines[i]) if fit is not None else (None, None)))
        for i, p in enumerate(measured.text))
    return Frame(box, style.insets, paras, wrap=style.wrap, anchor=style.anchor)


def _placeholder_para(para: Para, style: FrameStyle, size: float | None = None,
                      line: float | None = None) -> ParaSpec:
    """A paragraph as the renderer writes it into a placeholder: list items keep the
    master's margins for their level, plain paragraphs start at the left edge. ``size`` and
    ``line`` (line spacing, 1.0 = single) replace the master's when the text was fitted."""
    level = style.level(para.level)
    bullet = para.kind != "text"
    faces = [_face(run, level) for run in para.runs]
    return ParaSpec(
        pieces=tuple(Piece(run.text, face, run.href is not None)
                     for run, face in zip(para.runs, faces, strict=True)),
        size=size or level.size or 18.0,
        mar_l=(level.mar_l or 0) if bullet else 0,
        indent=(level.indent or 0) if bullet else 0,
        bullet=bullet,
        line_pct=line if line is not None else level.line_pct if level.line_pct is not None else 1.0,
        line_pts=level.line_pts if line is None else None,
        before_pts=_before(level, size),
        loc=para.loc,
    )


def _before(level: LevelStyle, size: float | None = None) -> float:
    """Space before a paragraph: the master's points, or its percentage of the (fitted) size."""
    if level.before_pts is not None:
        return level.before_pts
    if level.before_pct is not None:
        return level.before_pct * (size or level.size or 18.0) * 1.2
    return 0.0


def _face(run: Run, level: LevelStyle) -> Face:
    return Face(heading=bool(level.heading_font), bold=run.bold or bool(level.bold),
                italic=run.italic, mono=run.code)


# --------------------------------------------------------------------------- drawn shapes


def _drawn_target(slide: Slide, text: PlanText) -> Target:
    """A text frame the layout draws, measured as its plan sets it: explicit sizes and faces;
    list paragraphs indented one step per level, their bullet hanging in the first step."""
    paras = tuple(
        ParaSpec(
            tuple(Piece(r.text, Face(heading=p.heading and not r.code, bold=p.bold or r.bold,
                                     italic=r.italic, mono=r.code), r.href is not None)
                  for r in p.runs),
            p.size,
            geo.LEVEL_INDENT * (p.level + 1) if p.bullet else 0,
            -geo.LEVEL_INDENT if p.bullet else 0,
            p.bullet, 1.0, None, p.before, p.loc)
        for p in text.paras)
    frame = Frame(text.box, text.insets, paras, reserved=text.reserved, anchor=text.anchor)
    # The preview finds the box by its plan key: "column-2" is its "column 2".
    return Target(text.what, text.container, frame, text.loc or slide.loc, text.hint, text.key.replace("-", " ", 1))


# --------------------------------------------------------------------------- tables


def _tables(ctx: CheckContext, slide: Slide) -> Iterator[Diagnostic]:
    plan = _plan(ctx, slide)
    for table in plan.tables if plan is not None else ():
        need, heights = table_need(ctx, table)
        ratio = need / table.box.cy
        if ratio > 1.0:
            hint = table.hint.format(rows=max(_rows_that_fit(heights, table.box.cy), 3))
            yield Diagnostic(slide.loc, f"{table.what} needs {_percent(ratio)}% of its area"
                             f"{_at_floor(ctx.deck, slide, 'table')}", "warning",
                             hint, RULE, mark=Mark(ctx.slide_number(slide), "table"))


def table_need(ctx: CheckContext, table: PlanTable) -> tuple[int, tuple[int, ...]]:
    """Height the table needs with real fonts (rows grow to their text; a row is never
    shorter than the plan made it) and each row's height (header first); once per table."""
    return ctx.fonts.remember(("table_need", table), lambda: _table_need(ctx, table))


def _table_need(ctx: CheckContext, table: PlanTable) -> tuple[int, tuple[int, ...]]:
    heights = []
    margins = (CELL_MARGIN_X, CELL_MARGIN_Y, CELL_MARGIN_X, CELL_MARGIN_Y)
    for r, (row, least) in enumerate(zip((table.header, *table.rows), table.heights, strict=True)):
        bold = r == 0 or (r - 1 < len(table.emphasis) and table.emphasis[r - 1])
        face = Face(heading=r == 0, bold=bold)
        tallest = 0
        for cell, width in zip(row, table.widths, strict=True):
            spec = ParaSpec((Piece(plain(cell), face),), table.size)
            frame = Frame(Box(0, 0, width, 1), margins, (spec,))
            tallest = max(tallest, lay_out(frame, ctx.fonts, remember=False).needed)
        heights.append(max(least, tallest))
    return sum(heights), tuple(heights)


def _rows_that_fit(heights: Sequence[int], room: int) -> int:
    used, count = heights[0] if heights else 0, 0
    for h in heights[1:]:
        if used + h > room:
            break
        used += h
        count += 1
    return count
