"""The one definition of what content files may hold, as JSON Schema.

``deckgen schema`` prints it for editors; :func:`validate` checks values with the same
definitions, so the editor and deckgen never disagree. A field that takes a list or a number may
instead hold a single ``{{ variable }}`` that resolves to one (``people: "{{ county.board.members }}"``).
jsonschema is imported here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jsonschema

from deckgen.fitting import DEFAULT_FLOORS
from deckgen.layouts import REGISTRY, names
from deckgen.layouts.fields import ID, MARKDOWN, PERSON, TEXT, VARIABLE
from deckgen.model import unwrap

COMMON_SLIDE = {
    "title": TEXT,
    "notes": {**MARKDOWN, "description": "speaker notes (also ::: notes in the body)"},
    "id": ID,
    "hidden_title": {**TEXT, "description": "title for screen readers and the outline when none shows"},
}


def layout_fields(layout: str) -> dict[str, Any]:
    """The front-matter keys of ``layout``'s slides: its spec's own and the common ones."""
    return {**_layout_key(), **COMMON_SLIDE, **REGISTRY[layout].fields}


def _layout_key() -> dict[str, Any]:
    return {"layout": {"enum": list(names()), "description": "which layout renders the slide"}}


def required_fields(layout: str) -> tuple[str, ...]:
    """The keys a ``layout`` slide cannot do without (the Markdown body may supply others)."""
    return REGISTRY[layout].required


def all_slide_keys() -> frozenset[str]:
    """Every key some slide front matter may hold, whatever its layout."""
    return frozenset(COMMON_SLIDE).union({"layout"}, *(frozenset(spec.fields) for spec in REGISTRY.values()))


def slide_schema(layout: str) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": layout_fields(layout),
        "additionalProperties": False,
    }


SLIDE_REF = {
    "type": "object",
    "properties": {
        "use": {"type": "string", "description": "a slide file in content/slides/ (or one folder below it), without .md"},
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
    # board is not required: a county whose decks have no roster (an imported one, say) has
    # none; a slide that uses {{ county.board.* }} still gets a located error without it.
    "required": ["name"],
    "additionalProperties": {"description": "further data, usable as {{ county.<key> }}"},
}


# --------------------------------------------------------------------------- brand.yaml

# PowerPoint's "Widescreen" and "Standard (4:3)", and its "On-screen Show (16:9)" at 10 x 5.625 in
# (pandoc's reference.pptx and many older templates).
SLIDE_SIZES = {"16:9": (12192000, 6858000), "4:3": (9144000, 6858000), "16:9 on-screen": (9144000, 5143500)}
COLOR_TOKENS = ("primary", "on_primary", "accent", "on_accent", "text", "muted", "surface",
                "background")
FONT_ROLES = ("heading", "body")
FOOTER_ROLES = ("footer", "slide_number")
COLOR = {"type": "string", "pattern": r"^#[0-9A-Fa-f]{6}$", "description": "#RRGGBB, in quotes"}
FLOOR_ROLES = tuple(DEFAULT_FLOORS)
CONTINUE = ("auto", "off")
_FIT_PROPERTIES: dict[str, Any] = {
    "shrink": {"type": "boolean", "description": "tighten line spacing, then reduce sizes down to the floors (default true)"},
    "continue": {"enum": list(CONTINUE), "description": "a list or table that cannot fit at its floor continues on the next slide (default off)"},
    "floors": {"type": "object", "additionalProperties": False,
               "properties": {r: {"type": "number", "minimum": 4, "maximum": 200,
                                  "description": f"points (default {DEFAULT_FLOORS[r]:g})"} for r in FLOOR_ROLES}},
}
FIT = {
    "type": "object",
    "description": "text that does not fit its box is made to fit (docs/brand.md, 'Fitting text')",
    "properties": _FIT_PROPERTIES,
    "additionalProperties": False,
}
FIT_KEYS = tuple(_FIT_PROPERTIES)
IDX = {"type": "integer", "minimum": 0, "description": "a placeholder idx (deckgen brand check lists them)"}


def brand_schema() -> dict[str, Any]:
    """brand.yaml: tokens for both outputs and the mapping of every layout onto the master.
    The layouts' placeholder roles come from their specs, so a new layout is here at once."""
    return {
        "title": "deckgen brand (templates/<brand>/brand.yaml)",
        "type": "object",
        "properties": {
            "name": {"type": "string"},
            "slide_size": {"enum": list(SLIDE_SIZES), "description": "optional: checked against the master's slides, whose size is used"},
            "master": {"type": "string", "description": "the PowerPoint master (.pptx or .potx), relative to brand.yaml"},
            "logo": {"type": "string", "description": "a picture, relative to brand.yaml"},
            "footer": {"type": "string"},
            "colors": {"type": "object", "properties": {t: COLOR for t in COLOR_TOKENS},
                       "required": list(COLOR_TOKENS), "additionalProperties": False},
            "fonts": {"type": "object", "properties": {r: {"type": "string"} for r in FONT_ROLES},
                      "required": list(FONT_ROLES), "additionalProperties": False},
            "font_files": {"type": "object", "properties": {r: {"type": "string"} for r in FONT_ROLES},
                           "additionalProperties": False,
                           "description": "font files to measure text with: the brand folder, then the system's fonts"},
            "footer_placeholders": {"type": "object", "properties": {r: IDX for r in FOOTER_ROLES},
                                    "additionalProperties": False},
            "fit": FIT,
            "layouts": {
                "type": "object",
                "properties": {
                    name: {
                        "type": "object",
                        "description": spec.summary,
                        "properties": {
                            "master": {"type": "string", "description": "the master layout's name"},
                            "placeholders": {"type": "object", "properties": {r: IDX for r in spec.roles},
                                             "required": list(spec.required_roles), "additionalProperties": False},
                        },
                        "required": ["master", "placeholders"],
                        "additionalProperties": False,
                    }
                    for name, spec in REGISTRY.items()
                },
                "additionalProperties": False,
            },
        },
        # Only the master is needed: colours, fonts, logo and the layouts not mapped are
        # inferred from it (resolve/brandinfer.py; `deckgen brand new` writes them out).
        "required": ["master"],
        "additionalProperties": False,
    }


