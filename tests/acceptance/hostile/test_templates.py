"""Hostile PowerPoint masters, through a project whose templates/<brand>/master.pptx is the
hostile file: each refused with a clear message at the master (binary: line 1, column 1),
exit 1, earlier output untouched; a .potx is converted safely and builds."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from deckgen.selfcheck import check_pptx

from .conftest import Mini, assert_failed_cleanly

LOC = "templates/hostile/master.pptx:1:1: error: "
CT = "[Content_Types].xml"
PRES_MAIN = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
TEMPLATE_MAIN = "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
LAYOUT1 = "ppt/slideLayouts/slideLayout1.xml"
LAYOUT1_RELS = "ppt/slideLayouts/_rels/slideLayout1.xml.rels"


def rezip(data: bytes, replace: dict[str, bytes] | None = None,
          add: dict[str, bytes] | None = None) -> bytes:
    replace = replace or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, replace.get(info.filename, src.read(info)))
        for name, body in (add or {}).items():
            dst.writestr(name, body)
    return out.getvalue()


def read(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return zf.read(name).decode("utf-8")


@pytest.fixture
def hostile(mini: Mini) -> tuple[Mini, Path, bytes, dict[str, bytes]]:
    """The mini project on a copy of the KS brand, built once: (mini, master path, the good
    master's bytes, the earlier output)."""
    master = mini.use_ks_brand("hostile")
    before = mini.good_build()
    return mini, master, master.read_bytes(), before


def test_not_a_zip(hostile) -> None:  # type: ignore[no-untyped-def]
    mini, master, _, before = hostile
    master.write_text("this is not a presentation")
    assert_failed_cleanly(mini, before, mini.build(), 1,
                          LOC + "not a PowerPoint file (not a zip archive); a brand's master "
                          "must be a .pptx or .potx file")


def test_old_binary_powerpoint(hostile) -> None:  # type: ignore[no-untyped-def]
    mini, master, _, before = hostile
    master.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    assert_failed_cleanly(mini, before, mini.build(), 1,
                          LOC + "not a PowerPoint file (not a zip archive): it is an old binary "
                          "Office file (.ppt/.pot); open it in PowerPoint and save it as a "
                          "PowerPoint Presentation (.pptx)")


def test_a_word_document_is_not_a_master(hostile) -> None:  # type: ignore[no-untyped-def]
    mini, master, good, before = hostile
    types = read(good, CT).replace(PRES_MAIN, "application/vnd.openxmlformats-officedocument."
                                   "wordprocessingml.document.main+xml")
    master.write_bytes(rezip(good, {CT: types.encode()}))
    assert_failed_cleanly(mini, before, mini.build(), 1, LOC + "not a PowerPoint file (its main "
                          "part is 'application/vnd.openxmlformats-officedocument."
                          "wordprocessingml.document.main+xml')")


def test_potx_template_is_converted_and_builds(hostile) -> None:  # type: ignore[no-untyped-def]
    mini, master, good, _ = hostile
    potx = rezip(good, {CT: read(good, CT).replace(PRES_MAIN, TEMPLATE_MAIN).encode()})
    master.unlink()
    mini.write("templates/hostile/master.potx", potx)
    brand = mini.root / "templates" / "hostile" / "brand.yaml"
    brand.write_text(brand.read_text(encoding="utf-8").replace("master: master.pptx",
                                                               "master: master.potx"))
    run = mini.build()
    assert run.exit_code == 0, run.stderr
    data = (mini.out / "talk.pptx").read_bytes()
    assert check_pptx(data) == []
    assert PRES_MAIN in read(data, CT) and TEMPLATE_MAIN not in read(data, CT)


def test_macro_enabled_master_is_refused(hostile) -> None:  # type: ignore[no-untyped-def]
    mini, master, good, before = hostile
    types = read(good, CT).replace(
        PRES_MAIN, "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml")
    types = types.replace("</Types>", '<Default Extension="bin" ContentType='
                          '"application/vnd.ms-office.vbaProject"/></Types>')
    master.write_bytes(rezip(good, {CT: types.encode()},
                             add={"ppt/vbaProject.bin": b"\xd0\xcf\x11\xe0macro"}))
    assert_failed_cleanly(mini, before, mini.build(), 1,
                          LOC + "the master contains macros (a macro-enabled .pptm/.potm file); "
                          "deckgen does not accept macros")


def test_vba_part_alone_is_refused(hostile) -> None:  # type: ignore[no-untyped-def]
    mini, master, good, before = hostile
    master.write_bytes(rezip(good, add={"ppt/vbaProject.bin": b"macro"}))
    assert_failed_cleanly(mini, before, mini.build(), 1, LOC + "the master contains macros")


def test_zip_bomb_is_refused_before_it_is_inflated(hostile) -> None:  # type: ignore[no-untyped-def]
    mini, master, good, before = hostile
    bomb = rezip(good, add={"ppt/media/bomb.png": b"\0" * (30 * 1024 * 1024)})
    assert len(bomb) < 200_000  # 30 MB of zeros deflate to a few dozen kB
    master.write_bytes(bomb)
    assert_failed_cleanly(mini, before, mini.build(), 1,
                          LOC + "part 'ppt/media/bomb.png' expands", "possible zip bomb")


def test_too_many_parts_is_refused(hostile) -> None:  # type: ignore[no-untyped-def]
    mini, master, good, before = hostile
    master.write_bytes(rezip(good, add={f"junk/{i}.xml": b"<a/>" for i in range(5001)}))
    assert_failed_cleanly(mini, before, mini.build(), 1, LOC + "the master has 5028 parts; at most 5000 are read")


def test_doctype_with_entities_is_refused(hostile) -> None:  # type: ignore[no-untyped-def]
    mini, master, good, before = hostile
    laughs = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">'
              '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;">]>\n')
    xml = read(good, LAYOUT1).split("?>", 1)[1].replace("Klikk", "&lol3;Klikk", 1)
    master.write_bytes(rezip(good, {LAYOUT1: (laughs + xml).encode()}))
    assert_failed_cleanly(mini, before, mini.build(), 1,
                          LOC + f"part '{LAYOUT1}' declares a DOCTYPE (DTDs and entities are not "
                          "allowed in Office files)")


