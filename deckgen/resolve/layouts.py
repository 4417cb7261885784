"""Turning a slide's substituted fields and Markdown body into a model ``Slide``.

One function per layout, in ``BUILDERS``; each takes the same :class:`SlideInput` and returns
the slides it makes (a roster may make several). Field values here are already validated
against the layout's schema and have their variables substituted.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from deckgen import words
from deckgen.errors import Diagnostics, SourceLoc, did_you_mean
from deckgen.load.markdown import parse_block, parse_inline
from deckgen.model import (
    BulletsContent,
    Column,
    ColumnsContent,
    DiscussionContent,
    ImageContent,
    Inline,
    Located,
    OrgChartContent,
    OrgEdge,
    OrgNode,
    Para,
    Person,
    QuestionContent,
    RosterContent,
    Run,
    SectionContent,
    Slide,
    SourceSlide,
    TableContent,
    Text,
    Tile,
    TilesContent,
    TitleContent,
    is_safe_href,
    plain,
    text_plain,
)
from deckgen.project import Project
from deckgen.resolve.images import placeholder_image, read_image
from deckgen.resolve.variables import markdown_text
from deckgen.schema import plain as plain_yaml

DEFAULT_PER_PAGE = 10

@dataclass(frozen=True)
class SlideInput:
    """What a layout builder gets: the source slide, its substituted fields and body."""

    source: SourceSlide
    fields: dict[str, Located]
    body: Text
    notes: Text
    layout: str
    lang: str
    project: Project
    deck_title: str
    deck_subtitle: str
    byline: str
    columns: tuple[tuple[Inline, Text], ...] = ()  # pandoc's ::: column divs, substituted

    def loc(self, key: str) -> SourceLoc:
        node = self.fields.get(key)
        return node.loc if node is not None else self.source.loc

    def value(self, key: str, default: Any = None) -> Any:
        node = self.fields.get(key)
        return default if node is None else plain_yaml(node)

    def inline(self, key: str, diags: Diagnostics) -> Inline:
        node = self.fields.get(key)
        if node is None or node.value is None:
            return ()
        return parse_inline(markdown_text(node), self.loc(key).path, self.loc(key), diags)

    def block(self, key: str, diags: Diagnostics) -> Text:
        node = self.fields.get(key)
        if node is None or node.value is None:
            return ()
        return parse_block(markdown_text(node), self.loc(key).path, self.loc(key), diags)

    def title(self, diags: Diagnostics) -> Inline:
        return self.inline("title", diags) if "title" in self.fields else self.source.heading


def _slide(inp: SlideInput, title: Inline, content: Any, diags: Diagnostics, hidden: str = "") -> Slide:
    hidden_title = inp.value("hidden_title") or plain(title) or hidden
    title_loc = inp.fields["title"].loc if "title" in inp.fields else inp.source.heading_loc
    return Slide(inp.layout, title, content, inp.notes, str(hidden_title), inp.source.loc, title_loc)


def build_title(inp: SlideInput, diags: Diagnostics) -> list[Slide]:
    title = inp.title(diags) or (Run(inp.deck_title),)
    subtitle = inp.block("subtitle", diags) or inp.body or (_para(inp.deck_subtitle) if inp.deck_subtitle else ())
    byline = inp.block("byline", diags) or (_para(inp.byline) if inp.byline else ())
    return [_slide(inp, title, TitleContent(subtitle, byline), diags)]


def build_section(inp: SlideInput, diags: Diagnostics) -> list[Slide]:
    return [_slide(inp, inp.title(diags), SectionContent(inp.block("subtitle", diags) or inp.body), diags)]


def build_bullets(inp: SlideInput, diags: Diagnostics) -> list[Slide]:
    body = inp.block("body", diags) or inp.body
    items = inp.fields.get("items")
    if items is not None:
        body = body + _items(items, diags)
    return [_slide(inp, inp.title(diags), BulletsContent(body), diags)]


def _items(node: Located, diags: Diagnostics) -> Text:
    """``items:`` data (strings, or ``{name, facts}`` as a bullet with sub-bullets) → bullets."""
    paras: list[Para] = []
    for item in node.value:
        if isinstance(item.value, dict):
            name = item.value["name"]
            paras.append(Para(parse_inline(markdown_text(name), name.loc.path, name.loc, diags), "bullet", 0, False, name.loc))
            facts = item.value.get("facts")
            for fact in facts.value if facts is not None else []:
                paras.append(Para(parse_inline(markdown_text(fact), fact.loc.path, fact.loc, diags), "bullet", 1, False, fact.loc))
        else:
            paras.append(Para(parse_inline(markdown_text(item), item.loc.path, item.loc, diags), "bullet", 0, False, item.loc))
    return tuple(paras)


def build_columns(inp: SlideInput, diags: Diagnostics) -> list[Slide]:
    columns = []
    widths: tuple[float, ...] = ()
    if "columns" in inp.fields:
        for node in inp.fields["columns"].value:
            heading = parse_inline(markdown_text(node.value["heading"]), node.loc.path, node.loc, diags)
            body_node = node.value.get("body")
            body = parse_block(markdown_text(body_node), node.loc.path, body_node.loc, diags) if body_node else ()
            columns.append(Column(heading, body))
    else:  # pandoc's ::: columns, already parsed (substituted by resolve)
        columns = [Column(heading, body) for heading, body, _ in inp.columns]
        widths = column_widths([width for _, _, width in inp.source.columns], inp.source.loc, diags)
    intro = inp.block("intro", diags) or inp.body
    return [_slide(inp, inp.title(diags), ColumnsContent(tuple(columns), intro, widths), diags)]


def column_widths(written: list[str], loc: SourceLoc, diags: Diagnostics) -> tuple[float, ...]:
    """pandoc's ``width="40%"`` of each column → relative widths; () when none is given. A
    column without a width gets an equal share of what the others leave."""
    if not any(written):
        return ()
    values: list[float | None] = []
    for width in written:
        number = width.strip().rstrip("%")
        try:
            values.append(float(number) if width else None)
        except ValueError:
            diags.warning(loc, f"column width {width!r} is not a percentage; the columns share the width equally",
                          'write width="40%"', rule="column-width")
            return ()
    given = sum(v for v in values if v is not None)
    missing = values.count(None)
    rest = max(100.0 - given, 10.0 * missing) / missing if missing else 0.0
    return tuple(v if v is not None else rest for v in values)


def build_orgchart(inp: SlideInput, diags: Diagnostics) -> list[Slide]:
    bodies = inp.fields["bodies"].value
    ids = [str(plain_yaml(b.value["id"])) for b in bodies]
    electors: dict[str, list[str]] = {}
    edges: list[OrgEdge] = []
    seen: set[str] = set()
    for body in bodies:
        node_id = str(plain_yaml(body.value["id"]))
        if node_id in seen:
            diags.error(body.value["id"].loc, f"two bodies have the id {node_id!r}", "give each body its own id")
            continue  # the first body keeps the id; its electors are not mixed with these
        seen.add(node_id)
        electors[node_id] = []
        by = body.value.get("elected_by")
        for item in by.value if by else []:
            source = str(item.value)
            if source not in ids:
                diags.error(item.loc, f"'elected_by' names {source!r}, which is not a body on this chart", did_you_mean(source, ids))
                continue
            electors[node_id].append(source)
            edges.append(OrgEdge(source, node_id, "", item.loc))
    ranks = _ranks(electors, inp.fields["bodies"].loc, diags)
    slots: dict[int, int] = {}
    nodes = []
    for body in bodies:
        node_id = str(plain_yaml(body.value["id"]))
        rank = ranks.get(node_id, 0)
        slot = slots.get(rank, 0)
        slots[rank] = slot + 1
        name = parse_inline(markdown_text(body.value["name"]), body.loc.path, body.loc, diags)
        facts_node = body.value.get("facts")
        facts: Text = ()
        if facts_node is not None:
            if isinstance(facts_node.value, list):
                facts = tuple(
                    Para(parse_inline(markdown_text(f), f.loc.path, f.loc, diags), "bullet", 0, False, f.loc)
                    for f in facts_node.value
                )
            else:
                facts = parse_block(markdown_text(facts_node), facts_node.loc.path, facts_node.loc, diags)
        nodes.append(OrgNode(node_id, name, facts, rank, slot, body.loc))
    content = OrgChartContent(tuple(nodes), tuple(edges), inp.value("direction", "right"), (max(ranks.values()) + 1) if ranks else 1)
    return [_slide(inp, inp.title(diags), content, diags)]


def _ranks(electors: dict[str, list[str]], loc: SourceLoc, diags: Diagnostics) -> dict[str, int]:
    """Rank = length of the longest chain of electors above a body (electors come first)."""
    ranks: dict[str, int] = {}
    visiting: list[str] = []

    def rank(node: str) -> int:
        if node in ranks:
            return ranks[node]
        if node in visiting:
            cycle = " -> ".join([*visiting[visiting.index(node):], node])
            diags.error(loc, f"the bodies elect each other in a circle: {cycle}", "an org chart's 'elected_by' must not loop")
            return 0
        visiting.append(node)
        value = 1 + max((rank(e) for e in electors[node]), default=-1)
        visiting.pop()
        ranks[node] = value
        return value

    for node in electors:
        rank(node)
    return ranks


def build_roster(inp: SlideInput, diags: Diagnostics) -> list[Slide]:
    people_node = inp.fields.get("people")
    if people_node is None:
        diags.error(inp.source.loc, "a roster needs 'people:' (a list, or \"{{ county.board.members }}\")", "add the people")
        return []
    people = []
    for item in people_node.value:
        entry = plain_yaml(item)
        if not isinstance(entry, dict) or "name" not in entry:
            diags.error(item.loc, "each person needs at least 'name:'", "write name:, place:, role:")
            continue
        people.append(Person(str(entry["name"]), str(entry.get("place", "") or ""), str(entry.get("role", "") or "")))
    per_page = int(inp.value("per_page", DEFAULT_PER_PAGE))
    pages = [people[i : i + per_page] for i in range(0, len(people), per_page)] or [[]]
    # Balance the pages so the last is not a lonely one or two.
    if len(pages) > 1:
        size = -(-len(people) // len(pages))
        pages = [people[i : i + size] for i in range(0, len(people), size)]
    title = inp.title(diags)
    return [
        _slide(inp, _page_title(title, n + 1, len(pages)), RosterContent(tuple(page), n + 1, len(pages)), diags)
        for n, page in enumerate(pages)
    ]


def _page_title(title: Inline, page: int, pages: int) -> Inline:
    """A paginated roster page's title with its page mark, "Styret (1/2)": the one place the
    mark is made, so both renderers show it and check measures it as part of the title."""
    if pages < 2 or not title:
        return title
    return (*title, Run(f" ({page}/{pages})"))


def build_tiles(inp: SlideInput, diags: Diagnostics) -> list[Slide]:
    tiles = []
    for item in inp.fields["tiles"].value:
        entry = item.value
        url = str(plain_yaml(entry["url"]))
        if not is_safe_href(url):
            diags.error(entry["url"].loc, f"tile link {url!r} is not a full http, https or mailto address", "write a full https:// address")
            continue
        title = parse_inline(markdown_text(entry["title"]), item.loc.path, entry["title"].loc, diags)
        caption = str(plain_yaml(entry["caption"])) if "caption" in entry else _short_url(url)
        kind = str(plain_yaml(entry["kind"])) if "kind" in entry else ("video" if _is_video(url) else "link")
        tiles.append(Tile(title, url, kind, caption))  # type: ignore[arg-type]
    return [_slide(inp, inp.title(diags), TilesContent(tuple(tiles)), diags)]


def _short_url(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    host = parts.netloc.removeprefix("www.")
    path = parts.path.rstrip("/")
    return f"{host}{path}" if len(host + path) <= 40 else host


def _is_video(url: str) -> bool:
    host = urllib.parse.urlsplit(url).netloc.lower()
    return host.endswith(("youtu.be", "youtube.com", "vimeo.com"))


def build_image(inp: SlideInput, diags: Diagnostics) -> list[Slide]:
    src = inp.value("image")
    alt = inp.value("alt")
    loc = inp.loc("image")
    credit = str(inp.value("credit", "") or "")
    fit = inp.value("fit", "cover")
    if src is None and inp.source.images:
        image = inp.source.images[0]
        src, loc = image.src, image.loc
        alt = alt if alt is not None else image.alt
        # pandoc's figure under a heading shows its caption, whole; a picture alone on its
        # slide is full-bleed, its caption the alt text
        caption = image.caption if inp.source.heading else ""
        credit = credit or caption
        if "fit" not in inp.fields and (image.fit == "contain" or image.width or image.height or caption):
            fit = "contain"  # a picture with a size or a caption is shown whole, not cropped
        for extra in inp.source.images[1:]:
            diags.warning(extra.loc, f"only one picture shows on a picture slide; {extra.src!r} is left out",
                          "put each picture on a slide of its own", rule="picture-dropped")
    if src is None:
        diags.error(inp.source.loc, "an image slide needs 'image:' or a Markdown picture ![alt](file)", "add the picture")
        return []
    if is_remote(str(src)):
        diags.warning(loc, f"the picture {src!r} is on the web; the build stays offline and shows a placeholder with its alt text",
                      "download it into the project and name the file", rule="remote-picture")
        asset = placeholder_image(str(src), str(alt or src), loc)
    else:
        base = (inp.project.root / loc.path).parent
        path = inp.project.locate(str(src), base=base, loc=loc, diags=diags, what="picture")
        if path is None:
            return []
        asset = read_image(path, inp.project.rel(path), diags, loc)
    if asset is None:
        return []
    focus = tuple(inp.value("focus", (0.5, 0.5)))
    content = ImageContent(asset, str(alt or ""), credit, fit, (float(focus[0]), float(focus[1])))
    return [_slide(inp, inp.title(diags), content, diags, hidden=str(alt or credit or ""))]


def is_remote(src: str) -> bool:
    return urllib.parse.urlsplit(src.strip()).scheme.lower() in ("http", "https")


def build_discussion(inp: SlideInput, diags: Diagnostics) -> list[Slide]:
    prompt = inp.block("prompt", diags) or inp.body
    if not prompt:
        diags.error(inp.source.loc, "a discussion slide needs a prompt ('prompt:' or text under the front matter)", "write the question to discuss")
        return []
    minutes = int(inp.value("minutes"))
    pairing = str(inp.value("pairing", "") or "")
    label = words.discussion_label(inp.lang, minutes, pairing)
    title = inp.title(diags)
    if title:
        label = plain(title)  # a title replaces the composed "Diskuter 3 minutter …" heading
    else:
        title = (Run(label),)
    return [_slide(inp, title, DiscussionContent(prompt, minutes, pairing, label), diags, hidden=label)]


def build_question(inp: SlideInput, diags: Diagnostics) -> list[Slide]:
    question = inp.block("question", diags) or inp.body or (_para_runs(inp.source.heading) if inp.source.heading else ())
    if not question:
        diags.error(inp.source.loc, "a question slide needs 'question:' or text", "write the question")
        return []
    title = inp.inline("title", diags) if "title" in inp.fields else ()
    return [_slide(inp, title, QuestionContent(question), diags, hidden=text_plain(question).replace("\n", " "))]


def build_table(inp: SlideInput, diags: Diagnostics) -> list[Slide]:
    header: tuple[Inline, ...]
    rows: tuple[tuple[Inline, ...], ...]
    align: tuple[str, ...] = ()
    if "rows" in inp.fields:
        header_node = inp.fields.get("header")
        header = tuple(parse_inline(markdown_text(h), h.loc.path, h.loc, diags) for h in (header_node.value if header_node else []))
        rows = tuple(
            tuple(parse_inline(markdown_text(c), c.loc.path, c.loc, diags) for c in row.value)
            for row in inp.fields["rows"].value
        )
    elif inp.source.table:
        header, rows = inp.source.table[0], tuple(inp.source.table[1:])
        align = tuple(a if a in ("left", "center", "right") else "" for a in inp.source.table_align)
    else:
        diags.error(inp.source.loc, "a table slide needs a Markdown table or 'rows:'", "add the table")
        return []
    if not rows:
        diags.error(inp.loc("rows") if "rows" in inp.fields else inp.source.loc, "the table has no rows", "add at least one row under the header")
        return []
    width = max([len(header), *(len(r) for r in rows)], default=0)
    for n, row in enumerate(rows):
        if len(row) != width:
            diags.error(inp.loc("rows") if "rows" in inp.fields else inp.source.loc, f"table row {n + 1} has {len(row)} cells; the table has {width} columns", "give every row the same number of cells")
    title = inp.title(diags)
    caption = inp.source.table_caption
    if not title and caption:
        title, caption = caption, ()  # pandoc's caption names a table that has no heading
    return [_slide(inp, title, TableContent(header, rows, align if any(align) else (), caption), diags)]


def _para(text: str) -> Text:
    return (Para((Run(text),)),)


def _para_runs(runs: Inline) -> Text:
    return (Para(runs),)


BUILDERS: dict[str, Callable[[SlideInput, Diagnostics], list[Slide]]] = {
    "title": build_title,
    "section": build_section,
    "bullets": build_bullets,
    "columns": build_columns,
    "orgchart": build_orgchart,
    "roster": build_roster,
    "tiles": build_tiles,
    "image": build_image,
    "discussion": build_discussion,
    "question": build_question,
    "table": build_table,
}


def infer_layout(slide: SourceSlide, first: bool) -> str:
    """The layout of a slide that names none (plain Markdown decks)."""
    if slide.classes and slide.heading and not slide.images and not slide.table and not slide.columns \
            and all(p.kind == "text" for p in slide.body):
        return "title" if first else "section"  # Marp's lead: a title page, or a part's divider
    pictures = [i for i in slide.images if i.bg in ("", "bg")] or list(slide.images)
    if pictures and not slide.body and not slide.table and not slide.columns:
        return "image"
    if slide.columns:
        return "columns"
    if slide.table:
        return "table"
    if slide.heading and not slide.body and not first:
        return "section"
    return "bullets"


def dropped_pictures(slide: SourceSlide, layout: str, diags: Diagnostics) -> None:
    """Name every picture a slide's layout does not show (a picture beside text waits for a
    layout that puts it there). A picture slide names its own extra pictures."""
    if layout == "image":
        return
    for image in slide.images:
        where = {"left": "beside the text (Marp's bg left)", "right": "beside the text (Marp's bg right)",
                 "bg": "behind the text (a background)"}.get(image.bg, "beside the text")
        diags.warning(image.loc, f"the picture {image.src!r} {where} is left out: a {layout} slide shows no picture",
                      "put the picture on a slide of its own", rule="picture-dropped")
