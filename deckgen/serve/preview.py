"""A live preview: a build function, the server that shows its last good result, and the events
that tell open pages to reload.

:class:`Preview` does not know how a deck is built: it calls a ``build`` function that returns a
:class:`BuildOutcome` (the real one is :class:`deckgen.serve.DeckBuilder`; tests pass fakes).
After a good build whose output changed it serves the new files and sends ``reload``; after a
failed build it keeps serving the previous files and sends ``errors``. A build can be made
without being shown (:meth:`Preview.prepare`): the watch loop starts building on a burst's first
event and shows the build only if the burst ends with nothing more changed
(:func:`deckgen.serve.watch.run_ahead`); a build that is dropped never touches what is served. A good build's warnings
(quality findings: a box that overflows, a picture without alt text …) go to the page as
``findings``, each with the slide and box it marks (:meth:`BuildOutcome.findings`).
"""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from deckgen.errors import DeckgenError, Diagnostic
from deckgen.serve.server import EventHub, PreviewServer, Site

Action = Literal["reload", "unchanged", "errors"]


@dataclass(frozen=True)
class BuildOutcome:
    """What one build produced.

    ``files`` maps site-relative paths (``index.html``, ``assets/…``) to built files; ``digest``
    identifies their content, so an unchanged rebuild does not reload the page. A build failed
    when it has an error diagnostic or a ``failure`` (a problem without a location).
    ``unwritten`` are outputs (paths under ``out_dir``) that :meth:`write` puts on disk, so that
    ``files`` exist: the preview writes them only when it serves the build.
    """

    files: Mapping[str, Path] = field(default_factory=dict)
    digest: str = ""
    diagnostics: tuple[Diagnostic, ...] = ()
    failure: str = ""
    name: str = ""
    slides: int = 0
    county: str | None = None
    example: bool = False  # the county's data is made-up: the page is marked EKSEMPEL
    unwritten: Mapping[str, bytes] = field(default_factory=dict, repr=False, compare=False)
    out_dir: Path | None = None

    @property
    def ok(self) -> bool:
        return not self.failure and not any(d.fails() for d in self.diagnostics) and bool(self.files)

    def write(self) -> None:
        """Write ``unwritten`` into ``out_dir`` (atomically, as ``deckgen build`` writes);
        :class:`~deckgen.errors.OutputError` when the disk refuses."""
        if self.unwritten and self.out_dir is not None:
            from deckgen.write import write_outputs

            write_outputs(self.unwritten, self.out_dir)

    def error_lines(self) -> tuple[str, ...]:
        """The messages the page overlay shows: errors, ``path:line:col: error: …``."""
        lines = [d.format() for d in self.diagnostics if d.fails()]
        if self.failure:
            lines.append(f"error: {self.failure}")
        if not lines and not self.files:
            lines.append("error: the build produced no HTML page")
        return tuple(lines)

    def findings(self) -> tuple[dict[str, Any], ...]:
        """What the page marks after a good build: every warning as ``{text, slide, box}``,
        ``slide`` the slide's number in the page and ``box`` the box on it (``title``,
        ``body``, ``column 2``, ``tile 1``, ``node <id>``, ``table``, ``picture``, ``slide``),
        both null for a finding that is not on a slide (a brand colour, the deck's language).
        Info findings are left to ``deckgen check``."""
        return tuple(
            {"text": d.format(), "slide": d.mark.slide if d.mark else None, "box": d.mark.box if d.mark else None}
            for d in self.diagnostics
            if d.severity == "warning"
        )


@dataclass(frozen=True)
class BuildReport:
    """One rebuild, for the terminal: what changed, what came of it, how long it took."""

    outcome: BuildOutcome
    action: Action
    build: int
    seconds: float
    changed: tuple[Path, ...] = ()


