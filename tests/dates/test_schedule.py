"""The dated inspection and callback schedule of one project, counted from acceptance."""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Callable
from pathlib import Path

import chinese_calendar
from conftest import minimal

from generator.dates.schedule import Schedule, VisitKind, schedule
from generator.model.resolved import ResolvedProject
from generator.pipeline import check

D = dt.date
MakeTree = Callable[..., Path]


def announced(year: int) -> bool:
    """Whether the installed holiday data has the State Council's notice for `year` (2026 is the
    last one as this is written): later years avoid weekends only and are provisional."""
    return any(d.year == year for d in chinese_calendar.holidays)


def project_schedule(
    make_tree: MakeTree,
    maintenance: str,
    *,
    acceptance: str | None = "2026-05-20",
    warranty: str = "1年",
    service_period: str | None = None,
) -> Schedule:
    """The schedule of the minimal tree's project with this commitments.maintenance section."""
    commitments = minimal("commitments.yaml").replace("period: 3年", f"period: {warranty}")
    head, rest = commitments.split("maintenance:\n", 1)
    tail = rest[rest.index("spare_parts:") :]
    body = textwrap.indent(textwrap.dedent(maintenance).strip("\n"), "  ")
    commitments = f"{head}maintenance:\n{body}\n{tail}"
    project = minimal("projects/demo.yaml").replace("acceptance_date: 2026-05-20\n", "")
    if acceptance:
        project += f"acceptance_date: {acceptance}\n"
    if service_period:
        project += f"service_period: {service_period}\n"
    result = check(make_tree({"commitments.yaml": commitments, "projects/demo.yaml": project}))
    assert result.model is not None, result.report.format()
    rp: ResolvedProject = result.model.projects[0]
    return schedule(rp)


QUARTERLY = """
    inspections:
      - id: q
        name: 季度巡检
        frequency: 每季度
"""


def test_quarterly_inspections_over_a_one_year_warranty(make_tree: MakeTree) -> None:
    """Every three months after acceptance; a weekend date moves to Monday; dates in a year
    without a holiday notice are provisional."""
    s = project_schedule(make_tree, QUARTERLY)
    assert s.start == D(2026, 5, 20)
    assert s.end == D(2027, 5, 20)
    assert [v.date for v in s.visits] == [D(2026, 8, 20), D(2026, 11, 20), D(2027, 2, 22), D(2027, 5, 20)]
    assert [v.day.planned for v in s.visits][2] == D(2027, 2, 20)  # a Saturday
    assert [v.key for v in s.visits] == ["q-1", "q-2", "q-3", "q-4"]
    assert all(v.kind is VisitKind.INSPECTION for v in s.visits)
    assert not s.unscheduled
    unknown_2027 = not announced(2027)
    assert [v.day.provisional for v in s.visits] == [False, False, unknown_2027, unknown_2027]


def test_monthly_from_a_month_end_does_not_drift(make_tree: MakeTree) -> None:
    """From 01-31, monthly visits stay on each month's last day (02-28, 03-31, 04-30...),
    not 02-28, 03-28, 04-28; a date on a day off moves to the next working day."""
    s = project_schedule(
        make_tree,
        """
        inspections:
          - id: m
            name: 月度巡检
            frequency: 每月
        """,
        acceptance="2026-01-31",
    )
    assert [v.day.planned for v in s.visits][:5] == [
        D(2026, 2, 28),  # a Saturday, but a 调休 working day: not moved
        D(2026, 3, 31),  # Tuesday
        D(2026, 4, 30),
        D(2026, 5, 31),  # Sunday
        D(2026, 6, 30),
    ]
    assert [v.date for v in s.visits][:5] == [
        D(2026, 2, 28),
        D(2026, 3, 31),
        D(2026, 4, 30),
        D(2026, 6, 1),
        D(2026, 6, 30),
    ]
    assert len(s.visits) == 12
    assert s.visits[-1].day.planned == D(2027, 1, 31)


def test_start_after_delays_the_first_callback(make_tree: MakeTree) -> None:
    """“交付使用后1个月开始，每季度回访”: the first call is one month after acceptance,
    then every three months from there."""
    s = project_schedule(
        make_tree,
        """
        callbacks:
          - id: cb
            name: 季度回访
            frequency: 每季度
            start_after: 1个月
        """,
    )
    planned = [v.day.planned for v in s.visits]
    assert planned[0] == D(2026, 6, 20)  # 2026-05-20 + 1个月
    assert planned[:4] == [D(2026, 6, 20), D(2026, 9, 20), D(2026, 12, 20), D(2027, 3, 20)]
    assert s.visits[0].date == D(2026, 6, 22)  # Saturday in the 端午节 break → Monday
    assert s.visits[1].date == D(2026, 9, 20)  # a 调休 Sunday: worked, not moved
    assert all(v.kind is VisitKind.CALLBACK for v in s.visits)


