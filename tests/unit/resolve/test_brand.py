"""deckgen.resolve.brand: finding, validating (with line:col) and reporting a brand."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from deckgen.errors import Diagnostics, SourceLoc
from deckgen.resolve.brand import available_brands, load_brand
from deckgen.resolve.brandreport import brand_report

ROOT = Path(__file__).resolve().parents[3]
KS = ROOT / "templates" / "ks"
DECK_LOC = SourceLoc("content/decks/d.yaml", 3, 8)
REL = "templates/acme/brand.yaml"


def make_project(tmp_path: Path, text: str | None = None) -> Path:
    """A project whose brand 'acme' is the KS brand (or ``text`` as its brand.yaml)."""
    folder = tmp_path / "templates" / "acme"
    folder.mkdir(parents=True)
    shutil.copy(KS / "master.pptx", folder / "master.pptx")
    shutil.copy(KS / "logo.png", folder / "logo.png")
    body = text if text is not None else (KS / "brand.yaml").read_text(encoding="utf-8")
    (folder / "brand.yaml").write_text(body, encoding="utf-8")
    return tmp_path


def ks_yaml() -> str:
    return (KS / "brand.yaml").read_text(encoding="utf-8")


def where(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """1-based line and column of the ``nth`` occurrence of ``needle`` in ``text``."""
    pos = -1
    for _ in range(nth + 1):
        pos = text.index(needle, pos + 1)
    line = text.count("\n", 0, pos) + 1
    col = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return line, col


def load_with(tmp_path: Path, text: str) -> tuple[object, Diagnostics]:
    diags = Diagnostics()
    brand = load_brand("acme", make_project(tmp_path, text), diags, loc=DECK_LOC)
    return brand, diags


def error_at(diags: Diagnostics, text: str, needle: str, nth: int = 0) -> str:
    """The one error's formatted text, after checking it sits where ``needle`` is."""
    errors = diags.errors
    assert len(errors) == 1, [d.format() for d in diags]
    line, col = where(text, needle, nth)
    assert (errors[0].loc.path, errors[0].loc.line, errors[0].loc.col) == (REL, line, col)
    return errors[0].format()


# --------------------------------------------------------------------------- good brands


def test_ks_brand_loads_with_everything(tmp_path):
    diags = Diagnostics()
    brand = load_brand("ks", ROOT, diags, loc=DECK_LOC)
    assert not diags.errors, [d.format() for d in diags]
    assert brand is not None
    assert brand.name == "KS"
    assert brand.colors["primary"] == "#0B2D4F"
    assert brand.fonts == {"heading": "Arial", "body": "Arial"}
    assert (brand.slide_width, brand.slide_height) == (12192000, 6858000)
    assert brand.master == (KS / "master.pptx").read_bytes()
    assert brand.master_path == "templates/ks/master.pptx"
    assert brand.layouts["image"].master_layout == "Bilde"
    assert dict(brand.layouts["image"].placeholders) == {"title": 0, "picture": 13, "credit": 14}
    assert set(brand.master_layouts) >= {"Tittellysbilde", "Diskusjon", "Spørsmål"}
    assert dict(brand.footer_placeholders) == {"footer": 11, "slide_number": 12}
    assert brand.logo is not None and brand.logo.media_type == "image/png"
    assert brand.logo.path == "templates/ks/logo.png"
    assert brand.loc is not None and brand.loc.path == "templates/ks/brand.yaml"


@pytest.mark.skipif(not Path("/usr/share/fonts").is_dir(), reason="no system font folder")
def test_font_files_resolve_to_absolute_paths_or_warn(tmp_path):
    text = ks_yaml().replace('"LiberationSans-Regular.ttf"', '"NoSuchFont-Regular.ttf"')
    brand, diags = load_with(tmp_path, text)
    assert brand is not None
    assert not diags.errors
    [warning] = diags.warnings
    line, col = where(text, '"NoSuchFont-Regular.ttf"')
    assert (warning.loc.line, warning.loc.col) == (line, col)
    assert "font file 'NoSuchFont-Regular.ttf' not found" in warning.message
    # Arial is then measured with its metric-compatible stand-in, and the brand says so.
    if "body" in brand.font_files:
        assert Path(brand.font_files["body"]).name == "LiberationSans-Regular.ttf"
        assert "metric-compatible" in brand.font_sources["body"]
    if "heading" in brand.font_files:
        assert Path(brand.font_files["heading"]).is_absolute()


