"""Resolve: a ``SourceDeck`` + project + county → a ``Deck`` renderers can draw.

Expands library references and includes, applies per-county ``only``/``skip``/``override``,
substitutes variables, validates each slide's fields against its layout's schema, builds the
layout contents (roster pagination, org chart ranks, pictures read and checked) and loads the
brand. Errors are collected; the caller raises them all at once.
"""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from deckgen import schema
from deckgen.errors import Diagnostics, SourceLoc, UsageError, did_you_mean
from deckgen.layouts import REGISTRY, names
from deckgen.load.markdown import parse_block
from deckgen.load.text import decode
from deckgen.model import Deck, Located, Slide, SlideRef, SourceDeck, SourceSlide, unwrap
from deckgen.project import Project
from deckgen.resolve.brand import load_brand
from deckgen.resolve.county import county_keys, county_scope, file_name_for, load_county
from deckgen.resolve.library import Library
from deckgen.resolve.marp import marp_frame
from deckgen.resolve.slideinput import SlideInput, infer_layout
from deckgen.resolve.variables import (
    Scope,
    markdown_text,
    substitute_inline,
    substitute_located,
    substitute_str,
    substitute_table,
    substitute_text,
)

DEFAULT_LANG = "nb-NO"


def deck_counties(src: SourceDeck, project: Project, requested: str | None, diags: Diagnostics) -> list[str | None]:
    """Which counties to build: the one asked for (checked against the deck's list), every
    county the deck lists (``counties: all``: every county file), or ``[None]`` for a deck
    without counties."""
    listed = listed_counties(src, project)
    node = src.settings.get("counties")
    single = src.settings.get("county")
    if node is not None and single is not None:
        diags.error(single.key_loc or single.loc, "the deck has both 'county:' and 'counties:'", "keep one: 'county: <name>' for one county, 'counties:' for several")
        return []
    if node is not None and not listed:
        diags.error(node.loc, "'counties: all' but content/counties/ has no county files", "add content/counties/<name>.yaml, or remove 'counties:'")
        return []
    if requested is not None and requested.lower() == "all":
        requested = "all"
    if requested in (None, "all"):
        return list(listed) or [None]
    assert requested is not None
    known = list(listed) or county_keys(project)
    if requested not in known:
        # --county is typed on the command line: 'Buskerud' and 'Østfold' mean the files
        # buskerud.yaml and ostfold.yaml; anything else is a usage mistake (exit 2).
        same = [k for k in known if file_name_for(k) == file_name_for(requested)]
        if not same:
            shown = ", ".join(known) if known else "none: add content/counties/<name>.yaml"
            hint = did_you_mean(file_name_for(requested), known)
            hint = f"{hint} " if hint.startswith("did you mean") else "choose one of them "
            raise UsageError(f"--county {requested!r}: {src.loc.path} has no such county; {hint}(its counties: {shown})")
        diags.info(SourceLoc(f"content/counties/{same[0]}.yaml", 1, 1),
                   f"--county {requested!r} is this county file; county key {same[0]!r}")
        requested = same[0]
    return [requested]


def listed_counties(src: SourceDeck, project: Project) -> tuple[str, ...]:
    """The deck's counties: its list, or with ``counties: all`` every file in content/counties/
    (so that adding a county is adding its file)."""
    node = src.settings.get("counties")
    if node is not None and node.value == "all":
        return tuple(county_keys(project))
    return src.counties


def _county_loc(src: SourceDeck, county: str) -> SourceLoc:
    """Where the deck names ``county``: its entry in ``counties:``, else that key, else the deck."""
    node = src.settings.get("counties", src.settings.get("county"))
    if node is None:
        return src.loc
    if isinstance(node.value, list):
        return next((item.loc for item in node.value if item.value == county), node.loc)
    return node.loc


