"""The two kinds of finding, decided in one place: which findings fail a run (with and
without --strict), how a rule's finding becomes a quality finding, and that the check rules
are of the kinds docs/check.md says."""

from __future__ import annotations

import pytest

from deckgen.check import QUALITY, RULES
from deckgen.errors import Diagnostic, Diagnostics, Mark, SourceLoc

LOC = SourceLoc("content/slides/s.md", 3, 1)


@pytest.mark.parametrize(
    ("severity", "kind", "fails", "fails_strict"),
    [
        ("error", "meaning", True, True),
        ("warning", "meaning", False, True),
        ("warning", "quality", False, True),
        ("info", "quality", False, False),
    ],
)
def test_what_fails_a_run(severity: str, kind: str, fails: bool, fails_strict: bool) -> None:
    d = Diagnostic(LOC, "m", severity, kind=kind)  # type: ignore[arg-type]
    assert (d.fails(), d.fails(strict=True)) == (fails, fails_strict)
    diags = Diagnostics()
    diags.extend([d])
    assert (bool(diags.failing()), bool(diags.failing(True))) == (fails, fails_strict)


def test_a_quality_finding_is_never_an_error() -> None:
    with pytest.raises(ValueError, match="quality finding"):
        Diagnostic(LOC, "m", "error", kind="quality")
    d = Diagnostic(LOC, "needs 120%", "error", "shorten it", "overflow", mark=Mark(2, "body")).as_quality()
    assert (d.severity, d.kind, d.mark, d.hint, d.rule) == ("warning", "quality", Mark(2, "body"), "shorten it", "overflow")
    assert Diagnostic(LOC, "m", "info").as_quality().severity == "info"
    assert d.as_json()["kind"] == "quality"


def test_the_rules_kinds_are_those_documented() -> None:
    assert set(QUALITY) <= set(RULES)
    assert set(RULES) - QUALITY == {"link-scheme", "brand-mapping"}  # errors of meaning
