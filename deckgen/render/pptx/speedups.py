"""python-pptx's hottest lookups, made cheap without changing what they return.

Responsibility: the few places where python-pptx (the pinned version) spends most of a large
deck's time on work that gives the same answer every time, replaced by equivalents that give
exactly the same answer:

- ``BaseShapeElement.ph`` (is this shape a placeholder, and which) runs an XPath string through
  lxml's compiler on every call -- about 100 calls per slide, from every walk over a slide's
  placeholders. Here the same path is compiled once (``etree.XPath``).
- ``qn("a:rPr")`` (a prefixed tag to its Clark name) splits and looks up the prefix on each of
  the half a million calls a 1000-slide deck makes; here it is remembered per tag. python-pptx
  modules bound the name at import, so each module's ``qn`` that is python-pptx's is swapped.

:func:`install` is idempotent and only ever swaps a function for one with the same results;
``tests/unit/render/pptx/test_speedups.py`` checks both against python-pptx's own on the
shapes of a rendered deck, and fails if an upgrade moves what is patched.
"""

from __future__ import annotations

import sys
from functools import lru_cache
from typing import Any

from lxml import etree
from pptx.oxml import ns as pptx_ns
from pptx.oxml.shapes.shared import BaseShapeElement

ORIGINAL_QN = pptx_ns.qn
ORIGINAL_PH = BaseShapeElement.ph

_PH_PATH = etree.XPath("./*[1]/p:nvPr/p:ph", namespaces={"p": pptx_ns._nsmap["p"]})


def fast_ph(self: BaseShapeElement) -> Any:
    """``BaseShapeElement.ph``: the shape's ``p:ph`` element if it has one, else None."""
    found = _PH_PATH(self)
    return found[0] if found else None


fast_qn = lru_cache(maxsize=4096)(ORIGINAL_QN)

_installed = False


def install() -> None:
    """Swap the lookups above into python-pptx (once per process)."""
    global _installed  # a process-wide, idempotent patch of a library, not deck state
    if _installed:
        return
    BaseShapeElement.ph = property(fast_ph)  # type: ignore[assignment,method-assign]
    for name, module in list(sys.modules.items()):
        ours = name.startswith(("pptx.", "deckgen.render.pptx."))
        if (name == "pptx" or ours) and getattr(module, "qn", None) is ORIGINAL_QN:
            module.qn = fast_qn  # type: ignore[attr-defined]
    _installed = True
