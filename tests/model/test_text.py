"""Text fields: words must say something, codes are kept as written, and an empty
key is the key left out."""

from __future__ import annotations

from collections.abc import Mapping

import pytest
from pydantic import ValidationError

from generator.model.common import Code, Frozen, Text, Texts
from generator.model.response import TargetMap


class Box(Frozen):
    name: Text
    note: Text | None = None
    items: Texts = ()
    code: Code | None = None
    flag: bool = False


class Targets(Frozen):
    targets: TargetMap


@pytest.mark.parametrize("raw", ["一级故障", "P1", "Ⅲ", "7×24 小时热线", "<script>alert(1)</script>", "  甲工 "])
def test_words(raw: str) -> None:
    assert Box(name=raw).name == raw.strip()


@pytest.mark.parametrize("raw", ["-1", "9999-99-99", "2026-03-01", "120", "——", "7×24", "…"])
def test_digits_and_punctuation_alone_are_not_words(raw: str) -> None:
    with pytest.raises(ValidationError, match="只有数字和符号"):
        Box(name=raw)
    with pytest.raises(ValidationError, match="只有数字和符号"):
        Box(name="甲", items=("常备备件", raw))


@pytest.mark.parametrize("raw", ["", "   "])
def test_blank_text_is_an_error_even_where_optional(raw: str) -> None:
    with pytest.raises(ValidationError):
        Box(name=raw)
    with pytest.raises(ValidationError):
        Box(name="甲", note=raw)
    with pytest.raises(ValidationError):
        Box(name="甲", code=raw)


@pytest.mark.parametrize("raw", ["-1", "9999-99-99", "3.3.3", "T-001", "7×24", "〔2026〕12号"])
def test_codes_are_kept_as_written(raw: str) -> None:
    assert Box(name="甲", code=raw).code == raw


def test_a_code_of_punctuation_alone_is_an_error() -> None:
    with pytest.raises(ValidationError, match="只有符号"):
        Box(name="甲", code="——")


class Claim(Frozen):
    free: bool = True
    kind: Text = "分支机构"


def test_an_empty_key_is_the_key_left_out() -> None:
    box = Box.model_validate({"name": "甲", "note": None, "items": None, "code": None})
    assert (box.note, box.items, box.code) == (None, (), None)
    with pytest.raises(ValidationError) as exc:
        Box.model_validate({"name": None})
    assert [e["type"] for e in exc.value.errors()] == ["missing"]


@pytest.mark.parametrize("key", ["flag", "free", "kind"])
def test_an_empty_key_never_becomes_a_default_that_says_something(key: str) -> None:
    """free: true, 分支机构, even flag: false are statements; an empty key is not one of them."""
    model = Claim if key in Claim.model_fields else Box
    data = {key: None} if model is Claim else {"name": "甲", key: None}
    with pytest.raises(ValidationError) as exc:
        model.model_validate(data)
    assert [e["loc"] for e in exc.value.errors()] == [(key,)]


def test_an_empty_unknown_key_is_still_unknown() -> None:
    with pytest.raises(ValidationError) as exc:
        Box.model_validate({"name": "甲", "nmae": None})
    assert [e["type"] for e in exc.value.errors()] == ["extra_forbidden"]


def _targets(raw: Mapping[str, object]) -> Mapping[str, object]:
    return Targets.model_validate({"targets": raw}).targets


def test_an_empty_target_is_not_stated_rather_than_not_applicable() -> None:
    targets = _targets({"phone": None, "arrival": {"city": "1小时", "far": None}, "restore": "不适用"})
    assert set(targets) == {"arrival", "restore"}
    assert str(targets["arrival"]) == "city：1小时"
    assert str(targets["restore"]) == "不适用"


def test_an_area_map_with_every_area_empty_is_an_error() -> None:
    with pytest.raises(ValidationError, match="不能为空映射"):
        _targets({"arrival": {"city": None}})
