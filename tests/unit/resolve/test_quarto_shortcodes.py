"""Quarto's shortcodes ({{< video url >}}, {{< pagebreak >}}) in decks written for Quarto: no
variables and no error; each is left out with a warning at its place, and Quarto's escaped
form {{{< x >}}} shows the shortcode as text."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from pptx import Presentation

from deckgen.cli import main
from deckgen.errors import Diagnostics, SourceLoc
from deckgen.load.markdown import parse_block
from deckgen.model import Located, text_plain
from deckgen.resolve.variables import Scope, substitute_located, substitute_text, whole_variable

LOC = SourceLoc("talk.md", 4, 1)


def test_a_paragraph_of_shortcodes_goes_and_text_around_one_stays() -> None:
    diags = Diagnostics()
    text = parse_block("{{< pagebreak >}}\n\nTrykk {{< kbd Ctrl-C >}} nå\n\nVersjon {{{< var v >}}}", "talk.md", LOC, diags)
    out = substitute_text(text, Scope({}), diags, LOC)
    assert text_plain(out).split("\n") == ["Trykk  nå", "Versjon {{< var v >}}"]
    assert [d.severity for d in diags] == ["warning", "warning"]
    assert diags.items[0].format().startswith(
        "talk.md:4:1: warning: Quarto's shortcode '{{< pagebreak >}}' is left out: deckgen runs no shortcodes; ")
    assert all(d.rule == "quarto-shortcode" for d in diags)


def test_a_field_of_one_shortcode_is_no_whole_variable() -> None:
    assert whole_variable("{{< meta title >}}") is None
    diags = Diagnostics()
    node = substitute_located(Located("{{< meta title >}}", LOC), Scope({}), diags)
    assert node.value == ""
    assert [d.rule for d in diags] == ["quarto-shortcode"]


def test_a_quarto_deck_with_shortcodes_builds_with_warnings(tmp_path: Path) -> None:
    deck = tmp_path / "talk.md"
    deck.write_text("---\ntitle: Demo\nformat: revealjs\n---\n\n## Video\n\n- før\n\n"
                    "{{< video https://example.org/v.mp4 >}}\n\n- etter\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(deck), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "talk.md:10:1: warning: Quarto's shortcode '{{< video https://example.org/v.mp4 >}}' is left out" in result.output
    slides = Presentation(str(tmp_path / "out" / "talk.pptx")).slides
    texts = [sh.text_frame.text for sh in slides[1].shapes if sh.has_text_frame]
    assert any("før" in t and "etter" in t and "{{" not in t for t in texts)
