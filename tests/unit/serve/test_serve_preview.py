"""Preview: what is served and which events go out after good, failed, unchanged and crashing
builds, with a fake build function; and the whole loop (watch → rebuild → event stream) on a
real server with a fake build of a folder of text files."""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from deckgen.errors import Diagnostic, SourceLoc
from deckgen.serve import watch
from deckgen.serve.client import EventStream, fetch
from deckgen.serve.preview import BuildOutcome, BuildReport, Preview


class FakeBuild:
    """Builds 'index.html' from content/page.txt; a line 'BROKEN' makes a located error."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.out = root / "out"
        self.out.mkdir(exist_ok=True)
        self.calls = 0

    def __call__(self) -> BuildOutcome:
        self.calls += 1
        text = (self.root / "content" / "page.txt").read_text()
        if "BROKEN" in text:
            line = text.splitlines().index("BROKEN") + 1
            diag = Diagnostic(SourceLoc("content/page.txt", line, 1), "the page is broken <script>", hint="remove BROKEN")
            return BuildOutcome(diagnostics=(diag,))
        if "CRASH" in text:
            raise RuntimeError("a bug in a renderer")
        html = f"<html><body><p>{text.strip()}</p></body></html>".encode()
        (self.out / "index.html").write_bytes(html)
        return BuildOutcome({"index.html": self.out / "index.html"}, hashlib.sha256(html).hexdigest(), name="page", slides=1)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "page.txt").write_text("first\n")
    return tmp_path


@pytest.fixture
def preview(project: Path) -> Iterator[Preview]:
    reports: list[BuildReport] = []
    p = Preview(FakeBuild(project), port=0, report=reports.append)
    p.reports = reports  # type: ignore[attr-defined]
    p.start()
    yield p
    p.close()


def test_first_build_is_served_with_build_number_one(preview: Preview) -> None:
    page = fetch(preview.url, "/")
    assert page.status == 200
    assert b"<p>first</p>" in page.body and b'data-build="1"' in page.body
    assert preview.url.startswith("http://127.0.0.1:")
    assert preview.reports[0].action == "reload"  # type: ignore[attr-defined]


def test_good_change_reloads_and_serves_the_new_page(preview: Preview, project: Path) -> None:
    with EventStream(preview.url) as stream:
        assert stream.next().name == "hello"
        (project / "content" / "page.txt").write_text("second\n")
        report = preview.rebuild([project / "content" / "page.txt"])
        assert (report.action, report.build) == ("reload", 2)
        assert stream.next().name == "building"
        assert stream.next().data == {"build": 2}
    assert b"<p>second</p>" in fetch(preview.url, "/").body


def test_broken_change_keeps_the_last_good_page_and_sends_the_errors(preview: Preview, project: Path) -> None:
    with EventStream(preview.url) as stream:
        stream.next()
        (project / "content" / "page.txt").write_text("second\nBROKEN\n")
        report = preview.rebuild()
        assert report.action == "errors"
        event = stream.until("errors")
        assert event.data == {
            "build": 1,
            "errors": ["content/page.txt:2:1: error: the page is broken <script>; remove BROKEN"],
        }
    page = fetch(preview.url, "/")
    assert b"<p>first</p>" in page.body  # the last good build
    assert b"broken" not in page.body  # errors are never put into the page's HTML
    with EventStream(preview.url) as late:  # a tab opened now sees the errors at once
        assert late.next().data["errors"] == ["content/page.txt:2:1: error: the page is broken <script>; remove BROKEN"]
    assert preview.failed == 1


def test_fix_back_to_the_same_output_clears_without_reload(preview: Preview, project: Path) -> None:
    page = project / "content" / "page.txt"
    page.write_text("BROKEN\n")
    preview.rebuild()
    with EventStream(preview.url) as stream:
        stream.next()
        page.write_text("first\n")
        report = preview.rebuild()
        assert (report.action, report.build) == ("unchanged", 1)
        assert stream.until(("clear", "reload")).name == "clear"
    assert preview.site.errors == ()


def test_a_crash_in_the_build_is_reported_with_its_traceback(preview: Preview, project: Path) -> None:
    (project / "content" / "page.txt").write_text("CRASH\n")
    report = preview.rebuild()
    assert report.action == "errors"
    assert "internal error in deckgen (a bug)" in report.outcome.failure
    assert "RuntimeError: a bug in a renderer" in report.outcome.failure
    assert fetch(preview.url, "/").status == 200


def test_a_failed_first_build_serves_the_waiting_page_then_the_deck(project: Path) -> None:
    (project / "content" / "page.txt").write_text("BROKEN\n")
    p = Preview(FakeBuild(project), port=0)
    try:
        assert p.start().action == "errors"
        assert b"waiting for the first good build" in fetch(p.url, "/").body
        (project / "content" / "page.txt").write_text("fixed\n")
        assert p.rebuild().build == 1
        assert b"<p>fixed</p>" in fetch(p.url, "/").body
    finally:
        p.close()


def test_the_whole_loop_on_saves_and_renames(project: Path) -> None:
    """watch → rebuild → reload event, on a real server, for a write and a save by rename."""
    build = FakeBuild(project)
    p = Preview(build, port=0)
    stop = threading.Event()
    ready = threading.Event()

    def on_ready() -> None:
        p.start()
        ready.set()

    spec = watch.watch_spec(project, project / "content" / "page.txt", exclude=[build.out])
    loop = threading.Thread(target=watch.run, args=(spec, p.rebuild, stop), kwargs={"on_ready": on_ready}, daemon=True)
    loop.start()
    try:
        assert ready.wait(10)
        with EventStream(p.url) as stream:
            assert stream.next().data == {"build": 1, "errors": [], "findings": []}
            page = project / "content" / "page.txt"
            page.write_text("written\n")
            assert stream.until("reload").data == {"build": 2}
            temp = project / "content" / ".page.txt.tmp"
            temp.write_text("renamed\n")
            os.replace(temp, page)
            assert stream.until("reload").data == {"build": 3}
            assert b"<p>renamed</p>" in fetch(p.url, "/").body
            page.write_text("BROKEN\n")
            assert stream.until("errors").data["errors"][0].startswith("content/page.txt:1:1: error:")
            assert b"<p>renamed</p>" in fetch(p.url, "/").body
        assert build.calls == 4  # one build per save, none for the temp file or the output
    finally:
        stop.set()
        loop.join(10)
        p.close()
