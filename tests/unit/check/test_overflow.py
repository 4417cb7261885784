"""The overflow rule on decks built in code with the KS brand: exact findings, locations and
remedies, for placeholders and for the shapes the renderer draws."""

from __future__ import annotations

from dataclasses import replace

from deckgen import geometry as geo
from deckgen.check.overflow import measure_slide
from deckgen.errors import SourceLoc
from deckgen.model import (
    BulletsContent,
    Column,
    ColumnsContent,
    DiscussionContent,
    ImageContent,
    OrgChartContent,
    OrgNode,
    Person,
    QuestionContent,
    RosterContent,
    TableContent,
    Tile,
    TilesContent,
    TitleContent,
)

from .conftest import ctx, deck, findings, ks_brand, para, runs, slide

HINT_BODY = ("split the slide in two, shorten the text, or move detail into the speaker "
             "notes [overflow]")


def bullets(n: int) -> BulletsContent:
    return BulletsContent(tuple(para("Kort punkt", line=10 + i) for i in range(n)))


def test_nine_short_bullets_fit_the_ks_body_and_ten_do_not() -> None:
    # A 24 pt line is 28.8 pt, 10 pt before each but the first, in 348.5 pt inside the box.
    assert findings(deck(slide("bullets", bullets(9))), "overflow") == []
    assert findings(deck(slide("bullets", bullets(10))), "overflow") == [
        "content/slides/s.md:19:1: warning: body text needs 108% of its box; " + HINT_BODY
    ]


def test_the_finding_points_at_the_first_paragraph_past_the_box() -> None:
    body = BulletsContent(tuple(para("Kort punkt", line=10 + i) for i in range(12)))
    (found,) = findings(deck(slide("bullets", body)), "overflow")
    assert found.startswith("content/slides/s.md:19:1: warning: body text needs 130% of its box;")


def test_nested_levels_use_the_masters_sizes_and_margins() -> None:
    # Level 2 is 18 pt (21.6 pt lines, 5 pt before): 13 of them fit, 14 do not.
    nested = [para("Punkt", level=2, line=10 + i) for i in range(14)]
    assert findings(deck(slide("bullets", BulletsContent(tuple(nested[:13])))), "overflow") == []
    assert findings(deck(slide("bullets", BulletsContent(tuple(nested)))), "overflow") != []


def test_a_two_line_title_does_not_fit_a_content_slides_title_box() -> None:
    long = "En lang tittel som fyller nesten hele bredden av feltet og litt til"
    assert findings(deck(slide("bullets", bullets(1), long)), "overflow") == [
        "content/slides/s.md:3:1: warning: title needs 108% of its box; shorten the title; "
        "details belong in the body [overflow]"
    ]
    assert findings(deck(slide("bullets", bullets(1), "En kort tittel")), "overflow") == []


def test_a_roster_pages_title_is_measured_as_shown() -> None:
    # resolve puts the page mark into the title; check measures that title, mark once.
    people = tuple(Person(f"Person {i}", "Gol", "medlem") for i in range(3))
    roster = slide("roster", RosterContent(people, 2, 3), "Tittel (2/3)")
    (title, *_rest) = measure_slide(ctx(deck(roster)), roster)
    assert "".join(p.text for p in title[0].frame.paras[0].pieces) == "Tittel (2/3)"


def test_question_and_prompt_are_measured_in_their_placeholders() -> None:
    words = " ".join(["Hvordan"] * 60)
    question = slide("question", QuestionContent((para(words, "text", line=7),)), "")
    prompt = DiscussionContent((para(words, "text", line=8),), 3, "to og to", "Diskuter:")
    assert findings(deck(question, slide("discussion", prompt, "")), "overflow") == [
        "content/slides/s.md:7:1: warning: question needs 222% of its box; shorten the "
        "question, or use the 'bullets' layout for a longer text [overflow]",
        "content/slides/s.md:8:1: warning: prompt needs 156% of its box; shorten the prompt; "
        "background belongs in the speaker notes [overflow]",
    ]


def test_title_slide_and_image_credit() -> None:
    cover = slide("title", TitleContent((para("Undertittel", "text"),), (para("Sted", "text"),)))
    assert findings(deck(cover), "overflow") == []
    asset_slide = slide("image", ImageContent(_asset(), "Et bilde", "Foto: " + "x" * 200), "")
    assert findings(deck(asset_slide), "overflow") == [
        "content/slides/s.md:3:1: warning: photo credit needs 272% of its box; shorten the photo "
        "credit [overflow]"
    ]


def _asset():  # type: ignore[no-untyped-def]
    from deckgen.model import Asset

    return Asset("assets/a.png", b"", "image/png", 10, 10)


# --------------------------------------------------------------------------- drawn shapes


