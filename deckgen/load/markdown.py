"""Markdown → located slides — the only module that imports markdown-it-py.

One parser, made in :func:`make_parser` with a visible plugin chain. A file is parsed once;
slides are split on top-level ``---`` rules (``hr`` tokens), or, in a file without any, on
pandoc's slide level (:func:`_slide_level`). Tokens are turned into the model's ``Para`` and
``Run`` values here and nowhere else; markdown-it's 0-based ``Token.map`` becomes a 1-based
line in :func:`_line` only.

Raw HTML is parsed (so that HTML comments can serve as speaker notes, as in Marp) but never
passed on: any other HTML is dropped with a warning. A comment that holds Marp directives
(``<!-- _class: lead -->``) is not a note: it is dropped without a word, so Marp files build
as they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from deckgen.errors import Diagnostics, SourceLoc
from deckgen.load.slips import marp_keywords, unclosed_front_matter, word_bullets
from deckgen.load.text import FORBIDDEN, char_label
from deckgen.load.yamlsrc import parse_yaml
from deckgen.model import Inline, Located, Para, Run, SourceImage, SourceSlide, is_rtl, is_safe_href, plain

MAX_LIST_LEVEL = 4  # 0-based: five levels, what the KS master styles
FIELDS_FENCE = ("slide", "yaml slide")
DEEPEST_HEADING = 6  # pandoc's slide level when no heading is followed by content

# Marp's directive names (Marpit's global and local ones, Marp Core's and Marp CLI's). A comment
# of ``key: value`` lines is Marp's when one of its keys is one of these, or carries Marp's
# ``_`` (this slide only) or ``$`` (global) prefix: Marp itself keeps a comment whose keys it
# does not know as a presenter note, and so do we ("Husk: ta med tallene" is a note).
MARP_DIRECTIVES = frozenset(
    {
        "marp", "theme", "style", "headingDivider", "lang", "math", "size", "title", "author",
        "description", "keywords", "url", "image", "paginate", "header", "footer", "class",
        "backgroundColor", "backgroundImage", "backgroundPosition", "backgroundRepeat",
        "backgroundSize", "color", "transition",
    }
)
# One ``key: value`` line of a directive comment (the value may be empty, as YAML allows).
_DIRECTIVE_LINE = re.compile(r"\s*([_$]?)([A-Za-z][\w-]*)\s*:(?:\s.*)?")


def make_parser() -> MarkdownIt:
    """The one Markdown parser: CommonMark + tables + strikethrough, front matter, ``::: notes``.

    ``html`` is on only so that comments are seen as tokens; no HTML token is ever rendered.
    """
    md = MarkdownIt("js-default", {"html": True, "linkify": False, "typographer": False})
    md.use(front_matter_plugin)
    md.use(container_plugin, name="notes")
    return md


_PARSER = make_parser()


@dataclass
class MarkdownFile:
    """A parsed Markdown file: its front matter (if any) and its slides."""

    front: Located | None
    slides: list[SourceSlide] = field(default_factory=list)


def _line(token: Token, offset: int = 0) -> int:
    """markdown-it's 0-based ``map`` start → the 1-based line an editor shows."""
    return (token.map[0] if token.map else 0) + 1 + offset


def parse_markdown(
    text: str, rel: str, diags: Diagnostics, *, included_from: SourceLoc | None = None
) -> MarkdownFile:
    """Parse ``text`` and split it into slides with their fields, body and notes.

    Lines that start with Word's ``•`` and a tab are read as the list they are (an info
    finding says so); front matter that is never closed is an error where the ``---`` goes.
    """
    text, bulleted = word_bullets(text)
    if bulleted:
        shown = ", ".join(str(n) for n in bulleted[:6]) + (", …" if len(bulleted) > 6 else "")
        diags.info(SourceLoc(rel, bulleted[0], 1, included_from),
                   f"read as a list: line{'s' * (len(bulleted) > 1)} {shown} start{'s' * (len(bulleted) == 1)} with a bullet character and a tab, as Word writes lists",
                   "write '- ' at the start of each line to make it plain Markdown", rule="word-bullets")
    tokens = _PARSER.parse(text)
    if not tokens or tokens[0].type != "front_matter":
        slip = unclosed_front_matter(text)
        if slip is not None:
            diags.error(SourceLoc(rel, slip.line, slip.col, included_from), slip.message, slip.hint)
    _check_truncation(tokens, rel, diags)
    front: Located | None = None
    if tokens and tokens[0].type == "front_matter":
        fm = tokens.pop(0)
        front = parse_yaml(fm.content, rel, diags, line_offset=_line(fm))
        if front is not None and not isinstance(front.value, dict):
            diags.error(front.loc, "front matter must be a mapping of keys to values", "write key: value lines")
            front = None
    chunks = _split(tokens)
    if front is not None and ("layout" in front.value or "include" in front.value) and _front_only_first(tokens):
        # A slide that is all front matter (an image slide, a roster from county data) is a
        # slide, not fields for the next one.
        chunks.insert(0, ([], _line(fm)))
    if not chunks and front is not None:
        # A file of front matter alone is one slide made of fields (an org chart, a picture).
        chunks = [([], 1)]
    mdfile = MarkdownFile(front)
    for index, (chunk, start_line) in enumerate(chunks):
        # The first slide of a file with front matter starts where the front matter does.
        loc = SourceLoc(rel, 1 if index == 0 and front is not None else start_line, 1, included_from)
        slide = _slide(chunk, rel, diags, loc, front if index == 0 else None, included_from)
        if slide is not None:
            mdfile.slides.append(slide)
    return mdfile


