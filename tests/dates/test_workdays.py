"""China's working days: weekends, public holidays and 调休, from the State Council notices
(chinese-calendar: the calendar of a content folder without holidays.yaml)."""

from __future__ import annotations

import datetime as dt

from generator.dates.workdays import add_working_days, calendar, last_working_day_before, next_working_day
from generator.model.holidays import Holidays

D = dt.date
OFFICIAL = calendar(Holidays())  # no holidays.yaml: the official notices alone


def test_a_public_holiday_moves_a_date_past_the_break() -> None:
    """A visit planned inside the National Day break happens on the first day back."""
    day = next_working_day(OFFICIAL, D(2026, 10, 3))
    assert day.date == D(2026, 10, 8)
    assert day.planned == D(2026, 10, 3)
    assert day.moved
    assert not day.provisional


def test_a_swapped_weekend_day_is_a_working_day() -> None:
    """调休: the Saturday before 春节 and the Sunday before 国庆节 2026 are working days."""
    assert D(2026, 2, 14).weekday() == 5
    assert OFFICIAL.is_working_day(D(2026, 2, 14))
    day = next_working_day(OFFICIAL, D(2026, 2, 14))
    assert day.date == D(2026, 2, 14)
    assert not day.moved
    assert D(2026, 9, 20).weekday() == 6
    assert OFFICIAL.is_working_day(D(2026, 9, 20))


def test_an_ordinary_saturday_moves_to_monday() -> None:
    day = next_working_day(OFFICIAL, D(2026, 3, 7))
    assert day.date == D(2026, 3, 9)
    assert day.moved and not day.provisional


def test_a_year_without_a_notice_skips_weekends_only_and_is_provisional() -> None:
    """No holiday notice yet: only weekends are avoided, and the date is marked provisional."""
    year = OFFICIAL.official_years.stop
    saturday = D(year, 1, 1) + dt.timedelta(days=(5 - D(year, 1, 1).weekday()) % 7)
    assert saturday.weekday() == 5
    day = next_working_day(OFFICIAL, saturday)
    assert day.date == saturday + dt.timedelta(days=2)
    assert day.date.weekday() == 0
    assert day.provisional


def test_holiday_breaks_of_2026() -> None:
    """Seven statutory breaks a year, named in Chinese, with ASCII keys for calendar UIDs."""
    breaks = OFFICIAL.holiday_breaks(D(2026, 1, 1), D(2026, 12, 31))
    assert [b.name for b in breaks] == ["元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"]
    assert all(b.key.isascii() and b.key == b.key.lower() and " " not in b.key for b in breaks)
    keys = {b.name: b.key for b in breaks}
    assert keys["春节"] == "spring-festival"
    assert keys["国庆节"] == "national-day"
    spring = breaks[1]
    assert spring.first == D(2026, 2, 15)
    assert spring.first <= spring.last


def test_last_working_day_before_a_break_can_be_a_swapped_saturday() -> None:
    """The day before 春节 2026 (Sunday 02-15) that people work is the 调休 Saturday."""
    assert last_working_day_before(OFFICIAL, D(2026, 2, 15)).date == D(2026, 2, 14)


def test_adding_working_days_skips_the_national_day_break() -> None:
    assert add_working_days(OFFICIAL, D(2026, 9, 30), 1).date == D(2026, 10, 8)
