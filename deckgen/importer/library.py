"""Several decks → one slide library, with what differs per county moved into county data.

Responsibility: align the decks' slides (same layout, most similar content; a slide one deck
lacks leaves a gap), then for each aligned group decide:

- the same in every deck → one library slide used by all;
- the same but for some values → one library slide whose differing stretches are
  ``{{ county.* }}`` variables, the values written into each ``content/counties/<key>.yaml``
  (a stretch that spells each county's key is ``county.name``; a differing roster is
  ``county.board.members``; anything else ``county.slides.<slide>.<field>``);
- in only some decks → a library slide with ``only:`` those counties;
- too different to share (another structure, a picture of its own) → one slide per county,
  each with ``only:``.

County keys come from the file names (what follows their common prefix); the deck's name is
that prefix. Values are inserted as plain text, so a stretch holding Markdown markup is not
made a variable: the slide is kept per county instead.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from deckgen.importer.imported import Imported
from deckgen.importer.names import slug
from deckgen.importer.write import Entry, deck_yaml, slide_file_name, slide_markdown
from deckgen.load.yamlsrc import dump_yaml

if TYPE_CHECKING:
    from deckgen.importer import DeckImport, Plan

_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")
_MARKUP = re.compile(r"[\\`*_\[\]<>|#{}]")
# Fields a whole {{ variable }} may stand for (a list or number that differs per county).
WHOLE = ("people", "items", "columns", "bodies", "tiles", "rows", "minutes", "per_page")
PLAIN = ("name", "place", "role", "alt", "credit", "caption", "pairing", "url", "hidden_title")


class NotShared(Exception):
    """The members of a group differ in more than values."""


@dataclass
class Group:
    members: dict[str, Imported]  # county key -> slide


def county_keys(decks: list[DeckImport]) -> tuple[str, list[str]]:
    stems = [slug(d.stem) or f"deck-{n}" for n, d in enumerate(decks, 1)]
    prefix = _common_prefix(stems)
    keys = [s[len(prefix):].strip("-") or s for s in stems]
    if len(set(keys)) != len(keys):
        keys = [f"{k}-{n}" for n, k in enumerate(keys, 1)]
    return prefix.strip("-"), keys


def _common_prefix(stems: list[str]) -> str:
    prefix = stems[0]
    for s in stems[1:]:
        while not s.startswith(prefix):
            prefix = prefix[:-1]
    return prefix[: prefix.rfind("-") + 1] if "-" in prefix else ""


def _tokens(imp: Imported) -> list[str]:
    return _TOKEN.findall(json.dumps([imp.fields, imp.body, imp.notes], ensure_ascii=False, sort_keys=True))


def _similar(a: Imported, b: Imported) -> float:
    if a.layout != b.layout:
        return 0.0
    return difflib.SequenceMatcher(None, _tokens(a), _tokens(b), autojunk=False).ratio()


def align(decks: list[list[Imported]], keys: list[str]) -> list[Group]:
    """Groups of corresponding slides, in deck order (a global alignment per deck against
    the groups so far; only slides of one layout and similar content are paired)."""
    groups = [Group({keys[0]: s}) for s in decks[0]]
    for key, slides in zip(keys[1:], decks[1:], strict=True):
        reps = [next(iter(g.members.values())) for g in groups]
        n, m = len(reps), len(slides)
        score = [[0.0] * (m + 1) for _ in range(n + 1)]
        for i in range(n - 1, -1, -1):
            for j in range(m - 1, -1, -1):
                sim = _similar(reps[i], slides[j])
                best = max(score[i + 1][j], score[i][j + 1])
                score[i][j] = max(best, sim + score[i + 1][j + 1]) if sim >= 0.4 else best
        out: list[Group] = []
        i = j = 0
        while i < n or j < m:
            if i < n and j < m:
                sim = _similar(reps[i], slides[j])
                if sim >= 0.4 and score[i][j] == sim + score[i + 1][j + 1]:
                    groups[i].members[key] = slides[j]
                    out.append(groups[i])
                    i, j = i + 1, j + 1
                    continue
            if i < n and (j >= m or score[i][j] == score[i + 1][j]):
                out.append(groups[i])
                i += 1
            else:
                out.append(Group({key: slides[j]}))
                j += 1
        groups = out
    return groups


class Values:
    """The county data being gathered: variable names and each county's values."""

    def __init__(self, keys: list[str]) -> None:
        self.keys = keys
        self.by_values: dict[tuple[str, ...], str] = {}
        self.data: dict[str, dict[str, Any]] = {k: {} for k in keys}

    def variable(self, values: tuple[Any, ...], path: list[str], members: list[str]) -> str:
        """The variable holding ``values`` (one per member county), made on first use."""
        key = tuple(json.dumps(v, ensure_ascii=False, sort_keys=True) for v in values) + tuple(members)
        if key in self.by_values:
            return self.by_values[key]
        if all(isinstance(v, str) for v in values) and [slug(v) for v in values] == [slug(k) for k in members] and "name" not in self.data[members[0]]:
            name = ["name"]
        else:
            name = path
            while _get(self.data[members[0]], name) is not None:
                name = [*name[:-1], _next(name[-1])]
        for county, value in zip(members, values, strict=True):
            _put(self.data[county], name, value)
        self.by_values[key] = "county." + ".".join(name)
        return self.by_values[key]


