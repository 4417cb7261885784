"""Load: content files → located, unresolved values (``SourceDeck``, ``SourceSlide``).

Two kinds of deck file: a YAML deck (``content/decks/<name>.yaml``) that lists library slides
and inline slides, and a plain Markdown deck in the pandoc/Marp style (front matter with
title/author/date, slides split by ``---`` or headings, ``::: notes`` or comment notes).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from deckgen import schema
from deckgen.errors import Diagnostics, SourceLoc, did_you_mean
from deckgen.load.markdown import parse_markdown
from deckgen.load.text import read_text
from deckgen.load.yamlsrc import load_yaml_file
from deckgen.model import Located, SlideRef, SourceDeck, SourceSlide, plain

# Front matter keys of a plain Markdown deck that deckgen uses; the rest (marp: true, theme,
# paginate, …) belong to other tools and are ignored with a note in `deckgen check`.
MARKDOWN_DECK_KEYS = ("title", "subtitle", "author", "date", "lang", "brand", "keywords", "pagetitle")
# Keys whose value pandoc takes in any YAML form and shows as text: a list of authors, a date
# YAML reads as a number, keywords as a list.
_AS_TEXT = ("title", "subtitle", "author", "date", "keywords", "pagetitle")
# Marp's deck-wide directives deckgen reads (the footer, slide numbers, the slide size).
MARP_DECK_KEYS = ("paginate", "header", "footer", "size")
# Keys that belong to the tools people arrive from (Marp, pandoc, Quarto, reveal.js); they are
# ignored quietly. Any other unknown key is likely a typo and gets a warning.
FOREIGN_KEYS = frozenset(
    {
        "marp", "theme", "paginate", "class", "header", "footer", "size", "style", "math",
        "headingDivider", "backgroundColor", "backgroundImage", "color", "transition",
        "institute", "aspectratio", "slide-level", "revealjs-url", "format", "execute",
        "editor", "jupyter", "output", "documentclass", "classoption", "navigation",
        "incremental", "slideNumber", "controls", "progress", "hash", "center",
        "description", "url", "image", "backgroundPosition", "backgroundRepeat", "backgroundSize",
        "abstract", "subject", "titlegraphic", "logo", "fontsize", "mainfont", "colortheme",
        "fonttheme", "bibliography", "csl", "link-citations", "toc", "toc-title", "toc-depth",
        "header-includes", "css", "width", "height", "margin", "reference-doc", "highlight-style",
        "monofont", "sansfont", "section-titles", "linkcolor", "urlcolor",
    }
)


def load_deck(path: Path, rel: str, diags: Diagnostics) -> SourceDeck | None:
    """Load a deck file (``.yaml``/``.yml`` or ``.md``) into a ``SourceDeck``."""
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return _load_yaml_deck(path, rel, diags)
    if suffix in (".md", ".markdown"):
        return _load_markdown_deck(path, rel, diags)
    diags.error(SourceLoc(rel, 1, 1), f"{rel} is neither a YAML deck nor a Markdown deck", "give a .yaml or .md file")
    return None


def load_slide_file(path: Path, rel: str, diags: Diagnostics, included_from: SourceLoc | None) -> tuple[SourceSlide, ...]:
    """Load a library slide file: its slides, each with its fields (front matter / fenced)."""
    text = read_text(path, rel, diags, included_from)
    if text is None:
        return ()
    return tuple(parse_markdown(text, rel, diags, included_from=included_from).slides)


def _load_yaml_deck(path: Path, rel: str, diags: Diagnostics) -> SourceDeck | None:
    root = load_yaml_file(path, rel, diags)
    if root is None:
        return None
    if not isinstance(root.value, dict):
        diags.error(root.loc, "a deck file must be a mapping (title:, slides:, …)", "see docs/content.md")
        return None
    before = len(diags.errors)
    schema.check_against(root, schema.DECK, diags, "deck")
    if len(diags.errors) > before:
        return None
    settings = {k: v for k, v in root.value.items() if k != "slides"}
    slides = tuple(r for r in (slide_ref(item, rel, diags) for item in root.value["slides"].value) if r)
    counties: tuple[str, ...] = ()
    # `counties: all` (every county file) is expanded by resolve, which knows the project.
    if "counties" in settings and isinstance(settings["counties"].value, list):
        counties = tuple(str(c.value) for c in settings["counties"].value)
    elif "county" in settings:
        counties = (str(settings["county"].value),)
    return SourceDeck(rel, path.stem, settings, slides, counties, root.loc)


_REF_KEYS = ("use", "with", "only", "skip", "override")


def slide_ref(item: Located, rel: str, diags: Diagnostics) -> SlideRef | None:
    """One entry of a deck's ``slides:`` list: ``{use: name, with: {...}, only/skip/override}``
    or an inline slide (``{layout: ..., title: ..., ...}``)."""
    if isinstance(item.value, str):
        return SlideRef(item.loc, use=item.value)
    if not isinstance(item.value, dict):
        diags.error(item.loc, "a slide entry must be a slide name or a mapping", "write '- use: <slide file>' or an inline slide with 'layout:'")
        return None
    fields = item.value
    before = len(diags.errors)
    schema.check_against(item, {**schema.SLIDE_REF, "additionalProperties": True}, diags, "slide entry")
    if len(diags.errors) > before:
        return None
    only = tuple(str(c.value) for c in fields["only"].value) if "only" in fields else ()
    skip = tuple(str(c.value) for c in fields["skip"].value) if "skip" in fields else ()
    county_locs = {str(c.value): c.loc for key in ("only", "skip") if key in fields for c in fields[key].value}
    if "override" in fields:
        county_locs.update({k: v.key_loc or v.loc for k, v in fields["override"].value.items()})
    override: dict[str, SlideRef] = {}
    if "override" in fields:
        for county, repl in fields["override"].value.items():
            ref = slide_ref(repl, rel, diags)
            if ref is not None:
                override[county] = ref
    params = dict(fields["with"].value) if "with" in fields else {}
    if "use" in fields:
        extra = [k for k in fields if k not in _REF_KEYS]
        for key in extra:
            diags.error(fields[key].key_loc or fields[key].loc, f"unknown key {key!r} in a slide entry with 'use'", "put slide fields in 'with:' or in the slide file")
        return SlideRef(item.loc, use=str(fields["use"].value), params=params, only=only, skip=skip, override=override, county_locs=county_locs)
    slide_fields = {k: v for k, v in fields.items() if k not in _REF_KEYS}
    if "layout" not in slide_fields:
        diags.error(item.loc, "a slide entry needs 'use:' (a library slide) or 'layout:' (an inline slide)", "add one of them")
        return None
    body = ()
    inline = SourceSlide(fields=slide_fields, body=body, notes=(), loc=item.loc)
    return SlideRef(item.loc, inline=inline, params=params, only=only, skip=skip, override=override, county_locs=county_locs)


def _load_markdown_deck(path: Path, rel: str, diags: Diagnostics) -> SourceDeck | None:
    """A plain Markdown deck: the front matter is the deck's (title slide, lang, brand), never
    the first slide's; the slides are the file's."""
    text = read_text(path, rel, diags)
    if text is None:
        return None
    mdfile = parse_markdown(text, rel, diags, deck=True)
    settings: dict[str, Located] = {}
    slides = list(mdfile.slides)
    if mdfile.front is not None:
        front = mdfile.front.value
        settings = {k: _as_text(v) if k in _AS_TEXT else v for k, v in front.items() if k in MARKDOWN_DECK_KEYS}
        for key, value in front.items():
            _check_front_key(key, value, diags)
        if slides:
            # parse_markdown gave the front matter to the first slide, as a library file
            # wants; here it is the deck's. A first slide that was nothing but front matter
            # (a file of front matter alone) is no slide at all: the deck is its title slide.
            first = _without_fields(slides[0], front)
            slides[0:1] = [] if _is_empty(first) else [first]
    for key in MARKDOWN_DECK_KEYS:
        if key in settings and not isinstance(settings[key].value, str):
            from deckgen.load.yamlsrc import yaml_surprise

            diags.error(settings[key].loc, f"{key!r} must be text", yaml_surprise(settings[key]) or "write it in quotes")
    settings.update({k: v for k, v in mdfile.directives.items() if k in MARP_DECK_KEYS})
    if slides and "title" in settings and isinstance(settings["title"].value, str):
        slides[0] = _as_title_slide(slides[0], settings["title"].value)
    refs = tuple(SlideRef(s.loc, inline=s) for s in slides)
    if not refs and "title" not in settings:
        diags.error(SourceLoc(rel, 1, 1), "the Markdown deck has no slides", "write a '# Heading' or '---' separated slides")
        return None
    return SourceDeck(rel, path.stem, settings, refs, (), SourceLoc(rel, 1, 1), dialect=mdfile.dialect)


def _as_text(node: Located) -> Located:
    """A front matter value as the text pandoc shows: a list joined with commas (authors given
    as ``{name: …}`` by their names), a number or date as written."""
    value = node.value
    if isinstance(value, list):
        parts = []
        for item in value:
            inner = item.value
            if isinstance(inner, dict):
                inner = inner["name"].value if "name" in inner else None
            if inner is not None and not isinstance(inner, (dict, list)):
                parts.append(item.raw if item.raw is not None else str(inner))
        return Located(", ".join(parts), node.loc, node.key_loc)
    if value is not None and not isinstance(value, (str, dict)):
        return Located(node.raw if node.raw is not None else str(value), node.loc, node.key_loc)
    return node


def _slide_keys() -> frozenset[str]:
    """Every field name a slide can have (any layout)."""
    return schema.all_slide_keys()


def _check_front_key(key: str, value: Located, diags: Diagnostics) -> None:
    """Warn about a key of a Markdown deck's front matter that deckgen does not use.

    Deck keys are used; other tools' keys are ignored quietly. A slide field (``notes``,
    ``layout``, ``minutes``) is not applied to any slide: the front matter is the deck's, and
    the deck's first slide is the title slide made from it, so "the first slide" would be
    ambiguous. The warning says where such a field goes instead.
    """
    if key in MARKDOWN_DECK_KEYS or key in FOREIGN_KEYS:
        return
    where = value.key_loc or value.loc
    if key in _slide_keys():
        diags.warning(
            where,
            f"front matter key {key!r} is a slide field, and a Markdown deck's front matter is the deck's; it is not used",
            "put it in a 'yaml slide' block at the top of the slide it is for",
            rule="unused-key",
        )
        return
    hint = did_you_mean(key, MARKDOWN_DECK_KEYS)
    if not hint.startswith("did you mean"):
        hint = f"deckgen reads {', '.join(MARKDOWN_DECK_KEYS)}"
    diags.warning(where, f"front matter key {key!r} is not used by deckgen", hint, rule="unused-key")


def _as_title_slide(slide: SourceSlide, title: str) -> SourceSlide:
    """A first slide headed with the front matter's title is the deck's title slide (Marp's
    ``<!-- _class: lead -->`` slide, pandoc's title written out): it becomes the ``title``
    layout, its text the subtitle, instead of following a second title slide made from
    ``title:``. A slide with a list, a picture, a table or its own layout stays as it is."""
    def same(text: str) -> bool:
        return " ".join(text.split()).casefold() == " ".join(title.split()).casefold()

    if "layout" in slide.fields or not slide.heading or not same(plain(slide.heading)):
        return slide
    if slide.images or slide.table or any(p.kind != "text" for p in slide.body):
        return slide
    return replace(slide, fields={**slide.fields, "layout": Located("title", slide.heading_loc or slide.loc)})


def _without_fields(slide: SourceSlide, front: dict[str, Located]) -> SourceSlide:
    """``slide`` less the fields it took from the front matter (a fenced block's stay)."""
    return replace(slide, fields={k: v for k, v in slide.fields.items() if k not in front or v is not front[k]})


def _is_empty(slide: SourceSlide) -> bool:
    return not (slide.fields or slide.body or slide.notes or slide.heading or slide.images or slide.table or slide.columns)
