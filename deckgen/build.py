"""The pipeline: load → resolve → check → render → write, for one deck file and its counties.

:func:`build` plans one job per county and runs them, in parallel worker processes when there is
more than one, so one county's failure neither stops nor corrupts the others. Each job renders
every requested format in memory and writes only when all of them rendered and no finding
fails the run (:meth:`deckgen.errors.Diagnostic.fails`: an error of meaning; with ``strict``, a
quality warning too). Quality findings otherwise go with the written outputs as warnings.
"""

from __future__ import annotations

import os
import time
import traceback
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from deckgen.errors import DeckgenError, Diagnostic, Diagnostics, SourceLoc, UsageError, did_you_mean
from deckgen.load import load_deck
from deckgen.model import Deck, SourceDeck
from deckgen.project import Project
from deckgen.resolve import deck_counties, resolve

FORMATS = ("pptx", "html", "html-single", "pdf")
INTERNAL_ERROR = 70  # EX_SOFTWARE: deckgen itself failed


@dataclass(frozen=True)
class Options:
    formats: tuple[str, ...] = ("pptx",)
    out_dir: Path = Path("build")
    notes: bool = True
    jobs: int = 0  # 0 = one per core
    strict: bool = False  # quality warnings fail the run, and nothing is written (CI)
    fetch: bool = False  # pictures on the web are downloaded once into the project's cache


@dataclass
class Result:
    """What one county's build did, for the summary table and the exit code."""

    deck: str
    county: str | None
    name: str = ""
    slides: int = 0
    outputs: list[str] = field(default_factory=list)
    seconds: float = 0.0
    diagnostics: list[Diagnostic] = field(default_factory=list)
    failure: str = ""  # a non-located failure (output error), already formatted
    exit_code: int = 1  # the CLI's exit code when this job failed (3: output not written)
    strict: bool = False  # whether warnings failed this job

    @property
    def ok(self) -> bool:
        return not self.failure and not any(d.fails(self.strict) for d in self.diagnostics)


_DECK_SUFFIXES = (".yaml", ".yml", ".md", ".markdown")


def find_deck(deck_path: Path) -> Path:
    """``deck_path`` itself when it exists; for a bare name (``regionmote``, no folder, no
    extension), the project's ``content/decks/<name>.yaml`` (or ``.yml``/``.md``, letter case
    aside) when there is one; else ``deck_path`` unchanged, for :func:`require_deck_file`."""
    if deck_path.exists() or deck_path.suffix or len(deck_path.parts) != 1:
        return deck_path
    decks = Project.for_path(Path.cwd() / deck_path).root / "content" / "decks"
    if decks.is_dir():
        for candidate in sorted(decks.iterdir()):
            if candidate.stem.lower() == deck_path.name.lower() and candidate.suffix.lower() in _DECK_SUFFIXES:
                return Path(os.path.relpath(candidate, Path.cwd()))
    return deck_path


def require_deck_file(deck_path: Path) -> None:
    """A :class:`UsageError` (with a did-you-mean) unless ``deck_path`` is an existing file."""
    if not deck_path.exists():
        folder = deck_path.parent if deck_path.parent.is_dir() else None
        if folder is not None and not deck_path.suffix and len(deck_path.parts) == 1:
            decks = Project.for_path(Path.cwd() / deck_path).root / "content" / "decks"
            folder = decks if decks.is_dir() else folder
        siblings = [p.name for p in folder.iterdir() if p.suffix.lower() in _DECK_SUFFIXES] if folder else []
        hint = did_you_mean(deck_path.name, siblings) if siblings else ""
        hint = hint if hint.startswith("did you mean") else "give a content/decks/<name>.yaml or a .md file"
        raise UsageError(f"{deck_path}: no such deck file; {hint}")
    if deck_path.is_dir():
        raise UsageError(f"{deck_path} is a folder; give a deck file (content/decks/<name>.yaml or a .md file)")


