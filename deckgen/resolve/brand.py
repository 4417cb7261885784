"""Loading a brand: ``templates/<name>/brand.yaml`` (or a built-in brand) into a model ``Brand``.

A brand is found in the project first (``templates/<name>/brand.yaml``), then among the brands
shipped in the package (``deckgen/brands/<name>/``; ``default`` is a neutral one, so a plain
Markdown file outside any project still builds). Everything in brand.yaml is validated, each
problem located at the offending key or value: the keys, colours (``#RRGGBB``), the slide
size, the fonts, and the layout mapping against the master itself — every ``master:`` layout
name must exist in the master package and every placeholder idx on that layout.

The master is read by :mod:`deckgen.resolve.master` (safely, without python-pptx); the logo by
:mod:`deckgen.resolve.images`. ``Brand.master`` holds the master's bytes normalised to a
presentation (a .potx's main content type rewritten) so ``render.pptx`` can open it directly.

:func:`brand_report` describes a loaded brand for ``deckgen brand check``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from deckgen.errors import Diagnostics, SourceLoc, did_you_mean
from deckgen.layouts import NAMES as LAYOUTS
from deckgen.layouts import REGISTRY
from deckgen.load.text import read_text
from deckgen.load.yamlsrc import load_yaml_file, yaml_surprise
from deckgen.model import Asset, Brand, LayoutMap, Located, MasterLayout, is_font_name
from deckgen.project import Project
from deckgen.resolve.images import read_image
from deckgen.resolve.master import (
    MasterPackage,
    normalise_master,
    package_kind,
    read_master_package,
)

BUILTIN_DIR = Path(__file__).resolve().parent.parent / "brands"
BUILTIN_PREFIX = "<deckgen>/brands"  # how built-in brand files are named in messages
FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))
MAX_MASTER_BYTES = 200 * 1024 * 1024
MAX_REVEAL_TEMPLATES = 200
# reveal.js templates a brand may not override: the page shell holds the page's
# Content-Security-Policy and its own scripts and styles (render/reveal/render.py
# PAGE_TEMPLATE). A brand shapes slides only: slide.html.j2, macros.html.j2, layouts/*.
PROTECTED_REVEAL_TEMPLATES = ("deck.html.j2",)

SLIDE_SIZES = {"16:9": (12192000, 6858000), "4:3": (9144000, 6858000)}
COLOR_TOKENS = ("primary", "on_primary", "accent", "on_accent", "text", "muted", "surface",
                "background")
FONT_ROLES = ("heading", "body")
FOOTER_ROLES = ("footer", "slide_number")
# The OOXML placeholder type each footer role clones, and how messages name it.
FOOTER_TYPES = {"footer": ("ftr", "footer"), "slide_number": ("sldNum", "slide-number")}
TOP_KEYS = ("name", "slide_size", "master", "logo", "footer", "colors", "fonts", "font_files",
            "footer_placeholders", "layouts")
REQUIRED_KEYS = ("master", "colors", "fonts", "layouts")

# The fields of each deckgen layout that a brand maps to placeholders, and which of them a
# mapping must have (the renderer cannot draw the layout without them): the layouts' roles.
FIELDS: dict[str, tuple[str, ...]] = {name: spec.roles for name, spec in REGISTRY.items()}
REQUIRED_FIELDS: dict[str, tuple[str, ...]] = {name: spec.required_roles for name, spec in REGISTRY.items()}
# Placeholder types a field can go into: a picture needs a picture (or content) placeholder.
FIELD_TYPES: dict[str, tuple[str, ...]] = {"picture": ("pic", "obj")}

_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


# --------------------------------------------------------------------------- finding a brand


def available_brands(project_root: Path) -> list[str]:
    """Brand names a deck may use: the project's ``templates/*/brand.yaml`` and built-ins."""
    names = set()
    for base in (project_root / "templates", BUILTIN_DIR):
        if base.is_dir():
            names.update(p.name for p in base.iterdir() if (p / "brand.yaml").is_file())
    return sorted(names)


