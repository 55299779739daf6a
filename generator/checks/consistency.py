"""Checks that span fields and files: ids and references, and promises that
contradict themselves.  Each returns diagnostics located in the YAML."""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
import re
import unicodedata
from collections.abc import Collection, Iterable, Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from generator.checks import compliance
from generator.dates.periods import period_end
from generator.model.commitments import Commitments, EmergencyPlan, ProcessStep
from generator.model.common import DayKind, ServiceHours, StartEvent
from generator.model.content import Content
from generator.model.durations import Duration
from generator.model.fees import Fees
from generator.model.manufacturers import Manufacturer
from generator.model.project import Deviation, Marker, Metric, Project, Requirement
from generator.model.resolved import EVENT_DATE_FIELDS, Index, Lookup, ResolvedProject, ServiceModel
from generator.model.response import MeasureKind, ResponseCommitments, ResponseMatrix, Target
from generator.model.sections import PROSE_PREFIX, SECTIONS
from generator.model.staff import Person, Role, Staff, education
from generator.model.values import LAST_DATE
from generator.reading.diagnostics import Diagnostic, Location
from generator.reading.strict_yaml import LDict
from generator.reading.validation import Loc, locator

Found = Iterator[Diagnostic]


def _unknown(what: str, value: str, known: Collection[str], where: Location) -> Diagnostic:
    close = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.6)
    hint = (
        f"，是否想写“{close[0]}”？"
        if close
        else (f"（已定义：{'、'.join(sorted(known))}）" if known and len(known) <= 12 else "")
    )
    return Diagnostic.error(f"未知的{what}“{value}”{hint}", where)


def each(values: Iterable[str], *path: str | int) -> Iterator[tuple[str, tuple[str | int, ...]]]:
    """Each value of a list with its key path, for refs()."""
    return ((v, (*path, j)) for j, v in enumerate(values))


def refs(
    values: Iterable[tuple[str | None, tuple[str | int, ...]]], known: Collection[str], what: str, at: Loc
) -> Found:
    for value, path in values:
        if value is not None and value not in known:
            yield _unknown(what, value, known, at(*path))


def unique(items: Iterable[Any], path: tuple[str | int, ...], what: str, at: Loc, attr: str = "id") -> Found:
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        value = getattr(item, attr)
        if value in seen:
            yield Diagnostic.error(f"{what}“{value}”重复定义", at(*path, i, attr), at(*path, seen[value], attr))
        else:
            seen[value] = i


# --- service hours ----------------------------------------------------------

_COVERS = {
    DayKind.DAILY: {DayKind.WEEKDAYS, DayKind.WEEKENDS, DayKind.HOLIDAYS},
    DayKind.WEEKDAYS: {DayKind.WEEKDAYS},
    DayKind.WEEKENDS: {DayKind.WEEKENDS},
    DayKind.HOLIDAYS: {DayKind.HOLIDAYS},
    DayKind.WEEKENDS_AND_HOLIDAYS: {DayKind.WEEKENDS, DayKind.HOLIDAYS},
}


def hours_consistent(hours: ServiceHours, what: str, where: Location) -> Found:
    """A promise of N×M must be backed by windows: N=7 every day, N=5 weekdays, M hours a day."""
    if not hours.promise or not hours.windows:
        return  # a bare promise has nothing to contradict it
    days_text, _, hours_text = hours.promise.partition("×")
    days, per_day = int(days_text), int(hours_text)
    if days not in (5, 6, 7) or not 1 <= per_day <= 24:
        yield Diagnostic.error(f"{what}的服务时间口径“{hours.promise}”无法理解：应为 7×24、5×8 这样的写法", where)
        return
    needed = {DayKind.WEEKDAYS} if days in (5, 6) else {DayKind.WEEKDAYS, DayKind.WEEKENDS, DayKind.HOLIDAYS}
    covered: dict[DayKind, int] = {}
    for w in hours.windows:
        for kind in _COVERS[w.days]:
            covered[kind] = covered.get(kind, 0) + w.time.minutes
    for kind in sorted(needed, key=list(DayKind).index):
        minutes = min(covered.get(kind, 0), 24 * 60)
        if minutes < per_day * 60:
            have = f"只有 {minutes // 60}小时{minutes % 60:02d}分" if minutes else "没有值守时间"
            yield Diagnostic.error(
                f"{what}承诺 {hours.promise}，但{kind.value}{have}：请补全值守时间段或改正承诺口径", where
            )


# --- a file that failed -----------------------------------------------------------

