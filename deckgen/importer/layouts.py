"""The field readers: a recognised slide's shapes → one deckgen layout's fields.

Each function takes a :class:`Context` (the slide's data, its language, the warnings so far)
and returns an :class:`~deckgen.importer.recognise.Imported`, or ``None`` when the slide
does not hold what that layout needs (the caller then tries the next). Text fields that
deckgen reads as inline Markdown get Markdown; fields it takes as they are (a person's name,
a credit, alt text, a caption) get plain text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from deckgen import words
from deckgen.importer.extract import Shape, SlideData
from deckgen.importer.imported import Imported
from deckgen.importer.names import slug, unique
from deckgen.importer.text import escape, inline_markdown, plain, text_plain, to_markdown
from deckgen.layouts.tiles import is_video, short_url  # the caption rule deckgen builds with
from deckgen.model import LayoutMap, Para, Run, Text

TITLE_TYPES = ("title", "ctrTitle")
_FILE_NAME = re.compile(r"^[^\s/\\]+\.(png|jpe?g|gif|bmp|tiff?|svg|emf|wmf|webp|heic)$", re.I)
BODY_TYPES = ("body", "obj", "subTitle")
LANGS = ("nb", "nn", "en")
LONG_TITLE = 120  # characters; more is a paragraph that happens to sit in the title placeholder
# Layouts whose slides deckgen's check wants a title for (the others make their own).
_TITLED = ("section", "bullets", "columns", "orgchart", "roster", "tiles", "table")


@dataclass
class Context:
    data: SlideData
    lang: str
    warnings: list[str] = field(default_factory=list)

    def warn(self, message: str) -> None:
        self.warnings.append(message)

    def title_shape(self) -> Shape | None:
        return next((s for s in self.data.shapes if s.ph_type in TITLE_TYPES and s.text), None)

    def content_shapes(self) -> list[Shape]:
        """Everything but the title and empty placeholders (a prompt is never text)."""
        title = self.title_shape()
        out = []
        for s in self.data.shapes:
            if s is title or (s.ph_type in TITLE_TYPES and not s.text):
                continue
            if s.ph_type is not None and s.kind == "text" and not s.text:
                continue
            if s.kind == "picture" and s.image is None and s.ph_type is not None:
                continue
            out.append(s)
        return out

    def made(self, layout: str, fields: dict[str, Any], reason: str, body: str = "", **extra: Any) -> Imported:
        if layout in _TITLED and "title" not in fields and "hidden_title" not in fields:
            first = next((text_plain(s.text).split("\n")[0] for s in reading_order(self.content_shapes(), self.data.height) if s.text), "")
            if first:
                fields = {"hidden_title": first[:80], **fields}
                self.warn(f"the slide has no title; its first line, {first[:80]!r}, is its hidden_title (for screen readers and the outline)")
        notes = to_markdown(self.data.notes)
        if "{{" in json.dumps([fields, body, notes], ensure_ascii=False):
            self.warn("its text holds '{{', which deckgen reads as the start of a variable; reword it before building")
        for link in self.data.dropped_links:
            self.warn(f"link {link!r} is not an http(s) or mailto address: its text is kept, the link is not")
        return Imported(self.data.number, layout, {"layout": layout, **fields}, body, notes, reason,
                        self.data.hidden, warnings=self.warnings, **extra)

    def title_fields(self, shape: Shape | None = None, hidden_default: str = "") -> dict[str, Any]:
        """``title`` (visible) or ``hidden_title`` (moved off the slide) from the title."""
        shape = shape or self.title_shape()
        if shape is None or not shape.text:
            return {}
        if self.data.off_slide(shape):
            text = text_plain(shape.text).replace("\n", " ")
            return {} if text == hidden_default else {"hidden_title": text}
        return {"title": " ".join(inline_markdown(p.runs) for p in shape.text)}


def reading_order(shapes: list[Shape], height: int) -> list[Shape]:
    """Top to bottom, and left to right within a row (tops within 1/20 of the slide)."""
    rows: list[list[Shape]] = []
    for s in sorted(shapes, key=lambda s: (s.box[1], s.box[0])):
        if rows and abs(s.box[1] - rows[-1][0].box[1]) <= height // 20:
            rows[-1].append(s)
        else:
            rows.append([s])
    return [s for row in rows for s in sorted(row, key=lambda s: s.box[0])]


def _field_shape(data: SlideData, idx: int | None) -> Shape | None:
    return next((s for s in data.shapes if idx is not None and s.ph_idx == idx), None)


def _md(shape: Shape | None) -> str:
    return to_markdown(shape.text) if shape is not None else ""


# --------------------------------------------------------------------------- by the brand


def by_brand(ctx: Context, name: str, mapping: LayoutMap) -> Imported | None:
    ph = mapping.placeholders
    data = ctx.data
    why = f"its master layout '{data.layout_name}' is the brand's {name} layout"
    if name == "title":
        return title(ctx, why, _field_shape(data, ph.get("subtitle")), _field_shape(data, ph.get("byline")))
    if name == "section":
        return section(ctx, why, _field_shape(data, ph.get("subtitle")))
    if name == "image":
        pic = _field_shape(data, ph.get("picture"))
        pictures = [s for s in data.shapes if s.kind == "picture" and s.image is not None]
        pic = pic if pic is not None and pic.image is not None else (pictures[0] if pictures else None)
        return image(ctx, pic, why, _field_shape(data, ph.get("credit"))) if pic is not None else None
    if name == "discussion":
        label, prompt, timer = (_field_shape(data, ph.get(k)) for k in ("label", "prompt", "timer"))
        return discussion(ctx, label, prompt, timer, why)
    if name == "question":
        shape = _field_shape(data, ph.get("question"))
        if shape is None or not shape.text:
            return None
        return ctx.made("question", {}, why, to_markdown(shape.text))
    return None


# --------------------------------------------------------------------------- layouts


def title(ctx: Context, reason: str, subtitle: Shape | None = None, byline: Shape | None = None) -> Imported:
    bodies = [s for s in ctx.content_shapes() if s.kind == "text" and s.ph_type in BODY_TYPES]
    if subtitle is None:
        subtitle = next((s for s in bodies if s.ph_type == "subTitle"), None) or (bodies[0] if bodies else None)
    if byline is None:
        byline = next((s for s in bodies if s is not subtitle), None)
    fields = ctx.title_fields()
    for key, shape in (("subtitle", subtitle), ("byline", byline)):
        if shape is not None and shape.text:
            fields[key] = _md(shape)
    _left_over(ctx, [s for s in ctx.content_shapes() if s not in (subtitle, byline)])
    return ctx.made("title", fields, reason)


def section(ctx: Context, reason: str, subtitle: Shape | None = None) -> Imported:
    bodies = [s for s in ctx.content_shapes() if s.kind == "text"]
    subtitle = subtitle or (bodies[0] if bodies else None)
    fields = ctx.title_fields()
    if subtitle is not None and subtitle.text:
        fields["subtitle"] = _md(subtitle)
    _left_over(ctx, [s for s in ctx.content_shapes() if s is not subtitle])
    return ctx.made("section", fields, reason)


def _left_over(ctx: Context, shapes: list[Shape]) -> None:
    for s in shapes:
        if s.kind == "text" and s.text:
            ctx.warn(f"text in '{s.name}' has no place in this layout and is left out: {text_plain(s.text)[:60]!r}")
        elif s.kind == "picture":
            ctx.warn(f"picture '{s.name}' has no place in this layout and is left out")


def bullets(ctx: Context, reason: str) -> Imported:
    blocks: list[str] = []
    for s in reading_order(ctx.content_shapes(), ctx.data.height):
        if s.kind == "table":
            rows = [" – ".join(escape(text_plain(c).replace("\n", " ")) for c in row) for row in s.rows]
            blocks.append("\n".join(f"- {r}" for r in rows if r.strip(" –")))
        elif s.text:
            blocks.append(to_markdown(s.text))
        elif s.kind == "picture" and s.image is not None:
            ctx.warn(f"picture '{s.name}' is not imported: a bullets slide holds text only")
    fields = ctx.title_fields()
    title = ctx.title_shape()
    if "title" in fields and title is not None and len(text_plain(title.text)) > LONG_TITLE:
        # A paragraph in the title placeholder is text, not a title: it goes into the body,
        # and its first line is the title screen readers and the outline get.
        ctx.warn(f"its title is {len(text_plain(title.text))} characters long: imported as the body's first paragraph")
        blocks.insert(0, to_markdown(tuple(Para(p.runs) for p in title.text)))
        fields = {"hidden_title": text_plain(title.text).split("\n")[0][:80]}
    return ctx.made("bullets", fields, reason, "\n\n".join(b for b in blocks if b))


def table(ctx: Context, shape: Shape, reason: str) -> Imported:
    rows = [[" ".join(inline_markdown(unbold(p.runs) if n == 0 else p.runs).replace("\\\n", " ") for p in cell) for cell in row]
            for n, row in enumerate(shape.rows)]
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    lines = ["| " + " | ".join(c or " " for c in rows[0]) + " |", "|" + "---|" * width]
    lines += ["| " + " | ".join(c or " " for c in r) + " |" for r in rows[1:]]
    return ctx.made("table", ctx.title_fields(), reason, "\n".join(lines))


def roster(ctx: Context, shape: Shape) -> Imported | None:
    rows = [[text_plain(c).replace("\n", " ") for c in row] for row in shape.rows]
    if len(rows) < 2 or any(len(r) != 3 for r in rows):
        return None
    headers = {words.roster_headers(lang) for lang in LANGS}
    if tuple(rows[0]) not in headers:
        return None
    people = []
    for name, place, role in rows[1:]:
        person = {"name": name}
        if place:
            person["place"] = place
        if role:
            person["role"] = role
        people.append(person)
    return ctx.made("roster", {**ctx.title_fields(), "people": people}, "it holds one table with a roster's headers (name, place, role)")


def orgchart(ctx: Context) -> Imported | None:
    content = ctx.content_shapes()
    boxes = [s for s in content if s.kind == "text" and s.ph_type is None and not s.textbox and s.text]
    by_id = {s.id: s for s in boxes}
    edges = [s for s in content if s.kind == "connector" and s.begin in by_id and s.end in by_id]
    others = [s for s in content if s not in boxes and s.kind != "connector" and (s.text or s.kind != "text")]
    if not edges or others or len(boxes) > 12:
        return None
    ids: dict[int, str] = {}
    for s in boxes:
        base = slug(text_plain(s.text[:1])) or "body"
        ids[s.id] = unique(base, set(ids.values()))
    electors: dict[int, list[str]] = {s.id: [] for s in boxes}
    across = along = 0
    for e in edges:
        src, dst = (e.end, e.begin) if e.arrow_at_begin else (e.begin, e.end)
        assert src is not None and dst is not None  # edges are the connectors glued at both ends
        if ids[src] not in electors[dst]:
            electors[dst].append(ids[src])
        (sx, sy), (dx, dy) = _centre(by_id[src]), _centre(by_id[dst])
        across, along = across + abs(dx - sx), along + abs(dy - sy)
    bodies = []
    for s in boxes:
        body: dict[str, Any] = {"id": ids[s.id], "name": inline_markdown(unbold(s.text[0].runs))}
        facts = _facts(s.text[1:])
        if facts:
            body["facts"] = facts
        if electors[s.id]:
            body["elected_by"] = electors[s.id]
        bodies.append(body)
    fields = ctx.title_fields()
    if along > across:
        fields["direction"] = "down"
    fields["bodies"] = bodies
    return ctx.made("orgchart", fields, f"{len(edges)} connectors are glued between {len(boxes)} boxes")


def _facts(paras: Text) -> list[str] | str:
    if not paras:
        return []
    if all(p.level == 0 and "\n" not in plain(p.runs) for p in paras):
        return [inline_markdown(p.runs) for p in paras]
    return to_markdown(tuple(Para(p.runs, "bullet" if p.kind == "text" else p.kind, p.level, p.rtl) for p in paras))


def _centre(s: Shape) -> tuple[int, int]:
    return (s.box[0] + s.box[2] // 2, s.box[1] + s.box[3] // 2)


def tiles(ctx: Context) -> Imported | None:
    content = [s for s in ctx.content_shapes() if s.ph_type is None]
    # A card is a linked box, or a rounded box whose text sits at its bottom (a plain card,
    # with no link); a play mark is a linked shape without text.
    cards = [s for s in content if s.text and (s.link or (s.geometry == "roundRect" and s.anchor == "b" and not s.textbox))]
    marks = [s for s in content if s.link and not s.text]
    if not cards or not any(s.link for s in cards) or len(cards) > 12 or len(cards) + len(marks) != len(content):
        return None
    out = []
    for s in cards:
        url = s.link or ""
        video = bool(url) and any(m.link == url for m in marks)
        tile: dict[str, Any] = {"title": inline_markdown(unbold(tuple(_unlinked(r) for r in s.text[0].runs)))}
        if url:
            tile["url"] = url
        if url and video != is_video(url):
            tile["kind"] = "video" if video else "link"
        caption = " ".join(plain(p.runs) for p in s.text[1:]).strip()
        if caption != (short_url(url) if url else ""):
            tile["caption"] = caption
        out.append(tile)
    linked = sum(1 for s in cards if s.link)
    why = f"it holds {linked} linked boxes" + (f" and {len(cards) - linked} plain cards" if len(cards) > linked else "")
    return ctx.made("tiles", {**ctx.title_fields(), "tiles": out}, why)


def _unlinked(run: Any) -> Any:
    return Run(run.text, run.bold, run.italic, run.code, None)


def image(ctx: Context, pic: Shape, reason: str, credit: Shape | None = None) -> Imported:
    data = ctx.data
    bodies = [s for s in ctx.content_shapes() if s.kind == "text" and s.text]
    credit = credit if credit is not None and credit.text else (bodies[0] if bodies else None)
    credit_text = text_plain(credit.text).replace("\n", " ") if credit is not None else ""
    fields: dict[str, Any] = {}
    alt = pic.descr.strip()
    if _FILE_NAME.match(alt.removeprefix("fig:").strip()):
        ctx.warn(f"picture '{pic.name}' has a file name for alt text ({alt!r}); it is not kept as alt text")
        alt = ""
    if not alt:
        title_shape = ctx.title_shape()
        alt = credit_text or (text_plain(title_shape.text).replace("\n", " ") if title_shape is not None else "")
        where = "its caption" if credit_text else "the slide's title"
        ctx.warn(f"picture '{pic.name}' has no alt text" + (f"; {where} is used: check that it says what the picture shows" if alt else "; add 'alt:' to the slide"))
    name = f"{data.number:02d}-{slug(alt) or 'picture'}.{pic.image_ext}"
    fields["image"] = name  # made relative to the slide file when written
    if alt:
        fields["alt"] = alt
    if credit_text:
        fields["credit"] = credit_text
    left, top, right, bottom = pic.crop
    if not any(pic.crop) and _letterboxed(ctx, pic):
        fields["fit"] = "contain"
    elif any(pic.crop):
        fx = left + (1 - left - right) / 2 if (left or right) else 0.5
        fy = top + (1 - top - bottom) / 2 if (top or bottom) else 0.5
        focus = [round(fx, 3), round(fy, 3)]
        if focus != [0.5, 0.5]:
            fields["focus"] = focus
    fields = {**ctx.title_fields(hidden_default=alt or credit_text), **fields}
    _left_over(ctx, [s for s in bodies if s is not credit])
    return ctx.made("image", fields, reason, asset=(name, pic.image or b""))


def _letterboxed(ctx: Context, pic: Shape) -> bool:
    """A picture placed inside, not over, its placeholder's box: ``fit: contain``."""
    return pic.ph_box is not None and pic.ph_box != pic.box


