"""One fact, two values: a number typed into a prose block that disagrees with the model.

Each claim (checks/prose_claims.py) is compared with what the model states for the same
measure and the same scope (the fault level, area, phase or manufacturer the sentence
names); where the sentence does not narrow it down, with every value the model states for
the measure. The message lists the model's values by value and suggests the variable that
prints the right one, when a single one fits the sentence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from generator.checks import vocabulary as vocab
from generator.checks.prose_claims import Claim, ScopeWords, Value, claims, phase_key
from generator.model.commitments import Commitments
from generator.model.durations import Duration
from generator.model.prose import ProseBlock
from generator.model.resolved import ResolvedProject, ServiceModel
from generator.model.response import Measure, MeasureKind, ResponseMatrix, Target
from generator.reading.diagnostics import Diagnostic
from generator.reading.validation import Loc

Found = Iterator[Diagnostic]

_KINDS: dict[MeasureKind, tuple[str, ...]] = {
    MeasureKind.PHONE: ("phone",),
    MeasureKind.REMOTE: ("remote",),
    MeasureKind.ARRIVAL: ("arrival",),
    MeasureKind.RESTORE: ("restore",),
    MeasureKind.WORKAROUND: ("restore",),
    # 解决 is said of both: a prose 解决 may mean the final fix.
    MeasureKind.RESOLVE: ("resolve", "restore"),
    MeasureKind.ESCALATION: ("escalation",),
    MeasureKind.REPORT: ("escalation",),
    MeasureKind.REPLACEMENT: ("spare",),
}


@dataclass(frozen=True)
class Stated:
    """One value the model states, where a prose block finds it and what it applies to."""

    key: str
    value: Value
    expression: str | None  # the variable printing it, e.g. response.levels[0].targets.arrival
    area: str | None = None  # the by_area key of a per-area target
    levels: frozenset[str] = frozenset()
    phase: str | None = None
    subject: str | None = None  # a manufacturer id: its own promise, or ours for its brand


@dataclass(frozen=True)
class Facts:
    """Every value the model states that a prose block may mention, and the names of scopes."""

    stated: tuple[Stated, ...]
    words: ScopeWords


def measure_keys(m: Measure) -> tuple[str, ...]:
    """The vocabulary measures a response measure is: by its kind, and by the words of its name."""
    by_name = tuple(key for key, ws in vocab.DURATION_WORDS.items() if any(w in m.name for w in ws))
    return tuple(dict.fromkeys((*_KINDS.get(m.kind, ()), *by_name)))


def _accessor(base: str, mid: str) -> str:
    return f"{base}.{mid}" if mid.isidentifier() else f"{base}['{mid}']"


def _targets(r: ResponseMatrix, base: str, subject: str | None = None) -> Iterator[Stated]:
    for m in r.measures:
        for key in measure_keys(m):
            for i, lv in enumerate(r.levels):
                t = lv.targets.get(m.id)
                if t is not None:
                    expr = _accessor(f"{base}.levels[{i}].targets", m.id)
                    yield from _target(key, t, expr, frozenset([lv.id]), None, subject)


def _target(
    key: str, t: Target, expr: str, levels: frozenset[str], phase: str | None, subject: str | None = None
) -> Iterator[Stated]:
    if t.value is not None:
        yield Stated(key, t.value, expr, None, levels, phase, subject)
    for area, value in t.by_area.items():
        if value is not None:
            yield Stated(key, value, expr, area, levels, phase, subject)


def _commitments(c: Commitments) -> Iterator[Stated]:
    r = c.response
    yield from _targets(r, "response")
    measures = {m.id: m for m in r.measures}
    none: frozenset[str] = frozenset()
    for j, blanket in enumerate(r.blanket):  # one limit for several levels, as written
        m = measures.get(blanket.measure)
        for key in measure_keys(m) if m else ():
            yield from _target(key, blanket.within, f"response.blanket[{j}].within", frozenset(blanket.levels), None)
    for j, phase in enumerate(c.phases):
        for mid, t in (phase.targets or {}).items():
            for key in measure_keys(measures[mid]) if mid in measures else ():
                expr = _accessor(f"commitments.phases[{j}].targets", mid)
                yield from _target(key, t, expr, none, phase_key(phase.name))
    if r.post_warranty is not None:
        for mid, t in r.post_warranty.targets.items():
            for key in measure_keys(measures[mid]) if mid in measures else ():
                yield from _target(key, t, _accessor("response.post_warranty.targets", mid), none, "质保期外")
    w = c.warranty
    yield Stated("warranty", w.period, "warranty.period")
    if w.onsite_period:
        yield Stated("warranty", w.onsite_period, "warranty.onsite_period")
    if w.replaced_part and w.replaced_part.minimum:
        yield Stated("warranty", w.replaced_part.minimum, "warranty.replaced_part.minimum")
    for j, b in enumerate(w.by_brand):
        yield Stated("warranty", b.period, f"warranty.by_brand[{j}].period", subject=b.manufacturer)
        if b.onsite_period:
            yield Stated("warranty", b.onsite_period, f"warranty.by_brand[{j}].onsite_period", subject=b.manufacturer)
    if r.spare_unit and r.spare_unit.within:
        yield Stated("spare", r.spare_unit.within, "response.spare_unit.within")
    for j, cb in enumerate(c.maintenance.callbacks):
        if cb.satisfaction_target is not None:
            yield Stated("satisfaction", cb.satisfaction_target, f"maintenance.callbacks[{j}].satisfaction_target")


def _training(model: ServiceModel, rp: ResolvedProject | None) -> Iterator[Stated]:
    plans = [(rp.training_plan, "project.training_plan")] if rp else []
    plans = plans or [(p, f"training.plans[{i}]") for i, p in enumerate(model.content.training.plans)]
    for plan, base in plans:
        if plan is None:
            continue
        hours = [m.hours for m in plan.modules if m.hours]
        if plan.class_hours:
            yield Stated("class_hours", plan.class_hours, f"{base}.class_hours")
        for k, m in enumerate(plan.modules):
            if m.hours:
                yield Stated("class_hours", m.hours, f"{base}.modules[{k}].hours")
            if m.min_trainees:
                yield Stated("trainees", Decimal(m.min_trainees), f"{base}.modules[{k}].min_trainees")
        if hours:
            yield Stated("class_hours", sum(hours, Decimal(0)), None)
        if plan.trainers:
            yield Stated("trainers", Decimal(plan.trainers), f"{base}.trainers")
        if plan.min_trainees:
            yield Stated("trainees", Decimal(plan.min_trainees), f"{base}.min_trainees")


def facts(model: ServiceModel, rp: ResolvedProject | None) -> Facts:
    """The model's values: a project's own where given, else the company's and every
    project's, since a shared block may be rendered for any of them."""
    content = model.content
    projects = [rp] if rp else list(model.projects)
    sources = [rp.commitments] if rp else [content.commitments, *(p.commitments for p in projects)]
    stated: list[Stated] = []
    for c in sources:
        stated += _commitments(c)
    company = content.company
    if company.complaint and company.complaint.reply_within:
        stated.append(Stated("complaint", company.complaint.reply_within, "company.complaint.reply_within"))
    for i, h in enumerate(company.hotlines):
        if h.answer_within:
            stated.append(Stated("phone", h.answer_within, f"company.hotlines[{i}].answer_within"))
    for p in projects:
        for k, item in enumerate(p.project.equipment):
            if item.warranty:
                stated.append(Stated("warranty", item.warranty, f"project.project.equipment[{k}].warranty"))
    for i, maker in enumerate(content.manufacturers.manufacturers):
        for k, pl in enumerate(maker.product_lines):
            if pl.warranty:
                expr = f"manufacturers[{i}].product_lines[{k}].warranty"
                stated.append(Stated("warranty", pl.warranty, expr, subject=maker.id))
        if maker.response:
            stated += _targets(maker.response, f"manufacturers[{i}].response", maker.id)
    stated += _training(model, rp)
    return Facts(tuple(dict.fromkeys(stated)), scope_words(model, rp))