def resolve(src: SourceDeck, project: Project, county: str | None, diags: Diagnostics) -> Deck | None:
    """The deck for one county (or none). Returns None when any error was added."""
    before = len(diags.errors)
    settings = {k: v for k, v in src.settings.items()}
    county_data: Mapping[str, Any] = {}
    if county is not None:
        data = load_county(county, project, _county_loc(src, county), diags)
        if data is None:
            return None
        county_data = county_scope(data, county)
        example = data.value.get("example")
        if example is not None and example.value is True:
            shown = unwrap(data.value["name"]) if "name" in data.value else county
            diags.warning(example.key_loc or example.loc,
                          f"the data for {shown} is made-up example data ('example: true'), and this deck is built with it",
                          "replace the example values, then delete this line", rule="example-data")
    meeting: dict[str, Any] = dict(settings["meeting"].value) if "meeting" in settings else {}
    if "meeting" in county_data:
        meeting.update(county_data["meeting"].value)
    base = Scope({"county": county_data, "meeting": meeting}, read=_source_reader(project))
    text = {k: _text_setting(settings, k, base, diags) for k in ("title", "subtitle", "author", "date", "keywords", "pagetitle")}
    page_title = text.pop("pagetitle")
    text["date"] = text["date"] or str(unwrap(meeting.get("date")) or "")
    date_node = settings.get("date") or meeting.get("date")
    _check_date(text["date"], date_node.loc if isinstance(date_node, Located) else src.loc, diags)
    base = base.child({"deck": {k: v for k, v in text.items() if v}})
    lang = str(settings["lang"].value) if "lang" in settings else DEFAULT_LANG
    brand_name = str(settings["brand"].value) if "brand" in settings else _default_brand(project)
    brand = load_brand(brand_name, project.root, diags, loc=settings["brand"].loc if "brand" in settings else src.loc)
    # The title slide's byline: meeting, place, date — less what the subtitle already says.
    # A deck without a meeting (a plain Markdown talk) names its author instead, as pandoc does.
    who = (unwrap(meeting.get("name")), unwrap(meeting.get("place"))) if meeting else (text["author"],)
    byline = ", ".join(str(v) for v in (*who, text["date"]) if v and str(v) != text["subtitle"])
    library = Library(project)
    slides: list[Slide] = []
    refs = list(src.slides)
    # pandoc makes a title slide of the front matter; Marp's title names the document only
    # (unless the file has no slide at all: then the title is the deck).
    if src.path.endswith((".md", ".markdown")) and text["title"] and (src.dialect != "marp" or not refs):
        first_layout = refs[0].inline.fields.get("layout") if refs and refs[0].inline else None
        if first_layout is None or first_layout.value != "title":
            refs.insert(0, SlideRef(src.loc, inline=SourceSlide({"layout": Located("title", src.loc)}, (), (), src.loc)))
    known = county_keys(project)
    for index, ref in enumerate(refs):
        for key in (*ref.only, *ref.skip, *ref.override):
            if key not in known:
                diags.error(ref.county_locs.get(key, ref.loc), f"unknown county {key!r} in the slide entry", did_you_mean(key, known))
        if county is not None and county in ref.override:
            ref = ref.override[county]
        if ref.only and county not in ref.only:
            continue
        if county is not None and county in ref.skip:
            continue
        scope = base
        if ref.params:
            for key in set(ref.params) & set(base.names()):
                # A parameter named like county/meeting/deck would hide that data in the slide.
                node = ref.params[key]
                diags.error(node.key_loc or node.loc, f"parameter {key!r} would hide {{{{ {key}.… }}}} in the slide", "give the parameter another name")
            params = {k: substitute_located(v, base, diags) for k, v in ref.params.items()}
            scope = base.child(params)
        sources = library.slides(ref.use, ref.loc, diags) if ref.use else (ref.inline,) if ref.inline else ()
        for n, source in enumerate(sources):
            slides.extend(
                _slide(source, scope, diags, project, lang, text, byline, first=(index == 0 and n == 0))
            )
        for key, node in ref.params.items():
            if sources and key not in scope.used:
                diags.warning(
                    node.key_loc or node.loc,
                    f"parameter {key!r} is not used by the slide file '{ref.use or 'inline slide'}'",
                    f"write {{{{ {key} }}}} in the slide where it belongs, or remove it",
                    rule="unused-parameter",
                )
    if brand is not None:
        for slide in slides:
            if slide.layout not in brand.layouts:
                diags.error(
                    slide.loc,
                    f"the brand {brand.name!r} has no master layout for the {slide.layout!r} layout",
                    f"map it under 'layouts:' in the brand's brand.yaml (mapped: {', '.join(sorted(brand.layouts))})",
                )
    if len(diags.errors) > before or brand is None:
        return None
    if not slides:
        diags.error(src.loc, f"the deck has no slides for {county or 'this build'}", "check 'only:' and 'skip:' in the slide list")
        return None
    name = f"{src.name}-{county}" if county else src.name
    if src.dialect == "marp":
        brand = marp_frame(brand, settings, diags)
    return Deck(
        name=name,
        title=text["title"] or page_title or src.name,
        subtitle=text["subtitle"],
        author=text["author"] or brand.name,
        date=text["date"],
        lang=lang,
        brand=brand,
        slides=tuple(slides),
        county=county,
        keywords=text["keywords"],
        loc=src.loc,
        timestamp=document_timestamp(text["date"]),
        example=county is not None and "example" in county_data and county_data["example"].value is True,
    )


