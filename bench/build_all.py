"""Benchmark: build every county's deck in every format, serially and in parallel.

    .venv/bin/python bench/build_all.py [--repeat N] [--deck content/decks/regionmote.yaml]

Builds the deck's counties in pptx, html and html-single into a temporary folder with
``jobs=1`` (one county after another, in this process) and ``jobs=0`` (one worker process per
core), ``--repeat`` times each after one untimed warm-up of each, and prints the median, the
fastest and the slowest wall-clock seconds, the speed-up, and the machine's cores. It also
checks that every build succeeded and that both ways wrote byte-identical files.
"""

from __future__ import annotations

import argparse
import os
import statistics
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
    times: dict[str, list[float]] = {mode: [] for mode in modes}
    outputs: dict[str, dict[str, bytes]] = {}
    counties: list[str] = []
    with tempfile.TemporaryDirectory(prefix="deckgen-bench-") as tmp:
        for mode, jobs in modes.items():
            build_once(deck, Path(tmp) / f"warm-{mode}", jobs)  # imports, caches, first fork
        # Interleave the modes so that a change in the machine's load hits both alike.
        for n in range(args.repeat):
            for mode, jobs in modes.items():
                out = Path(tmp) / f"{mode}-{n}"
                seconds, results = build_once(deck, out, jobs)
                times[mode].append(seconds)
                counties = [r.county or "-" for r in results]
                outputs.setdefault(mode, snapshot(out))
        same = outputs["serial"] == outputs["parallel"]

    cores = os.cpu_count() or 1
    workers = min(usable_cores(), len(counties))
    print(f"deck:      {deck.relative_to(ROOT) if deck.is_relative_to(ROOT) else deck}")
    print(f"counties:  {len(counties)} ({', '.join(counties)})")
    print(f"formats:   {', '.join(FORMATS)}  ({len(outputs['serial'])} files per build)")
    print(f"machine:   {cores} cores ({usable_cores()} usable), Python {sys.version.split()[0]}")
    print(f"runs:      {args.repeat} timed per mode, after one warm-up each")
    print()
    print(f"{'mode':<10} {'workers':>7} {'median s':>9} {'min s':>7} {'max s':>7}")
    for mode, jobs in modes.items():
        t = times[mode]
        print(f"{mode:<10} {1 if jobs == 1 else workers:>7} {statistics.median(t):>9.2f} {min(t):>7.2f} {max(t):>7.2f}")
    speedup = statistics.median(times["serial"]) / statistics.median(times["parallel"])
    print()
    print(f"speed-up:  {speedup:.2f}x with {workers} workers")
    print(f"outputs:   serial and parallel builds {'byte-identical' if same else 'DIFFER'}")
    if not same:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
