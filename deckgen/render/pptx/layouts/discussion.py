"""``discussion``: a label ("Diskuter 3 minutter (to og to):"), the prompt and a timer badge.

The label is resolve's (it always composes one, or takes the slide's title); the badge shows
the minutes ("3 min", :mod:`deckgen.words`) in the master's timer placeholder.
"""

from __future__ import annotations

from deckgen import words
from deckgen.model import DiscussionContent, Run, Slide
from deckgen.render.pptx.context import RenderContext, content_of
from deckgen.render.pptx.slides import fill_inline, fill_text


def render(ctx: RenderContext, slide: Slide) -> None:
    content = content_of(slide, DiscussionContent)
    # label and timer are optional roles: a master without room for them shows the prompt.
    if ctx.has("label"):
        fill_inline(ctx, "label", (Run(content.label),) if content.label else ())
    fill_text(ctx, "prompt", content.prompt)
    if ctx.has("timer"):
        fill_inline(ctx, "timer", (Run(words.word(ctx.lang, "minutes", minutes=content.minutes)),))
