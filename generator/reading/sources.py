"""Every validated value remembers where in the YAML it was written.

Validation builds the model from the loaded tree and forgets the positions; this
walks the model beside the tree once and gives each value its Source (file, line,
column, key path), after project overrides too, so a value an override changed
points at the project file. Renderers then carry the sources into what they print
(model/sources.py).
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Any, TypeVar

from pydantic import BaseModel

from generator.model.common import Frozen
from generator.model.response import Target
from generator.model.sources import Source, Sources, sourced
from generator.reading.strict_yaml import LDict, LList, Mark

M = TypeVar("M", bound=BaseModel)


def _source(mark: Mark) -> Source:
    return Source(mark.file, mark.line, mark.col, mark.path)


def attach(model: M, tree: LDict) -> M:
    """A copy of the model whose values carry the sources of the tree they were read from."""
    out = _model(model, tree)
    assert isinstance(out, type(model))
    return out


def _model(model: BaseModel, tree: Any) -> BaseModel:
    if not isinstance(tree, LDict):
        return model
    updates: dict[str, Any] = {}
    field_sources: dict[str, Sources] = {}
    for name in type(model).model_fields:
        if name not in tree.value_marks:
            continue
        mark = tree.value_marks[name]
        field_sources[name] = (_source(mark),)
        old = getattr(model, name)
        new = _value(old, tree[name], mark)
        if new is not old:
            updates[name] = new
    out = model.model_copy(update=updates) if updates else model.model_copy()
    if isinstance(out, Frozen):
        out._field_sources = field_sources
    return out


def _value(value: Any, node: Any, mark: Mark) -> Any:
    if isinstance(value, BaseModel):
        return _model(value, node)
    if isinstance(value, tuple) and isinstance(node, LList):
        items = [_value(v, node[i], node.item_marks[i]) if i < len(node) else v for i, v in enumerate(value)]
        return tuple(items)
    if isinstance(value, Target):
        return _target(value, node, mark)
    if isinstance(value, MappingProxyType) and isinstance(node, LDict):  # response targets by measure
        return MappingProxyType({k: _value(v, node.get(k), node.value_marks.get(k, mark)) for k, v in value.items()})
    return sourced(value, (_source(mark),))


def _target(target: Target, node: Any, mark: Mark) -> Target:
    """A time limit: one duration, or one per area, each at its own key."""
    if target.regional and isinstance(node, LDict):
        areas = {
            k: (sourced(v, (_source(node.value_marks[k]),)) if k in node.value_marks else v)
            for k, v in target.by_area.items()
        }
        return Target(by_area=MappingProxyType(areas))
    return Target(value=sourced(target.value, (_source(mark),)))
