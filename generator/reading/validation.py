"""Turn pydantic's validation errors into located, readable diagnostics."""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Mapping
from typing import Any, Protocol, TypeVar

from pydantic import BaseModel, ValidationError

from generator.reading.diagnostics import Diagnostic, Location
from generator.reading.sources import attach
from generator.reading.strict_yaml import LDict, LList, Mark

M = TypeVar("M", bound=BaseModel)

_ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"


def locate(tree: LDict, loc: tuple[str | int, ...], *, at_key: bool = False, missing: bool = False) -> Location:
    """The position of ``loc`` in a loaded tree.

    Segments that are not keys of the data (pydantic adds names of union
    branches and validators) are skipped.  For a missing key the position is
    that of the mapping that lacks it, and the path names the key.
    """
    node: Any = tree
    mark: Mark = tree.mark
    suffix = ""
    last = len(loc) - 1
    for i, seg in enumerate(loc):
        if isinstance(node, LDict) and isinstance(seg, str) and seg in node:
            mark = node.key_marks[seg] if (at_key and i == last) else node.value_marks[seg]
            node = node[seg]
        elif isinstance(node, LList) and isinstance(seg, int) and 0 <= seg < len(node):
            mark = node.item_marks[seg]
            node = node[seg]
        elif missing and i == last and isinstance(node, LDict) and seg in node.removed:
            mark = node.removed[str(seg)]  # removed by a project override: point there
        elif missing and i == last and isinstance(node, Mapping):
            suffix = f".{seg}" if mark.path else str(seg)
    return Location(mark.file, mark.line, mark.col, mark.path + suffix)


def _unwrap(annotation: Any) -> list[Any]:
    """The model classes an annotation may hold (through Optional, tuple, Annotated...)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType, tuple, list, dict, Mapping):
        out = []
        for arg in typing.get_args(annotation):
            if arg is not Ellipsis:
                out.extend(_unwrap(arg))
        return out
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return []


def fields_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> set[str]:
    """Names of the fields allowed in the mapping at ``loc``."""
    candidates: list[type[BaseModel]] = [model]
    for seg in loc:
        if isinstance(seg, int):
            continue
        nxt: list[type[BaseModel]] = []
        for c in candidates:
            if seg in c.model_fields:
                nxt.extend(_unwrap(c.model_fields[seg].annotation))
        if nxt:
            candidates = nxt
    return {name for c in candidates for name in c.model_fields}


def _fmt_input(value: Any) -> str:
    if isinstance(value, str):
        return f"“{value}”"
    return ""


def message(error: Mapping[str, Any], model: type[BaseModel]) -> str:
    """A Chinese message a bid writer can act on."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    loc = error["loc"]
    value = error.get("input")
    shown = _fmt_input(value)
    if kind == "aftersales":
        return str(ctx.get("message"))
    if kind == "missing":
        return f"缺少必填项“{loc[-1]}”"
    if kind == "extra_forbidden":
        key = str(loc[-1])
        allowed = fields_at(model, tuple(loc[:-1]))
        close = difflib.get_close_matches(key, sorted(allowed), n=1, cutoff=0.6)
        hint = f"，是否想写“{close[0]}”？" if close else ""
        return (
            f"未知的键“{key}”{hint}（可用的键：{'、'.join(sorted(allowed))}）" if allowed else f"未知的键“{key}”{hint}"
        )
    if kind in {"string_type"}:
        return "应为文本"
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        return f"{shown}应为整数"
    if kind in {"decimal_parsing", "float_parsing", "decimal_type", "float_type"}:
        return f"{shown}应为数字"
    if kind in {"bool_parsing", "bool_type"}:
        return f"{shown}应为 true 或 false"
    if kind.startswith("date"):
        return f"{shown}不是有效的日期：应写成 YYYY-MM-DD，例如 2026-03-15"
    if kind in {"enum", "literal_error"}:
        expected = str(ctx.get("expected", "")).replace("'", "").replace(" or ", "、").replace(", ", "、")
        return f"{shown}不是可选值：应为 {expected}"
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern") == _ID_PATTERN:
            return f"{shown}不是有效的标识：只能包含小写字母、数字、- 和 _，并以字母或数字开头"
        return f"{shown}格式不正确（应匹配 {ctx.get('pattern')}）"
    if kind == "string_too_short":
        return "不能为空"
    if kind == "too_short":
        return f"至少需要 {ctx.get('min_length')} 项"
    if kind == "greater_than":
        return f"应大于 {ctx.get('gt')}"
    if kind == "greater_than_equal":
        return f"应不小于 {ctx.get('ge')}"
    if kind == "less_than_equal":
        return f"应不大于 {ctx.get('le')}"
    if kind == "less_than":
        return f"应小于 {ctx.get('lt')}"
    if kind in {"tuple_type", "list_type"}:
        return "应为列表（每项以“- ”开头）"
    if kind in {"model_type", "dict_type", "model_attributes_type", "mapping_type"}:
        return "应为映射（键: 值）"
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    return str(error["msg"])


def validate(model: type[M], tree: LDict) -> tuple[M | None, list[Diagnostic]]:
    """Validate a loaded tree; every error comes back located, none raised. The model's
    values remember where they were written (reading/sources.py)."""
    try:
        return attach(model.model_validate(tree), tree), []
    except ValidationError as exc:
        diagnostics = []
        errors = exc.errors(include_url=False)
        for error in errors:
            loc = tuple(error["loc"])
            # "needs at least one item" only because its one item was invalid: noise.
            if error["type"] == "too_short" and any(
                len(e["loc"]) > len(loc) and tuple(e["loc"][: len(loc)]) == loc for e in errors
            ):
                continue
            ctx = error.get("ctx") or {}
            if error["type"] == "aftersales" and ctx.get("subpath"):
                loc = loc + tuple(ctx["subpath"])
            where = locate(
                tree,
                loc,
                at_key=error["type"] == "extra_forbidden",
                missing=error["type"] == "missing",
            )
            diagnostics.append(Diagnostic.error(message(error, model), where))
        return None, diagnostics


class Loc(Protocol):
    """Where a key path of one loaded file is: ``at("people", 1, "phone")``."""

    def __call__(self, *path: str | int, key: bool = False) -> Location: ...


def locator(tree: LDict) -> Loc:
    def at(*path: str | int, key: bool = False) -> Location:
        return locate(tree, tuple(path), at_key=key)

    return at
