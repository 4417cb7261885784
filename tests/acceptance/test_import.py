"""`deckgen import` on deckgen's own builds: build → import → build keeps every slide's
layout, text, notes, links, tables, pictures and org chart glue; import is a fixed point
(importing the rebuilt deck writes byte-identical files); the three county decks imported
together make one library and three county files that rebuild the same three decks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image
from pptx_summary import deck_summary

from deckgen.cli import main

REPO = Path(__file__).resolve().parents[2]
COUNTIES = ("buskerud", "ostfold", "akershus")


def run(*args: str | Path) -> str:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


def fresh_project(root: Path) -> Path:
    """An empty project with the brands only."""
    root.mkdir(parents=True)
    shutil.copytree(REPO / "templates", root / "templates")
    return root


def files_of(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for folder in ("content", "assets") if (root / folder).exists()
            for p in sorted((root / folder).rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The seed deck for every county and the example talk, built from the repository."""
    out = tmp_path_factory.mktemp("built")
    run("build", REPO / "content/decks/regionmote.yaml", "--out", out)
    run("build", REPO / "examples/talk.md", "--out", out)
    return {**{c: out / f"regionmote-{c}.pptx" for c in COUNTIES}, "talk": out / "talk.pptx"}


def assert_same_decks(a: Path, b: Path) -> None:
    first, second = deck_summary(a), deck_summary(b)
    assert len(first) == len(second)
    for n, (x, y) in enumerate(zip(first, second, strict=True), start=1):
        assert x == y, f"slide {n} differs"


@pytest.mark.parametrize("deck", [*COUNTIES, "talk"])
def test_build_import_build_keeps_the_deck_and_import_is_a_fixed_point(deck: str, built: dict[str, Path], tmp_path: Path) -> None:
    first = fresh_project(tmp_path / "first")
    output = run("import", built[deck], "--into", first, "--name", "deck")
    assert "wrote" in output
    run("build", first / "content/decks/deck.yaml", "--out", first / "out")
    rebuilt = first / "out" / "deck.pptx"
    assert_same_decks(built[deck], rebuilt)

    second = fresh_project(tmp_path / "second")
    run("import", rebuilt, "--into", second, "--name", "deck")
    a, b = files_of(first), files_of(second)
    a.pop("content/decks/deck.yaml"), b.pop("content/decks/deck.yaml")  # names the file imported from
    assert a == b
    assert (first / "content/decks/deck.yaml").read_text(encoding="utf-8").split("\n", 1)[1] == \
        (second / "content/decks/deck.yaml").read_text(encoding="utf-8").split("\n", 1)[1]


def test_the_seed_deck_comes_back_as_its_layouts(built: dict[str, Path], tmp_path: Path) -> None:
    project = fresh_project(tmp_path / "p")
    run("import", built["buskerud"], "--into", project, "--name", "r")
    slides = sorted((project / "content/slides/r").glob("*.md"))
    layouts = [p.read_text(encoding="utf-8").split("\n")[1] for p in slides]
    assert layouts == [f"layout: {name}" for name in (
        "title", "columns", "orgchart", "roster", "bullets", "bullets", "section", "tiles", "bullets", "image", "discussion", "discussion")]
    org = (project / "content/slides/r/03-ks-politiske-organisering.md").read_text(encoding="utf-8")
    assert "  - id: landstinget\n    name: Landstinget\n" in org
    assert "    elected_by:\n      - fylkesmotene\n      - kommunestyre-og-fylkesting\n" in org
    image = (project / "content/slides/r/10-landskap-med-aser-og-vann-under-en-lys.md").read_text(encoding="utf-8")
    assert "alt: Landskap med åser og vann under en lys himmel\ncredit: 'Foto: Bly'\n" in image
    assert (project / "assets/r/10-landskap-med-aser-og-vann-under-en-lys.jpg").read_bytes() == (REPO / "assets/foto-bly.jpg").read_bytes()
    discussion = (project / "content/slides/r/11-hvilke-forventninger-skal.md").read_text(encoding="utf-8")
    assert "minutes: 3\npairing: to og to\n" in discussion
    assert "::: notes\nStart nedtellingen." in discussion


