"""The schedule as an iCalendar file (RFC 5545), read back the way a calendar app reads it.

Expected dates are written out by hand from the content and a calendar: the
Civil Code's period ends (民法典 arts. 201–202), weekends and the State
Council's 2024–2026 holiday notices, never taken from the code under test.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import chinese_calendar
import pytest
from conftest import minimal
from icalendar import Calendar

from generator.dates.schedule import schedule
from generator.outputs import ics, manual
from generator.pipeline import check

D = dt.date
PROJECTS = ["qingshi-classroom", "linchuan-gov-dc", "yunxi-cdc-network"]
STAMP = dt.datetime(2026, 5, 1, 8, 30, 15, tzinfo=dt.UTC)
WARRANTY = "质保期满"
EXAMPLE_HOST = "service.xinheng.example.cn"  # content/company.yaml handbook_url
TEST_HOST = "service.test.example.cn"  # the minimal tree's handbook_url


# The years content/holidays.yaml enters (2027, a made-up notice): the example's calendar has them.
EXAMPLE_NOTICES = {2027}


def announced(year: int) -> bool:
    """Whether the example's calendar has a notice for `year`: its holidays.yaml, or the State
    Council notices the installed holiday data carries (2026 is the last one as this is written;
    the next appears each November)."""
    return year in EXAMPLE_NOTICES or any(d.year == year for d in chinese_calendar.holidays)


def render(model: Any, project_id: str, stamp: dt.datetime = STAMP) -> bytes:
    return ics.render(manual.build(model, model.project(project_id), stamp.date()), stamp)


def events(data: bytes) -> list[Any]:
    return list(Calendar.from_ical(data).walk("VEVENT"))


def day(event: Any) -> dt.date:
    value = event.decoded("dtstart")
    assert type(value) is dt.date, "all-day events: VALUE=DATE, not a date-time"
    return value


def visit_events(data: bytes) -> list[Any]:
    return [e for e in events(data) if WARRANTY not in str(e["summary"]) and REPORT not in str(e["summary"])]


def warranty_events(data: bytes) -> list[Any]:
    return [e for e in events(data) if WARRANTY in str(e["summary"])]


def warranty_ends(data: bytes) -> dict[str, dt.date]:
    """Item name → the day its 质保期满 event is on, read from "质保期满：<item> · <site>"."""
    out: dict[str, dt.date] = {}
    for e in warranty_events(data):
        found = re.fullmatch(r"质保期满：(.+) · .+", str(e["summary"]))
        assert found, str(e["summary"])
        out[found.group(1)] = day(e)
    return out


def by_uid(data: bytes) -> dict[str, Any]:
    found = {str(e["uid"]): e for e in events(data)}
    assert len(found) == len(events(data)), "UIDs must be unique"
    return found


@pytest.mark.parametrize("project_id", PROJECTS)
def test_calendar_header(example_model: Any, project_id: str) -> None:
    cal = Calendar.from_ical(render(example_model, project_id))
    assert str(cal["version"]) == "2.0"
    assert str(cal["prodid"]).strip()


# --- a small tree, every event written out -----------------------------------------------

# Delivered on 2024-02-29, accepted on Friday 2025-11-28, overall warranty 1年.
SMALL_EQUIPMENT = """\
delivery_date: 2024-02-29
equipment:
  - {id: sw, name: 核心交换机, brand: 示例品牌, model: X1, quantity: 2}
  - {id: ups, name: UPS 电源, brand: 示例品牌, model: U1, quantity: 1, warranty: 1年, warranty_start: 交货}
  - {id: panel, name: 显示屏, brand: 示例品牌, model: P1, quantity: 4, warranty: 3年}
"""
SMALL_CALLBACKS = """\
  callbacks:
    - id: cb
      name: 季度回访
      frequency: 每季度
      mode: 电话
      start_after: 1个月
    - id: holiday-cb
      name: 节后回访
      frequency: 每年
      times: 2
      months: [1, 10]
      week_of_month: 1
      mode: 电话