def load_source(deck_path: Path, diags: Diagnostics, fetch: bool = False) -> tuple[SourceDeck | None, Project]:
    """The loaded deck file and its project (a usage error when there is no such file);
    ``fetch``: the build may download pictures on the web (``--fetch``)."""
    require_deck_file(deck_path)
    project = Project.for_path(deck_path, fetch)
    rel = project.rel(deck_path)
    return load_deck(deck_path.resolve(), rel, diags), project


def resolve_deck(deck_path: Path, county: str | None, diags: Diagnostics) -> Deck | None:
    """Load and resolve one county's deck (used by build, check and serve)."""
    src, project = load_source(deck_path, diags)
    if src is None:
        return None
    return fitted(resolve(src, project, county, diags))


def fitted(deck: Deck | None) -> Deck | None:
    """The resolved deck with its text made to fit (:mod:`deckgen.check.fit`): what every
    output draws and every check measures."""
    if deck is None:
        return None
    from deckgen.check.fit import fit_deck

    return fit_deck(deck)


def render(deck: Deck, options: Options, parallel: bool = False) -> dict[str, bytes]:
    """Every requested format, in memory. Renderers are imported here, lazily, so that a
    PowerPoint-only build does not load Jinja2 and the other way round.

    ``parallel``: when the build asks for PowerPoint and reveal.js, and this process may fork
    (:func:`deckgen.forked.available`: one thread, a second core), the reveal.js outputs are
    rendered in a forked child while this process writes the .pptx; the outputs are the same
    bytes either way."""
    want_pptx = "pptx" in options.formats or "pdf" in options.formats
    want_html = "html" in options.formats or "html-single" in options.formats
    html_job = None
    if parallel and want_pptx and want_html:
        from deckgen import forked

        if forked.available():
            html_job = forked.Forked(lambda: _render_html(deck, options))
    outputs: dict[str, bytes] = {}
    pptx_bytes: bytes | None = None
    try:
        if want_pptx:
            from deckgen.render.pptx import render_pptx
            from deckgen.selfcheck import verify_pptx

            rendered = render_pptx(deck)
            pptx_bytes = rendered[f"{deck.name}.pptx"]
            # A package PowerPoint would "repair" is a deckgen bug: RuntimeError, with traceback,
            # before anything is written.
            verify_pptx(pptx_bytes, f"{deck.name}.pptx")
            if "pptx" in options.formats:
                outputs.update(rendered)
    except BaseException:
        if html_job is not None:
            html_job.cancel()
        raise
    if want_html:
        outputs.update(html_job.result() if html_job is not None else _render_html(deck, options))
    if "pdf" in options.formats and pptx_bytes is not None:
        from deckgen.render.pdf import pptx_to_pdf

        outputs[f"{deck.name}.pdf"] = pptx_to_pdf(pptx_bytes)
    return outputs


def _render_html(deck: Deck, options: Options) -> dict[str, bytes]:
    """The reveal.js outputs the build asks for: the folder form, the single file, or both."""
    from deckgen.render.reveal import render_reveal

    outputs: dict[str, bytes] = {}
    if "html" in options.formats:
        outputs.update(render_reveal(deck, single=False, notes=options.notes))
    if "html-single" in options.formats:
        outputs.update(render_reveal(deck, single=True, notes=options.notes))
    return outputs


Produce = Callable[[Deck], Mapping[str, bytes]]


