"""A build's reveal.js outputs rendered in a forked child (deckgen.forked) while the parent
writes the .pptx: same bytes, the child's errors reach the parent, nothing is written when
either renderer fails, and no fork while other threads run."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from deckgen import forked
from deckgen.build import INTERNAL_ERROR, Options, build_county, render, resolve_deck
from deckgen.errors import Diagnostics, OutputError

DECK = Path("content") / "decks" / "regionmote.yaml"
BOTH = Options(("pptx", "html", "html-single"))

needs_fork = pytest.mark.skipif(not forked.available(), reason="no fork here (platform, one core or threads)")


class Unpicklable(Exception):
    def __init__(self, handle: object) -> None:
        super().__init__("cannot travel")
        self.handle = handle

    def __reduce__(self) -> object:
        raise TypeError("not picklable")


@needs_fork
def test_the_child_returns_its_value() -> None:
    big = "x" * 3_000_000  # larger than a pipe's buffer: the parent reads while the child writes
    assert forked.Forked(lambda: {"a": big, "n": 1}).result() == {"a": big, "n": 1}


@needs_fork
def test_the_childs_exception_is_raised_in_the_parent_with_the_childs_traceback() -> None:
    def work() -> None:
        raise OutputError("the disk is full")

    with pytest.raises(OutputError, match="the disk is full") as info:
        forked.Forked(work).result()
    assert any("raised in the forked child" in note and "in work" in note for note in info.value.__notes__)


@needs_fork
def test_an_exception_that_cannot_travel_comes_back_as_its_traceback() -> None:
    def work() -> None:
        raise Unpicklable(object())

    with pytest.raises(RuntimeError, match="(?s)the forked renderer failed:.*Unpicklable: cannot travel"):
        forked.Forked(work).result()


@needs_fork
def test_cancel_ends_and_reaps_the_child() -> None:
    job = forked.Forked(lambda: "y" * 3_000_000)
    job.cancel()
    with pytest.raises(AssertionError):
        job.result()


def test_no_fork_while_another_thread_runs() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not forked.available()
    finally:
        stop.set()
        thread.join()


@needs_fork
def test_parallel_and_serial_renders_give_the_same_bytes(project: Path) -> None:
    deck = resolve_deck(project / DECK, "buskerud", Diagnostics())
    assert deck is not None
    assert render(deck, BOTH, parallel=True) == render(deck, BOTH)


@needs_fork
def test_a_bug_in_the_forked_renderer_is_exit_70_and_nothing_is_written(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import deckgen.render.reveal as reveal

    def broken(*_args: object, **_kwargs: object) -> dict[str, bytes]:
        raise ZeroDivisionError("boom in reveal")

    monkeypatch.setattr(reveal, "render_reveal", broken)  # the fork copies the patched module
    out = tmp_path / "out"
    result = build_county(project / DECK, "buskerud", Options(BOTH.formats, out), parallel=True)
    assert not result.ok and result.exit_code == INTERNAL_ERROR
    assert "ZeroDivisionError: boom in reveal" in result.failure and "raised in the forked child" in result.failure
    assert not out.exists()
