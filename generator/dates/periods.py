"""Where a period that starts on a given day ends, by the Civil Code's rules.

民法典 第二百零一条: the day a period starts is not counted; counting begins
the next day. 第二百零二条: a period in years or months ends on the day of the
final month that corresponds to the start day, or on that month's last day
when there is none (2024-02-29 plus one year ends on 2025-02-28).
So "3 years from acceptance on 2026-05-20" ends on 2029-05-20.
"""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import Decimal

from generator.dates.workdays import add_working_days
from generator.model.calendar import Calendar
from generator.model.durations import Duration, Unit


def add_months(day: dt.date, months: int) -> dt.date:
    """The corresponding day `months` later, or that month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def _whole(amount: Decimal) -> int | None:
    return int(amount) if amount == amount.to_integral_value() else None


def _whole_months(length: Duration) -> int | None:
    """Years and months that are a whole number of months: counted by the calendar."""
    if length.unit is Unit.YEAR:
        return _whole(length.amount * 12)
    return _whole(length.amount) if length.unit is Unit.MONTH else None


def _days(length: Duration) -> dt.timedelta:
    """Days, weeks, and fractions of larger units: whole calendar days, rounded up."""
    return dt.timedelta(days=int(-(-length.minutes // 1440)))


def period_end(start: dt.date, length: Duration, cal: Calendar) -> tuple[dt.date, bool]:
    """The last day of a period of `length` starting on `start`, and whether it
    depends on a year whose holiday notice is not yet known (working days only, counted
    on the project's calendar)."""
    unit, amount = length.unit, length.amount
    months = _whole_months(length)
    if months is not None:
        return add_months(start, months), False
    if unit is Unit.WORKING_DAY and _whole(amount) is not None:
        moved = add_working_days(cal, start, int(amount))
        return moved.date, moved.provisional
    if unit is Unit.IMMEDIATE:
        return start, False
    return start + _days(length), False


def before_end(end: dt.date, length: Duration) -> dt.date:
    """The day `length` before `end` (期满前3个月): whole months by the calendar, as periods
    are counted; anything else in calendar days, rounded up (a working day counts as 7/5
    of a day, as durations compare)."""
    months = _whole_months(length)
    return add_months(end, -months) if months is not None else end - _days(length)
