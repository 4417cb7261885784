"""The package around the slides: opening the master, cleaning what it carries, document
properties, and reproducible bytes.

Responsibility: everything that is about the .pptx file rather than about a slide. The master
is opened from bytes; its own slides, sections, custom shows, thumbnail and custom properties
are dropped; the document properties are written from the deck alone; and the saved zip is
rewritten with a fixed member order and fixed timestamps so the same deck gives the same
bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any
from xml.sax.saxutils import escape

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TARGET_MODE as RTM
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI
from pptx.opc.serialized import _ContentTypesItem
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as PptxPresentation

from deckgen.model import Deck

_SECTION_LIST = "{http://schemas.microsoft.com/office/powerpoint/2010/main}sectionLst"
_CONTENT_TYPES = "[Content_Types].xml"
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry
FIXED_EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)
# Package-level parts a deck keeps; anything else (thumbnail of the master, custom
# properties, digital signatures of the master) describes the master, not this deck.
_KEEP_PACKAGE_RELS = (RT.OFFICE_DOCUMENT, RT.CORE_PROPERTIES, RT.EXTENDED_PROPERTIES)


# --------------------------------------------------------------------------- opening


def open_master(data: bytes) -> PptxPresentation:
    """Open the brand master from bytes. Resolve hands over a .potx already relabelled as a
    presentation (``deckgen.resolve.master.normalise_master``), which python-pptx requires."""
    return Presentation(io.BytesIO(data))


def drop_master_content(prs: PptxPresentation) -> None:
    """Remove the slides the master file carries and everything that points at them."""
    part = prs.part
    id_list = prs.slides._sldIdLst  # python-pptx has no public "delete slide"
    for sld_id in list(id_list):
        rid = sld_id.rId
        id_list.remove(sld_id)
        part.drop_rel(rid)
    root = part._element
    # Sections and custom shows list slides by id; the ids are gone now.
    for cust in root.findall(qn("p:custShowLst")):
        root.remove(cust)
    for ext_list in root.findall(qn("p:extLst")):
        for ext in list(ext_list):
            if ext.find(_SECTION_LIST) is not None:
                ext_list.remove(ext)
    pkg = part.package
    rels = pkg._rels  # python-pptx exposes no public iteration of package relationships
    for rid in [rid for rid in rels if rels[rid].reltype not in _KEEP_PACKAGE_RELS]:
        pkg.drop_rel(rid)


def set_default_language(prs: PptxPresentation, lang: str) -> None:
    """Text typed later in PowerPoint inherits the deck's language, not the master's."""
    style = prs.part._element.find(qn("p:defaultTextStyle"))
    if style is None:
        return
    for def_rpr in style.iter(qn("a:defRPr")):
        def_rpr.set("lang", lang)


# --------------------------------------------------------------------------- properties


def document_time(deck: Deck) -> dt.datetime:
    """The deck's :attr:`~deckgen.model.Deck.timestamp` (the resolver chose it from the deck's
    date or ``SOURCE_DATE_EPOCH``), else a fixed epoch: never the clock, never the environment."""
    return dt.datetime.fromisoformat(deck.timestamp) if deck.timestamp else FIXED_EPOCH.replace(tzinfo=None)


def set_properties(prs: PptxPresentation, deck: Deck, notes: int) -> None:
    """Write the core and extended properties from the deck; nothing of the master's
    (category, comments, company, template name, statistics) survives."""
    core = prs.core_properties
    element = core._element  # clear every property the master had before setting ours
    for child in list(element):
        element.remove(child)
    when = document_time(deck)
    core.title = deck.title
    core.subject = deck.subtitle
    core.author = deck.author
    core.last_modified_by = deck.author
    core.keywords = deck.keywords
    core.language = deck.lang
    core.created = when
    core.modified = when
    core.revision = 1
    try:
        app = prs.part.package.part_related_by(RT.EXTENDED_PROPERTIES)
    except KeyError:
        return
    app.blob = _app_properties(len(prs.slides), notes)


def _app_properties(slides: int, notes: int) -> bytes:
    ns = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
    vt = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Properties xmlns="{ns}" xmlns:vt="{vt}">'
        f"<Application>{escape('deckgen')}</Application>"
        f"<Slides>{slides}</Slides><Notes>{notes}</Notes><HiddenSlides>0</HiddenSlides>"
        "</Properties>"
    ).encode()


# --------------------------------------------------------------------------- bytes


def save_reproducibly(prs: PptxPresentation) -> bytes:
    """The package as a zip: ``[Content_Types].xml`` first, then members sorted by name,
    every entry dated 1980-01-01 with fixed attributes (python-pptx stamps the clock).

    The members are what ``prs.save`` writes (python-pptx's own package writer, its content
    types, rels and part blobs), collected in memory instead of zipped, compressed and read
    back before being zipped again."""
    members = package_members(prs)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for name in sorted(members, key=lambda n: (n != _CONTENT_TYPES, n)):
            info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            dst.writestr(info, members[name], compresslevel=6)
    return out.getvalue()


def package_members(prs: PptxPresentation) -> dict[str, bytes]:
    """Every member ``prs.save`` would write, by zip name, in python-pptx's ``PackageWriter``
    order: the content types (which parts python-pptx's ``_ContentTypesItem`` gives a default
    and which an override), the package's relationships, then each part's blob and its
    relationships (:func:`rels_xml`) -- ``tests/unit/render/pptx/test_parts.py`` compares them
    with a saved package's."""
    package = prs.part.package
    parts = tuple(package.iter_parts())
    refs: dict[tuple[str, str], str] = {}
    found = {
        CONTENT_TYPES_URI.membername: content_types_xml(parts),
        PACKAGE_URI.rels_uri.membername: rels_xml(package._rels, refs),
    }
    for part in parts:
        found[part.partname.membername] = part.blob
        if part._rels:
            found[part.partname.rels_uri.membername] = rels_xml(part._rels, refs)
    return found


