"""The preview web server: the built files of one deck, a live-reload script and an event stream.

Standard library only (``http.server.ThreadingHTTPServer``). What it serves is a
:class:`Site`: a map from URL path to a file of the last good build, swapped whole after each
successful rebuild. Nothing else on disk is reachable: a request path is parsed strictly
(:func:`parse_path`), then looked up in that map.

A local preview server is still a server. Other pages in the author's browser can make requests
to it, and a DNS-rebinding page can make them with its own name in the Host header, so every
request must carry a Host header naming this server (``127.0.0.1:PORT``, ``localhost:PORT``)
and, when an Origin header is present, that origin (:class:`HostPolicy`); anything else gets 403.

Reserved paths under ``/__deckgen__/``: ``live.js`` (the reload script) and ``events`` (a
Server-Sent Events stream of ``hello``, ``building``, ``reload``, ``clear`` and ``errors``
events, each with a JSON ``data`` line; ``hello`` and ``clear`` carry the served build's
``findings``, which the page marks on its slides).
"""

from __future__ import annotations

import ipaddress
import json
import socket
import threading
import urllib.parse
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Any

PREFIX = "__deckgen__/"
LIVE_JS = PREFIX + "live.js"
EVENTS = PREFIX + "events"
KEEPALIVE_SECONDS = 15.0

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".ico": "image/x-icon",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".mp4": "video/mp4",
    ".webm": "video/webm",
    ".txt": "text/plain; charset=utf-8",
    ".pdf": "application/pdf",
}

