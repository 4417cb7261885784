"""Reading brand.yaml's tokens -- slide size, colours, fonts, font files, footer placeholders --
each problem located at its key or value, in words a brand's author understands.

The keys and value shapes are the brand schema's (:func:`deckgen.schema.brand_schema`,
``deckgen schema brand``); what is checked against the master itself is
:mod:`deckgen.resolve.brand`'s.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from deckgen.errors import Diagnostics, did_you_mean
from deckgen.fitting import DEFAULT_FLOORS, FitPolicy
from deckgen.load.yamlsrc import yaml_surprise
from deckgen.model import Located, is_font_name
from deckgen.resolve.fontfiles import find_font_file
from deckgen.schema import COLOR_TOKENS, CONTINUE, FIT_KEYS, FLOOR_ROLES, FONT_ROLES, FOOTER_ROLES, SLIDE_SIZES

_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")


class TokenReader:
    """The token sections of one brand.yaml; problems go to ``diags``."""

    folder: Path
    diags: Diagnostics

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


    def fit(self, node: Located | None) -> FitPolicy:
        """``fit:``: whether text shrinks to fit, its floors per role, continuation slides."""
        mapping = self.mapping(node, "fit")
        if mapping is None:
            return FitPolicy()
        self.unknown_keys(mapping, FIT_KEYS, "fit")
        shrink, cont, floors = True, False, dict(DEFAULT_FLOORS)
        if "shrink" in mapping:
            item = mapping["shrink"]
            if isinstance(item.value, bool):
                shrink = item.value
            else:
                self.diags.error(item.loc, f"'shrink' must be true or false, not {_kind(item.value)}",
                                 "write 'shrink: true' or 'shrink: false'")
        if "continue" in mapping:
            item = mapping["continue"]
            if item.value is False:  # YAML 1.1 reads a bare off as false
                item_value: Any = "off"
            else:
                item_value = item.value
            if item_value in CONTINUE:
                cont = item_value == "auto"
            else:
                self.diags.error(item.loc, f"'continue' must be 'auto' or 'off', not {item.value!r}",
                                 did_you_mean(str(item.value), CONTINUE))
        for role, item in (self.mapping(mapping.get("floors"), "floors") or {}).items():
            if role not in FLOOR_ROLES:
                self.diags.error(item.key_loc or item.loc, f"unknown key {role!r} in fit.floors",
                                 did_you_mean(role, FLOOR_ROLES))
            elif isinstance(item.value, bool) or not isinstance(item.value, int | float) or not 4 <= item.value <= 200:
                self.diags.error(item.loc, f"the floor for {role!r} must be a size in points from 4 "
                                 f"to 200, not {item.value!r}", f"write e.g. '{role}: {DEFAULT_FLOORS[role]:g}'")
            else:
                floors[role] = float(item.value)
        return FitPolicy(floors, shrink, cont)

    def idx_value(self, item: Located) -> int | None:
        if isinstance(item.value, bool) or not isinstance(item.value, int) or item.value < 0:
            self.diags.error(item.loc, f"placeholder idx must be a whole number, not "
                             f"{item.value!r}", "write the idx that brand check lists")
            return None
        return item.value


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
