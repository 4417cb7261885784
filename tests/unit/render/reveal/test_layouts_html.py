"""Each layout's HTML, queried with CSS selectors, from the every-layout deck."""

from __future__ import annotations

import dataclasses
import re

from lxml import html as lxml_html

from deckgen.layouts import names
from deckgen.model import Deck, DiscussionContent, ImageContent, Para, Run
from deckgen.render.reveal import render_reveal

from .helpers import slide, text


def test_one_section_per_slide_in_order(page: lxml_html.HtmlElement, deck: Deck) -> None:
    sections = page.cssselect(".reveal > .slides > section")
    assert [s.get("data-layout") for s in sections] == [s.layout for s in deck.slides]
    assert [s.get("id") for s in sections] == [f"slide-{n}" for n in range(1, len(sections) + 1)]
    assert {s.layout for s in deck.slides} == set(names())


def test_title(page: lxml_html.HtmlElement) -> None:
    s = slide(page, "title")
    assert "tone-dark" in s.get("class")
    assert text(s.cssselect("h1.slide-title")[0]) == "KS – Kommunesektorens organisasjon"
    assert text(s.cssselect(".cover-subtitle")[0]) == "Regionmøte i Buskerud"
    assert text(s.cssselect(".cover-byline")[0]) == "Regionmøte · Drammen · 11. juni 2024"
    assert s.cssselect(".cover-rule") and s.cssselect("img.slide-logo[alt='KS']")
    assert not s.cssselect(".slide-footer"), "the title slide has no footer, as in the master"


def test_section(page: lxml_html.HtmlElement) -> None:
    s = slide(page, "section")
    assert "tone-dark" in s.get("class")
    assert text(s.cssselect("h2.slide-title")[0]) == "Utfordringsbildet og muligheter fremover"


def test_content_slides_have_title_rule_footer_and_number(page: lxml_html.HtmlElement) -> None:
    for n, layout in ((2, "columns"), (5, "bullets"), (12, "table")):
        s = page.cssselect(f"#slide-{n}")[0]
        assert s.get("data-layout") == layout
        assert "tone-light" in s.get("class")
        assert s.cssselect(".title-rule")
        assert text(s.cssselect(".slide-footer .footer-text")[0]) == ("KS – Kommunesektorens organisasjon")
        assert text(s.cssselect(".slide-footer .slide-no")[0]) == str(n)


def test_bullets_rebuild_nested_lists(page: lxml_html.HtmlElement) -> None:
    body = page.cssselect("#slide-8")[0].cssselect(".slide-body")[0]  # "Prosjekter"
    top = body.cssselect(":scope > ul > li")
    assert [text(li).split(" ")[0] for li in top] == ["«Bærekraftsløftet»", "«Tørn»", "«ABSOLUTT»"]
    nested = body.cssselect(":scope > ul > li > ul > li")
    assert [text(li) for li in nested] == [
        "12 kommuner kull 1. Oppstart kull 2 november 23",
        "18 kommuner i Viken deltar",
        "Oppstart april 24 (plan.md)",
    ]


def test_columns(page: lxml_html.HtmlElement) -> None:
    s = slide(page, "columns")
    headings = [text(h) for h in s.cssselect(".columns > .column > h3")]
    assert headings == ["Interessepolitisk aktør", "Arbeidsgiverorganisasjon", "Utviklingspartner"]
    assert s.cssselect(".columns.heading-only")


def test_orgchart_boxes_facts_and_arrows(page: lxml_html.HtmlElement, deck: Deck) -> None:
    s = slide(page, "orgchart")
    content = next(sl.content for sl in deck.slides if sl.layout == "orgchart")
    nodes = s.cssselect(".orgchart > .org-node")
    assert [n.get("data-node") for n in nodes] == [
        "kommunestyrer",
        "fylkesmotene",
        "fylkesstyrene",
        "landstinget",
        "landsstyret",
        "hovedstyret",
    ]
    by_id = {n.get("data-node"): n for n in nodes}
    assert text(by_id["fylkesmotene"].cssselect(".org-name")[0]) == "Fylkesmøtene"
    assert len(by_id["fylkesmotene"].cssselect(".org-facts > ul > li")) == 4
    # Landsstyret's nested fact stays nested.
    assert text(by_id["landsstyret"].cssselect(".org-facts li > ul > li")[0]).startswith("✓")
    paths = s.cssselect("svg.org-edges path.org-edge")
    assert len(paths) == len(content.edges)
    pairs = {(p.get("data-source"), p.get("data-target")) for p in paths}
    assert pairs == {(e.source, e.target) for e in content.edges}
    marker = s.cssselect("svg.org-edges marker")[0].get("id")
    assert all(p.get("marker-end") == f"url(#{marker})" for p in paths)
    assert all(re.fullmatch(r"M[\d.]+,[\d.]+( L[\d.]+,[\d.]+)+", p.get("d")) for p in paths)
    # Screen readers get who elects whom as a list.
    assert "Kommunestyre og fylkesting → Fylkesmøtene" in text(s.cssselect("ul.sr-only")[0])


def test_orgchart_boxes_are_placed_by_the_deck_stylesheet(folder: dict[str, bytes], page: lxml_html.HtmlElement) -> None:
    css = b"".join(v for k, v in folder.items() if k.endswith(".css")).decode()
    nodes = slide(page, "orgchart").cssselect(".org-node")
    assert len(nodes) == 6
    for node in nodes:
        key = node.get("data-node")
        assert f"plan-node-{key}" in node.get("class")
        assert re.search(rf"#slide-3 \.plan-node-{key} \{{ left: [\d.]+px; top: [\d.]+px;", css)


