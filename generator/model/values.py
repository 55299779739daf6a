"""Typed scalar values written as text in YAML: money, percentages, clock
times and time windows, identifiers, phone numbers."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import total_ordering
from typing import Annotated, Any

from pydantic import AfterValidator, PlainSerializer, PlainValidator, StringConstraints, WithJsonSchema

_FULLWIDTH = str.maketrans("０１２３４５６７８９．：，％～－", "0123456789.:,%~-")

# --- identifiers -----------------------------------------------------------

Id = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=r"^[a-z0-9][a-z0-9_-]*$"),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^[a-z0-9][a-z0-9_-]*$",
            "description": "标识：小写字母、数字、- 和 _，在同类中唯一，供其他文件引用",
        }
    ),
]


# --- dates -----------------------------------------------------------------

# The calendar content may name, and the last day any period it states may end: a date
# outside it is a typo (a year of 9999 or 1900), and a period counted past it would
# leave Python's calendar.
FIRST_DATE, LAST_DATE = dt.date(1970, 1, 1), dt.date(2199, 12, 31)


def _in_calendar(value: dt.date) -> dt.date:
    if not FIRST_DATE <= value <= LAST_DATE:
        raise ValueError(f"日期 {value.isoformat()} 不在 {FIRST_DATE.year}–{LAST_DATE.year} 年之间：请核对")
    return value


Date = Annotated[dt.date, AfterValidator(_in_calendar)]


# YYYY-MM-DD is how this content writes dates; no Chinese phone number is grouped 4-2-2.
_DATE_SHAPED = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")


def _phone(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("电话号码应写成文本")
    text = value.strip()
    digits = re.sub(r"\D", "", text)
    if not re.fullmatch(r"[0-9+()\-\s转#]+", text) or len(digits) < 5:
        raise ValueError(f"“{text}”不像电话号码：只能包含数字、空格、-、+、括号，例如 0571-0000-0000 或 400-000-0000")
    if _DATE_SHAPED.fullmatch(text):
        raise ValueError(f"“{text}”是日期的写法（年-月-日），不是电话号码：是否填错了位置？")
    return text


Phone = Annotated[
    str,
    PlainValidator(_phone),
    WithJsonSchema(
        {"type": "string", "description": "电话号码（作为文本保存，前导 0 不会丢失）", "examples": ["400-000-0000"]}
    ),
]


# Scheme, a host, then anything RFC 3986 allows (no spaces, quotes or angle brackets).
_URL = re.compile(r"https?://[^\s/?#<>\"\\]+(?:[/?#][^\s<>\"\\]*)?", re.IGNORECASE)


def _url(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("网址应写成文本")
    text = value.strip()
    if not _URL.fullmatch(text):
        raise ValueError(f"“{text}”不是网址：应以 http:// 或 https:// 开头，例如 https://service.example.cn")
    return text


Url = Annotated[
    str,
    PlainValidator(_url),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^https?://\S+$",
            "description": "网址，以 http:// 或 https:// 开头",
            "examples": ["https://service.example.cn"],
        }
    ),
]
"""An absolute web address: it becomes a link, a QR code and the handbook's site_url."""