def test_columns_cards_use_the_renderers_sizes_and_report_past_the_smallest() -> None:
    short = ColumnsContent((Column(runs("Rolle"), (para("Kort tekst", line=9),)),) * 3)
    assert findings(deck(slide("columns", short)), "overflow") == []
    long_body = tuple(para("Vi samler kommunene om felles krav og følger opp hele året", line=9)
                      for _ in range(20))
    crowded = ColumnsContent((Column(runs("Rolle"), long_body), Column(runs("B")),
                              Column(runs("C"))))
    (found,) = findings(deck(slide("columns", crowded)), "overflow")
    assert found.startswith("content/slides/s.md:9:1: warning: column 1 ('Rolle') needs ")
    assert found.endswith("of its card; shorten the column's text, use fewer columns, or use "
                          "the 'bullets' layout [overflow]")


def test_org_chart_bodies_are_located_at_their_entries() -> None:
    facts = tuple(para("Fylkesmøtet er det øverste politiske organet i fylket", line=20)
                  for _ in range(30))
    nodes = (OrgNode("a", runs("Kommunestyrene"), loc=SourceLoc("content/slides/s.md", 6, 5)),
             OrgNode("b", runs("Fylkesmøtet"), facts, 1, loc=SourceLoc("content/slides/s.md",
                                                                        9, 5)))
    chart = slide("orgchart", OrgChartContent(nodes, (), "right", 2))
    (found,) = findings(deck(chart), "overflow")
    # At the first fact that runs past the box (the name paragraph is at the body's entry).
    assert found.startswith("content/slides/s.md:20:1: warning: org chart body 'Fylkesmøtet' "
                            "needs ")


def test_tiles_keep_the_play_mark_free() -> None:
    tiles = [Tile(runs(t), "https://example.org/" + t.split()[0].lower()) for t in
             ("Toppmøtet", "Verktøy", "Økonomi", "Arbeidsgiver", "Digital", "Klima",
              "Beredskap", "Folkehelse", "Innovasjon", "Barnehage", "Skole")]
    video = Tile(runs("Film om samarbeidet mellom kommunene i regionen"),
                 "https://example.org/film", "video")
    short = Tile(runs("Film om samarbeid i regionen"), "https://example.org/film", "video")
    assert findings(deck(slide("tiles", TilesContent((short, *tiles)))), "overflow") == []
    assert findings(deck(slide("tiles", TilesContent((video, *tiles)))), "overflow") == [
        "content/slides/s.md:3:1: warning: tile 1 ('Film om samarbeidet mellom kommunene i "
        "regionen') needs 107% of its card; shorten the tile titles, or use fewer tiles on the "
        "slide [overflow]"
    ]


def test_a_roster_that_overflows_says_how_many_people_fit_a_page() -> None:
    role = ("varamedlem med ansvar for samarbeidet med staten og fylkeskommunen om alt som "
            "angår kommunene i regionen og nabofylkene")
    people = tuple(Person(f"Person nummer {i}", "Kongsbergregionen", role) for i in range(16))
    (found,) = findings(deck(slide("roster", RosterContent(people))), "overflow")
    assert found.startswith("content/slides/s.md:3:1: warning: the roster table needs ")
    assert "of its area; set 'per_page: 9' (or fewer) on the roster slide" in found


def test_a_table_that_fits_and_one_that_does_not() -> None:
    header = (runs("Kommune"), runs("Rolle"))
    small = TableContent(header, tuple((runs("Gol"), runs("Leder")) for _ in range(5)))
    assert findings(deck(slide("table", small)), "overflow") == []
    big = TableContent(header, tuple((runs("Gol"), runs("Leder")) for _ in range(40)))
    (found,) = findings(deck(slide("table", big)), "overflow")
    assert found.startswith("content/slides/s.md:3:1: warning: the table needs ")
    assert found.endswith("of its area; split the table over two slides, or shorten the "
                          "cells [overflow]")


def test_without_font_files_text_is_still_measured_by_estimate() -> None:
    brand = replace(ks_brand(), font_files={})
    assert findings(deck(slide("bullets", bullets(9)), brand=brand), "overflow") == []
    assert findings(deck(slide("bullets", bullets(10)), brand=brand), "overflow") == [
        "content/slides/s.md:19:1: warning: body text needs 108% of its box; " + HINT_BODY
    ]


def test_fields_the_brand_does_not_map_are_left_to_the_brand_rule() -> None:
    brand = ks_brand()
    layouts = dict(brand.layouts)
    layouts["bullets"] = replace(layouts["bullets"], placeholders={"title": 0, "body": 99})
    assert findings(deck(slide("bullets", bullets(30)), brand=replace(brand, layouts=layouts)),
                    "overflow") == []


def test_geometry_cards_are_inset_by_their_rounded_corners() -> None:
    assert geo.corner_inset(geo.Box(0, 0, 1000000, 500000), 0.08) == int(0.29289 * 0.08 * 500000)
