"""What the commands share: the DECK argument, --format, the batch report, exit codes.

Imports of the pipeline happen inside the functions, so `deckgen --version` and `--help`
stay instant."""

from __future__ import annotations

import sys
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from deckgen import ui
from deckgen.errors import Diagnostic

if TYPE_CHECKING:
    from deckgen.build import Result


def formats(values: tuple[str, ...]) -> tuple[str, ...]:
    """--format as typed (repeated, comma-separated, any letter case) as format names."""
    from deckgen.build import FORMATS

    out: list[str] = []
    for value in values or ("pptx",):
        for part in value.split(","):
            part = part.strip().lower()  # PPTX, Html: the case is not the mistake
            if part == "all":
                out.extend(f for f in ("pptx", "html", "html-single") if f not in out)
            elif part not in FORMATS:
                raise click.BadParameter(f"{part!r}; choose from {', '.join(FORMATS)} or all", param_hint="--format")
            elif part not in out:
                out.append(part)
    return tuple(out)

def deck_arg(_ctx: click.Context, _param: click.Parameter, value: Path) -> Path:
    """DECK as typed: a path, or a deck's bare name (``regionmote`` is
    content/decks/regionmote.yaml of the project around the current folder)."""
    from deckgen.build import find_deck

    return find_deck(value)

DECK = click.argument("deck", type=click.Path(path_type=Path), callback=deck_arg)

PROJECT_OPTION = click.option(
    "--project", "project_dir", type=click.Path(path_type=Path, file_okay=False), default=Path("."),
    show_default=True, help="The project folder (the one holding content/).",
)

def report_batch(deck: Path, problems: list[Diagnostic], results: list[Result], title: str) -> None:
    """After a batch (build, thumbs): every error and warning once, each failure once, a summary
    table, and how many warnings (and info findings, which `deckgen check` lists) there were."""
    from deckgen.build import Result, all_diagnostics

    findings = all_diagnostics([Result(str(deck), None, diagnostics=problems), *results])
    # Info findings are counted, not printed (deckgen check lists them), except those about
    # the command itself (which county file '--county Østfold' is): the author asked.
    ui.print_diagnostics(d for d in findings if d.severity != "info" or d in problems)
    for failure in dict.fromkeys(r.failure for r in results if r.failure):  # once, not per county
        sys.stderr.write(f"deckgen: error: {failure}\n")
    if not results:
        return
    rows = [
        [
            r.name or deck.stem,
            r.county or "-",
            str(r.slides),
            ", ".join(Path(o).name + ("/" if Path(o).is_dir() else "") for o in r.outputs) or ("failed" if not r.ok else "-"),
            f"{r.seconds:.2f}",
        ]
        for r in results
    ]
    ui.summary(rows, ["deck", "county", "slides", "outputs", "seconds"], title if any(r.ok for r in results) else "Nothing written")
    failed = [r for r in results if not r.ok]
    if failed:
        ui.note(f"{len(failed)} of {len(results)} decks failed; earlier output for them is unchanged.")
    warnings = sum(d.severity == "warning" for d in findings)
    infos = sum(d.severity == "info" and d not in problems for d in findings)
    info = f"{count(infos, 'info finding')} (deckgen check lists them)" if infos else ""
    if warnings:
        strict = any(r.strict for r in results)
        effect = "they failed the run (--strict)" if strict else "warnings do not stop a build; --strict fails on them"
        ui.note(f"{count(warnings, 'warning')}{' and ' + info if info else ''}; {effect}.")
    elif info:
        ui.note(f"{info}.")

def count(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"

def exit_code(results: list[Result]) -> int:
    """0 when every deck built; else the highest failure code (3 output, 70 bug, 1 content)."""
    return 0 if results and all(r.ok for r in results) else max((r.exit_code for r in results), default=1)

def sigterm_is_ctrl_c() -> None:
    """Make ``kill`` end a long-running command the way Ctrl+C does (temporary folders removed,
    summary printed) instead of dying on the spot."""
    import signal

    def interrupt(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)

def spinner(label: str) -> AbstractContextManager[object]:
    """A progress display for work of unknown length (a pulsing bar)."""
    bar = ui.progress(0, label)
    bar.update(bar.task_ids[0], total=None)
    return bar
