"""Pathological Markdown parses in linear time: the time for 4n is compared with the time for
n, with a generous bound (linear growth gives about 4, quadratic about 16)."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

import pytest

from deckgen.errors import Diagnostics
from deckgen.load.markdown import parse_markdown

RATIO_BOUND = 9.0  # 4 expected; 9 leaves room for noise on a shared machine, not for n²

PATTERNS: dict[str, Callable[[int], str]] = {
    "open brackets": lambda n: "# A\n\n" + "[" * n + "\n",
    "unclosed links": lambda n: "# A\n\n" + "[a](" * n + "\n",
    "emphasis runs": lambda n: "# A\n\n" + "*a _b " * n + "\n",
    "unmatched backticks": lambda n: "# A\n\n" + "`a ``b " * n + "\n",
    "angle brackets": lambda n: "# A\n\n" + "<a " * n + "\n",
    "nested quotes": lambda n: "# A\n\n" + (">" * 30 + " x\n\n") * (n // 30),
    "quotes past the nesting limit": lambda n: "# A\n\n" + (">" * 120 + " x\n\n") * (n // 120),
    "many list items": lambda n: "# A\n\n" + "- a\n  - b\n" * (n // 4) + "\n",
    "many slides": lambda n: "".join(f"# S{i}\n\ntekst\n\n---\n\n" for i in range(n // 20)),
    "reference definitions": lambda n: "# A\n\n[x]\n\n" + "".join(
        f"[r{i}]: https://ks.no/{i}\n" for i in range(n // 10)),
    "unclosed html comments": lambda n: "# A\n\n" + "a <!-- " * n + "\n",
    "comment notes": lambda n: "# A\n\n" + "<!-- notat -->\n\n" * (n // 10),
    "table cells": lambda n: "# A\n\n| a |\n|---|\n" + "| x " * (n // 2) + "|\n",
}


def _seconds(src: str, repeats: int = 3) -> float:
    """CPU seconds of the least disturbed of ``repeats`` parses. CPU time, not wall time:
    other processes on a shared machine do not count; the collector is paused so that its
    pauses (which depend on everything else alive) do not either."""
    best = float("inf")
    gc.collect()
    gc.disable()
    try:
        for _ in range(repeats):
            started = time.process_time()
            parse_markdown(src, "s.md", Diagnostics())
            best = min(best, time.process_time() - started)
    finally:
        gc.enable()
    return best


def _calibrated_n(make: Callable[[int], str]) -> int:
    """The smallest n (doubling from 2000) whose parse takes at least 20 ms, so timer noise
    does not dominate the ratio."""
    n = 2000
    while n < 256_000 and _seconds(make(n)) < 0.02:
        n *= 2
    return n


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_parse_time_grows_linearly(name: str) -> None:
    make = PATTERNS[name]
    n = _calibrated_n(make)
    small_src, large_src = make(n), make(4 * n)
    small, large = float("inf"), float("inf")
    for _ in range(2):  # interleaved, so a busy moment hurts both sizes alike
        small = min(small, _seconds(small_src))
        large = min(large, _seconds(large_src))
    ratio = large / small
    assert ratio < RATIO_BOUND, f"{name}: n={n} took {small:.3f}s, 4n took {large:.3f}s ({ratio:.1f}x)"
