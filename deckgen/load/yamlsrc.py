"""YAML with locations — the only module that imports PyYAML.

Content YAML is data: only the standard tags are accepted (no object construction), duplicate
keys are errors naming both lines, nesting and alias expansion are bounded, and timestamps stay
the text the author wrote. Every value comes back as a :class:`~deckgen.model.Located`.

``load.text`` refuses control characters written in a file, but a double-quoted YAML string
makes them from escapes (``"\\x01"``, ``"\\0"``, ``"\\uFFFE"``); every scalar, keys included, is
checked against the same :data:`~deckgen.load.text.FORBIDDEN` set, each escape at its place.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from deckgen.errors import Diagnostics, SourceLoc
from deckgen.load.slips import ODD_SPACES, invisible_in, without_invisible, yaml_slip
from deckgen.load.text import FORBIDDEN, MAX_CHAR_ERRORS, char_label, read_text
from deckgen.model import Located
from deckgen.schema import yaml_surprise  # noqa: F401  (re-exported: YAML helpers live with the schema)

MAX_DEPTH = 40
MAX_NODES = 50_000

_STD = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {
    _STD + t for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map", "binary")
}


class _Budget:
    def __init__(self) -> None:
        self.nodes = 0
        self.exceeded = False


class _TooDeep(Exception):
    def __init__(self, mark: yaml.Mark) -> None:
        super().__init__("too deep")
        self.mark = mark


class _BoundedLoader(yaml.SafeLoader):
    """PyYAML's composer recurses once per nesting level; stop it at ``MAX_DEPTH`` with the
    place, before Python's recursion limit would (which gives no location)."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH + 1:
                raise _TooDeep(self.peek_event().start_mark)
            return super().compose_node(parent, index)  # type: ignore[arg-type, return-value]
        finally:
            self._depth -= 1


def _loc(rel: str, mark: yaml.Mark, line_offset: int) -> SourceLoc:
    return SourceLoc(rel, mark.line + 1 + line_offset, mark.column + 1)


@lru_cache(maxsize=256)
def _compose(text: str) -> yaml.Node | None:
    # Remembered by text: a serve rebuild re-reads every file, and most did not change. The
    # node tree is only read (by _build); a text that fails raises again, uncached.
    loader = _BoundedLoader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def parse_yaml(
    text: str, rel: str, diags: Diagnostics, *, line_offset: int = 0
) -> Located | None:
    """Parse one YAML document; ``line_offset`` shifts locations for front matter blocks.

    Returns the located tree, or None after adding errors. Refused, each at its place:
    malformed YAML, nesting deeper than ``MAX_DEPTH``, aliases that expand to more than
    ``MAX_NODES`` values, tags other than the standard scalar and collection ones, merge
    keys, non-scalar keys and duplicate keys.
    """
    try:
        node = _compose(text)
    except _TooDeep as exc:
        diags.error(
            _loc(rel, exc.mark, line_offset),
            f"YAML nesting is too deep (more than {MAX_DEPTH} levels)",
            "content files hold flat data: write it with fewer levels",
        )
        return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        slip = yaml_slip(text, mark.line, exc.context_mark.line if exc.context_mark else None) if mark else None
        if slip is not None:
            # A slip we recognise is named in the author's words, where the fix goes.
            diags.error(SourceLoc(rel, slip.line + line_offset, slip.col), slip.message, slip.hint)
            return None
        loc = _loc(rel, mark, line_offset) if mark else SourceLoc(rel, 1 + line_offset, 1)
        problem = exc.problem or exc.context or "malformed YAML"
        diags.error(loc, f"malformed YAML: {problem}", _yaml_hint(problem))
        return None
    except yaml.YAMLError as exc:
        diags.error(SourceLoc(rel, 1 + line_offset, 1), f"malformed YAML: {exc}", "check the syntax")
        return None
    if node is None:
        return Located({}, SourceLoc(rel, 1 + line_offset, 1))
    budget = _Budget()
    before = len(diags.errors)
    value = _build(node, rel, diags, line_offset, 0, budget)
    if len(diags.errors) > before:
        return None
    return value


def load_yaml_file(
    path: Path, rel: str, diags: Diagnostics, loc: SourceLoc | None = None
) -> Located | None:
    """Read and parse a YAML file (UTF-8, BOM and CRLF accepted)."""
    text = read_text(path, rel, diags, loc)
    if text is None:
        return None
    return parse_yaml(text, rel, diags)


def _yaml_hint(problem: str) -> str:
    if "tab" in problem or "'\\t'" in problem:
        return "indent with spaces, not tabs"
    if "mapping values are not allowed" in problem:
        return "put text that contains ': ' in quotes"
    if "found character '@'" in problem or "found character '`'" in problem:
        return "put the value in quotes"
    return "check indentation and quoting around this place"


