"""Product lines: tags name real lines or manufacturers, and each project's equipment
belongs to a line, so that its outputs carry its own products and no one else's."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import Any

from pydantic import BaseModel

from generator.model.common import Tagged
from generator.model.content import Content
from generator.model.project import Project
from generator.model.resolved import line_of
from generator.reading.diagnostics import Diagnostic
from generator.reading.validation import Loc

Found = Iterator[Diagnostic]

# The content files whose company-level items may carry product-line tags.
TAGGED_FILES = ("commitments", "fees", "training", "staff")


def tags(value: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """(key path, tag) for every product-line tag in a value, at any depth."""
    if isinstance(value, Tagged):
        for j, tag in enumerate(value.lines):
            yield (*path, "lines", j), tag
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            field = getattr(value, name)
            if name == "lines" and isinstance(field, tuple):
                for j, tag in enumerate(field):
                    yield (*path, "lines", j), tag
            else:
                yield from tags(field, (*path, name))
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            yield from tags(item, (*path, i))


def check_content(content: Content, company_at: Loc, at: dict[str, Loc], skip: Collection[str] = ()) -> Found:
    """Lines name known manufacturers, tags known lines or manufacturers. While
    manufacturers.yaml fails (in ``skip``), neither can be told, so neither is checked."""
    if "manufacturers" in skip:
        return
    lines = {pl.id: pl for pl in content.company.product_lines}
    makers = {m.id for m in content.manufacturers.manufacturers}
    for i, pl in enumerate(content.company.product_lines):
        for j, mid in enumerate(pl.manufacturers):
            if mid not in makers:
                yield Diagnostic.error(
                    f"产品线“{pl.name}”中的厂商“{mid}”不在 manufacturers.yaml 中",
                    company_at("product_lines", i, "manufacturers", j),
                )
    known = set(lines) | makers
    for key in TAGGED_FILES:
        if key not in at:
            continue
        for path, tag in tags(getattr(content, key)):
            if tag not in known:
                yield Diagnostic.error(
                    f"未知的产品线或厂商“{tag}”（可用：{'、'.join(sorted(known)) or '先在 company.product_lines 中声明产品线'}）",
                    at[key](*path),
                )


def check_project(project: Project, content: Content, at: Loc) -> Found:
    lines = content.company.product_lines
    ids = {pl.id for pl in lines}
    for i, lid in enumerate(project.product_lines):
        if lid not in ids:
            yield Diagnostic.error(
                f"未知的产品线“{lid}”（可用：{'、'.join(sorted(ids)) or '先在 company.product_lines 中声明'}）",
                at("product_lines", i),
            )
    for i, item in enumerate(project.equipment):
        if item.line is not None and item.line not in ids:
            yield Diagnostic.error(f"未知的产品线“{item.line}”", at("equipment", i, "line"))
    if not lines:
        return
    for i, item in enumerate(project.equipment):
        if line_of(item, lines) is None:
            yield Diagnostic.warning(
                f"设备“{item.name}”不属于任何产品线：它的厂商不在 company.product_lines 的 manufacturers 中，"
                "也没有写 line；只适用于某条产品线的条目不会因它出现在本项目文档中",
                at("equipment", i),
            )
    if not project.product_lines and not any(line_of(e, lines) for e in project.equipment):
        yield Diagnostic.warning(
            "本项目没有写 product_lines，也无法由设备推出产品线：文档将包含所有产品线的条目",
            at(),
        )
