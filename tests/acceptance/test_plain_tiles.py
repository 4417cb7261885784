"""The seed's tiles as the seed gives them: its two videos link to their addresses, its six
other tiles have none and are plain cards in the reveal.js output (no link, no underline);
the PowerPoint side is in test_seed_pptx.py."""

from __future__ import annotations

from pathlib import Path

import lxml.html
from click.testing import CliRunner

from deckgen.cli import main

REPO = Path(__file__).resolve().parents[2]


def test_the_reveal_deck_shows_plain_cards_for_tiles_without_a_link(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(REPO / "content/decks/regionmote.yaml"), "--county", "buskerud",
                                       "--format", "html", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    page = lxml.html.parse(str(tmp_path / "regionmote-buskerud" / "index.html")).getroot()
    (grid,) = page.cssselect("section[data-title='HVA JOBBER KS MED NÅ ?'] .tiles")
    tiles = grid.getchildren()
    assert [(t.tag, t.get("href")) for t in tiles[:2]] == [("a", "https://youtu.be/ZSaGU498CK0"), ("a", "https://youtu.be/Im0hP_ZxaRc")]
    plain = tiles[2:]
    assert [t.text_content().strip() for t in plain] == [
        "TØRN", "Fremtidsverktøyet 2040", "Kommunesektoren mot 2050", "Hold deg oppdatert på KS.no",
        "Digitale fellestjenester", "Informasjon og påmelding KS Toppmøter 2024",
    ]
    for tile in plain:
        assert tile.tag == "div" and {"tile", "tile-link", "tile-plain"} <= set(tile.get("class").split())
        assert not tile.cssselect("a, .tile-caption")  # nothing to click, no invented address
    # No address the seed does not have is anywhere on the page.
    assert "ks.no/" not in lxml.html.tostring(page, encoding="unicode")
