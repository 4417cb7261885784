"""``image-text``: a picture beside the slide's title and body (Marp's ``![bg left:40%](x)``).

The title stays in the master's title placeholder; the layout draws into the ``area``: the
picture takes ``width`` of it (a fraction, Marp's ``left:40%``) on ``side``, cropped to cover
its box, with the credit in a line under it; the body fills the rest, at the largest size
with which it fits (estimated, :mod:`deckgen.geometry`), never below the brand's floor.

A slide written without ``layout:`` becomes one when it holds a picture beside its text:
Marp's ``![bg left](x)``/``![bg right:40%](x)``, or (pandoc, plain Markdown) a picture in a
paragraph of its own beside bullets (:func:`deckgen.resolve.slideinput.infer_layout`).
"""

from __future__ import annotations

from dataclasses import dataclass

from deckgen import geometry as geo
from deckgen.errors import Diagnostics
from deckgen.geometry import inches
from deckgen.layouts.common import body_paras, drawn, first_loc
from deckgen.layouts.fields import MARKDOWN, TEXT
from deckgen.layouts.spec import (
    HINT_BODY,
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
from deckgen.model import Box, ImageTextContent, Run, Slide

GAP = inches(0.3)  # between the picture and the body
CREDIT_HEIGHT = inches(0.3)
CREDIT_SIZE = 10.0
BODY_SPACE = 8.0  # points between paragraphs
SIZES = (24.0, 14.0)  # the body's largest size, and its smallest when the brand sets no floor
WIDTHS = (0.2, 0.8)  # the picture's share of the area, at least and at most
DEFAULT_WIDTH = 0.5


def build(inp: BuildInput, diags: Diagnostics) -> list[Slide]:
    src = inp.value("image")
    alt = inp.value("alt")
    loc = inp.loc("image")
    side = inp.value("side")
    width = inp.value("width")
    if src is None and inp.source.images:
        # the first picture beside the text (Marp's bg left/right), else the first picture
        image = next((i for i in inp.source.images if i.bg in ("left", "right")), inp.source.images[0])
        src, loc = image.src, image.loc
        alt = alt if alt is not None else image.alt
        side = side or (image.bg if image.bg in ("left", "right") else "left")
        written = image.share or (image.width if image.width.strip().endswith("%") else "")  # pandoc's {width=40%}
        if width is None and written:
            width = share(written, loc, diags)
    if src is None:
        diags.error(inp.loc("layout"), "an image-text slide needs 'image:' or a Markdown picture ![alt](file)", "add the picture")
        return []
    asset = inp.picture(str(src), loc, diags, str(alt or ""))
    if asset is None:
        return []
    focus = tuple(inp.value("focus", (0.5, 0.5)))
    content = ImageTextContent(
        asset, str(alt or ""), inp.block("body", diags) or inp.body, "right" if side == "right" else "left",
        float(width) if width is not None else DEFAULT_WIDTH, str(inp.value("credit", "") or ""),
        (float(focus[0]), float(focus[1])))
    return [inp.slide(inp.title(diags), content, hidden=str(alt or ""))]


def share(written: str, loc: object, diags: Diagnostics) -> float | None:
    """Marp's ``40%`` (of ``bg left:40%``) as a fraction of the area, kept between 20 % and
    80 % (narrower or wider leaves no room for the picture or the text): said in a warning."""
    try:
        value = float(written.strip().rstrip("%")) / 100
    except ValueError:
        diags.warning(loc, f"the picture's share {written!r} is not a percentage; it takes half the width",  # type: ignore[arg-type]
                      "write it as Marp does: ![bg left:40%](file)", rule="marp-picture")
        return None
    kept = min(max(value, WIDTHS[0]), WIDTHS[1])
    if kept != value:
        diags.warning(loc, f"the picture's share {written} is kept at {kept:.0%} of the width",  # type: ignore[arg-type]
                      "use a share between 20% and 80%", rule="marp-picture")
    return kept


@dataclass(frozen=True, slots=True)
class ImageTextPlan:
    """The picture's box, the body's, the credit's (None without a credit) and the body's size."""

    picture: Box
    body: Box
    credit: Box | None
    size: float


def place(content: ImageTextContent, area: Box, sizing: Sizing = UNSCALED) -> ImageTextPlan:
    """Split ``area``: the picture's share on its side, the gap, the body in the rest."""
    fraction = min(max(content.width, WIDTHS[0]), WIDTHS[1])
    pic_w = int(area.cx * fraction)
    text_w = area.cx - pic_w - GAP
    if content.side == "right":
        body, picture = Box(area.x, area.y, text_w, area.cy), Box(area.x + area.cx - pic_w, area.y, pic_w, area.cy)
    else:
        picture, body = Box(area.x, area.y, pic_w, area.cy), Box(area.x + pic_w + GAP, area.y, text_w, area.cy)
    credit = None
    if content.credit:
        picture = Box(picture.x, picture.y, picture.cx, picture.cy - CREDIT_HEIGHT)
        credit = Box(picture.x, picture.y + picture.cy, picture.cx, CREDIT_HEIGHT)
    size = geo.largest_fitting(
        geo.size_steps(SIZES[0], min(sizing.floor or SIZES[1], SIZES[0])),
        lambda s: geo.fits(geo.para_lines(content.body, s, space_before=BODY_SPACE, bullets=True), body.cx, body.cy))
    return ImageTextPlan(picture, body, credit, sizing.apply(size))


def plan(content: ImageTextContent, area: Box, lang: str, sizing: Sizing = UNSCALED) -> Plan:
    detail = place(content, area, sizing)
    paras = tuple(body_paras(content.body, detail.size, first_before=0.0, before=BODY_SPACE))
    texts = [PlanText("body", "the body text", "box", detail.body, (0, 0, 0, 0), paras,
                      first_loc(content.body, None), HINT_BODY)]
    if detail.credit is not None:
        credit = (drawn((Run(content.credit),), CREDIT_SIZE),)
        texts.append(PlanText("credit", "the photo credit", "box", detail.credit, (0, 0, 0, 0), credit, None,
                              "shorten the photo credit", anchor="ctr"))
    return Plan(tuple(texts), detail=detail)


def measured(slide: Slide, lang: str) -> list[Measured]:
    return title_measured(slide)


def visible(slide: Slide) -> list[Seen]:
    """The body; the picture's alt text and credit have their own rules."""
    c = slide.content
    assert isinstance(c, ImageTextContent)
    return texts_of(c.body)


SPEC = LayoutSpec(
    name="image-text",
    content=ImageTextContent,
    summary="a picture beside the title and body",
    fields={
        "image": {"type": "string", "description": "picture file, relative to the slide file"},
        "alt": {**TEXT, "description": "what the picture shows, for people who cannot see it"},
        "side": {"enum": ["left", "right"], "description": "where the picture goes (default: left)"},
        "width": {"type": "number", "minimum": WIDTHS[0], "maximum": WIDTHS[1],
                  "description": "the picture's share of the width, as a fraction (default: 0.5)"},
        "credit": TEXT,
        "focus": {"type": "array", "items": {"type": "number", "minimum": 0, "maximum": 1}, "minItems": 2, "maxItems": 2},
        "body": MARKDOWN,
    },
    build=build,
    roles=("title", "area"),
    required_roles=("title", "area"),
    measured=measured,
    visible=visible,
    plan=plan,
)