def test_a_paginated_roster_comes_back_as_one_roster(built: dict[str, Path], tmp_path: Path) -> None:
    project = fresh_project(tmp_path / "p")
    run("import", built["akershus"], "--into", project, "--name", "a")
    roster = next(p for p in (project / "content/slides/a").glob("*.md") if "layout: roster" in p.read_text(encoding="utf-8"))
    text = roster.read_text(encoding="utf-8")
    assert "(1/2)" not in text and text.count("  - name: ") > 10


def test_three_county_decks_become_one_library_and_rebuild_the_same(built: dict[str, Path], tmp_path: Path) -> None:
    project = fresh_project(tmp_path / "p")
    output = run("import", *(built[c] for c in COUNTIES), "--into", project)
    assert "02-vare-roller: the same in all decks" in output
    assert "04-nytt-fylkesstyre-i-buskerud-2024-2027: shared, with county variables" in output
    deck = (project / "content/decks/regionmote.yaml").read_text(encoding="utf-8")
    assert "subtitle: Regionmøte i {{ county.name }}\n" in deck
    assert "counties:\n  - buskerud\n  - ostfold\n  - akershus\n" in deck
    roster = (project / "content/slides/regionmote/04-nytt-fylkesstyre-i-buskerud-2024-2027.md").read_text(encoding="utf-8")
    assert "title: Nytt fylkesstyre i {{ county.name }} 2024-2027\npeople: '{{ county.board.members }}'\n" in roster
    buskerud = (project / "content/counties/buskerud.yaml").read_text(encoding="utf-8")
    assert "name: Buskerud\nboard:\n  period: 2024-2027\n  members:\n    - name: Heidi Granli\n" in buskerud
    assert "  11-hvilke-forventninger-skal:\n    body: Ringeriksregionen IPR\n" in buskerud
    assert len(list((project / "assets/regionmote").iterdir())) == 1  # one picture, shared

    run("build", project / "content/decks/regionmote.yaml", "--out", project / "out")
    for county in COUNTIES:
        assert_same_decks(built[county], project / "out" / f"regionmote-{county}.pptx")

    again = fresh_project(tmp_path / "again")  # the library import is a fixed point too
    run("import", *(project / "out" / f"regionmote-{c}.pptx" for c in COUNTIES), "--into", again)
    assert files_of(again) == files_of(project)


def test_a_deck_built_with_the_built_in_brand_comes_back_with_it(tmp_path: Path) -> None:
    """The built-in default brand shares the KS master's layout names; the footer tells them
    apart, so the rebuilt deck uses the brand the deck was built with."""
    source = tmp_path / "source"
    for folder in ("content", "templates", "assets"):
        shutil.copytree(REPO / folder, source / folder)
    deck = source / "content/decks/regionmote.yaml"
    deck.write_text(deck.read_text(encoding="utf-8").replace("brand: ks", "brand: default"), encoding="utf-8")
    run("build", deck, "--county", "buskerud", "--out", source / "out")
    project = fresh_project(tmp_path / "p")
    run("import", source / "out/regionmote-buskerud.pptx", "--into", project, "--name", "d")
    assert "\nbrand: default\n" in (project / "content/decks/d.yaml").read_text(encoding="utf-8")
    run("build", project / "content/decks/d.yaml", "--out", project / "out")
    assert_same_decks(source / "out/regionmote-buskerud.pptx", project / "out/d.pptx")


