"""Check: lint rules on a resolved ``Deck`` -- no rendering, no writing.

Each rule is a function ``(CheckContext) -> Iterable[Diagnostic]`` registered in ``RULES``
under its id, one module per family: :mod:`~deckgen.check.overflow` (text that does not fit
its box), :mod:`~deckgen.check.a11y` (alt text, titles, language, contrast, link text),
:mod:`~deckgen.check.links` (link schemes), :mod:`~deckgen.check.library` (unused library
slides) and :mod:`~deckgen.check.brand` (the master against the brand's mapping).
``deckgen check`` prints their findings; ``deckgen build`` runs the same rules and refuses to
write when any finding is an error. docs/check.md describes every rule.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from deckgen.check.a11y import alt_text, contrast, lang, link_text, title
from deckgen.check.brand import brand_mapping
from deckgen.check.context import CheckContext
from deckgen.check.library import unused_slide
from deckgen.check.links import link_scheme
from deckgen.check.overflow import overflow
from deckgen.errors import Diagnostic
from deckgen.model import Deck
from deckgen.project import Project

Rule = Callable[[CheckContext], Iterable[Diagnostic]]

RULES: dict[str, Rule] = {
    "overflow": overflow,
    "alt-text": alt_text,
    "title": title,
    "lang": lang,
    "contrast": contrast,
    "link-text": link_text,
    "link-scheme": link_scheme,
    "unused-slide": unused_slide,
    "brand-mapping": brand_mapping,
}


def run_checks(deck: Deck, project: Project | None = None) -> list[Diagnostic]:
    """Every rule's findings for one deck, sorted. With the ``project`` the deck came from,
    rules also read the project's files (unused library slides, brand.yaml locations)."""
    ctx = CheckContext(deck, project)
    found: list[Diagnostic] = []
    for rule in RULES.values():
        found.extend(rule(ctx))
    return sorted(found, key=Diagnostic.sort_key)


__all__ = ["RULES", "CheckContext", "Rule", "run_checks"]
