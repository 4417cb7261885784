"""deckgen.words: one table of the words deckgen writes, one rule for picking a language."""

from __future__ import annotations

import pytest

from deckgen import words
from deckgen.words import discussion_label, roster_headers, word, word_language


@pytest.mark.parametrize(
    ("lang", "key"),
    [("nb-NO", "nb"), ("nb", "nb"), ("no", "nb"), ("NO", "nb"), ("nn-NO", "nn"), ("nn", "nn"),
     ("en-GB", "en"), ("sv-SE", "en"), ("se", "en"), ("", "en")],
)
def test_one_rule_picks_the_language(lang: str, key: str) -> None:
    assert word_language(lang) == key


def test_every_language_has_every_word() -> None:
    keys = set(words.words("nb"))
    for lang in ("nn", "en"):
        assert set(words.words(lang)) == keys


def test_the_words_deckgen_writes() -> None:
    assert roster_headers("nb-NO") == ("Navn", "Kommune/organisasjon", "Rolle")
    assert roster_headers("no")[1] == "Kommune/organisasjon"
    assert roster_headers("nn-NO")[0] == "Navn"
    assert roster_headers("en-GB") == ("Name", "Municipality/organisation", "Role")
    assert discussion_label("en-GB", 3) == "Discuss for 3 minutes:"
    assert discussion_label("nb-NO", 3, "to og to") == "Diskuter 3 minutter (to og to):"
    assert discussion_label("nn", 5) == "Diskuter 5 minutt:"
    assert word("nb", "minutes", minutes=3) == "3 min"
    assert word("nn-NO", "resume") == "Hald fram"


def test_no_gets_norwegian_everywhere() -> None:
    # 'no' once gave an English discussion label next to Norwegian reveal.js controls.
    assert discussion_label("no", 2).startswith("Diskuter")
    assert word("no", "pause") == "Pause" and word("no", "resume") == "Fortsett"


def test_the_table_is_read_only() -> None:
    with pytest.raises(TypeError):
        words.words("nb")["pause"] = "x"  # type: ignore[index]
