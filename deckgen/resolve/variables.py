"""``{{ name.path }}`` variables: looked up in plain data, inserted as text.

This is deliberately not a template engine. An expression is a dotted path of names and list
indexes (``county.board.members``, ``county.councils.0.name``); lookups go through dict keys and
list positions only, never attributes, so content cannot reach Python objects, files or the
environment.

A value is inserted as text and never read again as Markdown, markup or a template:

- in a Markdown body the value goes into a run's text after parsing (:func:`substitute_text`);
- in a YAML field, which a layout may parse as Markdown later, the field becomes a
  :class:`Substituted` node: ``value`` is the plain text (for fields shown as they are: alt
  text, a link, a person's name) and ``markdown`` the same text with every inserted value
  escaped, so that parsing it shows the value literally (:func:`markdown_text`);
- a value is never scanned for ``{{`` again.

Messages point at the variable itself: the scope can read the content file a location names and
find the ``{{ … }}`` there, so the column is right in quoted YAML, block scalars and Markdown
paragraphs alike.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, overload

from deckgen.errors import Diagnostics, SourceLoc, did_you_mean, invisible_hint
from deckgen.load.markdown import parse_block
from deckgen.model import Inline, Located, Text, unwrap

_EXPR = re.compile(r"\{\{(.*?)\}\}", re.S)
_PATH = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_-]+)*$")
# Quarto's shortcodes ({{< video url >}}, {{< include file >}}, {{< pagebreak >}}): Quarto runs
# them, deckgen does not; they are no variables.
_SHORTCODE = re.compile(r"<\s*([A-Za-z][\w-]*)(\s[^<>]*)?>", re.S)
# CommonMark lets a backslash escape any ASCII punctuation character, and then shows it as is.
_MD_PUNCT = re.compile(r"([!-/:-@\[-`{-~])")
_MISSING = object()
# How far past a field's or paragraph's first line a variable is looked for in the source file.
_SEARCH_LINES = 200

SourceReader = Callable[[str], "str | None"]


@dataclass(frozen=True, slots=True)
class Substituted(Located):
    """A YAML value that had variables inserted. ``value`` is the plain text; ``markdown`` is
    the text as Markdown source, the inserted values escaped so that they show literally."""

    markdown: str = field(default="", compare=False)


class Scope:
    """The names a slide can use: ``deck``, ``meeting``, ``county`` and the slide's parameters.

    ``read`` (project-relative path → file text, or None) lets messages point at the exact
    column of a variable; without it they point at the start of the field or paragraph.
    """

    def __init__(self, data: Mapping[str, Any], read: SourceReader | None = None) -> None:
        self.data = dict(data)
        self.read = read
        self.used: set[str] = set()  # first names looked up through this scope (unused `with:`)

    def child(self, extra: Mapping[str, Any]) -> Scope:
        return Scope({**self.data, **extra}, self.read)

    def names(self) -> list[str]:
        return sorted(self.data)

    def locate(self, loc: SourceLoc, token: str, nth: int = 0) -> SourceLoc:
        """Where the ``nth`` occurrence of ``token`` is written at or after ``loc`` (within a
        few lines), else ``loc``."""
        text = self.read(loc.path) if self.read is not None else None
        if not text:
            return loc
        lines = text.split("\n")
        seen = 0
        for number in range(loc.line, min(len(lines), loc.line + _SEARCH_LINES) + 1):
            line = lines[number - 1]
            start = loc.col - 1 if number == loc.line else 0
            while (found := line.find(token, start)) >= 0:
                if seen == nth:
                    return SourceLoc(loc.path, number, found + 1, loc.included_from)
                seen += 1
                start = found + len(token)
        return loc

    def lookup(self, expr: str, loc: SourceLoc, diags: Diagnostics) -> Any:
        """The value of ``expr`` or ``_MISSING`` after adding an error at ``loc``."""
        path = expr.strip()
        if not _PATH.match(path):
            diags.error(
                loc,
                f"'{{{{{expr}}}}}' is not a variable name",
                invisible_hint(path) or
                "write a dotted name such as {{ county.name }}; expressions, attributes and filters are not supported",
            )
            return _MISSING
        value: Any = self.data
        walked: list[str] = []
        self.used.add(path.split(".")[0])
        for part in path.split("."):
            inner = _unwrap(value)
            if isinstance(inner, Mapping) and part in inner:
                value = inner[part]
            elif isinstance(inner, list) and part.isdigit() and int(part) < len(inner):
                value = inner[int(part)]
            else:
                _unknown(path, part, walked, inner, loc, diags)
                return _MISSING
            walked.append(part)
        if _unwrap(value) is None:
            diags.error(loc, f"variable '{path}' is empty", "give it a value in the county or deck file")
            return _MISSING
        return value


def _unknown(path: str, part: str, walked: list[str], inner: Any, loc: SourceLoc, diags: Diagnostics) -> None:
    where = ".".join(walked) or "the variables"
    if walked == ["county"] and not inner:
        diags.error(loc, f"'{path}' needs a county, and this deck is built without one", "add 'counties: all' or 'county: <name>' to the deck file")
        return
    if walked and not isinstance(inner, (Mapping, list)):
        # Text has no parts: this is where `.upper` or `.__class__` would reach Python.
        diags.error(loc, f"unknown variable '{path}' ({where} is {_kind(inner)}, it has no {part!r})", f"write {{{{ {where} }}}}")
        return
    prefix = where + "." if walked else ""
    hint = did_you_mean(part, _names(inner))
    hint = hint.replace("did you mean '", f"did you mean '{prefix}")
    diags.error(loc, f"unknown variable '{path}' ({part!r} is not in {where})", hint or "check the county and deck files")


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    return "text"


def _unwrap(value: Any) -> Any:
    return value.value if isinstance(value, Located) else value


def _names(value: Any) -> list[str]:
    if isinstance(value, Mapping):
        return [str(k) for k in value]
    if isinstance(value, list):
        return [str(i) for i in range(len(value))]
    return []


def _scalar_text(value: Any) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nei"
    return str(value)


def _as_text(value: Any, expr: str, loc: SourceLoc, diags: Diagnostics) -> str | None:
    if isinstance(value, Located) and value.raw is not None and value.value is not None:
        # An unquoted number or yes/no shows as the author wrote it: 1.10 stays "1.10".
        return value.raw
    value = _unwrap(value)
    if isinstance(value, (str, int, float, bool)):
        return _scalar_text(value)
    diags.error(
        loc,
        f"variable '{expr.strip()}' is {'a list' if isinstance(value, list) else 'a mapping'}, not text",
        "use it alone as a field's whole value (people: \"{{ county.board.members }}\") or name one of its entries",
    )
    return None


def escape_markdown(text: str) -> str:
    """``text`` as Markdown source that parses back to exactly ``text``: ASCII punctuation
    backslash-escaped, a line break a hard break (so a value cannot start a list, a heading or
    a new paragraph)."""
    escaped = _MD_PUNCT.sub(r"\\\1", text)
    return re.sub(r"\n[ \t]*", "\\\\\n", escaped)


def _substitute(
    text: str, scope: Scope, loc: SourceLoc, diags: Diagnostics, seen: dict[str, int], *, markdown: bool = False
) -> tuple[str, str]:
    """``text`` with its variables inserted: (plain text, Markdown source with values escaped;
    the latter only when ``markdown``). ``seen`` counts earlier occurrences of each variable in
    the same field or paragraph."""
    plain_parts: list[str] = []
    md_parts: list[str] = []
    last = 0
    in_code = _in_code(text) if markdown else set()
    for index, match in enumerate(_EXPR.finditer(text)):
        token = match.group(0)
        nth = seen.get(token, 0)
        seen[token] = nth + 1
        plain_parts.append(text[last : match.start()])
        md_parts.append(text[last : match.start()])
        local = Diagnostics()
        shortcode = _SHORTCODE.fullmatch(match.group(1).strip())
        escaped = match.group(1).startswith("{") and text[match.end() : match.end() + 1] == "}" \
            and _SHORTCODE.fullmatch(match.group(1)[1:].strip()) is not None
        if escaped:
            inserted = token[1:]  # Quarto's {{{< x >}}} shows the shortcode {{< x >}} as text
        elif shortcode is not None:
            local.warning(loc, f"Quarto's shortcode '{token}' is left out: deckgen runs no shortcodes",
                          "for a video use a tiles slide with a video tile, for an included file a slide entry in "
                          "the deck (docs/content.md); delete the shortcode to silence this", rule="quarto-shortcode")
            inserted = ""
        else:
            value = scope.lookup(match.group(1), loc, local)
            inserted = token if value is _MISSING else (_as_text(value, match.group(1), loc, local) or "")
        _relocated(local, scope, loc, token, nth, diags)
        plain_parts.append(inserted)
        # Backslashes are literal in code, so a value there goes in as it is.
        md_parts.append(inserted if index in in_code else escape_markdown(inserted))
        last = match.end() + (1 if escaped else 0)
    rest = text[last:]
    if "{{" in rest:
        diags.error(
            scope.locate(loc, "{{", text.count("{{") - rest.count("{{")),
            "'{{' without a matching '}}'",
            "close the variable with }} (formatting inside {{ }} is not allowed)",
        )
    plain_parts.append(rest)
    md_parts.append(rest)
    return "".join(plain_parts), "".join(md_parts)


def _relocated(found: Diagnostics, scope: Scope, loc: SourceLoc, token: str, nth: int, diags: Diagnostics) -> None:
    """Move ``found``'s messages to where the variable is written (looked up only when there
    is a message: a build without mistakes never reads a file twice)."""
    if found.items:
        where = scope.locate(loc, token, nth)
        diags.extend(replace(d, loc=where) for d in found.items)


def _in_code(text: str) -> set[int]:
    """Which of the variables in ``text`` sit in code (a `span` or a code block) when the text
    is read as Markdown: each is replaced by an inert marker, the text parsed, the markers looked
    for in code runs."""
    marks = [f"DeckgenVariable{n}Marker" for n in range(len(_EXPR.findall(text)))]
    if not marks:
        return set()
    counter = iter(marks)
    probe = _EXPR.sub(lambda _m: next(counter), text)
    paras = parse_block(probe, "", SourceLoc(""), Diagnostics())
    code = "".join(run.text for para in paras for run in para.runs if run.code)
    return {n for n, mark in enumerate(marks) if mark in code}


def substitute_str(text: str, scope: Scope, loc: SourceLoc, diags: Diagnostics) -> str:
    """Replace every ``{{ … }}`` in plain text; unknown names become located errors."""
    if "{{" not in text:
        return text
    return _substitute(text, scope, loc, diags, {})[0]


def substitute_inline(runs: Inline, scope: Scope, loc: SourceLoc, diags: Diagnostics) -> Inline:
    """Variables in parsed runs (a heading, a paragraph): the value goes into the run's text."""
    seen: dict[str, int] = {}
    out = []
    for run in runs:
        if "{{" in run.text:
            run = replace(run, text=_substitute(run.text, scope, loc, diags, seen)[0])
        out.append(run)
    return tuple(out)