"""


def small_calendar(make_tree: Callable[..., Path]) -> bytes:
    commitments = minimal("commitments.yaml").replace("period: 3年", "period: 1年")
    commitments = commitments.replace("spare_parts:", SMALL_CALLBACKS + "spare_parts:")
    project = minimal("projects/demo.yaml").replace("acceptance_date: 2026-05-20", "acceptance_date: 2025-11-28")
    result = check(make_tree({"commitments.yaml": commitments, "projects/demo.yaml": project + SMALL_EQUIPMENT}))
    assert result.model is not None, result.report.format()
    return render(result.model, "demo")


# uid prefix → (day, summary). Derived by hand:
#  季度巡检 every 3 months from 2025-11-28 up to the warranty end 2026-11-28:
#    2026-02-28 is a Saturday but a 调休 working day (春节) → kept;
#    2026-05-28 Thu; 2026-08-28 Fri;
#    2026-11-28 Saturday = the last day of the warranty → moving on would leave it → Friday 11-27.
#  季度回访 from 2025-11-28 + 1个月 = 2025-12-28 (Sunday → Monday 12-29), then every 3 months
#    from there: 2026-03-28 Sat → 03-30 Mon; 2026-06-28 Sun → 06-29 Mon; 2026-09-28 Mon;
#    2026-12-28 is after the warranty end.
#  节后回访 on the 1st of January and October: 2026-01-01..03 元旦 off, Sunday 01-04 is a
#    调休 working day → 01-04; 2026-10-01..07 国庆 off → Thursday 10-08.
SMALL_VISITS: dict[str, tuple[dt.date, str]] = {
    "cb-1": (D(2025, 12, 29), "季度回访 · 示例采购人"),
    "holiday-cb-2026-01": (D(2026, 1, 4), "节后回访 · 示例采购人"),
    "quarterly-1": (D(2026, 2, 28), "季度巡检 · 示例采购人"),
    "cb-2": (D(2026, 3, 30), "季度回访 · 示例采购人"),
    "quarterly-2": (D(2026, 5, 28), "季度巡检 · 示例采购人"),
    "cb-3": (D(2026, 6, 29), "季度回访 · 示例采购人"),
    "quarterly-3": (D(2026, 8, 28), "季度巡检 · 示例采购人"),
    "cb-4": (D(2026, 9, 28), "季度回访 · 示例采购人"),
    "holiday-cb-2026-10": (D(2026, 10, 8), "节后回访 · 示例采购人"),
    "quarterly-4": (D(2026, 11, 27), "季度巡检 · 示例采购人"),
}
# 民法典 201–202: the start day is not counted, the period ends on the corresponding day.
SMALL_WARRANTY_ENDS: dict[str, dt.date] = {
    "核心交换机": D(2026, 11, 28),  # overall 1年 from acceptance 2025-11-28 (a Saturday: ends are not moved)
    "UPS 电源": D(2025, 2, 28),  # its own 1年 from delivery 2024-02-29: 2025 has no 02-29 → the month's last day
    "显示屏": D(2028, 11, 28),  # its own 3年 from acceptance
}


def test_small_tree_every_event_by_hand(make_tree: Callable[..., Path]) -> None:
    data = small_calendar(make_tree)
    found = by_uid(data)
    visits = {uid: (day(e), str(e["summary"])) for uid, e in found.items() if WARRANTY not in str(e["summary"])}
    assert visits == {f"{key}.demo@{TEST_HOST}": value for key, value in SMALL_VISITS.items()}
    assert warranty_ends(data) == SMALL_WARRANTY_ENDS
    assert {uid for uid in found if uid.startswith("warranty-end-")} == {
        f"warranty-end-{item}.demo@{TEST_HOST}" for item in ("sw", "ups", "panel")
    }
    for e in found.values():
        assert e.decoded("dtend") == day(e) + dt.timedelta(days=1)
        assert str(e["location"]) == "甲市二号路 2 号"
    for uid in visits:
        assert str(found[uid]["status"]) == "CONFIRMED", uid  # 2025 and 2026 are announced years
    cal = Calendar.from_ical(data)
    assert str(cal["x-wr-calname"]) == "示例项目：巡检与回访"


REPORT = "报告截止"


def test_a_report_due_day_is_an_event_after_each_visit(make_tree: Callable[..., Path]) -> None:
    """report_due_day 31 (issue 14): due on the 31st of the month after each visit, or that
    month's last day; the visit's description names the reports, their day and recipient."""
    commitments = minimal("commitments.yaml").replace("period: 3年", "period: 1年")
    commitments = commitments.replace(
        "      mode: 现场\n",
        "      mode: 现场\n      with_modes: [电话]\n      reports: [巡检报告]\n"
        "      report_due_day: 31\n      report_to: 信息中心\n",
        1,
    )
    result = check(make_tree({"commitments.yaml": commitments}))
    assert result.model is not None, result.report.format()
    found = by_uid(render(result.model, "demo"))
    # Quarterly from acceptance 2026-05-20: 08-20, 11-20, 2027-02-22 (02-20 a Saturday), 05-20.
    due = {uid: day(e) for uid, e in found.items() if str(e["summary"]).startswith(REPORT)}
    assert due == {
        f"quarterly-1-report.demo@{TEST_HOST}": D(2026, 9, 30),  # September has 30 days
        f"quarterly-2-report.demo@{TEST_HOST}": D(2026, 12, 31),
        f"quarterly-3-report.demo@{TEST_HOST}": D(2027, 3, 31),
        f"quarterly-4-report.demo@{TEST_HOST}": D(2027, 6, 30),
    }
    visit = found[f"quarterly-1.demo@{TEST_HOST}"]
    description = str(visit["description"])
    assert "方式：现场和电话" in description
    assert "报告：巡检报告（次月31日前提交信息中心）" in description
    assert str(found[f"quarterly-1-report.demo@{TEST_HOST}"]["summary"]) == f"{REPORT}：季度巡检 · 示例采购人"


def test_small_tree_descriptions_say_why_a_date_moved(make_tree: Callable[..., Path]) -> None:
    found = by_uid(small_calendar(make_tree))

    def description(key: str) -> str:
        return str(found[f"{key}.demo@{TEST_HOST}"]["description"])

    assert description("quarterly-1") == "示例项目：季度巡检（第1次）\n方式：现场"  # a 调休 Saturday is not moved
    assert description("holiday-cb-2026-01") == (
        "示例项目：节后回访（2026年1月）\n方式：电话\n原定 2026-01-01，遇周末或节假日顺延至下一个工作日。"
    )
    assert description("quarterly-4").endswith("原定 2026-11-28，顺延将超出服务期，提前至期内最后一个工作日。")
    assert description("warranty-end-ups") == (
        "示例项目：UPS 电源（示例品牌 U1）质保期 1年，自交货（2024-02-29）起算，今日为最后一日。"
    )
    assert description("warranty-end-sw") == (
        "示例项目：核心交换机（示例品牌 X1）质保期 1年，自验收合格（2025-11-28）起算，今日为最后一日。"
    )
    alarm = next(iter(found[f"cb-1.demo@{TEST_HOST}"].walk("VALARM")))
    assert alarm.decoded("trigger") == -dt.timedelta(hours=15)  # 09:00 the day before
    assert str(alarm["description"]) == "明天：季度回访（示例项目）"


def test_uids_survive_a_new_acceptance_date(make_tree: Callable[..., Path]) -> None:
    """Re-importing after the acceptance date moves updates the events instead of adding copies."""
    project = minimal("projects/demo.yaml") + (
        "equipment:\n  - {id: sw, name: 核心交换机, brand: 示例品牌, model: X1, quantity: 2}\n"
    )
    calendars = {}
    for accepted in ("2026-05-20", "2026-06-10"):
        root = make_tree({"projects/demo.yaml": project.replace("2026-05-20", accepted)})
        result = check(root)
        assert result.model is not None, result.report.format()
        assert str(result.model.project("demo").project.acceptance_date) == accepted
        calendars[accepted] = {str(e["uid"]): day(e) for e in events(render(result.model, "demo"))}
    before, after = calendars.values()
    assert set(before) == set(after)
    periodic = [uid for uid in before if uid.startswith("quarterly-")]
    assert len(periodic) == 12  # 3 years of quarters
    assert all(before[uid] != after[uid] for uid in before)
    sw, first = f"warranty-end-sw.demo@{TEST_HOST}", f"quarterly-1.demo@{TEST_HOST}"
    # 3年 from Wednesday 2026-05-20 ends on 2029-05-20; from 2026-06-10 on 2029-06-10.
    assert (before[sw], after[sw]) == (D(2029, 5, 20), D(2029, 6, 10))
    # The first quarter: Thursday 2026-08-20, Thursday 2026-09-10.
    assert (before[first], after[first]) == (D(2026, 8, 20), D(2026, 9, 10))


# --- the example --------------------------------------------------------------------------

# Each item's warranty end, from the project files and commitments.yaml by hand: qiming (by the
# project's override), huaheng and yuntu items have a 3年 brand warranty, counted from acceptance.
EXAMPLE_WARRANTY_ENDS: dict[str, dict[str, dt.date]] = {
    "qingshi-classroom": {
        "86 英寸交互智能平板": D(2029, 5, 20),  # 3年 from acceptance 2026-05-20
        "壁挂式视频展台": D(2028, 5, 20),  # its own 2年
        "组合式推拉黑板": D(2031, 5, 6),  # its own 5年 from delivery 2026-05-06
    },
    "linchuan-gov-dc": {  # accepted 2026-10-08; the 1年 service period does not shorten the warranty
        "集中存储": D(2029, 10, 8),
        "虚拟化服务器": D(2029, 10, 8),
        "数据中心交换机": D(2029, 10, 8),
    },
    "yunxi-cdc-network": {  # accepted Saturday 2026-08-15
        "核心交换机": D(2029, 8, 15),
        "接入交换机": D(2029, 8, 15),
        "下一代防火墙": D(2029, 8, 15),
        "机架式服务器": D(2029, 8, 15),
    },
}


@pytest.mark.parametrize("project_id", PROJECTS)
def test_one_warranty_end_event_per_item(example_model: Any, project_id: str) -> None:
    data = render(example_model, project_id)
    assert warranty_ends(data) == EXAMPLE_WARRANTY_ENDS[project_id]
    for e in warranty_events(data):
        assert str(e["uid"]).startswith("warranty-end-") and str(e["uid"]).endswith(f".{project_id}@{EXAMPLE_HOST}")
    by_uid(data)  # unique UIDs across visits and warranty ends


# qingshi-classroom, accepted Wednesday 2026-05-20, warranty 3年 (to 2029-05-20): every event
# of 2026 (the last year with a holiday notice when this was written), by hand:
#  季度现场巡检 quarterly from acceptance: 08-20 Thu, 11-20 Fri.
#  月度远程巡检 monthly: 06-20 Sat in the 端午 break (06-19..21) → 06-22 Mon; 07-20 Mon;
#    08-20 Thu; 09-20 a 调休 Sunday → kept; 10-20 Tue; 11-20 Fri; 12-20 Sun → 12-21 Mon.
#  半年全面检测保养 in the first week of April and September: 09-01 Tue.
#  节假日前专项检查 on the last working day before each break: 端午 06-19 → 06-18 Thu,
#    中秋 09-25 → 09-24 Thu, 国庆 10-01 → 09-30 Wed.
#  季度回访 from 2026-05-20 + 1个月 = 06-20 → 06-22; 09-20 kept (调休); 12-20 → 12-21.
#  年度上门走访 first on 2027-05-20.
QINGSHI_2026: dict[str, dt.date] = {
    "holiday-check-2026-dragon-boat-festival": D(2026, 6, 18),
    "monthly-remote-1": D(2026, 6, 22),
    "quarterly-callback-1": D(2026, 6, 22),
    "monthly-remote-2": D(2026, 7, 20),
    "monthly-remote-3": D(2026, 8, 20),
    "quarterly-onsite-1": D(2026, 8, 20),
    "half-year-overhaul-2026-09": D(2026, 9, 1),
    "monthly-remote-4": D(2026, 9, 20),
    "quarterly-callback-2": D(2026, 9, 20),
    "holiday-check-2026-mid-autumn-festival": D(2026, 9, 24),
    "holiday-check-2026-national-day": D(2026, 9, 30),
    "monthly-remote-5": D(2026, 10, 20),
    "monthly-remote-6": D(2026, 11, 20),
    "quarterly-onsite-2": D(2026, 11, 20),
    "monthly-remote-7": D(2026, 12, 21),
    "quarterly-callback-3": D(2026, 12, 21),
}
# Later years: weekends only until their notice is out. The period ends on Sunday 2029-05-20;
# a visit planned that day moves back to Friday 05-18 rather than past the warranty.
QINGSHI_LATER: dict[str, dt.date] = {
    "quarterly-onsite-3": D(2027, 2, 22),  # Saturday 2027-02-20 → Monday
    "annual-visit-1": D(2027, 5, 20),  # Thursday
    "annual-visit-2": D(2028, 5, 22),  # Saturday 2028-05-20 → Monday
    "half-year-overhaul-2028-04": D(2028, 4, 3),  # Saturday 04-01 → Monday
    "quarterly-callback-12": D(2029, 3, 20),  # 06-20 + 33 months, a Tuesday; the last one
    "quarterly-onsite-12": D(2029, 5, 18),
    "monthly-remote-36": D(2029, 5, 18),
    "annual-visit-3": D(2029, 5, 18),
}
# Visits per activity over the three years (the holiday checks: 2026's three, later years wait).
QINGSHI_COUNTS = {
    "quarterly-onsite": 12,
    "monthly-remote": 36,
    "half-year-overhaul": 6,
    "annual-visit": 3,
    "quarterly-callback": 12,
}


def in_2026(visits: dict[str, dt.date]) -> dict[str, dt.date]:
    """The visits dated 2026; a 2027 notice would add 2027's 元旦 check on 2026-12-31, not written here."""
    return {k: d for k, d in visits.items() if d.year == 2026 and not k.startswith("holiday-check-2027-")}