EVERY_FIELD = {
    "tittel.md": "---\nlayout: title\ntitle: Et *annet* møte\nsubtitle: Med undertittel\nbyline: Gol, 2025-01-02\n---\n",
    "del.md": "---\nlayout: section\ntitle: Del 1\nsubtitle: Om `kode` og mer\n---\n",
    "punkt.md": "---\nlayout: bullets\ntitle: Punkter\n---\n\n1. En\n1. To\n   - under\n\nAvsnitt med **fet** tekst og [lenke](https://www.ks.no/a_(b)).\\\nNy linje.\n",
    "kolonner.md": ("---\nlayout: columns\ntitle: Kolonner\ncolumns:\n  - heading: Venstre\n    body: |\n      - a\n      - b\n"
                    "  - heading: Høyre\n    body: Tekst\n---\n\nEn innledning.\n"),
    "org.md": ("---\nlayout: orgchart\ntitle: Nedover\ndirection: down\nbodies:\n  - {id: a, name: Øverst}\n"
               "  - {id: b, name: Midten, elected_by: [a], facts: [Ett]}\n  - {id: c, name: Nederst, elected_by: [b, a]}\n---\n"),
    "styre.md": "---\nlayout: roster\ntitle: Styret\nper_page: 5\npeople:\n" + "".join(
        f"  - {{name: Person {n}, place: Sted {n}{', role: leder' if n == 1 else ''}}}\n" for n in range(1, 13)) + "---\n",
    "fliser.md": ("---\nlayout: tiles\ntitle: Fliser\ntiles:\n  - {title: Film, url: 'https://youtu.be/x', kind: link}\n"
                  "  - {title: Side, url: 'https://www.ks.no/side/', kind: video, caption: Se her}\n---\n"),
    "bilde.md": "---\nlayout: image\nimage: ../../assets/bred.png\nalt: Et bredt bilde\nfit: contain\n---\n",
    "bilde2.md": "---\nlayout: image\nimage: ../../assets/hoy.png\nalt: Et høyt bilde\nfocus: [0.5, 0.2]\ntitle: Utsikten\n---\n",
    "diskusjon.md": "---\nlayout: discussion\ntitle: Snakk sammen\nminutes: 7\n---\n\nHva nå?\n",
    "sporsmal.md": "---\nlayout: question\n---\n\nHva tar dere med hjem?\n",
    "tabell.md": "---\nlayout: table\ntitle: Tall\n---\n\n| A | *B* |\n|---|---|\n| 1 | `x` |\n| 2 | |\n",
}


def test_every_layout_and_field_round_trips(tmp_path: Path) -> None:
    source = fresh_project(tmp_path / "source")
    shutil.copytree(REPO / "assets", source / "assets")
    Image.new("RGB", (600, 900), (200, 100, 50)).save(source / "assets/hoy.png")  # tall: cropped top and bottom
    Image.new("RGB", (1200, 300), (50, 100, 200)).save(source / "assets/bred.png")  # wide: letterboxed
    (source / "content/slides").mkdir(parents=True)
    (source / "content/decks").mkdir()
    for name, text in EVERY_FIELD.items():
        (source / "content/slides" / name).write_text(text, encoding="utf-8")
    (source / "content/decks/alt.yaml").write_text(
        "title: Alt\nbrand: ks\nlang: en-GB\nslides:\n" + "".join(f"  - {n[:-3]}\n" for n in EVERY_FIELD), encoding="utf-8")
    run("build", source / "content/decks/alt.yaml", "--out", source / "out")

    first = fresh_project(tmp_path / "first")
    run("import", source / "out/alt.pptx", "--into", first, "--name", "alt")
    run("build", first / "content/decks/alt.yaml", "--out", first / "out")
    assert_same_decks(source / "out/alt.pptx", first / "out/alt.pptx")
    second = fresh_project(tmp_path / "second")
    run("import", first / "out/alt.pptx", "--into", second, "--name", "alt")
    assert files_of(first) == files_of(second)

    text = {p.name: p.read_text(encoding="utf-8") for p in (first / "content/slides/alt").glob("*.md")}
    assert "lang: en-GB" in (first / "content/decks/alt.yaml").read_text(encoding="utf-8")
    org = next(t for t in text.values() if "layout: orgchart" in t)
    assert "direction: down" in org and "    elected_by:\n      - midten\n      - overst\n" in org
    roster = next(t for t in text.values() if "layout: roster" in t)
    assert "title: Styret\n" in roster and "per_page: 4\n" in roster and roster.count("- name:") == 12
    tiles = next(t for t in text.values() if "layout: tiles" in t)
    assert "  - title: Film\n    url: https://youtu.be/x\n    kind: link\n" in tiles
    assert "  - title: Side\n    url: https://www.ks.no/side/\n    kind: video\n    caption: Se her\n" in tiles
    images = [t for t in text.values() if "layout: image" in t]
    assert any("fit: contain" in t for t in images) and any("focus:\n  - 0.5\n  - 0.2\n" in t for t in images)
    discussion = next(t for t in text.values() if "layout: discussion" in t)
    assert "title: Snakk sammen\nminutes: 7\n" in discussion
    columns = next(t for t in text.values() if "layout: columns" in t)
    assert "  - heading: Venstre\n    body: |-\n      - a\n      - b\n  - heading: Høyre\n    body: Tekst\n---\n\nEn innledning.\n" in columns
