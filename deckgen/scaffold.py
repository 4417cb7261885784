"""Scaffolding: ``deckgen new deck NAME`` and ``deckgen new county NAME``.

A new deck lists every slide of the library (``content/slides/``), each with a comment saying
what it is, and every county of ``content/counties/``: the author deletes what the deck does not
need instead of looking up names. A new county file holds every field the library uses, found by
reading which ``{{ county.… }}`` and ``{{ meeting.… }}`` variables the slide and deck files use,
each commented with what it is and which files use it, filled with values that are obviously
examples and marked ``example: true`` (the schema's flag for made-up data) until replaced.

Both refuse to overwrite a file and accept only names that work as file names and URLs.
The YAML is written as text (the YAML library's door is the loader); tests load every
generated file back through the loader and build it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from deckgen.errors import Diagnostics, UsageError
from deckgen.load import load_slide_file
from deckgen.load.yamlsrc import load_yaml_file
from deckgen.model import SourceSlide, unwrap
from deckgen.model import plain as plain_text
from deckgen.project import Project
from deckgen.resolve.county import file_name_for, used_variables
from deckgen.resolve.slideinput import infer_layout

NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
COMMENT_COLUMN = 40


def check_name(name: str, what: str) -> str:
    """``name`` when it is a valid deck or county name, else a :class:`UsageError` that
    suggests one."""
    if NAME.match(name):
        return name
    suggestion = _suggest(name)
    hint = f"; try '{suggestion}'" if suggestion and NAME.match(suggestion) else ""
    raise UsageError(
        f"{what} name {name!r} is not valid: use lowercase letters a-z, digits, '-' and '_',"
        f" starting with a letter or digit, at most 64 characters (it becomes a file name and part of URLs){hint}"
    )


def _suggest(name: str) -> str:
    return file_name_for(name)


def _project(root: Path) -> Project:
    root = root.resolve()
    if not (root / "content").is_dir():
        raise UsageError(
            f"no content/ folder in {root.name or root}; run this in a deckgen project (the folder with"
            " content/, templates/ and assets/) or give it with --project"
        )
    return Project(root)


def _create(path: Path, text: str, project: Project) -> Path:
    """Write a new file; never replace one."""
    rel = project.rel(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise UsageError(f"{rel} exists already; choose another name, or delete the file first") from None
    except OSError as exc:
        raise UsageError(f"cannot create {rel}: {exc.strerror or exc}") from None
    return path


def _line(text: str, comment: str = "") -> str:
    if not comment:
        return text
    return f"{text.ljust(COMMENT_COLUMN - 1)} # {comment}" if len(text) < COMMENT_COLUMN - 1 else f"{text}  # {comment}"


def _scalar(value: object) -> str:
    """A YAML scalar for ``value``: plain when that reads back as the same string, else quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    plain_ok = (
        re.fullmatch(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`0-9][^:#\[\]{},]*", text) is not None
        and not text.endswith(" ")
        and text.lower() not in ("yes", "no", "true", "false", "on", "off", "null", "y", "n", "~")
    )
    return text if plain_ok else json.dumps(text, ensure_ascii=False)


def _one_line(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# ---- new deck ----------------------------------------------------------------------------


@dataclass(frozen=True)
class LibraryFile:
    name: str
    labels: tuple[str, ...]  # one per slide: "layout: title"
    broken: bool = False


def library(project: Project) -> list[LibraryFile]:
    """Every slide file of ``content/slides/``, with a label per slide."""
    folder = project.root / "content" / "slides"
    files = []
    for path in sorted(p for p in folder.glob("*.md") if not p.name.startswith(".")) if folder.is_dir() else []:
        if path.name.startswith("."):
            continue
        diags = Diagnostics()
        slides = load_slide_file(path, project.rel(path), diags, None)
        files.append(LibraryFile(path.stem, tuple(_label(s) for s in slides), bool(diags.errors)))
    return files


def _label(slide: SourceSlide) -> str:
    fields = {k: unwrap(v) for k, v in slide.fields.items()}
    if "include" in fields:
        return f"includes {fields['include']}"
    layout = str(fields.get("layout") or infer_layout(slide, first=False))
    title = fields.get("title") or plain_text(slide.heading)
    for key in ("question", "prompt"):
        title = title or fields.get(key)
    if not title and slide.body:
        title = slide.body[0].text
    return f"{layout}: {_one_line(str(title))}" if title else layout


def _counties(project: Project) -> list[tuple[str, str, bool]]:
    """(key, name, example) of every county file."""
    folder = project.root / "content" / "counties"
    out = []
    for path in sorted(p for p in folder.glob("*.yaml") if not p.name.startswith(".")) if folder.is_dir() else []:
        data = load_yaml_file(path, project.rel(path), Diagnostics())
        value = unwrap(data) if data is not None else None
        info = value if isinstance(value, dict) else {}
        out.append((path.stem, str(info.get("name") or path.stem), info.get("example") is True))
    return out


def _brands(project: Project) -> list[str]:
    folder = project.root / "templates"
    return sorted(p.parent.name for p in folder.glob("*/brand.yaml")) if folder.is_dir() else []


def deck_text(name: str, project: Project) -> str:
    """The text of a new deck file that lists the whole library."""
    # Title slides first (a deck starts with one), then the library in name order.
    files = sorted(library(project), key=lambda f: (not (f.labels and f.labels[0].startswith("title")), f.name))
    counties = _counties(project)
    brands = _brands(project)
    title = name.replace("-", " ").replace("_", " ").capitalize()
    rel = f"content/decks/{name}.yaml"
    out = [
        f"# {title}: a new deck, made by `deckgen new deck {name}`.",
        "# Every slide of the library (content/slides/) is listed below: delete the lines this deck",
        "# does not need and move lines to change the order. Values marked 'example' are placeholders.",
        f"#   preview while you edit:  deckgen serve {rel}",
        f"#   check:                   deckgen check {rel}",
        f"#   build:                   deckgen build {rel} --format all",
        _line(f"title: {_scalar(title)}", "example: the deck's title, on the title slide"),
        _line('subtitle: "{{ meeting.name }}"', "under the title; {{ … }} are variables"),
    ]
    if brands:
        brand = "ks" if "ks" in brands else brands[0]
        out.append(_line(f"brand: {brand}", f"templates/<brand>/; here: {', '.join(brands)}"))
    out.append(_line("lang: nb-NO", "the language of the text (nb-NO, nn-NO, en-GB, …)"))
    if counties:
        out.append(_line("counties:", "one deck per county; delete those this deck is not for"))
        for key, county_name, example in counties:
            out.append(_line(f"  - {key}", county_name + (" (example data)" if example else "")))
    else:
        out.append("# counties: [name]                      # content/counties/ has no county files yet")
    out += [
        "meeting:",
        _line("  name: Møte", "example: the meeting, as {{ meeting.name }}"),
        _line("  # date: 2025-01-31", "the meeting's date, YYYY-MM-DD"),
        "",
        "slides:",
    ]
    for f in files:
        labels = list(f.labels)
        if f.broken:
            note = "has errors now: run deckgen check"
        elif len(labels) == 1:
            note = labels[0]
        else:
            note = f"{len(labels)} slides: " + "; ".join(labels)
        out.append(_line(f"  - use: {_scalar(f.name)}", _one_line(note, 90)))
    if not files:
        out.append('  - {layout: title, title: "Tittel"}       # content/slides/ is empty: an inline slide')
    return "\n".join(out) + "\n"


def new_deck(name: str, project_root: Path) -> tuple[Path, int, int]:
    """Create ``content/decks/NAME.yaml``; return its path and how many library files and
    counties it lists."""
    check_name(name, "deck")
    project = _project(project_root)
    if not (project.root / "content" / "slides").is_dir():
        raise UsageError("content/slides/ is missing: a new deck is made from the slide library there")
    text = deck_text(name, project)
    path = _create(project.root / "content" / "decks" / f"{name}.yaml", text, project)
    return path, len(library(project)), len(_counties(project))


# ---- new county --------------------------------------------------------------------------


@dataclass
class Field:
    """One field of the county template: a scalar, a mapping (``children``) or a list written
    out as ``items`` (already YAML lines)."""

    key: str
    note: str
    value: object = None
    children: list[Field] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    required: bool = False


def _template(display: str, meeting_keys: Iterable[str]) -> list[Field]:
    meeting = [Field(k, f"the county's {{{{ meeting.{k} }}}}", _meeting_example(k, display)) for k in meeting_keys]
    return [
        Field("name", "the county's name, as slides show it", display, required=True),
        Field("example", "made-up example data; delete this line when the data is real", True, required=True),
        Field("region_office", "the KS regional office that serves the county", "KS Eksempel"),
        Field("meeting", "this county's values for {{ meeting.… }}; they override the deck's meeting:", children=meeting),
        Field(
            "board",
            "the county board (fylkesstyre)",
            children=[
                Field("name", "the board's full name", f"Fylkesstyret i KS {display}"),
                Field("period", "the board's period, in quotes", "2024-2027", required=True),
                Field(
                    "members",
                    "name, place (municipality or organisation), role (leder, nestleder; none = member)",
                    items=[
                        "- {name: Ola Eksempel, place: Eksempel kommune, role: leder}",
                        "- {name: Kari Eksempel, place: Eksempel fylkeskommune, role: nestleder}",
                        "- {name: Per Eksempel, place: Eksempel kommune}",
                    ],
                    required=True,
                ),
            ],
            required=True,
        ),
        Field(
            "councils",
            "regional councils (regionråd) in the county",
            items=["- name: Eksempel regionråd", "  short: Eksempelregionen", "  municipalities: [Eksempel kommune, Eksempel by]"],
        ),
        Field(
            "projects",
            "projects, each with facts (a bullet with sub-bullets)",
            items=["- name: «Eksempelprosjekt»", '  facts: ["Eksempel: 12 kommuner deltar"]'],
        ),
    ]


def _meeting_example(key: str, display: str) -> str:
    return {"name": f"Regionmøte i {display}", "council": "Eksempel regionråd", "place": "Eksempel kommune"}.get(key, "Eksempel")


def _used_note(used: dict[tuple[str, ...], list[str]], path: tuple[str, ...]) -> str:
    files = sorted({f for p, fs in used.items() if p[: len(path)] == path for f in fs})
    if not files:
        return ""
    shown = ", ".join(Path(f).name for f in files[:4]) + (f" and {len(files) - 4} more" if len(files) > 4 else "")
    return f"used by {shown}"


def _emit(fields: Sequence[Field], used: dict[tuple[str, ...], list[str]], prefix: tuple[str, ...], indent: str, out: list[str]) -> None:
    for f in fields:
        path = (*prefix, f.key)
        # A county's meeting values are used as {{ meeting.x }}, not {{ county.meeting.x }}.
        usage = _used_note(used, path[1:] if path[:2] == ("county", "meeting") else path)
        active = f.required or bool(usage) or (prefix == ("county",) and f.key == "meeting" and bool(f.children))
        note = f"{f.note}; {usage}" if usage else f"{f.note} (no slide uses it yet)" if not f.required else f.note
        lines: list[str] = []
        if f.children:
            lines.append(_line(f"{indent}{f.key}:", note))
            sub: list[str] = []
            _emit(f.children, used, path, indent + "  ", sub)
            lines += sub
        elif f.items:
            lines.append(_line(f"{indent}{f.key}:", note))
            lines += [f"{indent}  {item}" for item in f.items]
        else:
            lines.append(_line(f"{indent}{f.key}: {_scalar(f.value)}", note))
        if not active:
            lines = [f"{indent}# {line[len(indent):]}" for line in lines]
        out += lines


# Norway's counties (from 2024) by the file name deckgen would give them: the display name is
# not derivable from the key ("more-og-romsdal" is "Møre og Romsdal", not "More Og Romsdal").
COUNTY_NAMES = {
    _key: _name
    for _name in (
        "Akershus", "Agder", "Buskerud", "Finnmark", "Innlandet", "Møre og Romsdal", "Nordland", "Oslo",
        "Rogaland", "Telemark", "Troms", "Trøndelag", "Vestfold", "Vestland", "Østfold",
    )
    for _key in (_suggest(_name),)
}


def county_key(name: str) -> str:
    """The file name for a county: ``name`` itself, or for a known county written as its name
    ("Møre og Romsdal", "Østfold"), that county's key."""
    return _suggest(name) if not NAME.match(name) and _suggest(name) in COUNTY_NAMES else name


def county_display_name(key: str, given: str | None) -> str:
    """The county's name as slides show it: ``given``, else the known Norwegian county's name,
    else a :class:`UsageError` that asks for it."""
    if given:
        return given.strip()
    if key in COUNTY_NAMES:
        return COUNTY_NAMES[key]
    raise UsageError(
        f"county {key!r} is not a Norwegian county deckgen knows, so it cannot tell how its name is "
        f"written; give the name as slides should show it: deckgen new county {key} --name \"…\""
    )


def county_text(key: str, project: Project, display: str | None = None) -> str:
    """The text of a new county file with every field the library uses."""
    used = used_variables(project)
    display = county_display_name(key, display)
    meeting_keys = sorted({p[1] for p in used if p[0] == "meeting" and len(p) > 1})
    fields = _template(display, meeting_keys)
    # Fields the library uses that the template does not know: add them, nested as used.
    known = {("county", f.key) for f in fields} | {("county", f.key, c.key) for f in fields for c in f.children}
    for path in used:
        if path[0] == "county" and len(path) > 1 and path[:2] not in known and path[:3] not in known and path[1] != "key":
            _add_unknown(fields, path[1:])
    lines = [
        f"# {display}: county data, made by `deckgen new county {key}`.",
        "# Every field the slide library uses is here, with example values: replace them. Slides use",
        "# them as {{ county.<field> }}; a field a slide needs that is missing is an error naming it.",
        "# Fields no slide uses yet are commented out; remove the '# ' to use one.",
    ]
    _emit(fields, used, ("county",), "", lines)
    return "\n".join(lines) + "\n"


def _add_unknown(fields: list[Field], path: tuple[str, ...]) -> None:
    for f in fields:
        if f.key == path[0]:
            if len(path) > 1 and f.items == [] and not (f.value is not None and not f.children):
                _add_unknown(f.children, path[1:])
            return
    if len(path) == 1:
        fields.append(Field(path[0], "a field the library uses", "Eksempel"))
    else:
        child = Field(path[0], "a group of fields the library uses")
        _add_unknown(child.children, path[1:])
        fields.append(child)


def new_county(key: str, project_root: Path, display: str | None = None) -> tuple[Path, int]:
    """Create ``content/counties/NAME.yaml``; return its path and how many variables of the
    library it covers. ``NAME`` may be a county's name as written ("Møre og Romsdal"): the
    file is then named for it (more-og-romsdal.yaml) and the name kept as written."""
    key = county_key(key)
    check_name(key, "county")
    project = _project(project_root)
    text = county_text(key, project, display)
    path = _create(project.root / "content" / "counties" / f"{key}.yaml", text, project)
    return path, sum(1 for p in used_variables(project) if p[0] == "county")
