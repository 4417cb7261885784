"""``{{ variables }}``: lookups through data only, values inserted as literal text, every
mistake an error at the variable's own line and column."""

from __future__ import annotations

import pytest

from deckgen.errors import Diagnostics, SourceLoc
from deckgen.load.markdown import parse_block, parse_inline, parse_markdown
from deckgen.load.yamlsrc import parse_yaml
from deckgen.model import Located, plain, text_plain
from deckgen.resolve.variables import (
    Scope,
    Substituted,
    escape_markdown,
    markdown_text,
    substitute_located,
    substitute_str,
    substitute_text,
    whole_variable,
)

COUNTY_YAML = """\
name: Buskerud
example: false
founded: 2024-01-01
version: 1.10
board:
  period: "2024-2027"
  members:
    - {name: Heidi Granli, place: Gol, role: leder}
    - {name: Tine Norman, place: Buskerud FK}
councils:
  - name: Ringeriksregionen IPR
    municipalities: [Ringerike, Hole, Jevnaker]
empty:
"""


def county() -> Located:
    diags = Diagnostics()
    data = parse_yaml(COUNTY_YAML, "content/counties/buskerud.yaml", diags)
    assert data is not None and not diags.items
    return data


def scope(files: dict[str, str] | None = None) -> Scope:
    data = {**county().value, "key": "buskerud"}
    files = files or {}
    return Scope({"county": data, "meeting": {"name": "Regionmøte"}, "deck": {"title": "KS"}}, read=files.get)


def errors(diags: Diagnostics) -> list[str]:
    return [d.format() for d in diags.errors]


LOC = SourceLoc("content/slides/x.md", 3, 8)


# ---------------------------------------------------------------- lookups


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{{ county.name }}", "Buskerud"),
        ("{{county.name}}", "Buskerud"),
        ("Fylkesstyret i {{ county.name }} {{ county.board.period }}", "Fylkesstyret i Buskerud 2024-2027"),
        ("{{ county.councils.0.name }}", "Ringeriksregionen IPR"),
        ("{{ county.councils.0.municipalities.2 }}", "Jevnaker"),
        ("{{ county.board.members.1.place }}", "Buskerud FK"),
        ("{{ county.key }}", "buskerud"),
        ("{{ meeting.name }} / {{ deck.title }}", "Regionmøte / KS"),
        ("{{ county.example }}", "false"),  # unquoted true/false and numbers show as written
        ("{{ county.version }}", "1.10"),
        ("{{ county.founded }}", "2024-01-01"),  # the loader keeps dates as written
        ("{{ county.name }}{{ county.key }}", "Buskerudbuskerud"),
        ("no variables at all", "no variables at all"),
    ],
)
def test_lookup_by_names_and_list_positions(text: str, expected: str) -> None:
    diags = Diagnostics()
    assert substitute_str(text, scope(), LOC, diags) == expected
    assert not diags.items


def test_misspelt_name_says_did_you_mean() -> None:
    diags = Diagnostics()
    out = substitute_str("i {{ county.nmae }}", scope(), LOC, diags)
    assert out == "i {{ county.nmae }}"  # left as written; the build stops anyway
    assert errors(diags) == [
        "content/slides/x.md:3:8: error: unknown variable 'county.nmae' ('nmae' is not in county); did you mean 'county.name'?"
    ]


def test_misspelt_top_level_name_and_deep_name() -> None:
    diags = Diagnostics()
    substitute_str("{{ conty.name }} {{ county.board.perod }}", scope(), LOC, diags)
    assert [d.message for d in diags.errors] == [
        "unknown variable 'conty.name' ('conty' is not in the variables)",
        "unknown variable 'county.board.perod' ('perod' is not in county.board)",
    ]
    assert [d.hint for d in diags.errors] == ["did you mean 'county'?", "did you mean 'county.board.period'?"]


def test_list_position_out_of_range() -> None:
    diags = Diagnostics()
    substitute_str("{{ county.councils.5.name }}", scope(), LOC, diags)
    assert diags.errors[0].message == "unknown variable 'county.councils.5.name' ('5' is not in county.councils)"


def test_empty_value_is_an_error_not_an_empty_string() -> None:
    diags = Diagnostics()
    substitute_str("[{{ county.empty }}]", scope(), LOC, diags)
    assert diags.errors[0].message == "variable 'county.empty' is empty"


def test_a_list_or_mapping_inside_text_is_an_error() -> None:
    diags = Diagnostics()
    substitute_str("Styret: {{ county.board.members }} {{ county.board }}", scope(), LOC, diags)
    assert [d.message for d in diags.errors] == [
        "variable 'county.board.members' is a list, not text",
        "variable 'county.board' is a mapping, not text",
    ]


def test_unclosed_braces() -> None:
    diags = Diagnostics()
    substitute_str("Hei {{ county.name", scope(), LOC, diags)
    assert diags.errors[0].message == "'{{' without a matching '}}'"


# ---------------------------------------------------------------- no way into Python


