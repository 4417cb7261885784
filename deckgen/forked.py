"""One piece of work done in a forked child process while this process does another.

Responsibility: let a build render its reveal.js outputs on a second core while the PowerPoint
writer runs on the first (:func:`deckgen.build.render`), with the same result as doing them
one after the other: the child's value, or its exception, comes back to the parent, which
decides what to write. Nothing is written by the child.

A fork shares the parent's loaded modules and resolved deck for free (copy-on-write); a fresh
interpreter would import everything again. Forking is only safe while this process runs one
thread (a lock another thread holds would stay locked in the child forever), so
:func:`available` says no when there are more threads (``serve`` and ``--watch`` run
watchers and servers), when the platform has no ``fork`` (Windows), or when there is one
core; callers then do the work in line. The child always ends with ``os._exit``: it never
runs the parent's ``atexit`` handlers, flushes its copies of the parent's buffers, or
returns into the command.
"""

from __future__ import annotations

import os
import pickle
import sys
import threading
import traceback
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


def available() -> bool:
    """Whether :class:`Forked` may be used here and now."""
    return hasattr(os, "fork") and (os.cpu_count() or 1) > 1 and threading.active_count() == 1 and sys.platform != "darwin"


class Forked(Generic[T]):
    """``work()`` running in a child process from construction on; :meth:`result` waits for
    it and returns its value or raises its exception (a :class:`RuntimeError` carrying the
    child's traceback when the exception cannot travel). :meth:`cancel` ends the child when
    the parent's own work failed. Use only when :func:`available`."""

    def __init__(self, work: Callable[[], T]) -> None:
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child
            os.close(read)
            _child(work, write)
        os.close(write)
        self._pid = pid
        self._read: int | None = read

    def result(self) -> T:
        chunks = []
        assert self._read is not None, "result() or cancel() already called"
        with os.fdopen(self._read, "rb") as pipe:
            self._read = None
            while chunk := pipe.read(1 << 20):
                chunks.append(chunk)
        _, status = os.waitpid(self._pid, 0)
        data = b"".join(chunks)
        if not data:
            raise RuntimeError(f"the forked renderer ended without a result (exit status {os.waitstatus_to_exitcode(status)})")
        kind, value = pickle.loads(data)
        if kind == "ok":
            return value
        if kind == "error":
            raise value
        raise RuntimeError(f"the forked renderer failed:\n{value}")

    def cancel(self) -> None:
        """Stop waiting: close the pipe (a child still writing gets EPIPE and ends) and reap it."""
        if self._read is not None:
            os.close(self._read)
            self._read = None
            os.waitpid(self._pid, 0)


def _child(work: Callable[[], T], write: int) -> None:
    """Run ``work`` and send ``("ok", value)``, ``("error", exception)`` or ``("crash",
    traceback text)`` to the parent; never returns."""
    code = 0
    try:
        try:
            payload = pickle.dumps(("ok", work()), protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException as exc:  # noqa: BLE001 - everything goes back to the parent
            text = traceback.format_exc()
            try:
                exc.add_note(f"(raised in the forked child:)\n{text}")  # the parent's traceback shows it
                payload = pickle.dumps(("error", exc), protocol=pickle.HIGHEST_PROTOCOL)
                pickle.loads(payload)  # an exception that cannot be rebuilt travels as text
            except Exception:
                payload = pickle.dumps(("crash", text), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write, "wb") as pipe:
            pipe.write(payload)
    except BaseException:  # noqa: BLE001 - the parent sees an empty pipe and says so
        code = 1
    finally:
        os._exit(code)
