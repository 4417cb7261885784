"""Syntax colours of fenced code blocks: Pygments' one door.

A fenced block that names its language (```` ```python ````, pandoc's ```` ```{.bash} ````,
Quarto's ```` ```{python} ````) is split into runs by the language's Pygments lexer, each run
carrying the colour the style gives its token (``Run.color``, ``#RRGGBB``); both renderers
draw those colours (PowerPoint as run colours, reveal.js as classes with generated CSS), so
the outputs agree. A block without a language, or with one Pygments does not know, is plain
monospace text. The style is Xcode's: every colour it gives text has a contrast of at least
4.5:1 on white and on the light grey of a code background.

A ``{{ variable }}`` in the code is kept in one uncoloured run, so resolve can still replace
it (a lexer would split it into punctuation and names).
"""

from __future__ import annotations

import re

from pygments.lexers import get_lexer_by_name
from pygments.styles import get_style_by_name
from pygments.util import ClassNotFound

from deckgen.model import Inline, Run

STYLE = "xcode"
_VARIABLE = re.compile(r"\{\{.*?\}\}")
_LANGUAGE = re.compile(r"[A-Za-z0-9_+#.-]+")


def fence_language(info: str) -> str:
    """The language a fence's info string names: ``python``, ``{.bash .numberLines}`` →
    ``bash``, ``{python}`` → ``python``; '' when it names none."""
    text = info.strip()
    if text.startswith("{"):
        words = text.strip("{}").split()
        classes = [w[1:] for w in words if w.startswith(".")]
        text = classes[0] if classes else (words[0] if words and "=" not in words[0] and not words[0].startswith("#") else "")
    else:
        text = text.split()[0] if text else ""
    match = _LANGUAGE.fullmatch(text)
    return match.group(0) if match else ""


def highlight(code: str, language: str) -> list[Inline]:
    """The lines of ``code`` as code runs, coloured when Pygments knows ``language``; one
    entry per line (an empty line is one empty run)."""
    colors = _colors(code, language)
    lines: list[Inline] = []
    start = 0
    for line in code.split("\n"):
        end = start + len(line)
        lines.append(_runs(line, colors[start:end]) if line else (Run("", code=True),))
        start = end + 1
    return lines


def _colors(code: str, language: str) -> list[str]:
    """The colour of each character of ``code`` ('' for the text colour)."""
    plain = [""] * len(code)
    if not language:
        return plain
    try:
        lexer = get_lexer_by_name(language.lower(), stripnl=False, stripall=False, ensurenl=False)
    except ClassNotFound:
        return plain
    style = get_style_by_name(STYLE)
    out: list[str] = []
    for token, value in lexer.get_tokens(code):
        color = (style.style_for_token(token)["color"] or "").upper()
        # the style's black is its text colour: the brand's text colour here
        out += [f"#{color}" if color and color != "000000" else ""] * len(value)
    if len(out) != len(code):  # a lexer that changed the text (tabs, newlines): no colours
        return plain
    for match in _VARIABLE.finditer(code):
        out[match.start():match.end()] = [""] * (match.end() - match.start())
    for i, ch in enumerate(code):  # spaces join the run before them: fewer, longer runs
        if ch in " \t":
            out[i] = out[i - 1] if i and code[i - 1] != "\n" else ""
    return out


def _runs(line: str, colors: list[str]) -> Inline:
    runs: list[Run] = []
    begin = 0
    for i in range(1, len(line) + 1):
        if i == len(line) or colors[i] != colors[begin]:
            runs.append(Run(line[begin:i], code=True, color=colors[begin]))
            begin = i
    return tuple(runs)
