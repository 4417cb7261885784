"""Layout builders: what resolve makes of each layout's fields (org chart ranks, roster
pages, tiles, discussion labels, tables), and their located errors."""

from __future__ import annotations

from pathlib import Path

from deckgen.errors import Diagnostics
from deckgen.load import load_deck
from deckgen.model import Deck, plain
from deckgen.project import Project
from deckgen.resolve import resolve


def make(tmp_path: Path, slide: str, deck_extra: str = "") -> tuple[Deck | None, list[str]]:
    (tmp_path / "content" / "slides").mkdir(parents=True)
    (tmp_path / "content" / "decks").mkdir(parents=True)
    (tmp_path / "content" / "slides" / "s.md").write_text(slide, encoding="utf-8")
    deck = tmp_path / "content" / "decks" / "d.yaml"
    deck.write_text(f"title: T\nbrand: default\n{deck_extra}slides:\n  - use: s\n", encoding="utf-8")
    diags = Diagnostics()
    project = Project(tmp_path.resolve())
    src = load_deck(deck, "content/decks/d.yaml", diags)
    assert src is not None, [d.format() for d in diags]
    result = resolve(src, project, None, diags)
    return result, [d.format() for d in diags]


ORG = """---
layout: orgchart
bodies:
  - {id: a, name: A}
  - {id: b, name: B, elected_by: [a]}
  - {id: c, name: C, elected_by: [b, a]}
  - {id: d, name: D, elected_by: [b]}
---
"""


def test_orgchart_ranks_follow_who_elects_whom(tmp_path: Path) -> None:
    deck, msgs = make(tmp_path, ORG)
    assert deck is not None, msgs
    chart = deck.slides[0].content
    assert [(n.id, n.rank, n.slot) for n in chart.nodes] == [("a", 0, 0), ("b", 1, 0), ("c", 2, 0), ("d", 2, 1)]
    assert {(e.source, e.target) for e in chart.edges} == {("a", "b"), ("b", "c"), ("a", "c"), ("b", "d")}
    assert chart.ranks == 3


def test_orgchart_unknown_elector(tmp_path: Path) -> None:
    deck, msgs = make(tmp_path, ORG.replace("elected_by: [a]}", "elected_by: [aa]}"))
    assert deck is None
    assert msgs[0].startswith(
        "content/slides/s.md:5:35: error: 'elected_by' names 'aa', which is not a body on this chart; did you mean 'a'?"
    )


def test_orgchart_cycle_is_an_error(tmp_path: Path) -> None:
    deck, msgs = make(tmp_path, ORG.replace("{id: a, name: A}", "{id: a, name: A, elected_by: [d]}"))
    assert deck is None
    assert any("error: the bodies elect each other in a circle: a -> d -> b -> a" in m for m in msgs), msgs


def test_roster_pages_are_balanced(tmp_path: Path) -> None:
    people = "".join(f"  - {{name: P{i}, place: X}}\n" for i in range(13))
    deck, msgs = make(tmp_path, f"---\nlayout: roster\ntitle: Styret\nper_page: 10\npeople:\n{people}---\n")
    assert deck is not None, msgs
    pages = [s.content for s in deck.slides]
    assert [(p.page, p.pages, len(p.people)) for p in pages] == [(1, 2, 7), (2, 2, 6)]
    # The page mark is part of the title: both renderers show it, check measures it.
    assert [plain(s.title) for s in deck.slides] == ["Styret (1/2)", "Styret (2/2)"]
    assert [s.hidden_title for s in deck.slides] == ["Styret (1/2)", "Styret (2/2)"]


def test_a_one_page_roster_has_no_page_mark(tmp_path: Path) -> None:
    deck, msgs = make(tmp_path, "---\nlayout: roster\ntitle: Styret\npeople:\n  - {name: Ola}\n---\n")
    assert deck is not None, msgs
    assert [plain(s.title) for s in deck.slides] == ["Styret"]


def test_tiles_infer_video_and_caption(tmp_path: Path) -> None:
    slide = "---\nlayout: tiles\ntiles:\n  - {title: V, url: 'https://youtu.be/abc'}\n  - {title: L, url: 'https://www.ks.no/a/'}\n---\n"
    deck, msgs = make(tmp_path, slide)
    assert deck is not None, msgs
    tiles = deck.slides[0].content.tiles
    assert [(t.kind, t.caption) for t in tiles] == [("video", "youtu.be/abc"), ("link", "ks.no/a")]


def test_a_tile_without_url_is_a_plain_card(tmp_path: Path) -> None:
    slide = "---\nlayout: tiles\ntiles:\n  - title: TØRN\n  - {title: Med tekst, caption: kommer snart}\n---\n"
    deck, msgs = make(tmp_path, slide)
    assert deck is not None, msgs
    tiles = deck.slides[0].content.tiles
    assert [(t.url, t.kind, t.caption) for t in tiles] == [(None, "link", ""), (None, "link", "kommer snart")]
    assert tiles[0].loc is not None and (tiles[0].loc.line, tiles[0].loc.col) == (4, 5)


def test_a_video_tile_needs_its_url(tmp_path: Path) -> None:
    slide = "---\nlayout: tiles\ntiles:\n  - {title: Film, kind: video}\n---\n"
    deck, msgs = make(tmp_path, slide)
    assert deck is None
    assert [m.splitlines()[0] for m in msgs] == [
        "content/slides/s.md:4:25: error: a video tile needs the video's 'url'; add 'url: https://…', or leave 'kind: video' out for a plain card"
    ]