def uid_key(uid: str, project_id: str) -> str:
    suffix = f".{project_id}@{EXAMPLE_HOST}"
    assert uid.endswith(suffix), uid
    return uid.removesuffix(suffix)


def test_qingshi_visits_by_hand(example_model: Any) -> None:
    visits = {
        uid_key(str(e["uid"]), "qingshi-classroom"): e for e in visit_events(render(example_model, "qingshi-classroom"))
    }
    assert in_2026({key: day(e) for key, e in visits.items()}) == QINGSHI_2026
    assert all(str(visits[key]["status"]) == "CONFIRMED" for key in QINGSHI_2026)
    for key, expected in QINGSHI_LATER.items():
        assert day(visits[key]) == expected, key
    for activity, count in QINGSHI_COUNTS.items():
        assert len([k for k in visits if re.fullmatch(rf"{activity}-[\d-]+", k)]) == count, activity
    if not announced(2027):
        assert [k for k in visits if k.startswith("holiday-check-")] == [
            "holiday-check-2026-dragon-boat-festival",
            "holiday-check-2026-mid-autumn-festival",
            "holiday-check-2026-national-day",
        ]
        assert str(visits["annual-visit-1"]["status"]) == "TENTATIVE"
    if not announced(2029):
        last = str(visits["quarterly-onsite-12"]["description"])
        assert "原定 2029-05-20，顺延将超出服务期，提前至期内最后一个工作日。" in last
        assert "2029 年的法定节假日安排尚未公布" in last
        assert str(visits["quarterly-onsite-12"]["status"]) == "TENTATIVE"
    assert str(visits["monthly-remote-1"]["description"]).endswith(
        "原定 2026-06-20，遇周末或节假日顺延至下一个工作日。"
    )
    assert str(visits["quarterly-onsite-1"]["summary"]) == "季度现场巡检 · 青石区各中小学"
    assert str(visits["quarterly-onsite-1"]["location"]) == "青石区各中小学，青石市青石区各使用学校（由采购人指定）"


