"""Includes, pictures, county data and brands stay inside the project: absolute paths, '..',
symlinks out, percent-encoded variants, devices and folders are refused with the location
that named them, exit 1, earlier output untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import Mini, assert_failed_cleanly

PICTURE_YAML = "---\nlayout: image\nimage: '{ref}'\nalt: Et bilde\n---\n"
PICTURE_MD = "---\nlayout: image\nalt: Et bilde\n---\n\n![Et bilde]({ref})\n"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A secret file next to (outside) the project folder."""
    secret = tmp_path / "secret.jpg"
    secret.write_bytes(b"\xff\xd8 not for the deck")
    return secret


@pytest.mark.parametrize(
    ("ref", "problem"),
    [
        ("/etc/passwd", "is absolute"),
        ("/dev/zero", "is absolute"),
        ("~/secret.jpg", "is absolute"),
        ("../../../secret.jpg", "leaves the project folder"),
        ("../../assets/../../secret.jpg", "leaves the project folder"),
        ("..%2F..%2F..%2Fsecret.jpg", "is percent-encoded"),
        ("%2E%2E/%2E%2E/%2E%2E/secret.jpg", "is percent-encoded"),
        ("file:///etc/passwd", "is a web address or URL"),
        ("..\\..\\..\\secret.jpg", "uses backslashes"),
    ],
)
def test_picture_paths_in_front_matter(mini: Mini, outside: Path, ref: str, problem: str) -> None:
    before = mini.good_build()
    mini.slide(PICTURE_YAML.format(ref=ref))
    assert_failed_cleanly(mini, before, mini.build(), 1,
                          f"content/slides/a.md:3:8: error: picture path {ref!r} {problem}")


@pytest.mark.parametrize(
    ("ref", "shown", "problem"),
    [
        ("/etc/passwd", "/etc/passwd", "is absolute"),
        ("../../../secret.jpg", "../../../secret.jpg", "leaves the project folder"),
        ("..%2F..%2F..%2Fsecret.jpg", "..%2F..%2F..%2Fsecret.jpg", "is percent-encoded"),
    ],
)
def test_picture_paths_in_markdown(mini: Mini, outside: Path, ref: str, shown: str,
                                   problem: str) -> None:
    before = mini.good_build()
    mini.slide(PICTURE_MD.format(ref=ref))
    assert_failed_cleanly(mini, before, mini.build(), 1,
                          f"content/slides/a.md:6:1: error: picture path {shown!r} {problem}")


def test_picture_symlink_out_of_the_project(mini: Mini, outside: Path) -> None:
    before = mini.good_build()
    (mini.root / "assets").mkdir()
    (mini.root / "assets" / "foto.jpg").symlink_to(outside)
    mini.slide(PICTURE_YAML.format(ref="../../assets/foto.jpg"))
    assert_failed_cleanly(mini, before, mini.build(), 1,
                          "content/slides/a.md:3:8: error: picture path '../../assets/foto.jpg' "
                          "is a link to a place outside the project; copy the file into the "
                          "project instead of linking to it")


def test_picture_symlink_to_a_device(mini: Mini) -> None:
    before = mini.good_build()
    (mini.root / "assets").mkdir()
    (mini.root / "assets" / "null.jpg").symlink_to("/dev/zero")
    mini.slide(PICTURE_YAML.format(ref="../../assets/null.jpg"))
    assert_failed_cleanly(mini, before, mini.build(), 1,
                          "content/slides/a.md:3:8: error: picture path '../../assets/null.jpg' "
                          "is a link to a place outside the project")


def test_picture_that_is_a_folder(mini: Mini) -> None:
    before = mini.good_build()
    (mini.root / "assets" / "bilder").mkdir(parents=True)
    mini.slide(PICTURE_YAML.format(ref="../../assets/bilder"))
    assert_failed_cleanly(mini, before, mini.build(), 1,
                          "content/slides/a.md:3:8: error: picture path '../../assets/bilder' is "
                          "a folder, not a file; name a file")


