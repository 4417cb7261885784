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


# The commands register themselves on `main` (their order is --help's).
from deckgen.cli import build, brand, importing, authoring  # noqa: E402, F401, I001

__all__ = ["main"]
