"""Terminal output: diagnostics, progress and summary tables on stderr (rich lives here).

rich is imported when something is first shown, not with this module: `deckgen --version`
and `--help` never pay for it.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, cast

from deckgen.errors import Diagnostic

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress


@functools.cache
def err() -> Console:
    """The console on stderr (made once, when first needed)."""
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def print_diagnostics(diags: Iterable[Diagnostic]) -> None:
    """One line per finding, ``path:line:col: severity: message; hint [rule]``, plain text so
    editors and CI logs can parse it."""
    for d in diags:
        sys.stderr.write(d.format() + "\n")
    sys.stderr.flush()


def progress(total: int, label: str, ticking: bool = True) -> Progress:
    """A progress bar on stderr (shown on a terminal only). ``ticking=False``: redrawn only
    when updated, with no refresh thread, so the command stays single-threaded and a build
    may fork its second renderer (:mod:`deckgen.forked`). Off a terminal nothing is shown,
    and rich's progress machinery is not even imported."""
    console = err()
    if not console.is_terminal:
        return cast("Progress", _Unseen())
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        auto_refresh=ticking,
    )
    bar.add_task(label, total=total)
    return bar


class _Unseen:
    """What :func:`progress` gives off a terminal: the calls a command makes on a bar, doing
    nothing (rich's disabled bar, without importing it)."""

    task_ids = (0,)

    def __enter__(self) -> _Unseen:
        return self

    def __exit__(self, *_exc: object) -> None:
        return None

    def update(self, *_args: object, **_kwargs: object) -> None:
        return None

    def refresh(self) -> None:
        return None


def summary(rows: Sequence[Sequence[str]], headers: Sequence[str], title: str) -> None:
    from rich.table import Table

    table = Table(title=title, title_justify="left", show_edge=False)
    for h in headers:
        table.add_column(h, justify="right" if h in ("slides", "seconds") else "left")
    for row in rows:
        table.add_row(*row)
    err().print(table)


def note(message: str) -> None:
    err().print(message, markup=False)
