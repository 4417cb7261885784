"""``render_reveal``: a resolved ``Deck`` to a reveal.js deck, in memory.

Two forms of the same page:

* folder: ``<deck>/index.html`` plus ``<deck>/assets/<sha256[:16]>.<ext>`` for every script,
  stylesheet and picture (content-addressed, so an unchanged file keeps its name);
* single: ``<deck>.html`` with every script and style inlined and pictures as ``data:`` URIs,
  for email.

Templates are Jinja2 (autoescaping, undefined variables are errors; sandboxed whenever a brand
overrides one) from a loader chain: the brand's overrides first, then the package defaults.
Content reaches them only as template variables. The Content-Security-Policy allows nothing from outside the file or folder.

What a brand may do (docs/security.md): override the slide templates (``slide.html.j2``,
``macros.html.j2``, ``layouts/*``). It may not override the page shell (:data:`PAGE_TEMPLATE`,
which holds the policy and the page's scripts and styles; it always comes from this package),
and a slide may not contain an element the policy cannot hold back in every form
(:data:`_FORBIDDEN`: script, frames, embedded objects, meta, base, link, style, form), which is
a located error. Inline script and event-handler attributes that a brand writes with ``|safe``
are refused by the policy (it allows only the page's own scripts, by hash or from 'self').
After rendering, the page is verified to carry exactly its computed policy first in
``<head>``; anything else is a bug.
"""

from __future__ import annotations

import base64
import dataclasses
import functools
import hashlib
import re
import traceback
from collections.abc import Mapping
from dataclasses import dataclass, field

from jinja2 import ChoiceLoader, DictLoader, Environment, PackageLoader, StrictUndefined, Template, TemplateError
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from deckgen import words
from deckgen.errors import BuildError, Diagnostic, SourceLoc
from deckgen.layouts import REGISTRY
from deckgen.layouts.tables import is_officer
from deckgen.layouts.tiles import caption_of  # the PowerPoint roster emphasises the same roles
from deckgen.model import (
    Asset,
    Brand,
    Deck,
    ImageContent,
    ImageTextContent,
    OrgChartContent,
    plain,
)
from deckgen.render.reveal import bytecode, styles
from deckgen.render.reveal.pixels import num, slide_size
from deckgen.render.reveal.plans import PixelPlan, slide_plan
from deckgen.render.reveal.text import blocks, code_class, code_css, is_external, lines, runs_html, safe_href
from deckgen.render.reveal.vendor import Vendor, csp_hash, load_vendor

_MEDIA_EXT = {
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/gif": "gif",
    "image/svg+xml": "svg",
    "image/webp": "webp",
}
_TYPE_EXT = {"text/css": "css", "text/javascript": "js"}


# The page shell: it holds the Content-Security-Policy <meta> and the page's own scripts and
# styles, so it is always this package's (resolve refuses a brand override of it, located).
PAGE_TEMPLATE = "deck.html.j2"
# Elements a slide may not contain: the policy lets the folder form load scripts, frames and
# stylesheets from 'self' (the output folder, and for file: pages any local file), a <meta>
# can refresh the page away, and none of these belong on a slide. deckgen's own slide
# templates write none of them; a brand template that does is refused at build time.
_FORBIDDEN = re.compile(
    r"<(script|iframe|frame|frameset|object|embed|applet|portal|base|meta|link|style|form)"
    r"(?=[\s/>])",
    re.IGNORECASE,
)
_CSP_META = '<meta http-equiv="Content-Security-Policy" content="{}">'
# How the page must begin: the charset first (it must sit in the first 1024 bytes, and the
# single form's policy alone is longer), then the policy, before anything it governs.
_PAGE_START = re.compile(
    r'<!doctype html>\n<html lang="[^"<>]*">\n<head>\n<meta charset="utf-8">\n'
    r"(?P<csp><meta [^>]*>)\n"
)


def make_environment(brand_templates: Mapping[str, str]) -> Environment:
    """The template environment for one render: brand overrides before package defaults.

    Sandboxed whenever a brand overrides a template, because brand templates come from a
    project folder, not from this package: then every template of the render runs in the
    sandbox (a package template may call a brand's macros). With no override every template
    is this package's own code, which the sandbox's checks on each attribute and call would
    only slow down (content never becomes template code: it arrives as variables), so the
    environment is a plain one with the same settings and the same output. Autoescape on and
    ``StrictUndefined`` so a misspelt variable is an error, not blank text. The page shell
    is never taken from ``brand_templates``: one there is a bug (resolve refuses it), raised
    rather than silently used or dropped.
    """
    if PAGE_TEMPLATE in brand_templates:
        raise ValueError(f"a brand override of {PAGE_TEMPLATE} reached the renderer")
    package = PackageLoader("deckgen.render.reveal", "templates")
    kind = SandboxedEnvironment if brand_templates else Environment
    env = kind(
        loader=ChoiceLoader([DictLoader(dict(brand_templates)), package]) if brand_templates else package,
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
        runs_html=runs_html,
        code_class=code_class,
        caption_of=caption_of,
        is_officer=is_officer,
        plain=plain,
        num=num,
        path_d=_path_d,
    )
    return env


