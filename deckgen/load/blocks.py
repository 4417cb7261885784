"""One slide's block tokens → paragraphs, notes, pictures, a table and columns.

:class:`Walker` turns markdown-it's tokens (made by the parser in ``markdown.py``, the only
module that imports markdown-it) into the model's ``Para`` and ``Run`` values. It reads what
pandoc and Marp decks write beyond CommonMark as those tools read it: fenced divs (``notes``,
``columns``/``column``, ``incremental``, ``fragment``; any other div keeps its text and loses
its attributes with a warning), ``. . .`` pauses, definition lists, footnotes (collected at
the end of their slide), math (shown as its source, in code style), HTML ``<img>`` pictures,
``<style>`` blocks (dropped), table alignment and captions.

Fragments: a paragraph that appears on a click in reveal.js carries ``fragment`` = its step
(1, 2, …; 0 = always shown); paragraphs of one step appear together. PowerPoint shows all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from deckgen.errors import Diagnostics, SourceLoc
from deckgen.load.dialect import (
    Attr,
    html_pictures,
    html_text,
    is_css_colour,
    marp_directives,
    marp_picture,
    parse_attributes,
)
from deckgen.load.highlight import fence_language, highlight
from deckgen.load.inline import SUPERSCRIPT, Context, Token, heading_runs, inline_runs, line_of, merge
from deckgen.load.marpdirectives import comment_text
from deckgen.load.slips import marp_keywords
from deckgen.model import Inline, Para, Run, SourceImage, is_rtl, plain

MAX_LIST_LEVEL = 4  # 0-based: five levels, what the KS master styles
FIELDS_FENCE = ("slide", "yaml slide")
PAUSE = re.compile(r"\.\s\.\s\.")
COLONS = re.compile(r":{3,}")
def is_style_block(token: Token) -> bool:
    return token.type == "html_block" and token.content.lstrip().lower().startswith("<style")


def drop_style(ctx: Context, token: Token) -> None:
    ctx.once("style", ctx.loc(line_of(token)),
             "<style> blocks (Marp's themes and scoped styles) are left out: the brand styles the deck",
             "set colours and fonts in the brand (docs/brand.md)", "marp-style")


@dataclass
class _Column:
    heading: Inline = ()
    body: list[Para] = field(default_factory=list)
    width: str = ""


class Walker:
    """Turns block tokens into paragraphs, notes, images, a table and columns."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.rel = ctx.rel
        self.diags = ctx.diags
        self.body: list[Para] = []
        self.notes: list[Para] = []
        self.images: list[SourceImage] = []
        self.table: list[tuple[Inline, ...]] = []
        self.table_align: tuple[str, ...] = ()
        self.table_loc: SourceLoc | None = None
        self.table_caption: Inline = ()
        self.columns: list[_Column] = []
        self.column: _Column | None = None
        self.in_notes = 0
        self.lists: list[str] = []  # "bullet" / "number", innermost last
        self.item_first: list[bool] = []
        self.divs: list[tuple[str, int]] = []  # (kind, the step before it)
        self.step = 0  # the fragment step of what comes now; 0 = always shown
        self.steps = 0
        self.item_steps: list[int] = []
        self.classes: list[str] = []  # Marp classes of the slide (lead, invert, …)

    def loc(self, token: Token) -> SourceLoc:
        return self.ctx.loc(line_of(token))

    def out(self) -> list[Para]:
        if self.in_notes:
            return self.notes
        return self.column.body if self.column is not None else self.body

    def add(self, para: Para) -> None:
        if self.step and not self.in_notes:
            para = replace(para, fragment=self.step)
        self.out().append(para)

    def next_step(self) -> int:
        self.steps += 1
        return self.steps

    def incremental(self) -> bool:
        for kind, _ in reversed(self.divs):
            if kind in ("incremental", "nonincremental"):
                return kind == "incremental"
        return self.ctx.incremental

    def walk(self, tokens: list[Token]) -> None:
        i = 0
        while i < len(tokens):
            i = self.step_at(tokens, i)

    def step_at(self, tokens: list[Token], i: int) -> int:
        t = tokens[i]
        kind = t.type
        if kind == "div_open":
            self.open_div(t)
        elif kind == "div_close":
            self.close_div()
        elif kind == "div_unclosed":
            self.diags.warning(self.loc(t), f"the div '::: {t.info}' is never closed; its fence is left out and what follows is read as the slide's text",
                               "close it with a ':::' line", rule="div-attributes")
        elif kind in ("bullet_list_open", "ordered_list_open"):
            self.lists.append("bullet" if kind == "bullet_list_open" else "number")
            if len(self.lists) - 1 > MAX_LIST_LEVEL and not self.in_notes:
                self.diags.error(
                    self.loc(t),
                    f"list nested {len(self.lists)} levels deep; the brand's master styles {MAX_LIST_LEVEL + 1}",
                    "flatten the list or split the slide",
                )
        elif kind in ("bullet_list_close", "ordered_list_close"):
            self.lists.pop()
        elif kind == "list_item_open":
            self.item_first.append(True)
            self.item_steps.append(self.step)
            if self.incremental() and not self.in_notes:
                self.step = self.next_step()
        elif kind == "list_item_close":
            self.item_first.pop()
            self.step = self.item_steps.pop()
        elif kind == "paragraph_open":
            return self.paragraph(tokens, i)
        elif kind == "heading_open":
            self.heading(tokens, i)
            return i + 3
        elif kind == "dt_open":
            runs = inline_runs(tokens[i + 1], self.ctx)
            self.add(Para(tuple(Run(r.text, True, r.italic, r.code, r.href) for r in runs), "text", 0, _rtl(runs), self.loc(t)))
            return i + 3
        elif kind in ("fence", "code_block"):
            if kind == "fence" and t.info.strip() in FIELDS_FENCE:
                self.diags.error(self.loc(t), "slide fields must come first on the slide", "move this block right after the '---' that starts the slide")
            language = fence_language(t.info) if kind == "fence" else ""
            for n, runs in enumerate(highlight(t.content.rstrip("\n"), language)):
                self.add(Para(runs, "text", 0, False, self.ctx.loc(line_of(t) + n + 1)))
        elif kind == "math_block":
            self.math(t)
            for n, line in enumerate(t.content.strip("\n").split("\n")):
                self.add(Para((Run(line, code=True),), "text", 0, False, self.ctx.loc(line_of(t) + n + 1)))
        elif kind == "html_block":
            self.html_block(t)
        elif kind == "table_open":
            return self.table_rows(tokens, i)
        return i + 1

    # ------------------------------------------------------------------ divs

    def open_div(self, t: Token) -> None:
        attr = parse_attributes(t.info) or Attr()
        classes = set(attr.classes)
        before = self.step
        if "notes" in classes:
            self.in_notes += 1
            self.divs.append(("notes", before))
        elif "columns" in classes and self.column is None:
            self.divs.append(("columns", before))
        elif "column" in classes and self.column is None and not self.in_notes:
            self.column = _Column(width=attr.get("width"))
            self.columns.append(self.column)
            self.divs.append(("column", before))
        elif classes & {"incremental", "nonincremental"}:
            self.divs.append(("incremental" if "incremental" in classes else "nonincremental", before))
        elif "fragment" in classes:
            self.step = self.next_step()
            self.divs.append(("fragment", before))
        else:
            self.diags.warning(
                self.loc(t),
                f"the div '{t.info.strip()}' has no meaning in deckgen: its text is kept, its attributes are dropped",
                "remove the ':::' lines, or use notes, columns/column, incremental or fragment",
                rule="div-attributes",
            )
            self.divs.append(("other", before))

    def close_div(self) -> None:
        if not self.divs:
            return
        kind, before = self.divs.pop()
        if kind in ("notes", "notes-html"):
            self.in_notes -= 1
        elif kind == "column":
            self.column = None
        elif kind == "fragment":
            self.step = before

    # ------------------------------------------------------------------ blocks

    def heading(self, tokens: list[Token], i: int) -> None:
        t = tokens[i]
        runs, _attr = heading_runs(tokens[i + 1], self.ctx)
        if self.column is not None and not self.column.heading and not self.column.body:
            self.column.heading = runs
            return
        self.add(Para(tuple(Run(r.text, True, r.italic, r.code, r.href) for r in runs), "text", 0, _rtl(runs), self.loc(t)))
        if t.markup == "-":
            warn_setext(t, self.rel, self.diags)

    def paragraph(self, tokens: list[Token], i: int) -> int:
        inline = tokens[i + 1]
        content = inline.content.strip()
        if content.startswith(".") and PAUSE.fullmatch(content) and not self.in_notes:
            self.step = self.next_step()  # pandoc's pause: what follows comes on the next click
            return i + 3
        if content.startswith(":::") and COLONS.fullmatch(content):
            self.diags.warning(self.loc(tokens[i]), "a ':::' line that closes no div is left out",
                               "remove it, or open the div it was meant to close", rule="div-attributes")
            return i + 3
        children = [c for c in (inline.children or []) if not (c.type == "text" and not c.content.strip()) and c.type != "softbreak"]
        pictures = [c for c in children if c.type == "image" or (c.type == "html_inline" and "<img" in c.content.lower())]
        if (pictures and not self.lists and not self.in_notes
                and all(c.type in ("image", "html_inline") or (c.type == "text" and _is_attr_text(c.content)) for c in children)):
            self.pictures(children, tokens[i])
            return i + 3
        runs = inline_runs(inline, self.ctx)
        if ((self.table or _next_is_table(tokens, i + 3)) and re.match(r"(Table)?:\s", plain(runs).strip())
                and not self.table_caption):
            self.table_caption = _strip_caption(runs)
            return i + 3
        if any(c.type == "span_open" and "fragment" in str(c.attrs.get("class", "")).split() for c in children) and not self.in_notes:
            para_step = self.next_step()
        else:
            para_step = 0
        if self.lists:
            first = self.item_first[-1]
            self.item_first[-1] = False
            kind = self.lists[-1] if first else "text"
            para = Para(runs, kind, len(self.lists) - 1, _rtl(runs), self.loc(tokens[i]))  # type: ignore[arg-type]
        elif i and tokens[i - 1].type == "dd_open":  # a definition, indented under its term
            para = Para(runs, "text", 1, _rtl(runs), self.loc(tokens[i]))
        else:
            para = Para(runs, "text", 0, _rtl(runs), self.loc(tokens[i]))
        if runs:
            self.add(replace(para, fragment=para_step) if para_step else para)
        return i + 3

    def pictures(self, children: list[Token], para: Token) -> None:
        loc = self.loc(para)
        for n, child in enumerate(children):
            if child.type == "html_inline":
                for pic in html_pictures(child.content)[0]:
                    self.images.append(SourceImage(pic.src, pic.alt, loc, "", width=pic.width, height=pic.height))
                continue
            if child.type != "image":
                continue
            alt = "".join(c.content for c in (child.children or [])) or child.content
            after = children[n + 1] if n + 1 < len(children) else None
            attr = parse_attributes(after.content.strip()) if after is not None and after.type == "text" and _is_attr_text(after.content) else None
            width = attr.get("width") if attr else ""
            height = attr.get("height") if attr else ""
            bg = fit = share = ""
            if not self.ctx.marp:
                alt = marp_keywords(alt)[0]  # Marp's words in a picture of a file not marked as Marp's
            elif is_css_colour(str(child.attrs.get("src", ""))):
                self.ctx.once("marp-colour", loc, "Marp's colour shorthand (![bg](navy), ![](red)) has no equivalent in deckgen and is left out",
                              "the brand styles the deck; set colours in the brand (docs/brand.md)", "marp-style")
                continue
            else:
                marp = marp_picture(alt)
                alt, width, height, fit = marp.alt, marp.width or width, marp.height or height, marp.fit
                bg = (marp.side or "bg") if marp.bg else ""
                share = marp.share if marp.bg else ""
                if marp.dropped:
                    self.ctx.once("marp-filter", loc, f"Marp picture keywords {', '.join(marp.dropped)} have no equivalent in deckgen and are left out",
                                  "edit the picture itself if it must look that way", "marp-picture")
            title = str(child.attrs.get("title", "") or "")
            # pandoc shows a picture's alt text as its caption; Marp shows none
            caption = "" if self.ctx.marp else alt
            self.images.append(SourceImage(str(child.attrs.get("src", "")), alt, loc, title, width=width, height=height, bg=bg, fit=fit, caption=caption, share=share))

    def math(self, t: Token) -> None:
        self.ctx.once("math", self.loc(t), "math is shown as its TeX source in code style (deckgen does not typeset it yet)",
                      "keep it short, or put a picture of the formula", "math-source")

    def html_block(self, t: Token) -> None:
        inner = comment_text(t)
        # One comment is a speaker note (Marp's convention), unless it holds Marp's
        # directives, which the slide has read already; a <style> block is Marp's theming.
        if inner is not None:
            if marp_directives(inner) is not None:
                return
            for n, line in enumerate(inner.split("\n")):
                if line.strip():
                    self.notes.append(Para((Run(line.strip()),), "text", 0, False, self.ctx.loc(line_of(t) + n)))
            return
        if is_style_block(t):
            drop_style(self.ctx, t)
            return
        if self.html_notes(t):
            return
        pictures, rest = html_pictures(t.content)
        if pictures and not self.in_notes:
            for pic in pictures:
                self.images.append(SourceImage(pic.src, pic.alt, self.loc(t), "", width=pic.width, height=pic.height))
            if not rest:
                return
        lines = html_text(t.content)
        if lines:
            # Marp and pandoc both show the text inside HTML (a <div class="box">, a card):
            # the text stays, the tags and their styling go.
            for n, text in lines:
                self.add(Para((Run(text),), "text", 0, is_rtl(text), self.ctx.loc(line_of(t) + n)))
            self.diags.warning(self.loc(t), "the HTML tags here are left out (the brand styles the slide); their text is kept as plain paragraphs",
                               "write the text as Markdown to keep bold, lists and links", rule="raw-html")
            return
        self.diags.warning(
            self.loc(t),
            "raw HTML is not allowed in slides and was left out",
            "use Markdown instead",
            rule="raw-html",
        )

    def html_notes(self, t: Token) -> bool:
        """pandoc's ``<div class="notes">`` (its reveal.js notes written as HTML): the text
        inside is the slide's notes, whether the div is one HTML block or wraps Markdown."""
        content = t.content.strip()
        opening = NOTES_DIV.match(content)
        if opening is None:
            if re.fullmatch(r"</div>", content, re.IGNORECASE) and self.divs and self.divs[-1][0] == "notes-html":
                self.close_div()
                return True
            return False
        inner = content[opening.end():]
        if not re.search(r"</div>\s*$", inner, re.IGNORECASE):
            self.in_notes += 1
            self.divs.append(("notes-html", self.step))
            inner = ""
        for n, line in enumerate(re.sub(r"</div>\s*$", "", inner, flags=re.IGNORECASE).split("\n")):
            text = re.sub(r"<[^>]+>", "", line).strip()
            if text:
                self.notes.append(Para((Run(text),), "text", 0, False, self.ctx.loc(line_of(t) + n)))
        return True

    def table_rows(self, tokens: list[Token], i: int) -> int:
        row: list[Inline] = []
        align: list[str] = []
        self.table_loc = self.table_loc or self.loc(tokens[i])
        while i < len(tokens) and tokens[i].type != "table_close":
            t = tokens[i]
            if t.type == "tr_open":
                row = []
            elif t.type in ("th_open", "td_open"):
                row.append(inline_runs(tokens[i + 1], self.ctx))
                if t.type == "th_open":
                    style = str(t.attrs.get("style", ""))
                    align.append(style.split(":", 1)[1].strip() if style.startswith("text-align:") else "")
            elif t.type == "tr_close":
                self.table.append(tuple(row))
            i += 1
        self.table_align = tuple(align)
        return i + 1

    def footnotes(self) -> list[Para]:
        """The notes the slide cited, in order, as paragraphs at its end (as pandoc's HTML
        slides show them)."""
        out: list[Para] = []
        for ident in self.ctx.cited:
            runs: list[Run] = [Run(f"{ident + 1}".translate(SUPERSCRIPT) + " ")]
            loc = None
            for tok in self.ctx.footnotes.get(ident, []):
                if tok.type == "inline":
                    if loc is not None:
                        runs.append(Run(" "))  # the note's next paragraph
                    runs.extend(inline_runs(tok, self.ctx))
                    loc = loc or self.loc(tok)
            out.append(Para(merge(runs), "text", 0, False, loc))
        return out


NOTES_DIV = re.compile(r"<div\s+class\s*=\s*[\"']?notes[\"']?\s*>", re.IGNORECASE)


def _next_is_table(tokens: list[Token], i: int) -> bool:
    return i < len(tokens) and tokens[i].type == "table_open"


def _strip_caption(runs: Inline) -> Inline:
    first = runs[0]
    text = re.sub(r"^(Table)?:\s*", "", first.text)
    return merge([Run(text, first.bold, first.italic, first.code, first.href), *runs[1:]])


def _is_attr_text(text: str) -> bool:
    stripped = text.strip()
    return stripped.startswith("{") and stripped.endswith("}") and parse_attributes(stripped) is not None


def warn_setext(token: Token, rel: str, diags: Diagnostics) -> None:
    if token.markup == "-":
        diags.warning(
            SourceLoc(rel, line_of(token) + 1, 1),
            "'---' right under a line of text makes that line a heading, not a slide break",
            "leave a blank line above '---' to start a new slide",
            rule="setext-heading",
        )


def _rtl(runs: Inline) -> bool:
    return is_rtl(plain(runs))
