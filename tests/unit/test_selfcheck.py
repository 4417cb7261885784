"""The .pptx self-check finds each structural fault PowerPoint would "repair"."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from deckgen.selfcheck import check_pptx, verify_pptx

ROOT = Path(__file__).resolve().parents[2]
GOOD = (ROOT / "templates" / "ks" / "master.pptx").read_bytes()
LAYOUT2 = "ppt/slideLayouts/slideLayout2.xml"
MASTER_RELS = "ppt/slideMasters/_rels/slideMaster1.xml.rels"


def rezip(data: bytes, replace: dict[str, bytes | None] | None = None,
          add: list[tuple[str, bytes]] | None = None) -> bytes:
    replace = replace or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = replace.get(info.filename, src.read(info))
            if body is not None:
                dst.writestr(info.filename, body)
        for name, body in add or []:
            dst.writestr(name, body)
    return out.getvalue()


def part(name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(GOOD)) as zf:
        return zf.read(name).decode("utf-8")


def test_a_good_package_passes() -> None:
    assert check_pptx(GOOD) == []
    verify_pptx(GOOD)  # does not raise


def test_not_a_zip() -> None:
    assert check_pptx(b"PK\x03\x04 but not really")[0].startswith("the package is not a readable zip")


def test_missing_content_types() -> None:
    assert check_pptx(rezip(GOOD, {"[Content_Types].xml": None})) == ["[Content_Types].xml: missing"]


def test_relationship_to_missing_part() -> None:
    problems = check_pptx(rezip(GOOD, {"ppt/media/image1.png": None}))
    assert f"{MASTER_RELS}: rId9 points to /ppt/media/image1.png, which is not in the package" in problems


def test_dangling_r_id_in_a_part() -> None:
    xml = part(LAYOUT2).replace(
        '<a:effectLst/></p:bgPr>',
        '<a:blipFill><a:blip r:embed="rId42"/></a:blipFill><a:effectLst/></p:bgPr>',
    )
    problems = check_pptx(rezip(GOOD, {LAYOUT2: xml.encode()}))
    assert f"{LAYOUT2}: r:id 'rId42' has no relationship" in problems


def test_duplicate_relationship_id() -> None:
    rels = part(MASTER_RELS).replace('Id="rId2"', 'Id="rId1"')
    problems = check_pptx(rezip(GOOD, {MASTER_RELS: rels.encode()}))
    assert f"{MASTER_RELS}: relationship id 'rId1' occurs twice" in problems


def test_duplicate_shape_id() -> None:
    original = part(LAYOUT2)
    ids = re.findall(r'<p:cNvPr id="(\d+)"', original)
    assert len(ids) >= 3, ids
    # Give the last shape the id of the one before it.
    head, _, tail = original.rpartition(f'<p:cNvPr id="{ids[-1]}"')
    xml = head + f'<p:cNvPr id="{ids[-2]}"' + tail
    problems = check_pptx(rezip(GOOD, {LAYOUT2: xml.encode()}))
    assert problems == [f"{LAYOUT2}: shape id {ids[-2]} is used by more than one shape"]


def test_part_without_content_type() -> None:
    problems = check_pptx(rezip(GOOD, add=[("ppt/media/image2.webp", b"RIFF0000WEBP")]))
    assert problems == ["ppt/media/image2.webp: no content type in [Content_Types].xml"]


def test_override_for_a_missing_part() -> None:
    problems = check_pptx(rezip(GOOD, {"ppt/viewProps.xml": None}))
    assert "[Content_Types].xml: Override names /ppt/viewprops.xml, which is not in the package" in problems


@pytest.mark.parametrize("char", ["\x85", "\x9f", "\x7f"])
def test_c1_control_character_in_text(char: str) -> None:
    # Legal XML 1.0, so lxml parses it; PowerPoint refuses the run.
    xml = part(LAYOUT2).replace("Klikk for å legge til tekst", f"Klikk{char}tekst")
    problems = check_pptx(rezip(GOOD, {LAYOUT2: xml.encode("utf-8")}))
    assert problems == [f"{LAYOUT2}: control character U+{ord(char):04X} in text"]


@pytest.mark.parametrize("ref", ["&#x85;", "&#133;", "&#x9F;"])
def test_c1_control_character_as_a_character_reference(ref: str) -> None:
    # Not in the part's bytes, only in the text the reference makes: still found.
    xml = part(LAYOUT2).replace("Klikk for å legge til tekst", f"Klikk{ref}tekst")
    problems = check_pptx(rezip(GOOD, {LAYOUT2: xml.encode("utf-8")}))
    assert problems == [f"{LAYOUT2}: control character U+0085 in text" if "85" in ref or "133" in ref
                        else f"{LAYOUT2}: control character U+009F in text"]


def test_c1_control_character_in_an_attribute() -> None:
    xml = part(LAYOUT2)
    attribute = xml.replace('<p:cSld name="', '<p:cSld name="x\x85', 1)
    assert attribute != xml
    assert check_pptx(rezip(GOOD, {LAYOUT2: attribute.encode("utf-8")})) == [f"{LAYOUT2}: control character U+0085 in text"]


@pytest.mark.parametrize("char", ["\x0b", "\x01", "\ufffe"])
def test_character_xml_forbids_makes_the_part_unreadable(char: str) -> None:
    xml = part(LAYOUT2).replace("Klikk for å legge til tekst", f"Klikk{char}tekst")
    problems = check_pptx(rezip(GOOD, {LAYOUT2: xml.encode("utf-8")}))
    assert len(problems) == 1
    assert problems[0].startswith(f"{LAYOUT2}: not well-formed XML (PCDATA invalid Char value")


def test_not_well_formed_xml() -> None:
    problems = check_pptx(rezip(GOOD, {LAYOUT2: b"<p:sldLayout"}))
    assert problems[0].startswith(f"{LAYOUT2}: not well-formed XML")


def test_doctype() -> None:
    xml = part(LAYOUT2).replace("<p:sldLayout", '<!DOCTYPE x [<!ENTITY e "x">]><p:sldLayout', 1)
    problems = check_pptx(rezip(GOOD, {LAYOUT2: xml.encode()}))
    assert f"{LAYOUT2}: declares a DOCTYPE" in problems


def test_duplicate_part_name() -> None:
    with pytest.warns(UserWarning):  # zipfile warns about the duplicate name it writes
        bad = rezip(GOOD, add=[("ppt/presProps.xml", part("ppt/presProps.xml").encode())])
    assert "ppt/presProps.xml: part name occurs twice" in check_pptx(bad)


def test_bad_crc() -> None:
    data = bytearray(rezip(GOOD, {"ppt/tableStyles.xml": b"<a:tblStyleLst xmlns:a='x'/>"}))
    # Flip a byte of the stored (deflated) data of that part without fixing its CRC.
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        info = zf.getinfo("ppt/tableStyles.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data[start + 2] ^= 0xFF
    problems = check_pptx(bytes(data))
    assert any(p.startswith("ppt/tableStyles.xml: does not read back") for p in problems)


def test_verify_raises_runtime_error_naming_the_file() -> None:
    bad = rezip(GOOD, {"ppt/media/image1.png": None})
    with pytest.raises(RuntimeError, match=r"self-check of talk\.pptx failed \(a deckgen bug\)"):
        verify_pptx(bad, "talk.pptx")
