"""Content YAML is data: located values, duplicate keys, tags refused, aliases and nesting
bounded, YAML 1.1 surprises explained where text is expected."""

from __future__ import annotations

import time

import pytest

from deckgen.errors import Diagnostics
from deckgen.load import yamlsrc
from deckgen.load.yamlsrc import parse_yaml, yaml_surprise
from deckgen.model import Located
from deckgen.model import unwrap as plain


def parse(src: str, offset: int = 0) -> tuple[Located | None, list[str]]:
    diags = Diagnostics()
    value = parse_yaml(src, "d.yaml", diags, line_offset=offset)
    return value, [d.format() for d in diags]


def test_values_carry_their_locations() -> None:
    value, errors = parse("title: Hei\nmeeting:\n  place: Gol\nlist: [a, b]\n")
    assert errors == []
    assert value is not None
    assert str(value.value["title"].loc) == "d.yaml:1:8"
    assert str(value.value["title"].key_loc) == "d.yaml:1:1"
    assert str(value.value["meeting"].value["place"].loc) == "d.yaml:3:10"
    assert str(value.value["list"].value[1].loc) == "d.yaml:4:11"


def test_line_offset_shifts_front_matter_locations() -> None:
    value, _ = parse("a: 1\nb: 2\n", offset=1)
    assert value is not None and value.value["b"].loc.line == 3


def test_duplicate_keys_name_both_lines() -> None:
    _, errors = parse("title: A\nlang: nb-NO\ntitle: B\n")
    assert errors == [
        "d.yaml:3:1: error: duplicate key 'title' on line 3 (first on line 1); "
        "keep one of them: YAML would silently use the last"
    ]


def test_duplicate_keys_differing_only_in_yaml_11_spelling_are_still_duplicates() -> None:
    # PyYAML's own constructor would turn both keys into True; we keep the text.
    _, errors = parse("on: a\non: b\n")
    assert errors and "duplicate key 'on'" in errors[0]


@pytest.mark.parametrize(
    ("src", "tag"),
    [
        ("x: !!python/object/apply:os.system [ls]\n", "!!python/object/apply:os.system"),
        ("x: !!python/name:os.system\n", "!!python/name:os.system"),
        ("x: !!set {a, b}\n", "!!set"),
        ("x: !custom 1\n", "!custom"),
    ],
)
def test_object_constructing_tags_are_refused(src: str, tag: str) -> None:
    _, errors = parse(src)
    assert errors == [
        f"d.yaml:1:4: error: YAML tag {tag!r} is not allowed (tags that construct objects are "
        "refused); content files hold plain data: remove the tag"
    ]


def test_tags_on_keys_are_refused() -> None:
    _, errors = parse("? !!python/name:os.system\n: 1\n")
    assert errors == [
        "d.yaml:1:3: error: YAML tag '!!python/name:os.system' is not allowed on a key; "
        "content files hold plain data: remove the tag"
    ]


def test_standard_explicit_tags_are_fine() -> None:
    value, errors = parse("a: !!str 1.10\nb: !!int '7'\n")
    assert errors == []
    assert plain(value) == {"a": "1.10", "b": 7}


def test_binary_and_merge_keys_are_refused() -> None:
    _, errors = parse("base: &b {a: 1}\nx:\n  <<: *b\ny: !!binary aGVp\n")
    assert errors == [
        "d.yaml:3:3: error: YAML merge keys ('<<') are not supported; write the keys out",
        "d.yaml:4:4: error: binary YAML values are not allowed; reference a file instead",
    ]


def billion_laughs(levels: int = 9) -> str:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, levels):
        refs = ", ".join([f"*a{i - 1}"] * 10)
        lines.append(f"a{i}: &a{i} [{refs}]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_bounded_quickly() -> None:
    started = time.perf_counter()
    value, errors = parse(billion_laughs())
    assert time.perf_counter() - started < 5
    assert value is None
    assert len(errors) == 1
    assert f"YAML expands to more than {yamlsrc.MAX_NODES} values" in errors[0]
    assert errors[0].startswith("d.yaml:")


def test_modest_aliases_are_fine() -> None:
    value, errors = parse("base: &b {place: Gol}\nother: *b\n")
    assert errors == []
    assert plain(value) == {"base": {"place": "Gol"}, "other": {"place": "Gol"}}


def test_recursive_alias_is_bounded() -> None:
    value, errors = parse("a: &a [x, *a]\n")
    assert value is None
    assert len(errors) == 1
    assert errors[0].startswith("d.yaml:1:")
    assert errors[0].endswith(
        f"error: YAML nesting is too deep (more than {yamlsrc.MAX_DEPTH} levels); "
        "an alias refers to the value that contains it: write the data out"
    )


@pytest.mark.parametrize("depth", [yamlsrc.MAX_DEPTH + 5, 5000, 100_000])
def test_deep_nesting_is_located_not_a_recursion_error(depth: int) -> None:
    _, errors = parse("a: " + "[" * depth + "]" * depth + "\n")
    # The composer stops at the first bracket past the limit: column 4 + MAX_DEPTH.
    assert errors == [
        f"d.yaml:1:{4 + yamlsrc.MAX_DEPTH}: error: YAML nesting is too deep (more than "
        f"{yamlsrc.MAX_DEPTH} levels); content files hold flat data: write it with fewer levels"
    ]


def test_nesting_at_the_limit_is_fine() -> None:
    depth = yamlsrc.MAX_DEPTH - 1
    value, errors = parse("a: " + "[" * depth + "]" * depth + "\n")
    assert errors == [] and value is not None


def test_dates_stay_the_text_written() -> None:
    value, _ = parse("date: 2024-05-02\nwhen: 2024-05-02 10:00:00\n")
    assert plain(value) == {"date": "2024-05-02", "when": "2024-05-02 10:00:00"}


def test_malformed_yaml_is_located() -> None:
    _, errors = parse("title: Hei\n- x\n")
    assert len(errors) == 1 and errors[0].startswith("d.yaml:2:")
    assert "malformed YAML" in errors[0]


def test_tab_indentation_hint() -> None:
    _, errors = parse("a:\n\tb: 1\n")
    assert errors and errors[0].endswith("indent with spaces, not tabs")


def test_huge_integer_is_an_error_not_a_crash() -> None:
    _, errors = parse("n: " + "9" * 5000 + "\n")
    assert len(errors) == 1 and errors[0].startswith("d.yaml:1:4: error: invalid value")


@pytest.mark.parametrize(
    ("src", "hint"),
    [
        ("lang: no", "YAML reads unquoted 'no' as false"),
        ("time: 1:30", "YAML 1.1 reads '1:30' as the number 90 (base 60)"),
        ("version: 1.10", "YAML reads '1.10' as the number 1.1"),
        ("x: ~", "YAML reads '~' as empty"),
        ("code: 0755", "YAML reads '0755' as the number 493"),
    ],
)
def test_yaml_11_surprises_are_explained(src: str, hint: str) -> None:
    value, errors = parse(src + "\n")
    assert errors == [] and value is not None
    node = next(iter(value.value.values()))
    assert hint in yaml_surprise(node)


def test_quoted_text_is_no_surprise() -> None:
    value, _ = parse('lang: "no"\n')
    assert value is not None
    assert value.value["lang"].value == "no"
    assert yaml_surprise(value.value["lang"]) == ""
