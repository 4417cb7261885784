"""Scaffolding: a new deck lists the whole library and every county and builds; a new county
file has every field the library uses, loads against the county schema and builds the seed
deck; names are checked; nothing is overwritten."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from deckgen.build import Options, build
from deckgen.errors import Diagnostics, SourceLoc, UsageError
from deckgen.load.yamlsrc import load_yaml_file
from deckgen.project import Project
from deckgen.resolve.county import load_county
from deckgen.scaffold import check_name, county_text, new_county, new_deck, used_variables


def test_new_deck_lists_every_slide_file_and_county_and_builds(project: Path) -> None:
    path, files, counties = new_deck("styremote-2025", project)
    assert path == project / "content" / "decks" / "styremote-2025.yaml"
    text = path.read_text(encoding="utf-8")
    slide_files = sorted(p.stem for p in (project / "content" / "slides").glob("*.md"))
    listed = re.findall(r"^  - use: (\S+)\s+# (.+)$", text, re.M)
    assert sorted(name for name, _ in listed) == slide_files == sorted(slide_files)
    assert files == len(slide_files)
    assert listed[0][0] == "tittel"  # the title slide first
    assert dict(listed)["roller"] == "columns: Våre roller"
    assert dict(listed)["diskusjon"].startswith("2 slides: discussion: Hvilke forventninger")
    county_keys = sorted(p.stem for p in (project / "content" / "counties").glob("*.yaml"))
    assert re.findall(r"^  - ([a-z0-9_-]+)\s+#", text, re.M) == county_keys
    assert counties == len(county_keys)
    diags = Diagnostics()
    assert load_yaml_file(path, "content/decks/styremote-2025.yaml", diags) is not None
    assert not diags.errors
    results, problems = build(path, "buskerud", Options(formats=("pptx", "html"), out_dir=project / "out", jobs=1))
    assert not problems
    assert [r.ok for r in results] == [True], [d.format() for r in results for d in r.diagnostics]
    assert results[0].slides == 12


def test_new_county_has_every_field_the_library_uses_and_builds(project: Path) -> None:
    used = used_variables(Project(project.resolve()))
    assert ("county", "board", "members") in used and ("meeting", "council") in used
    assert used[("county", "projects")] == ["slides/prosjekter.md"]
    path, variables = new_county("nordland", project)
    text = path.read_text(encoding="utf-8")
    assert variables == sum(1 for p in used if p[0] == "county")
    for key in ("name", "region_office", "board", "projects"):
        assert re.search(rf"^{key}:", text, re.M), key
    assert re.search(r"^  council: .*used by diskusjon\.md", text, re.M)
    assert re.search(r"^  members: .*used by fylkesstyre\.md", text, re.M)
    assert re.search(r"^# councils:", text, re.M)  # known to the schema, used by no slide: commented out
    assert "example: true" in text and "Ola Eksempel" in text
    diags = Diagnostics()
    data = load_county("nordland", Project(project.resolve()), SourceLoc("<test>"), diags)
    assert data is not None and not diags.errors, [d.format() for d in diags]
    deck = project / "content" / "decks" / "regionmote.yaml"
    results, problems = build(deck, "nordland", Options(formats=("pptx",), out_dir=project / "out", jobs=1))
    assert not problems
    assert [r.ok for r in results] == [True], [d.format() for r in results for d in r.diagnostics]


def test_new_county_adds_fields_the_library_uses_that_the_schema_does_not_know(project: Path) -> None:
    slide = project / "content" / "slides" / "kontakt.md"
    slide.write_text("# Kontakt\n\n- {{ county.contact.email }}\n- {{ county.website }}\n", encoding="utf-8")
    text = county_text("nordland", Project(project.resolve()))
    assert re.search(r"^contact: .*\n  email: Eksempel\s+# .*used by kontakt\.md", text, re.M)
    assert re.search(r"^website: Eksempel\s+# .*used by kontakt\.md", text, re.M)


@pytest.mark.parametrize(("bad", "suggestion"), [("Styremøte", "styremote"), ("Øst Fold", "ost-fold"), ("../x", "x"), ("-x", "x"), ("", "")])
def test_names_are_checked_with_a_suggestion(bad: str, suggestion: str) -> None:
    with pytest.raises(UsageError) as caught:
        check_name(bad, "deck")
    message = str(caught.value)
    assert "is not valid" in message
    if suggestion:
        assert f"try '{suggestion}'" in message
    else:
        assert "try" not in message


def test_nothing_is_overwritten(project: Path) -> None:
    before = (project / "content" / "counties" / "buskerud.yaml").read_bytes()
    with pytest.raises(UsageError, match=r"content/counties/buskerud\.yaml exists already"):
        new_county("buskerud", project)
    assert (project / "content" / "counties" / "buskerud.yaml").read_bytes() == before
    with pytest.raises(UsageError, match=r"content/decks/regionmote\.yaml exists already"):
        new_deck("regionmote", project)


def test_outside_a_project_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no content/ folder"):
        new_deck("x", tmp_path)
