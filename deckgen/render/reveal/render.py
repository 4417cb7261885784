"""``render_reveal``: a resolved ``Deck`` to a reveal.js deck, in memory.

Two forms of the same page:

* folder: ``<deck>/index.html`` plus ``<deck>/assets/<sha256[:16]>.<ext>`` for every script,
  stylesheet and picture (content-addressed, so an unchanged file keeps its name);
* single: ``<deck>.html`` with every script and style inlined and pictures as ``data:`` URIs,
  for email.

Templates are Jinja2 (sandboxed, autoescaping, undefined variables are errors) from a loader
chain: the brand's overrides first, then the package defaults. Content reaches them only as
template variables. The Content-Security-Policy allows nothing from outside the file or folder.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
import traceback
from collections.abc import Mapping
from dataclasses import dataclass, field

from jinja2 import ChoiceLoader, DictLoader, PackageLoader, StrictUndefined, Template, TemplateError
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from deckgen import words
from deckgen.errors import BuildError, Diagnostic, SourceLoc
from deckgen.geometry import is_officer  # the PowerPoint roster emphasises the same roles
from deckgen.model import (
    LAYOUTS,
    Asset,
    Deck,
    ImageContent,
    OrgChartContent,
    plain,
)
from deckgen.render.reveal import orgchart, styles
from deckgen.render.reveal.geometry import num, slide_size
from deckgen.render.reveal.text import blocks, host, is_external, lines, safe_href
from deckgen.render.reveal.vendor import Vendor, csp_hash, load_vendor

_MEDIA_EXT = {
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/gif": "gif",
    "image/svg+xml": "svg",
    "image/webp": "webp",
}
_TYPE_EXT = {"text/css": "css", "text/javascript": "js"}

DARK_LAYOUTS = frozenset({"title", "section"})
NO_LOGO = frozenset({"image"})


def make_environment(brand_templates: Mapping[str, str]) -> SandboxedEnvironment:
    """The template environment for one render: brand overrides before package defaults.

    Sandboxed because brand templates come from a project folder, not from this package;
    autoescape on and ``StrictUndefined`` so a misspelt variable is an error, not blank text.
    """
    loader = ChoiceLoader([DictLoader(dict(brand_templates)), PackageLoader("deckgen.render.reveal", "templates")])
    env = SandboxedEnvironment(
        loader=loader,
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.globals.update(
        blocks=blocks,
        safe_href=safe_href,
        is_external=is_external,
        lines=lines,
        host=host,
        is_officer=is_officer,
        plain=plain,
        num=num,
        path_d=_path_d,
    )
    return env


@functools.lru_cache(maxsize=8)
def _environment(brand_templates: tuple[tuple[str, str], ...]) -> SandboxedEnvironment:
    """One environment per set of brand overrides, so templates compile once per process
    (a batch build renders two forms for every county)."""
    return make_environment(dict(brand_templates))


def _path_d(points: tuple[tuple[float, float], ...]) -> str:
    """An SVG path through ``points``."""
    return " ".join(("M" if i == 0 else "L") + f"{num(x)},{num(y)}" for i, (x, y) in enumerate(points))


@dataclass
class _Files:
    """What the page references: asset files (folder form) or inline text / data: URIs
    (single form). Collects the folder form's outputs as it goes."""

    deck_name: str
    single: bool
    outputs: dict[str, bytes] = field(default_factory=dict)

    def _store(self, data: bytes, ext: str) -> str:
        name = f"assets/{hashlib.sha256(data).hexdigest()[:16]}.{ext}"
        self.outputs[f"{self.deck_name}/{name}"] = data
        return name

    def picture(self, asset: Asset) -> str:
        ext = _MEDIA_EXT.get(asset.media_type)
        if ext is None:
            raise ValueError(f"picture of an unsupported type reached the renderer: {asset.path}")
        if self.single:
            return f"data:{asset.media_type};base64,{base64.b64encode(asset.data).decode()}"
        return self._store(asset.data, ext)

    def style(self, text: str) -> dict[str, str | Markup]:
        if self.single:
            return {"href": "", "text": Markup(_inline_css(text))}
        return {"href": self._store(text.encode("utf-8"), "css"), "text": ""}

    def script(self, text: str) -> dict[str, str | Markup]:
        if self.single:
            return {"src": "", "text": Markup(_inline_js(text))}
        return {"src": self._store(text.encode("utf-8"), "js"), "text": ""}