def test_tile_with_unsafe_scheme_is_an_error(tmp_path: Path) -> None:
    slide = "---\nlayout: tiles\ntiles:\n  - {title: X, url: 'javascript:alert(1)'}\n---\n"
    deck, msgs = make(tmp_path, slide)
    assert deck is None
    assert any(m.startswith("content/slides/s.md:4:") and "'tiles.0.url' has the invalid value 'javascript:alert(1)'" in m for m in msgs), msgs


def test_discussion_label_follows_the_language(tmp_path: Path) -> None:
    slide = "---\nlayout: discussion\nminutes: 4\npairing: in pairs\n---\n\nWhat now?\n"
    deck, msgs = make(tmp_path, slide, "lang: en-GB\n")
    assert deck is not None, msgs
    assert deck.slides[0].content.label == "Discuss for 4 minutes (in pairs):"
    assert deck.slides[0].hidden_title == "Discuss for 4 minutes (in pairs):"


def test_no_means_norwegian_for_the_discussion_label_too(tmp_path: Path) -> None:
    # The same language rule as the renderers' words (deckgen.words): 'no' is Bokmål.
    slide = "---\nlayout: discussion\nminutes: 2\n---\n\nHva nå?\n"
    deck, msgs = make(tmp_path, slide, "lang: 'no'\n")
    assert deck is not None, msgs
    assert deck.slides[0].content.label == "Diskuter 2 minutter:"


def test_table_rows_must_match(tmp_path: Path) -> None:
    slide = "---\nlayout: table\nheader: [a, b]\nrows:\n  - [1, 2]\n  - [3]\n---\n"
    deck, msgs = make(tmp_path, slide)
    assert deck is None
    assert any("table row 2 has 1 cells; the table has 2 columns" in m for m in msgs), msgs


def test_whole_variable_gives_structured_value(tmp_path: Path) -> None:
    (tmp_path / "content" / "counties").mkdir(parents=True)
    (tmp_path / "content" / "counties" / "x.yaml").write_text(
        "name: X\nboard:\n  period: '2024-2027'\n  members:\n    - {name: Ola, place: Y, role: leder}\n", encoding="utf-8"
    )
    slide = "---\nlayout: roster\ntitle: Styret i {{ county.name }}\npeople: \"{{ county.board.members }}\"\n---\n"
    (tmp_path / "content" / "slides").mkdir(parents=True)
    (tmp_path / "content" / "decks").mkdir(parents=True)
    (tmp_path / "content" / "slides" / "s.md").write_text(slide, encoding="utf-8")
    deck_path = tmp_path / "content" / "decks" / "d.yaml"
    deck_path.write_text("title: T\nbrand: default\ncounty: x\nslides:\n  - use: s\n", encoding="utf-8")
    diags = Diagnostics()
    src = load_deck(deck_path, "content/decks/d.yaml", diags)
    assert src is not None
    deck = resolve(src, Project(tmp_path.resolve()), "x", diags)
    assert deck is not None, [d.format() for d in diags]
    assert deck.name == "d-x"
    assert plain(deck.slides[0].title) == "Styret i X"
    assert deck.slides[0].content.people[0].name == "Ola"


def test_layout_the_brand_does_not_map_is_inferred_from_the_master(tmp_path: Path) -> None:
    import shutil

    repo = Path(__file__).resolve().parents[3]
    shutil.copytree(repo / "templates" / "ks", tmp_path / "templates" / "lite")
    brand = tmp_path / "templates" / "lite" / "brand.yaml"
    text = brand.read_text(encoding="utf-8")
    start = text.index("  question:")
    brand.write_text(text[:start] + text[start:].split("\n", 3)[3], encoding="utf-8")
    deck, msgs = make(tmp_path, "---\nlayout: question\n---\n\nHva nå?\n", "")
    # make() uses brand: default; point the deck at the trimmed brand instead
    deck_file = tmp_path / "content" / "decks" / "d.yaml"
    deck_file.write_text(deck_file.read_text(encoding="utf-8").replace("brand: default", "brand: lite"), encoding="utf-8")
    diags = Diagnostics()
    src = load_deck(deck_file, "content/decks/d.yaml", diags)
    assert src is not None
    built = resolve(src, Project(tmp_path.resolve()), None, diags)
    assert built is not None, [d.format() for d in diags]
    # No question layout in brand.yaml: chosen from the master as `brand new` would.
    mapped = built.brand.layouts["question"]
    assert mapped.master_layout in built.brand.master_layouts
    assert mapped.reason


def test_discussion_title_replaces_the_composed_label(tmp_path: Path) -> None:
    deck, msgs = make(tmp_path, "---\nlayout: discussion\ntitle: Snakk sammen\nminutes: 2\n---\n\nHva nå?\n")
    assert deck is not None, msgs
    assert deck.slides[0].content.label == "Snakk sammen"
    assert plain(deck.slides[0].title) == "Snakk sammen"


def test_duplicate_body_id_is_one_error_not_a_false_cycle(tmp_path: Path) -> None:
    deck, msgs = make(tmp_path, ORG.replace("{id: b, name: B, elected_by: [a]}", "{id: a, name: B, elected_by: [a]}"))
    assert deck is None
    assert any("two bodies have the id 'a'" in m for m in msgs), msgs
    assert not any("circle" in m for m in msgs), msgs


def test_table_without_rows_is_an_error(tmp_path: Path) -> None:
    deck, msgs = make(tmp_path, "---\nlayout: table\nheader: [a, b]\nrows: []\n---\n")
    assert deck is None
    assert any("content/slides/s.md:4:7: error: the table has no rows" in m for m in msgs), msgs
