"""Fixtures for the PowerPoint renderer: the KS brand and a deck with one slide of every
layout (two for the paginated roster), written in the seed deck's own Norwegian text.

The deck is built directly from ``deckgen.model`` (no loading or resolving), so these tests
fail only when the renderer does.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pptx import Presentation

from deckgen.errors import Diagnostics, SourceLoc
from deckgen.model import (
    Asset,
    Brand,
    BulletsContent,
    Column,
    ColumnsContent,
    Deck,
    DiscussionContent,
    ImageContent,
    OrgChartContent,
    OrgEdge,
    OrgNode,
    Para,
    Person,
    QuestionContent,
    RosterContent,
    Run,
    SectionContent,
    Slide,
    TableContent,
    Tile,
    TilesContent,
    TitleContent,
)
from deckgen.render.pptx import render_pptx
from deckgen.resolve.brand import load_brand

ROOT = Path(__file__).resolve().parents[4]
LOC = SourceLoc("content/decks/test.yaml", 1, 1)


def r(text: str, **style: object) -> tuple[Run, ...]:
    return (Run(text, **style),)  # type: ignore[arg-type]


def para(text: str, level: int = 0, kind: str = "bullet") -> Para:
    return Para(r(text), kind, level)  # type: ignore[arg-type]


def text(*lines: str) -> tuple[Para, ...]:
    return tuple(Para(r(line)) for line in lines)


def bullets(*items: str | tuple[str, int]) -> tuple[Para, ...]:
    out = []
    for item in items:
        line, level = item if isinstance(item, tuple) else (item, 0)
        out.append(para(line, level))
    return tuple(out)


def load_ks_brand() -> Brand:
    diags = Diagnostics()
    brand = load_brand("ks", ROOT, diags, loc=LOC)
    assert brand is not None, [d.format() for d in diags]
    return brand


def photo() -> Asset:
    data = (ROOT / "assets" / "foto-bly.jpg").read_bytes()
    return Asset("assets/foto-bly.jpg", data, "image/jpeg", 1920, 1080)


PEOPLE = (
    Person("Heidi Granli", "Gol", "leder"),
    Person("Tine Norman", "Buskerud FK", "nestleder"),
    Person("Lene Spiten", "Kongsberg"),
    Person("Kjell Arne Hermansen", "Drammen"),
    Person("Tove Hofstad", "Lier"),
    Person("Kjetil Kivle", "Lier"),
    Person("Eivind Knudsen", "Drammen"),
    Person("Morten Dåsnes", "Hole"),
    Person("Wenche Risdal Lund", "Samfunnsbedriftene"),
)

ORG = OrgChartContent(
    nodes=(
        OrgNode("kommunestyrer", r("Kommunestyre og fylkesting"), (), 0, 0),
        OrgNode(
            "fylkesmotene",
            r("Fylkesmøtene"),
            bullets(
                "Fylkesmøtene er KS øverste politiske organ i fylket",
                "1 møte i året",
                "Antall medlemmer etter folketall i kommunene og fylkeskommunen",
                "Velges av kommunestyre og fylkesting",
            ),
            1,
            0,
        ),
        OrgNode(
            "fylkesstyrene",
            r("Fylkesstyrene"),
            bullets(
                "Fylkesstyrene utøver den daglige politiske ledelsen i fylket",
                "5 møter i året",
                "7-15 medlemmer bestemt av fylkesmøtet",
                "Velges av fylkesmøtet",
            ),
            2,
            0,
        ),
        OrgNode(
            "landstinget",
            r("Landstinget"),
            bullets(
                "Landstinget er KS øverste politiske organ.",
                "1 møte i valgperioden.",
                "Ca 240 medlemmer etter folketallet i fylkene",
                "Velges av fylkesmøtene og fylkestingene",
            ),
            2,
            1,
        ),
        OrgNode(
            "landsstyret",
            r("Landsstyret"),
            bullets(
                "Landsstyret er KS øverste politiske organ mellom landstingene.",
                "2 møter i året",
                "Består av 54 medlemmer.",
                ("✓ Fylkesstyrelederne og hovedstyret er automatisk medlemmer", 1),
                "Øvrige medlemmer velges av- og blant landstinget",
            ),
            3,
            0,
        ),
        OrgNode(
            "hovedstyret",
            r("Hovedstyret"),
            bullets(
                "Hovedstyret utøver den daglig politiske ledelse",
                "10 møter i året",
                "Består av 15 medlemmer",
                "Velges av landstinget blant medlemmer i kommunestyre og fylkesting, samt "
                "kommune-/by-/fylkesråder i parlamentarisme. (Man må mao ikke være "
                "landstingsdelegat).",
            ),
            3,
            1,
        ),
    ),
    edges=(
        OrgEdge("kommunestyrer", "fylkesmotene"),
        OrgEdge("fylkesmotene", "fylkesstyrene"),
        OrgEdge("fylkesmotene", "landstinget"),
        OrgEdge("kommunestyrer", "landstinget"),
        OrgEdge("landstinget", "landsstyret"),
        OrgEdge("landstinget", "hovedstyret"),
    ),
    direction="right",
    ranks=4,
)

TILES = TilesContent(
    (
        Tile(r("Video 1"), "https://youtu.be/ZSaGU498CK0", "video", "youtu.be/ZSaGU498CK0"),
        Tile(r("Video 2"), "https://youtu.be/Im0hP_ZxaRc", "video", "youtu.be/Im0hP_ZxaRc"),
        Tile(r("TØRN"), "https://www.ks.no/torn/", "link", "ks.no/torn"),
        Tile(r("Fremtidsverktøyet 2040"), "https://www.ks.no/fremtidsverktoyet-2040/"),
        Tile(r("Kommunesektoren mot 2050"), "https://www.ks.no/kommunesektoren-mot-2050/"),
        Tile(r("Hold deg oppdatert på KS.no"), "https://www.ks.no/", "link", "ks.no"),
        Tile(r("Digitale fellestjenester"), "https://www.ks.no/digitale-fellestjenester/"),
        Tile(
            r("Informasjon og påmelding KS Toppmøter 2024"),
            "https://www.ks.no/toppmote-2024/",
            "link",
            "ks.no/toppmote-2024",
        ),
    )
)

PROSJEKTER = (
    Para(r("«Bærekraftsløftet»"), "bullet", 0),
    para("12 kommuner kull 1. Oppstart kull 2 november 23", 1),
    Para(
        (Run("«Tørn»", bold=True), Run(" – se "), Run("ks.no/torn", href="https://www.ks.no/torn/")),
        "bullet",
        0,
    ),
    Para((Run("18 kommuner i Viken deltar", italic=True),), "bullet", 1),
    para("«ABSOLUTT»"),
    Para((Run("Oppstart april 24 "), Run("(plan.md)", code=True)), "bullet", 1),
)


def seed_slides() -> tuple[Slide, ...]:
    """One slide of every layout (the roster twice: page 1/1 and a 2-page split)."""
    loc = SourceLoc("content/slides/test.md", 1, 1)

    def slide(layout: str, title: str, content: object, notes: str = "", hidden: str = "") -> Slide:
        return Slide(
            layout,
            r(title) if title else (),
            content,  # type: ignore[arg-type]
            text(notes) if notes else (),
            hidden or title,
            loc,
        )

    return (
        slide(
            "title",
            "KS – Kommunesektorens organisasjon",
            TitleContent(text("Regionmøte i Buskerud"), text("Regionmøte · Drammen · 11. juni 2024")),
            "Velkommen til regionmøte i Buskerud.",
        ),
        slide(
            "columns",
            "Våre roller",
            ColumnsContent(
                (
                    Column(r("Interessepolitisk aktør")),
                    Column(r("Arbeidsgiverorganisasjon")),
                    Column(r("Utviklingspartner")),
                )
            ),
            "KS har tre roller overfor kommunesektoren.",
        ),
        slide(
            "orgchart",
            "KS politiske organisering",
            ORG,
            "Pilene viser hvem som velger hvem.",
        ),
        slide(
            "roster",
            "Nytt fylkesstyre i Buskerud 2024-2027",
            RosterContent(PEOPLE),
            "Fylkesstyret i KS Buskerud for perioden 2024-2027.",
        ),
        slide(
            "bullets",
            "Organisering med tre nye fylker",
            BulletsContent(
                bullets(
                    "Det legges til grunn at KS regionapparat fortsatt kan organiseres slik at "
                    "det kan ha ansvar for flere fylker.",
                    "KS Viken vil ha samme ansvar som i dag i forhold til Østfold, Akershus og Buskerud.",
                )
            ),
        ),
        slide("section", "Utfordringsbildet og muligheter fremover", SectionContent()),
        slide("tiles", "HVA JOBBER KS MED NÅ ?", TILES, "Lenkene åpnes i nettleseren."),
        slide("bullets", "Prosjekter", BulletsContent(PROSJEKTER)),
        slide(
            "image",
            "",
            ImageContent(photo(), "Landskap med åser og vann under en lys himmel", "Foto: Bly"),
            hidden="Foto fra Buskerud",
        ),
        slide(
            "discussion",
            "Diskuter 3 minutter (to og to):",
            DiscussionContent(
                text("Hvilke forventninger skal Ringeriksregionen IPR ha til KS ?"),
                3,
                "to og to",
                "Diskuter 3 minutter (to og to):",
            ),
            "Start nedtellingen.\nHent inn et par svar etterpå.",
        ),
        slide(
            "question",
            "Hvilke forventninger har nye ordførere til KS?",
            QuestionContent(text("Hvilke forventninger har nye ordførere til KS?")),
        ),
        slide(
            "table",
            "Møter og medlemmer",
            TableContent(
                (r("Organ"), r("Møter"), r("Medlemmer")),
                (
                    (r("Fylkesstyrene"), r("5 i året"), r("7-15, bestemt av fylkesmøtet")),
                    (r("Landstinget"), r("1 i valgperioden"), r("Ca 240")),
                    (r("Landsstyret"), r("2 i året"), r("54")),
                    (r("Hovedstyret"), r("10 i året"), r("15")),
                ),
            ),
        ),
        slide(
            "roster",
            "Fylkesstyret",
            RosterContent(PEOPLE[:5], page=1, pages=2),
        ),
        slide(
            "roster",
            "Fylkesstyret",
            RosterContent(PEOPLE[5:], page=2, pages=2),
        ),
    )


def make_deck(brand: Brand, **changes: object) -> Deck:
    values: dict[str, object] = {
        "name": "regionmote-buskerud",
        "title": "KS – Kommunesektorens organisasjon",
        "subtitle": "Regionmøte i Buskerud",
        "author": "KS Viken",
        "date": "2024-06-11",
        "lang": "nb-NO",
        "brand": brand,
        "slides": seed_slides(),
        "county": "buskerud",
        "keywords": "KS, regionmøte, fylkesstyre",
        "loc": LOC,
    }
    values.update(changes)
    return Deck(**values)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def ks_brand() -> Brand:
    return load_ks_brand()


@pytest.fixture(scope="session")
def deck(ks_brand: Brand) -> Deck:
    return make_deck(ks_brand)


@pytest.fixture(scope="session")
def pptx_bytes(deck: Deck) -> bytes:
    out = render_pptx(deck)
    assert list(out) == ["regionmote-buskerud.pptx"]
    return out["regionmote-buskerud.pptx"]


@pytest.fixture(scope="session")
def prs(pptx_bytes: bytes):  # type: ignore[no-untyped-def]
    return Presentation(io.BytesIO(pptx_bytes))
