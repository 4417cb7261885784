"""Accessibility rules on decks built in code."""

from __future__ import annotations

from dataclasses import replace

import pytest

from deckgen.check.a11y import contrast_ratio, lang_problem
from deckgen.errors import SourceLoc
from deckgen.model import (
    Asset,
    BulletsContent,
    ImageContent,
    Para,
    Run,
    Tile,
    TilesContent,
)

from .conftest import deck, findings, ks_brand, para, runs, slide, with_colors

IMG_LOC = SourceLoc("content/slides/foto.md", 3, 8)


def image(alt: str, path: str = "assets/foto-bly.jpg") -> ImageContent:
    return ImageContent(Asset(path, b"", "image/jpeg", 10, 10, IMG_LOC), alt)


# --------------------------------------------------------------------------- alt-text


def test_pictures_need_alt_text_that_is_not_a_file_name() -> None:
    d = deck(
        slide("image", image("Landskap med åser og vann"), "", hidden="Landskap"),
        slide("image", image(""), "", hidden="x"),
        slide("image", image("foto-bly.jpg"), "", hidden="x"),
        slide("image", image("foto-bly"), "", hidden="x"),
        slide("image", image("IMG_2041"), "", hidden="x"),
        slide("image", image("utsikt.png"), "", hidden="x"),
    )
    assert findings(d, "alt-text") == [
        "content/slides/foto.md:3:8: warning: picture 'foto-bly.jpg' has no alt text; add 'alt:' "
        "saying what the picture shows (a Markdown picture: ![what it shows](file); Marp's keywords such as bg or w:300 are not alt text: ![bg what it shows](file)) [alt-text]",
        "content/slides/foto.md:3:8: warning: the alt text of 'foto-bly.jpg' is a file name "
        "('IMG_2041'); describe what the picture shows, in a sentence [alt-text]",
        "content/slides/foto.md:3:8: warning: the alt text of 'foto-bly.jpg' is a file name "
        "('foto-bly'); describe what the picture shows, in a sentence [alt-text]",
        "content/slides/foto.md:3:8: warning: the alt text of 'foto-bly.jpg' is a file name "
        "('foto-bly.jpg'); describe what the picture shows, in a sentence [alt-text]",
        "content/slides/foto.md:3:8: warning: the alt text of 'foto-bly.jpg' is a file name "
        "('utsikt.png'); describe what the picture shows, in a sentence [alt-text]",
    ]


# --------------------------------------------------------------------------- title


def test_every_slide_needs_a_title_and_a_hidden_one_counts() -> None:
    body = BulletsContent((para("Punkt"),))
    d = deck(
        slide("bullets", body, "Synlig"),
        slide("bullets", body, "", hidden="Skjult tittel"),
        slide("bullets", body, "", loc=SourceLoc("content/slides/x.md", 9, 1)),
        slide("bullets", body, " ", hidden=" ", loc=SourceLoc("content/slides/y.md", 2, 1)),
    )
    assert findings(d, "title") == [
        "content/slides/x.md:9:1: warning: the bullets slide has no title; add 'title:' (or a "
        "'# Heading'), or 'hidden_title:' when none should show; screen readers and the outline "
        "list slides by their titles [title]",
        "content/slides/y.md:2:1: warning: the bullets slide has no title; add 'title:' (or a "
        "'# Heading'), or 'hidden_title:' when none should show; screen readers and the outline "
        "list slides by their titles [title]",
    ]


# --------------------------------------------------------------------------- lang


@pytest.mark.parametrize("tag", ["nb-NO", "nn-NO", "se-NO", "en-GB", "sma", "sr-Latn-RS", "no",
                                 "de-CH-1996", "en-GB-x-ks"])
def test_good_language_tags(tag: str) -> None:
    assert lang_problem(tag) is None


@pytest.mark.parametrize(
    ("tag", "message", "hint"),
    [
        ("", "the deck's text has no language", "set 'lang:', e.g. lang: nb-NO"),
        ("nb_NO", "language 'nb_NO' is not a BCP 47 tag", "write it with a hyphen: 'nb-NO'"),
        ("norsk bokmål", "language 'norsk bokmål' is not a BCP 47 tag",
         "valid choices: 'da-DK', 'en-GB', 'en-US', 'fi-FI', 'nb-NO', 'nn-NO', 'se-NO', "
         "'sv-SE' (e.g. nb-NO, nn-NO, se-NO, en-GB)"),
        ("xx-NO", "language 'xx-NO' starts with 'xx', which is not a language code",
         "use an ISO 639 code: nb (Bokmål), nn (Nynorsk), se (Northern Sami), en …"),
        ("norw", "language 'norw' starts with 'norw', which is not a language code",
         "use an ISO 639 code: nb (Bokmål), nn (Nynorsk), se (Northern Sami), en …"),
        ("norsk", "language 'norsk' starts with 'norsk', which is not a language code",
         "use an ISO 639 code: nb (Bokmål), nn (Nynorsk), se (Northern Sami), en …"),
    ],
)
def test_bad_language_tags(tag: str, message: str, hint: str) -> None:
    assert lang_problem(tag) == (message, hint)


