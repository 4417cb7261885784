"""``discussion``: a label ("Diskuter 3 minutter (to og to):"), the prompt and a timer badge."""

from __future__ import annotations

from deckgen import words
from deckgen.errors import Diagnostics
from deckgen.layouts.common import para
from deckgen.layouts.fields import MARKDOWN, TEXT, var_or
from deckgen.layouts.spec import BuildInput, LayoutSpec, Measured, Seen, texts_of
from deckgen.model import DiscussionContent, Run, Slide, plain


def build(inp: BuildInput, diags: Diagnostics) -> list[Slide]:
    prompt = inp.block("prompt", diags) or inp.body
    if not prompt:
        diags.error(inp.source.loc, "a discussion slide needs a prompt ('prompt:' or text under the front matter)", "write the question to discuss")
        return []
    minutes = int(inp.value("minutes"))
    pairing = str(inp.value("pairing", "") or "")
    label = words.discussion_label(inp.lang, minutes, pairing)
    title = inp.title(diags)
    if title:
        label = plain(title)  # a title replaces the composed "Diskuter 3 minutter …" heading
    else:
        title = (Run(label),)
    return [inp.slide(title, DiscussionContent(prompt, minutes, pairing, label), hidden=label)]


def measured(slide: Slide, lang: str) -> list[Measured]:
    c = slide.content
    assert isinstance(c, DiscussionContent)
    label = c.label or slide.hidden_title
    out = [Measured("label", para(label), "label", "shorten the pairing text")] if label else []
    return [*out,
            Measured("prompt", c.prompt, "prompt", "shorten the prompt; background belongs in the speaker notes"),
            Measured("timer", para(timer_text(lang, c.minutes)), "timer", "use fewer minutes digits")]


def timer_text(lang: str, minutes: int) -> str:
    """What the timer badge shows: "3 min"."""
    return words.word(lang, "minutes", minutes=minutes)


def visible(slide: Slide) -> list[Seen]:
    c = slide.content
    assert isinstance(c, DiscussionContent)
    return texts_of(c.prompt)


SPEC = LayoutSpec(
    name="discussion",
    content=DiscussionContent,
    summary="a prompt for the room, with minutes, pairing and a timer",
    fields={
        "prompt": MARKDOWN,
        "minutes": var_or({"type": "integer", "minimum": 1, "maximum": 60}),
        "pairing": TEXT,
    },
    required=("minutes",),
    build=build,
    roles=("label", "prompt", "timer"),
    required_roles=("prompt",),
    measured=measured,
    visible=visible,
)