def _check_truncation(tokens: list[Token], rel: str, diags: Diagnostics) -> None:
    """Detect markdown-it's silent truncation past ``maxNesting``.

    The block parser stops tokenising a container once ``state.level`` reaches ``maxNesting``
    and skips the rest of that container without a word (``parser_block.py``: "skip tail to
    the end"). ``state.level`` only grows by pushing an opening token, and an opening token at
    level ``maxNesting - 1`` is exactly what lifts it there, so such a token marks the place
    where text may have been dropped. Line coverage is not used: plugin tokens (containers)
    do not cover their closing line.
    """
    limit = int(_PARSER.options["maxNesting"])
    for token in tokens:
        if token.nesting == 1 and token.level >= limit - 1:
            diags.error(
                SourceLoc(rel, _line(token), 1),
                f"Markdown nesting is too deep (more than {limit - 1} levels of lists or "
                "quotes): the parser stops here and the text inside would be lost",
                "flatten the nested lists or quotes at this line",
            )
            return


def _front_only_first(tokens: list[Token]) -> bool:
    """True when a top-level ``---`` rule comes before any other top-level block (Marp
    directive comments aside: they are not content)."""
    first = next((t for t in tokens if t.level == 0 and not _is_directive_block(t)), None)
    return first is not None and first.type == "hr" and set(first.markup) == {"-"}


def _split(tokens: list[Token]) -> list[tuple[list[Token], int]]:
    """Top-level ``---`` rules separate slides; without any, headings at or above pandoc's slide
    level do (:func:`_slide_level`).

    A part holding nothing but Marp directive comments is no slide (Marp would show an empty
    page; there is nothing to show). Comments before a file's first slide heading belong to
    that slide, and so does a ``yaml slide`` block.
    """
    rules = [i for i, t in enumerate(tokens) if t.type == "hr" and t.level == 0 and set(t.markup) == {"-"}]
    chunks: list[tuple[list[Token], int]] = []
    if rules:
        start = 0
        start_line = 1
        for i in [*rules, len(tokens)]:
            part = tokens[start:i]
            if any(t.type != "hr" and not _is_directive_block(t) for t in part):
                first = next((t for t in part if t.map), None)
                chunks.append((part, _line(first) if first else start_line))
            if i < len(tokens):
                start_line = _line(tokens[i]) + 1
            start = i + 1
        return chunks
    level = _slide_level(tokens)
    starts = [i for i, t in enumerate(tokens) if t.type == "heading_open" and t.level == 0 and int(t.tag[1]) <= level]
    if not starts:
        if all(_is_directive_block(t) for t in tokens if t.level == 0):
            return []
        return [(tokens, _line(tokens[0]))]
    lead = [t for t in tokens[: starts[0]] if t.level == 0]
    if lead and not all(_is_comment_block(t) or _is_fields_fence(t) for t in lead):
        starts.insert(0, 0)  # text before the first heading is a slide of its own
    else:
        starts[0] = 0
    for n, s in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(tokens)
        part = tokens[s:end]
        chunks.append((part, _line(part[0])))
    return chunks


def _slide_level(tokens: list[Token]) -> int:
    """pandoc's slide level: the highest heading level (smallest number) that is followed
    immediately by content rather than by another heading, or ``DEEPEST_HEADING`` when none is.

    Headings at that level start slides; headings above it start slides too, and as they are
    followed by a heading they stand alone (pandoc's title slides: our section layout);
    headings below it are content of their slide. A ``***`` rule is not content (as in
    pandoc); a Marp directive comment is not there at all.
    """
    blocks = [t for t in tokens if t.level == 0 and t.nesting >= 0 and not _is_directive_block(t)]
    levels = [
        int(block.tag[1])
        for block, after in zip(blocks, blocks[1:], strict=False)
        if block.type == "heading_open" and after.type not in ("heading_open", "hr")
    ]
    return min(levels, default=DEEPEST_HEADING)


