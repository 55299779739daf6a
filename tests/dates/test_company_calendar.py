"""holidays.yaml: a year the company enters decides which days are worked, over chinese-calendar.

The calendars below are made up (2031 has no notice as this is written, and the 2026 one
here is not the real notice): each test states its calendar, then what follows by hand.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Callable
from pathlib import Path

import chinese_calendar
import yaml
from conftest import HOLIDAYS_2031, minimal

from generator.dates.periods import period_end
from generator.dates.schedule import Schedule, schedule
from generator.dates.workdays import calendar
from generator.model.calendar import Calendar
from generator.model.durations import Duration
from generator.model.holidays import Holidays
from generator.pipeline import CheckResult, check
from generator.reading.diagnostics import Severity

D = dt.date
MakeTree = Callable[..., Path]


QUARTERLY = """
    inspections:
      - id: q
        name: 季度巡检
        frequency: 每季度
"""
BEFORE_HOLIDAYS = """
    inspections:
      - id: festive
        name: 节前巡检
        frequency: 节假日前
"""


def official_has(year: int) -> bool:
    return any(d.year == year for d in chinese_calendar.holidays)


def calendar_of(text: str) -> Calendar:
    return calendar(Holidays.model_validate(yaml.safe_load(textwrap.dedent(text))))


def content(
    make_tree: MakeTree, maintenance: str, *, acceptance: str, warranty: str = "1年", holidays: str | None
) -> Path:
    """The minimal tree with this commitments.maintenance, acceptance date, warranty and holidays.yaml."""
    commitments = minimal("commitments.yaml").replace("period: 3年", f"period: {warranty}")
    head, rest = commitments.split("maintenance:\n", 1)
    body = textwrap.indent(textwrap.dedent(maintenance).strip("\n"), "  ")
    commitments = f"{head}maintenance:\n{body}\n{rest[rest.index('spare_parts:') :]}"
    project = minimal("projects/demo.yaml").replace("acceptance_date: 2026-05-20", f"acceptance_date: {acceptance}")
    return make_tree({"commitments.yaml": commitments, "projects/demo.yaml": project, "holidays.yaml": holidays})


def resolved(root: Path) -> tuple[CheckResult, Schedule]:
    result = check(root)
    assert result.model is not None, result.report.format()
    return result, schedule(result.model.projects[0])


# --- a year the file enters ------------------------------------------------------------


def test_a_visit_on_a_day_off_moves_past_the_break_and_is_firm(make_tree: MakeTree) -> None:
    """Quarterly from Thursday 2030-08-01: 11-01 (2030 has no notice: provisional); 02-01 a
    Saturday → Monday 02-03; 05-01 in the 劳动节 break → Tuesday 05-06; 08-01 a Friday."""
    _, s = resolved(content(make_tree, QUARTERLY, acceptance="2030-08-01", holidays=HOLIDAYS_2031))
    assert [(v.day.planned, v.date, v.day.provisional) for v in s.visits] == [
        (D(2030, 11, 1), D(2030, 11, 1), True),
        (D(2031, 2, 1), D(2031, 2, 3), False),
        (D(2031, 5, 1), D(2031, 5, 6), False),
        (D(2031, 8, 1), D(2031, 8, 1), False),
    ]
    assert s.unknown_years == (2030,) and s.first_unknown_year == 2030


def test_without_the_file_that_year_avoids_weekends_only(make_tree: MakeTree) -> None:
    if official_has(2031):  # pragma: no cover - a package with the 2031 notice
        return
    _, s = resolved(content(make_tree, QUARTERLY, acceptance="2030-08-01", holidays=None))
    assert [v.date for v in s.visits][2] == D(2031, 5, 1)  # a Thursday: kept
    assert all(v.day.provisional for v in s.visits)
    assert s.unknown_years == (2030, 2031)


def test_a_swapped_saturday_is_a_working_day(make_tree: MakeTree) -> None:
    """Monthly from Friday 2031-01-10: the visit planned on Saturday 05-10, a 调休上班 day, stays."""
    monthly = QUARTERLY.replace("每季度", "每月")
    _, s = resolved(content(make_tree, monthly, acceptance="2031-01-10", holidays=HOLIDAYS_2031))
    (may,) = [v for v in s.visits if v.day.planned == D(2031, 5, 10)]
    assert D(2031, 5, 10).weekday() == 5
    assert may.date == D(2031, 5, 10) and not may.day.moved and not may.day.provisional
    cal = calendar_of(HOLIDAYS_2031)
    assert cal.is_working_day(D(2031, 4, 26)) and not cal.is_working_day(D(2031, 4, 27))  # Saturday, Sunday
    assert not cal.is_working_day(D(2031, 5, 5)) and cal.is_working_day(D(2031, 5, 6))
    # Working days count on it too: three after 04-30 skip the break and land on 05-08.
    assert period_end(D(2031, 4, 30), Duration.parse("3个工作日"), cal) == (D(2031, 5, 8), False)


def test_before_holidays_uses_the_files_breaks_and_waits_for_the_other_years(make_tree: MakeTree) -> None:
    """From 2029-06-01 for 3年 (to 2032-06-01): the 2031 breaks get their checks, 元旦's on
    Tuesday 2030-12-31 (a year without a notice: provisional), 劳动节's on Wednesday 04-30;
    2029, 2030 and 2032 wait, and say so."""
    if any(official_has(y) for y in (2029, 2030, 2032)):  # pragma: no cover - a far newer package
        return
    _, s = resolved(
        content(make_tree, BEFORE_HOLIDAYS, acceptance="2029-06-01", warranty="3年", holidays=HOLIDAYS_2031)
    )
    assert [(v.key, v.label, v.date, v.day.provisional) for v in s.visits] == [
        ("festive-2031-new-year-day", "元旦前", D(2030, 12, 31), True),
        ("festive-2031-labour-day", "劳动节前", D(2031, 4, 30), False),
    ]
    assert [u.reason for u in s.unscheduled] == ["2029、2030、2032年的节前日期，待国务院办公厅公布当年放假安排后确定"]
    assert s.unknown_years == (2029, 2030, 2032)


def test_breaks_listed_side_by_side_are_one_break() -> None:
    """中秋节 on 09-30 and 国庆节 from 10-01: one break, one check before it, as chinese-calendar's are."""
    cal = calendar_of(
        """
        years:
          - year: 2031
            breaks:
              - {name: 国庆节, first: 2031-10-01, last: 2031-10-07}
              - {name: 中秋节, first: 2031-09-30, last: 2031-09-30}
              - {name: 休假日, first: 2031-11-03, last: 2031-11-03}
        """
    )
    breaks = cal.holiday_breaks(D(2031, 1, 1), D(2031, 12, 31))
    assert [(b.name, b.key, b.first, b.last) for b in breaks] == [
        ("中秋节、国庆节", "mid-autumn-festival", D(2031, 9, 30), D(2031, 10, 7)),
        ("休假日", "break-1103", D(2031, 11, 3), D(2031, 11, 3)),  # a name without a key of its own
    ]


