"""Files deckgen cannot import get one clear line (what the file is, how to convert it), exit
1 and nothing written; damaged but readable decks import with warnings; the target folder is
never left, and existing files are never overwritten without --force."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from pptx import Presentation
from pptx.util import Inches

from deckgen.cli import main

CONVERT = "convert it with `soffice --headless --convert-to pptx {name}` and import the .pptx"


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, ["import", *(str(a) for a in args)])


def small_deck(path: Path, slides: int = 1) -> Path:
    prs = Presentation()
    for n in range(slides):
        s = prs.slides.add_slide(prs.slide_layouts[1])
        s.shapes.title.text = f"Lysbilde {n + 1}"
        s.placeholders[1].text = "Tekst"
    prs.save(str(path))
    return path


def rezip(source: Path, target: Path, change: dict[str, bytes | None]) -> Path:
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename in change:
                if change[info.filename] is not None:
                    dst.writestr(info.filename, change.pop(info.filename))  # type: ignore[arg-type]
                else:
                    change.pop(info.filename)
                continue
            dst.writestr(info.filename, src.read(info))
        for name, data in change.items():
            if data is not None:
                dst.writestr(name, data)
    return target


def assert_refused(result: Result, path: Path, message: str, into: Path) -> None:
    assert result.exit_code == 1, result.output
    assert result.output.strip().splitlines() == [f"{path}:1:1: error: {message}"]
    assert not (into / "content").exists() and not (into / "assets").exists()


def ole(stream_name: str) -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + stream_name.encode("utf-16-le") + b"\0" * 64


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("notes.pptx", b"just some text\n", "not a PowerPoint file (not a zip archive); give a .pptx, .potx or .pptm file; " + CONVERT),
        ("empty.pptx", b"", "not a PowerPoint file (an empty file); give a .pptx, .potx or .pptm file; " + CONVERT),
        ("old.ppt", ole("PowerPoint Document"), "this is an old binary PowerPoint file (.ppt), not .pptx; " + CONVERT),
        ("locked.pptx", ole("EncryptedPackage"),
         "the file is encrypted (password-protected); remove the password in PowerPoint (File > Info > Protect) and save it again as .pptx"),
        ("sheet.xls", ole("Workbook"), "this is an old binary Office file, not a PowerPoint presentation (.pptx); " + CONVERT),
    ],
)
def test_files_that_are_not_presentations(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert_refused(run(path, "--into", tmp_path), path, message.format(name=name), tmp_path)


def zip_of(path: Path, entries: dict[str, bytes], stored_first: bool = False) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data, zipfile.ZIP_STORED if stored_first and name == "mimetype" else zipfile.ZIP_DEFLATED)
    return path


def test_an_opendocument_presentation(tmp_path: Path) -> None:
    path = zip_of(tmp_path / "talk.odp", {"mimetype": b"application/vnd.oasis.opendocument.presentation", "content.xml": b"<x/>"}, True)
    assert_refused(run(path, "--into", tmp_path), path,
                   "this is an OpenDocument presentation (.odp), not a PowerPoint file; " + CONVERT.format(name="talk.odp"), tmp_path)


@pytest.mark.parametrize("folder", [False, True])
def test_a_keynote_presentation(tmp_path: Path, folder: bool) -> None:
    path = tmp_path / "talk.key"
    if folder:
        (path / "Data").mkdir(parents=True)
        (path / "Index.zip").write_bytes(b"PK")
        message = "this is a Keynote presentation (a .key package), not a PowerPoint file"
    else:
        zip_of(path, {"Index/Document.iwa": b"\0" * 10, "Metadata/Properties.plist": b"x"})
        message = "this is a Keynote presentation (.key), not a PowerPoint file"
    assert_refused(run(path, "--into", tmp_path), path,
                   message + "; in Keynote choose File > Export To > PowerPoint, then import the .pptx", tmp_path)


def test_a_zip_bomb_is_refused_by_its_declared_sizes(tmp_path: Path) -> None:
    deck = small_deck(tmp_path / "d.pptx")
    path = rezip(deck, tmp_path / "bomb.pptx", {"ppt/media/huge.bin": b"\0" * (8 * 1024 * 1024)})
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("ppt/media/huge.bin")
        ratio = info.file_size / info.compress_size
    assert_refused(run(path, "--into", tmp_path), path,
                   f"part 'ppt/media/huge.bin' expands {ratio:.0f} times when unpacked (possible zip bomb); "
                   "this is not an ordinary PowerPoint file; save it again from PowerPoint", tmp_path)


def test_a_zip_that_is_another_office_file(tmp_path: Path) -> None:
    types = (b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
    path = zip_of(tmp_path / "letter.pptx", {"[Content_Types].xml": types, "word/document.xml": b"<w/>"})
    assert_refused(run(path, "--into", tmp_path), path,
                   "not a PowerPoint presentation (it has no presentation part); give a .pptx, .potx or .pptm file", tmp_path)
    plain = zip_of(tmp_path / "plain.pptx", {"readme.txt": b"hello"})
    assert_refused(run(plain, "--into", tmp_path), plain,
                   "not a PowerPoint file (a zip archive without [Content_Types].xml); give a .pptx, .potx or .pptm file", tmp_path)


def test_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.pptx"
    assert_refused(run(path, "--into", tmp_path), path, "no such file; check the path", tmp_path)


def test_a_deck_without_slides_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "none.pptx"
    Presentation().save(str(path))
    result = run(path, "--into", tmp_path)
    assert result.exit_code == 0, result.output
    assert f"{path}:1:1: warning: the presentation has no slides; nothing to import from it" in result.output
    assert "Nothing to import" in result.output
    assert not (tmp_path / "content").exists()


def test_a_template_and_a_macro_enabled_file_import_as_presentations(tmp_path: Path) -> None:
    deck = small_deck(tmp_path / "d.pptx")
    with zipfile.ZipFile(deck) as zf:
        types = zf.read("[Content_Types].xml")
    main_ct = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
    potx = rezip(deck, tmp_path / "t.potx", {"[Content_Types].xml": types.replace(main_ct, b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml")})
    result = run(potx, "--into", tmp_path / "a")
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output
    pptm = rezip(deck, tmp_path / "m.pptm", {
        "[Content_Types].xml": types.replace(main_ct, b"application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml"),
        "ppt/vbaProject.bin": b"\0" * 100})
    result = run(pptm, "--into", tmp_path / "b")
    assert result.exit_code == 0, result.output
    assert f"{pptm}:1:1: warning: the file holds macros; they are ignored (never run, never imported)" in result.output
    assert (tmp_path / "b/content/slides/m/01-lysbilde-1.md").read_text(encoding="utf-8").endswith("---\n\n- Tekst\n")


def test_damaged_decks_import_with_warnings(tmp_path: Path) -> None:
    prs = Presentation()
    s = prs.slides.add_slide(prs.slide_layouts[5])
    s.shapes.title.text = "Bilder"
    out = io.BytesIO()
    from PIL import Image

    Image.new("RGB", (64, 48), (1, 2, 3)).save(out, "PNG")
    pic = s.shapes.add_picture(io.BytesIO(out.getvalue()), Inches(1), Inches(2))
    box = s.shapes.add_textbox(Inches(5), Inches(2), Inches(3), Inches(1))
    box.text_frame.text = "Bildetekst"
    box.element.nvSpPr.cNvPr.set("id", str(pic.shape_id))  # two shapes, one id
    rid = pic.element.blipFill.blip.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed")
    path = tmp_path / "damaged.pptx"
    prs.save(str(path))
    with zipfile.ZipFile(path) as zf:
        rels = zf.read("ppt/slides/_rels/slide1.xml.rels").decode()
    image_target = next(part for part in rels.split('"') if part.startswith("../media/"))
    damaged = rezip(path, tmp_path / "broken.pptx", {"ppt/media/" + image_target.rsplit("/", 1)[1]: None})
    result = run(damaged, "--into", tmp_path / "p")
    assert result.exit_code == 0, result.output
    assert (f"{damaged}:1:1: warning: part 'ppt/slides/slide1.xml' refers to '{image_target}', which is not in the file "
            "(a broken relationship); what used it is not imported") in result.output
    assert f"shape ids {pic.shape_id} are used twice" in result.output
    assert f"picture '{pic.name}': a picture whose image part is missing (a broken relationship); not imported" in result.output
    assert rid
    assert "Bildetekst" in (tmp_path / "p/content/slides/broken/01-bilder.md").read_text(encoding="utf-8")


def test_external_pictures_are_named_not_fetched(tmp_path: Path) -> None:
    prs = Presentation()
    s = prs.slides.add_slide(prs.slide_layouts[5])
    s.shapes.title.text = "Lenket bilde"
    out = io.BytesIO()
    from PIL import Image

    Image.new("RGB", (64, 48)).save(out, "PNG")
    pic = s.shapes.add_picture(out, Inches(1), Inches(2))
    blip = pic.element.blipFill.blip
    r = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    rid = s.part.relate_to("https://example.org/photo.png", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image", is_external=True)
    del blip.attrib[r + "embed"]
    blip.set(r + "link", rid)
    path = tmp_path / "linked.pptx"
    prs.save(str(path))
    result = run(path, "--into", tmp_path / "p")
    assert result.exit_code == 0, result.output
    assert "a linked picture (https://example.org/photo.png) that is not in the file; not imported" in result.output


def test_existing_files_are_listed_and_kept_without_force(tmp_path: Path) -> None:
    deck = small_deck(tmp_path / "d.pptx", 2)
    assert run(deck, "--into", tmp_path).exit_code == 0
    slide = tmp_path / "content/slides/d/01-lysbilde-1.md"
    slide.write_text("mine\n", encoding="utf-8")
    result = run(deck, "--into", tmp_path)
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"{deck}:1:1: error: the import would overwrite 3 existing files: content/decks/d.yaml, "
        "content/slides/d/01-lysbilde-1.md, content/slides/d/02-lysbilde-2.md; pass --force to replace them, "
        "--name to import under another name, or --into another folder")
    assert slide.read_text(encoding="utf-8") == "mine\n"
    result = run(deck, "--into", tmp_path, "--force")
    assert result.exit_code == 0, result.output
    assert "replaced 3 existing files" in result.output
    assert slide.read_text(encoding="utf-8").startswith("---\nlayout: bullets\n")
    assert not list(tmp_path.rglob(".deckgen-import-*"))


def test_never_writes_outside_the_target_folder(tmp_path: Path) -> None:
    deck = small_deck(tmp_path / "d.pptx")
    outside = tmp_path / "outside"
    outside.mkdir()
    into = tmp_path / "project"
    into.mkdir()
    os.symlink(outside, into / "content")
    result = run(deck, "--into", into)
    assert result.exit_code == 3
    assert "refusing to write content/decks/d.yaml: it would land outside project/ (a link out of the folder)" in result.output
    assert list(outside.iterdir()) == []


def test_a_bad_name_is_a_usage_error(tmp_path: Path) -> None:
    deck = small_deck(tmp_path / "d.pptx")
    result = run(deck, "--into", tmp_path, "--name", "../up")
    assert result.exit_code == 2
    assert "Invalid value for --name: '../up'; use lower-case letters, digits and '-'" in result.output
    assert not (tmp_path / "content").exists()


def test_an_unknown_brand(tmp_path: Path) -> None:
    deck = small_deck(tmp_path / "d.pptx")
    result = run(deck, "--into", tmp_path, "--brand", "nope")
    assert result.exit_code == 1
    assert result.output.strip() == "<command line>:1:1: error: unknown brand 'nope'; valid choices: 'default'"
    assert not (tmp_path / "content").exists()


def test_text_that_looks_like_a_variable_is_named(tmp_path: Path) -> None:
    prs = Presentation()
    s = prs.slides.add_slide(prs.slide_layouts[1])
    s.shapes.title.text = "Mal"
    s.placeholders[1].text = "Skriv {{ navn }} her"
    path = tmp_path / "mal.pptx"
    prs.save(str(path))
    result = run(path, "--into", tmp_path)
    assert result.exit_code == 0, result.output
    assert (f"{path}:1:1: warning: slide 1: its text holds '{{{{', which deckgen reads as the start of a variable; "
            "reword it before building") in result.output


def test_without_into_it_writes_into_the_project_of_the_current_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    deck = small_deck(tmp_path / "d.pptx")
    project = tmp_path / "project"
    (project / "content" / "notes").mkdir(parents=True)
    monkeypatch.chdir(project / "content" / "notes")
    result = run(deck)
    assert result.exit_code == 0, result.output
    assert "Imported 1 deck into ../../" in result.output
    assert (project / "content/decks/d.yaml").is_file()
    assert not (project / "content/notes/content").exists()
