"""Fenced code shows as native monospace text with syntax colours, the same in both outputs:
coloured runs in PowerPoint, classes with generated colours in reveal.js (never a style
attribute: the page's policy forbids them); a language the highlighter does not know is plain."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from click.testing import CliRunner
from lxml import html
from pptx import Presentation

from deckgen.cli import main

REPO = Path(__file__).resolve().parents[2]

DECK = """---
title: Kode
brand: ks
---

# Et eksempel

```python
def hils(navn):
    return "Hei"  # en hilsen
```

# Ukjent språk

```klingon
qapla' batlh
```
"""


def test_code_has_the_same_colours_in_both_outputs(tmp_path: Path) -> None:
    shutil.copytree(REPO / "templates", tmp_path / "templates")
    (tmp_path / "talk.md").write_text(DECK, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(tmp_path / "talk.md"), "--format", "pptx,html-single", "--out", str(out)])
    assert result.exit_code == 0, result.output

    prs = Presentation(str(out / "talk.pptx"))
    body = prs.slides[1].placeholders[1].text_frame
    runs = [(r.text, r.font.color.rgb if r.font.color and r.font.color.type else None, r.font.name)
            for p in body.paragraphs for r in p.runs]
    assert "".join(t for t, _, _ in runs) == 'def hils(navn):    return "Hei"  # en hilsen'
    assert all(font == "Courier New" for _, _, font in runs)  # monospace, every run
    colours = {t.strip(): str(c) for t, c, _ in runs if c is not None}
    assert colours == {"def": "A90D91", "return": "A90D91", '"Hei"': "C41A16", "# en hilsen": "177500"}
    plain = [(r.text, r.font.color.type) for p in prs.slides[2].placeholders[1].text_frame.paragraphs for r in p.runs]
    assert plain == [("qapla' batlh", None)]  # unknown language: the placeholder's own colour

    page_bytes = (out / "talk.html").read_bytes()
    page = html.fromstring(page_bytes)
    codes = page.cssselect("#slide-2 code")
    assert [(c.text, c.get("class")) for c in codes if c.text and c.text.strip() == "def"] == [("def ", "hl hl-a90d91")]
    assert [c.get("class") for c in codes if c.text == "# en hilsen"] == ["hl hl-177500"]
    assert [c.get("class") for c in codes if c.text == "hils(navn):"] == ["hl"]  # its line's runs join up
    assert [c.get("class") for c in page.cssselect("#slide-3 code")] == [None]
    assert not page.xpath("//body//*[@style]")
    css = "".join(s.text or "" for s in page.cssselect("style"))
    assert ".reveal code.hl { padding: 0; border-radius: 0; white-space: pre-wrap; }" in css  # indentation kept
    assert ".reveal code.hl-a90d91 { color: #a90d91; }" in css
    assert ".reveal code.hl-c41a16 { color: #c41a16; }" in css
    assert set(re.findall(r"code\.(hl-[0-9a-f]{6})", css)) == {"hl-a90d91", "hl-c41a16", "hl-177500"}
