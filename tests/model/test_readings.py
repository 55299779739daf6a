"""How the model reads one fact for every output: an activity's frequency, mode and timing,
a time-limit cell, the spare-unit promise. Each expectation is written out by hand."""

from __future__ import annotations

from typing import Any

import pytest

from generator.model.commitments import Inspection
from generator.model.response import SeverityLevel, SpareUnit


def activity(**fields: Any) -> Inspection:
    """An inspection with these fields, as the YAML would state them."""
    return Inspection.model_validate({"id": "a", "name": "巡检", "frequency": "每季度", **fields})


# --- ScheduledActivity.frequency_zh ---------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"frequency": "每季度"}, "每季度"),
        ({"frequency": "每年", "times": 2}, "每年2次"),
        ({"frequency": "每季度", "at_least": True}, "至少每季度"),
        ({"frequency": "每年", "times": 2, "at_least": True}, "至少每年2次"),
        ({"frequency": "每月", "times": 1}, "每月1次"),
        ({"frequency": "节假日前"}, "节假日前"),
    ],
)
def test_frequency_reads_with_its_count_and_minimum(fields: dict[str, Any], expected: str) -> None:
    assert activity(**fields).frequency_zh() == expected


# --- ScheduledActivity.mode_zh --------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"mode": "现场"}, "现场"),
        ({"mode": "现场", "other_modes": ["电话"]}, "现场，必要时电话"),
        ({"mode": "现场", "other_modes": ["电话", "远程"]}, "现场，必要时电话、远程"),
        ({"other_modes": ["电话", "远程"]}, "电话、远程"),  # no main mode: the others alone, no 必要时
        ({"mode": "现场", "led_by": "公司领导带队"}, "现场（公司领导带队）"),
        ({"mode": "远程", "other_modes": ["现场"], "led_by": "技术总监"}, "远程，必要时现场（技术总监）"),
    ],
)
def test_mode_reads_as_stated(fields: dict[str, Any], expected: str) -> None:
    assert activity(**fields).mode_zh() == expected


def test_mode_not_stated_is_none() -> None:
    """Nothing to print: each output then says 未载明 or leaves the cell out, never a mode."""
    assert activity().mode_zh() is None


def test_who_leads_is_printed_even_without_a_mode() -> None:
    assert activity(led_by="公司分管领导带队").mode_zh() == "公司分管领导带队"


# --- ScheduledActivity.timing_zh ------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"during": "质保期内"}, "质保期内"),
        ({"during": "服务期内"}, "服务期内"),
        ({"start_after": "1个月"}, "交付使用1个月后开始"),  # start_after alone counts from 交付使用
        ({"start_event": "验收合格", "start_after": "1个月"}, "验收合格1个月后开始"),
        ({"start_event": "验收合格"}, "验收合格后开始"),
        ({"months": [4, 9]}, "4月、9月"),
        ({"months": [4, 9], "week_of_month": 1}, "4月、9月第1周"),
        ({"week_of_month": 2}, "每月第2周"),
        ({"time_windows": ["9:30-11:30"]}, "9:30—11:30"),
        ({"time_windows": ["9:30-11:30", "14:00-16:00"]}, "9:30—11:30、14:00—16:00"),
        (
            {
                "during": "质保期内",
                "start_event": "验收合格",
                "start_after": "1个月",
                "months": [4, 9],
                "week_of_month": 1,
                "time_windows": ["9:30-11:30"],
            },
            "质保期内；验收合格1个月后开始；4月、9月第1周；9:30—11:30",
        ),
    ],
)
def test_timing_reads_period_start_months_and_windows(fields: dict[str, Any], expected: str) -> None:
    assert activity(**fields).timing_zh() == expected


def test_timing_not_stated_is_none() -> None:
    """Frequency, mode and the rest say nothing about when: no timing is invented."""
    assert activity(frequency="每年", times=2, mode="现场", at_least=True).timing_zh() is None


# --- SeverityLevel.cell ---------------------------------------------------------------

LEVEL = SeverityLevel.model_validate(
    {
        "id": "l1",
        "name": "一级故障",
        "targets": {
            "phone": "10分钟",
            "report": "不适用",
            "arrival": {"alpha": "30分钟", "city": "1小时", "far": "不适用"},
            "restore": {"alpha": "不适用", "city": "4小时"},
        },
    }
)


@pytest.mark.parametrize(
    ("measure", "areas", "expected"),
    [
        ("phone", ("alpha", "city"), "10分钟"),  # one value for every area
        ("phone", (), "10分钟"),
        ("report", ("alpha", "city"), "不适用"),  # written 不适用 by the content
        ("restore", (), "未载明"),  # regional, no area given
        ("resolve", ("alpha", "city"), "未载明"),  # the level states nothing for this measure
        ("arrival", ("alpha", "city"), "30分钟"),  # the region before its zone
        ("arrival", ("beta", "city"), "1小时"),  # region not named: its zone
        ("arrival", ("gamma", "far"), "不适用"),  # the zone states 不适用
        ("arrival", ("gamma", "province"), "未载明"),  # neither region nor zone stated
        ("arrival", ("gamma", None), "未载明"),  # a region without a zone
        ("restore", ("alpha", "city"), "不适用"),  # the region says 不适用: its zone's 4小时 does not apply
        ("restore", ("beta", "city"), "4小时"),
    ],
)
def test_cell_prints_the_value_not_applicable_or_not_stated(
    measure: str, areas: tuple[str | None, ...], expected: str
) -> None:
    assert LEVEL.cell(measure, *areas) == expected


# --- SpareUnit.zh -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"within": "24小时", "free": True, "equivalent": "同档次", "until": "原设备修复为止"},
            "故障在24小时内未能修复的，免费提供同档次备机，直至原设备修复为止",
        ),
        ({"within": "8小时"}, "故障在8小时内未能修复的，提供备机"),
        ({"trigger": "故障不能按时排除"}, "故障不能按时排除的，提供备机"),
        ({"trigger": "故障不能按时排除的。"}, "故障不能按时排除的，提供备机"),  # no doubled 的, no stop
        ({"within": "8小时", "trigger": "故障不能按时排除"}, "故障在8小时内未能修复的，提供备机"),  # the time first
        ({}, "提供备机"),
        ({"free": True}, "免费提供备机"),
        ({"free": False}, "提供备机"),  # not free: nothing said about cost
        ({"equivalent": "同档次或更高档次"}, "提供同档次或更高档次备机"),
        ({"within": "8小时", "provides": "备件"}, "故障在8小时内未能修复的，提供备件"),
        ({"provides": "替代设备", "until": "原设备修复为止。"}, "提供替代设备，直至原设备修复为止"),
    ],
)
def test_spare_unit_promise(fields: dict[str, Any], expected: str) -> None:
    assert SpareUnit.model_validate(fields).zh() == expected


def test_spare_unit_promise_has_no_subject_and_no_final_stop() -> None:
    """Each output puts it into its own sentence: “我方承诺：…。” or a list item."""
    text = SpareUnit.model_validate({"trigger": "故障不能按时排除。", "until": "原设备修复为止；"}).zh()
    assert text == "故障不能按时排除的，提供备机，直至原设备修复为止"
    assert not text.startswith(("我方", "我公司", "公司")) and not text.endswith(("。", "；", "，"))
