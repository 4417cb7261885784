"""Reading a PowerPoint master package safely, without python-pptx.

A brand's master (.pptx or .potx) comes from whatever the organisation's PowerPoint has been
through, so it is treated as hostile input. Before any part is read, :func:`read_master`
checks the zip itself: that it is one, how many parts it has, their total uncompressed size and
each part's compression ratio (a zip bomb is refused before it is inflated). Then the package
structure: macros (vbaProject, macro-enabled content types) are refused, a template (.potx) or
show (.ppsx) is accepted, relationships to external targets are refused except hyperlinks, and
every XML part is parsed with entities, DTD loading and network access off, and refused if it
declares a DOCTYPE.

What comes out is each slide layout's name and placeholders, with geometry inherited from the
slide master where the layout does not set its own (as PowerPoint does), for ``check``
(overflow) and ``deckgen brand check``. :func:`normalise_master` rewrites a template's main
content type so python-pptx (which opens only presentations) can open it in ``render.pptx``.

All diagnostics are located at line 1, column 1 of the master file: it is binary.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree

from deckgen.errors import Diagnostic, Diagnostics, SourceLoc
from deckgen.model import MasterLayout, PlaceholderInfo
from deckgen.resolve.masterparts import (
    MasterLook,
    assign_idx,
    box_of,
    emu_value,
    level1_size,
    master_look,
    renumber_duplicate_ids,
    text_style_sizes,
    theme_scheme,
)

MAX_PARTS = 5000
MAX_TOTAL_BYTES = 300 * 1024 * 1024  # uncompressed, all parts
MAX_XML_BYTES = 40 * 1024 * 1024  # uncompressed, one XML part
MAX_RATIO = 150  # uncompressed / compressed, for parts larger than RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024  # small parts may compress well without harm

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
R_ID = f"{{{NS['r']}}}id"

_CT = "application/vnd.openxmlformats-officedocument.presentationml."
CT_PRESENTATION = _CT + "presentation.main+xml"
CT_TEMPLATE = _CT + "template.main+xml"
CT_SLIDESHOW = _CT + "slideshow.main+xml"
MACRO_TYPES = (
    "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
    "application/vnd.ms-powerpoint.template.macroEnabled.main+xml",
    "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml",
    "application/vnd.ms-powerpoint.addin.macroEnabled.main+xml",
    "application/vnd.ms-office.vbaProject",
)
KINDS = {
    CT_PRESENTATION: "PowerPoint presentation (.pptx)",
    CT_TEMPLATE: "PowerPoint template (.potx)",
    CT_SLIDESHOW: "PowerPoint show (.ppsx)",
}

REL_BASE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
REL_OFFICE_DOC = REL_BASE + "officeDocument"
REL_MASTER = REL_BASE + "slideMaster"
REL_LAYOUT = REL_BASE + "slideLayout"
REL_HYPERLINK = REL_BASE + "hyperlink"
REL_THEME = REL_BASE + "theme"
REL_IMAGE = REL_BASE + "image"
LOGO_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif"}
MAX_LOGO_SHARE = 0.15  # a picture covering more of the slide is a background, not a logo

# Which slide-master placeholder a layout placeholder of each type inherits from.
_INHERIT = {"title": "title", "ctrTitle": "title", "dt": "dt", "ftr": "ftr",
            "sldNum": "sldNum", "hdr": "hdr"}
_TITLE_TYPES = ("title", "ctrTitle")

HINT_SAVE_PPTX = "open it in PowerPoint and save it as a PowerPoint Presentation (.pptx)"


class MasterRejected(Exception):
    """Internal: stop reading; the diagnostic has been added."""


@dataclass(frozen=True, slots=True)
class MasterPackage:
    """What :func:`read_master_package` finds: the layouts, the slide size, the kind."""

    layouts: dict[str, MasterLayout]
    slide_width: int  # EMU
    slide_height: int
    kind: str  # one of KINDS' values
    looks: tuple[MasterLook, ...] = ()  # each slide master's theme, fonts, colours, bullets
    logo: tuple[bytes, str] | None = None  # a small picture on the first master: (data, part)


def read_master(data: bytes, rel: str, diags: Diagnostics) -> dict[str, MasterLayout] | None:
    """The layouts of the master in ``data`` by name (first one wins on a repeated name), or
    None after adding errors at ``rel:1:1``."""
    pkg = read_master_package(data, rel, diags)
    return None if pkg is None else pkg.layouts


def read_master_package(data: bytes, rel: str, diags: Diagnostics) -> MasterPackage | None:
    """Check and read the master package; see the module docstring for what is refused."""
    pkg, found = _read_master_package(data, rel)
    diags.extend(found)
    return pkg


@lru_cache(maxsize=8)
def _read_master_package(data: bytes, rel: str) -> tuple[MasterPackage | None, tuple[Diagnostic, ...]]:
    # Once per content: every county of a build and every serve rebuild reads the same
    # master. Its findings are kept with it and told again to each caller.
    diags = Diagnostics()
    reader = _Reader(data, SourceLoc(rel, 1, 1), diags)
    try:
        return reader.read(), tuple(diags.items)
    except MasterRejected:
        return None, tuple(diags.items)
    finally:
        reader.close()


def package_kind(data: bytes) -> str:
    """A short description of the package's main part type ('' if it cannot be told);
    meant for reports on a master that :func:`read_master` has accepted."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            ctype = _main_type(_parse(zf.read("[Content_Types].xml")))
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, ValueError):
        return ""
    return KINDS.get(ctype or "", ctype or "")


