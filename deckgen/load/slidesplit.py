"""Where slides begin: a parsed Markdown file's top-level tokens split into slides as the tool
the file was written for splits them (docs/content.md, "pandoc and Marp").

- **Marp** (``marp: true``, Marp's directives in the front matter or in comments): on every
  top-level rule, and on the headings Marp's ``headingDivider`` names;
- **pandoc** and deckgen's own files: on top-level rules, and on headings at or above
  pandoc's slide level (:func:`slide_level`, or ``slide-level`` in the front matter), where
  notes do not count as content.

The tokens are markdown-it's, made in :mod:`deckgen.load.markdown` (the parser's one door);
here they are read by their ``type``, ``tag``, ``level`` and ``map`` only.
"""

from __future__ import annotations

from typing import Any

from deckgen.load.blocks import FIELDS_FENCE, NOTES_DIV, is_style_block
from deckgen.load.dialect import heading_divider, is_marp_directive, marp_directives, parse_attributes
from deckgen.load.inline import Context, line_of
from deckgen.load.marpdirectives import comment_text
from deckgen.model import Located

DEEPEST_HEADING = 6  # pandoc's slide level when no heading is followed by content


def front_value(front: Located, key: str) -> object:
    node = front.value.get(key)
    return node.value if node is not None else None

def is_rule(token: Any) -> bool:
    return token.type == "hr" and token.level == 0

def front_only_first(tokens: list[Any]) -> bool:
    """True when a top-level ``---`` rule comes before any other top-level block (Marp
    directive comments aside: they are not content)."""
    first = next((t for t in tokens if t.level == 0 and not is_directive_block(t)), None)
    return first is not None and first.type == "hr" and set(first.markup) == {"-"}

def split_slides(tokens: list[Any], ctx: Context, front: Located | None) -> list[tuple[list[Any], int]]:
    """Top-level rules separate slides, and so do headings: in a Marp file those its
    ``headingDivider`` names, otherwise those at or above pandoc's slide level.

    A part holding nothing but Marp directive comments is no slide (Marp would show an empty
    page; there is nothing to show). Comments before a part's first slide heading belong to
    that slide, and so does a ``yaml slide`` block.
    """
    if ctx.marp:
        divider = heading_divider(front_value(front, "headingDivider") if front is not None else None)
        for t in tokens:
            text = comment_text(t)
            for _, key, value in (marp_directives(text) or []) if text is not None else []:
                if key == "headingDivider":
                    divider = heading_divider(value)

        def starts(t: Any) -> bool:
            return int(t.tag[1]) in divider
    else:
        level = slide_level(tokens, front, ctx)

        def starts(t: Any) -> bool:
            return int(t.tag[1]) <= level

    chunks: list[tuple[list[Any], int]] = []
    start = 0
    for i in [*(i for i, t in enumerate(tokens) if is_rule(t)), len(tokens)]:
        part = tokens[start:i]
        if any(not is_directive_block(t) for t in part if t.level == 0):
            chunks.extend(_split_headings(part, starts))
        start = i + 1
    return chunks

def _split_headings(part: list[Any], starts: object) -> list[tuple[list[Any], int]]:
    """One part between rules → slides at the headings ``starts`` says begin one."""
    heads = [i for i, t in enumerate(part) if t.type == "heading_open" and t.level == 0 and starts(t)]  # type: ignore[operator]
    if not heads:
        first = next((t for t in part if t.map), None)
        return [(part, line_of(first) if first else 1)]
    lead = [t for t in part[: heads[0]] if t.level == 0]
    if lead and not all(is_comment_block(t) or is_fields_fence(t) or is_style_block(t) for t in lead):
        heads.insert(0, 0)  # text before the first heading is a slide of its own
    else:
        heads[0] = 0
    out = []
    for n, s in enumerate(heads):
        end = heads[n + 1] if n + 1 < len(heads) else len(part)
        piece = part[s:end]
        first = next((t for t in piece if t.map), piece[0])
        out.append((piece, line_of(first)))
    return out

def slide_level(tokens: list[Any], front: Located | None, ctx: Context) -> int:
    """pandoc's slide level: the highest heading level (smallest number) that is followed
    immediately by content rather than by another heading, or ``DEEPEST_HEADING`` when none is;
    ``slide-level`` in the front matter (pandoc's option, as Quarto writes it) decides instead.

    Headings at that level start slides; headings above it start slides too, and as they are
    followed by a heading they stand alone (pandoc's title slides: our section layout);
    headings below it are content of their slide. A rule is not content (as in pandoc); a
    Marp directive comment is not there at all, and notes (a notes div, a comment) are not
    content either: pandoc counts them, which folds every slide of a part into its section
    heading when the section has notes.
    """
    node = _slide_level_option(front)
    if node is not None:
        if isinstance(node.value, int) and not isinstance(node.value, bool) and 0 <= node.value <= 6:
            return node.value or DEEPEST_HEADING
        ctx.diags.error(node.loc, f"slide-level must be a heading level from 1 to 6, not {node.value!r}", "write slide-level: 2")
    blocks: list[Any] = []
    depth = 0
    html_notes = False  # inside pandoc's <div class="notes"> ... </div> written as HTML
    for t in tokens:
        if t.type == "div_open" and t.level == 0 and "notes" in div_classes(t):
            depth += 1
            continue
        if depth:
            if t.type == "div_close" and t.level == 0:
                depth -= 1
            continue
        if t.type == "html_block" and t.level == 0 and NOTES_DIV.match(t.content.strip()):
            html_notes = "</div>" not in t.content.lower()
            continue
        if html_notes:
            html_notes = not (t.type == "html_block" and t.content.strip().lower() == "</div>")
            continue
        if t.level == 0 and t.nesting >= 0 and not is_comment_block(t) and t.type != "div_unclosed":
            blocks.append(t)
    levels = [
        int(block.tag[1])
        for block, after in zip(blocks, blocks[1:], strict=False)
        if block.type == "heading_open" and after.type not in ("heading_open", "hr")
    ]
    return min(levels, default=DEEPEST_HEADING)

def _slide_level_option(front: Located | None) -> Located | None:
    """``slide-level:`` at the top of the front matter, or under one of Quarto's formats
    (``format: {revealjs: {slide-level: 2}}``)."""
    if front is None:
        return None
    if "slide-level" in front.value:
        return front.value["slide-level"]
    formats = front.value.get("format")
    if formats is not None and isinstance(formats.value, dict):
        for options in formats.value.values():
            if isinstance(options.value, dict) and "slide-level" in options.value:
                return options.value["slide-level"]
    return None

def div_classes(token: Any) -> tuple[str, ...]:
    attr = parse_attributes(token.info)
    return attr.classes if attr is not None else ()

def is_fields_fence(token: Any) -> bool:
    return token.type == "fence" and token.info.strip() in FIELDS_FENCE

def is_comment_block(token: Any) -> bool:
    return comment_text(token) is not None

def is_directive_block(token: Any) -> bool:
    text = comment_text(token)
    return text is not None and is_marp_directive(text)
