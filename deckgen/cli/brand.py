"""`deckgen brand`: what a brand's master has and how deckgen maps onto it."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from deckgen import ui
from deckgen.cli import main
from deckgen.errors import Diagnostics


@main.group("brand")
def brand_group() -> None:
    """Inspect brands (templates/<brand>/brand.yaml and its PowerPoint master)."""

@brand_group.command("check")
@click.argument("brand")
@click.option("--project", "project_dir", type=click.Path(path_type=Path, file_okay=False), default=Path("."), show_default=True, help="The project folder holding templates/.")
def brand_check_cmd(brand: str, project_dir: Path) -> None:
    """List the master's layouts and placeholders and what BRAND's mapping misses."""
    from deckgen.errors import SourceLoc, UsageError, did_you_mean
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
    ui.print_diagnostics(diags)
    if loaded is None:
        sys.exit(1)
    for line in brand_report(loaded):
        click.echo(line)
    sys.exit(1 if diags.errors else 0)
