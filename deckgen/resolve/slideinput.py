"""What a layout's builder gets from resolve: :class:`SlideInput`, and the layout of a slide
that names none.

The builders themselves are the layouts' (``deckgen/layouts/<name>.py``, ``spec.build``);
this module gives them what only resolve may do -- parse field values as Markdown, read a
picture from the project -- through the :class:`~deckgen.layouts.spec.BuildInput` contract.
Field values here are already validated against the layout's schema and have their variables
substituted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from deckgen.errors import Diagnostics, SourceLoc
from deckgen.load.markdown import parse_block, parse_inline
from deckgen.model import Asset, Inline, Located, Slide, SourceSlide, Text, plain, unwrap
from deckgen.project import Project
from deckgen.resolve.fetch import is_remote, remote_picture
from deckgen.resolve.images import placeholder_image, read_image
from deckgen.resolve.variables import markdown_text


@dataclass(frozen=True)
class SlideInput:
    """What a layout builder gets: the source slide, its substituted fields and body."""

    source: SourceSlide
    fields: dict[str, Located]
    body: Text
    notes: Text
    layout: str
    lang: str
    project: Project
    deck_title: str
    deck_subtitle: str
    byline: str
    columns: tuple[tuple[Inline, Text], ...] = ()  # pandoc's ::: column divs: heading, text (substituted)

    def loc(self, key: str) -> SourceLoc:
        node = self.fields.get(key)
        return node.loc if node is not None else self.source.loc

    def value(self, key: str, default: Any = None) -> Any:
        node = self.fields.get(key)
        return default if node is None else unwrap(node)

    def inline_of(self, node: Located, diags: Diagnostics) -> Inline:
        """A field value (or an item of one) as inline Markdown."""
        return parse_inline(markdown_text(node), node.loc.path, node.loc, diags)

    def block_of(self, node: Located, diags: Diagnostics) -> Text:
        """A field value (or an item of one) as block Markdown: paragraphs and lists."""
        return parse_block(markdown_text(node), node.loc.path, node.loc, diags)

    def inline(self, key: str, diags: Diagnostics) -> Inline:
        node = self.fields.get(key)
        return () if node is None or node.value is None else self.inline_of(node, diags)

    def block(self, key: str, diags: Diagnostics) -> Text:
        node = self.fields.get(key)
        return () if node is None or node.value is None else self.block_of(node, diags)

    def title(self, diags: Diagnostics) -> Inline:
        return self.inline("title", diags) if "title" in self.fields else self.source.heading

    def picture(self, src: str, loc: SourceLoc, diags: Diagnostics, alt: str = "") -> Asset | None:
        """The picture ``src`` names, relative to the file ``loc`` is in, read and checked; a
        picture on the web is a placeholder showing ``alt`` (the build stays offline)."""
        if is_remote(src):  # from the cache (--fetch downloads it there), else a placeholder
            path = remote_picture(self.project, src, loc, diags)
            if path is None:
                return placeholder_image(src, alt or src, loc)
            return read_image(path, self.project.rel(path), diags, loc)
        base = (self.project.root / loc.path).parent
        path = self.project.locate(src, base=base, loc=loc, diags=diags, what="picture")
        if path is None:
            return None
        return read_image(path, self.project.rel(path), diags, loc)

    def slide(self, title: Inline, content: Any, hidden: str = "") -> Slide:
        """The model slide: ``hidden`` is the accessible title when none shows."""
        hidden_title = self.value("hidden_title") or plain(title) or hidden
        title_loc = self.fields["title"].loc if "title" in self.fields else self.source.heading_loc
        return Slide(self.layout, title, content, self.notes, str(hidden_title), self.source.loc, title_loc)


def infer_layout(slide: SourceSlide, first: bool) -> str:
    """The layout of a slide that names none (plain Markdown decks)."""
    if slide.classes and slide.heading and not slide.images and not slide.table and not slide.columns \
            and all(p.kind == "text" for p in slide.body):
        return "title" if first else "section"  # Marp's lead: a title page, or a part's divider
    beside = [i for i in slide.images if i.bg in ("left", "right")]  # Marp's ![bg left](x)
    if beside and not slide.table and not slide.columns:
        return "image-text"
    pictures = [i for i in slide.images if i.bg in ("", "bg")]
    if pictures and not slide.body and not slide.table and not slide.columns:
        return "image"
    if [i for i in pictures if not i.bg] and slide.body and not slide.table and not slide.columns:
        return "image-text"  # a picture beside bullets, as pandoc puts them side by side
    if slide.columns:
        return "columns"
    if slide.table:
        return "table"
    if slide.heading and not slide.body and not first:
        return "section"
    return "bullets"
