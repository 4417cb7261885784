"""Inline tokens → the model's runs, and what every slide of a file shares while it is read.

:func:`inline_runs` turns markdown-it's inline children (made by the parser in ``markdown.py``,
the only module that imports markdown-it) into ``Run`` values: emphasis, code, allow-listed
links, math as its source in code style, footnote references as superscript numbers, ``<br>``
as a line break; pandoc's ``{…}`` attributes and Marp's ``<!-- fit -->`` never become text.
:func:`line_of` is the one place markdown-it's 0-based ``Token.map`` becomes a 1-based line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from deckgen.errors import Diagnostics, SourceLoc
from deckgen.load.dialect import Attr, parse_attributes, split_heading_attributes
from deckgen.load.text import FORBIDDEN, char_label
from deckgen.model import Inline, Run, is_safe_href

SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")

Token = Any  # markdown-it's Token; its type is not imported outside markdown.py (the door)


def line_of(token: Token, offset: int = 0) -> int:
    """markdown-it's 0-based ``map`` start → the 1-based line an editor shows."""
    return (token.map[0] if token.map else 0) + 1 + offset


@dataclass
class Context:
    """What the slides of one file share: where it is, its dialect, the warnings said once per
    deck, its footnotes and which of them the current slide cites."""

    rel: str
    diags: Diagnostics
    included_from: SourceLoc | None = None
    marp: bool = False
    incremental: bool = False
    footnotes: dict[int, list[Token]] = field(default_factory=dict)
    cited: list[int] = field(default_factory=list)
    said: set[str] = field(default_factory=set)

    def loc(self, line: int) -> SourceLoc:
        return SourceLoc(self.rel, line, 1, self.included_from)

    def once(self, key: str, loc: SourceLoc, message: str, hint: str, rule: str) -> None:
        """A warning said once per file (one deck): the first place it applies."""
        if key not in self.said:
            self.said.add(key)
            self.diags.warning(loc, message, hint, rule=rule)


def heading_runs(token: Token, ctx: Context) -> tuple[Inline, Attr | None]:
    """A heading's runs without pandoc's trailing ``{#id .class key=value}``, and those
    attributes."""
    runs = list(inline_runs(token, ctx))
    if runs and runs[0].text != runs[0].text.lstrip():  # a comment (<!-- fit -->) stood first
        runs[0] = replace(runs[0], text=runs[0].text.lstrip())
    if not runs or runs[-1].code:
        return tuple(runs), None
    text, attr = split_heading_attributes(runs[-1].text)
    if attr is None:
        return tuple(runs), None
    last = runs.pop()
    if text.strip():
        runs.append(Run(text.rstrip(), last.bold, last.italic, last.code, last.href))
    elif runs:
        runs[-1] = replace(runs[-1], text=runs[-1].text.rstrip())
    return tuple(runs), attr


