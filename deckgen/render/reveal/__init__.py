"""The reveal.js renderer: the only place Jinja2 is imported.

``render_reveal(deck, *, single=False, notes=True) -> dict[str, bytes]`` — see
:mod:`deckgen.render.reveal.render`.
"""

from deckgen.render.reveal.render import render_reveal

__all__ = ["render_reveal"]
