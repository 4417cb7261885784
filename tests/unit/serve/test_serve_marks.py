"""What the preview page gets to mark findings on its slides: after a good build with quality
findings, the event stream's ``hello`` (and ``clear``) carry each warning with its slide and
box -- the overflowing body, the picture without alt text -- and the deck is served; a finding
that is on no slide (a brand colour) is listed without a mark. The browser side is in
tests/acceptance/test_serve.py."""

from __future__ import annotations

import re
from pathlib import Path

from fixtures.drafts import OVERFLOW_LINE, OVERFLOW_SLIDE, PICTURE_LINE, PICTURE_SLIDE, draft_project

from deckgen.errors import Diagnostic, Mark, SourceLoc
from deckgen.serve import DeckBuilder, Preview
from deckgen.serve.client import EventStream, fetch
from deckgen.serve.preview import BuildOutcome


def test_findings_carry_their_slide_and_box() -> None:
    loc = SourceLoc("talk.md", 3, 1)
    outcome = BuildOutcome(diagnostics=(
        Diagnostic(loc, "title needs 120% of its box", "warning", rule="overflow", kind="quality", mark=Mark(4, "title")),
        Diagnostic(loc, "unused key 'x'", "warning"),
        Diagnostic(loc, "tile 1 has no link", "info", rule="tile-link", kind="quality"),
    ))
    assert outcome.findings() == (
        {"text": "talk.md:3:1: warning: title needs 120% of its box [overflow]", "slide": 4, "box": "title"},
        {"text": "talk.md:3:1: warning: unused key 'x'", "slide": None, "box": None},
    )
    assert outcome.error_lines() == ("error: the build produced no HTML page",)  # warnings are no errors


def test_a_draft_is_served_with_its_findings_marked(tmp_path: Path) -> None:
    project = draft_project(tmp_path / "p")
    preview = Preview(DeckBuilder(project / "talk.md", None, tmp_path / "out"), port=0)
    try:
        report = preview.start()
        assert report.action == "reload", report.outcome.error_lines()
        page = fetch(preview.url, "/").body.decode()
        assert "Punkt nummer 14 i en lang liste" in page  # the overflowing slide is shown whole
        with EventStream(preview.url) as stream:
            hello = stream.next()
        assert hello.name == "hello" and hello.data["build"] == 1 and hello.data["errors"] == []
        marks = {(f["slide"], f["box"]) for f in hello.data["findings"]}
        assert (OVERFLOW_SLIDE, "body") in marks
        assert (PICTURE_SLIDE, "picture") in marks
        by_mark = {(f["slide"], f["box"]): f["text"] for f in hello.data["findings"]}
        assert re.match(rf"talk\.md:{OVERFLOW_LINE}:1: warning: body text needs 1\d\d% of its box", by_mark[OVERFLOW_SLIDE, "body"])
        assert by_mark[PICTURE_SLIDE, "picture"].startswith(f"talk.md:{PICTURE_LINE}:1: warning: picture 'photo.jpg' has no alt text")
        assert any(f["slide"] is None and "brand colour 'muted'" in f["text"] for f in hello.data["findings"])
        # The marked boxes are on the page, where the marks are drawn.
        assert f'id="slide-{OVERFLOW_SLIDE}"' in page and f'id="slide-{PICTURE_SLIDE}"' in page
        # An unchanged rebuild sends the findings again with 'clear'.
        with EventStream(preview.url) as stream:
            stream.next()
            preview.rebuild()
            clear = stream.until(("clear", "reload"))
        assert clear.name == "clear" and clear.data["findings"] == hello.data["findings"]
    finally:
        preview.close()