def inline_runs(token: Token, ctx: Context) -> Inline:
    """Inline children → runs. Links keep only allow-listed targets (``model.is_safe_href``);
    HTML is dropped (a comment, such as Marp's ``<!-- fit -->``, without a word); a
    character reference that makes a control character is refused; pandoc's ``{…}`` after a
    picture, code or link and around a span is not text."""
    runs: list[Run] = []
    bold = italic = False
    href: str | None = None
    line = line_of(token)
    rel, diags = ctx.rel, ctx.diags
    children = list(token.children or [])
    for n, child in enumerate(children):
        kind = child.type
        if kind == "text":
            content = child.content
            prev = children[n - 1].type if n else ""
            if prev in ("image", "code_inline", "link_close") and content.startswith("{"):
                end = content.find("}")
                if end > 0 and parse_attributes(content[: end + 1]) is not None:
                    content = content[end + 1 :]
            text = _refuse_references(content, rel, line, diags)
            if text:
                runs.append(Run(text, bold, italic, False, href))
        elif kind == "softbreak":
            runs.append(Run(" ", bold, italic, False, href))
        elif kind == "hardbreak":
            runs.append(Run("\n", bold, italic, False, href))
        elif kind == "code_inline":
            runs.append(Run(child.content, bold, italic, True, href))
        elif kind == "math_inline" or kind == "math_inline_double":
            ctx.once("math", SourceLoc(rel, line, 1), "math is shown as its TeX source in code style (deckgen does not typeset it yet)",
                     "keep it short, or put a picture of the formula", "math-source")
            runs.append(Run(child.content, bold, italic, True, href))
        elif kind == "footnote_ref":
            ident = int(child.meta.get("id", 0))
            if ident not in ctx.cited:
                ctx.cited.append(ident)
            runs.append(Run(f"{ident + 1}".translate(SUPERSCRIPT), bold, italic, False, href))
        elif kind == "span_open":
            classes = str(child.attrs.get("class", "")).split()
            if classes != ["fragment"]:
                diags.warning(SourceLoc(rel, line, 1), "a [text]{…} span's attributes have no meaning in deckgen: its text is kept, its attributes are dropped",
                              "remove the braces", rule="span-attributes")
        elif kind == "strong_open":
            bold = True
        elif kind == "strong_close":
            bold = False
        elif kind == "em_open":
            italic = True
        elif kind == "em_close":
            italic = False
        elif kind == "link_open":
            target = str(child.attrs.get("href", ""))
            if is_safe_href(target):
                href = target
            else:
                href = None
                diags.warning(
                    SourceLoc(rel, line, 1),
                    f"link target {target!r} is not an http, https or mailto address; the text is kept without the link",
                    "write a full https:// address",
                    rule="link-scheme",
                )
        elif kind == "link_close":
            href = None
        elif kind == "image":
            diags.warning(
                SourceLoc(rel, line, 1),
                "a picture inside text is left out",
                "put the picture in a paragraph of its own, or use the image layout",
                rule="inline-image",
            )
        elif kind == "html_inline":
            if re.fullmatch(r"<br\s*/?>", child.content.strip(), re.IGNORECASE):
                runs.append(Run("\n", bold, italic, False, href))  # a line break, as Marp and pandoc show it
                continue
            if child.content.startswith("<!--"):
                continue  # a comment shows nowhere (Marp's <!-- fit --> fits the heading: deckgen's titles fit anyway)
            diags.warning(
                SourceLoc(rel, line, 1),
                f"raw HTML {child.content!r} is not allowed and was left out",
                "use Markdown instead",
                rule="raw-html",
            )
    return _unbrace(merge(runs), rel, line, diags)


_SPAN = re.compile(r"\[([^\[\]]*)\]\{([.#][^{}]*)\}")


def _unbrace(runs: Inline, rel: str, line: int, diags: Diagnostics) -> Inline:
    """A ``[text]{.class …}`` span the attribute parser could not read (``{.a b c}``): its text
    is kept, its braces dropped, with the span warning (at ``rel``:``line``)."""
    if not any("]{" in run.text for run in runs):  # no span can be there: the common case
        return runs
    out = []
    for run in runs:
        text = _SPAN.sub(r"\1", run.text) if not run.code else run.text
        if text != run.text:
            diags.warning(SourceLoc(rel, line, 1), "a [text]{…} span's attributes have no meaning in deckgen: its text is kept, its attributes are dropped",
                          "remove the braces", rule="span-attributes")
            run = replace(run, text=text)
        out.append(run)
    return tuple(out)


def _refuse_references(text: str, rel: str, line: int, diags: Diagnostics) -> str:
    """``text`` without the characters of ``load.text.FORBIDDEN``, with an error for each.

    The file's own characters were checked when it was read; here such a character was made
    by a character reference (``&#12;``, ``&#x2028;``), which markdown-it decodes, and it would
    show as ``_x000C_`` in PowerPoint.
    """
    if FORBIDDEN.search(text) is None:  # one pass over the text, and no location made, in the common case
        return text
    for match in FORBIDDEN.finditer(text):
        diags.error(SourceLoc(rel, line, 1), f"a character reference in this text makes a control character {char_label(match.group())}",
                    "remove it")
    return FORBIDDEN.sub("", text)


def merge(runs: list[Run]) -> Inline:
    """Join neighbouring runs of the same style (markdown-it splits text at every '{', '_' …)."""
    out: list[Run] = []
    for run in runs:
        if out and (out[-1].bold, out[-1].italic, out[-1].code, out[-1].href) == (run.bold, run.italic, run.code, run.href) and run.text != "\n" and out[-1].text != "\n":
            prev = out.pop()
            out.append(Run(prev.text + run.text, run.bold, run.italic, run.code, run.href))
        else:
            out.append(run)
    return tuple(out)
