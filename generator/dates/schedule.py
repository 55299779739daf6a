"""The dated inspection and callback schedule of one project.

Each promised frequency becomes real dates counted from the project's start
event (normally acceptance), over the warranty or service period; a date that
falls on a weekend or public holiday moves to the next working day. What has
no date (after each service, on demand, before events nobody has announced)
is listed with the reason instead of being invented.
"""

from __future__ import annotations

import datetime as dt
from calendar import monthrange
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from generator.dates.periods import add_months, before_end, period_end
from generator.dates.workdays import WorkingDay, last_working_day_before, next_working_day, previous_working_day
from generator.model.calendar import Calendar
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

    @property
    def report_due(self) -> dt.date | None:
        """When the visit's reports are due: day `report_due_day` of the next month (its last
        day where the month is shorter); None where no due day is promised."""
        n = self.activity.report_due_day
        if not n or not self.activity.reports:
            return None
        first = add_months(self.date.replace(day=1), 1)
        return first.replace(day=min(n, monthrange(first.year, first.month)[1]))


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
    # Years the dates depend on that no holiday notice covers (neither holidays.yaml nor
    # chinese-calendar): provisional visits' years and those whose 节前 checks wait.
    unknown_years: tuple[int, ...] = ()

    @property
    def provisional(self) -> bool:
        return any(v.day.provisional for v in self.visits)

    @property
    def first_unknown_year(self) -> int | None:
        """The first year whose dates are provisional (marked *), None when none is."""
        dated = (y for v in self.visits if v.day.provisional for y in (v.date.year, v.day.planned.year))
        return min((y for y in dated if y in self.unknown_years), default=None)


def _kind(activity: ScheduledActivity) -> VisitKind:
    return VisitKind.CALLBACK if isinstance(activity, Callback) else VisitKind.INSPECTION


def _ends(rp: ResolvedProject, start: dt.date) -> dict[CoveragePeriod | None, dt.date]:
    """The last day of each coverage period, counted from `start`. An activity that names no
    period runs for the project's service period where it has one (that is the contract the
    visits belong to), else for the warranty."""
    cal = rp.calendar
    warranty, _ = period_end(start, rp.commitments.warranty.period, cal)
    service = period_end(start, rp.project.service_period, cal)[0] if rp.project.service_period else warranty
    return {
        CoveragePeriod.WARRANTY: warranty,
        CoveragePeriod.SERVICE: service,
        CoveragePeriod.WHOLE: max(warranty, service),
        None: service,
    }


def _periodic(a: ScheduledActivity, start: dt.date, end: dt.date, cal: Calendar) -> Iterator[tuple[str, dt.date, str]]:
    if a.months:
        week = a.week_of_month or 1
        for year in range(start.year, end.year + 1):
            for month in sorted(a.months):
                planned = dt.date(year, month, 1 + 7 * (week - 1))
                if start < planned <= end:
                    yield f"{year}-{month:02d}", planned, f"{year}年{month}月"
        return
    base = period_end(start, a.start_after, cal)[0] if a.start_after else None
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


def _waiting(years: tuple[int, ...], last: int) -> str:
    """The years whose 节前 dates wait for their notice: "2028年起" when they run to the end."""
    if years == tuple(range(years[0], last + 1)):
        return f"{years[0]}年起"
    return f"{'、'.join(str(y) for y in years)}年"


def _dated(
    a: ScheduledActivity, start: dt.date, end: dt.date, cal: Calendar
) -> tuple[list[Visit], list[Unscheduled], tuple[int, ...]]:
    """The activity's visits, what of it has no date, and the years its dates wait for."""
    kind = _kind(a)
    visits: list[Visit] = []
    missing: list[Unscheduled] = []
    waiting: tuple[int, ...] = ()
    if a.frequency in _STEP_MONTHS or a.frequency in _STEP_DAYS or a.months:
        for key, planned, label in _periodic(a, start, end, cal):
            day = next_working_day(cal, planned)
            if day.date > end:  # moving forward would leave the period: the last working day within it
                day = previous_working_day(cal, planned)
            visits.append(Visit(f"{a.id}-{key}", kind, a, day, label))
    elif a.frequency is Frequency.BEFORE_HOLIDAYS:
        for b in cal.holiday_breaks(start, end):
            before = last_working_day_before(cal, b.first)
            if before.date > start:
                visits.append(Visit(f"{a.id}-{b.first.year}-{b.key}", kind, a, before, f"{b.name}前"))
        waiting = cal.uncovered(range(start.year, end.year + 1))
        if waiting:
            reason = f"{_waiting(waiting, end.year)}的节前日期，待国务院办公厅公布当年放假安排后确定"
            missing.append(Unscheduled(kind, a, reason))
    elif a.frequency is Frequency.FINAL_MONTH:
        planned = add_months(end, -1) + dt.timedelta(days=1)
        visits.append(Visit(f"{a.id}-final", kind, a, next_working_day(cal, planned), "最后一个月"))
    elif a.frequency is Frequency.BEFORE_END and a.before_end is not None:
        # Once, at the start of the window before the period ends: “质保期满前3个月内” is
        # planned 3 months before the end, leaving the window to move it within.
        planned = before_end(end, a.before_end)
        if planned > start:
            day = next_working_day(cal, planned)
            visits.append(Visit(f"{a.id}-before-end", kind, a, day, f"期满前{a.before_end.zh()}"))
        else:
            missing.append(Unscheduled(kind, a, f"适用期间不足{a.before_end.zh()}"))
    else:
        missing.append(Unscheduled(kind, a, a.frequency.value))
    return visits, missing, waiting


def schedule(rp: ResolvedProject) -> Schedule:
    """Every inspection and callback of the project, dated where the promise allows."""
    m = rp.commitments.maintenance
    activities: list[ScheduledActivity] = [*m.inspections, *m.callbacks]
    event = rp.commitments.warranty.start_event
    start = rp.event_date(event)
    visits: list[Visit] = []
    unscheduled: list[Unscheduled] = []
    waiting: set[int] = set()
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
        found, missing, years = _dated(a, own, last, rp.calendar)
        visits += found
        unscheduled += missing
        waiting.update(years)
    visits.sort(key=lambda v: (v.date, v.kind != VisitKind.INSPECTION, v.key))
    dated = (y for v in visits if v.day.provisional for y in (v.date.year, v.day.planned.year))
    unknown = rp.calendar.uncovered([*dated, *waiting])
    return Schedule(start, event, end, tuple(visits), tuple(unscheduled), unknown)