def run_job(deck_path: Path, county: str | None, produce: Produce, out_dir: Path, strict: bool = False,
            loaded: tuple[SourceDeck, Project] | None = None, fetch: bool = False) -> Result:
    """The one job every command runs: load → resolve → check (with the project, so every
    command sees the same findings) → ``produce`` → write into ``out_dir``.

    ``produce`` turns the checked deck into outputs in memory (:func:`render`, which verifies
    the .pptx it makes, or thumbnails of it); nothing is written unless no finding fails the
    run (an error of meaning; with ``strict``, a quality warning too) and ``produce`` returned.
    Quality findings do not stop it: they come back in the result's diagnostics. Never raises: a located problem becomes diagnostics, an output
    problem a ``failure`` with its exit code, and anything else — a bug — a ``failure`` with its
    traceback and :data:`INTERNAL_ERROR`, so one county's bug does not stop the others.
    ``loaded`` is the deck file already loaded by the caller (one load and parse per deck,
    however many counties are built from it in this process).
    """
    from deckgen.write import write_outputs

    started = time.perf_counter()
    result = Result(str(deck_path), county, name=f"{deck_path.stem}-{county}" if county else deck_path.stem, strict=strict)
    diags = Diagnostics()
    try:
        src, project = loaded if loaded is not None else load_source(deck_path, diags, fetch)
        deck = resolve_and_check(src, project, county, diags) if src is not None else None
        if deck is not None:
            result.name = deck.name
            result.slides = len(deck.slides)
        if deck is not None and not diags.failing(strict):
            written = write_outputs(produce(deck), out_dir)
            result.outputs = sorted(str(p) for p in written)
    except DeckgenError as exc:
        if exc.diagnostics():
            diags.extend(exc.diagnostics())
        else:
            result.failure = str(exc)
            result.exit_code = exc.exit_code
    except Exception:  # a bug: keep its traceback, but let the other counties' builds finish
        result.failure = "internal error (a bug in deckgen; please report it with this text):\n" + traceback.format_exc()
        result.exit_code = INTERNAL_ERROR
    result.diagnostics = sorted(diags, key=Diagnostic.sort_key)
    result.seconds = time.perf_counter() - started
    return result


def resolve_and_check(src: SourceDeck, project: Project, county: str | None, diags: Diagnostics) -> Deck | None:
    """Resolve one county's deck and add every check finding (with the project, so build,
    check, serve and thumbs report the same). None when resolve failed."""
    from deckgen.check import run_checks

    deck = fitted(resolve(src, project, county, diags))
    if deck is not None:
        diags.extend(run_checks(deck, project, src))
    return deck


def build_county(deck_path: Path, county: str | None, options: Options,
                 loaded: tuple[SourceDeck, Project] | None = None, parallel: bool = False) -> Result:
    """One county's build: :func:`run_job` with every requested format (:func:`render`;
    ``parallel``: its PowerPoint and reveal.js outputs on two cores when it can)."""
    return run_job(deck_path, county, lambda deck: render(deck, options, parallel), options.out_dir, options.strict,
                   loaded, options.fetch)


# What each format writes for a deck called NAME, inside the output folder.
_OUTPUT_NAMES = {"pptx": "{}.pptx", "html": "{}/index.html", "html-single": "{}.html", "pdf": "{}.pdf"}


def stale_outputs(name: str, formats: Sequence[str], out_dir: Path) -> list[tuple[str, Path]]:
    """(format, path) of the outputs of deck NAME in ``out_dir`` that this build did not make:
    left from an earlier build with other formats, and out of date once the content changed.

    They are named, not removed: deleting a file the author did not ask deckgen to touch would
    be a surprise, and rebuilding them unasked could need LibreOffice (pdf) or take long.
    """
    found = []
    for fmt, pattern in _OUTPUT_NAMES.items():
        path = out_dir / pattern.format(name)
        if fmt not in formats and path.is_file():
            found.append((fmt, path.parent if fmt == "html" else path))
    return found


def plan(deck_path: Path, county: str | None) -> tuple[list[str | None], list[Diagnostic]]:
    """The counties to build, or the load errors that stop everything."""
    counties, problems, _ = plan_loaded(deck_path, county)
    return counties, problems


