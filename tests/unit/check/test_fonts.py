"""Measuring with the brand's font files: widths, styles, fallbacks."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.check.fonts import Face, Fonts, styled_file

from .conftest import ks_brand

LIB = Path("/usr/share/fonts/truetype/liberation2")


@pytest.fixture(scope="module")
def fonts() -> Fonts:
    return Fonts.for_brand(ks_brand())


def test_the_ks_brand_measures_with_liberation_sans(fonts: Fonts) -> None:
    assert fonts.estimated == ()
    assert Path(fonts.files["body"]).name == "LiberationSans-Regular.ttf"
    assert Path(fonts.files["heading"]).name == "LiberationSans-Bold.ttf"


def test_widths_are_arial_advance_widths(fonts: Fonts) -> None:
    # Arial/Liberation Sans: H 722, e 556, l 222, o 556, space 278, w 722, r 333, d 556
    # (thousandths of an em): "Hello world" = 4945/1000 em.
    assert fonts.width_pt("Hello world", Face(), 1000) == pytest.approx(4945, abs=2)
    assert fonts.width_pt("Hello world", Face(), 24) == pytest.approx(4.945 * 24, abs=0.05)


def test_bold_italic_and_code_use_their_own_faces(fonts: Fonts) -> None:
    regular = fonts.width_pt("Hello", Face(), 100)
    bold = fonts.width_pt("Hello", Face(bold=True), 100)
    assert bold == pytest.approx(2.445 * 100, abs=0.2)  # H 722, e 556, l 278, l 278, o 611
    assert regular == pytest.approx(2.278 * 100, abs=0.2)
    assert fonts.width_pt("Hello", Face(mono=True), 100) == pytest.approx(5 * 60, abs=0.2)
    # The heading role is a bold file; a non-bold heading face is its regular sibling.
    assert fonts.width_pt("Hello", Face(heading=True), 100) == pytest.approx(regular)


def test_control_characters_take_no_room(fonts: Fonts) -> None:
    assert fonts.width_pt("a\x07b", Face(), 100) == fonts.width_pt("ab", Face(), 100)


@pytest.mark.parametrize(
    ("name", "bold", "italic", "expected"),
    [
        ("LiberationSans-Regular.ttf", True, False, "LiberationSans-Bold.ttf"),
        ("LiberationSans-Regular.ttf", True, True, "LiberationSans-BoldItalic.ttf"),
        ("LiberationSans-Bold.ttf", False, False, "LiberationSans-Regular.ttf"),
        ("LiberationSans-Bold.ttf", True, False, "LiberationSans-Bold.ttf"),
        ("LiberationSans-Italic.ttf", False, True, "LiberationSans-Italic.ttf"),
    ],
)
def test_styled_siblings(name: str, bold: bool, italic: bool, expected: str) -> None:
    assert styled_file(LIB / name, bold, italic).name == expected


def test_windows_style_names_and_missing_styles(tmp_path: Path) -> None:
    for name in ("arial.ttf", "arialbd.ttf", "solo.ttf"):
        (tmp_path / name).write_bytes(b"")
    assert styled_file(tmp_path / "arial.ttf", True, False).name == "arialbd.ttf"
    # No italic file next to it: the file there is is used.
    assert styled_file(tmp_path / "arial.ttf", False, True).name == "arial.ttf"
    assert styled_file(tmp_path / "solo.ttf", True, False).name == "solo.ttf"


def test_without_font_files_widths_are_estimated() -> None:
    fonts = Fonts({}, ("heading", "body"))
    # geometry's Arial table with its 5 % slack: "Hello world" = 4.945 em x 1.05.
    assert fonts.width_pt("Hello world", Face(), 10) == pytest.approx(4.945 * 10 * 1.05, abs=0.01)
    assert fonts.width_pt("abc", Face(mono=True), 10) == pytest.approx(18.0, abs=0.2)
