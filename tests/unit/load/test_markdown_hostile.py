"""Hostile Markdown: raw HTML never passes, link targets are allow-listed, nesting deeper than
the master styles is an error, and markdown-it's silent truncation is detected."""

from __future__ import annotations

import pytest

from deckgen.errors import Diagnostics
from deckgen.load.markdown import _PARSER, MAX_LIST_LEVEL, parse_block, parse_markdown
from deckgen.model import Para, SourceSlide

LIMIT = int(_PARSER.options["maxNesting"])


def parse(src: str) -> tuple[list[SourceSlide], list[str]]:
    diags = Diagnostics()
    slides = parse_markdown(src, "s.md", diags).slides
    return slides, [d.format() for d in diags]


def all_text(slides: list[SourceSlide]) -> str:
    paras: list[Para] = [p for s in slides for p in (*s.body, *s.notes)]
    return "\n".join(p.text for p in paras)


def hrefs(slides: list[SourceSlide]) -> list[str | None]:
    return [r.href for s in slides for p in s.body for r in p.runs]


# --------------------------------------------------------------------------- raw HTML


def test_html_block_is_dropped_with_a_located_warning() -> None:
    slides, msgs = parse("# A\n\ntext\n\n<script>alert(1)</script>\n\nafter\n")
    assert "script" not in all_text(slides) and "alert" not in all_text(slides)
    assert all_text(slides) == "text\nafter"
    assert msgs == ["s.md:5:1: warning: raw HTML is not allowed in slides and was left out; "
                    "use Markdown instead [raw-html]"]


def test_inline_html_is_dropped_with_a_located_warning() -> None:
    slides, msgs = parse("# A\n\nHei <img src=x onerror=alert(1)> du <b>fet</b>\n")
    assert all_text(slides) == "Hei  du fet"
    assert len(msgs) == 3
    assert all(m.startswith("s.md:3:1: warning: raw HTML '<") for m in msgs)
    assert msgs[0].endswith("is not allowed and was left out; use Markdown instead [raw-html]")


def test_a_comment_is_a_speaker_note() -> None:
    slides, msgs = parse("# A\n\ntext\n\n<!-- si hei -->\n")
    assert msgs == []
    assert [p.text for p in slides[0].notes] == ["si hei"]


def test_a_comment_followed_by_markup_is_html_not_a_note() -> None:
    slides, msgs = parse("# A\n\n<!-- x --><script>alert(1)</script><!-- y -->\n")
    assert slides[0].notes == ()
    assert "alert" not in all_text(slides)
    assert msgs == ["s.md:3:1: warning: raw HTML is not allowed in slides and was left out; "
                    "use Markdown instead [raw-html]"]


def test_html_in_a_yaml_text_field_is_dropped_at_the_field() -> None:
    from deckgen.errors import SourceLoc

    diags = Diagnostics()
    paras = parse_block("Hei <script>x</script>", "d.yaml", SourceLoc("d.yaml", 7, 9), diags)
    assert "<script>" not in "".join(p.text for p in paras)
    assert {str(d.loc) for d in diags} == {"d.yaml:7:9"}


# --------------------------------------------------------------------------- links


@pytest.mark.parametrize("target", ["https://ks.no/", "http://ks.no", "mailto:post@ks.no",
                                    "HTTPS://KS.NO/"])
def test_allowed_link_schemes_keep_their_target(target: str) -> None:
    slides, msgs = parse(f"# A\n\nSe [KS]({target}).\n")
    assert msgs == []
    assert target.lower() in [h.lower() for h in hrefs(slides) if h]


@pytest.mark.parametrize("target", ["ftp://ks.no/x", "other.md",
                                    "#slide-3", "/abs/path", "tel:+4712345678",
                                    "data:image/png;base64,AAAA"])
