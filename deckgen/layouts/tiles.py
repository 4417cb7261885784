"""``tiles``: a grid of link and video cards, each with a title and a caption.

One row up to four tiles, then two rows, then four columns; rows as tall as 2.4 in at most;
one title size for every tile, the largest with which each tile's text fits its card. The
caption is the tile's own, else its address shortened (host and path, or the host alone when
that is long): decided once, here, when the slide is built.
"""

from __future__ import annotations

import math
import urllib.parse
from dataclasses import dataclass

from deckgen import geometry as geo
from deckgen.errors import Diagnostics
from deckgen.geometry import Line, inches
from deckgen.layouts.common import card_insets, drawn
from deckgen.layouts.fields import LINK, TEXT, var_or
from deckgen.layouts.spec import (
    UNSCALED,
    BuildInput,
    LayoutSpec,
    Measured,
    Plan,
    PlanText,
    Seen,
    Sizing,
    title_measured,
)
from deckgen.model import Box, Run, Slide, Tile, TilesContent, is_safe_href, plain, unwrap

GAP = inches(0.25)
PAD = inches(0.16)
MAX_HEIGHT = inches(2.4)
PLAY = inches(0.5)  # side of the play triangle's box
CAPTION_SPACE = 4.0
RADIUS = 0.08
MARGINS = (PAD,) * 4
SIZES = (22.0, 11.0)
_VIDEO_HOSTS = ("youtu.be", "youtube.com", "vimeo.com")


def build(inp: BuildInput, diags: Diagnostics) -> list[Slide]:
    tiles = []
    for item in inp.fields["tiles"].value:
        entry = item.value
        url = str(unwrap(entry["url"])) if "url" in entry else None  # none: a plain card
        if url is not None and not is_safe_href(url):
            diags.error(entry["url"].loc, f"tile link {url!r} is not a full http, https or mailto address", "write a full https:// address")
            continue
        title = inp.inline_of(entry["title"], diags)
        caption = str(unwrap(entry["caption"]) or "") if "caption" in entry else ""
        kind = str(unwrap(entry["kind"])) if "kind" in entry else ("video" if url and is_video(url) else "link")
        if kind == "video" and url is None:
            diags.error(entry["kind"].loc, "a video tile needs the video's 'url'", "add 'url: https://…', or leave 'kind: video' out for a plain card")
            continue
        tiles.append(Tile(title, url, "video" if kind == "video" else "link", caption or caption_of_url(url), loc=item.loc))
    return [inp.slide(inp.title(diags), TilesContent(tuple(tiles)))]


def short_url(url: str) -> str:
    """A tile's caption when it has none: host and path, or the host alone when long."""
    parts = urllib.parse.urlsplit(url)
    host = parts.netloc.removeprefix("www.")
    path = parts.path.rstrip("/")
    return f"{host}{path}" if len(host + path) <= 40 else host


def caption_of(tile: Tile) -> str:
    """What a tile shows under its title: its caption, else its address shortened; nothing
    for a plain card without either. The one rule, for both outputs and the checks."""
    return tile.caption or caption_of_url(tile.url)


def caption_of_url(url: str | None) -> str:
    return short_url(url) if url else ""


def is_video(url: str) -> bool:
    host = urllib.parse.urlsplit(url).netloc.lower()
    return host.endswith(_VIDEO_HOSTS)


@dataclass(frozen=True, slots=True)
class TilesPlan:
    """One cell per tile (row by row), the grid's columns and the title and caption sizes."""

    cells: tuple[Box, ...]
    cols: int
    title_size: float
    caption_size: float


def grid_shape(n: int) -> tuple[int, int]:
    """(columns, rows): one row up to four tiles, then two rows, then four columns."""
    if n <= 4:
        return max(n, 1), 1
    cols = math.ceil(n / 2) if n <= 8 else 4
    return cols, math.ceil(n / cols)