SCHEMA_KINDS = ("all", "deck", "slide", "county", "brand")



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
            "brand": brand_schema(),
            **{f"slide_{name}": slide_schema(name) for name in names()},
            "slide": {
                "type": "object",
                "properties": _layout_key(),
                "allOf": [
                    {"if": {"properties": {"layout": {"const": name}}, "required": ["layout"]}, "then": {"$ref": f"#/$defs/slide_{name}"}}
                    for name in names()
                ],
            },
        },
    }


def validate(instance: Any, schema: dict[str, Any]) -> Iterator[jsonschema.ValidationError]:
    """Every violation of ``schema`` by ``instance``, deepest first. jsonschema (and the
    referencing machinery it brings, ~40 ms) is imported on first use: a Markdown deck whose
    slides need no schema never loads it."""
    if _certainly_valid(instance, schema):
        return
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema)
    yield from sorted(validator.iter_errors(instance), key=lambda e: (list(e.absolute_path).__repr__(), e.message))


# The keywords of the object schemas slide_schema makes, and of the text and choice properties
# _certainly_valid takes as they are.
_OBJECT_KEYS = frozenset({"type", "properties", "additionalProperties", "description", "title"})
_TEXT_KEYS = frozenset({"type", "description"})
_CHOICE_KEYS = frozenset({"enum", "description"})


def _certainly_valid(instance: Any, schema: dict[str, Any]) -> bool:
    """True only when ``instance`` is valid against ``schema`` beyond doubt without asking
    jsonschema: an object schema that only names properties (none required), and an object
    whose every key is one of them holding text that its property takes as it is (a plain
    text property, or a choice that lists the text). Most slides of a Markdown deck have no
    front matter or only ``layout:``, and each would otherwise build a validator; anything
    else, valid or not, goes to jsonschema."""
    if not isinstance(instance, dict) or schema.get("type", "object") != "object" or not _OBJECT_KEYS.issuperset(schema):
        return False
    properties = schema.get("properties", {})
    for key, value in instance.items():
        prop = properties.get(key)
        if not isinstance(value, str) or not isinstance(prop, dict):
            return False
        text = _TEXT_KEYS.issuperset(prop) and prop.get("type") == "string"
        choice = _CHOICE_KEYS.issuperset(prop) and "enum" in prop and value in prop["enum"]
        if not (text or choice):
            return False
    return True


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
    value = unwrap(node)
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
    for error in validate(unwrap(located), schema):
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
            names = " or ".join(_TYPE_NAMES.get(t, str(t)) for t in (expected if isinstance(expected, list) else [expected]))
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