def test_a_font_file_next_to_brand_yaml_wins(tmp_path):
    project = make_project(tmp_path)
    font = project / "templates" / "acme" / "LiberationSans-Bold.ttf"
    font.write_bytes(b"not really a font, only found")
    diags = Diagnostics()
    brand = load_brand("acme", project, diags, loc=DECK_LOC)
    assert brand is not None
    assert brand.font_files["heading"] == str(font.resolve())


def test_builtin_default_brand_outside_any_project(tmp_path):
    diags = Diagnostics()
    brand = load_brand("default", tmp_path, diags, loc=DECK_LOC)
    assert not diags.errors, [d.format() for d in diags]
    assert brand is not None
    assert brand.master_path == "<deckgen>/brands/default/master.pptx"
    assert brand.logo is not None
    assert "default" in available_brands(tmp_path)


def test_project_brand_wins_over_builtin(tmp_path):
    folder = tmp_path / "templates" / "default"
    folder.mkdir(parents=True)
    for name in ("master.pptx", "logo.png"):
        shutil.copy(KS / name, folder / name)
    (folder / "brand.yaml").write_text(ks_yaml(), encoding="utf-8")
    brand = load_brand("default", tmp_path, Diagnostics(), loc=DECK_LOC)
    assert brand is not None and brand.name == "KS"
    assert brand.master_path == "templates/default/master.pptx"


# --------------------------------------------------------------------------- finding


def test_unknown_brand_suggests_at_the_deck_location(tmp_path):
    make_project(tmp_path)
    diags = Diagnostics()
    assert load_brand("acm", tmp_path, diags, loc=DECK_LOC) is None
    [err] = diags.errors
    assert err.format() == "content/decks/d.yaml:3:8: error: unknown brand 'acm'; " \
        "did you mean 'acme'?"


def test_brand_name_with_a_path_is_refused(tmp_path):
    diags = Diagnostics()
    assert load_brand("../ks", tmp_path, diags, loc=DECK_LOC) is None
    assert "brand name '../ks' is not a folder name" in diags.errors[0].format()


# --------------------------------------------------------------------------- brand.yaml errors


def test_unknown_top_level_key(tmp_path):
    text = ks_yaml().replace("colors:", "colours:")
    _, diags = load_with(tmp_path, text)
    texts = [d.format() for d in diags.errors]
    line, col = where(text, "colours:")
    assert f"{REL}:{line}:{col}: error: unknown key 'colours' in brand.yaml; " \
        "did you mean 'colors'?" in texts


def test_bad_colour_value(tmp_path):
    text = ks_yaml().replace('"#C8451B"', '"#C8451"')
    brand, diags = load_with(tmp_path, text)
    assert brand is None
    msg = error_at(diags, text, '"#C8451"')
    assert "colour 'accent' is '#C8451', not #RRGGBB" in msg


def test_unquoted_colour_is_a_comment(tmp_path):
    text = ks_yaml().replace('primary: "#0B2D4F"', "primary: #0B2D4F")
    _, diags = load_with(tmp_path, text)
    [err] = diags.errors
    line, _ = where(text, "primary: #0B2D4F")
    assert err.loc.line == line
    assert "colour 'primary' is empty" in err.message
    assert "start of a comment" in err.hint


def test_missing_colour_token(tmp_path):
    text = "".join(line for line in ks_yaml().splitlines(keepends=True)
                   if not line.startswith("  muted:"))
    _, diags = load_with(tmp_path, text)
    msg = error_at(diags, text, "primary:")  # the colors mapping starts at its first key
    assert "colors needs 'muted:'" in msg


def test_unknown_colour_token(tmp_path):
    text = ks_yaml().replace("  surface:", "  surfce:")
    _, diags = load_with(tmp_path, text)
    texts = [d.format() for d in diags.errors]
    line, col = where(text, "surfce:")
    assert f"{REL}:{line}:{col}: error: unknown key 'surfce' in colors; " \
        "did you mean 'surface'?" in texts