def _comment_text(token: Token) -> str | None:
    """The inside of an ``html_block`` that is exactly one HTML comment, else None."""
    if token.type != "html_block":
        return None
    content = token.content.strip()
    inner = content[4:-3]
    if content.startswith("<!--") and content.endswith("-->") and len(content) >= 7 and "-->" not in inner:
        return inner.strip()
    return None


def _is_fields_fence(token: Token) -> bool:
    return token.type == "fence" and token.info.strip() in FIELDS_FENCE


def _is_comment_block(token: Token) -> bool:
    return _comment_text(token) is not None


def is_marp_directive(comment: str) -> bool:
    """Whether a comment's text is Marp directives: ``key: value`` lines only (a value may go
    on over indented lines, as ``style: |`` does), one key at least known to Marp or marked
    with Marp's ``_``/``$`` prefix (see :data:`MARP_DIRECTIVES`)."""
    marp = False
    seen_key = False
    for line in comment.split("\n"):
        if not line.strip():
            continue
        if seen_key and line[:1] in (" ", "\t"):
            continue  # the value of the key above goes on
        match = _DIRECTIVE_LINE.fullmatch(line)
        if match is None:
            return False
        seen_key = True
        marp = marp or bool(match.group(1)) or match.group(2) in MARP_DIRECTIVES
    return marp


def _is_directive_block(token: Token) -> bool:
    text = _comment_text(token)
    return text is not None and is_marp_directive(text)


def _slide(
    chunk: list[Token],
    rel: str,
    diags: Diagnostics,
    loc: SourceLoc,
    front: Located | None,
    included_from: SourceLoc | None,
) -> SourceSlide | None:
    fields: dict[str, Located] = dict(front.value) if front is not None else {}
    # Comments may stand above the fields and the heading (Marp puts its directives there);
    # they are walked first, so that notes keep their order.
    lead: list[Token] = []
    i = _skip_comments(chunk, 0, lead)
    if i < len(chunk) and _is_fields_fence(chunk[i]):
        fence = chunk[i]
        parsed = parse_yaml(fence.content, rel, diags, line_offset=_line(fence))
        if parsed is not None and isinstance(parsed.value, dict):
            fields.update(parsed.value)
        elif parsed is not None:
            diags.error(parsed.loc, "slide fields must be key: value lines", "write a YAML mapping")
        i = _skip_comments(chunk, i + 1, lead)
    heading: Inline = ()
    heading_loc: SourceLoc | None = None
    heading_level = 0
    if i + 2 < len(chunk) and chunk[i].type == "heading_open" and chunk[i].level == 0:
        heading = _inline(chunk[i + 1], rel, diags)
        heading_loc = SourceLoc(rel, _line(chunk[i]), 1, included_from)
        heading_level = int(chunk[i].tag[1])
        if chunk[i].markup in ("-", "="):
            _warn_setext(chunk[i], rel, diags)
        i += 3
    walker = _Walker(rel, diags, included_from)
    walker.walk(lead)
    walker.walk(chunk[i:])
    return SourceSlide(
        fields=fields,
        body=tuple(walker.body),
        notes=tuple(walker.notes),
        loc=loc,
        heading=heading,
        heading_loc=heading_loc,
        heading_level=heading_level,
        images=tuple(walker.images),
        table=tuple(walker.table),
        table_loc=walker.table_loc,
    )


def _skip_comments(chunk: list[Token], i: int, into: list[Token]) -> int:
    """Move the comment blocks from ``chunk[i]`` on into ``into``; the index after them."""
    while i < len(chunk) and chunk[i].level == 0 and _is_comment_block(chunk[i]):
        into.append(chunk[i])
        i += 1
    return i


def _warn_setext(token: Token, rel: str, diags: Diagnostics) -> None:
    if token.markup == "-":
        diags.warning(
            SourceLoc(rel, _line(token) + 1, 1),
            "'---' right under a line of text makes that line a heading, not a slide break",
            "leave a blank line above '---' to start a new slide",
            rule="setext-heading",
        )