def test_fixed_months_and_week_of_month(make_tree: MakeTree) -> None:
    """“每年4月、9月第一周各一次”: the 1st of April and September of every year in the warranty."""
    s = project_schedule(
        make_tree,
        """
        inspections:
          - id: spring-autumn
            name: 春秋季巡检
            frequency: 每年
            times: 2
            months: [4, 9]
            week_of_month: 1
        """,
        warranty="3年",
    )
    assert [v.day.planned for v in s.visits] == [
        D(2026, 9, 1),
        D(2027, 4, 1),
        D(2027, 9, 1),
        D(2028, 4, 1),
        D(2028, 9, 1),
        D(2029, 4, 1),
    ]
    assert [v.date for v in s.visits] == [
        D(2026, 9, 1),  # Tuesday
        D(2027, 4, 1),  # Thursday
        D(2027, 9, 1),  # Wednesday
        D(2028, 4, 3),  # Saturday 04-01 → Monday
        D(2028, 9, 1),  # Friday
        D(2029, 4, 2),  # Sunday 04-01 → Monday
    ]
    assert s.visits[0].key == "spring-autumn-2026-09"
    assert s.visits[0].label == "2026年9月"


BEFORE_HOLIDAYS = """
    inspections:
      - id: festive
        name: 节前巡检
        frequency: 节假日前
"""


def test_before_holidays_uses_the_last_working_day_before_each_break(make_tree: MakeTree) -> None:
    """节前巡检 falls on the last working day before each statutory break; a year whose
    notice is not out yet is listed as unscheduled with the reason."""
    s = project_schedule(make_tree, BEFORE_HOLIDAYS, acceptance="2025-12-01", warranty="3年")
    # Up to 2026 (the last year with a notice when written); later years depend on the package.
    assert [(v.label, v.date) for v in s.visits if v.date <= D(2026, 10, 1)] == [
        ("元旦前", D(2025, 12, 31)),
        ("春节前", D(2026, 2, 14)),  # the 调休 Saturday before the break starting 02-15
        ("清明节前", D(2026, 4, 3)),
        ("劳动节前", D(2026, 4, 30)),
        ("端午节前", D(2026, 6, 18)),
        ("中秋节前", D(2026, 9, 24)),
        ("国庆节前", D(2026, 9, 30)),
    ]
    assert s.visits[1].key == "festive-2026-spring-festival"
    assert any("待国务院办公厅公布" in u.reason for u in s.unscheduled)
    assert not s.provisional


def test_before_holidays_keys_are_unique_for_a_combined_break(make_tree: MakeTree) -> None:
    """Keys are calendar UIDs: they must be unique, even when two festivals share one break."""
    s = project_schedule(make_tree, BEFORE_HOLIDAYS, acceptance="2025-01-15", warranty="1年")
    keys = [v.key for v in s.visits]
    assert len(keys) == len(set(keys))
    # 2025's breaks (State Council notice) up to the warranty end 2026-01-15: in 2025 the
    # 中秋节 (10-06) fell inside the 国庆节 break 10-01..08, so there is one check before both.
    assert [(v.key, v.label, v.date) for v in s.visits] == [
        ("festive-2025-spring-festival", "春节前", D(2025, 1, 27)),  # break 01-28..02-04; Monday
        ("festive-2025-tomb-sweeping-day", "清明节前", D(2025, 4, 3)),  # break 04-04..06; Thursday
        ("festive-2025-labour-day", "劳动节前", D(2025, 4, 30)),  # break 05-01..05; Wednesday
        ("festive-2025-dragon-boat-festival", "端午节前", D(2025, 5, 30)),  # break 05-31..06-02; Friday
        ("festive-2025-national-day", "国庆节、中秋节前", D(2025, 9, 30)),  # Tuesday
        ("festive-2026-new-year-day", "元旦前", D(2025, 12, 31)),  # break 2026-01-01..03; Wednesday
    ]


def test_undated_frequencies_are_listed_with_their_frequency(make_tree: MakeTree) -> None:
    """每次服务后 and 按需 have no dates of their own; they are listed, not invented."""
    s = project_schedule(
        make_tree,
        """
        callbacks:
          - id: after
            name: 服务后回访
            frequency: 每次服务后
          - id: asked
            name: 应邀回访
            frequency: 按需
        """,
    )
    assert not s.visits
    assert [(u.activity.id, u.kind, u.reason) for u in s.unscheduled] == [
        ("after", VisitKind.CALLBACK, "每次服务后"),
        ("asked", VisitKind.CALLBACK, "按需"),
    ]