def substitute_table(
    table: tuple[tuple[Inline, ...], ...], scope: Scope, loc: SourceLoc, diags: Diagnostics
) -> tuple[tuple[Inline, ...], ...]:
    """Variables in a Markdown table's cells, as in a paragraph; ``loc`` is the table's first
    line, and occurrences are counted across the table in reading order, so a message points
    at the cell where the variable is written."""
    seen: dict[str, int] = {}
    out = []
    for row in table:
        cells = []
        for cell in row:
            if any("{{" in run.text for run in cell):
                cell = tuple(replace(run, text=_substitute(run.text, scope, loc, diags, seen)[0]) if "{{" in run.text else run
                             for run in cell)
            cells.append(cell)
        out.append(tuple(cells))
    return tuple(out)


def substitute_text(text: Text, scope: Scope, diags: Diagnostics, fallback: SourceLoc) -> Text:
    """Variables in paragraphs; a paragraph of nothing but Quarto shortcodes (left out, with a
    warning each) is no paragraph."""
    out = []
    for p in text:
        if any("{{" in r.text for r in p.runs):
            source = "".join(r.text for r in p.runs)
            p = replace(p, runs=substitute_inline(p.runs, scope, p.loc or fallback, diags))
            if not "".join(r.text for r in p.runs).strip() and not _EXPR.sub(
                    lambda m: "" if _SHORTCODE.fullmatch(m.group(1).strip()) else m.group(0), source).strip():
                continue
        out.append(p)
    return tuple(out)


