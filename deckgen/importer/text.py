"""Text as PowerPoint stores it → deckgen's model paragraphs → Markdown.

Responsibility: read DrawingML paragraphs (``a:p``) the way PowerPoint shows them -- the
level (``lvl``), the list marker (an explicit ``buChar``/``buAutoNum``/``buNone``, else what
the placeholder inherits from its layout and master), bold, italic, monospace runs as code,
line breaks (``a:br``), fields by their shown text, and hyperlinks from the part's
relationships (safe schemes only: any other link is dropped, its text kept, and named in a
warning) -- into :class:`~deckgen.model.Para`; and write paragraphs back as the Markdown that
deckgen's loader reads to the same paragraphs (:func:`to_markdown`, :func:`inline_markdown`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from pptx.oxml.ns import qn

from deckgen.model import Inline, Para, ParaKind, Run, Text, is_safe_href

MONOSPACE = ("courier", "consolas", "mono", "menlo", "monaco", "lucida console", "source code")
_R_ID = qn("r:id")

# Called with each link that could not be kept (its address or action).
LinkSink = Callable[[str], None]
# The list marker a paragraph at ``level`` inherits when it sets none itself.
Inherited = Callable[[int], ParaKind]


def no_bullets(_level: int) -> ParaKind:
    return "text"


def read_paragraphs(tx_body: Any, part: Any, inherited: Inherited = no_bullets, dropped: LinkSink | None = None) -> Text:
    """The paragraphs of a ``p:txBody``/``a:txBody`` element; empty paragraphs are left out
    (they are spacing, not text). ``part`` resolves hyperlink relationships."""
    out: list[Para] = []
    if tx_body is None:
        return ()
    for p in tx_body.iter(qn("a:p")):
        runs = _runs(p, part, dropped)
        if not "".join(r.text for r in runs).strip():
            continue
        p_pr = p.find(qn("a:pPr"))
        level = int(p_pr.get("lvl", "0")) if p_pr is not None else 0
        kind = _marker(p_pr) or inherited(level)
        rtl = p_pr is not None and p_pr.get("rtl") == "1"
        out.append(Para(_trim(runs), kind, level if kind != "text" else 0, rtl))
    return tuple(out)


def _marker(p_pr: Any) -> ParaKind | None:
    if p_pr is None:
        return None
    if p_pr.find(qn("a:buNone")) is not None:
        return "text"
    if p_pr.find(qn("a:buAutoNum")) is not None:
        return "number"
    if p_pr.find(qn("a:buChar")) is not None or p_pr.find(qn("a:buBlip")) is not None:
        return "bullet"
    return None


def marker_of_level(lst_style: Any, level: int) -> ParaKind | None:
    """The marker a list style (``a:lstStyle``, ``p:bodyStyle``…) gives ``level``, if any."""
    if lst_style is None:
        return None
    return _marker(lst_style.find(qn(f"a:lvl{level + 1}pPr")))


def _runs(p: Any, part: Any, dropped: LinkSink | None) -> Inline:
    runs: list[Run] = []
    for child in p:
        tag = child.tag
        if tag == qn("a:br"):
            runs.append(Run("\n"))
        elif tag in (qn("a:r"), qn("a:fld")):
            t = child.find(qn("a:t"))
            text = (t.text or "") if t is not None else ""
            if text:
                runs.append(_styled(text, child.find(qn("a:rPr")), part, dropped))
    return _merge(runs)


def _styled(text: str, r_pr: Any, part: Any, dropped: LinkSink | None) -> Run:
    if r_pr is None:
        return Run(text)
    bold = r_pr.get("b") in ("1", "true")
    italic = r_pr.get("i") in ("1", "true")
    latin = r_pr.find(qn("a:latin"))
    face = (latin.get("typeface", "") if latin is not None else "").lower()
    code = any(m in face for m in MONOSPACE)
    return Run(text, bold, italic, code, _href(r_pr.find(qn("a:hlinkClick")), part, dropped))


def _href(click: Any, part: Any, dropped: LinkSink | None) -> str | None:
    """The address of a hyperlink, when it is an allowed one."""
    if click is None:
        return None
    rid = click.get(_R_ID)
    target = ""
    if rid:
        rel = part.rels.get(rid) if part is not None else None
        target = rel.target_ref if rel is not None and rel.is_external else ""
    if target and is_safe_href(target):
        return target
    if dropped is not None:
        dropped(target or click.get("action", "") or "a link without an address")
    return None


def link_of(click: Any, part: Any, dropped: LinkSink | None = None) -> str | None:
    """Public form of the hyperlink reading, for a shape's click action."""
    return _href(click, part, dropped)


