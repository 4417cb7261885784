"""Record what pandoc and Marp themselves make of the decks in tests/fixtures/dialects/.

For each ``pandoc-*.md`` it runs ``pandoc -t pptx`` and for each ``marp-*.md`` Marp CLI
(``marp <file> -o <file>.html``), in a temporary folder with the pictures of
``tests/fixtures/dialects/assets.py``, and records in ``expected.json`` beside the decks:

- ``tool``: the tool and its version; ``tool_slides``: the number of slides it made;
- ``tool_texts``: per slide, the texts its output shows (pandoc: every paragraph of the
  slide's XML; Marp: headings, paragraphs, list items, table cells and code of each page);

and keeps what a person wrote there by hand: ``slides`` (deckgen's count, when it differs on
purpose), ``why`` (the reason, shown in docs/content.md) and ``not_shown`` (texts of the
tool's output deckgen does not show, each with its reason).

Usage: ``python tools/dialect_counts.py [--marp PATH-TO-marp]``. pandoc comes from the
system (``apt-get install pandoc``); Marp CLI from npm (``npm install @marp-team/marp-cli``
in a folder of your choice; it is not one of deckgen's dependencies). Without a tool, that
tool's decks keep their recorded values.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from lxml import etree, html

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "tests" / "fixtures" / "dialects"
EXPECTED = FOLDER / "expected.json"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def pandoc_run(deck: Path, work: Path) -> tuple[str, int, list[list[str]]]:
    out = work / (deck.stem + ".pptx")
    subprocess.run(["pandoc", deck.name, "-t", "pptx", "-o", str(out)], cwd=work, check=True, capture_output=True)
    version = subprocess.run(["pandoc", "--version"], capture_output=True, text=True, check=True).stdout.split("\n")[0]
    with zipfile.ZipFile(out) as z:
        names = sorted((n for n in z.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)),
                       key=lambda n: int(re.findall(r"\d+", n)[0]))
        texts = [_pptx_paragraphs(z.read(n)) for n in names]
    return version, len(names), texts


def _pptx_paragraphs(xml: bytes) -> list[str]:
    root = etree.fromstring(xml)
    out = []
    for p in root.iter(f"{A}p"):
        text = "".join(" " if el.tag == f"{A}br" else (el.text or "") for el in p.iter(f"{A}t", f"{A}br"))
        if text.strip():
            out.append(" ".join(text.split()))
    return out


def marp_run(deck: Path, work: Path, marp: str) -> tuple[str, int, list[list[str]]]:
    out = work / (deck.stem + ".html")
    subprocess.run([marp, deck.name, "-o", str(out)], cwd=work, check=True, capture_output=True)
    version = subprocess.run([marp, "--version"], capture_output=True, text=True, check=True).stdout.split("\n")[0]
    page = html.fromstring(out.read_bytes())
    texts: dict[str, list[str]] = {}
    for section in page.iter("section"):
        ident = section.get("id")
        if not ident or section.get("data-marpit-advanced-background") in ("background", "pseudo"):
            continue
        found = texts.setdefault(ident, [])
        for el in section.iter("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "td", "th", "pre"):
            if el.getparent() is not None and el.getparent().tag in ("header", "footer"):
                continue
            text = _own_text(el)
            if text and text not in found:
                found.append(text)
    return version, len(texts), list(texts.values())


def _own_text(el: html.HtmlElement) -> str:
    """The element's text without that of lists nested in it."""
    parts = [el.text or ""]
    for child in el:
        if child.tag == "br":
            parts.append(" ")
        elif child.tag not in ("ul", "ol"):
            parts.append(child.text_content())
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--marp", default=shutil.which("marp"), help="the marp command (Marp CLI)")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "tests"))
    from fixtures.dialects.assets import make_assets

    expected = json.loads(EXPECTED.read_text(encoding="utf-8")) if EXPECTED.exists() else {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        make_assets(work)
        for deck in sorted(FOLDER.glob("*.md")):
            shutil.copy(deck, work / deck.name)
            entry = expected.setdefault(deck.name, {})
            if deck.name.startswith("pandoc-") and shutil.which("pandoc"):
                tool, count, texts = pandoc_run(deck, work)
            elif deck.name.startswith("marp-") and args.marp:
                tool, count, texts = marp_run(deck, work, args.marp)
            else:
                print(f"{deck.name}: no tool to run; recorded values kept")
                continue
            entry.update(tool=tool, tool_slides=count, tool_texts=texts)
            print(f"{deck.name}: {tool}: {count} slides")
    EXPECTED.write_text(json.dumps(dict(sorted(expected.items())), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