def whole_variable(text: str) -> str | None:
    """The expression when ``text`` is exactly one ``{{ … }}`` (a structured value), else None."""
    match = _EXPR.fullmatch(text.strip())
    # "{{ a }} {{ b }}" matches as a whole too (a lazy match still has to reach the end): that
    # is two variables in text, not one value.
    if match is None or "}}" in match.group(1) or _SHORTCODE.fullmatch(match.group(1).strip()):
        return None
    return match.group(1)


def substitute_located(node: Located, scope: Scope, diags: Diagnostics) -> Located:
    """Substitute variables throughout a YAML value. A string that is one whole variable takes
    the variable's value as it is (a list of people, a number); other strings get text. Every
    string that had a variable becomes a :class:`Substituted`."""
    value = node.value
    if isinstance(value, str):
        if "{{" not in value:
            return node
        expr = whole_variable(value)
        if expr is not None:
            local = Diagnostics()
            found = scope.lookup(expr, node.loc, local)
            _relocated(local, scope, node.loc, value.strip(), 0, diags)
            if found is _MISSING:
                return node
            return _literal(found, node.loc, node.key_loc, via=node.loc)
        plain, markdown = _substitute(value, scope, node.loc, diags, {}, markdown=True)
        return Substituted(plain, node.loc, node.key_loc, node.raw, markdown)
    if isinstance(value, dict):
        return Located({k: substitute_located(v, scope, diags) for k, v in value.items()}, node.loc, node.key_loc)
    if isinstance(value, list):
        return Located([substitute_located(v, scope, diags) for v in value], node.loc, node.key_loc)
    return node


