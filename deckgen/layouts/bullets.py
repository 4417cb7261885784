"""``bullets``: a title and a body of (nested) list items in the master's body placeholder."""

from __future__ import annotations

from dataclasses import replace

from deckgen.errors import Diagnostics
from deckgen.layouts.fields import CONTINUE, MARKDOWN, TEXT, continuation, var_or
from deckgen.layouts.spec import HINT_BODY, BuildInput, LayoutSpec, Measured, Seen, texts_of, title_measured
from deckgen.model import BulletsContent, Located, Para, Slide, Text


def build(inp: BuildInput, diags: Diagnostics) -> list[Slide]:
    body = inp.block("body", diags) or inp.body
    items = inp.fields.get("items")
    if items is not None:
        body = body + _items(inp, items, diags)
    slide = inp.slide(inp.title(diags), BulletsContent(body))
    return [replace(slide, continuation=continuation(inp.value("continue")))]


def _items(inp: BuildInput, node: Located, diags: Diagnostics) -> Text:
    """``items:`` data (strings, or ``{name, facts}`` as a bullet with sub-bullets) → bullets."""
    paras: list[Para] = []
    for item in node.value:
        if isinstance(item.value, dict):
            name = item.value["name"]
            paras.append(Para(inp.inline_of(name, diags), "bullet", 0, False, name.loc))
            facts = item.value.get("facts")
            for fact in facts.value if facts is not None else []:
                paras.append(Para(inp.inline_of(fact, diags), "bullet", 1, False, fact.loc))
        else:
            paras.append(Para(inp.inline_of(item, diags), "bullet", 0, False, item.loc))
    return tuple(paras)


def measured(slide: Slide, lang: str) -> list[Measured]:
    c = slide.content
    assert isinstance(c, BulletsContent)
    return [*title_measured(slide), Measured("body", c.body, "body text", HINT_BODY)]


def visible(slide: Slide) -> list[Seen]:
    c = slide.content
    assert isinstance(c, BulletsContent)
    return texts_of(c.body)


ITEM = {
    "anyOf": [
        TEXT,
        {
            "type": "object",
            "properties": {"name": TEXT, "facts": {"type": "array", "items": TEXT}},
            "required": ["name"],
        },
    ]
}

SPEC = LayoutSpec(
    name="bullets",
    content=BulletsContent,
    summary="a title and (nested) bullets",
    fields={
        "body": MARKDOWN,
        "continue": CONTINUE,
        "items": var_or({
            "type": "array",
            "description": "bullets as data: text, or {name, facts} for a bullet with sub-bullets",
            "items": ITEM,
        }),
    },
    build=build,
    roles=("title", "body"),
    required_roles=("title", "body"),
    measured=measured,
    visible=visible,
)