def test_after_warranty_activities_are_not_dated(make_tree: MakeTree) -> None:
    s = project_schedule(
        make_tree,
        """
        inspections:
          - id: later
            name: 保外巡检
            frequency: 每季度
            during: 质保期后
        """,
    )
    assert not s.visits
    assert len(s.unscheduled) == 1
    assert "质保期满后" in s.unscheduled[0].reason


MIXED = """
    inspections:
      - id: q
        name: 季度巡检
        frequency: 每季度
      - id: festive
        name: 节前巡检
        frequency: 节假日前
    callbacks:
      - id: cb
        name: 月度回访
        frequency: 每月
"""


def test_without_an_acceptance_date_nothing_is_dated(make_tree: MakeTree) -> None:
    """Before acceptance (e.g. at bid time) every activity waits for the date."""
    s = project_schedule(
        make_tree,
        MIXED,
        acceptance=None,
    )
    assert s.start is None
    assert s.end is None
    assert not s.visits
    assert [u.activity.id for u in s.unscheduled] == ["q", "festive", "cb"]
    assert all("验收合格日期确定后" in u.reason for u in s.unscheduled)


def test_visits_are_sorted_by_date(make_tree: MakeTree) -> None:
    """Several activities interleave into one date-ordered list."""
    s = project_schedule(
        make_tree,
        MIXED,
    )
    dates = [v.date for v in s.visits]
    assert len({v.activity.id for v in s.visits}) == 3
    assert dates == sorted(dates)
    # By hand, from Wednesday 2026-05-20 to 2027-05-20 (1年); on one day inspections come first.
    # 2026: 06-20 is a Saturday in the 端午 break (06-19..21) → Monday 06-22; 09-20 is a 调休
    # Sunday, worked; 12-20 Sunday → 12-21. 2027 (no notice yet): weekends only.
    expected_2026 = [
        ("festive-2026-dragon-boat-festival", D(2026, 6, 18)),
        ("cb-1", D(2026, 6, 22)),
        ("cb-2", D(2026, 7, 20)),
        ("q-1", D(2026, 8, 20)),
        ("cb-3", D(2026, 8, 20)),
        ("cb-4", D(2026, 9, 20)),
        ("festive-2026-mid-autumn-festival", D(2026, 9, 24)),
        ("festive-2026-national-day", D(2026, 9, 30)),
        ("cb-5", D(2026, 10, 20)),
        ("q-2", D(2026, 11, 20)),
        ("cb-6", D(2026, 11, 20)),
        ("cb-7", D(2026, 12, 21)),
    ]
    expected_2027 = [
        ("cb-8", D(2027, 1, 20)),  # Wednesday
        ("q-3", D(2027, 2, 22)),  # Saturday 02-20 → Monday
        ("cb-9", D(2027, 2, 22)),
        ("cb-10", D(2027, 3, 22)),  # Saturday 03-20 → Monday
        ("cb-11", D(2027, 4, 20)),  # Tuesday
        ("q-4", D(2027, 5, 20)),  # Thursday, the last day
        ("cb-12", D(2027, 5, 20)),
    ]
    # (A 2027 notice would add 2027's 元旦 check on 2026-12-31: those are not written here.)
    found = [(v.key, v.date) for v in s.visits if not v.key.startswith("festive-2027-")]
    assert found[: len(expected_2026)] == expected_2026
    if not announced(2027):
        assert found[len(expected_2026) :] == expected_2027


def test_the_last_visit_moves_back_rather_than_leave_the_period(make_tree: MakeTree) -> None:
    """A visit planned on the period's last day, a weekend, moves to the working day before it,
    not past the end of the warranty."""
    s = project_schedule(
        make_tree,
        QUARTERLY,
        acceptance="2025-05-18",  # a year later, 2026-05-18 is a Monday; 3 months before: 2026-02-18
        warranty="1年",
    )
    assert s.end == D(2026, 5, 18)
    s = project_schedule(
        make_tree,
        QUARTERLY,
        acceptance="2025-05-17",  # the period ends on Sunday 2026-05-17
        warranty="1年",
    )
    last = s.visits[-1]
    assert last.day.planned == D(2026, 5, 17)
    assert last.date == D(2026, 5, 15)  # Friday, within the period
    assert all(v.date <= D(2026, 5, 17) for v in s.visits)


# --- which period an activity runs over -------------------------------------------------

QUARTERLY_AND_IN_WARRANTY = """
    inspections:
      - id: q
        name: 季度巡检
        frequency: 每季度
      - id: w
        name: 质保期内年度巡检
        frequency: 每年
        during: 质保期内
"""