def test_unquoted_slide_size_is_base_60(tmp_path):
    text = ks_yaml().replace('slide_size: "16:9"', "slide_size: 16:9")
    _, diags = load_with(tmp_path, text)
    msg = error_at(diags, text, "16:9")
    assert "slide_size '16:9' must be in quotes" in msg
    assert "base 60" in msg


def test_unsupported_slide_size(tmp_path):
    text = ks_yaml().replace('slide_size: "16:9"', 'slide_size: "16:10"')
    _, diags = load_with(tmp_path, text)
    msg = error_at(diags, text, '"16:10"')
    assert "slide_size '16:10' is not supported; did you mean '16:9'?" in msg


def test_slide_size_must_match_the_master(tmp_path):
    text = ks_yaml().replace('slide_size: "16:9"', 'slide_size: "4:3"')
    _, diags = load_with(tmp_path, text)
    msg = error_at(diags, text, '"4:3"')
    assert "slide_size '4:3' does not match the master's slides (33.87 x 19.05 cm, 16:9)" in msg


def test_unknown_layout_in_mapping(tmp_path):
    text = ks_yaml().replace("  bullets:\n", "  bulets:\n")
    _, diags = load_with(tmp_path, text)
    msg = error_at(diags, text, "bulets:")
    assert "unknown layout 'bulets' in layouts; did you mean 'bullets'?" in msg


def test_master_layout_name_not_in_master(tmp_path):
    text = ks_yaml().replace('master: "Spørsmål"', 'master: "Sporsmal"')
    _, diags = load_with(tmp_path, text)
    msg = error_at(diags, text, '"Sporsmal"')
    assert "the master has no layout named 'Sporsmal'; did you mean 'Spørsmål'?" in msg


def test_idx_not_on_the_master_layout(tmp_path):
    text = ks_yaml().replace("timer: 15}", "timer: 16}")
    _, diags = load_with(tmp_path, text)
    msg = error_at(diags, text, "16}")
    assert "master layout 'Diskusjon' has no placeholder idx 16" in msg
    assert "it has idx 0 (title), 1 (body), 11 (ftr), 12 (sldNum), 15 (body)" in msg


def test_footer_idx_the_master_layouts_lack_is_located(tmp_path):
    text = ks_yaml().replace("  footer: 11\n", "  footer: 99\n")
    brand, diags = load_with(tmp_path, text)
    assert brand is None
    msg = error_at(diags, text, "99\n")
    assert ("error: footer_placeholders.footer is idx 99, but master layout 'Tittel og innhold' "
            "has its footer placeholder at idx 11, so its slides would have no footer; "
            "write 11") in msg


def test_footer_idx_on_another_kind_of_placeholder_is_located(tmp_path):
    # idx 1 is the body on the content layouts and the subtitle on the cover: the slide
    # number would be written into them.
    text = ks_yaml().replace("  slide_number: 12\n", "  slide_number: 1\n")
    _, diags = load_with(tmp_path, text)
    [err] = diags.errors
    line, col = where(text, "slide_number: 1\n")
    assert (err.loc.line, err.loc.col) == (line, col + len("slide_number: "))
    msg = err.format()
    assert "footer_placeholders.slide_number is idx 1, but on master layout 'Tittellysbilde' " \
        "that is a subTitle placeholder, not a slide-number placeholder" in msg


def test_without_footer_placeholders_footers_are_found_by_type(tmp_path):
    # A master whose footers sit at idx 21: without footer_placeholders they are found by
    # their type, as PowerPoint finds them.
    import zipfile

    from .conftest import rezip

    master = (KS / "master.pptx").read_bytes()
    with zipfile.ZipFile(KS / "master.pptx") as zf:
        layouts = {n: zf.read(n) for n in zf.namelist()
                   if n.startswith("ppt/slideLayouts/slideLayout") and n.endswith(".xml")}
    moved = {n: body.replace(b'idx="11"', b'idx="21"') for n, body in layouts.items()}
    section = ks_yaml()[ks_yaml().index("footer_placeholders:"):ks_yaml().index("layouts:")]
    text = ks_yaml().replace(section, "")
    root = make_project(tmp_path, text)
    (root / "templates" / "acme" / "master.pptx").write_bytes(rezip(master, dict(moved)))
    diags = Diagnostics()
    brand = load_brand("acme", root, diags, loc=DECK_LOC)
    assert brand is not None and not diags.errors, [d.format() for d in diags]
    assert dict(brand.footer_placeholders) == {}


