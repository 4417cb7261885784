"""``deckgen brand sheet NAME``: one sample slide of every deckgen layout on the brand's
master, as a contact sheet (``OUT/brand-NAME-sheet-thumbs.png``), so a person sees in one picture
what each layout will look like before writing a deck.

The sample deck (:data:`SAMPLE`, one inline slide per layout, with a generated picture) is
built in a temporary project holding a copy of the brand folder, through the same job as
``deckgen thumbs`` (:func:`deckgen.thumbs.build_thumbs`: load, resolve, check, PowerPoint,
LibreOffice's PDF, pdftoppm), so the sheet shows exactly what a build would. Nothing is
written into the project but the sheet.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from deckgen.build import Result
from deckgen.errors import UsageError
from deckgen.layouts import names
from deckgen.resolve.brand import BUILTIN_DIR, available_brands
from deckgen.thumbs import ThumbOptions, build_thumbs, sample_photo

# One slide per layout, in the registry's order; a test keeps it complete.
SAMPLE = """\
title: "{name}: every layout"
brand: {name}
lang: en
meeting: {{name: Sample meeting, place: Town hall, date: "2025-01-01"}}
slides:
  - layout: title
    title: Title slide of {name}
    subtitle: A subtitle under the title
  - layout: section
    title: A section header
    subtitle: Between the parts of a deck
  - layout: bullets
    title: Bullets
    body: |
      - A first point, as long as a line
      - A second point
        - with a sub-point
      - A third point
  - layout: columns
    title: Columns
    columns:
      - {{heading: First, body: One column of text}}
      - {{heading: Second, body: Another column}}
      - {{heading: Third, body: And a third}}
  - layout: orgchart
    title: Org chart
    direction: right
    bodies:
      - {{id: a, name: Members}}
      - {{id: b, name: Assembly, elected_by: [a], facts: [Meets once a year]}}
      - {{id: c, name: Board, elected_by: [b], facts: [Meets every month]}}
  - layout: roster
    title: Roster
    people:
      - {{name: Ada Example, place: North, role: chair}}
      - {{name: Ben Example, place: South, role: deputy}}
      - {{name: Cy Example, place: East}}
  - layout: tiles
    title: Tiles
    tiles:
      - {{title: A video, kind: video, url: "https://example.org/video"}}
      - {{title: A link, url: "https://example.org/"}}
      - {{title: A plain card}}
  - layout: image
    image: ../../assets/sheet-photo.png
    alt: A generated landscape
    credit: "Photo: deckgen"
    hidden_title: A picture
  - layout: image-text
    title: Picture and text
    image: ../../assets/sheet-photo.png
    alt: A generated landscape
    body: |
      - A point beside the picture
      - Another point
  - layout: discussion
    minutes: 3
    pairing: in pairs
    prompt: What should we ask each other first?
  - layout: question
    question: What do you take home today?
  - layout: table
    title: Table
    header: [Name, Place, Count]
    rows:
      - [Ada, North, "12"]
      - [Ben, South, "7"]
"""


def brand_sheet(name: str, project_root: Path, out_dir: Path, width: int = 320) -> Result:
    """Build the sample deck on brand ``name`` and write its contact sheet to ``out_dir``
    as ``brand-<name>-sheet-thumbs.png``. Raises :class:`UsageError` for an unknown brand."""
    root = project_root.resolve()
    folder = root / "templates" / name
    if not (folder / "brand.yaml").is_file():
        folder = BUILTIN_DIR / name
    if not (folder / "brand.yaml").is_file():
        known = ", ".join(available_brands(root)) or "none"
        raise UsageError(f"unknown brand {name!r}; the brands here are: {known}")
    with tempfile.TemporaryDirectory(prefix="deckgen-sheet-") as tmp:
        sample = Path(tmp)
        shutil.copytree(folder, sample / "templates" / name)
        (sample / "assets").mkdir()
        (sample / "assets" / "sheet-photo.png").write_bytes(sample_photo())
        decks = sample / "content" / "decks"
        decks.mkdir(parents=True)
        deck = decks / f"brand-{name}-sheet.yaml"
        deck.write_text(SAMPLE.format(name=name), encoding="utf-8")
        return build_thumbs(deck, None, ThumbOptions(out_dir=out_dir, width=width))


def sample_layouts() -> list[str]:
    """The layouts the sample deck has a slide of, in order (for the completeness test)."""
    return [line.split(":", 1)[1].strip() for line in SAMPLE.splitlines()
            if line.strip().startswith("- layout:")]


def missing_layouts() -> list[str]:
    return [n for n in names() if n not in sample_layouts()]

