"""Building blocks shared by every part of the content model."""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    PrivateAttr,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError

from generator.model.sources import Source, Sources
from generator.model.values import TimeWindowField

# A letter of any script (汉字, Latin, Ⅲ...): a word character that is neither a digit nor "_".
_LETTER = re.compile(r"[^\W\d_]")


def _words(text: str) -> str:
    if not _LETTER.search(text):
        raise PydanticCustomError(
            "aftersales",
            "{message}",
            {"message": f"“{text}”只有数字和符号：这里应写文字（名称、说明、地址等至少含一个汉字或字母）"},
        )
    return text


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_words)]
"""Words a reader reads: a name, a definition, an address, a promise. Not blank, and
not only digits and punctuation ("-1", "2026-03-01" are values typed into the wrong field);
surrounding whitespace is dropped. Optional ones are ``Text | None``: left out or left
empty (YAML null) means not stated, but quoted blank text is an error."""

Texts = tuple[Text, ...]


def _code(text: str) -> str:
    if not re.search(r"[^\W_]", text):
        raise PydanticCustomError(
            "aftersales", "{message}", {"message": f"“{text}”只有符号：编号至少应含一个字母、汉字或数字"}
        )
    return text


Code = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_code)]
"""A code copied from another document (tender and clause numbers, model numbers,
certificate numbers) or a value its field parses (thresholds, 7×24): written as the
source writes it, so digits and dashes alone are fine; not blank and not only punctuation."""


class Frozen(BaseModel):
    """Base of every content model: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        str_strip_whitespace=True,
        validate_default=False,
        regex_engine="python-re",
    )

    # Where each field was written (reading/sources.py fills it after validation), so a
    # value the model reads out of several fields can say where it came from.
    _field_sources: dict[str, Sources] = PrivateAttr(default_factory=dict)

    def with_sources(self) -> Frozen:
        """The model once its values carry their sources (reading/sources.py calls it): where
        one value stands in for another (a blanket limit filling a level's), it is done here,
        so the stand-in keeps the sources of where it was written."""
        return self

    def source(self, *fields: str) -> Sources:
        """The sources of these fields of this object, each once."""
        found: dict[Source, None] = {}
        for name in fields:
            for s in self._field_sources.get(name, ()):
                found.setdefault(s, None)
        return tuple(found)

    @model_validator(mode="before")
    @classmethod
    def _empty_is_left_out(cls, data: Any) -> Any:
        """A key left empty (YAML null) is a key left out where leaving it out states
        nothing: an optional field whose absence means "not stated" (None or an empty
        list), or a required one (缺少必填项, pointing at the empty key). A field whose
        default says something (free: true, 无偏离, 分支机构) keeps the null and so its
        type error: an empty key must not silently become that default. Quoted blank
        text ('') is not empty in this sense: it is an error of its own."""
        if not isinstance(data, dict):
            return data
        fields = cls.model_fields
        empty = [k for k, v in data.items() if v is None and k in fields and _unstated_when_left_out(fields[k])]
        return {k: v for k, v in data.items() if k not in empty} if empty else data


def _unstated_when_left_out(field: FieldInfo) -> bool:
    if field.is_required():
        return True
    if field.default_factory is not None:
        return False
    return field.default is None or field.default == ()


def nested_error(message: str, *subpath: str | int) -> PydanticCustomError:
    """A validation error that points below the value being validated."""
    return PydanticCustomError("aftersales", "{message}", {"message": message, "subpath": subpath})


# --- product lines --------------------------------------------------------------

_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


class Tagged(str):
    """Text that may apply only to some product lines or manufacturers (``lines``).
    It is a str wherever it is printed; a project's outputs keep it only where one of
    its lines or manufacturers is among the project's (see resolved.scoped)."""

    lines: tuple[str, ...]

    def __new__(cls, text: str, lines: tuple[str, ...] = ()) -> Tagged:
        obj = super().__new__(cls, text)
        obj.lines = lines
        return obj


def _tagged_text(raw: Any) -> Tagged:
    if isinstance(raw, Tagged):
        return raw
    if isinstance(raw, str):
        text = raw.strip()
        if not text:
            raise nested_error("不能为空")
        return Tagged(_words(text))
    if isinstance(raw, dict):
        unknown = sorted(str(k) for k in raw if k not in ("text", "lines"))
        if unknown:
            raise nested_error(f"未知的键“{unknown[0]}”（可用的键：lines、text）", unknown[0])
        body = raw.get("text")
        if not isinstance(body, str):
            raise nested_error("缺少必填项“text”" if body is None else "应为文本", "text")
        lines = raw.get("lines", ())
        if not isinstance(lines, (list, tuple)) or not lines:
            raise nested_error("应为列表：适用的产品线或厂商标识，例如 [classroom]", "lines")
        for i, line in enumerate(lines):
            if not isinstance(line, str) or not _ID.match(line):
                raise nested_error(f"“{line}”不是有效的标识：只能包含小写字母、数字、- 和 _", "lines", i)
        if not body.strip():
            raise nested_error("不能为空", "text")
        try:
            return Tagged(_words(body.strip()), tuple(lines))
        except PydanticCustomError as exc:
            raise nested_error(str(exc), "text") from None
    raise nested_error("应为文本，或写成 {text: 文本, lines: [产品线]}")


TaggedText = Annotated[
    Tagged,
    PlainValidator(_tagged_text),
    PlainSerializer(lambda t: {"text": str(t), "lines": list(t.lines)} if t.lines else str(t)),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string"},
                {
                    "type": "object",
                    "properties": {
                        "text": {"type": "string"},
                        "lines": {
                            "type": "array",
                            "items": {"type": "string"},
                            "description": "适用的产品线或厂商标识",
                        },
                    },
                    "required": ["text", "lines"],
                    "additionalProperties": False,
                },
            ],
            "description": "文本；只适用于部分产品线或厂商时写成 {text: 文本, lines: [标识]}",
        }
    ),
]
"""Text, or {text, lines} for text that belongs to some product lines only."""