_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_TYPES, _DEFAULT, _OVERRIDE = f"{{{_CT}}}Types", f"{{{_CT}}}Default", f"{{{_CT}}}Override"


def content_types_xml(parts: tuple[Any, ...]) -> bytes:
    """``[Content_Types].xml`` as python-pptx writes it: its defaults sorted by extension,
    then its overrides sorted by part name."""
    defaults, overrides = _ContentTypesItem(parts)._defaults_and_overrides
    root = etree.Element(_TYPES, nsmap={None: _CT})
    for ext, content_type in sorted(defaults.items()):
        etree.SubElement(root, _DEFAULT, {"Extension": ext, "ContentType": content_type})
    for partname, content_type in sorted(overrides.items()):
        etree.SubElement(root, _OVERRIDE, {"PartName": partname, "ContentType": content_type})
    return etree.tostring(root, encoding="UTF-8", standalone=True)


_PR = "http://schemas.openxmlformats.org/package/2006/relationships"
_RELATIONSHIPS, _RELATIONSHIP = f"{{{_PR}}}Relationships", f"{{{_PR}}}Relationship"


def rels_xml(rels: Any, refs: dict[tuple[str, str], str]) -> bytes:
    """A part's relationships as python-pptx's ``_Relationships.xml`` writes them (in the
    order of their rIds' numbers; ``TargetMode`` only for external targets), read from each
    relationship's own fields rather than through its cached properties, and with each
    relative target worked out once per (target, base) in ``refs`` rather than by
    ``posixpath.relpath`` for every relationship of every part."""
    root = etree.Element(_RELATIONSHIPS, nsmap={None: _PR})
    by_rid = rels._rels
    order = sorted((int(rid[3:]) if rid.startswith("rId") and rid[3:].isdigit() else 0, rid) for rid in by_rid)
    for _, rid in order:
        rel = by_rid[rid]
        if rel._target_mode == RTM.EXTERNAL:
            attrs = {"Id": rel._rId, "Type": rel._reltype, "Target": rel._target, "TargetMode": "External"}
        else:
            key = (rel._target.partname, rel._base_uri)
            if key not in refs:
                refs[key] = rel.target_ref
            attrs = {"Id": rel._rId, "Type": rel._reltype, "Target": refs[key]}
        etree.SubElement(root, _RELATIONSHIP, attrs)
    return etree.tostring(root, encoding="UTF-8", standalone=True)
