"""Errors and warnings as values, collected across a whole run."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"  # what a run did not do and why: neither fails it, not even with --strict


@dataclass(frozen=True)
class Location:
    """A place in a content file; line and column are 1-based."""

    file: Path
    line: int
    col: int
    path: str = ""

    def display_file(self) -> str:
        # Relative to the working directory when possible: that is what a
        # bid writer typed and what editors make clickable.
        try:
            return os.path.relpath(self.file)
        except ValueError:  # pragma: no cover - other drive on Windows
            return str(self.file)


@dataclass(frozen=True)
class Diagnostic:
    severity: Severity
    message: str
    location: Location | None = None
    # Other places that belong to the same problem (e.g. where a value was first defined).
    related: tuple[Location, ...] = ()

    @classmethod
    def error(cls, message: str, location: Location | None = None, *related: Location) -> Diagnostic:
        return cls(Severity.ERROR, message, location, tuple(related))

    @classmethod
    def warning(cls, message: str, location: Location | None = None, *related: Location) -> Diagnostic:
        return cls(Severity.WARNING, message, location, tuple(related))

    @classmethod
    def note(cls, message: str, location: Location | None = None, *related: Location) -> Diagnostic:
        return cls(Severity.NOTE, message, location, tuple(related))

    def format(self) -> str:
        head = ""
        tail = ""
        if self.location is not None:
            loc = self.location
            head = f"{loc.display_file()}:{loc.line}:{loc.col}: " if loc.line else f"{loc.display_file()}: "
            if loc.path:
                tail = f" (at {loc.path})"
        lines = [f"{head}{self.severity.value}: {self.message}{tail}"]
        for rel in self.related:
            at = f" (at {rel.path})" if rel.path else ""
            lines.append(f"  {rel.display_file()}:{rel.line}:{rel.col}: note: 相关位置{at}")
        return "\n".join(lines)

    def sort_key(self) -> tuple[str, bool, int, int, str]:
        # A note (a check skipped because of a file's errors) follows the errors it is about.
        last = self.severity is Severity.NOTE
        if self.location is None:
            return ("", last, 0, 0, self.message)
        loc = self.location
        return (str(loc.file), last, loc.line, loc.col, self.message)


@dataclass
class Report:
    """All diagnostics of one run, reported together."""

    items: list[Diagnostic] = field(default_factory=list)
    # The items as a set, so that telling a repeat takes no longer with 40,000 items than with 4.
    _seen: set[Diagnostic] = field(default_factory=set, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._seen.update(self.items)

    def add(self, diagnostic: Diagnostic) -> None:
        if diagnostic not in self._seen:
            self._seen.add(diagnostic)
            self.items.append(diagnostic)

    def extend(self, diagnostics: list[Diagnostic]) -> None:
        for d in diagnostics:
            self.add(d)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.WARNING]

    def failed(self, strict: bool = False) -> bool:
        return bool(self.errors) or (strict and bool(self.warnings))

    def sorted(self) -> list[Diagnostic]:
        return sorted(self.items, key=Diagnostic.sort_key)

    def format(self) -> str:
        return "\n".join(d.format() for d in self.sorted())
