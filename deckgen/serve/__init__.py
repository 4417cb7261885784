"""The authoring loop: ``deckgen serve`` (live preview) and the watch loop of ``build --watch``.

:func:`serve` wires the pieces: a :class:`DeckBuilder` that builds one county's reveal.js folder
deck into a private preview folder, a :class:`~deckgen.serve.preview.Preview` that serves the
last good build and pushes reload events, and the watch loop of :mod:`deckgen.serve.watch` that
calls it on every save (:func:`~deckgen.serve.watch.run_ahead`: the build starts on the save's
first event and is shown when the save is over). It blocks until ``stop`` is set (or Ctrl+C).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import tempfile
import threading
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from pathlib import Path

from deckgen.build import Options, plan_loaded, render, run_job
from deckgen.errors import DeckgenError, Diagnostic, UsageError
from deckgen.model import Deck
from deckgen.project import Project
from deckgen.serve import watch
from deckgen.serve.preview import BuildOutcome, BuildReport, Preview

LOOPBACK = "127.0.0.1"

__all__ = ["LOOPBACK", "BuildOutcome", "BuildReport", "DeckBuilder", "Preview", "serve"]


class DeckBuilder:
    """Builds the reveal.js folder deck of ``deck_path`` for one county into ``out_dir``.

    With no county, the deck's first county is previewed (one page is served, not one per
    county); :attr:`county` says which, after a build. Each call reloads every source file, so
    it sees the latest saves; nothing is cached between builds. A call builds in memory: the
    outcome's :meth:`~BuildOutcome.write` puts the files into ``out_dir`` (the preview does so
    when it serves the build, so a build it drops never overwrites the page being served).
    """

    def __init__(self, deck_path: Path, county: str | None, out_dir: Path, notes: bool = True) -> None:
        if county == "all":
            raise UsageError("serve previews one county at a time; give --county NAME (or leave it out for the deck's first)")
        self.deck_path = deck_path
        self.requested = county
        self.county: str | None = county
        self.out_dir = out_dir
        self.options = Options(formats=("html",), out_dir=out_dir, notes=notes, jobs=1)

    def __call__(self) -> BuildOutcome:
        """One build through :func:`deckgen.build.run_job`, as ``deckgen build`` does it, up to
        the writing; the outcome lists the site's files (paths inside the deck's folder, written
        by its ``write``) and their digest."""
        try:
            counties, problems, loaded = plan_loaded(self.deck_path, self.requested)
        except DeckgenError as exc:
            return BuildOutcome(diagnostics=_sorted(exc.diagnostics()), failure="" if exc.diagnostics() else str(exc))
        if any(d.fails() for d in problems) or not counties:
            return BuildOutcome(diagnostics=_sorted(problems))
        self.county = counties[0]
        produced: dict[str, bytes] = {}
        example: list[bool] = []

        def produce(deck: Deck) -> dict[str, bytes]:
            produced.update(render(deck, self.options))  # kept for the digest, the file list and the write
            example.append(deck.example)
            return {}  # nothing for run_job to write: BuildOutcome.write does it when the build is served

        result = run_job(self.deck_path, self.county, produce, self.out_dir, loaded=loaded)
        prefix = f"{result.name}/"
        files = {rel[len(prefix):]: self.out_dir / rel for rel in sorted(produced) if rel.startswith(prefix)} if result.ok else {}
        return BuildOutcome(
            files,
            # The example mark is part of what the page shows: a change to it is a change.
            (_digest(produced) + ("+example" if any(example) else "")) if files else "",
            _sorted(result.diagnostics),
            result.failure,
            name=result.name,
            slides=result.slides,
            county=self.county,
            example=any(example),
            unwritten=produced if files else {},
            out_dir=self.out_dir,
        )


def _sorted(diags: Sequence[Diagnostic]) -> tuple[Diagnostic, ...]:
    return tuple(sorted(diags, key=Diagnostic.sort_key))


def _digest(outputs: dict[str, bytes]) -> str:
    h = hashlib.sha256()
    for rel in sorted(outputs):
        h.update(rel.encode() + b"\0" + hashlib.sha256(outputs[rel]).digest())
    return h.hexdigest()


def serve(
    deck_path: Path,
    county: str | None = None,
    *,
    host: str = LOOPBACK,
    port: int = 8000,
    stop: threading.Event | None = None,
    report: Callable[[BuildReport], None] | None = None,
    log: Callable[[str], None] | None = None,
    on_ready: Callable[[Preview, watch.WatchSpec], None] | None = None,
    busy: Callable[[str], AbstractContextManager[object]] | None = None,
    notes: bool = True,
) -> Preview:
    """Build, serve and watch ``deck_path`` until ``stop`` is set or Ctrl+C.

    ``report`` gets every build (the first one too); ``log`` gets refused requests;
    ``on_ready`` is called once the first build is done, the server is listening and the
    watchers are in place, so a change made after it returns is seen; ``busy`` wraps the first
    build (a progress display). Returns the (closed) preview, whose ``builds``/``failed``
    counters feed the summary.
    """
    if not deck_path.exists():
        raise UsageError(f"{deck_path}: no such deck file; give a content/decks/<name>.yaml or a .md file")
    if deck_path.is_dir():
        raise UsageError(f"{deck_path} is a folder; give a deck file (content/decks/<name>.yaml or a .md file)")
    stop = stop or threading.Event()
    project = Project.for_path(deck_path)
    with tempfile.TemporaryDirectory(prefix="deckgen-preview-") as tmp:
        out_dir = Path(tmp)
        builder = DeckBuilder(deck_path, county, out_dir, notes=notes)
        preview = _bind(builder, host, port, report, log)
        spec = watch.watch_spec(project.root, deck_path, exclude=[out_dir])

        def ready() -> None:
            with (busy or _quiet)("Building the preview"):
                preview.start()
            if on_ready:
                on_ready(preview, spec)

        try:
            # Builds start on a save's first event and are shown once it is over (run_ahead).
            watch.run_ahead(spec, preview.prepare, stop, on_ready=ready)
        finally:
            stop.set()  # ends the watcher threads too when Ctrl+C ended the loop
            preview.close()
    return preview


def _quiet(_label: str) -> AbstractContextManager[object]:
    return contextlib.nullcontext()


def _bind(
    builder: DeckBuilder,
    host: str,
    port: int,
    report: Callable[[BuildReport], None] | None,
    log: Callable[[str], None] | None,
) -> Preview:
    try:
        return Preview(builder, host=host, port=port, report=report, log=log)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise UsageError(f"port {port} on {host} is in use; choose another with --port (0 picks a free one)") from None
        if exc.errno in (errno.EACCES, errno.EPERM):
            raise UsageError(f"not allowed to listen on port {port}; use a port above 1023") from None
        raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}; check --host") from None