def _build(
    node: yaml.Node, rel: str, diags: Diagnostics, off: int, depth: int, budget: _Budget
) -> Located:
    loc = _loc(rel, node.start_mark, off)
    budget.nodes += 1
    if budget.nodes > MAX_NODES:
        if not budget.exceeded:
            budget.exceeded = True
            diags.error(
                loc,
                f"YAML expands to more than {MAX_NODES} values (aliases repeated too often?)",
                "write the data out plainly; deckgen limits alias expansion",
            )
        return Located(None, loc)
    if depth > MAX_DEPTH:
        if not budget.exceeded:
            budget.exceeded = True
            # The composer bounded the written nesting; deeper here means an alias that
            # contains itself (``&a [*a]``).
            diags.error(loc, f"YAML nesting is too deep (more than {MAX_DEPTH} levels)",
                        "an alias refers to the value that contains it: write the data out")
        return Located(None, loc)
    if node.tag not in _ALLOWED_TAGS:
        shown = node.tag.replace(_STD, "!!", 1)
        diags.error(
            loc,
            f"YAML tag {shown!r} is not allowed (tags that construct objects are refused)",
            "content files hold plain data: remove the tag",
        )
        return Located(None, loc)
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Located] = {}
        first_seen: dict[str, SourceLoc] = {}
        previous: yaml.Node | None = None
        for key_node, value_node in node.value:
            key_loc = _loc(rel, key_node.start_mark, off)
            if node.flow_style and _split_by_comma(key_node, value_node, previous, rel, off, diags):
                continue
            previous = value_node
            if key_node.tag == _STD + "merge":
                diags.error(key_loc, "YAML merge keys ('<<') are not supported", "write the keys out")
                continue
            if key_node.tag not in _ALLOWED_TAGS:
                shown = key_node.tag.replace(_STD, "!!", 1)
                diags.error(key_loc, f"YAML tag {shown!r} is not allowed on a key",
                            "content files hold plain data: remove the tag")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                diags.error(key_loc, "a mapping key must be plain text", "write a simple key")
                continue
            if _refuse_forbidden(key_node, key_loc, off, diags):
                continue
            key = str(key_node.value)
            slip = key_slip(key, key_node.style, value_node)
            if slip is not None:
                diags.error(key_loc, *slip)
                continue
            invisible = invisible_in(key)
            if invisible is not None:
                diags.error(key_loc, f"the key {without_invisible(key)!r} holds an invisible {invisible}",
                            f"retype the key: {without_invisible(key)}:")
                continue
            if key in first_seen:
                diags.error(
                    key_loc,
                    f"duplicate key {key!r} on line {key_loc.line} "
                    f"(first on line {first_seen[key].line})",
                    "keep one of them: YAML would silently use the last",
                )
                continue
            first_seen[key] = key_loc
            child = _build(value_node, rel, diags, off, depth + 1, budget)
            out[key] = Located(child.value, child.loc, key_loc, child.raw)
        return Located(out, loc)
    if isinstance(node, yaml.SequenceNode):
        return Located([_build(n, rel, diags, off, depth + 1, budget) for n in node.value], loc)
    assert isinstance(node, yaml.ScalarNode)  # the composer makes only these three kinds
    return _scalar(node, loc, off, diags)


def key_slip(key: str, style: str | None, value: yaml.Node) -> tuple[str, str] | None:
    """(message, hint) for a key that is a slip YAML parsed without complaint: ``-use`` (a list
    entry without the space after its dash) or a key with a non-breaking space around it."""
    shown = f" {value.value}" if isinstance(value, yaml.ScalarNode) and value.value else ""
    if style is None and len(key) > 1 and key[0] == "-" and not key[1].isspace() and key[1] != "-":
        return "a list entry needs a space after its '-'", f"write: - {key[1:]}:{shown}"
    if key != key.strip(ODD_SPACES):
        return (f"the key {key.strip(ODD_SPACES)!r} has a non-breaking space (copied from Word or a web page) around it",
                f"retype the spaces: {key.strip(ODD_SPACES)}:{shown}")
    return None