# linchuan-gov-dc, accepted Thursday 2026-10-08; warranty 3年, service period 1年 (to 2027-10-08):
#  月度现场巡检: 11-08 Sun → 11-09 Mon; 12-08 Tue.   季度回访: 10-08 + 1个月 = 11-08 → 11-09.
#  No statutory break begins between 10-08 and the end of 2026; 每日远程巡检 has no dates.
#  服务期末全面评估 (合同最后一个月): the last month of the service period starts on
#  2027-10-08 − 1个月 + 1 day = Thursday 2027-09-09.
# yunxi-cdc-network, accepted Saturday 2026-08-15:
#  月度远程巡检: 09-15 Tue, 10-15 Thu, 11-15 Sun → 11-16, 12-15 Tue.  季度现场巡检: 11-15 → 11-16.
#  半年全面检测保养: 09-01 Tue.  节前: 中秋 → 09-24, 国庆 → 09-30.  季度回访: 09-15, 12-15.
OTHERS_2026: dict[str, dict[str, dt.date]] = {
    "linchuan-gov-dc": {
        "monthly-onsite-1": D(2026, 11, 9),
        "quarterly-callback-1": D(2026, 11, 9),
        "monthly-onsite-2": D(2026, 12, 8),
    },
    "yunxi-cdc-network": {
        "half-year-overhaul-2026-09": D(2026, 9, 1),
        "monthly-remote-1": D(2026, 9, 15),
        "quarterly-callback-1": D(2026, 9, 15),
        "holiday-check-2026-mid-autumn-festival": D(2026, 9, 24),
        "holiday-check-2026-national-day": D(2026, 9, 30),
        "monthly-remote-2": D(2026, 10, 15),
        "monthly-remote-3": D(2026, 11, 16),
        "quarterly-onsite-1": D(2026, 11, 16),
        "monthly-remote-4": D(2026, 12, 15),
        "quarterly-callback-2": D(2026, 12, 15),
    },
}