# --- the file over chinese-calendar -----------------------------------------------------

# Not the real 2026 notice: 国庆节 from Thursday 10-01 to Saturday 10-03 only, no 中秋节 and
# no 调休. The real one (chinese-calendar) has 10-01 to 10-07, 中秋节 and the working Sunday 09-20.
MADE_UP_2026 = """
    years:
      - year: 2026
        breaks:
          - name: 国庆节
            first: 2026-10-01
            last: 2026-10-03
"""


def test_the_file_wins_over_chinese_calendar_for_a_year_both_cover(make_tree: MakeTree) -> None:
    """From Sunday 2026-07-05: the quarterly visit planned on Monday 10-05 stays (the file's
    break is over); the 节前 check is before its one break, on Wednesday 09-30."""
    assert official_has(2026)
    official = calendar(Holidays())
    assert official.is_working_day(D(2026, 9, 20)) and not official.is_working_day(D(2026, 10, 5))
    both = QUARTERLY + BEFORE_HOLIDAYS.replace("    inspections:\n", "")
    root = content(make_tree, both, acceptance="2026-07-05", holidays=MADE_UP_2026)
    _, s = resolved(root)
    in_2026 = [(v.key, v.date, v.day.provisional) for v in s.visits if v.date.year == 2026]
    assert in_2026 == [("festive-2026-national-day", D(2026, 9, 30), False), ("q-1", D(2026, 10, 5), False)]
    cal = calendar_of(MADE_UP_2026)
    assert not cal.is_working_day(D(2026, 9, 20))  # a Sunday the file does not list as worked
    assert cal.is_working_day(D(2025, 9, 28))  # 2025 is still chinese-calendar's: a 调休 Sunday


