"""The schema is the documentation: every field says in Chinese what it holds."""

from __future__ import annotations

import re

import pytest
from conftest import EXAMPLE
from pydantic import BaseModel, ValidationError

from generator.model.common import Frozen
from generator.pipeline import check
from generator.reading.folder import FILES, PROJECT_FILE
from generator.reading.validation import _unwrap

CJK = re.compile(r"[\u4e00-\u9fff]")


def all_models() -> list[type[BaseModel]]:
    seen: list[type[BaseModel]] = []
    todo: list[type[BaseModel]] = [f.model for f in (*FILES, PROJECT_FILE)]
    while todo:
        m = todo.pop()
        if m in seen:
            continue
        seen.append(m)
        for field in m.model_fields.values():
            todo.extend(_unwrap(field.annotation))
    return seen


@pytest.mark.parametrize("model", all_models(), ids=lambda m: m.__name__)
def test_every_field_has_a_chinese_description(model: type[BaseModel]) -> None:
    for name, field in model.model_fields.items():
        assert field.description and CJK.search(field.description), f"{model.__name__}.{name}"


@pytest.mark.parametrize("model", all_models(), ids=lambda m: m.__name__)
def test_every_model_is_frozen_and_forbids_unknown_keys(model: type[BaseModel]) -> None:
    assert issubclass(model, Frozen)
    assert model.model_config.get("extra") == "forbid" and model.model_config.get("frozen") is True


def test_loaded_model_cannot_be_changed() -> None:
    result = check(EXAMPLE)
    assert result.model is not None
    company = result.model.content.company
    with pytest.raises(ValidationError):
        company.name = "改名"  # type: ignore[misc]
    assert isinstance(company.hotlines, tuple)
    level = result.model.content.commitments.response.levels[0]
    with pytest.raises(TypeError):
        level.targets["phone"] = level.targets["phone"]  # type: ignore[index]
