"""The fit step: text that does not fit its box is made to fit, as PowerPoint's "shrink text
on overflow" would, but computed once so that both outputs show the same result.

Responsibility: for every slide of a resolved deck, measure each box with the brand's font
files (:mod:`deckgen.check.textfit`, the overflow rule's engine) and, where the text needs
more than its box,

1. for a placeholder text (title, body, question, prompt …): first tighten the line spacing
   to :data:`TIGHT` of the master's, then reduce the sizes in 1 pt steps of the box's largest
   size (every paragraph by the same scale, in half points), never below the brand's floor
   for the role (``brand.yaml`` ``fit: floors:``, :class:`deckgen.model.FitPolicy`);
2. for the shapes a layout draws (cards, org chart bodies, tiles, tables): re-plan them at a
   smaller scale, 1 pt of their smallest size at a time, never below the layout's floor. One
   scale for the whole slide, so cards read as a set; the planner's boxes stay as they are;
3. a bullet list or table that does not fit even at its floor, on a slide with ``continue:
   auto`` (or a brand whose ``fit: continue:`` is ``auto``), continues on the next slides,
   titled "… (forts.)" in the deck's language: split at top-level items (or rows) into as
   few, as even parts as fit at the floor, each part then fitted as above.

The result is model data -- :attr:`deckgen.model.Slide.fit` (:class:`deckgen.model.BoxFit`)
and the continuation slides -- that the PowerPoint renderer writes as explicit run sizes and
line spacing and the reveal.js renderer as CSS; the overflow rule measures the fitted boxes
and reports what was fitted (info) and what still does not fit at the floor (warning).

Why explicit sizes rather than ``normAutofit fontScale/lnSpcReduction``: LibreOffice 7.4
recomputes its own scale for a ``normAutofit`` body on open (85 % written, 95 % drawn in
our measurement, docs/check.md), so only explicit sizes give both applications one result.

It lives in ``check`` because it measures with check's font metrics (Pillow's door);
``deckgen.build`` runs it between resolve and the checks. Contract: a pure function of the
deck; a slide whose every box fits is returned unchanged (the same object).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from deckgen import words
from deckgen.check.context import CheckContext
from deckgen.check.overflow import _drawn_target, _placeholder_box, placeholder_frame, planned, table_need
from deckgen.check.textfit import lay_out
from deckgen.layouts import REGISTRY, Measured
from deckgen.model import BoxFit, BulletsContent, Deck, Para, Run, Slide, TableContent

TIGHT = 0.9  # line spacing first tightened to 90 % of the master's ("a little")
STEP = 1.0  # points: sizes go down in steps of this
CONTINUABLE = ("bullets", "table")


def fit_deck(deck: Deck) -> Deck:
    """``deck`` with every slide's boxes fitted and long lists and tables continued."""
    ctx = CheckContext(deck)
    out: list[Slide] = []
    changed = False
    for slide in deck.slides:
        fitted = fit_slide(ctx, slide)
        if not _all_fit(fitted) and _continues(deck, slide):
            parts = _split(ctx, slide)
            if len(parts) > 1:
                out += parts
                changed = True
                continue
        out.append(fitted)
        changed |= fitted is not slide
    return replace(deck, slides=tuple(out)) if changed else deck


def fit_slide(ctx: CheckContext, slide: Slide) -> Slide:
    """``slide`` with a :class:`BoxFit` for every box that needed one (the same object when
    none did or the brand does not shrink text)."""
    policy = ctx.deck.brand.fit
    if not policy.shrink:
        return slide
    fits = [f for m in REGISTRY[slide.layout].measured(slide, ctx.deck.lang) if m.text
            for f in [_fit_placeholder(ctx, slide, m)] if f is not None]
    area = _fit_area(ctx, slide)
    if area is not None:
        fits.append(area)
    return replace(slide, fit=tuple(fits)) if fits else slide


# --------------------------------------------------------------------------- placeholders


def _fit_placeholder(ctx: CheckContext, slide: Slide, m: Measured) -> BoxFit | None:
    deck = ctx.deck
    frame = placeholder_frame(ctx, slide, m, None)
    if frame is None or lay_out(frame, ctx.fonts).fits:
        return None
    sizes = [p.size for p in frame.paras]
    lines = [p.line_height_pt / (1.2 * p.size) for p in frame.paras]  # as a fraction of single
    main = max(sizes)
    floor = deck.brand.fit.floor(m.field)
    best: BoxFit | None = None
    for target in _steps(main, floor):
        scale = target / main
        fit = BoxFit(m.field, tuple(_half(s * scale) if s != main else target for s in sizes),
                     tuple(round(v * TIGHT, 4) for v in lines), TIGHT, scale)
        best = fit
        if lay_out(placeholder_frame(ctx, slide, m, fit), ctx.fonts).fits:  # type: ignore[arg-type]
            return fit
    return replace(best, fits=False) if best is not None else None


