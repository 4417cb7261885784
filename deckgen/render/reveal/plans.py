"""A layout's plan in slide pixels: the same plan the PowerPoint renderer draws, scaled.

The layout's planner (:attr:`deckgen.layouts.spec.LayoutSpec.plan`) runs in EMU in the very
box the PowerPoint renderer and the checks use (the master's ``area`` placeholder), so every
card, body, tile, table and arrow is where the .pptx has it. Here it is scaled into pixels
relative to the slide's ``.slide-body`` box and written as CSS rules (positions, paddings,
font sizes) -- never as ``style`` attributes, which the page's policy forbids -- plus the
polylines the org chart's SVG draws. Only numbers reach the CSS.
"""

from __future__ import annotations

from dataclasses import dataclass

from deckgen.geometry import LEVEL_INDENT
from deckgen.layouts import REGISTRY, Plan, PlanTable, PlanText, plan_slide
from deckgen.layouts.image_text import ImageTextPlan
from deckgen.layouts.orgchart import ChartPlan
from deckgen.layouts.tables import CELL_MARGIN_X, CELL_MARGIN_Y
from deckgen.model import Brand, OrgEdge, Slide
from deckgen.render.reveal.pixels import Rect, field_box_emu, pt_px, px, px_per_emu, to_px

_JUSTIFY = {"t": "flex-start", "ctr": "center", "b": "flex-end"}


@dataclass(frozen=True, slots=True)
class Arrow:
    """One org chart edge in pixels relative to the chart: its polyline and label point."""

    edge: OrgEdge
    points: tuple[tuple[float, float], ...]
    label_at: tuple[float, float]


@dataclass(frozen=True, slots=True)
class PixelPlan:
    """A slide's plan and its area in slide pixels (what the templates and CSS need)."""

    plan: Plan
    area: Rect
    arrows: tuple[Arrow, ...] = ()


def slide_plan(brand: Brand, slide: Slide, lang: str) -> PixelPlan | None:
    """The plan of ``slide`` in the brand's area, or None when its layout draws nothing
    (``lang``: the deck's, for the words deckgen writes, such as roster headers)."""
    spec = REGISTRY[slide.layout]
    if not spec.draws():
        return None
    area_emu = field_box_emu(brand, slide.layout, "area")
    plan = plan_slide(slide, area_emu, lang, brand.fit)
    area = to_px(brand, area_emu)
    arrows: tuple[Arrow, ...] = ()
    if isinstance(plan.detail, ChartPlan):
        k = px_per_emu(brand)
        arrows = tuple(
            Arrow(e.edge, tuple((x * k - area.x, y * k - area.y) for x, y in e.points),
                  (e.label_at[0] * k - area.x, e.label_at[1] * k - area.y))
            for e in plan.detail.edges)
    return PixelPlan(plan, area, arrows)


def shared_css(brand: Brand) -> list[str]:
    """Rules every planned shape shares: list items indent one step per level with the
    bullet hanging in the first step, as the PowerPoint renderer writes them."""
    step = px(LEVEL_INDENT * px_per_emu(brand))
    return [f".reveal .plan-box ul, .reveal .plan-box ol {{ padding-left: {step}; }}"]


def plan_css(brand: Brand, n: int, pixel: PixelPlan) -> list[str]:
    """CSS rules placing slide ``n``'s planned shapes inside its ``.slide-body``."""
    out = []
    for text in pixel.plan.texts:
        out.append(_text_rule(brand, n, text, pixel.area))
    for i, table in enumerate(pixel.plan.tables, start=1):
        out += _table_rules(brand, n, i, table, pixel.area)
    if isinstance(pixel.plan.detail, ImageTextPlan):
        out += _picture_rules(brand, n, pixel.plan.detail, pixel.area)
    return out


def _picture_rules(brand: Brand, n: int, detail: ImageTextPlan, area: Rect) -> list[str]:
    """An image-text slide's picture, cropped to cover its planned box, and its credit line.
    Written here, for the slides that have one, so decks without the layout keep their page."""
    r = to_px(brand, detail.picture, area)
    return [
        f"#slide-{n} .plan-picture {{ position: absolute; left: {px(r.x)}; top: {px(r.y)}; width: {px(r.w)}; "
        f"height: {px(r.h)}; margin: 0; max-width: none; max-height: none; display: block; object-fit: cover; }}",
        f"#slide-{n} .plan-credit {{ text-align: right; color: var(--deck-color-muted); }}",
        f"#slide-{n} .plan-body {{ color: var(--deck-color-text); }}",
    ]


def _text_rule(brand: Brand, n: int, text: PlanText, area: Rect) -> str:
    r = to_px(brand, text.box, area)
    k = px_per_emu(brand)
    left, top, right, bottom = (v * k for v in text.insets)
    top += text.reserved * k
    sizes = [p.size for p in text.paras] or [0.0]
    first, rest = sizes[0], (sizes[1] if len(sizes) > 1 else sizes[0])
    gap = text.paras[1].before if len(text.paras) > 1 else 0.0
    return (
        f"#slide-{n} .plan-{text.key} {{ left: {px(r.x)}; top: {px(r.y)}; width: {px(r.w)}; "
        f"height: {px(r.h)}; padding: {px(top)} {px(right)} {px(bottom)} {px(left)}; "
        f"justify-content: {_JUSTIFY[text.anchor]}; --t1: {px(pt_px(brand, first))}; "
        f"--t2: {px(pt_px(brand, rest))}; --gap: {px(pt_px(brand, gap))}; }}"
    )


def _table_rules(brand: Brand, n: int, i: int, table: PlanTable, area: Rect) -> list[str]:
    r = to_px(brand, table.box, area)
    k = px_per_emu(brand)
    sel = f"#slide-{n} .plan-table-{i}"
    rules = [
        f"{sel} {{ left: {px(r.x)}; top: {px(r.y)}; width: {px(sum(table.widths) * k)}; "
        f"font-size: {px(pt_px(brand, table.size))}; }}",
        f"{sel} th, {sel} td {{ padding: {px(CELL_MARGIN_Y * k)} {px(CELL_MARGIN_X * k)}; }}",
    ]
    rules += [f"{sel} col.c{c} {{ width: {px(w * k)}; }}" for c, w in enumerate(table.widths, start=1)]
    rules += [f"{sel} tr.r{row} {{ height: {px(h * k)}; }}" for row, h in enumerate(table.heights, start=1)]
    rules += [f"{sel} th:nth-child({c}), {sel} td:nth-child({c}) {{ text-align: {a}; }}"
              for c, a in enumerate(table.align, start=1) if a in ("left", "center", "right")]
    return rules
