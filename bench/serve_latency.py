"""Save-to-reload latency of ``deckgen serve`` on the seed deck.

    .venv/bin/python bench/serve_latency.py [--saves 20] [--county buskerud] [--mode rename|write]

Copies the repository's content/, templates/ and assets/ to a temporary project, starts the
real ``deckgen serve content/decks/regionmote.yaml --county buskerud --port 0`` in a
subprocess, and opens the page's event stream the way the browser's live-reload script does.
Then, N times: changes one line of a slide file the way an editor saves it (by default a
temporary file renamed over the original; ``--mode write`` rewrites it in place), and measures
the time from the save to the ``reload`` event arriving on the stream. Each change is different,
so every save really changes the deck. The pause between saves has a random part (seeded, so
runs are comparable): with a fixed pause every save lands at the same moment of the watcher's
polling cycle, and the benchmark would report one point of its range instead of its spread. Prints every measurement, then min / median / p90 / max,
with the server's own build times (from its terminal lines) for comparison: the rest is the
debounce of the watcher and the event delivery.
"""

from __future__ import annotations

import argparse
import os
import queue
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from deckgen.serve.client import EventStream  # noqa: E402 - after the path is set

DECK = "content/decks/regionmote.yaml"
SLIDE = "content/slides/ny-hverdag.md"
LINE = "Samhandlingsformer – hva nå ?"


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile: the smallest value with at least p% of the values at or below it."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))  # ceil
    return ordered[int(rank) - 1]


def start_server(project: Path, county: str) -> tuple[subprocess.Popen[str], str, queue.Queue[str]]:
    env = {**os.environ, "COLUMNS": "200", "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "deckgen", "serve", DECK, "--county", county, "--port", "0"],
        cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env={**env, "PYTHONPATH": str(REPO)},
    )
    lines: queue.Queue[str] = queue.Queue()

    def read() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            lines.put(line.rstrip("\n"))

    threading.Thread(target=read, daemon=True).start()
    deadline = time.monotonic() + 120
    url = ""
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=1)
        except queue.Empty:
            if proc.poll() is not None:
                break
            continue
        match = re.search(r"Serving \S+ at (http://\S+)/", line)
        if match:
            url = match.group(1)
        if url and line.startswith("watching "):
            return proc, url, lines
    proc.kill()
    raise SystemExit("deckgen serve did not start")


def save(path: Path, text: str, mode: str) -> float:
    """Save ``text`` to ``path`` like an editor; return the time of the save."""
    if mode == "write":
        started = time.perf_counter()
        path.write_text(text, encoding="utf-8")
        return started
    temp = path.with_name(f".{path.name}.bench-tmp")
    temp.write_text(text, encoding="utf-8")
    started = time.perf_counter()
    os.replace(temp, path)
    return started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--saves", type=int, default=20, help="how many saves to measure (default 20)")
    parser.add_argument("--county", default="buskerud")
    parser.add_argument("--mode", choices=("rename", "write"), default="rename", help="how the editor saves (default rename)")
    parser.add_argument("--pause", type=float, default=0.3, help="seconds between a reload and the next save, plus up to 0.1 s at random")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="deckgen-bench-") as tmp:
        project = Path(tmp)
        for name in ("content", "templates", "assets"):
            shutil.copytree(REPO / name, project / name)
        slide = project / SLIDE
        original = slide.read_text(encoding="utf-8")
        if LINE not in original:
            raise SystemExit(f"{SLIDE} no longer has the line {LINE!r}; update the benchmark")
        proc, url, lines = start_server(project, args.county)
        latencies: list[float] = []
        try:
            with EventStream(url, timeout=30) as stream:
                hello = stream.until("hello")
                build = hello.data["build"]
                jitter = random.Random(14)
                for i in range(1, args.saves + 1):
                    time.sleep(args.pause + jitter.uniform(0, 0.1))
                    started = save(slide, original.replace(LINE, f"{LINE} (lagring {i})"), args.mode)
                    event = stream.until(("reload", "errors"), timeout=30)
                    if event.name == "errors" or event.data["build"] != build + 1:
                        raise SystemExit(f"save {i}: expected build {build + 1}, got {event.name} {event.data}")
                    build += 1
                    latencies.append(event.received - started)
                    print(f"save {i:3d}: {latencies[-1] * 1000:7.1f} ms", flush=True)
        finally:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
        builds = [float(m.group(1)) for line in list(lines.queue) if (m := re.search(r"^rebuilt .* in ([\d.]+) s: build", line))]

    ms = [v * 1000 for v in latencies]
    print()
    print(f"deckgen serve {DECK} --county {args.county}: {len(ms)} saves by {args.mode}")
    print(
        f"save-to-reload latency: min {min(ms):.0f} ms, median {statistics.median(ms):.0f} ms,"
        f" p90 {percentile(ms, 90):.0f} ms, max {max(ms):.0f} ms"
    )
    if builds:
        print(f"of which the build itself (server's own timing): median {statistics.median(builds) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
