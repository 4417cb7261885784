"""Reading a content file's text: UTF-8 only, BOM and CRLF accepted, control characters refused.

Line numbers after CRLF or CR normalisation are the same as an editor shows, so every later
location is right for files from any platform. Characters that would either break a
PowerPoint file (C0 and C1 controls, U+FFFE, U+FFFF: not allowed in XML) or make the YAML
parser count lines differently from an editor (U+2028, U+2029, which YAML 1.1 treats as line
breaks) are refused at their line and column. :data:`FORBIDDEN` is the one definition of that
set; ``yamlsrc`` refuses the same characters when a YAML escape (``"\\x01"``) makes them.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from deckgen.errors import Diagnostics, SourceLoc

MAX_FILE_BYTES = 2_000_000
MAX_CHAR_ERRORS = 10  # after this many, one more message would not help anyone

# The one definition of the characters content may not hold, wherever they come from: written
# in a file (refused here) or made by an escape in a YAML string (refused by yamlsrc). C0
# controls except tab and newline (carriage returns are normalised first), DEL, C1 controls,
# the two XML non-characters, the Unicode line/paragraph separators, and lone UTF-16
# surrogates (no UTF-8 file can hold one, but YAML's "\ud800" makes one, and no XML writer
# can encode it).
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\u2028\u2029\ud800-\udfff]")
_BOMS = {
    b"\xff\xfe\x00\x00": "UTF-32",
    b"\x00\x00\xfe\xff": "UTF-32",
    b"\xff\xfe": "UTF-16",
    b"\xfe\xff": "UTF-16",
}
_SAVE_UTF8 = "save the file as UTF-8 (in most editors: Save with encoding, UTF-8)"


def decode(data: bytes, rel: str, diags: Diagnostics) -> str | None:
    """Decode ``data`` as UTF-8 (optional BOM), normalise line ends, refuse control characters.

    Returns the text with ``\\n`` line ends, or None after adding located errors: a decoding
    error names the byte's offset, line and column; each forbidden character its own place.
    """
    for bom, name in _BOMS.items():
        if data.startswith(bom):
            diags.error(SourceLoc(rel, 1, 1), f"the file is saved as {name}, not UTF-8", _SAVE_UTF8)
            return None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # a UTF-8 BOM carries no text; Notepad adds it
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        _report_undecodable(data, exc, rel, diags)
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    bad = list(_forbidden_chars(text, rel))
    for loc, message in bad[:MAX_CHAR_ERRORS]:
        diags.error(loc, message,
                    "delete it (it is invisible in most editors and breaks PowerPoint files)")
    return None if bad else text


def _report_undecodable(data: bytes, exc: UnicodeDecodeError, rel: str,
                        diags: Diagnostics) -> None:
    """Locate the first byte that is not UTF-8: byte offset, and line/column as characters."""
    start = exc.start
    line_start = data.rfind(b"\n", 0, start) + 1
    line = data.count(b"\n", 0, start) + 1
    # The column counts characters, as editors do; the bytes before the bad one on this line
    # are valid UTF-8 (the decoder stopped at the first error).
    col = len(data[line_start:start].decode("utf-8", errors="replace").rstrip("\r")) + 1
    guess = ""
    if _is_legacy_latin(data):
        # æ, ø, å saved by an old editor as single bytes: the usual culprit here.
        guess = "; the file looks like Windows-1252 or Latin-1"
    diags.error(
        SourceLoc(rel, line, col),
        f"not valid UTF-8: byte 0x{data[start]:02X} at byte offset {start}{guess}",
        _SAVE_UTF8,
    )


def _is_legacy_latin(data: bytes) -> bool:
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return any(ch in text for ch in "æøåÆØÅäöüé")


def _forbidden_chars(text: str, rel: str) -> list[tuple[SourceLoc, str]]:
    found: list[tuple[SourceLoc, str]] = []
    for match in FORBIDDEN.finditer(text):
        pos = match.start()
        line = text.count("\n", 0, pos) + 1
        col = pos - (text.rfind("\n", 0, pos) + 1) + 1
        found.append((SourceLoc(rel, line, col), f"control character {char_label(match.group())} in text"))
        if len(found) > MAX_CHAR_ERRORS:
            break
    return found


def char_label(ch: str) -> str:
    """``U+0001 (start of heading)``: a forbidden character named, as it cannot be shown."""
    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X} ({name.lower()})" if name else f"U+{ord(ch):04X}"


def read_text(path: Path, rel: str, diags: Diagnostics, loc: SourceLoc | None = None) -> str | None:
    """Read and decode a content file; errors are located at ``loc`` (who named the file) for
    I/O problems and inside the file for encoding problems."""
    where = loc or SourceLoc(rel, 1, 1)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            diags.error(
                where,
                f"{rel} is {size} bytes; content files are limited to {MAX_FILE_BYTES} bytes",
                "split it into smaller files",
            )
            return None
        with path.open("rb") as handle:
            # Bounded even if the size changed (or a device reports 0): never read without end.
            data = handle.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            diags.error(where, f"{rel} is larger than {MAX_FILE_BYTES} bytes",
                        "split it into smaller files")
            return None
    except FileNotFoundError:
        diags.error(where, f"file {rel!r} not found", "check the path")
        return None
    except IsADirectoryError:
        diags.error(where, f"{rel!r} is a folder, not a file", "name a file")
        return None
    except OSError as exc:
        diags.error(where, f"cannot read {rel!r}: {exc.strerror}", "check the file's permissions")
        return None
    return decode(data, rel, diags)
