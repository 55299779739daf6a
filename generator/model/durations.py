"""Durations as typed, comparable values that render in Chinese.

A promise such as "2小时内到达现场" must compare with "30分钟电话响应" and with
the same promise written elsewhere, so durations are parsed once into a value
and a unit, never kept as free text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import Enum
from functools import total_ordering
from typing import Annotated, Any

from pydantic import PlainSerializer, PlainValidator, WithJsonSchema

from generator.model.sources import sourced, sources_of


class Unit(Enum):
    IMMEDIATE = ("immediate", "立即", Decimal(0))
    MINUTE = ("minute", "分钟", Decimal(1))
    HOUR = ("hour", "小时", Decimal(60))
    DAY = ("day", "天", Decimal(1440))
    # A working day compares as 7/5 of a calendar day: five of them span a week.
    WORKING_DAY = ("working_day", "个工作日", Decimal(1440) * 7 / 5)
    WEEK = ("week", "周", Decimal(1440 * 7))
    MONTH = ("month", "个月", Decimal(1440 * 30))
    YEAR = ("year", "年", Decimal(1440 * 365))

    def __init__(self, key: str, zh: str, minutes: Decimal) -> None:
        self.key = key
        self.zh = zh
        self.minutes = minutes


_UNIT_WORDS: dict[str, Unit] = {}
for _unit, _words in {
    Unit.MINUTE: ["分钟", "分", "min", "mins", "minute", "minutes"],
    Unit.HOUR: ["小时", "个小时", "钟头", "个钟头", "h", "hr", "hrs", "hour", "hours"],
    Unit.DAY: ["天", "日", "个自然日", "自然日", "d", "day", "days"],
    Unit.WORKING_DAY: ["个工作日", "工作日", "wd", "workingday", "workingdays", "businessday", "businessdays"],
    Unit.WEEK: ["周", "个星期", "星期", "w", "week", "weeks"],
    Unit.MONTH: ["个月", "月", "month", "months"],
    Unit.YEAR: ["年", "y", "year", "years"],
}.items():
    for _w in _words:
        _UNIT_WORDS[_w] = _unit

_IMMEDIATE_WORDS = {"立即", "立刻", "马上", "即时", "immediate", "immediately", "立即响应"}

_CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

_NUMBER = r"(?P<num>\d+(?:\.\d+)?|[零一二两三四五六七八九十]+|半)"
_PATTERN = re.compile(rf"^{_NUMBER}(?P<unit>{'|'.join(sorted(map(re.escape, _UNIT_WORDS), key=len, reverse=True))})$")
_FULLWIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")


def _cn_number(text: str) -> Decimal | None:
    """Chinese numerals up to 99 (三, 十二, 二十四) and 半 (a half)."""
    if text == "半":
        return Decimal("0.5")
    if "十" in text:
        tens, _, ones = text.partition("十")
        t = _CN_DIGITS.get(tens, None) if tens else 1
        o = _CN_DIGITS.get(ones, None) if ones else 0
        if t is None or o is None:
            return None
        return Decimal(t * 10 + o)
    if len(text) == 1 and text in _CN_DIGITS:
        return Decimal(_CN_DIGITS[text])
    return None


class DurationError(ValueError):
    pass


@total_ordering
@dataclass(frozen=True, eq=False)
class Duration:
    """A length of time: an amount and a unit, or 立即 (immediate)."""

    amount: Decimal
    unit: Unit

    @classmethod
    def parse(cls, raw: object) -> Duration:
        if isinstance(raw, Duration):
            return raw
        if isinstance(raw, bool) or not isinstance(raw, (str, int, float, Decimal)):
            raise DurationError("时长应写成文本，例如“30分钟”“2小时”“3个工作日”或“立即”")
        text = str(raw).strip().translate(_FULLWIDTH)
        compact = re.sub(r"\s+", "", text).lower()
        for suffix in ("以内", "之内", "内"):
            if compact.endswith(suffix) and len(compact) > len(suffix):
                compact = compact[: -len(suffix)]
                break
        if compact in _IMMEDIATE_WORDS:
            return cls(Decimal(0), Unit.IMMEDIATE)
        if re.fullmatch(r"\d+(?:\.\d+)?", compact):
            raise DurationError(f"时长“{text}”缺少单位：请写成“{text}分钟”“{text}小时”等")
        m = _PATTERN.match(compact)
        if not m:
            raise DurationError(f"无法识别的时长“{text}”：应写成“30分钟”“2小时”“3个工作日”“1年”或“立即”")
        num = m.group("num")
        try:
            amount = Decimal(num) if num[0].isdigit() else _cn_number(num)
        except InvalidOperation:  # pragma: no cover - regex guarantees digits
            amount = None
        if amount is None:
            raise DurationError(f"无法识别时长中的数字“{num}”")
        if amount <= 0:
            raise DurationError(f"时长必须大于零（“{text}”）；没有等待时间请写“立即”")
        unit = _UNIT_WORDS[m.group("unit")]
        if amount * unit.minutes > LONGEST.amount * LONGEST.unit.minutes:
            raise DurationError(f"时长“{text}”超过 {_fmt(LONGEST.amount)}{LONGEST.unit.zh}：请核对")
        return cls(amount, unit)

    @property
    def minutes(self) -> Decimal:
        """Nominal length in minutes, for comparison only."""
        return self.amount * self.unit.minutes

    @property
    def is_immediate(self) -> bool:
        return self.unit is Unit.IMMEDIATE

    def zh(self) -> str:
        """ "30分钟", "2小时", "3个工作日", "立即" (remembering where the duration was written)."""
        text = "立即" if self.is_immediate else f"{_fmt(self.amount)}{self.unit.zh}"
        return sourced(text, sources_of(self))

    def within(self) -> str:
        """ "2小时内"; 立即 stays 立即."""
        return sourced("立即" if self.is_immediate else f"{self.zh()}内", sources_of(self))

    def __str__(self) -> str:
        return self.zh()

    def __repr__(self) -> str:
        return f"Duration({self.zh()!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Duration):
            return NotImplemented
        return self.minutes == other.minutes

    def __hash__(self) -> int:
        return hash(self.minutes)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Duration):
            return NotImplemented
        return self.minutes < other.minutes


# No promise runs longer; beyond it a period's end would leave the calendar (year 9999).
LONGEST = Duration(Decimal(100), Unit.YEAR)


def _fmt(amount: Decimal) -> str:
    text = format(amount, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _validate(value: Any) -> Duration:
    try:
        return Duration.parse(value)
    except DurationError as exc:
        raise ValueError(str(exc)) from None


DurationField = Annotated[
    Duration,
    PlainValidator(_validate),
    PlainSerializer(lambda d: d.zh(), return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "description": "时长：数字加单位（分钟、小时、天、工作日、周、月、年）或“立即”",
            "examples": ["立即", "10分钟", "2小时", "3个工作日", "1年"],
        }
    ),
]
