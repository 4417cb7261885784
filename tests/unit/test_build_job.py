"""The one job (deckgen.build.run_job) and the commands that run it: build, thumbs and serve
see the same findings (the project's too), and a bug becomes exit 70 in every one of them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from deckgen import thumbs as thumbs_module
from deckgen.build import INTERNAL_ERROR, Options, build_county, run_job
from deckgen.model import Deck
from deckgen.serve import DeckBuilder
from deckgen.thumbs import ThumbOptions, build_thumbs

DECK = Path("content") / "decks" / "regionmote.yaml"


def _unused_slide(project: Path) -> None:
    """A library slide no deck uses: only a check that reads the project finds it."""
    shutil.copy(project / "content" / "slides" / "diskusjon.md", project / "content" / "slides" / "utkast.md")


def test_run_job_writes_what_produce_returns(project: Path, tmp_path: Path) -> None:
    seen: list[Deck] = []

    def produce(deck: Deck) -> dict[str, bytes]:
        seen.append(deck)
        return {f"{deck.name}.txt": deck.title.encode()}

    result = run_job(project / DECK, "buskerud", produce, tmp_path / "out")
    assert result.ok, [d.format() for d in result.diagnostics]
    assert result.name == "regionmote-buskerud" and result.slides == len(seen[0].slides) > 0
    assert result.outputs == [str(tmp_path / "out" / "regionmote-buskerud.txt")]
    assert (tmp_path / "out" / "regionmote-buskerud.txt").read_bytes() == seen[0].title.encode()


def test_run_job_does_not_produce_a_deck_with_errors(project: Path, tmp_path: Path) -> None:
    slide = project / "content" / "slides" / "ny-hverdag.md"
    slide.write_text(slide.read_text(encoding="utf-8").replace("county.name", "county.nmae"), encoding="utf-8")

    def produce(deck: Deck) -> dict[str, bytes]:
        raise AssertionError("a deck with errors was rendered")

    result = run_job(project / DECK, "buskerud", produce, tmp_path / "out")
    assert not result.ok and result.exit_code == 1 and not result.failure
    assert any(d.severity == "error" and "county.nmae" in d.message for d in result.diagnostics)
    assert not (tmp_path / "out").exists()


def test_run_job_turns_a_bug_into_exit_70_with_its_traceback(project: Path, tmp_path: Path) -> None:
    def produce(deck: Deck) -> dict[str, bytes]:
        raise ZeroDivisionError("boom")

    result = run_job(project / DECK, "buskerud", produce, tmp_path / "out")
    assert not result.ok and result.exit_code == INTERNAL_ERROR
    assert "Traceback" in result.failure and "ZeroDivisionError: boom" in result.failure


def test_run_job_reports_a_missing_deck_file_as_a_failure(tmp_path: Path) -> None:
    result = run_job(tmp_path / "nope.yaml", None, lambda deck: {}, tmp_path / "out")
    assert not result.ok and result.exit_code == 2 and "no such deck file" in result.failure


def test_build_thumbs_and_serve_see_the_projects_findings(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _unused_slide(project)
    built = build_county(project / DECK, "buskerud", Options(("html",), tmp_path / "build"))
    served = DeckBuilder(project / DECK, "buskerud", tmp_path / "serve")()
    # Thumbnails need LibreOffice; the findings come before rendering, so a stand-in is enough.
    monkeypatch.setattr(thumbs_module, "render", lambda deck, options: {f"{deck.name}.pdf": b"%PDF"})
    monkeypatch.setattr(thumbs_module, "thumbnails", lambda pdf, **kw: thumbs_module.Thumbnails(b"png", (), (1, 1), (1, 1)))
    thumbed = build_thumbs(project / DECK, "buskerud", ThumbOptions(tmp_path / "thumbs"))
    assert built.ok and served.ok and thumbed.ok
    unused = [d.format() for d in built.diagnostics if d.rule == "unused-slide"]
    assert len(unused) == 1 and "utkast" in unused[0]
    assert [d.format() for d in served.diagnostics] == [d.format() for d in built.diagnostics]
    assert [d.format() for d in thumbed.diagnostics] == [d.format() for d in built.diagnostics]


def test_a_bug_in_thumbs_or_serve_is_exit_70_not_a_crash(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(deck: Deck, options: Options) -> dict[str, bytes]:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(thumbs_module, "render", broken)
    thumbed = build_thumbs(project / DECK, "buskerud", ThumbOptions(tmp_path / "thumbs"))
    assert thumbed.exit_code == INTERNAL_ERROR and "ZeroDivisionError: boom" in thumbed.failure
    monkeypatch.setattr("deckgen.serve.render", broken)
    served = DeckBuilder(project / DECK, "buskerud", tmp_path / "serve")()
    assert not served.ok and not served.files and "ZeroDivisionError: boom" in served.failure
