"""``image``: a full-bleed photo in the master's picture placeholder, with credit and alt text.

``fit: cover`` crops the picture to fill the placeholder, keeping ``focus`` (fractions of
width and height) as close to the centre as the crop allows; ``fit: contain`` shows the whole
picture, letterboxed inside the placeholder's box. The alt text goes on the picture
(``p:cNvPr/@descr``); the slide's title stays in the title placeholder, moved off the slide,
so the outline and screen readers still have it.
"""

from __future__ import annotations

import io
from typing import Any

from pptx.util import Emu

from deckgen.errors import BuildError, Diagnostic
from deckgen.model import Asset, Box, ImageContent, Run, Slide, plain
from deckgen.render.pptx.context import RenderContext, content_of
from deckgen.render.pptx.slides import fill_inline, hide_title

_EMBEDDABLE = ("image/png", "image/jpeg", "image/gif")


def render(ctx: RenderContext, slide: Slide) -> None:
    content = content_of(slide, ImageContent)
    check_embeddable(ctx, content.image)
    title = plain(slide.title) or slide.hidden_title
    if title:
        hide_title(ctx, "title", title)
    else:
        ctx.drop("title")
    picture = _insert(ctx, content)
    picture.element.nvPicPr.cNvPr.set("descr", content.alt)
    fill_inline(ctx, "credit", (Run(content.credit),) if content.credit else ())


def check_embeddable(ctx: RenderContext, image: Asset) -> None:
    """Refuse, located, a picture PowerPoint cannot show (and that has no PNG fallback)."""
    if image.media_type not in _EMBEDDABLE and image.fallback is None:
        loc = image.loc or ctx.source.loc
        raise BuildError(
            [
                Diagnostic(
                    loc,
                    f"'{image.path}' ({image.media_type}) cannot be embedded in PowerPoint",
                    hint="use a PNG or JPEG picture",
                )
            ]
        )


def _insert(ctx: RenderContext, content: ImageContent) -> Any:
    """Put the picture into the picture placeholder (or, on a master whose mapped
    placeholder is not a picture placeholder, into that placeholder's box) and fit it."""
    ph = ctx.placeholder("picture")
    box = ctx.box_of(ph)
    # An SVG shows as the PNG resolve drew from it (PowerPoint's own fallback for SVG).
    data = io.BytesIO(content.image.fallback if content.image.fallback is not None else content.image.data)
    if hasattr(ph, "insert_picture"):
        picture = ph.insert_picture(data)
    else:
        box = ctx.take_area("picture")
        picture = ctx.shapes.add_picture(data, Emu(box.x), Emu(box.y), Emu(box.cx), Emu(box.cy))
    image = (content.image.width, content.image.height)
    if content.fit == "cover":
        left, top, right, bottom = cover_crop(image, (box.cx, box.cy), content.focus)
        picture.crop_left, picture.crop_top = left, top
        picture.crop_right, picture.crop_bottom = right, bottom
    else:
        picture.crop_left = picture.crop_top = picture.crop_right = picture.crop_bottom = 0.0
        fitted = contain_box(image, box)
        picture.left, picture.top = Emu(fitted.x), Emu(fitted.y)
        picture.width, picture.height = Emu(fitted.cx), Emu(fitted.cy)
    return picture


def cover_crop(
    image: tuple[int, int], frame: tuple[int, int], focus: tuple[float, float]
) -> tuple[float, float, float, float]:
    """Crop fractions (left, top, right, bottom) that make ``image`` fill ``frame`` without
    distortion, cutting away only along the axis that is too long, and placing the cut so
    the ``focus`` point is as central as possible."""
    (iw, ih), (fw, fh) = image, frame
    if min(iw, ih, fw, fh) <= 0:
        return (0.0, 0.0, 0.0, 0.0)
    image_ratio, frame_ratio = iw / ih, fw / fh
    if abs(image_ratio - frame_ratio) < 1e-9:
        return (0.0, 0.0, 0.0, 0.0)
    if image_ratio > frame_ratio:  # too wide: keep this fraction of the width
        start, cut = _window(frame_ratio / image_ratio, focus[0])
        return (start, 0.0, cut - start, 0.0)
    start, cut = _window(image_ratio / frame_ratio, focus[1])
    return (0.0, start, 0.0, cut - start)


def _window(visible: float, focus: float) -> tuple[float, float]:
    """Where a window of ``visible`` (fraction of 1) starts, centred on ``focus`` but kept
    inside [0, 1]; returns (start, total fraction cut away)."""
    cut = 1.0 - visible
    start = min(max(focus - visible / 2, 0.0), cut)
    return (start, cut)


def contain_box(image: tuple[int, int], box: Box) -> Box:
    """The largest box with the picture's proportions inside ``box``, centred."""
    iw, ih = image
    if min(iw, ih) <= 0:
        return box
    scale = min(box.cx / iw, box.cy / ih)
    cx, cy = int(iw * scale), int(ih * scale)
    return Box(box.x + (box.cx - cx) // 2, box.y + (box.cy - cy) // 2, cx, cy)