class _Walker:
    """Turns block tokens into paragraphs, notes, images and a table."""

    def __init__(self, rel: str, diags: Diagnostics, included_from: SourceLoc | None) -> None:
        self.rel = rel
        self.diags = diags
        self.included_from = included_from
        self.body: list[Para] = []
        self.notes: list[Para] = []
        self.images: list[SourceImage] = []
        self.table: list[tuple[Inline, ...]] = []
        self.table_loc: SourceLoc | None = None
        self.in_notes = 0
        self.lists: list[str] = []  # "bullet" / "number", innermost last
        self.item_first: list[bool] = []

    def loc(self, token: Token) -> SourceLoc:
        return SourceLoc(self.rel, _line(token), 1, self.included_from)

    def out(self) -> list[Para]:
        return self.notes if self.in_notes else self.body

    def walk(self, tokens: list[Token]) -> None:
        i = 0
        while i < len(tokens):
            i = self.step(tokens, i)

    def step(self, tokens: list[Token], i: int) -> int:
        t = tokens[i]
        kind = t.type
        if kind == "container_notes_open":
            self.in_notes += 1
        elif kind == "container_notes_close":
            self.in_notes -= 1
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
        elif kind == "list_item_close":
            self.item_first.pop()
        elif kind == "paragraph_open":
            return self.paragraph(tokens, i)
        elif kind == "heading_open":
            runs = _inline(tokens[i + 1], self.rel, self.diags)
            self.out().append(Para(tuple(Run(r.text, True, r.italic, r.code, r.href) for r in runs), "text", 0, _rtl(runs), self.loc(t)))
            if t.markup == "-":
                _warn_setext(t, self.rel, self.diags)
            return i + 3
        elif kind in ("fence", "code_block"):
            if kind == "fence" and t.info.strip() in FIELDS_FENCE:
                self.diags.error(self.loc(t), "slide fields must come first on the slide", "move this block right after the '---' that starts the slide")
            for n, line in enumerate(t.content.rstrip("\n").split("\n")):
                self.out().append(Para((Run(line, code=True),), "text", 0, False, SourceLoc(self.rel, _line(t) + n + 1, 1, self.included_from)))
        elif kind == "html_block":
            self.html_block(t)
        elif kind == "table_open":
            return self.table_rows(tokens, i)
        elif kind == "hr":
            pass  # a '***' or '___' rule inside a slide has no meaning on a slide
        return i + 1

    def paragraph(self, tokens: list[Token], i: int) -> int:
        inline = tokens[i + 1]
        children = [c for c in (inline.children or []) if not (c.type == "text" and not c.content.strip()) and c.type != "softbreak"]
        if len(children) == 1 and children[0].type == "image" and not self.lists and not self.in_notes:
            img = children[0]
            alt, _keywords = marp_keywords("".join(c.content for c in (img.children or [])) or img.content)
            self.images.append(
                SourceImage(
                    str(img.attrs.get("src", "")),
                    alt,
                    self.loc(tokens[i]),
                    str(img.attrs.get("title", "") or ""),
                )
            )
            return i + 3
        runs = _inline(inline, self.rel, self.diags)
        if self.lists:
            first = self.item_first[-1]
            self.item_first[-1] = False
            kind = self.lists[-1] if first else "text"
            para = Para(runs, kind, len(self.lists) - 1, _rtl(runs), self.loc(tokens[i]))  # type: ignore[arg-type]
        else:
            para = Para(runs, "text", 0, _rtl(runs), self.loc(tokens[i]))
        if runs:
            self.out().append(para)
        return i + 3

    def html_block(self, t: Token) -> None:
        inner = _comment_text(t)
        # One comment is a speaker note (Marp's convention), unless it holds Marp's
        # directives, which style Marp's output and mean nothing here; anything else,
        # including a comment followed by markup, is HTML and is dropped.
        if inner is not None:
            if is_marp_directive(inner):
                return
            for n, line in enumerate(inner.split("\n")):
                if line.strip():
                    self.notes.append(Para((Run(line.strip()),), "text", 0, False, SourceLoc(self.rel, _line(t) + n, 1, self.included_from)))
            return
        self.diags.warning(
            self.loc(t),
            "raw HTML is not allowed in slides and was left out",
            "use Markdown instead",
            rule="raw-html",
        )

    def table_rows(self, tokens: list[Token], i: int) -> int:
        row: list[Inline] = []
        self.table_loc = self.table_loc or self.loc(tokens[i])
        while i < len(tokens) and tokens[i].type != "table_close":
            t = tokens[i]
            if t.type == "tr_open":
                row = []
            elif t.type in ("th_open", "td_open"):
                row.append(_inline(tokens[i + 1], self.rel, self.diags))
            elif t.type == "tr_close":
                self.table.append(tuple(row))
            i += 1
        return i + 1


