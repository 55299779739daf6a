"""What each output prints from the content, and where each printed value was written.

Every template environment hands each printed value to `finalize` here. While a
`recording` is active it notes the value with its sources (model/sources.py); for
the proposal's markup it also wraps the value in private-use marks that the markup
reader turns into runs which carry the sources into the document model. Outside a
recording nothing changes, so rendering without tracing prints the same text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from jinja2 import Undefined
from markupsafe import Markup, escape

from generator.model.sources import Sources, sources_of

# Private-use characters, valid in XML text and attributes, never in content.
OPEN, SHUT, CLOSE = "\ue000", "\ue001", "\ue002"
MARKED = re.compile(f"{OPEN}(\\d+){SHUT}(.*?){CLOSE}", re.S)
_ANY_MARK = re.compile(f"{OPEN}\\d+{SHUT}|{CLOSE}")


@dataclass(frozen=True)
class Value:
    """One value an output printed, and where the content states it."""

    text: str
    sources: Sources


@dataclass
class Recorder:
    mark: bool  # wrap values in marks (the proposal's markup) or only note them
    values: list[Value] = field(default_factory=list)

    def note(self, value: Any) -> Any:
        if isinstance(value, Undefined):  # an inline if without else: nothing printed
            return value
        sources = sources_of(value)
        if not sources:
            return value
        self.values.append(Value(str(value), sources))
        if not self.mark:
            return value
        return Markup(f"{OPEN}{len(self.values) - 1}{SHUT}") + escape(value) + Markup(CLOSE)


_ACTIVE: ContextVar[Recorder | None] = ContextVar("aftersales_trace", default=None)


@contextmanager
def recording(mark: bool = False) -> Iterator[Recorder]:
    """Note every sourced value the templates print while this is active."""
    recorder = Recorder(mark)
    token = _ACTIVE.set(recorder)
    try:
        yield recorder
    finally:
        _ACTIVE.reset(token)


def finalize(value: Any) -> Any:
    """The Jinja finalize hook of every environment."""
    recorder = _ACTIVE.get()
    return recorder.note(value) if recorder is not None else value


def unmark(text: str) -> str:
    """Text without marks (attributes such as section titles keep no sources)."""
    return _ANY_MARK.sub("", text)


def is_marked(char: str) -> bool:
    return char in (OPEN, SHUT, CLOSE)
