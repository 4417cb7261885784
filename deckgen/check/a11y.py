"""Accessibility rules: what a screen reader, a low-vision reader or a voice needs.

- ``alt-text``: every picture says what it shows -- not empty, not its file name;
- ``title``: every slide has a title, visible or hidden (screen readers and the outline
  navigate by titles; image, question and discussion slides get hidden ones from resolve);
- ``lang``: the deck's text has a language, as a well-formed BCP 47 tag with a known
  language, so spelling and speech use the right one;
- ``contrast``: the brand's colour pairs that carry text reach WCAG 2.1 AA (4.5:1, or 3:1
  for large text: 18 pt, or 14 pt bold);
- ``link-text``: a link's text is a name, not the bare address (a screen reader reads an
  address letter by letter); a warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from deckgen.check.context import CheckContext
from deckgen.check.walk import anchored, visible_inlines
from deckgen.errors import Diagnostic, Mark, SourceLoc, did_you_mean
from deckgen.load.slips import marp_keywords
from deckgen.model import ImageContent, ImageTextContent, TilesContent, plain

# --------------------------------------------------------------------------- alt-text

_IMAGE_FILE = re.compile(
    r"^[\w\-. ()]+\.(png|jpe?g|gif|svg|webp|heic|heif|tiff?|bmp|avif)$", re.IGNORECASE)
_CAMERA_NAME = re.compile(r"^(img|dsc|dscn|pxl|photo|image|screenshot)[-_ ]?\d+", re.IGNORECASE)


def alt_text(ctx: CheckContext) -> Iterator[Diagnostic]:
    """Every picture needs alt text that describes it (not its file name)."""
    for slide in ctx.deck.slides:
        content = slide.content
        if not isinstance(content, ImageContent | ImageTextContent):
            continue
        alt = content.alt.strip()
        name = content.image.path.rsplit("/", 1)[-1]
        stem = name.rsplit(".", 1)[0]
        loc = anchored(content.image.loc, slide)
        mark = Mark(ctx.slide_number(slide), "picture")
        if not alt:
            yield Diagnostic(loc, f"picture {name!r} has no alt text", "warning",
                             "add 'alt:' saying what the picture shows (a Markdown picture: ![what it shows](file); "
                             "Marp's keywords such as bg or w:300 are not alt text: ![bg what it shows](file))", "alt-text",
                             mark=mark)
        elif marp_keywords(alt)[0] == "":
            yield Diagnostic(loc, f"the alt text of {name!r} is Marp's picture keywords ({alt!r}), not a description",
                             "warning", "describe what the picture shows, in a sentence", "alt-text", mark=mark)
        elif (alt.lower() in (name.lower(), stem.lower()) or _IMAGE_FILE.match(alt)
              or _CAMERA_NAME.match(alt)):
            yield Diagnostic(loc, f"the alt text of {name!r} is a file name ({alt!r})", "warning",
                             "describe what the picture shows, in a sentence", "alt-text", mark=mark)


# --------------------------------------------------------------------------- title


def title(ctx: CheckContext) -> Iterator[Diagnostic]:
    """Every slide has a title, shown or hidden."""
    for slide in ctx.deck.slides:
        if plain(slide.title).strip() or slide.hidden_title.strip():
            continue
        yield Diagnostic(
            slide.loc, f"the {slide.layout} slide has no title", "warning",
            "add 'title:' (or a '# Heading'), or 'hidden_title:' when none should show; "
            "screen readers and the outline list slides by their titles", "title",
            mark=Mark(ctx.slide_number(slide), "slide"))


# --------------------------------------------------------------------------- lang

# ISO 639-1: the two-letter language codes (BCP 47 prefers them where they exist).
_ISO_639_1_TEXT = """
aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da
de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy
hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg
li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or
os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta
te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
"""
ISO_639_1 = frozenset(_ISO_639_1_TEXT.split())

# RFC 5646 "langtag" (well-formedness), without the grandfathered irregular tags.
_BCP47 = re.compile(
    r"^(?P<language>[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})"
    r"(?:-(?P<script>[a-z]{4}))?"
    r"(?:-(?P<region>[a-z]{2}|\d{3}))?"
    r"(?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*"
    r"(?:-[\da-wy-z](?:-[a-z\d]{2,8})+)*"
    r"(?:-x(?:-[a-z\d]{1,8})+)?$",
    re.IGNORECASE,
)
_COMMON_TAGS = ("nb-NO", "nn-NO", "se-NO", "en-GB", "en-US", "sv-SE", "da-DK", "fi-FI")


def lang_problem(tag: str) -> tuple[str, str] | None:
    """(what is wrong, hint) with a language tag, or None when it is a good BCP 47 tag."""
    if not tag.strip():
        return "the deck's text has no language", "set 'lang:', e.g. lang: nb-NO"
    if "_" in tag and _BCP47.match(tag.replace("_", "-")):
        return (f"language {tag!r} is not a BCP 47 tag",
                f"write it with a hyphen: {tag.replace('_', '-')!r}")
    match = _BCP47.match(tag)
    if match is None:
        return (f"language {tag!r} is not a BCP 47 tag",
                did_you_mean(tag, _COMMON_TAGS) + " (e.g. nb-NO, nn-NO, se-NO, en-GB)")
    primary = match.group("language").split("-")[0].lower()
    # Two letters: ISO 639-1; three: ISO 639-2/3 (e.g. sma, smj); four to eight letters are
    # reserved by BCP 47 and no language has one.
    if len(primary) >= 4 or (len(primary) == 2 and primary not in ISO_639_1):
        return (f"language {tag!r} starts with {primary!r}, which is not a language code",
                "use an ISO 639 code: nb (Bokmål), nn (Nynorsk), se (Northern Sami), en …")
    return None


def lang(ctx: CheckContext) -> Iterator[Diagnostic]:
    """The deck's text has a well-formed language tag of a known language."""
    problem = lang_problem(ctx.deck.lang)
    if problem is not None:
        yield Diagnostic(ctx.deck_loc("lang"), problem[0], "warning", problem[1], "lang")