def test_without_footer_text_the_footer_idx_is_not_checked(tmp_path):
    text = ks_yaml().replace("  footer: 11\n", "  footer: 99\n").replace(
        'footer: "KS – Kommunesektorens organisasjon"', 'footer: ""')
    brand, diags = load_with(tmp_path, text)
    assert brand is not None, [d.format() for d in diags]


@pytest.mark.parametrize("name", ['Arial"; x: y', "Arial; color: red", "Ari{al}", "Arial\\nX",
                                  "Arial, Helvetica", "'Arial'", " Arial", "Arial ", "A</style>"])
def test_a_font_name_css_cannot_carry_is_located(tmp_path, name):
    import yaml

    quoted = yaml.safe_dump(name, default_style='"').strip()
    text = ks_yaml().replace('heading: "Arial"', f"heading: {quoted}")
    brand, diags = load_with(tmp_path, text)
    assert brand is None
    msg = error_at(diags, text, quoted)
    assert "font 'heading'" in msg and "is not a font family name" in msg


@pytest.mark.parametrize("name", ["Arial", "Source Sans 3", "Noto Sans CJK JP", "Gill Sans MT",
                                  "Helvetica Neue LT Std 55 Roman", "Brødtekst", "Arial (Body)"])
def test_ordinary_font_names_pass(tmp_path, name):
    brand, diags = load_with(tmp_path, ks_yaml().replace('heading: "Arial"', f'heading: "{name}"'))
    assert brand is not None, [d.format() for d in diags]
    assert brand.fonts["heading"] == name


def test_the_brand_folder_is_kept_project_relative(tmp_path):
    folder = tmp_path / "templates" / "acme"
    make_project(tmp_path, ks_yaml().replace("master: master.pptx", "master: m/master.pptx"))
    (folder / "m").mkdir()
    (folder / "master.pptx").rename(folder / "m" / "master.pptx")
    diags = Diagnostics()
    brand = load_brand("acme", tmp_path, diags, loc=DECK_LOC)
    assert brand is not None, [d.format() for d in diags]
    assert (brand.folder, brand.master_path) == ("templates/acme", "templates/acme/m/master.pptx")
    builtin = load_brand("default", tmp_path, Diagnostics(), loc=DECK_LOC)
    assert builtin is not None and builtin.folder == "<deckgen>/brands/default"


def test_picture_needs_a_picture_placeholder(tmp_path):
    text = ks_yaml().replace("picture: 13, credit: 14", "picture: 14, credit: 14")
    _, diags = load_with(tmp_path, text)
    msg = error_at(diags, text, "14, credit")
    assert "placeholder idx 14 on 'Bilde' is a body placeholder; picture needs a picture " \
        "placeholder" in msg


def test_unknown_and_missing_fields(tmp_path):
    text = ks_yaml().replace("{title: 0, body: 1}", "{title: 0, bdy: 1}")
    _, diags = load_with(tmp_path, text)
    texts = [d.format() for d in diags.errors]
    line, col = where(text, "bdy")
    assert f"{REL}:{line}:{col}: error: unknown key 'bdy' in layouts.bullets.placeholders; " \
        "did you mean 'body'?" in texts
    line, col = where(text, "{title: 0, bdy")
    assert any(t.startswith(f"{REL}:{line}:{col}: error: layouts.bullets.placeholders needs "
                            "'body:'") for t in texts)


def test_idx_must_be_a_number(tmp_path):
    text = ks_yaml().replace("{question: 0}", "{question: zero}")
    _, diags = load_with(tmp_path, text)
    msg = error_at(diags, text, "zero")
    assert "placeholder idx must be a whole number, not 'zero'" in msg


def test_missing_master_file(tmp_path):
    text = ks_yaml().replace("master: master.pptx", "master: mester.pptx")
    _, diags = load_with(tmp_path, text)
    msg = error_at(diags, text, "mester.pptx")
    assert "master 'mester.pptx' not found; did you mean 'master.pptx'?" in msg