@pytest.mark.parametrize("project_id", sorted(OTHERS_2026))
def test_other_projects_2026_visits_by_hand(example_model: Any, project_id: str) -> None:
    visits = {uid_key(str(e["uid"]), project_id): day(e) for e in visit_events(render(example_model, project_id))}
    assert in_2026(visits) == OTHERS_2026[project_id]
    if project_id == "linchuan-gov-dc":
        assert visits["final-month-review-final"] == D(2027, 9, 9)
        assert not any(k.startswith("daily-remote") for k in visits)


@pytest.mark.parametrize("project_id", PROJECTS)
def test_lines_are_crlf_and_folded_at_75_octets(example_model: Any, project_id: str) -> None:
    data = render(example_model, project_id)
    assert data.endswith(b"\r\n")
    lines = data.split(b"\r\n")[:-1]
    assert all(b"\n" not in ln and b"\r" not in ln for ln in lines)
    too_long = [ln for ln in lines if len(ln) > 75]
    assert not too_long, too_long[:3]
    assert any(ln.startswith(b" ") for ln in lines), "the long Chinese descriptions must have been folded"
    data.decode("utf-8")  # no character split across a fold
    for ln in lines:
        ln.decode("utf-8")


@pytest.mark.parametrize("project_id", PROJECTS)
def test_visits_in_unannounced_years_are_tentative(example_model: Any, project_id: str) -> None:
    statuses: dict[str, int] = {}
    for e in visit_events(render(example_model, project_id)):
        expected = "CONFIRMED" if announced(day(e).year) else "TENTATIVE"
        assert str(e["status"]) == expected, (str(e["uid"]), day(e))
        statuses[expected] = statuses.get(expected, 0) + 1
    if project_id == "linchuan-gov-dc":  # its visits end in 2027, which content/holidays.yaml enters
        assert set(statuses) == {"CONFIRMED"}
    else:
        assert set(statuses) == {"CONFIRMED", "TENTATIVE"}, "the example spans known and unknown years"


