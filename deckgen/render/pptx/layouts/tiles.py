"""``tiles``: a grid of link and video cards, each clickable.

Every tile is a rounded rectangle with its title (bold) and caption (small) at the bottom;
both a click on the shape (slide show) and its caption's text run open the URL. A tile
without a URL is a plain card: no click action, no linked (underlined) run.
Video tiles are in the accent colour with a play triangle -- itself a shape that opens the
video -- so they stand apart from plain links.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN

from deckgen.layouts import tiles as spec
from deckgen.model import Box, Para, Run, Slide, Tile, TilesContent, plain
from deckgen.render.pptx.context import RenderContext, content_of
from deckgen.render.pptx.shapes import add_card, set_click_link
from deckgen.render.pptx.slides import put_title
from deckgen.render.pptx.text import Style, add_paragraph, prepare_frame


def render(ctx: RenderContext, slide: Slide) -> None:
    content = content_of(slide, TilesContent)
    put_title(ctx)
    plan: spec.TilesPlan = ctx.plan().detail  # no tiles: no cells
    for n, (tile, cell) in enumerate(zip(content.tiles, plan.cells, strict=True), start=1):
        _tile(ctx, tile, cell, plan, n)


def _tile(ctx: RenderContext, tile: Tile, cell: Box, plan: spec.TilesPlan, n: int) -> None:
    video = tile.kind == "video"
    fill = ctx.color("accent" if video else "surface")
    card = add_card(
        ctx.shapes,
        cell,
        fill,
        name=f"{'Video' if video else 'Link'} {n}: {plain(tile.title)}",
        radius=spec.RADIUS,
        margins=spec.MARGINS,
        anchor=MSO_ANCHOR.BOTTOM,
    )
    if tile.url:
        set_click_link(card, tile.url)
    card.element.nvSpPr.cNvPr.set("descr", f"{plain(tile.title)} ({tile.url})" if tile.url else plain(tile.title))
    title_color = ctx.color("on_accent" if video else "primary")
    caption_color = ctx.color("on_accent" if video else "muted")
    frame = card.text_frame
    prepare_frame(frame)
    title = Style(size=plan.title_size, color=title_color, font=ctx.font("heading"), bold=True, align=PP_ALIGN.LEFT)
    add_paragraph(frame, Para(tile.title), title, first=True)
    # The link sits on the caption run (the address people read), not on the title: viewers
    # such as LibreOffice turn a linked run into a field that cannot wrap between words.
    caption = Style(size=plan.caption_size, color=caption_color, font=ctx.font("body"), align=PP_ALIGN.LEFT)
    text = spec.caption_of(tile)
    if text:
        runs = (Run(text),)
        add_paragraph(frame, Para(_linked(runs, tile.url) if tile.url else runs), caption,
                      space_before=spec.CAPTION_SPACE)
    if video:
        _play_mark(ctx, tile, cell, n)


def _linked(inline: tuple[Run, ...], url: str) -> tuple[Run, ...]:
    return tuple(replace(run, href=url) for run in inline)


def _play_mark(ctx: RenderContext, tile: Tile, cell: Box, n: int) -> Any:
    """A right-pointing triangle in the tile's top-left corner (an isosceles triangle turned
    a quarter; its box is square, so turning keeps it in place)."""
    box = spec.play_box(cell)
    mark = add_card(ctx.shapes, box, ctx.color("on_accent"), name=f"Play {n}", kind=MSO_SHAPE.ISOSCELES_TRIANGLE)
    mark.rotation = 90
    if tile.url:
        set_click_link(mark, tile.url)
    mark.element.nvSpPr.cNvPr.set("descr", f"Video: {plain(tile.title)}")
    return mark