def _find(name: str, project_root: Path, diags: Diagnostics,
          loc: SourceLoc) -> tuple[Path, str, bool] | None:
    """(brand folder, its name in messages, built-in?) or None after an error at ``loc``."""
    if not _NAME.match(name):
        diags.error(loc, f"brand name {name!r} is not a folder name",
                    "write the name of a folder in templates/, e.g. 'ks'")
        return None
    project_dir = project_root.resolve() / "templates" / name
    if (project_dir / "brand.yaml").is_file():
        return project_dir, f"templates/{name}", False
    builtin = BUILTIN_DIR / name
    if (builtin / "brand.yaml").is_file():
        return builtin, f"{BUILTIN_PREFIX}/{name}", True
    hint = did_you_mean(name, available_brands(project_root))
    diags.error(loc, f"unknown brand {name!r}",
                hint or f"create templates/{name}/brand.yaml (see docs/brand.md)")
    return None


# --------------------------------------------------------------------------- loading


def load_brand(name: str, project_root: Path, diags: Diagnostics, *,
               loc: SourceLoc) -> Brand | None:
    """Find, read and validate brand ``name``; None after adding located errors.

    ``loc`` is where the deck named the brand (the place an unknown name is reported).
    """
    found = _find(name, project_root, diags, loc)
    if found is None:
        return None
    folder, rel_dir, builtin = found
    rel = f"{rel_dir}/brand.yaml"
    doc = load_yaml_file(folder / "brand.yaml", rel, diags, loc)
    if doc is None:
        return None
    if not isinstance(doc.value, dict):
        diags.error(doc.loc, "brand.yaml must be a mapping of settings",
                    "see templates/ks/brand.yaml for the format")
        return None
    before = len(diags.errors)
    reader = _BrandReader(name, folder, rel_dir, builtin, Project(project_root.resolve()), diags)
    brand = reader.read(doc)
    if len(diags.errors) > before:
        return None
    return brand


