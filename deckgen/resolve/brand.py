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

import re
from collections.abc import Mapping
from pathlib import Path

from deckgen.errors import Diagnostics, SourceLoc, did_you_mean
from deckgen.geometry import cm_text
from deckgen.layouts import REGISTRY, names
from deckgen.load.yamlsrc import load_yaml_file
from deckgen.model import Asset, Brand, LayoutMap, Located, MasterLayout
from deckgen.project import Project
from deckgen.resolve.brandfonts import measuring_fonts
from deckgen.resolve.brandinfer import infer_colors, infer_fonts, infer_layouts
from deckgen.resolve.brandtemplates import read_reveal_templates
from deckgen.resolve.brandtokens import TokenReader
from deckgen.resolve.images import read_image, read_image_data
from deckgen.resolve.master import (
    MasterPackage,
    normalise_master,
    read_master_package,
)
from deckgen.schema import SLIDE_SIZES, brand_schema

BUILTIN_DIR = Path(__file__).resolve().parent.parent / "brands"
BUILTIN_PREFIX = "<deckgen>/brands"  # how built-in brand files are named in messages
MAX_MASTER_BYTES = 200 * 1024 * 1024

# The OOXML placeholder type each footer role clones, and how messages name it.
FOOTER_TYPES = {"footer": ("ftr", "footer"), "slide_number": ("sldNum", "slide-number")}
# The keys brand.yaml may and must have: its schema's (deckgen schema brand).
TOP_KEYS = tuple(brand_schema()["properties"])
REQUIRED_KEYS = tuple(brand_schema()["required"])

# Placeholder types a field can go into: a picture needs a picture (or content) placeholder.
FIELD_TYPES: dict[str, tuple[str, ...]] = {"picture": ("pic", "obj")}

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


# --------------------------------------------------------------------------- finding a brand


def available_brands(project_root: Path) -> list[str]:
    """Brand names a deck may use: the project's ``templates/*/brand.yaml`` and built-ins."""
    names: set[str] = set()
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