def test_master_that_is_not_a_zip_is_reported_at_the_master_file(tmp_path):
    project = make_project(tmp_path)
    (project / "templates/acme/master.pptx").write_bytes(b"plain text")
    diags = Diagnostics()
    assert load_brand("acme", project, diags, loc=DECK_LOC) is None
    [err] = diags.errors
    assert err.format().startswith("templates/acme/master.pptx:1:1: error: not a PowerPoint "
                                   "file (not a zip archive)")


def test_master_outside_the_project_is_refused(tmp_path):
    text = ks_yaml().replace("master: master.pptx", "master: ../../../master.pptx")
    _, diags = load_with(tmp_path, text)
    msg = error_at(diags, text, "../../../master.pptx")
    assert "leaves the project folder" in msg


def test_logo_that_is_not_a_picture(tmp_path):
    project = make_project(tmp_path)
    (project / "templates/acme/logo.png").write_bytes(b"GIF89a-but-not-really")
    diags = Diagnostics()
    assert load_brand("acme", project, diags, loc=DECK_LOC) is None
    text = ks_yaml()
    [err] = diags.errors
    assert (err.loc.line, err.loc.col) == where(text, "logo.png")
    assert "picture 'templates/acme/logo.png' is not a PNG, JPEG or GIF image" in err.message


def test_brand_yaml_not_a_mapping(tmp_path):
    _, diags = load_with(tmp_path, "- just\n- a list\n")
    assert "brand.yaml must be a mapping of settings" in diags.errors[0].format()


def test_all_errors_are_reported_together(tmp_path):
    text = (ks_yaml().replace('"#C8451B"', '"red"').replace("  bullets:\n", "  bulets:\n")
            .replace('master: "Bilde"', 'master: "Bild"'))
    _, diags = load_with(tmp_path, text)
    assert len(diags.errors) == 3


# --------------------------------------------------------------------------- brand check


def test_report_lists_layouts_placeholders_and_users():
    brand = load_brand("ks", ROOT, Diagnostics(), loc=DECK_LOC)
    assert brand is not None
    lines = brand_report(brand)
    text = "\n".join(lines)
    assert lines[0].startswith("brand KS: master templates/ks/master.pptx")
    assert "  'Bilde'  <- image" in text
    assert "'Tom'  <- not used" in text
    pic = next(line for line in lines if "'Bilde'  33.87 x 19.05 cm" in line)
    assert "idx  13  pic" in pic and pic.endswith("<- image.picture")
    assert "every deckgen layout is mapped, with every field" in text


def test_report_lists_what_the_mapping_misses(tmp_path):
    text = ks_yaml().replace("  question:\n    master: \"Spørsmål\"\n    placeholders: "
                             "{question: 0}\n", "")
    text = text.replace("{title: 0, picture: 13, credit: 14}", "{title: 0, picture: 13}")
    brand, diags = load_with(tmp_path, text)
    assert brand is not None, [d.format() for d in diags]
    lines = brand_report(brand)
    assert any(line.startswith("  question -> 'Spørsmål'") and "inferred" in line
               for line in lines), lines
    assert "  image.credit: not mapped (left out on these slides)" in lines


def test_a_potx_master_loads_and_is_handed_over_as_a_presentation(tmp_path):
    import io
    import zipfile

    from pptx import Presentation

    from deckgen.resolve.master import CT_PRESENTATION, CT_TEMPLATE

    project = make_project(tmp_path, ks_yaml().replace("master: master.pptx",
                                                       "master: master.potx"))
    folder = project / "templates" / "acme"
    src = (folder / "master.pptx").read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(src)) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            body = zin.read(info)
            if info.filename == "[Content_Types].xml":
                body = body.replace(CT_PRESENTATION.encode(), CT_TEMPLATE.encode())
            zout.writestr(info.filename, body)
    (folder / "master.potx").write_bytes(out.getvalue())
    diags = Diagnostics()
    brand = load_brand("acme", project, diags, loc=DECK_LOC)
    assert brand is not None, [d.format() for d in diags]
    assert not list(diags)
    assert brand.master_path == "templates/acme/master.potx"
    assert Presentation(io.BytesIO(brand.master)).slide_layouts.get_by_name("Bilde") is not None
    assert "PowerPoint template (.potx), accepted" in brand_report(brand)[0]


# --------------------------------------------------------------------------- reveal/ overrides


