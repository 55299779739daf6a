"""The tender compliance table (商务条款偏离表): each clause against what the project promises.

A checkable clause names a metric, a comparator and a threshold; its response
is written from the project's actual commitment (after overrides), never by
hand, so the table cannot say "2 hours" while the response section says four.
Each result carries where the promise came from, so `check` can point at both
the clause and the commitment.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from generator.model.commitments import ScheduledActivity
from generator.model.common import Frequency
from generator.model.durations import Duration
from generator.model.project import (
    COUNT_METRICS,
    TIME_METRICS,
    Comparator,
    Deviation,
    HoursPromise,
    Metric,
    Requirement,
    RequirementCheck,
)
from generator.model.resolved import ResolvedProject, ServiceModel
from generator.model.response import MeasureKind

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Source:
    """Where a promise is stated: a content file ("commitments", "company",
    "training" or "project") and the key path inside it."""

    file: str
    path: Path


@dataclass(frozen=True)
class ClauseResult:
    number: int  # 序号, from 1
    index: int  # position in the project's requirements list
    requirement: Requirement
    deviation: Deviation | None  # None: a manual clause nobody has answered yet
    response: str  # 投标文件响应
    note: str  # 说明
    source: Source | None  # None for manual clauses, and for promises not made

    @property
    def automatic(self) -> bool:
        return self.requirement.check is not None


Value = Duration | Decimal | Frequency | HoursPromise | str


@dataclass(frozen=True)
class Promise:
    value: Value
    shown: str  # the value as the note quotes it
    response: str
    source: Source


# Larger is better for these; smaller for time limits.
_LARGER_BETTER = {
    Metric.WARRANTY,
    Metric.SERVICE_PERIOD,
    Metric.TRAINING_HOURS,
    Metric.TRAINEES,
    Metric.HOTLINE,
    Metric.INSPECTION,
    Metric.CALLBACK,
}
_PER_YEAR = {
    Frequency.DAILY: Decimal(365),
    Frequency.WEEKLY: Decimal(52),
    Frequency.BIWEEKLY: Decimal(26),
    Frequency.MONTHLY: Decimal(12),
    Frequency.QUARTERLY: Decimal(4),
    Frequency.HALF_YEARLY: Decimal(2),
    Frequency.YEARLY: Decimal(1),
}


def per_year(a: ScheduledActivity) -> Decimal | None:
    """How many times a year an activity happens; None if it has no regular period."""
    base = _PER_YEAR.get(a.frequency)
    if base is None:
        return None
    if a.months:
        return Decimal(len(a.months))  # once in each listed month, as the schedule plans it
    return base * (a.times or 1)


def _time_promise(rp: ResolvedProject, check: RequirementCheck) -> Promise | None:
    r = rp.commitments.response
    measure = r.measure(MeasureKind(check.metric.value))
    if measure is None:
        return None
    levels = [(i, lv) for i, lv in enumerate(r.levels) if check.level in (None, lv.id)]
    stated = []
    for i, lv in levels:
        target = lv.targets.get(measure.id)
        d = rp.target(lv, measure)
        if target is None or d is None:
            return None  # a level without this promise cannot meet the clause
        area = target.area_for(rp.region.id, rp.region.zone)
        path: Path = ("response", "levels", i, "targets", measure.id, *((area,) if area else ()))
        stated.append((d, lv.name, Source("commitments", path)))
    if not stated:
        return None
    loosest = max(stated, key=lambda x: x[0])
    where = f"（{rp.region.name}）" if measure.per_area else ""
    if check.level is not None:
        response = f"{loosest[1]}{measure.name}时限：{loosest[0].within()}{where}"
    else:
        response = f"{measure.name}时限{where}：" + "、".join(f"{name}{d.within()}" for d, name, _ in stated)
    return Promise(loosest[0], loosest[0].zh(), response, loosest[2])


def _frequency_promise(rp: ResolvedProject, check: RequirementCheck) -> Promise | None:
    m = rp.commitments.maintenance
    key, items = ("inspections", m.inspections) if check.metric is Metric.INSPECTION else ("callbacks", m.callbacks)
    best: tuple[Decimal, int, ScheduledActivity] | None = None
    for i, a in enumerate(items):
        n = per_year(a)
        if n is None or (check.mode is not None and a.mode is not check.mode):
            continue
        if best is None or n > best[0]:
            best = (n, i, a)
    if best is None:
        return None
    n, i, a = best
    # Compared as times a year; quoted as written.
    times = f" {a.times} 次" if a.times else ""
    mode = f"，{a.mode.value}" if a.mode else ""
    return Promise(
        n,
        f"{a.frequency.value}{times}",
        f"{a.name}：{'至少' if a.at_least else ''}{a.frequency.value}{times}{mode}",
        Source("commitments", ("maintenance", key, i, "frequency")),
    )


def promise(model: ServiceModel, rp: ResolvedProject, check: RequirementCheck) -> Promise | None:
    """What the project actually promises for the clause's metric; None where it promises nothing."""
    c = rp.commitments
    metric = check.metric
    if metric is Metric.WARRANTY:
        w = c.warranty
        return Promise(
            w.period,
            w.period.zh(),
            f"整体质保期{w.period.zh()}，自{w.start_event.value}之日起计算",
            Source("commitments", ("warranty", "period")),
        )
    if metric is Metric.SERVICE_PERIOD:
        sp = rp.project.service_period
        return Promise(sp, sp.zh(), f"运维服务期{sp.zh()}", Source("project", ("service_period",))) if sp else None
    if metric in TIME_METRICS:
        return _time_promise(rp, check)
    if metric is Metric.SPARE_UNIT:
        su = c.response.spare_unit
        if su is None or su.within is None:
            return None
        return Promise(
            su.within,
            su.within.zh(),
            f"故障{su.within.zh()}内未修复的，{'免费' if su.free else ''}提供{su.equivalent or ''}备机",
            Source("commitments", ("response", "spare_unit", "within")),
        )
    plan = rp.training_plan
    plan_index = list(model.index.plans.items).index(plan.id) if plan else -1
    if metric is Metric.TRAINING_HOURS and plan is not None:
        if plan.class_hours is not None:
            hours, path = plan.class_hours, ("plans", plan_index, "class_hours")
        elif plan.modules and all(md.hours for md in plan.modules):
            hours, path = (
                sum((md.hours or Decimal(0) for md in plan.modules), Decimal(0)),
                ("plans", plan_index, "modules"),
            )
        else:
            return None
        return Promise(hours, f"{hours}学时", f"培训总课时不少于{hours}学时（{plan.name}）", Source("training", path))
    if metric is Metric.TRAINEES and plan is not None and plan.min_trainees:
        n = Decimal(plan.min_trainees)
        return Promise(
            n,
            f"{n}人",
            f"培训人数不少于{n}人（{plan.name}）",
            Source("training", ("plans", plan_index, "min_trainees")),
        )
    if metric is Metric.HOTLINE:
        best: tuple[HoursPromise, int] | None = None
        for i, h in enumerate(model.content.company.hotlines):
            if h.hours and h.hours.promise:
                hp = HoursPromise.parse(h.hours.promise)
                if best is None or hp > best[0]:
                    best = (hp, i)
        if best is None:
            return None
        h = model.content.company.hotlines[best[1]]
        return Promise(
            best[0],
            best[0].zh(),
            f"{h.name} {h.number}（{h.hours.zh() if h.hours else ''}）",
            Source("company", ("hotlines", best[1], "hours")),
        )
    if metric is Metric.LOCAL_POINT:
        city = check.threshold
        regions = model.index.regions
        for i, point in enumerate(model.content.company.service_points):
            region = regions.get(point.region)
            names = [point.city, *(region.cities if region else ()), region.name if region else ""]
            if any(_place(city) == _place(n) for n in names if n):
                return Promise(
                    city,
                    point.name,
                    f"在{point.city}设有{point.name}，地址：{point.address}，电话：{point.phone}",
                    Source("company", ("service_points", i)),
                )
        return None
    if metric in (Metric.INSPECTION, Metric.CALLBACK):
        return _frequency_promise(rp, check)
    return None


