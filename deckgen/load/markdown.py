"""Markdown → located slides — the only module that imports markdown-it-py.

One parser, made in :func:`make_parser` with a visible plugin chain. A file is parsed once and
split into slides as the tool it was written for splits it
(:func:`deckgen.load.slidesplit.split_slides`: Marp on every rule and its ``headingDivider``,
pandoc on rules and on headings at its slide level, where notes do not count as content).

The tokens of each slide are turned into the model's ``Para`` and ``Run`` values by
:class:`deckgen.load.blocks.Walker`; markdown-it's 0-based ``Token.map`` becomes a 1-based
line in :func:`deckgen.load.inline.line_of` only.

Raw HTML is parsed (so that HTML comments can serve as speaker notes, as in Marp, and
``<img>`` tags as pictures) but never passed on. A comment that holds Marp directives
(``<!-- _class: lead -->``) is not a note: the slide reads it (:func:`_directives`).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.ruler import Ruler
from markdown_it.token import Token
from mdit_py_plugins.attrs import attrs_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from deckgen.errors import Diagnostics, SourceLoc
from deckgen.load.blocks import FIELDS_FENCE, MAX_LIST_LEVEL, Walker, is_style_block, warn_setext
from deckgen.load.dialect import (
    Attr,
    is_marp_directive,
    loosen_front_matter,
)
from deckgen.load.divs import divs_plugin
from deckgen.load.inline import Context, heading_runs, inline_runs, line_of
from deckgen.load.marpdirectives import LEAD_CLASSES, MARP_FRONT_KEYS, global_directive, slide_directives
from deckgen.load.slidesplit import (
    front_only_first,
    front_value,
    is_comment_block,
    is_directive_block,
    is_fields_fence,
    is_rule,
    split_slides,
)
from deckgen.load.slips import unclosed_front_matter, word_bullets
from deckgen.load.yamlsrc import parse_yaml
from deckgen.model import Inline, Located, Para, SourceImage, SourceSlide, is_rtl, plain

__all__ = ["MAX_LIST_LEVEL", "FIELDS_FENCE", "MarkdownFile", "is_marp_directive", "make_parser", "parse_block", "parse_inline", "parse_markdown"]

def make_parser() -> MarkdownIt:
    """The one Markdown parser: CommonMark + tables + strikethrough, front matter, pandoc's
    fenced divs, definition lists, footnotes, ``$math$`` (as pandoc delimits it: no space
    inside the dollars, no digit after the closing one, so prices stay text) and ``[text]{…}``
    spans.

    ``html`` is on only so that comments and ``<img>`` are seen as tokens; no HTML token is
    ever rendered.
    """
    md = MarkdownIt("js-default", {"html": True, "linkify": False, "typographer": False})
    md.use(front_matter_plugin)
    md.use(divs_plugin)
    md.use(deflist_plugin)
    md.use(footnote_plugin)
    md.use(dollarmath_plugin, allow_labels=False, allow_space=False, allow_digits=False, allow_blank_lines=False, double_inline=True)
    md.use(attrs_plugin, after=(), spans=True)
    return md


_PARSER = make_parser()
_line = line_of

# Rules that cannot match in a text without one of these strings. Each block rule's first
# test is for its marker at the start of a line (``$$``, a fence of three backticks or tildes,
# ``>``, ``[^``, ``<``, ``:::``) and it changes nothing before that test; each inline rule is
# tried only at its marker (``$``, ``~~`` …); strikethrough's pairing afterwards
# (``inline2``) only pairs the marks its rule made. Every block rule is tried at the start of
# every block, and most again on every line of a paragraph to see whether it ends it, so a
# text without those markers is parsed without those rules: the same tokens in less time
# (:func:`_parser_for`; tests/unit/load/test_parser_variants.py).
_MARKERS: dict[tuple[str, str], tuple[str, ...]] = {
    ("block", "math_block"): ("$$",),
    ("block", "fence"): ("```", "~~~"),
    ("block", "blockquote"): (">",),
    ("block", "footnote_def"): ("[^",),
    ("block", "html_block"): ("<",),
    ("block", "fenced_div"): (":::",),
    ("inline", "math_inline"): ("$",),
    ("inline", "strikethrough"): ("~~",),
    ("inline2", "strikethrough"): ("~~",),
    ("inline", "footnote_inline"): ("^[",),
    ("inline", "footnote_ref"): ("[^",),
    ("inline", "autolink"): ("<",),
    ("inline", "html_inline"): ("<",),
    ("inline", "entity"): ("&",),
    ("inline", "backticks"): ("`",),
    ("inline", "escape"): ("\\",),
    ("inline", "image"): ("![",),
    ("inline", "link"): ("[",),
    ("inline", "span"): ("[",),
}


def _parser_for(text: str) -> MarkdownIt:
    """The parser for ``text``: :data:`_PARSER` without the rules whose markers it lacks."""
    unused = frozenset(rule for rule, markers in _MARKERS.items() if not any(m in text for m in markers))
    return _variant(unused) if unused else _PARSER


@functools.lru_cache(maxsize=64)
def _variant(unused: frozenset[tuple[str, str]]) -> MarkdownIt:
    md = make_parser()
    rulers: dict[str, Ruler[Any]] = {"block": md.block.ruler, "inline": md.inline.ruler, "inline2": md.inline.ruler2}
    for chain, rule in sorted(unused):
        rulers[chain].disable(rule)
    return md


@dataclass
class MarkdownFile:
    """A parsed Markdown file: its front matter (if any), its slides, the dialect it is
    written in ("marp" or "pandoc") and Marp's deck-wide directives (``paginate``,
    ``header``, ``footer``, ``size``), each with where it was written."""

    front: Located | None
    slides: list[SourceSlide] = field(default_factory=list)
    dialect: str = "pandoc"
    directives: dict[str, Located] = field(default_factory=dict)


def parse_markdown(
    text: str, rel: str, diags: Diagnostics, *, included_from: SourceLoc | None = None, deck: bool = False
) -> MarkdownFile:
    """Parse ``text`` and split it into slides with their fields, body and notes. A ``deck``
    (a Markdown deck file, not a library slide or a field's text) may begin with pandoc's
    ``%`` title block instead of front matter.

    Lines that start with Word's ``•`` and a tab are read as the list they are (an info
    finding says so); front matter that is never closed is an error where the ``---`` goes.
    """
    text, bulleted = word_bullets(text)
    if bulleted:
        shown = ", ".join(str(n) for n in bulleted[:6]) + (", …" if len(bulleted) > 6 else "")
        diags.info(SourceLoc(rel, bulleted[0], 1, included_from),
                   f"read as a list: line{'s' * (len(bulleted) > 1)} {shown} start{'s' * (len(bulleted) == 1)} with a bullet character and a tab, as Word writes lists",
                   "write '- ' at the start of each line to make it plain Markdown", rule="word-bullets")
    tokens = _parser_for(text).parse(text)
    if not tokens or tokens[0].type != "front_matter":
        slip = unclosed_front_matter(text)
        if slip is not None:
            diags.error(SourceLoc(rel, slip.line, slip.col, included_from), slip.message, slip.hint)
    _check_truncation(tokens, rel, diags)
    front: Located | None = None
    fm: Token | None = None
    if tokens and tokens[0].type == "front_matter":
        fm = tokens.pop(0)
        content, loosened = loosen_front_matter(fm.content)
        for n, key, value in loosened:
            diags.warning(SourceLoc(rel, _line(fm) + 1 + n, 1, included_from),
                          f"'{key}: {value}' is read as text, as Marp reads it (YAML would read it as a tag or an alias)",
                          "put the value in quotes", rule="marp-yaml")
        front = parse_yaml(content, rel, diags, line_offset=_line(fm))
        if front is not None and not isinstance(front.value, dict):
            diags.error(front.loc, "front matter must be a mapping of keys to values", "write key: value lines")
            front = None
    if front is None and deck:
        front = _title_block(tokens, rel, included_from)
    ctx = Context(rel, diags, included_from)
    ctx.footnotes = _take_footnotes(tokens)
    ctx.marp = _is_marp(front, tokens)
    ctx.incremental = bool(front is not None and front_value(front, "incremental") is True)
    mdfile = MarkdownFile(front, dialect="marp" if ctx.marp else "pandoc")
    if ctx.marp and front is not None:
        for key, node in front.value.items():
            global_directive(key, node, mdfile.directives, ctx)
    if not ctx.marp:
        _drop_metadata_blocks(tokens, text, ctx)
    chunks = split_slides(tokens, ctx, front)
    if front is not None and ("layout" in front.value or "include" in front.value) and front_only_first(tokens):
        # A slide that is all front matter (an image slide, a roster from county data) is a
        # slide, not fields for the next one.
        assert fm is not None
        chunks.insert(0, ([], _line(fm)))
    if not chunks and front is not None:
        # A file of front matter alone is one slide made of fields (an org chart, a picture).
        chunks = [([], 1)]
    inherited: list[str] = list(_classes(front)) if ctx.marp else []
    for index, (chunk, start_line) in enumerate(chunks):
        # The first slide of a file with front matter starts where the front matter does.
        loc = SourceLoc(rel, 1 if index == 0 and front is not None else start_line, 1, included_from)
        slide = _slide(chunk, ctx, loc, front if index == 0 else None, mdfile, inherited)
        if slide is not None:
            mdfile.slides.append(slide)
    return mdfile


def _title_block(tokens: list[Token], rel: str, included_from: SourceLoc | None) -> Located | None:
    """pandoc's title block (``% Title``, ``% Author; Author``, ``% Date`` as the file's first
    lines) as front matter; the tokens of those lines are taken out of the slides."""
    if len(tokens) < 3 or tokens[0].type != "paragraph_open" or (tokens[0].map or [1])[0] != 0:
        return None
    lines = tokens[1].content.split("\n")
    if not lines[0].startswith("%"):
        return None
    parts: list[tuple[str, int]] = []
    for n, line in enumerate(lines):
        if line.startswith("%"):
            parts.append((line[1:].strip(), n))
        elif parts and line[:1] in (" ", "\t"):
            parts[-1] = (parts[-1][0] + " " + line.strip(), parts[-1][1])  # pandoc's continuation line
        else:
            return None
    fields: dict[str, Located] = {}
    for key, (value, n) in zip(("title", "author", "date"), parts, strict=False):
        if value:
            loc = SourceLoc(rel, n + 1, 1, included_from)
            fields[key] = Located("; ".join(v.strip() for v in value.split(";")) if key == "author" else value, loc, loc)
    del tokens[:3]
    return Located(fields, SourceLoc(rel, 1, 1, included_from))


_YAML_KEY_LINE = re.compile(r"[A-Za-z_][\w-]*[ \t]*:(\s|$)")


def _drop_metadata_blocks(tokens: list[Token], text: str, ctx: Context) -> None:
    """pandoc reads a block of YAML between ``---`` lines anywhere in the file as metadata,
    not as text (Slidev writes each slide's front matter so); markdown-it sees a rule and a
    setext heading. The heading is taken out (the rule still starts a slide, as in Slidev),
    and its keys are named in a warning: deckgen's slide fields go in a ``yaml slide`` block."""
    lines = text.split("\n")
    i = 0
    while i + 3 < len(tokens):
        rule, head = tokens[i], tokens[i + 1]
        if not (is_rule(rule) and head.type == "heading_open" and head.markup == "-" and head.level == 0
                and rule.map and head.map and head.map[0] == rule.map[1]):
            i += 1
            continue
        block = "\n".join(lines[head.map[0] : head.map[1] - 1])
        probe = Diagnostics()
        parsed = parse_yaml(block, ctx.rel, probe, line_offset=head.map[0]) if _YAML_KEY_LINE.match(block) else None
        if parsed is None or probe.errors or not isinstance(parsed.value, dict):
            i += 1
            continue
        del tokens[i + 1 : i + 4]
        keys = ", ".join(str(k) for k in parsed.value)
        ctx.diags.warning(SourceLoc(ctx.rel, head.map[0] + 1, 1, ctx.included_from),
                          f"the YAML between these '---' lines (pandoc's metadata block, Slidev's slide front matter) is not shown, and its keys are not used: {keys}",
                          "deckgen's slide fields go in a 'yaml slide' block right after the '---' (docs/content.md); delete this block or move the fields there",
                          rule="unused-key")
        i += 1


def _classes(front: Located | None) -> tuple[str, ...]:
    """Marp's ``class:`` in the front matter: words (``lead invert``), or a YAML list of them."""
    value = front_value(front, "class") if front is not None else None
    if isinstance(value, list):
        return tuple(word for item in value if item.value is not None for word in str(item.value).split())
    return tuple(str(value).split()) if value else ()


def _take_footnotes(tokens: list[Token]) -> dict[int, list[Token]]:
    """Remove the footnote block markdown-it appends to the file; each note's tokens by id."""
    notes: dict[int, list[Token]] = {}
    if "footnote_block_open" not in {t.type for t in tokens}:
        return notes
    start = next(i for i, t in enumerate(tokens) if t.type == "footnote_block_open")
    current: list[Token] | None = None
    for t in tokens[start:]:
        if t.type == "footnote_open":
            current = notes.setdefault(int(t.meta.get("id", 0)), [])
        elif t.type == "footnote_close":
            current = None
        elif current is not None:
            current.append(t)
    del tokens[start:]
    return notes


def _is_marp(front: Located | None, tokens: list[Token]) -> bool:
    """Whether the file is written for Marp: Marp's keys in the front matter, or a comment of
    Marp directives."""
    if front is not None and MARP_FRONT_KEYS & set(front.value):
        return front.value.get("marp") is None or front.value["marp"].value is not False
    return any(is_directive_block(t) for t in tokens if t.level == 0)


def _check_truncation(tokens: list[Token], rel: str, diags: Diagnostics) -> None:
    """Detect markdown-it's silent truncation past ``maxNesting``.

    The block parser stops tokenising a container once ``state.level`` reaches ``maxNesting``
    and skips the rest of that container without a word (``parser_block.py``: "skip tail to
    the end"). ``state.level`` only grows by pushing an opening token, and an opening token at
    level ``maxNesting - 1`` is exactly what lifts it there, so such a token marks the place
    where text may have been dropped. Line coverage is not used: plugin tokens (containers)
    do not cover their closing line.
    """
    limit = int(_PARSER.options["maxNesting"])
    for token in tokens:
        if token.nesting == 1 and token.level >= limit - 1:
            diags.error(
                SourceLoc(rel, _line(token), 1),
                f"Markdown nesting is too deep (more than {limit - 1} levels of lists or "
                "quotes): the parser stops here and the text inside would be lost",
                "flatten the nested lists or quotes at this line",
            )
            return


def _slide(
    chunk: list[Token],
    ctx: Context,
    loc: SourceLoc,
    front: Located | None,
    mdfile: MarkdownFile,
    inherited: list[str],
) -> SourceSlide | None:
    rel, diags = ctx.rel, ctx.diags
    fields: dict[str, Located] = dict(front.value) if front is not None else {}
    # Comments and <style> blocks may stand above the fields and the heading (Marp puts its
    # directives and scoped styles there); they are walked first, so that notes keep their
    # order.
    lead: list[Token] = []
    i = _skip_comments(chunk, 0, lead)
    if i < len(chunk) and is_fields_fence(chunk[i]):
        fence = chunk[i]
        parsed = parse_yaml(fence.content, rel, diags, line_offset=_line(fence))
        if parsed is not None and isinstance(parsed.value, dict):
            fields.update(parsed.value)
        elif parsed is not None:
            diags.error(parsed.loc, "slide fields must be key: value lines", "write a YAML mapping")
        i = _skip_comments(chunk, i + 1, lead)
    if ctx.marp:
        # Marp decks put their background pictures above the heading (![bg](x) then # Title):
        # the heading is still the slide's title.
        while i + 2 < len(chunk) and _is_picture_paragraph(chunk, i):
            lead.extend(chunk[i : i + 3])
            i = _skip_comments(chunk, i + 3, lead)
    classes = slide_directives([*lead, *chunk[i:]], ctx, mdfile.directives, inherited) if ctx.marp else ()
    heading: Inline = ()
    heading_loc: SourceLoc | None = None
    heading_level = 0
    attr: Attr | None = None
    ctx.cited = []
    if i + 2 < len(chunk) and chunk[i].type == "heading_open" and chunk[i].level == 0:
        heading, attr = heading_runs(chunk[i + 1], ctx)
        heading_loc = SourceLoc(rel, _line(chunk[i]), 1, ctx.included_from)
        heading_level = int(chunk[i].tag[1])
        if chunk[i].markup in ("-", "="):
            warn_setext(chunk[i], rel, diags)
        i += 3
    walker = Walker(ctx)
    walker.walk(lead)
    walker.walk(chunk[i:])
    images = list(walker.images)
    if attr is not None:
        images = _heading_attributes(attr, plain(heading), heading_loc or loc, ctx) + images
    for kind in set(classes) - LEAD_CLASSES:
        ctx.once(f"class-{kind}", loc, f"Marp's class '{kind}' has no equivalent in deckgen and is left out",
                 "the brand styles the deck; a slide of headings with class lead is a title or section slide", "marp-style")
    body = [*walker.body, *walker.footnotes()]
    return SourceSlide(
        fields=fields,
        body=tuple(body),
        notes=tuple(walker.notes),
        loc=loc,
        heading=heading,
        heading_loc=heading_loc,
        heading_level=heading_level,
        images=tuple(images),
        table=tuple(walker.table),
        table_loc=walker.table_loc,
        columns=tuple((c.heading, tuple(c.body), c.width) for c in walker.columns),
        table_align=walker.table_align,
        table_caption=walker.table_caption,
        classes=tuple(c for c in classes if c in LEAD_CLASSES),
    )


def _heading_attributes(attr: Attr, heading: str, loc: SourceLoc, ctx: Context) -> list[SourceImage]:
    """pandoc's heading attributes: ``{.unnumbered}`` and ``{#id}`` mean nothing on a slide
    (deckgen numbers no headings and links no slides); ``background-image`` is the slide's
    picture; anything else is named in a warning."""
    images: list[SourceImage] = []
    other = [c for c in attr.classes if c not in ("unnumbered", "unlisted")]
    for key, value in attr.pairs:
        if key in ("background-image", "data-background-image"):
            images.append(SourceImage(value, heading, loc, "", bg="bg"))  # the heading says what it shows
        else:
            other.append(f"{key}={value}")
    if other:
        ctx.diags.warning(loc, f"heading attributes {', '.join(other)} have no meaning in deckgen and are left out",
                          "remove them from the heading", rule="heading-attributes")
    return images


def _is_picture_paragraph(chunk: list[Token], i: int) -> bool:
    """Whether ``chunk[i]`` opens a top-level paragraph of nothing but pictures."""
    if chunk[i].type != "paragraph_open" or chunk[i].level != 0:
        return False
    children = [c for c in (chunk[i + 1].children or []) if c.type not in ("softbreak",) and not (c.type == "text" and not c.content.strip())]
    return bool(children) and all(c.type == "image" for c in children)


def _skip_comments(chunk: list[Token], i: int, into: list[Token]) -> int:
    """Move the comment and ``<style>`` blocks from ``chunk[i]`` on into ``into``; the index
    after them."""
    while i < len(chunk) and chunk[i].level == 0 and (is_comment_block(chunk[i]) or is_style_block(chunk[i])):
        into.append(chunk[i])
        i += 1
    return i


def _rtl(runs: Inline) -> bool:
    return is_rtl(plain(runs))


def _plain_context(rel: str, diags: Diagnostics) -> Context:
    return Context(rel, diags)


def parse_inline(text: str, rel: str, loc: SourceLoc, diags: Diagnostics) -> Inline:
    """Inline Markdown of a YAML text field (a title, a tile name): emphasis, code, links."""
    tokens = _PARSER.parseInline(text)
    if not tokens:
        return ()
    inner = Diagnostics()
    runs = inline_runs(tokens[0], _plain_context(rel, inner))
    for d in inner:
        if d.severity == "error":
            diags.error(loc, d.message, d.hint, d.rule)
        else:
            diags.warning(loc, d.message, d.hint, d.rule)
    return runs


def parse_block(text: str, rel: str, loc: SourceLoc, diags: Diagnostics) -> tuple[Para, ...]:
    """Block Markdown of a YAML text field (facts, a prompt): paragraphs and lists; locations
    point at the field."""
    inner = Diagnostics()
    mdfile = parse_markdown(text, rel, inner)
    for d in inner:
        if d.severity == "error":
            diags.error(loc, d.message, d.hint, d.rule)
        elif d.severity == "info":
            diags.info(loc, d.message, d.hint, d.rule)
        else:
            diags.warning(loc, d.message, d.hint, d.rule)
    paras: list[Para] = []
    for slide in mdfile.slides:
        if slide.heading:
            paras.append(Para(slide.heading, "text", 0, _rtl(slide.heading), loc))
        paras.extend(Para(p.runs, p.kind, p.level, p.rtl, loc) for p in slide.body)
    return tuple(paras)