class _BrandReader:
    """Validates one brand.yaml; every problem goes to ``diags`` at its key or value."""

    def __init__(self, name: str, folder: Path, rel_dir: str, builtin: bool, project: Project,
                 diags: Diagnostics) -> None:
        self.name = name
        self.folder = folder
        self.rel_dir = rel_dir
        self.builtin = builtin
        self.project = project
        self.diags = diags

    def read(self, doc: Located) -> Brand | None:
        v: dict[str, Located] = doc.value
        self.unknown_keys(v, TOP_KEYS, "brand.yaml")
        for key in REQUIRED_KEYS:
            if key not in v:
                self.diags.error(doc.loc, f"brand.yaml needs '{key}:'",
                                 "see templates/ks/brand.yaml for the format")
        title = self.string(v, "name") or self.name
        footer = self.string(v, "footer") or ""
        size = self.slide_size(v)
        colors = self.colors(v.get("colors"))
        fonts = self.fonts(v.get("fonts"))
        font_files = self.font_files(v.get("font_files"))
        footer_phs = self.footer_placeholders(v.get("footer_placeholders"))
        master = self.master(v.get("master"), v.get("slide_size"), size)
        layouts = self.layouts(v.get("layouts"), master[1] if master else None)
        if master is not None and layouts is not None:
            self.footers_on_master(footer_phs, v.get("footer_placeholders"), doc, footer,
                                   layouts, master[1])
        logo = self.logo(v.get("logo"))
        reveal = self.reveal_templates()
        if master is None or size is None or colors is None or fonts is None or layouts is None:
            return None
        data, pkg, master_rel = master
        return Brand(
            name=title, colors=colors, fonts=fonts, font_files=font_files, footer=footer,
            slide_width=SLIDE_SIZES[size][0], slide_height=SLIDE_SIZES[size][1],
            master=data, master_path=master_rel, layouts=layouts,
            master_layouts=dict(pkg.layouts), logo=logo, loc=doc.loc,
            reveal_templates=reveal, footer_placeholders=footer_phs, folder=self.rel_dir,
        )

    # ----------------------------------------------------------------- scalar helpers

    def unknown_keys(self, mapping: Mapping[str, Located], known: tuple[str, ...],
                     where: str) -> None:
        for key, node in mapping.items():
            if key not in known:
                self.diags.error(node.key_loc or node.loc, f"unknown key {key!r} in {where}",
                                 did_you_mean(key, known))

    def text_value(self, node: Located, what: str) -> str | None:
        """A scalar that must be text, with YAML-1.1 surprises explained."""
        if isinstance(node.value, str):
            return node.value
        hint = yaml_surprise(node) if node.value is not None else "write a value in quotes"
        self.diags.error(node.loc, f"{what} must be text, not {_kind(node.value)}", hint)
        return None

    def string(self, v: Mapping[str, Located], key: str) -> str | None:
        node = v.get(key)
        return None if node is None else self.text_value(node, f"'{key}'")

    def mapping(self, node: Located | None, what: str) -> dict[str, Located] | None:
        if node is None:
            return None
        if not isinstance(node.value, dict):
            self.diags.error(node.loc, f"'{what}' must be a mapping, not {_kind(node.value)}",
                             f"write '{what}:' followed by indented 'key: value' lines")
            return None
        return node.value

    # ----------------------------------------------------------------- sections

    def slide_size(self, v: Mapping[str, Located]) -> str | None:
        node = v.get("slide_size")
        if node is None:
            return "16:9"
        if isinstance(node.value, int) and node.raw and ":" in node.raw:
            self.diags.error(node.loc, f"slide_size {node.raw!r} must be in quotes",
                             yaml_surprise(node))
            return None
        value = self.text_value(node, "'slide_size'")
        if value is None:
            return None
        if value not in SLIDE_SIZES:
            self.diags.error(node.loc, f"slide_size {value!r} is not supported",
                             did_you_mean(value, SLIDE_SIZES))
            return None
        return value

    def colors(self, node: Located | None) -> dict[str, str] | None:
        mapping = self.mapping(node, "colors")
        if mapping is None:
            return None
        assert node is not None
        self.unknown_keys(mapping, COLOR_TOKENS, "colors")
        out: dict[str, str] = {}
        ok = True
        for token in COLOR_TOKENS:
            item = mapping.get(token)
            if item is None:
                self.diags.error(node.loc, f"colors needs '{token}:'",
                                 f"add '{token}: \"#RRGGBB\"' under colors")
                ok = False
                continue
            if item.value is None:
                self.diags.error(item.loc, f"colour '{token}' is empty",
                                 "write it in quotes, e.g. \"#0B2D4F\": YAML reads an unquoted "
                                 "# as the start of a comment")
                ok = False
                continue
            value = str(item.value)
            if not _HEX.match(value):
                self.diags.error(item.loc, f"colour '{token}' is {value!r}, not #RRGGBB",
                                 "write six hex digits after #, in quotes, e.g. \"#0B2D4F\"")
                ok = False
                continue
            out[token] = value.upper()
        return out if ok else None

    def fonts(self, node: Located | None) -> dict[str, str] | None:
        mapping = self.mapping(node, "fonts")
        if mapping is None:
            return None
        assert node is not None
        self.unknown_keys(mapping, FONT_ROLES, "fonts")
        out: dict[str, str] = {}
        for role in FONT_ROLES:
            item = mapping.get(role)
            if item is None:
                self.diags.error(node.loc, f"fonts needs '{role}:'",
                                 f"add '{role}: \"Arial\"' (a font family name) under fonts")
                continue
            value = self.text_value(item, f"font '{role}'")
            if value is None:
                continue
            if not is_font_name(value):
                # PowerPoint would take it as written and CSS could not (it would show
                # another font): refuse it here, where both outputs agree.
                self.diags.error(item.loc, f"font '{role}' {value!r} is not a font family name",
                                 "write one family name as the font menu shows it, e.g. "
                                 "\"Arial\": letters, digits, spaces and . - _ & + ( ), no "
                                 "quotes, commas, semicolons, braces or line breaks")
                continue
            out[role] = value
        return out if len(out) == len(FONT_ROLES) else None

    def font_files(self, node: Located | None) -> dict[str, str]:
        """Absolute paths of the measuring fonts that were found; a missing one is a warning
        (the overflow check then estimates). Runtime only: never written to outputs."""
        mapping = self.mapping(node, "font_files")
        if mapping is None:
            return {}
        self.unknown_keys(mapping, FONT_ROLES, "font_files")
        out: dict[str, str] = {}
        for role in FONT_ROLES:
            item = mapping.get(role)
            if item is None:
                continue
            value = self.text_value(item, f"font file '{role}'")
            if value is None:
                continue
            found = find_font_file(value, self.folder)
            if found is None:
                self.diags.warning(item.loc, f"font file {value!r} not found in the brand "
                                   "folder or the system's fonts",
                                   "install it or put it next to brand.yaml; until then text "
                                   "overflow is estimated")
                continue
            out[role] = str(found)
        return out

    def footer_placeholders(self, node: Located | None) -> dict[str, int]:
        """idx of the footer and slide-number placeholders (11 and 12 when not given)."""
        out = {"footer": 11, "slide_number": 12}
        mapping = self.mapping(node, "footer_placeholders")
        if mapping is None:
            return out
        self.unknown_keys(mapping, FOOTER_ROLES, "footer_placeholders")
        for role, item in mapping.items():
            idx = self.idx_value(item)
            if idx is not None and role in FOOTER_ROLES:
                out[role] = idx
        return out

    def footers_on_master(self, idx: Mapping[str, int], node: Located | None, doc: Located,
                          footer_text: str, layouts: Mapping[str, LayoutMap],
                          pkg: MasterPackage) -> None:
        """Each footer role's idx against the master layouts the brand maps.

        render.pptx clones the placeholder at that idx from each slide's master layout. A
        layout that carries a footer (slide-number) placeholder must have it at that idx, or
        its slides silently lose it; and whatever sits at that idx on any mapped layout must
        be that kind of placeholder, or the footer text lands in, say, the body. Layouts
        without one (title, section, picture slides) are fine. The footer is not checked when
        the brand has no footer text (none is written).
        """
        # Not self.mapping(): footer_placeholders() has reported a bad section already.
        section = node.value if node is not None and isinstance(node.value, dict) else None
        names = list(dict.fromkeys(layouts[name].master_layout for name in LAYOUTS
                                   if name in layouts))
        for role, (ph_type, what) in FOOTER_TYPES.items():
            if role == "footer" and not footer_text:
                continue
            given = bool(section) and role in section
            if given and idx[role] != (section or {})[role].value:
                continue  # an idx that is not a number, reported already
            where = (section[role].loc if section and given
                     else node.loc if node is not None else doc.loc)
            default = "" if given else " (the default when not given)"
            for name in names:
                problem = _footer_problem(pkg.layouts.get(name), idx[role], ph_type, what)
                if problem:
                    self.diags.error(where, f"footer_placeholders.{role} is idx {idx[role]}"
                                     f"{default}, but {problem[0]}", problem[1])
                    break  # one message per role: the same idx is wrong everywhere

    def idx_value(self, item: Located) -> int | None:
        if isinstance(item.value, bool) or not isinstance(item.value, int) or item.value < 0:
            self.diags.error(item.loc, f"placeholder idx must be a whole number, not "
                             f"{item.value!r}", "write the idx that brand check lists")
            return None
        return item.value

    # ----------------------------------------------------------------- master and layouts

    def locate(self, node: Located, what: str) -> tuple[Path, str] | None:
        """A file named in brand.yaml, relative to the brand folder: (path, rel)."""
        ref = self.text_value(node, f"'{what}'")
        if ref is None:
            return None
        if self.builtin:
            path = self.folder / ref
            if ".." in Path(ref).parts or Path(ref).is_absolute() or not path.is_file():
                self.diags.error(node.loc, f"{what} {ref!r} not found in the built-in brand",
                                 "reinstall deckgen")
                return None
            return path, f"{self.rel_dir}/{ref}"
        path = self.project.locate(ref, base=self.folder, loc=node.loc, diags=self.diags,
                                   what=what)
        if path is None:
            return None
        return path, self.project.rel(path)

    def master(self, node: Located | None, size_node: Located | None,
               size: str | None) -> tuple[bytes, MasterPackage, str] | None:
        if node is None:
            return None
        found = self.locate(node, "master")
        if found is None:
            return None
        path, rel = found
        try:
            if path.stat().st_size > MAX_MASTER_BYTES:
                self.diags.error(node.loc, f"master {rel!r} is larger than "
                                 f"{MAX_MASTER_BYTES // (1024 * 1024)} MB",
                                 "use a master without large embedded media")
                return None
            data = path.read_bytes()
        except OSError as exc:
            self.diags.error(node.loc, f"master {rel!r} cannot be read ({exc.strerror})",
                             "check the file's permissions")
            return None
        pkg = read_master_package(data, rel, self.diags)
        if pkg is None:
            return None
        if size is not None and (pkg.slide_width, pkg.slide_height) != SLIDE_SIZES[size]:
            where = size_node.loc if size_node is not None else node.loc
            self.diags.error(where, f"slide_size {size!r} does not match the master's slides "
                             f"({_cm(pkg.slide_width)} x {_cm(pkg.slide_height)} cm)",
                             "set slide_size to the master's size or use a master of this size")
        return normalise_master(data), pkg, rel

    def layouts(self, node: Located | None,
                pkg: MasterPackage | None) -> dict[str, LayoutMap] | None:
        mapping = self.mapping(node, "layouts")
        if mapping is None:
            return None
        out: dict[str, LayoutMap] = {}
        for layout, entry in mapping.items():
            if layout not in LAYOUTS:
                self.diags.error(entry.key_loc or entry.loc, f"unknown layout {layout!r} in "
                                 "layouts", did_you_mean(layout, LAYOUTS))
                continue
            mapped = self.layout_entry(layout, entry, pkg)
            if mapped is not None:
                out[layout] = mapped
        return out

    def layout_entry(self, layout: str, entry: Located,
                     pkg: MasterPackage | None) -> LayoutMap | None:
        body = self.mapping(entry, f"layouts.{layout}")
        if body is None:
            return None
        self.unknown_keys(body, ("master", "placeholders"), f"layouts.{layout}")
        name_node, phs_node = body.get("master"), body.get("placeholders")
        if name_node is None or phs_node is None:
            missing = "master" if name_node is None else "placeholders"
            self.diags.error(entry.loc, f"layouts.{layout} needs '{missing}:'",
                             "give the master layout's name and the idx of each field")
            return None
        name = self.text_value(name_node, f"layouts.{layout}.master")
        phs = self.mapping(phs_node, f"layouts.{layout}.placeholders")
        if name is None or phs is None:
            return None
        master_layout = None
        if pkg is not None:
            master_layout = pkg.layouts.get(name)
            if master_layout is None:
                self.diags.error(name_node.loc, f"the master has no layout named {name!r}",
                                 did_you_mean(name, pkg.layouts))
        fields = self.fields(layout, phs, phs_node, master_layout)
        if fields is None:
            return None
        return LayoutMap(master_layout=name, placeholders=fields)

    def fields(self, layout: str, phs: dict[str, Located], phs_node: Located,
               master_layout: MasterLayout | None) -> dict[str, int] | None:
        where = f"layouts.{layout}.placeholders"
        self.unknown_keys(phs, FIELDS[layout], where)
        ok = True
        for field_name in REQUIRED_FIELDS[layout]:
            if field_name not in phs:
                self.diags.error(phs_node.loc, f"{where} needs '{field_name}:'",
                                 f"the {layout} layout puts its {field_name} in a placeholder")
                ok = False
        out: dict[str, int] = {}
        for field_name, item in phs.items():
            if field_name not in FIELDS[layout]:
                continue
            idx = self.idx_value(item)
            if idx is None:
                ok = False
                continue
            out[field_name] = idx
            if master_layout is None:
                continue
            ph = master_layout.placeholder(idx)
            if ph is None:
                have = ", ".join(f"{p.idx} ({p.type})" for p in
                                 sorted(master_layout.placeholders, key=lambda p: p.idx))
                self.diags.error(item.loc, f"master layout {master_layout.name!r} has no "
                                 f"placeholder idx {idx}", f"it has idx {have or 'none'}")
                ok = False
            elif field_name in FIELD_TYPES and ph.type not in FIELD_TYPES[field_name]:
                self.diags.error(item.loc, f"placeholder idx {idx} on {master_layout.name!r} "
                                 f"is a {ph.type} placeholder; {field_name} needs a picture "
                                 "placeholder", "pick the idx of a picture placeholder")
                ok = False
        return out if ok else None

    # ----------------------------------------------------------------- logo, reveal

    def logo(self, node: Located | None) -> Asset | None:
        if node is None or node.value in (None, ""):
            return None
        found = self.locate(node, "logo")
        if found is None:
            return None
        path, rel = found
        return read_image(path, rel, self.diags, node.loc)

    def reveal_templates(self) -> dict[str, str]:
        """Brand overrides of the reveal.js templates: ``reveal/**/*.j2`` in the brand
        folder, keyed by their path under ``reveal/`` (forward slashes), sorted.

        The folder and every file must resolve inside the project (a link out of it is a
        located error, as for every other path a brand names), and the page shell
        (:data:`PROTECTED_REVEAL_TEMPLATES`) cannot be overridden.
        """
        base = self.folder / "reveal"
        rel_base = f"{self.rel_dir}/reveal"
        if not base.exists() and not base.is_symlink():
            return {}
        if not self.builtin and not self.reveal_folder_inside(base, rel_base):
            return {}
        out: dict[str, str] = {}
        for path in sorted(base.rglob("*.j2")):
            if len(out) >= MAX_REVEAL_TEMPLATES:
                break
            key = path.relative_to(base).as_posix()
            rel = f"{rel_base}/{key}"
            loc = SourceLoc(rel, 1, 1)
            if key in PROTECTED_REVEAL_TEMPLATES:
                self.diags.error(loc, f"{rel} holds the security policy and cannot be "
                                 "overridden", "remove it: a brand shapes its slides with "
                                 "slide.html.j2, macros.html.j2 and layouts/*.html.j2 "
                                 "(docs/brand.md)")
                continue
            if self.builtin:
                if path.is_symlink() or not path.is_file():
                    continue
                real = path
            else:
                located = self.project.locate(key, base=base, loc=loc, diags=self.diags,
                                              what="reveal.js template")
                if located is None:
                    continue
                real = located
            text = read_text(real, rel, self.diags)
            if text is not None:
                out[key] = text
        return out

    def reveal_folder_inside(self, base: Path, rel_base: str) -> bool:
        """Whether the brand's ``reveal/`` resolves to a folder inside the project; else a
        located error at it."""
        loc = SourceLoc(rel_base, 1, 1)
        try:
            real = base.resolve(strict=True)
        except (OSError, RuntimeError):  # a dangling link or a link loop
            self.diags.error(loc, f"{rel_base} is a broken or looping link",
                             "replace the link with the folder itself")
            return False
        if not real.is_relative_to(self.project.root):
            self.diags.error(loc, f"{rel_base} is a link to a place outside the project",
                             "copy the templates into the brand folder instead of linking")
            return False
        if not real.is_dir():
            self.diags.error(loc, f"{rel_base} is not a folder",
                             "reveal/ holds template overrides, e.g. reveal/layouts/title.html.j2")
            return False
        return True