def test_the_lang_finding_without_a_project_points_at_the_deck() -> None:
    assert findings(deck(slide("bullets", BulletsContent((para("x"),))), lang="nb_NO"),
                    "lang") == [
        "content/decks/d.yaml:1:1: warning: language 'nb_NO' is not a BCP 47 tag; write it with a "
        "hyphen: 'nb-NO' [lang]"
    ]


# --------------------------------------------------------------------------- contrast


def test_wcag_contrast_ratio() -> None:
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)
    assert contrast_ratio("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("#0B2D4F", "#FFFFFF") == contrast_ratio("#FFFFFF", "#0B2D4F")


def test_the_ks_brand_passes_aa() -> None:
    assert findings(deck(slide("bullets", BulletsContent((para("x"),)))), "contrast") == []


def test_pairs_below_aa_are_reported_at_the_brand() -> None:
    brand = with_colors(ks_brand(), muted="#9AA5B1", accent="#F08A5D")
    found = findings(deck(slide("bullets", BulletsContent((para("x"),))), brand=brand),
                     "contrast")
    # Without the project only brand.yaml itself is known (its first line); the CLI tests
    # show the lines of the colours.
    assert found == [
        "templates/ks/brand.yaml:4:1: warning: brand colour 'accent' (#F08A5D) on 'background' "
        "(#FFFFFF) has contrast 2.47:1, below WCAG AA 3:1 (the discussion label); darken or "
        "lighten 'accent' or 'background' in the brand's colors [contrast]",
        "templates/ks/brand.yaml:4:1: warning: brand colour 'muted' (#9AA5B1) on 'background' "
        "(#FFFFFF) has contrast 2.50:1, below WCAG AA 4.5:1 (photo credits and small print); "
        "darken or lighten 'muted' or 'background' in the brand's colors [contrast]",
        "templates/ks/brand.yaml:4:1: warning: brand colour 'muted' (#9AA5B1) on 'surface' "
        "(#EAF0F5) has contrast 2.17:1, below WCAG AA 4.5:1 (tile captions); darken or lighten "
        "'muted' or 'surface' in the brand's colors [contrast]",
        "templates/ks/brand.yaml:4:1: warning: brand colour 'on_accent' (#FFFFFF) on 'accent' "
        "(#F08A5D) has contrast 2.47:1, below WCAG AA 4.5:1 (video tiles); darken or lighten "
        "'on_accent' or 'accent' in the brand's colors [contrast]",
    ]


def test_large_text_pairs_need_three_to_one() -> None:
    # primary on background carries only titles (large): 3.5:1 passes there.
    brand = with_colors(ks_brand(), primary="#8A8A8A", surface="#FFFFFF")
    found = findings(deck(slide("bullets", BulletsContent((para("x"),))), brand=brand),
                     "contrast")
    assert [f.split("brand colour ")[1][:30] for f in found] == [
        "'on_primary' (#FFFFFF) on 'pri",
        "'primary' (#8A8A8A) on 'surfac",
    ]


# --------------------------------------------------------------------------- link-text


def test_links_whose_text_is_the_address() -> None:
    body = BulletsContent((
        Para((Run("Toppmøtet 2024", href="https://www.ks.no/toppmote/"),), "bullet", 0, False,
             SourceLoc("content/slides/s.md", 7, 1)),
        Para((Run("https://www.ks.no/toppmote/", href="https://www.ks.no/toppmote/"),), "bullet",
             0, False, SourceLoc("content/slides/s.md", 8, 1)),
        Para((Run("ks.no/toppmote", href="https://www.ks.no/toppmote/"),), "bullet", 0, False,
             SourceLoc("content/slides/s.md", 9, 1)),
        Para((Run("post@ks.no", href="mailto:post@ks.no"),), "bullet", 0, False,
             SourceLoc("content/slides/s.md", 10, 1)),
    ))
    tiles = TilesContent((Tile(runs("www.ks.no"), "https://www.ks.no/"),
                          Tile(runs("KS"), "https://www.ks.no/")))
    found = findings(deck(slide("bullets", body), slide("tiles", tiles)), "link-text")
    hint = ("name where the link goes, e.g. [KS Toppmøte 2024](https://…); a screen reader "
            "reads an address letter by letter [link-text]")
    assert found == [
        "content/slides/s.md:3:1: warning: the link text is the bare address 'www.ks.no'; "
        + hint,
        "content/slides/s.md:8:1: warning: the link text is the bare address "
        "'https://www.ks.no/toppmote/'; " + hint,
        "content/slides/s.md:9:1: warning: the link text is the bare address 'ks.no/toppmote'; "
        + hint,
    ]


def test_links_in_speaker_notes_are_not_the_audiences() -> None:
    notes = (Para((Run("https://ks.no", href="https://ks.no"),)),)
    s = replace(slide("bullets", BulletsContent((para("x"),))), notes=notes)
    assert findings(deck(s), "link-text") == []
