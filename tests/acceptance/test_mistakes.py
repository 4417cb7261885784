"""The mistakes office staff make, as they make them (issue 15): each is written into a copy of
content/, the CLI runs, and the message names the file and line where the fix goes, says what
is wrong in the author's words and shows the line as it should be written."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from pptx import Presentation

from deckgen.cli import main

DECK = "content/decks/regionmote.yaml"


def run(project: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def build(project: Path, *args: str):  # type: ignore[no-untyped-def]
    return run(project, "build", str(project / DECK), "--county", "buskerud", "--out", str(project / "build"), *args)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def failed(result, line: str, code: int = 1) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    assert line in result.output.splitlines(), result.output


# --- YAML slips, in the author's words -------------------------------------------------------

def test_word_quotes_around_a_value(project: Path) -> None:
    edit(project / "content/slides/roller.md", "title: Våre roller", "title: “Status: våren 2025”")
    failed(build(project),
           "content/slides/roller.md:3:8: error: the text is in curly quotes (“ ”) from Word, which YAML "
           "does not read as quotes, so the ': ' inside it breaks the line; write: title: \"Status: våren 2025\"")


def test_list_dash_without_its_space(project: Path) -> None:
    edit(project / DECK, "  - use: roller", "  -use: roller")
    failed(build(project),
           "content/decks/regionmote.yaml:16:3: error: a list entry needs a space after its '-'; write: - use: roller")


def test_list_dash_without_its_space_on_the_first_entry(project: Path) -> None:
    # YAML reads a first '-use: tittel' as a key '-use' without complaint: still named as the slip.
    edit(project / DECK, "  - use: tittel", "  -use: tittel")
    failed(build(project),
           "content/decks/regionmote.yaml:15:3: error: a list entry needs a space after its '-'; write: - use: tittel")


def test_non_breaking_space_in_indentation(project: Path) -> None:
    edit(project / "content/counties/buskerud.yaml", "  period:", "\u00a0 period:")
    failed(build(project),
           "content/counties/buskerud.yaml:10:1: error: this line is indented with a non-breaking space (copied "
           "from Word or a web page), which YAML does not count as indentation; retype the indentation with "
           "ordinary spaces: '  period: \"2024-2027\"'")


def test_non_breaking_space_reported_on_its_own_line_not_where_yaml_noticed(project: Path) -> None:
    edit(project / "content/counties/buskerud.yaml", "  name: Fylkesstyret i KS Buskerud\n  period:",
         "\u00a0\u00a0name: Fylkesstyret i KS Buskerud\n  period:")
    result = build(project)
    failed(result, "content/counties/buskerud.yaml:9:1: error: this line is indented with a non-breaking space "
                   "(copied from Word or a web page), which YAML does not count as indentation; retype the "
                   "indentation with ordinary spaces: '  name: Fylkesstyret i KS Buskerud'")


def test_comma_inside_a_flow_mapping(project: Path) -> None:
    edit(project / "content/counties/buskerud.yaml", "{name: Heidi Granli,", "{name: Sæther, Ingrid,")
    failed(build(project),
           "content/counties/buskerud.yaml:12:14: error: the comma in 'Sæther, Ingrid' ends the text, so 'Ingrid' "
           "became a field of its own; put text with a comma in quotes; write: - {name: \"Sæther, Ingrid\", "
           "place: Gol, role: leder}")


def test_soft_hyphen_in_a_key_is_refused_and_kept_in_text(project: Path) -> None:
    edit(project / "content/slides/diskusjon.md", "pairing: to og to\n---", "pai\u00adring: to og to\n---")
    failed(build(project),
           "content/slides/diskusjon.md:4:1: error: the key 'pairing' holds an invisible soft hyphen (U+00AD); "
           "retype the key: pairing:")


def test_soft_hyphen_in_text_is_kept(project: Path) -> None:
    edit(project / "content/slides/roller.md", "title: Våre roller", "title: Våre rol\u00adler")
    result = build(project)
    assert result.exit_code == 0, result.output
    prs = Presentation(str(project / "build/regionmote-buskerud.pptx"))
    assert prs.slides[1].shapes.title.text == "Våre rol\u00adler"


def test_front_matter_without_its_closing_rule(project: Path) -> None:
    edit(project / "content/slides/tre-fylker.md", "layout: bullets\n---", "layout: bullets\ntitle: Tre fylker\n")
    failed(build(project),
           "content/slides/tre-fylker.md:4:1: error: the front matter that starts on line 1 has no closing '---', "
           "so its fields are read as slide text; write '---' on a line of its own below 'title: Tre fylker'")


# --- Word's bullets -------------------------------------------------------------------------

def test_a_list_pasted_from_word_is_a_list(project: Path) -> None:
    (project / "content/slides/ny-hverdag.md").write_text(
        "# Ny hverdag\n\n•\tFørste\n•\tAndre\n\t▪\tUnderpunkt\n–\tTredje\n", encoding="utf-8")
    result = build(project)
    assert result.exit_code == 0, result.output
    assert "info findings (deckgen check lists them)" in result.output  # a build counts them
    listed = run(project, "check", str(project / DECK), "--county", "buskerud")
    assert ("content/slides/ny-hverdag.md:3:1: info: read as a list: lines 3, 4, 5, 6 start with a bullet "
            "character and a tab, as Word writes lists; write '- ' at the start of each line to make it plain "
            "Markdown [word-bullets]") in listed.output
    prs = Presentation(str(project / "build/regionmote-buskerud.pptx"))
    slide = next(s for s in prs.slides if s.shapes.title is not None and s.shapes.title.text == "Ny hverdag")
    body = next(p for p in slide.placeholders if p.placeholder_format.idx != 0 and p.has_text_frame
                and "Første" in p.text_frame.text)
    paras = [(p.text, p.level) for p in body.text_frame.paragraphs]
    assert paras == [("Første", 0), ("Andre", 0), ("Underpunkt", 1), ("Tredje", 0)]


def test_word_bullets_are_not_a_strict_failure(project: Path) -> None:
    (project / "content/slides/ny-hverdag.md").write_text("# Ny hverdag\n\n•\tFørste\n•\tAndre\n", encoding="utf-8")
    result = run(project, "check", str(project / DECK), "--county", "buskerud", "--strict")
    assert result.exit_code == 0, result.output
    assert "[word-bullets]" in result.output


# --- the command line ------------------------------------------------------------------------

def test_county_and_format_in_any_case(project: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(project)
    result = run(project, "build", DECK, "--county", "Østfold", "--format", "PPTX,Html")
    assert result.exit_code == 0, result.output
    assert "content/counties/ostfold.yaml:1:1: info: --county 'Østfold' is this county file; county key 'ostfold'" in result.output
    assert (project / "build/regionmote-ostfold.pptx").is_file()
    assert (project / "build/regionmote-ostfold/index.html").is_file()


def test_unknown_county_is_a_usage_mistake(project: Path) -> None:
    result = run(project, "check", str(project / DECK), "--county", "Buskerod")
    failed(result, "deckgen: error: --county 'Buskerod': content/decks/regionmote.yaml has no such county; "
                   "did you mean 'buskerud'? (its counties: akershus, buskerud, ostfold)", code=2)


def test_a_deck_by_its_name(project: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(project)
    result = run(project, "build", "regionmote", "--county", "buskerud")
    assert result.exit_code == 0, result.output
    assert (project / "build/regionmote-buskerud.pptx").is_file()
    failed(run(project, "build", "regionmte"),
           "deckgen: error: regionmte: no such deck file; did you mean 'regionmote.yaml'?", code=2)


def test_unknown_brand_on_the_command_line(project: Path) -> None:
    failed(run(project, "brand", "check", "ksx", "--project", str(project)),
           "deckgen: error: unknown brand 'ksx'; did you mean 'ks'? (the brands here: default, ks)", code=2)


def test_only_written_in_the_slide_file(project: Path) -> None:
    edit(project / "content/slides/roller.md", "layout: columns", "layout: columns\nonly: [buskerud]")
    result = build(project)
    failed(result, "content/slides/roller.md:3:1: error: 'only:' goes in the deck's list of slides, not in the "
                   "slide file; delete it here and write it under this slide's entry in the deck ('- use: roller'): "
                   "only: [buskerud]")
    assert "  included from content/decks/regionmote.yaml:16:5" in result.output.splitlines()


def test_skip_of_one_county_without_a_list(project: Path) -> None:
    edit(project / DECK, "  - use: prosjekter", "  - use: prosjekter\n    skip: akershus")
    failed(build(project), "content/decks/regionmote.yaml:24:11: error: 'skip' must be a list, not the text "
                           "'akershus'; write a list, even of one: skip: [akershus]")


# --- pictures ---------------------------------------------------------------------------------

def test_picture_path_written_from_the_project_folder(project: Path) -> None:
    edit(project / "content/slides/foto-bly.md", "../../assets/foto-bly.jpg", "assets/foto-bly.jpg")
    failed(build(project), "content/slides/foto-bly.md:3:8: error: picture 'assets/foto-bly.jpg' not found in "
                           "content/slides; paths are relative to the file that names them; write: image: ../../assets/foto-bly.jpg")


def test_picture_named_without_its_folder_is_never_matched_with_a_slide_file(project: Path) -> None:
    edit(project / "content/slides/foto-bly.md", "../../assets/foto-bly.jpg", "foto-bly.jpg")
    result = build(project)
    failed(result, "content/slides/foto-bly.md:3:8: error: picture 'foto-bly.jpg' not found in content/slides; "
                   "paths are relative to the file that names them; write: image: ../../assets/foto-bly.jpg")
    assert "foto-bly.md'?" not in result.output


def test_misspelt_picture_never_suggests_a_markdown_file(project: Path) -> None:
    edit(project / "content/slides/foto-bly.md", "../../assets/foto-bly.jpg", "foto-bli.jpg")
    result = build(project)
    failed(result, "content/slides/foto-bly.md:3:8: error: picture 'foto-bli.jpg' not found; check the spelling "
                   "and that the file is inside the project")


# --- county files ----------------------------------------------------------------------------

def test_misspelt_county_key_is_found_in_the_county_file(project: Path) -> None:
    edit(project / "content/counties/buskerud.yaml", "region_office:", "regon_office:")
    result = build(project)
    failed(result, "content/counties/buskerud.yaml:3:1: error: no slide uses the county key 'regon_office', but "
                   "regionmote.yaml uses 'region_office'; did you mean 'region_office'? write: region_office: KS Viken")
    assert "county.regon_office" not in result.output  # the typo is never suggested
    assert len([line for line in result.output.splitlines() if ": error: " in line]) == 1


def test_misspelt_list_key_names_the_slide_that_uses_it(project: Path) -> None:
    edit(project / "content/counties/buskerud.yaml", "projects:", "prosjekter:")
    failed(build(project), "content/counties/buskerud.yaml:29:1: error: no slide uses the county key 'prosjekter', "
                           "but prosjekter.md uses 'projects'; did you mean 'projects'? write: projects:")


def test_misspelt_meeting_is_found_in_the_county_file(project: Path) -> None:
    edit(project / "content/counties/buskerud.yaml", "meeting:", "meting:")
    result = build(project)
    failed(result, "content/counties/buskerud.yaml:4:1: error: no slide uses the county key 'meting', but "
                   "'meeting' is a county field deckgen knows; did you mean 'meeting'? write: meeting:")
    assert len([line for line in result.output.splitlines() if ": error: " in line]) == 1


def test_example_data_warns_for_each_county_and_fails_strict(project: Path) -> None:
    result = run(project, "build", str(project / DECK), "--out", str(project / "build"))
    assert result.exit_code == 0, result.output
    warning = ("content/counties/ostfold.yaml:4:1: warning: the data for Østfold is made-up example data "
               "('example: true'), and this deck is built with it; replace the example values, then delete this "
               "line [example-data]")
    assert warning in result.output.splitlines()
    assert "buskerud.yaml:" not in result.output  # real data: no warning
    strict = run(project, "check", str(project / DECK), "--strict")
    assert strict.exit_code == 1, strict.output
    assert warning in strict.output.splitlines()


def test_new_county_knows_norwegian_county_names(project: Path) -> None:
    result = run(project, "new", "county", "more-og-romsdal", "--project", str(project))
    assert result.exit_code == 0, result.output
    text = (project / "content/counties/more-og-romsdal.yaml").read_text(encoding="utf-8")
    assert "\nname: Møre og Romsdal " in text and "More Og Romsdal" not in text
    result = run(project, "new", "county", "Trøndelag", "--project", str(project))
    assert result.exit_code == 0, result.output
    assert "\nname: Trøndelag " in (project / "content/counties/trondelag.yaml").read_text(encoding="utf-8")
    built = run(project, "build", str(project / DECK), "--county", "more-og-romsdal", "--out", str(project / "build"))
    assert ("content/counties/more-og-romsdal.yaml:6:1: warning: the data for Møre og Romsdal is made-up example "
            "data ('example: true'), and this deck is built with it; replace the example values, then delete this "
            "line [example-data]") in built.output.splitlines()


def test_new_county_asks_for_a_name_it_does_not_know(project: Path) -> None:
    failed(run(project, "new", "county", "svalbard", "--project", str(project)),
           "deckgen: error: county 'svalbard' is not a Norwegian county deckgen knows, so it cannot tell how its "
           "name is written; give the name as slides should show it: deckgen new county svalbard --name \"…\"", code=2)
    assert not (project / "content/counties/svalbard.yaml").exists()
    result = run(project, "new", "county", "svalbard", "--name", "Svalbard", "--project", str(project))
    assert result.exit_code == 0, result.output
    assert "\nname: Svalbard " in (project / "content/counties/svalbard.yaml").read_text(encoding="utf-8")


# --- nothing is lost silently ----------------------------------------------------------------

TABLE = "---\nlayout: table\ntitle: Tall\n---\n\n| Fylke | Kontor |\n|---|---|\n| {{ county.name }} | {{ county.%s }} |\n"


def test_variables_in_a_markdown_table_are_filled_in(project: Path) -> None:
    (project / "content/slides/ny-hverdag.md").write_text(TABLE % "region_office", encoding="utf-8")
    result = build(project, "--format", "pptx,html")
    assert result.exit_code == 0, result.output
    prs = Presentation(str(project / "build/regionmote-buskerud.pptx"))
    table = next(sh.table for s in prs.slides for sh in s.shapes if sh.has_table and sh.table.cell(0, 0).text == "Fylke")
    assert [table.cell(1, 0).text, table.cell(1, 1).text] == ["Buskerud", "KS Viken"]
    html = (project / "build/regionmote-buskerud/index.html").read_text(encoding="utf-8")
    assert "{{" not in html and ">KS Viken<" in html


def test_a_misspelt_variable_in_a_table_cell_is_located(project: Path) -> None:
    (project / "content/slides/ny-hverdag.md").write_text(TABLE % "region_ofice", encoding="utf-8")
    failed(build(project), "content/slides/ny-hverdag.md:8:23: error: unknown variable 'county.region_ofice' "
                           "('region_ofice' is not in county); did you mean 'county.region_office'?")


def test_a_picture_in_a_bullets_body_is_named(project: Path) -> None:
    edit(project / "content/slides/tre-fylker.md", "# Organisering med tre nye fylker\n",
         "# Organisering med tre nye fylker\n\n![Kart](../../assets/foto-bly.jpg)\n\n![Mangler](mangler.jpg)\n")
    result = build(project)
    assert result.exit_code == 0, result.output
    for line, src in ((7, "../../assets/foto-bly.jpg"), (9, "mangler.jpg")):
        assert (f"content/slides/tre-fylker.md:{line}:1: warning: the picture '{src}' is left out: a bullets slide has "
                "no place for a picture (Marp's ![bg] backgrounds too); give it a slide of its own: '---', then the "
                "picture alone in a paragraph [dropped-picture]") in result.output.splitlines()


MARP = """---
marp: true
title: Kommuneøkonomi 2025
---