def _rtl(runs: Inline) -> bool:
    return is_rtl(plain(runs))


def _inline(token: Token, rel: str, diags: Diagnostics) -> Inline:
    """Inline children → runs. Links keep only allow-listed targets (``model.is_safe_href``);
    HTML is dropped; a character reference that makes a control character is refused."""
    runs: list[Run] = []
    bold = italic = False
    href: str | None = None
    line = _line(token)
    for child in token.children or []:
        kind = child.type
        if kind == "text":
            text = _refuse_references(child.content, SourceLoc(rel, line, 1), diags)
            if text:
                runs.append(Run(text, bold, italic, False, href))
        elif kind == "softbreak":
            runs.append(Run(" ", bold, italic, False, href))
        elif kind == "hardbreak":
            runs.append(Run("\n", bold, italic, False, href))
        elif kind == "code_inline":
            runs.append(Run(child.content, bold, italic, True, href))
        elif kind == "strong_open":
            bold = True
        elif kind == "strong_close":
            bold = False
        elif kind == "em_open":
            italic = True
        elif kind == "em_close":
            italic = False
        elif kind == "link_open":
            target = str(child.attrs.get("href", ""))
            if is_safe_href(target):
                href = target
            else:
                href = None
                diags.warning(
                    SourceLoc(rel, line, 1),
                    f"link target {target!r} is not an http, https or mailto address; the text is kept without the link",
                    "write a full https:// address",
                    rule="link-scheme",
                )
        elif kind == "link_close":
            href = None
        elif kind == "image":
            diags.warning(
                SourceLoc(rel, line, 1),
                "a picture inside text is left out",
                "put the picture in a paragraph of its own, or use the image layout",
                rule="inline-image",
            )
        elif kind == "html_inline":
            diags.warning(
                SourceLoc(rel, line, 1),
                f"raw HTML {child.content!r} is not allowed and was left out",
                "use Markdown instead",
                rule="raw-html",
            )
    return _merge(runs)


def _refuse_references(text: str, loc: SourceLoc, diags: Diagnostics) -> str:
    """``text`` without the characters of ``load.text.FORBIDDEN``, with an error for each.

    The file's own characters were checked when it was read; here such a character was made
    by a character reference (``&#12;``, ``&#x2028;``), which markdown-it decodes, and it would
    show as ``_x000C_`` in PowerPoint.
    """
    for match in FORBIDDEN.finditer(text):
        diags.error(loc, f"a character reference in this text makes a control character {char_label(match.group())}",
                    "remove it")
    return FORBIDDEN.sub("", text)


def _merge(runs: list[Run]) -> Inline:
    """Join neighbouring runs of the same style (markdown-it splits text at every '{', '_' …)."""
    out: list[Run] = []
    for run in runs:
        if out and (out[-1].bold, out[-1].italic, out[-1].code, out[-1].href) == (run.bold, run.italic, run.code, run.href) and run.text != "\n" and out[-1].text != "\n":
            prev = out.pop()
            out.append(Run(prev.text + run.text, run.bold, run.italic, run.code, run.href))
        else:
            out.append(run)
    return tuple(out)


def parse_inline(text: str, rel: str, loc: SourceLoc, diags: Diagnostics) -> Inline:
    """Inline Markdown of a YAML text field (a title, a tile name): emphasis, code, links."""
    tokens = _PARSER.parseInline(text)
    if not tokens:
        return ()
    inner = Diagnostics()
    runs = _inline(tokens[0], rel, inner)
    for d in inner:
        if d.severity == "error":
            diags.error(loc, d.message, d.hint, d.rule)
        else:
            diags.warning(loc, d.message, d.hint, d.rule)
    return runs


def parse_block(text: str, rel: str, loc: SourceLoc, diags: Diagnostics) -> tuple[Para, ...]:
    """Block Markdown of a YAML text field (facts, a prompt): paragraphs and lists; locations
    point at the field."""
    inner = Diagnostics()
    mdfile = parse_markdown(text, rel, inner)
    for d in inner:
        if d.severity == "error":
            diags.error(loc, d.message, d.hint, d.rule)
        elif d.severity == "info":
            diags.info(loc, d.message, d.hint, d.rule)
        else:
            diags.warning(loc, d.message, d.hint, d.rule)
    paras: list[Para] = []
    for slide in mdfile.slides:
        if slide.heading:
            paras.append(Para(slide.heading, "text", 0, _rtl(slide.heading), loc))
        paras.extend(Para(p.runs, p.kind, p.level, p.rtl, loc) for p in slide.body)
    return tuple(paras)
