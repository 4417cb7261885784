"""The CLI's own surface: help, schema, brand check, usage errors."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import yaml
from click.testing import CliRunner

from deckgen.cli import main

REPO = Path(__file__).resolve().parents[2]


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args))


def test_help_lists_the_commands() -> None:
    result = run("--help")
    assert result.exit_code == 0
    for command in ("build", "check", "schema", "brand"):
        assert command in result.output


def test_schema_validates_the_sample_content() -> None:
    deck_schema = json.loads(run("schema", "deck").output)
    county_schema = json.loads(run("schema", "county").output)
    jsonschema.validate(yaml.safe_load((REPO / "content/decks/regionmote.yaml").read_text(encoding="utf-8")), deck_schema)
    for county in (REPO / "content/counties").glob("*.yaml"):
        jsonschema.validate(yaml.safe_load(county.read_text(encoding="utf-8")), county_schema)


def test_slide_schema_rejects_what_deckgen_rejects() -> None:
    slide_schema = json.loads(run("schema", "slide").output)
    validator = jsonschema.Draft202012Validator(slide_schema)
    assert not list(validator.iter_errors({"layout": "discussion", "minutes": 3, "pairing": "to og to"}))
    assert list(validator.iter_errors({"layout": "discussion", "minutes": "tre"}))
    assert list(validator.iter_errors({"layout": "roster", "peple": []}))


def test_brand_check_lists_layouts_and_mapping() -> None:
    result = CliRunner().invoke(main, ["brand", "check", "ks", "--project", str(REPO)])
    assert result.exit_code == 0, result.output
    assert "'Tittel og innhold'  <- bullets, columns, orgchart, roster, tiles, image-text, table" in result.output
    assert "every deckgen layout is mapped, with every field" in result.output


def test_brand_check_unknown_brand() -> None:
    result = CliRunner().invoke(main, ["brand", "check", "kss", "--project", str(REPO)])
    assert result.exit_code == 2  # the name was typed: a usage mistake
    assert "did you mean 'ks'?" in result.output


def test_missing_deck_file_is_a_usage_error() -> None:
    result = run("build", "nope.yaml")
    assert result.exit_code == 2
    assert result.output.startswith("deckgen: error: nope.yaml: no such deck file")
    assert "Traceback" not in result.output


def test_unknown_format_is_a_usage_error() -> None:
    result = run("build", str(REPO / "content/decks/regionmote.yaml"), "--format", "docx")
    assert result.exit_code == 2
    assert "'docx'; choose from pptx, html, html-single, pdf or all" in result.output


def test_misspelt_deck_file_suggests_the_right_one() -> None:
    result = run("build", str(REPO / "content/decks/regionmote.yml"))
    assert result.exit_code == 2
    assert "no such deck file; did you mean 'regionmote.yaml'?" in result.output


def test_check_json_reports_a_usage_error_as_json() -> None:
    result = CliRunner().invoke(main, ["check", "nope.md", "--format", "json"])
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    assert report["findings"] == [] and "no such deck file" in report["usage_error"]
