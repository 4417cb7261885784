"""Which font file measures each brand font: told, never guessed.

In this order, for the heading (bold) and body (regular) font:

1. the file brand.yaml names under ``font_files`` (the brand's own metrics);
2. a file of the font itself, by its usual file name, in the brand folder or the system's
   fonts ("Verdana" -> ``Verdana-Bold.ttf``/``verdana.ttf``…);
3. a **metric-compatible stand-in**: the same advance widths under another name — Carlito
   for Calibri, Caladea for Cambria, Liberation Sans/Serif/Mono for Arial/Helvetica, Times
   New Roman and Courier New (Debian: fonts-crosextra-carlito, fonts-crosextra-caladea,
   fonts-liberation2);
4. else a stated fallback (DejaVu Sans, else none: estimated widths) and a warning that
   the fit may be off.

``Brand.font_sources`` says which was used for each role; ``deckgen brand check`` prints it.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from deckgen.errors import Diagnostics, SourceLoc
from deckgen.resolve.fontfiles import find_font_file

# family (lower case) -> the metric-compatible family's file stem
STAND_INS: dict[str, str] = {
    "calibri": "Carlito",
    "calibri light": "Carlito",
    "cambria": "Caladea",
    "arial": "LiberationSans",
    "helvetica": "LiberationSans",
    "liberation sans": "LiberationSans",
    "arial narrow": "LiberationSansNarrow",
    "liberation sans narrow": "LiberationSansNarrow",
    "times new roman": "LiberationSerif",
    "times": "LiberationSerif",
    "liberation serif": "LiberationSerif",
    "courier new": "LiberationMono",
    "courier": "LiberationMono",
    "liberation mono": "LiberationMono",
    "carlito": "Carlito",
    "caladea": "Caladea",
}
FALLBACK = "DejaVuSans"
STYLE = {"heading": ("Bold", "bold"), "body": ("Regular", "")}


def _candidates(stem: str, role: str) -> list[str]:
    style, short = STYLE[role]
    names = [f"{stem}-{style}.ttf", f"{stem}{style}.ttf", f"{stem}-{style}.otf"]
    if role == "body":
        names += [f"{stem}.ttf", f"{stem}.otf"]
    else:
        names += [f"{stem}{short}.ttf", f"{stem}b.ttf", f"{stem}bd.ttf", f"{stem}.ttf"]
    return names


def _find(stem: str, role: str, folder: Path) -> Path | None:
    for name in _candidates(stem, role):
        for variant in dict.fromkeys((name, name.lower())):
            found = find_font_file(variant, folder)
            if found is not None:
                return found
    return None


def measuring_fonts(fonts: Mapping[str, str], given: Mapping[str, str], folder: Path,
                    diags: Diagnostics, loc: SourceLoc) -> tuple[dict[str, str], dict[str, str]]:
    """(role -> font file path, role -> how it was chosen) for the brand's fonts;
    ``given`` holds the files brand.yaml names and that were found."""
    files: dict[str, str] = {}
    sources: dict[str, str] = {}
    for role, family in fonts.items():
        if role not in STYLE:
            continue
        if role in given:
            files[role] = given[role]
            sources[role] = f"{family}: its own metrics, from {Path(given[role]).name} (font_files)"
            continue
        own = _find(family.replace(" ", ""), role, folder)
        if own is not None:
            files[role], sources[role] = str(own), f"{family}: its own metrics, from {own.name}"
            continue
        stand_in = STAND_INS.get(family.lower())
        found = _find(stand_in, role, folder) if stand_in else None
        if found is not None:
            files[role] = str(found)
            sources[role] = f"{family}: measured with {found.name}, metric-compatible"
            continue
        fallback = _find(FALLBACK, role, folder)
        what = fallback.name if fallback is not None else "estimated widths"
        if fallback is not None:
            files[role] = str(fallback)
        sources[role] = f"{family}: no font file; measured with {what} (fit may be off)"
        hint = (f"install {family} or a metric-compatible font, or name its file under "
                f"font_files.{role}")
        if stand_in:
            hint = f"install the {stand_in} font (metric-compatible with {family})"
        diags.warning(loc, f"font {family!r} ({role}) has no font file to measure with; "
                      f"text is measured with {what}, so fitting may be off", hint)
    return files, sources
