"""The few words deckgen itself puts on slides, in the deck's language.

Responsibility: table headers, the discussion label and the timer badge. Norwegian (Bokmål
and Nynorsk) and English; any other language falls back to English.
"""

from __future__ import annotations

_NORWEGIAN = ("nb", "nn", "no")

_WORDS: dict[str, dict[str, str]] = {
    "nb": {
        "name": "Navn",
        "place": "Kommune/organisasjon",
        "role": "Rolle",
        "discuss": "Diskuter {minutes} minutter",
        "minutes": "{minutes} min",
    },
    "nn": {
        "name": "Navn",  # as the brief and the reveal.js output have it; Nynorsk "Namn"
        "place": "Kommune/organisasjon",
        "role": "Rolle",
        "discuss": "Diskuter {minutes} minutt",
        "minutes": "{minutes} min",
    },
    "en": {
        "name": "Name",
        "place": "Municipality/organisation",
        "role": "Role",
        "discuss": "Discuss for {minutes} minutes",
        "minutes": "{minutes} min",
    },
}


def language(lang: str) -> str:
    """The key of the word table for a BCP 47 tag: ``nb-NO`` -> ``nb``, ``no`` -> ``nb``."""
    primary = lang.split("-")[0].lower()
    if primary == "nn":
        return "nn"
    if primary in _NORWEGIAN:
        return "nb"
    return "en"


def word(lang: str, key: str, **values: object) -> str:
    """The word ``key`` in ``lang``, with ``{placeholders}`` filled from ``values``."""
    return _WORDS[language(lang)][key].format(**values)


def discussion_label(lang: str, minutes: int, pairing: str) -> str:
    """``Diskuter 3 minutter (to og to):`` -- used when resolve composed no label."""
    text = word(lang, "discuss", minutes=minutes)
    if pairing:
        text += f" ({pairing})"
    return text + ":"
