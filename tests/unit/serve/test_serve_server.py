"""The preview server: strict request paths, Host/Origin checks, script injection, the event
hub, and a real server on a loopback port serving a fixed site."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from deckgen.serve.client import EventStream, fetch
from deckgen.serve.server import (
    BadPath,
    EventHub,
    HostPolicy,
    PreviewServer,
    Site,
    inject_live_script,
    parse_path,
)


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/", "index.html"),
        ("/index.html", "index.html"),
        ("/assets/abc.css?v=1", "assets/abc.css"),
        ("/assets/", "assets/index.html"),
        ("/Foto%20bly.jpg", "Foto bly.jpg"),
        ("/__deckgen__/events", "__deckgen__/events"),
        ("/#1/2", "index.html"),
    ],
)
def test_parse_path_accepts_plain_paths(target: str, expected: str) -> None:
    assert parse_path(target) == expected


@pytest.mark.parametrize(
    "target",
    [
        "/../etc/passwd",
        "/assets/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/..%2fsecret.txt",
        "/assets/%2e%2e/%2e%2e/secret.txt",
        "/..\\secret.txt",
        "/%5c..%5csecret.txt",
        "//etc/passwd",
        "http://evil.example/index.html",
        "*",
        "/./index.html",
        "/assets//x.css",
        "/a%00.html",
        "/%ff%fe",
    ],
)
def test_parse_path_refuses_traversal_and_tricks(target: str) -> None:
    with pytest.raises(BadPath):
        parse_path(target)


def test_host_policy_on_loopback() -> None:
    policy = HostPolicy.for_bind("127.0.0.1", 8123)
    assert policy.host_ok("127.0.0.1:8123")
    assert policy.host_ok("localhost:8123")
    assert policy.host_ok("LOCALHOST:8123")
    assert not policy.host_ok("127.0.0.1:8124")  # another port
    assert not policy.host_ok("evil.example:8123")  # DNS rebinding
    assert not policy.host_ok("10.0.0.5:8123")
    assert not policy.host_ok("localhost")
    assert not policy.host_ok(None)
    assert policy.origin_ok(None)
    assert policy.origin_ok("http://localhost:8123")
    assert not policy.origin_ok("http://evil.example")
    assert not policy.origin_ok("http://evil.example:8123")
    assert not policy.origin_ok("null")
    assert not policy.origin_ok("https://localhost:8123")


def test_host_policy_on_a_wildcard_bind_accepts_addresses_not_names() -> None:
    policy = HostPolicy.for_bind("0.0.0.0", 8000)
    assert policy.host_ok("192.168.1.20:8000")
    assert policy.host_ok("[fe80::1]:8000")
    assert not policy.host_ok("evil.example:8000")


def test_inject_live_script_goes_before_the_last_body_end() -> None:
    html = b"<html><body><p>x</p></BODY></html>"
    out = inject_live_script(html, 7)
    assert out == b'<html><body><p>x</p><script src="/__deckgen__/live.js" data-build="7"></script>\n</BODY></html>'
    assert inject_live_script(b"<p>no body</p>", 1).endswith(b'data-build="1"></script>\n')


def test_event_hub_delivers_in_order_and_closes() -> None:
    hub = EventHub()
    assert hub.wait(0, 0.01) == []
    first = hub.publish("building", {})
    hub.publish("reload", {"build": 2})
    events = hub.wait(0, 1)
    assert [(e[1], e[2]) for e in events or []] == [("building", "{}"), ("reload", '{"build": 2}')]
    assert [e[1] for e in hub.wait(first, 1) or []] == ["reload"]
    done: list[object] = []
    waiter = threading.Thread(target=lambda: done.append(hub.wait(hub.last_id, 30)))
    waiter.start()
    hub.close()
    waiter.join(5)
    assert done == [None]


@pytest.fixture
def site_dir(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    (site / "index.html").write_bytes(b"<!doctype html><html><body><h1>Deck</h1></body></html>")
    (site / "assets" / "a1.css").write_bytes(b"h1{color:red}")
    (tmp_path / "secret.txt").write_text("do not serve")
    (site / "not-built.txt").write_text("on disk, but not part of the build")
    return site


class Running:
    def __init__(self, server: PreviewServer, hub: EventHub, refused: list[str]) -> None:
        self.server, self.hub, self.refused = server, hub, refused
        self.url = f"http://127.0.0.1:{server.port}"


@pytest.fixture
def running(site_dir: Path) -> Iterator[Running]:
    files = {"index.html": site_dir / "index.html", "assets/a1.css": site_dir / "assets" / "a1.css"}
    site = Site(files, build=3)
    hub = EventHub()
    refused: list[str] = []
    server = PreviewServer("127.0.0.1", 0, lambda: site, hub, refused.append)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield Running(server, hub, refused)
    hub.close()
    server.shutdown()
    server.server_close()
    thread.join(5)


def test_serves_the_page_with_the_live_script_and_leaves_the_file_alone(running: Running, site_dir: Path) -> None:
    resp = fetch(running.url, "/")
    assert resp.status == 200
    assert resp.headers["content-type"] == "text/html; charset=utf-8"
    assert resp.body.endswith(b'<script src="/__deckgen__/live.js" data-build="3"></script>\n</body></html>')
    assert b"live.js" not in (site_dir / "index.html").read_bytes()
    assert resp.headers["cache-control"] == "no-store"


def test_serves_assets_and_the_script(running: Running) -> None:
    css = fetch(running.url, "/assets/a1.css")
    assert (css.status, css.headers["content-type"], css.body) == (200, "text/css; charset=utf-8", b"h1{color:red}")
    script = fetch(running.url, "/__deckgen__/live.js")
    assert script.status == 200
    assert script.headers["content-type"].startswith("text/javascript")
    assert b"EventSource" in script.body
    head = fetch(running.url, "/assets/a1.css", method="HEAD")
    assert head.status == 200 and head.body == b"" and head.headers["content-length"] == "13"


@pytest.mark.parametrize(
    "target",
    ["/not-built.txt", "/../secret.txt", "/%2e%2e/secret.txt", "/assets/%2e%2e/%2e%2e/secret.txt", "/..%2fsecret.txt",
     "//secret.txt", "/etc/passwd", "http://127.0.0.1/../secret.txt", "/assets/", "/assets"],
)
def test_only_built_files_are_served(running: Running, target: str) -> None:
    resp = fetch(running.url, target)
    assert resp.status in (400, 404)
    assert b"do not serve" not in resp.body and b"on disk" not in resp.body


@pytest.mark.parametrize(
    "headers",
    [{"Host": "evil.example"}, {"Host": "evil.example:80"}, {"Origin": "http://evil.example"}, {"Origin": "null"}],
)
def test_foreign_host_or_origin_is_forbidden(running: Running, headers: dict[str, str]) -> None:
    for target in ("/", "/assets/a1.css", "/__deckgen__/events", "/__deckgen__/live.js"):
        resp = fetch(running.url, target, headers=headers)
        assert resp.status == 403, target
    assert running.refused


def test_a_request_with_localhost_and_same_origin_is_fine(running: Running) -> None:
    port = running.server.port
    resp = fetch(running.url, "/", headers={"Host": f"localhost:{port}", "Origin": f"http://localhost:{port}"})
    assert resp.status == 200


def test_other_methods_are_not_served(running: Running) -> None:
    assert fetch(running.url, "/index.html", method="POST").status == 501
    assert fetch(running.url, "/index.html", method="PUT").status == 501


def test_event_stream_says_hello_then_relays_events(running: Running) -> None:
    with EventStream(running.url) as stream:
        assert stream.status == 200
        assert stream.content_type.startswith("text/event-stream")
        hello = stream.next()
        assert (hello.name, hello.data) == ("hello", {"build": 3, "errors": [], "findings": []})
        running.hub.publish("errors", {"build": 3, "errors": ["content/slides/a.md:2:1: error: bad"]})
        event = stream.next()
        assert (event.name, event.data["errors"]) == ("errors", ["content/slides/a.md:2:1: error: bad"])
        running.hub.publish("reload", {"build": 4})
        assert stream.until("reload").data == {"build": 4}


def test_waiting_page_before_the_first_good_build(tmp_path: Path) -> None:
    hub = EventHub()
    server = PreviewServer("127.0.0.1", 0, lambda: Site({}, 0, ("x.md:1:1: error: broken",)), hub)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.port}"
        page = fetch(url, "/")
        assert page.status == 200
        assert b"waiting for the first good build" in page.body
        assert b'data-build="0"' in page.body
        assert "script-src 'self'" in page.headers["content-security-policy"]
        assert b"broken" not in page.body  # errors travel over the event stream, as text
        assert fetch(url, "/assets/x.css").status == 404
        with EventStream(url) as stream:
            assert stream.next().data == {"build": 0, "errors": ["x.md:1:1: error: broken"], "findings": []}
    finally:
        hub.close()
        server.shutdown()
        server.server_close()
        thread.join(5)
