"""Text and encodings end to end: non-UTF-8 located by byte, BOM and CRLF give LF's line
numbers (and LF's bytes), control characters refused, and Norwegian, Sami, emoji and
right-to-left text survive exactly into the .pptx runs and the HTML text."""

from __future__ import annotations

import html
import re

import pytest

from .conftest import SLIDE, Mini, assert_failed_cleanly, new_mini, slide_xml


def test_latin1_slide_is_refused_with_the_byte_position(mini: Mini) -> None:
    before = mini.good_build()
    mini.slide("# Tittel\n\nBjørn og Åse\n".encode("latin-1"))
    run = mini.build()
    # "# Tittel\n\n" is 10 bytes, "Bj" 2 more: ø is byte 12, line 3, column 3.
    assert_failed_cleanly(
        mini, before, run, 1,
        "content/slides/a.md:3:3: error: not valid UTF-8: byte 0xF8 at byte offset 12; "
        "the file looks like Windows-1252 or Latin-1; save the file as UTF-8",
    )


def test_latin1_deck_file_is_refused(mini: Mini) -> None:
    before = mini.good_build()
    mini.write("content/decks/talk.yaml", "title: Møte\nslides:\n  - use: a\n".encode("cp1252"))
    run = mini.build()
    assert_failed_cleanly(mini, before, run, 1,
                          "content/decks/talk.yaml:1:9: error: not valid UTF-8: byte 0xF8")


def test_utf16_file_is_named(mini: Mini) -> None:
    before = mini.good_build()
    mini.slide("\ufeff# Tittel\n".encode("utf-16"))
    assert_failed_cleanly(mini, before, mini.build(), 1,
                          "content/slides/a.md:1:1: error: the file is saved as UTF-16, not UTF-8")


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_bom_and_crlf_errors_are_on_the_same_lines_as_lf(mini: Mini, newline: str,
                                                         bom: bytes) -> None:
    deck = "title: Hei\nlang: nb-NO\nslides:\n  - use: a\n    bogus: 1\n"
    mini.write("content/decks/talk.yaml", deck)
    lf = mini.build()
    mini.write("content/decks/talk.yaml", bom + deck.replace("\n", newline).encode())
    other = mini.build()
    assert lf.exit_code == other.exit_code == 1
    assert "content/decks/talk.yaml:5:5: error: unknown key 'bogus'" in lf.stderr
    assert lf.stderr.splitlines()[0] == other.stderr.splitlines()[0]


def test_bom_and_crlf_build_byte_identical_outputs(tmp_path) -> None:  # type: ignore[no-untyped-def]
    lf = new_mini(tmp_path / "lf")
    crlf = new_mini(tmp_path / "crlf")
    crlf.slide(b"\xef\xbb\xbf" + SLIDE.replace("\n", "\r\n").encode())
    crlf.write("content/decks/talk.yaml",
               b"\xef\xbb\xbf" + lf.deck.read_bytes().replace(b"\n", b"\r\n"))
    assert lf.good_build() == crlf.good_build()


@pytest.mark.parametrize(("char", "label"), [("\x1b", "U+001B"), ("\x00", "U+0000"),
                                             ("\x0c", "U+000C"), ("\x85", "U+0085")])
def test_control_characters_are_refused_at_their_location(mini: Mini, char: str,
                                                          label: str) -> None:
    before = mini.good_build()
    mini.slide(f"# Tittel\n\n- en\n- t{char}o\n")
    assert_failed_cleanly(mini, before, mini.build(), 1,
                          f"content/slides/a.md:4:4: error: control character {label}")


def test_control_character_in_yaml_is_refused_at_its_location(mini: Mini) -> None:
    before = mini.good_build()
    mini.write("content/decks/talk.yaml", "title: Hei\x07\nslides:\n  - use: a\n")
    assert_failed_cleanly(mini, before, mini.build(), 1,
                          "content/decks/talk.yaml:1:11: error: control character U+0007")


SAMPLES = {
    "norsk": "Blåbærsyltetøy på Ærøy – «sitat»",
    "sami": "Sámegiella: áŋšŧž ÁŊŠŦŽ čđ",
    "emoji": "Emoji: 🎉 👩‍👩‍👧 🇳🇴 👍🏽",
    "combining": "Kombinert: e\u0301 a\u030a",
    "hebrew": "שלום עולם",
    "arabic": "مرحبا بالعالم",
}


def _runs(xml: str) -> list[str]:
    return [html.unescape(t) for t in re.findall(r"<a:t>([^<]*)</a:t>", xml)]


def _paragraphs(xml: str) -> list[str]:
    """The text of each <a:p>, runs joined, with its pPr."""
    return re.findall(r"<a:p>.*?</a:p>", xml)


def test_unicode_survives_exactly_into_both_outputs(mini: Mini) -> None:
    body = "".join(f"- {text}\n" for text in SAMPLES.values())
    mini.slide(f"# Tekst 🎉 áŋšŧž\n\n{body}\n::: notes\nNotat: {SAMPLES['sami']}\n:::\n")
    assert mini.build().exit_code == 0
    with mini.pptx() as pkg:
        runs = _runs(slide_xml(pkg))
        notes = pkg.read("ppt/notesSlides/notesSlide1.xml").decode("utf-8")
    for text in SAMPLES.values():
        assert text in runs
    assert "Tekst 🎉 áŋšŧž" in runs
    assert f"Notat: {SAMPLES['sami']}" in _runs(notes)
    for page in (mini.html(), mini.single_html()):
        text = html.unescape(page)
        for sample in SAMPLES.values():
            assert sample in text
        assert "Tekst 🎉 áŋšŧž" in text


def test_right_to_left_paragraphs_are_marked_in_both_outputs(mini: Mini) -> None:
    mini.slide(f"# Tittel\n\n- {SAMPLES['hebrew']}\n- {SAMPLES['norsk']}\n- {SAMPLES['arabic']}\n")
    assert mini.build().exit_code == 0
    with mini.pptx() as pkg:
        paras = _paragraphs(slide_xml(pkg))
    rtl = {p for p in paras if 'rtl="1"' in p}
    assert {SAMPLES["hebrew"] in p or SAMPLES["arabic"] in p for p in rtl} == {True}
    assert len(rtl) == 2
    assert not any(SAMPLES["norsk"] in p for p in rtl)
    for page in (mini.html(), mini.single_html()):
        items = re.findall(r"<li[^>]*>[^<]*</li>", page)
        marked = [i for i in items if 'dir="rtl"' in i]
        assert len(marked) == 2
        assert any(SAMPLES["hebrew"] in i for i in marked)
        assert any(SAMPLES["arabic"] in i for i in marked)
        assert not any(SAMPLES["norsk"] in i for i in marked)
