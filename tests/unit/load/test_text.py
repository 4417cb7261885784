"""Reading content text: UTF-8 only, BOM and CRLF give editor line numbers, control
characters refused at their place, files bounded."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.errors import Diagnostics
from deckgen.load import text as text_mod
from deckgen.load.text import decode, read_text
from deckgen.load.yamlsrc import parse_yaml


def messages(diags: Diagnostics) -> list[str]:
    return [d.format() for d in diags]


def test_plain_utf8_is_returned_unchanged() -> None:
    diags = Diagnostics()
    src = "Norsk æøå ÆØÅ, Sámi áŋšŧž, emoji 🎉👩‍👩‍👧, עברית, العربية\n"
    assert decode(src.encode(), "a.md", diags) == src
    assert not diags.items


def test_latin1_is_refused_with_byte_offset_line_and_column() -> None:
    diags = Diagnostics()
    data = "title: Hei\nname: Bjørn\n".encode("latin-1")
    assert decode(data, "d.yaml", diags) is None
    [msg] = messages(diags)
    # "title: Hei\n" is 11 bytes, "name: Bj" 8 more: ø is at offset 19, line 2, column 9.
    assert msg.startswith("d.yaml:2:9: error: not valid UTF-8: byte 0xF8 at byte offset 19")
    assert "Windows-1252 or Latin-1" in msg
    assert "save the file as UTF-8" in msg


def test_column_counts_characters_not_bytes() -> None:
    diags = Diagnostics()
    data = "å å ".encode() + b"\xff"  # four characters, six bytes before the bad byte
    decode(data, "a.md", diags)
    [msg] = messages(diags)
    assert msg.startswith("a.md:1:5: error: not valid UTF-8: byte 0xFF at byte offset 6")


@pytest.mark.parametrize(("bom", "name"), [(b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16"),
                                           (b"\xff\xfe\x00\x00", "UTF-32")])
def test_utf16_and_utf32_are_named(bom: bytes, name: str) -> None:
    diags = Diagnostics()
    assert decode(bom + "a".encode("utf-16-le"), "a.md", diags) is None
    assert messages(diags) == [
        f"a.md:1:1: error: the file is saved as {name}, not UTF-8; "
        "save the file as UTF-8 (in most editors: Save with encoding, UTF-8)"
    ]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_bom_and_line_ends_give_the_same_line_numbers(newline: str, bom: bytes) -> None:
    lines = ["title: Hei", "", "# kommentar", "a: 1", "a: 2"]
    data = bom + newline.join(lines).encode() + newline.encode()
    diags = Diagnostics()
    text = decode(data, "d.yaml", diags)
    assert text == "\n".join(lines) + "\n"
    parse_yaml(text, "d.yaml", diags)
    assert [str(d.loc) for d in diags] == ["d.yaml:5:1"]


@pytest.mark.parametrize(
    ("char", "label"),
    [
        ("\x00", "U+0000"),
        ("\x1b", "U+001B"),
        ("\x0b", "U+000B"),
        ("\x7f", "U+007F"),
        ("\x85", "U+0085"),
        ("\ufffe", "U+FFFE"),
        ("\u2028", "U+2028 (line separator)"),
    ],
)
def test_control_characters_are_refused_at_their_place(char: str, label: str) -> None:
    diags = Diagnostics()
    data = f"# Tittel\r\n\r\nab{char}c\r\n".encode()
    assert decode(data, "s.md", diags) is None
    assert messages(diags) == [
        f"s.md:3:3: error: control character {label} in text; "
        "delete it (it is invisible in most editors and breaks PowerPoint files)"
    ]


def test_tab_is_allowed() -> None:
    diags = Diagnostics()
    assert decode(b"a\tb\n", "s.md", diags) == "a\tb\n"
    assert not diags.items


def test_many_control_characters_are_capped() -> None:
    diags = Diagnostics()
    decode(b"\x01" * 500, "s.md", diags)
    assert len(diags.errors) == text_mod.MAX_CHAR_ERRORS


def test_missing_file_is_located_where_it_was_named(tmp_path: Path) -> None:
    from deckgen.errors import SourceLoc

    diags = Diagnostics()
    assert read_text(tmp_path / "nope.md", "content/slides/nope.md", diags,
                     SourceLoc("content/decks/d.yaml", 4, 5)) is None
    assert messages(diags) == [
        "content/decks/d.yaml:4:5: error: file 'content/slides/nope.md' not found; check the path"
    ]


def test_oversized_file_is_refused_before_reading(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(text_mod, "MAX_FILE_BYTES", 100)
    path = tmp_path / "big.md"
    path.write_bytes(b"x" * 101)
    diags = Diagnostics()
    assert read_text(path, "big.md", diags) is None
    assert messages(diags) == [
        "big.md:1:1: error: big.md is 101 bytes; content files are limited to 100 bytes; "
        "split it into smaller files"
    ]


def test_a_device_that_reports_no_size_is_still_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    # /dev/zero has st_size 0 and never ends: the read must stop at the limit.
    monkeypatch.setattr(text_mod, "MAX_FILE_BYTES", 1000)
    diags = Diagnostics()
    assert read_text(Path("/dev/zero"), "zero", diags) is None
    assert messages(diags) == [
        "zero:1:1: error: zero is larger than 1000 bytes; split it into smaller files"
    ]


def test_a_folder_is_refused(tmp_path: Path) -> None:
    diags = Diagnostics()
    assert read_text(tmp_path, "content", diags) is None
    assert messages(diags) == ["content:1:1: error: 'content' is a folder, not a file; name a file"]
