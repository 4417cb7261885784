"""``tiles``: a grid of link and video cards, each clickable.

Every tile is a rounded rectangle with its title (bold) and caption (small) at the bottom;
both a click on the shape (slide show) and its caption's text run open the URL.
Video tiles are in the accent colour with a play triangle -- itself a shape that opens the
video -- so they stand apart from plain links.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit

from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN

from deckgen.model import Box, Para, Run, Slide, Tile, TilesContent, plain
from deckgen.render.pptx.context import RenderContext, content_of
from deckgen.render.pptx.shapes import add_card, grid, inches, set_click_link, text_area
from deckgen.render.pptx.slides import put_title
from deckgen.render.pptx.text import (
    Line,
    Style,
    add_paragraph,
    fits,
    largest_fitting,
    prepare_frame,
    size_steps,
)

GAP = inches(0.25)
PAD = inches(0.16)
MAX_TILE_HEIGHT = inches(2.4)
PLAY = inches(0.5)  # side of the play triangle's box
CAPTION_SPACE = 4.0
RADIUS = 0.08
MARGINS = (PAD, PAD, PAD, PAD)


def render(ctx: RenderContext, slide: Slide) -> None:
    content = content_of(slide, TilesContent)
    put_title(ctx)
    area = ctx.take_area()
    if not content.tiles:
        return
    cols, rows = grid_shape(len(content.tiles))
    height = min(area.cy, rows * MAX_TILE_HEIGHT + (rows - 1) * GAP)
    cells = grid(Box(area.x, area.y, area.cx, height), rows, cols, GAP, GAP)
    inner = text_area(cells[0], MARGINS, RADIUS)
    size = largest_fitting(
        size_steps(22, 11),
        lambda s: all(fits(_lines(t, s), inner.cx, _text_height(t, inner.cy)) for t in content.tiles),
    )
    for n, (tile, cell) in enumerate(zip(content.tiles, cells, strict=False), start=1):
        _tile(ctx, tile, cell, size, n)


def grid_shape(n: int) -> tuple[int, int]:
    """(columns, rows): one row up to four tiles, then two rows, then four columns."""
    if n <= 4:
        return n, 1
    cols = math.ceil(n / 2) if n <= 8 else 4
    return cols, math.ceil(n / cols)


def _caption_size(size: float) -> float:
    return max(round(size * 0.62 * 2) / 2, 10.0)


def _lines(tile: Tile, size: float) -> list[Line]:
    caption = tile.caption or _host(tile.url)
    return [
        Line(plain(tile.title), size, bold=True),
        Line(caption, _caption_size(size), space_before=CAPTION_SPACE),
    ]


def _text_height(tile: Tile, inner_h: int) -> int:
    """Room for the text: a video tile gives the top to its play mark."""
    return inner_h - (PLAY + inches(0.1) if tile.kind == "video" else 0)


def _tile(ctx: RenderContext, tile: Tile, cell: Box, size: float, n: int) -> None:
    video = tile.kind == "video"
    fill = ctx.color("accent" if video else "surface")
    card = add_card(
        ctx.shapes,
        cell,
        fill,
        name=f"{'Video' if video else 'Link'} {n}: {plain(tile.title)}",
        radius=RADIUS,
        margins=MARGINS,
        anchor=MSO_ANCHOR.BOTTOM,
    )
    set_click_link(card, tile.url)
    card.element.nvSpPr.cNvPr.set("descr", f"{plain(tile.title)} ({tile.url})")
    title_color = ctx.color("on_accent" if video else "primary")
    caption_color = ctx.color("on_accent" if video else "muted")
    frame = card.text_frame
    prepare_frame(frame)
    title = Style(size=size, color=title_color, font=ctx.font("heading"), bold=True, align=PP_ALIGN.LEFT)
    add_paragraph(frame, Para(tile.title), title, first=True)
    # The link sits on the caption run (the address people read), not on the title: viewers
    # such as LibreOffice turn a linked run into a field that cannot wrap between words.
    caption = Style(size=_caption_size(size), color=caption_color, font=ctx.font("body"), align=PP_ALIGN.LEFT)
    caption_runs = _linked((Run(tile.caption or _host(tile.url)),), tile.url)
    add_paragraph(frame, Para(caption_runs), caption, space_before=CAPTION_SPACE)
    if video:
        _play_mark(ctx, tile, cell, n)


def _host(url: str) -> str:
    """A short form of ``url`` for a tile without a caption: host and path."""
    parts = urlsplit(url)
    return (parts.netloc + parts.path).removeprefix("www.").rstrip("/") or url


def _linked(inline: tuple[Run, ...], url: str) -> tuple[Run, ...]:
    return tuple(replace(run, href=url) for run in inline)


def _play_mark(ctx: RenderContext, tile: Tile, cell: Box, n: int) -> Any:
    """A right-pointing triangle in the tile's top-left corner (an isosceles triangle turned
    a quarter; its box is square, so turning keeps it in place)."""
    box = Box(cell.x + PAD, cell.y + PAD, PLAY, PLAY)
    mark = add_card(ctx.shapes, box, ctx.color("on_accent"), name=f"Play {n}", kind=MSO_SHAPE.ISOSCELES_TRIANGLE)
    mark.rotation = 90
    set_click_link(mark, tile.url)
    mark.element.nvSpPr.cNvPr.set("descr", f"Video: {plain(tile.title)}")
    return mark