<!-- _class: lead -->
# Kommuneøkonomi 2025

Regionmøte våren 2025

---

# Kart

![%s](../assets/foto-bly.jpg)
"""


def marp(project: Path, alt: str, *args: str):  # type: ignore[no-untyped-def]
    (project / "talks").mkdir()
    (project / "talks/talk.md").write_text(MARP % alt, encoding="utf-8")
    return run(project, "build", str(project / "talks/talk.md"), "--out", str(project / "build"), "--format", "pptx,html", *args)


def test_marp_title_slide_is_not_doubled(project: Path) -> None:
    result = marp(project, "bg Landskap med åser")
    assert result.exit_code == 0, result.output
    prs = Presentation(str(project / "build/talk.pptx"))
    titles = [s.shapes.title.text if s.shapes.title is not None else "" for s in prs.slides]
    assert titles.count("Kommuneøkonomi 2025") == 1 and len(prs.slides) == 2
    first = [sh.text_frame.text for sh in prs.slides[0].shapes if sh.has_text_frame]
    assert "Regionmøte våren 2025" in first


def test_marp_picture_keywords_are_not_alt_text(project: Path) -> None:
    result = marp(project, "bg Landskap med åser")
    assert result.exit_code == 0, result.output
    html = (project / "build/talk/index.html").read_text(encoding="utf-8")
    assert 'alt="Landskap med åser"' in html and 'alt="bg' not in html


def test_marp_keywords_alone_are_no_alt_text(project: Path) -> None:
    # A quality finding: the draft builds (exit 0) with the warning; --strict fails on it.
    result = marp(project, "w:300", "--strict")
    failed(result, "talks/talk.md:15:1: warning: picture 'foto-bly.jpg' has no alt text; add 'alt:' saying what the "
                   "picture shows (a Markdown picture: ![what it shows](file); Marp's keywords such as bg or w:300 are "
                   "not alt text: ![bg what it shows](file)) [alt-text]")


def test_alt_field_of_marp_keywords_is_refused(project: Path) -> None:
    edit(project / "content/slides/foto-bly.md", "alt: Landskap med åser og vann under en lys himmel", "alt: bg")
    failed(build(project, "--strict"), "content/slides/foto-bly.md:3:8: warning: the alt text of 'foto-bly.jpg' is Marp's picture "
                           "keywords ('bg'), not a description; describe what the picture shows, in a sentence [alt-text]")


def test_outputs_left_from_an_earlier_build_are_named(project: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(project)
    assert run(project, "build", DECK, "--county", "buskerud", "--format", "all").exit_code == 0
    before = (project / "build/regionmote-buskerud.html").read_bytes()
    result = run(project, "build", DECK, "--county", "buskerud")
    assert result.exit_code == 0, result.output
    assert ("warning: build/regionmote-buskerud/, build/regionmote-buskerud.html were not rebuilt and may be out of "
            "date (left from an earlier build; this one made pptx only); rebuild with --format all, or delete them"
            ) in result.output.splitlines()
    assert (project / "build/regionmote-buskerud.html").read_bytes() == before  # named, never removed
    again = run(project, "build", DECK, "--county", "buskerud", "--format", "all")
    assert "not rebuilt" not in again.output
    (project / "build/regionmote-buskerud.html").unlink()
    one = run(project, "build", DECK, "--county", "buskerud", "--format", "pptx")
    assert ("warning: build/regionmote-buskerud/ was not rebuilt and may be out of date (left from an earlier build; "
            "this one made pptx only); rebuild with --format pptx,html, or delete it") in one.output.splitlines()


def test_invisible_characters_in_names_are_named(project: Path) -> None:
    edit(project / DECK, "  - use: roller", "  - use: rol\u00adler")
    edit(project / "content/slides/tre-fylker.md", "layout: bullets", "layout: bul\u200blets")
    edit(project / "content/slides/fylkesstyre.md", "{{ county.name }}", "{{ county.na\u200bme }}")
    result = build(project)
    failed(result, "content/decks/regionmote.yaml:16:5: error: no slide file 'rol\u00adler' in content/slides/; it holds "
                   "an invisible soft hyphen (U+00AD); retype it: 'roller'")
    failed(result, "content/slides/tre-fylker.md:2:9: error: unknown layout 'bul\\u200blets'; it holds an invisible "
                   "zero width space (U+200B); retype it: 'bullets'")
    failed(result, "content/slides/fylkesstyre.md:3:27: error: '{{ county.na\u200bme }}' is not a variable name; it "
                   "holds an invisible zero width space (U+200B); retype it: 'county.name'")


def test_a_county_key_no_slide_uses_is_said(project: Path) -> None:
    path = project / "content/counties/buskerud.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "kontaktperson: Ola Nordmann\n", encoding="utf-8")
    result = build(project)
    assert result.exit_code == 0, result.output
    assert ("content/counties/buskerud.yaml:36:1: warning: no slide uses the county key 'kontaktperson'; a slide would "
            "use it as {{ county.kontaktperson }}; the county keys the slides use: board, name, projects, region_office "
            "[unused-county-key]") in result.output.splitlines()


def test_markdown_picture_path_gets_the_line_that_works(project: Path) -> None:
    (project / "talks").mkdir()
    (project / "talks/talk.md").write_text("# Kart\n\n![Kart over fylket](assets/foto-bly.jpg)\n", encoding="utf-8")
    result = run(project, "build", str(project / "talks/talk.md"), "--out", str(project / "build"))
    failed(result, "talks/talk.md:3:1: error: picture 'assets/foto-bly.jpg' not found in talks; paths are relative to "
                   "the file that names them; write: ![Kart over fylket](../assets/foto-bly.jpg)")


def test_a_word_list_in_a_columns_body_is_a_list(project: Path) -> None:
    edit(project / "content/slides/roller.md", "  - heading: Interessepolitisk aktør\n",
         "  - heading: Interessepolitisk aktør\n    body: |\n      •\tPåvirker\n      •\tForhandler\n")
    result = run(project, "check", str(project / DECK), "--county", "buskerud", "--strict")
    assert result.exit_code == 0, result.output
    assert "info: read as a list" in result.output and "warning:" not in result.output
