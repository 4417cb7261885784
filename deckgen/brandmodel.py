"""The brand and pictures as the model holds them: frozen, shared by both renderers.

Part of :mod:`deckgen.model` (which re-exports every name here); a module of its own only
to keep each file readable. It imports nothing of deckgen's but the neutral modules.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from deckgen.errors import SourceLoc
from deckgen.fitting import FitPolicy


@dataclass(frozen=True, slots=True)
class Asset:
    """A picture, read and checked by resolve. ``data`` is what renderers embed."""

    path: str  # project-relative, forward slashes
    data: bytes = field(repr=False)
    media_type: str  # image/png, image/jpeg, image/gif, image/svg+xml
    width: int  # pixels
    height: int
    loc: SourceLoc | None = field(default=None, compare=False)
    # A PNG of an SVG picture, for PowerPoint (which shows the PNG where it cannot draw
    # SVG); None for other pictures.
    fallback: bytes | None = field(default=None, repr=False)


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle on the slide, in EMU (914400 per inch)."""

    x: int
    y: int
    cx: int
    cy: int


@dataclass(frozen=True, slots=True)
class PlaceholderInfo:
    """A placeholder of a master layout, as read from the package (geometry inherited from
    the slide master where the layout does not override it)."""

    idx: int
    type: str  # OOXML ST_PlaceholderType: title, body, ctrTitle, subTitle, pic, dt, ftr, sldNum, obj…
    name: str
    box: Box | None
    font_size: float | None = None  # points, from the layout/master lstStyle level 1, if set


@dataclass(frozen=True, slots=True)
class MasterLayout:
    name: str  # unique in the package: "<name> (<master>)" where names repeat across masters
    placeholders: tuple[PlaceholderInfo, ...]
    master: int = 0  # which slide master (0-based, presentation order)
    position: int = 0  # which layout of that master (0-based, its layout list order)
    kind: str = ""  # the layout's OOXML type (title, obj, secHead, twoObj, titleOnly, blank…)

    def placeholder(self, idx: int) -> PlaceholderInfo | None:
        for ph in self.placeholders:
            if ph.idx == idx:
                return ph
        return None


# Text sizes (points, on a 7.5 in high slide; scaled with the slide's height) of fields drawn
# as shapes where the master has no placeholder (LayoutMap.drawn).
DRAWN_SIZES: dict[str, float] = {"title": 28, "label": 24, "question": 36, "subtitle": 20,
                                 "byline": 14, "credit": 10, "timer": 16}
DRAWN_BODY_SIZE = 20.0


def drawn_size(role: str, slide_height: int) -> float:
    """The font size of drawn field ``role`` on a slide ``slide_height`` EMU high."""
    base = DRAWN_SIZES.get(role, DRAWN_BODY_SIZE)
    return round(base * (slide_height / 6858000 if slide_height > 0 else 1.0) * 2) / 2


@dataclass(frozen=True, slots=True)
class LayoutMap:
    """How one deckgen layout maps onto the brand's master: a layout name, fields by idx."""

    master_layout: str
    placeholders: Mapping[str, int]
    # Fields the master layout has no placeholder for, drawn as shapes in the brand's colours
    # at these boxes (a fallback chosen when the brand is inferred; docs/brand.md).
    drawn: Mapping[str, Box] = field(default_factory=dict)
    reason: str = field(default="", compare=False)  # why this mapping (brand check prints it)

    def has(self, role: str) -> bool:
        """Whether the field goes anywhere: a placeholder or a drawn box."""
        return role in self.placeholders or role in self.drawn


@dataclass(frozen=True, slots=True)
class Brand:
    """Tokens shared by both renderers, from ``templates/<brand>/brand.yaml``."""

    name: str
    colors: Mapping[str, str]  # token -> "#RRGGBB"
    fonts: Mapping[str, str]  # "heading"/"body" -> family name
    font_files: Mapping[str, str]  # "heading"/"body" -> font file for measuring, may be empty
    footer: str
    slide_width: int  # EMU
    slide_height: int  # EMU
    master: bytes = field(repr=False)  # the master as read; a .potx normalised to .pptx
    master_path: str
    layouts: Mapping[str, LayoutMap]  # deckgen layout name -> master layout and idx per field
    master_layouts: Mapping[str, MasterLayout]  # master layout name -> what the master has
    logo: Asset | None = None
    loc: SourceLoc | None = field(default=None, compare=False)
    # Brand overrides of the reveal.js templates, read by resolve from
    # ``templates/<brand>/reveal/``: template name (e.g. "layouts/title.html.j2", "deck.html.j2")
    # -> template source. They win over the package defaults of render/reveal.
    reveal_templates: Mapping[str, str] = field(default_factory=dict, compare=False)
    # brand.yaml ``footer_placeholders``: "footer"/"slide_number" -> idx on the master's
    # layouts. python-pptx does not copy these onto new slides; render/pptx clones them.
    footer_placeholders: Mapping[str, int] = field(
        default_factory=lambda: {"footer": 11, "slide_number": 12}
    )
    # The brand's folder, project-relative ("templates/ks"; "<deckgen>/brands/default" for a
    # built-in brand): where messages about its reveal/ templates point.
    folder: str = field(default="", compare=False)
    fit: FitPolicy = field(default_factory=FitPolicy)
    # Whether the master's body text style draws bullets; when not, deckgen writes them.
    master_bullets: bool = True
    # "heading"/"body" -> how text in that font is measured (brand check shows it).
    font_sources: Mapping[str, str] = field(default_factory=dict, compare=False)

    def field_placeholder(self, layout: str, role: str) -> PlaceholderInfo | None:
        """The placeholder (or, for a drawn field, a stand-in with its box) that field
        ``role`` of deckgen layout ``layout`` goes into; None when the brand has none."""
        mapping = self.layouts.get(layout)
        if mapping is None:
            return None
        if role in mapping.drawn:
            return PlaceholderInfo(-1, "title" if role in ("title", "label", "question") else
                                   "body", f"drawn {role}", mapping.drawn[role],
                                   drawn_size(role, self.slide_height))
        master = self.master_layouts.get(mapping.master_layout)
        if master is None or role not in mapping.placeholders:
            return None
        return master.placeholder(mapping.placeholders[role])
