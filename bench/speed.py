"""Benchmark: deckgen against pandoc on generated Markdown decks, and how deckgen scales.

    .venv/bin/python bench/speed.py [--sizes 100,1000,5000] [--repeat 3]

For each size, a deck from :mod:`gendeck` (bullets, nested lists, a table every fifth slide,
notes every third) is built by ``deckgen build DECK --format pptx,html`` in one call, and by
pandoc twice: ``-t pptx`` and ``-t revealjs``. Each command runs in a fresh process, as a
user runs it; the median of ``--repeat`` runs is reported, with deckgen's peak memory (the
largest resident size of the build process, from ``wait4``). Then the ratios the speed goals
are stated in: deckgen / pandoc pptx, deckgen / (pandoc pptx + pandoc revealjs), and how the
time grows from 1000 to 5000 slides. Also ``deckgen --version`` (interpreter start and the
command's imports). deckgen's modules are compiled to bytecode first (``compileall``), as a pip
install leaves them: an editable checkout under ``PYTHONDONTWRITEBYTECODE`` would otherwise
compile ~100 modules in every timed run. Nothing here is hard-coded: every figure comes from the run. Without
pandoc on PATH the pandoc columns are skipped with a message.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gendeck import deck  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DECKGEN = ROOT / ".venv" / "bin" / "deckgen"


def _run(cmd: list[str], cwd: Path) -> tuple[float, int]:
    """Wall-clock seconds and peak resident memory (KiB) of one command."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stderr.read().decode() if proc.stderr else ''}")
    return seconds, usage.ru_maxrss


def _median(cmd: list[str], cwd: Path, repeat: int) -> tuple[float, int]:
    runs = [_run(cmd, cwd) for _ in range(repeat)]
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,5000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    pandoc = shutil.which("pandoc")
    version = subprocess.run([pandoc, "--version"], capture_output=True, text=True).stdout.split("\n")[0] if pandoc else ""
    print(f"machine: {_cpu_model()} ({platform.machine()}), {os.cpu_count()} cores, {platform.system()} "
          f"{platform.release()}, Python {platform.python_version()}; "
          f"{version or 'pandoc not installed: pandoc columns skipped'}")
    print(f"load average before the run: {_load()} (a shared machine makes every figure noisier)")
    subprocess.run([str(DECKGEN.parent / "python"), "-m", "compileall", "-q", str(ROOT / "deckgen")], check=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        secs, _ = _median([str(DECKGEN), "--version"], work, max(args.repeat, 5))
        print(f"deckgen --version: {secs * 1000:.0f} ms")
        print(f"{'slides':>7} {'deckgen pptx+html':>18} {'peak MB':>8} {'pandoc pptx':>12} {'pandoc reveal':>14}"
              f" {'vs pptx':>8} {'vs both':>8}")
        timings: dict[int, float] = {}
        for n in sizes:
            src = work / f"deck-{n}.md"
            src.write_text(deck(n), encoding="utf-8")
            ours, peak = _median([str(DECKGEN), "build", src.name, "--format", "pptx,html", "--out", "out"], work, args.repeat)
            timings[n] = ours
            line = f"{n:>7} {ours:>17.2f}s {peak / 1024:>8.0f}"
            if pandoc:
                pptx, _ = _median([pandoc, src.name, "-o", f"p-{n}.pptx"], work, args.repeat)
                reveal, _ = _median([pandoc, src.name, "-s", "-t", "revealjs", "-o", f"p-{n}.html"], work, args.repeat)
                line += f" {pptx:>11.2f}s {reveal:>13.2f}s {ours / pptx:>7.2f}x {ours / (pptx + reveal):>7.2f}x"
            print(line, flush=True)
        if 1000 in timings and 5000 in timings:
            print(f"5000 / 1000 slides: {timings[5000] / timings[1000]:.2f}x (linear is 5x)")
    print(f"load average after the run: {_load()}")


def _cpu_model() -> str:
    """The processor's name as the system reports it (Linux), else what platform knows."""
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown processor"


def _load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


if __name__ == "__main__":
    main()