def _inline_css(text: str) -> str:
    """CSS that is safe between ``<style>`` tags (it must not close them)."""
    if re.search(r"</style", text, flags=re.I):
        raise ValueError("stylesheet contains '</style', which would end the inline <style>")
    return text


def _inline_js(text: str) -> str:
    """JavaScript that is safe between ``<script>`` tags.

    ``</script`` would end the element, and ``<!--`` followed by ``<script`` switches the HTML
    parser into a state where the real ``</script>`` no longer ends it (the notes plugin's
    speaker view page has both, inside a template literal). ``\\x3C`` is ``<`` in every JS
    string, template and regular expression literal, so the code runs unchanged.
    """
    return re.sub(r"<(?=!--|/?script)", r"\\x3C", text, flags=re.I)


def render_reveal(deck: Deck, *, single: bool = False, notes: bool = True) -> dict[str, bytes]:
    """Render ``deck`` to reveal.js: ``{"<deck>/index.html": …, "<deck>/assets/…": …}``, or
    ``{"<deck>.html": …}`` with ``single``. Speaker notes are left out with ``notes=False``.

    Raises :class:`deckgen.errors.UsageError` when reveal.js is not installed (``npm ci``),
    and a located :class:`deckgen.errors.BuildError` when a brand's template override is
    broken (a syntax error, an unknown name, something the sandbox refuses). A failure in a
    package template is a bug and keeps its traceback. The same deck gives the same bytes.
    """
    overrides = deck.brand.reveal_templates
    try:
        return _render(deck, single=single, notes=notes)
    except TemplateError as exc:
        if not overrides:
            raise
        name = getattr(exc, "name", None) or getattr(exc, "template", None)
        folder = deck.brand.master_path.rsplit("/", 1)[0] if "/" in deck.brand.master_path else "."
        where = f"{folder}/reveal/{name}" if name in overrides else f"{folder}/reveal/"
        line = getattr(exc, "lineno", None) or _template_line(exc) or 1
        message = getattr(exc, "message", None) or str(exc)
        raise BuildError(
            [
                Diagnostic(
                    SourceLoc(where, line, 1),
                    f"the brand's reveal.js template failed: {message}",
                    "error",
                    "fix the template or remove it to use deckgen's own",
                )
            ]
        ) from None


