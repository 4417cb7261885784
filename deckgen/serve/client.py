"""A small client for the preview server: plain requests and its event stream.

Used by the tests and by ``bench/serve_latency.py`` to watch what a browser tab would receive,
over a real socket; the preview itself does not need it. Standard library only.
"""

from __future__ import annotations

import http.client
import json
import time
import urllib.parse
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Response:
    status: int
    headers: dict[str, str]
    body: bytes


@dataclass(frozen=True)
class Event:
    """One Server-Sent Event: its name, its JSON data, its id and when it arrived."""

    name: str
    data: dict[str, Any]
    id: str
    received: float  # time.perf_counter() when its last line arrived


def _split(base_url: str) -> tuple[str, int]:
    parts = urllib.parse.urlsplit(base_url)
    return parts.hostname or "127.0.0.1", parts.port or 80


def fetch(base_url: str, target: str, headers: dict[str, str] | None = None, method: str = "GET", timeout: float = 10) -> Response:
    """Send ``target`` exactly as given (no normalisation, so traversal attempts reach the
    server as written) and return the whole response."""
    host, port = _split(base_url)
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        conn.putrequest(method, target, skip_host=True, skip_accept_encoding=True)
        sent = {"Host": f"{host}:{port}", **(headers or {})}
        for key, value in sent.items():
            if value is not None:
                conn.putheader(key, value)
        conn.endheaders()
        resp = conn.getresponse()
        return Response(resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read())
    finally:
        conn.close()


class EventStream:
    """An open ``/__deckgen__/events`` stream, read event by event."""

    def __init__(self, base_url: str, headers: dict[str, str] | None = None, timeout: float = 10) -> None:
        host, port = _split(base_url)
        self._conn = http.client.HTTPConnection(host, port, timeout=timeout)
        self._conn.request("GET", "/__deckgen__/events", headers={"Accept": "text/event-stream", **(headers or {})})
        self._resp = self._conn.getresponse()
        self.status = self._resp.status
        self.content_type = self._resp.getheader("Content-Type", "")

    def next(self, timeout: float = 10) -> Event:
        """The next event (keep-alive comments skipped); TimeoutError when none comes in time."""
        deadline = time.monotonic() + timeout
        name, data, event_id = "message", "", ""
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no event arrived in time")
            sock = self._conn.sock
            if sock is not None:
                sock.settimeout(left)
            raw = self._resp.fp.readline()
            if not raw:
                raise ConnectionError("the server closed the event stream")
            line = raw.decode("utf-8").rstrip("\r\n")
            if line == "":
                if data:
                    return Event(name, json.loads(data), event_id, time.perf_counter())
                name, data, event_id = "message", "", ""
            elif line.startswith(":"):
                continue
            else:
                key, _, value = line.partition(":")
                value = value[1:] if value.startswith(" ") else value
                if key == "event":
                    name = value
                elif key == "data":
                    data = data + "\n" + value if data else value
                elif key == "id":
                    event_id = value

    def until(self, names: str | tuple[str, ...], timeout: float = 10) -> Event:
        """Skip events until one named in ``names`` arrives."""
        wanted = (names,) if isinstance(names, str) else names
        deadline = time.monotonic() + timeout
        while True:
            event = self.next(max(0.001, deadline - time.monotonic()))
            if event.name in wanted:
                return event

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> EventStream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
