"""The frozen model.

``SourceDeck`` is what ``load`` produces: files parsed, every node located, nothing resolved.
``Deck`` is what ``resolve`` produces and what renderers see: includes expanded, variables
substituted, county data merged, rosters paginated, assets read and brand loaded. Renderers
never touch the file system; everything they need is in the ``Deck``.

Text is a tuple of :class:`Para` (paragraphs with a nesting ``level`` and a ``kind``), each a
tuple of :class:`Run` (styled inline text). Nested bullets are paragraphs with ``level > 0``,
which is what PowerPoint stores and what the HTML renderer turns back into nested lists.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from deckgen.brandmodel import (  # noqa: F401  (part of the model: re-exported)
    DRAWN_BODY_SIZE,
    Asset,
    Box,
    Brand,
    LayoutMap,
    MasterLayout,
    PlaceholderInfo,
    drawn_size,
)
from deckgen.errors import SourceLoc
from deckgen.fitting import BoxFit

# --------------------------------------------------------------------------- inline and text


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of text with one style. ``href`` is an allow-listed link target or None."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    href: str | None = None
    color: str = ""  # "#RRGGBB": a code run's syntax colour (load/highlight.py); "" the text's


Inline = tuple[Run, ...]

ParaKind = Literal["text", "bullet", "number"]


@dataclass(frozen=True, slots=True)
class Para:
    """A paragraph: a list item at ``level`` (0 = outermost) or plain text."""

    runs: Inline
    kind: ParaKind = "text"
    level: int = 0
    rtl: bool = False
    loc: SourceLoc | None = field(default=None, compare=False)
    # The click on which it appears in reveal.js (pandoc's ". . ." and incremental lists):
    # paragraphs of one step appear together; 0 = shown with the slide. PowerPoint shows all.
    fragment: int = 0

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


Text = tuple[Para, ...]


def plain(inline: Inline) -> str:
    """The characters of an inline run sequence, without styling."""
    return "".join(r.text for r in inline)


# The only link schemes deckgen writes into either output (resolve, check and both renderers).
SAFE_SCHEMES: tuple[str, ...] = ("http", "https", "mailto")


def is_safe_href(href: str) -> bool:
    """Whether ``href`` is an absolute http(s) address with a host, or a mailto: address."""
    import urllib.parse

    try:
        parts = urllib.parse.urlsplit(href.strip())
    except ValueError:
        return False
    if parts.scheme.lower() not in SAFE_SCHEMES:
        return False
    return bool(parts.netloc) if parts.scheme.lower() in ("http", "https") else bool(parts.path)


# A font family name as brand.yaml may give it: letters and digits (any script), spaces and
# ``. - _ & + ( )``, starting with a letter or digit, at most 64 characters. PowerPoint takes
# any text as a typeface, but CSS needs the name inside a quoted string: quotes, backslashes,
# ``; { } < >``, commas (a fallback list is not one name) and line breaks are refused.
_FONT_NAME = re.compile(r"[^\W_][\w .&+()-]{0,63}")


def is_font_name(name: str) -> bool:
    """Whether ``name`` is a font family name both outputs can use as written."""
    return bool(_FONT_NAME.fullmatch(name)) and name == name.rstrip()


def is_rtl(text: str) -> bool:
    """Whether ``text`` reads right to left: its first strong character is Hebrew or Arabic
    script (the Unicode bidi rule for a paragraph's direction)."""
    import unicodedata

    for ch in text:
        bidi = unicodedata.bidirectional(ch)
        if bidi in ("R", "AL"):
            return True
        if bidi == "L":
            return False
    return False


def unwrap(located: Any) -> Any:
    """Unwrap a located tree into plain dicts, lists and scalars: the one unwrapper (load,
    resolve, the layouts and check use it). A part that is not :class:`Located` (data built
    in code, a value already substituted, None) is taken as it is, its items unwrapped."""
    value = located.value if isinstance(located, Located) else located
    if isinstance(value, dict):
        return {k: unwrap(v) for k, v in value.items()}
    if isinstance(value, list):
        return [unwrap(v) for v in value]
    return value


def text_plain(text: Text) -> str:
    """The paragraphs of a text, one per line."""
    return "\n".join(p.text for p in text)


# --------------------------------------------------------------------------- layout contents


@dataclass(frozen=True, slots=True)
class TitleContent:
    subtitle: Text = ()
    byline: Text = ()  # meeting, place and date line


@dataclass(frozen=True, slots=True)
class SectionContent:
    subtitle: Text = ()


@dataclass(frozen=True, slots=True)
class BulletsContent:
    body: Text = ()


@dataclass(frozen=True, slots=True)
class Column:
    heading: Inline
    body: Text = ()


@dataclass(frozen=True, slots=True)
class ColumnsContent:
    columns: tuple[Column, ...]
    intro: Text = ()
    widths: tuple[float, ...] = ()  # relative widths of the columns (pandoc's width=); () = equal


@dataclass(frozen=True, slots=True)
class OrgNode:
    id: str
    name: Inline
    facts: Text = ()
    rank: int = 0  # computed by resolve: 0 = electors, higher = elected by lower ranks
    slot: int = 0  # position within its rank, computed by resolve
    loc: SourceLoc | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class OrgEdge:
    """``source`` elects (or appoints) ``target``."""

    source: str
    target: str
    label: str = ""
    loc: SourceLoc | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class OrgChartContent:
    nodes: tuple[OrgNode, ...]
    edges: tuple[OrgEdge, ...]
    direction: Literal["right", "down"] = "right"
    ranks: int = 1  # number of ranks (columns when direction is right)


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    place: str = ""  # municipality or organisation
    role: str = ""


@dataclass(frozen=True, slots=True)
class RosterContent:
    people: tuple[Person, ...]
    page: int = 1  # 1-based page of a paginated roster
    pages: int = 1


@dataclass(frozen=True, slots=True)
class Tile:
    title: Inline
    url: str | None = None  # None: a plain card that links nowhere
    kind: Literal["link", "video"] = "link"
    caption: str = ""  # e.g. the link's host, shown small
    loc: SourceLoc | None = field(default=None, compare=False)  # the tile's entry in its file


@dataclass(frozen=True, slots=True)
class TilesContent:
    tiles: tuple[Tile, ...]


@dataclass(frozen=True, slots=True)
class ImageContent:
    image: Asset
    alt: str
    credit: str = ""
    fit: Literal["cover", "contain"] = "cover"
    focus: tuple[float, float] = (0.5, 0.5)  # which part stays visible when cropping


@dataclass(frozen=True, slots=True)
class ImageTextContent:
    """A picture beside the slide's body (Marp's ``![bg left:40%](x)``)."""

    image: Asset
    alt: str
    body: Text = ()
    side: Literal["left", "right"] = "left"  # where the picture goes
    width: float = 0.5  # the picture's share of the area's width
    credit: str = ""
    focus: tuple[float, float] = (0.5, 0.5)  # which part stays visible when cropping


@dataclass(frozen=True, slots=True)
class DiscussionContent:
    prompt: Text
    minutes: int
    pairing: str = ""  # e.g. "to og to"
    label: str = ""  # e.g. "Diskuter 3 minutter (to og to):", composed by resolve


@dataclass(frozen=True, slots=True)
class QuestionContent:
    question: Text


@dataclass(frozen=True, slots=True)
class TableContent:
    header: tuple[Inline, ...]
    rows: tuple[tuple[Inline, ...], ...]
    align: tuple[str, ...] = ()  # per column: "left", "center", "right" or "" (the default)
    caption: Inline = ()
    intro: Text = ()  # text written beside a Markdown table on its slide, shown above it


Content = (
    TitleContent
    | SectionContent
    | BulletsContent
    | ColumnsContent
    | OrgChartContent
    | RosterContent
    | TilesContent
    | ImageContent
    | ImageTextContent
    | DiscussionContent
    | QuestionContent
    | TableContent
)


# --------------------------------------------------------------------------- slides and decks


@dataclass(frozen=True, slots=True)
class Slide:
    """One rendered slide. ``title`` may be ``()`` only for layouts without a visible title;
    ``hidden_title`` is still set then, for accessibility (screen readers, outline view)."""

    layout: str
    title: Inline
    content: Content
    notes: Text = ()
    hidden_title: str = ""
    loc: SourceLoc = field(default_factory=lambda: SourceLoc("<unknown>"), compare=False)
    title_loc: SourceLoc | None = field(default=None, compare=False)  # the title: field or # heading
    # ``continue:`` as the slide says it ("auto", "off") or "" for the brand's default.
    continuation: str = ""
    part: int = 1  # a list or table continued over several slides: this is part ``part`` …
    parts: int = 1  # … of ``parts``
    fit: tuple[BoxFit, ...] = ()  # the boxes made to fit; empty until deckgen.check.fit ran

    def box_fit(self, key: str) -> BoxFit | None:
        """How the box ``key`` was made to fit, or None when it was left as it is."""
        return next((f for f in self.fit if f.key == key), None)


@dataclass(frozen=True, slots=True)
class Deck:
    """A fully resolved deck for one county (or none): all renderers need."""

    name: str  # output stem: "regionmote-buskerud" or "talk"
    title: str
    subtitle: str
    author: str
    date: str  # ISO date or "" ; shown and used for document properties
    lang: str  # BCP 47, e.g. "nb-NO"
    brand: Brand
    slides: tuple[Slide, ...]
    county: str | None = None  # county key
    keywords: str = ""
    loc: SourceLoc = field(default_factory=lambda: SourceLoc("<unknown>"), compare=False)
    # The document properties' time, ISO 8601 in UTC without a zone ("2024-06-11T00:00:00"):
    # the deck's YYYY-MM-DD date, else SOURCE_DATE_EPOCH; "" = the renderer's fixed epoch.
    # Decided at resolve, so a renderer depends on the Deck alone, never on the environment.
    timestamp: str = ""
    # The county file says ``example: true``: made-up data. Built anyway (with a warning); the
    # preview and the contact sheet mark every slide "EKSEMPEL".
    example: bool = False


# --------------------------------------------------------------------------- loaded, unresolved


@dataclass(frozen=True, slots=True)
class Located:
    """A YAML value with where it was written.

    A mapping's ``value`` is ``dict[str, Located]``, a sequence's ``list[Located]``, a scalar's
    the Python value (str, int, float, bool, None, date). ``key_loc`` is where the key of a
    mapping entry was written (for "unknown key" messages).
    """

    value: Any
    loc: SourceLoc
    key_loc: SourceLoc | None = field(default=None, compare=False)
    raw: str | None = field(default=None, compare=False)  # source text of a plain non-string scalar


@dataclass(frozen=True, slots=True)
class SourceImage:
    """A Markdown image on a slide of its own: ``![alt](src "title")``."""

    src: str
    alt: str
    loc: SourceLoc
    title: str = ""
    width: str = ""  # as written: "50%", "300px", "300" ({width=…}, Marp's w:, <img width>)
    height: str = ""
    bg: str = ""  # Marp's background: "bg" (full-bleed), "left"/"right" (beside the content)
    fit: str = ""  # Marp's "contain"/"cover" for a background
    share: str = ""  # Marp's "40%" of ``bg left:40%``: the picture's share of the slide's width
    caption: str = ""  # pandoc's figure caption (its alt text), shown under the picture


@dataclass(frozen=True, slots=True)
class SourceSlide:
    """A slide as written: front matter (values ``Located``), Markdown body, notes.

    ``body`` and ``notes`` are parsed but not substituted: variables are still ``{{ … }}`` text.
    """

    fields: Mapping[str, Located]
    body: Text
    notes: Text
    loc: SourceLoc
    heading: Inline = ()  # a leading "# Heading" of the body, used as the title by default
    heading_loc: SourceLoc | None = None
    heading_level: int = 0
    images: tuple[SourceImage, ...] = ()
    table: tuple[tuple[Inline, ...], ...] = ()  # a Markdown table: header row first
    table_loc: SourceLoc | None = None  # where the table starts (its variables are found from here)
    table_align: tuple[str, ...] = ()
    table_caption: Inline = ()
    # pandoc's ::: columns: per column its heading, text and width= as written
    columns: tuple[tuple[Inline, Text, str], ...] = ()
    classes: tuple[str, ...] = ()  # Marp classes deckgen reads (lead, invert)


@dataclass(frozen=True, slots=True)
class SlideRef:
    """An entry of a deck's slide list: a library reference or an inline slide."""

    loc: SourceLoc
    use: str = ""  # library file name (without .md), or "" for inline
    params: Mapping[str, Located] = field(default_factory=dict)
    inline: SourceSlide | None = None
    only: tuple[str, ...] = ()  # county keys this slide is for; () = every county
    skip: tuple[str, ...] = ()  # county keys this slide is hidden for
    override: Mapping[str, SlideRef] = field(default_factory=dict)  # county key -> replacement
    county_locs: Mapping[str, SourceLoc] = field(default_factory=dict, compare=False)  # where each county key was written


@dataclass(frozen=True, slots=True)
class SourceDeck:
    """What ``load`` returns: the deck file's settings and its slide list, located."""

    path: str  # project-relative
    name: str
    settings: Mapping[str, Located]
    slides: tuple[SlideRef, ...]
    counties: tuple[str, ...] = ()
    loc: SourceLoc = field(default_factory=lambda: SourceLoc("<unknown>"), compare=False)
    # A Markdown deck's dialect: "pandoc" makes a title slide of the front matter's title,
    # "marp" does not (Marp's title is the document's name only); "" for a YAML deck.
    dialect: str = ""
