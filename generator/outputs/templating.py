"""Where templates come from: a company's own folder first, then ours.

A company overrides any template by putting a file of the same name in its
templates folder (``--templates DIR``); nothing in the code changes.
"""

from __future__ import annotations

import functools
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined

DEFAULT_TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def search_path(override: Path | None = None) -> list[Path]:
    dirs = [override] if override is not None else []
    return [*dirs, DEFAULT_TEMPLATES]


@functools.cache
def bytecode_cache() -> FileSystemBytecodeCache:
    """Compiled templates kept between runs (Jinja's own cache, in a folder of the user's
    under the system's temp folder, keyed by each template's source): compiling them was
    a third of `check`'s time, in every process."""
    return FileSystemBytecodeCache()


def environment(override: Path | None = None) -> Environment:
    loaders = [FileSystemLoader(str(d)) for d in search_path(override)]
    return Environment(
        loader=ChoiceLoader(loaders),
        bytecode_cache=bytecode_cache(),
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
