"""Which days are worked in China: the calendar every date of the outputs is counted on.

Two sources, the first that covers a year decides it: the company's holidays.yaml for the
years it lists, then the State Council notices chinese-calendar carries (read by
dates/workdays.py, which builds the calendar once per content and which the resolved
model holds). A year neither covers has no known holidays: its dates avoid weekends only
and are provisional (暂定) until someone enters that year's notice.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from generator.model.holidays import Holidays

# ASCII keys of the statutory holidays, for calendar UIDs ("spring-festival"): the same keys
# whichever source a break comes from (dates/workdays.py makes them from chinese-calendar's
# English names).
BREAK_KEYS = {
    "元旦": "new-year-day",
    "春节": "spring-festival",
    "清明节": "tomb-sweeping-day",
    "劳动节": "labour-day",
    "端午节": "dragon-boat-festival",
    "中秋节": "mid-autumn-festival",
    "国庆节": "national-day",
    "抗战胜利纪念日": "anti-fascist-70th-day",
}
_NAME_SEPARATORS = re.compile(r"[、，,/ ]+")


@dataclass(frozen=True)
class HolidayBreak:
    """One statutory holiday with the days off around it, e.g. 国庆节 10-01 to 10-08."""

    name: str
    key: str  # ASCII, unique within its year, for calendar UIDs: "spring-festival"
    first: dt.date
    last: dt.date


def break_key(name: str, first: dt.date) -> str:
    """The key of a break named in Chinese: its first holiday's, or else its first day's."""
    head = _NAME_SEPARATORS.split(name.strip())[0]
    return BREAK_KEYS.get(head, f"break-{first:%m%d}")


def _plain(day: dt.date) -> dt.date:
    """The date without the source reading attached (model/sources.py): the calendar's days
    are looked up and counted from, never printed as the content's own values."""
    return dt.date(day.year, day.month, day.day)


@dataclass(frozen=True)
class Notices:
    """One source's yearly holiday notices: the years it covers, which of their days are off
    (放假) and which weekend days are worked (调休上班), and the breaks in date order."""

    years: frozenset[int]
    off: frozenset[dt.date]
    working: frozenset[dt.date]
    breaks: tuple[HolidayBreak, ...]

    @classmethod
    def of(cls, holidays: Holidays) -> Notices:
        """What holidays.yaml says. Consecutive days off form one break, as in the official
        calendar (中秋节 on 09-30 and 国庆节 from 10-01 are one break to check before)."""
        listed = sorted((_plain(b.first), _plain(b.last), str(b.name)) for e in holidays.years for b in e.breaks)
        spans: list[tuple[dt.date, dt.date, str]] = []
        for first, last, name in listed:
            if spans and (first - spans[-1][1]).days <= 1:
                prev = spans[-1]
                spans[-1] = (prev[0], max(prev[1], last), f"{prev[2]}、{name}")
            else:
                spans.append((first, last, name))
        breaks: list[HolidayBreak] = []
        keys: set[tuple[int, str]] = set()
        for first, last, name in spans:
            key = break_key(name, first)
            if (first.year, key) in keys:
                key = f"{key}-{first:%m%d}"
            keys.add((first.year, key))
            breaks.append(HolidayBreak(name, key, first, last))
        off = {b.first + dt.timedelta(days=n) for b in breaks for n in range((b.last - b.first).days + 1)}
        return cls(
            years=frozenset(e.year for e in holidays.years),
            off=frozenset(off),
            working=frozenset(_plain(d) for e in holidays.years for d in e.working_days),
            breaks=tuple(breaks),
        )

    def is_working_day(self, day: dt.date) -> bool:
        return day in self.working or (day.weekday() < 5 and day not in self.off)


class Calendar:
    """The company's notices over the official ones. Not a dataclass: it is a lookup the
    resolved model carries, not content, so what walks the model's values passes it by."""

    __slots__ = ("_breaks", "company", "official")

    def __init__(self, company: Notices, official: Notices) -> None:
        self.company = company
        self.official = official
        # An official break is left out where the company's file decides its days.
        kept = [b for b in official.breaks if not self._company_decides(b)]
        self._breaks = tuple(sorted([*company.breaks, *kept], key=lambda b: b.first))

    def _company_decides(self, b: HolidayBreak) -> bool:
        c = self.company
        if b.first.year in c.years or b.last.year in c.years:
            return True
        return any(x.first <= b.last and b.first <= x.last for x in c.breaks)

    def covers(self, year: int) -> bool:
        """Whether some notice says which days of the year are worked."""
        return year in self.company.years or year in self.official.years

    def uncovered(self, years: Iterable[int]) -> tuple[int, ...]:
        """Those of the years no notice covers, in order."""
        return tuple(sorted({y for y in years if not self.covers(y)}))

    @property
    def official_years(self) -> range:
        """The years chinese-calendar has notices for (contiguous)."""
        ys = self.official.years
        return range(min(ys), max(ys) + 1) if ys else range(0)

    def is_working_day(self, day: dt.date) -> bool:
        """A day the company's file lists decides by that file, whatever year it falls in (元旦
        from 12-31 of the year before); otherwise the year's source; Monday to Friday where
        neither covers the year."""
        c = self.company
        if day in c.working:
            return True
        if day in c.off:
            return False
        if day.year in c.years:
            return day.weekday() < 5
        return self.official.is_working_day(day)  # weekdays only for a year it has no notice for

    def holiday_breaks(self, start: dt.date, end: dt.date) -> tuple[HolidayBreak, ...]:
        """Statutory holiday breaks that begin within [start, end], covered years only."""
        return tuple(b for b in self._breaks if start <= b.first <= end)
