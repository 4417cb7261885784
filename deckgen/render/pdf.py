"""PDF: the rendered .pptx converted by LibreOffice, one page per slide.

deckgen draws no PDF itself: LibreOffice Impress lays the PowerPoint deck out the way
PowerPoint users will see it, so the PDF matches the .pptx. Each conversion runs ``soffice``
headless with a private, throw-away user profile (``-env:UserInstallation``), so it neither
touches the user's LibreOffice settings nor collides with a LibreOffice that is already open or
with parallel conversions of other counties' decks.

LibreOffice stamps each PDF with the time of conversion and a random document id;
:func:`reproducible` replaces both with values derived from the input, byte for byte in place
(same lengths, so the cross-reference offsets stay right), which makes the PDF reproducible.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from deckgen.errors import OutputError, UsageError

PACKAGE = "libreoffice-impress"  # the Debian/Ubuntu package that provides soffice with Impress
TIMEOUT_SECONDS = 180.0
FIXED_DATE = b"20000101000000"  # stands in for the conversion time (YYYYMMDDHHmmSS)

_DATE = re.compile(rb"(/(?:CreationDate|ModDate)\s*\(D:)(\d{14})")
_ID = re.compile(rb"(/ID\s*\[\s*<)([0-9A-Fa-f]+)(>\s*<)([0-9A-Fa-f]+)(>)")
_CHECKSUM = re.compile(rb"(/DocChecksum\s*/)([0-9A-Fa-f]+)")


def find_soffice() -> str:
    """The LibreOffice command, or a :class:`UsageError` that names the package to install."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise UsageError(
        "PDF output needs LibreOffice, and 'soffice' is not on PATH; install it with"
        f" `sudo apt install {PACKAGE}` (Debian/Ubuntu; the package '{PACKAGE}'), or from"
        " libreoffice.org on other systems, then build again"
    )


def pptx_to_pdf(pptx_bytes: bytes, *, timeout: float = TIMEOUT_SECONDS) -> bytes:
    """Convert a .pptx (bytes) to a PDF (bytes) with one page per slide.

    Raises :class:`UsageError` when LibreOffice is not installed and :class:`OutputError` when
    it fails or takes longer than ``timeout`` seconds.
    """
    soffice = find_soffice()
    with tempfile.TemporaryDirectory(prefix="deckgen-pdf-") as tmp:
        folder = Path(tmp)
        source = folder / "deck.pptx"
        source.write_bytes(pptx_bytes)
        out = folder / "out"
        command = [
            soffice,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--invisible",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            "--norestore",
            "--convert-to",
            "pdf:impress_pdf_Export",
            "--outdir",
            str(out),
            str(source),
        ]
        # TZ=UTC: the date LibreOffice writes then always has the same form ("Z"), whatever
        # the machine's time zone, so reproducible() can replace it in place.
        env = {**os.environ, "TZ": "UTC"}
        try:
            proc = subprocess.run(
                command, capture_output=True, timeout=timeout, env=env, stdin=subprocess.DEVNULL, check=False
            )
        except subprocess.TimeoutExpired:
            raise OutputError(
                f"LibreOffice did not finish converting the deck to PDF within {timeout:.0f} s;"
                " close other LibreOffice conversions or try again"
            ) from None
        except OSError as exc:
            raise OutputError(f"could not run LibreOffice ({soffice}): {exc.strerror or exc}") from None
        pdf = out / "deck.pdf"
        if proc.returncode != 0 or not pdf.is_file():
            said = (proc.stderr or proc.stdout).decode("utf-8", "replace").strip().splitlines()
            detail = f": {said[-1]}" if said else f" (exit status {proc.returncode})"
            raise OutputError(f"LibreOffice could not convert the deck to PDF{detail}")
        return reproducible(pdf.read_bytes(), pptx_bytes)


def reproducible(pdf: bytes, source: bytes) -> bytes:
    """``pdf`` with its conversion dates set to :data:`FIXED_DATE` and its document id and
    checksum derived from ``source``; every replacement has the length of what it replaces."""
    seed = hashlib.sha256(source).hexdigest().upper().encode()

    def hex_like(original: bytes) -> bytes:
        return (seed * (len(original) // len(seed) + 1))[: len(original)]

    pdf = _DATE.sub(lambda m: m.group(1) + FIXED_DATE, pdf)
    pdf = _ID.sub(lambda m: m.group(1) + hex_like(m.group(2)) + m.group(3) + hex_like(m.group(4)) + m.group(5), pdf)
    return _CHECKSUM.sub(lambda m: m.group(1) + hex_like(m.group(2)), pdf)
