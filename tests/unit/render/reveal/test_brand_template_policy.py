"""What a brand's reveal.js templates may not do: replace the page shell (which holds the
Content-Security-Policy), put script, frames, meta, link, style, base or form elements on a
slide, or print runtime-only data (the absolute paths of the measuring fonts). The page is
verified to carry exactly its policy first in <head>; a brand font name CSS cannot carry is
refused rather than replaced."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from deckgen.errors import BuildError
from deckgen.model import Deck
from deckgen.render.reveal import render_reveal
from deckgen.render.reveal.render import (
    PAGE_TEMPLATE,
    _verify_page,
    content_security_policy,
    make_environment,
)
from deckgen.render.reveal.vendor import load_vendor
from deckgen.resolve.brandtemplates import PROTECTED_REVEAL_TEMPLATES

from .helpers import parse

TEMPLATES = Path(__file__).resolve().parents[4] / "deckgen" / "render" / "reveal" / "templates"
SECTION = "layouts/section.html.j2"


def with_overrides(deck: Deck, **changes: object) -> Deck:
    brand = dataclasses.replace(deck.brand, folder="templates/acme", **changes)
    return dataclasses.replace(deck, brand=brand)


def section_override(body: str) -> str:
    """A section layout that keeps the default heading and adds ``body``."""
    return '{%- extends "slide.html.j2" -%}\n{%- block content %}\n' + body + "\n{%- endblock %}\n"


def build_error(deck: Deck) -> str:
    with pytest.raises(BuildError) as caught:
        render_reveal(deck)
    [diag] = caught.value.diagnostics()
    return diag.format()


def test_the_page_shell_is_the_one_protected_template() -> None:
    # Every package template that holds the policy (or the page's scripts) is protected in
    # resolve, and the renderer renders exactly that one as the page.
    holding = sorted(
        p.relative_to(TEMPLATES).as_posix()
        for p in TEMPLATES.rglob("*.j2")
        if re.search(r"csp|Content-Security-Policy|<script", p.read_text(encoding="utf-8"))
    )
    assert holding == [PAGE_TEMPLATE]
    assert PAGE_TEMPLATE in PROTECTED_REVEAL_TEMPLATES
    # The shell includes nothing a brand could override instead.
    shell = (TEMPLATES / PAGE_TEMPLATE).read_text(encoding="utf-8")
    assert not re.search(r"{%-?\s*(extends|include|import|from)\b", shell)


def test_an_override_of_the_page_shell_never_reaches_rendering() -> None:
    with pytest.raises(ValueError, match="deck.html.j2"):
        make_environment({PAGE_TEMPLATE: "<html></html>"})


@pytest.mark.parametrize(
    ("markup", "tag"),
    [
        ('<script src="../../evil.js"></script>', "script"),
        ("<SCRIPT>document.title='pwned'</SCRIPT>", "script"),
        ("<svg><script>alert(1)</script></svg>", "script"),
        ('<iframe src="../../evil.html"></iframe>', "iframe"),
        ('<meta http-equiv="refresh" content="0;url=https://example.org/">', "meta"),
        ('<link rel="stylesheet" href="../../x.css">', "link"),
        ("<style>body{display:none}</style>", "style"),
        ('<base href="https://example.org/">', "base"),
        ('<object data="x.swf"></object>', "object"),
        ('<embed src="x.swf">', "embed"),
        ('<form action="https://example.org/"><button>x</button></form>', "form"),
    ],
)
def test_a_forbidden_element_on_a_slide_is_located_at_the_override(
    deck: Deck, markup: str, tag: str
) -> None:
    source = section_override(markup)
    msg = build_error(with_overrides(deck, reveal_templates={SECTION: source}))
    assert msg.startswith(
        f"templates/acme/reveal/{SECTION}:3:1: error: a brand's reveal.js template may not put "
        f"a <{tag}> element on a slide; remove it"
    ), msg


def test_an_element_assembled_from_pieces_is_still_refused(deck: Deck) -> None:
    # Not in the template's text, only in what it renders: located at the layout override.
    source = section_override("{% autoescape false %}{{ '<scr' ~ 'ipt>x()</scr' ~ 'ipt>' }}{% endautoescape %}")
    msg = build_error(with_overrides(deck, reveal_templates={SECTION: source}))
    assert msg.startswith(f"templates/acme/reveal/{SECTION}:1:1: error: ") and "<script>" in msg


def test_a_forbidden_element_from_an_overridden_frame_is_located_there(deck: Deck) -> None:
    frame = (TEMPLATES / "slide.html.j2").read_text(encoding="utf-8").replace(
        "{% block content %}{% endblock %}", "{% block content %}{% endblock %}\n<style>x{}</style>"
    )
    assert "<style>" in frame
    msg = build_error(with_overrides(deck, reveal_templates={"slide.html.j2": frame}))
    line = frame[: frame.index("<style>")].count("\n") + 1
    assert msg.startswith(f"templates/acme/reveal/slide.html.j2:{line}:1: error: "), msg


def test_script_free_overrides_with_links_pictures_and_svg_render(deck: Deck) -> None:
    source = section_override(
        '<div class="box slide-body"><a href="https://www.ks.no/">KS</a>'
        '<svg viewBox="0 0 10 10"><path d="M0,0L10,10"/></svg></div>'
    )
    out = render_reveal(with_overrides(deck, reveal_templates={SECTION: source}))
    page = parse(out[f"{deck.name}/index.html"])
    assert page.cssselect("section.layout-section svg path")


def test_templates_do_not_see_the_font_files_absolute_paths(deck: Deck) -> None:
    source = section_override('<p class="leak">{{ deck.brand.font_files }}</p>')
    fonts = {"body": "/usr/share/fonts/truetype/x/Secret-Regular.ttf"}
    out = render_reveal(with_overrides(deck, font_files=fonts, reveal_templates={SECTION: source}))
    html = out[f"{deck.name}/index.html"].decode("utf-8")
    assert "Secret-Regular" not in html and "/usr/share" not in html
    assert [p.text for p in parse(html.encode()).cssselect("p.leak")] == ["{}"]


@pytest.mark.parametrize("single", [False, True])
def test_the_page_carries_exactly_its_policy_first(deck: Deck, single: bool) -> None:
    out = render_reveal(deck, single=single)
    html = next(v for k, v in out.items() if k.endswith(".html")).decode("utf-8")
    head = parse(html.encode()).find("head")
    assert [el.get("charset") or el.get("http-equiv") for el in head[:2]] == [
        "utf-8", "Content-Security-Policy"]
    assert len(html[: html.index("<meta http-equiv")].encode()) < 1024, "charset in 1024 bytes"


def test_a_page_without_its_policy_first_is_a_bug() -> None:
    csp = content_security_policy(load_vendor(), 1280, 720, inline_scripts=[],
                                  inline_styles=[], self_allowed=True)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{csp}">'.replace("'", "&#39;")
    good = f'<!doctype html>\n<html lang="nb">\n<head>\n<meta charset="utf-8">\n{meta}\n</head>'
    _verify_page(good, csp)
    for bad in (
        good.replace(meta, meta.replace("default-src &#39;none&#39;", "default-src *")),
        good.replace('<meta charset="utf-8">\n', '<meta charset="utf-8">\n<script src=x></script>\n'),
        good.replace(meta + "\n", ""),
        good + meta,
    ):
        with pytest.raises(RuntimeError, match="Content-Security-Policy"):
            _verify_page(bad, csp)


def test_a_font_name_css_cannot_carry_is_a_bug_not_another_font() -> None:
    # resolve refuses such a name in brand.yaml (located); one reaching CSS must not be
    # silently replaced by the fallback fonts.
    from deckgen.render.reveal.styles import font_stack

    assert font_stack("Brødtekst Sans").startswith('"Brødtekst Sans", ')
    assert font_stack("").startswith('"Liberation Sans", ')  # no family: the fallbacks alone
    with pytest.raises(ValueError, match="font name"):
        font_stack('Arial"; } body { display: none')
