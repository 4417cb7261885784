"""deckgen.resolve.master: the safe master reader, each refusal with its message, inheritance."""

from __future__ import annotations

import io
import zipfile

import pytest
from pptx import Presentation

from deckgen.errors import Diagnostics
from deckgen.model import Box
from deckgen.resolve import master as master_mod
from deckgen.resolve.master import (
    CT_PRESENTATION,
    CT_TEMPLATE,
    normalise_master,
    package_kind,
    read_master,
    read_master_package,
)

REL = "templates/x/master.pptx"


def only_error(diags: Diagnostics) -> str:
    assert len(diags.errors) == 1, [d.format() for d in diags]
    d = diags.errors[0]
    assert (d.loc.path, d.loc.line, d.loc.col) == (REL, 1, 1)
    return d.format()


def test_reads_every_layout_of_the_ks_master(ks_bytes):
    diags = Diagnostics()
    layouts = read_master(ks_bytes, REL, diags)
    assert not list(diags)
    assert layouts is not None
    assert list(layouts) == ["Tittellysbilde", "Deloverskrift", "Tittel og innhold", "Bilde",
                             "Diskusjon", "Spørsmål", "Tom"]
    content = layouts["Tittel og innhold"]
    assert [(p.idx, p.type) for p in content.placeholders] == [
        (0, "title"), (1, "body"), (11, "ftr"), (12, "sldNum")]
    pic = layouts["Bilde"].placeholder(13)
    assert pic is not None and pic.type == "pic"
    assert pic.box == Box(0, 0, 12192000, 6858000)
    hidden = layouts["Bilde"].placeholder(0)
    assert hidden is not None and hidden.box is not None
    assert hidden.box.y + hidden.box.cy <= 0  # the hidden title sits above the slide


def test_layout_placeholder_without_xfrm_inherits_master_geometry_and_size(ks_bytes):
    layouts = read_master(ks_bytes, REL, Diagnostics())
    assert layouts is not None
    title = layouts["Tittel og innhold"].placeholder(0)
    body = layouts["Tittel og innhold"].placeholder(1)
    # The KS content layout leaves title and body to the master: geometry from the master's
    # title/body placeholders, sizes from its title and body text styles.
    assert title is not None and body is not None
    assert title.box == Box(576000, 324000, 9960000, 900000)
    assert title.font_size == 32
    assert body.box is not None and body.box.y == 1548000
    assert body.font_size == 24
    # A layout's own list style wins over the master's.
    assert layouts["Spørsmål"].placeholder(0).font_size == 44


def test_slide_size_and_kind(ks_bytes):
    pkg = read_master_package(ks_bytes, REL, Diagnostics())
    assert pkg is not None
    assert (pkg.slide_width, pkg.slide_height) == (12192000, 6858000)
    assert pkg.kind == "PowerPoint presentation (.pptx)"
    assert package_kind(ks_bytes) == "PowerPoint presentation (.pptx)"


def test_not_a_zip():
    diags = Diagnostics()
    assert read_master(b"this is text, not a package", REL, diags) is None
    assert "error: not a PowerPoint file (not a zip archive)" in only_error(diags)


def test_old_binary_powerpoint_file_gets_a_save_as_hint():
    diags = Diagnostics()
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600
    assert read_master(ole, REL, diags) is None
    text = only_error(diags)
    assert "not a PowerPoint file (not a zip archive)" in text
    assert "save it as a PowerPoint Presentation (.pptx)" in text


def test_zip_of_something_else():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/'
                    'package/2006/content-types"><Override PartName="/word/document.xml" '
                    'ContentType="application/vnd.openxmlformats-officedocument.'
                    'wordprocessingml.document.main+xml"/></Types>')
    diags = Diagnostics()
    assert read_master(buf.getvalue(), REL, diags) is None
    assert "not a PowerPoint file (its main part is" in only_error(diags)


def test_zip_bomb_by_compression_ratio_is_refused_before_reading(ks_bytes, rezipper):
    bomb = rezipper(ks_bytes, add={"ppt/media/zeros.bin": b"\0" * (4 * 1024 * 1024)})
    diags = Diagnostics()
    assert read_master(bomb, REL, diags) is None
    text = only_error(diags)
    assert "part 'ppt/media/zeros.bin' expands" in text
    assert "possible zip bomb" in text


def test_zip_bomb_by_total_size(ks_bytes, rezipper, monkeypatch):
    monkeypatch.setattr(master_mod, "MAX_TOTAL_BYTES", 50_000)
    big = rezipper(ks_bytes, add={"ppt/media/noise.bin": bytes(range(256)) * 400},
                   compress=zipfile.ZIP_STORED)
    diags = Diagnostics()
    assert read_master(big, REL, diags) is None
    assert "the master unpacks to more than" in only_error(diags)


