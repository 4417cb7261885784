"""``deckgen brand new NAME --from FILE.pptx|.potx``: a brand from an organisation's own
template, with no hand edits.

Writes ``templates/NAME/``: the template (copied as it is, ``master.pptx`` or ``master.potx``),
the logo if the slide master shows one (``logo.png``/``.jpg``/``.gif``), and a brand.yaml with
everything inferred from the file (:mod:`deckgen.resolve.brandinfer`): colours from the
theme and the master's text styles, fonts, and a mapping of every deckgen layout onto the
master's layouts with the placeholder of each field, each choice commented with its reason
so a person can change it. The brand builds as it is; a brand.yaml naming only ``master:``
builds the same way, because the build infers what brand.yaml leaves out by the same rules.

Refuses to overwrite: an existing ``templates/NAME/`` is an error. The template is read with
:func:`deckgen.resolve.master.read_master_package` first, so a file deckgen refuses (not a
zip, macros, external links…) leaves nothing behind.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from deckgen.errors import BuildError, Diagnostics, UsageError
from deckgen.layouts import REGISTRY, names
from deckgen.resolve.brandfonts import STAND_INS
from deckgen.resolve.brandinfer import infer_colors, infer_fonts, infer_layouts
from deckgen.resolve.master import MasterPackage, read_master_package
from deckgen.schema import COLOR_TOKENS

NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
SUFFIXES = (".pptx", ".potx")
LOGO_EXT = {b"\x89PNG": ".png", b"\xff\xd8\xff": ".jpg", b"GIF8": ".gif"}


def new_brand(name: str, source: Path, project_root: Path) -> Path:
    """Write ``templates/<name>/`` from the template at ``source``; returns the folder.
    Raises :class:`UsageError` (bad name, missing file, folder exists) or
    :class:`BuildError` (a template deckgen refuses, located at the file)."""
    if not NAME.match(name):
        raise UsageError(f"brand name {name!r} is not valid: use lowercase letters a-z, digits, "
                         "'-' and '_', starting with a letter or digit (it becomes a folder name)")
    if source.suffix.lower() not in SUFFIXES:
        raise UsageError(f"{source}: not a PowerPoint template: give a .pptx or .potx file "
                         "(save an old .ppt/.pot as .pptx first)")
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise UsageError(f"{source}: cannot be read ({exc.strerror})") from None
    folder = project_root.resolve() / "templates" / name
    if folder.exists():
        raise UsageError(f"templates/{name} exists already; pick another name, or delete the "
                         "folder to make it again")
    diags = Diagnostics()
    pkg = read_master_package(data, str(source), diags)
    if pkg is None:
        raise BuildError(diags.errors)
    master_name = "master" + source.suffix.lower()
    logo_name = None
    if pkg.logo is not None:
        ext = next((e for magic, e in LOGO_EXT.items() if pkg.logo[0].startswith(magic)), None)
        logo_name = f"logo{ext}" if ext else None
    text = brand_yaml(name, source.name, master_name, logo_name, pkg)
    folder.mkdir(parents=True)
    (folder / master_name).write_bytes(data)
    if logo_name is not None and pkg.logo is not None:
        (folder / logo_name).write_bytes(pkg.logo[0])
    (folder / "brand.yaml").write_text(text, encoding="utf-8")
    return folder


def _q(value: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is a subset of it)."""
    return json.dumps(value, ensure_ascii=False)


def brand_yaml(name: str, source: str, master: str, logo: str | None,
               pkg: MasterPackage) -> str:
    """brand.yaml's text for ``pkg``, every inferred value with its reason."""
    ratio = _ratio(pkg.slide_width, pkg.slide_height)
    lines = [
        f"# Brand {name!s}, made by `deckgen brand new` from {source}.",
        "# Everything below was read from the template; change what you like. A value left",
        "# out is inferred again from the master at build time by the same rules.",
        "# `deckgen brand check " + name + "` shows the mapping and its reasons,",
        "# `deckgen brand sheet " + name + "` a contact sheet of every layout on this master.",
        f"name: {_q(name)}",
        f"master: {_q(master)}",
        f"# slides {pkg.slide_width / 360000:.2f} x {pkg.slide_height / 360000:.2f} cm ({ratio}), "
        "from the master; slide_size is only a check",
    ]
    if logo:
        lines.append(f"logo: {_q(logo)}  # the picture on the slide master")
    else:
        lines.append("# logo: the slide master shows no picture small enough to be a logo")
    lines.append('footer: ""  # text for the footer placeholders; empty: no footer text')
    lines += ["", "colors:"]
    colors = infer_colors(pkg)
    for token in COLOR_TOKENS:
        value, why = colors[token]
        lines.append(f"  {token}: {_q(value)}".ljust(28) + f"# {why}")
    fonts = infer_fonts(pkg)
    lines += ["", "fonts:  # the master's title and body text styles, else the theme's fonts"]
    for role, family in fonts.items():
        stand_in = STAND_INS.get(family.lower())
        note = f"  # measured with {stand_in} (metric-compatible)" if stand_in else ""
        lines.append(f"  {role}: {_q(family)}{note}")
    lines += ["# font_files: {heading: FILE.ttf, body: FILE.ttf} to measure with the font's own "
              "file", ""]
    lines += ["# Master layout names (several masters: 'Name (master)'):"]
    for ml in pkg.layouts.values():
        phs = ", ".join(f"{p.idx} {p.type}" for p in ml.placeholders)
        lines.append(f"#   {ml.name!r}: {phs or 'no placeholders'}")
    lines += ["layouts:"]
    for layout, mapped in infer_layouts(pkg).items():
        if layout not in REGISTRY:
            continue
        lines.append(f"  # {_comment(mapped.reason)}")
        if mapped.drawn:
            drawn = ", ".join(mapped.drawn)
            lines.append(f"  # drawn as shapes in the brand's colours: {drawn} (written out "
                         "here it would need a placeholder; left to the build)")
            lines.append(f"  # {layout}:")
            lines.append(f"  #   master: {_q(mapped.master_layout)}")
            continue
        fields = ", ".join(f"{f}: {i}" for f, i in mapped.placeholders.items())
        lines.append(f"  {layout}:")
        lines.append(f"    master: {_q(mapped.master_layout)}")
        lines.append(f"    placeholders: {{{fields}}}")
    assert set(names()) >= set(infer_layouts(pkg))
    return "\n".join(lines) + "\n"


def _comment(text: str) -> str:
    """``text`` on one line (a layout name may hold a line break; a comment may not)."""
    return " ".join(text.split())


def _ratio(width: int, height: int) -> str:
    if height <= 0:
        return "?"
    value = width / height
    for label, exact in (("16:9", 16 / 9), ("4:3", 4 / 3), ("16:10", 16 / 10)):
        if abs(value / exact - 1) < 0.01:
            return label
    return f"{value:.3f}:1"
