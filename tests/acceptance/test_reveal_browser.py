"""The reveal.js decks in a real browser (Debian's Chromium, driven by Playwright).

Two decks, each in both forms (folder and single file), opened from file:// with every request
that is not file: or data: aborted and recorded: the Buskerud deck built by the CLI from
content/ (its slide count must equal the .pptx's) and a deck with one slide of every layout on
the KS brand. For each: reveal.js gets ready, every slide shows its text, nothing is logged as
an error (a CSP violation would be), nothing leaves the machine. Screenshots of every slide
go to test-artifacts/reveal/ for a person to look at. The countdown, printing one slide per
page, ``?print-pdf`` and the speaker view are checked on the folder form.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pptx import Presentation

from deckgen.build import resolve_deck
from deckgen.cli import main
from deckgen.errors import Diagnostics, SourceLoc
from deckgen.model import Deck, Para, Run, Slide
from deckgen.render.reveal import render_reveal
from deckgen.resolve.brand import load_brand

pytestmark = pytest.mark.chromium

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts" / "reveal"
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
SKIP_FIELDS = {
    "url",
    "kind",
    "fit",
    "side",  # image-text's picture side: a setting, not a text
    "id",
    "source",
    "target",
    "path",
    "media_type",
    "alt",
    "direction",
    "pairing",
    "loc",
    "data",
    "focus",
    "rank",
    "slot",
    "ranks",
    "minutes",
    "page",
    "pages",
    "width",
    "height",
    "edges",
    "label_at",
}


# --------------------------------------------------------------------------- what to expect


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def expected_texts(slide: Slide) -> list[str]:
    """Every piece of text the slide must show: its title and every text field of its
    content (names, facts, people, tiles, credit, label, prompt ...), whitespace-normalised."""
    out: list[str] = []
    if slide.title:
        out.append(_norm("".join(r.text for r in slide.title)))
    _collect(slide.content, out)
    return [t for t in out if t]


def _collect(value: Any, out: list[str]) -> None:
    if isinstance(value, Para):
        out.append(_norm(value.text))
    elif isinstance(value, tuple) and value and all(isinstance(v, Run) for v in value):
        out.append(_norm("".join(r.text for r in value)))
    elif isinstance(value, tuple):
        for item in value:
            _collect(item, out)
    elif isinstance(value, str):
        out.append(_norm(value))
    elif dataclasses.is_dataclass(value):
        for f in dataclasses.fields(value):
            if f.name not in SKIP_FIELDS:
                _collect(getattr(value, f.name), out)


# --------------------------------------------------------------------------- the decks


def _sample_module() -> Any:
    path = REPO / "tests" / "fixtures" / "reveal_sample.py"
    spec = importlib.util.spec_from_file_location("reveal_sample", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclasses.dataclass
class Built:
    deck: Deck
    folder: Path  # .../<deck>/index.html
    single: Path  # .../<deck>.html
    pptx_slides: int | None = None


@pytest.fixture(scope="module")
def buskerud(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The Buskerud deck built by the CLI, as `make demo` builds it."""
    out = tmp_path_factory.mktemp("build")
    deck_file = "content/decks/regionmote.yaml"
    result = CliRunner().invoke(
        main, ["build", deck_file, "--county", "buskerud", "--format", "all", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    diags = Diagnostics()
    deck = resolve_deck(REPO / deck_file, "buskerud", diags)
    assert deck is not None, [d.format() for d in diags]
    pptx = Presentation(str(out / "regionmote-buskerud.pptx"))
    return Built(
        deck,
        out / "regionmote-buskerud" / "index.html",
        out / "regionmote-buskerud.html",
        len(pptx.slides),
    )


@pytest.fixture(scope="module")
def every_layout(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """One slide of every layout, on the real KS brand (master geometry and logo)."""
    diags = Diagnostics()
    brand = load_brand("ks", REPO, diags, loc=SourceLoc("test"))
    assert brand is not None, [d.format() for d in diags]
    deck = dataclasses.replace(_sample_module().every_layout_deck(), name="every-layout", brand=brand)
    out = tmp_path_factory.mktemp("every")
    for form in (render_reveal(deck), render_reveal(deck, single=True)):
        for rel, data in form.items():
            target = out / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    return Built(deck, out / "every-layout" / "index.html", out / "every-layout.html")


# --------------------------------------------------------------------------- the browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Watched:
    """A page whose console errors and outside requests are recorded."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.errors: list[str] = []
        self.outside: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        page.route("**/*", self._route)

    def _console(self, msg: Any) -> None:
        if msg.type in ("error", "warning") and (msg.type == "error" or "Content Security Policy" in msg.text):
            self.errors.append(f"{msg.type}: {msg.text}")

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith(("file:", "data:")):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def open(self, url: str) -> None:
        self.page.goto(url)
        self.page.wait_for_function("() => window.Reveal && Reveal.isReady()", timeout=15000)


@pytest.fixture
def watched(browser: Any) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    w = Watched(page)
    yield w
    context.close()


def _check_deck(w: Watched, built: Built, form: str) -> None:
    path = built.folder if form == "folder" else built.single
    w.open(path.as_uri())
    total = w.page.evaluate("Reveal.getTotalSlides()")
    assert total == len(built.deck.slides)
    if built.pptx_slides is not None:
        assert total == built.pptx_slides, "as many slides as the PowerPoint deck"
    shots = ARTIFACTS / f"{built.deck.name}-{form}"
    shots.mkdir(parents=True, exist_ok=True)
    for i, slide in enumerate(built.deck.slides):
        w.page.evaluate(f"Reveal.slide({i})")
        w.page.wait_for_function(f"() => Reveal.getIndices().h === {i}")
        shown = _norm(w.page.evaluate("Reveal.getCurrentSlide().innerText"))
        missing = [t for t in expected_texts(slide) if t not in shown]
        assert missing == [], f"slide {i + 1} ({slide.layout}) lacks {missing}"
        w.page.screenshot(path=str(shots / f"slide-{i + 1:02d}-{slide.layout}.png"))
    assert w.errors == []
    assert w.outside == []


@pytest.mark.parametrize("form", ["folder", "single"])
def test_buskerud_deck(watched: Watched, buskerud: Built, form: str) -> None:
    _check_deck(watched, buskerud, form)


@pytest.mark.parametrize("form", ["folder", "single"])
def test_every_layout_deck(watched: Watched, every_layout: Built, form: str) -> None:
    _check_deck(watched, every_layout, form)


def test_countdown_runs_pauses_and_resumes(watched: Watched, every_layout: Built) -> None:
    watched.open(every_layout.folder.as_uri())
    index = next(i for i, s in enumerate(every_layout.deck.slides) if s.layout == "discussion")
    page = watched.page
    time_sel = ".present .countdown-time"
    assert page.text_content(f"section:nth-of-type({index + 1}) .countdown-time") == "3:00"
    page.evaluate(f"Reveal.slide({index})")
    page.wait_for_function("() => document.querySelector('.present .countdown').dataset.state === 'running'")
    page.wait_for_timeout(2300)
    running = page.text_content(time_sel)
    assert running in ("2:58", "2:57"), running
    page.keyboard.press("t")
    assert page.get_attribute(".present .countdown", "data-state") == "paused"
    paused = page.text_content(time_sel)
    page.wait_for_timeout(1300)
    assert page.text_content(time_sel) == paused
    page.click(".present .countdown-toggle")
    assert page.get_attribute(".present .countdown", "data-state") == "running"
    page.wait_for_timeout(1300)
    assert page.text_content(time_sel) != paused
    assert watched.errors == [] and watched.outside == []


def test_countdown_ends_at_zero(watched: Watched, every_layout: Built) -> None:
    page = watched.page
    page.clock.install()  # fake Date and timers, so three minutes pass at once
    watched.open(every_layout.folder.as_uri())
    index = next(i for i, s in enumerate(every_layout.deck.slides) if s.layout == "discussion")
    page.evaluate(f"Reveal.slide({index})")
    assert page.get_attribute(".present .countdown", "data-state") == "running"
    page.clock.run_for("01:30")
    assert page.text_content(".present .countdown-time") == "1:30"
    page.clock.run_for("01:31")
    assert page.text_content(".present .countdown-time") == "0:00"
    assert page.get_attribute(".present .countdown", "data-state") == "done"
    page.clock.run_for("00:05")
    assert page.text_content(".present .countdown-time") == "0:00", "it stops at zero"
    page.click(".present .countdown-toggle")  # a click after the end starts it again
    assert page.text_content(".present .countdown-time") == "3:00"
    assert watched.errors == []


def test_print_gives_one_slide_per_page(watched: Watched, every_layout: Built) -> None:
    watched.open(every_layout.folder.as_uri())
    pdf = watched.page.pdf(prefer_css_page_size=True, print_background=True)
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert pages == len(every_layout.deck.slides)
    assert watched.errors == []


def test_print_pdf_view_has_no_csp_errors(watched: Watched, every_layout: Built) -> None:
    watched.open(every_layout.folder.as_uri() + "?print-pdf")
    watched.page.wait_for_selector(".pdf-page")
    assert watched.page.locator(".pdf-page").count() == len(every_layout.deck.slides)
    assert watched.errors == [] and watched.outside == []


def test_speaker_view_opens_without_csp_errors(watched: Watched, every_layout: Built) -> None:
    watched.open(every_layout.folder.as_uri())
    popup_errors: list[str] = []
    # Listen on the context: the popup's inline script runs while it is being opened.
    watched.page.context.on("console", lambda m: popup_errors.append(m.text) if m.type == "error" else None)
    with watched.page.expect_popup() as info:
        watched.page.keyboard.press("s")
    popup = info.value
    # The iframes are made by the speaker view's own inline script: it ran, CSP allowed it.
    popup.wait_for_selector("#current-slide iframe", timeout=10000)
    popup.wait_for_timeout(1500)
    assert popup.title() == "reveal.js - Speaker View"
    assert [e for e in popup_errors if "Content Security Policy" in e] == []
    assert watched.errors == [] and watched.outside == []
