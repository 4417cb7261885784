"""``discussion``: a label ("Diskuter 3 minutter (to og to):"), the prompt and a timer badge.

The label is resolve's when it composed one, else composed here in the deck's language; the
badge shows the minutes ("3 min") in the master's timer placeholder.
"""

from __future__ import annotations

from deckgen.model import DiscussionContent, Run, Slide
from deckgen.render.pptx import i18n
from deckgen.render.pptx.context import RenderContext, content_of
from deckgen.render.pptx.slides import fill_inline, fill_text


def render(ctx: RenderContext, slide: Slide) -> None:
    content = content_of(slide, DiscussionContent)
    label = content.label or i18n.discussion_label(ctx.lang, content.minutes, content.pairing)
    fill_inline(ctx, "label", (Run(label),))
    fill_text(ctx, "prompt", content.prompt)
    fill_inline(ctx, "timer", (Run(i18n.word(ctx.lang, "minutes", minutes=content.minutes)),))
