"""Watching a deck's sources: which folders, which file names are noise, and the loop.

Shared by ``deckgen serve`` and ``deckgen build --watch``; watchfiles is imported here and in
no other module (see docs/architecture.md, "Doors").

What is watched (:func:`watch_spec`): the project's ``content/``, ``templates/`` and
``assets/`` folders, recursively, and, for a deck file outside them (a plain Markdown deck),
the deck file itself through its folder, not recursively, so a deck in a big folder does not
put the whole tree under watch.

Editors do not simply write a file. Vim renames the original to ``x~`` and probes the folder
with a file called ``4913``; Emacs makes ``.#x`` lock links and ``#x#`` autosaves; JetBrains and
GNOME write a temporary file and rename it over the original; deckgen's own writer stages
``.deckgen-tmp-*`` files. :func:`is_noise` drops all of those, so a save is one rebuild of the
real file. Saves by rename show up as delete + add of the target: :func:`wait_for_files` gives
such a file a moment to reappear before the rebuild, so a save never flashes "file not found".

When a save is over is :func:`settle`'s decision (a quiet period, checked against the changed
files themselves). ``build --watch`` builds once it is over (:func:`run`); ``serve`` builds
ahead during it and shows the build only if the save did not go on (:func:`run_ahead`).
"""

from __future__ import annotations

import queue
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import watchfiles

WATCHED_FOLDERS = ("content", "templates", "assets")

# Folder names never worth a rebuild, at any depth under a watched folder.
IGNORED_DIRS = frozenset({"__pycache__", "node_modules", ".git", ".hg", ".svn", ".venv"})

# File names editors and tools write beside the file being saved.
_NOISE = (
    re.compile(r"^\."),  # hidden: .#x (Emacs lock), .x.swp (Vim), .goutputstream-* (GNOME), .deckgen-tmp-*
    re.compile(r"^#.*#$"),  # Emacs autosave
    re.compile(r"~$"),  # backup copies (Vim, Emacs, gedit)
    re.compile(r"\.sw[a-p]$"),  # Vim swap files: .swp, .swo, .swn, ...
    re.compile(r"^\d+$"),  # Vim's write probe "4913" (and its successors 5036, ...)
    re.compile(r"___jb_(tmp|old|bak)___$"),  # JetBrains safe write
    re.compile(r"\.(tmp|temp|part|crdownload|kate-swp|bak|orig)$", re.IGNORECASE),
    re.compile(r"^(Thumbs\.db|desktop\.ini)$", re.IGNORECASE),
    re.compile(r"^sed[A-Za-z0-9]{6}$"),  # `sed -i` writes sedXXXXXX, then renames it over the file
)

# When a burst of changes is over. watchfiles' own debounce is left out of it: its Rust side
# polls every `step` and calls a burst over when its set of (change, path) pairs did not grow for
# one step, so with a step long enough to be a quiet period (the 80 ms this used before) a save
# waited 1-2 steps (80-160 ms) before the build even started, and a second write to the same
# file did not lengthen the wait at all (the pair was already in the set). Instead watchfiles
# polls every STEP_MS and hands over whatever it has; :func:`settle` decides when the burst is
# over: QUIET_MS with no new event *and* every changed file's size, mtime and inode as they were
# when the last event came. The file check covers writes whose events are still on their way
# (at most two steps behind), so the quiet period counts from the last write itself.
# 40 ms: an editor's writes of one save come within a few ms of each other, and serve's build
# of the seed deck (35-40 ms) runs during the quiet period (run_ahead), so it costs nothing there.
QUIET_MS = 40  # a burst ends after this much silence, the changed files unchanged meanwhile ...
MAX_WAIT_MS = 1000  # ... or after this long, however busy the folder is
STEP_MS = 10  # how often watchfiles hands over what the OS reported (at most two steps late)
READY_MS = 200  # how soon a new watcher reports that it is in place
REAPPEAR_SECONDS = 0.3  # how long a file deleted by a rename-save gets to come back


def is_noise(name: str) -> bool:
    """True for the file names of editors' lock, swap, backup and temporary files."""
    return any(p.search(name) for p in _NOISE)


