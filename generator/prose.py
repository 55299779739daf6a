"""Free prose blocks: Markdown with Jinja variables taken from the model.

Rendered in a sandbox with StrictUndefined, so a misspelt variable is an
error at check time, never an empty gap in a bid.
"""

from __future__ import annotations

from typing import Any

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment

from .diagnostics import Diagnostic, Location
from .model.prose import ProseBlock
from .resolved import ResolvedProject, ServiceModel

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
