"""The few words deckgen itself puts on slides, in the deck's language.

Responsibility: the discussion label and the timer badge. Norwegian (Bokmål and Nynorsk) and
English; any other language falls back to English (:func:`deckgen.geometry.word_language`).
The roster's table headers are :func:`deckgen.geometry.roster_headers`: their words size the
table's columns, which ``check`` measures too.
"""

from __future__ import annotations

from deckgen.geometry import word_language

_WORDS: dict[str, dict[str, str]] = {
    "nb": {
        "discuss": "Diskuter {minutes} minutter",
        "minutes": "{minutes} min",
    },
    "nn": {
        "discuss": "Diskuter {minutes} minutt",
        "minutes": "{minutes} min",
    },
    "en": {
        "discuss": "Discuss for {minutes} minutes",
        "minutes": "{minutes} min",
    },
}


def word(lang: str, key: str, **values: object) -> str:
    """The word ``key`` in ``lang``, with ``{placeholders}`` filled from ``values``."""
    return _WORDS[word_language(lang)][key].format(**values)


def discussion_label(lang: str, minutes: int, pairing: str) -> str:
    """``Diskuter 3 minutter (to og to):`` -- used when resolve composed no label."""
    text = word(lang, "discuss", minutes=minutes)
    if pairing:
        text += f" ({pairing})"
    return text + ":"
