"""A brand's reveal.js templates: ``templates/<brand>/reveal/**/*.j2``, read safely.

A brand may shape its slides (``slide.html.j2``, ``macros.html.j2``, ``layouts/*.html.j2``,
including templates for layouts it adds); it may not replace the page shell, which holds the
page's security policy (docs/security.md). Every file must resolve inside the project.
"""

from __future__ import annotations

from pathlib import Path

from deckgen.errors import Diagnostics, SourceLoc
from deckgen.load.text import read_text
from deckgen.project import Project

MAX_REVEAL_TEMPLATES = 200
# reveal.js templates a brand may not override: the page shell holds the page's
# Content-Security-Policy and its own scripts and styles (render/reveal/render.py
# PAGE_TEMPLATE). A brand shapes slides only: slide.html.j2, macros.html.j2, layouts/*.
PROTECTED_REVEAL_TEMPLATES = ("deck.html.j2",)


def read_reveal_templates(folder: Path, rel_dir: str, builtin: bool, project: Project,
                          diags: Diagnostics) -> dict[str, str]:
    """Brand overrides of the reveal.js templates: ``reveal/**/*.j2`` in the brand
    folder, keyed by their path under ``reveal/`` (forward slashes), sorted.

    The folder and every file must resolve inside the project (a link out of it is a
    located error, as for every other path a brand names), and the page shell
    (:data:`PROTECTED_REVEAL_TEMPLATES`) cannot be overridden.
    """
    base = folder / "reveal"
    rel_base = f"{rel_dir}/reveal"
    if not base.exists() and not base.is_symlink():
        return {}
    if not builtin and not _folder_inside(base, rel_base, project, diags):
        return {}
    out: dict[str, str] = {}
    for path in sorted(base.rglob("*.j2")):
        if len(out) >= MAX_REVEAL_TEMPLATES:
            break
        key = path.relative_to(base).as_posix()
        rel = f"{rel_base}/{key}"
        loc = SourceLoc(rel, 1, 1)
        if key in PROTECTED_REVEAL_TEMPLATES:
            diags.error(loc, f"{rel} holds the security policy and cannot be "
                             "overridden", "remove it: a brand shapes its slides with "
                             "slide.html.j2, macros.html.j2 and layouts/*.html.j2 "
                             "(docs/brand.md)")
            continue
        if builtin:
            if path.is_symlink() or not path.is_file():
                continue
            real = path
        else:
            located = project.locate(key, base=base, loc=loc, diags=diags,
                                          what="reveal.js template")
            if located is None:
                continue
            real = located
        text = read_text(real, rel, diags)
        if text is not None:
            out[key] = text
    return out

def _folder_inside(base: Path, rel_base: str, project: Project, diags: Diagnostics) -> bool:
    """Whether the brand's ``reveal/`` resolves to a folder inside the project; else a
    located error at it."""
    loc = SourceLoc(rel_base, 1, 1)
    try:
        real = base.resolve(strict=True)
    except (OSError, RuntimeError):  # a dangling link or a link loop
        diags.error(loc, f"{rel_base} is a broken or looping link",
                         "replace the link with the folder itself")
        return False
    if not real.is_relative_to(project.root):
        diags.error(loc, f"{rel_base} is a link to a place outside the project",
                         "copy the templates into the brand folder instead of linking")
        return False
    if not real.is_dir():
        diags.error(loc, f"{rel_base} is not a folder",
                         "reveal/ holds template overrides, e.g. reveal/layouts/title.html.j2")
        return False
    return True
