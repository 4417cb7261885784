"""The one definition of what content files may hold, as JSON Schema.

``deckgen schema`` prints it for editors; :func:`validate` checks values with the same
definitions, so the editor and deckgen never disagree. A field that takes a list or a number may
instead hold a single ``{{ variable }}`` that resolves to one (``people: "{{ county.board.members }}"``).
jsonschema is imported here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import jsonschema

from deckgen.model import LAYOUTS, Located

VARIABLE = {"type": "string", "pattern": r"^\s*\{\{[^{}]+\}\}\s*$", "description": "a {{ variable }}"}


def _var_or(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, VARIABLE]}


TEXT = {"type": "string", "description": "text; inline Markdown and {{ variables }} allowed"}
MARKDOWN = {"type": "string", "description": "Markdown; {{ variables }} allowed"}
CELL = {"type": ["string", "number"], "description": "a table cell: text or a number"}
LINK = {"type": "string", "pattern": r"^(https?://|mailto:|\{\{)", "description": "an http(s) or mailto address"}

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

COMMON_SLIDE = {
    "layout": {"enum": list(LAYOUTS), "description": "which layout renders the slide"},
    "title": TEXT,
    "notes": {**MARKDOWN, "description": "speaker notes (also ::: notes in the body)"},
    "id": {"type": "string", "pattern": r"^[a-z0-9][a-z0-9-]*$"},
    "hidden_title": {**TEXT, "description": "title for screen readers and the outline when none shows"},
}

LAYOUT_FIELDS: dict[str, dict[str, Any]] = {
    "title": {"subtitle": TEXT, "byline": TEXT},
    "section": {"subtitle": TEXT},
    "bullets": {
        "body": MARKDOWN,
        "items": _var_or(
            {
                "type": "array",
                "description": "bullets as data: text, or {name, facts} for a bullet with sub-bullets",
                "items": {
                    "anyOf": [
                        TEXT,
                        {
                            "type": "object",
                            "properties": {"name": TEXT, "facts": {"type": "array", "items": TEXT}},
                            "required": ["name"],
                        },
                    ]
                },
            }
        ),
    },
    "columns": {
        "intro": MARKDOWN,
        "columns": _var_or(
            {
                "type": "array",
                "minItems": 1,
                "maxItems": 4,
                "items": {
                    "type": "object",
                    "properties": {"heading": TEXT, "body": MARKDOWN},
                    "required": ["heading"],
                    "additionalProperties": False,
                },
            }
        ),
    },
    "orgchart": {
        "direction": {"enum": ["right", "down"]},
        "bodies": _var_or(
            {
                "type": "array",
                "minItems": 1,
                "maxItems": 12,
                "items": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "string", "pattern": r"^[a-z0-9][a-z0-9-]*$"},
                        "name": TEXT,
                        "facts": {"anyOf": [{"type": "array", "items": MARKDOWN}, MARKDOWN]},
                        "elected_by": {"type": "array", "items": {"type": "string"}},
                    },
                    "required": ["id", "name"],
                    "additionalProperties": False,
                },
            }
        ),
    },
    "roster": {
        "people": _var_or({"type": "array", "minItems": 1, "items": PERSON}),
        "per_page": _var_or({"type": "integer", "minimum": 3, "maximum": 16}),
    },
    "tiles": {
        "tiles": _var_or(
            {
                "type": "array",
                "minItems": 1,
                "maxItems": 12,
                "items": {
                    "type": "object",
                    "properties": {
                        "title": TEXT,
                        "url": LINK,
                        "kind": {"enum": ["link", "video"]},
                        "caption": TEXT,
                    },
                    "required": ["title", "url"],
                    "additionalProperties": False,
                },
            }
        ),
    },
    "image": {
        "image": {"type": "string", "description": "picture file, relative to the slide file"},
        "alt": {**TEXT, "description": "what the picture shows, for people who cannot see it"},
        "credit": TEXT,
        "fit": {"enum": ["cover", "contain"]},
        "focus": {"type": "array", "items": {"type": "number", "minimum": 0, "maximum": 1}, "minItems": 2, "maxItems": 2},
    },
    "discussion": {
        "prompt": MARKDOWN,
        "minutes": _var_or({"type": "integer", "minimum": 1, "maximum": 60}),
        "pairing": TEXT,
    },
    "question": {"question": MARKDOWN},
    "table": {
        "header": {"type": "array", "items": CELL},
        "rows": _var_or({"type": "array", "items": {"type": "array", "items": CELL}}),
    },
}

# Which fields each layout cannot do without (the Markdown body may supply some; see resolve).
REQUIRED: dict[str, tuple[str, ...]] = {
    "discussion": ("minutes",),
    "orgchart": ("bodies",),
    "tiles": ("tiles",),
    "columns": ("columns",),
}


def slide_schema(layout: str) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {**COMMON_SLIDE, **LAYOUT_FIELDS[layout]},
        "additionalProperties": False,
    }


SLIDE_REF = {
    "type": "object",
    "properties": {
        "use": {"type": "string", "description": "a slide file in content/slides/, without .md"},
        "with": {"type": "object", "description": "parameters, used as {{ name }} in the slide"},
        "only": {"type": "array", "items": {"type": "string"}, "description": "counties this slide is for"},
        "skip": {"type": "array", "items": {"type": "string"}, "description": "counties this slide is hidden for"},
        "override": {
            "type": "object",
            "description": "county -> a replacement slide entry",
            "additionalProperties": {"type": "object"},
        },
    },
}

DECK = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "deckgen deck (content/decks/*.yaml)",
    "type": "object",
    "properties": {
        "title": TEXT,
        "subtitle": TEXT,
        "author": TEXT,
        "date": {"type": "string", "description": "the meeting date, YYYY-MM-DD"},
        "meeting": {
            "type": "object",
            "properties": {"name": TEXT, "place": TEXT, "date": {"type": "string"}},
            "additionalProperties": {"type": "string"},
        },
        "brand": {"type": "string"},
        "lang": {"type": "string", "pattern": r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$", "description": "a BCP 47 language tag: nb-NO, nn-NO, se-NO, en-GB"},
        "county": {"type": "string"},
        "counties": {
            "anyOf": [{"type": "array", "items": {"type": "string"}, "minItems": 1}, {"enum": ["all"]}],
            "description": "the counties to build a deck for, or all: every file in content/counties/",
        },
        "keywords": {"type": "string"},
        "slides": {"type": "array", "minItems": 1, "items": {"anyOf": [{"type": "object"}, {"type": "string", "description": "a slide file in content/slides/, without .md"}]}},
    },
    "required": ["title", "slides"],
    "additionalProperties": False,
}

COUNTY = {
    "title": "deckgen county data (content/counties/*.yaml)",
    "type": "object",
    "properties": {
        "name": {"type": "string"},
        "example": {"type": "boolean", "description": "true for made-up example data"},
        "region_office": {"type": "string"},
        "meeting": {"type": "object", "additionalProperties": {"type": "string"}},
        "board": {
            "type": "object",
            "properties": {
                "name": {"type": "string"},
                "period": {"type": "string"},
                "members": {"type": "array", "items": PERSON, "minItems": 1},
            },
            "required": ["period", "members"],
            "additionalProperties": False,
        },
        "councils": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"name": {"type": "string"}, "short": {"type": "string"}, "municipalities": {"type": "array", "items": {"type": "string"}}},
                "required": ["name"],
                "additionalProperties": False,
            },
        },
        "projects": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"name": {"type": "string"}, "facts": {"type": "array", "items": {"type": "string"}}},
                "required": ["name"],
                "additionalProperties": False,
            },
        },
    },
    "required": ["name", "board"],
    "additionalProperties": {"description": "further data, usable as {{ county.<key> }}"},
}


SCHEMA_KINDS = ("all", "deck", "slide", "county")


def full_schema(kind: str = "all") -> dict[str, Any]:
    """For ``deckgen schema``: the definitions of deck, slide front matter per layout and
    county, rooted at one of them (``kind``) so an editor can bind it to those files."""
    bundle = _bundle()
    if kind != "all":
        bundle["$ref"] = f"#/$defs/{kind}"
        bundle["title"] = bundle["$defs"][kind].get("title", f"deckgen {kind}")
    return bundle


def _bundle() -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://deckgen.invalid/schema.json",
        "title": "deckgen content files",
        "$defs": {
            "deck": DECK,
            "slide_ref": SLIDE_REF,
            "county": COUNTY,
            **{f"slide_{name}": slide_schema(name) for name in LAYOUTS},
            "slide": {
                "type": "object",
                "properties": {"layout": COMMON_SLIDE["layout"]},
                "allOf": [
                    {"if": {"properties": {"layout": {"const": name}}, "required": ["layout"]}, "then": {"$ref": f"#/$defs/slide_{name}"}}
                    for name in LAYOUTS
                ],
            },
        },
    }


def validate(instance: Any, schema: dict[str, Any]) -> Iterator[jsonschema.ValidationError]:
    """Every violation of ``schema`` by ``instance``, deepest first."""
    validator = jsonschema.Draft202012Validator(schema)
    yield from sorted(validator.iter_errors(instance), key=lambda e: (list(e.absolute_path).__repr__(), e.message))


# --------------------------------------------------------------------------- located messages

_TYPE_NAMES = {"string": "text", "integer": "a whole number", "number": "a number", "array": "a list", "object": "a mapping of keys", "boolean": "true or false"}


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "empty"
    if isinstance(value, str):
        return f"the text {value!r}"
    return repr(value)


def _at(root: Any, path: list[Any]) -> Any:
    """The Located node at a jsonschema path (keys and indexes)."""
    node = root
    for step in path:
        value = node.value
        found = step in value if isinstance(value, dict) else isinstance(value, list) and isinstance(step, int) and step < len(value)
        if not found:
            break
        node = value[step]
    return node


# What a deck's slide entry says about a slide (which file, its parameters, for which counties):
# written in the slide file, it is a mistake of place, not a misspelling.
DECK_ENTRY_KEYS = ("use", "with", "only", "skip", "override")


def _deck_entry_key(key: str, node: Any, diags: Any) -> None:
    where = node.key_loc or node.loc
    entry = where.included_from
    stem = where.path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    value = plain(node)
    shown = "[" + ", ".join(str(v) for v in value) + "]" if isinstance(value, list) else str(value)
    place = f" (the entry '- use: {stem}' at {entry})" if entry is not None else f" ('- use: {stem}')"
    diags.error(
        where,
        f"'{key}:' goes in the deck's list of slides, not in the slide file",
        f"delete it here and write it under this slide's entry in the deck{place}: {key}: {shown}",
    )


def check_against(located: Any, schema: dict[str, Any], diags: Any, what: str) -> bool:
    """Validate a Located tree; add one located error per problem. True when valid.

    ``what`` names the thing for messages ("deck", "slide 'roster'", "county file").
    """
    from deckgen.errors import did_you_mean

    ok = True
    for error in validate(plain(located), schema):
        ok = False
        if error.validator == "anyOf":
            branch = [e for e in (error.context or []) if e.schema is not VARIABLE and e.schema.get("pattern") != VARIABLE["pattern"]]
            if branch:
                error = branch[0]
        path = list(error.absolute_path) if error.absolute_path is not None else list(error.path)
        node = _at(located, path)
        field = ".".join(str(p) for p in path) or what
        v = error.validator
        if v == "additionalProperties":
            props = error.schema.get("properties", {})
            for key, child in node.value.items():
                if key not in props and key in DECK_ENTRY_KEYS and what.endswith("slide"):
                    _deck_entry_key(key, child, diags)
                elif key not in props:
                    diags.error(child.key_loc or child.loc, f"unknown key {key!r} in {what}", did_you_mean(key, props))
        elif v == "required":
            missing = error.message.split("'")[1] if "'" in error.message else "?"
            diags.error(node.loc, f"{what}: missing required field {missing!r}", f"add '{missing}:'")
        elif v == "enum":
            choices = [str(c) for c in error.validator_value]
            diags.error(node.loc, f"{_kind(node.value)} is not a valid value for {field!r}", did_you_mean(str(node.value), choices))
        elif v == "type":
            expected = error.validator_value
            names = " or ".join(_TYPE_NAMES.get(t, t) for t in (expected if isinstance(expected, list) else [expected]))
            hint = yaml_surprise(node) if expected == "string" else ""
            if expected == "array" and isinstance(node.value, (str, int, float)) and not isinstance(node.value, bool):
                # skip: akershus → skip: [akershus]: one entry is still a list.
                hint = f"write a list, even of one: {path[-1] if path else field}: [{node.value}]"
            diags.error(node.loc, f"{field!r} must be {names}, not {_kind(node.value)}", hint or f"write {names}")
        elif v in ("minimum", "maximum"):
            diags.error(node.loc, f"{field!r} is {node.value}; it must be {'at least' if v == 'minimum' else 'at most'} {error.validator_value}", "change the number")
        elif v in ("minItems", "maxItems"):
            diags.error(node.loc, f"{field!r} has {len(node.value)} entries; {'at least' if v == 'minItems' else 'at most'} {error.validator_value} allowed", "split the slide" if v == "maxItems" else "add entries")
        elif v == "pattern":
            diags.error(node.loc, f"{field!r} has the invalid value {node.value!r}", error.schema.get("description") or f"it must match {error.validator_value}")
        else:
            diags.error(node.loc, f"{field!r}: {error.message}", "see `deckgen schema`")
    return ok


def plain(located: Any) -> Any:
    """Unwrap a located tree into plain dicts, lists and scalars: the one unwrapper (load,
    resolve and check use it). A part that is not :class:`Located` (data built in code, a
    value already substituted, None) is taken as it is, its items unwrapped."""
    value = located.value if isinstance(located, Located) else located
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def yaml_surprise(located: Any) -> str:
    """Explain a YAML 1.1 reading of an unquoted value where text was expected, or ''."""
    raw = located.raw
    value = located.value
    if raw is None:
        return ""
    if isinstance(value, bool):
        return f"YAML reads unquoted {raw!r} as {str(value).lower()}; write \"{raw}\" in quotes"
    if isinstance(value, int) and ":" in raw:
        return f"YAML 1.1 reads {raw!r} as the number {value} (base 60); write \"{raw}\" in quotes"
    if isinstance(value, int) and not isinstance(value, bool) and str(value) != raw.lstrip("+"):
        # 0755 (octal), 0x1F, 1_000: the number is not what was written.
        return f"YAML reads {raw!r} as the number {value}; write \"{raw}\" in quotes"
    if isinstance(value, float) and raw != repr(value):
        return f"YAML reads {raw!r} as the number {value!r}; write \"{raw}\" in quotes"
    if value is None:
        return f"YAML reads {raw!r} as empty; write a value"
    return f"write \"{raw}\" in quotes to make it text"