def caption_size(size: float, low: float = 10.0) -> float:
    """A caption's size for a tile title of ``size``: 62 % of it, never below ``low`` (10 pt,
    or the brand's floor for tiles when that is lower)."""
    return max(round(size * 0.62 * 2) / 2, low)


def tile_lines(tile: Tile, size: float) -> list[Line]:
    caption = caption_of(tile)  # a plain card may have none: no line is drawn for it
    return [
        Line(plain(tile.title), size, bold=True),
        *([Line(caption, caption_size(size), space_before=CAPTION_SPACE)] if caption else []),
    ]


def reserved(tile: Tile) -> int:
    """Room at the top of a tile its text may not use: a video tile's play mark."""
    return PLAY + inches(0.1) if tile.kind == "video" else 0


def play_box(cell: Box) -> Box:
    """Where a video tile's play mark goes: its top-left corner, inside the padding."""
    return Box(cell.x + PAD, cell.y + PAD, PLAY, PLAY)


def place(content: TilesContent, area: Box, sizing: Sizing = UNSCALED) -> TilesPlan:
    """A grid as tall as its rows need (at most 2.4 in per row) and the largest title size
    with which every tile's text fits its card."""
    if not content.tiles:
        return TilesPlan((), 1, SIZES[0], caption_size(SIZES[0]))
    cols, rows = grid_shape(len(content.tiles))
    height = min(area.cy, rows * MAX_HEIGHT + (rows - 1) * GAP)
    cells = geo.grid(Box(area.x, area.y, area.cx, height), rows, cols, GAP, GAP)
    inner = geo.text_area(cells[0], MARGINS, RADIUS)
    size = geo.largest_fitting(
        geo.size_steps(SIZES[0], sizing.floor or SIZES[1]),
        lambda s: all(geo.fits(tile_lines(t, s), inner.cx, inner.cy - reserved(t)) for t in content.tiles),
    )
    used = tuple(cell for _, cell in zip(content.tiles, cells, strict=False))
    size = sizing.apply(size)
    return TilesPlan(used, cols, size, caption_size(size, min(10.0, sizing.floor or 10.0)))


def plan(content: TilesContent, area: Box, lang: str, sizing: Sizing = UNSCALED) -> Plan:
    detail = place(content, area, sizing)
    texts = []
    for n, (tile, cell) in enumerate(zip(content.tiles, detail.cells, strict=False), start=1):
        caption = caption_of(tile)
        paras = (
            drawn(tile.title, detail.title_size, heading=True, bold=True),
            # The caption is a link: LibreOffice does not wrap a linked run.
            *([drawn((Run(caption, href=tile.url),), detail.caption_size, before=CAPTION_SPACE)] if caption else []),
        )
        texts.append(PlanText(
            f"tile-{n}", f"tile {n} ({plain(tile.title)!r})", "card", cell, card_insets(cell, MARGINS, RADIUS), paras, None,
            "shorten the tile titles, or use fewer tiles on the slide", anchor="b", reserved=reserved(tile)))
    return Plan(tuple(texts), detail=detail)


def measured(slide: Slide, lang: str) -> list[Measured]:
    return title_measured(slide)


def visible(slide: Slide) -> list[Seen]:
    """Tiles are links by themselves; the rules that know them check them."""
    return []


SPEC = LayoutSpec(
    name="tiles",
    content=TilesContent,
    summary="link and video cards in a grid",
    fields={
        "tiles": var_or({
            "type": "array",
            "minItems": 1,
            "maxItems": 12,
            "items": {
                "type": "object",
                "properties": {
                    "title": TEXT,
                    "url": {**LINK, "description": "an http(s) or mailto address; without it the tile is a plain card"},
                    "kind": {"enum": ["link", "video"]},
                    "caption": TEXT,
                },
                "required": ["title"],
                "additionalProperties": False,
            },
        }),
    },
    required=("tiles",),
    build=build,
    roles=("title", "area"),
    required_roles=("title", "area"),
    measured=measured,
    visible=visible,
    plan=plan,
)
