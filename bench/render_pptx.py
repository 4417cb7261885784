"""Benchmark: the PowerPoint renderer alone, on generated decks.

    .venv/bin/python bench/render_pptx.py [--sizes 100,1000] [--repeat 5] [--profile]

For each size, a deck from :mod:`gendeck` is loaded, resolved and fitted once in this process
(``deckgen.build``'s own steps), then :func:`deckgen.render.pptx.render_pptx` is timed
``--repeat`` times after one untimed warm-up; the median, fastest and slowest seconds are
printed with the time per slide and the median CPU time. ``--profile`` prints a cProfile of one more render of the
largest size (the 30 most expensive functions by own time). Nothing is written; a benchmark,
not a timed test. Run ``.venv/bin/python -m compileall -q deckgen`` first for users' timings.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout without installing
sys.path.insert(0, str(ROOT / "bench"))

from gendeck import deck as gendeck  # noqa: E402

from deckgen.build import fitted, load_source  # noqa: E402
from deckgen.errors import Diagnostics  # noqa: E402
from deckgen.model import Deck  # noqa: E402
from deckgen.render.pptx import render_pptx  # noqa: E402
from deckgen.resolve import resolve  # noqa: E402


def prepared(slides: int, folder: Path) -> Deck:
    """The generated deck of ``slides`` slides, loaded, resolved and fitted."""
    path = folder / f"deck-{slides}.md"
    path.write_text(gendeck(slides), encoding="utf-8")
    diags = Diagnostics()
    src, project = load_source(path, diags)
    deck = fitted(resolve(src, project, None, diags)) if src is not None else None
    if deck is None:
        raise SystemExit("the generated deck did not resolve:\n" + "\n".join(d.format() for d in diags))
    return deck


def timed(deck: Deck, repeat: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU seconds of ``repeat`` renders (CPU time is steadier on a shared
    machine: other work there lengthens the wall clock, not this process's CPU time)."""
    render_pptx(deck)  # warm-up: imports, first-use caches
    wall, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        render_pptx(deck)
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(" slides  median   fastest  slowest  per slide  cpu median")
    with tempfile.TemporaryDirectory() as tmp:
        deck = None
        for size in sizes:
            deck = prepared(size, Path(tmp))
            runs, cpu = timed(deck, args.repeat)
            median = statistics.median(runs)
            print(f"{size:7d}  {median:6.3f}s  {min(runs):6.3f}s  {max(runs):6.3f}s  {median / size * 1000:6.3f} ms"
                  f"  {statistics.median(cpu):6.3f}s")
        if args.profile and deck is not None:
            profile = cProfile.Profile()
            profile.runcall(render_pptx, deck)
            pstats.Stats(profile).sort_stats("tottime").print_stats(30)


if __name__ == "__main__":
    main()