def _next(last: str) -> str:
    m = re.fullmatch(r"(.*)_(\d+)", last)
    return f"{m.group(1)}_{int(m.group(2)) + 1}" if m else f"{last}_2"


def _get(data: dict[str, Any], path: list[str]) -> Any:
    for part in path:
        if not isinstance(data, dict) or part not in data:
            return None
        data = data[part]
    return data


def _put(data: dict[str, Any], path: list[str], value: Any) -> None:
    for part in path[:-1]:
        data = data.setdefault(part, {})
    data[path[-1]] = value


def template(values: list[Any], path: list[str], members: list[str], county: Values, markdown: bool) -> Any:
    """One value standing for every member's: equal values as they are, differing text with
    variables in its differing stretches, a differing list or number as one variable."""
    first = values[0]
    if all(v == first for v in values):
        return first
    field = path[-1] if path else ""
    if all(isinstance(v, dict) for v in values) and all(v.keys() == first.keys() for v in values):
        return {k: template([v[k] for v in values], [*path, k], members, county, markdown and k not in PLAIN) for k in first}
    if all(isinstance(v, list) for v in values) and all(len(v) == len(first) for v in values) and field not in ("people",):
        return [template([v[i] for v in values], path, members, county, markdown) for i in range(len(first))]
    if field in WHOLE and (isinstance(first, (int, float)) or not _has_markup(values)):
        return "{{ " + county.variable(tuple(values), path, members) + " }}"
    if all(isinstance(v, str) for v in values):
        return _text(values, path, members, county, markdown)
    raise NotShared(f"{'.'.join(path)} differs")


