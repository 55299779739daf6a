"""Where templates come from: a company's own folder first, then ours.

A company overrides any template by putting a file of the same name in its
templates folder (``--templates DIR``); nothing in the code changes.
"""

from __future__ import annotations

import functools
from pathlib import Path

from jinja2 import BytecodeCache, ChoiceLoader, Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined

DEFAULT_TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def search_path(override: Path | None = None) -> list[Path]:
    dirs = [override] if override is not None else []
    return [*dirs, DEFAULT_TEMPLATES]


class _ByName(FileSystemBytecodeCache):
    """Keyed by template name alone (the source's checksum still decides whether the code is
    reused): MkDocs reads our theme files from a new temporary folder on every build."""

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return super().get_cache_key(name)


@functools.cache
def bytecode_cache(kind: str) -> BytecodeCache | None:
    """Compiled templates kept between runs (Jinja's own cache, in a folder of the user's under
    the system's temp folder, reused only while a template's source is unchanged): compiling
    them was a third of `check`'s time and a quarter of the site's, in every process. One
    cache per kind of environment: the code compiled depends on its settings (autoescape,
    finalize), which Jinja's key does not include. None where no safe folder exists."""
    pattern = f"__aftersales_{kind}_%s.cache"
    try:
        return _ByName(pattern=pattern) if kind == "mkdocs" else FileSystemBytecodeCache(pattern=pattern)
    except (OSError, RuntimeError):
        return None


def user_cache_folder() -> Path | None:
    """The folder of this user's caches: Jinja's, under the system's temp folder, which
    Jinja makes private (mode 0700) and checks is the user's own; None where it cannot."""
    cache = bytecode_cache("plain")
    return Path(cache.directory) if isinstance(cache, FileSystemBytecodeCache) else None


def environment(override: Path | None = None) -> Environment:
    loaders = [FileSystemLoader(str(d)) for d in search_path(override)]
    return Environment(
        loader=ChoiceLoader(loaders),
        bytecode_cache=bytecode_cache("plain"),
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
