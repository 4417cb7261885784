"""Text and inline runs, turned into the small structures the templates walk.

The model stores text the way PowerPoint does: a flat tuple of paragraphs, each with a nesting
``level`` and a ``kind``. HTML needs the nesting back, so :func:`blocks` rebuilds nested
``<ul>``/``<ol>`` lists from the flat paragraphs. Everything here returns plain data (no HTML
strings), except :func:`lines`, which escapes its input and joins it with ``<br>``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from deckgen.model import Inline, Para, Text

# The only link schemes a deck may carry. resolve filters them already; the renderer checks
# again because a link that slipped through would run code on a click (javascript:) or open
# something the CSP cannot see (file:, data:).
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})


@dataclass(slots=True)
class ListItem:
    """One ``<li>``: its own paragraph plus paragraphs and lists nested under it."""

    para: Para
    children: list[Block] = field(default_factory=list)


@dataclass(slots=True)
class ListBlock:
    """A ``<ul>`` (bullet) or ``<ol>`` (number) at one nesting level."""

    ordered: bool
    level: int
    items: list[ListItem] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return "list"


@dataclass(slots=True)
class ParaBlock:
    """A plain ``<p>``."""

    para: Para

    @property
    def kind(self) -> str:
        return "para"


Block = ListBlock | ParaBlock


def blocks(text: Text) -> list[Block]:
    """Rebuild nesting from flat paragraphs.

    A list paragraph at level ``n`` goes into the list at depth ``n + 1``, opening lists (and,
    when a level is skipped, an empty item to hold them) as needed; a change of kind at the
    same depth starts a sibling list. A text paragraph with ``level > 0`` continues the last
    item at that depth; at level 0 it closes every open list.
    """
    out: list[Block] = []
    stack: list[ListBlock] = []
    for para in text:
        if para.kind == "text":
            _close_to(stack, para.level)
            if stack and para.level > 0:
                _last_item(stack[-1]).children.append(ParaBlock(para))
            else:
                stack.clear()
                out.append(ParaBlock(para))
            continue
        ordered = para.kind == "number"
        _close_to(stack, para.level + 1)
        if len(stack) == para.level + 1 and stack[-1].ordered != ordered:
            stack.pop()
        while len(stack) < para.level + 1:
            new = ListBlock(ordered, len(stack))
            if stack:
                _last_item(stack[-1]).children.append(new)
            else:
                out.append(new)
            stack.append(new)
        stack[-1].items.append(ListItem(para))
    return out


def _close_to(stack: list[ListBlock], depth: int) -> None:
    """Close lists deeper than ``depth``."""
    del stack[depth:]


def _last_item(lst: ListBlock) -> ListItem:
    """The item that nested content attaches to; an empty one if the list has none yet
    (a paragraph that skips a level, e.g. level 2 right after level 0)."""
    if not lst.items:
        lst.items.append(ListItem(Para(())))
    return lst.items[-1]


def safe_href(href: str) -> str:
    """Return ``href`` if its scheme is allowed, else raise: a bad link here is a bug in
    resolve, never something to write into the page."""
    scheme = urlsplit(href.strip()).scheme.lower()
    if scheme not in SAFE_SCHEMES or any(ord(c) < 0x20 for c in href):
        raise ValueError(f"link with a disallowed scheme reached the renderer: {href!r}")
    return href


def is_external(href: str) -> bool:
    """Web links open in a new tab so the deck stays where it was."""
    return urlsplit(href).scheme.lower() in {"http", "https"}


def lines(text: str) -> Markup:
    """Escape ``text`` and keep its hard line breaks as ``<br>``."""
    if "\n" not in text:  # one line: what the join below gives, without it
        return escape(text)
    return Markup("<br>").join(escape(part) for part in text.split("\n"))


def runs_html(runs: Inline) -> Markup:
    """Inline runs as HTML: links (allow-listed, web links in a new tab), ``<strong>``,
    ``<em>``, ``<code>`` (a syntax colour as its class; the runs of a line of highlighted code
    marked ``hl`` so they join up), text escaped with its line breaks as ``<br>``. The body of
    the ``inline`` macro (macros.html.j2), in Python: it runs for every paragraph."""
    code_line = len(runs) > 1 and all(run.code for run in runs) and any(run.color for run in runs)
    out: list[str] = []
    for run in runs:
        if run.href:
            target = ' target="_blank"' if is_external(run.href) else ""
            out.append(f'<a href="{escape(safe_href(run.href))}"{target} rel="noopener noreferrer">')
        if run.bold:
            out.append("<strong>")
        if run.italic:
            out.append("<em>")
        if run.code:
            cls = f' class="hl {escape(code_class(run.color))}"' if run.color else ' class="hl"' if code_line else ""
            out.append(f"<code{cls}>")
        out.append(lines(run.text))
        if run.code:
            out.append("</code>")
        if run.italic:
            out.append("</em>")
        if run.bold:
            out.append("</strong>")
        if run.href:
            out.append("</a>")
    return Markup("".join(out))


# --------------------------------------------------------------------------- code colours

_COLOR = re.compile(r"#[0-9A-Fa-f]{6}")
CODE_CLASS = re.compile(r'class="hl (hl-[0-9a-f]{6})"')  # how the page marks a coloured code run


def code_class(color: str) -> str:
    """The class of a code run in syntax colour ``color`` (``#RRGGBB``): ``hl-rrggbb``. The
    page's policy forbids style attributes, so :func:`code_css` gives each class its colour."""
    if not _COLOR.fullmatch(color):
        raise ValueError(f"a code colour that is not #RRGGBB reached the renderer: {color!r}")
    return f"hl-{color[1:].lower()}"


def code_css(html: str) -> str:
    """Rules for the syntax colours the slides in ``html`` use ('' when none): each class its
    colour; the runs of a coloured line without the padding of inline code, so they read as
    one line, and with their spaces (indentation) kept."""
    classes = sorted(set(CODE_CLASS.findall(html)))
    if not classes:
        return ""
    rules = [".reveal code.hl { padding: 0; border-radius: 0; white-space: pre-wrap; }"]
    rules += [f".reveal code.{c} {{ color: #{c[3:]}; }}" for c in classes]
    return "/* deckgen: syntax colours of code (generated) */\n" + "\n".join(rules) + "\n"
