"""What pandoc and Marp write beyond CommonMark, read as those tools read it.

Plain functions over strings, used by :mod:`deckgen.load.markdown` (which owns the parser):

- pandoc attributes ``{#id .class key=value key="a b"}`` and the bare word of a fenced div
  (``::: notes``), and the trailing attributes of a heading (``# Intro {.unnumbered}``);
- Marp's picture keywords inside the alt text (``![bg left:40% w:300](x.png)``);
- the pictures of an HTML ``<img>`` tag (``src``, ``alt``, ``width``, ``height``; the rest of
  the tag is not used);
- Marp's loose front matter: a directive whose value YAML would read as a tag, an alias or an
  anchor (``header: ![logo](x.png)``) is read as the text Marp reads.

Nothing here parses Markdown: the tokens come from markdown-it in ``markdown.py``.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass(frozen=True, slots=True)
class Attr:
    """pandoc attributes: an identifier, classes and key=value pairs, in source order."""

    id: str = ""
    classes: tuple[str, ...] = ()
    pairs: tuple[tuple[str, str], ...] = ()

    def get(self, key: str, default: str = "") -> str:
        return next((v for k, v in self.pairs if k == key), default)

    def __bool__(self) -> bool:
        return bool(self.id or self.classes or self.pairs)


def parse_attributes(text: str) -> Attr | None:
    """``{#id .class key=value}`` or a fenced div's bare class word (``notes``) → :class:`Attr`;
    None when ``text`` is neither (pandoc then reads it as text)."""
    text = text.strip().rstrip(":").strip()
    if re.fullmatch(r"[\w-]+", text):
        return Attr(classes=(text,))
    if not (text.startswith("{") and text.endswith("}")):
        return None
    try:
        words = shlex.split(text[1:-1], posix=True)
    except ValueError:
        return None
    ident = ""
    classes: list[str] = []
    pairs: list[tuple[str, str]] = []
    marked = any(w[:1] in ".#" or "=" in w for w in words)
    for word in words:
        if word.startswith("#") and len(word) > 1:
            ident = word[1:]
        elif word.startswith(".") and len(word) > 1:
            classes.append(word[1:])
        elif "=" in word:
            key, _, value = word.partition("=")
            pairs.append((key, value))
        elif word == "-":
            classes.append("unnumbered")  # pandoc's shorthand for {.unnumbered}
        elif marked and re.fullmatch(r"[\w-]+", word):
            classes.append(word)  # a class without its dot beside real attributes: still attributes
        else:
            return None
    return Attr(ident, tuple(classes), tuple(pairs))


_TRAILING = re.compile(r"\s*(\{[^{}]*\})\s*$")


def split_heading_attributes(text: str) -> tuple[str, Attr | None]:
    """A heading's text without pandoc's trailing ``{…}`` attributes, and those attributes."""
    match = _TRAILING.search(text)
    if match is None:
        return text, None
    attr = parse_attributes(match.group(1))
    if attr is None:
        return text, None
    return text[: match.start()], attr


# --------------------------------------------------------------------------- Marp pictures

_MARP_FILTERS = frozenset(
    {"blur", "brightness", "contrast", "drop-shadow", "grayscale", "hue-rotate", "invert",
     "opacity", "saturate", "sepia"}
)
_SIZE_KEYS = {"w": "width", "width": "width", "h": "height", "height": "height"}


@dataclass(frozen=True, slots=True)
class MarpPicture:
    """What Marp's keywords in a picture's alt text say; ``alt`` is the text left over."""

    alt: str
    bg: bool = False
    side: str = ""  # "left" / "right": a picture beside the slide's content
    share: str = ""  # "40%" of "left:40%": the picture's share of the slide's width
    fit: str = ""  # "contain" (Marp's "fit" too) / "cover" / ""
    width: str = ""
    height: str = ""
    dropped: tuple[str, ...] = field(default=())  # keywords with no deckgen equivalent


# CSS's named colours (CSS Color Module Level 4) and the functional notations: Marp reads a
# picture whose address is a colour as its shorthand for a colour (![bg](navy) colours the
# background, ![](red) the text), not as a picture.
_CSS_NAMED_COLOURS = frozenset(["aliceblue", "antiquewhite", "aqua", "aquamarine", "azure", "beige", "bisque", "black", "blanchedalmond", "blue", "blueviolet", "brown", "burlywood", "cadetblue", "chartreuse", "chocolate", "coral", "cornflowerblue", "cornsilk", "crimson", "cyan", "darkblue", "darkcyan", "darkgoldenrod", "darkgray", "darkgreen", "darkgrey", "darkkhaki", "darkmagenta", "darkolivegreen", "darkorange", "darkorchid", "darkred", "darksalmon", "darkseagreen", "darkslateblue", "darkslategray", "darkslategrey", "darkturquoise", "darkviolet", "deeppink", "deepskyblue", "dimgray", "dimgrey", "dodgerblue", "firebrick", "floralwhite", "forestgreen", "fuchsia", "gainsboro", "ghostwhite", "gold", "goldenrod", "gray", "green", "greenyellow", "grey", "honeydew", "hotpink", "indianred", "indigo", "ivory", "khaki", "lavender", "lavenderblush", "lawngreen", "lemonchiffon", "lightblue", "lightcoral", "lightcyan", "lightgoldenrodyellow", "lightgray", "lightgreen", "lightgrey", "lightpink", "lightsalmon", "lightseagreen", "lightskyblue", "lightslategray", "lightslategrey", "lightsteelblue", "lightyellow", "lime", "limegreen", "linen", "magenta", "maroon", "mediumaquamarine", "mediumblue", "mediumorchid", "mediumpurple", "mediumseagreen", "mediumslateblue", "mediumspringgreen", "mediumturquoise", "mediumvioletred", "midnightblue", "mintcream", "mistyrose", "moccasin", "navajowhite", "navy", "oldlace", "olive", "olivedrab", "orange", "orangered", "orchid", "palegoldenrod", "palegreen", "paleturquoise", "palevioletred", "papayawhip", "peachpuff", "peru", "pink", "plum", "powderblue", "purple", "rebeccapurple", "red", "rosybrown", "royalblue", "saddlebrown", "salmon", "sandybrown", "seagreen", "seashell", "sienna", "silver", "skyblue", "slateblue", "slategray", "slategrey", "snow", "springgreen", "steelblue", "tan", "teal", "thistle", "tomato", "turquoise", "violet", "wheat", "white", "whitesmoke", "yellow", "yellowgreen", "transparent"])
_CSS_COLOUR = re.compile(r"#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})|(?:rgba?|hsla?|hwb)\([^()]*\)", re.IGNORECASE)


def is_css_colour(text: str) -> bool:
    """Whether a picture's address is a CSS colour (``#1e3a5f``, ``rgb(10,20,30)``, ``navy``)."""
    text = text.strip()
    return text.lower() in _CSS_NAMED_COLOURS or _CSS_COLOUR.fullmatch(text) is not None


def marp_picture(alt: str) -> MarpPicture:
    """Split Marp's picture keywords out of ``alt`` (``bg``, ``left``/``right[:N%]``,
    ``contain``/``fit``/``cover``/``auto``/``N%``, ``w:``/``h:``, CSS filters)."""
    words = alt.split()
    bg = "bg" in words
    rest: list[str] = []
    side = share = fit = width = height = ""
    dropped: list[str] = []
    for word in words:
        key, _, value = word.partition(":")
        if word == "bg":
            continue
        if key in _SIZE_KEYS and value:
            if _SIZE_KEYS[key] == "width":
                width = value
            else:
                height = value
        elif key in _MARP_FILTERS:
            dropped.append(word)
        elif bg and key in ("left", "right"):
            side, share = key, value
        elif bg and word in ("contain", "fit"):
            fit = "contain"
        elif bg and word == "cover":
            fit = "cover"
        elif bg and (word == "auto" or re.fullmatch(r"\d+(\.\d+)?%", word) or word in ("vertical", "horizontal")):
            dropped.append(word)
        else:
            rest.append(word)
    return MarpPicture(" ".join(rest), bg, side, share, fit, width, height, tuple(dropped))


# --------------------------------------------------------------------------- HTML pictures


@dataclass(frozen=True, slots=True)
class HtmlPicture:
    src: str
    alt: str
    width: str = ""
    height: str = ""


class _ImgParser(HTMLParser):
    """Collects ``<img>`` tags and whether anything else with text or meaning was there."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pictures: list[HtmlPicture] = []
        self.text: list[str] = []
        self.other_tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            values = {k: (v or "") for k, v in attrs}
            if values.get("src"):
                self.pictures.append(HtmlPicture(values["src"], values.get("alt", ""), values.get("width", ""), values.get("height", "")))
        elif tag not in ("p", "div", "center", "span", "figure", "br", "picture", "a"):
            self.other_tags.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.text.append(data.strip())


def html_pictures(html: str) -> tuple[list[HtmlPicture], str]:
    """The ``<img>`` pictures of an HTML fragment, and its other text ('' when none): the
    picture is kept, the wrapping (``<p align=center>``, ``<div>``) carries no content."""
    parser = _ImgParser()
    parser.feed(html)
    parser.close()
    return parser.pictures, " ".join(parser.text)


# Elements whose text runs on inside a line; any other tag ends a line (as a browser lays
# out blocks), and the contents of these are never text.
_INLINE_TAGS = frozenset({"a", "abbr", "b", "cite", "code", "em", "font", "i", "kbd", "mark", "q", "s", "samp",
                          "small", "span", "strong", "sub", "sup", "u", "var"})
_HIDDEN_TAGS = frozenset({"script", "style", "template", "noscript", "svg", "math", "head", "title"})


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[tuple[int, str]] = []
        self.current: list[str] = []
        self.start = 0
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN_TAGS:
            self.hidden += 1
        elif tag not in _INLINE_TAGS:
            self.flush()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _INLINE_TAGS:
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN_TAGS:
            self.hidden = max(0, self.hidden - 1)
        elif tag not in _INLINE_TAGS:
            self.flush()

    def handle_data(self, data: str) -> None:
        if self.hidden or not data.strip():
            if data and self.current:
                self.current.append(" ")
            return
        if not self.current:
            self.start = self.getpos()[0] - 1 + data[: len(data) - len(data.lstrip())].count("\n")
        self.current.append(data)

    def flush(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.lines.append((self.start, text))
        self.current = []


def html_text(html: str) -> list[tuple[int, str]]:
    """The text an HTML fragment shows, as a browser lays it out: one line per block (a
    ``<div>``, ``<p>``, ``<br>`` or any unknown element ends a line), white space collapsed,
    entities decoded, nothing from ``<script>``, ``<style>`` or ``<svg>``; each line with its
    0-based line in ``html``. Marp (its allowlist keeps ``<div>``, ``<p>``, ``<strong>`` …) and
    pandoc (which reads a ``<div>``'s contents) both show this text."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    parser.flush()
    return parser.lines


# --------------------------------------------------------------------------- Marp front matter

# Marp's directives whose value is text. Marp reads their values loosely: ``header: **KS**``
# and ``footer: ![logo](x.png)`` are text to Marp, an alias and a tag to YAML.
_LOOSE_KEYS = ("header", "footer", "title", "description", "author", "theme", "class",
               "backgroundColor", "backgroundImage", "color", "size", "paginate")
_MARP_KEY_LINE = re.compile(r"^(marp|paginate|headingDivider|header|footer|class|size|backgroundColor|backgroundImage|color)\s*:", re.M)
_LOOSE_LINE = re.compile(r"^(\s*)(" + "|".join(_LOOSE_KEYS) + r")(\s*:\s+)([!&*@`%].*?)\s*$")


def loosen_front_matter(text: str) -> tuple[str, list[tuple[int, str, str]]]:
    """In a Marp file's front matter (one that has a key only Marp reads), quote directive
    values YAML would misread; the new text and, for each, its 0-based line, key and value.
    Any other front matter is YAML as it is (a tag there is refused)."""
    if not _MARP_KEY_LINE.search(text):
        return text, []
    lines = text.split("\n")
    changed: list[tuple[int, str, str]] = []
    for n, line in enumerate(lines):
        match = _LOOSE_LINE.match(line)
        if match is None:
            continue
        indent, key, sep, value = match.groups()
        if indent:
            continue  # a nested key is not a directive
        lines[n] = f"{indent}{key}{sep}'" + value.replace("'", "''") + "'"
        changed.append((n, key, value))
    return "\n".join(lines), changed


def size_ratio(value: str) -> tuple[int, int] | None:
    """Marp's ``size:`` preset (``16:9``, ``4:3``) → (w, h); None for a name deckgen does not know."""
    match = re.fullmatch(r"\s*(\d+)\s*:\s*(\d+)\s*", value)
    if match is None or not int(match.group(2)):
        return None
    return int(match.group(1)), int(match.group(2))


# --------------------------------------------------------------------------- Marp directives

# Marp's directive names (Marpit's global and local ones, Marp Core's and Marp CLI's). A comment
# of ``key: value`` lines is Marp's when one of its keys is one of these, or carries Marp's
# ``_`` (this slide only) or ``$`` (global) prefix: Marp itself keeps a comment whose keys it
# does not know as a presenter note, and so do we ("Husk: ta med tallene" is a note).
MARP_DIRECTIVES = frozenset(
    {
        "marp", "theme", "style", "headingDivider", "lang", "math", "size", "title", "author",
        "description", "keywords", "url", "image", "paginate", "header", "footer", "class",
        "backgroundColor", "backgroundImage", "backgroundPosition", "backgroundRepeat",
        "backgroundSize", "color", "transition",
    }
)
# One ``key: value`` line of a directive comment (the value may be empty, as YAML allows).
_DIRECTIVE_LINE = re.compile(r"\s*([_$]?)([A-Za-z][\w-]*)\s*:(?:\s(.*))?")


def is_marp_directive(comment: str) -> bool:
    """Whether a comment's text is Marp directives: ``key: value`` lines only (a value may go
    on over indented lines, as ``style: |`` does), one key at least known to Marp or marked
    with Marp's ``_``/``$`` prefix (see :data:`MARP_DIRECTIVES`)."""
    return marp_directives(comment) is not None


def marp_directives(comment: str) -> list[tuple[str, str, str]] | None:
    """The directives of a Marp directive comment as (prefix, key, value) — prefix ``_`` for
    this slide only, ``$`` or '' otherwise; a value that goes on over indented lines is
    joined — or None when the comment is not Marp's (a speaker note)."""
    marp = False
    out: list[tuple[str, str, str]] = []
    for line in comment.split("\n"):
        if not line.strip():
            continue
        if out and line[:1] in (" ", "\t"):
            prefix, key, value = out[-1]
            out[-1] = (prefix, key, (value + "\n" + line.strip()).strip())
            continue  # the value of the key above goes on
        match = _DIRECTIVE_LINE.fullmatch(line)
        if match is None:
            return None
        prefix, key, value = match.group(1), match.group(2), (match.group(3) or "").strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        out.append((prefix, key, value))
        marp = marp or bool(prefix) or key in MARP_DIRECTIVES
    return out if marp else None


def heading_divider(value: object) -> frozenset[int]:
    """Marp's ``headingDivider`` (a level: that level and above; or a list of levels) → the
    heading levels that start a new slide."""
    if isinstance(value, bool):
        return frozenset()
    if isinstance(value, int) and 1 <= value <= 6:
        return frozenset(range(1, value + 1))
    if isinstance(value, str) and value.strip().isdigit():
        return heading_divider(int(value.strip()))
    if isinstance(value, str) and value.strip().startswith("["):
        return frozenset(int(v) for v in re.findall(r"\d", value) if 1 <= int(v) <= 6)
    if isinstance(value, list):
        # a list from the front matter holds located values (the YAML nodes), from a comment plain ones
        levels = [getattr(v, "value", v) for v in value]
        return frozenset(v for v in levels if isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 6)
    return frozenset()
