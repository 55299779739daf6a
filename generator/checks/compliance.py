"""The tender compliance table (商务条款偏离表): each clause against what the project promises.

A checkable clause names a metric, a comparator and a threshold; its response
is written from the project's actual commitment (after overrides), never by
hand, so the table cannot say "2 hours" while the response section says four.
Each result carries where the promise came from, so `check` can point at both
the clause and the commitment.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
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
from generator.model.response import Measure, MeasureKind, RemedyKind, ResponseCommitments
from generator.model.sources import sourced, sources_of

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
    if not r.levels:
        return _blanket_promise(rp, check, measure)
    levels = [(i, lv) for i, lv in enumerate(r.levels) if check.level in (None, lv.id)]
    stated = []
    for i, lv in levels:
        target = lv.targets.get(measure.id)
        d = rp.target(lv, measure)
        if target is None or d is None:
            return None  # a level without this promise cannot meet the clause
        area = target.area_for(rp.region.id, rp.region.zone)
        path: Path = ("response", "levels", i, "targets", measure.id, *((area,) if area else ()))
        blanket = next((bi for bi, b in enumerate(r.blanket) if b.within is target), None)
        if blanket is not None:  # the level takes a limit written for several levels at once
            path = ("response", "blanket", blanket, "within", *((area,) if area else ()))
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


def _blanket_promise(rp: ResolvedProject, check: RequirementCheck, measure: Measure) -> Promise | None:
    """Content without levels: the limit written for every fault (no scope) answers the clause,
    whatever level it names (the company grades none, so the limit binds each)."""
    r = rp.commitments.response
    areas = (rp.region.id, rp.region.zone)
    for bi, b in enumerate(r.blanket):
        if b.measure != measure.id or b.scope is not None:
            continue
        d = b.within.for_area(*areas)
        if d is None:
            return None
        area = b.within.area_for(*areas)
        where = f"（{rp.region.name}）" if measure.per_area else ""
        path: Path = ("response", "blanket", bi, "within", *((area,) if area else ()))
        response = f"{r.blanket_applies(b)}{measure.name}时限{where}：{d.within()}"
        return Promise(d, d.zh(), response, Source("commitments", path))
    return None


def matched_activity(rp: ResolvedProject, check: RequirementCheck) -> tuple[Decimal, int, ScheduledActivity] | None:
    """The inspection or callback a frequency clause is answered with: the most frequent
    of the clause's mode, with its times a year and its index."""
    m = rp.commitments.maintenance
    items = m.inspections if check.metric is Metric.INSPECTION else m.callbacks
    best: tuple[Decimal, int, ScheduledActivity] | None = None
    for i, a in enumerate(items):
        n = per_year(a)
        if n is None or (check.mode is not None and check.mode not in (a.mode, *a.with_modes)):
            continue
        if best is None or n > best[0]:
            best = (n, i, a)
    return best


def _frequency_promise(rp: ResolvedProject, check: RequirementCheck) -> Promise | None:
    key = "inspections" if check.metric is Metric.INSPECTION else "callbacks"
    best = matched_activity(rp, check)
    if best is None:
        return None
    n, i, a = best
    # Compared as times a year; read as every output reads it.
    mode = a.mode_zh()
    return Promise(
        n,
        a.frequency_zh(),
        f"{a.name}：{a.frequency_zh()}{f'，{mode}' if mode else ''}",
        Source("commitments", ("maintenance", key, i, "frequency")),
    )