# What each optional file is needed for: while it fails to load or validate, these
# checks would report everything it defines as unknown, so they are skipped.
NEEDED_FOR: dict[str, str] = {
    "manufacturers": "对厂商的引用（合作伙伴的授权厂商、品牌质保、项目的设备厂商和联合服务厂商、产品线的厂商与标签）",
    "partners": "对合作伙伴的引用（项目的 partners）",
    "training": "对培训方案的引用（项目的 training_plan）",
    "prose": "对自由文本块的引用（项目 sections 中的 prose:…）",
    "holidays": "各项目日程所依据的放假与调休安排",
}


def skipped_checks(files: Mapping[str, Path]) -> Diagnostic:
    """One note for every check skipped because optional files (key → path) failed."""
    names = "、".join(path.name for path in files.values())
    needs = "；".join(NEEDED_FOR[key] for key in files if key in NEEDED_FOR)
    return Diagnostic.note(
        f"{names} 有错误，已跳过依赖{'它们' if len(files) > 1 else '它'}的检查：{needs}；"
        "各项目的日期、承诺与偏离表检查也在改正后进行",
        Location(next(iter(files.values())), 0, 0),
    )


# --- staff: roles and the people who fill them ---------------------------------------


def check_roles(staff: Staff, at: Loc) -> Found:
    """Each role's headcount against the people listed for it (fewer is fine: the rest are
    not named yet; more is an error), and each person against their role's requirements."""
    for i, role in enumerate(staff.roles):
        named = [j for j, p in enumerate(staff.people) if p.role == role.id]
        if role.headcount is not None and role.headcount < len(named):
            yield Diagnostic.error(
                f"岗位“{role.name}”总人数写为 {role.headcount}，但名单中已有 {len(named)} 人",
                at("roles", i, "headcount"),
                *(at("people", j) for j in named),
            )
    roles: dict[str, tuple[int, Role]] = {}
    for i, role in enumerate(staff.roles):
        roles.setdefault(role.id, (i, role))  # the first of a duplicated id; duplicates are reported
    for j, person in enumerate(staff.people):
        if person.role in roles:
            i, role = roles[person.role]
            yield from _meets(person, role, _below(at, "people", j), _below(at, "roles", i, "requirements"))


def _below(at: Loc, *prefix: str | int) -> Loc:
    """A locator for the part of the file below this key path."""

    def sub(*path: str | int, key: bool = False) -> Location:
        return at(*prefix, *path, key=key)

    return sub