# content/holidays.yaml enters a made-up 2027: 元旦 01-01..03, 春节 02-05..13 (调休 Sundays 01-31
# and 02-14), 清明节 04-03..05, 劳动节 05-01..05 (调休 Saturday 05-08), 端午节 06-09, 中秋节 09-15,
# 国庆节 10-01..07 (调休 09-26 and 10-09). It decides 2027 whatever chinese-calendar carries.
#  qingshi-classroom 节假日前专项检查, the last working day before each break: 元旦 → Thursday
#    2026-12-31; 春节 → Thu 02-04; 清明 → Fri 04-02; 劳动 → Fri 04-30; 端午 → Tue 06-08;
#    中秋 → Tue 09-14; 国庆 → Thu 09-30.
#  linchuan-gov-dc 月度现场巡检 and 季度回访 from Thursday 2026-10-08: 02-08 (a Monday) lies in the
#    春节 break → the 调休 Sunday 02-14; 05-08, a 调休 Saturday, is worked; 08-08 Sunday → 08-09.
QINGSHI_HOLIDAY_CHECKS_2027 = {
    "holiday-check-2027-new-year-day": D(2026, 12, 31),
    "holiday-check-2027-spring-festival": D(2027, 2, 4),
    "holiday-check-2027-tomb-sweeping-day": D(2027, 4, 2),
    "holiday-check-2027-labour-day": D(2027, 4, 30),
    "holiday-check-2027-dragon-boat-festival": D(2027, 6, 8),
    "holiday-check-2027-mid-autumn-festival": D(2027, 9, 14),
    "holiday-check-2027-national-day": D(2027, 9, 30),
}
LINCHUAN_2027 = {
    "monthly-onsite-4": D(2027, 2, 14),
    "quarterly-callback-2": D(2027, 2, 14),
    "monthly-onsite-7": D(2027, 5, 8),
    "quarterly-callback-3": D(2027, 5, 8),
    "monthly-onsite-10": D(2027, 8, 9),
}