def test_without_during_the_service_period_bounds_the_visits(make_tree: MakeTree) -> None:
    """A 3年 warranty with a 1年 service contract: the quarterly inspection, which names no
    period, belongs to the contract and stops at 2027-05-20; the yearly one, stated 质保期内,
    runs over the whole warranty to 2029-05-20."""
    s = project_schedule(
        make_tree, QUARTERLY_AND_IN_WARRANTY, acceptance="2026-05-20", warranty="3年", service_period="1年"
    )
    quarterly = [v.day.planned for v in s.visits if v.activity.id == "q"]
    assert quarterly == [D(2026, 8, 20), D(2026, 11, 20), D(2027, 2, 20), D(2027, 5, 20)]
    yearly = [v.day.planned for v in s.visits if v.activity.id == "w"]
    assert yearly == [D(2027, 5, 20), D(2028, 5, 20), D(2029, 5, 20)]
    assert s.end == D(2029, 5, 20)  # the last day any activity covers


def test_without_during_or_service_period_the_warranty_bounds_the_visits(make_tree: MakeTree) -> None:
    """No service period: the quarterly inspection runs over the 2年 warranty, eight visits,
    the last planned on the warranty's last day 2028-05-20 (a Saturday: moved back to Friday)."""
    s = project_schedule(make_tree, QUARTERLY, acceptance="2026-05-20", warranty="2年")
    planned = [v.day.planned for v in s.visits]
    assert planned == [
        *(D(2026, 8, 20), D(2026, 11, 20), D(2027, 2, 20), D(2027, 5, 20)),
        *(D(2027, 8, 20), D(2027, 11, 20), D(2028, 2, 20), D(2028, 5, 20)),
    ]
    assert s.end == D(2028, 5, 20)
    if not announced(2028):
        assert s.visits[-1].date == D(2028, 5, 19)


def test_a_service_period_longer_than_the_warranty_bounds_the_visits(make_tree: MakeTree) -> None:
    """A 1年 warranty inside a 2年 operations contract: visits continue to 2028-05-20."""
    s = project_schedule(make_tree, QUARTERLY, acceptance="2026-05-20", warranty="1年", service_period="2年")
    planned = [v.day.planned for v in s.visits]
    assert planned[-1] == D(2028, 5, 20)
    assert len(planned) == 8
    assert s.end == D(2028, 5, 20)


def test_the_last_visit_of_a_short_service_period(make_tree: MakeTree) -> None:
    """Service period 6个月 from Wednesday 2026-05-20, warranty 3年: a monthly check is last
    planned on 2026-11-20 (a Friday), not on to 2029."""
    s = project_schedule(
        make_tree,
        """
        inspections:
          - id: m
            name: 月度巡检
            frequency: 每月
        """,
        acceptance="2026-05-20",
        warranty="3年",
        service_period="6个月",
    )
    assert [v.date for v in s.visits] == [
        D(2026, 6, 22),  # Saturday 06-20 in the 端午 break → Monday
        D(2026, 7, 20),
        D(2026, 8, 20),
        D(2026, 9, 20),  # a 调休 Sunday: worked, not moved
        D(2026, 10, 20),
        D(2026, 11, 20),
    ]
    assert s.end == D(2026, 11, 20)


def test_once_before_the_end_of_the_period(make_tree: MakeTree) -> None:
    """期满前3个月 (issue 14): one visit, 3 months before the warranty ends, moved off the
    weekend like any other; 定期 without a frequency is listed, never dated."""
    s = project_schedule(
        make_tree,
        """
        inspections:
          - id: final
            name: 期满前全面巡检
            frequency: 期满前
            before_end: 3个月
            during: 质保期内
          - id: regular
            name: 定期巡检
            frequency: 定期
        """,
    )
    assert s.end == D(2027, 5, 20)
    [visit] = s.visits
    assert (visit.key, visit.day.planned, visit.date, visit.label) == (
        "final-before-end",
        D(2027, 2, 20),  # a Saturday
        D(2027, 2, 22),
        "期满前3个月",
    )
    assert [(u.activity.id, u.reason) for u in s.unscheduled] == [("regular", "定期")]


def test_before_the_end_of_a_period_too_short_for_it(make_tree: MakeTree) -> None:
    s = project_schedule(
        make_tree,
        """
        inspections:
          - id: final
            name: 期满前全面巡检
            frequency: 期满前
            before_end: 2年
        """,
    )
    assert not s.visits
    assert [(u.activity.id, u.reason) for u in s.unscheduled] == [("final", "适用期间不足2年")]