def _certificate_key(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


def _meets(person: Person, role: Role, person_at: Loc, required_at: Loc) -> Found:
    """Warnings where a person falls short of what their role requires. What the person's
    entry does not state (education, years, certificates) is not judged; a certificate counts
    as held when one of theirs contains its name (ignoring spaces, width and case)."""
    req = role.requirements
    if req is None:
        return
    who = f"{person.name or person.id}（{person.id}）"
    if req.education is not None and person.education is not None:
        if education(person.education).rank < education(req.education).rank:
            yield Diagnostic.warning(
                f"{who}的学历为{person.education}，低于岗位“{role.name}”要求的{req.education}及以上",
                person_at("education"),
                required_at("education"),
            )
    most = req.most_years
    if most is not None and person.years_experience is not None and person.years_experience < most.years:
        k = req.experience.index(most)
        yield Diagnostic.warning(
            f"{who}的从业年限为 {person.years_experience} 年，少于岗位“{role.name}”要求的"
            f"{most.years}年以上{most.what}经验",
            person_at("years_experience"),
            required_at("experience", k),
        )
    held = [_certificate_key(c) for c in person.certificates]
    for k, cert in enumerate(req.certificates if held else ()):
        if not any(_certificate_key(cert) in h for h in held):
            yield Diagnostic.warning(
                f"{who}的资格证书中没有岗位“{role.name}”要求的“{cert}”",
                person_at("certificates"),
                required_at("certificates", k),
            )


# --- company level ------------------------------------------------------------


def check_company(content: Content, index: Index, trees: dict[str, LDict], skip: Collection[str] = ()) -> Found:
    """Company-level ids and references; ``skip``: files that failed, whose ids are not known."""
    company, staff = content.company, content.staff
    at = locator(trees["company"])
    yield from unique(company.zones, ("zones",), "响应分区标识", at)
    yield from unique(company.regions, ("regions",), "地区标识", at)
    yield from unique(company.service_points, ("service_points",), "网点标识", at)
    yield from unique(company.hotlines, ("hotlines",), "热线标识", at)
    if company.handbook_url is None:
        yield Diagnostic.warning("未填写服务手册网址（handbook_url）：维护手册封面无法印出本项目服务页面的二维码", at())
    yield from refs(
        ((r.zone, ("regions", i, "zone")) for i, r in enumerate(company.regions)), index.zones.items, "响应分区", at
    )
    yield from refs(
        ((p.region, ("service_points", i, "region")) for i, p in enumerate(company.service_points)),
        index.regions.items,
        "地区",
        at,
    )
    hotline_ids = {h.id for h in company.hotlines}
    yield from refs(
        ((t.hotline, ("support_tiers", i, "hotline")) for i, t in enumerate(company.support_tiers)),
        hotline_ids,
        "热线",
        at,
    )
    for i, h in enumerate(company.hotlines):
        if h.hours:
            yield from hours_consistent(h.hours, f"热线“{h.name}”", at("hotlines", i, "hours"))
    if company.complaint and company.complaint.hours:
        yield from hours_consistent(company.complaint.hours, "投诉电话", at("complaint", "hours"))
    for i, p in enumerate(company.service_points):
        if p.hours:
            yield from hours_consistent(p.hours, f"网点“{p.name}”", at("service_points", i, "hours"))

    at = locator(trees["staff"])
    yield from unique(staff.roles, ("roles",), "岗位标识", at)
    yield from unique(staff.people, ("people",), "人员标识", at)
    role_ids = {r.id for r in staff.roles}
    yield from refs(((p.role, ("people", i, "role")) for i, p in enumerate(staff.people)), role_ids, "岗位", at)
    yield from refs(
        ((p.service_point, ("people", i, "service_point")) for i, p in enumerate(staff.people)),
        index.service_points.items,
        "网点",
        at,
    )
    yield from check_roles(staff, at)
    if staff.duty_rota:
        for s, shift in enumerate(staff.duty_rota.shifts):
            yield from refs(
                each(shift.people, "duty_rota", "shifts", s, "people"),
                index.people.items,
                "人员",
                at,
            )

    if "manufacturers" in trees:
        at = locator(trees["manufacturers"])
        yield from unique(content.manufacturers.manufacturers, ("manufacturers",), "厂商标识", at)
        for i, m in enumerate(content.manufacturers.manufacturers):
            if m.hotline_hours:
                yield from hours_consistent(
                    m.hotline_hours, f"厂商“{m.name}”热线", at("manufacturers", i, "hotline_hours")
                )
            if m.response:
                yield from check_matrix(
                    m.response, None, lambda *p, key=False, i=i: at("manufacturers", i, "response", *p, key=key)
                )

    if "partners" in trees:
        at = locator(trees["partners"])
        partners = content.partners.partners
        yield from unique(partners, ("partners",), "合作伙伴标识", at)
        for i, partner in enumerate(partners):
            yield from refs(
                each(partner.regions, "partners", i, "regions"),
                index.regions.items,
                "地区",
                at,
            )
            if "manufacturers" not in skip:
                yield from refs(
                    each(partner.manufacturers, "partners", i, "manufacturers"),
                    index.manufacturers.items,
                    "厂商",
                    at,
                )

    if "training" in trees:
        at = locator(trees["training"])
        yield from unique(content.training.plans, ("plans",), "培训方案标识", at)
        for i, plan in enumerate(content.training.plans):
            yield from refs(
                each(plan.trainer_people, "plans", i, "trainer_people"),
                index.people.items,
                "人员",
                at,
            )
            if plan.trainers is not None and len(plan.trainer_people) > plan.trainers:
                yield Diagnostic.error(
                    f"列出了 {len(plan.trainer_people)} 名讲师，但承诺讲师人数为 {plan.trainers}",
                    at("plans", i, "trainers"),
                )
            total = sum((m.hours for m in plan.modules if m.hours is not None), Decimal(0))
            if plan.modules and plan.class_hours is not None and total < plan.class_hours:
                yield Diagnostic.error(
                    f"课程模块合计 {total} 课时，少于承诺的总课时 {plan.class_hours}",
                    at("plans", i, "class_hours"),
                )

    if "prose" in trees:
        yield from unique(content.prose.blocks, ("blocks",), "文本块标识", locator(trees["prose"]))


# --- commitments (company level, and again per project after overrides) -------


def check_matrix(matrix: ResponseMatrix, areas: Collection[str] | None, at: Loc) -> Found:
    """Targets name real measures and areas; severer levels are never looser."""
    yield from unique(matrix.measures, ("measures",), "衡量指标标识", at)
    yield from unique(matrix.levels, ("levels",), "故障等级标识", at)
    measures = {m.id: m for m in matrix.measures}
    for li, level in enumerate(matrix.levels):
        for mid, target in level.targets.items():
            measure = measures.get(mid)
            if measure is None:
                yield _unknown("衡量指标", mid, measures, at("levels", li, "targets", mid, key=True))
                continue
            if target.regional and not measure.per_area:
                yield Diagnostic.error(
                    f"“{measure.name}”不按地区承诺（per_area 未设为 true），这里却按地区给出了时限",
                    at("levels", li, "targets", mid),
                )
            if target.regional and areas is not None:
                yield from refs(
                    ((a, ("levels", li, "targets", mid, a)) for a in target.by_area), areas, "地区或分区", at
                )
        for mid, measure in measures.items():
            # A measure no level states is a definition only; one that some levels state, all must.
            if mid not in level.targets and any(mid in other.targets for other in matrix.levels):
                yield Diagnostic.warning(
                    f"{level.name}没有给出“{measure.name}”的时限；如不适用请写“不适用”", at("levels", li, "targets")
                )
        yield from _order_within_level(level.targets, measures, li, at)
    yield from _severer_not_looser(matrix, at)


def _pairs(a: Target, b: Target) -> Iterator[tuple[str | None, Any, Any]]:
    """Comparable (area, a, b) value pairs of two targets."""
    if not a.regional and not b.regional:
        yield None, a.value, b.value
        return
    areas = list(a.by_area) + [k for k in b.by_area if k not in a.by_area]
    for area in areas:
        va = a.by_area.get(area, None) if a.regional else a.value
        vb = b.by_area.get(area, None) if b.regional else b.value
        yield area, va, vb


def _area_key(area: str | None, target: Target) -> tuple[str, ...]:
    """Where a _pairs area's value is written under a target: its key, for a per-area target."""
    return (area,) if area and target.regional else ()


def _order_within_level(targets: Any, measures: dict[str, Any], li: int, at: Loc) -> Found:
    by_kind: dict[MeasureKind, tuple[str, Target]] = {}
    for mid, t in targets.items():
        if mid in measures:
            by_kind.setdefault(measures[mid].kind, (mid, t))
    rules = [
        (MeasureKind.PHONE, MeasureKind.ARRIVAL, "到达现场不能早于电话响应"),
        (MeasureKind.RESTORE, MeasureKind.RESOLVE, "彻底解决不能早于恢复"),
        (MeasureKind.WORKAROUND, MeasureKind.RESOLVE, "彻底解决不能早于临时解决"),
    ]
    for first, then, why in rules:
        if first in by_kind and then in by_kind:
            (mid_a, a), (mid_b, b) = by_kind[first], by_kind[then]
            for area, va, vb in _pairs(a, b):
                if va is not None and vb is not None and vb < va:
                    where = f"（{area}）" if area else ""
                    yield Diagnostic.error(
                        f"{why}：{measures[mid_b].name}{where}{vb.within()}，而{measures[mid_a].name}{va.within()}",
                        at("levels", li, "targets", mid_b, *_area_key(area, b)),
                        at("levels", li, "targets", mid_a, *_area_key(area, a)),
                    )


def _severer_not_looser(matrix: ResponseMatrix, at: Loc) -> Found:
    levels = matrix.levels
    for mid, measure in ((m.id, m) for m in matrix.measures):
        for hi in range(len(levels)):
            for lo in range(hi + 1, len(levels)):
                a, b = levels[hi].targets.get(mid), levels[lo].targets.get(mid)
                if a is None or b is None:
                    continue
                for area, va, vb in _pairs(a, b):
                    if va is not None and vb is not None and va > vb:
                        where = f"（{area}）" if area else ""
                        yield Diagnostic.error(
                            f"{levels[hi].name}比{levels[lo].name}更严重，"
                            f"“{measure.name}”{where}却更宽松：{va.within()} 对 {vb.within()}",
                            at("levels", hi, "targets", mid, *_area_key(area, a)),
                            at("levels", lo, "targets", mid, *_area_key(area, b)),
                        )


def check_blanket(response: ResponseCommitments, areas: Collection[str], at: Loc) -> Found:
    """A limit for several levels at once names real measures, levels and areas, and no level
    it binds states a looser one for the same measure (that would be two promises for one fault)."""
    measures = {m.id: m for m in response.measures}
    level_ids = [lv.id for lv in response.levels]
    for bi, b in enumerate(response.blanket):
        here: tuple[str | int, ...] = ("blanket", bi)
        measure = measures.get(b.measure)
        if measure is None:
            yield _unknown("衡量指标", b.measure, measures, at(*here, "measure"))
            continue
        yield from refs(each(b.levels, *here, "levels"), level_ids, "故障等级", at)
        if b.within.regional and not measure.per_area:
            yield Diagnostic.error(
                f"“{measure.name}”不按地区承诺（per_area 未设为 true），这里却按地区给出了时限", at(*here, "within")
            )
        elif b.within.regional:
            yield from refs(((a, (*here, "within", a)) for a in b.within.by_area), areas, "地区或分区", at)
        for li, level in enumerate(response.levels):
            own = level.targets.get(b.measure)
            if own is None or own is b.within or not b.applies_to(level.id):
                continue  # not bound, or the level's limit is this one (filled in by the model)
            for area, va, vb in _pairs(own, b.within):
                if va is not None and vb is not None and va > vb:
                    where = f"（{area}）" if area else ""
                    yield Diagnostic.error(
                        f"{level.name}的“{measure.name}”{where}时限为{va.zh()}，比同时适用于"
                        f"{response.blanket_applies(b)}的时限（{vb.zh()}）宽松：同一故障只能有一个时限",
                        at("levels", li, "targets", b.measure, *_area_key(area, own)),
                        at(*here, "within", *_area_key(area, b.within)),
                    )


def check_commitments(c: Commitments, content: Content, index: Index, at: Loc, skip: Collection[str] = ()) -> Found:
    areas = set(index.regions.items) | set(index.zones.items)
    people = index.people.items
    hotlines = {h.id for h in content.company.hotlines}
    points = index.service_points.items
    response = c.response
    yield from check_matrix(response, areas, lambda *p, key=False: at("response", *p, key=key))
    yield from check_blanket(response, areas, lambda *p, key=False: at("response", *p, key=key))
    yield from refs(
        ((r.measure, ("response", "remedies", i, "measure")) for i, r in enumerate(response.remedies)),
        [m.id for m in response.measures],
        "衡量指标",
        at,
    )
    measures = {m.id: m for m in response.measures}
    # Every region must have an on-site promise for every applicable level.
    for _mi, m in enumerate(response.measures):
        if not m.per_area:
            continue
        for li, level in enumerate(response.levels):
            t = level.targets.get(m.id)
            if t is None or not t.regional:
                continue
            for r in content.company.regions:
                if r.id not in t.by_area and (r.zone is None or r.zone not in t.by_area):
                    yield Diagnostic.warning(
                        f"{level.name}的“{m.name}”没有覆盖地区“{r.name}”（也没有覆盖其分区）",
                        at("response", "levels", li, "targets", m.id),
                    )
    extra_targets: list[tuple[tuple[str | int, ...], Any]] = []
    if response.post_warranty:
        extra_targets.append((("response", "post_warranty", "targets"), response.post_warranty.targets))
    for pi, phase in enumerate(c.phases):
        if phase.targets:
            extra_targets.append((("phases", pi, "targets"), phase.targets))
    for path, targets in extra_targets:
        for mid in targets:
            if mid not in measures:
                yield _unknown("衡量指标", mid, measures, at(*path, mid, key=True))
            for area in targets[mid].by_area:
                if area not in areas:
                    yield _unknown("地区或分区", area, areas, at(*path, mid, area))
    yield from refs(((ch.hotline, ("channels", i, "hotline")) for i, ch in enumerate(c.channels)), hotlines, "热线", at)
    yield from _steps(c.process.steps, ("process",), at)
    yield from unique(c.procedures, ("procedures",), "流程标识", at)
    for i, proc in enumerate(c.procedures):
        yield from _steps(proc.steps, ("procedures", i), at)
    for i, tier in enumerate(c.process.escalation):
        yield from refs(each(tier.people, "process", "escalation", i, "people"), people, "人员", at)
    mt = c.maintenance
    yield from unique(mt.inspections, ("maintenance", "inspections"), "巡检标识", at)
    yield from unique(mt.callbacks, ("maintenance", "callbacks"), "回访标识", at)
    inspection_ids = {a.id for a in mt.inspections}
    for i, cb in enumerate(mt.callbacks):
        if cb.id in inspection_ids:
            yield Diagnostic.error(
                f"回访标识“{cb.id}”与巡检标识重复（日历 UID 需唯一）", at("maintenance", "callbacks", i, "id")
            )
    for kind in ("inspections", "callbacks"):
        for i, act in enumerate(getattr(c.maintenance, kind)):
            for j, month in enumerate(act.months):
                if not 1 <= month <= 12:
                    yield Diagnostic.error(f"月份 {month} 不在 1–12 之间", at("maintenance", kind, i, "months", j))
    sp = c.spare_parts
    yield from refs(each(sp.stock_points, "spare_parts", "stock_points"), points, "网点", at)
    yield from refs(
        ((it.location, ("spare_parts", "items", i, "location")) for i, it in enumerate(sp.items)), points, "网点", at
    )
    if c.emergency is not None:
        yield from _emergency(c.emergency, hotlines, people, at)
    if "manufacturers" not in skip:
        yield from refs(
            ((b.manufacturer, ("warranty", "by_brand", i, "manufacturer")) for i, b in enumerate(c.warranty.by_brand)),
            index.manufacturers.items,
            "厂商",
            at,
        )


def _emergency(e: EmergencyPlan, hotlines: Collection[str], people: Collection[str], at: Loc) -> Found:
    yield from refs([(e.hotline, ("emergency", "hotline"))], hotlines, "热线", at)
    yield from unique(e.groups, ("emergency", "groups"), "应急小组标识", at)
    yield from unique(e.levels, ("emergency", "levels"), "事件等级标识", at)
    group_ids = {g.id for g in e.groups}
    for i, g in enumerate(e.groups):
        yield from refs([(g.leader, ("emergency", "groups", i, "leader"))], people, "人员", at)
        yield from refs(each(g.members, "emergency", "groups", i, "members"), people, "人员", at)
    for i, lvl in enumerate(e.levels):
        yield from refs(each(lvl.groups, "emergency", "levels", i, "groups"), group_ids, "应急小组", at)


def _steps(steps: tuple[ProcessStep, ...], path: tuple[str | int, ...], at: Loc) -> Found:
    yield from unique(steps, (*path, "steps"), "流程步骤标识", at)
    step_ids = {s.id for s in steps}
    for i, s in enumerate(steps):
        yield from refs(each(s.next, *path, "steps", i, "next"), step_ids, "流程步骤", at)


def check_fees(fees: Fees, at: Loc) -> Found:
    yield from unique(fees.price_lists, ("price_lists",), "价目表标识", at)
    for li, pl in enumerate(fees.price_lists):
        for i, item in enumerate(pl.items):
            here = ("price_lists", li, "items", i)
            if item.market_price is not None and item.price > item.market_price:
                yield Diagnostic.error(
                    f"“{item.name}”优惠价 {item.price} 元高于市场价 {item.market_price} 元", at(*here, "price")
                )
            if item.market_price and item.discount is not None:
                implied = (1 - item.price / item.market_price) * 100
                if abs(implied - item.discount) > Decimal("0.5"):
                    yield Diagnostic.error(
                        f"“{item.name}”的优惠率写为 {item.discount}%，但按市场价 {item.market_price} 元、"
                        f"优惠价 {item.price} 元计算应为 {implied:.1f}%",
                        at(*here, "discount"),
                    )


# --- projects -----------------------------------------------------------------


def check_project(
    project: Project, content: Content, index: Index, at: Loc, prose_ids: Collection[str], skip: Collection[str] = ()
) -> Found:
    """A project's references and ids; ``skip``: files that failed, whose ids are not known."""
    yield from refs([(project.site.region, ("site", "region"))], index.regions.items, "地区", at)
    yield from refs([(project.service_point, ("service_point",))], index.service_points.items, "网点", at)
    if "training" not in skip:
        yield from refs([(project.training_plan, ("training_plan",))], index.plans.items, "培训方案", at)
    s = project.team
    people = index.people.items
    named: list[tuple[str | None, tuple[str | int, ...]]] = [
        (s.manager, ("staff", "manager")),
        (s.contact, ("staff", "contact")),
        (s.callback, ("staff", "callback")),
    ]
    named += each(s.engineers, "staff", "engineers")
    if people:
        yield from refs(named, people, "人员", at)
    else:  # a team promised by role: there is nobody to name
        for pid, path in named:
            if pid is not None:
                yield Diagnostic.error(
                    f"staff.yaml 没有人员名单（people），无法引用人员“{pid}”：团队只按岗位承诺时，项目不写 staff",
                    at(*path),
                )
    if "partners" not in skip:
        yield from refs(each(project.partners, "partners"), index.partners.items, "合作伙伴", at)
    makers = "manufacturers" not in skip
    if makers:
        yield from refs(each(project.joint_with, "joint_with"), index.manufacturers.items, "厂商", at)
    yield from unique(project.equipment, ("equipment",), "设备标识", at)
    for i, item in enumerate(project.equipment):
        if item.manufacturer is None and item.brand is None:
            yield Diagnostic.error("请写明厂商（manufacturer）或品牌（brand）", at("equipment", i))
        maker = index.manufacturers.get(item.manufacturer)
        if item.manufacturer is not None and maker is None and makers:
            yield _unknown("厂商", item.manufacturer, index.manufacturers.items, at("equipment", i, "manufacturer"))
        if maker is not None and item.product_line is not None:
            lines = {pl.name for pl in maker.product_lines}
            if item.product_line not in lines:
                yield _unknown(f"{maker.name}产品线", item.product_line, lines, at("equipment", i, "product_line"))
    seen: dict[str, int] = {}
    for i, sec in enumerate(project.sections):
        if sec.startswith(PROSE_PREFIX):
            block = sec[len(PROSE_PREFIX) :]
            if block not in prose_ids and "prose" not in skip:
                yield _unknown("自由文本块", block, prose_ids, at("sections", i))
        elif sec not in SECTIONS:
            yield _unknown("章节", sec, SECTIONS, at("sections", i))
        if sec in seen:
            yield Diagnostic.error(f"章节“{sec}”出现了两次", at("sections", i), at("sections", seen[sec]))
        seen.setdefault(sec, i)
    yield from unique(project.requirements, ("requirements",), "招标条目号", at, attr="clause")
    yield from unique(project.prose, ("prose",), "文本块标识", at)
    in_order = (StartEvent.CONTRACT, StartEvent.DELIVERY, StartEvent.INSTALLATION, StartEvent.ACCEPTANCE)
    dates = [(EVENT_DATE_FIELDS[e], e.value) for e in in_order]
    stated = [(key, name, getattr(project, key)) for key, name in dates if getattr(project, key)]
    for (a, an, da), (b, bn, db) in itertools.pairwise(stated):
        if db < da:
            yield Diagnostic.error(f"{bn}日期 {db} 早于{an}日期 {da}", at(b), at(a))


def check_dates(rp: ResolvedProject, makers: Lookup[Manufacturer], at: Loc) -> Found:
    """Dates the maintenance manual needs: warn where it will print blanks instead."""
    p = rp.project
    event = rp.commitments.warranty.start_event
    if event is not None and rp.event_date(event) is None:
        yield Diagnostic.warning(
            f"未填写{event.value}日期（{EVENT_DATE_FIELDS[event]}）：维护手册中的质保截止日期和巡检、回访日程将留空待填",
            at(),
        )
    missing: dict[StartEvent, list[str]] = {}
    for item in p.equipment:
        start = rp.equipment_warranty(item, makers).start_event
        if start is not None and start is not event and rp.event_date(start) is None:
            missing.setdefault(start, []).append(item.name)
    m = rp.commitments.maintenance
    for a in (*m.inspections, *m.callbacks):
        if a.start_event and a.start_event is not event and rp.event_date(a.start_event) is None:
            missing.setdefault(a.start_event, []).append(a.name)
    for start, names in missing.items():
        yield Diagnostic.warning(
            f"未填写{start.value}日期（{EVENT_DATE_FIELDS[start]}）：{'、'.join(names)}的日期将在维护手册中留空待填",
            at(),
        )


def check_horizon(rp: ResolvedProject, makers: Lookup[Manufacturer], at: Loc, at_commitments: Loc) -> Found:
    """A period that would end after the last date content may name: an error at the period
    (a start date or a length mistyped), never a date the outputs cannot print. Periods with
    the same start and length are one error, the others its related places."""
    p = rp.project
    w = rp.commitments.warranty
    periods: list[tuple[str, StartEvent | None, Duration | None, Location]] = [
        ("质保期", w.start_event, w.period, at_commitments("warranty", "period")),
    ]
    if p.service_period is not None:
        periods.append(("运维服务期", w.start_event, p.service_period, at("service_period")))
    for i, item in enumerate(p.equipment):
        iw = rp.equipment_warranty(item, makers)
        periods.append((f"设备“{item.name}”的质保期", iw.start_event, iw.period, at("equipment", i)))
    m = rp.commitments.maintenance
    for key, activities in (("inspections", m.inspections), ("callbacks", m.callbacks)):
        for i, a in enumerate(activities):
            where = at_commitments("maintenance", key, i, "start_after")
            periods.append((f"“{a.name}”的开始时间", a.start_event or w.start_event, a.start_after, where))
    beyond: dict[tuple[dt.date, Duration], tuple[str, list[Location]]] = {}
    for what, event, length, where in periods:
        start = rp.event_date(event)
        if start is None or length is None or period_end(start, length, rp.calendar)[0] <= LAST_DATE:
            continue
        first = beyond.setdefault((start, length), (what, []))
        first[1].append(where)
        if len(first[1]) == 1 and event is not None:
            first[1].append(at(EVENT_DATE_FIELDS[event]))  # the start date, second: it may be the typo
    for (start, length), (what, (where, *related)) in beyond.items():
        end, _ = period_end(start, length, rp.calendar)
        yield Diagnostic.error(
            f"{what}从 {start.isoformat()} 起算 {length.zh()}，到 {end.isoformat()} 才结束，"
            f"超出可写的最后日期 {LAST_DATE.isoformat()}：请核对起算日期和期限",
            where,
            *related,
        )


def clause_locations(result: compliance.ClauseResult, at: Mapping[str, Loc]) -> tuple[Location | None, Location | None]:
    """Where a clause is written, and where the promise it was checked against is."""
    clause = at["project"]("requirements", result.index) if "project" in at else None
    source = result.source
    return clause, (at[source.file](*source.path) if source and source.file in at else None)


def check_compliance(model: ServiceModel, rp: ResolvedProject, at: Mapping[str, Loc]) -> Found:
    """The tender's clauses against the project's promises: a ★ clause not met is an
    error, a ▲ clause a warning, a manual clause without a response a warning; a clause
    naming a place that is not the project's, or asking for a document its check does
    not answer, a warning."""
    if not rp.project.requirements:
        return  # nor look up the places the content knows, which takes every address
    here = at["project"]
    levels = {lv.id for lv in rp.commitments.response.levels}
    places = compliance.ProjectPlaces.of(model, rp)
    for i, req in enumerate(rp.project.requirements):
        yield from _clause_text(rp, places, i, req, here)
        if req.check is not None and req.check.level is not None and req.check.level not in levels:
            yield _unknown("故障等级", req.check.level, levels, here("requirements", i, "check", "level"))
            continue
        result = compliance.evaluate_one(model, rp, i, req)
        where, promised = clause_locations(result, at)
        missing = compliance.uncovered_deliverables(rp, req)
        if missing and req.check is not None:
            yield _deliverables_unanswered(rp, req, missing, where, promised)
        if result.deviation is None:
            yield Diagnostic.warning(f"人工条款 {req.clause} 还没有填写响应（response）", where)
            continue
        if result.deviation is not Deviation.NEGATIVE or req.marker is None:
            continue
        related = [promised] if promised else []
        kind = "实质性条款（★）" if req.marker is Marker.SUBSTANTIVE else "重要条款（▲）"
        message = f"{kind} {req.clause} 负偏离：{result.note}"
        if req.marker is Marker.SUBSTANTIVE:
            yield Diagnostic.error(message + "；★ 条款负偏离将导致投标无效", where, *related)
        else:
            yield Diagnostic.warning(message, where, *related)


def _clause_text(rp: ResolvedProject, places: compliance.ProjectPlaces, i: int, req: Requirement, here: Loc) -> Found:
    """What the clause's text says beyond its check: another project's place, a response
    the 偏离表 will not print."""
    foreign = places.foreign(req)
    if foreign:
        yield Diagnostic.warning(
            f"条款 {req.clause} 提到{'、'.join(foreign)}，本项目地点为{rp.region.name}：请核对该条是否抄自其他项目",
            here("requirements", i),
            here("site", "region"),
        )
    if req.check is not None and req.response is not None:
        yield Diagnostic.warning(
            f"条款 {req.clause} 带 check，响应由承诺数据生成，这里的 response 不会出现在偏离表中："
            "补充内容请写在 note 中（印在说明栏），或拆成一条不带 check 的人工条款",
            here("requirements", i, "response"),
        )


def _deliverables_unanswered(
    rp: ResolvedProject,
    req: Requirement,
    missing: tuple[compliance.Deliverable, ...],
    where: Location | None,
    promised: Location | None,
) -> Diagnostic:
    assert req.check is not None
    fixes = ["拆出一条不带 check 的人工条款并填写 response（带 check 的条款不使用 response）", "在本条 note 中写明"]
    if req.check.metric in (Metric.INSPECTION, Metric.CALLBACK):
        found = compliance.matched_activity(rp, req.check)
        if found is not None:
            fixes.append(f"在“{found[2].name}”的 reports 中列出")
    names = "、".join(d.name for d in missing)
    return Diagnostic.warning(
        f"条款 {req.clause} 还要求{names}，这不在自动核对的“{req.check.metric.value}”之内，"
        f"偏离表的响应不会提到：请{'，或'.join(fixes)}",
        where,
        *([promised] if promised else []),
    )
