"""Deck.timestamp: the deck's YYYY-MM-DD date, else SOURCE_DATE_EPOCH, else '' (the renderer's
fixed epoch) — chosen at resolve, so no renderer reads the environment."""

from __future__ import annotations

import pytest

from deckgen.errors import UsageError
from deckgen.resolve import document_timestamp


def test_the_decks_own_date_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1718100000")
    assert document_timestamp("2024-05-02") == "2024-05-02T00:00:00"


def test_a_text_date_falls_back_to_source_date_epoch_with_its_time_of_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1718100000")
    assert document_timestamp("5. mars 2025") == "2024-06-11T10:00:00"
    assert document_timestamp("") == "2024-06-11T10:00:00"
    assert document_timestamp("20240502") == "2024-06-11T10:00:00"  # not YYYY-MM-DD


def test_without_either_it_is_empty_never_the_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert document_timestamp("") == ""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "not a number")
    assert document_timestamp("") == ""


def test_an_impossible_day_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert document_timestamp("2024-02-30") == ""  # the resolver reports it as a located error


def test_an_epoch_out_of_range_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "9" * 30)
    with pytest.raises(UsageError, match="SOURCE_DATE_EPOCH"):
        document_timestamp("")