def _template_line(exc: BaseException) -> int | None:
    """The template line a runtime error came from (Jinja2 maps its frames to ``<template>``)."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == "<template>"]
    return frames[-1].lineno if frames else None


def _render_template(template: Template, name: str, **context: object) -> str:
    """Render one layout template; a template error says which template it came from."""
    try:
        return template.render(**context)
    except TemplateError as exc:
        exc.template = name  # type: ignore[attr-defined]
        raise


def _render(deck: Deck, *, single: bool, notes: bool) -> dict[str, bytes]:
    vendor = load_vendor()
    env = _environment(tuple(sorted(deck.brand.reveal_templates.items())))
    files = _Files(deck.name, single)
    width, height = slide_size(deck.brand)
    ui = dict(words.words(deck.lang))
    logo_src = files.picture(deck.brand.logo) if deck.brand.logo is not None else ""

    orgs: dict[int, orgchart.OrgLayout] = {}
    slides_html: list[Markup] = []
    for n, slide in enumerate(deck.slides, start=1):
        if slide.layout not in LAYOUTS:
            raise ValueError(f"unknown layout {slide.layout!r} reached the renderer")
        extra: dict[str, object] = {}
        if isinstance(slide.content, OrgChartContent):
            area = styles.frame(deck.brand, slide.layout).boxes["slide-body"]
            orgs[n] = orgchart.layout(slide.content, area.w, area.h)
            extra["org"] = orgs[n]
            extra["names"] = {node.id: plain(node.name) for node in slide.content.nodes}
        if isinstance(slide.content, ImageContent):
            extra["image_src"] = files.picture(slide.content.image)
        if slide.layout == "tiles":
            extra["tiles_cols"] = styles.tile_columns(len(getattr(slide.content, "tiles", ())))
        template_name = f"layouts/{slide.layout}.html.j2"
        try:
            template = env.get_template(template_name)
        except TemplateError as exc:
            exc.template = template_name  # type: ignore[attr-defined]
            raise
        html = _render_template(template, template_name,
            deck=deck,
            slide=slide,
            c=slide.content,
            n=n,
            total=len(deck.slides),
            tone="dark" if slide.layout in DARK_LAYOUTS else "light",
            notes=notes,
            ui=ui,
            logo_src=logo_src,
            show_logo=slide.layout not in NO_LOGO,
            show_footer=styles.frame(deck.brand, slide.layout).footer,
            **extra,
        )
        slides_html.append(Markup(html.strip()))

    style_texts = [
        vendor.files["reset_css"].decode("utf-8"),
        _without_print_rules(vendor.files["reveal_css"].decode("utf-8")),
        styles.theme_css(deck.brand),
        styles.deck_css(deck, orgs),
    ]
    script_texts = [
        vendor.files["reveal_js"].decode("utf-8"),
        vendor.files["notes_js"].decode("utf-8"),
        styles.static_text("deck.js"),
    ]
    page_styles = [files.style(t) for t in style_texts]
    page_scripts = [files.script(t) for t in script_texts]
    csp = content_security_policy(
        vendor,
        width,
        height,
        inline_scripts=[str(s["text"]) for s in page_scripts if s["text"]],
        inline_styles=[str(s["text"]) for s in page_styles if s["text"]],
        self_allowed=not single,
    )
    page = env.get_template("deck.html.j2").render(
        deck=deck,
        csp=csp,
        styles=page_styles,
        scripts=page_scripts,
        slides=slides_html,
        width=width,
        height=height,
        ui=ui,
        reveal_version=vendor.version,
    )
    key = f"{deck.name}.html" if single else f"{deck.name}/index.html"
    return {key: page.encode("utf-8"), **dict(sorted(files.outputs.items()))}


def _without_print_rules(css: str) -> str:
    """reveal.css without its ``@media print`` block.

    That block turns a printed deck into a flowing document (static positions, auto sizes,
    all with ``!important``), which would undo deckgen's absolute layout; the theme has its own
    print rules that print each slide as it looks, one per page. ``?print-pdf`` is unaffected.
    """
    start = css.find("@media print{")
    if start < 0:
        return css
    depth = 0
    for i in range(start + len("@media print"), len(css)):
        if css[i] == "{":
            depth += 1
        elif css[i] == "}":
            depth -= 1
            if depth == 0:
                return css[:start] + css[i + 1 :]
    return css


def content_security_policy(
    vendor: Vendor,
    width: int,
    height: int,
    *,
    inline_scripts: list[str],
    inline_styles: list[str],
    self_allowed: bool,
) -> str:
    """The page's CSP: nothing from outside the file (single) or folder (folder form).

    'self' in the folder form also covers the live-preview server's same-origin script and
    event stream. Inline code is allowed only by hash: the page's own (single form), the
    speaker view's (its popup inherits this policy) and the two stylesheets reveal.js injects
    for ``?print-pdf`` (fixed text, given our size and ``margin: 0``).
    """
    print_pdf = (
        f"@page{{size:{width}px {height}px; margin: 0px;}}",
        ".reveal section>img, .reveal section>video, .reveal section>iframe"
        f"{{max-width: {width}px; max-height:{height}px}}",
    )
    base = ["'self'"] if self_allowed else []
    script_src = _unique(base + [csp_hash(t) for t in inline_scripts] + list(vendor.speaker_scripts))
    style_src = _unique(
        base
        + [csp_hash(t) for t in inline_styles]
        + list(vendor.speaker_styles)
        + [csp_hash(t) for t in print_pdf]
        + (["'unsafe-hashes'", *vendor.speaker_style_attrs] if vendor.speaker_style_attrs else [])
    )
    directives = [
        "default-src 'none'",
        "script-src " + " ".join(script_src),
        "style-src " + " ".join(style_src),
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "frame-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        "object-src 'none'",
    ]
    return "; ".join(directives)


def _unique(items: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)
