"""The handbook's Chinese search: jieba's dictionary cut down to the site's characters.

While MkDocs builds, Material's search plugin splits each run of Chinese text into words
with jieba, which first loads its whole dictionary: ~500,000 entries, ~0.6 s, half of the
site's build. jieba only ever looks up pieces of the text it splits, and weighs a word by
its frequency over the dictionary's total. So the words made only of characters the site
contains, with the whole dictionary's total, split every text of the site exactly as the
whole dictionary does (tests compare both, and the search index built with each). That
dictionary (~120,000 entries for the example, ~0.03 s to load) is kept in the user's cache
folder with the characters it covers; a text with any other character makes jieba load its
whole dictionary first, so the split never depends on what the cache covers.
"""

from __future__ import annotations

import marshal
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from generator.outputs.templating import user_cache_folder


def characters(folder: Path) -> frozenset[str]:
    """Every character of every file under `folder` (the site's sources: the text Material
    indexes is rendered from them)."""
    found: set[str] = set()
    for path in folder.rglob("*"):
        if path.is_file():
            found.update(path.read_bytes().decode("utf-8", errors="ignore"))
    return frozenset(found)


def _cache_path(folder: Path) -> Path:
    import jieba

    whole = Path(jieba.__file__).parent / "dict.txt"
    stat = whole.stat()  # the dictionary jieba ships: a reinstall or an edit is another file
    return folder / f"__aftersales_jieba_{jieba.__version__}_{stat.st_size}_{stat.st_mtime_ns}.marshal"


def _read(path: Path) -> tuple[frozenset[str], int, dict[str, int]] | None:
    """The cached (characters, total, words), or None when missing or not of that shape."""
    try:
        with path.open("rb") as f:
            chars, total, words = marshal.load(f)
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not (isinstance(chars, str) and isinstance(total, int) and isinstance(words, dict)):
        return None
    return frozenset(chars), total, words


def _write(path: Path, chars: frozenset[str], total: int, words: dict[str, int]) -> None:
    """Atomically; a cache that cannot be written costs the next build time, nothing else."""
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".jieba-")
        with os.fdopen(fd, "wb") as f:
            marshal.dump(("".join(sorted(chars)), total, words), f)
        os.replace(tmp, path)
    except OSError:
        return


def restrict(words: dict[str, int], chars: frozenset[str]) -> dict[str, int]:
    """The entries (words and jieba's zero-frequency prefixes) made of these characters only."""
    return {w: f for w, f in words.items() if chars.issuperset(w)}


@contextmanager
def site_dictionary(sources: Path) -> Iterator[None]:
    """While active, jieba splits text with the dictionary cut down to the characters of
    `sources` (see above); afterwards jieba is as it was before: not loaded."""
    import jieba

    dt: Any = jieba.dt
    folder = user_cache_folder()
    config = sources / "mkdocs.yml"
    own = config.is_file() and "jieba_dict" in config.read_text(encoding="utf-8")
    if folder is None or own or dt.initialized or dt.dictionary is not None or dt.cache_file or dt.tmp_dir:
        yield  # no safe cache folder, a dictionary of the site's own, or jieba set up otherwise
        return
    chars = characters(sources)
    path = _cache_path(folder)
    cached = _read(path)
    if cached is None or not cached[0].issuperset(chars):
        dt.initialize()  # the whole dictionary, for this build
        covered = chars | (cached[0] if cached else frozenset())
        _write(path, covered, dt.total, restrict(dt.FREQ, covered))
        yield
        return
    covered, dt.total, words = cached
    dt.FREQ, dt.initialized = words, True
    whole_dag = dt.get_DAG

    def get_dag(sentence: str) -> Any:
        # Every split starts here; a character the cut-down dictionary does not cover
        # means the whole one, loaded as jieba itself would.
        if dt.FREQ is words and not covered.issuperset(sentence):
            dt.initialized = False
            dt.initialize()
        return whole_dag(sentence)

    dt.get_DAG = get_dag
    try:
        yield
    finally:
        del dt.get_DAG
        dt.FREQ, dt.total, dt.initialized = {}, 0, False