@dataclass(frozen=True)
class WatchSpec:
    """What to watch for one deck.

    ``trees`` are watched recursively; ``files`` are single files, watched through their
    folder (so a rename over them is seen); anything under ``exclude`` (the output folder) is
    never a change, so writing the output cannot trigger a rebuild loop.
    """

    trees: tuple[Path, ...]
    files: tuple[Path, ...] = ()
    exclude: tuple[Path, ...] = ()

    def accepts(self, path: Path) -> bool:
        """Whether a change to ``path`` (absolute) should cause a rebuild."""
        if is_noise(path.name):
            return False
        if any(_under(path, ex) for ex in self.exclude):
            return False
        if path in self.files:
            return True
        for tree in self.trees:
            if _under(path, tree):
                inner = path.relative_to(tree).parts[:-1]
                return not any(part in IGNORED_DIRS or part.startswith(".") for part in inner)
        return False

    def describe(self, root: Path) -> list[str]:
        """The watched places, relative to ``root`` where possible, for the terminal."""
        out = []
        for p in (*self.trees, *self.files):
            try:
                rel = p.relative_to(root).as_posix()
            except ValueError:
                rel = p.name
            out.append(rel + "/" if p in self.trees else rel)
        return out


def watch_spec(project_root: Path, deck_path: Path, exclude: Iterable[Path] = ()) -> WatchSpec:
    """The :class:`WatchSpec` of a deck: the project's content, templates and assets, plus the
    deck file when it lies outside them."""
    root = project_root.resolve()
    deck = deck_path.resolve()
    trees = tuple(root / name for name in WATCHED_FOLDERS if (root / name).is_dir())
    files = () if any(_under(deck, t) for t in trees) else (deck,)
    return WatchSpec(trees, files, tuple(p.resolve() for p in exclude))


