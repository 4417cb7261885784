"""``image-text``: a picture beside the title and body, as the layout's plan places them.

The picture is cropped to cover its box (keeping ``focus`` as central as the crop allows)
and carries the alt text (``p:cNvPr/@descr``); the body is native text in a text box, its
lists with bullets in the brand's accent colour; the credit is a small line under the picture.
"""

from __future__ import annotations

import io
from typing import Any

from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu

from deckgen.layouts import image_text as spec
from deckgen.model import ImageTextContent, Para, Run, Slide
from deckgen.render.pptx.context import RenderContext, content_of
from deckgen.render.pptx.layouts.image import check_embeddable, cover_crop
from deckgen.render.pptx.shapes import add_text_box
from deckgen.render.pptx.slides import put_title
from deckgen.render.pptx.text import Style, add_paragraph, prepare_frame


def render(ctx: RenderContext, slide: Slide) -> None:
    content = content_of(slide, ImageTextContent)
    check_embeddable(ctx, content.image)
    put_title(ctx)
    plan = ctx.plan()
    detail: spec.ImageTextPlan = plan.detail
    box = detail.picture
    image = content.image
    data = io.BytesIO(image.fallback if image.fallback is not None else image.data)
    picture: Any = ctx.shapes.add_picture(data, Emu(box.x), Emu(box.y), Emu(box.cx), Emu(box.cy))
    picture.name = "Picture"
    left, top, right, bottom = cover_crop((image.width, image.height), (box.cx, box.cy), content.focus)
    picture.crop_left, picture.crop_top, picture.crop_right, picture.crop_bottom = left, top, right, bottom
    picture.element.nvPicPr.cNvPr.set("descr", content.alt)
    texts = {t.key: t for t in plan.texts}
    body = texts["body"]
    shape = add_text_box(ctx.shapes, body.box, name="Body", margins=body.insets)
    frame = shape.text_frame
    prepare_frame(frame)
    for i, (para, planned) in enumerate(zip(content.body, body.paras, strict=True)):
        style = Style(size=planned.size, color=ctx.color("text"), font=ctx.font("body"), align=PP_ALIGN.LEFT,
                      bullet_color=ctx.color("accent"))
        add_paragraph(frame, para, style, first=i == 0, space_before=planned.before or None)
    if "credit" in texts:
        credit = texts["credit"]
        shape = add_text_box(ctx.shapes, credit.box, name="Credit", anchor=MSO_ANCHOR.MIDDLE)
        prepare_frame(shape.text_frame)
        style = Style(size=spec.CREDIT_SIZE, color=ctx.color("muted"), font=ctx.font("body"), align=PP_ALIGN.RIGHT)
        add_paragraph(shape.text_frame, Para((Run(content.credit),)), style, first=True)
