"""The sha256 of every output deckgen makes of the decks in content/ and examples/.

    .venv/bin/python tools/output_hashes.py            # print them
    .venv/bin/python tools/output_hashes.py --update   # write tests/golden/output_hashes.txt

Every deck in ``content/decks/`` (each of its counties), every Markdown deck in ``examples/``
and the speed benchmark's generated deck (``bench/gendeck.py``, 60 slides: tables, nested
lists, notes) are built in pptx, html and html-single into a temporary folder as ``deckgen build`` builds them (the
counties in worker processes; a single deck's two renderers on two cores where the machine
allows, :mod:`deckgen.forked`), with ``SOURCE_DATE_EPOCH`` unset. One line per written file: its path inside the output folder
and its sha256. ``tests/golden/test_output_hashes.py`` compares a fresh build with the
committed list, so a change meant to be invisible (a faster writer, a refactor) is proved
byte-identical, and a change meant to be seen is reviewed as a diff of this file.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden" / "output_hashes.txt"
FORMATS = ("pptx", "html", "html-single")


def decks(root: Path = ROOT) -> list[Path]:
    """The decks whose outputs are listed: content/decks/*.yaml and examples/*.md."""
    return sorted((root / "content" / "decks").glob("*.yaml")) + sorted((root / "examples").glob("*.md"))


def output_hashes(root: Path = ROOT) -> str:
    """``path sha256`` lines for every output of every deck, sorted; raises on a failed build."""
    from deckgen.build import Options, build

    epoch = os.environ.pop("SOURCE_DATE_EPOCH", None)
    lines: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        cwd = Path.cwd()
        os.chdir(root)  # deck paths in messages and outputs relative to the project, as a user builds
        try:
            generated = out / "src" / "generated.md"
            generated.parent.mkdir()
            sys.path.insert(0, str(root / "bench"))
            from gendeck import deck as gendeck

            generated.write_text(gendeck(60), encoding="utf-8")
            for deck in [*(d.relative_to(root) for d in decks(root)), generated]:
                results, problems = build(deck, None, Options(FORMATS, out / "built"))
                failed = [d.format() for d in problems] + [r.failure or "failed" for r in results if not r.ok]
                if failed or not results:
                    raise SystemExit(f"{deck.name} did not build:\n" + "\n".join(failed))
        finally:
            os.chdir(cwd)
            if epoch is not None:
                os.environ["SOURCE_DATE_EPOCH"] = epoch
        built = out / "built"
        for path in sorted(p for p in built.rglob("*") if p.is_file()):
            lines.append(f"{path.relative_to(built).as_posix()} {hashlib.sha256(path.read_bytes()).hexdigest()}")
    return "\n".join(lines) + "\n"


def main() -> None:
    text = output_hashes()
    if "--update" in sys.argv[1:]:
        GOLDEN.write_text(text, encoding="utf-8")
        print(f"wrote {GOLDEN.relative_to(ROOT)} ({text.count(chr(10))} files)")
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