def normalise_master(data: bytes) -> bytes:
    """``data`` with a template's (.potx) or show's (.ppsx) main content type rewritten to a
    presentation's, so python-pptx opens it, and its layouts' placeholders given the idx
    PowerPoint reads them by and duplicate shape ids renumbered
    (:mod:`deckgen.resolve.masterparts`); a presentation that needs none of it is returned
    unchanged.

    Only those parts change; the other parts are copied with their compressed bytes
    untouched and a fixed timestamp, so the result is reproducible. Call it on a master that
    :func:`read_master` accepted.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        root = _parse(zf.read("[Content_Types].xml"))
        rewritten: dict[str, bytes] = {}
        for override in root.findall("ct:Override", NS):
            if override.get("ContentType") in (CT_TEMPLATE, CT_SLIDESHOW):
                override.set("ContentType", CT_PRESENTATION)
                rewritten["[Content_Types].xml"] = _xml_bytes(root)
        for info in zf.infolist():
            if _is_shape_part(info.filename):
                part = _parse(zf.read(info))
                changed = renumber_duplicate_ids(part)
                if _is_layout_part(info.filename):
                    changed = assign_idx(part) or changed
                if changed:
                    rewritten[info.filename] = _xml_bytes(part)
        if not rewritten:
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as dst:
            for info in zf.infolist():
                body = rewritten.get(info.filename) or zf.read(info)
                new = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
                new.compress_type = zipfile.ZIP_DEFLATED
                new.external_attr = 0
                new.create_system = 0
                dst.writestr(new, body)
    return out.getvalue()


# --------------------------------------------------------------------------- internals


def _xml_bytes(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _is_layout_part(name: str) -> bool:
    return name.startswith("ppt/slideLayouts/") and name.endswith(".xml")


def _is_shape_part(name: str) -> bool:
    """Parts whose shapes python-pptx copies or keeps: layouts and masters (slides are
    dropped)."""
    return name.endswith(".xml") and name.startswith(("ppt/slideLayouts/", "ppt/slideMasters/"))


def _parser() -> etree.XMLParser:
    # No entity expansion, no DTD loading, no network; huge_tree stays off (lxml's own
    # depth and text-size limits apply).
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           dtd_validation=False, remove_comments=True, remove_pis=True)


def _parse(xml: bytes) -> etree._Element:
    """Parse one part; ValueError if it declares a DOCTYPE (entities would hide there)."""
    tree = etree.parse(io.BytesIO(xml), _parser())
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise ValueError("DOCTYPE")
    return tree.getroot()


def _main_type(types: etree._Element) -> str | None:
    for override in types.findall("ct:Override", NS):
        if override.get("PartName", "").lower() in ("/ppt/presentation.xml",):
            return override.get("ContentType")
    for override in types.findall("ct:Override", NS):
        ctype = override.get("ContentType", "")
        if ctype.endswith(".main+xml"):
            return ctype
    return None


def _rels_name(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def _target(part: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(part), target))



class _Reader:
    """One pass over one package; raises :class:`MasterRejected` after adding an error."""

    def __init__(self, data: bytes, loc: SourceLoc, diags: Diagnostics) -> None:
        self.data = data
        self.loc = loc
        self.diags = diags
        self.zf: zipfile.ZipFile | None = None
        self.names: dict[str, zipfile.ZipInfo] = {}  # lower-case part name -> entry

    def close(self) -> None:
        if self.zf is not None:
            self.zf.close()

    def fail(self, message: str, hint: str = "") -> MasterRejected:
        self.diags.error(self.loc, message, hint)
        return MasterRejected()

    # ----------------------------------------------------------------- checks before reading

    def read(self) -> MasterPackage:
        self.open_zip()
        self.check_sizes()
        types = self.xml("[Content_Types].xml")
        self.check_macros(types)
        kind = self.check_main_type(types)
        self.check_xml_parts()
        self.check_relationships()
        return self.read_structure(kind)

    def open_zip(self) -> None:
        if self.data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
            raise self.fail("not a PowerPoint file (not a zip archive): it is an old binary "
                            "Office file (.ppt/.pot)", HINT_SAVE_PPTX)
        try:
            self.zf = zipfile.ZipFile(io.BytesIO(self.data))
            infos = self.zf.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
            raise self.fail("not a PowerPoint file (not a zip archive)",
                            "a brand's master must be a .pptx or .potx file") from None
        if len(infos) > MAX_PARTS:
            raise self.fail(f"the master has {len(infos)} parts; at most {MAX_PARTS} are read",
                            "this is not an ordinary PowerPoint file")
        for info in infos:
            if info.flag_bits & 0x1:
                raise self.fail("the master is encrypted or password-protected",
                                "remove the password in PowerPoint and save it again")
            self.names.setdefault(info.filename.lower(), info)

    def check_sizes(self) -> None:
        """Zip-bomb guard, from the central directory only: nothing is inflated yet. Reads
        later stop at the declared size, so a lying header cannot get past this."""
        total = 0
        for info in self.names.values():
            total += info.file_size
            if total > MAX_TOTAL_BYTES:
                raise self.fail(
                    f"the master unpacks to more than {MAX_TOTAL_BYTES // (1024 * 1024)} MB "
                    "(possible zip bomb)",
                    "use a master without large embedded media")
            ratio = info.file_size / max(1, info.compress_size)
            if info.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
                raise self.fail(
                    f"part {info.filename!r} expands {ratio:.0f} times when unpacked "
                    f"({info.compress_size} -> {info.file_size} bytes; possible zip bomb)",
                    "this is not an ordinary PowerPoint file; save the master again from "
                    "PowerPoint")

    def check_macros(self, types: etree._Element) -> None:
        ctypes = [e.get("ContentType", "") for e in types]
        macro = next((c for c in ctypes if c in MACRO_TYPES or "macroEnabled" in c), None)
        vba = next((n for n in self.names if n.endswith("vbaproject.bin")), None)
        if macro or vba:
            raise self.fail("the master contains macros (a macro-enabled .pptm/.potm file)",
                            "deckgen does not accept macros: " + HINT_SAVE_PPTX)

    def check_main_type(self, types: etree._Element) -> str:
        ctype = _main_type(types)
        if ctype not in KINDS:
            what = f"its main part is {ctype!r}" if ctype else "it has no presentation part"
            raise self.fail(f"not a PowerPoint file ({what})",
                            "a brand's master must be a .pptx or .potx file")
        return KINDS[ctype]

    def check_xml_parts(self) -> None:
        """Every XML part parses without a DOCTYPE: python-pptx will parse them all later."""
        for name, info in self.names.items():
            if name.endswith((".xml", ".rels", ".vml")):
                self.xml(info.filename)

    def check_relationships(self) -> None:
        for name, info in self.names.items():
            if not name.endswith(".rels"):
                continue
            for rel in self.xml(info.filename).findall("rel:Relationship", NS):
                external = rel.get("TargetMode") == "External"
                if external and rel.get("Type") != REL_HYPERLINK:
                    kind = rel.get("Type", "").rsplit("/", 1)[-1] or "unknown"
                    raise self.fail(
                        f"part {info.filename!r} links to an external {kind} "
                        f"({rel.get('Target', '')!r})",
                        "embed linked pictures, media and objects instead of linking them, "
                        "then save the master again")

    # ----------------------------------------------------------------- reading parts

    def raw(self, name: str, limit: int) -> bytes:
        info = self.names.get(name.lower())
        if info is None:
            raise self.fail(f"the master is damaged: part {name!r} is missing", HINT_SAVE_PPTX)
        if info.file_size > limit:
            raise self.fail(f"part {name!r} is {info.file_size} bytes; the limit is {limit}",
                            "this is not an ordinary PowerPoint file")
        assert self.zf is not None
        try:
            with self.zf.open(info) as fh:
                return fh.read(limit + 1)
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
            raise self.fail(f"the master is damaged: part {name!r} cannot be unpacked ({exc})",
                            HINT_SAVE_PPTX) from None

    def xml(self, name: str) -> etree._Element:
        body = self.raw(name, MAX_XML_BYTES)
        try:
            return _parse(body)
        except ValueError:
            raise self.fail(f"part {name!r} declares a DOCTYPE (DTDs and entities are not "
                            "allowed in Office files)",
                            "this file was not saved by PowerPoint; save the master again "
                            "from PowerPoint") from None
        except etree.XMLSyntaxError as exc:
            raise self.fail(f"the master is damaged: part {name!r} is not well-formed XML "
                            f"({exc.msg})", HINT_SAVE_PPTX) from None

    def rels(self, part: str) -> dict[str, tuple[str, str]]:
        """rId -> (type, absolute part name) of a part's internal relationships."""
        name = _rels_name(part)
        if name.lower() not in self.names:
            return {}
        out = {}
        for rel in self.xml(name).findall("rel:Relationship", NS):
            if rel.get("TargetMode") == "External":
                continue
            out[rel.get("Id", "")] = (rel.get("Type", ""), _target(part, rel.get("Target", "")))
        return out

    def read_structure(self, kind: str) -> MasterPackage:
        root_rels = self.rels("")
        main = next((t for typ, t in root_rels.values() if typ == REL_OFFICE_DOC), None)
        if main is None:
            raise self.fail("the master is damaged: no main document relationship",
                            HINT_SAVE_PPTX)
        pres = self.xml(main)
        size = pres.find("p:sldSz", NS)
        width = emu_value(size.get("cx")) if size is not None else 0
        height = emu_value(size.get("cy")) if size is not None else 0
        pres_rels = self.rels(main)
        layouts: dict[str, MasterLayout] = {}
        looks: list[MasterLook] = []
        logo = None
        for number, mid in enumerate(pres.findall("p:sldMasterIdLst/p:sldMasterId", NS)):
            typ, master = pres_rels.get(mid.get(R_ID, ""), ("", ""))
            if typ != REL_MASTER:
                raise self.fail("the master is damaged: a slide master reference is broken",
                                HINT_SAVE_PPTX)
            look = self.read_master_part(master, number, layouts)
            looks.append(look)
            if number == 0:
                logo = self.logo(master, look, width * height)
        if not layouts:
            raise self.fail("the master has no slide layouts",
                            "a brand's master needs the layouts that brand.yaml names")
        return MasterPackage(layouts, width, height, kind, tuple(looks), logo)

    def read_master_part(self, part: str, number: int,
                         layouts: dict[str, MasterLayout]) -> MasterLook:
        """Read one slide master's layouts into ``layouts``. A layout name another master
        already used gets its master's name (or number) after it, as PowerPoint's layout
        gallery groups them by master; unnamed layouts cannot be picked and are skipped."""
        master = self.xml(part)
        master_rels = self.rels(part)
        theme = next((t for typ, t in master_rels.values() if typ == REL_THEME), None)
        scheme, major, minor = theme_scheme(self.xml(theme) if theme else None)
        look = master_look(master, scheme, major, minor)
        label = look.name or f"master {number + 1}"
        styles = text_style_sizes(master)
        inherited: dict[str, PlaceholderInfo] = {}
        for ph in self.placeholders(master, {}, styles):
            inherited.setdefault(_INHERIT.get(ph.type, "body"), ph)
        for position, lid in enumerate(master.findall("p:sldLayoutIdLst/p:sldLayoutId", NS)):
            typ, layout_part = master_rels.get(lid.get(R_ID, ""), ("", ""))
            if typ != REL_LAYOUT:
                raise self.fail("the master is damaged: a slide layout reference is broken",
                                HINT_SAVE_PPTX)
            layout = self.xml(layout_part)
            assign_idx(layout)
            csld = layout.find("p:cSld", NS)
            name = csld.get("name", "") if csld is not None else ""
            if not name:
                continue
            unique, n = name, 1
            while unique in layouts:
                n += 1
                unique = f"{name} ({label})" if n == 2 else f"{name} ({label} {n - 1})"
            phs = self.placeholders(layout, inherited, styles)
            layouts[unique] = MasterLayout(unique, tuple(phs), number, position,
                                           layout.get("type", ""))
        return look

    def logo(self, part: str, look: MasterLook, slide_area: int) -> tuple[bytes, str] | None:
        """The first picture on the slide master small enough to be a logo, as a PNG, JPEG or
        GIF part: (bytes, part name)."""
        rels = self.rels(part)
        for rid, _x, _y, cx, cy in look.pictures:
            typ, target = rels.get(rid, ("", ""))
            ext = posixpath.splitext(target)[1].lower()
            if typ != REL_IMAGE or ext not in LOGO_TYPES or cx <= 0 or cy <= 0:
                continue
            if slide_area and cx * cy > MAX_LOGO_SHARE * slide_area:
                continue
            return self.raw(target, MAX_XML_BYTES), target
        return None

    def placeholders(self, part: etree._Element, inherited: dict[str, PlaceholderInfo],
                     styles: dict[str, float]) -> list[PlaceholderInfo]:
        """Placeholders of a master or layout part, in document order."""
        out = []
        for ph in part.iterfind("p:cSld/p:spTree//p:nvPr/p:ph", NS):
            shape = ph.getparent().getparent().getparent()
            ph_type = ph.get("type", "obj")
            try:
                idx = int(ph.get("idx", "0"))
            except ValueError:
                continue
            c_nv = ph.getparent().getparent().find("p:cNvPr", NS)
            name = c_nv.get("name", "") if c_nv is not None else ""
            base = inherited.get(_INHERIT.get(ph_type, "body"))
            box = box_of(shape)
            if box is None and base is not None:
                box = base.box
            size = level1_size(shape)
            if size is None and base is not None:
                size = base.font_size
            if size is None:
                size = styles.get("title" if ph_type in _TITLE_TYPES else
                                  "other" if ph_type in ("dt", "ftr", "sldNum", "hdr") else
                                  "body")
            out.append(PlaceholderInfo(idx, ph_type, name, box, size))
        return out
