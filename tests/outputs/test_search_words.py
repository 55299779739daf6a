"""The handbook's search splits Chinese text with jieba's dictionary cut down to the
site's characters (generator/outputs/search_words.py): the same words as the whole one."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jieba
import pytest
from conftest import EXAMPLE
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.outputs import search_words, site
from generator.pipeline import check


@pytest.fixture(scope="module")
def whole() -> jieba.Tokenizer:
    """jieba with its whole dictionary, apart from the module's own tokenizer."""
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


@pytest.fixture
def fresh_jieba(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Any]:
    """jieba's own tokenizer (Material's search calls it) as in a new process, and a cache
    folder of the test's own."""
    dt: Any = jieba.dt
    for name, value in (("FREQ", {}), ("total", 0), ("initialized", False)):
        monkeypatch.setattr(dt, name, value)
    cache = tmp_path / "cache"
    cache.mkdir()
    monkeypatch.setattr(search_words, "user_cache_folder", lambda: cache)
    yield dt


# The Chinese of the example's content: what the handbook's pages are made of.
_TEXT = "".join(p.read_text(encoding="utf-8") for p in sorted(EXAMPLE.rglob("*.yaml")))
_RUNS = re.findall(r"[\u4e00-\u9fff]+", _TEXT)
_HAN = sorted(set("".join(_RUNS)))


def _unload(dt: Any) -> None:
    """As a new build process finds jieba: the cache-making build leaves it loaded."""
    dt.FREQ, dt.total, dt.initialized = {}, 0, False


def _sources(folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "page.md").write_text(_TEXT, encoding="utf-8")
    return folder


def test_the_cache_is_made_once_and_then_used(fresh_jieba: Any, tmp_path: Path, whole: jieba.Tokenizer) -> None:
    sources = _sources(tmp_path / "docs")
    with search_words.site_dictionary(sources):  # no cache yet: the whole dictionary
        assert len(fresh_jieba.FREQ) == len(whole.FREQ)
    _unload(fresh_jieba)
    with search_words.site_dictionary(sources):
        assert 0 < len(fresh_jieba.FREQ) < len(whole.FREQ) // 2
        assert fresh_jieba.total == whole.total  # the weights of the whole dictionary
    assert not fresh_jieba.initialized  # left as it was found


def test_the_cut_down_dictionary_splits_as_the_whole_one(
    fresh_jieba: Any, tmp_path: Path, whole: jieba.Tokenizer
) -> None:
    sources = _sources(tmp_path / "docs")
    with search_words.site_dictionary(sources):
        pass  # makes the cache
    _unload(fresh_jieba)

    @settings(max_examples=500, deadline=None)
    @given(
        st.one_of(
            st.sampled_from(_RUNS),  # the content's own phrases
            st.text(alphabet=_HAN, min_size=1, max_size=24),  # any mix of its characters
        )
    )
    def splits_alike(text: str) -> None:
        assert list(jieba.cut(text)) == list(whole.cut(text))

    with search_words.site_dictionary(sources):
        assert len(fresh_jieba.FREQ) < len(whole.FREQ)
        splits_alike()
        for run in _RUNS:
            assert list(jieba.cut(run)) == list(whole.cut(run)), run
        assert len(fresh_jieba.FREQ) < len(whole.FREQ)  # never needed the whole one


def test_a_character_the_cache_does_not_cover_loads_the_whole_dictionary(
    fresh_jieba: Any, tmp_path: Path, whole: jieba.Tokenizer
) -> None:
    sources = _sources(tmp_path / "docs")
    with search_words.site_dictionary(sources):
        pass
    _unload(fresh_jieba)
    foreign = next(c for c in "鳄鹦鹉麒麟犀" if c not in _HAN)
    sentence = f"备件{foreign}库存核查"
    with search_words.site_dictionary(sources):
        assert len(fresh_jieba.FREQ) < len(whole.FREQ)
        assert list(jieba.cut(sentence)) == list(whole.cut(sentence))
        assert len(fresh_jieba.FREQ) == len(whole.FREQ)


def test_a_corrupt_cache_is_made_again(fresh_jieba: Any, tmp_path: Path, whole: jieba.Tokenizer) -> None:
    sources = _sources(tmp_path / "docs")
    cache = search_words._cache_path(search_words.user_cache_folder() or tmp_path)
    cache.write_bytes(b"\x00 not marshal")
    with search_words.site_dictionary(sources):
        assert len(fresh_jieba.FREQ) == len(whole.FREQ)
    assert search_words._read(cache) is not None


def test_the_search_index_is_the_same_with_either_dictionary(fresh_jieba: Any, tmp_path: Path) -> None:
    model = check(EXAMPLE).model
    assert model is not None
    index = {}
    for run in ("whole", "cut down"):
        _unload(fresh_jieba)
        work, out = tmp_path / run / "work", tmp_path / run / "site"
        site.prepare(model, None, work)
        site.compile_site(work, out)
        # The first build made the cache with the whole dictionary and left it loaded;
        # the second read the cache and left jieba unloaded.
        assert fresh_jieba.initialized == (run == "whole")
        index[run] = (out / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "\\u200b" in index["whole"]  # segmented at all (JSON escapes the zero-width space)
    assert index["cut down"] == index["whole"]
