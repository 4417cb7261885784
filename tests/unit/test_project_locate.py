"""Every path a content file names stays inside the project: Project.locate refuses the rest
with the location that named it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from deckgen.errors import Diagnostics, SourceLoc
from deckgen.project import Project

LOC = SourceLoc("content/slides/a.md", 7, 3)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    root = tmp_path / "proj"
    (root / "content" / "slides").mkdir(parents=True)
    (root / "assets").mkdir()
    (root / "assets" / "photo.jpg").write_bytes(b"jpg")
    (root / "assets" / "my photo.jpg").write_bytes(b"jpg")
    (root / "assets" / "bilde-æ.jpg").write_bytes(b"jpg")
    (tmp_path / "secret.txt").write_text("secret")
    return Project(root.resolve())


def locate(project: Project, ref: str) -> tuple[Path | None, list[str]]:
    diags = Diagnostics()
    found = project.locate(ref, base=project.root / "content" / "slides", loc=LOC, diags=diags,
                           what="picture")
    return found, [d.format() for d in diags]


@pytest.mark.parametrize("ref", ["../../assets/photo.jpg", "../../assets/my%20photo.jpg",
                                 "../../assets/bilde-%C3%A6.jpg", "../../assets/bilde-æ.jpg",
                                 "./../../assets/./photo.jpg"])
def test_files_inside_the_project_are_found(project: Project, ref: str) -> None:
    found, msgs = locate(project, ref)
    assert msgs == []
    assert found is not None and found.parent == project.root / "assets"


@pytest.mark.parametrize(
    ("ref", "problem"),
    [
        ("/etc/passwd", "is absolute"),
        ("~/secret.txt", "is absolute"),
        ("C:\\Users\\x.jpg", "is absolute (a drive letter)"),
        ("%2Fetc%2Fpasswd", "is percent-encoded"),
        ("..%2F..%2F..%2Fsecret.txt", "is percent-encoded"),
        ("%2e%2e/%2e%2e/%2e%2e/secret.txt", "is percent-encoded"),
        ("photo.jpg%00.png", "is percent-encoded"),
        ("..\\..\\assets\\photo.jpg", "uses backslashes"),
        ("https://example.org/x.jpg", "is a web address or URL"),
        ("file:///etc/passwd", "is a web address or URL"),
        ("data:image/png;base64,AAAA", "is a web address or URL"),
        ("", "is empty or invalid"),
        ("a\x00b", "is empty or invalid"),
        ("../../../secret.txt", "leaves the project folder"),
        ("../../assets/../../secret.txt", "leaves the project folder"),
    ],
)
def test_refused_references_are_located(project: Project, ref: str, problem: str) -> None:
    found, msgs = locate(project, ref)
    assert found is None
    assert len(msgs) == 1
    assert msgs[0].startswith(f"content/slides/a.md:7:3: error: picture path {ref!r} {problem}")


def test_symlink_out_of_the_project_is_refused(project: Project, tmp_path: Path) -> None:
    (project.root / "assets" / "link.jpg").symlink_to(tmp_path / "secret.txt")
    found, msgs = locate(project, "../../assets/link.jpg")
    assert found is None
    assert msgs == ["content/slides/a.md:7:3: error: picture path '../../assets/link.jpg' is a "
                    "link to a place outside the project; copy the file into the project instead "
                    "of linking to it"]


def test_symlinked_folder_out_of_the_project_is_refused(project: Project, tmp_path: Path) -> None:
    (project.root / "assets" / "ext").symlink_to(tmp_path)
    found, msgs = locate(project, "../../assets/ext/secret.txt")
    assert found is None and "is a link to a place outside the project" in msgs[0]


def test_symlink_inside_the_project_is_followed(project: Project) -> None:
    (project.root / "assets" / "alias.jpg").symlink_to("photo.jpg")
    found, msgs = locate(project, "../../assets/alias.jpg")
    assert msgs == [] and found == project.root / "assets" / "photo.jpg"


def test_symlink_loop_is_an_error_not_a_crash(project: Project) -> None:
    (project.root / "assets" / "a.jpg").symlink_to("b.jpg")
    (project.root / "assets" / "b.jpg").symlink_to("a.jpg")
    found, msgs = locate(project, "../../assets/a.jpg")
    assert found is None
    assert msgs == ["content/slides/a.md:7:3: error: picture path '../../assets/a.jpg' is a "
                    "broken or looping link; replace the link with the file itself"]


def test_symlink_to_a_device_is_refused(project: Project) -> None:
    (project.root / "assets" / "zero.jpg").symlink_to("/dev/zero")
    found, msgs = locate(project, "../../assets/zero.jpg")
    assert found is None and "is a link to a place outside the project" in msgs[0]


def test_fifo_inside_the_project_is_refused(project: Project) -> None:
    os.mkfifo(project.root / "assets" / "pipe.jpg")
    found, msgs = locate(project, "../../assets/pipe.jpg")
    assert found is None
    assert msgs == ["content/slides/a.md:7:3: error: picture path '../../assets/pipe.jpg' is a "
                    "device or special file, not a regular file; name an ordinary file inside "
                    "the project"]


def test_folder_is_refused(project: Project) -> None:
    found, msgs = locate(project, "../../assets")
    assert found is None
    assert msgs == ["content/slides/a.md:7:3: error: picture path '../../assets' is a folder, "
                    "not a file; name a file"]


def test_missing_file_suggests_the_right_case(project: Project) -> None:
    found, msgs = locate(project, "../../assets/Photo.JPG")
    assert found is None
    assert msgs == ["content/slides/a.md:7:3: error: picture '../../assets/Photo.JPG' not found; "
                    "did you mean 'photo.jpg'? (the letter case differs)"]
