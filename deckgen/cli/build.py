"""`deckgen build` (and `--watch`), `check` and `schema`."""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from deckgen import ui
from deckgen.cli import main
from deckgen.cli.common import DECK, count, exit_code, formats, report_batch, sigterm_is_ctrl_c
from deckgen.errors import DeckgenError

if TYPE_CHECKING:
    from deckgen.build import Options, Result


@main.command("build")
@DECK
@click.option("--county", help="Build only this county's deck (a file name in content/counties/).")
@click.option(
    "--format", "format_values", multiple=True, metavar="FORMAT",
    help="pptx (default), html, html-single, pdf, or all (pptx, html, html-single). Repeat or separate with commas.",
)
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("build"), show_default=True, help="Output folder.")
@click.option("--no-notes", is_flag=True, help="Leave speaker notes out of the reveal.js output (audience copies).")
@click.option("--jobs", type=click.IntRange(0, 64), default=0, help="Parallel workers when building several counties (0 = one per core).")
@click.option("--watch", is_flag=True, help="Keep watching content/, templates/ and assets/ and rebuild on every save (Ctrl+C or SIGTERM stops).")
@click.option("--strict", is_flag=True, help="Fail (exit 1, nothing written) on quality warnings too: overflow, alt text, contrast, titles, link text, language. For CI and pre-commit.")
@click.option("--fetch", is_flag=True, help="Download pictures named by http(s) addresses once into .deckgen-cache/ in the project (at most 20 MB each, PNG, JPEG, GIF, WebP or SVG); without it a build stays offline and shows a placeholder for a picture not in the cache.")
def build_cmd(deck: Path, county: str | None, format_values: tuple[str, ...], out_dir: Path, no_notes: bool, jobs: int, watch: bool, strict: bool,
              fetch: bool) -> None:
    """Build DECK (a content/decks/*.yaml deck or a plain Markdown file).

    Writes OUT/<deck>-<county>.pptx (and OUT/<deck>-<county>/index.html, OUT/<deck>-<county>.html,
    OUT/<deck>-<county>.pdf as asked); a deck without a county drops '-<county>'.

    Errors of meaning (bad YAML, an unknown layout, field or variable, a missing file, an
    unsafe link) stop a county's build and leave its earlier output as it was. Text too long
    for its box is set smaller, down to the brand's floors (docs/check.md). Quality findings
    (text that overflows its box even at its floor, a picture without alt text, low contrast, a slide without a
    title, bare link text, the language tag) are printed as warnings and the deck is written;
    with --strict they fail the run and nothing is written. `deckgen check` lists every finding.
    """
    from deckgen.build import Options

    options = Options(formats(format_values), out_dir, notes=not no_notes, jobs=jobs, strict=strict, fetch=fetch)
    results = _watch_build(deck, county, options) if watch else _run_build(deck, county, options)
    sys.exit(exit_code(results))

def _run_build(deck: Path, county: str | None, options: Options) -> list[Result]:
    from deckgen.build import build

    done: list[Result] = []
    with contextlib.ExitStack() as stack:
        bars: list[ui.Progress] = []

        def on_plan(total: int) -> None:
            # One deck: a bar without a refresh thread, so the build may render its two
            # outputs on two cores (deckgen.forked); several: a ticking bar.
            bar = stack.enter_context(ui.progress(total, f"Building {deck.name}", ticking=total > 1))
            bar.refresh()
            bars.append(bar)

        def on_done(result: Result) -> None:
            done.append(result)
            for bar in bars:
                bar.update(bar.task_ids[0], advance=1, refresh=True)

        results, problems = build(deck, county, options, on_done, on_plan)
    report_batch(deck, problems, results, f"Built into {options.out_dir}/")
    _warn_stale(results, options)
    return results