def test_external_entity_is_refused(hostile) -> None:  # type: ignore[no-untyped-def]
    mini, master, good, before = hostile
    xxe = ('<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n')
    xml = read(good, LAYOUT1).split("?>", 1)[1].replace("Klikk", "&xxe;Klikk", 1)
    master.write_bytes(rezip(good, {LAYOUT1: (xxe + xml).encode()}))
    run = mini.build()
    assert_failed_cleanly(mini, before, run, 1, LOC + f"part '{LAYOUT1}' declares a DOCTYPE")
    assert "root:" not in run.stderr


@pytest.mark.parametrize("target", ["file:///etc/passwd", "https://evil.example/track.png",
                                    "\\\\server\\share\\logo.png"])
def test_external_relationship_is_refused(hostile, target: str) -> None:  # type: ignore[no-untyped-def]
    mini, master, good, before = hostile
    rels = read(good, LAYOUT1_RELS).replace(
        "</Relationships>",
        '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'relationships/image" Target="{target}" TargetMode="External"/></Relationships>')
    master.write_bytes(rezip(good, {LAYOUT1_RELS: rels.encode()}))
    assert_failed_cleanly(mini, before, mini.build(), 1,
                          LOC + f"part '{LAYOUT1_RELS}' links to an external image ({target!r})")


def test_encrypted_part_is_refused(hostile) -> None:  # type: ignore[no-untyped-def]
    mini, master, good, before = hostile
    data = bytearray(good)
    # Set the "encrypted" flag bit in every central directory entry.
    pos = data.find(b"PK\x01\x02")
    while pos != -1:
        data[pos + 8] |= 0x01
        pos = data.find(b"PK\x01\x02", pos + 4)
    master.write_bytes(bytes(data))
    assert_failed_cleanly(mini, before, mini.build(), 1,
                          LOC + "the master is encrypted or password-protected")


def test_truncated_master_is_refused(hostile) -> None:  # type: ignore[no-untyped-def]
    mini, master, good, before = hostile
    master.write_bytes(good[: len(good) // 2])
    assert_failed_cleanly(mini, before, mini.build(), 1, LOC + "not a PowerPoint file")


def test_master_as_symlink_to_a_device_is_refused(hostile) -> None:  # type: ignore[no-untyped-def]
    mini, master, _, before = hostile
    master.unlink()
    master.symlink_to("/dev/zero")
    assert_failed_cleanly(mini, before, mini.build(), 1,
                          "templates/hostile/brand.yaml:6:9: error: master path 'master.pptx' is "
                          "a link to a place outside the project")
