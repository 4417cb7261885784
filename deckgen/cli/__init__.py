"""The ``deckgen`` command. Thin: parses arguments, calls the pipeline, prints, exits.

One module per family of commands (``build``, ``brand``, ``importing``, ``authoring``), what
they share in ``common``. They import the pipeline inside the commands, so ``deckgen
--version`` and ``--help`` start without loading it. click is imported here and nowhere else
in deckgen (tests/unit/test_imports.py).

Exit codes: 0 success; 1 a content problem (located messages were printed); 2 a usage problem;
3 an output could not be written; 70 a bug in deckgen (its traceback is printed). Any other
exception is a bug and keeps its traceback.
"""

from __future__ import annotations

import sys

import click

from deckgen import __version__
from deckgen.errors import DeckgenError


class _Group(click.Group):
    """Turns DeckgenError into a message and an exit code, never a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except DeckgenError as exc:
            if exc.diagnostics():
                from deckgen import ui

                ui.print_diagnostics(exc.diagnostics())
            else:
                sys.stderr.write(f"deckgen: error: {exc}\n")
            ctx.exit(exc.exit_code)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="deckgen")
def main() -> None:
    """Build branded PowerPoint and reveal.js decks from Markdown and YAML content files.

    \b
    Quick start:
      deckgen build content/decks/regionmote.yaml --format all
      deckgen check content/decks/regionmote.yaml --county all
    """


def run() -> None:
    """The ``deckgen`` console script and ``python -m deckgen``: :func:`main` in a process of
    its own, which ends as soon as the command is done.

    Two things a one-shot command need not pay for (measured on a 1000-slide build: about
    0.2 s of 2.6 s): the cyclic garbage collector scanning every long-lived object (the
    modules, the resolved deck) again and again while a build allocates millions of short-lived
    ones, so its thresholds are raised (reference counting still frees all but cycles, and a
    build makes few; peak memory measured the same); and the interpreter's tear-down, which
    frees every object one by one after the output is written, so the process ends with
    ``os._exit`` once stdout and stderr are flushed. Every file is written and closed, every
    temporary folder removed and every worker process joined inside the command itself.
    Tests call :func:`main` in their own process and get neither.
    """
    import gc
    import os

    gc.set_threshold(20_000, 20, 20)  # Python's are (700, 10, 10)
    try:
        main()
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    if code is None:
        code = 0
    elif not isinstance(code, int):  # sys.exit("message"): printed, exit 1, as Python does
        sys.stderr.write(f"{code}\n")
        code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe (deckgen build | head): nothing more to say
        pass
    os._exit(code)


# The commands register themselves on `main` (their order is --help's).
from deckgen.cli import build, brand, importing, authoring  # noqa: E402, F401, I001

__all__ = ["main", "run"]