def _warn_stale(results: list[Result], options: Options) -> None:
    """Name the outputs of the built decks that this build did not remake (docs/authoring.md)."""
    from deckgen.build import stale_outputs

    for result in results:
        stale = stale_outputs(result.name, options.formats, options.out_dir) if result.ok else []
        if stale:
            shown = ", ".join(f"{path}{'/' if path.is_dir() else ''}" for _fmt, path in stale)
            made = ", ".join(options.formats)
            wanted = list(dict.fromkeys([*options.formats, *(fmt for fmt, _p in stale)]))
            again = "all" if sorted(wanted) == ["html", "html-single", "pptx"] else ",".join(wanted)
            ui.note(f"warning: {shown} {'was' if len(stale) == 1 else 'were'} not rebuilt and may be out of date "
                    f"(left from an earlier build; this one made {made} only); rebuild with --format {again}, or delete {'it' if len(stale) == 1 else 'them'}")

def _watch_build(deck: Path, county: str | None, options: Options) -> list[Result]:
    """``build --watch``: build, then rebuild every requested format on each save until Ctrl+C.
    A problem in one rebuild is printed and the watch goes on. Returns the last build's results."""
    import threading

    from deckgen.build import require_deck_file
    from deckgen.project import Project
    from deckgen.serve import watch as watching

    require_deck_file(deck)
    spec = watching.watch_spec(Project.for_path(deck).root, deck, exclude=[options.out_dir])
    where = ", ".join(spec.describe(Project.for_path(deck).root))
    last: list[Result] = []

    def rebuild(changed: frozenset[Path] = frozenset()) -> None:
        if changed:
            ui.note(f"changed: {', '.join(sorted(p.name for p in changed))}")
        try:
            last[:] = _run_build(deck, county, options)
        except DeckgenError as exc:
            ui.print_diagnostics(exc.diagnostics()) if exc.diagnostics() else ui.note(f"deckgen: error: {exc}")
            last.clear()
        ui.note(f"watching {where} (Ctrl+C stops)")

    sigterm_is_ctrl_c()
    stop = threading.Event()
    try:
        watching.run(spec, rebuild, stop, on_ready=rebuild)
    except KeyboardInterrupt:
        ui.note("stopped watching")
    finally:
        stop.set()
    return last

@main.command("check")
@DECK
@click.option("--county", default="all", show_default=True, help="A county key, or all.")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def check_cmd(deck: Path, county: str, strict: bool, fmt: str) -> None:
    """Check DECK without writing anything: schema, overflow, accessibility, links, brand."""
    from deckgen.build import check_deck

    try:
        findings = check_deck(deck, None if county == "all" else county)
    except DeckgenError as exc:
        if fmt != "json" or exc.diagnostics():
            raise
        # A tool reading --format json gets JSON even when the call itself was wrong.
        click.echo(json.dumps({"findings": [], "errors": 1, "warnings": 0, "info": 0, "usage_error": str(exc)}, ensure_ascii=False, indent=2))
        sys.exit(exc.exit_code)
    errors = sum(d.severity == "error" for d in findings)
    warnings = sum(d.severity == "warning" for d in findings)
    infos = sum(d.severity == "info" for d in findings)
    if fmt == "json":
        click.echo(json.dumps({"findings": [d.as_json() for d in findings], "errors": errors, "warnings": warnings, "info": infos},
                              ensure_ascii=False, indent=2))
    else:
        for d in findings:
            click.echo(d.format())
        click.echo(f"{count(errors, 'error')}, {count(warnings, 'warning')}" + (f", {infos} info" if infos else ""))
    sys.exit(1 if any(d.fails(strict) for d in findings) else 0)

@main.command("schema")
@click.argument("kind", type=click.Choice(["all", "deck", "slide", "county", "brand"]), default="all")
def schema_cmd(kind: str) -> None:
    """Print the JSON Schema of content files, for editors: KIND is deck (content/decks/*.yaml),
    slide (slide front matter), county (content/counties/*.yaml), brand
    (templates/<brand>/brand.yaml) or all (definitions only)."""
    from deckgen.schema import full_schema

    click.echo(json.dumps(full_schema(kind), ensure_ascii=False, indent=2))