def test_the_example_2027_follows_its_holidays_file(example_model: Any) -> None:
    qingshi = {
        uid_key(str(e["uid"]), "qingshi-classroom"): e for e in visit_events(render(example_model, "qingshi-classroom"))
    }
    checks = {k: day(e) for k, e in qingshi.items() if k.startswith("holiday-check-2027-")}
    assert checks == QINGSHI_HOLIDAY_CHECKS_2027
    assert all(str(qingshi[k]["status"]) == "CONFIRMED" for k in checks)
    assert str(qingshi["annual-visit-1"]["status"]) == "CONFIRMED"  # 2027-05-20
    linchuan = {
        uid_key(str(e["uid"]), "linchuan-gov-dc"): e for e in visit_events(render(example_model, "linchuan-gov-dc"))
    }
    assert {k: day(linchuan[k]) for k in LINCHUAN_2027} == LINCHUAN_2027
    moved = str(linchuan["monthly-onsite-4"]["description"])
    assert moved.endswith("原定 2027-02-08，遇周末或节假日顺延至下一个工作日。")
    assert "尚未公布" not in moved


def test_dtstamp_is_the_stamp_passed_in(example_model: Any) -> None:
    data = render(example_model, "qingshi-classroom")
    found = events(data)
    assert found and all(e.decoded("dtstamp") == STAMP for e in found)
    assert data.count(b"DTSTAMP:20260501T083015Z\r\n") == len(found)  # UTC, as RFC 5545 requires
    other = dt.datetime(2027, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    assert all(e.decoded("dtstamp") == other for e in events(render(example_model, "qingshi-classroom", other)))


def test_without_start_date_no_events(make_tree: Callable[..., Path]) -> None:
    project = minimal("projects/demo.yaml").replace("acceptance_date: 2026-05-20\n", "")
    result = check(make_tree({"projects/demo.yaml": project}))
    assert result.model is not None, result.report.format()
    data = render(result.model, "demo")
    assert events(data) == []
    assert str(Calendar.from_ical(data)["version"]) == "2.0"


def test_built_calendar_matches_the_schedule(built: Path, example_model: Any) -> None:
    """The written file holds what the schedule computes (whose dates the tests above pin by hand)."""
    for project_id in PROJECTS:
        data = (built / project_id / "schedule.ics").read_bytes()
        rp = example_model.project(project_id)
        assert {(str(e["uid"]), day(e)) for e in visit_events(data)} == {
            (f"{v.key}.{rp.id}@{EXAMPLE_HOST}", v.date) for v in schedule(rp).visits
        }
        assert warranty_ends(data) == EXAMPLE_WARRANTY_ENDS[project_id]
    qingshi = {
        uid_key(str(e["uid"]), "qingshi-classroom"): day(e)
        for e in visit_events((built / "qingshi-classroom" / "schedule.ics").read_bytes())
    }
    assert in_2026(qingshi) == QINGSHI_2026
