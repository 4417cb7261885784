"""Every layout of model.LAYOUTS has exactly one reveal.js template, and the other way round."""

from __future__ import annotations

from importlib import resources

from deckgen.layouts import NAMES as LAYOUTS

TEMPLATES = resources.files("deckgen.render.reveal") / "templates" / "layouts"


def test_every_layout_has_a_template() -> None:
    missing = [name for name in LAYOUTS if not (TEMPLATES / f"{name}.html.j2").is_file()]
    assert missing == []


def test_no_template_without_a_layout() -> None:
    names = {p.name.removesuffix(".html.j2") for p in TEMPLATES.iterdir() if p.name.endswith(".j2")}
    assert names - set(LAYOUTS) == set()


def test_every_layout_template_extends_the_slide_frame() -> None:
    for name in LAYOUTS:
        source = (TEMPLATES / f"{name}.html.j2").read_text("utf-8")
        assert '{%- extends "slide.html.j2" -%}' in source, name
