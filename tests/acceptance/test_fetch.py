"""``deckgen build --fetch``: pictures on the web are downloaded once into the project's cache
(size- and type-limited, then read like local pictures); without it the build stays offline
and shows a placeholder, unless an earlier --fetch left the picture in the cache."""

from __future__ import annotations

import io
import shutil
import threading
import zipfile
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from deckgen.cli import main
from deckgen.resolve import fetch

REPO = Path(__file__).resolve().parents[2]
PHOTO = (REPO / "assets" / "foto-bly.jpg").read_bytes()


class _Server:
    def __init__(self) -> None:
        self.hits: list[str] = []
        hits = self.hits

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                hits.append(self.path)
                routes = {
                    "/photo.jpg": (200, "image/jpeg", PHOTO),
                    "/page.jpg": (200, "text/html", b"<html>not a picture</html>"),
                    "/broken.png": (200, "image/png", b"this is not a PNG"),
                }
                if self.path == "/elsewhere.jpg":
                    self.send_response(302)
                    self.send_header("Location", "file:///etc/passwd")
                    self.end_headers()
                    return
                if self.path == "/huge.jpg":
                    self.send_response(200)
                    self.send_header("Content-Type", "image/jpeg")
                    self.send_header("Content-Length", str(fetch.MAX_BYTES + 1))
                    self.end_headers()
                    return
                code, kind, body = routes.get(self.path, (404, "text/plain", b"missing"))
                self.send_response(code)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"


@pytest.fixture
def server() -> Iterator[_Server]:
    s = _Server()
    thread = threading.Thread(target=s.httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield s
    finally:
        s.httpd.shutdown()
        s.httpd.server_close()


def _deck(tmp_path: Path, url: str) -> Path:
    shutil.copytree(REPO / "templates", tmp_path / "templates")
    deck = tmp_path / "talk.md"
    deck.write_text(f"---\ntitle: T\nbrand: ks\n---\n\n![Havna i Drammen]({url})\n", encoding="utf-8")
    return deck


def _build(deck: Path, *extra: str) -> tuple[int, str, bytes]:
    out = deck.parent / "out"
    result = CliRunner().invoke(main, ["build", str(deck), "--out", str(out), *extra])
    data = (out / "talk.pptx").read_bytes() if (out / "talk.pptx").exists() else b""
    return result.exit_code, result.output, data


def _media(pptx: bytes) -> list[bytes]:
    with zipfile.ZipFile(io.BytesIO(pptx)) as z:
        return [z.read(n) for n in z.namelist() if n.startswith("ppt/media/")]


def test_fetch_downloads_once_into_the_cache_and_later_builds_stay_offline(tmp_path: Path, server: _Server) -> None:
    deck = _deck(tmp_path, f"{server.url}/photo.jpg")
    code, output, _ = _build(deck)  # offline: a placeholder and a warning that names --fetch
    assert code == 0 and "is on the web; the build stays offline" in output and "--fetch" in output
    assert server.hits == [] and not (tmp_path / ".deckgen-cache").exists()

    code, output, pptx = _build(deck, "--fetch")
    assert code == 0, output
    assert "remote-picture" not in output
    assert server.hits == ["/photo.jpg"]
    cached = list((tmp_path / ".deckgen-cache" / "pictures").iterdir())
    assert [p.suffix for p in cached] == [".jpg"] and cached[0].read_bytes() == PHOTO
    assert any(len(m) > 10_000 for m in _media(pptx))  # the photo itself, not a placeholder

    code, output, again = _build(deck)  # no --fetch: the cached picture, no download
    assert code == 0 and "remote-picture" not in output
    assert server.hits == ["/photo.jpg"] and again == pptx


@pytest.mark.parametrize(("path", "said"), [
    ("/page.jpg", "the server says it is text/html, not a PNG, JPEG, GIF, WebP or SVG picture"),
    ("/huge.jpg", "more than the 20 MB deckgen downloads"),
    ("/elsewhere.jpg", "it redirects to an address that is not http(s)"),
    ("/gone.jpg", "the server answered 404"),
])
def test_what_fetch_refuses_is_a_placeholder_and_a_warning(tmp_path: Path, server: _Server, path: str, said: str) -> None:
    deck = _deck(tmp_path, f"{server.url}{path}")
    code, output, _ = _build(deck, "--fetch")
    assert code == 0, output
    flat = " ".join(output.split())
    assert f"talk.md:6:1: warning: the picture '{server.url}{path}' was not downloaded (" in flat
    assert said in flat
    assert not list((tmp_path / ".deckgen-cache" / "pictures").glob("*.*")) if (tmp_path / ".deckgen-cache").exists() else True


def test_a_download_that_is_not_a_picture_is_checked_like_a_local_file(tmp_path: Path, server: _Server) -> None:
    deck = _deck(tmp_path, f"{server.url}/broken.png")
    code, output, _ = _build(deck, "--fetch")
    assert code == 1
    assert "talk.md:6:1: error: picture '.deckgen-cache/pictures/" in " ".join(output.split())
