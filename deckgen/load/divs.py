"""pandoc's fenced divs as a markdown-it block rule: ``div_open`` / ``div_close`` tokens.

pandoc opens a div with a line of three or more colons followed by attributes (``::: notes``,
``:::: {.columns}``, ``::: {.column width="40%"}``) and closes the innermost open div with a
line of three or more colons alone, whatever their number. So nested divs may use fences of
the same length, which markdown-it's container plugin (which closes on the first long-enough
fence) cannot read. This rule counts the opening and closing fences between its start and its
end, skipping fenced code, as pandoc does.

A fence that is never closed becomes one ``div_unclosed`` token (pandoc shows it as text;
deckgen drops it with a warning). The opening token's ``info`` is the fence's attribute text; ``markdown.py`` reads it with
:func:`deckgen.load.dialect.parse_attributes`. This module is handed markdown-it's state by the
parser and imports nothing of it (markdown-it enters through ``markdown.py`` only).
"""

from __future__ import annotations

import re
from typing import Any

_OPEN = re.compile(r":{3,}\s*(\S.*?)\s*$")
_CLOSE = re.compile(r":{3,}\s*$")
_CODE_FENCE = re.compile(r"(`{3,}|~{3,})")


def _line_text(state: Any, line: int) -> tuple[str, int]:
    """The text of ``line`` from its first non-space character, and that indent."""
    start = state.bMarks[line] + state.tShift[line]
    return state.src[start : state.eMarks[line]], state.sCount[line] - state.blkIndent


def fenced_div(state: Any, start_line: int, end_line: int, silent: bool) -> bool:
    # Tried at the start of every block and as a paragraph's terminator on every line: say
    # no to a line that does not begin with ":::" before slicing it out of the source.
    if not state.src.startswith(":::", state.bMarks[start_line] + state.tShift[start_line]):
        return False
    text, indent = _line_text(state, start_line)
    if indent >= 4:
        return False
    opening = _OPEN.fullmatch(text)
    if opening is None or opening.group(1).startswith(":"):
        return False
    params = opening.group(1).rstrip(":").strip()
    if not params:
        return False
    if silent:
        return True
    depth = 1
    fence = ""
    closed = False
    line = start_line
    while True:
        line += 1
        if line >= end_line:
            break  # an unclosed div runs to the end of its container, as in pandoc
        inner, ind = _line_text(state, line)
        if inner and state.sCount[line] < state.blkIndent:
            break  # a line less indented than the container ends it
        if fence:
            if inner.startswith(fence) and not inner[len(fence):].strip(fence[0]).strip():
                fence = ""
            continue
        code = _CODE_FENCE.match(inner)
        if code and ind < 4:
            fence = code.group(1)
            continue
        if ind >= 4:
            continue
        if _CLOSE.fullmatch(inner):
            depth -= 1
            if depth == 0:
                closed = True
                break
        elif _OPEN.fullmatch(inner) and not inner.lstrip(":").strip().startswith(":"):
            depth += 1
    if not closed:
        # pandoc reads a fence that is never closed as text; deckgen drops the fence line (with
        # a warning from the walker) and reads what follows as the slide's own content.
        token = state.push("div_unclosed", "", 0)
        token.map = [start_line, start_line + 1]
        token.info = params
        state.line = start_line + 1
        return True
    old_parent, old_max = state.parentType, state.lineMax
    state.parentType = "container"
    state.lineMax = line
    token = state.push("div_open", "div", 1)
    token.markup = text[: len(text) - len(text.lstrip(":"))]
    token.block = True
    token.info = params
    token.map = [start_line, line]
    state.md.block.tokenize(state, start_line + 1, line)
    token = state.push("div_close", "div", -1)
    token.block = True
    state.parentType, state.lineMax = old_parent, old_max
    state.line = line + 1
    return True


def divs_plugin(md: Any) -> None:
    """Add :func:`fenced_div` before fenced code; a div may interrupt a paragraph or a list."""
    md.block.ruler.before(
        "fence", "fenced_div", fenced_div, {"alt": ["paragraph", "reference", "blockquote", "list"]}
    )