def test_other_link_targets_lose_the_link_with_a_warning(target: str) -> None:
    slides, msgs = parse(f"# A\n\nSe [KS]({target}).\n")
    assert hrefs(slides) == [None]
    assert all_text(slides) == "Se KS."
    assert len(msgs) == 1
    assert msgs[0].startswith("s.md:3:1: warning: link target ")
    assert msgs[0].endswith("is not an http, https or mailto address; the text is kept without "
                            "the link; write a full https:// address [link-scheme]")


@pytest.mark.parametrize("target", ["javascript:alert(1)", "JAVASCRIPT:alert(1)",
                                    "vbscript:msgbox", "java\tscript:alert(1)",
                                    "file:///etc/passwd"])
def test_script_and_file_links_never_become_links(target: str) -> None:
    slides, _ = parse(f"# A\n\n[klikk]({target}) og <{target}>\n")
    assert hrefs(slides) in ([None], [None, None])


def test_reference_links_are_checked_too() -> None:
    slides, msgs = parse("# A\n\n[KS][k]\n\n[k]: ftp://ks.no\n")
    assert hrefs(slides) == [None]
    assert len(msgs) == 1 and "[link-scheme]" in msgs[0]


def test_image_inside_text_is_left_out_with_a_warning() -> None:
    slides, msgs = parse("# A\n\nTekst ![x](https://evil.example/x.png) mer\n")
    assert all_text(slides) == "Tekst  mer"
    assert msgs == ["s.md:3:1: warning: a picture inside text is left out; put the picture in "
                    "a paragraph of its own, or use the image layout [inline-image]"]


# --------------------------------------------------------------------------- nesting


def nested_list(levels: int) -> str:
    return "".join("  " * i + f"- nivå {i}\n" for i in range(levels))


def test_list_as_deep_as_the_master_styles_is_fine() -> None:
    slides, msgs = parse("# A\n\n" + nested_list(MAX_LIST_LEVEL + 1))
    assert msgs == []
    assert [p.level for p in slides[0].body] == list(range(MAX_LIST_LEVEL + 1))


def test_list_deeper_than_the_master_styles_is_an_error_at_its_line() -> None:
    _, msgs = parse("# A\n\n" + nested_list(MAX_LIST_LEVEL + 2))
    line = 3 + MAX_LIST_LEVEL + 1
    assert msgs == [
        f"s.md:{line}:1: error: list nested {MAX_LIST_LEVEL + 2} levels deep; the brand's "
        f"master styles {MAX_LIST_LEVEL + 1}; flatten the list or split the slide"
    ]


def test_markdown_it_really_drops_text_past_max_nesting() -> None:
    # The behaviour the detector exists for: without it, "hemmelig" would vanish silently.
    tokens = _PARSER.parse(">" * (LIMIT + 5) + " hemmelig\n")
    assert not any("hemmelig" in (t.content or "") for t in tokens)


@pytest.mark.parametrize("depth", [LIMIT, LIMIT + 50, 5000])
def test_truncation_past_max_nesting_is_detected(depth: int) -> None:
    src = "# A\n\nfør\n\n" + ">" * depth + " hemmelig\n\netter\n"
    slides, msgs = parse(src)
    errors = [m for m in msgs if ": error: " in m]
    assert errors == [
        f"s.md:5:1: error: Markdown nesting is too deep (more than {LIMIT - 1} levels of lists or "
        "quotes): the parser stops here and the text inside would be lost; flatten the nested "
        "lists or quotes at this line"
    ]


def test_quotes_just_under_the_limit_keep_their_text_and_pass() -> None:
    depth = LIMIT - 2
    slides, msgs = parse("# A\n\n" + ">" * depth + " hemmelig\n")
    assert msgs == []
    assert "hemmelig" in all_text(slides)


def test_deep_list_truncation_is_detected() -> None:
    _, msgs = parse("# A\n\n" + nested_list(LIMIT))
    assert any("Markdown nesting is too deep" in m for m in msgs)


def test_notes_containers_and_fences_are_no_false_alarm() -> None:
    src = "---\nlayout: bullets\n---\n\n::: notes\nhei\n:::\n\n```\nkode\n```\n\n- a\n"
    _, msgs = parse(src)
    assert msgs == []
