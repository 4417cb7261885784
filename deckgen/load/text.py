"""Reading a content file's text: UTF-8 only, BOM and CRLF accepted, control characters refused.

Line numbers after CRLF or CR normalisation are the same as an editor shows, so every later
location is right for files from any platform.
"""

from __future__ import annotations

from pathlib import Path

from deckgen.errors import Diagnostics, SourceLoc

MAX_FILE_BYTES = 2_000_000

# C0 controls except tab and newline, DEL, C1 controls. Carriage returns are normalised first.
_FORBIDDEN = {c for c in range(0x20) if c not in (0x09, 0x0A)} | {0x7F} | set(range(0x80, 0xA0))


def decode(data: bytes, rel: str, diags: Diagnostics) -> str | None:
    """Decode ``data`` as UTF-8 (optional BOM), normalise line ends, refuse control characters."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        diags.error(
            SourceLoc(rel, line, col),
            f"not valid UTF-8 (byte 0x{data[exc.start]:02X} at byte offset {exc.start})",
            "save the file as UTF-8 (in most editors: Save with encoding, UTF-8)",
        )
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    bad = 0
    for lineno, line in enumerate(text.split("\n"), start=1):
        for col, ch in enumerate(line, start=1):
            if ord(ch) in _FORBIDDEN:
                diags.error(
                    SourceLoc(rel, lineno, col),
                    f"control character U+{ord(ch):04X} in text",
                    "delete it (it is invisible in most editors and breaks PowerPoint files)",
                )
                bad += 1
                if bad >= 10:
                    return None
    return None if bad else text


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
        data = path.read_bytes()
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
