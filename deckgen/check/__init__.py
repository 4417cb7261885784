"""Check: lint rules on a resolved ``Deck`` — no rendering, no writing.

Each rule is a function ``(deck) -> Iterable[Diagnostic]`` registered in ``RULES`` under its
id. ``deckgen check`` prints their findings; ``deckgen build`` runs the same rules and refuses
to write when any finding is an error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from deckgen.errors import Diagnostic
from deckgen.model import Deck, ImageContent

Rule = Callable[[Deck], Iterable[Diagnostic]]


def alt_text(deck: Deck) -> Iterable[Diagnostic]:
    """Every picture needs alt text that describes it (not its file name)."""
    for slide in deck.slides:
        content = slide.content
        if not isinstance(content, ImageContent):
            continue
        alt = content.alt.strip()
        name = content.image.path.rsplit("/", 1)[-1]
        if not alt:
            yield Diagnostic(slide.loc, f"picture {name!r} has no alt text", "error", "add 'alt:' saying what the picture shows", "alt-text")
        elif alt.lower() in (name.lower(), name.rsplit(".", 1)[0].lower()):
            yield Diagnostic(slide.loc, f"the alt text of {name!r} is its file name", "error", "describe what the picture shows", "alt-text")


RULES: dict[str, Rule] = {
    "alt-text": alt_text,
}


def run_checks(deck: Deck) -> list[Diagnostic]:
    """Every rule's findings for one deck, sorted."""
    found: list[Diagnostic] = []
    for rule in RULES.values():
        found.extend(rule(deck))
    return sorted(found, key=Diagnostic.sort_key)

