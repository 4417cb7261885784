"""Pictures on the web, downloaded once into the project's cache (``--fetch``).

A build is offline: a picture named by an http(s) address is taken from the cache folder
``.deckgen-cache/pictures/`` in the project when an earlier ``--fetch`` build downloaded it,
and is otherwise shown as a placeholder with a warning (:func:`remote_picture`). Only a
build run with ``--fetch`` (``Project.fetch``) downloads, and only what the cache lacks:
http(s) only (redirects too), at most :data:`MAX_BYTES`, a picture type by its
``Content-Type``, within :data:`TIMEOUT` seconds; the file is written atomically under a
name made from the address, so parallel county builds and interrupted downloads never
leave a half file. The cached file is then read exactly as a local picture is
(``resolve.images.read_image``: its bytes sniffed, its size and pixels checked).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import urllib.parse
from pathlib import Path

from deckgen.errors import Diagnostics, SourceLoc
from deckgen.project import Project

CACHE = Path(".deckgen-cache") / "pictures"
MAX_BYTES = 20 * 1024 * 1024
TIMEOUT = 20.0  # seconds, for connecting and for each read
TYPES = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp", "image/svg+xml": "svg"}
HINT_OFFLINE = "build with --fetch to download it once into .deckgen-cache/, or download it into the project and name the file"


class FetchError(Exception):
    """Why a download was refused or failed, in words for a warning."""


def is_remote(src: str) -> bool:
    return urllib.parse.urlsplit(src.strip()).scheme.lower() in ("http", "https")


def cache_key(url: str) -> str:
    """The cache file's name (without extension) for ``url``: the same address, the same file."""
    return hashlib.sha256(url.strip().encode("utf-8")).hexdigest()[:32]


def cached(project: Project, url: str) -> Path | None:
    """The cached download of ``url``, if an earlier ``--fetch`` build made one."""
    folder = project.root / CACHE
    key = cache_key(url)
    for ext in sorted(set(TYPES.values())):
        path = folder / f"{key}.{ext}"
        if path.is_file() and not path.is_symlink():
            return path
    return None


def remote_picture(project: Project, url: str, loc: SourceLoc, diags: Diagnostics) -> Path | None:
    """The local file of the picture at ``url``: cached, or (with ``project.fetch``) downloaded
    now. None, with a warning saying why, when the build must show a placeholder instead."""
    found = cached(project, url)
    if found is not None:
        return found
    if not project.fetch:
        diags.warning(loc, f"the picture {url!r} is on the web; the build stays offline and shows a placeholder with its alt text",
                      HINT_OFFLINE, rule="remote-picture")
        return None
    try:
        data, ext = download(url)
    except FetchError as exc:
        diags.warning(loc, f"the picture {url!r} was not downloaded ({exc}); a placeholder shows its alt text",
                      "check the address, or download the picture into the project and name the file", rule="remote-picture")
        return None
    return _store(project.root / CACHE, f"{cache_key(url)}.{ext}", data)


def download(url: str) -> tuple[bytes, str]:
    """(bytes, file extension) of the picture at ``url``, or :class:`FetchError`."""
    if not is_remote(url):
        raise FetchError("only http and https addresses are downloaded")
    # urllib.request brings http.client, email and ssl (about 15 ms): only a --fetch build
    # that lacks a picture pays for them.
    import urllib.error
    import urllib.request

    class HttpOnly(urllib.request.HTTPRedirectHandler):
        """Follow redirects to http(s) addresses only (urllib would follow ftp too)."""

        def redirect_request(self, req, fp, code, msg, headers, newurl):
            if urllib.parse.urlsplit(newurl).scheme.lower() not in ("http", "https"):
                raise FetchError("it redirects to an address that is not http(s)")
            return super().redirect_request(req, fp, code, msg, headers, newurl)

    opener = urllib.request.build_opener(HttpOnly)
    request = urllib.request.Request(url.strip(), headers={"User-Agent": "deckgen", "Accept": ", ".join(TYPES)})
    try:
        with opener.open(request, timeout=TIMEOUT) as resp:
            kind = (resp.headers.get_content_type() or "").lower()
            if kind not in TYPES:
                raise FetchError(f"the server says it is {kind or 'of no type'}, not a PNG, JPEG, GIF, WebP or SVG picture")
            length = resp.headers.get("Content-Length")
            if length is not None and length.isdigit() and int(length) > MAX_BYTES:
                raise FetchError(f"it is {int(length) // 1_000_000} MB, more than the {MAX_BYTES // 1_000_000} MB deckgen downloads")
            data = resp.read(MAX_BYTES + 1)
    except FetchError:
        raise
    except urllib.error.HTTPError as exc:
        if 300 <= exc.code < 400:  # urllib refuses a redirect to file: and the like itself
            raise FetchError("it redirects to an address that is not http(s)") from None
        raise FetchError(f"the server answered {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise FetchError(f"it could not be reached: {reason}") from None
    if len(data) > MAX_BYTES:
        raise FetchError(f"it is more than the {MAX_BYTES // 1_000_000} MB deckgen downloads")
    return data, TYPES[kind]


def _store(folder: Path, name: str, data: bytes) -> Path:
    """Write ``data`` to ``folder/name`` atomically (a temporary file, then renamed)."""
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".part-")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, folder / name)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return folder / name
