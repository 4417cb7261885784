"""What each slide is: one of deckgen's layouts, with its fields, and why.

Responsibility: turn one :class:`~deckgen.importer.extract.SlideData` into an
:class:`Imported` slide. The order of evidence, strongest first:

1. shapes deckgen cannot keep (charts, SmartArt, OLE objects, media) make the slide
   ``bullets`` holding whatever text they have, with a warning naming each of them;
2. a brand's mapping, when the deck uses that brand's master: the master layout's **name**
   says the layout (title, section, image, discussion, question), its placeholders' **idx**
   say the fields;
3. the master layout's **type** (title, section header, picture with caption, two content,
   comparison, title only, blank…) and the placeholders' types;
4. what the slide holds: connectors glued between boxes (``orgchart``), one table (``roster``
   when its header is a roster's, else ``table``), linked boxes (``tiles``), boxes side by
   side (``columns``), one big picture (``image``); anything else is ``bullets``.

Field readers for each layout live in :mod:`deckgen.importer.layouts`.
"""

from __future__ import annotations

from deckgen.importer import layouts as L
from deckgen.importer.extract import Shape, SlideData
from deckgen.importer.imported import Imported
from deckgen.importer.text import text_plain
from deckgen.model import LayoutMap

UNMAPPABLE = {"chart": "chart", "smartart": "SmartArt diagram", "ole": "OLE object", "media": "video or sound"}
TITLE_TYPES = ("title", "ctrTitle")


def recognise(data: SlideData, brand_layouts: dict[str, list[tuple[str, LayoutMap]]], lang: str) -> Imported:
    """The imported form of one slide; see the module docstring for the order of evidence."""
    ctx = L.Context(data, lang)
    for shape in data.shapes:
        if shape.problem:
            ctx.warn(f"{_describe(shape)}: {shape.problem}; not imported")
        if shape.merged_cells:
            ctx.warn(f"{_describe(shape)}: {shape.merged_cells} merged cell{'s' * (shape.merged_cells > 1)} become single cells, "
                     "the text in the first and the cells it spanned empty (a Markdown table has no merged cells)")
    if data.duplicate_ids:
        ctx.warn(f"shape ids {', '.join(map(str, data.duplicate_ids))} are used twice; glue of connectors to them may be wrong")
    strange = [s for s in data.shapes if s.kind in UNMAPPABLE]
    if strange:
        names = ", ".join(_describe(s) for s in strange)
        its = "its" if len(strange) == 1 else "their"
        ctx.warn(f"cannot import {names}; {its} text is kept as bullets, the rest is left out")
        return L.bullets(ctx, "it holds shapes deckgen has no layout for")
    mapped = brand_layouts.get(data.layout_name, [])
    single = {name for name, _ in mapped}
    if len(single) == 1:
        name, mapping = mapped[0]
        made = L.by_brand(ctx, name, mapping)
        if made is not None:
            return made
    return _by_type_and_content(ctx, {name for name, _ in mapped})


def _by_type_and_content(ctx: L.Context, allowed: set[str]) -> Imported:
    data = ctx.data
    kind = data.layout_type
    content = ctx.content_shapes()
    subtitled = any(s.ph_type == "subTitle" and s.text for s in content)
    if (kind == "title" or subtitled) and ctx.title_shape() is not None and not _non_placeholders(content):
        return L.title(ctx, f"its master layout '{data.layout_name}' is a title slide")
    if kind == "secHead" and not _non_placeholders(content):
        return L.section(ctx, f"its master layout '{data.layout_name}' is a section header")
    if any(s.kind == "connector" and s.begin is not None and s.end is not None for s in content):
        made = L.orgchart(ctx)
        if made is not None:
            return made
    tables = [s for s in content if s.kind == "table"]
    texts = [s for s in content if s.kind == "text" and s.text]
    pictures = [s for s in content if s.kind == "picture" and s.image is not None]
    if len(tables) == 1 and not pictures and not [s for s in texts if s.ph_type is None or s.ph_type not in ("body", "obj")] and not _body_text(texts):
        made = L.roster(ctx, tables[0])
        return made if made is not None else L.table(ctx, tables[0], "it holds one table")
    if texts and any(s.link for s in texts) and not pictures and not tables:
        made = L.tiles(ctx)
        if made is not None:
            return made
    discussion = L.discussion_by_words(ctx)
    if discussion is not None:
        return discussion
    big = len(pictures) == 1 and not tables and pictures[0].area >= 0.15 * data.width * data.height
    # A caption of a line or two goes along as the credit.
    if big and len(texts) <= 1 and sum(len(s.text) for s in texts) <= 2:
        return L.image(ctx, pictures[0], "it holds one big picture" + (" and its caption" if texts else ""))
    if kind == "picTx" and pictures:
        return L.image(ctx, pictures[0], f"its master layout '{data.layout_name}' is a picture with caption")
    if kind in ("twoObj", "twoTxTwoObj") or "columns" in allowed:
        made = L.columns(ctx)
        if made is not None:
            return made
    if not content and ctx.title_shape() is not None and kind in ("titleOnly", "title", "secHead", "blank", "cust"):
        return L.section(ctx, "it holds a title and nothing else")
    return L.bullets(ctx, "its text is a title and body" if content else "it holds only text")


def _non_placeholders(shapes: list[Shape]) -> list[Shape]:
    return [s for s in shapes if s.ph_type is None]


def _body_text(shapes: list[Shape]) -> str:
    return "\n".join(text_plain(s.text) for s in shapes if s.ph_type in ("body", "obj"))


def _describe(shape: Shape) -> str:
    what = UNMAPPABLE.get(shape.kind, shape.kind)
    return f"{what} '{shape.name}'" if shape.name else what
