"""China's working days: weekends, public holidays and 调休 (swapped working days).

The calendar comes from chinese-calendar, which carries the State Council's
yearly holiday notices as data and, unlike rule-based calendars, refuses a
year it has no notice for instead of guessing. For such a year (the notice
for next year appears each November; the package follows with a release) a
date moves off weekends only and is marked provisional, so the manual can say
so rather than silently print a date that may fall on a holiday.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

import chinese_calendar

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


@cache
def known_years() -> range:
    """Years the installed calendar has official holiday notices for."""
    years = {d.year for d in chinese_calendar.holidays}
    return range(min(years), max(years) + 1)


def is_known(day: dt.date) -> bool:
    return day.year in known_years()


def is_working_day(day: dt.date) -> bool:
    """Official where the year is known; Monday to Friday otherwise (see is_known)."""
    if is_known(day):
        return bool(chinese_calendar.is_workday(day))
    return day.weekday() < 5


@dataclass(frozen=True)
class WorkingDay:
    """A planned date moved, if need be, to the next working day."""

    date: dt.date
    planned: dt.date
    provisional: bool  # the year's holiday notice is not in the calendar yet

    @property
    def moved(self) -> bool:
        return self.date != self.planned


def next_working_day(planned: dt.date) -> WorkingDay:
    day = planned
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return WorkingDay(day, planned, not is_known(day) or not is_known(planned))


def previous_working_day(planned: dt.date) -> WorkingDay:
    """The planned date, or the last working day before it."""
    day = planned
    while not is_working_day(day):
        day -= dt.timedelta(days=1)
    return WorkingDay(day, planned, not is_known(day) or not is_known(planned))


def add_working_days(start: dt.date, count: int) -> WorkingDay:
    """The count-th working day after start (start itself not counted)."""
    day, provisional = start, not is_known(start)
    for _ in range(count):
        day += dt.timedelta(days=1)
        while not is_working_day(day):
            day += dt.timedelta(days=1)
        provisional = provisional or not is_known(day)
    return WorkingDay(day, start, provisional)


@dataclass(frozen=True)
class HolidayBreak:
    """One statutory holiday with the days off around it, e.g. 国庆节 10-01 to 10-08."""

    name: str
    key: str  # ASCII, for calendar UIDs: "spring-festival"
    first: dt.date
    last: dt.date


@cache
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


def holiday_breaks(start: dt.date, end: dt.date) -> list[HolidayBreak]:
    """Statutory holiday breaks that begin within [start, end], known years only."""
    return [b for b in _breaks() if start <= b.first <= end]


def last_working_day_before(day: dt.date) -> dt.date:
    day -= dt.timedelta(days=1)
    while not is_working_day(day):
        day -= dt.timedelta(days=1)
    return day
