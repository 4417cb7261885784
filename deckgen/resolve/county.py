"""County data: ``content/counties/<key>.yaml``, validated, as plain data for variables."""

from __future__ import annotations

from typing import Any

from deckgen import schema
from deckgen.errors import Diagnostics, SourceLoc, did_you_mean
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
    return data


def county_scope(data: Located, key: str) -> dict[str, Any]:
    """The ``county`` variable: the file's data plus its key."""
    out: dict[str, Any] = {"key": key}
    for k, v in data.value.items():
        out[k] = v  # kept Located so structured values carry their source location
    return out
