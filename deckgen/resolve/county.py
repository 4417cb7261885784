"""County data: ``content/counties/<key>.yaml``, validated, as plain data for variables.

A county file is written by someone who sees one county, while its keys are read by slides
shared by all: a misspelt key (``regon_office:``) is reported in the county file, where the fix
goes, with a did-you-mean against the keys the library uses, and read under its right name so
that the slides do not each report the key as missing.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from pathlib import Path
from typing import Any

from deckgen import schema
from deckgen.errors import Diagnostics, SourceLoc, did_you_mean
from deckgen.load.text import read_text
from deckgen.load.yamlsrc import load_yaml_file
from deckgen.model import Located
from deckgen.project import Project


def county_keys(project: Project) -> list[str]:
    """Every county the project has: the names of the files in content/counties/, sorted."""
    folder = project.root / "content" / "counties"
    # Hidden files (macOS leaves ._name.yaml on network shares) are not counties.
    return sorted(p.stem for p in folder.glob("*.yaml") if not p.name.startswith(".")) if folder.is_dir() else []


def load_county(key: str, project: Project, loc: SourceLoc, diags: Diagnostics) -> Located | None:
    """The county file for ``key``, validated against the county schema."""
    folder = project.root / "content" / "counties"
    if not key or "/" in key or "\\" in key or key.startswith("."):
        diags.error(loc, f"county {key!r} is not a county key", "use the file name of a county in content/counties/")
        return None
    path = folder / f"{key}.yaml"
    if not path.is_file():
        diags.error(loc, f"unknown county {key!r}: no content/counties/{key}.yaml", did_you_mean(key, county_keys(project)) or "add the county file")
        return None
    real = project.locate(f"{key}.yaml", base=folder, loc=loc, diags=diags, what="county file")
    if real is None:
        return None
    rel = project.rel(real)
    data = load_yaml_file(real, rel, diags, loc)
    if data is None:
        return None
    if not isinstance(data.value, dict):
        diags.error(data.loc, "a county file must be a mapping (name:, board:, …)", "see docs/content.md")
        return None
    if not schema.check_against(data, schema.COUNTY, diags, "county file"):
        return None
    if "key" in data.value:
        node = data.value["key"]
        diags.error(node.key_loc or node.loc, "a county file cannot set 'key'", f"{{{{ county.key }}}} is the file name ({key!r}); call the value something else")
        return None
    return _misspelt_keys(data, project, diags)


_TRANSLIT = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ä": "a", "ö": "o", "ü": "u", "ß": "ss", " ": "-"})


def file_name_for(name: str) -> str:
    """A name as a county or deck file is named: "Møre og Romsdal" → ``more-og-romsdal``,
    "Østfold" → ``ostfold`` (lower case, letters spelt out in a-z, other characters '-')."""
    text = name.strip().lower().translate(_TRANSLIT)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"-{2,}", "-", re.sub(r"[^a-z0-9_-]", "-", text)).strip("-_")[:64]


_VARIABLE = re.compile(r"\{\{\s*(county|meeting)\.([A-Za-z0-9_.-]+)\s*\}\}")


def used_variables(project: Project) -> dict[tuple[str, ...], list[str]]:
    """Every ``county.…`` and ``meeting.…`` variable path the slide and deck files use
    (list positions dropped: ``county.councils.0.name`` → ``('county', 'councils', 'name')``),
    with the files that use it (paths under content/)."""
    used: dict[tuple[str, ...], set[str]] = {}
    content = project.root / "content"
    files = [*sorted((content / "slides").glob("*.md")), *sorted((content / "decks").glob("*.yaml"))]
    for path in files:
        text = read_text(path, path.name, Diagnostics())
        if text is None:
            continue  # its own load reports it
        for match in _VARIABLE.finditer(text):
            parts = tuple(p for p in match.group(2).split(".") if p and not p.isdigit())
            used.setdefault((match.group(1), *parts), set()).add(path.relative_to(content).as_posix())
    return {k: sorted(v) for k, v in sorted(used.items())}


def library_keys(project: Project) -> set[str]:
    """The county keys that mean something: the schema's and every ``county.<key>`` a slide or
    deck file uses."""
    return set(schema.COUNTY["properties"]) | {p[1] for p in used_variables(project) if p[0] == "county" and len(p) > 1}


def _misspelt_keys(data: Located, project: Project, diags: Diagnostics) -> Located:
    """Report each key nobody uses that is close to a key the library uses and the file lacks;
    return the data with such keys read under their right names."""
    keys = library_keys(project)
    fixed: dict[str, Located] = {}
    for name, node in data.value.items():
        close = difflib.get_close_matches(name, sorted(keys - set(data.value)), n=1, cutoff=0.6)
        if name in keys or not close:
            fixed[name] = node
            if name not in keys:
                # Free data no slide reads: a key for a slide still to come, or a slip that
                # resembles nothing the library uses. Said, never an error.
                read = sorted({p[1] for p in used_variables(project) if p[0] == "county" and len(p) > 1})
                diags.warning(node.key_loc or node.loc, f"no slide uses the county key {name!r}",
                              f"a slide would use it as {{{{ county.{name} }}}}; the county keys the slides use: "
                              f"{', '.join(read) or 'none'}", rule="unused-county-key")
            continue
        where = node.key_loc or node.loc
        users = sorted({Path(f).name for p, fs in used_variables(project).items() if p[:2] == ("county", close[0]) for f in fs})
        by = (f"{', '.join(users[:3])} use{'s' * (len(users) == 1)} {close[0]!r}" if users
              else f"{close[0]!r} is a county field deckgen knows")
        diags.error(
            where,
            f"no slide uses the county key {name!r}, but {by}",
            f"did you mean {close[0]!r}? write: {close[0]}:" + ("" if isinstance(node.value, (dict, list)) else f" {node.value}"),
        )
        fixed[close[0]] = node
    return Located(fixed, data.loc, data.key_loc, data.raw)


def county_scope(data: Located, key: str) -> dict[str, Any]:
    """The ``county`` variable: the file's data plus its key."""
    out: dict[str, Any] = {"key": key}
    for k, v in data.value.items():
        out[k] = v  # kept Located so structured values carry their source location
    return out
