"""``deckgen serve`` as an author uses it: the real command in a subprocess, on a free loopback
port, previewing the seed deck from a copy of the project. Saves (plain writes and renames over
the file) rebuild the deck and send ``reload`` on the event stream; a broken save keeps the last
good page and reports ``path:line:col``; traversal and foreign Host/Origin requests are refused;
Ctrl+C stops it cleanly. A Chromium test checks the page reloads on the same slide and shows
errors as text."""

from __future__ import annotations

import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from children import popen

from deckgen.serve.client import EventStream, fetch

DECK = "content/decks/regionmote.yaml"


class Server:
    """``deckgen serve`` running in a subprocess; its stderr lines collected as they come."""

    def __init__(self, project: Path, *args: str, deck: str = DECK, env: dict[str, str] | None = None) -> None:
        env = {**os.environ, "COLUMNS": "200", "PYTHONUNBUFFERED": "1", **(env or {})}
        self.proc = popen(
            [sys.executable, "-m", "deckgen", "serve", deck, "--port", "0", *args],
            cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.log: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.url = self.wait_line(r"Serving \S+ at (http://127\.0\.0\.1:\d+/)", 60).group(1).rstrip("/")
        self.wait_line(r"^watching ", 10)

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.lines.put(line.rstrip("\n"))

    def wait_line(self, pattern: str, timeout: float = 20) -> re.Match[str]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                break
            self.log.append(line)
            match = re.search(pattern, line)
            if match:
                return match
        raise AssertionError(f"no line matching {pattern!r} in:\n" + "\n".join(self.log))

    def stop(self, signum: int = signal.SIGINT) -> tuple[int, str]:
        if self.proc.poll() is None:
            self.proc.send_signal(signum)
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(5)
        time.sleep(0.1)
        rest = []
        while not self.lines.empty():
            rest.append(self.lines.get())
        return self.proc.returncode, "\n".join(self.log + rest)


@pytest.fixture
def server(project: Path) -> Iterator[Server]:
    s = Server(project, "--county", "buskerud")
    yield s
    s.stop()


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_serves_the_deck_with_the_live_script(server: Server, project: Path) -> None:
    page = fetch(server.url, "/")
    assert page.status == 200
    assert "Nytt fylkesstyre i Buskerud" in page.body.decode()
    assert page.body.count(b'<script src="/__deckgen__/live.js" data-build="1"></script>') == 1
    assets = re.findall(rb'(?:src|href)="(assets/[^"]+)"', page.body)
    assert assets
    for asset in assets:
        assert fetch(server.url, "/" + asset.decode()).status == 200
    assert not (project / "build").exists()  # the preview is built elsewhere, not into the project


def test_a_save_rebuilds_and_sends_reload(server: Server, project: Path) -> None:
    slide = project / "content" / "slides" / "ny-hverdag.md"
    with EventStream(server.url) as stream:
        assert stream.next().data == {"build": 1, "errors": [], "findings": []}
        _edit(slide, "Samhandlingsformer", "Samarbeidsformer")
        assert stream.until("reload").data == {"build": 2}
    assert "Samarbeidsformer" in fetch(server.url, "/").body.decode()
    server.wait_line(r"rebuilt regionmote-buskerud after a change to ny-hverdag\.md .*build 2")


def test_a_save_by_rename_rebuilds_and_sends_reload(server: Server, project: Path) -> None:
    county = project / "content" / "counties" / "buskerud.yaml"
    temp = county.with_name(".buskerud.yaml.tmp")
    with EventStream(server.url) as stream:
        stream.next()
        temp.write_text(county.read_text(encoding="utf-8").replace("Heidi Granli", "Heidi Granli-Omdøpt"), encoding="utf-8")
        os.replace(temp, county)
        assert stream.until("reload").data == {"build": 2}
    assert "Heidi Granli-Omdøpt" in fetch(server.url, "/").body.decode()


def test_a_save_in_two_writes_is_one_reload_of_the_final_text(server: Server, project: Path) -> None:
    # The first write alone breaks the deck (an unclosed variable); the second, 25 ms later,
    # completes it. The preview usually starts a build on the first write alone, but shows
    # only the build of the final text: one reload, no error flashed on the page.
    # (tests/unit/serve/test_serve_watch.py makes the dropped build happen every time.)
    slide = project / "content" / "slides" / "ny-hverdag.md"
    text = slide.read_text(encoding="utf-8").replace("Samhandlingsformer", "Samarbeidsformer i {{ county.name }}")
    cut = text.index("{{ county.name }}") + len("{{ county.na")
    with EventStream(server.url) as stream:
        stream.next()
        with slide.open("w", encoding="utf-8") as f:
            f.write(text[:cut])
            f.flush()
            time.sleep(0.025)
            f.write(text[cut:])
        assert stream.until(("reload", "errors")).data == {"build": 2}
        with pytest.raises(TimeoutError):  # nothing more for this save
            stream.until(("reload", "errors", "clear"), timeout=1.0)
    assert "Samarbeidsformer i Buskerud" in fetch(server.url, "/").body.decode()
    server.wait_line(r"rebuilt regionmote-buskerud after a change to ny-hverdag\.md .*build 2")
    code, log = server.stop()
    assert code == 0 and "error:" not in log, log
    assert len(re.findall(r"^(rebuilt|build failed)", log, re.MULTILINE)) == 1, log


def test_a_broken_save_keeps_the_last_good_page_and_reports_the_error(server: Server, project: Path) -> None:
    slide = project / "content" / "slides" / "ny-hverdag.md"
    good = fetch(server.url, "/").body
    with EventStream(server.url) as stream:
        stream.next()
        _edit(slide, "{{ county.name }}", "{{ county.nmae }}")
        event = stream.until("errors")
        assert event.data["build"] == 1
        assert any(re.match(r"content/slides/ny-hverdag\.md:\d+:\d+: error: .*nmae", e) for e in event.data["errors"]), event.data
        assert fetch(server.url, "/").body == good
        server.wait_line(r"content/slides/ny-hverdag\.md:\d+:\d+: error: ")
        server.wait_line(r"build failed after a change to ny-hverdag\.md .*still showing build 1")
        _edit(slide, "{{ county.nmae }}", "{{ county.name }} og omegn")
        assert stream.until("reload").data == {"build": 2}
    assert "Buskerud og omegn" in fetch(server.url, "/").body.decode()


def test_a_plain_markdown_deck_beside_the_project_folders(project: Path, repo: Path) -> None:
    talk = project / "examples" / "talk.md"  # outside content/: watched as a single file
    talk.parent.mkdir()
    shutil.copy(repo / "examples" / "talk.md", talk)
    s = Server(project, deck="examples/talk.md")
    try:
        assert "Hvorfor samarbeide?" in fetch(s.url, "/").body.decode()
        with EventStream(s.url) as stream:
            stream.next()
            temp = talk.with_name(".talk.md.swp")
            temp.write_text(talk.read_text(encoding="utf-8").replace("Hvorfor samarbeide?", "Hvorfor samarbeide nå?"), encoding="utf-8")
            os.replace(temp, talk)
            assert stream.until("reload").data == {"build": 2}
        assert "Hvorfor samarbeide nå?" in fetch(s.url, "/").body.decode()
    finally:
        code, log = s.stop()
    assert code == 0, log
    assert "watching content/, templates/, assets/, examples/talk.md" in log


def test_traversal_and_foreign_requests_are_refused(server: Server, project: Path) -> None:
    (project / "secret.txt").write_text("SECRET")
    for target in ("/../secret.txt", "/%2e%2e/secret.txt", "/assets/..%2f..%2fsecret.txt", "/..%5csecret.txt",
                   "/content/slides/ny-hverdag.md", "/../content/counties/buskerud.yaml", "http://evil.example/"):
        resp = fetch(server.url, target)
        assert resp.status in (400, 404), target
        assert b"SECRET" not in resp.body and b"county" not in resp.body
    port = server.url.rsplit(":", 1)[1]
    assert fetch(server.url, "/", headers={"Host": f"evil.example:{port}"}).status == 403
    assert fetch(server.url, "/__deckgen__/events", headers={"Origin": "http://evil.example"}).status == 403
    server.wait_line(r"refused a request")


def test_ctrl_c_stops_with_a_summary(project: Path) -> None:
    s = Server(project)
    server_dir = re.compile(r"deckgen-preview-")
    code, log = s.stop()
    assert code == 0, log
    assert "Preview stopped" in log
    assert re.search(r"previewing county \w+, the deck's first", log)
    assert "Traceback" not in log
    assert not server_dir.search(log)


def test_sigterm_stops_cleanly_too(project: Path, tmp_path: Path) -> None:
    # Service managers stop a process with SIGTERM: the preview ends as on Ctrl+C, with its
    # summary, exit 0, and its temporary folder removed.
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    s = Server(project, env={"TMPDIR": str(tmp)})
    assert [p.name for p in tmp.iterdir() if p.name.startswith("deckgen-preview-")]
    code, log = s.stop(signal.SIGTERM)
    assert code == 0, log
    assert "Preview stopped" in log
    assert "Traceback" not in log
    assert not [p.name for p in tmp.iterdir() if p.name.startswith("deckgen-preview-")]


def test_a_missing_deck_is_a_usage_error(project: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "deckgen", "serve", "content/decks/nope.yaml", "--port", "0"],
                          cwd=project, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "no such deck file" in proc.stderr and "Traceback" not in proc.stderr


def test_another_address_warns(project: Path) -> None:
    proc = popen([sys.executable, "-m", "deckgen", "serve", DECK, "--port", "0", "--host", "0.0.0.0"],
                 cwd=project, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)
    try:
        assert proc.stderr is not None
        first = proc.stderr.readline()
        assert first.startswith("warning: listening on 0.0.0.0: anyone who can reach this machine")
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(20)


@pytest.mark.chromium
def test_the_browser_reloads_on_the_same_slide_and_shows_errors_as_text(server: Server, project: Path) -> None:
    from playwright.sync_api import sync_playwright

    slide = project / "content" / "slides" / "ny-hverdag.md"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        try:
            page = browser.new_page()
            errors: list[str] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.goto(server.url + "/")
            page.wait_for_function("() => window.Reveal && Reveal.isReady()")
            page.evaluate("Reveal.slide(5, 0)")
            assert page.evaluate("Reveal.getIndices().h") == 5
            page.wait_for_function("() => !document.querySelector('#deckgen-status') || !document.querySelector('#deckgen-status').textContent")
            _edit(slide, "Samhandlingsformer", "Samarbeidsformer")
            page.wait_for_function("() => document.body.textContent.includes('Samarbeidsformer')", timeout=20000)
            page.wait_for_function("() => window.Reveal && Reveal.isReady()")
            assert page.evaluate("Reveal.getIndices().h") == 5
            _edit(slide, "Samarbeidsformer", "<img src=x onerror=alert(1)>{{ county.nmae }}")
            overlay = page.wait_for_selector("#deckgen-errors", state="visible", timeout=20000)
            text = overlay.inner_text()
            assert re.search(r"content/slides/ny-hverdag\.md:\d+:\d+: error: .*nmae", text)
            assert page.query_selector("#deckgen-errors img") is None  # text, never markup
            assert page.evaluate("Reveal.getIndices().h") == 5  # the last good page stays
            assert not [e for e in errors if "Content Security Policy" in e], errors
        finally:
            browser.close()


def test_a_slide_that_overflows_keeps_updating_with_its_finding(server: Server, project: Path) -> None:
    slide = project / "content" / "slides" / "ny-hverdag.md"
    more = "\n".join(f"- Et nytt punkt nummer {n} på lysbildet" for n in range(1, 13))
    with EventStream(server.url) as stream:
        stream.next()
        _edit(slide, "- Samhandlingsformer – hva nå ?", "- Samhandlingsformer – hva nå ?\n" + more)
        assert stream.until(("reload", "errors")).data == {"build": 2}  # a reload, not errors
    page = fetch(server.url, "/").body.decode()
    assert "Et nytt punkt nummer 12 på lysbildet" in page
    number = int(re.search(r'<section id="slide-(\d+)"[^>]*data-title="Ny hverdag"', page).group(1))
    with EventStream(server.url) as stream:
        hello = stream.next().data
    assert hello["errors"] == []
    (finding,) = [f for f in hello["findings"] if f["box"] == "body"]
    assert finding["slide"] == number
    assert re.match(r"content/slides/ny-hverdag\.md:\d+:1: warning: body text needs 1\d\d% of its box", finding["text"])
    server.wait_line(r"^content/slides/ny-hverdag\.md:\d+:1: warning: body text needs")
    server.wait_line(r"rebuilt regionmote-buskerud after a change to ny-hverdag\.md .*build 2, .*; 1 warning, marked on the page$")
    # The next save, still overflowing, updates the page again.
    with EventStream(server.url) as stream:
        stream.next()
        _edit(slide, "Et nytt punkt nummer 12", "Et endret punkt nummer 12")
        assert stream.until(("reload", "errors")).data == {"build": 3}
    assert "Et endret punkt nummer 12" in fetch(server.url, "/").body.decode()


@pytest.mark.chromium
def test_the_browser_marks_findings_on_their_slides(tmp_path: Path) -> None:
    from fixtures.drafts import OVERFLOW_SLIDE, PICTURE_SLIDE, draft_project
    from playwright.sync_api import sync_playwright

    project = draft_project(tmp_path / "draft")
    talk = project / "talk.md"
    s = Server(project, deck="talk.md")
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            try:
                page = browser.new_page()
                errors: list[str] = []
                page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
                page.goto(s.url + "/")
                page.wait_for_function("() => window.Reveal && Reveal.isReady()")
                outline = page.wait_for_selector(f"#slide-{OVERFLOW_SLIDE} .slide-body[data-deckgen-mark='outline']",
                                                 state="attached", timeout=20000)
                assert "dashed" in outline.evaluate("el => el.style.outline")
                assert "body text needs" in (outline.get_attribute("title") or "")
                badges = page.query_selector_all(f"#slide-{PICTURE_SLIDE} .deckgen-mark-badge")
                # The picture has no alt text, and so the slide has no (hidden) title either.
                assert sorted(b.text_content() or "" for b in badges) == ["⚠ no alt text", "⚠ no title"]
                assert any("has no alt text" in (b.get_attribute("title") or "") for b in badges)
                # Only the boxes with findings are marked.
                assert len(page.query_selector_all("[data-deckgen-mark]")) == 3
                # The list of every finding, the brand colour too, opens from its button.
                toggle = page.query_selector("#deckgen-findings button")
                assert toggle is not None and re.fullmatch(r"deckgen: \d+ warnings", toggle.text_content() or "")
                toggle.click()
                listed = page.inner_text("#deckgen-findings")
                assert "brand colour 'muted'" in listed and f"slide {PICTURE_SLIDE}: talk.md:" in listed
                # On the overflowing slide itself, the outline is visible.
                page.evaluate(f"Reveal.slide({OVERFLOW_SLIDE - 1}, 0)")
                assert page.is_visible(f"#slide-{OVERFLOW_SLIDE} .slide-body[data-deckgen-mark='outline']")
                # Alt text added: the page reloads and the badge is gone; the outline stays.
                _edit(talk, "![](photo.jpg)", "![Landskap med åser og vann](photo.jpg)")
                page.wait_for_function(f"() => !document.querySelector('#slide-{PICTURE_SLIDE} .deckgen-mark-badge')", timeout=20000)
                page.wait_for_selector(f"#slide-{OVERFLOW_SLIDE} .slide-body[data-deckgen-mark='outline']", state="attached", timeout=20000)
                assert page.evaluate("Reveal.getIndices().h") == OVERFLOW_SLIDE - 1  # still on the slide being edited
                assert not [e for e in errors if "Content Security Policy" in e], errors
            finally:
                browser.close()
    finally:
        code, log = s.stop()
    assert code == 0, log
    assert "Traceback" not in log


@pytest.mark.chromium
def test_a_county_of_example_data_is_marked_in_the_preview(project: Path) -> None:
    from playwright.sync_api import sync_playwright

    s = Server(project, "--county", "ostfold")
    try:
        assert b'data-example="1"' in fetch(s.url, "/").body
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            try:
                page = browser.new_page()
                page.goto(s.url + "/")
                page.wait_for_function("() => window.Reveal && Reveal.isReady()")
                mark = page.wait_for_selector("#deckgen-example", state="visible")
                assert mark.inner_text() == "EKSEMPEL"
                page.evaluate("Reveal.slide(4, 0)")
                assert page.is_visible("#deckgen-example")  # on every slide, not just the first
            finally:
                browser.close()
        _edit(project / "content" / "counties" / "ostfold.yaml", "example: true\n", "")
        s.wait_line(r"rebuilt .*build 2", 30)
        assert b"data-example" not in fetch(s.url, "/").body
    finally:
        s.stop()
    plain = Server(project, "--county", "buskerud")
    try:
        assert b"data-example" not in fetch(plain.url, "/").body
    finally:
        plain.stop()
