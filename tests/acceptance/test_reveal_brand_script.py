"""A brand template cannot run script in the reveal.js page (docs/security.md, promise 1).

Two layers, each tested on its own:

* the build refuses a ``<script>`` (and frames, meta, link, style …) that a brand template puts
  on a slide, located at the template (the CLI, no browser);
* the page's Content-Security-Policy stops what gets past that check: an ``onerror=``
  attribute (allowed markup) and, with the markup check switched off for the test, an inline
  ``<script>``. Debian's Chromium (Playwright) opens both forms from file:// and the page's
  title and globals are unchanged, while the browser reports the blocked script.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import deckgen.render.reveal.render as reveal_render
from deckgen.build import resolve_deck
from deckgen.cli import main
from deckgen.errors import Diagnostics
from deckgen.render.reveal import render_reveal

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]

DECK = "title: Trygg side\nlang: nb-NO\nbrand: ks\nslides:\n  - use: a\n"
SLIDE = "# Første lysbilde\n\n- punkt én\n- punkt to\n"
HANDLER = ('<img class="pwn" src="missing-picture.png" alt="" '
           "onerror=\"document.title='pwned-onerror'; window.pwned = 'onerror'\">")
SCRIPT = "<script>document.title='pwned'; window.pwned = 'script'</script>"


def override(extra: str) -> str:
    """The bullets layout as deckgen has it, plus ``extra`` on the slide."""
    return (
        '{%- extends "slide.html.j2" -%}\n{%- import "macros.html.j2" as m -%}\n'
        '{%- block content %}\n<div class="box slide-body">{{ m.text(c.body) }}</div>\n'
        f"{extra}\n{{%- endblock %}}\n"
    )


def project(root: Path, extra: str) -> Path:
    """A one-slide project on a copy of the KS brand whose bullets layout adds ``extra``;
    the deck file."""
    shutil.copytree(REPO / "templates" / "ks", root / "templates" / "ks")
    layout = root / "templates" / "ks" / "reveal" / "layouts" / "bullets.html.j2"
    layout.parent.mkdir(parents=True)
    layout.write_text(override(extra), encoding="utf-8")
    (root / "content" / "slides").mkdir(parents=True)
    (root / "content" / "slides" / "a.md").write_text(SLIDE, encoding="utf-8")
    deck = root / "content" / "decks" / "talk.yaml"
    deck.parent.mkdir(parents=True)
    deck.write_text(DECK, encoding="utf-8")
    return deck


def build(deck: Path, out: Path) -> Any:
    return CliRunner().invoke(main, ["build", str(deck), "--format", "html,html-single",
                                     "--out", str(out), "--jobs", "1"])


# --------------------------------------------------------------------------- the build


def test_a_script_in_a_brand_template_is_refused_at_its_line(tmp_path: Path) -> None:
    deck = project(tmp_path, SCRIPT)
    result = build(deck, tmp_path / "out")
    assert result.exit_code == 1, result.output
    assert ("templates/ks/reveal/layouts/bullets.html.j2:5:1: error: a brand's reveal.js "
            "template may not put a <script> element on a slide") in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out" / "talk").exists()


# --------------------------------------------------------------------------- the browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def open_page(browser: Any, path: Path) -> tuple[Any, list[str], Any]:
    """The page at ``path`` once reveal.js is ready and the broken picture has failed:
    (page, console messages, its context)."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    messages: list[str] = []
    page.on("console", lambda msg: messages.append(msg.text))
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(
        ("file:", "data:")) else route.abort())
    page.goto(path.as_uri())
    page.wait_for_function("() => window.Reveal && Reveal.isReady()", timeout=15000)
    page.wait_for_function("() => document.querySelector('img.pwn').complete", timeout=5000)
    page.wait_for_timeout(300)  # let a handler that was allowed run
    return page, messages, context


def blocked(what: str, messages: list[str]) -> bool:
    """Whether the browser reported blocking ``what`` under the Content-Security-Policy (the
    wording differs between Chromium versions: "Refused to execute …", "Executing … violates
    …")."""
    return any(what in m and "Content Security Policy" in m for m in messages)


def outputs(root: Path) -> list[Path]:
    return [root / "talk" / "index.html", root / "talk.html"]


@pytest.mark.chromium
def test_an_event_handler_in_a_brand_template_does_not_run(tmp_path: Path, browser: Any) -> None:
    deck = project(tmp_path, HANDLER)
    result = build(deck, tmp_path / "out")
    assert result.exit_code == 0, result.output  # allowed markup: the policy is the guard
    for path in outputs(tmp_path / "out"):
        assert "onerror=\"document.title='pwned-onerror'" in path.read_text(encoding="utf-8")
        page, messages, context = open_page(browser, path)
        try:
            assert page.evaluate("[document.title, typeof window.pwned]") == ["Trygg side", "undefined"]
            assert blocked("inline event handler", messages), messages
        finally:
            context.close()


@pytest.mark.chromium
def test_an_inline_script_that_got_past_the_build_does_not_run(
    tmp_path: Path, browser: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The build check switched off: the Content-Security-Policy alone must stop the script.
    monkeypatch.setattr(reveal_render, "_check_slide_markup", lambda *args: None)
    deck_file = project(tmp_path, SCRIPT + "\n" + HANDLER)
    diags = Diagnostics()
    deck = resolve_deck(deck_file, None, diags)
    assert deck is not None, [d.format() for d in diags]
    out = tmp_path / "out"
    for form in (render_reveal(deck), render_reveal(deck, single=True)):
        for rel, data in form.items():
            (out / rel).parent.mkdir(parents=True, exist_ok=True)
            (out / rel).write_bytes(data)
    for path in outputs(out):
        assert SCRIPT in path.read_text(encoding="utf-8")
        page, messages, context = open_page(browser, path)
        try:
            assert page.evaluate("[document.title, typeof window.pwned]") == ["Trygg side", "undefined"]
            assert blocked("inline script", messages), messages
        finally:
            context.close()