def _merge(runs: Iterable[Run]) -> Inline:
    out: list[Run] = []
    for run in runs:
        if out and run.text != "\n" and out[-1].text != "\n" and _style(out[-1]) == _style(run):
            out[-1] = Run(out[-1].text + run.text, run.bold, run.italic, run.code, run.href)
        else:
            out.append(run)
    return tuple(out)


def _style(run: Run) -> tuple[bool, bool, bool, str | None]:
    return (run.bold, run.italic, run.code, run.href)


def _trim(runs: Inline) -> Inline:
    """Leading and trailing blanks and breaks of a paragraph are not text Markdown keeps."""
    items = list(runs)
    while items and not items[0].text.strip():
        items.pop(0)
    while items and not items[-1].text.strip():
        items.pop()
    if items:
        first, last = items[0], items[-1]
        items[0] = Run(first.text.lstrip(), first.bold, first.italic, first.code, first.href)
        last = items[-1]
        items[-1] = Run(last.text.rstrip(), last.bold, last.italic, last.code, last.href)
    return tuple(items)


def plain(runs: Inline) -> str:
    return "".join(r.text for r in runs)


def text_plain(text: Text) -> str:
    return "\n".join(plain(p.runs) for p in text)


# --------------------------------------------------------------------------- Markdown out

_PUNCT = re.compile(r"([\\`*_\[\]<>~|])")
_AMP = re.compile(r"&(?=[A-Za-z#][A-Za-z0-9]*;?)")
_LINE_START = re.compile(r"^(\s*)([#>+=:-]|\d+[.)])")


def escape(text: str) -> str:
    """``text`` as Markdown that reads back as the same text (no emphasis, links, HTML,
    entity references or table cells made by accident)."""
    return _AMP.sub(r"\\&", _PUNCT.sub(r"\\\1", text))


def _escape_start(md: str) -> str:
    """Escape what would start a heading, quote, list, rule or fence at a line's start."""
    m = _LINE_START.match(md)
    if not m:
        return md
    if m.group(2)[0].isdigit():
        digits = m.group(2)
        return md[: m.start(2)] + digits[:-1] + "\\" + digits[-1] + md[m.end(2):]
    return md[: m.start(2)] + "\\" + md[m.start(2):]


def inline_markdown(runs: Inline) -> str:
    """One paragraph's runs as inline Markdown (line breaks as ``\\`` + newline).

    CommonMark does not take every emphasis mark (``1*:*`` is no emphasis: a mark between a
    digit and punctuation neither opens nor closes), so the result is read back with
    deckgen's own parser; where its text differs, the paragraph is written without emphasis,
    and where it still differs, as plain text: the words always come through."""
    for attempt in (runs, tuple(Run(r.text, False, False, r.code, r.href) for r in runs), tuple(Run(r.text) for r in runs)):
        md = _escape_start("".join("\\\n" if r.text == "\n" else _run_markdown(r) for r in attempt))
        if _reads_back(md, runs):
            return md
    return md


def _reads_back(md: str, runs: Inline) -> bool:
    from deckgen.errors import Diagnostics, SourceLoc
    from deckgen.load.markdown import parse_inline

    got = parse_inline(md, "<import>", SourceLoc("<import>"), Diagnostics())
    return "".join(r.text for r in got).split() == "".join(r.text for r in runs).split()


def _run_markdown(run: Run) -> str:
    text = run.text
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()):]
    core = text.strip()
    if not core:
        return text
    if run.code:
        fence = "``" if "`" in core else "`"
        pad = " " if core.startswith("`") or core.endswith("`") else ""
        md = f"{fence}{pad}{core}{pad}{fence}"
    else:
        md = escape(core)
    if run.italic and not run.code:
        md = f"*{md}*"
    if run.bold and not run.code:
        md = f"**{md}**"
    if run.href:
        md = f"[{md}](<{run.href}>)" if re.search(r"[\s()<>]", run.href) else f"[{md}]({run.href})"
    return lead + md + trail


def to_markdown(text: Text) -> str:
    """Paragraphs as Markdown blocks: list items nested by level (``-`` bullets, ``1.``
    numbers), text paragraphs separated by blank lines. Ends without a newline."""
    lines: list[str] = []
    indents: list[int] = []  # content column of each open list level
    previous: ParaKind | None = None
    for para in text:
        md = inline_markdown(para.runs)
        if para.kind == "text":
            if lines:
                lines.append("")
            lines.append(md)
            indents = []
        else:
            if previous == "text" and lines:
                lines.append("")
            level = min(para.level, len(indents))
            del indents[level:]
            pad = indents[-1] if indents else 0
            marker = "1. " if para.kind == "number" else "- "
            body = md.replace("\n", "\n" + " " * (pad + len(marker)))
            lines.append(" " * pad + marker + body)
            indents.append(pad + len(marker))
        previous = para.kind
    return "\n".join(lines)
