"""``question``: one question, large, for the room."""

from __future__ import annotations

from deckgen.errors import Diagnostics
from deckgen.layouts.fields import MARKDOWN
from deckgen.layouts.spec import BuildInput, LayoutSpec, Measured, Seen, texts_of
from deckgen.model import Para, QuestionContent, Slide, text_plain


def build(inp: BuildInput, diags: Diagnostics) -> list[Slide]:
    heading = inp.source.heading
    question = inp.block("question", diags) or inp.body or ((Para(heading),) if heading else ())
    if not question:
        diags.error(inp.source.loc, "a question slide needs 'question:' or text", "write the question")
        return []
    title = inp.inline("title", diags) if "title" in inp.fields else ()
    return [inp.slide(title, QuestionContent(question), hidden=text_plain(question).replace("\n", " "))]


def measured(slide: Slide, lang: str) -> list[Measured]:
    c = slide.content
    assert isinstance(c, QuestionContent)
    return [Measured("question", c.question, "question",
                     "shorten the question, or use the 'bullets' layout for a longer text")]


def visible(slide: Slide) -> list[Seen]:
    c = slide.content
    assert isinstance(c, QuestionContent)
    return texts_of(c.question)


SPEC = LayoutSpec(
    name="question",
    content=QuestionContent,
    summary="one question, large",
    fields={"question": MARKDOWN},
    build=build,
    roles=("question",),
    required_roles=("question",),
    measured=measured,
    visible=visible,
)
