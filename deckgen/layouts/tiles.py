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
from deckgen.layouts.spec import BuildInput, LayoutSpec, Measured, Plan, PlanText, Seen, title_measured
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
        url = str(unwrap(entry["url"]))
        if not is_safe_href(url):
            diags.error(entry["url"].loc, f"tile link {url!r} is not a full http, https or mailto address", "write a full https:// address")
            continue
        title = inp.inline_of(entry["title"], diags)
        caption = str(unwrap(entry["caption"]) or "") if "caption" in entry else ""
        caption = caption or short_url(url)
        kind = str(unwrap(entry["kind"])) if "kind" in entry else ("video" if is_video(url) else "link")
        tiles.append(Tile(title, url, "video" if kind == "video" else "link", caption))
    return [inp.slide(inp.title(diags), TilesContent(tuple(tiles)))]


def short_url(url: str) -> str:
    """A tile's caption when it has none: host and path, or the host alone when long."""
    parts = urllib.parse.urlsplit(url)
    host = parts.netloc.removeprefix("www.")
    path = parts.path.rstrip("/")
    return f"{host}{path}" if len(host + path) <= 40 else host


def caption_of(tile: Tile) -> str:
    """What a tile shows under its title: the one rule, for both outputs and the checks."""
    return tile.caption or (short_url(tile.url) if tile.url else "")


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


def caption_size(size: float) -> float:
    return max(round(size * 0.62 * 2) / 2, 10.0)


def tile_lines(tile: Tile, size: float) -> list[Line]:
    return [
        Line(plain(tile.title), size, bold=True),
        Line(caption_of(tile), caption_size(size), space_before=CAPTION_SPACE),
    ]


def reserved(tile: Tile) -> int:
    """Room at the top of a tile its text may not use: a video tile's play mark."""
    return PLAY + inches(0.1) if tile.kind == "video" else 0


def play_box(cell: Box) -> Box:
    """Where a video tile's play mark goes: its top-left corner, inside the padding."""
    return Box(cell.x + PAD, cell.y + PAD, PLAY, PLAY)


def place(content: TilesContent, area: Box) -> TilesPlan:
    """A grid as tall as its rows need (at most 2.4 in per row) and the largest title size
    with which every tile's text fits its card."""
    if not content.tiles:
        return TilesPlan((), 1, SIZES[0], caption_size(SIZES[0]))
    cols, rows = grid_shape(len(content.tiles))
    height = min(area.cy, rows * MAX_HEIGHT + (rows - 1) * GAP)
    cells = geo.grid(Box(area.x, area.y, area.cx, height), rows, cols, GAP, GAP)
    inner = geo.text_area(cells[0], MARGINS, RADIUS)
    size = geo.largest_fitting(
        geo.size_steps(*SIZES),
        lambda s: all(geo.fits(tile_lines(t, s), inner.cx, inner.cy - reserved(t)) for t in content.tiles),
    )
    used = tuple(cell for _, cell in zip(content.tiles, cells, strict=False))
    return TilesPlan(used, cols, size, caption_size(size))


def plan(content: TilesContent, area: Box, lang: str) -> Plan:
    detail = place(content, area)
    texts = []
    for n, (tile, cell) in enumerate(zip(content.tiles, detail.cells, strict=False), start=1):
        paras = (
            drawn(tile.title, detail.title_size, heading=True, bold=True),
            # The caption is a link: LibreOffice does not wrap a linked run.
            drawn((Run(caption_of(tile), href=tile.url),), detail.caption_size, before=CAPTION_SPACE),
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
                    "url": LINK,
                    "kind": {"enum": ["link", "video"]},
                    "caption": TEXT,
                },
                "required": ["title", "url"],
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