# The page shown while no build has succeeded yet: static, no content in it; live.js shows the
# errors (from the event stream) and reloads when a build succeeds.
WAITING_PAGE = b"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>deckgen preview</title>
<link rel="icon" href="data:,">
</head>
<body>
<p>deckgen: waiting for the first good build of the deck.</p>
</body>
</html>
"""

# Sent with the waiting page and the script; the built pages carry their own policy.
OWN_CSP = "default-src 'none'; script-src 'self'; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'"


class BadPath(Exception):
    """A request target that is not a plain path to a file (traversal, encoding tricks, …)."""


def parse_path(target: str) -> str:
    """The site-relative file path a request target names, or :class:`BadPath`.

    Only origin-form targets (``/a/b.css?x``) are accepted. Refused: absolute-form and
    authority targets, ``//``, backslashes, NUL, percent-encoded dots, slashes and backslashes
    (no built file needs them; they only serve to smuggle ``..`` past a check), ``.`` and
    ``..`` segments, and empty segments. A trailing ``/`` means ``index.html``.
    """
    path = target.split("?", 1)[0].split("#", 1)[0]
    if not path.startswith("/") or path.startswith("//"):
        raise BadPath("not a path on this server")
    lowered = path.lower()
    if "\\" in path or "\x00" in path or any(code in lowered for code in ("%2e", "%2f", "%5c", "%00")):
        raise BadPath("encoded or escaped path separators")
    try:
        decoded = urllib.parse.unquote(path[1:], errors="strict")
    except UnicodeDecodeError:
        raise BadPath("not UTF-8") from None
    if decoded == "" or decoded.endswith("/"):
        decoded += "index.html"
    parts = decoded.split("/")
    if any(part in ("", ".", "..") for part in parts):
        raise BadPath("dot or empty path segments")
    return decoded


@dataclass(frozen=True)
class HostPolicy:
    """Which Host and Origin headers a request may carry.

    ``names`` are host names accepted with the server's port (always ``localhost`` and
    ``127.0.0.1``, plus the bound address). A wildcard bind (``0.0.0.0``, ``::``) also accepts
    any IP-address literal, since clients on the network reach it by address; names that are not
    addresses are still refused, which is what stops DNS rebinding.
    """

    port: int
    names: frozenset[str]
    any_address: bool = False

    @staticmethod
    def for_bind(host: str, port: int) -> HostPolicy:
        names = {"localhost", "127.0.0.1", "[::1]", _bracket(host.lower())}
        wildcard = host in ("0.0.0.0", "::", "")
        if wildcard:
            names |= {socket.gethostname().lower(), socket.getfqdn().lower()}
        return HostPolicy(port, frozenset(names), wildcard)

    def host_ok(self, host: str | None) -> bool:
        if not host:
            return False
        name, _, port = host.strip().lower().rpartition(":")
        if not name or not port.isdigit() or int(port) != self.port:
            return False
        if name in self.names:
            return True
        return self.any_address and _is_ip(name.strip("[]"))

    def origin_ok(self, origin: str | None) -> bool:
        if origin is None:
            return True  # same-origin GETs and navigations carry none
        parsed = urllib.parse.urlsplit(origin)
        return parsed.scheme == "http" and not parsed.path and self.host_ok(parsed.netloc)


def _bracket(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class Site:
    """What the server serves: the last good build and the current errors.

    ``files`` maps a site-relative path to a built file; ``build`` counts good builds whose
    output changed (0 = none yet); ``errors`` are the formatted messages of the latest failed
    build, empty when the latest build was good; ``findings`` are the warnings of the build
    being served, each ``{text, slide, box}`` (see ``BuildOutcome.findings``).
    """

    files: Mapping[str, Path] = field(default_factory=dict)
    build: int = 0
    errors: tuple[str, ...] = ()
    findings: tuple[Mapping[str, Any], ...] = ()
    example: bool = False  # made-up county data: live.js marks the page "EKSEMPEL"


class EventHub:
    """Fans events out to every connected event stream.

    Keeps the last few events with increasing ids; each stream remembers the last id it sent
    and waits for newer ones, so no event is lost between two waits.
    """

    def __init__(self, keep: int = 64) -> None:
        self._cond = threading.Condition()
        self._events: deque[tuple[int, str, str]] = deque(maxlen=keep)
        self._last = 0
        self._closed = False
        self._clients = 0

    @property
    def clients(self) -> int:
        """How many event streams are open (pages with the preview open)."""
        with self._cond:
            return self._clients

    def attach(self, delta: int) -> None:
        with self._cond:
            self._clients += delta

    @property
    def last_id(self) -> int:
        with self._cond:
            return self._last

    def publish(self, name: str, data: Mapping[str, Any]) -> int:
        with self._cond:
            self._last += 1
            self._events.append((self._last, name, json.dumps(data, ensure_ascii=False, sort_keys=True)))
            self._cond.notify_all()
            return self._last

    def wait(self, after: int, timeout: float) -> list[tuple[int, str, str]] | None:
        """Events newer than ``after`` (empty on timeout), or None once the hub is closed."""
        with self._cond:
            self._cond.wait_for(lambda: self._closed or self._last > after, timeout)
            if self._closed:
                return None
            return [e for e in self._events if e[0] > after]

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify_all()


class PreviewServer(ThreadingHTTPServer):
    """A ThreadingHTTPServer that knows its site, its event hub and its host policy."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(
        self,
        host: str,
        port: int,
        site: Callable[[], Site],
        hub: EventHub,
        log: Callable[[str], None] | None = None,
    ) -> None:
        self.site = site
        self.hub = hub
        self.log = log or (lambda _message: None)
        self.live_js = resources.files("deckgen.serve").joinpath("live.js").read_bytes()
        if ":" in host:
            self.address_family = socket.AF_INET6
        super().__init__((host, port), PreviewHandler)
        self.policy = HostPolicy.for_bind(host, self.server_address[1])

    @property
    def port(self) -> int:
        return int(self.server_address[1])


def inject_live_script(html: bytes, build: int, example: bool = False) -> bytes:
    """The page with the live-reload script added before its last ``</body>`` (or at the end).
    Only the served copy changes; the built file on disk stays as it was. With ``example`` the
    script marks the page as made-up example data."""
    flag = ' data-example="1"' if example else ""
    tag = f'<script src="/{LIVE_JS}" data-build="{build}"{flag}></script>\n'.encode()
    at = html.lower().rfind(b"</body>")
    if at < 0:
        return html + tag
    return html[:at] + tag + html[at:]