def _remedy_promise(response: ResponseCommitments, kind: RemedyKind, field: str) -> Promise | None:
    """The tightest remedy of a kind, by one of its times: a spare unit by how long a fault may
    stay unrepaired before it comes (after), spare parts by how soon they come (within)."""
    measures = {m.id: m for m in response.measures}
    timed = [(getattr(r, field), i, r) for i, r in enumerate(response.remedies) if r.kind is kind and getattr(r, field)]
    if not timed:
        return None
    value, i, r = min(timed, key=lambda t: (t[0], t[1]))
    return Promise(
        value,
        value.zh(),
        f"{r.condition_zh(measures)}的，{r.remedy_zh()}",
        Source("commitments", ("response", "remedies", i, field)),
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
            f"整体质保期{w.period.zh()}" + (f"，自{w.start_event.value}之日起计算" if w.start_event else ""),
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
            return _remedy_promise(c.response, RemedyKind.SPARE_UNIT, "after")
        return Promise(
            su.within,
            su.within.zh(),
            su.zh(),
            Source("commitments", ("response", "spare_unit", "within")),
        )
    if metric is Metric.SPARE_PARTS:
        return _remedy_promise(c.response, RemedyKind.SPARE_PARTS, "within")
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
                    f"在{point.city}设有{point.name}"
                    + (f"，地址：{point.address}" if point.address else "")
                    + (f"，电话：{point.phone}" if point.phone else ""),
                    Source("company", ("service_points", i)),
                )
        return None
    if metric in (Metric.INSPECTION, Metric.CALLBACK):
        return _frequency_promise(rp, check)
    return None


def _place(name: str) -> str:
    """ "青石市" and "青石" name one place; "市" alone names none."""
    name = name.strip()
    return name[:-1] if len(name) > 2 and name[-1] in PLACE_SUFFIXES else name


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
    kind = Duration if isinstance(a, Duration) else Decimal  # values may be sourced subclasses
    assert isinstance(a, kind) and isinstance(r, kind)
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
    # The response and the note quote the promise: they carry where it is written.
    where = sources_of(found.value, found.response, found.shown)
    response, note = sourced(found.response, where), sourced(_join(note, extra), where) if note else _join(note, extra)
    return ClauseResult(number, index, req, deviation, response, note, found.source)


def _join(*parts: str) -> str:
    return "；".join(p for p in parts if p)


def evaluate(model: ServiceModel, rp: ResolvedProject) -> tuple[ClauseResult, ...]:
    return tuple(evaluate_one(model, rp, i, req) for i, req in enumerate(rp.project.requirements))


# --- places and deliverables a clause names ------------------------------------
#
# A tender section copied from another project keeps that project's places, and a
# clause that also asks for a document is answered by the data only as far as its
# metric goes. `check` warns about both at the clause (consistency.check_compliance).

# A place name ends in one of these: 青石市, 云溪县, 青石区, 达茂旗, 恩施州.
PLACE_SUFFIXES = "市县区旗州"
# Words in which a suffix character is part of no place name: ending at it…
_NOT_PLACE = (
    *("城市", "都市", "超市", "门市", "上市", "集市", "夜市", "股市", "楼市", "省市", "县市", "地市"),
    *("本市", "全市", "各市", "该市", "我市", "本县", "全县", "各县", "该县", "我县", "市县", "区县", "州县"),
    *("地区", "市区", "城区", "郊区", "园区", "社区", "景区", "辖区", "小区", "片区", "山区", "厂区", "矿区"),
    *("库区", "校区", "院区", "病区", "学区", "街区", "分区", "专区", "灾区", "禁区", "误区", "展区", "港区"),
    *("各区", "本区", "全区", "该区", "我区", "神州", "九州", "各州", "市州", "国旗", "红旗", "锦旗", "彩旗"),
    *("党旗", "升旗", "各旗", "自治区", "自治州", "自治县", "自治旗"),
)
# …or starting at it.
_NOT_PLACE_AFTER = (
    *("市场", "市值", "市政", "市级", "市面", "市民", "市容", "市价", "县级", "县域"),
    *("区域", "区级", "区分", "区别", "区间", "区块", "州级", "旗下", "旗舰", "旗帜", "旗号"),
)
# Characters a name in running text does not start with: 须在青石市, 位于云溪县, 江澜省青石市.
_BEFORE_PLACE = frozenset("在于至到赴往为是和与及或的从向由对将省")


@dataclass(frozen=True)
class Place:
    name: str
    start: int
    end: int