@functools.lru_cache(maxsize=8)
def _environment(brand_templates: tuple[tuple[str, str], ...]) -> Environment:
    """One environment per set of brand overrides, so templates compile once per process
    (a batch build renders two forms for every county); the package's own templates' code
    is also kept between processes, in the user's cache folder (:mod:`.bytecode`)."""
    env = make_environment(dict(brand_templates))
    if not brand_templates:
        bytecode.attach(env, bytecode.cache_root())
    return env


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
        name = getattr(exc, "name", None) or getattr(exc, "template", None) or ""
        where = _override_path(deck.brand, name if name in overrides else "")
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


def _override_path(brand: Brand, name: str) -> str:
    """Where brand override ``name`` lives, project-relative (its ``reveal/`` folder for
    ``""``)."""
    return f"{brand.folder or '.'}/reveal/{name}"


def _template_view(deck: Deck) -> Deck:
    """The deck as templates see it: without the brand's runtime-only data (the absolute
    paths of its measuring fonts, which must never reach an output)."""
    return dataclasses.replace(deck, brand=dataclasses.replace(deck.brand, font_files={}))


def _check_slide_markup(html: str, template_name: str, brand: Brand) -> None:
    """Refuse a slide holding a :data:`_FORBIDDEN` element: a located error at the brand
    template that wrote it (the first override whose text has it, else the slide's own
    template, else the brand's reveal/ folder), or a bug when no brand template was used."""
    found = _FORBIDDEN.search(html)
    if found is None:
        return
    tag = found.group(1).lower()
    overrides = brand.reveal_templates
    if not overrides:
        raise ValueError(f"deckgen's own {template_name} wrote a <{tag}> element")
    name, line = (template_name if template_name in overrides else ""), 1
    for candidate in sorted(overrides, key=lambda n: (n != template_name, n)):
        written = re.search(rf"<{tag}(?=[\s/>])", overrides[candidate], flags=re.IGNORECASE)
        if written is not None:
            name = candidate
            line = overrides[candidate].count("\n", 0, written.start()) + 1
            break
    raise BuildError(
        [
            Diagnostic(
                SourceLoc(_override_path(brand, name), line, 1),
                f"a brand's reveal.js template may not put a <{tag}> element on a slide",
                "error",
                "remove it: the page's scripts, styles and security policy are deckgen's; "
                "a brand template shapes slides with text, pictures, links and SVG "
                "(docs/brand.md)",
            )
        ]
    )


def _verify_page(page: str, csp: str) -> None:
    """The page carries exactly its computed policy, first in ``<head>`` after the charset,
    and no other; else a bug (raised: the page must not be written)."""
    start = _PAGE_START.match(page)
    expected = _CSP_META.format(escape(csp))
    if start is None or start.group("csp") != expected:
        raise RuntimeError("the reveal.js page does not begin with its Content-Security-Policy")
    if len(re.findall(r"http-equiv\s*=\s*[\"']?content-security-policy", page, re.I)) != 1:
        raise RuntimeError("the reveal.js page has more than one Content-Security-Policy")


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
    view = _template_view(deck)
    files = _Files(deck.name, single)
    width, height = slide_size(deck.brand)
    ui = dict(words.words(deck.lang))
    logo_src = files.picture(deck.brand.logo) if deck.brand.logo is not None else ""

    plans: dict[int, PixelPlan] = {}
    slides_html: list[Markup] = []
    footers: dict[str, bool] = {}  # whether a layout shows the footer, from its frame (once a layout)
    for n, slide in enumerate(deck.slides, start=1):
        spec = REGISTRY.get(slide.layout)
        if spec is None:
            raise ValueError(f"unknown layout {slide.layout!r} reached the renderer")
        extra: dict[str, object] = {"plan": None}
        pixel = slide_plan(deck.brand, slide, deck.lang)
        if pixel is not None:
            plans[n] = pixel
            extra["plan"] = pixel
        if isinstance(slide.content, OrgChartContent):
            extra["names"] = {node.id: plain(node.name) for node in slide.content.nodes}
        if isinstance(slide.content, ImageContent | ImageTextContent):
            extra["image_src"] = files.picture(slide.content.image)
        if slide.layout not in footers:
            footers[slide.layout] = styles.frame(deck.brand, slide.layout).footer
        template_name = f"layouts/{slide.layout}.html.j2"
        try:
            template = env.get_template(template_name)
        except TemplateError as exc:
            exc.template = template_name  # type: ignore[attr-defined]
            raise
        html = _render_template(template, template_name,
            deck=view,
            slide=slide,
            c=slide.content,
            n=n,
            total=len(deck.slides),
            tone=spec.tone,
            notes=notes,
            ui=ui,
            logo_src=logo_src,
            show_logo=spec.logo,
            show_footer=footers[slide.layout],
            **extra,
        )
        _check_slide_markup(html, template_name, deck.brand)
        slides_html.append(Markup(html.strip()))

    style_texts = [
        vendor.files["reset_css"].decode("utf-8"),
        _without_print_rules(vendor.files["reveal_css"].decode("utf-8")),
        styles.theme_css(deck.brand),
        styles.deck_css(deck, plans) + code_css("".join(slides_html)),
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
    # The shell from the package alone: no brand template can reach the policy.
    page = _environment(()).get_template(PAGE_TEMPLATE).render(
        deck=view,
        csp=csp,
        styles=page_styles,
        scripts=page_scripts,
        slides=slides_html,
        width=width,
        height=height,
        ui=ui,
        reveal_version=vendor.version,
    )
    _verify_page(page, csp)
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
