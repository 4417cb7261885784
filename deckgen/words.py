"""The words deckgen itself writes on slides and into the reveal.js page, in one table.

Responsibility: every word that is deckgen's rather than the author's (the discussion label,
the timer badge, the roster's column headers, the countdown's and video tiles' labels in the
page), in Norwegian Bokmål, Nynorsk and English, picked for a deck's BCP 47 ``lang`` by one
rule, :func:`word_language`. resolve composes the discussion label from it, ``check`` sizes
the roster's columns with its headers, and both renderers show its words, so a deck's two
outputs (and the labels next to each other on one page) are always in the same language.

Neutral: imports nothing of deckgen's, so every stage may use it.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

_NB: dict[str, str] = {
    # slides (both outputs)
    "discuss": "Diskuter {minutes} minutter",
    "minutes": "{minutes} min",
    "name": "Navn",
    "place": "Kommune/organisasjon",
    "role": "Rolle",
    "continued": "forts.",  # a list or table continued from the slide before
    # the reveal.js page's controls and labels
    "video": "Video",
    "pause": "Pause",
    "resume": "Fortsett",
    "timer": "Nedtelling",
    "timer_key": "Pause eller fortsett nedtellingen",
}
_WORDS: dict[str, Mapping[str, str]] = {
    "nb": MappingProxyType(_NB),
    # The roster headers as the brief and the seed deck have them (Nynorsk would be "Namn").
    "nn": MappingProxyType({**_NB, "discuss": "Diskuter {minutes} minutt", "resume": "Hald fram"}),
    "en": MappingProxyType({
        "discuss": "Discuss for {minutes} minutes",
        "minutes": "{minutes} min",
        "name": "Name",
        "place": "Municipality/organisation",
        "role": "Role",
        "continued": "cont.",
        "video": "Video",
        "pause": "Pause",
        "resume": "Resume",
        "timer": "Countdown",
        "timer_key": "Pause or resume the countdown",
    }),
}
_NORWEGIAN = ("nb", "nn", "no")


def word_language(lang: str) -> str:
    """The key of the word table for a BCP 47 tag: ``nn-NO`` -> ``nn``, ``nb-NO`` and ``no``
    -> ``nb``, anything else -> ``en``."""
    primary = lang.split("-")[0].lower()
    if primary == "nn":
        return "nn"
    if primary in _NORWEGIAN:
        return "nb"
    return "en"


def words(lang: str) -> Mapping[str, str]:
    """Every word for ``lang`` (read-only), e.g. for the reveal.js templates' ``ui``."""
    return _WORDS[word_language(lang)]


def word(lang: str, key: str, **values: object) -> str:
    """The word ``key`` in ``lang``, with ``{placeholders}`` filled from ``values``."""
    return words(lang)[key].format(**values)


def discussion_label(lang: str, minutes: int, pairing: str = "") -> str:
    """``Diskuter 3 minutter (to og to):``, the label resolve gives a discussion slide."""
    text = word(lang, "discuss", minutes=minutes)
    if pairing:
        text += f" ({pairing})"
    return text + ":"


def roster_headers(lang: str) -> tuple[str, str, str]:
    """The roster's column headers in ``lang`` (name, municipality/organisation, role)."""
    table = words(lang)
    return table["name"], table["place"], table["role"]