def discussion(ctx: Context, label: Shape | None, prompt: Shape | None, timer: Shape | None, reason: str) -> Imported | None:
    if prompt is None or not prompt.text:
        return None
    label_text = text_plain(label.text) if label is not None else ""
    timer_text = text_plain(timer.text) if timer is not None else ""
    found = _parse_label(label_text)
    fields: dict[str, Any] = {}
    if found is not None:
        minutes, pairing = found
    else:
        m = re.search(r"\d+", timer_text)
        if m is None:
            return None
        minutes, pairing = int(m.group()), ""
        if label_text:
            fields["title"] = " ".join(inline_markdown(p.runs) for p in label.text) if label else ""
    fields["minutes"] = minutes
    if pairing:
        fields["pairing"] = pairing
    return ctx.made("discussion", fields, reason, to_markdown(prompt.text))


def discussion_by_words(ctx: Context) -> Imported | None:
    """A slide made elsewhere (or with another brand) whose title is a discussion label."""
    shape = ctx.title_shape()
    if shape is None or _parse_label(text_plain(shape.text)) is None:
        return None
    bodies = [s for s in ctx.content_shapes() if s.kind == "text" and s.ph_type in BODY_TYPES]
    timer = next((s for s in bodies if re.fullmatch(r"\d+ ?min\.?", text_plain(s.text).strip())), None)
    prompt = next((s for s in bodies if s is not timer), None)
    if timer is None or prompt is None:
        return None
    return discussion(ctx, shape, prompt, timer, "its title is a discussion label and it shows the minutes")


