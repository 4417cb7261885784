"""`deckgen import`: PowerPoint decks in, content files out (docs/import.md)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from deckgen import ui
from deckgen.cli import main
from deckgen.errors import Diagnostics


@main.command("import")
@click.argument("decks", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--into", "into", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="The project folder to write into (content/ and assets/ under it). Default: the project the current folder is in (the nearest folder above holding content/ or templates/), else the current folder.")
@click.option("--name", help="The deck's name: content/decks/NAME.yaml, content/slides/NAME/, assets/NAME/ (default: from the file name).")
@click.option("--brand", help="Read the decks as built with this brand's master (default: a brand of the project whose master they use).")
@click.option("--force", is_flag=True, help="Replace files an earlier import wrote (each replaced atomically).")
def import_cmd(decks: tuple[Path, ...], into: Path | None, name: str | None, brand: str | None, force: bool) -> None:
    """Turn PowerPoint decks (.pptx, .potx, .pptm) into content files that deckgen builds.

    Writes content/decks/NAME.yaml, one Markdown file per slide in content/slides/NAME/
    (layout and fields in the front matter, speaker notes kept) and the pictures into
    assets/NAME/, and prints which layout each slide became and why. Given several decks
    (one per county), writes one shared library: slides that differ only in values get
    {{ county.* }} variables, the values go into content/counties/<county>.yaml.
    Never writes outside --into; never overwrites a file without --force.
    """
    from deckgen.importer import plan_import
    from deckgen.importer.write import write_files

    if name is not None and not _is_slug(name):
        raise click.BadParameter(f"{name!r}; use lower-case letters, digits and '-'", param_hint="--name")
    if into is None:
        import os

        from deckgen.project import Project

        into = Path(os.path.relpath(Project.for_path(Path.cwd() / "deck").root))
    diags = Diagnostics()
    plan = plan_import(list(decks), into, name, brand, diags)
    ui.print_diagnostics(diags)
    if plan is None:
        ui.note("Nothing to import: the presentations have no slides. Nothing written.")
        sys.exit(0)
    replaced = write_files(plan.files, into, force, str(decks[0]))
    ui.summary(plan.rows, plan.headers, f"Imported {len(decks)} deck{'s' * (len(decks) != 1)} into {into}/")
    for line in plan.merged:
        ui.note(line)
    if replaced:
        ui.note(f"replaced {len(replaced)} existing file{'s' * (len(replaced) != 1)}: {', '.join(replaced)}")
    folder = plan.deck_file.removeprefix("content/decks/").removesuffix(".yaml")
    ui.note(f"wrote {len(plan.files)} files (slide files in content/slides/{folder}/); build it with: deckgen build {plan.deck_file}")
    sys.exit(0)

def _is_slug(name: str) -> bool:
    import re

    return re.fullmatch(r"[a-z0-9][a-z0-9-]*", name) is not None
