"""The project: the folder that holds content/, templates/ and assets/, and the one place
that turns a path written in a content file into a file on disk.

Every path a content file names (includes, images, county data, brands) goes through
:meth:`Project.locate`, which refuses absolute paths, ``..`` that leaves the project,
symlinks that point outside it, devices and directories, each with the location that named it.
"""

from __future__ import annotations

import os
import re
import stat
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from deckgen.errors import Diagnostics, SourceLoc


@dataclass(frozen=True, slots=True)
class Project:
    root: Path  # absolute, resolved
    fetch: bool = False  # pictures on the web may be downloaded into the cache (--fetch)

    @staticmethod
    def for_path(path: Path, fetch: bool = False) -> Project:
        """The project a deck file belongs to: the nearest ancestor holding a ``content/`` or
        ``templates/`` folder, else the deck file's own folder."""
        start = path.resolve().parent
        for folder in (start, *start.parents):
            if (folder / "content").is_dir() or (folder / "templates").is_dir():
                return Project(folder, fetch)
        return Project(start, fetch)

    def rel(self, path: Path) -> str:
        """A project-relative, forward-slash path for messages (absolute paths never shown)."""
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return path.name

    def locate(
        self,
        ref: str,
        *,
        base: Path,
        loc: SourceLoc,
        diags: Diagnostics,
        what: str = "file",
        must_exist: bool = True,
    ) -> Path | None:
        """Resolve ``ref`` (relative to ``base``, a folder inside the project) to a regular file
        inside the project, or add a located error at ``loc`` and return None.

        Refused: empty names and NUL bytes; web addresses and other URLs (deckgen never
        fetches); absolute paths (``/x``, ``~/x``, ``C:\\x``); backslashes; percent-encoded
        dots, slashes or NULs (``..%2F``: an encoded path must not mean more than it shows);
        ``..`` that leaves the project; symlinks whose target is outside it (or loops);
        folders; devices, FIFOs and sockets. With ``must_exist=False`` a missing file gives
        its would-be path and no error.
        """
        problem = _refuse_ref(ref)
        if problem:
            diags.error(loc, f"{what} path {ref!r} {problem[0]}", problem[1])
            return None
        decoded = urllib.parse.unquote(ref)
        candidate = Path(os.path.normpath(base / decoded))
        if not _inside(candidate, self.root):
            diags.error(
                loc,
                f"{what} path {ref!r} leaves the project folder",
                "keep content, assets and templates inside the project",
            )
            return None
        if not candidate.exists() and not candidate.is_symlink():
            if must_exist:
                found = self._elsewhere(decoded, base, what)
                if found is not None:
                    folder = self.rel(base) if base.resolve() != self.root else "the project folder"
                    line = self._source_line(loc)
                    fixed = line.replace(ref, found, 1) if ref in line else f"'{found}'"
                    diags.error(loc, f"{what} {ref!r} not found in {folder}",
                                f"paths are relative to the file that names them; write: {fixed}")
                else:
                    diags.error(loc, f"{what} {ref!r} not found", _case_hint(candidate, what))
            return None if must_exist else candidate
        try:
            real = candidate.resolve(strict=True)
            mode = real.stat().st_mode
        except (OSError, RuntimeError):
            # A dangling link or a link loop (RuntimeError before Python 3.13).
            diags.error(loc, f"{what} path {ref!r} is a broken or looping link",
                        "replace the link with the file itself")
            return None
        if not _inside(real, self.root):
            diags.error(
                loc,
                f"{what} path {ref!r} is a link to a place outside the project",
                "copy the file into the project instead of linking to it",
            )
            return None
        if stat.S_ISDIR(mode):
            diags.error(loc, f"{what} path {ref!r} is a folder, not a file", "name a file")
            return None
        if not stat.S_ISREG(mode):
            diags.error(loc, f"{what} path {ref!r} is a device or special file, not a regular file",
                        "name an ordinary file inside the project")
            return None
        return real

    def _source_line(self, loc: SourceLoc) -> str:
        """The line ``loc`` points at, stripped, to show it corrected; '' when unreadable."""
        try:
            lines = (self.root / loc.path).read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError, ValueError):
            return ""
        return lines[loc.line - 1].strip() if 0 < loc.line <= len(lines) else ""

    def _elsewhere(self, ref: str, base: Path, what: str) -> str | None:
        """The path, relative to ``base``, of the file ``ref`` most likely meant, or None.

        People write paths as seen from the project folder (``assets/foto.jpg``) or give a bare
        file name; paths are relative to the file that names them. Tried: ``ref`` from the
        project folder, then the only file of that name under ``assets/`` or ``content/``. A
        picture is only ever matched with a picture.
        """
        wanted = Path(ref)
        if what == "picture" and wanted.suffix.lower() not in PICTURE_SUFFIXES:
            return None
        candidates = [self.root / wanted] if len(wanted.parts) > 1 else []
        if not candidates or not candidates[0].is_file():
            candidates = [p for folder in ("assets", "content") if (self.root / folder).is_dir()
                          for p in sorted((self.root / folder).rglob(wanted.name)) if p.is_file()]
        if len(candidates) != 1 or not candidates[0].is_file():
            return None
        return Path(os.path.relpath(candidates[0], base.resolve())).as_posix()


# The picture files deckgen reads (resolve/images checks the content itself); a did-you-mean for
# a picture offers only these, never the slide's own .md file.
PICTURE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".tif", ".tiff", ".svg"})

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")
_ENCODED_SEPARATOR = re.compile(r"%(2e|2f|5c|00)", re.IGNORECASE)


def _refuse_ref(ref: str) -> tuple[str, str] | None:
    """(what is wrong, hint) for a reference refused from its text alone, or None."""
    if not ref.strip() or "\x00" in ref:
        return "is empty or invalid", "write a path inside the project"
    if len(ref) > 1 and ref[1] == ":" and ref[0].isalpha():
        return ("is absolute (a drive letter)",
                "write a path relative to the file that names it, inside the project")
    if _SCHEME.match(ref):
        return ("is a web address or URL; deckgen only uses files inside the project",
                "download the file into the project (e.g. assets/) and name that file")
    if "\\" in ref:
        return "uses backslashes", "write the path with forward slashes: assets/photo.jpg"
    if _ENCODED_SEPARATOR.search(ref):
        return ("is percent-encoded",
                "write the path plainly, relative to the file that names it")
    decoded = urllib.parse.unquote(ref)
    if os.path.isabs(decoded) or decoded.startswith("~"):
        return ("is absolute",
                "write a path relative to the file that names it, inside the project")
    return None


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True


def _case_hint(candidate: Path, what: str = "file") -> str:
    folder = candidate.parent
    if folder.is_dir():
        siblings = sorted(folder.iterdir())
        if what == "picture":
            siblings = [p for p in siblings if p.suffix.lower() in PICTURE_SUFFIXES]
        lower = candidate.name.lower()
        for sibling in siblings:
            if sibling.name.lower() == lower:
                return f"did you mean '{sibling.name}'? (the letter case differs)"
        import difflib

        names = [p.name for p in siblings]
        close = difflib.get_close_matches(candidate.name, names, n=1, cutoff=0.6)
        if close:
            return f"did you mean '{close[0]}'?"
    return "check the spelling and that the file is inside the project"
