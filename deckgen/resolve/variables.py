"""``{{ name.path }}`` variables: looked up in plain data, inserted as text.

This is deliberately not a template engine. An expression is a dotted path of names and list
indexes (``county.board.members``, ``county.councils.0.name``); lookups go through dict keys and
list positions only, never attributes, so content cannot reach Python objects, files or the
environment. The value is inserted after Markdown parsing, into the text of a run, so it is never
read again as Markdown, markup or a template.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from deckgen.errors import Diagnostics, SourceLoc, did_you_mean
from deckgen.model import Inline, Located, Para, Run, Text

_EXPR = re.compile(r"\{\{(.*?)\}\}", re.S)
_PATH = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_-]+)*$")
_MISSING = object()


class Scope:
    """The names a slide can use: ``deck``, ``meeting``, ``county`` and the slide's parameters."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.data = dict(data)

    def child(self, extra: Mapping[str, Any]) -> Scope:
        return Scope({**self.data, **extra})

    def lookup(self, expr: str, loc: SourceLoc, diags: Diagnostics) -> Any:
        """The value of ``expr`` or ``_MISSING`` after adding a located error."""
        path = expr.strip()
        if not _PATH.match(path):
            diags.error(
                loc,
                f"'{{{{{expr}}}}}' is not a variable name",
                "write a dotted name such as {{ county.name }}; expressions and filters are not supported",
            )
            return _MISSING
        value: Any = self.data
        walked: list[str] = []
        node: Any = value
        for part in path.split("."):
            value = _unwrap(value)
            if isinstance(value, Mapping) and part in value:
                value = value[part]
            elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
                value = value[int(part)]
            else:
                where = ".".join(walked) or "the variables"
                hint = did_you_mean(part, _names(value))
                prefix = ".".join(walked) + "." if walked else ""
                hint = hint.replace("did you mean '", f"did you mean '{prefix}")
                diags.error(
                    loc,
                    f"unknown variable '{path}' ({part!r} is not in {where})",
                    hint or "check the county and deck files",
                )
                return _MISSING
            walked.append(part)
            node = value
        value = _unwrap(node)
        if value is None:
            diags.error(loc, f"variable '{path}' is empty", "give it a value in the county or deck file")
            return _MISSING
        return node


def _unwrap(value: Any) -> Any:
    return value.value if isinstance(value, Located) else value


def _names(value: Any) -> list[str]:
    if isinstance(value, Mapping):
        return [str(k) for k in value]
    if isinstance(value, list):
        return [str(i) for i in range(len(value))]
    return []


def _as_text(value: Any, expr: str, loc: SourceLoc, diags: Diagnostics) -> str | None:
    value = _unwrap(value)
    if isinstance(value, bool):
        return "ja" if value else "nei"
    if isinstance(value, (str, int, float)):
        return str(value)
    diags.error(
        loc,
        f"variable '{expr.strip()}' is {'a list' if isinstance(value, list) else 'a mapping'}, not text",
        "use it alone as a field's whole value (people: \"{{ county.board.members }}\") or name one of its entries",
    )
    return None


def substitute_str(text: str, scope: Scope, loc: SourceLoc, diags: Diagnostics) -> str:
    """Replace every ``{{ … }}`` in plain text; unknown names become located errors."""
    if "{{" not in text:
        return text

    def repl(match: re.Match[str]) -> str:
        col_loc = SourceLoc(loc.path, loc.line, loc.col + match.start(), loc.included_from) if "\n" not in text[: match.start()] else loc
        value = scope.lookup(match.group(1), col_loc, diags)
        if value is _MISSING:
            return match.group(0)
        return _as_text(value, match.group(1), col_loc, diags) or ""

    out = _EXPR.sub(repl, text)
    if "{{" in _EXPR.sub("", text):
        diags.error(loc, "'{{' without a matching '}}'", "close the variable with }} (formatting inside {{ }} is not allowed)")
    return out


def substitute_inline(runs: Inline, scope: Scope, loc: SourceLoc, diags: Diagnostics) -> Inline:
    return tuple(replace(r, text=substitute_str(r.text, scope, loc, diags)) if "{{" in r.text else r for r in runs)


def substitute_text(text: Text, scope: Scope, diags: Diagnostics, fallback: SourceLoc) -> Text:
    return tuple(
        Para(substitute_inline(p.runs, scope, p.loc or fallback, diags), p.kind, p.level, p.rtl, p.loc)
        if any("{{" in r.text for r in p.runs)
        else p
        for p in text
    )


def whole_variable(text: str) -> str | None:
    """The expression when ``text`` is exactly one ``{{ … }}`` (a structured value), else None."""
    match = _EXPR.fullmatch(text.strip())
    return match.group(1) if match else None


def substitute_located(node: Located, scope: Scope, diags: Diagnostics) -> Located:
    """Substitute variables throughout a YAML value. A string that is one whole variable takes
    the variable's value as it is (a list of people, a number); other strings get text."""
    value = node.value
    if isinstance(value, str):
        expr = whole_variable(value)
        if expr is not None:
            found = scope.lookup(expr, node.loc, diags)
            if found is _MISSING:
                return node
            return Located(_to_located(found, node.loc).value, node.loc, node.key_loc)
        return Located(substitute_str(value, scope, node.loc, diags), node.loc, node.key_loc, node.raw)
    if isinstance(value, dict):
        return Located({k: substitute_located(v, scope, diags) for k, v in value.items()}, node.loc, node.key_loc)
    if isinstance(value, list):
        return Located([substitute_located(v, scope, diags) for v in value], node.loc, node.key_loc)
    return node


def _to_located(value: Any, loc: SourceLoc) -> Located:
    """Plain data from a variable → a Located tree (placed where the variable was written)."""
    if isinstance(value, Located):
        return value
    if isinstance(value, dict):
        return Located({str(k): _to_located(v, loc) for k, v in value.items()}, loc)
    if isinstance(value, list):
        return Located([_to_located(v, loc) for v in value], loc)
    return Located(value, loc)