def _literal(value: Any, loc: SourceLoc, key_loc: SourceLoc | None = None, via: SourceLoc | None = None) -> Located:
    """A variable's value as a Located tree placed where the variable was written; nested
    entries keep their own source locations (in the county file, say), chained through
    ``via`` — the variable — so a message about them also says which slide used them. Every
    scalar is a :class:`Substituted`, so a layout that parses a field as Markdown shows data
    (a project's name) literally."""
    raw = value.raw if isinstance(value, Located) else None
    value = _unwrap(value)
    if isinstance(value, dict):
        return Located({str(k): _literal(v, _via(_loc_of(v, loc), via), _via(_key_loc_of(v), via), via) for k, v in value.items()}, loc, key_loc)
    if isinstance(value, list):
        return Located([_literal(v, _via(_loc_of(v, loc), via), None, via) for v in value], loc, key_loc)
    if value is None:
        return Located(None, loc, key_loc)
    # The value keeps its type (a number for `minutes:`); its text is as the author wrote it.
    return Substituted(value, loc, key_loc, raw, escape_markdown(raw if raw is not None else _scalar_text(value)))


@overload
def _via(loc: SourceLoc, via: SourceLoc | None) -> SourceLoc: ...
@overload
def _via(loc: SourceLoc | None, via: SourceLoc | None) -> SourceLoc | None: ...
def _via(loc: SourceLoc | None, via: SourceLoc | None) -> SourceLoc | None:
    """``loc`` (in another file) marked as reached through the variable at ``via``."""
    if loc is None or via is None or loc.included_from is not None or loc.path == via.path:
        return loc
    return replace(loc, included_from=via)


def _loc_of(value: Any, default: SourceLoc) -> SourceLoc:
    return value.loc if isinstance(value, Located) else default


def _key_loc_of(value: Any) -> SourceLoc | None:
    return value.key_loc if isinstance(value, Located) else None


def markdown_text(node: Located) -> str:
    """A field's text as Markdown source for a layout to parse: inserted values escaped."""
    if isinstance(node, Substituted):
        return node.markdown
    return str(unwrap(node))
