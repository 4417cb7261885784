"""What one imported slide is: the value recognition makes and the writers turn into files."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Imported:
    """One imported slide: its layout, front matter fields (in order), Markdown body and
    notes, why it became that layout, and what could not come along."""

    number: int
    layout: str
    fields: dict[str, Any]
    body: str = ""
    notes: str = ""
    reason: str = ""
    hidden: bool = False
    asset: tuple[str, bytes] | None = None  # (file name, bytes) of its picture
    warnings: list[str] = field(default_factory=list)
    pages: int = 1  # source slides merged into this one (a paginated roster)

    @property
    def title_text(self) -> str:
        return str(self.fields.get("title") or self.fields.get("hidden_title") or "")