def _text(values: list[str], path: list[str], members: list[str], county: Values, markdown: bool) -> str:
    """Differing text as a template: the stretches every value shares stay, each stretch
    between them becomes a variable. NotShared unless each value comes back exactly from
    the template and its own stretches, and most of the text is shared."""
    tokens = [_TOKEN.findall(v) for v in values]
    base = tokens[0]
    common = set(range(len(base)))
    maps: list[dict[int, int]] = []
    for other in tokens[1:]:
        matcher = difflib.SequenceMatcher(None, base, other, autojunk=False)
        mapping = {b.a + k: b.b + k for b in matcher.get_matching_blocks() for k in range(b.size)}
        maps.append(mapping)
        common &= set(mapping)
    # Blanks are shared only next to a shared word: "Ringeriksregionen IPR" against
    # "Eksempel regionråd" is one differing stretch, not two around a shared space.
    anchored = {i for i in common if base[i].strip()}
    common = {i for i in common if base[i].strip() or (i - 1) in anchored or (i + 1) in anchored}
    words = [t for i, t in enumerate(base) if i in common and t.strip()]
    if len(words) * 2 < len([t for t in base if t.strip()]):
        raise NotShared(f"{'.'.join(path)} differs in more than values")
    pieces: list[str | list[str]] = []
    i = 0
    while i < len(base):
        if i in common:
            pieces.append(base[i])
            i += 1
            continue
        start = i
        while i < len(base) and i not in common:
            i += 1
        spans = ["".join(base[start:i])]
        for other, mapping in zip(tokens[1:], maps, strict=True):
            lo = mapping[start - 1] + 1 if start > 0 else 0
            hi = mapping[i] if i < len(base) else len(other)
            spans.append("".join(other[lo:hi]))
        pieces.append(spans)
    for n, value in enumerate(values):
        if "".join(p if isinstance(p, str) else p[n] for p in pieces) != value:
            raise NotShared(f"{'.'.join(path)}: one deck has text where another has none")
    return "".join(p if isinstance(p, str) else _span(p, path, members, county, markdown) for p in pieces)


def _has_markup(value: Any) -> bool:
    """Whether text inside ``value`` has Markdown a variable's plain value would not keep."""
    if isinstance(value, str):
        return bool(_MARKUP.search(value))
    if isinstance(value, dict):
        return any(_has_markup(v) for k, v in value.items() if k not in PLAIN)
    if isinstance(value, list):
        return any(_has_markup(v) for v in value)
    return False


def _span(spans: list[str], path: list[str], members: list[str], county: Values, markdown: bool) -> str:
    core = [s.strip() for s in spans]
    if markdown and any(_MARKUP.search(s) for s in core):
        raise NotShared(f"{'.'.join(path)}: a differing stretch holds Markdown")
    if any(not s for s in core):
        raise NotShared(f"{'.'.join(path)}: a stretch is missing in one deck")
    lead = spans[0][: len(spans[0]) - len(spans[0].lstrip())]
    trail = spans[0][len(spans[0].rstrip()):]
    if any(s[: len(s) - len(s.lstrip())] != lead or s[len(s.rstrip()):] != trail for s in spans):
        raise NotShared(f"{'.'.join(path)}: spacing differs")
    return lead + "{{ " + county.variable(tuple(core), path, members) + " }}" + trail


def shared_slide(group: Group, slide_key: str, county: Values) -> Imported:
    """The one library slide that stands for every member of ``group``; NotShared if none."""
    members = list(group.members)
    slides = list(group.members.values())
    first = slides[0]
    assets = {s.asset[1] if s.asset else None for s in slides}
    if len(assets) > 1 or len({s.layout for s in slides}) > 1:
        raise NotShared("layouts or pictures differ")
    trial = Values(county.keys)
    trial.by_values, trial.data = dict(county.by_values), json.loads(json.dumps(county.data))
    base = ["slides", slide_key.replace(".", "-")]
    fields = {}
    for k in first.fields:
        if any(k not in s.fields for s in slides) or any(s.fields.keys() != first.fields.keys() for s in slides):
            raise NotShared("fields differ")
        if k == "image":  # the pictures are the same (checked above); the name is the group's
            fields[k] = first.fields[k]
            continue
        if k == "people" and any(s.fields[k] != first.fields[k] for s in slides):
            fields[k] = "{{ " + _board(trial, [s.fields[k] for s in slides], [str(s.fields.get("title", "")) for s in slides], members) + " }}"
            continue
        fields[k] = template([s.fields[k] for s in slides], [*base, k], members, trial, k not in PLAIN and k != "image")
    body = template([s.body for s in slides], [*base, "body"], members, trial, True)
    notes = template([s.notes for s in slides], [*base, "notes"], members, trial, True)
    county.by_values, county.data = trial.by_values, trial.data
    return replace(first, fields=fields, body=body, notes=notes)


