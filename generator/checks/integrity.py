"""Promises the data contradicts, cannot keep, or makes weaker than what is resold.

Checks across files that schema validation cannot see (a number typed into a prose
block that disagrees with the model is checks/prose_numbers.py's):
- promises the team cannot keep: a 7×24 line without a round-the-clock rota,
  an on-site time for a region nobody serves, more trainers than people who train;
- weaker than resold: a warranty shorter than the manufacturer's own, post-warranty
  times looser than in-warranty ones without a word of explanation;
- stale data: people and partners nothing refers to.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.model.common import DayKind
from generator.model.company import Region
from generator.model.content import Content
from generator.model.project import EquipmentItem, HoursPromise
from generator.model.resolved import ResolvedProject, ServiceModel
from generator.model.response import MeasureKind, ResponseMatrix
from generator.reading.diagnostics import Diagnostic, Location
from generator.reading.validation import Loc

Found = Iterator[Diagnostic]

# --- promises the team cannot keep --------------------------------------------------

_DAY_TYPES = {
    "工作日": {DayKind.DAILY, DayKind.WEEKDAYS},
    "周末": {DayKind.DAILY, DayKind.WEEKENDS, DayKind.WEEKENDS_AND_HOLIDAYS},
    "法定节假日": {DayKind.DAILY, DayKind.HOLIDAYS, DayKind.WEEKENDS_AND_HOLIDAYS},
}


def _covered_minutes(windows: list[tuple[int, int]]) -> set[int]:
    minutes: set[int] = set()
    for start, end in windows:
        if end <= start:  # overnight, e.g. 18:00-8:30
            minutes.update(range(start, 24 * 60))
            minutes.update(range(0, end))
        else:
            minutes.update(range(start, end))
    return minutes


def check_rota(content: Content, company_at: Loc, staff_at: Loc) -> Found:
    """A 7×24 hotline needs people on duty every hour of every kind of day."""
    round_clock = [
        i
        for i, h in enumerate(content.company.hotlines)
        if h.hours and h.hours.promise and HoursPromise.parse(h.hours.promise) == HoursPromise(7, 24)
    ]
    if not round_clock:
        return
    rota = content.staff.duty_rota
    where = company_at("hotlines", round_clock[0], "hours")
    if rota is None or not rota.shifts:
        # Nothing to contradict the promise, and nothing to back it either.
        yield Diagnostic.warning(
            "承诺了 7×24 热线，但 staff.yaml 没有排班（duty_rota.shifts），无法核对夜间和节假日由谁接听",
            where,
            staff_at("duty_rota") if rota else staff_at(),
        )
        return
    for day, kinds in _DAY_TYPES.items():
        windows = [(s.time.start.minutes, s.time.end.minutes) for s in rota.shifts if s.days in kinds]
        gap = set(range(24 * 60)) - _covered_minutes(windows)
        if gap:
            # Where the first gap begins: just after someone goes off duty, if anyone is on.
            starts = [m for m in sorted(gap) if (m - 1) % (24 * 60) not in gap]
            first = starts[0] if starts else 0
            yield Diagnostic.error(
                f"承诺了 7×24 热线，但{day} {first // 60}:{first % 60:02d} 起没有人值班（duty_rota.shifts）",
                where,
                staff_at("duty_rota", "shifts"),
            )


def check_arrival_coverage(model: ServiceModel, commitments_at: Loc, company_at: Loc) -> Found:
    """An on-site time for a region promises someone can get there: a service point or a partner."""
    content = model.content
    served = {sp.region for sp in content.company.service_points}
    served |= {r for p in content.partners.partners for r in p.regions}
    for i, region in enumerate(content.company.regions):
        path = _arrival_promise(content.commitments.response, region)
        if region.id not in served and path is not None:
            yield Diagnostic.error(
                f"承诺了{region.name}的到场时限，但该地区既没有服务网点也没有合作伙伴：工程师从哪里出发？",
                company_at("regions", i),
                commitments_at(*path),
            )


def _arrival_promise(r: ResponseMatrix, region: Region) -> tuple[str | int, ...] | None:
    """Where the first on-site time promised for a region is written; None if there is none."""
    m = r.measure(MeasureKind.ARRIVAL)
    if m is None:
        return None
    for li, lv in enumerate(r.levels):
        t = lv.targets.get(m.id)
        if t and t.for_area(region.id, region.zone) is not None:
            area = t.area_for(region.id, region.zone)
            return ("response", "levels", li, "targets", m.id, *((area,) if area else ()))
    return None


def check_trainers(content: Content, training_at: Loc) -> Found:
    able = [p for p in content.staff.people if p.can_train]
    people = {p.id: p for p in content.staff.people}
    for i, plan in enumerate(content.training.plans):
        for j, pid in enumerate(plan.trainer_people):
            if pid in people and not people[pid].can_train:
                yield Diagnostic.error(
                    f"{people[pid].name or pid}（{pid}）被列为“{plan.name}”的讲师，但人员名单中没有标明能担任讲师（can_train: true）",
                    training_at("plans", i, "trainer_people", j),
                )
        if plan.trainers is not None and not people:
            # A team promised by role: nothing to contradict the number, nor to back it.
            yield Diagnostic.warning(
                f"培训方案“{plan.name}”承诺讲师 {plan.trainers} 名，但 staff.yaml 没有人员名单，无法核对谁能担任讲师",
                training_at("plans", i, "trainers"),
            )
        elif plan.trainers is not None and plan.trainers > len(able):
            yield Diagnostic.error(
                f"培训方案“{plan.name}”承诺讲师 {plan.trainers} 名，但人员名单中能担任讲师（can_train）的只有 {len(able)} 人",
                training_at("plans", i, "trainers"),
            )


# --- weaker than resold -----------------------------------------------------------


def check_resold_warranty(model: ServiceModel, rp: ResolvedProject, project_at: Loc, commitments_at: Loc) -> Found:
    """An item's warranty shorter than its manufacturer's own for that product line."""
    if rp.commitments.warranty.manufacturer_longer_prevails:
        return  # the longer one applies by the content's own rule
    for i, item in enumerate(rp.project.equipment):
        maker = model.index.manufacturers.get(item.manufacturer)
        if maker is None:
            continue
        own = next((pl.warranty for pl in maker.product_lines if pl.name == item.product_line), None)
        ours = rp.equipment_warranty(item, model.index.manufacturers)
        if own is not None and ours.period < own:
            yield Diagnostic.warning(
                f"“{item.name}”的质保期 {ours.period.zh()}（{ours.basis}）短于{maker.name}对该产品线的原厂质保"
                f" {own.zh()}：向用户承诺的不应少于厂商提供的；可写 warranty.manufacturer_longer_prevails: true",
                project_at("equipment", i),
                _rule_at(rp, item, project_at, commitments_at, i),
            )


def _rule_at(rp: ResolvedProject, item: EquipmentItem, project_at: Loc, commitments_at: Loc, i: int) -> Location:
    """Where the period an item gets is written: the item, its brand rule, or the overall period."""
    if item.warranty is not None:
        return project_at("equipment", i, "warranty")
    rules = rp.commitments.warranty.by_brand
    same = [j for j, b in enumerate(rules) if b.manufacturer == item.manufacturer]
    exact = [j for j in same if item.product_line and rules[j].product_line == item.product_line]
    general = [j for j in same if rules[j].product_line is None]
    chosen = exact or general
    if not chosen:
        return commitments_at("warranty", "period")
    return commitments_at("warranty", "by_brand", chosen[0], "period")


def check_post_warranty(model: ServiceModel, rp: ResolvedProject, commitments_at: Loc) -> Found:
    r = rp.commitments.response
    pw = r.post_warranty
    if pw is not None and pw.same_as_warranty and pw.targets:
        yield Diagnostic.error(
            "post_warranty 既写了“质保期外仍按质保期内的时限”（same_as_warranty），又另列了时限（targets）：只能二选一",
            commitments_at("response", "post_warranty", "same_as_warranty"),
            commitments_at("response", "post_warranty", "targets"),
        )
        return
    if pw is None or pw.same_as_warranty or pw.note:
        return
    names = {m.id: m for m in r.measures}
    for mid, target in pw.targets.items():
        after = target.for_area(rp.region.id, rp.region.zone)
        measure = names.get(mid)
        if after is None or measure is None:
            continue
        during = [d for lv in r.levels if (d := rp.target(lv, measure)) is not None]
        if during and after > max(during):
            yield Diagnostic.warning(
                f"质保期外的{measure.name}时限（{after.zh()}）比质保期内最宽松的（{max(during).zh()}）还长，"
                "却没有说明：请在 post_warranty.note 写明质保期外按什么条件响应",
                commitments_at("response", "post_warranty", "targets", mid),
            )


# --- stale data -----------------------------------------------------------------


def check_stale(model: ServiceModel, staff_at: Loc, partners_at: Loc) -> Found:
    """People and partners nothing refers to: likely left over from an old bid."""
    content = model.content
    used: set[str] = set()
    for rp in model.projects:
        used.update(rp.project.team.ids())
    for c in [content.commitments, *(rp.commitments for rp in model.projects)]:
        used.update(p for t in c.process.escalation for p in t.people)
        groups = c.emergency.groups if c.emergency else ()
        used.update(p for g in groups for p in (*g.members, *([g.leader] if g.leader else [])))
    if content.staff.duty_rota:
        used.update(p for s in content.staff.duty_rota.shifts for p in s.people)
    used.update(p for plan in content.training.plans for p in plan.trainer_people)
    for i, person in enumerate(content.staff.people):
        if person.id not in used:
            yield Diagnostic.warning(
                f"{person.name or person.id}（{person.id}）没有被任何项目、升级路径、应急小组、值班表或培训方案引用：人员名单是否过时？",
                staff_at("people", i),
            )
    # A partner is in use when a project names it, or when it serves a region the
    # company promises an on-site time for: then it is what makes that promise keepable.
    response = content.commitments.response
    promised = {r.id for r in content.company.regions if _arrival_promise(response, r) is not None}
    referenced = {p for rp in model.projects for p in rp.project.partners}
    for i, partner in enumerate(content.partners.partners):
        if partner.id not in referenced and not set(partner.regions) & promised:
            yield Diagnostic.warning(
                f"合作伙伴“{partner.name}”没有被任何项目引用，服务地区也没有到场承诺：名单是否过时？",
                partners_at("partners", i),
            )
