"""Control characters made by YAML escapes (``"\\x01"``, ``"\\0"``, ``"\\uFFFE"``) are refused
where the escape stands, like the ones written in a file: in deck files, slide front matter and
county files, keys included. Before, they reached python-pptx and the build crashed."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from deckgen.cli import main
from deckgen.errors import Diagnostics
from deckgen.load import text as load_text
from deckgen.load.markdown import parse_markdown
from deckgen.load.yamlsrc import parse_yaml


def errors(src: str, offset: int = 0) -> list[str]:
    diags = Diagnostics()
    value = parse_yaml(src, "d.yaml", diags, line_offset=offset)
    assert (value is None) == bool(diags.errors)
    return [d.format() for d in diags]


@pytest.mark.parametrize(
    ("escape", "label"),
    [
        ("\\x01", "U+0001"),
        ("\\u0007", "U+0007"),
        ("\\0", "U+0000"),
        ("\\a", "U+0007"),
        ("\\e", "U+001B"),
        ("\\v", "U+000B"),
        ("\\N", "U+0085"),
        ("\\uFFFE", "U+FFFE"),
        ("\\U0000FFFF", "U+FFFF"),
        ("\\ud800", "U+D800"),
        ("\\L", "U+2028 (line separator)"),
    ],
)
def test_each_escape_is_named_where_it_stands(escape: str, label: str) -> None:
    assert errors(f'title: "Hei {escape} der"\n') == [
        f"d.yaml:1:13: error: the escape {escape} in this text makes a control character {label}; remove it"
    ]


def test_the_forbidden_set_is_the_one_in_load_text() -> None:
    # yamlsrc refuses exactly what load.text refuses in a file: one definition, shared.
    from deckgen.load import yamlsrc

    assert yamlsrc.FORBIDDEN is load_text.FORBIDDEN


def test_harmless_escapes_pass() -> None:
    diags = Diagnostics()
    value = parse_yaml('a: "tab\\there\\nline \\\\x01 \\" \\_ \\u00e6"\n', "d.yaml", diags)
    assert not diags.items
    assert value is not None and value.value["a"].value == 'tab\there\nline \\x01 " \xa0 æ'


def test_several_escapes_in_a_list_and_over_lines() -> None:
    src = 'items:\n  - ok\n  - "a \\x02 b\n    c \\f"\n'
    assert errors(src) == [
        "d.yaml:3:8: error: the escape \\x02 in this text makes a control character U+0002; remove it",
        "d.yaml:4:7: error: the escape \\f in this text makes a control character U+000C; remove it",
    ]


def test_a_key_made_of_an_escape_is_refused_too() -> None:
    assert errors('"ti\\x08tle": T\n') == [
        "d.yaml:1:4: error: the escape \\x08 in this text makes a control character U+0008; remove it"
    ]


def test_front_matter_and_slide_blocks_are_located_in_the_markdown_file() -> None:
    src = '---\nlayout: bullets\ntitle: "A\\x01"\n---\n\n- x\n\n---\n\n```yaml slide\nnotes: "\\0"\n```\n\n# B\n'
    diags = Diagnostics()
    parse_markdown(src, "s.md", diags)
    assert [d.format() for d in diags] == [
        "s.md:3:10: error: the escape \\x01 in this text makes a control character U+0001; remove it",
        "s.md:11:9: error: the escape \\0 in this text makes a control character U+0000; remove it",
    ]


def test_a_character_reference_in_markdown_is_refused_and_left_out() -> None:
    diags = Diagnostics()
    slides = parse_markdown("# A &#12; B\n\n- x &#x2028;y\n", "s.md", diags).slides
    assert [d.format() for d in diags] == [
        "s.md:1:1: error: a character reference in this text makes a control character U+000C; remove it",
        "s.md:3:1: error: a character reference in this text makes a control character U+2028 "
        "(line separator); remove it",
    ]
    assert "".join(r.text for r in slides[0].heading) == "A  B"


def build(project: Path, deck: str = "content/decks/regionmote.yaml"):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["build", str(project / deck), "--county", "buskerud", "--out", str(project / "build")])


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def assert_refused(result, line: str) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert line in result.output, result.output


def test_cli_deck_file(project: Path) -> None:
    edit(project / "content/decks/regionmote.yaml", "  name: Regionmøte", '  name: "Region\\x01møte"')
    assert_refused(build(project), "content/decks/regionmote.yaml:12:16: error: the escape \\x01 in this "
                   "text makes a control character U+0001; remove it")
    assert not list((project / "build").glob("*.pptx"))


def test_cli_slide_front_matter(project: Path) -> None:
    edit(project / "content/slides/tittel.md", "title: KS – Kommunesektorens organisasjon",
         'title: "KS\\u0007"')
    assert_refused(build(project), "content/slides/tittel.md:3:11: error: the escape \\u0007 in this "
                   "text makes a control character U+0007; remove it")


def test_cli_county_file(project: Path) -> None:
    edit(project / "content/counties/buskerud.yaml", "name: Buskerud", 'name: "Buskerud\\uFFFE"')
    assert_refused(build(project), "content/counties/buskerud.yaml:2:16: error: the escape \\uFFFE in this "
                   "text makes a control character U+FFFE; remove it")