def _place(name: str) -> str:
    """ "青石市" and "青石" name one place; "市" alone names none."""
    name = name.strip()
    return name[:-1] if len(name) > 2 and name[-1] in "市县区" else name


def _compare(metric: Metric, comparator: Comparator, actual: Value, required: Value) -> Deviation:
    """Met and strictly better in the metric's own direction: 正偏离; met: 无偏离; else 负偏离."""
    if metric is Metric.LOCAL_POINT:
        return Deviation.NONE  # a point was found; there is nothing better than being there
    if isinstance(required, Frequency):
        required = _PER_YEAR[required]
    if isinstance(actual, HoursPromise) and isinstance(required, HoursPromise):
        met = actual.covers(required) if comparator is not Comparator.AT_MOST else required.covers(actual)
        if comparator is Comparator.EQUAL:
            met = actual.covers(required)
        better = actual != required and actual.covers(required)
        return Deviation.NEGATIVE if not met else (Deviation.POSITIVE if better else Deviation.NONE)
    a, r = actual, required
    assert isinstance(a, (Duration, Decimal)) and isinstance(r, type(a))
    larger_better = metric in _LARGER_BETTER
    better = (a > r) if larger_better else (a < r)
    if comparator is Comparator.AT_MOST:
        met = a <= r
    elif comparator is Comparator.AT_LEAST:
        met = a >= r
    else:
        met = a == r or better
    if not met:
        return Deviation.NEGATIVE
    return Deviation.POSITIVE if better else Deviation.NONE