class Preview:
    """Builds with ``build``, serves the last good result on ``host:port`` and pushes events.

    Thread-safe: :meth:`rebuild` may be called from the watch loop while the server threads
    read :attr:`site`; builds never overlap.
    """

    def __init__(
        self,
        build: Callable[[], BuildOutcome],
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        report: Callable[[BuildReport], None] | None = None,
        log: Callable[[str], None] | None = None,
    ) -> None:
        self._build = build
        self._report = report or (lambda _r: None)
        self._lock = threading.Lock()
        self._site = Site()
        self._digest = ""
        self.hub = EventHub()
        self.server = PreviewServer(host, port, lambda: self._site, self.hub, log)
        self._thread: threading.Thread | None = None
        self.builds = 0
        self.failed = 0
        self.last: BuildReport | None = None

    @property
    def url(self) -> str:
        address = self.server.server_address[0]
        host = address.decode() if isinstance(address, bytes) else str(address)
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{self.server.port}/"

    @property
    def site(self) -> Site:
        return self._site

    def start(self) -> BuildReport:
        """The first build, then the server in a background thread. A failed first build
        still starts the server: the page shows the errors and loads once a build succeeds."""
        first = self.rebuild()
        self._thread = threading.Thread(target=self.server.serve_forever, args=(0.1,), name="deckgen-serve", daemon=True)
        self._thread.start()
        return first

    def rebuild(self, changed: Iterable[Path] = ()) -> BuildReport:
        """Build once and show it: :meth:`prepare`, then what it returns."""
        return self.prepare(changed)()

    def prepare(self, changed: Iterable[Path] = ()) -> Callable[[], BuildReport]:
        """Build once, but show nothing yet: send ``building``, build, and return the function
        that shows the build (updates what is served, sends ``reload``, ``clear`` or
        ``errors``, reports it). A build whose function is never called leaves no trace but
        the ``building`` event. A bug in the build (any exception that is not a deckgen error)
        is shown with its traceback instead of stopping the preview."""
        changed = tuple(sorted(changed))
        with self._lock:
            self.hub.publish("building", {})
            started = time.perf_counter()
            try:
                outcome = self._build()
            except Exception:  # noqa: BLE001 - a bug; shown with its traceback, the preview goes on
                outcome = BuildOutcome(failure="internal error in deckgen (a bug):\n" + traceback.format_exc())
            seconds = time.perf_counter() - started
        return lambda: self._show(outcome, seconds, changed)

    def _show(self, outcome: BuildOutcome, seconds: float, changed: tuple[Path, ...]) -> BuildReport:
        with self._lock:
            self.builds += 1
            started = time.perf_counter()
            outcome, action = self._apply(outcome)
            seconds += time.perf_counter() - started  # the writing is part of the build
            if action == "errors":
                self.failed += 1
            report = BuildReport(outcome, action, self._site.build, seconds, changed)
            self.last = report
        self._report(report)
        return report

    def _apply(self, outcome: BuildOutcome) -> tuple[BuildOutcome, Action]:
        site = self._site
        unchanged = bool(outcome.digest) and outcome.digest == self._digest
        if outcome.ok and not unchanged:
            try:
                outcome.write()  # only now: a build that is not shown never touches what is served
            except DeckgenError as exc:
                outcome = replace(outcome, files={}, failure=str(exc))
        if not outcome.ok:
            errors = outcome.error_lines()
            self._site = Site(site.files, site.build, errors, site.findings, site.example)
            self.hub.publish("errors", {"build": site.build, "errors": list(errors)})
            return outcome, "errors"
        findings = outcome.findings()
        if unchanged:
            self._site = Site(site.files, site.build, (), findings, site.example)
            self.hub.publish("clear", {"build": site.build, "findings": list(findings)})
            return outcome, "unchanged"
        self._digest = outcome.digest
        self._site = Site(dict(outcome.files), site.build + 1, (), findings, outcome.example)
        self.hub.publish("reload", {"build": site.build + 1})
        return outcome, "reload"

    def close(self) -> None:
        """Stop serving: end the event streams, then the server."""
        self.hub.close()
        if self._thread is not None:
            self.server.shutdown()
            self._thread.join(timeout=5)
        self.server.server_close()
