"""Every registered layout is complete in every stage and in both renderers; a layout that
lacks a part is refused when it is registered, not met with a default later."""

from __future__ import annotations

import dataclasses
from importlib import resources
from pathlib import Path

import pytest
from fixtures import reveal_sample

from deckgen import schema
from deckgen.errors import Diagnostics, SourceLoc
from deckgen.layouts import REGISTRY, names, validate_spec
from deckgen.layouts.spec import Plan, no_plan
from deckgen.load.yamlsrc import load_yaml_file
from deckgen.model import Box, unwrap
from deckgen.render.pptx.layouts import LAYOUT_RENDERERS

REPO = Path(__file__).resolve().parents[2]
TEMPLATES = resources.files("deckgen.render.reveal") / "templates" / "layouts"
AREA = Box(457200, 1600200, 11277600, 4572000)


def _slides_by_layout() -> dict[str, list]:
    deck = reveal_sample.every_layout_deck()
    out: dict[str, list] = {}
    for slide in deck.slides:
        out.setdefault(slide.layout, []).append(slide)
    return out


@pytest.mark.parametrize("name", names())
def test_every_layout_is_whole_in_every_stage(name: str) -> None:
    spec = REGISTRY[name]
    validate_spec(spec)
    # schema: its fields are the slide schema's, and `deckgen schema` has it
    assert set(spec.fields) <= set(schema.slide_schema(name)["properties"])
    assert f"slide_{name}" in schema.full_schema()["$defs"]
    # both renderers: one drawing function, one template
    assert LAYOUT_RENDERERS[name].__module__ == f"deckgen.render.pptx.layouts.{name.replace('-', '_')}"
    assert (TEMPLATES / f"{name}.html.j2").is_file()
    # the shared sample deck has it, and its spec measures it (placeholder texts and plan)
    slides = _slides_by_layout()[name]
    for slide in slides:
        assert isinstance(slide.content, spec.content)
        spec.measured(slide, "nb-NO")
        spec.visible(slide)
        plan = spec.plan(slide.content, AREA, "nb-NO")
        assert isinstance(plan, Plan)
        if spec.draws():
            assert plan.texts or plan.tables, f"{name} draws into an area but plans nothing"


@pytest.mark.parametrize("brand", ["templates/ks/brand.yaml", "deckgen/brands/default/brand.yaml"])
def test_every_brand_shipped_maps_every_layout(brand: str) -> None:
    doc = load_yaml_file(REPO / brand, brand, Diagnostics(), SourceLoc(brand))
    assert doc is not None
    mapped = doc.value["layouts"].value
    assert set(mapped) == set(names())
    for name in names():
        given = set(mapped[name].value["placeholders"].value)
        assert set(REGISTRY[name].required_roles) <= given <= set(REGISTRY[name].roles), name


def test_no_renderer_draws_a_layout_the_registry_does_not_know() -> None:
    assert set(LAYOUT_RENDERERS) == set(names())
    templates = {p.name.removesuffix(".html.j2") for p in TEMPLATES.iterdir() if p.name.endswith(".j2")}
    assert templates == set(names())


@pytest.mark.parametrize(
    ("change", "missing"),
    [
        ({"roles": ()}, "placeholder roles"),
        ({"required": ("nope",)}, "required keys"),
        ({"plan": no_plan}, "a planner exactly when it draws"),
        ({"fields": {"title": {}}}, "common ones"),
        ({"name": "two words"}, "a name"),
    ],
)
def test_an_incomplete_layout_is_refused(change: dict, missing: str) -> None:
    spec = dataclasses.replace(REGISTRY["columns"], **change)
    with pytest.raises(TypeError, match=missing):
        validate_spec(spec)


def test_every_layout_template_extends_the_slide_frame() -> None:
    for name in names():
        source = (TEMPLATES / f"{name}.html.j2").read_text("utf-8")
        assert '{%- extends "slide.html.j2" -%}' in source, name


@pytest.mark.parametrize("brand", ["templates/ks/brand.yaml", "deckgen/brands/default/brand.yaml"])
def test_the_brand_schema_holds_the_shipped_brands_and_every_layout(brand: str) -> None:
    import jsonschema

    doc = load_yaml_file(REPO / brand, brand, Diagnostics(), SourceLoc(brand))
    assert doc is not None
    brand_schema = schema.full_schema("brand")
    assert list(jsonschema.Draft202012Validator(brand_schema).iter_errors(unwrap(doc))) == []
    assert set(brand_schema["$defs"]["brand"]["properties"]["layouts"]["properties"]) == set(names())
    wrong = {**unwrap(doc), "layouts": {"bulets": {"master": "x", "placeholders": {}}}}
    assert list(jsonschema.Draft202012Validator(brand_schema).iter_errors(wrong))
