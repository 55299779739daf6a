"""The tender proposal section (售后服务承诺 / 售后服务方案) as a document model.

Each chosen section renders its template in templates/proposal/ to markup;
the Chinese wording lives there, where a company can override it.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    select_autoescape,
)

from generator.checks import compliance
from generator.model.durations import Duration
from generator.model.project import Numbering as ProjectNumbering
from generator.model.prose import ProseBlock
from generator.model.resolved import ResolvedProject, ServiceModel
from generator.model.response import Measure, ResponseMatrix, Target
from generator.model.sections import PROSE_PREFIX, SECTIONS
from generator.model.sources import sourced, sources_of
from generator.model.values import money_zh, percent_zh
from generator.outputs import prose, trace
from generator.outputs.document import Block, Document, Figure, Numbering, Section
from generator.outputs.flowchart import process_figure
from generator.outputs.markup import MarkupError, Reader
from generator.outputs.templating import bytecode_cache, search_path

TITLE = "售后服务承诺及方案"


def date_zh(value: dt.date | None) -> str:
    return f"{value.year}年{value.month}月{value.day}日" if value else "____年__月__日"


def weekday_zh(value: dt.date) -> str:
    return "周" + "一二三四五六日"[value.weekday()]


def zh(value: Any) -> str:
    """Durations, targets, money, percentages and dates as a Chinese reader expects them."""
    if value is None:
        return "—"
    if isinstance(value, (Duration, Target)):
        return value.zh()
    if isinstance(value, dt.date):
        return date_zh(value)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(getattr(value, "value", value))


def within(value: Duration | Target | None) -> str:
    return "—" if value is None else value.within()


def join_cn(values: Iterable[Any], sep: str = "、") -> str:
    return sep.join(zh(v) for v in values)


def bare(text: str | None) -> str:
    """Text set inside a sentence: without its final stop."""
    return text.rstrip("。；，") if text else ""


def sent(text: str | None) -> str:
    """Text as a sentence of its own: with a final stop if it has none."""
    if not text:
        return ""
    return text if text[-1] in "。！？…；.!?" else f"{text}。"


def target_columns(matrix: ResponseMatrix) -> list[tuple[Measure, list[str]]]:
    """The stated measures of a matrix, each with the areas it is promised per (empty: one column)."""
    out = []
    for m in matrix.measures:
        if not any(m.id in lv.targets for lv in matrix.levels):
            continue  # defined, never promised: no empty column
        areas: list[str] = []
        for lv in matrix.levels:
            t = lv.targets.get(m.id)
            if t is not None:
                areas += [a for a in t.by_area if a not in areas]
        out.append((m, areas))
    return out


def _keeps_sources(fn: Callable[..., str]) -> Callable[..., str]:
    """A filter whose text remembers where the value it formats was written."""

    @functools.wraps(fn)
    def wrapped(value: Any, *args: Any) -> str:
        items = list(value) if isinstance(value, (list, tuple)) else [value]
        return sourced(fn(value, *args), sources_of(*items))

    return wrapped


# The filters every template (proposal, HTML, handbook) formats values with.
_FORMATS: dict[str, Callable[..., str]] = {
    "zh": zh,
    "within": within,
    "money": money_zh,
    "pct": percent_zh,
    "date": date_zh,
    "weekday": weekday_zh,
    "join_cn": join_cn,
    "bare": bare,
    "sent": sent,
}
FILTERS: dict[str, Callable[..., str]] = {name: _keeps_sources(fn) for name, fn in _FORMATS.items()}


def make_environment(templates: Path | None = None) -> Environment:
    """A fresh environment on the template search path, with the Chinese value filters."""
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(str(d)) for d in search_path(templates)]),
        bytecode_cache=bytecode_cache("proposal"),
        undefined=StrictUndefined,
        autoescape=select_autoescape(["xml.j2", "html.j2"], default_for_string=False),
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=trace.finalize,
    )
    env.filters.update(FILTERS)
    return env


@functools.lru_cache(maxsize=8)
def environment(templates: Path | None = None) -> Environment:
    """One environment per template folder, so each template compiles once per process."""
    return make_environment(templates)


def context(model: ServiceModel, rp: ResolvedProject) -> dict[str, Any]:
    c = model.content
    idx = model.index
    makers = {e.manufacturer for e in rp.project.equipment if e.manufacturer}
    makers |= {b.manufacturer for b in rp.commitments.warranty.by_brand}
    makers |= set(rp.project.joint_with)
    return {
        "company": c.company,
        "project": rp.project,
        "rp": rp,
        "c": rp.commitments,
        "warranty": rp.commitments.warranty,
        "response": rp.commitments.response,
        "fees": rp.fees,
        "staff": c.staff,
        "people": idx.people.items,
        "who": idx.who,
        "roles": {r.id: r for r in c.staff.roles},
        "plan": rp.training_plan,
        "manufacturers": [m for m in c.manufacturers.manufacturers if m.id in makers],
        "all_manufacturers": idx.manufacturers.items,
        "makers": idx.manufacturers,
        "partners": c.partners,
        "service_points": idx.service_points.items,
        "areas_names": idx.area_names(),
        "regions": c.company.regions,
        "zones": c.company.zones,
        "hotlines": {h.id: h for h in c.company.hotlines},
        "section_titles": SECTIONS,
        "target_columns": target_columns,
        "compliance": compliance.evaluate(model, rp),
    }


class ProposalError(Exception):
    pass


def build(model: ServiceModel, rp: ResolvedProject, templates: Path | None = None, draw: bool = True) -> Document:
    """The proposal for one project, in the order its `sections` list gives. draw=False
    leaves the pictures blank (checks read only the text; Graphviz is the slow part)."""
    env = environment(templates)
    variables = context(model, rp)
    figures: dict[str, Figure] = {}

    def figure(ref: str) -> Figure:
        if ref != "process":
            raise MarkupError(f"未知的图“{ref}”")
        if ref not in figures:
            figures[ref] = process_figure(rp.commitments.process, draw=draw)
        return figures[ref]

    prose_vars = prose.context(model, rp)
    local = {b.id: b for b in rp.project.prose}

    def prose_blocks(ref: str) -> list[Block]:
        block = local.get(ref) or model.index.prose.get(ref)
        if block is None:
            raise MarkupError(f"未知的文本块“{ref}”")
        return prose.to_blocks(prose.render(block, prose_vars))

    with trace.recording(mark=True) as recorder:
        reader = Reader(figure, prose_blocks, recorder.values)
        sections = _sections(model, rp, env, variables, reader, local, prose_blocks)
    p = rp.project
    prefix = p.chapter_prefix
    return Document(
        title=f"{prefix} {TITLE}".strip() if p.numbering is ProjectNumbering.DECIMAL else TITLE,
        header=p.name,
        author=model.content.company.name,
        subject=f"{p.name}（{p.tender_number}）售后服务",
        numbering=Numbering.CHINESE if p.numbering is ProjectNumbering.CHINESE else Numbering.DECIMAL,
        chapter_prefix=prefix,
        sections=tuple(sections),
        keywords=("售后服务", p.tender_number),
    )


def _sections(
    model: ServiceModel,
    rp: ResolvedProject,
    env: Environment,
    variables: dict[str, Any],
    reader: Reader,
    local: dict[str, ProseBlock],
    prose_blocks: Callable[[str], list[Block]],
) -> list[Section]:
    """Each chosen section, its template rendered to markup and read into the document model."""
    sections: list[Section] = []
    for sec in rp.project.sections:
        if sec.startswith(PROSE_PREFIX):
            ref = sec[len(PROSE_PREFIX) :]
            block = local.get(ref) or model.index.prose[ref]
            sections.append(Section(block.title, tuple(prose_blocks(ref)), anchor=f"prose-{ref}"))
            continue
        name = f"proposal/{sec}.xml.j2"
        try:
            xml = env.get_template(name).render(variables)
            rendered = reader.sections(xml)
        except TemplateNotFound:
            raise ProposalError(f"章节“{sec}”没有模板 {name}") from None
        except TemplateError as exc:
            line = getattr(exc, "lineno", None)
            raise ProposalError(f"{name}{f':{line}' if line else ''}：模板错误：{exc}") from None
        except MarkupError as exc:
            raise ProposalError(f"{name}：{exc}") from None
        sections.extend(s if s.anchor else Section(s.title, s.blocks, s.children, sec) for s in rendered)
    return sections
