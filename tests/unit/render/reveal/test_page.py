"""The page around the slides: both output forms, CSP, notes, determinism, safety, overrides."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import re
from pathlib import Path
from types import ModuleType

import pytest
from jinja2 import Environment
from jinja2.sandbox import SandboxedEnvironment
from lxml import html as lxml_html

from deckgen.errors import UsageError
from deckgen.model import BulletsContent, Deck, Para, Run, Slide, Tile, TilesContent
from deckgen.render.reveal import render_reveal
from deckgen.render.reveal.render import _inline_js, make_environment

from .helpers import parse, text

TEMPLATES = Path(__file__).resolve().parents[4] / "deckgen" / "render" / "reveal" / "templates"


def csp_of(page: lxml_html.HtmlElement) -> dict[str, list[str]]:
    metas = page.cssselect("meta[http-equiv='Content-Security-Policy']")
    assert len(metas) == 1
    out: dict[str, list[str]] = {}
    for directive in metas[0].get("content").split(";"):
        name, *values = directive.split()
        out[name] = values
    return out


def sha(text_: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text_.encode()).digest()).decode() + "'"


def test_folder_form_names_every_asset_by_content_hash(folder: dict[str, bytes], deck: Deck) -> None:
    assert f"{deck.name}/index.html" in folder
    assets = {k: v for k, v in folder.items() if k != f"{deck.name}/index.html"}
    assert assets, "scripts, styles and pictures are files"
    for key, data in assets.items():
        match = re.fullmatch(rf"{deck.name}/assets/([0-9a-f]{{16}})\.(css|js|png|jpg)", key)
        assert match, key
        assert match.group(1) == hashlib.sha256(data).hexdigest()[:16]
    page = parse(folder[f"{deck.name}/index.html"])
    refs = [e.get("src") for e in page.cssselect("script[src], img[src]")]
    refs += [e.get("href") for e in page.cssselect("link[rel=stylesheet]")]
    assert sorted(set(refs)) == sorted(k.removeprefix(f"{deck.name}/") for k in assets)
    exts = sorted(k.rsplit(".", 1)[1] for k in assets)
    assert exts.count("js") == 3 and exts.count("css") == 4  # reveal, notes, deck.js; 4 sheets
    assert exts.count("png") == 1 and exts.count("jpg") == 1  # logo and photo


def test_single_form_inlines_everything(deck: Deck) -> None:
    out = render_reveal(deck, single=True)
    assert list(out) == [f"{deck.name}.html"]
    page = parse(out[f"{deck.name}.html"])
    assert page.cssselect("script[src], link[rel=stylesheet]") == []
    assert all(img.get("src").startswith("data:image/") for img in page.cssselect("img"))
    scripts = [s.text for s in page.cssselect("script")]
    assert len(scripts) == 3 and "Reveal" in scripts[0]
    csp = csp_of(page)
    for script in scripts:
        assert sha(script) in csp["script-src"]
    for style in page.cssselect("style"):
        assert sha(style.text) in csp["style-src"]
    assert "'self'" not in csp["script-src"]


def test_csp_allows_nothing_from_outside(page: lxml_html.HtmlElement) -> None:
    head = page.cssselect("head")[0]
    assert head[1].get("http-equiv") == "Content-Security-Policy", "CSP comes before any asset"
    csp = csp_of(page)
    assert csp["default-src"] == ["'none'"]
    assert csp["script-src"][0] == "'self'"
    assert csp["img-src"] == ["'self'", "data:"]
    assert csp["connect-src"] == ["'self'"]  # the live preview's same-origin event stream
    assert csp["base-uri"] == ["'none'"] and csp["object-src"] == ["'none'"]
    everything = " ".join(v for values in csp.values() for v in values)
    assert "unsafe-inline" not in everything and "unsafe-eval" not in everything
    assert "http" not in everything and "*" not in everything


def test_speaker_view_is_allowed_by_hash(page: lxml_html.HtmlElement) -> None:
    """The notes plugin's popup inherits the page's CSP: its inline script needs a hash."""
    csp = csp_of(page)
    assert len([v for v in csp["script-src"] if v.startswith("'sha256-")]) >= 1


def test_no_inline_style_or_event_attributes(folder: dict[str, bytes], deck: Deck) -> None:
    page = parse(folder[f"{deck.name}/index.html"])
    assert page.xpath("//*[@style]") == []
    assert page.xpath("//@*[starts-with(name(), 'on')]") == []


def test_html_lang_title_and_meta(page: lxml_html.HtmlElement, deck: Deck) -> None:
    assert page.get("lang") == "nb-NO"
    assert text(page.cssselect("head > title")[0]) == deck.title
    reveal = page.cssselect("body > .reveal")[0]
    assert (reveal.get("data-width"), reveal.get("data-height")) == ("1280", "720")


def test_notes_are_asides_and_left_out_on_request(deck: Deck) -> None:
    with_notes = parse(render_reveal(deck)[f"{deck.name}/index.html"])
    asides = with_notes.cssselect("section > aside.notes")
    assert len(asides) == sum(1 for s in deck.slides if s.notes)
    assert text(asides[0]) == "Velkommen til regionmøte i Buskerud."
    data = render_reveal(deck, notes=False)[f"{deck.name}/index.html"]
    assert parse(data).cssselect("aside.notes") == []
    assert "Velkommen til regionmøte i Buskerud" not in data.decode()


def test_same_deck_same_bytes(sample: ModuleType) -> None:
    first = render_reveal(sample.every_layout_deck())
    second = render_reveal(sample.every_layout_deck())
    assert first == second
    assert render_reveal(sample.every_layout_deck(), single=True) == render_reveal(
        sample.every_layout_deck(), single=True
    )


HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>{{ 7 * 7 }}'


def test_content_is_escaped_and_never_run_as_template(deck: Deck) -> None:
    brand = dataclasses.replace(deck.brand, footer=HOSTILE)
    slides = (
        Slide(
            "bullets",
            (Run(HOSTILE),),
            BulletsContent((Para((Run(HOSTILE, bold=True),), "bullet"),)),
            notes=(Para((Run(HOSTILE),)),),
        ),
        Slide("tiles", (Run("Lenker"),), TilesContent((Tile((Run(HOSTILE),), "https://ks.no/", caption=HOSTILE),))),
    )
    hostile = dataclasses.replace(deck, title=HOSTILE, brand=brand, slides=slides)
    for single in (False, True):
        data = render_reveal(hostile, single=single)
        page_bytes = data[f"{deck.name}.html" if single else f"{deck.name}/index.html"]
        page = parse(page_bytes)
        # Only the deck's own three scripts, and no element the content tried to add.
        assert len(page.cssselect("script")) == 3
        assert all('alert("x")' not in (s.text or "") for s in page.cssselect("script"))
        assert page.xpath("//img[@onerror]") == []
        assert "{{ 7 * 7 }}" in text(page.cssselect("#slide-1 .slide-title")[0])
        assert HOSTILE in text(page.cssselect("#slide-1 .slide-body li")[0])
        assert HOSTILE in text(page.cssselect("head > title")[0])
        assert "49" not in text(page.cssselect("#slide-1")[0])


@pytest.mark.parametrize("href", ["javascript:alert(1)", "data:text/html,x", "file:///etc/passwd"])
def test_unsafe_links_never_reach_the_page(deck: Deck, href: str) -> None:
    bad = dataclasses.replace(
        deck, slides=(Slide("bullets", (Run("x"),), BulletsContent((Para((Run("klikk", href=href),)),))),)
    )
    with pytest.raises(ValueError, match="disallowed scheme"):
        render_reveal(bad)
    bad_tile = dataclasses.replace(
        deck, slides=(Slide("tiles", (Run("x"),), TilesContent((Tile((Run("t"),), href),))),)
    )
    with pytest.raises(ValueError, match="disallowed scheme"):
        render_reveal(bad_tile)


def test_links_keep_safe_schemes(deck: Deck) -> None:
    runs = (Run("skriv", href="mailto:post@ks.no"), Run(" og "), Run("les", href="https://www.ks.no/"))
    ok = dataclasses.replace(deck, slides=(Slide("bullets", (Run("x"),), BulletsContent((Para(runs),))),))
    page = parse(render_reveal(ok)[f"{deck.name}/index.html"])
    links = page.cssselect("#slide-1 .slide-body a")
    assert [(a.get("href"), a.get("target"), a.get("rel")) for a in links] == [
        ("mailto:post@ks.no", None, "noopener noreferrer"),
        ("https://www.ks.no/", "_blank", "noopener noreferrer"),
    ]


def test_rtl_paragraphs_get_dir(deck: Deck) -> None:
    paras = (Para((Run("مرحبا"),), "bullet", rtl=True), Para((Run("Hei"),), "bullet"))
    d = dataclasses.replace(deck, slides=(Slide("bullets", (Run("x"),), BulletsContent(paras)),))
    items = parse(render_reveal(d)[f"{deck.name}/index.html"]).cssselect("#slide-1 li")
    assert [li.get("dir") for li in items] == ["rtl", None]


def test_brand_templates_override_package_defaults(deck: Deck) -> None:
    override = (
        '{%- extends "slide.html.j2" -%}{%- import "macros.html.j2" as m -%}'
        '{%- block content %}<div class="box slide-body brand-bullets">{{ m.text(c.body) }}</div>'
        "{%- endblock %}"
    )
    brand = dataclasses.replace(deck.brand, reveal_templates={"layouts/bullets.html.j2": override})
    page = parse(render_reveal(dataclasses.replace(deck, brand=brand))[f"{deck.name}/index.html"])
    assert page.cssselect("section.layout-bullets .brand-bullets li")
    assert page.cssselect("section.layout-columns .columns"), "other layouts keep the defaults"


def test_brand_templates_are_sandboxed(deck: Deck) -> None:
    evil = "{{ ''.__class__.__mro__[1].__subclasses__() }}"
    brand = dataclasses.replace(deck.brand, reveal_templates={"layouts/bullets.html.j2": evil})
    with pytest.raises(Exception, match="unsafe|__class__|undefined"):
        render_reveal(dataclasses.replace(deck, brand=brand))


def test_only_brand_overrides_need_the_sandbox_and_it_changes_no_byte(deck: Deck) -> None:
    # The package's own templates render in a plain environment (the sandbox's per-attribute
    # checks cost a third of the render); any brand override puts the whole render in the
    # sandbox. An override that is the package's own template gives the same page.
    assert type(make_environment({})) is Environment
    assert isinstance(make_environment({"layouts/bullets.html.j2": "x"}), SandboxedEnvironment)
    own = (TEMPLATES / "layouts" / "bullets.html.j2").read_text(encoding="utf-8")
    brand = dataclasses.replace(deck.brand, reveal_templates={"layouts/bullets.html.j2": own})
    for single in (False, True):
        assert render_reveal(dataclasses.replace(deck, brand=brand), single=single) == render_reveal(deck, single=single)


def test_missing_reveal_js_is_a_usage_error_with_a_hint(
    deck: Deck, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DECKGEN_REVEAL_DIR", str(tmp_path / "nowhere"))
    with pytest.raises(UsageError, match="run `npm ci`"):
        render_reveal(deck)


def test_inline_scripts_cannot_close_their_element() -> None:
    js = 'var a = "</script><!-- <script>"; var b = `</SCRIPT>`;'
    safe = _inline_js(js)
    assert not re.search(r"</script|<!--|<script", safe, flags=re.I)
    assert safe.count("\\x3C") == 4


def test_print_rules_are_ours(folder: dict[str, bytes]) -> None:
    css = b"".join(v for k, v in folder.items() if k.endswith(".css")).decode()
    assert "@page { size: 1280px 720px; margin: 0; }" in css
    assert css.count("@media print") == 1, "reveal.css's document-style print block is dropped"
    assert "break-after: page" in css


def test_a_four_by_three_brand_gives_a_four_by_three_deck(sample: ModuleType) -> None:
    deck = sample.every_layout_deck(slide_width=9144000, slide_height=6858000)
    out = render_reveal(deck)
    reveal = parse(out[f"{deck.name}/index.html"]).cssselect(".reveal")[0]
    assert (reveal.get("data-width"), reveal.get("data-height")) == ("960", "720")
    css = b"".join(v for k, v in out.items() if k.endswith(".css")).decode()
    assert "@page { size: 960px 720px; margin: 0; }" in css
    assert "--deck-width: 960px;" in css
