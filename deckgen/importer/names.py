"""Names deckgen import makes: file names, slide keys and org chart ids from text."""

from __future__ import annotations

import re
import unicodedata

_TRANSLIT = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "ae", "Ø": "o", "Å": "a", "ß": "ss"})


def slug(text: str, limit: int = 40) -> str:
    """Lower-case ASCII words joined by '-' (Norwegian letters spelt out), at most ``limit``."""
    ascii_text = unicodedata.normalize("NFKD", text.translate(_TRANSLIT)).encode("ascii", "ignore").decode()
    parts = re.findall(r"[a-z0-9]+", ascii_text.lower())
    out = ""
    for w in parts:
        if len(out) + len(w) + 1 > limit:
            break
        out = f"{out}-{w}" if out else w
    return out or (parts[0][:limit] if parts else "")


def unique(base: str, taken: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3`` … whichever is not taken yet."""
    name, n = base, 2
    while name in taken:
        name, n = f"{base}-{n}", n + 1
    return name