def _steps(main: float, floor: float) -> list[float]:
    """Sizes to try for a box whose largest size is ``main``: as it is (tighter lines only),
    then ``STEP`` smaller at a time, the floor last; never below the floor."""
    out = [main]
    size = main - STEP
    while size > floor + 1e-9:
        out.append(size)
        size -= STEP
    if floor < main:
        out.append(floor)
    return out


def _half(size: float) -> float:
    """Down to half points (the steps PowerPoint's own size list uses)."""
    return int(size * 2 + 1e-9) / 2


# --------------------------------------------------------------------------- drawn shapes


def _fit_area(ctx: CheckContext, slide: Slide) -> BoxFit | None:
    spec = REGISTRY[slide.layout]
    if not spec.draws():
        return None
    found = _placeholder_box(ctx, slide, "area")
    if found is None:
        return None
    area, policy = found[0], ctx.deck.brand.fit
    plan = planned(ctx, slide, area, 1.0)
    if _plan_fits(ctx, slide, plan):
        return None
    sizes = [p.size for t in plan.texts for p in t.paras] + [t.size for t in plan.tables]
    if not sizes:
        return None
    low = min(sizes)
    best = BoxFit("area", (low,), (), 1.0, 1.0)  # already at its floor: said so below
    for target in _steps(low, policy.floor(slide.layout))[1:]:
        scale = target / low
        best = BoxFit("area", (target,), (), 1.0, scale)
        if _plan_fits(ctx, slide, planned(ctx, slide, area, scale)):
            return best
    return replace(best, fits=False)


def _plan_fits(ctx: CheckContext, slide: Slide, plan) -> bool:
    if any(not lay_out(_drawn_target(slide, t).frame, ctx.fonts).fits for t in plan.texts):
        return False
    return all(table_need(ctx, t)[0] <= t.box.cy for t in plan.tables)


# --------------------------------------------------------------------------- continuing


def _all_fit(slide: Slide) -> bool:
    return all(f.fits for f in slide.fit)


def _continues(deck: Deck, slide: Slide) -> bool:
    if slide.layout not in CONTINUABLE:
        return False
    if slide.continuation:
        return slide.continuation == "auto"
    return deck.brand.fit.continue_auto


def _split(ctx: CheckContext, slide: Slide) -> list[Slide]:
    """The fewest, most even parts of ``slide`` that each fit at the floor, fitted; only
    ``slide`` (fitted) when it cannot be split (one item, one row)."""
    groups = _groups(slide)
    for n in range(2, len(groups) + 1):
        parts = [fit_slide(ctx, s) for s in _parts(slide, _even(groups, n), ctx.deck.lang)]
        if all(_all_fit(p) for p in parts) or n == len(groups):
            return parts
    return [fit_slide(ctx, slide)]


def _groups(slide: Slide) -> list[tuple]:
    """What may not be torn apart: a top-level item with its sub-items; a table row."""
    c = slide.content
    if isinstance(c, TableContent):
        return [(row,) for row in c.rows]
    assert isinstance(c, BulletsContent)
    out: list[list[Para]] = []
    for para in c.body:
        if para.level == 0 or not out:
            out.append([para])
        else:
            out[-1].append(para)
    return [tuple(g) for g in out]


def _even(groups: Sequence[tuple], n: int) -> list[list]:
    """``groups`` in ``n`` consecutive runs of about the same number of lines (paragraphs
    or rows), none empty."""
    weights = [len(g) for g in groups]
    total = sum(weights)
    out: list[list] = [[] for _ in range(n)]
    used, part = 0, 0
    for i, (g, w) in enumerate(zip(groups, weights, strict=True)):
        left_groups = len(groups) - i
        if out[part] and part < n - 1 and (used + w / 2 > total * (part + 1) / n or left_groups <= n - 1 - part):
            part += 1
        out[part].append(g)
        used += w
    return [p for p in out if p]


def _parts(slide: Slide, parts: list[list], lang: str) -> list[Slide]:
    """The slides of a continued list or table: the first as written, the others titled
    "… (forts.)" and without speaker notes (they stay with the first)."""
    out = []
    n = len(parts)
    for k, groups in enumerate(parts, start=1):
        c = slide.content
        content: TableContent | BulletsContent
        if isinstance(c, TableContent):
            content = replace(c, rows=tuple(row for (row,) in groups))
        else:
            assert isinstance(c, BulletsContent)  # only lists and tables continue
            content = replace(c, body=tuple(p for g in groups for p in g))
        mark = f" ({words.word(lang, 'continued')})" if k > 1 else ""
        title = (*slide.title, Run(mark)) if mark and slide.title else slide.title
        hidden = slide.hidden_title + mark if slide.hidden_title else ""
        out.append(replace(slide, title=title, content=content, notes=slide.notes if k == 1 else (),
                           hidden_title=hidden, part=k, parts=n, fit=()))
    return out