def test_roster(page: lxml_html.HtmlElement) -> None:
    s = slide(page, "roster")
    assert [text(th) for th in s.cssselect("table.roster thead th")] == [
        "Navn",
        "Kommune/organisasjon",
        "Rolle",
    ]
    rows = s.cssselect("table.roster tbody tr")
    assert len(rows) == 9
    assert [text(td) for td in rows[0].cssselect("td")] == ["Heidi Granli", "Gol", "leder"]
    officers = [text(r.cssselect(".person-name")[0]) for r in s.cssselect("tr.officer")]
    assert officers == ["Heidi Granli", "Tine Norman"]


def test_tiles_are_link_cards_and_videos_never_iframes(page: lxml_html.HtmlElement) -> None:
    s = slide(page, "tiles")
    tiles = s.cssselect(".tiles > a.tile")
    assert len(tiles) == 8
    assert all(a.get("rel") == "noopener noreferrer" for a in tiles)
    assert all(a.get("href").startswith("https://") for a in tiles)
    videos = s.cssselect("a.tile.tile-video")
    assert [a.get("href") for a in videos] == [
        "https://youtu.be/ZSaGU498CK0",
        "https://youtu.be/Im0hP_ZxaRc",
    ]
    assert all(v.cssselect("svg.play-mark") for v in videos)
    assert text(videos[0].cssselect(".tile-title")[0]) == "Video 1"
    assert page.cssselect("iframe, video, embed, object") == []
    # Each tile sits in its planned cell: four columns of two rows, as in the PowerPoint output.
    assert [f"plan-tile-{n}" in a.get("class") for n, a in enumerate(tiles, start=1)] == [True] * 8


def test_image_is_full_bleed_with_alt_and_credit(page: lxml_html.HtmlElement) -> None:
    s = slide(page, "image")
    img = s.cssselect("img.full-bleed")[0]
    assert img.get("alt") == "Landskap med åser og vann under en lys himmel"
    assert "fit-cover" in img.get("class")
    assert re.fullmatch(r"assets/[0-9a-f]{16}\.jpg", img.get("src"))
    assert text(s.cssselect(".credit")[0]) == "Foto: Bly"
    assert text(s.cssselect("h2.sr-only")[0]) == "Foto fra Buskerud"


def test_image_focus_is_the_object_position(deck: Deck) -> None:
    image = next(s for s in deck.slides if s.layout == "image")
    assert isinstance(image.content, ImageContent)
    focused = dataclasses.replace(image, content=dataclasses.replace(image.content, focus=(0.5, 0.4)))
    folder = render_reveal(dataclasses.replace(deck, slides=(focused,)))
    css = b"".join(v for k, v in folder.items() if k.endswith(".css")).decode()
    assert "#slide-1 .full-bleed { object-position: 50.0% 40.0%; }" in css


def test_discussion_has_label_prompt_and_countdown(page: lxml_html.HtmlElement) -> None:
    s = slide(page, "discussion")
    assert text(s.cssselect(".discussion-label")[0]) == "Diskuter 3 minutter (to og to):"
    prompt = s.cssselect(".discussion-prompt p")[0]
    assert text(prompt) == "Hvilke forventninger skal Ringeriksregionen IPR ha til KS ?"
    countdown = s.cssselect(".countdown")[0]
    assert countdown.get("data-seconds") == "180"
    assert countdown.get("data-state") == "idle"
    assert text(countdown.cssselect(".countdown-time[role=timer]")[0]) == "3:00"
    assert countdown.cssselect("button.countdown-toggle[type=button]")


def test_a_hard_line_break_in_the_prompt_stays(deck: Deck) -> None:
    discussion = next(s for s in deck.slides if s.layout == "discussion")
    assert isinstance(discussion.content, DiscussionContent)
    runs = (Run("Hvilke forventninger skal"), Run("\n"), Run("Ringeriksregionen IPR ha til KS?"))
    content = dataclasses.replace(discussion.content, prompt=(Para(runs),))
    one = dataclasses.replace(deck, slides=(dataclasses.replace(discussion, content=content),))
    page = lxml_html.fromstring(render_reveal(one)[f"{deck.name}/index.html"])
    prompt = slide(page, "discussion").cssselect(".discussion-prompt p")[0]
    assert prompt.cssselect("br"), "the hard line break stays"
    assert text(prompt) == "Hvilke forventninger skal Ringeriksregionen IPR ha til KS?"


def test_question(page: lxml_html.HtmlElement) -> None:
    s = slide(page, "question")
    assert text(s.cssselect("h2.question-text")[0]) == ("Hvilke forventninger har nye ordførere til KS?")


def test_table(page: lxml_html.HtmlElement) -> None:
    s = slide(page, "table")
    assert [text(th) for th in s.cssselect("table.data-table thead th")] == [
        "Organ",
        "Møter",
        "Medlemmer",
    ]
    rows = s.cssselect("table.data-table tbody tr")
    assert [text(r.cssselect("td")[0]) for r in rows] == [
        "Fylkesstyrene",
        "Landstinget",
        "Landsstyret",
        "Hovedstyret",
    ]
