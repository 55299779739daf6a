from __future__ import annotations

from decimal import Decimal

import pytest

from generator.model.durations import Duration, DurationError, Unit


@pytest.mark.parametrize(
    ("text", "amount", "unit"),
    [
        ("30分钟", "30", Unit.MINUTE),
        ("30 分钟", "30", Unit.MINUTE),
        ("30min", "30", Unit.MINUTE),
        ("2小时", "2", Unit.HOUR),
        ("2小时内", "2", Unit.HOUR),
        ("2 hours", "2", Unit.HOUR),
        ("0.5小时", "0.5", Unit.HOUR),
        ("半小时", "0.5", Unit.HOUR),
        ("3个工作日", "3", Unit.WORKING_DAY),
        ("3 working days", "3", Unit.WORKING_DAY),
        ("90天", "90", Unit.DAY),
        ("6个月", "6", Unit.MONTH),
        ("三年", "3", Unit.YEAR),
        ("十二个月", "12", Unit.MONTH),
        ("二十四小时", "24", Unit.HOUR),
        ("１０分钟", "10", Unit.MINUTE),
    ],
)
def test_parse(text: str, amount: str, unit: Unit) -> None:
    d = Duration.parse(text)
    assert d.amount == Decimal(amount) and d.unit is unit


@pytest.mark.parametrize("text", ["立即", "立即响应", "immediately", "马上"])
def test_immediate(text: str) -> None:
    d = Duration.parse(text)
    assert d.is_immediate and d.zh() == "立即" and d.within() == "立即"


@pytest.mark.parametrize(
    ("text", "zh", "within"),
    [
        ("30分钟", "30分钟", "30分钟内"),
        ("2h", "2小时", "2小时内"),
        ("3 working days", "3个工作日", "3个工作日内"),
        ("1 year", "1年", "1年内"),
    ],
)
def test_renders_in_chinese(text: str, zh: str, within: str) -> None:
    d = Duration.parse(text)
    assert (d.zh(), d.within(), str(d)) == (zh, within, zh)


def test_comparison_across_units() -> None:
    p = Duration.parse
    assert p("2小时") == p("120分钟")
    assert p("立即") < p("1分钟") < p("1小时") < p("1天") < p("2个工作日") < p("1周") < p("1个月") < p("1年")
    assert p("3个工作日") > p("3天")
    assert max(p("90天"), p("3个月")) == p("3个月")
    assert hash(p("60分钟")) == hash(p("1小时"))


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("30", "缺少单位"),
        ("0分钟", "必须大于零"),
        ("两周半", "无法识别"),
        ("abc", "无法识别"),
        ("-2小时", "无法识别"),
        ("100000年", "超过 100年"),  # its end would be past year 9999
        ("1" * 40 + "分钟", "超过 100年"),
        ("1220个月", "超过 100年"),
    ],
)
def test_bad_durations_say_why(text: str, fragment: str) -> None:
    with pytest.raises(DurationError) as info:
        Duration.parse(text)
    assert fragment in str(info.value)


def test_non_text_is_refused() -> None:
    with pytest.raises(DurationError):
        Duration.parse(True)
