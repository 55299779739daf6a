"""Free prose blocks: Markdown with Jinja variables taken from the model.

Rendered in a sandbox with StrictUndefined, so a misspelt variable is an
error at check time, never an empty gap in a bid.
"""

from __future__ import annotations

import re
from typing import Any

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment

from generator.model.prose import ProseBlock
from generator.model.resolved import ResolvedProject, ServiceModel
from generator.outputs.document import Block, Inline, ListBlock, Paragraph, Run
from generator.reading.diagnostics import Diagnostic, Location

_ENV = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True)


def context(model: ServiceModel, project: ResolvedProject | None) -> dict[str, Any]:
    """The variables a prose block can use."""
    c = model.content
    commitments = project.commitments if project else c.commitments
    return {
        "company": c.company,
        "commitments": commitments,
        "warranty": commitments.warranty,
        "response": commitments.response,
        "maintenance": commitments.maintenance,
        "emergency": commitments.emergency,
        "staff": c.staff,
        "people": model.index.people.items,
        "fees": project.fees if project else c.fees,
        "training": c.training,
        "partners": c.partners.partners,
        "manufacturers": c.manufacturers.manufacturers,
        "project": project,
    }


def render(block: ProseBlock, variables: dict[str, Any]) -> str:
    return _ENV.from_string(block.body).render(variables)


def render_checked(
    block: ProseBlock, variables: dict[str, Any], where: Location
) -> tuple[str | None, Diagnostic | None]:
    """Render, or say why not, located at the block's body."""
    try:
        return render(block, variables), None
    except TemplateSyntaxError as exc:
        why = f"文本块“{block.title}”正文第 {exc.lineno} 行模板语法错误：{exc.message}"
    except UndefinedError as exc:
        why = f"文本块“{block.title}”引用了不存在的变量：{exc.message}"
    except TemplateError as exc:
        why = f"文本块“{block.title}”无法生成：{exc.message}"
    except Exception as exc:  # a value's method raised: still the content's fault, report it
        why = f"文本块“{block.title}”无法生成：{exc}"
    return None, Diagnostic.error(why, where)


_STRONG = re.compile(r"\*\*(.+?)\*\*")
_BULLET = re.compile(r"^\s*[-*]\s+(.*)$")
_ORDERED = re.compile(r"^\s*\d+[.、)]\s+(.*)$")


def _runs(text: str) -> Inline:
    runs: list[Run] = []
    pos = 0
    for m in _STRONG.finditer(text):
        if m.start() > pos:
            runs.append(Run(text[pos : m.start()]))
        runs.append(Run(m.group(1), strong=True))
        pos = m.end()
    if pos < len(text):
        runs.append(Run(text[pos:]))
    return tuple(runs)


def to_blocks(markdown: str) -> list[Block]:
    """The Markdown prose blocks use: paragraphs, - and 1. lists, **strong**.

    Lines of one paragraph join without a space between Chinese characters.
    """
    blocks: list[Block] = []
    for chunk in re.split(r"\n\s*\n", markdown.strip()):
        lines = [ln for ln in chunk.splitlines() if ln.strip()]
        if not lines:
            continue
        if all(_BULLET.match(ln) for ln in lines) or all(_ORDERED.match(ln) for ln in lines):
            ordered = bool(_ORDERED.match(lines[0]))
            pattern = _ORDERED if ordered else _BULLET
            items = tuple(_runs(pattern.match(ln).group(1).strip()) for ln in lines)  # type: ignore[union-attr]
            blocks.append(ListBlock(items, ordered=ordered))
        else:
            text = lines[0].strip()
            for ln in lines[1:]:
                ln = ln.strip()
                cjk_join = text and "\u3000" <= text[-1] <= "\u9fff" and "\u3000" <= ln[0] <= "\u9fff"
                text += ln if cjk_join else " " + ln
            blocks.append(Paragraph(_runs(text)))
    return blocks
