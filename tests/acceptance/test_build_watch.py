"""``deckgen build --watch``: builds, rebuilds every requested format on a save (not on its own
output, even inside the project), goes on after a broken save, and stops on Ctrl+C (also when
the test run itself ignores SIGINT, as a background job does) and on SIGTERM."""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from children import popen


def _lines(proc: subprocess.Popen[str]) -> queue.Queue[str]:
    out: queue.Queue[str] = queue.Queue()

    def read() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            out.put(line.rstrip("\n"))

    threading.Thread(target=read, daemon=True).start()
    return out


def _wait(lines: queue.Queue[str], pattern: str, log: list[str], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=max(0.01, deadline - time.monotonic()))
        except queue.Empty:
            break
        log.append(line)
        if re.search(pattern, line):
            return
    raise AssertionError(f"no line matching {pattern!r} in:\n" + "\n".join(log))


def test_build_watch_rebuilds_every_format_on_save(project: Path) -> None:
    env = {**os.environ, "COLUMNS": "200"}
    proc = popen(
        [sys.executable, "-m", "deckgen", "build", "content/decks/regionmote.yaml", "--county", "buskerud",
         "--format", "pptx,html", "--out", "build", "--watch"],
        cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
    )
    lines = _lines(proc)
    log: list[str] = []
    try:
        _wait(lines, r"^watching content/, templates/, assets/", log)
        pptx = project / "build" / "regionmote-buskerud.pptx"
        html = project / "build" / "regionmote-buskerud" / "index.html"
        first_pptx, first_html = pptx.read_bytes(), html.read_text(encoding="utf-8")
        slide = project / "content" / "slides" / "ny-hverdag.md"
        slide.write_text(slide.read_text(encoding="utf-8").replace("Samhandlingsformer", "Samarbeidsformer"), encoding="utf-8")
        _wait(lines, r"^changed: ny-hverdag\.md$", log)
        _wait(lines, r"^watching ", log)
        assert pptx.read_bytes() != first_pptx
        assert "Samarbeidsformer" in html.read_text(encoding="utf-8") != first_html
        # A broken save is reported and the watch goes on; the outputs stay as they were.
        good = pptx.read_bytes()
        slide.write_text("---\nlayout: nonsense\n---\n", encoding="utf-8")
        _wait(lines, r"content/slides/ny-hverdag\.md:2:9: error: unknown layout 'nonsense'", log)
        _wait(lines, r"^watching ", log)
        assert pptx.read_bytes() == good
        # Nothing else happens by itself: writing the output must not trigger another build.
        time.sleep(1.5)
        while not lines.empty():
            log.append(lines.get())
        assert sum(line.startswith("changed:") for line in log) == 2, log
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(30)
    while not lines.empty():
        log.append(lines.get())
    assert "stopped watching" in log
    assert not any("Traceback" in line for line in log)
    assert proc.returncode == 1  # the last build failed


def test_sigterm_stops_the_watch_like_ctrl_c(project: Path) -> None:
    proc = popen(
        [sys.executable, "-m", "deckgen", "build", "content/decks/regionmote.yaml", "--county", "buskerud", "--watch"],
        cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, "COLUMNS": "200"},
    )
    lines = _lines(proc)
    log: list[str] = []
    try:
        _wait(lines, r"^watching ", log)
        assert (project / "build" / "regionmote-buskerud.pptx").is_file()
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(30)
    time.sleep(0.1)
    while not lines.empty():
        log.append(lines.get())
    assert "stopped watching" in log
    assert not any("Traceback" in line for line in log)
    assert proc.returncode == 0  # the last build succeeded
