"""``deckgen import``: existing PowerPoint decks → content files deckgen builds.

The flow: :func:`read.open_presentation` (safety checks, python-pptx opens the file) →
:func:`extract.read_slide` per slide (what the file stores) → :func:`recognise.recognise`
(which layout, which fields, why) → paginated rosters joined → for several decks,
:func:`library.merge` (one library, county data) → :func:`write.plan_files` (the content
files as bytes) → :func:`write.write_files` (confined to the target folder, never
overwriting without ``force``, atomic).

This package is python-pptx's second door (reading); it never imports ``deckgen.render``:
what it knows of a deck is what the file holds, read as PowerPoint reads it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from deckgen.errors import Diagnostics, SourceLoc
from deckgen.importer.extract import SlideData, read_slide
from deckgen.importer.imported import Imported
from deckgen.importer.names import slug
from deckgen.importer.read import open_presentation
from deckgen.importer.recognise import recognise
from deckgen.model import Brand, LayoutMap

_PAGE = re.compile(r"^(.*) \((\d+)/(\d+)\)$")
DEFAULT_PER_PAGE = 10  # resolve's default for a roster


@dataclass
class DeckImport:
    """One presentation, imported: its slides and what its document properties say."""

    label: str
    stem: str
    slides: list[Imported]
    meta: dict[str, str] = field(default_factory=dict)  # title, subtitle, author, keywords, lang
    source_slides: int = 0


def brand_index(brand: Brand | None) -> dict[str, list[tuple[str, LayoutMap]]]:
    """Master layout name → the deckgen layouts a brand draws with it."""
    index: dict[str, list[tuple[str, LayoutMap]]] = {}
    if brand is not None:
        for name, mapping in brand.layouts.items():
            index.setdefault(mapping.master_layout, []).append((name, mapping))
    return index


def import_deck(path: Path, label: str, brands: list[Brand], diags: Diagnostics) -> tuple[DeckImport, Brand | None]:
    """Read and recognise one presentation. ``brands`` are the candidates (the one given
    with --brand, or the project's); the one whose master layout names the deck uses is
    taken, else none."""
    opened = open_presentation(path, label, diags)
    prs = opened.prs
    width, height = int(prs.slide_width or 0), int(prs.slide_height or 0)
    datas: list[SlideData] = [read_slide(s, n, width, height) for n, s in enumerate(prs.slides, start=1)]
    used = {d.layout_name for d in datas}
    fitting = [b for b in brands if used and used <= {m.master_layout for m in b.layouts.values()} | set(b.master_layouts)]
    # Brands may share a master's layout names (the built-in default and ks do): the footer
    # text on the slides tells them apart.
    footers = Counter(f for d in datas for f in d.footers if f)
    brand = max(fitting, key=lambda b: footers.get(b.footer, 0) if b.footer else int(not footers), default=None)
    index = brand_index(brand)
    langs: Counter[str] = Counter()
    for d in datas:
        langs.update(d.langs)
    lang = langs.most_common(1)[0][0] if langs else ""
    slides = []
    for d in datas:
        made = recognise(d, index, lang)
        if set(made.fields) == {"layout"} and not made.body and not made.notes and made.asset is None:
            diags.warning(SourceLoc(label, 1, 1), f"slide {d.number} is empty (no text, no pictures, no notes): not imported")
            continue
        slides.append(made)
    slides = join_roster_pages(slides)
    core = prs.core_properties
    meta = {
        "title": (core.title or "").strip(),
        "subtitle": (core.subject or "").strip(),
        "author": (core.author or "").strip(),
        "keywords": (core.keywords or "").strip(),
        "lang": lang,
    }
    for s in slides:
        for w in s.warnings:
            diags.warning(SourceLoc(label, 1, 1), f"slide {s.number}: {w}")
        if s.hidden:
            diags.warning(SourceLoc(label, 1, 1), f"slide {s.number} is hidden in PowerPoint: its file is written, and the deck lists it commented out")
    if not datas:
        diags.warning(SourceLoc(label, 1, 1), "the presentation has no slides; nothing to import from it")
    return DeckImport(label, path.stem, slides, meta, len(datas)), brand


def join_roster_pages(slides: list[Imported]) -> list[Imported]:
    """A roster deckgen paginated ("Styret (1/2)", "Styret (2/2)") comes back as one roster
    slide with every person, and ``per_page`` when the default would page it otherwise."""
    out: list[Imported] = []
    i = 0
    while i < len(slides):
        s = slides[i]
        m = _PAGE.match(str(s.fields.get("title", ""))) if s.layout == "roster" else None
        if m is None or m.group(2) != "1":
            out.append(s)
            i += 1
            continue
        base, total = m.group(1), int(m.group(3))
        pages = slides[i : i + total]
        if len(pages) != total or any(p.layout != "roster" or p.fields.get("title") != f"{base} ({n}/{total})" for n, p in enumerate(pages, 1)):
            out.append(s)
            i += 1
            continue
        people = [person for p in pages for person in p.fields["people"]]
        first = len(pages[0].fields["people"])
        fields = {**s.fields, "title": base, "people": people}
        if not (-(-len(people) // DEFAULT_PER_PAGE) == total and -(-len(people) // total) == first):
            fields["per_page"] = max(3, min(16, first))
        notes = s.notes
        warnings = [w for p in pages for w in p.warnings]
        out.append(Imported(s.number, "roster", fields, s.body, notes, f"{s.reason}; {total} pages joined into one roster",
                            s.hidden, None, warnings, total))
        i += total
    return out


def deck_name(path: Path) -> str:
    return slug(path.stem) or "imported"


@dataclass
class Plan:
    """What an import will write, and what to tell the user about it."""

    files: dict[str, bytes]
    rows: list[list[str]]  # one per slide written; columns named by ``headers``
    headers: list[str]
    deck_file: str
    merged: list[str] = field(default_factory=list)  # lines on how several decks became one library


def _brands(project_root: Path, wanted: str | None, diags: Diagnostics) -> list[Brand]:
    from deckgen.resolve.brand import load_brand

    loc = SourceLoc("<command line>", 1, 1)
    if wanted:
        found = load_brand(wanted, project_root, diags, loc=loc)
        return [found] if found is not None else []
    out = []
    folder = project_root / "templates"
    names = [p.parent.name for p in sorted(folder.glob("*/brand.yaml"))] if folder.is_dir() else []
    for candidate in [*names, *(["default"] if "default" not in names else [])]:  # the built-in one last
        found = load_brand(candidate, project_root, Diagnostics(), loc=loc)
        if found is not None:
            out.append(found)
    return out


def plan_import(paths: list[Path], into: Path, name: str | None, brand: str | None, diags: Diagnostics) -> Plan | None:
    """Read every deck and plan the files; None when there is nothing to import. Raises
    BuildError (nothing written) for a file that cannot be imported or an unknown brand."""
    from deckgen.errors import BuildError
    from deckgen.importer.write import Entry, deck_yaml, plan_slides

    brands = _brands(into.resolve(), brand, diags)
    if diags.errors:
        raise BuildError(diags.errors)
    decks: list[DeckImport] = []
    used: Brand | None = None
    for path in paths:
        deck, found = import_deck(path, str(path), brands, diags)
        if deck.slides:
            decks.append(deck)
            used = used or found
    if not decks:
        return None
    brand_name = brand or (used.folder.rsplit("/", 1)[-1] if used is not None and used.folder else None)
    if len(decks) > 1:
        from deckgen.importer.library import merge_plan

        return merge_plan(decks, name, brand_name)
    deck = decks[0]
    name = name or deck_name(Path(deck.stem))
    meta = dict(deck.meta)
    settle_title_defaults(deck.slides, meta)
    files, uses = plan_slides(deck.slides, name)
    meta["title"] = meta["title"] or next((s.title_text for s in deck.slides if s.title_text), "") or deck.stem
    if brand_name:
        meta["brand"] = brand_name
    entries = [Entry(u, (), s.hidden) for u, s in zip(uses, deck.slides, strict=True)]
    deck_file = f"content/decks/{name}.yaml"
    files[deck_file] = deck_yaml(meta, entries, f"Imported from {Path(deck.label).name} by deckgen import.").encode("utf-8")
    rows = [[numbers(s), s.layout, f"{u.rsplit('/', 1)[-1]}.md", s.reason] for u, s in zip(uses, deck.slides, strict=True)]
    return Plan(files, rows, ["slide", "layout", "file", "why"], deck_file)


def settle_title_defaults(slides: list[Imported], meta: dict[str, str]) -> None:
    """A title slide without a subtitle or byline says so (``subtitle: ''``), where the deck's
    settings would otherwise give it one (the deck's subtitle; its author as byline)."""
    for s in slides:
        if s.layout == "title":
            if "subtitle" not in s.fields and meta.get("subtitle"):
                s.fields["subtitle"] = ""
            if "byline" not in s.fields and meta.get("author") and meta.get("author") != meta.get("subtitle"):
                s.fields["byline"] = ""


def numbers(s: Imported) -> str:
    """The source slide number(s) an imported slide came from."""
    return str(s.number) if s.pages == 1 else f"{s.number}-{s.number + s.pages - 1}"
