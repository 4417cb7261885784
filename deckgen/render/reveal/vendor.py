"""reveal.js itself: found in ``node_modules`` (installed from the npm registry by ``npm ci``
at the version pinned in ``package.json``), never committed to this repository.

Also knows the two things about reveal.js that the Content-Security-Policy has to allow: the
speaker view, which the notes plugin writes into a popup that inherits this page's policy, and
the ``?print-pdf`` mode, which injects two small stylesheets.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from deckgen.errors import UsageError

ENV_DIR = "DECKGEN_REVEAL_DIR"

# dist files the deck uses, by role.
FILES = {
    "reset_css": "dist/reset.css",
    "reveal_css": "dist/reveal.css",
    "reveal_js": "dist/reveal.js",
    "notes_js": "dist/plugin/notes.js",
}


@dataclass(frozen=True, slots=True)
class Vendor:
    """The bytes of the reveal.js files a deck ships, and CSP sources they need."""

    version: str
    files: dict[str, bytes]
    speaker_scripts: tuple[str, ...]  # CSP hash sources of the speaker view's inline scripts
    speaker_styles: tuple[str, ...]  # ... of its inline <style> elements
    speaker_style_attrs: tuple[str, ...]  # ... of its style="" attributes ('unsafe-hashes')


def reveal_dir() -> Path:
    """Where reveal.js is installed: ``$DECKGEN_REVEAL_DIR`` or ``<repo>/node_modules/reveal.js``
    next to the deckgen package."""
    env = os.environ.get(ENV_DIR)
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3] / "node_modules" / "reveal.js"


def load_vendor(root: Path | None = None) -> Vendor:
    """Read the reveal.js files, or raise a :class:`UsageError` that says how to install them."""
    root = root or reveal_dir()
    missing = [rel for rel in FILES.values() if not (root / rel).is_file()]
    if missing:
        where = f"${ENV_DIR}" if os.environ.get(ENV_DIR) else "node_modules/reveal.js"
        raise UsageError(
            f"reveal.js is not installed ({where} lacks {missing[0]}); run `npm ci` in the"
            f" deckgen repository, or set {ENV_DIR} to an installed reveal.js package folder"
        )
    files = {role: (root / rel).read_bytes() for role, rel in FILES.items()}
    version = _version(root)
    scripts, styles, attrs = _speaker_view_sources(files["notes_js"].decode("utf-8"))
    return Vendor(version, files, scripts, styles, attrs)


def _version(root: Path) -> str:
    match = re.search(rb'"version"\s*:\s*"([^"]+)"', (root / "package.json").read_bytes())
    return match.group(1).decode() if match else "unknown"


def csp_hash(text: str) -> str:
    """A CSP hash source for an inline script or style (hash of its exact UTF-8 text)."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


Hashes = tuple[str, ...]


@lru_cache(maxsize=4)  # the same notes.js on every build of a process (serve rebuilds)
def _speaker_view_sources(notes_js: str) -> tuple[Hashes, Hashes, Hashes]:
    """Hash sources for the speaker view.

    The notes plugin opens ``about:blank`` and ``document.write``s a page held in a JavaScript
    template literal. That popup inherits our policy, so its inline script, style and style
    attributes must be allowed by hash. The literal is found by its opening marker and
    unescaped the way JavaScript would; if a future reveal.js changes it, the speaker view
    loses its scripts (a browser test shows it) but the deck itself is unaffected.
    """
    start = notes_js.find("document.write(`")
    if start < 0:
        return (), (), ()
    start += len("document.write(`")
    end = start
    while end < len(notes_js) and notes_js[end] != "`":
        end += 2 if notes_js[end] == "\\" else 1
    page = _unescape_template(notes_js[start:end])
    scripts = tuple(csp_hash(m) for m in re.findall(r"<script>(.*?)</script>", page, flags=re.S))
    styles = tuple(csp_hash(m) for m in re.findall(r"<style>(.*?)</style>", page, flags=re.S))
    attrs = tuple(sorted({csp_hash(m) for m in re.findall(r'\sstyle="([^"]*)"', page)}))
    return scripts, styles, attrs


def _unescape_template(raw: str) -> str:
    """The value of a JavaScript template literal without ``${}``: its escape sequences
    (``\\n``, ``\\xHH``, ``\\uHHHH``, ``\\u{H…}``, line continuations …) decoded as
    JavaScript decodes them, so the hashes match what the browser sees."""
    simple = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
    out: list[str] = []
    i = 0
    while i < len(raw):
        ch = raw[i]
        if ch != "\\" or i + 1 >= len(raw):
            out.append(ch)
            i += 1
            continue
        nxt = raw[i + 1]
        if nxt == "x":
            out.append(chr(int(raw[i + 2 : i + 4], 16)))
            i += 4
        elif nxt == "u" and raw[i + 2 : i + 3] == "{":
            close = raw.index("}", i + 3)
            out.append(chr(int(raw[i + 3 : close], 16)))
            i = close + 1
        elif nxt == "u":
            out.append(chr(int(raw[i + 2 : i + 6], 16)))
            i += 6
        elif nxt == "\n":
            i += 2  # a line continuation adds nothing
        else:
            out.append(simple.get(nxt, nxt))  # any other escaped character stands for itself
            i += 2
    return "".join(out)
