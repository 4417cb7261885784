"""``image``: a full-bleed photo with credit and alt text; its title is kept for the outline
and screen readers but not shown."""

from __future__ import annotations

from deckgen.errors import Diagnostics
from deckgen.layouts.common import para
from deckgen.layouts.fields import TEXT
from deckgen.layouts.spec import BuildInput, LayoutSpec, Measured, Seen
from deckgen.model import ImageContent, Slide


def build(inp: BuildInput, diags: Diagnostics) -> list[Slide]:
    src = inp.value("image")
    alt = inp.value("alt")
    loc = inp.loc("image")
    credit = str(inp.value("credit", "") or "")
    fit = inp.value("fit", "cover")
    if src is None and inp.source.images:
        image = inp.source.images[0]
        src, loc = image.src, image.loc
        alt = alt if alt is not None else image.alt
        # pandoc's figure under a heading shows its caption, whole; a picture alone on its
        # slide is full-bleed, its caption the alt text
        caption = image.caption if inp.source.heading else ""
        credit = credit or caption
        if "fit" not in inp.fields and (image.fit == "contain" or image.width or image.height or caption):
            fit = "contain"  # a picture with a size or a caption is shown whole, not cropped
    if src is None:
        diags.error(inp.source.loc, "an image slide needs 'image:' or a Markdown picture ![alt](file)", "add the picture")
        return []
    asset = inp.picture(str(src), loc, diags, str(alt or ""))
    if asset is None:
        return []
    focus = tuple(inp.value("focus", (0.5, 0.5)))
    content = ImageContent(asset, str(alt or ""), credit, fit, (float(focus[0]), float(focus[1])))
    return [inp.slide(inp.title(diags), content, hidden=str(alt or credit or ""))]


def measured(slide: Slide, lang: str) -> list[Measured]:
    c = slide.content
    assert isinstance(c, ImageContent)
    return [Measured("credit", para(c.credit), "photo credit", "shorten the photo credit")] if c.credit else []


def visible(slide: Slide) -> list[Seen]:
    """The picture's text is its alt text and credit, which their own rules check."""
    return []


SPEC = LayoutSpec(
    name="image",
    content=ImageContent,
    summary="a full-bleed photo with credit and alt text",
    fields={
        "image": {"type": "string", "description": "picture file, relative to the slide file"},
        "alt": {**TEXT, "description": "what the picture shows, for people who cannot see it"},
        "credit": TEXT,
        "fit": {"enum": ["cover", "contain"]},
        "focus": {"type": "array", "items": {"type": "number", "minimum": 0, "maximum": 1}, "minItems": 2, "maxItems": 2},
    },
    build=build,
    roles=("title", "picture", "credit"),
    required_roles=("picture",),
    measured=measured,
    visible=visible,
    logo=False,
    footer=False,
    visible_title=False,
)
