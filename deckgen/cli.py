"""The ``deckgen`` command. Thin: parses arguments, calls the pipeline, prints, exits.

Exit codes: 0 success; 1 a content problem (located messages were printed); 2 a usage problem;
3 an output could not be written; 70 a bug in deckgen (its traceback is printed). Any other
exception is a bug and keeps its traceback.
"""

from __future__ import annotations

import json
import sys
from contextlib import AbstractContextManager
from pathlib import Path

import click

from deckgen import __version__, ui
from deckgen.build import FORMATS, Options, Result, all_diagnostics, build, require_deck_file
from deckgen.errors import DeckgenError, Diagnostic, Diagnostics


def _formats(values: tuple[str, ...]) -> tuple[str, ...]:
    out: list[str] = []
    for value in values or ("pptx",):
        for part in value.split(","):
            part = part.strip()
            if part == "all":
                out.extend(f for f in ("pptx", "html", "html-single") if f not in out)
            elif part not in FORMATS:
                raise click.BadParameter(f"{part!r}; choose from {', '.join(FORMATS)} or all", param_hint="--format")
            elif part not in out:
                out.append(part)
    return tuple(out)


class _Group(click.Group):
    """Turns DeckgenError into a message and an exit code, never a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except DeckgenError as exc:
            if exc.diagnostics():
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


@main.command("build")
@click.argument("deck", type=click.Path(path_type=Path))
@click.option("--county", help="Build only this county's deck (a file name in content/counties/).")
@click.option(
    "--format", "formats", multiple=True, metavar="FORMAT",
    help="pptx (default), html, html-single, pdf, or all (pptx, html, html-single). Repeat or separate with commas.",
)
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("build"), show_default=True, help="Output folder.")
@click.option("--no-notes", is_flag=True, help="Leave speaker notes out of the reveal.js output (audience copies).")
@click.option("--jobs", type=click.IntRange(0, 64), default=0, help="Parallel workers when building several counties (0 = one per core).")
@click.option("--watch", is_flag=True, help="Keep watching content/, templates/ and assets/ and rebuild on every save (Ctrl+C or SIGTERM stops).")
@click.option("--strict", is_flag=True, help="Fail (exit 1, nothing written) on quality warnings too: overflow, alt text, contrast, titles, link text, language. For CI and pre-commit.")
def build_cmd(deck: Path, county: str | None, formats: tuple[str, ...], out_dir: Path, no_notes: bool, jobs: int, watch: bool, strict: bool) -> None:
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
    options = Options(_formats(formats), out_dir, notes=not no_notes, jobs=jobs, strict=strict)
    results = _watch_build(deck, county, options) if watch else _run_build(deck, county, options)
    sys.exit(_exit_code(results))


def _run_build(deck: Path, county: str | None, options: Options) -> list[Result]:
    done: list[Result] = []
    with ui.progress(0, f"Building {deck.name}") as bar:

        def on_done(result: Result) -> None:
            done.append(result)
            bar.update(bar.task_ids[0], advance=1)

        def on_plan(total: int) -> None:
            bar.update(bar.task_ids[0], total=total)

        results, problems = build(deck, county, options, on_done, on_plan)
    _report(deck, problems, results, f"Built into {options.out_dir}/")
    return results


def _report(deck: Path, problems: list[Diagnostic], results: list[Result], title: str) -> None:
    """After a batch (build, thumbs): every error and warning once, each failure once, a summary
    table, and how many warnings (and info findings, which `deckgen check` lists) there were."""
    findings = all_diagnostics([Result(str(deck), None, diagnostics=problems), *results])
    ui.print_diagnostics(d for d in findings if d.severity != "info")
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
    infos = sum(d.severity == "info" for d in findings)
    info = f"{_count(infos, 'info finding')} (deckgen check lists them)" if infos else ""
    if warnings:
        strict = any(r.strict for r in results)
        effect = "they failed the run (--strict)" if strict else "warnings do not stop a build; --strict fails on them"
        ui.note(f"{_count(warnings, 'warning')}{' and ' + info if info else ''}; {effect}.")
    elif info:
        ui.note(f"{info}.")


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


def _exit_code(results: list[Result]) -> int:
    """0 when every deck built; else the highest failure code (3 output, 70 bug, 1 content)."""
    return 0 if results and all(r.ok for r in results) else max((r.exit_code for r in results), default=1)


@main.command("check")
@click.argument("deck", type=click.Path(path_type=Path))
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
        click.echo(f"{_count(errors, 'error')}, {_count(warnings, 'warning')}" + (f", {infos} info" if infos else ""))
    sys.exit(1 if any(d.fails(strict) for d in findings) else 0)


@main.command("schema")
@click.argument("kind", type=click.Choice(["all", "deck", "slide", "county", "brand"]), default="all")
def schema_cmd(kind: str) -> None:
    """Print the JSON Schema of content files, for editors: KIND is deck (content/decks/*.yaml),
    slide (slide front matter), county (content/counties/*.yaml), brand
    (templates/<brand>/brand.yaml) or all (definitions only)."""
    from deckgen.schema import full_schema

    click.echo(json.dumps(full_schema(kind), ensure_ascii=False, indent=2))


@main.group("brand")
def brand_group() -> None:
    """Inspect brands (templates/<brand>/brand.yaml and its PowerPoint master)."""


@brand_group.command("check")
@click.argument("brand")
@click.option("--project", "project_dir", type=click.Path(path_type=Path, file_okay=False), default=Path("."), show_default=True, help="The project folder holding templates/.")
def brand_check_cmd(brand: str, project_dir: Path) -> None:
    """List the master's layouts and placeholders and what BRAND's mapping misses."""
    from deckgen.errors import SourceLoc
    from deckgen.resolve.brand import load_brand
    from deckgen.resolve.brandreport import brand_report

    diags = Diagnostics()
    loaded = load_brand(brand, project_dir.resolve(), diags, loc=SourceLoc("<command line>", 1, 1))
    ui.print_diagnostics(diags)
    if loaded is None:
        sys.exit(1)
    for line in brand_report(loaded):
        click.echo(line)
    sys.exit(1 if diags.errors else 0)


# ---- the authoring loop: build --watch, serve, thumbs, new (issue 7) ---------------------------


def _sigterm_is_ctrl_c() -> None:
    """Make ``kill`` end a long-running command the way Ctrl+C does (temporary folders removed,
    summary printed) instead of dying on the spot."""
    import signal

    def interrupt(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)


def _watch_build(deck: Path, county: str | None, options: Options) -> list[Result]:
    """``build --watch``: build, then rebuild every requested format on each save until Ctrl+C.
    A problem in one rebuild is printed and the watch goes on. Returns the last build's results."""
    import threading

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

    _sigterm_is_ctrl_c()
    stop = threading.Event()
    try:
        watching.run(spec, rebuild, stop, on_ready=rebuild)
    except KeyboardInterrupt:
        ui.note("stopped watching")
    finally:
        stop.set()
    return last


def _spinner(label: str) -> AbstractContextManager[object]:
    """A progress display for work of unknown length (a pulsing bar)."""
    bar = ui.progress(0, label)
    bar.update(bar.task_ids[0], total=None)
    return bar


def _is_loopback(host: str) -> bool:
    import ipaddress

    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@main.command("serve")
@click.argument("deck", type=click.Path(path_type=Path))
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
        marked = f"; {_count(warned, 'warning')}, marked on the page" if warned else ""
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

    _sigterm_is_ctrl_c()
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl+C is how a preview ends
        serve(deck, county, host=host, port=port, report=report, log=ui.note, on_ready=ready, busy=_spinner, notes=not no_notes)
    if started:
        p = started[0]
        ui.summary([[deck.name, str(p.builds), str(p.failed), p.url]], ["deck", "builds", "failed", "served at"], "Preview stopped")



@main.command("thumbs")
@click.argument("deck", type=click.Path(path_type=Path))
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
    _report(deck, problems, results, f"Thumbnails in {out_dir}/")
    sys.exit(_exit_code(results))


@main.group("new")
def new_group() -> None:
    """Start new content files: a deck from the slide library, or a county's data file."""


_PROJECT_OPTION = click.option(
    "--project", "project_dir", type=click.Path(path_type=Path, file_okay=False), default=Path("."),
    show_default=True, help="The project folder (the one holding content/).",
)


@new_group.command("deck")
@click.argument("name")
@_PROJECT_OPTION
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
@_PROJECT_OPTION
def new_county_cmd(name: str, project_dir: Path) -> None:
    """Write content/counties/NAME.yaml with every field the slide library uses, commented,
    filled with example values to replace. Never overwrites a file."""
    from deckgen.scaffold import new_county

    path, variables = new_county(name, project_dir)
    rel = path.relative_to(project_dir.resolve()).as_posix()
    ui.note(f"created {rel}: {variables} county variables of the library, with example values")
    ui.note(f"next: replace the examples, delete the line 'example: true', then `deckgen check` a deck for county {name}")
