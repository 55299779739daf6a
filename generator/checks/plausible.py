"""Values that validate but can hardly be what the writer meant.

A response time of 100000小时, a phone number of 56 digits or a warranty of
0.001年 (over the day it starts) parse as well as 2小时, 400-000-0000 and 3年,
and every output would print them as promises. None of them is impossible,
so each is a warning at the value, not an error:

- a fault level's time limit (the company's, a project's after its overrides,
  a manufacturer's, after the warranty) longer than 30 days;
- a phone number with more than 15 digits (ITU-T E.164: country code and
  number together; an extension after 转 or # does not count);
- a warranty shorter than one month (the overall one, a brand's, a
  manufacturer's product line, a project's equipment item).
"""

from __future__ import annotations

import functools
import re
import typing
from collections.abc import Iterator, Mapping
from decimal import Decimal

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from generator.model.commitments import Commitments
from generator.model.content import Content
from generator.model.durations import Duration, Unit
from generator.model.manufacturers import ManufacturerCatalog
from generator.model.project import Project
from generator.model.response import ResponseMatrix, Target
from generator.model.values import Phone
from generator.reading.diagnostics import Diagnostic
from generator.reading.strict_yaml import LDict
from generator.reading.validation import Loc, locator

Found = Iterator[Diagnostic]
KeyPath = tuple[str | int, ...]

LONGEST_TARGET = Duration(Decimal(30), Unit.DAY)
SHORTEST_WARRANTY = Duration(Decimal(1), Unit.MONTH)
MAX_PHONE_DIGITS = 15

# The files whose models hold phone numbers, besides the projects.
PHONE_FILES = ("company", "staff", "partners", "manufacturers")


def check_content(content: Content, trees: Mapping[str, LDict]) -> Found:
    """The company-level files: commitments, manufacturers and every phone number."""
    if "commitments" in trees:
        yield from check_commitments(content.commitments, locator(trees["commitments"]))
    if "manufacturers" in trees:
        yield from check_manufacturers(content.manufacturers, locator(trees["manufacturers"]))
    for key in PHONE_FILES:
        part = getattr(content, key)
        if key in trees and isinstance(part, BaseModel):
            yield from check_phones(part, locator(trees[key]))


def check_commitments(c: Commitments, at: Loc) -> Found:
    """The company's commitments, and again each project's after its overrides."""
    yield from _targets(c.response, at, ("response",))
    post = c.response.post_warranty
    if post is not None:
        names = {m.id: m.name for m in c.response.measures}
        for mid, target in post.targets.items():
            what = f"质保期外的{names.get(mid, mid)}时限"
            yield from _target(target, what, at, ("response", "post_warranty", "targets", mid))
    w = c.warranty
    yield from _warranty(w.period, "质保期", at, ("warranty", "period"))
    for i, rule in enumerate(w.by_brand):
        line = f"（{rule.product_line}）" if rule.product_line else ""
        what = f"品牌 {rule.manufacturer}{line}的质保期"
        yield from _warranty(rule.period, what, at, ("warranty", "by_brand", i, "period"))


def check_manufacturers(catalog: ManufacturerCatalog, at: Loc) -> Found:
    for i, m in enumerate(catalog.manufacturers):
        for j, pl in enumerate(m.product_lines):
            what = f"厂商“{m.name}”{pl.name}的保修期"
            yield from _warranty(pl.warranty, what, at, ("manufacturers", i, "product_lines", j, "warranty"))
        if m.response is not None:
            yield from _targets(m.response, at, ("manufacturers", i, "response"), f"厂商“{m.name}”")


def check_project(project: Project, at: Loc) -> Found:
    """A project's own values: its equipment's warranties and its phone numbers (its
    commitments after overrides go through check_commitments)."""
    for i, item in enumerate(project.equipment):
        if item.warranty is not None:
            what = f"设备“{item.name}”的质保期"
            yield from _warranty(item.warranty, what, at, ("equipment", i, "warranty"))
    yield from check_phones(project, at)


def _targets(matrix: ResponseMatrix, at: Loc, path: KeyPath, owner: str = "") -> Found:
    names = {m.id: m.name for m in matrix.measures}
    for i, level in enumerate(matrix.levels):
        for mid, target in level.targets.items():
            what = f"{owner}{level.name}的{names.get(mid, mid)}时限"
            yield from _target(target, what, at, (*path, "levels", i, "targets", mid))


def _target(target: Target, what: str, at: Loc, path: KeyPath) -> Found:
    if target.value is not None:
        places: list[tuple[Duration, str, KeyPath]] = [(target.value, "", path)]
    else:
        places = [(d, f"（{area}）", (*path, area)) for area, d in target.by_area.items() if d is not None]
    for d, area, where in places:
        if LONGEST_TARGET < d:
            yield Diagnostic.warning(
                f"{what}{area}为 {d.zh()}，超过 30 天：故障时限很少这么长，请核对数字和单位", at(*where)
            )


def _warranty(d: Duration, what: str, at: Loc, path: KeyPath) -> Found:
    if d < SHORTEST_WARRANTY:
        yield Diagnostic.warning(f"{what}为 {d.zh()}，不到一个月：质保期很少这么短，请核对数字和单位", at(*path))


# --- phone numbers, wherever a model holds one ------------------------------------------------

_PHONE_META = typing.get_args(Phone)[1:]


def phone_digits(number: str) -> int:
    """Digits of the number itself: an extension (after 转 or #) is dialled later."""
    return len(re.sub(r"\D", "", re.split(r"[转#]", number, maxsplit=1)[0]))


def check_phones(obj: BaseModel, at: Loc) -> Found:
    for path, number in _phones(obj, ()):
        n = phone_digits(number)
        if n > MAX_PHONE_DIGITS:
            yield Diagnostic.warning(
                f"电话号码“{number}”有 {n} 位数字，超过 {MAX_PHONE_DIGITS} 位（国际号码连国家代码最多 15 位）：请核对",
                at(*path),
            )


def _phones(obj: BaseModel, path: KeyPath) -> Iterator[tuple[KeyPath, str]]:
    phones, children = _fields(type(obj))
    for name in phones:
        value = getattr(obj, name)
        if isinstance(value, str):
            yield (*path, name), value
    for name in children:
        value = getattr(obj, name)
        if isinstance(value, BaseModel):
            yield from _phones(value, (*path, name))
        elif isinstance(value, tuple):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _phones(item, (*path, name, i))
        elif isinstance(value, Mapping):
            for key, item in value.items():
                if isinstance(item, BaseModel):
                    yield from _phones(item, (*path, name, str(key)))


@functools.cache
def _fields(cls: type[BaseModel]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The model's phone fields, and the fields that may hold further models."""
    phones = tuple(name for name, f in cls.model_fields.items() if _is_phone(f))
    children = tuple(name for name, f in cls.model_fields.items() if _holds_models(f.annotation))
    return phones, children


def _is_phone(field: FieldInfo) -> bool:
    return tuple(field.metadata) == _PHONE_META or Phone in typing.get_args(field.annotation)


def _holds_models(annotation: object) -> bool:
    if isinstance(annotation, type):
        return issubclass(annotation, BaseModel)
    return any(_holds_models(a) for a in typing.get_args(annotation))
