"""holidays.yaml: China's public holidays and 调休 working days as the company enters them.

chinese-calendar carries the State Council's yearly notice (国务院办公厅关于某年部分节假日
安排的通知) up to its latest release. A company that has a newer notice, or wants its own
reading of one, writes that year here: per year, each holiday's days off (放假, first and
last day) and the weekend days that are worked instead (调休上班). For a year listed here
this file alone decides which days are worked (model/calendar.py).
"""

from __future__ import annotations

import datetime as dt
import itertools

from pydantic import Field, model_validator

from generator.model.common import Code, Frozen, Text, nested_error
from generator.model.values import FIRST_DATE, LAST_DATE, Date

# No notice has given a break of more than nine days; a month is a typo in a date.
LONGEST_BREAK_DAYS = 31
# A 调休 working day outside its year belongs to a break that crosses the new year
# (元旦 2022-12-31 to 2023-01-02): it lies within a week of that break.
SWAP_REACH = dt.timedelta(days=7)
WEEKDAYS = "一二三四五六日"


def weekday_zh(day: dt.date) -> str:
    return f"周{WEEKDAYS[day.weekday()]}"


def _span(first: dt.date, last: dt.date) -> str:
    return first.isoformat() if first == last else f"{first.isoformat()} 至 {last.isoformat()}"


class DaysOff(Frozen):
    """One holiday's days off, weekends within it included: 春节 2027-02-05 to 2027-02-13."""

    name: Text = Field(description="节日名称，例如 春节；连在一起放假的节日写成一段，例如 中秋节、国庆节")
    first: Date = Field(description="放假第一天，例如 2027-02-05")
    last: Date = Field(description="放假最后一天（含当天），例如 2027-02-13；只放一天时与 first 相同")

    @model_validator(mode="after")
    def _in_order(self) -> DaysOff:
        if self.last < self.first:
            raise nested_error(
                f"放假最后一天 {self.last.isoformat()} 早于第一天 {self.first.isoformat()}：请核对", "last"
            )
        days = (self.last - self.first).days + 1
        if days > LONGEST_BREAK_DAYS:
            raise nested_error(
                f"“{self.name}”从 {self.first.isoformat()} 放到 {self.last.isoformat()}，共 {days} 天，"
                f"超过 {LONGEST_BREAK_DAYS} 天：请核对首末日期",
                "last",
            )
        return self

    def overlaps(self, other: DaysOff) -> bool:
        return self.first <= other.last and other.first <= self.last

    def zh(self) -> str:
        return f"“{self.name}”（{_span(self.first, self.last)}）"


class HolidayYear(Frozen):
    """One year's notice: its breaks and its 调休 working days."""

    year: int = Field(ge=FIRST_DATE.year, le=LAST_DATE.year, description="年份，例如 2027；该年的工作日只按本文件判断")
    notice: Code | None = Field(
        default=None,
        description="依据的通知：文号或标题，例如 国务院办公厅关于2027年部分节假日安排的通知；不写表示未载明",
    )
    breaks: tuple[DaysOff, ...] = Field(
        min_length=1, description="放假安排：每个节日放假的第一天和最后一天（含周末），按通知逐项填写"
    )
    working_days: tuple[Date, ...] = Field(
        default=(), description="调休上班的日期：因调休而上班的周六、周日，例如 [2027-02-14]；没有则不写"
    )

    @model_validator(mode="after")
    def _consistent(self) -> HolidayYear:
        for i, b in enumerate(self.breaks):
            if not b.first.year <= self.year <= b.last.year:
                raise nested_error(
                    f"{b.zh()}不在 {self.year} 年内：每年的放假写在该年之下"
                    "（只有跨年的假期，如元旦，可以从上一年 12 月开始或放到下一年）",
                    "breaks",
                    i,
                    "first",
                )
        for (i, a), (j, b) in itertools.combinations(enumerate(self.breaks), 2):
            if a.overlaps(b):
                raise nested_error(
                    f"{b.zh()}与第 {i + 1} 项{a.zh()}的放假日期重叠：连在一起放假的节日写成一段，"
                    "例如 name: 中秋节、国庆节",
                    "breaks",
                    j,
                )
        seen: dict[dt.date, int] = {}
        crossing = [b for b in self.breaks if b.first.year != self.year or b.last.year != self.year]
        for i, day in enumerate(self.working_days):
            near = any(b.first - SWAP_REACH <= day <= b.last + SWAP_REACH for b in crossing)
            if day.year != self.year and not near:
                raise nested_error(
                    f"调休上班日 {day.isoformat()} 不在 {self.year} 年内：每年的调休上班日写在该年之下",
                    "working_days",
                    i,
                )
            if day.weekday() < 5:
                raise nested_error(
                    f"{day.isoformat()} 是{weekday_zh(day)}，本来就要上班：working_days 只列因调休而上班的周六、周日",
                    "working_days",
                    i,
                )
            off = next((b for b in self.breaks if b.first <= day <= b.last), None)
            if off is not None:
                raise nested_error(
                    f"{day.isoformat()} 既在{off.zh()}的放假日期内，又列为调休上班：请核对通知", "working_days", i
                )
            if day in seen:
                raise nested_error(
                    f"调休上班日 {day.isoformat()} 重复列出（第 {seen[day] + 1} 项已有）", "working_days", i
                )
            seen[day] = i
        return self


class Holidays(Frozen):
    years: tuple[HolidayYear, ...] = Field(
        default=(),
        description="逐年的放假与调休安排（国务院办公厅每年发布的节假日安排通知）；"
        "列出的年份以本文件为准，其余年份用 chinese-calendar 收录的通知",
    )

    @model_validator(mode="after")
    def _once_each(self) -> Holidays:
        first: dict[int, int] = {}
        for j, entry in enumerate(self.years):
            if entry.year in first:
                raise nested_error(
                    f"{entry.year} 年重复列出（第 {first[entry.year] + 1} 项已有）：每年只写一项", "years", j, "year"
                )
            first[entry.year] = j
        # A break that crosses the new year may be listed under either year, but only once.
        for (i, a), (j, b) in itertools.combinations(enumerate(self.years), 2):
            for k, later in enumerate(b.breaks):
                clash = next((x for x in a.breaks if x.overlaps(later)), None)
                if clash is not None:
                    raise nested_error(
                        f"{later.zh()}与 {a.year} 年的{clash.zh()}的放假日期重叠：跨年的假期只写在一年之下",
                        "years",
                        j,
                        "breaks",
                        k,
                    )
            for one, other, at in ((a, b, j), (b, a, i)):
                for k, day in enumerate(other.working_days):
                    off = next((x for x in one.breaks if x.first <= day <= x.last), None)
                    if off is not None:
                        raise nested_error(
                            f"{day.isoformat()} 既在 {one.year} 年{off.zh()}的放假日期内，又列为调休上班：请核对通知",
                            "years",
                            at,
                            "working_days",
                            k,
                        )
        return self
