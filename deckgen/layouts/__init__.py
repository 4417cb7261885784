"""The layouts: one :class:`~deckgen.layouts.spec.LayoutSpec` per module, all in :data:`REGISTRY`.

This is the one list of layouts. Every stage looks a layout up here -- the schema its fields,
resolve its builder, brands its placeholder roles, the checks its measured texts and plan,
the renderers its flags and plan -- and each renderer keeps exactly one drawing function per
name in it (``tests/unit/test_layout_registry.py``). A spec that lacks a part fails here, at
import time, rather than falling back to a default somewhere downstream.

Adding a layout: docs/architecture.md, "Adding a layout".
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from deckgen.fitting import FitPolicy
from deckgen.layouts import (
    bullets,
    columns,
    discussion,
    image,
    image_text,
    orgchart,
    question,
    roster,
    section,
    table,
    tiles,
    title,
)
from deckgen.layouts.spec import LayoutSpec, Measured, Plan, PlanPara, PlanTable, PlanText, Sizing, no_plan
from deckgen.model import Box, Slide

__all__ = ["REGISTRY", "LayoutSpec", "Measured", "Plan", "PlanPara", "PlanTable", "PlanText",
           "Sizing", "names", "plan_slide", "register", "unregister", "validate_spec"]

# Fields every slide may have whatever its layout (the schema adds them to each layout's).
COMMON_FIELDS = ("layout", "title", "notes", "id", "hidden_title")


def validate_spec(spec: LayoutSpec) -> None:
    """Raise ``TypeError`` naming what ``spec`` lacks: a layout must be whole to exist."""
    problems = []
    if not spec.name or not spec.name.replace("-", "").isalnum():
        problems.append("a name of letters, digits and '-'")
    if not isinstance(spec.content, type):
        problems.append("a content type")
    if not callable(spec.build) or not callable(spec.measured) or not callable(spec.plan):
        problems.append("a builder, a measure and a planner")
    if set(spec.required) - set(spec.fields):
        problems.append(f"fields for its required keys {sorted(set(spec.required) - set(spec.fields))}")
    if set(spec.fields) & set(COMMON_FIELDS):
        problems.append(f"no fields named like the common ones {sorted(set(spec.fields) & set(COMMON_FIELDS))}")
    if not spec.roles or set(spec.required_roles) - set(spec.roles):
        problems.append("placeholder roles that include its required roles")
    if spec.draws() == (spec.plan is no_plan):
        problems.append("a planner exactly when it draws into an 'area'")
    if problems:
        raise TypeError(f"layout {spec.name!r} is incomplete: it needs " + "; ".join(problems))


_SPECS: dict[str, LayoutSpec] = {}
REGISTRY: Mapping[str, LayoutSpec] = MappingProxyType(_SPECS)  # read-only view, in order


def register(spec: LayoutSpec) -> None:
    """Add a layout (validated whole). deckgen's own are registered below; a test adds an
    example layout this way, and :func:`unregister` takes it out again."""
    validate_spec(spec)
    if spec.name in _SPECS:
        raise ValueError(f"layout {spec.name!r} is registered already")
    _SPECS[spec.name] = spec


def unregister(name: str) -> None:
    _SPECS.pop(name)


def names() -> tuple[str, ...]:
    """The layout names, in registry order."""
    return tuple(_SPECS)


for _spec in (title.SPEC, section.SPEC, bullets.SPEC, columns.SPEC, orgchart.SPEC, roster.SPEC,
              tiles.SPEC, image.SPEC, image_text.SPEC, discussion.SPEC, question.SPEC, table.SPEC):
    register(_spec)


def plan_slide(slide: Slide, area: Box, lang: str, policy: FitPolicy,
               scale: float | None = None) -> Plan:
    """The plan of ``slide``'s layout in ``area``: sizes never below the brand's floor for
    the layout, at the scale the fit step found for the slide's drawn text (its ``area``
    fit; ``scale`` overrides it while the fit step searches). Both renderers and the checks
    plan through here, so they draw and measure the same sizes."""
    found = slide.box_fit("area")
    if scale is None:
        scale = found.scale if found is not None else 1.0
    return _SPECS[slide.layout].plan(slide.content, area, lang, Sizing(policy.floor(slide.layout), scale))