def reveal_project(tmp_path: Path) -> tuple[Path, Path]:
    """A project with brand 'acme' (the KS brand); (project root, the brand folder)."""
    root = make_project(tmp_path / "proj")
    return root, root / "templates" / "acme"


def test_reveal_overrides_are_read(tmp_path):
    root, folder = reveal_project(tmp_path)
    (folder / "reveal" / "layouts").mkdir(parents=True)
    (folder / "reveal" / "layouts" / "title.html.j2").write_text("<p>x</p>\n", encoding="utf-8")
    diags = Diagnostics()
    brand = load_brand("acme", root, diags, loc=DECK_LOC)
    assert brand is not None, [d.format() for d in diags]
    assert dict(brand.reveal_templates) == {"layouts/title.html.j2": "<p>x</p>\n"}


def test_the_page_shell_cannot_be_overridden(tmp_path):
    root, folder = reveal_project(tmp_path)
    (folder / "reveal").mkdir()
    (folder / "reveal" / "deck.html.j2").write_text("<html></html>\n", encoding="utf-8")
    diags = Diagnostics()
    assert load_brand("acme", root, diags, loc=DECK_LOC) is None
    [err] = diags.errors
    assert err.format().startswith(
        "templates/acme/reveal/deck.html.j2:1:1: error: templates/acme/reveal/deck.html.j2 holds "
        "the security policy and cannot be overridden; remove it")


def test_a_reveal_folder_linked_out_of_the_project_is_refused(tmp_path):
    root, folder = reveal_project(tmp_path)
    outside = tmp_path / "elsewhere"
    (outside / "layouts").mkdir(parents=True)
    (outside / "layouts" / "title.html.j2").write_text("SECRET\n", encoding="utf-8")
    (folder / "reveal").symlink_to(outside, target_is_directory=True)
    diags = Diagnostics()
    assert load_brand("acme", root, diags, loc=DECK_LOC) is None
    [err] = diags.errors
    assert err.format() == ("templates/acme/reveal:1:1: error: templates/acme/reveal is a link "
                            "to a place outside the project; copy the templates into the brand "
                            "folder instead of linking")


def test_a_reveal_template_linked_out_of_the_project_is_refused(tmp_path):
    root, folder = reveal_project(tmp_path)
    (tmp_path / "secret.j2").write_text("SECRET\n", encoding="utf-8")
    (folder / "reveal" / "layouts").mkdir(parents=True)
    (folder / "reveal" / "layouts" / "title.html.j2").symlink_to(tmp_path / "secret.j2")
    diags = Diagnostics()
    assert load_brand("acme", root, diags, loc=DECK_LOC) is None
    [err] = diags.errors
    assert err.format().startswith(
        "templates/acme/reveal/layouts/title.html.j2:1:1: error: reveal.js template path "
        "'layouts/title.html.j2' is a link to a place outside the project")


def test_links_that_stay_inside_the_project_are_fine(tmp_path):
    root, folder = reveal_project(tmp_path)
    shared = root / "shared-templates"
    (shared / "layouts").mkdir(parents=True)
    (shared / "layouts" / "title.html.j2").write_text("<p>shared</p>\n", encoding="utf-8")
    (folder / "reveal").symlink_to(shared, target_is_directory=True)
    diags = Diagnostics()
    brand = load_brand("acme", root, diags, loc=DECK_LOC)
    assert brand is not None, [d.format() for d in diags]
    assert dict(brand.reveal_templates) == {"layouts/title.html.j2": "<p>shared</p>\n"}


def test_a_dangling_reveal_link_and_a_reveal_file_are_located(tmp_path):
    root, folder = reveal_project(tmp_path)
    (folder / "reveal").symlink_to(tmp_path / "gone", target_is_directory=True)
    diags = Diagnostics()
    assert load_brand("acme", root, diags, loc=DECK_LOC) is None
    assert [e.message for e in diags.errors] == ["templates/acme/reveal is a broken or looping link"]
    (folder / "reveal").unlink()
    (folder / "reveal").write_text("not a folder", encoding="utf-8")
    diags = Diagnostics()
    assert load_brand("acme", root, diags, loc=DECK_LOC) is None
    assert [e.message for e in diags.errors] == ["templates/acme/reveal is not a folder"]
