"""The real build function of the preview (DeckBuilder) and serve() run in a thread and
stopped through its stop event, on a copy of the project."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from deckgen.errors import UsageError
from deckgen.serve import DeckBuilder, Preview, serve
from deckgen.serve.client import EventStream, fetch
from deckgen.serve.watch import WatchSpec

DECK = Path("content") / "decks" / "regionmote.yaml"


def test_deck_builder_builds_the_first_county_and_is_reproducible(project: Path, tmp_path: Path) -> None:
    builder = DeckBuilder(project / DECK, None, tmp_path / "out")
    first = builder()
    assert first.ok, first.error_lines()
    assert builder.county == first.county and first.county is not None
    assert first.name == f"regionmote-{first.county}"
    assert "index.html" in first.files and any(k.startswith("assets/") for k in first.files)
    assert all(tmp_path / "out" in p.parents for p in first.files.values())
    assert not any(p.exists() for p in first.files.values())  # built in memory: written when served
    first.write()
    assert all(p.is_file() for p in first.files.values())
    assert first.files["index.html"].read_bytes() == first.unwritten[f"{first.name}/index.html"]
    assert builder().digest == first.digest  # same input, same output


def test_deck_builder_reports_located_errors_and_writes_nothing(project: Path, tmp_path: Path) -> None:
    slide = project / "content" / "slides" / "ny-hverdag.md"
    slide.write_text(slide.read_text(encoding="utf-8").replace("county.name", "county.nmae"), encoding="utf-8")
    outcome = DeckBuilder(project / DECK, "buskerud", tmp_path / "out")()
    assert not outcome.ok and not outcome.files
    assert any(line.startswith("content/slides/ny-hverdag.md:") and "county.nmae" in line for line in outcome.error_lines())
    assert not (tmp_path / "out" / "regionmote-buskerud").exists()


def test_deck_builder_refuses_all_counties(project: Path, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="one county at a time"):
        DeckBuilder(project / DECK, "all", tmp_path)


def test_serve_runs_until_stopped_and_cleans_up(project: Path) -> None:
    stop = threading.Event()
    ready = threading.Event()
    seen: list[tuple[Preview, WatchSpec]] = []

    def on_ready(preview: Preview, spec: WatchSpec) -> None:
        seen.append((preview, spec))
        ready.set()

    thread = threading.Thread(
        target=serve, args=(project / DECK, "buskerud"), kwargs={"port": 0, "stop": stop, "on_ready": on_ready}, daemon=True
    )
    thread.start()
    try:
        assert ready.wait(60)
        preview, spec = seen[0]
        assert spec.trees == tuple(project.resolve() / n for n in ("content", "templates", "assets"))
        page = fetch(preview.url, "/")
        assert page.status == 200 and b"Buskerud" in page.body
        built = preview.site.files["index.html"]
        with EventStream(preview.url) as stream:
            stream.next()
            county = project / "content" / "counties" / "buskerud.yaml"
            county.write_text(county.read_text(encoding="utf-8").replace("Kongsberg", "Kongsberg og Numedal"), encoding="utf-8")
            assert stream.until("reload").data == {"build": 2}
        assert b"Kongsberg og Numedal" in fetch(preview.url, "/").body
    finally:
        stop.set()
        thread.join(20)
    assert not thread.is_alive()
    assert not built.exists()  # the preview folder is gone


def test_serve_names_a_busy_port(project: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(UsageError, match=f"port {port} on 127.0.0.1 is in use"):
            serve(project / DECK, "buskerud", port=port, stop=threading.Event())


def test_a_build_that_is_not_shown_leaves_the_served_page_alone(project: Path, tmp_path: Path) -> None:
    # serve's watch loop builds on a save's first event and drops the build when the save goes
    # on: until shown, nothing of it is served or written.
    preview = Preview(DeckBuilder(project / DECK, "buskerud", tmp_path / "out"), port=0)
    try:
        preview.start()
        served = fetch(preview.url, "/").body
        on_disk = preview.site.files["index.html"].read_bytes()
        slide = project / "content" / "slides" / "ny-hverdag.md"
        slide.write_text(slide.read_text(encoding="utf-8").replace("Samhandlingsformer", "Halvveis lagret"), encoding="utf-8")
        dropped = preview.prepare([slide])
        assert fetch(preview.url, "/").body == served
        assert preview.site.files["index.html"].read_bytes() == on_disk
        assert (preview.builds, preview.site.build) == (1, 1)
        del dropped
        slide.write_text(slide.read_text(encoding="utf-8").replace("Halvveis lagret", "Ferdig lagret"), encoding="utf-8")
        report = preview.prepare([slide])()
        assert (report.action, report.build, preview.builds) == ("reload", 2, 2)
        page = fetch(preview.url, "/").body.decode()
        assert "Ferdig lagret" in page and "Halvveis lagret" not in page
    finally:
        preview.close()
