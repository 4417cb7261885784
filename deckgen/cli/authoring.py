"""The authoring loop: `deckgen serve`, `thumbs` and `new` (docs/authoring.md)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from deckgen import ui
from deckgen.cli import main

if TYPE_CHECKING:
    from deckgen.build import Result

from deckgen.cli.common import DECK, PROJECT_OPTION, count, exit_code, report_batch, sigterm_is_ctrl_c, spinner


def _is_loopback(host: str) -> bool:
    import ipaddress

    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False

@main.command("serve")
@DECK
@click.option("--county", help="Preview this county's deck (default: the deck's first county).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on; 0 picks a free one.")
@click.option(
    "--host", default="127.0.0.1", show_default=True,
    help="Address to listen on. Anything but a loopback address shows the preview to your network.",
)
@click.option("--no-notes", is_flag=True, help="Leave speaker notes out, as in an audience copy.")
def serve_cmd(deck: Path, county: str | None, port: int, host: str, no_notes: bool) -> None:
    """Preview DECK in the browser and reload it on every save.

    Builds DECK's reveal.js deck into a temporary folder, serves it on http://127.0.0.1:PORT/
    and watches content/, templates/ and assets/. Each save rebuilds the deck and reloads open
    pages on the slide they showed. A save that breaks the deck keeps the last good build on
    screen and shows the errors on the page and here. Quality findings never stop the preview:
    the page marks them on their slides (an outline around a box whose text overflows, a badge
    on a picture without alt text) and lists them. Ctrl+C or SIGTERM stops.
    """
    import contextlib

    from deckgen.serve import BuildReport, Preview, serve
    from deckgen.serve.watch import WatchSpec

    if not _is_loopback(host):
        ui.note(
            f"warning: listening on {host}: anyone who can reach this machine on port {port} can see the deck"
            " (the preview has no password); leave --host out to keep it on this computer"
        )
    started: list[Preview] = []

    def report(r: BuildReport) -> None:
        ui.print_diagnostics(d for d in r.outcome.diagnostics if d.severity != "info")
        if r.outcome.failure:
            sys.stderr.write(f"deckgen: error: {r.outcome.failure}\n")
        changed = f" after a change to {', '.join(p.name for p in r.changed)}" if r.changed else ""
        label = r.outcome.name or deck.stem
        if r.action == "errors":
            kept = f"still showing build {r.build}" if r.build else "the page shows the errors until a build succeeds"
            ui.note(f"build failed{changed} ({r.seconds:.2f} s); {kept}")
            return
        warned = sum(d.severity == "warning" for d in r.outcome.diagnostics)
        marked = f"; {count(warned, 'warning')}, marked on the page" if warned else ""
        if r.action == "unchanged":
            ui.note(f"rebuilt {label}{changed} in {r.seconds:.2f} s: output unchanged{marked}")
        elif not started:
            ui.note(f"built {label} ({r.outcome.slides} slides) in {r.seconds:.2f} s{marked}")
        else:
            pages = started[0].hub.clients
            ui.note(f"rebuilt {label}{changed} in {r.seconds:.2f} s: build {r.build}, reloading {pages} open page{'s' * (pages != 1)}{marked}")

    def ready(preview: Preview, spec: WatchSpec) -> None:
        from deckgen.project import Project

        started.append(preview)
        root = Project.for_path(deck).root
        ui.note(f"Serving {deck.name} at {preview.url}")
        if county is None and preview.last and preview.last.outcome.county:
            ui.note(f"previewing county {preview.last.outcome.county}, the deck's first; --county NAME shows another")
        ui.note(f"watching {', '.join(spec.describe(root)) or 'nothing'} (Ctrl+C stops)")

    sigterm_is_ctrl_c()
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl+C is how a preview ends
        serve(deck, county, host=host, port=port, report=report, log=ui.note, on_ready=ready, busy=spinner, notes=not no_notes)
    if started:
        p = started[0]
        ui.summary([[deck.name, str(p.builds), str(p.failed), p.url]], ["deck", "builds", "failed", "served at"], "Preview stopped")

@main.command("thumbs")
@DECK
@click.option("--county", help="Only this county's deck (default: every county the deck is for).")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("build"), show_default=True, help="Output folder.")
@click.option("--each", is_flag=True, help="Also write one PNG per slide, into OUT/<deck>-thumbs/.")
@click.option("--width", type=click.IntRange(64, 3840), default=320, show_default=True, help="Width of each slide picture, in pixels.")
def thumbs_cmd(deck: Path, county: str | None, out_dir: Path, each: bool, width: int) -> None:
    """Write a contact sheet of DECK's slides, OUT/<deck>-thumbs.png, for a quick look or a chat.

    The slides are drawn from the deck's PDF (LibreOffice, then pdftoppm from poppler-utils),
    so they look as they will in PowerPoint. With --each, every slide is also its own PNG.
    """
    from deckgen.build import plan
    from deckgen.render.pdf import find_soffice
    from deckgen.thumbs import ThumbOptions, build_thumbs, find_pdftoppm

    find_soffice()
    find_pdftoppm()
    counties, problems = plan(deck, county)
    if any(d.fails() for d in problems):
        ui.print_diagnostics(problems)
        sys.exit(1)
    options = ThumbOptions(out_dir, width, each)
    results: list[Result] = []
    with ui.progress(3 * len(counties), f"Thumbnails of {deck.name}") as bar:
        # One at a time: LibreOffice instances side by side were slower than in turn.
        for c in counties:
            results.append(build_thumbs(deck, c, options, lambda _step: bar.update(bar.task_ids[0], advance=1)))
    report_batch(deck, problems, results, f"Thumbnails in {out_dir}/")
    sys.exit(exit_code(results))

@main.group("new")
def new_group() -> None:
    """Start new content files: a deck from the slide library, or a county's data file."""

@new_group.command("deck")
@click.argument("name")
@PROJECT_OPTION
def new_deck_cmd(name: str, project_dir: Path) -> None:
    """Write content/decks/NAME.yaml listing every slide of the library and every county,
    each with a comment; delete what the deck does not need. Never overwrites a file."""
    from deckgen.scaffold import new_deck

    path, files, counties = new_deck(name, project_dir)
    rel = path.relative_to(project_dir.resolve()).as_posix()
    ui.note(f"created {rel}: {files} slide files, {counties} counties")
    ui.note(f"next: edit it, then `deckgen serve {rel}` to see it as you go")

@new_group.command("county")
@click.argument("name")
@click.option("--name", "display", help="The county's name as slides show it (known for Norway's counties: Møre og Romsdal, Trøndelag, …).")
@PROJECT_OPTION
def new_county_cmd(name: str, display: str | None, project_dir: Path) -> None:
    """Write content/counties/NAME.yaml with every field the slide library uses, commented,
    filled with example values to replace. Never overwrites a file. NAME is a file name
    (more-og-romsdal) or a Norwegian county's name ("Møre og Romsdal")."""
    from deckgen.scaffold import COUNTY_NAMES, county_key, new_county

    key = county_key(name)
    if display is None and key not in COUNTY_NAMES and sys.stdin.isatty():
        # Not a county deckgen knows: ask how its name is written rather than guess.
        display = click.prompt(f"How is the county's name written on slides (for {name})?", err=True).strip() or None
    path, variables = new_county(name, project_dir, display)
    rel = path.relative_to(project_dir.resolve()).as_posix()
    ui.note(f"created {rel}: {variables} county variables of the library, with example values")
    ui.note(f"next: replace the examples, delete the line 'example: true', then `deckgen check` a deck for county {key}")