def _hanzi(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def places_in(text: str, known: Iterable[str] = ()) -> tuple[Place, ...]:
    """The place names in a text, in order: every name the content knows, wherever it
    occurs; and two or three 汉字 before 市, 县, 旗 or 州 (four or more: the last two,
    常驻青石市 → 青石市), or before 区 right after another place (澄川市汇川区), except
    in words such as 市场, 县级, 区域, 地区, 城市."""
    found: list[Place] = []
    for name in sorted({k.strip() for k in known}, key=len, reverse=True):
        if len(name) < 2 or name in _NOT_PLACE:
            continue
        start = text.find(name)
        while start >= 0:
            end = start + len(name)
            if not any(p.start < end and start < p.end for p in found):
                found.append(Place(name, start, end))
            start = text.find(name, start + 1)
    for i, char in enumerate(text):
        if char not in PLACE_SUFFIXES or any(p.start <= i < p.end for p in found):
            continue
        if text.startswith(_NOT_PLACE_AFTER, i) or text.endswith(_NOT_PLACE, 0, i + 1):
            continue
        limit = max((p.end for p in found if p.end <= i), default=0)
        start = i
        while start > limit and _hanzi(text[start - 1]) and text[start - 1] not in _BEFORE_PLACE:
            start -= 1
        if i - start >= 4:
            start = i - 2
        chained = any(p.end == start for p in found)
        if i - start < 2 or (char == "区" and not chained):
            continue
        found.append(Place(text[start : i + 1], start, i + 1))
    return tuple(sorted(found, key=lambda p: p.start))


class _Names:
    """Known place names by first character: the names a text can contain start with one
    of its characters, so places_in() need not try the others (the same places found)."""

    def __init__(self, names: Iterable[str]) -> None:
        self.all: set[str] = set()
        self._by_first: dict[str, set[str]] = {}
        self.add(names)

    def add(self, names: Iterable[str]) -> None:
        for name in names:
            if name not in self.all:
                self.all.add(name)
                self._by_first.setdefault(name.strip()[:1], set()).add(name)

    def within(self, text: str) -> set[str]:
        found: set[str] = set()
        for char in set(text):
            found |= self._by_first.get(char, set())
        return found


# The last model's known places: every project of a run asks for the same set, and with a
# nationwide partner network finding it takes a second.
_KNOWN: list[tuple[ServiceModel, frozenset[str]]] = []


def _known_places(model: ServiceModel) -> frozenset[str]:
    if not _KNOWN or _KNOWN[0][0] is not model:
        _KNOWN[:] = [(model, ProjectPlaces.known_in(model))]
    return _KNOWN[0][1]


@dataclass(frozen=True)
class ProjectPlaces:
    """The places the content knows, and those that belong to one project: its region and
    the region's cities, the places its site address, site name, purchaser and delivery
    place name, and the city of each service point or partner that serves its region."""

    known: frozenset[str]
    served: frozenset[str]  # as _place() writes them: 青石市 and 青石 are one

    @classmethod
    def of(cls, model: ServiceModel, rp: ResolvedProject) -> ProjectPlaces:
        c = model.content
        known = _known_places(model)
        region = rp.region
        served = {region.name, *region.cities}
        served |= {p.city for p in c.company.service_points if p.region == region.id}
        served |= {p.city for p in c.partners.partners if region.id in p.regions}
        project = rp.project
        delivery = project.commercial.delivery_place if project.commercial else None
        for text in (project.site.address, project.site.name, project.purchaser.name, delivery):
            served |= {p.name for p in places_in(text or "", known)}
        return cls(known, frozenset(_place(n) for n in served))

    @staticmethod
    def known_in(model: ServiceModel) -> frozenset[str]:
        """Every place name the content knows: the same for each project of the model."""
        c = model.content
        names = _Names({r.name for r in c.company.regions} | {city for r in c.company.regions for city in r.cities})
        names.add({p.city for p in c.company.service_points} | {p.city for p in c.partners.partners})
        addresses = [c.company.address, *(p.address for p in c.company.service_points)]
        addresses += [*(p.address for p in c.partners.partners), *(p.project.site.address for p in model.projects)]
        for address in addresses:
            written = address or ""
            # Only names that can occur in it: trying every known name in every address was
            # 40,000 partners × every city, 100 s of `check`.
            names.add(p.name for p in places_in(written, names.within(written)))
        return frozenset(names.all)

    def foreign(self, req: Requirement) -> tuple[str, ...]:
        """The places a clause names that are not this project's, each once, as written.
        A place written right after one of the project's (临川市某某区) is inside it."""
        out: dict[str, str] = {}
        previous: Place | None = None
        inside = False
        for place in places_in(req.text, self.known):
            inside = _place(place.name) in self.served or (
                inside and previous is not None and previous.end == place.start
            )
            if not inside:
                out.setdefault(_place(place.name), place.name)
            previous = place
        check = req.check
        if check is not None and check.metric is Metric.LOCAL_POINT:  # the city the point must be in
            named = [p.name for p in places_in(check.threshold, self.known)] or [check.threshold.strip()]
            for name in named:
                if _place(name) not in self.served:
                    out.setdefault(_place(name), name)
        return tuple(out.values())


# What a clause may ask the bidder to hand over besides keeping a promise.
DELIVERABLES: tuple[str, ...] = (
    *("授权书", "承诺函", "承诺书", "说明书", "报告", "报表", "记录", "档案", "证书", "证明"),
    *("方案", "预案", "计划", "清单", "文档", "资料", "手册", "图纸"),
)
# How a clause asks for one (提交巡检报告, 提供制造商授权书); "巡检报告须…" alone is not asking.
_HANDING_OVER = (
    *("提交", "递交", "移交", "上交", "交付", "提供", "出具", "附", "填写", "填报", "编制", "编写"),
    *("制定", "报送", "上报", "呈报", "签署", "出示", "做好", "建立", "形成", "留存"),
)


@dataclass(frozen=True)
class Deliverable:
    name: str  # as the clause writes it: 巡检报告
    kind: str  # the word of DELIVERABLES it ends in: 报告


def deliverables_in(text: str) -> tuple[Deliverable, ...]:
    """What a clause asks to be handed over: a word of DELIVERABLES after a verb of
    _HANDING_OVER in the same part of the sentence, with the words before it."""
    words = sorted(DELIVERABLES, key=len, reverse=True)
    out: dict[str, Deliverable] = {}
    for part in re.split(r"[，。；;,.!?！？：:\n]", text):
        i = 0
        while i < len(part):
            word = next((w for w in words if part.startswith(w, i)), None)
            if word is None:
                i += 1
                continue
            before = part[:i]
            asked = [before.rfind(v) + len(v) for v in _HANDING_OVER if v in before]
            if asked:
                qualifier = re.split(r"[、及和与或并]", before[max(asked) :])[-1]
                qualifier = re.sub(r"^.*[^\u4e00-\u9fff]", "", qualifier)  # 提交 2 份报告: 份报告
                qualifier = re.sub(r"^[一二两三四五六七八九十]*[份套本册张]", "", qualifier)  # 报告
                name = qualifier[-4:] + word
                out.setdefault(name, Deliverable(name, word))
            i += len(word)
    return tuple(out.values())


def uncovered_deliverables(rp: ResolvedProject, req: Requirement) -> tuple[Deliverable, ...]:
    """What a checkable clause asks to be handed over that its automatic response does not
    answer. Covered: a report of the inspection or callback the clause is answered with
    (巡检报告 by “系统检查报告” of that inspection); the training plan itself (培训方案) and
    its materials and assessment; anything the clause's own `note` names (it is printed in
    the 说明 column)."""
    check = req.check
    if check is None:
        return ()
    covering: list[str] = [req.note] if req.note else []
    if check.metric in (Metric.INSPECTION, Metric.CALLBACK):
        found = matched_activity(rp, check)
        covering += found[2].reports if found else ()
    elif check.metric in (Metric.TRAINING_HOURS, Metric.TRAINEES) and rp.training_plan is not None:
        plan = rp.training_plan
        covering += ["方案", "计划", *plan.materials, *plan.assessment, *(("资料",) if plan.materials else ())]
    return tuple(d for d in deliverables_in(req.text) if not any(d.kind in text for text in covering))
