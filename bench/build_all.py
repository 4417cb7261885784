"""Benchmark: build every county's deck in every format, serially and in parallel.

    .venv/bin/python bench/build_all.py [--repeat N] [--deck content/decks/regionmote.yaml]

Builds the deck's counties in pptx, html and html-single into a temporary folder with
``jobs=1`` (one county after another) and ``jobs=0`` (one worker process per core), two ways:

- ``command``: the ``deckgen build`` command in a fresh Python process each time, as a user runs
  it (interpreter start, imports, every worker's first deck cold);
- ``in-process``: :func:`deckgen.build.build` called again and again in this process, after
  one untimed warm-up (the pipeline's own cost).

``--repeat`` timed runs each, interleaved so that a change in the machine's load hits both
modes alike. Prints the median, fastest and slowest wall-clock seconds, the speed-up, and the
machine's cores, and checks that every build succeeded and that serial and parallel builds
wrote byte-identical files.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

from deckgen.build import Options, Result, build  # noqa: E402

FORMATS = ("pptx", "html", "html-single")


def build_once(deck: Path, out: Path, jobs: int) -> tuple[float, list[Result]]:
    """One full build of every county; wall-clock seconds and the per-county results."""
    started = time.perf_counter()
    results, problems = build(deck, None, Options(FORMATS, out, jobs=jobs))
    seconds = time.perf_counter() - started
    failed = [r for r in results if not r.ok]
    if problems or failed or not results:
        lines = [d.format() for d in problems] + [d.format() for r in failed for d in r.diagnostics]
        raise SystemExit("the build failed; fix the deck before benchmarking:\n" + "\n".join(lines))
    return seconds, results


def command_once(deck: Path, out: Path, jobs: int) -> float:
    """One ``deckgen build`` in a new process; wall-clock seconds."""
    argv = [sys.executable, "-m", "deckgen", "build", str(deck), "--format", ",".join(FORMATS), "--out", str(out), "--jobs", str(jobs)]
    started = time.perf_counter()
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"deckgen build failed (exit {done.returncode}):\n{done.stderr}")
    return seconds


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def usable_cores() -> int:
    """Cores this process may run on (a container or taskset may allow fewer than exist)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--deck", type=Path, default=ROOT / "content" / "decks" / "regionmote.yaml")
    parser.add_argument("--repeat", type=int, default=5, help="timed builds per mode (default 5)")
    args = parser.parse_args()
    deck = args.deck.resolve()

    modes = {"serial": 1, "parallel": 0}
    ways = ("command", "in-process")
    times: dict[tuple[str, str], list[float]] = {(way, mode): [] for way in ways for mode in modes}
    outputs: dict[str, dict[str, bytes]] = {}
    counties: list[str] = []
    deck_seconds: dict[str, list[float]] = {mode: [] for mode in modes}  # per build: the decks' own times, summed
    with tempfile.TemporaryDirectory(prefix="deckgen-bench-") as tmp:
        for mode, jobs in modes.items():
            build_once(deck, Path(tmp) / f"warm-{mode}", jobs)  # imports, caches, first fork
        for n in range(args.repeat):
            for mode, jobs in modes.items():
                out = Path(tmp) / f"{mode}-{n}"
                times[("command", mode)].append(command_once(deck, out / "command", jobs))
                seconds, results = build_once(deck, out / "in-process", jobs)
                times[("in-process", mode)].append(seconds)
                deck_seconds[mode].append(sum(r.seconds for r in results))
                counties = [r.county or "-" for r in results]
                outputs.setdefault(mode, snapshot(out / "in-process"))
                if snapshot(out / "command") != outputs[mode]:
                    raise SystemExit(f"the {mode} command wrote other bytes than the in-process build")
        same = outputs["serial"] == outputs["parallel"]

    workers = min(usable_cores(), len(counties))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"deck:      {deck.relative_to(ROOT) if deck.is_relative_to(ROOT) else deck}")
    print(f"counties:  {len(counties)} ({', '.join(counties)})")
    print(f"formats:   {', '.join(FORMATS)}  ({len(outputs['serial'])} files per build)")
    print(f"machine:   {os.cpu_count() or 1} cores ({usable_cores()} usable), load average {load:.2f}, Python {sys.version.split()[0]}")
    print(f"runs:      {args.repeat} timed per mode and way")
    print()
    print(f"{'way':<11} {'mode':<9} {'workers':>7} {'median s':>9} {'min s':>7} {'max s':>7}")
    for way in ways:
        for mode, jobs in modes.items():
            t = times[(way, mode)]
            print(f"{way:<11} {mode:<9} {1 if jobs == 1 else workers:>7} {statistics.median(t):>9.2f} {min(t):>7.2f} {max(t):>7.2f}")
    print()
    for way in ways:
        speedup = statistics.median(times[(way, "serial")]) / statistics.median(times[(way, "parallel")])
        print(f"speed-up ({way}): {speedup:.2f}x with {workers} workers")
    # How many decks were in progress at once on average, and how long one deck took: when the
    # parallel decks each take longer than the serial ones, something else had the cores.
    busy = statistics.median(d / t for d, t in zip(deck_seconds["parallel"], times[("in-process", "parallel")], strict=True))
    per_deck = {mode: statistics.median(deck_seconds[mode]) / len(counties) for mode in modes}
    print(f"overlap:   {busy:.2f} decks at a time in parallel; one deck took {per_deck['serial']:.2f} s serially, {per_deck['parallel']:.2f} s in parallel")
    print(f"outputs:   serial and parallel builds {'byte-identical' if same else 'DIFFER'}")
    if not same:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
