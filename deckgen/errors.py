"""Source locations, diagnostics and the one error family.

Every user-facing problem is a :class:`Diagnostic` with a :class:`SourceLoc`. Stages collect
them in a :class:`Diagnostics` list and raise :class:`BuildError` once, with all of them, before
anything is rendered or written. The CLI prints ``DeckgenError`` subclasses and exits non-zero;
any other exception is a bug and keeps its traceback.

A finding is of one of two kinds (:data:`Kind`). An error of **meaning** (bad YAML, an unknown
layout or field, a missing file, an unknown variable, an unsafe link, a brand mapping that
cannot work) means deckgen cannot know what to make: it stops the build. A **quality** finding
(overflow, alt text, contrast, titles, link text, language) is advice about a deck deckgen can
make: it is at most a warning, the outputs are written, and only ``--strict`` turns it into a
failed run. :meth:`Diagnostic.fails` is the one place that says which findings fail a run.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning", "info"]
Kind = Literal["meaning", "quality"]


@dataclass(frozen=True, slots=True)
class SourceLoc:
    """A place in a content file: project-relative path, 1-based line and column.

    ``included_from`` chains to the place that pulled this file in (a deck's slide list or a
    slide file's ``include``), so a message can show how a library slide reached a deck.
    """

    path: str
    line: int = 1
    col: int = 1
    included_from: SourceLoc | None = field(default=None, compare=False)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"

    def chain(self) -> tuple[SourceLoc, ...]:
        """The include chain, innermost first."""
        out: list[SourceLoc] = []
        loc: SourceLoc | None = self
        while loc is not None:
            out.append(loc)
            loc = loc.included_from
        return tuple(out)


@dataclass(frozen=True, slots=True)
class Mark:
    """Where a finding shows on the deck itself, for the preview: the slide (1-based, as the
    slide is numbered in the outputs) and the box on it (``title``, ``body``, ``column 2``,
    ``tile 1``, ``node <id>``, ``table``, ``picture`` …)."""

    slide: int
    box: str


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding: ``path:line:col: severity: message; hint [rule]``.

    ``kind`` says what the finding is about (see the module docstring): a ``quality`` finding
    is never an ``error`` (a warning, or ``info`` for a note such as a tile without a link).
    ``mark`` places it on a slide for the preview, when the rule knows where.
    """

    loc: SourceLoc
    message: str
    severity: Severity = "error"
    hint: str = ""
    rule: str = ""
    kind: Kind = "meaning"
    mark: Mark | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.kind == "quality" and self.severity == "error":
            raise ValueError(f"a quality finding is a warning or info, not an error: {self.message}")

    def fails(self, strict: bool = False) -> bool:
        """Whether this finding makes a run fail (and nothing be written): an error always,
        a warning only under ``--strict``, an info finding never."""
        return self.severity == "error" or (strict and self.severity == "warning")

    def as_quality(self) -> Diagnostic:
        """This finding as a quality finding: an error becomes a warning."""
        severity: Severity = "warning" if self.severity == "error" else self.severity
        return Diagnostic(self.loc, self.message, severity, self.hint, self.rule, "quality", self.mark)

    def format(self) -> str:
        text = f"{self.loc}: {self.severity}: {self.message}"
        if self.hint:
            text += f"; {self.hint}"
        if self.rule:
            text += f" [{self.rule}]"
        for outer in self.loc.chain()[1:]:
            text += f"\n  included from {outer}"
        return text

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.loc.path, self.loc.line, self.loc.col, self.message)

    def as_json(self) -> dict[str, object]:
        return {
            "path": self.loc.path,
            "line": self.loc.line,
            "col": self.loc.col,
            "severity": self.severity,
            "message": self.message,
            "hint": self.hint,
            "rule": self.rule,
            "kind": self.kind,
            "included_from": [str(loc) for loc in self.loc.chain()[1:]],
        }


class DeckgenError(Exception):
    """Base of every error the CLI reports without a traceback."""

    exit_code = 1

    def diagnostics(self) -> tuple[Diagnostic, ...]:
        return ()


class BuildError(DeckgenError):
    """One or more located problems in the input; nothing was written."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self._diags = tuple(sorted(diagnostics, key=Diagnostic.sort_key))
        super().__init__("\n".join(d.format() for d in self._diags))

    def diagnostics(self) -> tuple[Diagnostic, ...]:
        return self._diags


class UsageError(DeckgenError):
    """A problem with how deckgen was called (not with a content file)."""

    exit_code = 2


class OutputError(DeckgenError):
    """Writing the output failed (disk full, read-only, permission); earlier output is intact."""

    exit_code = 3


class Diagnostics:
    """A collector: stages add to it and call :meth:`raise_if_errors` at their end."""

    def __init__(self) -> None:
        self.items: list[Diagnostic] = []

    def error(self, loc: SourceLoc, message: str, hint: str = "", rule: str = "") -> None:
        self.items.append(Diagnostic(loc, message, "error", hint, rule))

    def warning(self, loc: SourceLoc, message: str, hint: str = "", rule: str = "") -> None:
        self.items.append(Diagnostic(loc, message, "warning", hint, rule))

    def info(self, loc: SourceLoc, message: str, hint: str = "", rule: str = "") -> None:
        """A note that deckgen read something the way the author meant it (a list pasted from
        Word): shown, never a failure, not even with ``--strict``."""
        self.items.append(Diagnostic(loc, message, "info", hint, rule))

    def extend(self, diags: Iterable[Diagnostic]) -> None:
        self.items.extend(diags)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "warning"]

    def failing(self, strict: bool = False) -> list[Diagnostic]:
        """The findings that fail a run (:meth:`Diagnostic.fails`)."""
        return [d for d in self.items if d.fails(strict)]

    def raise_if_errors(self) -> None:
        if self.errors:
            raise BuildError(self.errors)


def invisible_hint(word: str) -> str:
    """For a name holding an invisible format character (a soft hyphen or zero-width space
    pasted from Word or the web: fine in text, never in a name), what it is and the name
    retyped without it; else ''."""
    hidden = [c for c in word if unicodedata.category(c) == "Cf"]
    if not hidden:
        return ""
    clean = "".join(c for c in word if unicodedata.category(c) != "Cf")
    name = unicodedata.name(hidden[0], "format character").lower()
    return f"it holds an invisible {name} (U+{ord(hidden[0]):04X}); retype it: '{clean}'"


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """``did you mean 'x'?`` for the closest choice, or a list of the valid choices; for a
    name spoilt by an invisible character, that character (:func:`invisible_hint`)."""
    if invisible_hint(word):
        return invisible_hint(word)
    options = sorted(set(choices))
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    if not options:
        return ""
    shown = ", ".join(f"'{o}'" for o in options[:12])
    more = "" if len(options) <= 12 else f" and {len(options) - 12} more"
    return f"valid choices: {shown}{more}"