TaggedTexts = tuple[TaggedText, ...]

LinesField = tuple[Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[a-z0-9][a-z0-9_-]*$")], ...]
"""The product lines (company.product_lines ids) or manufacturers (ids) an item applies to."""


class Tier(StrEnum):
    """Support tiers, from the first line to the manufacturer."""

    FIRST = "一线"
    SECOND = "二线"
    THIRD = "三线"
    MANUFACTURER = "厂商"


class DayKind(StrEnum):
    DAILY = "每天"
    WEEKDAYS = "工作日"
    WEEKENDS = "周末"
    HOLIDAYS = "法定节假日"
    WEEKENDS_AND_HOLIDAYS = "周末及节假日"


class Frequency(StrEnum):
    DAILY = "每日"
    WEEKLY = "每周"
    BIWEEKLY = "每两周"
    MONTHLY = "每月"
    QUARTERLY = "每季度"
    HALF_YEARLY = "每半年"
    YEARLY = "每年"
    BEFORE_HOLIDAYS = "节假日前"
    BEFORE_EVENTS = "重大活动前"
    FINAL_MONTH = "合同最后一个月"
    IRREGULAR = "定期或不定期"
    REGULAR = "定期"  # the source promises regular visits without saying how often: listed, never dated
    BEFORE_END = "期满前"  # once, `before_end` before the end of the activity's period
    AFTER_SERVICE = "每次服务后"
    ON_DEMAND = "按需"


class Mode(StrEnum):
    ON_SITE = "现场"
    REMOTE = "远程"
    PHONE = "电话"


class StartEvent(StrEnum):
    ACCEPTANCE = "验收合格"
    CONTRACT = "合同签订"
    DELIVERY = "交货"
    INSTALLATION = "安装调试完成"
    HANDOVER = "交付使用"


class CoveragePeriod(StrEnum):
    """Which part of the relationship an activity belongs to."""

    WARRANTY = "质保期内"
    AFTER_WARRANTY = "质保期后"
    WHOLE = "质保期内外"
    SERVICE = "服务期内"


class HoursWindow(Frozen):
    days: DayKind = Field(description="适用的日子：每天、工作日、周末、法定节假日、周末及节假日")
    time: TimeWindowField = Field(description="时间段，例如 8:30-17:30；全天写 0:00-24:00")


_SHORTHANDS = {"7×24": [{"days": "每天", "time": "0:00-24:00"}]}

# How people write a service-hours promise, after NFKC (full-width digits, ＊, ｘ, ／ become
# ASCII) and without spaces: days × hours (7×24, 7*24, 7x24h, 7天×24小时), or the English
# hours/days (24/7).
_DAYS_BY_HOURS = re.compile(r"(\d{1,3})(?:天|日)?[×xX*✕](\d{1,3})(?:小时|时|h|H)?")
_HOURS_PER_DAYS = re.compile(r"(\d{1,3})(?:小时|h|H)?/(\d{1,3})(?:天|日)?")
HOURS_SPELLINGS = "7×24、5×8（也可写 7*24、7x24、7×24小时、24/7，数字可以是全角）"


def hours_promise(raw: str) -> tuple[int, int]:
    """A service-hours promise as (days a week, hours a day), however it is spelled:
    ValueError, with a Chinese message saying what is accepted, when it is not one."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", raw))
    if m := _DAYS_BY_HOURS.fullmatch(text):
        days, hours = int(m.group(1)), int(m.group(2))
    elif m := _HOURS_PER_DAYS.fullmatch(text):
        hours, days = int(m.group(1)), int(m.group(2))
    else:
        raise ValueError(f"“{raw}”不是服务时间口径：应写成“每周天数×每天小时数”，如 {HOURS_SPELLINGS}")
    if not (1 <= days <= 7 and 1 <= hours <= 24):
        hint = f"（是否想写 {hours}×{days}？）" if 1 <= hours <= 7 and 1 <= days <= 24 else "，如 7×24、5×8"
        raise ValueError(f"“{raw}”不是服务时间口径：每周 1～7 天、每天 1～24 小时{hint}")
    return days, hours


def _promise(text: str) -> str:
    """The promise field written the one way every output prints it: 7×24."""
    try:
        days, hours = hours_promise(text)
    except ValueError as exc:
        raise PydanticCustomError("aftersales", "{message}", {"message": str(exc)}) from None
    return f"{days}×{hours}"


HoursPromiseText = Annotated[
    str,
    AfterValidator(_promise),
    WithJsonSchema({"type": "string", "examples": ["7×24", "5×8", "7×24小时", "24/7"]}),
]


class ServiceHours(Frozen):
    """When a line or point is staffed. "7×24" alone is shorthand for every day, all day."""

    promise: HoursPromiseText | None = Field(
        default=None,
        description="对外承诺的服务时间口径（每周天数×每天小时数），例如 7×24 或 5×8，也可写 7*24、7×24小时、24/7；会与下面的时间段核对",
    )
    windows: tuple[HoursWindow, ...] = Field(
        default=(), description="实际值守的时间段；只写口径（如 5×8）、未说明具体时段时可不写"
    )
    note: Text | None = Field(default=None, description="补充说明，例如“下班后转接值班手机”")

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        if isinstance(data, str):
            try:
                days, hours = hours_promise(data)
            except ValueError as exc:
                message = (
                    f"{exc}；只有 7×24 可以简写，其他请写明 promise 和 windows，"
                    "如 {promise: 5×8, windows: [{days: 工作日, time: 8:30-17:30}]}"
                )
                raise PydanticCustomError("aftersales", "{message}", {"message": message}) from None
            promise = f"{days}×{hours}"
            if promise in _SHORTHANDS:
                return {"promise": promise, "windows": _SHORTHANDS[promise]}
            raise PydanticCustomError(
                "aftersales",
                "{message}",
                {
                    "message": f"“{data}”不能单独写：只有 7×24 可以简写，其他请写明 promise 和 windows（如工作日 8:30-17:30）"
                },
            )
        return data

    @model_validator(mode="after")
    def _something_said(self) -> ServiceHours:
        if not self.promise and not self.windows:
            raise nested_error("请写明服务时间口径（promise，如 5×8）或值守时间段（windows）")
        return self

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> Any:
        schema = handler(core_schema)
        shorthand = {"type": "string", "examples": ["7×24", "7×24小时", "24/7"], "description": "全年每天 24 小时"}
        return {"anyOf": [schema, shorthand]}

    def zh(self) -> str:
        """Like "5×8，工作日 8:30—17:30" (often shown in brackets), "7×24", or the windows alone."""
        text = "；".join(f"{w.days.value} {w.time.zh()}" for w in self.windows)
        if self.promise and text and self.promise != "7×24":
            return f"{self.promise}，{text}"
        return self.promise or text
