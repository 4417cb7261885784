"""The watcher: which names are editor noise, what a deck's watch covers, and real bursts from
real file-system events (writes, saves by rename, noise-only activity, a deck outside content/)."""

from __future__ import annotations

import os
import queue
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from deckgen.serve import watch
from deckgen.serve.watch import WatchSpec, is_noise, wait_for_files, watch_spec


@pytest.mark.parametrize(
    "name",
    [".#slide.md", "#slide.md#", "slide.md~", "slide.md.swp", ".slide.md.swp", ".slide.md.swo", "4913", "5036",
     ".deckgen-tmp-abc123", ".goutputstream-X1Y2", "slide.md___jb_tmp___", "slide.md___jb_old___", "slide.md.tmp",
     "slide.kate-swp", ".DS_Store", "Thumbs.db", "sedB1P2pg"],
)
def test_editor_files_are_noise(name: str) -> None:
    assert is_noise(name)


@pytest.mark.parametrize("name", ["slide.md", "buskerud.yaml", "foto-bly.jpg", "brand.yaml", "master.pptx", "2024-plan.md", "logo.svg", "sedimentering.md"])
def test_content_files_are_not_noise(name: str) -> None:
    assert not is_noise(name)


def test_spec_accepts_only_the_trees_and_files_it_names(tmp_path: Path) -> None:
    content = tmp_path / "content"
    out = tmp_path / "content" / "out"
    deck = tmp_path / "talk.md"
    spec = WatchSpec((content,), (deck,), (out,))
    assert spec.accepts(content / "slides" / "a.md")
    assert spec.accepts(deck)
    assert not spec.accepts(tmp_path / "other.md")  # beside the deck, but not the deck
    assert not spec.accepts(out / "deck" / "index.html")  # the output folder
    assert not spec.accepts(content / ".git" / "index")  # hidden folder inside a tree
    assert not spec.accepts(content / "node_modules" / "x.js")
    assert not spec.accepts(content / "slides" / ".#a.md")


def test_watch_spec_of_a_library_deck_and_of_a_plain_markdown_deck(tmp_path: Path) -> None:
    for name in ("content/decks", "templates", "assets"):
        (tmp_path / name).mkdir(parents=True)
    library_deck = tmp_path / "content" / "decks" / "d.yaml"
    spec = watch_spec(tmp_path, library_deck)
    assert spec.trees == (tmp_path / "content", tmp_path / "templates", tmp_path / "assets")
    assert spec.files == ()
    plain = tmp_path / "talk.md"
    spec = watch_spec(tmp_path, plain, exclude=[tmp_path / "build"])
    assert spec.files == (plain,)
    assert spec.exclude == (tmp_path / "build",)
    assert spec.describe(tmp_path) == ["content/", "templates/", "assets/", "talk.md"]