@pytest.mark.parametrize(
    ("expr", "message"),
    [
        ("county.__class__", "unknown variable 'county.__class__' ('__class__' is not in county)"),
        ("county.name.upper", "unknown variable 'county.name.upper' (county.name is text, it has no 'upper')"),
        ("county.name.__class__", "unknown variable 'county.name.__class__' (county.name is text, it has no '__class__')"),
        ("county.board.members.__len__", "unknown variable 'county.board.members.__len__' ('__len__' is not in county.board.members)"),
        ("county.example.real", "unknown variable 'county.example.real' (county.example is true or false, it has no 'real')"),
        ("__builtins__", "unknown variable '__builtins__' ('__builtins__' is not in the variables)"),
        ("''.__class__", "'{{ ''.__class__ }}' is not a variable name"),
        ("county.name | upper", "'{{ county.name | upper }}' is not a variable name"),
        ("county['name']", "'{{ county['name'] }}' is not a variable name"),
        ("county.items()", "'{{ county.items() }}' is not a variable name"),
        ("config", "unknown variable 'config' ('config' is not in the variables)"),
    ],
)
def test_internals_are_unreachable(expr: str, message: str) -> None:
    diags = Diagnostics()
    out = substitute_str(f"x {{{{ {expr} }}}} y", scope(), LOC, diags)
    assert out == f"x {{{{ {expr} }}}} y"
    assert [d.message for d in diags.errors] == [message]
    assert "<" not in diags.errors[0].format()  # no repr of a Python object ever shows


def test_dict_methods_are_not_names() -> None:
    # `items`, `keys`, `get` are attributes of a dict, not keys of the county data.
    for name in ("items", "keys", "get", "values"):
        diags = Diagnostics()
        substitute_str(f"{{{{ county.{name} }}}}", scope(), LOC, diags)
        assert diags.errors, name


# ---------------------------------------------------------------- values are text


def test_values_are_not_read_again_as_templates() -> None:
    s = Scope({"p": {"a": "{{ p.b }}", "b": "secret"}})
    diags = Diagnostics()
    assert substitute_str("{{ p.a }}", s, LOC, diags) == "{{ p.b }}"
    assert not diags.items


NASTY = [
    "**x** <script>alert(1)</script>",
    "&amp; &lt;b&gt; &#42;",
    "[lenke](https://example.com) ![bilde](x.png)",
    "`kode` ~~borte~~ _skrå_ *skrå*",
    "1. ikke en liste",
    "- ikke et punkt",
    "# ikke en overskrift",
    "> ikke et sitat",
    "| a | b |",
    "---",
    "back\\slash \\* {{ x }} }}",
    "Østfold «Tørn» 7-15",
]


@pytest.mark.parametrize("value", NASTY)
def test_escape_markdown_parses_back_to_the_value(value: str) -> None:
    diags = Diagnostics()
    assert plain(parse_inline(escape_markdown(value), "x", LOC, diags)) == value
    block = parse_block(escape_markdown(value), "x", LOC, diags)
    assert len(block) == 1 and block[0].kind == "text"
    assert text_plain(block) == value
    assert all(not (r.bold or r.italic or r.code or r.href) for r in block[0].runs)
    assert not diags.items  # no "raw HTML left out" warning: nothing was read as HTML


def test_a_line_break_in_a_value_stays_a_line_break() -> None:
    diags = Diagnostics()
    block = parse_block(escape_markdown("første\n- andre\n\n# tredje"), "x", LOC, diags)
    assert len(block) == 1
    assert text_plain(block) == "første\n- andre\n\n# tredje"


@pytest.mark.parametrize("value", NASTY)
def test_field_with_a_variable_is_literal_when_parsed_as_markdown(value: str) -> None:
    s = Scope({"county": {"name": value}})
    node = Located("Styret i **{{ county.name }}**", LOC)
    diags = Diagnostics()
    out = substitute_located(node, s, diags)
    assert isinstance(out, Substituted)
    assert out.value == f"Styret i **{value}**"  # the plain text, for fields shown as they are
    runs = parse_inline(markdown_text(out), "x", LOC, diags)
    # The author's own Markdown still works; the inserted value is literal inside it.
    assert [(r.text, r.bold) for r in runs] == [("Styret i ", False), (value, True)]
    assert not diags.items


def test_in_code_a_value_goes_in_as_it_is() -> None:
    # Backslash escapes are literal inside code, so there the value is not escaped.
    s = Scope({"c": {"v": "a-b*c <x>"}})
    diags = Diagnostics()
    inline = substitute_located(Located("`{{ c.v }}` og {{ c.v }}", LOC), s, diags)
    runs = parse_inline(markdown_text(inline), "x", LOC, diags)
    assert [(r.text, r.code) for r in runs] == [("a-b*c <x>", True), (" og a-b*c <x>", False)]
    block = substitute_located(Located("Før\n\n```\n{{ c.v }}\n```\n", LOC), s, diags)
    assert [p.text for p in parse_block(markdown_text(block), "x", LOC, diags)] == ["Før", "a-b*c <x>"]
    assert not diags.items