# --------------------------------------------------------------------------- contrast


@dataclass(frozen=True, slots=True)
class Pair:
    """A text colour on a fill colour, where the renderers use it, and whether all text set
    in it is large (18 pt, or 14 pt bold), which lowers the WCAG threshold to 3:1."""

    text: str
    fill: str
    used_for: str
    large_only: bool = False


PAIRS = (
    Pair("text", "background", "body text and table cells"),
    Pair("text", "surface", "text on cards (columns, org chart bodies)"),
    Pair("muted", "background", "photo credits and small print"),
    Pair("muted", "surface", "tile captions"),
    Pair("on_primary", "primary", "title and section slides, table headers"),
    Pair("on_accent", "accent", "video tiles"),
    Pair("primary", "background", "slide titles", large_only=True),
    Pair("primary", "surface", "headings on cards"),
    Pair("accent", "background", "the discussion label", large_only=True),
)
AA_NORMAL = 4.5
AA_LARGE = 3.0


def relative_luminance(color: str) -> float:
    """WCAG 2.1 relative luminance of ``#RRGGBB``."""
    channels = [int(color.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2.1 contrast ratio of two ``#RRGGBB`` colours (1 to 21)."""
    hi, lo = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def contrast(ctx: CheckContext) -> Iterator[Diagnostic]:
    """Brand colour pairs used for text below WCAG 2.1 AA."""
    colors = ctx.deck.brand.colors
    for pair in PAIRS:
        if pair.text not in colors or pair.fill not in colors:
            continue
        ratio = contrast_ratio(colors[pair.text], colors[pair.fill])
        need = AA_LARGE if pair.large_only else AA_NORMAL
        # Compared as WCAG does, on the ratio itself; shown rounded down so a pair shown as
        # 4.4:1 never passes and one that passes is never shown below 4.5:1.
        if ratio >= need:
            continue
        shown = int(ratio * 100) / 100
        yield Diagnostic(
            ctx.brand_loc("colors", pair.text),
            f"brand colour '{pair.text}' ({colors[pair.text]}) on '{pair.fill}' "
            f"({colors[pair.fill]}) has contrast {shown:.2f}:1, below WCAG AA {need:g}:1 "
            f"({pair.used_for})", "warning",
            f"darken or lighten '{pair.text}' or '{pair.fill}' in the brand's colors",
            "contrast")


# --------------------------------------------------------------------------- link-text

_URLISH = re.compile(r"^(https?://|www\.)\S+$", re.IGNORECASE)


def _bare(text: str, href: str) -> bool:
    """Whether a link's text is just its address."""
    t = text.strip()
    if not t or href.lower().startswith("mailto:"):
        return False

    def norm(s: str) -> str:
        s = re.sub(r"^[a-z][a-z0-9+.-]*://", "", s.strip().lower())
        return s.removeprefix("www.").rstrip("/")

    return bool(_URLISH.match(t)) or norm(t) == norm(href)


def link_text(ctx: CheckContext) -> Iterator[Diagnostic]:
    """Links (and tiles) whose text is the bare address."""
    for slide in ctx.deck.slides:
        for inline, loc in visible_inlines(slide):
            for run in inline:
                if run.href is not None and _bare(run.text, run.href):
                    yield _link_text(loc, run.text.strip())
        if isinstance(slide.content, TilesContent):
            for tile in slide.content.tiles:
                name = plain(tile.title)
                if tile.url is not None and _bare(name, tile.url):
                    yield _link_text(slide.loc, name.strip())


def _link_text(loc: SourceLoc, text: str) -> Diagnostic:
    return Diagnostic(
        loc, f"the link text is the bare address {text!r}", "warning",
        "name where the link goes, e.g. [KS Toppmøte 2024](https://…); a screen reader reads "
        "an address letter by letter", "link-text")