def scope_words(model: ServiceModel, rp: ResolvedProject | None) -> ScopeWords:
    """The content's names for fault levels, areas, phases and manufacturers."""
    content = model.content
    commitments = [rp.commitments] if rp else [content.commitments, *(p.commitments for p in model.projects)]
    levels: dict[str, str] = {}
    phases: dict[str, str] = {}
    for c in commitments:
        for lv in c.response.levels:
            for name in (lv.name, lv.alias):
                if name:
                    levels.setdefault(name, lv.id)
                    short = name.removesuffix("故障").removesuffix("事件")
                    if short != name and short.endswith(("级", "类")):
                        levels.setdefault(short, lv.id)
        for phase in c.phases:
            phases.setdefault(phase.name, phase_key(phase.name))
    areas: dict[str, set[str]] = {}
    for z in content.company.zones:
        areas.setdefault(z.name, set()).add(z.id)
    for region in content.company.regions:
        ids = {region.id, *([region.zone] if region.zone else [])}
        for name in (region.name, *region.cities):
            areas.setdefault(name, set()).update(ids)
    makers: dict[str, str] = {}
    for maker in content.manufacturers.manufacturers:
        makers.setdefault(maker.name, maker.id)
        short = maker.name
        for suffix in ("有限公司", "有限责任公司", "股份", "集团", "公司", "科技", "技术"):
            short = short.removesuffix(suffix)
        if len(short) >= 2:
            makers.setdefault(short, maker.id)
    return ScopeWords(levels, {k: frozenset(v) for k, v in areas.items()}, phases, makers)


