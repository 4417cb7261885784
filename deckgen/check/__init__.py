"""Check: lint rules on a resolved ``Deck`` -- no rendering, no writing.

Each rule is a function ``(CheckContext) -> Iterable[Diagnostic]`` registered in ``RULES``
under its id, one module per family: :mod:`~deckgen.check.overflow` (text that does not fit
its box), :mod:`~deckgen.check.a11y` (alt text, titles, language, contrast, link text),
:mod:`~deckgen.check.links` (link schemes), :mod:`~deckgen.check.library` (unused library
slides) and :mod:`~deckgen.check.brand` (the master against the brand's mapping).
``deckgen check`` prints their findings; ``deckgen build`` runs the same rules.

Every rule is of one kind (:data:`deckgen.errors.Kind`), said here and nowhere else: the rules
in :data:`QUALITY` give advice on a deck deckgen can make, so :func:`run_checks` turns their
findings into quality findings (at most warnings: the build goes on, ``--strict`` fails);
the others find errors of meaning (an unsafe link, a brand mapping that cannot work), which
stop the build. docs/check.md describes every rule.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from deckgen.check.a11y import alt_text, contrast, lang, link_text, title
from deckgen.check.brand import brand_mapping
from deckgen.check.context import CheckContext
from deckgen.check.library import unused_slide
from deckgen.check.links import link_scheme, tile_link
from deckgen.check.overflow import overflow
from deckgen.errors import Diagnostic
from deckgen.model import Deck, SourceDeck
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
    "tile-link": tile_link,
    "unused-slide": unused_slide,
    "brand-mapping": brand_mapping,
}

# The rules whose findings are about quality, not meaning: they never stop a draft.
QUALITY: frozenset[str] = frozenset(
    {"overflow", "alt-text", "title", "lang", "contrast", "link-text", "unused-slide", "tile-link"}
)


def run_checks(deck: Deck, project: Project | None = None, source: SourceDeck | None = None) -> list[Diagnostic]:
    """Every rule's findings for one deck, sorted. With the ``project`` the deck came from,
    rules also read the project's files (unused library slides, brand.yaml locations);
    ``source`` is the deck file as loaded, when the caller has it (else it is read again)."""
    ctx = CheckContext(deck, project, source)
    found: list[Diagnostic] = []
    for name, rule in RULES.items():
        found.extend(d.as_quality() if name in QUALITY else d for d in rule(ctx))
    return sorted(found, key=Diagnostic.sort_key)


__all__ = ["QUALITY", "RULES", "CheckContext", "Rule", "run_checks"]