def _requirement_zh(check: RequirementCheck) -> str:
    op = {
        Comparator.AT_MOST: "不超过",
        Comparator.AT_LEAST: "不少于",
        Comparator.EQUAL: "为",
        Comparator.CONTAINS: "在",
    }
    if check.metric in (Metric.INSPECTION, Metric.CALLBACK) and check.comparator is Comparator.AT_LEAST:
        return f"至少{check.threshold}一次"
    value = check.value()
    shown = value.zh() if isinstance(value, (Duration, HoursPromise)) else check.threshold
    if check.metric in COUNT_METRICS:
        shown = f"{value}{_UNITS[check.metric]}"
    return f"{op[check.comparator]}{shown}"


_UNITS = {Metric.TRAINING_HOURS: "学时", Metric.TRAINEES: "人"}


def evaluate_one(model: ServiceModel, rp: ResolvedProject, index: int, req: Requirement) -> ClauseResult:
    number = index + 1
    extra = f"{req.note}" if req.note else ""
    check = req.check
    if check is None:
        if not req.response:
            return ClauseResult(number, index, req, None, "（待填写）", extra, None)
        return ClauseResult(number, index, req, req.deviation, req.response, extra, None)
    found = promise(model, rp, check)
    required = _requirement_zh(check)
    if found is None:
        note = f"未作此项承诺（要求{required}）"
        return ClauseResult(number, index, req, Deviation.NEGATIVE, "未作承诺", _join(note, extra), None)
    deviation = _compare(check.metric, check.comparator, found.value, check.value())
    note = {
        Deviation.POSITIVE: f"优于招标要求：要求{required}，承诺{found.shown}",
        Deviation.NONE: "",
        Deviation.NEGATIVE: f"未达到招标要求：要求{required}，承诺{found.shown}",
    }[deviation]
    return ClauseResult(number, index, req, deviation, found.response, _join(note, extra), found.source)


def _join(*parts: str) -> str:
    return "；".join(p for p in parts if p)


def evaluate(model: ServiceModel, rp: ResolvedProject) -> tuple[ClauseResult, ...]:
    return tuple(evaluate_one(model, rp, i, req) for i, req in enumerate(rp.project.requirements))