def test_watch_spec_skips_missing_folders(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    spec = watch_spec(tmp_path, tmp_path / "content" / "decks" / "d.yaml")
    assert spec.trees == (tmp_path / "content",)


def test_wait_for_files_waits_for_a_file_that_comes_back(tmp_path: Path) -> None:
    target = tmp_path / "a.md"
    timer = threading.Timer(0.1, target.write_text, args=("back",))
    timer.start()
    started = time.monotonic()
    wait_for_files([target], seconds=2)
    assert target.exists()
    assert time.monotonic() - started < 1.5
    timer.join()


def test_wait_for_files_gives_up_on_a_deleted_file(tmp_path: Path) -> None:
    started = time.monotonic()
    wait_for_files([tmp_path / "gone.md"], seconds=0.2)
    assert 0.15 < time.monotonic() - started < 1.0


class Recorder:
    """Runs the watch loop in a thread and records each burst."""

    def __init__(self, spec: WatchSpec) -> None:
        self.bursts: list[frozenset[Path]] = []
        self.stop = threading.Event()
        self.ready = threading.Event()
        self.cond = threading.Condition()
        self.thread = threading.Thread(target=watch.run, args=(spec, self._record, self.stop), kwargs={"on_ready": self.ready.set}, daemon=True)

    def _record(self, burst: frozenset[Path]) -> None:
        with self.cond:
            self.bursts.append(burst)
            self.cond.notify_all()

    def wait_for(self, predicate: Callable[[frozenset[Path]], bool], timeout: float = 10.0, start: int = 0) -> bool:
        """Whether a burst from number ``start`` on satisfies ``predicate`` within ``timeout``."""
        with self.cond:
            return self.cond.wait_for(lambda: any(predicate(b) for b in self.bursts[start:]), timeout)

    def seen(self) -> set[Path]:
        with self.cond:
            return set().union(*self.bursts) if self.bursts else set()


@pytest.fixture
def recorder(tmp_path: Path) -> Iterator[Recorder]:
    (tmp_path / "content" / "slides").mkdir(parents=True)
    (tmp_path / "assets").mkdir()
    (tmp_path / "build").mkdir()
    (tmp_path / "talk.md").write_text("# Talk\n")
    rec = Recorder(watch_spec(tmp_path, tmp_path / "talk.md", exclude=[tmp_path / "build"]))
    rec.thread.start()
    assert rec.ready.wait(10), "the watcher did not report ready"
    yield rec
    rec.stop.set()
    rec.thread.join(10)
    assert not rec.thread.is_alive()


def test_a_write_is_one_burst_with_the_file(tmp_path: Path, recorder: Recorder) -> None:
    slide = tmp_path / "content" / "slides" / "a.md"
    slide.write_text("# A\n")
    assert recorder.wait_for(lambda b: slide in b)


def test_a_save_by_rename_is_seen_and_the_temp_file_is_not(tmp_path: Path, recorder: Recorder) -> None:
    slide = tmp_path / "content" / "slides" / "a.md"
    slide.write_text("# A\n")
    assert recorder.wait_for(lambda b: slide in b)
    # Vim-style: a probe file and a backup, then the new text renamed over the old.
    (tmp_path / "content" / "slides" / "4913").write_text("")
    os.unlink(tmp_path / "content" / "slides" / "4913")
    os.link(slide, tmp_path / "content" / "slides" / "a.md~")
    temp = tmp_path / "content" / "slides" / ".a.md.deckgen-test"
    temp.write_text("# A, edited\n")
    before = len(recorder.bursts)
    os.replace(temp, slide)
    assert recorder.wait_for(lambda b: slide in b, start=before)
    assert not {p.name for p in recorder.seen()} & {"4913", "a.md~", ".a.md.deckgen-test"}


def test_noise_and_output_alone_cause_no_burst(tmp_path: Path, recorder: Recorder) -> None:
    slides = tmp_path / "content" / "slides"
    (slides / ".#a.md").write_text("lock")
    (slides / "a.md.swp").write_text("swap")
    (tmp_path / "build" / "deck.pptx").write_text("output")
    (tmp_path / "other.md").write_text("not the deck")
    assert not recorder.wait_for(lambda b: True, timeout=1.0)


def test_the_plain_deck_file_beside_the_trees_is_watched(tmp_path: Path, recorder: Recorder) -> None:
    deck = tmp_path / "talk.md"
    temp = tmp_path / ".talk.md.new"
    temp.write_text("# Talk, edited\n")
    os.replace(temp, deck)
    assert recorder.wait_for(lambda b: deck in b)
    image = tmp_path / "assets" / "photo.jpg"
    image.write_bytes(b"\xff\xd8")
    assert recorder.wait_for(lambda b: image in b)


def test_changes_during_a_slow_rebuild_arrive_in_the_next_burst(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    a, b = tmp_path / "content" / "a.md", tmp_path / "content" / "b.md"
    stop = threading.Event()
    bursts: list[frozenset[Path]] = []

    def on_change(burst: frozenset[Path]) -> None:
        bursts.append(burst)
        if len(bursts) == 1:
            b.write_text("written while the first rebuild runs")
            time.sleep(0.5)
        else:
            stop.set()

    thread = threading.Thread(target=watch.run, args=(watch_spec(tmp_path, a), on_change, stop), kwargs={"on_ready": lambda: a.write_text("a")}, daemon=True)
    thread.start()
    thread.join(15)
    stop.set()
    assert [sorted(p.name for p in burst) for burst in bursts] == [["a.md"], ["b.md"]]


def test_settle_waits_for_the_quiet_period_and_merges_later_events(tmp_path: Path) -> None:
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.write_text("a")
    more: queue.Queue[frozenset[Path]] = queue.Queue()
    threading.Timer(0.03, more.put, args=(frozenset({b}),)).start()
    started = time.monotonic()
    burst = watch.settle(frozenset({a}), more, threading.Event(), quiet=0.1, max_wait=5)
    took = time.monotonic() - started
    assert burst == {a, b}
    assert 0.12 <= took < 1.0  # 0.03 s to the second event, then the whole quiet period


def test_settle_waits_for_a_write_whose_event_has_not_come_yet(tmp_path: Path) -> None:
    # The file changes without any event in the queue (its event is still on its way): the
    # size/mtime check sees it and the quiet period starts again from there.
    a = tmp_path / "a.md"
    a.write_text("first half")
    more: queue.Queue[frozenset[Path]] = queue.Queue()
    threading.Timer(0.07, a.write_text, args=("first half, and the rest of the save",)).start()
    started = time.monotonic()
    burst = watch.settle(frozenset({a}), more, threading.Event(), quiet=0.1, max_wait=5)
    took = time.monotonic() - started
    assert burst == {a}
    assert 0.19 <= took < 1.0  # noticed at the 0.1 s check, then another quiet period


def test_settle_ends_a_busy_burst_after_max_wait_and_on_stop(tmp_path: Path) -> None:
    a = tmp_path / "a.md"
    more: queue.Queue[frozenset[Path]] = queue.Queue()
    busy = threading.Event()

    def keep_busy() -> None:
        while not busy.is_set():
            more.put(frozenset({a}))
            time.sleep(0.01)

    threading.Thread(target=keep_busy, daemon=True).start()
    started = time.monotonic()
    assert watch.settle(frozenset({a}), more, threading.Event(), quiet=0.05, max_wait=0.3) == {a}
    assert 0.28 <= time.monotonic() - started < 1.0
    stop = threading.Event()
    threading.Timer(0.1, stop.set).start()
    started = time.monotonic()
    watch.settle(frozenset({a}), more, stop, quiet=0.05, max_wait=10)
    assert time.monotonic() - started < 1.0
    busy.set()


def test_a_save_in_two_writes_a_few_ms_apart_is_one_burst_with_the_final_text(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    slide = tmp_path / "content" / "a.md"
    slide.write_text("# A\n")
    stop = threading.Event()
    ready = threading.Event()
    seen: list[tuple[frozenset[Path], str]] = []

    def on_change(burst: frozenset[Path]) -> None:
        seen.append((burst, slide.read_text()))

    thread = threading.Thread(target=watch.run, args=(watch_spec(tmp_path, slide), on_change, stop), kwargs={"on_ready": ready.set}, daemon=True)
    thread.start()
    try:
        assert ready.wait(10)
        for n in range(3):
            before = len(seen)
            with slide.open("w") as f:  # an in-place save written in two bursts
                f.write(f"# Save {n}\n\nthe first half")
                f.flush()
                time.sleep(0.015)
                f.write(" and the second half\n")
            deadline = time.monotonic() + 10
            while len(seen) == before and time.monotonic() < deadline:
                time.sleep(0.01)
            time.sleep(watch.QUIET_MS / 1000 * 3)  # a second burst would have come by now
            assert [text for _burst, text in seen[before:]] == [f"# Save {n}\n\nthe first half and the second half\n"]
    finally:
        stop.set()
        thread.join(10)


class AheadRecorder:
    """Runs :func:`watch.run_ahead` with a fake build that takes ``build_seconds`` and records
    the text it read; ``shown`` lists the texts of the builds that were shown."""

    def __init__(self, slide: Path, build_seconds: float) -> None:
        self.slide = slide
        self.build_seconds = build_seconds
        self.built: list[str] = []
        self.shown: list[str] = []
        self.stop = threading.Event()
        self.ready = threading.Event()
        spec = watch_spec(slide.parent.parent, slide)
        self.thread = threading.Thread(target=watch.run_ahead, args=(spec, self.prepare, self.stop), kwargs={"on_ready": self.ready.set}, daemon=True)

    def prepare(self, _burst: frozenset[Path]) -> Callable[[], None]:
        text = self.slide.read_text()
        time.sleep(self.build_seconds)
        self.built.append(text)
        return lambda: self.shown.append(text)

    def save_and_wait(self, *parts: tuple[str, float]) -> list[str]:
        """Write the parts into the slide in place, each after its pause; the texts shown."""
        before = len(self.shown)
        with self.slide.open("w") as f:
            for text, pause in parts:
                time.sleep(pause)
                f.write(text)
                f.flush()
        deadline = time.monotonic() + 10
        while len(self.shown) == before and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(watch.QUIET_MS / 1000 * 3 + self.build_seconds * 2)  # a second one would be here by now
        return self.shown[before:]


@pytest.mark.parametrize(
    ("build_seconds", "gap"),
    [
        (0.005, 0.0),  # one write: the build made on the first event is shown
        (0.06, 0.03),  # the second part comes while the build of the first part runs
        (0.005, 0.035),  # the second part comes after a quick first build, within the quiet period
    ],
)
def test_run_ahead_shows_one_build_per_save_of_the_final_text(tmp_path: Path, build_seconds: float, gap: float) -> None:
    (tmp_path / "content").mkdir()
    slide = tmp_path / "content" / "a.md"
    slide.write_text("# A\n")
    rec = AheadRecorder(slide, build_seconds)
    rec.thread.start()
    try:
        assert rec.ready.wait(10)
        for n in range(3):
            final = f"# Save {n}\n\nthe first half" + (" and the second half\n" if gap else "\n")
            parts = [(f"# Save {n}\n\nthe first half", 0.0)] + ([(" and the second half\n", gap)] if gap else [("\n", 0.0)])
            assert rec.save_and_wait(*parts) == [final]
        if not gap:
            assert len(rec.built) == 3  # nothing built twice
    finally:
        rec.stop.set()
        rec.thread.join(10)
    assert not rec.thread.is_alive()


def test_run_ahead_drops_a_build_when_the_save_goes_on_while_it_runs(tmp_path: Path) -> None:
    # Made certain: the build reads the first half, and the second half is written while it
    # runs. That build is never shown; the final text is built and shown once.
    (tmp_path / "content").mkdir()
    slide = tmp_path / "content" / "a.md"
    slide.write_text("# A\n")
    rest = " and the second half\n"

    class SaveGoesOn(AheadRecorder):
        def prepare(self, burst: frozenset[Path]) -> Callable[[], None]:
            text = self.slide.read_text()
            if not text.endswith("\n"):
                with self.slide.open("a") as f:  # the editor's second write, during this build
                    f.write(rest)
            time.sleep(self.build_seconds)
            self.built.append(text)
            return lambda: self.shown.append(text)

    rec = SaveGoesOn(slide, 0.02)
    rec.thread.start()
    try:
        assert rec.ready.wait(10)
        for n in range(2):
            assert rec.save_and_wait((f"# Save {n}: the first half", 0.0)) == [f"# Save {n}: the first half{rest}"]
        assert rec.built[0] == "# Save 0: the first half" and rec.built[1] == "# Save 0: the first half" + rest
    finally:
        rec.stop.set()
        rec.thread.join(10)
