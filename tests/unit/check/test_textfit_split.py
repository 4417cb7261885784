"""textfit's break opportunities, read a stretch at a time, are exactly what reading the
paragraph a character at a time gives (the rule as docs/check.md states it): the same atoms,
the same pieces, the same widths to the last bit, on seeded random paragraphs of words,
spaces of every kind, line feeds, hyphens, dashes and slashes, in several faces, with and
without links (which do not break)."""

from __future__ import annotations

import random
import unicodedata

import pytest

from deckgen.check.fonts import Face, Fonts
from deckgen.check.textfit import _BREAK_AFTER, ParaSpec, Piece, _split

FACES = (Face(), Face(bold=True), Face(italic=True), Face(heading=True, bold=True), Face(mono=True))
CHARS = list("ab cdé-–—‐/\n\u00a0\t ,.xyZø\u2028") + [" ", "-", "/", "kommune"]


def reference(para: ParaSpec, fonts: Fonts) -> list[tuple[tuple[tuple[str, Face], ...], float, float, bool]]:
    """The rule, one character at a time: break after spaces (a link's spaces excepted), at
    a line feed, and after a hyphen, dash or slash that follows a character and comes before
    a letter; each atom's width is the sum of its face-runs' widths."""
    chars = [(ch, p.face, p.nobreak) for p in para.pieces for ch in p.text]
    atoms: list[tuple[tuple[tuple[str, Face], ...], float, float, bool]] = []
    word: list[tuple[str, Face]] = []
    spaces: list[tuple[str, Face]] = []

    def runs(cs: list[tuple[str, Face]]) -> list[tuple[str, Face]]:
        out: list[tuple[str, Face]] = []
        for ch, face in cs:
            out[-1:] = [(out[-1][0] + ch, face)] if out and out[-1][1] == face else [*out[-1:], (ch, face)]
        return out

    def width(cs: list[tuple[str, Face]]) -> float:
        return sum(fonts.width_pt(t, f, para.size) for t, f in runs(cs))

    def flush(hard: bool = False) -> None:
        if word or spaces or hard:
            atoms.append((tuple(runs(word)), width(word), width(spaces), hard))
        word.clear()
        spaces.clear()

    for i, (ch, face, nobreak) in enumerate(chars):
        if ch == "\n":
            flush(hard=True)
        elif ch.isspace() and not nobreak:
            spaces.append((" ", face))
        else:
            if spaces:
                flush()
            word.append((" " if ch.isspace() else ch, face))
            nxt = chars[i + 1][0] if i + 1 < len(chars) else ""
            if ch in _BREAK_AFTER and not nobreak and nxt and len(word) > 1 and unicodedata.category(nxt).startswith("L"):
                flush()
    flush()
    return atoms


@pytest.mark.parametrize("seed", range(4))
def test_split_matches_the_rule_read_a_character_at_a_time(seed: int) -> None:
    rnd = random.Random(seed)
    fonts = Fonts({})  # estimated widths: the comparison needs no font file
    for _ in range(2500):
        pieces = tuple(Piece("".join(rnd.choice(CHARS) for _ in range(rnd.randint(0, 12))), rnd.choice(FACES),
                             rnd.random() < 0.2) for _ in range(rnd.randint(0, 5)))
        para = ParaSpec(pieces, rnd.choice((12.0, 18.0, 24.5)))
        got = [(tuple((p.text, p.face) for p in a.pieces), a.width, a.space, a.hard_break) for a in _split(para, fonts)]
        assert got == reference(para, fonts), pieces