def _source_reader(project: Project) -> Callable[[str], str | None]:
    """Content file text by project-relative path, read once, for messages that point at the
    exact column of a variable."""
    cache: dict[str, str | None] = {}

    def read(rel: str) -> str | None:
        if rel not in cache:
            try:
                cache[rel] = decode((project.root / rel).read_bytes(), rel, Diagnostics())
            except OSError:
                cache[rel] = None
        return cache[rel]

    return read


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _calendar_day(date: str) -> datetime.date | None:
    """The day a YYYY-MM-DD date names, or None (other text, or no such day)."""
    if not _ISO_DAY.fullmatch(date):
        return None
    try:
        return datetime.date.fromisoformat(date)
    except ValueError:
        return None


def _check_date(date: str, loc: SourceLoc, diags: Diagnostics) -> None:
    """A date written as YYYY-MM-DD must exist in the calendar (it becomes the file's date);
    any other text ("5. mars 2025") is shown as written."""
    if _ISO_DAY.fullmatch(date) and _calendar_day(date) is None:
        diags.error(loc, f"{date!r} is not a date in the calendar", "write a real date as YYYY-MM-DD")


def _default_brand(project: Project) -> str:
    return "ks" if (project.root / "templates" / "ks" / "brand.yaml").is_file() else "default"


def _text_setting(settings: Mapping[str, Located], key: str, scope: Scope, diags: Diagnostics) -> str:
    node = settings.get(key)
    if node is None or node.value is None:
        return ""
    return substitute_str(str(node.value), scope, node.loc, diags)


def _slide(source: SourceSlide, scope: Scope, diags: Diagnostics, *args: Any, **kwargs: Any) -> list[Slide]:
    """Build one source slide; its messages say where a library slide was used."""
    inner = Diagnostics()
    slides = _build_slide(source, scope, inner, *args, **kwargs)
    origin = source.loc.included_from
    for d in inner:
        if origin is not None:
            d = replace(d, loc=_attach(d.loc, origin, source.loc.path))
        diags.items.append(d)
    return slides


def _attach(loc: SourceLoc, origin: SourceLoc, path: str) -> SourceLoc:
    """Extend ``loc``'s chain: where it ends in the slide's own file, add where the slide was
    used (a county value → the slide's variable → the deck's slide entry)."""
    if loc.included_from is not None:
        return replace(loc, included_from=_attach(loc.included_from, origin, path))
    return replace(loc, included_from=origin) if loc.path == path else loc


