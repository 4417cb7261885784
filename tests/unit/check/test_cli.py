"""``deckgen check`` through the real CLI on fixture projects (tests/fixtures/check/<case>):
each rule has a project that triggers it, and the findings are asserted exactly, with their
locations, in the text and the JSON output; exit codes with and without --strict."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import FIXTURES, REPO, check_cli, check_json, make_project

# The rules docs/check.md lists as quality findings: warnings that never stop a build.
QUALITY_RULES = {"overflow", "alt-text", "title", "lang", "contrast", "link-text", "unused-slide"}


@dataclass(frozen=True)
class F:
    """One expected finding."""

    where: str  # path:line:col
    severity: str
    message: str
    hint: str
    rule: str
    included_from: tuple[str, ...] = ()

    def text(self) -> list[str]:
        line = f"{self.where}: {self.severity}: {self.message}"
        line += f"; {self.hint}" if self.hint else ""
        line += f" [{self.rule}]" if self.rule else ""
        return [line, *(f"  included from {loc}" for loc in self.included_from)]

    def json(self) -> dict[str, object]:
        path, line, col = self.where.rsplit(":", 2)
        return {"path": path, "line": int(line), "col": int(col), "severity": self.severity,
                "message": self.message, "hint": self.hint, "rule": self.rule,
                "kind": "quality" if self.rule in QUALITY_RULES else "meaning",
                "included_from": list(self.included_from)}


def expect(project: Path, deck: str, found: list[F], *, strict_code: int | None = None) -> None:
    """The text and JSON outputs hold exactly ``found``, in order, then the counts."""
    errors = sum(f.severity == "error" for f in found)
    warnings = sum(f.severity == "warning" for f in found)
    infos = sum(f.severity == "info" for f in found)
    assert not any(f.severity == "error" and f.rule in QUALITY_RULES for f in found)
    code, out = check_cli(project, deck)
    count = f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
    count += f", {infos} info" if infos else ""
    assert out.splitlines() == [line for f in found for line in f.text()] + [count]
    assert code == (1 if errors else 0)
    code, data = check_json(project, deck)
    assert data == {"findings": [f.json() for f in found], "errors": errors,
                    "warnings": warnings, "info": infos}
    strict, _ = check_cli(project, deck, "--strict")
    failing = [f for f in found if f.severity != "info"]
    assert strict == (strict_code if strict_code is not None else (1 if failing else 0))


# --------------------------------------------------------------------------- passing


def test_the_sample_content_checks_clean_with_strict() -> None:
    # The seed's link tiles name no address (only its two videos have one): plain cards,
    # listed as info, which never fails a run, not even with --strict. Østfold and Akershus
    # hold made-up example data (example: true): said, and --strict fails on it.
    plain = [(11, 3, "TØRN"), (12, 4, "Fremtidsverktøyet 2040"), (13, 5, "Kommunesektoren mot 2050"),
             (14, 6, "Hold deg oppdatert på KS.no"), (15, 7, "Digitale fellestjenester"),
             (16, 8, "Informasjon og påmelding KS Toppmøter 2024")]
    infos = [f"content/slides/hva-jobber-ks-med.md:{line}:5: info: tile {n} ({title!r}) has no link; "
             "it shows as a plain card; add 'url:' if it should open a page or a video [tile-link]"
             for line, n, title in plain]
    code, out = check_cli(REPO, "content/decks/regionmote.yaml", "--strict")
    lines = out.splitlines()
    assert code == 1
    assert [line for line in lines if ": info: " in line] == infos
    warnings = [line for line in lines if ": warning: " in line]
    assert [line.split(": warning: ")[0] for line in warnings] == [
        "content/counties/akershus.yaml:5:1", "content/counties/ostfold.yaml:4:1"]
    assert all(line.endswith("[example-data]") for line in warnings)
    assert lines[-1] == "0 errors, 2 warnings, 6 info"
    # Buskerud's data is real: its deck passes --strict, the plain tiles listed as info.
    code, out = check_cli(REPO, "content/decks/regionmote.yaml", "--county", "buskerud",
                          "--strict")
    assert (code, out) == (0, "\n".join([*infos, "0 errors, 0 warnings, 6 info"]) + "\n")


def test_a_deck_that_passes_every_rule(tmp_path: Path) -> None:
    expect(make_project(tmp_path, "clean"), "content/decks/clean.yaml", [])


# --------------------------------------------------------------------------- failing


HINT_TITLE = ("add 'title:' (or a '# Heading'), or 'hidden_title:' when none should show; "
              "screen readers and the outline list slides by their titles")
HINT_LINK_TEXT = ("name where the link goes, e.g. [KS Toppmøte 2024](https://…); a screen "
                  "reader reads an address letter by letter")
HINT_ISO = "use an ISO 639 code: nb (Bokmål), nn (Nynorsk), se (Northern Sami), en …"


def test_accessibility_findings(tmp_path: Path) -> None:
    expect(make_project(tmp_path, "a11y"), "content/decks/a11y.yaml", [
        F("content/decks/a11y.yaml:4:7", "warning",
          "language 'xx-NO' starts with 'xx', which is not a language code", HINT_ISO, "lang"),
        F("content/slides/foto-filnavn.md:4:8", "warning",
          "the alt text of 'foto-bly.jpg' is a file name ('foto-bly.jpg')",
          "describe what the picture shows, in a sentence", "alt-text",
          ("content/decks/a11y.yaml:7:5",)),
        F("content/slides/foto-uten-alt.md:4:8", "warning",
          "picture 'foto-bly.jpg' has no alt text", "add 'alt:' saying what the picture shows (a Markdown picture: ![what it shows](file); Marp's keywords such as bg or w:300 are not alt text: ![bg what it shows](file))",
          "alt-text", ("content/decks/a11y.yaml:6:5",)),
        F("content/slides/lenker.md:3:1", "warning",
          "the link text is the bare address 'https://www.ks.no/toppmote/'", HINT_LINK_TEXT,
          "link-text", ("content/decks/a11y.yaml:9:5",)),
        F("content/slides/uten-tittel.md:1:1", "warning", "the bullets slide has no title",
          HINT_TITLE, "title", ("content/decks/a11y.yaml:8:5",)),
    ])


def test_contrast_findings_point_at_the_brand_colours(tmp_path: Path) -> None:
    def pair(where: str, text: str, fill: str, ratio: str, need: str, used: str) -> F:
        colors = {"accent": "#F08A5D", "on_accent": "#FFFFFF", "muted": "#9AA5B1",
                  "background": "#FFFFFF", "surface": "#EAF0F5"}
        return F(where, "warning",
                 f"brand colour '{text}' ({colors[text]}) on '{fill}' ({colors[fill]}) has "
                 f"contrast {ratio}:1, below WCAG AA {need}:1 ({used})",
                 f"darken or lighten '{text}' or '{fill}' in the brand's colors", "contrast")

    expect(make_project(tmp_path, "contrast"), "content/decks/kontrast.yaml", [
        pair("templates/lav/brand.yaml:13:11", "accent", "background", "2.47", "3",
             "the discussion label"),
        pair("templates/lav/brand.yaml:14:14", "on_accent", "accent", "2.47", "4.5",
             "video tiles"),
        pair("templates/lav/brand.yaml:16:10", "muted", "background", "2.50", "4.5",
             "photo credits and small print"),
        pair("templates/lav/brand.yaml:16:10", "muted", "surface", "2.17", "4.5",
             "tile captions"),
    ])


def test_link_schemes(tmp_path: Path) -> None:
    expect(make_project(tmp_path, "links"), "content/decks/lenker.yaml", [
        F("content/slides/lenker.md:4:1", "error",
          "link target 'javascript:alert(1)' is not an http, https or mailto address; the link "
          "shows on the slide as written", "write a full https:// address", "link-scheme",
          ("content/decks/lenker.yaml:6:5",)),
        F("content/slides/lenker.md:5:1", "warning",
          "link target 'tel:+4724132600' is not an http, https or mailto address; the text is "
          "kept without the link", "write a full https:// address", "link-scheme"),
    ])


def test_remote_pictures_and_letter_case(tmp_path: Path) -> None:
    # Found where files are located (resolve); a missing file stops the check of the deck there.
    expect(make_project(tmp_path, "assets"), "content/decks/bilder.yaml", [
        F("content/slides/feil-navn.md:4:8", "error",
          "picture '../../assets/Foto-Bly.jpg' not found",
          "did you mean 'foto-bly.jpg'? (the letter case differs)", "",
          ("content/decks/bilder.yaml:7:5",)),
        # a picture on the web: the build stays offline and shows a placeholder
        F("content/slides/nettbilde.md:4:8", "warning",
          "the picture 'https://example.org/bilde.jpg' is on the web; the build stays offline "
          "and shows a placeholder with its alt text",
          "build with --fetch to download it once into .deckgen-cache/, or download it into the project "
          "and name the file", "remote-picture",
          ("content/decks/bilder.yaml:6:5",)),
    ])


def test_unused_library_slides_are_warnings(tmp_path: Path) -> None:
    expect(make_project(tmp_path, "library"), "content/decks/bibliotek.yaml", [
        F("content/slides/utkast.md:1:1", "warning",
          "slide file 'utkast.md' is not used by any deck in content/decks/",
          "use it in a deck ('- use: utkast') or delete it", "unused-slide"),
    ])


def test_brand_mapping_and_the_overflow_it_causes(tmp_path: Path) -> None:
    hint = "shorten the column's text, use fewer columns, or use the 'bullets' layout"
    included = ("content/decks/merke.yaml:6:5",)
    expect(make_project(tmp_path, "brand"), "content/decks/merke.yaml", [
        F("content/slides/roller.md:1:1", "warning",
          "column 1 ('Interessepolitikk') needs 169% of its card even at 11 pt, its floor", hint, "overflow", included),
        F("content/slides/roller.md:1:1", "warning",
          "column 2 ('Arbeidsgiver') needs 169% of its card even at 11 pt, its floor", hint, "overflow", included),
        F("templates/liten/brand.yaml:47:36", "error",
          "placeholder idx 11 ('Bunntekst') of master layout 'Tittel og innhold' is 20.32 x "
          "0.90 cm: too small to draw in (mapped for columns.area)",
          "make the placeholder bigger in the master, or map the field to a bigger one "
          "('deckgen brand check' lists them)", "brand-mapping"),
    ])


def test_a_plain_markdown_deck(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "check" / "markdown", tmp_path / "markdown")
    expect(tmp_path / "markdown", "foredrag.md", [
        F("foredrag.md:3:7", "warning",
          "language 'norsk' starts with 'norsk', which is not a language code", HINT_ISO,
          "lang"),
    ])


# --------------------------------------------------------------------------- overflow


def overflow_project(tmp_path: Path) -> Path:
    return make_project(tmp_path, "overflow", base=FIXTURES)


def test_overflow_findings_of_the_fixture_deck(tmp_path: Path) -> None:
    """With the KS brand's default floors: the placeholder texts made to just overflow fit
    with tighter lines (info), the list and table marked 'continue: auto' continue (info),
    and what cannot fit at its floor is still a warning that says so."""
    deck = "content/decks/overflow.yaml"
    fewer = "split the slide in two, shorten the text, or move detail into the speaker notes"
    keep = "shorten it to keep the brand's size"
    cont = "shorten it to keep it on one slide, or set 'continue: off' to keep it on one slide at its floor"

    def over(where: str, what: str, pct: int, box: str, floor: int, hint: str, *included: str) -> F:
        return F(where, "warning", f"{what} needs {pct}% of its {box} even at {floor} pt, its floor",
                 hint, "overflow", tuple(f"content/decks/overflow.yaml:{n}" for n in included))

    def info(where: str, message: str, hint: str, included: str) -> F:
        return F(where, "info", message, hint, "overflow", (f"content/decks/overflow.yaml:{included}",))

    expect(overflow_project(tmp_path), deck, [
        info("content/slides/bullets.md:19:1", "body text set with tighter line spacing to fit", keep, "8:5"),
        over("content/slides/bullets.md:55:1", "body text", 107, "box", 18, fewer, "8:5"),
        info("content/slides/bullets.md:59:1", "the body text continues on 2 slides, titled '… (forts.)'",
             cont, "8:5"),
        over("content/slides/cards.md:30:11", "column 1 ('Interessepolitikk')", 105, "card", 11,
             "shorten the column's text, use fewer columns, or use the 'bullets' layout",
             "11:5"),
        over("content/slides/chart.md:52:9", "org chart body 'Fylkesmøtet'", 120, "box", 9,
             "shorten its facts, move some into the speaker notes, or split the chart over two "
             "slides", "12:5"),
        info("content/slides/prompts.md:10:1", "question set with tighter line spacing to fit", keep, "10:5"),
        info("content/slides/prompts.md:30:1", "prompt set with tighter line spacing to fit", keep, "10:5"),
        over("content/slides/tables.md:22:1", "the table", 108, "area", 10,
             "split the table over two slides, or shorten the cells", "13:5"),
        info("content/slides/tables.md:51:1", "the table continues on 3 slides, titled '… (forts.)'",
             cont, "13:5"),
        over("content/slides/tiles.md:26:1", "tile 1 ('Film om samarbeidet mellom kommunene i "
             "regionen')", 107, "card", 11,
             "shorten the tile titles, or use fewer tiles on the slide", "14:5"),
        info("content/slides/titles.md:14:8", "title set at 94% with tighter line spacing to fit", keep, "9:5"),
    ])


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_check_writes_nothing(tmp_path: Path, fmt: str) -> None:
    project = make_project(tmp_path, "clean")
    before = sorted(p.relative_to(project) for p in project.rglob("*"))
    check_cli(project, "content/decks/clean.yaml", "--format", fmt)
    assert sorted(p.relative_to(project) for p in project.rglob("*")) == before
