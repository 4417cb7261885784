"""The progress bar: a rich bar on a terminal (without a refresh thread for one deck, so a
build may fork), and off a terminal an object that takes the same calls and shows nothing."""

from __future__ import annotations

import io
import threading

import pytest
from rich.console import Console

from deckgen import ui


def test_off_a_terminal_the_bar_takes_every_call_and_shows_nothing(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(ui, "err", lambda: Console(file=io.StringIO(), force_terminal=False))
    with ui.progress(0, "Building x") as bar:
        bar.update(bar.task_ids[0], total=3)
        bar.update(bar.task_ids[0], advance=1, refresh=True)
        bar.refresh()
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize("ticking", [True, False])
def test_on_a_terminal_a_rich_bar_ticking_only_when_asked(monkeypatch: pytest.MonkeyPatch, ticking: bool) -> None:
    out = io.StringIO()
    monkeypatch.setattr(ui, "err", lambda: Console(file=out, force_terminal=True, width=80))
    before = threading.active_count()
    with ui.progress(2, "Building x", ticking=ticking) as bar:
        assert type(bar).__name__ == "Progress"
        assert (threading.active_count() > before) == ticking  # rich's refresh thread
        bar.update(bar.task_ids[0], advance=1, refresh=True)
    assert "Building x" in out.getvalue()