def _board(county: Values, people: list[Any], titles: list[str], members: list[str]) -> str:
    """A roster that differs per county is that county's board."""
    for key, value, title in zip(members, people, titles, strict=True):
        found = re.search(r"\b(\d{4}\s*[-–]\s*\d{4})\b", title)
        board = county.data[key].setdefault("board", {})
        if found and "period" not in board:
            board["period"] = found.group(1)
        if "members" in board:
            raise NotShared("two rosters differ per county")
        board["members"] = value
    return "county.board.members"


def merge_plan(decks: list[DeckImport], name: str | None, brand: str | None) -> Plan:
    from deckgen.importer import Plan, numbers, settle_title_defaults

    prefix, keys = county_keys(decks)
    name = name or prefix or "imported"
    for deck in decks:
        settle_title_defaults(deck.slides, deck.meta)
    groups = align([d.slides for d in decks], keys)
    county = Values(keys)
    files: dict[str, bytes] = {}
    entries: list[Entry] = []
    rows: list[list[str]] = []
    merged: list[str] = []
    width = max(2, len(str(len(groups))))
    for n, group in enumerate(groups, start=1):
        first = next(iter(group.members.values()))
        stem = slide_file_name(n, first, width)
        only = tuple(group.members) if len(group.members) < len(keys) else ()
        try:
            slide = shared_slide(group, stem, county)
            made = [(stem, slide, only)]
            same = {json.dumps([{**s.fields, "image": ""}, s.body, s.notes], sort_keys=True) for s in group.members.values()}
            how = "the same in all decks" if len(same) == 1 else "shared, with county variables"
        except NotShared as why:
            made = [(f"{stem}-{key}", s, (key,)) for key, s in group.members.items()]
            how = f"kept per county ({why})"
        if only:
            how += f"; only in {', '.join(only)}"
        merged.append(f"{stem}: {how}")
        for file_stem, slide, slide_only in made:
            if slide.asset is not None:
                asset = f"{file_stem}.{slide.asset[0].rsplit('.', 1)[-1]}"
                slide = replace(slide, asset=(asset, slide.asset[1]), fields={**slide.fields, "image": asset})
                files[f"assets/{name}/{asset}"] = slide.asset[1]  # type: ignore[index]
            files[f"content/slides/{name}/{file_stem}.md"] = slide_markdown(slide, f"../../../assets/{name}/").encode("utf-8")
            entries.append(Entry(f"{name}/{file_stem}", slide_only, slide.hidden))
            slides = "/".join(numbers(group.members[key]) if key in group.members and key in (slide_only or group.members) else "-" for key in keys)
            rows.append([slides, slide.layout, f"{file_stem}.md", slide.reason])
    meta = _deck_meta(decks, keys, county)
    if brand:
        meta["brand"] = brand
    meta["counties"] = keys
    deck_file = f"content/decks/{name}.yaml"
    sources = ", ".join(Path(d.label).name for d in decks)
    files[deck_file] = deck_yaml(meta, entries, f"Imported from {sources} by deckgen import.").encode("utf-8")
    for key in keys:
        data = county.data[key]
        data.setdefault("name", key.replace("-", " ").title())
        ordered = {"name": data.pop("name"), **data}
        files[f"content/counties/{key}.yaml"] = (f"# {key}: the values that differ in its imported deck.\n" + dump_yaml(ordered)).encode("utf-8")
    return Plan(files, rows, ["/".join(keys), "layout", "file", "why"], deck_file, merged)


def _deck_meta(decks: list[DeckImport], keys: list[str], county: Values) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    for field in ("title", "subtitle", "author", "keywords", "lang"):
        values = [d.meta.get(field, "") for d in decks]
        if not any(values):
            continue
        try:
            meta[field] = template(values, ["deck", field], keys, county, field in ("title", "subtitle", "author"))
        except NotShared:
            meta[field] = values[0]
    if not meta.get("title"):
        meta["title"] = next((s.title_text for s in decks[0].slides if s.title_text), "") or decks[0].stem
    return meta
