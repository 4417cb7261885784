"""Renderers: a resolved ``Deck`` in, ``dict[str, bytes]`` of output files out."""