def _footer_problem(layout: MasterLayout | None, idx: int, ph_type: str,
                    what: str) -> tuple[str, str] | None:
    """(what is wrong, hint) with footer role ``what`` at ``idx`` on ``layout``, or None."""
    if layout is None:
        return None
    typed = sorted(p.idx for p in layout.placeholders if p.type == ph_type)
    ph = layout.placeholder(idx)
    if ph is not None and ph.type != ph_type:
        return (f"on master layout {layout.name!r} that is a {ph.type} placeholder, not a "
                f"{what} placeholder",
                f"write the idx of the {what} placeholder"
                + (f" ({typed[0]})" if typed else "; `deckgen brand check` lists them"))
    if ph is None and typed:
        return (f"master layout {layout.name!r} has its {what} placeholder at idx "
                f"{', '.join(map(str, typed))}, so its slides would have no {what}",
                f"write {typed[0]} (`deckgen brand check` lists every layout's placeholders)")
    return None


def find_font_file(name: str, brand_folder: Path) -> Path | None:
    """``name`` (a file name, or a path relative to the brand folder) in the brand folder,
    else anywhere under the system's font folders (case-insensitive file name match, the
    first in sorted order so the result does not depend on the file system)."""
    candidate = brand_folder / name
    if ".." not in Path(name).parts and not Path(name).is_absolute() and candidate.is_file():
        return candidate.resolve()
    wanted = Path(name).name.lower()
    for base in FONT_DIRS:
        if not base.is_dir():
            continue
        for root, dirs, files in os.walk(base):
            dirs.sort()
            for file in sorted(files):
                if file.lower() == wanted:
                    return Path(root, file)
    return None


