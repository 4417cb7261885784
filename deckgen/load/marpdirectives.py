"""Marp's directives: which a file has, and what deckgen does with each.

A Marp deck says things about the whole deck (``paginate``, ``header``, ``footer``, ``size``:
kept in the file's ``directives`` for resolve) and about its slides (``class``/``_class``:
``lead`` and ``invert`` make a slide of headings a title or section slide). Styling that only
Marp's themes understand (``theme``, ``style``, colours, other classes) is named once per deck.
"""

from __future__ import annotations

from deckgen.load.dialect import MARP_DIRECTIVES, marp_directives
from deckgen.load.inline import Context, Token, line_of
from deckgen.model import Located

# Front matter keys only Marp reads: a file that has one is a Marp deck (``theme`` is not
# among them: pandoc's beamer output reads it too).
MARP_FRONT_KEYS = frozenset({"marp", "paginate", "headingDivider", "header", "footer", "class", "backgroundColor", "backgroundImage", "color", "size"})
# Marp's directives deckgen has no equivalent for: each is dropped with one warning per deck.
STYLE_DIRECTIVES = ("theme", "style", "class", "backgroundColor", "backgroundImage", "backgroundPosition",
                    "backgroundRepeat", "backgroundSize", "color")
# Marp's classes that deckgen reads: a slide of headings with one of them is a title or section.
LEAD_CLASSES = frozenset({"lead", "invert"})


def global_directive(key: str, node: Located, directives: dict[str, Located], ctx: Context) -> None:
    """A Marp directive of the front matter or a comment that concerns the whole deck."""
    if key in ("paginate", "header", "footer", "size"):
        if key not in directives:
            directives[key] = node
        elif str(directives[key].value) != str(node.value):
            ctx.once(f"changed-{key}", node.loc, f"Marp's '{key}' changes here; deckgen keeps one {key} for the whole deck: the first",
                     f"write '{key}' once, at the top", "marp-directive")
    elif key in STYLE_DIRECTIVES and key != "class":
        ctx.once(key, node.key_loc or node.loc, f"Marp's '{key}' has no equivalent in deckgen and is left out: the brand styles the deck",
                 "set colours and fonts in the brand (docs/brand.md)", "marp-style")


def slide_directives(tokens: list[Token], ctx: Context, directives: dict[str, Located], inherited: list[str]) -> tuple[str, ...]:
    """Read the slide's Marp directive comments: the deck-wide ones go to ``directives``; the
    slide's classes (``_class`` for this slide, ``class`` from here on) are returned."""
    local: tuple[str, ...] | None = None
    for t in tokens:
        text = comment_text(t) if t.level == 0 else None
        pairs = marp_directives(text) if text is not None else None
        for prefix, key, value in pairs or []:
            loc = ctx.loc(line_of(t))
            if key == "class":
                if prefix == "_":
                    local = tuple(value.split())
                else:
                    inherited[:] = value.split()
            elif prefix == "_":
                if key in ("header", "footer"):
                    ctx.once(f"local-{key}", loc, f"Marp's '_{key}' (on one slide only) is left out: deckgen keeps one {key} for the deck",
                             f"write '{key}' once, at the top", "marp-directive")
                elif key in STYLE_DIRECTIVES:
                    global_directive(key, Located(value, loc), directives, ctx)
            elif key in MARP_DIRECTIVES:
                global_directive(key, Located(_directive_value(value), loc), directives, ctx)
    return local if local is not None else tuple(inherited)


def _directive_value(value: str) -> object:
    return {"true": True, "false": False}.get(value.strip().lower(), value)


def comment_text(token: Token) -> str | None:
    """The inside of an ``html_block`` that is exactly one HTML comment, else None."""
    if token.type != "html_block":
        return None
    content = token.content.strip()
    inner = content[4:-3]
    if content.startswith("<!--") and content.endswith("-->") and len(content) >= 7 and "-->" not in inner:
        return inner.strip()
    return None
