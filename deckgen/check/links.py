"""``link-scheme``: every link of a resolved deck is an http, https or mailto address;
``tile-link``: which tiles link nowhere (an info finding: a plain card is valid).

The loader drops a Markdown link with another scheme (``tel:``, ``ftp:`` …), keeps its text
and warns under this rule id, and resolve refuses such tile addresses; this rule is the last
guard before a renderer writes a link, over everything a deck carries (slide text, speaker
notes, tiles), whoever built the deck. An http(s) address must also name a host.

The Markdown parser does not even read ``[text](javascript:…)`` (nor ``vbscript:``, ``file:``,
``data:``) as a link: the whole thing would show on the slide as written. Such leftovers in
the visible text are errors too.

Missing files (with a hint when only the letter case differs) and remote resources (a picture
or include given as a web address) are found where files are located, in
``deckgen.project.Project.locate``, and stop the build there; see docs/check.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from deckgen.check.context import CheckContext
from deckgen.check.walk import all_inlines, visible_inlines
from deckgen.errors import Diagnostic, Mark, SourceLoc
from deckgen.model import SAFE_SCHEMES, TilesContent, plain

# A Markdown link the parser refused to read, left in the text: [text](javascript:…)
_LEFTOVER = re.compile(r"\[[^\]]*\]\(\s*<?((?:javascript|vbscript|file|data):[^\s>]*)",
                       re.IGNORECASE)


def link_problem(url: str) -> str | None:
    """What is wrong with ``url`` as a link target, or None. Stricter than
    :func:`~deckgen.model.is_safe_href` (a host by name, an @ in a mailto: address), so
    whatever passes here a renderer also takes."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return "is not a valid address"
    scheme = parts.scheme.lower()
    if scheme not in SAFE_SCHEMES:
        return "is not an http, https or mailto address"
    if scheme in ("http", "https") and not parts.hostname:
        return "names no host"
    if scheme == "mailto" and "@" not in parts.path:
        return "is not an e-mail address"
    return None


def link_scheme(ctx: CheckContext) -> Iterator[Diagnostic]:
    """Links whose scheme renderers must not write."""
    for slide in ctx.deck.slides:
        for inline, loc in all_inlines(slide):
            for run in inline:
                if run.href is not None:
                    yield from _check(run.href, loc)
        if isinstance(slide.content, TilesContent):
            for tile in slide.content.tiles:
                if tile.url is not None:
                    yield from _check(tile.url, slide.loc)
        for inline, loc in visible_inlines(slide):
            text = "".join(run.text for run in inline if not run.code)
            for match in _LEFTOVER.finditer(text):
                yield Diagnostic(
                    loc, f"link target {_balanced(match.group(1))!r} is not an http, https or mailto "
                    "address; the link shows on the slide as written", "error",
                    "write a full https:// address", "link-scheme")


def tile_link(ctx: CheckContext) -> Iterator[Diagnostic]:
    """Tiles without a ``url``: plain cards, valid, listed so that an author sees which
    tiles open nothing (info, never a failure, not even with --strict)."""
    for slide in ctx.deck.slides:
        if not isinstance(slide.content, TilesContent):
            continue
        for n, tile in enumerate(slide.content.tiles, start=1):
            if tile.url is None:
                yield Diagnostic(
                    tile.loc or slide.loc, f"tile {n} ({plain(tile.title)!r}) has no link; it shows as a plain card",
                    "info", "add 'url:' if it should open a page or a video", "tile-link",
                    mark=Mark(ctx.slide_number(slide), f"tile {n}"))


def _balanced(target: str) -> str:
    """``target`` without the ``)`` that closes the Markdown link (and what follows it)."""
    depth = 0
    for i, ch in enumerate(target):
        depth += ch == "("
        if ch == ")":
            if depth == 0:
                return target[:i]
            depth -= 1
    return target


def _check(url: str, loc: SourceLoc) -> Iterator[Diagnostic]:
    problem = link_problem(url)
    if problem is not None:
        yield Diagnostic(loc, f"link target {url!r} {problem}", "error",
                         "write a full https:// address (or mailto:name@example.org)",
                         "link-scheme")