def _kind(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _cm(emu: int) -> str:
    return f"{emu / 360000:.2f}"


# --------------------------------------------------------------------------- brand check


def brand_report(brand: Brand) -> list[str]:
    """Lines for ``deckgen brand check``: the master's layouts and placeholders (idx, type,
    name, size in cm), which deckgen layout and field uses each, then what the mapping misses.
    """
    users: dict[tuple[str, int], list[str]] = {}
    layout_users: dict[str, list[str]] = {}
    for layout, mapped in brand.layouts.items():
        layout_users.setdefault(mapped.master_layout, []).append(layout)
        for field_name, idx in mapped.placeholders.items():
            users.setdefault((mapped.master_layout, idx), []).append(f"{layout}.{field_name}")
    kind = package_kind(brand.master)
    if brand.master_path.lower().endswith((".potx", ".ppsx")):
        kind = "PowerPoint template (.potx), accepted and opened as a presentation"
    lines = [
        f"brand {brand.name}: master {brand.master_path} ({kind or 'PowerPoint'}), "
        f"slides {_cm(brand.slide_width)} x {_cm(brand.slide_height)} cm",
        "",
        "master layouts:",
    ]
    for name, ml in brand.master_layouts.items():
        used = ", ".join(layout_users.get(name, [])) or "not used"
        lines.append(f"  {name!r}  <- {used}")
        for ph in sorted(ml.placeholders, key=lambda p: p.idx):
            size = f"{_cm(ph.box.cx)} x {_cm(ph.box.cy)} cm" if ph.box else "no size"
            font = f", {ph.font_size:g} pt" if ph.font_size else ""
            who = ", ".join(users.get((name, ph.idx), []))
            lines.append(f"    idx {ph.idx:>3}  {ph.type:<8} {ph.name!r}  {size}{font}"
                         + (f"  <- {who}" if who else ""))
    lines += ["", "mapping:"]
    lines += _misses(brand) or ["  every deckgen layout is mapped, with every field"]
    return lines


def _misses(brand: Brand) -> list[str]:
    out = []
    for layout in LAYOUTS:
        mapped = brand.layouts.get(layout)
        if mapped is None:
            out.append(f"  {layout}: not mapped (decks that use it fail to build)")
            continue
        for field_name in FIELDS[layout]:
            if field_name not in mapped.placeholders:
                out.append(f"  {layout}.{field_name}: not mapped (left out on these slides)")
        ml = brand.master_layouts.get(mapped.master_layout)
        if ml is None:
            out.append(f"  {layout}: master layout {mapped.master_layout!r} is missing")
            continue
        types = {ph.type for ph in ml.placeholders}
        for role, ph_type in (("footer", "ftr"), ("slide number", "sldNum")):
            if ph_type not in types and REGISTRY[layout].footer:
                out.append(f"  {layout}: master layout {ml.name!r} has no {role} placeholder")
    return out
