"""The slide library: files by name, includes expanded, cycles and bad names as located errors."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from deckgen.errors import Diagnostics, SourceLoc
from deckgen.model import plain
from deckgen.project import Project
from deckgen.resolve.library import MAX_INCLUDE_DEPTH, Library

USED_AT = SourceLoc("content/decks/d.yaml", 7, 5)


@pytest.fixture()
def lib(tmp_path: Path) -> Library:
    (tmp_path / "content" / "slides").mkdir(parents=True)
    return Library(Project(tmp_path.resolve()))


def write(lib: Library, name: str, text: str) -> None:
    (lib.folder / f"{name}.md").write_text(text, encoding="utf-8")


def titles(slides) -> list[str]:  # type: ignore[no-untyped-def]
    return [plain(s.heading) or str(s.fields["layout"].value) for s in slides]


def messages(diags: Diagnostics) -> list[str]:
    return [d.format() for d in diags.errors]


def test_a_file_gives_all_its_slides(lib: Library) -> None:
    write(lib, "to", "# Første\n\ntekst\n\n---\n\n# Andre\n")
    diags = Diagnostics()
    slides = lib.slides("to", USED_AT, diags)
    assert titles(slides) == ["Første", "Andre"]
    assert not diags.items
    # Each slide knows where it was used, for "included from" lines.
    assert slides[0].loc.path == "content/slides/to.md"
    assert slides[0].loc.included_from == USED_AT


def test_include_is_replaced_by_the_other_files_slides(lib: Library) -> None:
    write(lib, "samling", "# Før\n\n---\n\n```yaml slide\ninclude: del\n```\n\n---\n\n# Etter\n")
    write(lib, "del", "# Del 1\n\n---\n\n```yaml slide\ninclude: innerst\n```\n")
    write(lib, "innerst", "---\nlayout: question\nquestion: Hvorfor?\n---\n")
    diags = Diagnostics()
    slides = lib.slides("samling", USED_AT, diags)
    assert titles(slides) == ["Før", "Del 1", "question", "Etter"]
    assert not diags.items
    innerst = slides[2]
    chain = [str(loc) for loc in innerst.loc.chain()]
    assert chain[0] == "content/slides/innerst.md:1:1"
    assert chain[-1] == str(USED_AT)
    assert "content/slides/samling.md:6:10" in chain  # the include: line of samling.md


def test_a_file_used_twice_is_read_once(lib: Library) -> None:
    write(lib, "a", "# A\n")
    diags = Diagnostics()
    first = lib.slides("a", USED_AT, diags)
    (lib.folder / "a.md").write_text("# changed\n", encoding="utf-8")
    again = lib.slides("a", SourceLoc("content/decks/d.yaml", 9, 5), diags)
    assert titles(first) == titles(again) == ["A"]
    assert again[0].loc.included_from == SourceLoc("content/decks/d.yaml", 9, 5)


def test_include_cycle_prints_the_chain_and_where(lib: Library) -> None:
    write(lib, "a", "---\ninclude: b\n---\n")
    write(lib, "b", "# B\n\n---\n\n```yaml slide\ninclude: a\n```\n")
    diags = Diagnostics()
    slides = lib.slides("a", USED_AT, diags)
    assert titles(slides) == ["B"]
    assert messages(diags) == [
        "content/slides/b.md:6:10: error: include cycle: a -> b -> a; remove one of the includes\n"
        "  included from content/slides/a.md:2:10\n"
        "  included from content/decks/d.yaml:7:5"
    ]


def test_a_file_including_itself(lib: Library) -> None:
    write(lib, "selv", "---\ninclude: selv\n---\n")
    diags = Diagnostics()
    assert lib.slides("selv", USED_AT, diags) == ()
    assert [d.message for d in diags.errors] == ["include cycle: selv -> selv"]
    assert str(diags.errors[0].loc) == "content/slides/selv.md:2:10"


def test_includes_nested_too_deep(lib: Library) -> None:
    depth = MAX_INCLUDE_DEPTH + 2
    for n in range(depth):
        write(lib, f"n{n}", f"---\ninclude: n{n + 1}\n---\n")
    write(lib, f"n{depth}", "# Bunn\n")
    diags = Diagnostics()
    assert lib.slides("n0", USED_AT, diags) == ()
    assert [d.message for d in diags.errors] == [f"includes nested more than {MAX_INCLUDE_DEPTH} deep"]


def test_unknown_slide_file_says_did_you_mean(lib: Library) -> None:
    write(lib, "roller", "# Roller\n")
    diags = Diagnostics()
    assert lib.slides("roler", USED_AT, diags) == ()
    assert messages(diags) == ["content/decks/d.yaml:7:5: error: no slide file 'roler' in content/slides/; did you mean 'roller'?"]


def test_unknown_include_is_located_at_the_include(lib: Library) -> None:
    write(lib, "a", "---\ninclude: finnes-ikke\n---\n")
    diags = Diagnostics()
    lib.slides("a", USED_AT, diags)
    assert messages(diags)[0].startswith("content/slides/a.md:2:10: error: no slide file 'finnes-ikke' in content/slides/")


@pytest.mark.parametrize("name", ["../hemmelig", "sub/a/b", "sub/.a", "a\\b", ".skjult", "/etc/passwd"])
def test_slide_names_are_file_names_only(lib: Library, name: str) -> None:
    diags = Diagnostics()
    assert lib.slides(name, USED_AT, diags) == ()
    assert diags.errors[0].message == f"slide name {name!r} must be a file name in content/slides/ (or one folder below it) without '.md'"


def test_a_slide_file_one_folder_down_is_found(lib: Library) -> None:
    (lib.folder / "imported").mkdir(parents=True)
    (lib.folder / "imported" / "01-a.md").write_text("# A\n", encoding="utf-8")
    diags = Diagnostics()
    assert len(lib.slides("imported/01-a", USED_AT, diags)) == 1
    assert not diags.errors
    assert "imported/01-a" in lib.names()


def test_a_link_out_of_the_project_is_refused_with_its_reason(lib: Library, tmp_path: Path) -> None:
    outside = tmp_path.parent / f"{tmp_path.name}-outside.md"
    outside.write_text("# Hemmelig\n", encoding="utf-8")
    try:
        os.symlink(outside, lib.folder / "lenke.md")
        diags = Diagnostics()
        assert lib.slides("lenke", USED_AT, diags) == ()
        assert len(diags.errors) == 1
        assert "outside the project" in diags.errors[0].message
        assert diags.errors[0].loc == USED_AT
    finally:
        outside.unlink()


def test_include_with_other_content_is_an_error(lib: Library) -> None:
    write(lib, "a", "---\ninclude: b\nlayout: bullets\n---\n")
    write(lib, "b", "# B\n")
    diags = Diagnostics()
    lib.slides("a", USED_AT, diags)
    assert [d.message for d in diags.errors] == ["a slide with 'include:' may hold nothing else"]
    assert str(diags.errors[0].loc) == "content/slides/a.md:2:1"


def test_include_must_be_a_name(lib: Library) -> None:
    write(lib, "a", "---\ninclude: [b, c]\n---\n")
    diags = Diagnostics()
    assert lib.slides("a", USED_AT, diags) == ()
    assert [d.message for d in diags.errors] == ["'include' must be a slide file name"]


def test_names_lists_the_library(lib: Library) -> None:
    write(lib, "b", "# B\n")
    write(lib, "a", "# A\n")
    (lib.folder / "notes.txt").write_text("x", encoding="utf-8")
    assert lib.names() == ["a", "b"]
