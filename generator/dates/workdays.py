"""China's working days: weekends, public holidays and 调休 (swapped working days).

The official calendar comes from chinese-calendar, which carries the State Council's
yearly holiday notices as data and, unlike rule-based calendars, refuses a year it has
no notice for instead of guessing. A company that has a newer notice enters it in
holidays.yaml, which decides the years it lists (model/calendar.py). For a year neither
covers (the notice for next year appears each November; the package follows with a
release) a date moves off weekends only and is marked provisional, so the manual can say
so rather than silently print a date that may fall on a holiday.

`calendar()` builds the calendar once per content; the resolved model holds it, and the
working-day arithmetic below counts on the calendar it is given.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

import chinese_calendar

from generator.model.calendar import Calendar, HolidayBreak, Notices
from generator.model.holidays import Holidays

HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利纪念日",
}


def _breaks() -> tuple[HolidayBreak, ...]:
    """Consecutive days off form one break, whatever each day is called: in 2025
    中秋节 fell inside the 国庆节 break, which is one break before which to check."""
    out: list[HolidayBreak] = []
    for day, english in sorted(chinese_calendar.holidays.items()):
        name = HOLIDAY_NAMES.get(english, english)
        key = english.lower().replace("'s", "").replace(" ", "-")
        if out and (day - out[-1].last).days <= 1:
            prev = out[-1]
            names = prev.name if name in prev.name.split("、") else f"{prev.name}、{name}"
            out[-1] = HolidayBreak(names, prev.key, prev.first, day)
        else:
            out.append(HolidayBreak(name, key, day, day))
    return tuple(out)


@cache
def official() -> Notices:
    """The State Council notices the installed chinese-calendar has, as one source."""
    years = {d.year for d in chinese_calendar.holidays}
    return Notices(
        years=frozenset(range(min(years), max(years) + 1)),
        off=frozenset(chinese_calendar.holidays),
        working=frozenset(chinese_calendar.workdays),
        breaks=_breaks(),
    )


def calendar(holidays: Holidays) -> Calendar:
    """The calendar of one content: its holidays.yaml (empty when there is none) over the
    official notices."""
    return Calendar(Notices.of(holidays), official())


@dataclass(frozen=True)
class WorkingDay:
    """A planned date moved, if need be, to the next working day."""

    date: dt.date
    planned: dt.date
    provisional: bool  # no notice covers its year (or the planned day's) yet

    @property
    def moved(self) -> bool:
        return self.date != self.planned


def _provisional(cal: Calendar, *days: dt.date) -> bool:
    return any(not cal.covers(d.year) for d in days)


def next_working_day(cal: Calendar, planned: dt.date) -> WorkingDay:
    day = planned
    while not cal.is_working_day(day):
        day += dt.timedelta(days=1)
    return WorkingDay(day, planned, _provisional(cal, day, planned))


def previous_working_day(cal: Calendar, planned: dt.date) -> WorkingDay:
    """The planned date, or the last working day before it."""
    day = planned
    while not cal.is_working_day(day):
        day -= dt.timedelta(days=1)
    return WorkingDay(day, planned, _provisional(cal, day, planned))


def add_working_days(cal: Calendar, start: dt.date, count: int) -> WorkingDay:
    """The count-th working day after start (start itself not counted)."""
    day, provisional = start, _provisional(cal, start)
    for _ in range(count):
        day += dt.timedelta(days=1)
        while not cal.is_working_day(day):
            day += dt.timedelta(days=1)
        provisional = provisional or _provisional(cal, day)
    return WorkingDay(day, start, provisional)


def last_working_day_before(cal: Calendar, day: dt.date) -> WorkingDay:
    """The last working day before `day` (a break's first day off)."""
    before = day - dt.timedelta(days=1)
    while not cal.is_working_day(before):
        before -= dt.timedelta(days=1)
    return WorkingDay(before, before, _provisional(cal, before))
