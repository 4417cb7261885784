"""The slips people make writing YAML and Markdown by hand, recognised and named in their words.

Word, Outlook and web pages put typography into text that breaks the syntax: curly quotes
where YAML needs straight ones, non-breaking spaces in indentation, ``•`` and a tab where
Markdown needs ``- ``, soft hyphens and zero-width spaces that make a key look right and be
wrong. A parser's own complaint ("expected <block end>, but found '?'") tells an office user
nothing; this module looks at the text around it and, when it recognises a slip, says what it
is and shows the line as it should be written. Plain text only: no parser is imported here,
so ``yamlsrc`` and ``markdown`` both use it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Spaces that look like a space but are not one to YAML or Markdown: no-break (Word puts one
# after a bullet or in "§ 3"), figure, narrow no-break, the typographic widths, ideographic.
ODD_SPACES = "\u00a0\u2007\u202f\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u3000"
# Invisible characters that are fine in running text (a soft hyphen is a hyphenation hint) but
# make a key or a name differ from the one it looks like.
INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_INVISIBLE_NAMES = {
    "\u00ad": "soft hyphen", "\u200b": "zero-width space", "\u200c": "zero-width non-joiner",
    "\u200d": "zero-width joiner", "\u2060": "word joiner", "\ufeff": "zero-width no-break space",
}
# Quotes a word processor types: never quotes to YAML. « » are Norwegian quotation marks that
# belong in the text; the others are Word's replacement of a typed ".
_CURLY = "“”„‘’‚"
_GUILLEMETS = "«»"
# A bullet a word processor writes as a character and a tab: •, – (Word's dash bullet), ▪ and
# ◦ / o (its second level), ·.
WORD_BULLET = re.compile(r"^([ \t]*)([•–▪◦·])\t", re.MULTILINE)

_INDENT = re.compile(f"[ \t{ODD_SPACES}]*")
_DASH_NO_SPACE = re.compile(r"(\s*)-([^\s\-].*)")
_KEY_VALUE = re.compile(rf"(\s*(?:-\s+)?)([^\s:#][^:]*?):[ \t]+([{_CURLY}{_GUILLEMETS}].*?)\s*$")


@dataclass(frozen=True, slots=True)
class Slip:
    """A recognised slip: 1-based line and column in the text, what is wrong, what to write."""

    line: int
    col: int
    message: str
    hint: str


def yaml_slip(text: str, problem_line: int, context_line: int | None = None) -> Slip | None:
    """The slip that explains a YAML parser error at 0-based ``problem_line``, or None.

    Checked in this order, because an earlier slip causes the later symptoms: a non-breaking
    space in the indentation of any line up to the error (the parser notices it a line or more
    too late), then on the error's line, the line before it or the parser's context line, a
    list dash without its space (``-use: roller``), and a value in curly quotes that holds
    ``': '`` (``title: “Status: våren 2025”``).
    """
    lines = text.split("\n")
    last = min(problem_line, len(lines) - 1)
    for index in range(last + 1):
        slip = _odd_indent(lines[index], index)
        if slip is not None:
            return slip
    candidates = [last, last - 1]
    if context_line is not None:
        candidates.append(context_line)
    for index in candidates:
        if not 0 <= index < len(lines):
            continue
        slip = _dash_without_space(lines[index], index) or _curly_quotes(lines[index], index)
        if slip is not None:
            return slip
    return None


def _odd_indent(line: str, index: int) -> Slip | None:
    indent = _INDENT.match(line)
    assert indent is not None
    odd = next((i for i, ch in enumerate(indent.group()) if ch in ODD_SPACES), None)
    if odd is None or not line.strip(ODD_SPACES + " \t"):
        return None
    name = "a non-breaking space" if indent.group()[odd] == "\u00a0" else f"the odd space U+{ord(indent.group()[odd]):04X}"
    fixed = " " * len(indent.group()) + line[indent.end():]
    return Slip(
        index + 1, odd + 1,
        f"this line is indented with {name} (copied from Word or a web page), which YAML does not count as indentation",
        f"retype the indentation with ordinary spaces: '{fixed}'",
    )


def _dash_without_space(line: str, index: int) -> Slip | None:
    match = _DASH_NO_SPACE.fullmatch(line)
    if match is None or line.strip().startswith("---"):
        return None
    return Slip(
        index + 1, len(match.group(1)) + 1,
        "a list entry needs a space after its '-'",
        f"write: - {match.group(2)}",
    )


def _curly_quotes(line: str, index: int) -> Slip | None:
    match = _KEY_VALUE.fullmatch(line)
    if match is None:
        return None
    key, value = match.group(2), match.group(3)
    inner = value
    if value[0] in _CURLY and value[-1] in _CURLY and len(value) > 1:
        inner = value[1:-1]  # Word's quotes were meant as the quoting itself
    quoted = '"' + inner.replace("\\", "\\\\").replace('"', '\\"') + '"'
    kind = "« »" if value[0] in _GUILLEMETS else "curly quotes (“ ”) from Word"
    return Slip(
        index + 1, match.start(3) + 1,
        f"the text is in {kind}, which YAML does not read as quotes, so the ': ' inside it breaks the line",
        f"write: {match.group(1).strip()}{' ' if match.group(1).strip() else ''}{key}: {quoted}",
    )


def invisible_in(name: str) -> str | None:
    """``'soft hyphen (U+00AD)'`` for the first invisible character in a key or name, or None."""
    found = INVISIBLE.search(name)
    if found is None:
        return None
    ch = found.group()
    return f"{_INVISIBLE_NAMES[ch]} (U+{ord(ch):04X})"


def without_invisible(name: str) -> str:
    return INVISIBLE.sub("", name)


def word_bullets(text: str) -> tuple[str, list[int]]:
    """``text`` with Word's ``•<TAB>`` bullet markers read as Markdown's ``- ``, and the 1-based
    lines where that was done.

    The marker and its tab are two characters, as ``- `` is, so every column after it stays
    where the author sees it. Lines inside fenced code blocks are left alone.
    """
    out: list[str] = []
    changed: list[int] = []
    fence: str | None = None
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.lstrip(" ")
        if fence is None and stripped[:3] in ("```", "~~~"):
            fence = stripped[:3]
        elif fence is not None and stripped.startswith(fence):
            fence = None
        elif fence is None:
            match = WORD_BULLET.match(line)
            if match is not None:
                line = match.group(1) + "- " + line[match.end():]
                changed.append(number)
        out.append(line)
    return "\n".join(out), changed


_FIELD_LINE = re.compile(r"[A-Za-z_][\w-]*[ \t]*:(?:[ \t].*)?")


def unclosed_front_matter(text: str) -> Slip | None:
    """A file that opens front matter (``---`` and ``key: value`` lines) and never closes it.

    Markdown then reads the ``---`` as a rule and the fields as slide text, and the author meets
    a puzzling "the slide has no title" with ``title:`` right there. The fix goes after the last
    field line: that is where the slip is located.
    """
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---" or len(lines) < 2 or not _FIELD_LINE.fullmatch(lines[1]):
        return None
    end = 1
    while end < len(lines) and (_FIELD_LINE.fullmatch(lines[end]) or lines[end][:1] in (" ", "\t", "-")) \
            and lines[end].strip() and lines[end].rstrip() not in ("---", "..."):
        end += 1
    if end < len(lines) and lines[end].rstrip() in ("---", "..."):
        return None  # closed after all (the parser had another reason)
    return Slip(
        end + 1, 1,
        "the front matter that starts on line 1 has no closing '---', so its fields are read as slide text",
        f"write '---' on a line of its own below '{lines[end - 1].strip()}'",
    )


# Marp's image keywords (Marpit's image syntax): words in a picture's alt text that size,
# filter or place it. For every picture: width/height and the CSS filters; with ``bg`` also
# the background ones. Marp removes them from the alt text, and so does deckgen: "bg" or
# "w:300" describes nothing to a screen reader.
_MARP_SIZE_OR_FILTER = re.compile(
    r"(?:w|h|width|height):\S+|(?:blur|sepia|grayscale|brightness|contrast|drop-shadow|hue-rotate|invert|opacity|saturate)(?::\S+)?",
    re.IGNORECASE,
)
_MARP_BACKGROUND = re.compile(r"bg|fit|cover|contain|auto|left|right|vertical|\d+(?:\.\d+)?%|left:\S+|right:\S+", re.IGNORECASE)


def marp_keywords(alt: str) -> tuple[str, tuple[str, ...]]:
    """(the alt text without Marp's image keywords, the keywords) — ``![bg left Fjord](x)``
    is the alt text "Fjord" with the keywords ``bg``, ``left``."""
    words = alt.split()
    background = any(w.lower() == "bg" for w in words)
    keywords = tuple(w for w in words if _MARP_SIZE_OR_FILTER.fullmatch(w) or (background and _MARP_BACKGROUND.fullmatch(w)))
    if not keywords:
        return alt, ()
    return " ".join(w for w in words if w not in keywords), keywords
