"""Line breaking and heights, with the real fonts (widths in points are Arial's)."""

from __future__ import annotations

import pytest

from deckgen.check.fonts import Face, Fonts
from deckgen.check.textfit import Frame, ParaSpec, Piece, count_lines, lay_out
from deckgen.model import Box

from .conftest import ks_brand

PT = 12700


@pytest.fixture(scope="module")
def fonts() -> Fonts:
    return Fonts.for_brand(ks_brand())


def spec(text: str, size: float = 10.0, **kw: object) -> ParaSpec:
    return ParaSpec((Piece(text, Face()),), size, **kw)  # type: ignore[arg-type]


# "Hello world" at 10 pt is 49.45 pt wide, "Hello" 22.78 pt, "world" 23.89 pt, a space 2.78.


def test_a_line_that_fits_exactly_does_not_wrap(fonts: Fonts) -> None:
    assert count_lines(spec("Hello world"), int(49.5 * PT), fonts) == 1
    assert count_lines(spec("Hello world"), int(49.3 * PT), fonts) == 2


def test_trailing_spaces_take_no_room(fonts: Fonts) -> None:
    assert count_lines(spec("Hello world   "), int(49.5 * PT), fonts) == 1


def test_a_word_longer_than_the_line_breaks_between_characters(fonts: Fonts) -> None:
    # 'Kommunesektorens' at 10 pt is about 86 pt wide.
    assert count_lines(spec("Kommunesektorens"), 40 * PT, fonts) == 3


def test_line_feeds_and_hyphens(fonts: Fonts) -> None:
    assert count_lines(spec("Hello\nworld"), 200 * PT, fonts) == 2
    # "kommune-/fylkesråder" may break after the hyphen-slash, not inside "kommune".
    assert count_lines(spec("kommune-/fylkesråder"), 60 * PT, fonts) == 2


def test_a_link_does_not_wrap(fonts: Fonts) -> None:
    linked = ParaSpec((Piece("Hello world", Face(), nobreak=True),), 10.0)
    # One unbreakable stretch wider than the line: broken between characters, not at the space.
    assert count_lines(linked, int(30 * PT), fonts) == 2
    assert count_lines(spec("Hello world"), int(30 * PT), fonts) == 2


def test_margins_and_hanging_bullets(fonts: Fonts) -> None:
    # The bullet hangs in the indent: every line starts at marL.
    bullet = spec("Hello world", mar_l=10 * PT, indent=-10 * PT, bullet=True)
    assert count_lines(bullet, int(59.5 * PT), fonts) == 1
    assert count_lines(bullet, int(59.3 * PT), fonts) == 2
    # A plain paragraph with a hanging indent starts its first line further left.
    plain = spec("Hello world", mar_l=10 * PT, indent=-10 * PT)
    assert count_lines(plain, int(49.5 * PT), fonts) == 1


def test_heights_are_one_point_two_lines_and_space_before_skips_the_first(fonts: Fonts) -> None:
    paras = (spec("Hello", 20.0, before_pts=10.0), spec("world", 10.0, before_pts=6.0))
    frame = Frame(Box(0, 0, 200 * PT, 100 * PT), (0, 5 * PT, 0, 5 * PT), paras)
    fit = lay_out(frame, fonts)
    # 24 (20 pt line) + 6 (space before the second) + 12 (10 pt line) + 10 (insets)
    assert fit.needed == 52 * PT
    assert fit.ratio == pytest.approx(0.52)
    assert fit.fits and fit.first_out is None and fit.lines == (1, 1)


def test_line_spacing_percent_and_exact(fonts: Fonts) -> None:
    frame = Frame(Box(0, 0, 200 * PT, 100 * PT), (0, 0, 0, 0),
                  (spec("a", 20.0, line_pct=0.9), spec("b", 20.0, line_pts=30.0)))
    # 90 % takes its cut from above the first line: its glyphs may rise 2.4 pt past the top
    # edge, and a frame without a top inset has no room for that.
    assert lay_out(frame, fonts).needed == int(round((21.6 + 30.0 + 2.4) * PT))


def test_overflow_names_the_first_paragraph_that_runs_out(fonts: Fonts) -> None:
    paras = tuple(spec(w, 10.0) for w in ("a", "b", "c", "d"))
    frame = Frame(Box(0, 0, 200 * PT, 40 * PT), (0, 0, 0, 0), paras)
    fit = lay_out(frame, fonts)
    assert fit.needed == 48 * PT and fit.ratio == pytest.approx(1.2)
    assert not fit.fits and fit.first_out == 3


def test_reserved_room_counts_against_the_box(fonts: Fonts) -> None:
    frame = Frame(Box(0, 0, 200 * PT, 20 * PT), (0, 0, 0, 0), (spec("a", 10.0),),
                  reserved=10 * PT)
    assert lay_out(frame, fonts).ratio == pytest.approx(22 / 20)


def test_a_frame_that_does_not_wrap_overflows_sideways(fonts: Fonts) -> None:
    frame = Frame(Box(0, 0, 40 * PT, 100 * PT), (0, 0, 0, 0), (spec("Hello world"),),
                  wrap=False)
    fit = lay_out(frame, fonts)
    assert fit.lines == (1,) and fit.ratio == pytest.approx(49.45 / 40, abs=0.01)


def test_measures_are_remembered_per_text_and_size_and_agree_with_a_fresh_measure(fonts: Fonts) -> None:
    assert Fonts.for_brand(ks_brand()) is fonts  # one Fonts (one memo) per set of font files
    texts = ["Kommunene samarbeider om klima-tiltak og vei", "ord " * 40, "a\nb c"]
    frames = [Frame(Box(0, 0, w, 10**6), (0, 0, 0, 0), (spec(t, size),))
              for t in texts for size in (10.0, 14.0, 28.0) for w in (800_000, 3_000_000)]
    remembered = [lay_out(f, fonts) for f in frames] + [lay_out(f, fonts) for f in frames]
    fresh = Fonts(dict(fonts.files), fonts.estimated)  # an empty memo
    assert remembered == [lay_out(f, fresh) for f in frames] * 2
    assert any(key[0] == "atoms" for key in fonts.memo)  # type: ignore[index]