@pytest.mark.parametrize("name", ["../../secret", "/etc/passwd", "..%2F..%2Fsecret", ".hidden"])
def test_slide_references_stay_in_the_library(mini: Mini, outside: Path, name: str) -> None:
    before = mini.good_build()
    mini.write("content/decks/talk.yaml", f"title: Hei\nslides:\n  - use: a\n  - use: '{name}'\n")
    run = mini.build()
    assert_failed_cleanly(mini, before, run, 1, "content/decks/talk.yaml:4:5: error: ")
    assert "secret" not in (mini.out / "talk.pptx").read_bytes().decode("latin-1")


def test_include_out_of_the_library(mini: Mini, outside: Path) -> None:
    before = mini.good_build()
    mini.slide("---\ninclude: ../../../secret\n---\n")
    run = mini.build()
    assert_failed_cleanly(mini, before, run, 1, "content/slides/a.md:2:10: error: slide name "
                          "'../../../secret' must be a file name in content/slides/")


def test_library_slide_symlinked_out_of_the_project(mini: Mini, tmp_path: Path) -> None:
    before = mini.good_build()
    (tmp_path / "ute.md").write_text("# Hemmelig\n\n- ikke for deg\n", encoding="utf-8")
    (mini.root / "content" / "slides" / "ute.md").symlink_to(tmp_path / "ute.md")
    mini.write("content/decks/talk.yaml", "title: Hei\nslides:\n  - use: a\n  - use: ute\n")
    run = mini.build()
    assert_failed_cleanly(mini, before, run, 1, "content/decks/talk.yaml:4:5: error: ")
    assert "Hemmelig" not in run.stderr


@pytest.mark.parametrize("key", ["../../secret", "/etc/passwd"])
def test_county_keys_stay_in_the_counties_folder(mini: Mini, outside: Path, key: str) -> None:
    before = mini.good_build()
    mini.write("content/decks/talk.yaml", f"title: Hei\ncounty: '{key}'\nslides:\n  - use: a\n")
    assert_failed_cleanly(mini, before, mini.build(), 1, "content/decks/talk.yaml:2:")


def test_county_file_symlinked_out_of_the_project(mini: Mini, tmp_path: Path) -> None:
    before = mini.good_build()
    (tmp_path / "x.yaml").write_text("name: X\nboard:\n  period: '1'\n  members: [{name: A}]\n")
    (mini.root / "content" / "counties" / "x.yaml").symlink_to(tmp_path / "x.yaml")
    mini.write("content/decks/talk.yaml", "title: Hei\ncounty: x\nslides:\n  - use: a\n")
    assert_failed_cleanly(mini, before, mini.build(), 1,
                          "content/decks/talk.yaml:2:9: error: county file path 'x.yaml' is a "
                          "link to a place outside the project")


@pytest.mark.parametrize("brand", ["../../etc", "/etc", "ks/../../x"])
def test_brand_names_are_folder_names(mini: Mini, brand: str) -> None:
    before = mini.good_build()
    mini.write("content/decks/talk.yaml", f"title: Hei\nbrand: '{brand}'\nslides:\n  - use: a\n")
    assert_failed_cleanly(mini, before, mini.build(), 1,
                          f"content/decks/talk.yaml:2:8: error: brand name {brand!r} is not a "
                          "folder name")


@pytest.mark.parametrize(("ref", "problem"), [("/dev/zero", "is absolute"),
                                              ("../../../secret.jpg", "leaves the project")])
def test_brand_logo_and_master_stay_in_the_project(mini: Mini, outside: Path, ref: str,
                                                   problem: str) -> None:
    mini.use_ks_brand("hostile")
    before = mini.good_build()
    brand = mini.root / "templates" / "hostile" / "brand.yaml"
    brand.write_text(brand.read_text(encoding="utf-8").replace("logo: logo.png",
                                                               f"logo: {ref}"))
    run = mini.build()
    assert_failed_cleanly(mini, before, run, 1,
                          f"templates/hostile/brand.yaml:7:7: error: logo path {ref!r} {problem}")
