"""Markdown end to end: raw HTML never reaches either output, link and picture targets are
allow-listed in both, nesting deeper than the master styles and markdown-it's silent
truncation are located errors."""

from __future__ import annotations

import re
import zipfile

from .conftest import Mini, assert_failed_cleanly, slide_xml

EVIL = "alert(1)"


def all_slide_xml(pkg: zipfile.ZipFile) -> str:
    return "".join(pkg.read(n).decode("utf-8") for n in sorted(pkg.namelist())
                   if n.startswith(("ppt/slides/", "ppt/notesSlides/")) and n.endswith(".xml"))


def all_rels(pkg: zipfile.ZipFile) -> str:
    return "".join(pkg.read(n).decode("utf-8") for n in sorted(pkg.namelist())
                   if n.startswith("ppt/slides/_rels/"))


def slides_part(page: str) -> str:
    """The slides of a page, without the inlined reveal.js code of the single-file build."""
    start, end = page.find("<section"), page.rfind("</section>")
    assert 0 <= start < end, "no slides in the page"
    return page[start:end]


def test_raw_html_is_dropped_from_both_outputs_with_located_warnings(mini: Mini) -> None:
    mini.slide(
        "# Tittel\n\n"
        "Tekst <img src=x onerror=alert(1)> videre\n\n"
        "<script>alert(1)</script>\n\n"
        '<iframe src="https://evil.example"></iframe>\n\n'
        "- punkt <b onclick=alert(1)>fet</b>\n"
    )
    run = mini.build()
    assert run.exit_code == 0, run.stderr
    assert ("content/slides/a.md:3:1: warning: raw HTML '<img src=x onerror=alert(1)>' is not "
            "allowed and was left out; use Markdown instead [raw-html]") in run.stderr
    assert ("content/slides/a.md:5:1: warning: raw HTML is not allowed in slides and was left "
            "out; use Markdown instead [raw-html]") in run.stderr
    assert "content/slides/a.md:7:1: warning: raw HTML is not allowed" in run.stderr
    assert "content/slides/a.md:9:1: warning: raw HTML '<b onclick=alert(1)>'" in run.stderr
    with mini.pptx() as pkg:
        xml = all_slide_xml(pkg)
    assert EVIL not in xml and "iframe" not in xml and "onclick" not in xml
    assert "Tekst  videre" in xml and "punkt fet" in xml
    for page in map(slides_part, (mini.html(), mini.single_html())):
        assert EVIL not in page and "<iframe" not in page and "onclick" not in page
        assert "punkt fet" in page


def test_html_written_as_text_is_escaped_in_html(mini: Mini) -> None:
    # Text that only looks like HTML (a code span, a speaker note, a deck title) is text:
    # escaped in the page, never markup.
    mini.write("content/decks/talk.yaml",
               'title: "<script>alert(1)</script> møte"\nlang: nb-NO\nslides:\n  - use: a\n')
    mini.slide("# Tittel\n\n- kode `<script>alert(1)</script>`\n\n"
               "::: notes\nSi <script>alert(1)</script> høyt\n:::\n")
    run = mini.build()
    assert run.exit_code == 0, run.stderr
    for page in (mini.html(), mini.single_html()):
        assert "<script>alert(1)</script>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_link_targets_are_allow_listed_in_both_outputs(mini: Mini) -> None:
    mini.slide("# Lenker\n\n"
               "- [trygg](https://www.ks.no/side?a=1&b=2)\n"
               "- [post](mailto:post@ks.no)\n"
               "- [ftp](ftp://files.example/x)\n"
               "- [relativ](../../secret.txt)\n")
    run = mini.build()
    assert run.exit_code == 0, run.stderr
    assert "content/slides/a.md:5:1: warning: link target 'ftp://files.example/x' is not an " \
           "http, https or mailto address" in run.stderr
    assert "content/slides/a.md:6:1: warning: link target '../../secret.txt'" in run.stderr
    with mini.pptx() as pkg:
        rels = all_rels(pkg)
        xml = slide_xml(pkg)
    targets = re.findall(r'Target="([^"]+)" TargetMode="External"', rels)
    assert sorted(targets) == ["https://www.ks.no/side?a=1&amp;b=2", "mailto:post@ks.no"]
    assert "relativ" in xml and "ftp" in xml  # the text stays, without a link
    for page in map(slides_part, (mini.html(), mini.single_html())):
        hrefs = re.findall(r'<a [^>]*href="([^"]*)"', page)
        assert sorted(h for h in hrefs if not h.startswith("#")) == [
            "https://www.ks.no/side?a=1&amp;b=2", "mailto:post@ks.no"]
        assert "javascript:" not in " ".join(hrefs)