class PreviewHandler(BaseHTTPRequestHandler):
    """GET and HEAD for built files, the live script and the event stream; nothing else."""

    server: PreviewServer
    server_version = "deckgen-preview"
    sys_version = ""

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        """Quiet: one line per request would bury the build messages in the terminal."""

    def do_HEAD(self) -> None:  # noqa: N802 - http.server's naming
        self._respond(head=True)

    def do_GET(self) -> None:  # noqa: N802
        self._respond(head=False)

    def _respond(self, head: bool) -> None:
        policy = self.server.policy
        if not policy.host_ok(self.headers.get("Host")):
            self.server.log(f"refused a request for {self.path[:80]!r}: Host header {self.headers.get('Host')!r} is not this server")
            self._plain(HTTPStatus.FORBIDDEN, "forbidden: unknown Host header\n", head)
            return
        if not policy.origin_ok(self.headers.get("Origin")):
            self.server.log(f"refused a request from origin {self.headers.get('Origin')!r}")
            self._plain(HTTPStatus.FORBIDDEN, "forbidden: foreign origin\n", head)
            return
        try:
            rel = parse_path(self.path)
        except BadPath as exc:
            self._plain(HTTPStatus.BAD_REQUEST, f"bad request: {exc}\n", head)
            return
        if rel == EVENTS:
            self._events(head)
        elif rel == LIVE_JS:
            self._send(HTTPStatus.OK, CONTENT_TYPES[".js"], self.server.live_js, head, csp=OWN_CSP)
        else:
            self._file(rel, head)

    def _file(self, rel: str, head: bool) -> None:
        site = self.server.site()
        path = site.files.get(rel)
        if path is None and rel == "index.html" and site.build == 0:
            self._send(HTTPStatus.OK, CONTENT_TYPES[".html"], inject_live_script(WAITING_PAGE, 0), head, csp=OWN_CSP)
            return
        if path is None:
            self._plain(HTTPStatus.NOT_FOUND, "not found\n", head)
            return
        try:
            data = path.read_bytes()
        except OSError:
            self._plain(HTTPStatus.NOT_FOUND, "not found\n", head)
            return
        kind = CONTENT_TYPES.get(Path(rel).suffix.lower(), "application/octet-stream")
        if kind.startswith("text/html"):
            data = inject_live_script(data, site.build, site.example)
        self._send(HTTPStatus.OK, kind, data, head)

    def _events(self, head: bool) -> None:
        hub = self.server.hub
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if head:
            return
        last = hub.last_id
        site = self.server.site()
        hello = json.dumps({"build": site.build, "errors": list(site.errors), "findings": list(site.findings)},
                           ensure_ascii=False, sort_keys=True)
        hub.attach(+1)
        try:
            self._write(f"retry: 1000\nid: {last}\nevent: hello\ndata: {hello}\n\n")
            while True:
                events = hub.wait(last, KEEPALIVE_SECONDS)
                if events is None:
                    return
                if not events:
                    self._write(": keep-alive\n\n")
                for event_id, name, data in events:
                    self._write(f"id: {event_id}\nevent: {name}\ndata: {data}\n\n")
                    last = event_id
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            return  # the tab was closed or reloaded
        finally:
            hub.attach(-1)

    def _write(self, text: str) -> None:
        self.wfile.write(text.encode("utf-8"))
        self.wfile.flush()

    def _plain(self, status: HTTPStatus, text: str, head: bool) -> None:
        self._send(status, CONTENT_TYPES[".txt"], text.encode(), head)

    def _send(self, status: HTTPStatus, kind: str, data: bytes, head: bool, csp: str = "") -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header("Referrer-Policy", "no-referrer")
            if csp:
                self.send_header("Content-Security-Policy", csp)
            self.end_headers()
            if not head:
                self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass
