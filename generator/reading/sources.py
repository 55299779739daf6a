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
from generator.model.sources import Source, SourcedStr, Sources, sourced
from generator.reading.strict_yaml import LDict, LList, Mark

M = TypeVar("M", bound=BaseModel)


def _source(mark: Mark) -> Source:
    return Source(*mark)  # the same fields in the same order


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
    marks, values = tree.value_marks, model.__dict__  # a model's fields are in its __dict__
    for name in type(model).__pydantic_fields__:
        mark = marks.get(name)
        if mark is None:
            continue
        here = (Source(*mark),)
        field_sources[name] = here
        old = values[name]
        new = _value(old, tree[name], mark, here)
        if new is not old:
            updates[name] = new
    out = model.model_copy(update=updates) if updates else model.model_copy()
    if isinstance(out, Frozen):
        out._field_sources = field_sources
        out = out.with_sources()
    return out


def _value(value: Any, node: Any, mark: Mark, here: Sources | None = None) -> Any:
    """The value with its sources; ``here``: the sources of ``mark``, where already made."""
    if type(value) is str:  # most values: sourced() made short (a fresh text has no sources yet)
        out = SourcedStr(value)
        out.sources = here or (Source(*mark),)
        return out
    if isinstance(value, BaseModel):
        return _model(value, node)
    if isinstance(value, tuple) and isinstance(node, LList):
        n, marks = len(node), node.item_marks
        return tuple(_value(v, node[i], marks[i]) if i < n else v for i, v in enumerate(value))
    if isinstance(value, Target):
        return _target(value, node, mark)
    if isinstance(value, MappingProxyType) and isinstance(node, LDict):  # response targets by measure
        return MappingProxyType({k: _value(v, node.get(k), node.value_marks.get(k, mark)) for k, v in value.items()})
    return sourced(value, here or (_source(mark),))


def _target(target: Target, node: Any, mark: Mark) -> Target:
    """A time limit: one duration, or one per area, each at its own key."""
    if target.regional and isinstance(node, LDict):
        areas = {
            k: (sourced(v, (_source(node.value_marks[k]),)) if k in node.value_marks else v)
            for k, v in target.by_area.items()
        }
        return Target(by_area=MappingProxyType(areas))
    return Target(value=sourced(target.value, (_source(mark),)))