def test_script_link_text_is_refused(mini: Mini) -> None:
    # markdown-it never makes javascript: a link; the check refuses the text that shows it.
    before = mini.good_build()
    mini.slide("# Lenker\n\n- [skript](javascript:alert(1))\n")
    assert_failed_cleanly(mini, before, mini.build(), 1,
                          "content/slides/a.md:3:1: error: link target 'javascript:alert(1)'")


def test_tile_links_are_allow_listed(mini: Mini) -> None:
    before = mini.good_build()
    mini.slide("---\nlayout: tiles\ntitle: Fliser\ntiles:\n"
               "  - title: Trygg\n    url: https://www.ks.no/\n"
               "  - title: Farlig\n    url: javascript:alert(1)\n---\n")
    assert_failed_cleanly(mini, before, mini.build(), 1, "content/slides/a.md:8:10: error: ")


def test_tile_link_from_a_variable_is_allow_listed(mini: Mini) -> None:
    before = mini.good_build()
    mini.write("content/counties/x.yaml",
               "name: X\nevil: javascript:alert(1)\nboard:\n  period: '2024'\n"
               "  members: [{name: A}]\n")
    mini.write("content/decks/talk.yaml", "title: Hei\ncounty: x\nslides:\n  - use: a\n")
    mini.slide("---\nlayout: tiles\ntitle: Fliser\ntiles:\n"
               "  - title: Farlig\n    url: \"{{ county.evil }}\"\n---\n")
    assert_failed_cleanly(mini, before, mini.build(), 1,
                          "content/slides/a.md:6:10: error: ", "'javascript:alert(1)'",
                          "an http(s) or mailto address")


def test_picture_from_the_web_is_never_fetched(mini: Mini) -> None:
    mini.good_build()
    mini.slide("---\nlayout: image\nalt: Et bilde\n---\n\n![Et bilde](https://evil.example/x.png)\n")
    run = mini.build()
    assert run.exit_code == 0, run.stderr
    assert ("content/slides/a.md:6:1: warning: the picture 'https://evil.example/x.png' is on the web; the build "
            "stays offline and shows a placeholder with its alt text") in run.stderr
    snap = mini.snapshot()
    assert not [name for name, data in snap.items() if b"evil.example" in data]  # no reference to it either


def test_list_deeper_than_the_master_is_an_error(mini: Mini) -> None:
    before = mini.good_build()
    deep = "".join("  " * i + f"- nivå {i}\n" for i in range(7))
    mini.slide("# Tittel\n\n" + deep)
    assert_failed_cleanly(mini, before, mini.build(), 1,
                          "content/slides/a.md:8:1: error: list nested 6 levels deep; the "
                          "brand's master styles 5; flatten the list or split the slide")


def test_silent_truncation_is_an_error(mini: Mini) -> None:
    before = mini.good_build()
    mini.slide("# Tittel\n\nFør\n\n" + ">" * 200 + " skjult\n\nEtter\n")
    assert_failed_cleanly(mini, before, mini.build(), 1,
                          "content/slides/a.md:5:1: error: Markdown nesting is too deep")