def _build_slide(
    source: SourceSlide,
    scope: Scope,
    diags: Diagnostics,
    project: Project,
    lang: str,
    text: Mapping[str, str],
    byline: str,
    *,
    first: bool,
) -> list[Slide]:
    layout_node = source.fields.get("layout")
    layout: str | None = None
    before = len(diags.errors)
    if layout_node is not None:
        if not isinstance(layout_node.value, str):
            diags.error(layout_node.loc, "'layout' must be a layout name", did_you_mean("", names()))
        elif layout_node.value not in REGISTRY:
            diags.error(layout_node.loc, f"unknown layout {layout_node.value!r}", did_you_mean(layout_node.value, names()))
        else:
            layout = layout_node.value
    else:
        layout = infer_layout(source, first)
    fields: dict[str, Located] = dict(source.fields)
    if layout is not None:
        schema.check_against(Located(dict(source.fields), source.loc), schema.slide_schema(layout), diags, f"{layout} slide")
        for key in schema.required_fields(layout):
            if key not in source.fields and not (key == "columns" and source.columns):
                diags.error(source.loc, f"the {layout} slide needs '{key}:'", f"add '{key}:' to the slide's front matter")
    if len(diags.errors) == before:
        fields = {k: substitute_located(v, scope, diags) for k, v in source.fields.items()}
        if len(diags.errors) == before and layout is not None:
            schema.check_against(Located(fields, source.loc), schema.slide_schema(layout), diags, f"{layout} slide")
    # The body, notes and heading are substituted even when a field failed, so that one run
    # reports every problem of the slide.
    body = substitute_text(source.body, scope, diags, source.loc)
    table = substitute_table(source.table, scope, source.table_loc or source.loc, diags) if source.table else ()
    notes = substitute_text(source.notes, scope, diags, source.loc)
    heading = source.heading
    if heading:
        heading = substitute_inline(heading, scope, source.heading_loc or source.loc, diags)
    columns = tuple(
        (substitute_inline(h, scope, source.loc, diags) if h else h, substitute_text(b, scope, diags, source.loc))
        for h, b, _ in source.columns
    )
    if len(diags.errors) > before or layout is None:
        return []
    _unplaced_pictures(source, layout, fields, diags)
    if "notes" in fields:
        notes = parse_block(markdown_text(fields["notes"]), fields["notes"].loc.path, fields["notes"].loc, diags) + notes
    src = replace(source, fields=fields, heading=heading, table=table)
    inp = SlideInput(src, fields, body, notes, layout, lang, project, text["title"], text["subtitle"], byline, columns)
    return REGISTRY[layout].build(inp, diags)


def _unplaced_pictures(source: SourceSlide, layout: str, fields: Mapping[str, Located], diags: Diagnostics) -> None:
    """A picture in a paragraph of its own is shown only by an image or image-text slide, and
    only one (the first; on image-text the first beside the text) when no ``image:`` is given;
    any other is named in a warning, never dropped silently."""
    shows = layout in ("image", "image-text") and "image" not in fields
    shown = None
    if shows and source.images:  # image-text shows the first picture beside the text, if any
        shown = next((i for i in source.images if layout == "image-text" and i.bg in ("left", "right")), source.images[0])
    for image in source.images:
        if image is shown:
            continue
        where = f"an {layout} slide shows one picture" if layout in ("image", "image-text") else f"a {layout} slide has no place for a picture"
        marp = ""
        if layout not in ("image", "image-text"):  # a layout named by hand: say which one shows it
            marp = {"left": " (Marp's ![bg left] beside the text: the image-text layout shows it)",
                    "right": " (Marp's ![bg right] beside the text: the image-text layout shows it)"}.get(
                image.bg, " (Marp's ![bg] backgrounds too)")
        diags.warning(image.loc, f"the picture '{image.src}' is left out: {where}{marp}",
                      "give it a slide of its own: '---', then the picture alone in a paragraph", rule="dropped-picture")


def document_timestamp(date: str) -> str:
    """:attr:`Deck.timestamp`: midnight of ``date`` when it is YYYY-MM-DD (already checked to
    be a real day), else ``SOURCE_DATE_EPOCH`` (reproducible-builds.org: seconds since 1970,
    UTC), else '' — never the clock. A text date ("5. mars 2025") is shown, not used here."""
    day = _calendar_day(date)  # an impossible day is a located error already
    if day is not None:
        return datetime.datetime.combine(day, datetime.time()).isoformat()
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        return ""
    try:
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).replace(tzinfo=None).isoformat()
    except (OverflowError, OSError, ValueError):
        raise UsageError(f"SOURCE_DATE_EPOCH={epoch} is not a time deckgen can use; give seconds since 1970 (or unset it)") from None


__all__ = ["resolve", "deck_counties", "document_timestamp"]
