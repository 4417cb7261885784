"""Text styles of the master's placeholders, inherited as PowerPoint inherits them."""

from __future__ import annotations

from deckgen.check.masterstyle import DEFAULT_INSETS, placeholder_styles

from .conftest import ks_brand


def test_body_levels_come_from_the_masters_body_style() -> None:
    styles = placeholder_styles(ks_brand().master)
    body = styles["Tittel og innhold"][1]
    assert body.insets == DEFAULT_INSETS and body.anchor == "t" and body.wrap
    got = [(lv.size, lv.mar_l, lv.indent, lv.line_pct, lv.before_pts) for lv in body.levels[:5]]
    assert got == [
        (24.0, 270000, -270000, 1.0, 10.0),
        (20.0, 630000, -252000, 1.0, 5.0),
        (18.0, 954000, -216000, 1.0, 5.0),
        (16.0, 1260000, -198000, 1.0, 5.0),
        (16.0, 1548000, -180000, 1.0, 5.0),
    ]
    assert body.level(0).heading_font is False and body.level(0).bold is False


def test_titles_inherit_the_title_style_with_layout_overrides() -> None:
    styles = placeholder_styles(ks_brand().master)
    title = styles["Tittel og innhold"][0].level(0)
    assert (title.size, title.bold, title.line_pct, title.heading_font) == (32.0, True, 0.9, True)
    assert styles["Tittel og innhold"][0].anchor == "b"
    cover = styles["Tittellysbilde"][0].level(0)
    assert (cover.size, cover.bold, cover.line_pct) == (44.0, True, 0.9)


def test_layout_insets_and_list_style_override_the_master() -> None:
    styles = placeholder_styles(ks_brand().master)
    credit = styles["Bilde"][14]
    assert credit.insets == (108000, 36000, 216000, 36000)
    assert (credit.level(0).size, credit.level(0).mar_l) == (11.0, 0)
    assert styles["Diskusjon"][15].wrap is False  # the timer badge does not wrap


def test_an_unreadable_package_gives_no_styles() -> None:
    assert placeholder_styles(b"not a zip") == {}
