"""Marp's deck-wide directives, applied to the brand's frame of every slide.

A Marp deck says in its front matter (or a directive comment) what its slides carry besides
their content: ``footer`` and ``header`` (Markdown text), ``paginate`` (slide numbers) and
``size`` (``16:9``, ``4:3``). deckgen keeps one frame per deck, the brand's: the footer text
becomes the deck's footer (a header, which deckgen has no place for, joins it), ``paginate:
true`` keeps the slide numbers (without it Marp shows none, and neither do we), and a size the brand's master does not have is named in
a warning (the master decides the size).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from deckgen.errors import Diagnostics
from deckgen.load.dialect import size_ratio
from deckgen.load.markdown import parse_inline
from deckgen.model import Brand, Located, plain


def marp_frame(brand: Brand, settings: Mapping[str, Located], diags: Diagnostics) -> Brand:
    """``brand`` with the deck's Marp footer and slide numbers; warnings for what cannot be
    kept."""
    parts = []
    for key in ("header", "footer"):
        node = settings.get(key)
        if node is None or node.value in (None, ""):
            continue
        text = plain(parse_inline(str(node.value), node.loc.path, node.loc, diags)).strip()
        if text:
            parts.append(text)
    if "header" in settings and parts:
        diags.warning(settings["header"].loc, "deckgen has no header band: Marp's header is shown in the footer",
                      "move the text to 'footer:'", rule="marp-directive")
    if parts:
        brand = replace(brand, footer=" · ".join(parts))
    paginate = settings.get("paginate")
    if paginate is None or paginate.value is not True:  # Marp numbers slides only when asked
        brand = replace(brand, footer_placeholders={k: v for k, v in brand.footer_placeholders.items() if k != "slide_number"})
    size = settings.get("size")
    if size is not None:
        written = size.raw if size.raw is not None else str(size.value)  # YAML 1.1 reads 4:3 as a number
        ratio = size_ratio(written)
        if ratio is None:
            diags.warning(size.loc, f"Marp's size {written!r} is not a ratio deckgen reads; the brand's master decides the size",
                          "write size: 16:9 or size: 4:3", rule="marp-size")
        elif abs(ratio[0] / ratio[1] - brand.slide_width / brand.slide_height) > 0.01:
            diags.warning(size.loc, f"the deck asks for {written} slides, but the brand {brand.name!r} is "
                          f"{_ratio(brand.slide_width, brand.slide_height)}; the slides follow the brand's master",
                          "use a brand whose master has that size, or remove 'size:'", rule="marp-size")
    return brand


def _ratio(width: int, height: int) -> str:
    for w, h in ((16, 9), (4, 3), (16, 10)):
        if abs(width / height - w / h) < 0.01:
            return f"{w}:{h}"
    return f"{width / height:.2f}:1"