def test_a_variable_as_a_link_target_in_a_field() -> None:
    s = Scope({"c": {"url": "https://www.ks.no/a_b?x=1&y=(2)"}})
    diags = Diagnostics()
    node = substitute_located(Located("[KS]({{ c.url }})", LOC), s, diags)
    runs = parse_inline(markdown_text(node), "x", LOC, diags)
    assert [(r.text, r.href) for r in runs] == [("KS", "https://www.ks.no/a_b?x=1&y=(2)")]


def test_whole_variable_data_is_literal_when_parsed() -> None:
    s = Scope({"county": {"projects": [{"name": "**Fet**", "facts": ["<i>x</i>"]}]}})
    diags = Diagnostics()
    out = substitute_located(Located("{{ county.projects }}", LOC), s, diags)
    project = out.value[0].value
    assert project["name"].value == "**Fet**"
    assert markdown_text(project["name"]) == "\\*\\*Fet\\*\\*"
    assert plain(parse_inline(markdown_text(project["facts"].value[0]), "x", LOC, diags)) == "<i>x</i>"
    assert not diags.items


def test_body_text_gets_values_after_parsing() -> None:
    diags = Diagnostics()
    md = parse_markdown("- Nytt styre i {{ county.name }}\n", "content/slides/x.md", diags)
    s = Scope({"county": {"name": "**x** <b>"}})
    body = substitute_text(md.slides[0].body, s, diags, LOC)
    assert body[0].runs[0].text == "Nytt styre i **x** <b>"
    assert not diags.items


def test_whole_variable_number_keeps_its_type_and_its_text() -> None:
    diags = Diagnostics()
    out = substitute_located(Located("{{ county.version }}", LOC), scope(), diags)
    assert out.value == 1.1 and markdown_text(out) == "1\\.10"
    assert not diags.items


def test_whole_variable_keeps_the_value_type() -> None:
    diags = Diagnostics()
    s = Scope({"minutes": Located(5, LOC), "county": county().value})
    assert substitute_located(Located("{{ minutes }}", LOC), s, diags).value == 5
    people = substitute_located(Located(" {{ county.board.members }} ", LOC), s, diags)
    assert [p.value["name"].value for p in people.value] == ["Heidi Granli", "Tine Norman"]
    assert people.loc == LOC  # placed where the variable was written
    assert people.value[0].loc.path == "content/counties/buskerud.yaml"  # entries keep theirs
    assert not diags.items


def test_whole_variable() -> None:
    assert whole_variable(" {{ a.b }} ") == " a.b "
    assert whole_variable("x {{ a }}") is None
    assert whole_variable("{{ a }} {{ b }}") is None
    assert whole_variable("{{ a }}{{ b }}") is None


def test_a_field_of_two_variables_is_text() -> None:
    diags = Diagnostics()
    out = substitute_located(Located("{{ county.name }} {{ county.board.period }}", LOC), scope(), diags)
    assert out.value == "Buskerud 2024-2027"
    assert not diags.items


# ---------------------------------------------------------------- exact locations

FRONT = """\
---
layout: roster
title: "Nytt fylkesstyre i {{ county.nmae }}"
subtitle: |
  Første linje
  andre {{ county.naem }} og {{ county.naem }}
people: "{{ county.board.membrs }}"
---

Et avsnitt over
to linjer, {{ county.nmae }}.

- punkt med **fet** {{ county.board.perod }}
"""


def located_errors(text: str) -> list[str]:
    rel = "content/slides/x.md"
    diags = Diagnostics()
    md = parse_markdown(text, rel, diags)
    s = scope({rel: text})
    slide = md.slides[0]
    for node in slide.fields.values():
        substitute_located(node, s, diags)
    substitute_text(slide.body, s, diags, slide.loc)
    return [f"{d.loc}: {d.message.split(' (')[0]}" for d in diags.errors]


def test_errors_point_at_the_variable() -> None:
    assert located_errors(FRONT) == [
        # quoted YAML: the column of '{{', not of the quote
        "content/slides/x.md:3:28: unknown variable 'county.nmae'",
        # a block scalar: the line inside it, and each occurrence its own column
        "content/slides/x.md:6:9: unknown variable 'county.naem'",
        "content/slides/x.md:6:30: unknown variable 'county.naem'",
        "content/slides/x.md:7:10: unknown variable 'county.board.membrs'",
        # Markdown: the paragraph's second line; a list item after its marker and **bold**
        "content/slides/x.md:11:12: unknown variable 'county.nmae'",
        "content/slides/x.md:13:21: unknown variable 'county.board.perod'",
    ]


def test_without_the_source_the_error_is_at_the_field() -> None:
    diags = Diagnostics()
    substitute_str("x {{ county.nmae }}", Scope({"county": {"name": "B"}}), LOC, diags)
    assert diags.errors[0].loc == LOC
