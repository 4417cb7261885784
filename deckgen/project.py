"""The project: the folder that holds content/, templates/ and assets/, and the one place
that turns a path written in a content file into a file on disk.

Every path a content file names (includes, images, county data, brands) goes through
:meth:`Project.locate`, which refuses absolute paths, ``..`` that leaves the project,
symlinks that point outside it, devices and directories, each with the location that named it.
"""

from __future__ import annotations

import os
import stat
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from deckgen.errors import Diagnostics, SourceLoc


@dataclass(frozen=True, slots=True)
class Project:
    root: Path  # absolute, resolved

    @staticmethod
    def for_path(path: Path) -> Project:
        """The project a deck file belongs to: the nearest ancestor holding a ``content/`` or
        ``templates/`` folder, else the deck file's own folder."""
        start = path.resolve().parent
        for folder in (start, *start.parents):
            if (folder / "content").is_dir() or (folder / "templates").is_dir():
                return Project(folder)
        return Project(start)

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
        inside the project, or add a located error and return None."""
        decoded = urllib.parse.unquote(ref)
        if not ref or "\x00" in decoded:
            diags.error(loc, f"empty or invalid {what} path {ref!r}", "write a path inside the project")
            return None
        if decoded != ref and ("/" in decoded.replace(ref, "") or ".." in decoded):
            diags.error(
                loc,
                f"{what} path {ref!r} is percent-encoded",
                "write the path plainly, relative to the file that names it",
            )
            return None
        if os.path.isabs(decoded) or decoded.startswith("~") or (len(decoded) > 1 and decoded[1] == ":"):
            diags.error(
                loc,
                f"{what} path {ref!r} is absolute",
                "write a path relative to the file that names it, inside the project",
            )
            return None
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
                diags.error(loc, f"{what} {ref!r} not found", _case_hint(candidate))
            return None if must_exist else candidate
        real = candidate.resolve()
        if not _inside(real, self.root):
            diags.error(
                loc,
                f"{what} path {ref!r} is a link to a place outside the project",
                "copy the file into the project instead of linking to it",
            )
            return None
        mode = real.stat().st_mode
        if stat.S_ISDIR(mode):
            diags.error(loc, f"{what} path {ref!r} is a folder, not a file", "name a file")
            return None
        if not stat.S_ISREG(mode):
            diags.error(loc, f"{what} path {ref!r} is not a regular file", "name a regular file")
            return None
        return real


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True


def _case_hint(candidate: Path) -> str:
    folder = candidate.parent
    if folder.is_dir():
        lower = candidate.name.lower()
        for sibling in sorted(folder.iterdir()):
            if sibling.name.lower() == lower:
                return f"did you mean '{sibling.name}'? (the letter case differs)"
        import difflib

        names = [p.name for p in folder.iterdir()]
        close = difflib.get_close_matches(candidate.name, names, n=1, cutoff=0.6)
        if close:
            return f"did you mean '{close[0]}'?"
    return "check the spelling and that the file is inside the project"
