"""deckgen.schema answers "certainly valid" without jsonschema only where jsonschema agrees:
every layout's slide schema, against front matter that is empty, text, a layout name, or
values of every other kind (lists, numbers, mappings, misspelt keys, unknown layouts)."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest

from deckgen import schema
from deckgen.layouts import names

INSTANCES: list[Any] = [
    {},
    {"layout": "title"},
    {"layout": "bullets", "title": "Hei"},
    {"layout": "nope"},
    {"title": "Hei", "subtitle": "Mer"},
    {"titel": "misspelt"},
    {"title": 3},
    {"title": ["a"]},
    {"title": None},
    {"people": "{{ county.board.members }}"},
    {"people": "not a variable"},
    {"columns": 2},
    {"continue": "auto"},
    {"continue": "sometimes"},
    {"url": "javascript:alert(1)"},
    {"id": "Not An Id"},
    {"items": []},
    [],
    "text",
]


@pytest.mark.parametrize("layout", names())
def test_certainly_valid_only_where_jsonschema_finds_nothing(layout: str) -> None:
    slide = schema.slide_schema(layout)
    fast = 0
    for instance in [*INSTANCES, *({key: "tekst"} for key in slide["properties"])]:
        errors = list(jsonschema.Draft202012Validator(slide).iter_errors(instance))
        if schema._certainly_valid(instance, slide):
            fast += 1
            assert errors == [], (layout, instance)
        assert sorted(e.message for e in schema.validate(instance, slide)) == sorted(e.message for e in errors)
    assert fast >= 3  # empty, a layout name, a text field: the fast path is taken at all
