"""Bad input, as a user meets it: `path:line:col: error: …; hint`, exit 1, no traceback, and
the previous output left exactly as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from deckgen.cli import main

DECK = "content/decks/regionmote.yaml"


def build(project: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(
        main, ["build", str(project / DECK), "--county", "buskerud", "--out", str(project / "build"), *args]
    )


@pytest.fixture()
def good(project: Path) -> tuple[Path, bytes]:
    """The project after one good build, and the bytes of that build."""
    result = build(project)
    assert result.exit_code == 0, result.output
    out = project / "build" / "regionmote-buskerud.pptx"
    return project, out.read_bytes()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def assert_failed_cleanly(project: Path, before: bytes, result, *lines: str) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    for line in lines:
        assert line in result.output, result.output
    assert (project / "build" / "regionmote-buskerud.pptx").read_bytes() == before
    assert not list((project / "build").glob(".deckgen-tmp-*"))


def test_unknown_layout(good) -> None:  # type: ignore[no-untyped-def]
    project, before = good
    edit(project / "content/slides/tre-fylker.md", "layout: bullets", "layout: bulets")
    assert_failed_cleanly(
        project, before, build(project),
        "content/slides/tre-fylker.md:2:9: error: unknown layout 'bulets'; did you mean 'bullets'?",
    )


def test_misspelt_field(good) -> None:  # type: ignore[no-untyped-def]
    project, before = good
    edit(project / "content/slides/foto-bly.md", "credit:", "kredit:")
    assert_failed_cleanly(
        project, before, build(project),
        "content/slides/foto-bly.md:5:1: error: unknown key 'kredit' in image slide; did you mean 'credit'?",
    )


def test_missing_required_field(good) -> None:  # type: ignore[no-untyped-def]
    project, before = good
    edit(project / "content/slides/diskusjon.md", "minutes: 3\npairing: to og to\n---", "pairing: to og to\n---")
    assert_failed_cleanly(
        project, before, build(project),
        "content/slides/diskusjon.md:1:1: error: the discussion slide needs 'minutes:'; add 'minutes:' to the slide's front matter",
    )


def test_wrong_type(good) -> None:  # type: ignore[no-untyped-def]
    project, before = good
    edit(project / "content/slides/diskusjon.md", "minutes: 3", "minutes: tre")
    assert_failed_cleanly(
        project, before, build(project),
        "content/slides/diskusjon.md:3:10: error: 'minutes' must be a whole number, not the text 'tre'; write a whole number",
    )


def test_wrong_type_explains_yaml(good) -> None:  # type: ignore[no-untyped-def]
    project, before = good
    edit(project / "content/decks/regionmote.yaml", "lang: nb-NO", "lang: no")
    assert_failed_cleanly(
        project, before, build(project),
        "content/decks/regionmote.yaml:8:7: error: 'lang' must be text, not false; YAML reads unquoted 'no' as false; write \"no\" in quotes",
    )


def test_malformed_yaml_in_deck(good) -> None:  # type: ignore[no-untyped-def]
    project, before = good
    edit(project / "content/decks/regionmote.yaml", "brand: ks", "brand: [ks")
    result = build(project)
    assert_failed_cleanly(project, before, result, "content/decks/regionmote.yaml:", "error: malformed YAML")


def test_malformed_front_matter(good) -> None:  # type: ignore[no-untyped-def]
    project, before = good
    edit(project / "content/slides/roller.md", "title: Våre roller", "title: Våre: roller")
    assert_failed_cleanly(
        project, before, build(project),
        "content/slides/roller.md:3:12: error: malformed YAML: mapping values are not allowed here; put text that contains ': ' in quotes",
    )


def test_missing_image_with_case_hint(good) -> None:  # type: ignore[no-untyped-def]
    project, before = good
    edit(project / "content/slides/foto-bly.md", "foto-bly.jpg", "Foto-Bly.jpg")
    assert_failed_cleanly(
        project, before, build(project),
        "content/slides/foto-bly.md:3:8: error: picture '../../assets/Foto-Bly.jpg' not found; did you mean 'foto-bly.jpg'? (the letter case differs)",
    )


def test_unknown_county(good) -> None:  # type: ignore[no-untyped-def]
    project, before = good
    result = CliRunner().invoke(main, ["build", str(project / DECK), "--county", "buskerod", "--out", str(project / "build")])
    # --county is typed on the command line: a usage mistake (exit 2), with the deck's counties.
    assert result.exit_code == 2, result.output
    assert ("deckgen: error: --county 'buskerod': content/decks/regionmote.yaml has no such county; "
            "did you mean 'buskerud'? (its counties: akershus, buskerud, ostfold)") in result.output
    assert (project / "build" / "regionmote-buskerud.pptx").read_bytes() == before


def test_all_errors_of_a_run_are_reported_together(good) -> None:  # type: ignore[no-untyped-def]
    project, before = good
    edit(project / "content/slides/tre-fylker.md", "layout: bullets", "layout: bulets")
    edit(project / "content/slides/foto-bly.md", "credit:", "kredit:")
    edit(project / "content/slides/fylkesstyre.md", "{{ county.name }}", "{{ county.nmae }}")
    result = build(project)
    assert_failed_cleanly(
        project, before, result,
        "content/slides/tre-fylker.md:2:9: error: unknown layout",
        "content/slides/foto-bly.md:5:1: error: unknown key 'kredit'",
        "content/slides/fylkesstyre.md:3:27: error: unknown variable 'county.nmae' ('nmae' is not in county); did you mean 'county.name'?",
    )
    lines = [line for line in result.output.splitlines() if ": error: " in line]
    assert lines == sorted(lines)


def test_library_errors_show_where_the_slide_was_used(good) -> None:  # type: ignore[no-untyped-def]
    project, before = good
    edit(project / "content/slides/tre-fylker.md", "layout: bullets", "layout: bulets")
    result = build(project)
    assert "  included from content/decks/regionmote.yaml:" in result.output


def test_impossible_date_is_located(good) -> None:  # type: ignore[no-untyped-def]
    project, before = good
    edit(project / "content/counties/buskerud.yaml", "  name: Regionmøte i Buskerud\n", "  name: Regionmøte i Buskerud\n  date: 2025-02-30\n")
    assert_failed_cleanly(
        project, before, build(project),
        "content/counties/buskerud.yaml:6:9: error: '2025-02-30' is not a date in the calendar; write a real date as YYYY-MM-DD",
    )


def test_date_written_as_text_is_shown_and_builds(project: Path) -> None:
    edit(project / "content/counties/buskerud.yaml", "  name: Regionmøte i Buskerud\n", "  name: Regionmøte i Buskerud\n  date: 5. mars 2025\n")
    result = build(project)
    assert result.exit_code == 0, result.output
    from pptx import Presentation

    prs = Presentation(str(project / "build" / "regionmote-buskerud.pptx"))
    texts = [s.text_frame.text for s in prs.slides[0].shapes if s.has_text_frame]
    assert "5. mars 2025" in texts


def test_unused_parameter_is_a_warning(project: Path) -> None:
    edit(project / DECK, "  - use: diskusjon\n", "  - use: diskusjon\n    with: {minutes: 5}\n")
    result = build(project)
    assert result.exit_code == 0, result.output
    assert "content/decks/regionmote.yaml:26:12: warning: parameter 'minutes' is not used by the slide file 'diskusjon'" in result.output


def test_county_variable_in_a_deck_without_county(tmp_path: Path) -> None:
    (tmp_path / "talk.md").write_text("---\ntitle: T\nbrand: default\n---\n\n# Hei {{ county.name }}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(tmp_path / "talk.md"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "talk.md:6:7: error: 'county.name' needs a county, and this deck is built without one; add 'counties: all' or 'county: <name>' to the deck file" in result.output


def test_a_bug_in_one_county_does_not_stop_the_others(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from deckgen import build as build_module
    from deckgen.build import Options, build_county

    real = build_module.render

    def flaky(deck, options, *rest):  # type: ignore[no-untyped-def]
        if deck.county == "ostfold":
            raise ZeroDivisionError("boom")
        return real(deck, options, *rest)

    monkeypatch.setattr(build_module, "render", flaky)
    options = Options(("pptx",), project / "out", jobs=1)
    bad = build_county(project / DECK, "ostfold", options)
    good = build_county(project / DECK, "buskerud", options)
    assert not bad.ok and bad.exit_code == 70
    assert "internal error (a bug in deckgen" in bad.failure and "ZeroDivisionError: boom" in bad.failure
    assert good.ok and (project / "out" / "regionmote-buskerud.pptx").exists()


def test_every_problem_of_a_slide_is_reported_in_one_run(good) -> None:  # type: ignore[no-untyped-def]
    project, before = good
    slide = project / "content/slides/ny-hverdag.md"
    slide.write_text(
        "---\nlayout: bullets\ntitle: \"{{ county.nmae }}\"\n---\n\n- {{ county.nmea }}\n\n::: notes\n{{ meeting.nme }}\n:::\n",
        encoding="utf-8",
    )
    result = build(project)
    assert_failed_cleanly(
        project, before, result,
        "content/slides/ny-hverdag.md:3:9: error: unknown variable 'county.nmae'",
        "content/slides/ny-hverdag.md:6:3: error: unknown variable 'county.nmea'",
        "content/slides/ny-hverdag.md:9:1: error: unknown variable 'meeting.nme'",
    )


def test_layout_that_is_not_a_name(good) -> None:  # type: ignore[no-untyped-def]
    project, before = good
    edit(project / "content/slides/tre-fylker.md", "layout: bullets", "layout: [bullets]")
    assert_failed_cleanly(project, before, build(project), "content/slides/tre-fylker.md:2:9: error: 'layout' must be a layout name")


def test_county_and_counties_together(good) -> None:  # type: ignore[no-untyped-def]
    project, before = good
    edit(project / DECK, "counties: all", "counties: all\ncounty: buskerud")
    result = build(project)
    assert_failed_cleanly(project, before, result, "content/decks/regionmote.yaml:11:1: error: the deck has both 'county:' and 'counties:'")


def test_a_county_value_error_shows_the_slide_and_deck_that_used_it(good) -> None:  # type: ignore[no-untyped-def]
    project, before = good
    edit(project / "content/slides/fylkesstyre.md", '"{{ county.board.members }}"', '"{{ county.projects }}"')
    result = build(project)
    assert_failed_cleanly(
        project, before, result,
        "content/counties/buskerud.yaml:31:5: error: unknown key 'facts' in roster slide; valid choices: 'name', 'place', 'role'\n"
        "  included from content/slides/fylkesstyre.md:4:9\n"
        "  included from content/decks/regionmote.yaml:18:5",
    )