def _under(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def wait_for_files(paths: Iterable[Path], seconds: float = REAPPEAR_SECONDS) -> None:
    """Give files that vanished in a burst (delete, then write or rename) a moment to come
    back, so the rebuild sees the saved file instead of a missing one. Returns at once when
    all exist; a file really deleted costs ``seconds`` once."""
    missing = [p for p in paths if not p.exists()]
    deadline = time.monotonic() + seconds
    while missing and time.monotonic() < deadline:
        time.sleep(0.02)
        missing = [p for p in missing if not p.exists()]


FileState = tuple[int, int, int, int] | None


def file_state(path: Path) -> FileState:
    """What tells one version of a file from the next without reading it: inode (a save by
    rename makes a new one), size, mtime and ctime in nanoseconds; None when it is missing."""
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def _states(paths: Iterable[Path]) -> dict[Path, FileState]:
    return {p: file_state(p) for p in paths}


def settle(
    first: frozenset[Path],
    more: queue.Queue[frozenset[Path]],
    stop: threading.Event,
    quiet: float = QUIET_MS / 1000,
    max_wait: float = MAX_WAIT_MS / 1000,
    *,
    since: float | None = None,
    states: dict[Path, FileState] | None = None,
) -> frozenset[Path]:
    """The whole burst that starts with ``first``: later sets from ``more`` are added until
    ``quiet`` seconds pass with none, and with every changed path's :func:`file_state` as it was
    when the last set came (a write whose event is still on its way restarts the wait), or until
    ``max_wait`` seconds after ``first``, or ``stop``.

    ``since`` is when ``first`` came (``time.monotonic()``; default now) and ``states`` the
    file states the quiet period is checked against (default: as they are now); a caller that
    built something from ``first`` meanwhile passes both, so a change during that build counts.
    """
    burst = set(first)
    started = last = time.monotonic() if since is None else since
    seen = _states(burst) if states is None else states
    while not stop.is_set():
        now = time.monotonic()
        if now - started >= max_wait:
            break
        try:
            # timeout 0 still takes what is already queued (sets that came during a build)
            paths = more.get(timeout=max(0.0, min(last + quiet, started + max_wait) - now))
        except queue.Empty:
            if time.monotonic() < last + quiet:
                continue  # the wait ended at max_wait: the top of the loop ends the burst
            current = _states(burst)
            if current == seen:
                break
            seen, last = current, time.monotonic()  # written since: count the quiet from now
            continue
        burst |= paths
        seen, last = _states(burst), time.monotonic()
    return frozenset(burst)


def changes(
    spec: WatchSpec,
    stop: threading.Event,
    on_ready: Callable[[], None] | None = None,
) -> Iterator[frozenset[Path]]:
    """Yield each burst of relevant changes as a set of absolute paths, until ``stop`` is set.

    ``on_ready`` is called once every watcher is in place: a change made after it returns is
    seen (events are buffered from then on, also while the caller is busy with a burst).
    Bursts are made by :func:`settle`.
    """
    for first, more in _firsts(spec, stop, on_ready):
        yield settle(first, more, stop)


def _firsts(
    spec: WatchSpec,
    stop: threading.Event,
    on_ready: Callable[[], None] | None,
) -> Iterator[tuple[frozenset[Path], queue.Queue[frozenset[Path]]]]:
    """Start the watchers; yield the first set of changes of each burst, with the queue the
    rest of the burst comes on (the caller takes it from there before asking for the next).

    The watchers run in threads and put what they see on the queue, every ``STEP_MS``.
    Recursive trees and single files need two watchers (watchfiles' ``recursive`` is per
    watcher); both feed the same queue, so the two halves of one save (a deck file and an
    image) are one burst.
    """

    def keep(_change: watchfiles.Change, path: str) -> bool:
        return spec.accepts(Path(path))

    groups: list[tuple[tuple[Path, ...], bool]] = []
    if spec.trees:
        groups.append((spec.trees, True))
    if spec.files:
        groups.append((tuple(sorted({f.parent for f in spec.files})), False))
    if not groups:
        if on_ready:
            on_ready()
        return
    found: queue.Queue[frozenset[Path]] = queue.Queue()
    pending = threading.Semaphore(0)
    for folders, recursive in groups:
        threading.Thread(
            target=_pump, args=(folders, recursive, keep, stop, found, pending.release), name="deckgen-watch", daemon=True
        ).start()
    for _ in groups:
        while not pending.acquire(timeout=0.1):
            if stop.is_set():
                return
    if on_ready:
        on_ready()
    while not stop.is_set():
        try:
            first = found.get(timeout=0.1)
        except queue.Empty:
            continue
        yield first, found


def _pump(
    folders: tuple[Path, ...],
    recursive: bool,
    keep: Callable[[watchfiles.Change, str], bool],
    stop: threading.Event,
    out: queue.Queue[frozenset[Path]],
    on_ready: Callable[[], None],
) -> None:
    # watchfiles starts watching when the generator first runs and says nothing until a change;
    # yield_on_timeout makes it come back (empty) after READY_MS, which is how we learn that
    # the watcher is in place. Later empty wake-ups are skipped. `debounce` is only a cap here:
    # with a short step watchfiles hands over a burst one step after its last event, and
    # :func:`settle` does the grouping.
    ready = False
    for batch in watchfiles.watch(
        *folders,
        watch_filter=keep,
        debounce=STEP_MS * 4,
        step=STEP_MS,
        stop_event=stop,
        rust_timeout=READY_MS,
        yield_on_timeout=True,
        recursive=recursive,
    ):
        if not ready:
            ready = True
            on_ready()
        if batch:
            out.put(frozenset(Path(p) for _change, p in batch))


def run(
    spec: WatchSpec,
    on_change: Callable[[frozenset[Path]], object],
    stop: threading.Event,
    on_ready: Callable[[], None] | None = None,
) -> None:
    """The watch loop: call ``on_ready`` once the watchers are in place (the caller's first
    build goes there, so a save during it is not missed), then ``on_change`` once per burst,
    until ``stop`` is set. A burst that arrives while ``on_change`` runs is delivered, merged,
    when it returns."""
    for burst in changes(spec, stop, on_ready):
        if stop.is_set():
            break
        wait_for_files(burst)
        on_change(burst)


def run_ahead(
    spec: WatchSpec,
    prepare: Callable[[frozenset[Path]], Callable[[], object]],
    stop: threading.Event,
    on_ready: Callable[[], None] | None = None,
) -> None:
    """The watch loop of the live preview: like :func:`run`, but the build does not wait for
    the quiet period; it runs during it.

    On a burst's first change ``prepare(paths)`` builds without showing anything and returns
    the function that shows the build. The burst then settles (:func:`settle`, counted from
    that first change, against the files as they were before the build read them). If it
    ended with nothing more changed (no new path, every changed file as it was), the build
    is shown: it is the build of the final text, one quiet period sooner. Otherwise it is
    dropped and the settled burst is built and shown, as :func:`run` would. So a save
    written in two parts is still one build shown, of the final text, and the dropped build
    costs only time that was spent waiting anyway.
    """
    for first, more in _firsts(spec, stop, on_ready):
        if stop.is_set():
            break
        came = time.monotonic()
        wait_for_files(first)
        before = _states(first)
        show = prepare(first)
        burst = settle(first, more, stop, since=came, states=before)
        if stop.is_set():
            break
        if burst != first or _states(first) != before:
            wait_for_files(burst)
            show = prepare(burst)
        show()