def _split_by_comma(
    key: yaml.Node, value: yaml.Node, previous: yaml.Node | None, rel: str, off: int, diags: Diagnostics
) -> bool:
    """In ``{name: Sæther, Ingrid, role: leder}`` the comma ends the name and ``Ingrid`` is a
    key without a value. Such a key (no ':' after it) follows a plain text value: name it as the
    comma it is and show the line with the text quoted. True when it was reported."""
    if not (isinstance(value, yaml.ScalarNode) and value.tag == _STD + "null" and value.value == ""
            and isinstance(previous, yaml.ScalarNode) and previous.style is None
            and isinstance(key, yaml.ScalarNode) and key.style is None):
        return False
    buffer = key.start_mark.buffer
    start, end = previous.start_mark.index, key.end_mark.index
    if not isinstance(buffer, str) or "\n" in buffer[start:end]:
        fixed = f'"{previous.value}, {key.value}"'
    else:
        line_start = buffer.rfind("\n", 0, start) + 1
        line_end = buffer.find("\n", end)
        line_end = len(buffer) if line_end < 0 else line_end
        fixed = (buffer[line_start:start] + '"' + buffer[start:end].replace('"', '\\"') + '"'
                 + buffer[end:line_end]).strip()
    diags.error(
        _loc(rel, previous.start_mark, off),
        f"the comma in '{previous.value}, {key.value}' ends the text, so {str(key.value)!r} became a field of its own",
        f"put text with a comma in quotes; write: {fixed}",
    )
    return True


# One loader, used only for its scalar constructors (int, float, bool, null), which keep no
# state; ``construct_object`` would remember every node it ever saw.
_constructor = yaml.SafeLoader("")


def _scalar(node: yaml.ScalarNode, loc: SourceLoc, off: int, diags: Diagnostics) -> Located:
    if _refuse_forbidden(node, loc, off, diags):
        return Located(None, loc)
    tag = node.tag
    if tag in (_STD + "str", _STD + "timestamp"):
        # Timestamps stay as written: "2024-05-02" is shown, never turned into a datetime.
        return Located(str(node.value), loc)
    if tag == _STD + "binary":
        diags.error(loc, "binary YAML values are not allowed", "reference a file instead")
        return Located(None, loc)
    construct = _constructor.yaml_constructors[tag]
    try:
        value: Any = construct(_constructor, node)
    except (yaml.YAMLError, ValueError, OverflowError) as exc:
        diags.error(loc, f"invalid value {node.value!r}: {exc}", "put it in quotes to make it text")
        return Located(None, loc)
    return Located(value, loc, raw=str(node.value))


# A backslash escape of a double-quoted YAML scalar, as PyYAML's scanner reads them: a hex code
# of 2, 4 or 8 digits, or one character (a line break included: an escaped line end).
_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[\s\S])")


def _refuse_forbidden(node: yaml.ScalarNode, loc: SourceLoc, off: int, diags: Diagnostics) -> bool:
    """Add an error for each character of ``node``'s value in the forbidden set; True if any.

    The file's own text was checked when it was read, so such a character was made by an
    escape: each escape that made one is named as written and located where it stands. The
    value's place is the fallback when the source text is not at hand.
    """
    value = str(node.value)
    if not FORBIDDEN.search(value):
        return False
    found = _forbidden_escapes(node, off, loc.path, loc.included_from)
    if not found:
        bad = FORBIDDEN.search(value)
        assert bad is not None
        found = [(loc, f"control character {char_label(bad.group())} in this text")]
    for where, message in found[:MAX_CHAR_ERRORS]:
        diags.error(where, message, "remove it")
    return True


def _forbidden_escapes(
    node: yaml.ScalarNode, off: int, rel: str, included_from: SourceLoc | None
) -> list[tuple[SourceLoc, str]]:
    """The escapes in a double-quoted scalar's source that make a forbidden character."""
    start, end = node.start_mark, node.end_mark
    buffer = start.buffer
    if node.style != '"' or not isinstance(buffer, str):
        return []
    found: list[tuple[SourceLoc, str]] = []
    for match in _ESCAPE.finditer(buffer, start.index, end.index):
        code = match.group(1)
        if code[0] in yaml.scanner.Scanner.ESCAPE_CODES and len(code) > 1:
            char = chr(int(code[1:], 16))
        else:
            char = yaml.scanner.Scanner.ESCAPE_REPLACEMENTS.get(code, "")
        if not char or not FORBIDDEN.fullmatch(char):
            continue
        pos = match.start()
        breaks = buffer.count("\n", start.index, pos)
        col = start.column + (pos - start.index) if not breaks else pos - buffer.rfind("\n", 0, pos) - 1
        where = SourceLoc(rel, start.line + breaks + 1 + off, col + 1, included_from)
        found.append((where, f"the escape {match.group()} in this text makes a control character {char_label(char)}"))
    return found


class _Dumper(yaml.SafeDumper):
    """Block style, keys in the order given, text as written (no YAML 1.1 surprises: a value
    that would read back as something other than text is quoted by PyYAML itself)."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> Any:
        # Indent list items under their key, as people write them by hand.
        return super().increase_indent(flow, False)


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value and not value.endswith((" ", "\t")) and "\r" not in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_representer)


def dump_yaml(data: Any) -> str:
    """``data`` (plain dicts, lists, text, numbers, booleans) as block-style YAML that
    :func:`parse_yaml` reads back to the same values; for files deckgen writes (import)."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096, default_flow_style=False)