def _parse_label(text: str) -> tuple[int, str] | None:
    for lang in LANGS:
        pattern = re.escape(words.word(lang, "discuss", minutes="\0")).replace("\0", r"(\d+)")
        m = re.fullmatch(pattern + r"(?: \((.+)\))?:", text.strip())
        if m:
            return int(m.group(1)), m.group(2) or ""
    return None


def columns(ctx: Context) -> Imported | None:
    content = ctx.content_shapes()
    cards = [s for s in content if s.kind == "text" and s.ph_type is None and not s.textbox and s.text and not s.link]
    intro: list[Shape] = []
    if cards:
        top = min(s.box[1] for s in cards)
        intro = [s for s in content if s not in cards and s.kind == "text" and s.text and s.box[1] + s.box[3] <= top + ctx.data.height // 40]
        rest = [s for s in content if s not in cards and s not in intro]
        if rest or not 1 <= len(cards) <= 4:
            return None
        made = [_column(s.text) for s in reading_order(cards, ctx.data.height)]
    else:
        bodies = [s for s in content if s.kind == "text" and s.ph_type in BODY_TYPES]
        if len(bodies) != len(content) or not 2 <= len(bodies) <= 8:
            return None
        paired = _paired(reading_order(bodies, ctx.data.height), ctx.data.height)
        if paired is None:
            return None
        made = paired
    fields = {**ctx.title_fields(), "columns": made}
    body = "\n\n".join(to_markdown(s.text) for s in reading_order(intro, ctx.data.height))
    return ctx.made("columns", fields, f"it holds {len(made)} boxes side by side", body)


def unbold(runs: Any) -> Any:
    """A heading the layout itself sets in bold (a card's, a box's, a tile's, a table
    header's) is written without ``**``: bold is the layout's, not the text's."""
    if runs and all(r.bold or not r.text.strip() for r in runs):
        return tuple(Run(r.text, False, r.italic, r.code, r.href) for r in runs)
    return runs


def _column(text: Text) -> dict[str, Any]:
    column: dict[str, Any] = {"heading": inline_markdown(unbold(text[0].runs))}
    if len(text) > 1:
        column["body"] = to_markdown(text[1:])
    return column


def _paired(bodies: list[Shape], height: int) -> list[dict[str, Any]] | None:
    """Placeholders of a two-content or comparison layout as columns: a short text right
    above a body is its heading; a lone body's first paragraph is."""
    out: list[tuple[int, dict[str, Any]]] = []
    used: set[int] = set()
    for s in sorted(bodies, key=lambda s: s.box[1] + s.box[3]):
        if id(s) in used:
            continue
        below = next((b for b in bodies if id(b) not in used and b is not s and abs(b.box[0] - s.box[0]) < height // 10 and b.box[1] >= s.box[1] + s.box[3] - height // 40), None)
        if below is not None and len(s.text) == 1:
            used.update((id(s), id(below)))
            out.append((s.box[0], {"heading": inline_markdown(unbold(s.text[0].runs)), "body": to_markdown(below.text)}))
        else:
            used.add(id(s))
            out.append((s.box[0], _column(s.text)))
    if len(out) > 4:
        return None
    return [c for _, c in sorted(out, key=lambda pair: pair[0])]
