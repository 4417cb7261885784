"""The fit step and the overflow rule share their measurements: what the fit step planned
and laid out, the rule finds remembered (with the deck's fonts) instead of doing it again,
and what it finds is what it finds measuring afresh."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from deckgen.build import load_source
from deckgen.check import run_checks, textfit
from deckgen.check.context import CheckContext
from deckgen.check.fit import fit_deck
from deckgen.errors import Diagnostics
from deckgen.model import Deck
from deckgen.resolve import resolve

from .conftest import FIXTURES, make_project

overflow_module = importlib.import_module("deckgen.check.overflow")  # the package's name is the rule

@pytest.fixture(scope="module")
def deck(tmp_path_factory: pytest.TempPathFactory) -> Deck:
    project = make_project(tmp_path_factory.mktemp("shared"), "overflow", base=FIXTURES)
    diags = Diagnostics()
    src, proj = load_source(Path(project / "content/decks/overflow.yaml"), diags)
    assert src is not None
    found = resolve(src, proj, None, diags)
    assert found is not None and not diags.errors
    return found  # resolved, not yet fitted


def test_the_overflow_rule_plans_and_lays_out_little_the_fit_step_did_not(deck: Deck, monkeypatch: pytest.MonkeyPatch) -> None:
    CheckContext(deck).fonts.memo.clear()
    fitted = fit_deck(deck)
    calls = {"plan": 0, "lay_out": 0}
    plan_slide, lay_out = overflow_module.plan_slide, textfit._lay_out

    def counted_plan(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls["plan"] += 1
        return plan_slide(*args, **kwargs)

    def counted_lay_out(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls["lay_out"] += 1
        return lay_out(*args, **kwargs)

    monkeypatch.setattr(overflow_module, "plan_slide", counted_plan)
    monkeypatch.setattr(textfit, "_lay_out", counted_lay_out)
    remembered = run_checks(fitted)
    assert any(d.rule == "overflow" for d in remembered), "the fixture has overflow findings"
    # Every plan was made by the fit step; the boxes left to lay out are the drawn texts of
    # slides whose search stopped at their first text that did not fit.
    assert calls["plan"] == 0
    remembered_lay_outs = calls["lay_out"]
    CheckContext(deck).fonts.memo.clear()
    calls.update(plan=0, lay_out=0)
    afresh = run_checks(fitted)
    assert calls["plan"] > 0 and calls["lay_out"] > 4 * remembered_lay_outs
    assert [d.format() for d in afresh] == [d.format() for d in remembered]
