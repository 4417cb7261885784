"""The doors of docs/architecture.md: each third-party library is imported only where it may
be, and no stage imports a later one."""

from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[2] / "deckgen"

# library -> package paths (relative to deckgen/) allowed to import it
DOORS = {
    "pptx": ("render/pptx/",),
    "jinja2": ("render/reveal/",),
    "markdown_it": ("load/markdown.py",),
    "mdit_py_plugins": ("load/markdown.py",),
    "yaml": ("load/yamlsrc.py",),
    "click": ("cli.py",),
    "rich": ("ui.py",),
    "jsonschema": ("schema.py",),
    "watchfiles": ("serve/",),
    "PIL": ("resolve/images.py", "check/", "thumbs.py"),
}

# Stage order: a module may import its own stage and earlier ones only.
STAGES = ["errors", "model", "project", "schema", "load", "resolve", "check", "selfcheck", "render", "write", "build", "scaffold", "thumbs", "serve", "ui", "cli"]
NEUTRAL = {"errors", "model", "project", "schema", "geometry"}


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


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


def test_no_stage_imports_a_later_stage() -> None:
    offenders = []
    for rel, path in _modules():
        own = _stage(rel)
        if own not in STAGES:
            continue
        for name in _imports(path):
            if not name.startswith("deckgen."):
                continue
            target = name.split(".")[1]
            if target in NEUTRAL or target not in STAGES or target == own:
                continue
            if STAGES.index(target) > STAGES.index(own):
                offenders.append(f"{rel} imports {name}")
    assert offenders == []


def test_renderers_do_not_import_each_other() -> None:
    offenders = []
    for rel, path in _modules():
        for name in _imports(path):
            if rel.startswith("render/pptx/") and name.startswith("deckgen.render.reveal"):
                offenders.append(f"{rel} imports {name}")
            if rel.startswith("render/reveal/") and name.startswith("deckgen.render.pptx"):
                offenders.append(f"{rel} imports {name}")
    assert offenders == []
