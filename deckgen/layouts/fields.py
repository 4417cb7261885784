"""JSON Schema pieces the layouts' fields are made of (text, Markdown, links, people).

The layouts' specs compose their ``fields`` from these; :mod:`deckgen.schema` adds the deck,
county and brand files and does the validating. A field that takes a list or a number may
instead hold a single ``{{ variable }}`` that resolves to one
(``people: "{{ county.board.members }}"``): :func:`var_or`.
"""

from __future__ import annotations

from typing import Any

VARIABLE = {"type": "string", "pattern": r"^\s*\{\{[^{}]+\}\}\s*$", "description": "a {{ variable }}"}
TEXT = {"type": "string", "description": "text; inline Markdown and {{ variables }} allowed"}
MARKDOWN = {"type": "string", "description": "Markdown; {{ variables }} allowed"}
CELL = {"type": ["string", "number"], "description": "a table cell: text or a number"}
LINK = {"type": "string", "pattern": r"^(https?://|mailto:|\{\{)", "description": "an http(s) or mailto address"}
ID = {"type": "string", "pattern": r"^[a-z0-9][a-z0-9-]*$"}

PERSON = {
    "type": "object",
    "properties": {
        "name": TEXT,
        "place": {**TEXT, "description": "municipality or organisation"},
        "role": {**TEXT, "description": "e.g. leder, nestleder, medlem"},
    },
    "required": ["name"],
    "additionalProperties": False,
}


# ``continue:`` on a bullets or table slide. YAML 1.1 reads a bare ``off`` as false (and
# ``on``/``yes`` as true), so those mean what the author wrote.
CONTINUE = {
    "enum": ["auto", "off", True, False],
    "description": "'auto': a list or table that cannot fit at the brand's floor continues on "
                   "the next slide; 'off': it never does (default: the brand's 'fit: continue:')",
}


def continuation(value: object) -> str:
    """A slide's ``continue:`` as :attr:`deckgen.model.Slide.continuation` ("auto", "off",
    or "" for the brand's default)."""
    if value is None:
        return ""
    return "auto" if value in ("auto", True) else "off"


def var_or(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema``, or a single ``{{ variable }}`` that resolves to a value of it."""
    return {"anyOf": [schema, VARIABLE]}
