"""Where a period ends (民法典 第二百零一、二百零二条): the corresponding day of the final
month, or that month's last day when the month has no such day."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.dates.periods import add_months, period_end
from generator.dates.workdays import calendar
from generator.model.durations import Duration
from generator.model.holidays import Holidays

D = dt.date
OFFICIAL = calendar(Holidays())  # no holidays.yaml: chinese-calendar's notices


def end(start: dt.date, length: str) -> dt.date:
    return period_end(start, Duration.parse(length), OFFICIAL)[0]


@pytest.mark.parametrize(
    ("start", "length", "expected"),
    [
        (D(2026, 5, 20), "3年", D(2029, 5, 20)),  # the corresponding day three years on
        (D(2024, 2, 29), "1年", D(2025, 2, 28)),  # no 02-29 in 2025: the month's last day
        (D(2024, 2, 29), "4年", D(2028, 2, 29)),  # leap year again: the corresponding day
        (D(2024, 1, 31), "1个月", D(2024, 2, 29)),  # no 02-31: last day of a leap February
        (D(2023, 1, 31), "1个月", D(2023, 2, 28)),  # ... and of an ordinary February
        (D(2026, 5, 20), "1.5年", D(2027, 11, 20)),  # a year and a half is 18 months
        (D(2026, 1, 15), "30天", D(2026, 2, 14)),  # days are calendar days, start day not counted
    ],
)
def test_period_end(start: dt.date, length: str, expected: dt.date) -> None:
    assert period_end(start, Duration.parse(length), OFFICIAL) == (expected, False)


def test_one_and_a_half_years_equals_eighteen_months() -> None:
    start = D(2025, 8, 31)
    assert end(start, "1.5年") == end(start, "18个月") == D(2027, 2, 28)


def test_working_days_skip_the_national_day_break() -> None:
    """5个工作日 from 2026-09-30: 10-08, 10-09, 10-10 (调休 Saturday), 10-12, 10-13."""
    assert period_end(D(2026, 9, 30), Duration.parse("5个工作日"), OFFICIAL) == (D(2026, 10, 13), False)


def test_add_months_backwards_clamps_to_month_end() -> None:
    assert add_months(D(2026, 3, 31), -1) == D(2026, 2, 28)
    assert add_months(D(2026, 1, 15), -1) == D(2025, 12, 15)
