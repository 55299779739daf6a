"""Where each value was written, carried by the value itself.

Reading attaches a Source to every value of the model (reading/sources.py). A text,
number or date becomes a subclass of its own type that remembers its sources, so
templates and renderers handle it as before; a value rendered from it (a duration
read as "2小时内", a frequency read as "每年2次") keeps them, and the proposal's
document model hands them to each run it prints. That is how a reviewer sees, for
any promise in a proposal, the file, line and key path it came from.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar


@dataclass(frozen=True)
class Source:
    """A place in a content file: 1-based line and column, and the key path there."""

    file: Path
    line: int
    col: int
    path: str

    def display_file(self) -> str:
        try:
            return os.path.relpath(self.file)
        except ValueError:  # pragma: no cover - another drive on Windows
            return str(self.file)

    def zh(self) -> str:
        """ "content/commitments.yaml:22:5（warranty.period）"."""
        return f"{self.display_file()}:{self.line}:{self.col}（{self.path}）"


Sources = tuple[Source, ...]


class SourcedStr(str):
    sources: Sources


class SourcedDecimal(Decimal):
    sources: Sources


class SourcedInt(int):
    sources: Sources


class SourcedDate(dt.date):
    sources: Sources


V = TypeVar("V")


def sources_of(*values: Any) -> Sources:
    """The sources a value (or several) carries, each once, in order."""
    found: dict[Source, None] = {}
    for v in values:
        for s in getattr(v, "sources", ()):
            found.setdefault(s, None)
    return tuple(found)


def sourced(value: V, sources: Iterable[Source]) -> V:
    """The value, remembering these sources (added to any it already has). Immutable
    values become a subclass of their type; objects get a copy with the attribute.
    Values that cannot carry a source (booleans, enum members, None) come back as they are."""
    carried = sources_of(value) + tuple(s for s in sources if s not in sources_of(value))
    if not carried or value is None or isinstance(value, bool) or hasattr(type(value), "__members__"):
        return value
    out: Any
    if isinstance(value, str):
        # A str subclass of the model's own (Tagged) keeps its type and attributes in the copy.
        out = SourcedStr(value) if type(value) in (str, SourcedStr) else copy.copy(value)
    elif isinstance(value, Decimal):
        out = SourcedDecimal(value)
    elif isinstance(value, int):
        out = SourcedInt(value)
    elif isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        out = SourcedDate(value.year, value.month, value.day)
    elif hasattr(value, "__dict__"):
        out = copy.copy(value)
    else:
        return value
    object.__setattr__(out, "sources", carried)
    result: V = out
    return result
