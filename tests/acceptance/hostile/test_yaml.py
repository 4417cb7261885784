"""YAML end to end: duplicate keys name both lines, YAML 1.1 surprises are explained where
text is expected, object-constructing tags are refused, alias bombs and deep nesting are
bounded; each a located error, exit 1, earlier output untouched."""

from __future__ import annotations

import time

from .conftest import Mini, assert_failed_cleanly


def test_duplicate_keys_in_a_deck_name_both_lines(mini: Mini) -> None:
    before = mini.good_build()
    mini.write("content/decks/talk.yaml",
               "title: Først\nlang: nb-NO\ntitle: Sist\nslides:\n  - use: a\n")
    assert_failed_cleanly(
        mini, before, mini.build(), 1,
        "content/decks/talk.yaml:3:1: error: duplicate key 'title' on line 3 (first on line 1); "
        "keep one of them: YAML would silently use the last",
    )


def test_duplicate_keys_in_front_matter_are_located_in_the_slide_file(mini: Mini) -> None:
    before = mini.good_build()
    mini.slide("---\nlayout: bullets\ntitle: A\ntitle: B\n---\n\n- x\n")
    assert_failed_cleanly(mini, before, mini.build(), 1,
                          "content/slides/a.md:4:1: error: duplicate key 'title' on line 4 "
                          "(first on line 3)")


def test_lang_no_is_explained(mini: Mini) -> None:
    before = mini.good_build()
    mini.write("content/decks/talk.yaml", "title: Hei\nlang: no\nslides:\n  - use: a\n")
    assert_failed_cleanly(mini, before, mini.build(), 1,
                          "content/decks/talk.yaml:2:7: error: 'lang' must be text, not false; "
                          "YAML reads unquoted 'no' as false")


def test_clock_time_is_explained(mini: Mini) -> None:
    before = mini.good_build()
    mini.write("content/decks/talk.yaml",
               "title: Hei\nmeeting:\n  name: Møte\n  time: 1:30\nslides:\n  - use: a\n")
    assert_failed_cleanly(mini, before, mini.build(), 1,
                          "content/decks/talk.yaml:4:9: error: 'meeting.time' must be text, "
                          "not 90; YAML 1.1 reads '1:30' as the number 90 (base 60)")


def test_version_number_is_explained(mini: Mini) -> None:
    before = mini.good_build()
    mini.write("content/decks/talk.yaml", "title: Hei\nkeywords: 1.10\nslides:\n  - use: a\n")
    assert_failed_cleanly(mini, before, mini.build(), 1,
                          "content/decks/talk.yaml:2:11: error: 'keywords' must be text, not "
                          "1.1; YAML reads '1.10' as the number 1.1")


def test_quoted_values_build(mini: Mini) -> None:
    mini.write("content/decks/talk.yaml",
               'title: Hei\nlang: "nb-NO"\nkeywords: "1.10"\nmeeting:\n  name: Møte\n'
               '  time: "1:30"\nslides:\n  - use: a\n')
    assert mini.build().exit_code == 0


def test_python_tag_is_refused(mini: Mini) -> None:
    before = mini.good_build()
    mini.write("content/decks/talk.yaml",
               "title: !!python/object/apply:os.system ['touch pwned']\nslides:\n  - use: a\n")
    assert_failed_cleanly(mini, before, mini.build(), 1,
                          "content/decks/talk.yaml:1:8: error: YAML tag "
                          "'!!python/object/apply:os.system' is not allowed")
    assert not (mini.root / "pwned").exists()


def test_tag_in_front_matter_is_refused(mini: Mini) -> None:
    before = mini.good_build()
    mini.slide("---\nlayout: bullets\ntitle: !!python/name:os.getcwd ''\n---\n\n- x\n")
    assert_failed_cleanly(mini, before, mini.build(), 1,
                          "content/slides/a.md:3:8: error: YAML tag '!!python/name:os.getcwd'")


def test_alias_bomb_in_county_data_is_bounded(mini: Mini) -> None:
    before = mini.good_build()
    lines = ["name: Bombe", "board:", "  period: '2024'", "  members: [{name: A}]",
             "l0: &l0 [ha, ha, ha, ha, ha, ha, ha, ha, ha, ha]"]
    lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 10)}]" for i in range(1, 9)]
    mini.write("content/counties/bombe.yaml", "\n".join(lines) + "\n")
    mini.write("content/decks/talk.yaml", "title: Hei\ncounty: bombe\nslides:\n  - use: a\n")
    started = time.perf_counter()
    run = mini.build()
    assert time.perf_counter() - started < 30
    assert_failed_cleanly(mini, before, run, 1, "content/counties/bombe.yaml:",
                          "error: YAML expands to more than 50000 values")


def test_deep_nesting_is_bounded_with_a_location(mini: Mini) -> None:
    before = mini.good_build()
    mini.write("content/decks/talk.yaml",
               "title: Hei\nmeeting: " + "[" * 3000 + "]" * 3000 + "\nslides:\n  - use: a\n")
    assert_failed_cleanly(mini, before, mini.build(), 1,
                          "content/decks/talk.yaml:2:", "error: YAML nesting is too deep")


def test_recursive_alias_is_bounded(mini: Mini) -> None:
    before = mini.good_build()
    mini.write("content/decks/talk.yaml",
               "title: Hei\nmeeting: &m {name: x, self: *m}\nslides:\n  - use: a\n")
    run = mini.build()
    assert_failed_cleanly(mini, before, run, 1, "content/decks/talk.yaml:2:")
