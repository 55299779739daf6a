from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import BaseModel, ValidationError

from generator.model.values import (
    Date,
    Email,
    Money,
    Percent,
    Phone,
    TimeWindow,
    TimeWindowField,
    Url,
    money_zh,
    percent_zh,
)


class Box(BaseModel):
    money: Money | None = None
    pct: Percent | None = None
    phone: Phone | None = None
    window: TimeWindowField | None = None
    url: Url | None = None
    email: Email | None = None


@pytest.mark.parametrize(
    ("raw", "value"), [("300", "300.00"), ("¥1,200.5", "1200.50"), ("150元", "150.00"), ("０.１", "0.10")]
)
def test_money_is_exact_decimal_cny(raw: str, value: str) -> None:
    assert Box(money=raw).money == Decimal(value)


def test_money_rejects_negative_and_text() -> None:
    for raw in ("-1", "三百"):
        with pytest.raises(ValidationError):
            Box(money=raw)


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("1e309", "无法识别的金额"),  # exponent notation: not how an amount is written, and past float
        (float("inf"), "无法识别的金额"),
        (float("nan"), "无法识别的金额"),  # not "不能为负数"
        ("NaN", "无法识别的金额"),
        ("1" * 56, "超过10,000,000,000元"),  # past Decimal's 28 digits: quantize would raise
        ("0.001", "最多精确到分"),  # rounding would change the amount stated
        ("-0.5", "不能为负数"),
    ],
)
def test_money_is_finite_bounded_and_to_the_cent(raw: object, fragment: str) -> None:
    with pytest.raises(ValidationError) as info:
        Box(money=raw)
    assert fragment in str(info.value)


@pytest.mark.parametrize("raw", ["9999-12-31", "1900-01-01"])
def test_dates_outside_the_calendar_content_may_name_are_refused(raw: str) -> None:
    class Dated(BaseModel):
        day: Date

    with pytest.raises(ValidationError, match="不在 1970–2199 年之间"):
        Dated(day=raw)
    assert Dated(day="2199-12-31").day.year == 2199


def test_money_and_percent_render() -> None:
    assert money_zh(Decimal("1200.5")) == "1,200.50元"
    assert percent_zh(Decimal("9.0")) == "9%"
    assert percent_zh(Decimal("12.5")) == "12.5%"


@pytest.mark.parametrize(("raw", "value"), [("9%", "9"), ("9", "9"), ("12.5 %", "12.5"), ("100%", "100")])
def test_percent(raw: str, value: str) -> None:
    assert Box(pct=raw).pct == Decimal(value)


def test_percent_out_of_range() -> None:
    with pytest.raises(ValidationError):
        Box(pct="120%")


def test_phone_keeps_leading_zero_and_rejects_junk() -> None:
    assert Box(phone="0571-0000-0000").phone == "0571-0000-0000"
    with pytest.raises(ValidationError):
        Box(phone="call me")


@pytest.mark.parametrize("raw", ["400-000-0000", "0571-8888 8888转123", "(0571)88888888", "+86 138 0000 0001", "95588"])
def test_phone_numbers_as_written_in_china(raw: str) -> None:
    assert Box(phone=raw).phone == raw


@pytest.mark.parametrize("raw", ["2026-03-18", "9999-99-99", "2026-3-8"])
def test_a_date_is_not_a_phone_number(raw: str) -> None:
    with pytest.raises(ValidationError, match="是日期的写法"):
        Box(phone=raw)


@pytest.mark.parametrize("raw", ["https://service.example.cn", "http://example.cn/a/b?x=1#top", "https://host:8000/"])
def test_web_addresses(raw: str) -> None:
    assert Box(url=raw).url == raw


@pytest.mark.parametrize(
    "raw", ["-1", "9999-99-99", "www.example.cn", "javascript:alert(1)", "<script>alert(1)</script>", "https://", ""]
)
def test_not_web_addresses(raw: str) -> None:
    with pytest.raises(ValidationError, match="不是网址"):
        Box(url=raw)


def test_email() -> None:
    assert Box(email="service@example.cn").email == "service@example.cn"
    for raw in ("-1", "service@", "<script>@x"):
        with pytest.raises(ValidationError, match="不是电子邮箱"):
            Box(email=raw)


@pytest.mark.parametrize(
    ("raw", "minutes"),
    [("8:30-17:30", 540), ("8:30至17:30", 540), ("14：50-17：00", 130), ("18:00-8:30", 870), ("0:00-24:00", 1440)],
)
def test_time_windows(raw: str, minutes: int) -> None:
    w = Box(window=raw).window
    assert isinstance(w, TimeWindow) and w.minutes == minutes


@pytest.mark.parametrize("raw", ["8:30", "25:00-26:00", "8:70-9:00", "9:00-9:00"])
def test_bad_time_windows(raw: str) -> None:
    with pytest.raises(ValidationError):
        Box(window=raw)
