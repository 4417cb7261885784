"""Finding a brand's measuring font files: in the brand folder, else among the system's fonts."""

from __future__ import annotations

import os
from pathlib import Path

FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))


def find_font_file(name: str, brand_folder: Path) -> Path | None:
    """``name`` (a file name, or a path relative to the brand folder) in the brand folder,
    else anywhere under the system's font folders (case-insensitive file name match, the
    first in sorted order so the result does not depend on the file system)."""
    candidate = brand_folder / name
    if ".." not in Path(name).parts and not Path(name).is_absolute() and candidate.is_file():
        return candidate.resolve()
    wanted = Path(name).name.lower()
    for base in FONT_DIRS:
        if not base.is_dir():
            continue
        for root, dirs, files in os.walk(base):
            dirs.sort()
            for file in sorted(files):
                if file.lower() == wanted:
                    return Path(root, file)
    return None