def plan_loaded(deck_path: Path, county: str | None,
          fetch: bool = False) -> tuple[list[str | None], list[Diagnostic], tuple[SourceDeck, Project] | None]:
    """:func:`plan`, and the deck file as loaded for it (so a build, or a serve rebuild, loads
    and parses it once: pass it to :func:`run_job` as ``loaded``)."""
    diags = Diagnostics()
    src, project = load_source(deck_path, diags, fetch)
    if src is None:
        return [], list(diags), None
    counties = deck_counties(src, project, county, diags)
    return counties, list(diags), (src, project)


def build(
    deck_path: Path,
    county: str | None,
    options: Options,
    on_done: Callable[[Result], None] | None = None,
    on_plan: Callable[[int], None] | None = None,
) -> tuple[list[Result], list[Diagnostic]]:
    """Build every county's deck; ``on_plan`` gets the number of decks once they are known and
    ``on_done`` is called as each finishes (for progress)."""
    for fmt in options.formats:
        if fmt not in FORMATS:
            raise UsageError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    if "pdf" in options.formats:
        from deckgen.render.pdf import find_soffice

        find_soffice()  # fail before rendering anything when LibreOffice is missing
    counties, problems, loaded = plan_loaded(deck_path, county, options.fetch)
    if any(d.fails(options.strict) for d in problems):
        return [], problems
    if on_plan:
        on_plan(len(counties))
    results: list[Result] = []
    workers = options.jobs or os.cpu_count() or 1
    if len(counties) <= 1 or workers <= 1:
        for c in counties:
            # One deck at a time: its two renderers may share the cores (several counties
            # already keep every core busy with one worker each).
            result = build_county(deck_path, c, options, loaded, parallel=workers > 1)
            results.append(result)
            if on_done:
                on_done(result)
    else:
        from concurrent.futures import ProcessPoolExecutor, as_completed  # ~15 ms, for several counties only

        _preload(options)
        with ProcessPoolExecutor(max_workers=min(workers, len(counties))) as pool:
            futures = [pool.submit(build_county, deck_path, c, options) for c in counties]
            for future in as_completed(futures):
                result = future.result()
                results.append(result)
                if on_done:
                    on_done(result)
    order = {c: i for i, c in enumerate(counties)}
    results.sort(key=lambda r: order.get(r.county, 0))
    return results, problems


def _preload(options: Options) -> None:
    """Import the stages a job needs before the workers start: forked workers then share
    them instead of each importing python-pptx, Jinja2 and the rest on its own."""
    import deckgen.check  # noqa: F401
    import deckgen.write  # noqa: F401

    if "pptx" in options.formats or "pdf" in options.formats:
        import deckgen.render.pptx  # noqa: F401
        import deckgen.selfcheck  # noqa: F401
    if "html" in options.formats or "html-single" in options.formats:
        import deckgen.render.reveal  # noqa: F401


def check_deck(deck_path: Path, county: str | None) -> list[Diagnostic]:
    """Load, resolve and check a deck for one county or all of its counties; writes nothing.
    Findings shared by several counties' decks are reported once."""
    diags = Diagnostics()
    src, project = load_source(deck_path, diags)
    results: list[Result] = [Result(str(deck_path), None, diagnostics=list(diags))]
    if src is not None:
        for c in deck_counties(src, project, county, diags):
            county_diags = Diagnostics()
            resolve_and_check(src, project, c, county_diags)
            results.append(Result(str(deck_path), c, diagnostics=list(county_diags)))
        results[0].diagnostics = list(diags)
    return all_diagnostics(results)


def all_diagnostics(results: Sequence[Result]) -> list[Diagnostic]:
    """Every county's findings once: a shared slide's problem shows once, not per county."""
    seen: dict[tuple[str, int, int, str, str], Diagnostic] = {}
    for result in results:
        for d in result.diagnostics:
            seen.setdefault((d.loc.path, d.loc.line, d.loc.col, d.severity, d.message), d)
    return sorted(seen.values(), key=Diagnostic.sort_key)


__all__ = ["Options", "Produce", "Result", "build", "build_county", "plan", "plan_loaded", "render", "resolve_deck", "run_job", "FORMATS", "SourceLoc"]
