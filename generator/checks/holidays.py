"""Years a project's dates reach that no holiday notice covers.

A date in a year neither holidays.yaml nor chinese-calendar covers avoids weekends only
and is marked provisional in the manual, the calendar file and the site. Where the
company keeps its own holidays.yaml, `check` says so once per project, naming the years
and where to enter them. Without the file the outputs' marks are the whole story, as
before: the calendar then follows the installed chinese-calendar, and updating it is
the fix.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.dates.periods import period_end
from generator.dates.schedule import schedule
from generator.model.common import StartEvent
from generator.model.durations import Duration
from generator.model.manufacturers import Manufacturer
from generator.model.resolved import EVENT_DATE_FIELDS, Lookup, ResolvedProject
from generator.reading.diagnostics import Diagnostic
from generator.reading.validation import Loc

Found = Iterator[Diagnostic]


def period_years(rp: ResolvedProject, makers: Lookup[Manufacturer]) -> tuple[int, ...]:
    """The uncovered years a period counted in working days (a warranty of 90个工作日) runs
    through: its end date, which the outputs print, depends on their holidays."""
    cal = rp.calendar
    years: set[int] = set()
    w = rp.commitments.warranty
    periods: list[tuple[StartEvent | None, Duration | None]] = [
        (w.start_event, w.period),
        (w.start_event, rp.project.service_period),
    ]
    periods += [
        (iw.start_event, iw.period) for iw in (rp.equipment_warranty(item, makers) for item in rp.project.equipment)
    ]
    for event, length in periods:
        start = rp.event_date(event)
        if start is None or length is None:
            continue
        end, provisional = period_end(start, length, cal)
        if provisional:
            years.update(cal.uncovered(range(start.year, end.year + 1)))
    return tuple(sorted(years))


def check_project(rp: ResolvedProject, makers: Lookup[Manufacturer], at: Loc, holidays_at: Loc | None) -> Found:
    """One warning for the project, at its start date, with holidays.yaml's list of years
    as the related place; nothing where the content has no holidays.yaml."""
    if holidays_at is None:
        return
    visits, periods = schedule(rp).unknown_years, period_years(rp, makers)
    years = sorted({*visits, *periods})
    if not years:
        return
    what = "和".join(w for w, some in (("巡检、回访日期", visits), ("按工作日计算的期限", periods)) if some)
    event = rp.commitments.warranty.start_event
    where = at(EVENT_DATE_FIELDS[event]) if event is not None and rp.event_date(event) else at()
    official = rp.calendar.official_years
    until = f"chinese-calendar 也只收录到 {official.stop - 1} 年" if official else "chinese-calendar 也没有收录"
    named = "、".join(str(y) for y in years)
    marked = "，在维护手册、日历文件和手册网站中标为暂定" if visits else ""
    yield Diagnostic.warning(
        f"本项目的{what}排到 {named} 年，这些年的放假安排 holidays.yaml 没有列出，{until}："
        f"其间的日期只避开了周末{marked}。国务院办公厅公布该年放假安排后，"
        "请在 holidays.yaml 的 years 中添加该年，按通知写明放假日期（breaks）和调休上班日期（working_days）",
        where,
        holidays_at("years", key=True),
    )
