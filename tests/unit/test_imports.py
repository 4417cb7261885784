"""The doors of docs/architecture.md: each third-party library is imported only where it may
be, and no stage imports a later one."""

from __future__ import annotations

import ast
from pathlib import Path, PurePosixPath

PKG = Path(__file__).resolve().parents[2] / "deckgen"

# library -> package paths (relative to deckgen/) allowed to import it
DOORS = {
    # python-pptx writes decks in render/pptx and reads them back in importer (deckgen import)
    "pptx": ("render/pptx/", "importer/"),
    "jinja2": ("render/reveal/",),
    "markdown_it": ("load/markdown.py",),
    "mdit_py_plugins": ("load/markdown.py",),
    "yaml": ("load/yamlsrc.py",),
    "click": ("cli/",),
    "rich": ("ui.py",),
    "jsonschema": ("schema.py",),
    "watchfiles": ("serve/",),
    "PIL": ("resolve/images.py", "check/", "thumbs.py"),
    # the OOXML parser: the master read safely, the master's styles checked, the package
    # read back, and python-pptx's own elements edited
    "lxml": ("resolve/master.py", "resolve/masterparts.py", "resolve/svg.py", "check/masterstyle.py", "selfcheck.py", "render/pptx/"),
    # the SVG rasteriser: pictures are read in resolve, SVG in one module of it
    "resvg_py": ("resolve/svg.py",),
    # the syntax colours of fenced code, read once when the slide is loaded
    "pygments": ("load/highlight.py",),
}

# Stage order: a module may import its own stage and earlier ones only.
STAGES = ["errors", "fitting", "model", "project", "schema", "load", "resolve", "check", "selfcheck", "render", "write", "build", "scaffold", "thumbs", "serve", "importer", "ui", "cli"]
NEUTRAL = {"errors", "fitting", "brandmodel", "model", "project", "schema", "geometry", "words", "layouts"}


def _imports(path: Path) -> list[str]:
    return _names(path.read_text(encoding="utf-8"), path.relative_to(PKG).as_posix())


def _names(code: str, rel: str) -> list[str]:
    """Every dotted name the module ``rel`` (a path inside deckgen/) imports. ``from a.b import
    c`` counts as ``a.b.c``, so ``from deckgen import build`` is ``deckgen.build`` (a stage),
    not plain ``deckgen``; a relative import is made absolute."""
    package = ["deckgen", *PurePosixPath(rel).parent.parts]
    names: list[str] = []
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Import):
            names.extend(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            names.extend(f"{module}.{a.name}" for a in node.names)
    return names


def test_each_imported_name_is_recorded_whole() -> None:
    code = "import yaml\nfrom deckgen import build, schema\nfrom deckgen.model import Deck\nfrom . import text\nfrom ..check import run_checks\n"
    assert _names(code, "load/probe.py") == [
        "yaml", "deckgen.build", "deckgen.schema", "deckgen.model.Deck", "deckgen.load.text", "deckgen.check.run_checks"]


def _modules() -> list[tuple[str, Path]]:
    return [(p.relative_to(PKG).as_posix(), p) for p in sorted(PKG.rglob("*.py"))]


def _stage(rel: str) -> str:
    return rel.split("/")[0].removesuffix(".py")


def test_third_party_libraries_enter_through_one_door() -> None:
    offenders = []
    for rel, path in _modules():
        for name in _imports(path):
            top = name.split(".")[0]
            if top in DOORS and not rel.startswith(DOORS[top]):
                offenders.append(f"{rel} imports {name}")
    assert offenders == []


def _later_stages(rel: str, names: list[str]) -> list[str]:
    """The names in ``names`` that are of a stage after the module ``rel``'s own."""
    own = _stage(rel)
    if own not in STAGES:
        return []
    later = []
    for name in names:
        if not name.startswith("deckgen."):
            continue
        target = name.split(".")[1]
        if target in NEUTRAL or target not in STAGES or target == own:
            continue
        if STAGES.index(target) > STAGES.index(own):
            later.append(name)
    return later


def test_no_stage_imports_a_later_stage() -> None:
    offenders = [f"{rel} imports {name}" for rel, path in _modules() for name in _later_stages(rel, _imports(path))]
    assert offenders == []


def test_a_later_stage_imported_by_name_from_the_package_is_found() -> None:
    code = "from deckgen import build, schema\nfrom ..render import pptx\n"
    assert _later_stages("load/probe.py", _names(code, "load/probe.py")) == ["deckgen.build", "deckgen.render.pptx"]


def test_renderers_do_not_import_each_other() -> None:
    offenders = []
    for rel, path in _modules():
        for name in _imports(path):
            if rel.startswith("render/pptx/") and name.startswith("deckgen.render.reveal"):
                offenders.append(f"{rel} imports {name}")
            if rel.startswith("render/reveal/") and name.startswith("deckgen.render.pptx"):
                offenders.append(f"{rel} imports {name}")
    assert offenders == []


def test_the_layouts_are_neutral() -> None:
    """Every stage looks layouts up, so a layout's spec may import only neutral modules (and
    no third-party library): resolve gives its builder the parser through BuildInput."""
    offenders = []
    for rel, path in _modules():
        if not rel.startswith("layouts/"):
            continue
        for name in _imports(path):
            top = name.split(".")
            if top[0] == "deckgen" and top[1] not in NEUTRAL - {"schema"} or top[0] not in ("deckgen", "__future__", "collections", "dataclasses", "typing",
                                "math", "urllib", "types"):
                offenders.append(f"{rel} imports {name}")
    assert offenders == []


def test_the_importer_never_reads_how_the_renderer_writes() -> None:
    """deckgen import reads a .pptx as PowerPoint wrote it, never through render/."""
    offenders = [f"{rel} imports {name}" for rel, path in _modules() if rel.startswith("importer/")
                 for name in _imports(path) if name.startswith(("deckgen.render", "deckgen.build", "deckgen.check"))]
    assert offenders == []