# --- the check ------------------------------------------------------------------


def candidates(claim: Claim, known: Facts) -> list[Stated]:
    """What the model states for the claim's measure and scope, narrowed as far as the
    sentence says (a scope the model does not know narrows nothing)."""
    scope = claim.scope
    same = [s for s in known.stated if s.key == claim.key]
    if scope.subject == "厂商":
        same = [s for s in same if s.subject is not None]
    else:
        same = [s for s in same if s.subject == scope.subject]
    if scope.phase is not None:  # a phase the model states nothing for: nothing to contradict
        same = [s for s in same if s.phase == scope.phase]
    keeps: list[Callable[[Stated], bool]] = [
        lambda s: s.phase is None,
        lambda s: bool(s.levels & scope.levels),
        lambda s: s.area in scope.areas,
    ]
    for keep in keeps:
        same = [s for s in same if keep(s)] or same
    return same


def literal_contradictions(body: str, known: Facts) -> Iterator[tuple[Claim, list[Stated]]]:
    """Each claim of the body the model states otherwise, with what the model states.
    Jinja expressions are values, not literals."""
    for claim in claims(body, known.words):
        found = candidates(claim, known)
        if found and claim.value not in {s.value for s in found}:
            yield claim, found


def listed(values: Sequence[Value] | set[Value], key: str) -> str:
    """Values by value, each once, as a message writes them: 5分钟、10分钟、2小时."""
    return "、".join(shown(v, key) for v in sorted(set(values)))


def shown(value: Value, key: str) -> str:
    if isinstance(value, Duration):
        return value.zh()
    number = format(value.normalize(), "f")
    return f"{number}%" if key in vocab.PERCENT_WORDS else f"{number}{vocab.COUNT_UNITS.get(key, '')}"


def suggestion(claim: Claim, found: list[Stated]) -> str | None:
    """The variable to write instead, if exactly one fits the sentence."""
    exprs = {s.expression for s in found}
    areas = {s.area for s in found}
    if len(exprs) == 1 and None not in exprs:
        expr = found[0].expression or ""
        if areas != {None}:  # one per-area target: the area named, else the project's own
            only = next(iter(areas)) if len(areas) == 1 else None
            expr += f".for_area('{only}')" if only else ".for_area(project.region.id, project.region.zone)"
    elif len({s.value for s in found}) == 1 and found[0].expression is not None:
        expr = found[0].expression + (f".for_area('{found[0].area}')" if found[0].area else "")
    else:
        return None
    if isinstance(claim.value, Duration):
        return f"{{{{ {expr}.{'within' if claim.within else 'zh'}() }}}}"
    return f"{{{{ {expr} }}}}{'%' if claim.key in vocab.PERCENT_WORDS else ''}"


def _unfit(found: list[Stated]) -> str:
    """Why no one variable fits: what the sentence would have to name."""
    levels = {lv for s in found for lv in s.levels}
    missing = [
        what for what, many in (("哪一级故障", len(levels) > 1), ("哪个地区", len({s.area for s in found}) > 1)) if many
    ]
    if missing:
        return f"句中没有写明是{'、'.join(missing)}，无法确定对应的变量"
    return "数据中有几处不同的值，无法确定对应的变量"


def check_prose_numbers(block: ProseBlock, known: Facts, where: Loc, *path: str | int) -> Found:
    for claim, found in literal_contradictions(block.body, known):
        scope = claim.scope.label()
        name = f"{scope}的{vocab.NAMES[claim.key]}" if scope else vocab.NAMES[claim.key]
        said = listed([s.value for s in found], claim.key)
        fix = suggestion(claim, found)
        advice = f"数字请从数据引用，例如写成 {fix}" if fix else f"数字请从数据引用（{{{{ }}}}）；{_unfit(found)}"
        yield Diagnostic.error(
            f"文本块“{block.title}”正文第 {claim.line} 行写着“{claim.literal}”，与{name}（{said}）不一致：{advice}",
            where(*path, "body"),
        )
