"""A master read as PowerPoint reads it: placeholders without idx, duplicate shape ids, the
theme, the logo; and the normalised master python-pptx opens agrees with what was read."""

from __future__ import annotations

import io

from lxml import etree
from pptx import Presentation

from deckgen.errors import Diagnostics
from deckgen.resolve.brandinfer import infer_colors, infer_fonts, infer_layouts
from deckgen.resolve.master import normalise_master, read_master_package
from deckgen.resolve.masterparts import assign_idx, renumber_duplicate_ids

from .conftest import ks_master, part, rezip

P = "http://schemas.openxmlformats.org/presentationml/2006/main"
LAYOUT = (f'<p:sldLayout xmlns:p="{P}"><p:cSld name="L"><p:spTree>'
          '{shapes}</p:spTree></p:cSld></p:sldLayout>')


def _sp(shape_id: int, ph: str) -> str:
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="s{shape_id}"/><p:cNvSpPr/>'
            f'<p:nvPr>{ph}</p:nvPr></p:nvSpPr></p:sp>')


def _layout(*shapes: str) -> etree._Element:
    return etree.fromstring(LAYOUT.format(shapes="".join(shapes)).encode())


def _idx(root: etree._Element) -> list[tuple[str, str | None]]:
    return [(ph.get("type", "obj"), ph.get("idx"))
            for ph in root.iter(f"{{{P}}}ph")]


def test_placeholders_without_idx_get_the_first_free_numbers_titles_keep_zero() -> None:
    # As LibreOffice writes a layout: title, subtitle and content without idx, footers with.
    root = _layout(_sp(2, '<p:ph type="title"/>'), _sp(3, '<p:ph type="subTitle"/>'),
                   _sp(4, "<p:ph/>"), _sp(5, '<p:ph type="ftr" idx="2"/>'),
                   _sp(6, '<p:ph type="sldNum" idx="3"/>'))
    assert assign_idx(root)
    assert _idx(root) == [("title", None), ("subTitle", "1"), ("obj", "4"),
                          ("ftr", "2"), ("sldNum", "3")]
    assert not assign_idx(root)  # nothing left to do


def test_duplicate_shape_ids_are_renumbered_after_the_highest() -> None:
    root = _layout(_sp(2, '<p:ph type="title"/>'), _sp(2, '<p:ph idx="1"/>'),
                   _sp(7, '<p:ph idx="2"/>'))
    assert renumber_duplicate_ids(root)
    ids = [el.get("id") for el in root.iter(f"{{{P}}}cNvPr")]
    assert ids == ["2", "8", "7"]
    assert not renumber_duplicate_ids(root)


def _ks_without_idx() -> bytes:
    """The KS master with its content layout's body written without an idx and its footer
    sharing the title's shape id, as LibreOffice might save it."""
    name = "ppt/slideLayouts/slideLayout3.xml"
    xml = part(ks_master(), name).replace(b'<p:ph type="body" idx="1"/>', b'<p:ph type="body"/>')
    root = etree.fromstring(xml)
    ids = [el for el in root.iter(f"{{{P}}}cNvPr")]
    ids[-1].set("id", ids[1].get("id"))
    return rezip(ks_master(), {name: etree.tostring(root, xml_declaration=True,
                                                     encoding="UTF-8", standalone=True)})


def test_the_reader_and_the_normalised_master_agree_on_idx() -> None:
    data = _ks_without_idx()
    pkg = read_master_package(data, "m.pptx", Diagnostics())
    assert pkg is not None
    read = sorted(p.idx for p in pkg.layouts["Tittel og innhold"].placeholders)
    prs = Presentation(io.BytesIO(normalise_master(data)))
    layout = next(lay for lay in prs.slide_layouts if lay.name == "Tittel og innhold")
    opened = sorted(p.placeholder_format.idx for p in layout.placeholders)
    assert read == opened == [0, 1, 11, 12]
    ids = [s.shape_id for s in layout.shapes]
    assert len(ids) == len(set(ids))


def test_a_master_that_needs_no_change_is_handed_over_unchanged() -> None:
    assert normalise_master(ks_master()) == ks_master()


def test_theme_fonts_colours_and_the_logo_are_read() -> None:
    pkg = read_master_package(ks_master(), "m.pptx", Diagnostics())
    assert pkg is not None
    assert infer_fonts(pkg) == {"heading": "Arial", "body": "Arial"}
    colors = {k: v for k, (v, _why) in infer_colors(pkg).items()}
    assert colors["background"] == "#FFFFFF"
    assert colors["primary"] == "#0B2D4F"  # the theme's dark 2, as make_master writes it
    assert pkg.logo is not None and pkg.logo[0].startswith(b"\x89PNG")


def test_every_layout_is_inferred_with_a_reason() -> None:
    pkg = read_master_package(ks_master(), "m.pptx", Diagnostics())
    assert pkg is not None
    mapping = infer_layouts(pkg)
    assert mapping["title"].master_layout == "Tittellysbilde"
    assert dict(mapping["bullets"].placeholders) == {"title": 0, "body": 1}
    assert dict(mapping["image"].placeholders) == {"picture": 13, "title": 0, "credit": 14}
    assert all(m.reason for m in mapping.values())


def test_a_deck_builds_on_a_master_without_idx_and_with_duplicate_ids(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from deckgen.cli import main

    brand = tmp_path / "templates" / "lo"
    brand.mkdir(parents=True)
    (brand / "master.pptx").write_bytes(_ks_without_idx())
    (brand / "brand.yaml").write_text("master: master.pptx\nfooter: Bunn\n", encoding="utf-8")
    (tmp_path / "content" / "decks").mkdir(parents=True)
    (tmp_path / "content" / "decks" / "d.yaml").write_text(
        "title: T\nbrand: lo\nslides:\n  - layout: bullets\n    title: Punkter\n"
        "    body: \"- en\\n- to\\n\"\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(tmp_path / "content" / "decks" / "d.yaml"),
                                       "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    slide = Presentation(str(tmp_path / "out" / "d.pptx")).slides[0]
    ids = [s.shape_id for s in slide.shapes]
    assert len(ids) == len(set(ids))
    texts = {s.placeholder_format.idx: s.text_frame.text for s in slide.placeholders}
    assert texts[0] == "Punkter" and texts[1] == "en\nto" and texts[11] == "Bunn"