def _email(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("电子邮箱应写成文本")
    text = value.strip()
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", text):
        raise ValueError(f"“{text}”不是电子邮箱：应写成 service@example.cn 这样的形式")
    return text


Email = Annotated[
    str,
    PlainValidator(_email),
    WithJsonSchema({"type": "string", "pattern": r"^[^@\s]+@[^@\s]+\.[^@\s]+$", "examples": ["service@example.cn"]}),
]


def tel_uri(number: str) -> str:
    """A tel: URI (RFC 3966): digits and + only, so "400-000-0000" dials from a link or QR code."""
    return "tel:" + re.sub(r"[^0-9+]", "", number)


# --- money and percentages -------------------------------------------------


def _money(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise ValueError("金额应为数字")
    text = str(value).strip().translate(_FULLWIDTH)
    text = re.sub(r"^(?:¥|￥|RMB|CNY)\s*", "", text, flags=re.IGNORECASE)
    text = re.sub(r"\s*(?:元|元整|CNY)$", "", text)
    text = text.replace(",", "")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        amount = Decimal("NaN")
    if not amount.is_finite() or not re.fullmatch(r"-?\d+(?:\.\d+)?", text):  # no NaN, Infinity or 1e309
        raise ValueError(f"无法识别的金额“{value}”：应写成数字（元），例如 300 或 1200.50")
    if amount < 0:
        raise ValueError(f"金额不能为负数（“{value}”）")
    if amount > MONEY_MAX:
        raise ValueError(f"金额“{value}”超过{MONEY_MAX:,.0f}元：请核对")
    if amount != amount.quantize(Decimal("0.01")):  # rounding would change the amount the company states
        raise ValueError(f"金额“{value}”最多精确到分（两位小数）")
    return amount.quantize(Decimal("0.01"))


MONEY_MAX = Decimal(10) ** 10  # 一百亿元: far above any service fee, far below Decimal's precision


Money = Annotated[
    Decimal,
    PlainValidator(_money),
    PlainSerializer(lambda d: format(d, "f"), return_type=str),
    WithJsonSchema(
        {"type": ["string", "number"], "description": "人民币金额（元），精确到分", "examples": ["300", "1200.50"]}
    ),
]


def _percent(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise ValueError("百分比应为数字")
    text = str(value).strip().translate(_FULLWIDTH).rstrip("%").strip()
    try:
        pct = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"无法识别的百分比“{value}”：应写成 9% 或 9") from None
    if not pct.is_finite() or not Decimal(0) <= pct <= Decimal(100):
        raise ValueError(f"百分比应在 0 到 100 之间（“{value}”）")
    return pct


Percent = Annotated[
    Decimal,
    PlainValidator(_percent),
    PlainSerializer(lambda d: f"{format(d, 'f')}%", return_type=str),
    WithJsonSchema(
        {"type": ["string", "number"], "description": "百分比（0–100），可写 9% 或 9", "examples": ["9%", "98%"]}
    ),
]


def percent_zh(value: Decimal) -> str:
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text}%"


def money_zh(value: Decimal) -> str:
    return f"{value:,.2f}元"


# --- clock times and windows -----------------------------------------------


@total_ordering
@dataclass(frozen=True)
class TimeOfDay:
    """A clock time; 24:00 is allowed as the end of a day."""

    hour: int
    minute: int

    @property
    def minutes(self) -> int:
        return self.hour * 60 + self.minute

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, TimeOfDay):
            return NotImplemented
        return self.minutes < other.minutes

    def __str__(self) -> str:
        return f"{self.hour}:{self.minute:02d}"

    @classmethod
    def parse(cls, text: str) -> TimeOfDay:
        m = re.fullmatch(r"(\d{1,2})(?::+(\d{2}))?", text.strip().translate(_FULLWIDTH))
        if not m:
            raise ValueError(f"无法识别的时刻“{text}”：应写成 8:30 或 17:00")
        hour, minute = int(m.group(1)), int(m.group(2) or 0)
        if hour > 24 or minute > 59 or (hour == 24 and minute):
            raise ValueError(f"时刻“{text}”超出范围（0:00–24:00）")
        return cls(hour, minute)


@dataclass(frozen=True)
class TimeWindow:
    """A daily window such as 8:30-17:30; 0:00-24:00 is the whole day."""

    start: TimeOfDay
    end: TimeOfDay

    @property
    def minutes(self) -> int:
        span = self.end.minutes - self.start.minutes
        return span if span > 0 else span + 24 * 60  # overnight (18:00-8:30)

    @property
    def whole_day(self) -> bool:
        return self.minutes >= 24 * 60

    def zh(self) -> str:
        return f"{self.start}—{self.end}"

    def __str__(self) -> str:
        return f"{self.start}-{self.end}"

    @classmethod
    def parse(cls, raw: Any) -> TimeWindow:
        if isinstance(raw, TimeWindow):
            return raw
        if not isinstance(raw, str):
            raise ValueError("时间段应写成文本，例如“8:30-17:30”")
        text = raw.strip().translate(_FULLWIDTH)
        parts = re.split(r"\s*(?:-|~|—|–|至|到)\s*", text)
        if len(parts) != 2:
            raise ValueError(f"无法识别的时间段“{raw}”：应写成“8:30-17:30”")
        start, end = TimeOfDay.parse(parts[0]), TimeOfDay.parse(parts[1])
        if start == end and not (start.minutes == 0):
            raise ValueError(f"时间段“{raw}”的开始与结束相同")
        if start.minutes == 0 and end.minutes == 0:
            end = TimeOfDay(24, 0)
        return cls(start, end)


TimeWindowField = Annotated[
    TimeWindow,
    PlainValidator(TimeWindow.parse),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^\s*\d{1,2}[:：]\d{2}\s*(-|~|至|到|—)\s*\d{1,2}[:：]\d{2}\s*$",
            "description": "每日时间段，例如 8:30-17:30；跨夜可写 18:00-8:30；全天写 0:00-24:00",
            "examples": ["8:30-17:30", "0:00-24:00"],
        }
    ),
]
