"""A generated Markdown deck of any length, as the speed benchmarks use it.

    .venv/bin/python bench/gendeck.py 1000 > /tmp/deck-1000.md

Every slide has a ``##`` heading and bullets with a nested level; every fifth slide is a
table, every third has speaker notes (``::: notes``). The same number gives the same text,
so timings are comparable between runs and machines.
"""

from __future__ import annotations

import sys

WORDS = ["kommune", "fylke", "samarbeid", "region", "styre", "møte", "prosjekt", "tjeneste", "innbygger", "utvikling", "arbeidsgiver", "politikk", "økonomi", "digital", "klima", "helse", "skole", "vei", "plan"]


def _phrase(n: int, length: int) -> str:
    return " ".join(WORDS[(n * 7 + k * 3) % len(WORDS)] for k in range(length)).capitalize()


def deck(slides: int) -> str:
    """A pandoc-style deck of ``slides`` slides (a front matter title slide included)."""
    out = ["---", f"title: Generert dekk med {slides} lysbilder", "author: Benchmark", "lang: nb-NO", "---", ""]
    for n in range(1, slides):
        out.append(f"## {_phrase(n, 4)} {n}")
        out.append("")
        if n % 5 == 0:
            out += ["| Kommune | Innbyggere | Rolle |", "|---|---:|---|"]
            out += [f"| {_phrase(n + r, 1)} | {1000 + 37 * r * n % 90000} | {_phrase(n - r, 2)} |" for r in range(4)]
        else:
            for b in range(4):
                out.append(f"- {_phrase(n + b, 6)}")
                if b == 1:
                    out.append(f"  - {_phrase(n * 2 + b, 5)}")
        out.append("")
        if n % 3 == 0:
            out += ["::: notes", f"{_phrase(n * 3, 12)}.", ":::", ""]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.stdout.write(deck(int(sys.argv[1]) if len(sys.argv) > 1 else 100))
