"""What a rule gets: the resolved deck and, when known, the project it came from.

Most rules look at the deck alone. A few need the project's files: ``unused-slide`` lists
``content/slides/`` and reads ``content/decks/``, and rules about the brand point at the line
of ``brand.yaml`` to change. Without a project (a deck built in a test, or by a caller that
has none) those rules fall back to what the deck carries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from deckgen.check.fonts import Fonts
from deckgen.errors import Diagnostics, SourceLoc
from deckgen.load import load_deck
from deckgen.load.yamlsrc import load_yaml_file
from deckgen.model import Deck, Located, Slide, SourceDeck
from deckgen.project import Project
from deckgen.resolve.brand import BUILTIN_DIR, BUILTIN_PREFIX


@dataclass
class CheckContext:
    """One deck being checked. Cached values are computed once for all rules."""

    deck: Deck
    project: Project | None = None
    source: SourceDeck | None = None  # the deck file as the build loaded it, if it did
    # The brand's placeholder box and text style per (layout, field), as the checks measure
    # them (:func:`deckgen.check.overflow._placeholder_box`); the same for every slide.
    placeholders: dict[tuple[str, str], Any] = field(default_factory=dict, repr=False)

    def slide_number(self, slide: Slide) -> int:
        """``slide``'s number in the deck (1-based, as the outputs number it), for a finding's
        mark on the preview; 0 for a slide that is not the deck's."""
        return self._numbers.get(id(slide), 0)

    @cached_property
    def _numbers(self) -> dict[int, int]:
        # By identity: two slides with the same content are still two slides.
        return {id(s): n for n, s in enumerate(self.deck.slides, start=1)}

    @cached_property
    def fonts(self) -> Fonts:
        return Fonts.for_brand(self.deck.brand)

    def brand_loc(self, *keys: str) -> SourceLoc:
        """Where ``keys`` (e.g. ``"colors", "muted"``) are written in the brand's
        brand.yaml: the deepest of them found, else the brand file itself."""
        fallback = self.deck.brand.loc or SourceLoc(self.deck.brand.master_path or "brand.yaml")
        node = self.brand_yaml
        best = fallback
        for key in keys:
            if node is None or not isinstance(node.value, dict) or key not in node.value:
                break
            node = node.value[key]
            # A scalar's value is what to change; a section is named by its key.
            nested = isinstance(node.value, dict | list)
            best = (node.key_loc or node.loc) if nested else node.loc
        return best

    def deck_loc(self, key: str) -> SourceLoc:
        """Where the deck file sets ``key`` (``lang``, ``brand`` …), else the deck file."""
        src = self.source_deck
        if src is not None and key in src.settings:
            node = src.settings[key]
            return node.loc
        return self.deck.loc

    @cached_property
    def source_deck(self) -> SourceDeck | None:
        """The deck file as loaded (settings with their locations), if the project is known."""
        if self.source is not None:
            return self.source
        if self.project is None or self.deck.loc.path.startswith("<"):
            return None
        path = self.project.root / self.deck.loc.path
        if not path.is_file():
            return None
        return load_deck(path, self.deck.loc.path, Diagnostics())

    @cached_property
    def brand_yaml(self) -> Located | None:
        """The brand's brand.yaml, parsed with locations (None if it cannot be found)."""
        loc = self.deck.brand.loc
        if loc is None:
            return None
        if loc.path.startswith(BUILTIN_PREFIX + "/"):
            path = BUILTIN_DIR / loc.path.removeprefix(BUILTIN_PREFIX + "/")
        elif self.project is not None:
            path = self.project.root / loc.path
        else:
            return None
        if not path.is_file():
            return None
        return load_yaml_file(path, loc.path, Diagnostics())
