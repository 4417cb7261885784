"""Benchmark: each stage of a build before the PowerPoint writer, timed on its own.

    .venv/bin/python bench/stages.py [--sizes 100,1000] [--repeat 5] [--warm] [--cpu]

For each size, writes the generated Markdown deck (``bench/gendeck.py``) to a temporary folder
and runs the stages of :mod:`deckgen.build` one after another, timing each: ``load`` (the deck
file read and parsed), ``resolve``, ``fit`` (:func:`deckgen.build.fitted`), ``checks``
(:func:`deckgen.check.run_checks`) and ``reveal`` (``render_reveal(deck, single=False,
notes=True)``, as ``--format html`` makes it). Every run is a fresh Python process, as a user's
``deckgen build`` is, with deckgen's modules imported before the clock starts (imports are
measured by ``deckgen --version`` in bench/speed.py); ``--warm`` times runs in one process
instead, after one untimed run, as ``serve`` rebuilds. Prints each stage's median
milliseconds, and the fastest and slowest run's total. Wall-clock time by default; ``--cpu``
times the process's CPU instead, which other work on a shared machine disturbs less. A
benchmark, not a timed test: the figures depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

STAGES = ("load", "resolve", "fit", "checks", "reveal")


def run_stages(deck_path: Path, cpu: bool = False) -> dict[str, float]:
    """One build's stages on ``deck_path``, in seconds (imports done first, untimed) of
    wall-clock time, or of the process's CPU time with ``cpu``."""
    import deckgen.check
    import deckgen.render.reveal  # noqa: F401 - imported before the clock starts
    from deckgen.build import fitted, load_source
    from deckgen.errors import Diagnostics
    from deckgen.resolve import resolve

    now_ = time.process_time if cpu else time.perf_counter
    times: dict[str, float] = {}
    diags = Diagnostics()
    clock = now_()

    def lap(stage: str) -> None:
        nonlocal clock
        now = now_()
        times[stage] = now - clock
        clock = now

    src, project = load_source(deck_path, diags)
    lap("load")
    assert src is not None, list(diags)
    deck = resolve(src, project, None, diags)
    lap("resolve")
    assert deck is not None, list(diags)
    deck = fitted(deck)
    lap("fit")
    assert deck is not None
    deckgen.check.run_checks(deck, project, src)
    lap("checks")
    deckgen.render.reveal.render_reveal(deck, single=False, notes=True)
    lap("reveal")
    return times


def _child(deck_path: str, runs: int, cpu: bool) -> None:
    """In a fresh process: ``runs`` timed runs (after one untimed when there are several),
    printed as JSON lines."""
    if runs > 1:
        run_stages(Path(deck_path), cpu)
    for _ in range(runs):
        print(json.dumps(run_stages(Path(deck_path), cpu)), flush=True)


def measure(deck_path: Path, repeat: int, warm: bool, cpu: bool = False) -> list[dict[str, float]]:
    """``repeat`` runs' stage times: each in its own process, or all in one (``warm``)."""
    def child(runs: int) -> list[dict[str, float]]:
        command = [sys.executable, __file__, "--child", str(deck_path), "--runs", str(runs)] + ["--cpu"] * cpu
        out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        return [json.loads(line) for line in out.splitlines()]

    if warm:
        return child(repeat)
    return [child(1)[0] for _ in range(repeat)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000", help="slides per deck, comma-separated")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per size (median reported)")
    parser.add_argument("--warm", action="store_true", help="time runs in one process, after a warm-up")
    parser.add_argument("--cpu", action="store_true", help="time the process's CPU, not the wall clock")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--runs", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child, args.runs, args.cpu)
        return
    sys.path.insert(0, str(ROOT / "bench"))
    from gendeck import deck

    mode = "warm: runs in one process after a warm-up" if args.warm else "cold: each run a fresh process"
    clock = "CPU" if args.cpu else "wall-clock"
    print(f"median {clock} ms per stage, {args.repeat} runs ({mode}); Python {sys.version.split()[0]}")
    print(f"{'slides':>7}" + "".join(f"{s:>9}" for s in STAGES) + f"{'total':>9}{'min':>8}{'max':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            path = Path(tmp) / f"deck-{size}.md"
            path.write_text(deck(size), encoding="utf-8")
            runs = measure(path, args.repeat, args.warm, args.cpu)
            medians = [statistics.median(r[s] for r in runs) * 1000 for s in STAGES]
            totals = [sum(r.values()) * 1000 for r in runs]
            print(f"{size:>7}" + "".join(f"{m:>9.0f}" for m in medians)
                  + f"{statistics.median(totals):>9.0f}{min(totals):>8.0f}{max(totals):>8.0f}")


if __name__ == "__main__":
    main()
