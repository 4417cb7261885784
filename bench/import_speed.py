"""Benchmark: `deckgen import` of a generated 100-slide deck (target: under 2 s).

    .venv/bin/python bench/import_speed.py [--slides 100] [--repeat 5]

Writes a deck of ``--slides`` slides into a temporary project -- the seed deck's layouts in
turn (bullets, table, org chart, tiles, roster, columns, section, discussion, question,
picture) -- builds it with deckgen, then imports the .pptx ``--repeat`` times into fresh
folders, as a user runs it (`deckgen import` in a new process, interpreter start included)
and in-process (the importer's own cost, after one untimed warm-up). Prints the median,
fastest and slowest seconds and checks that every import wrote the same files.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

from deckgen.errors import Diagnostics  # noqa: E402
from deckgen.importer import plan_import  # noqa: E402

TARGET = 2.0
SLIDES = [
    "---\nlayout: bullets\ntitle: Punkt {n}\n---\n\n- Første punkt med **fet** tekst\n- Andre punkt\n  - Underpunkt med [lenke](https://www.ks.no/)\n\n::: notes\nNotat {n}.\n:::\n",
    "---\nlayout: table\ntitle: Tabell {n}\n---\n\n| År | Kommuner | Innbyggere |\n|---|---|---|\n| 2024 | 357 | 5 550 000 |\n| 2025 | 357 | 5 590 000 |\n",
    "---\nlayout: orgchart\ntitle: Organisering {n}\nbodies:\n  - {{id: a, name: Kommunestyrene}}\n  - {{id: b, name: Fylkesmøtet, elected_by: [a], facts: [Ett møte i året]}}\n  - {{id: c, name: Fylkesstyret, elected_by: [b]}}\n---\n",
    "---\nlayout: tiles\ntitle: Lenker {n}\ntiles:\n  - {{title: KS, url: 'https://www.ks.no/'}}\n  - {{title: Video, url: 'https://youtu.be/abc'}}\n---\n",
    "---\nlayout: roster\ntitle: Styret {n}\npeople:\n  - {{name: Kari Nordmann, place: Gol, role: leder}}\n  - {{name: Ola Nordmann, place: Hole}}\n---\n",
    "---\nlayout: columns\ntitle: Roller {n}\ncolumns:\n  - {{heading: Interessepolitikk, body: Tekst}}\n  - {{heading: Arbeidsgiver}}\n---\n",
    "---\nlayout: section\ntitle: Del {n}\n---\n",
    "---\nlayout: discussion\nminutes: 3\npairing: to og to\n---\n\nHva mener dere om punkt {n}?\n",
    "---\nlayout: question\n---\n\nHva tar dere med hjem fra del {n}?\n",
    "---\nlayout: image\nimage: ../../assets/foto-bly.jpg\nalt: Landskap {n}\ncredit: 'Foto: Bly'\n---\n",
]


def make_deck(root: Path, count: int) -> Path:
    """A project with a deck of ``count`` slides, built; returns the .pptx."""
    for folder in ("templates", "assets"):
        shutil.copytree(ROOT / folder, root / folder)
    (root / "content/slides").mkdir(parents=True)
    (root / "content/decks").mkdir(parents=True)
    names = []
    for n in range(1, count + 1):
        name = f"s{n:03d}"
        (root / "content/slides" / f"{name}.md").write_text(SLIDES[(n - 1) % len(SLIDES)].format(n=n), encoding="utf-8")
        names.append(name)
    deck = root / "content/decks/stor.yaml"
    deck.write_text("title: Et stort foredrag\nbrand: ks\nlang: nb-NO\nslides:\n" + "".join(f"  - {n}\n" for n in names), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "deckgen", "build", str(deck), "--out", str(root / "out")], cwd=root,
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"building the benchmark deck failed:\n{done.stderr}")
    return root / "out" / "stor.pptx"


def in_process(pptx: Path, into: Path) -> tuple[float, dict[str, bytes]]:
    into.mkdir(parents=True)
    shutil.copytree(ROOT / "templates", into / "templates")
    started = time.perf_counter()
    plan = plan_import([pptx], into, "stor", None, Diagnostics())
    seconds = time.perf_counter() - started
    assert plan is not None
    return seconds, plan.files


def command(pptx: Path, into: Path) -> float:
    into.mkdir(parents=True)
    shutil.copytree(ROOT / "templates", into / "templates")
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "deckgen", "import", str(pptx), "--into", str(into), "--name", "stor"],
                          capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"deckgen import failed (exit {done.returncode}):\n{done.stderr}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--slides", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="deckgen-bench-import-") as tmp:
        root = Path(tmp)
        pptx = make_deck(root / "project", args.slides)
        in_process(pptx, root / "warm")
        inside, outside, outputs = [], [], []
        for n in range(args.repeat):
            seconds, files = in_process(pptx, root / f"in-{n}")
            inside.append(seconds)
            outputs.append(files)
            outside.append(command(pptx, root / f"cmd-{n}"))
        if any(files != outputs[0] for files in outputs):
            raise SystemExit("two imports of the same deck wrote different files")
        print(f"import of a {args.slides}-slide deck ({pptx.stat().st_size // 1024} KB), {args.repeat} runs each:")
        for label, times in (("deckgen import (new process)", outside), ("in-process (importer only)", inside)):
            print(f"  {label:30} median {statistics.median(times):.2f} s  (fastest {min(times):.2f}, slowest {max(times):.2f})")
        verdict = "within" if statistics.median(outside) < TARGET else "OVER"
        print(f"  target: under {TARGET:.0f} s for the command -> {verdict}")


if __name__ == "__main__":
    main()