# --- check -------------------------------------------------------------------------------


def test_a_year_no_notice_covers_is_warned_once_at_the_projects_start_date(make_tree: MakeTree) -> None:
    """The minimal project, accepted 2026-05-20 with a 3年 warranty, is visited until 2029;
    holidays.yaml enters 2031 only."""
    if any(official_has(y) for y in (2027, 2028, 2029)):  # pragma: no cover - a newer package
        return
    root = make_tree({"holidays.yaml": HOLIDAYS_2031})
    result = check(root)
    found = [d for d in result.report.items if "holidays.yaml" in d.message]
    assert len(found) == 1, result.report.format()
    (warning,) = found
    assert warning.severity is Severity.WARNING
    assert warning.message.startswith(
        "本项目的巡检、回访日期排到 2027、2028、2029 年，这些年的放假安排 holidays.yaml 没有列出"
    )
    assert "按通知写明放假日期（breaks）和调休上班日期（working_days）" in warning.message
    project = (root / "projects" / "demo.yaml").read_text(encoding="utf-8").splitlines()
    assert warning.location is not None
    assert (warning.location.file, warning.location.path) == (root / "projects" / "demo.yaml", "acceptance_date")
    assert project[warning.location.line - 1].startswith("acceptance_date: 2026-05-20")
    (where_to_add,) = warning.related
    assert (where_to_add.file, where_to_add.line, where_to_add.path) == (root / "holidays.yaml", 1, "years")
    assert "本项目的巡检、回访日期排到 2027、2028、2029 年" in warning.format()


def test_a_warranty_counted_in_working_days_is_warned_too(make_tree: MakeTree) -> None:
    """A 1年 warranty from 2026-05-20 keeps the visits in 2027, which the file enters; an item's
    warranty of 500个工作日 runs into 2028, which nobody covers: its end date is a guess."""
    if official_has(2028):  # pragma: no cover - a newer package
        return
    commitments = minimal("commitments.yaml").replace("period: 3年", "period: 1年")
    project = minimal("projects/demo.yaml") + (
        "equipment:\n  - id: box\n    name: 测试设备\n    brand: 示例\n    warranty: 500个工作日\n"
    )
    root = make_tree({"holidays.yaml": COVERED_2027, "commitments.yaml": commitments, "projects/demo.yaml": project})
    (warning,) = [d for d in check(root).report.warnings if "holidays.yaml" in d.message]
    assert warning.message.startswith("本项目的按工作日计算的期限排到 2028 年，这些年的放假安排 holidays.yaml 没有列出")
    assert "标为暂定" not in warning.message  # no visit is provisional: only the end date is


# 元旦 and 劳动节 of 2027, made up, with its weekend days 04-25 (Sunday) and 05-08 (Saturday) worked.
COVERED_2027 = (
    HOLIDAYS_2031.replace("year: 2031", "year: 2027")
    .replace("2031-", "2027-")
    .replace("[2027-04-26, 2027-05-10]", "[2027-04-25, 2027-05-08]")
)


def test_no_warning_without_the_file_or_when_the_file_covers_every_year(make_tree: MakeTree) -> None:
    assert check(make_tree()).report.items == []  # no holidays.yaml: as before, the outputs' marks say it
    commitments = minimal("commitments.yaml").replace("period: 3年", "period: 1年")  # to 2027-05-20
    result = check(make_tree({"holidays.yaml": COVERED_2027, "commitments.yaml": commitments}))
    assert result.model is not None and result.report.items == [], result.report.format()
