"""Front matter as pandoc and Marp accept it: authors as a list, any date, pagetitle, Marp's
loose values, pandoc's slide-level; and the dialect a file is read in."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from deckgen.cli import main
from deckgen.errors import Diagnostics
from deckgen.load import load_deck
from deckgen.load.markdown import parse_markdown


def load(tmp_path: Path, text: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "talk.md"
    path.write_text(text, encoding="utf-8")
    diags = Diagnostics()
    return load_deck(path, "talk.md", diags), diags


def test_authors_as_a_list_and_dates_in_any_form_are_text(tmp_path: Path) -> None:
    deck, diags = load(tmp_path, "---\ntitle: T\nauthor: [Eva Lund, Per Holm]\ndate: 2024\nkeywords: [a, b]\n---\n\n# A\n")
    assert not list(diags)
    assert {k: v.value for k, v in deck.settings.items()} == {"title": "T", "author": "Eva Lund, Per Holm", "date": "2024", "keywords": "a, b"}
    deck, diags = load(tmp_path, "---\ntitle: T\nauthor:\n  - name: Ingrid Berg\n    affiliation: UiO\n  - Lars Dahl\ndate: 2024-03\n---\n\n# A\n")
    assert not list(diags)
    assert (deck.settings["author"].value, deck.settings["date"].value) == ("Ingrid Berg, Lars Dahl", "2024-03")


def test_pagetitle_names_the_document(tmp_path: Path) -> None:
    deck, diags = load(tmp_path, "---\npagetitle: Kun navnet\n---\n\n# A\n\ntekst\n")
    assert not list(diags) and deck.settings["pagetitle"].value == "Kun navnet"


def test_marp_values_yaml_would_read_as_tags_are_text_with_a_warning(tmp_path: Path) -> None:
    deck, diags = load(tmp_path, "---\nmarp: true\nheader: ![logo](x.png)\nfooter: **KS** 2025\n---\n\n# A\n")
    assert [d.format() for d in diags] == [
        "talk.md:3:1: warning: 'header: ![logo](x.png)' is read as text, as Marp reads it (YAML would read it as a tag "
        "or an alias); put the value in quotes [marp-yaml]",
        "talk.md:4:1: warning: 'footer: **KS** 2025' is read as text, as Marp reads it (YAML would read it as a tag "
        "or an alias); put the value in quotes [marp-yaml]",
    ]
    assert deck.dialect == "marp"
    assert (deck.settings["header"].value, deck.settings["footer"].value) == ("![logo](x.png)", "**KS** 2025")


def test_the_dialect_of_a_file() -> None:
    assert parse_markdown("# A\n\ntext\n", "s.md", Diagnostics()).dialect == "pandoc"
    assert parse_markdown("---\npaginate: true\n---\n\n# A\n", "s.md", Diagnostics()).dialect == "marp"
    assert parse_markdown("<!-- _class: lead -->\n\n# A\n", "s.md", Diagnostics()).dialect == "marp"
    assert parse_markdown("---\nmarp: false\npaginate: true\n---\n\n# A\n", "s.md", Diagnostics()).dialect == "pandoc"


def test_a_marp_deck_makes_no_title_slide_of_its_title(tmp_path: Path) -> None:
    (tmp_path / "talk.md").write_text("---\nmarp: true\ntitle: Navnet\n---\n\n# A\n\n---\n\n# B\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(tmp_path / "talk.md"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    from pptx import Presentation

    prs = Presentation(str(tmp_path / "out" / "talk.pptx"))
    assert [s.shapes.title.text for s in prs.slides] == ["A", "B"]
    assert prs.core_properties.title == "Navnet"


def test_a_bad_slide_level_is_an_error_at_its_value(tmp_path: Path) -> None:
    (tmp_path / "talk.md").write_text("---\ntitle: T\nslide-level: two\n---\n\n# A\n", encoding="utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "talk.pptx").write_bytes(b"earlier")
    result = CliRunner().invoke(main, ["build", str(tmp_path / "talk.md"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "talk.md:3:14: error: slide-level must be a heading level from 1 to 6, not 'two'; write slide-level: 2" in result.output
    assert "Traceback" not in result.output
    assert (tmp_path / "out" / "talk.pptx").read_bytes() == b"earlier"


def test_marp_size_the_brand_does_not_have_is_named(tmp_path: Path) -> None:
    (tmp_path / "talk.md").write_text("---\nmarp: true\nsize: 4:3\n---\n\n# A\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(tmp_path / "talk.md")])
    assert ("talk.md:3:7: warning: the deck asks for 4:3 slides, but the brand 'Default' is 16:9; the slides follow the "
            "brand's master; use a brand whose master has that size, or remove 'size:' [marp-size]") in result.output


def test_pandocs_title_block_is_the_front_matter(tmp_path: Path) -> None:
    deck, diags = load(tmp_path, "% Habits\n% John Doe; Jane Roe\n% March 22, 2005\n\n# In the morning\n\n## Getting up\n\n- Turn off alarm\n")
    assert not list(diags)
    assert {k: v.value for k, v in deck.settings.items()} == {"title": "Habits", "author": "John Doe; Jane Roe", "date": "March 22, 2005"}
    assert [s.inline.heading[0].text for s in deck.slides] == ["In the morning", "Getting up"]


def test_marp_directives_in_comments_are_the_decks() -> None:
    diags = Diagnostics()
    src = ("<!-- paginate: true -->\n<!-- footer: \"KS Viken\" -->\n<!-- headingDivider: 2 -->\n\n# A\n\n## B\n\ntekst\n\n"
           "---\n\n<!-- footer: Annet -->\n\n# C\n")
    mdfile = parse_markdown(src, "s.md", diags)
    assert mdfile.dialect == "marp"
    assert {k: v.value for k, v in mdfile.directives.items()} == {"paginate": True, "footer": "KS Viken"}
    assert [s.heading[0].text for s in mdfile.slides] == ["A", "B", "C"]
    assert [d.format() for d in diags] == [
        "s.md:13:1: warning: Marp's 'footer' changes here; deckgen keeps one footer for the whole deck: the first; "
        "write 'footer' once, at the top [marp-directive]"]