class _BrandReader(TokenReader):
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
        """Everything brand.yaml says, and what it leaves out inferred from the master
        (:mod:`deckgen.resolve.brandinfer`): a brand may name only ``master:``."""
        v: dict[str, Located] = doc.value
        self.unknown_keys(v, TOP_KEYS, "brand.yaml")
        for key in REQUIRED_KEYS:
            if key not in v:
                self.diags.error(doc.loc, f"brand.yaml needs '{key}:'",
                                 "see templates/ks/brand.yaml for the format")
        title = self.string(v, "name") or self.name
        footer = self.string(v, "footer") or ""
        size = self.slide_size(v) if "slide_size" in v else ""
        fit = self.fit(v.get("fit"))
        master = self.master(v.get("master"), v.get("slide_size"), size)
        pkg = master[1] if master else None
        colors = self.colors(v.get("colors")) if "colors" in v else (
            {k: c for k, (c, _why) in infer_colors(pkg).items()} if pkg else None)
        fonts = self.fonts(v.get("fonts")) if "fonts" in v else (infer_fonts(pkg) if pkg else None)
        font_files = self.font_files(v.get("font_files"))
        footer_phs = (self.footer_placeholders(v.get("footer_placeholders"))
                      if "footer_placeholders" in v else {})
        layouts = self.layouts(v.get("layouts"), pkg) if "layouts" in v else {}
        if pkg is not None and layouts is not None:
            inferred = infer_layouts(pkg)
            layouts = {**{k: m for k, m in inferred.items() if k not in layouts}, **layouts}
            layouts = {k: layouts[k] for k in names() if k in layouts}
            if footer_phs:
                self.footers_on_master(footer_phs, v.get("footer_placeholders"), doc, footer,
                                       layouts, pkg)
        logo = self.logo(v.get("logo")) if "logo" in v else self.master_logo(pkg, v.get("master"))
        reveal = read_reveal_templates(self.folder, self.rel_dir, self.builtin, self.project, self.diags)
        if master is None or size is None or colors is None or fonts is None or layouts is None:
            return None
        data, pkg, master_rel = master
        files, sources = measuring_fonts(fonts, font_files, self.folder, self.diags,
                                         (v.get("fonts") or v.get("master") or doc).loc)
        return Brand(
            name=title, colors=colors, fonts=fonts, font_files=files, footer=footer,
            slide_width=pkg.slide_width, slide_height=pkg.slide_height,
            master=data, master_path=master_rel, layouts=layouts,
            master_layouts=dict(pkg.layouts), logo=logo, loc=doc.loc,
            reveal_templates=reveal, footer_placeholders=footer_phs, folder=self.rel_dir,
            master_bullets=pkg.looks[0].bullets if pkg.looks else True, font_sources=sources,
            fit=fit,
        )

    def master_logo(self, pkg: MasterPackage | None, node: Located | None) -> Asset | None:
        """The picture on the slide master, when brand.yaml names no logo."""
        if pkg is None or pkg.logo is None or node is None:
            return None
        data, part = pkg.logo
        quiet = Diagnostics()  # a picture the master shows but deckgen cannot read: no logo
        return read_image_data(data, f"{self.rel_dir}/{node.value}#{part}", quiet, node.loc)

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
        used = list(dict.fromkeys(layouts[name].master_layout for name in names()
                                   if name in layouts))
        for role, (ph_type, what) in FOOTER_TYPES.items():
            if role == "footer" and not footer_text:
                continue
            given = section is not None and role in section
            if given and idx[role] != (section or {})[role].value:
                continue  # an idx that is not a number, reported already
            where = (section[role].loc if section and given
                     else node.loc if node is not None else doc.loc)
            default = "" if given else " (the default when not given)"
            for name in used:
                problem = _footer_problem(pkg.layouts.get(name), idx[role], ph_type, what)
                if problem:
                    self.diags.error(where, f"footer_placeholders.{role} is idx {idx[role]}"
                                     f"{default}, but {problem[0]}", problem[1])
                    break  # one message per role: the same idx is wrong everywhere

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
        found = self.project.locate(ref, base=self.folder, loc=node.loc, diags=self.diags,
                                    what=what)
        if found is None:
            return None
        return found, self.project.rel(found)

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
        if size and not _same_ratio(SLIDE_SIZES[size], (pkg.slide_width, pkg.slide_height)):
            where = size_node.loc if size_node is not None else node.loc
            self.diags.error(where, f"slide_size {size!r} does not match the master's slides "
                             f"({cm_text(pkg.slide_width)} x {cm_text(pkg.slide_height)} cm, "
                             f"{_ratio(pkg.slide_width, pkg.slide_height)})",
                             "leave slide_size out (the master's size is used) or write the "
                             "master's ratio")
        return normalise_master(data), pkg, rel

    def layouts(self, node: Located | None,
                pkg: MasterPackage | None) -> dict[str, LayoutMap] | None:
        mapping = self.mapping(node, "layouts")
        if mapping is None:
            return None
        out: dict[str, LayoutMap] = {}
        for layout, entry in mapping.items():
            if layout not in REGISTRY:
                self.diags.error(entry.key_loc or entry.loc, f"unknown layout {layout!r} in "
                                 "layouts", did_you_mean(layout, names()))
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
        self.unknown_keys(phs, REGISTRY[layout].roles, where)
        ok = True
        for field_name in REGISTRY[layout].required_roles:
            if field_name not in phs:
                self.diags.error(phs_node.loc, f"{where} needs '{field_name}:'",
                                 f"the {layout} layout puts its {field_name} in a placeholder")
                ok = False
        out: dict[str, int] = {}
        for field_name, item in phs.items():
            if field_name not in REGISTRY[layout].roles:
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


def _same_ratio(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two sizes have the same proportions (within 1%: masters round their sizes)."""
    return b[1] > 0 and abs((a[0] / a[1]) / (b[0] / b[1]) - 1) < 0.01


def _ratio(width: int, height: int) -> str:
    for name, size in SLIDE_SIZES.items():
        if _same_ratio(size, (width, height)):
            return name
    return f"{width / max(height, 1):.3f}:1"



# --------------------------------------------------------------------------- brand check
