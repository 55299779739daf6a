"""The dated inspection and callback schedule of one project.

Each promised frequency becomes real dates counted from the project's start
event (normally acceptance), over the warranty or service period; a date that
falls on a weekend or public holiday moves to the next working day. What has
no date (after each service, on demand, before events nobody has announced)
is listed with the reason instead of being invented.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from generator.dates.periods import add_months, period_end
from generator.dates.workdays import (
    WorkingDay,
    holiday_breaks,
    known_years,
    last_working_day_before,
    next_working_day,
    previous_working_day,
)
from generator.model.commitments import Callback, ScheduledActivity
from generator.model.common import CoveragePeriod, Frequency, StartEvent
from generator.model.resolved import ResolvedProject


class VisitKind(StrEnum):
    INSPECTION = "巡检"
    CALLBACK = "回访"


_STEP_MONTHS = {Frequency.MONTHLY: 1, Frequency.QUARTERLY: 3, Frequency.HALF_YEARLY: 6, Frequency.YEARLY: 12}
_STEP_DAYS = {Frequency.WEEKLY: 7, Frequency.BIWEEKLY: 14}


@dataclass(frozen=True)
class Visit:
    """One dated occurrence of an inspection or callback."""

    key: str  # stable within the project (activity id + occurrence), used for calendar UIDs
    kind: VisitKind
    activity: ScheduledActivity
    day: WorkingDay
    label: str  # "第3次", "2027年4月", "春节前"

    @property
    def date(self) -> dt.date:
        return self.day.date


@dataclass(frozen=True)
class Unscheduled:
    """An activity, or part of one, that has no date of its own, and why."""

    kind: VisitKind
    activity: ScheduledActivity
    reason: str


@dataclass(frozen=True)
class Schedule:
    start: dt.date | None  # the start event's date; None when the project has not stated it
    start_event: StartEvent | None  # None: the content does not say when the warranty starts
    end: dt.date | None  # the last day covered by the schedule
    visits: tuple[Visit, ...]
    unscheduled: tuple[Unscheduled, ...]

    @property
    def provisional(self) -> bool:
        return any(v.day.provisional for v in self.visits)

    @property
    def first_unknown_year(self) -> int:
        return known_years().stop


def _kind(activity: ScheduledActivity) -> VisitKind:
    return VisitKind.CALLBACK if isinstance(activity, Callback) else VisitKind.INSPECTION


def _ends(rp: ResolvedProject, start: dt.date) -> dict[CoveragePeriod | None, dt.date]:
    """The last day of each coverage period, counted from `start`. An activity that names no
    period runs for the project's service period where it has one (that is the contract the
    visits belong to), else for the warranty."""
    warranty, _ = period_end(start, rp.commitments.warranty.period)
    service = period_end(start, rp.project.service_period)[0] if rp.project.service_period else warranty
    return {
        CoveragePeriod.WARRANTY: warranty,
        CoveragePeriod.SERVICE: service,
        CoveragePeriod.WHOLE: max(warranty, service),
        None: service,
    }


def _periodic(a: ScheduledActivity, start: dt.date, end: dt.date) -> Iterator[tuple[str, dt.date, str]]:
    if a.months:
        week = a.week_of_month or 1
        for year in range(start.year, end.year + 1):
            for month in sorted(a.months):
                planned = dt.date(year, month, 1 + 7 * (week - 1))
                if start < planned <= end:
                    yield f"{year}-{month:02d}", planned, f"{year}年{month}月"
        return
    base = period_end(start, a.start_after)[0] if a.start_after else None
    if a.frequency in _STEP_DAYS:
        step = dt.timedelta(days=_STEP_DAYS[a.frequency])
        first = base or start + step
        n, planned = 1, first
        while planned <= end:
            yield str(n), planned, f"第{n}次"
            n, planned = n + 1, first + step * n
        return
    months = _STEP_MONTHS[a.frequency]
    if a.times and a.times > 1:
        months = max(1, round(months / a.times))
    n = 1
    while True:
        # Counted from the anchor each time, so month ends do not drift (01-31, 02-28, 03-31).
        planned = add_months(base, months * (n - 1)) if base else add_months(start, months * n)
        if planned > end:
            return
        yield str(n), planned, f"第{n}次"
        n += 1


def _dated(a: ScheduledActivity, start: dt.date, end: dt.date) -> tuple[list[Visit], list[Unscheduled]]:
    kind = _kind(a)
    visits: list[Visit] = []
    missing: list[Unscheduled] = []
    if a.frequency in _STEP_MONTHS or a.frequency in _STEP_DAYS or a.months:
        for key, planned, label in _periodic(a, start, end):
            day = next_working_day(planned)
            if day.date > end:  # moving forward would leave the period: the last working day within it
                day = previous_working_day(planned)
            visits.append(Visit(f"{a.id}-{key}", kind, a, day, label))
    elif a.frequency is Frequency.BEFORE_HOLIDAYS:
        for b in holiday_breaks(start, end):
            before = last_working_day_before(b.first)
            if before > start:
                visits.append(
                    Visit(f"{a.id}-{b.first.year}-{b.key}", kind, a, WorkingDay(before, before, False), f"{b.name}前")
                )
        unknown = known_years().stop
        if end.year >= unknown:
            missing.append(Unscheduled(kind, a, f"{unknown}年起的节前日期，待国务院办公厅公布当年放假安排后确定"))
    elif a.frequency is Frequency.FINAL_MONTH:
        planned = add_months(end, -1) + dt.timedelta(days=1)
        visits.append(Visit(f"{a.id}-final", kind, a, next_working_day(planned), "最后一个月"))
    else:
        missing.append(Unscheduled(kind, a, a.frequency.value))
    return visits, missing


def schedule(rp: ResolvedProject) -> Schedule:
    """Every inspection and callback of the project, dated where the promise allows."""
    m = rp.commitments.maintenance
    activities: list[ScheduledActivity] = [*m.inspections, *m.callbacks]
    event = rp.commitments.warranty.start_event
    start = rp.event_date(event)
    visits: list[Visit] = []
    unscheduled: list[Unscheduled] = []
    end: dt.date | None = None
    for a in activities:
        if a.during is CoveragePeriod.AFTER_WARRANTY:
            unscheduled.append(Unscheduled(_kind(a), a, "质保期满后，按服务合同安排"))
            continue
        own = rp.event_date(a.start_event) if a.start_event else start
        if own is None:
            anchor = a.start_event or event
            reason = f"{anchor.value}日期确定后排定" if anchor else "起算事件未载明，无法排定日期"
            unscheduled.append(Unscheduled(_kind(a), a, reason))
            continue
        # "合同最后一个月" belongs to the contract: the service period where there is one.
        during = a.during or (CoveragePeriod.SERVICE if a.frequency is Frequency.FINAL_MONTH else None)
        last = _ends(rp, own)[during]
        end = max(end, last) if end else last
        found, missing = _dated(a, own, last)
        visits += found
        unscheduled += missing
    visits.sort(key=lambda v: (v.date, v.kind != VisitKind.INSPECTION, v.key))
    return Schedule(start, event, end, tuple(visits), tuple(unscheduled))
