from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import BaseModel, ValidationError

from generator.model.values import Money, Percent, Phone, TimeWindow, TimeWindowField, money_zh, percent_zh


class Box(BaseModel):
    money: Money | None = None
    pct: Percent | None = None
    phone: Phone | None = None
    window: TimeWindowField | None = None


@pytest.mark.parametrize(
    ("raw", "value"), [("300", "300.00"), ("¥1,200.5", "1200.50"), ("150元", "150.00"), ("０.１", "0.10")]
)
def test_money_is_exact_decimal_cny(raw: str, value: str) -> None:
    assert Box(money=raw).money == Decimal(value)


def test_money_rejects_negative_and_text() -> None:
    for raw in ("-1", "三百"):
        with pytest.raises(ValidationError):
            Box(money=raw)


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
