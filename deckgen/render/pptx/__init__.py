"""The PowerPoint renderer: a resolved :class:`~deckgen.model.Deck` to native .pptx bytes.

The only door for python-pptx. The brand's master is opened from bytes, its own slides are
dropped, and each slide is made from the master layout the brand names (by name), with its
fields written into placeholders found by idx. Layout modules (``layouts/<name>.py``) fill
the fields; this module adds what every slide gets (footer, slide number, notes, language)
and the package-level parts (document properties, reproducible zip).
"""

from __future__ import annotations

from pptx.slide import SlideLayout

from deckgen.model import Deck
from deckgen.render.pptx.context import Memo, RenderContext
from deckgen.render.pptx.layouts import LAYOUT_RENDERERS
from deckgen.render.pptx.package import (
    drop_master_content,
    open_master,
    save_reproducibly,
    set_default_language,
    set_properties,
)
from deckgen.render.pptx.parts import fast_notes, fast_parts
from deckgen.render.pptx.slides import (
    add_footer_and_number,
    layouts_by_name,
    pick_layout,
    remove_unfilled,
    text_roots,
    write_notes,
)
from deckgen.render.pptx.text import stamp_language

__all__ = ["LAYOUT_RENDERERS", "render_pptx"]


def render_pptx(deck: Deck) -> dict[str, bytes]:
    """Render ``deck`` to ``{f"{deck.name}.pptx": bytes}``; the same deck gives the same
    bytes. Raises :class:`~deckgen.errors.BuildError` when the brand's master lacks a layout
    or placeholder its mapping names."""
    prs = open_master(deck.brand.master)
    drop_master_content(prs)
    set_default_language(prs, deck.lang)
    layouts = layouts_by_name(prs)
    add_slide = fast_parts(prs)
    add_notes = fast_notes(prs)
    notes = 0
    memo = Memo()
    picked: dict[str, SlideLayout] = {}
    for number, source in enumerate(deck.slides, start=1):
        if source.layout not in picked:  # the same master layout for every slide of a layout
            picked[source.layout] = pick_layout(layouts, deck.brand, source, prs)
        layout = picked[source.layout]
        ctx = RenderContext(
            deck=deck,
            slide=add_slide(layout),
            layout=deck.brand.layouts[source.layout],
            number=number,
            source=source,
            memo=memo,
        )
        LAYOUT_RENDERERS[source.layout](ctx, source)
        remove_unfilled(ctx)
        add_footer_and_number(ctx, layout)
        if source.notes:
            add_notes(ctx.slide)
        notes += write_notes(ctx)
        for root in text_roots(ctx):
            stamp_language(root, deck.lang)
    set_properties(prs, deck, notes)
    return {f"{deck.name}.pptx": save_reproducibly(prs)}
