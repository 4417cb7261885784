"""`deckgen brand`: bring an organisation's template in, see what its master has and how
deckgen maps onto it, and one sample slide of every layout on it (docs/brand.md)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from deckgen import ui
from deckgen.cli import main
from deckgen.cli.common import exit_code, report_batch
from deckgen.errors import Diagnostics

_PROJECT = click.option("--project", "project_dir", type=click.Path(path_type=Path, file_okay=False), default=Path("."),
                        show_default=True, help="The project folder holding templates/.")


@main.group("brand")
def brand_group() -> None:
    """Bring your own template (brand new), inspect a brand (brand check) and see every layout
    on its master (brand sheet)."""


@brand_group.command("check")
@click.argument("brand")
@_PROJECT
def brand_check_cmd(brand: str, project_dir: Path) -> None:
    """List the master's layouts and placeholders, how BRAND maps each deckgen layout and why,
    the fonts text is measured with, and a verdict: the checks `deckgen build` applies to a
    brand, on every layout it maps (exit 1 when it would not build)."""
    from deckgen.check.brand import brand_verdict
    from deckgen.errors import SourceLoc, UsageError, did_you_mean
    from deckgen.project import Project
    from deckgen.resolve.brand import available_brands, load_brand
    from deckgen.resolve.brandreport import brand_report

    root = project_dir.resolve()
    if brand not in available_brands(root):
        # The name was typed on the command line: a usage mistake, not a file's.
        choices = available_brands(root)
        hint = did_you_mean(brand, choices)
        listed = f" (the brands here: {', '.join(choices)})" if hint.startswith("did you mean") else ""
        raise UsageError(f"unknown brand {brand!r}; {hint or 'create templates/' + brand + '/brand.yaml'}{listed}")
    diags = Diagnostics()
    loaded = load_brand(brand, root, diags, loc=SourceLoc(f"templates/{brand}/brand.yaml", 1, 1))
    if loaded is not None:  # the rules a build applies to the brand, on every mapped layout
        diags.extend(brand_verdict(loaded, Project(root)))
    ui.print_diagnostics(diags)
    if loaded is None:
        sys.exit(1)
    for line in brand_report(loaded):
        click.echo(line)
    verdict = "builds" if not diags.errors else "does not build"
    click.echo(f"\nverdict: brand {brand} {verdict} ({len(diags.errors)} errors, "
               f"{len(diags.warnings)} warnings): the checks `deckgen build` applies to a brand")
    sys.exit(1 if diags.errors else 0)


@brand_group.command("new")
@click.argument("name")
@click.option("--from", "source", required=True, type=click.Path(path_type=Path, dir_okay=False), help="The organisation's template: a .pptx or .potx file.")
@_PROJECT
def brand_new_cmd(name: str, source: Path, project_dir: Path) -> None:
    """Make templates/NAME/ from an organisation's own template: the template, its logo and
    a brand.yaml inferred from it (colours, fonts, the layout mapping, each choice
    commented). Decks build on it at once with `brand: NAME`. Never overwrites."""
    from deckgen.brandnew import new_brand

    folder = new_brand(name, source, project_dir)
    rel = folder.relative_to(project_dir.resolve()).as_posix()
    ui.note(f"created {rel}/ (brand.yaml, {', '.join(sorted(p.name for p in folder.iterdir() if p.name != 'brand.yaml'))})")
    ui.note(f"next: `brand: {name}` in a deck; `deckgen brand check {name}` shows the mapping, "
            f"`deckgen brand sheet {name}` every layout on one page")


@brand_group.command("sheet")
@click.argument("brand")
@_PROJECT
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("build"), show_default=True, help="Output folder.")
@click.option("--width", type=click.IntRange(64, 3840), default=320, show_default=True, help="Width of each slide picture, in pixels.")
def brand_sheet_cmd(brand: str, project_dir: Path, out_dir: Path, width: int) -> None:
    """Write OUT/brand-BRAND-sheet-thumbs.png: one sample slide of every deckgen layout on
    BRAND's master, drawn through LibreOffice as `deckgen thumbs` draws decks."""
    from deckgen.brandsheet import brand_sheet
    from deckgen.render.pdf import find_soffice
    from deckgen.thumbs import find_pdftoppm

    find_soffice()
    find_pdftoppm()
    result = brand_sheet(brand, project_dir, out_dir, width)
    report_batch(Path(f"brand-{brand}-sheet"), [], [result], f"Contact sheet in {out_dir}/")
    sys.exit(exit_code([result]))
