"""``link-scheme``: every link of a resolved deck is an http, https or mailto address.

The loader already drops a Markdown link with another scheme (``javascript:``, ``file:``,
``data:`` …) and warns under this rule id, and resolve refuses such tile addresses; this rule
is the last guard before a renderer writes a link, over everything a deck carries (slide text,
speaker notes, tiles), whoever built the deck. An http(s) address must also name a host.

Missing files (with a hint when only the letter case differs) and remote resources (a picture
or include given as a web address) are found where files are located, in
``deckgen.project.Project.locate``, and stop the build there; see docs/check.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from deckgen.check.context import CheckContext
from deckgen.check.walk import all_inlines
from deckgen.errors import Diagnostic, SourceLoc
from deckgen.model import TilesContent

SAFE_SCHEMES = ("http", "https", "mailto")


def link_problem(url: str) -> str | None:
    """What is wrong with ``url`` as a link target, or None."""
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
                yield from _check(tile.url, slide.loc)


def _check(url: str, loc: SourceLoc) -> Iterator[Diagnostic]:
    problem = link_problem(url)
    if problem is not None:
        yield Diagnostic(loc, f"link target {url!r} {problem}", "error",
                         "write a full https:// address (or mailto:name@example.org)",
                         "link-scheme")