def test_macro_enabled_master_is_refused(ks_bytes, rezipper, part_of):
    types = part_of(ks_bytes, "[Content_Types].xml").replace(
        CT_PRESENTATION.encode(),
        b"application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml")
    macro = rezipper(ks_bytes, replace={"[Content_Types].xml": types},
                     add={"ppt/vbaProject.bin": b"\0VBA"})
    diags = Diagnostics()
    assert read_master(macro, REL, diags) is None
    text = only_error(diags)
    assert "the master contains macros" in text
    assert "save it as a PowerPoint Presentation (.pptx)" in text


def test_vba_part_alone_is_refused(ks_bytes, rezipper):
    diags = Diagnostics()
    assert read_master(rezipper(ks_bytes, add={"ppt/vbaProject.bin": b"x"}), REL, diags) is None
    assert "the master contains macros" in only_error(diags)


def test_doctype_with_entities_is_refused(ks_bytes, rezipper):
    laughs = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
              b'<p:presentationPr xmlns:p="http://schemas.openxmlformats.org/presentationml/'
              b'2006/main">&lol2;</p:presentationPr>')
    diags = Diagnostics()
    assert read_master(rezipper(ks_bytes, replace={"ppt/presProps.xml": laughs}), REL,
                       diags) is None
    assert "part 'ppt/presProps.xml' declares a DOCTYPE" in only_error(diags)


def test_external_doctype_is_refused_without_fetching(ks_bytes, rezipper):
    xxe = (b'<?xml version="1.0"?><!DOCTYPE x SYSTEM "http://example.invalid/x.dtd">'
           b'<p:presentationPr xmlns:p="http://schemas.openxmlformats.org/presentationml/'
           b'2006/main"/>')
    diags = Diagnostics()
    assert read_master(rezipper(ks_bytes, replace={"ppt/presProps.xml": xxe}), REL,
                       diags) is None
    assert "declares a DOCTYPE" in only_error(diags)


def test_malformed_xml_is_a_damaged_master(ks_bytes, rezipper):
    diags = Diagnostics()
    broken = rezipper(ks_bytes, replace={"ppt/viewProps.xml": b"<p:viewPr"})
    assert read_master(broken, REL, diags) is None
    assert "the master is damaged: part 'ppt/viewProps.xml' is not well-formed XML" in \
        only_error(diags)


def test_missing_layout_part_is_a_damaged_master(ks_bytes, rezipper):
    diags = Diagnostics()
    broken = rezipper(ks_bytes, replace={"ppt/slideLayouts/slideLayout2.xml": None})
    assert read_master(broken, REL, diags) is None
    assert "part 'ppt/slideLayouts/slideLayout2.xml' is missing" in only_error(diags)


def external_rel(kind: str, target: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/slideMaster" Target="../slideMasters/slideMaster1.xml"/>'
        f'<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'relationships/{kind}" Target="{target}" TargetMode="External"/>'
        "</Relationships>"
    ).encode()


def test_external_relationship_is_refused_naming_the_part(ks_bytes, rezipper):
    name = "ppt/slideLayouts/_rels/slideLayout3.xml.rels"
    hostile = rezipper(ks_bytes, replace={
        name: external_rel("image", "file:///etc/passwd")})
    diags = Diagnostics()
    assert read_master(hostile, REL, diags) is None
    text = only_error(diags)
    assert f"part '{name}' links to an external image ('file:///etc/passwd')" in text
    assert "embed linked pictures" in text


def test_external_hyperlink_is_allowed(ks_bytes, rezipper):
    name = "ppt/slideLayouts/_rels/slideLayout3.xml.rels"
    ok = rezipper(ks_bytes, replace={name: external_rel("hyperlink", "https://www.ks.no/")})
    diags = Diagnostics()
    assert read_master(ok, REL, diags) is not None
    assert not list(diags)


def as_potx(ks_bytes: bytes, rezipper, part_of) -> bytes:
    types = part_of(ks_bytes, "[Content_Types].xml").replace(
        CT_PRESENTATION.encode(), CT_TEMPLATE.encode())
    return rezipper(ks_bytes, replace={"[Content_Types].xml": types})


def test_potx_is_accepted_and_reported(ks_bytes, rezipper, part_of):
    potx = as_potx(ks_bytes, rezipper, part_of)
    diags = Diagnostics()
    pkg = read_master_package(potx, "templates/x/master.potx", diags)
    assert not list(diags)
    assert pkg is not None and "Tittel og innhold" in pkg.layouts
    assert pkg.kind == "PowerPoint template (.potx)"


def test_python_pptx_refuses_a_potx_until_normalised(ks_bytes, rezipper, part_of):
    potx = as_potx(ks_bytes, rezipper, part_of)
    with pytest.raises(ValueError):
        Presentation(io.BytesIO(potx))
    fixed = normalise_master(potx)
    assert normalise_master(fixed) == fixed  # idempotent
    assert normalise_master(potx) == fixed  # reproducible
    prs = Presentation(io.BytesIO(fixed))
    assert prs.slide_layouts.get_by_name("Bilde") is not None
    assert CT_PRESENTATION.encode() in part_of(fixed, "[Content_Types].xml")


def test_normalise_leaves_a_pptx_alone(ks_bytes):
    assert normalise_master(ks_bytes) is ks_bytes
