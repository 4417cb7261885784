"""Measuring text with the brand's font files (Pillow's font metrics).

Responsibility: the advance width of a piece of text in a given face (heading or body role,
bold, italic, monospace for code) at a given size, in points. The files come from
``brand.font_files`` (``heading``/``body`` -> an absolute .ttf/.otf path that resolve found in
the brand folder or the system's fonts); bold and italic faces are the sibling files of the
same family (``LiberationSans-Regular.ttf`` -> ``LiberationSans-Bold.ttf``, ``arial.ttf`` ->
``arialbd.ttf``), and code is measured with Liberation Mono (metric twin of Courier New, the
face the renderer gives code). Where no file is found the widths are estimated from
:mod:`deckgen.geometry`'s Arial table, and :attr:`Fonts.estimated` says so.

Text is laid out with Pillow's basic layout (no shaping, no kerning): the result is the same on
every machine whether or not libraqm is installed, and pair kerning only ever makes a line
shorter, so a width measured here is never too small. Fonts are opened at 2048 px to the em so
hinting does not round the advances.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from PIL import ImageFont

from deckgen.geometry import text_width_pt
from deckgen.model import Brand
from deckgen.resolve.fontfiles import find_font_file

EM_PX = 2048
MEMO_LIMIT = 200_000  # remembered measurements per set of fonts
_MISSING = object()
T = TypeVar("T")
MONO_FILES = ("LiberationMono-Regular.ttf", "cour.ttf", "DejaVuSansMono.ttf")
MONO_FALLBACK_EM = 0.6  # Courier's advance: every character is 600/1000 em

# How families name their styles: (regular, bold, italic, bold italic) file-stem suffixes.
_STYLE_SUFFIXES = (
    ("-Regular", "-Bold", "-Italic", "-BoldItalic"),
    ("-Roman", "-Bold", "-Italic", "-BoldItalic"),
    ("", "-Bold", "-Italic", "-BoldItalic"),
    ("", "bd", "i", "bi"),  # arial.ttf, arialbd.ttf, ariali.ttf, arialbi.ttf
    ("", "b", "i", "z"),  # georgia.ttf, georgiab.ttf, georgiai.ttf, georgiaz.ttf
)
_STYLE_INDEX = {(False, False): 0, (True, False): 1, (False, True): 2, (True, True): 3}


@dataclass(frozen=True, slots=True)
class Face:
    """What a piece of text is set in."""

    heading: bool = False  # the brand's heading font, else its body font
    bold: bool = False
    italic: bool = False
    mono: bool = False

    def __hash__(self) -> int:
        # Faces key every width and every remembered measurement: four bits, not a tuple's hash
        return self.heading << 3 | self.bold << 2 | self.italic << 1 | self.mono


@dataclass
class Fonts:
    """The faces of one brand, opened lazily. ``estimated`` lists the roles without a file."""

    files: dict[str, str]
    estimated: tuple[str, ...] = ()
    _faces: dict[Face, ImageFont.FreeTypeFont | None] = field(default_factory=dict)
    # What the layout model derives from text with these fonts, kept by what it is computed
    # from (:meth:`remember`): textfit's break opportunities per (text, size), a frame's
    # layout, a slide's plan and a table's height. The fit step and the overflow rule
    # measure the same paragraphs and boxes (the rule exactly those the fit step left as
    # they were, or at the sizes it settled on), and a serve rebuild measures them again.
    memo: dict[object, object] = field(default_factory=dict)

    @staticmethod
    def for_brand(brand: Brand) -> Fonts:
        files = {role: path for role, path in brand.font_files.items() if Path(path).is_file()}
        missing = tuple(role for role in ("heading", "body") if role not in files)
        return _shared_fonts(tuple(sorted(files.items())), missing)

    def remember(self, key: Hashable, make: Callable[[], T]) -> T:
        """``make()``, computed once per ``key`` (which must hold everything the result
        depends on besides these fonts); computed afresh, unremembered, when ``key`` cannot
        be hashed. Bounded: a long serve session starts over past :data:`MEMO_LIMIT`."""
        try:
            found = self.memo.get(key, _MISSING)
        except TypeError:  # a key holding a list or dict: nothing to remember it by
            return make()
        if found is _MISSING:
            if len(self.memo) > MEMO_LIMIT:
                self.memo.clear()
            found = self.memo[key] = make()
        return found  # type: ignore[return-value]

    def width_pt(self, text: str, face: Face, size: float) -> float:
        """Advance width of ``text`` set in ``face`` at ``size`` points."""
        if not text:
            return 0.0
        font = self._font(face)
        if font is None:
            if face.mono:
                return len(text) * MONO_FALLBACK_EM * size
            return text_width_pt(text, size, face.bold)
        return _length(font, text) / EM_PX * size

    def _font(self, face: Face) -> ImageFont.FreeTypeFont | None:
        font = self._faces.get(face, _MISSING)
        if font is _MISSING:
            font = self._faces[face] = self._open(face)
        return font  # type: ignore[return-value]

    def _open(self, face: Face) -> ImageFont.FreeTypeFont | None:
        if face.mono:
            path = _mono_file()
        else:
            base = self.files.get("heading" if face.heading else "body") or self.files.get("body")
            path = styled_file(Path(base), face.bold, face.italic) if base else None
        if path is None:
            return None
        return _open_font(str(path))


def styled_file(base: Path, bold: bool, italic: bool) -> Path:
    """The file of ``base``'s family in the wanted style, if one lies next to it; else
    ``base`` itself (a bold brand heading file serves bold headings; a missing style is
    measured with the file there is)."""
    stem, ext = base.stem, base.suffix
    want = _STYLE_INDEX[(bold, italic)]
    for suffixes in _STYLE_SUFFIXES:
        for have, suffix in enumerate(suffixes):
            if not suffix or not stem.lower().endswith(suffix.lower()):
                continue
            family = stem[: len(stem) - len(suffix)]
            if have == want:
                return base
            candidate = base.with_name(f"{family}{suffixes[want]}{ext}")
            found = _sibling(candidate)
            if found is not None:
                return found
    for suffixes in _STYLE_SUFFIXES:  # a stem without any style suffix: "Foo.ttf"
        if suffixes[0] == "" and want:
            found = _sibling(base.with_name(f"{stem}{suffixes[want]}{ext}"))
            if found is not None:
                return found
    return base


def _sibling(path: Path) -> Path | None:
    """``path``, or a file of the same name in another letter case in its folder."""
    if path.is_file():
        return path
    folder = path.parent
    if not folder.is_dir():
        return None
    wanted = path.name.lower()
    for entry in sorted(folder.iterdir()):
        if entry.name.lower() == wanted and entry.is_file():
            return entry
    return None


@lru_cache(maxsize=1)
def _mono_file() -> Path | None:
    for name in MONO_FILES:
        found = find_font_file(name, Path(__file__).parent / "no-brand-folder")
        if found is not None:
            return found
    return None


@lru_cache(maxsize=8)
def _shared_fonts(files: tuple[tuple[str, str], ...], missing: tuple[str, ...]) -> Fonts:
    # One Fonts (and its memo) per set of font files, so the fit step and the checks of the
    # same deck, and a serve rebuild, measure each paragraph once. The files are read-only
    # inputs, named by path: a font file replaced in place is picked up on the next process.
    return Fonts(dict(files), missing)


@lru_cache(maxsize=16)
def _open_font(path: str) -> ImageFont.FreeTypeFont | None:
    try:
        return ImageFont.truetype(path, EM_PX, layout_engine=ImageFont.Layout.BASIC)
    except OSError:
        return None


@lru_cache(maxsize=65536)
def _length_cached(font: ImageFont.FreeTypeFont, text: str) -> float:
    return float(font.getlength(text))


def _length(font: ImageFont.FreeTypeFont, text: str) -> float:
    # Control characters have no glyph and no advance in a slide; Pillow would draw .notdef.
    return _length_cached(font, _CONTROL.sub("", text))


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
