"""Fault severity levels and the time targets promised for each.

The same shape serves the company's own promises and a manufacturer's
published response matrix.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Annotated, Any, Literal

from pydantic import Field, PlainSerializer, PlainValidator, WithJsonSchema, model_validator

from generator.model.common import Frozen, TaggedTexts, Text, Texts, nested_error
from generator.model.durations import Duration, DurationError, DurationField
from generator.model.sources import sourced, sources_of
from generator.model.values import Id

_NOT_APPLICABLE = {"不适用", "n/a", "na", "无", "-", "—"}
NOT_APPLICABLE = "不适用"  # the content says the limit does not apply
NOT_STATED = "未载明"  # the content says nothing: never printed as if it were a promise


@dataclass(frozen=True)
class Target:
    """One promised time: a single value, one per region or zone, or 不适用."""

    value: Duration | None = None
    by_area: Mapping[str, Duration | None] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def regional(self) -> bool:
        return bool(self.by_area)

    @property
    def applicable(self) -> bool:
        return self.value is not None or any(v is not None for v in self.by_area.values())

    def values(self) -> list[Duration]:
        """Every duration this target states."""
        if self.value is not None:
            return [self.value]
        return [v for v in self.by_area.values() if v is not None]

    def for_area(self, *area_ids: str | None) -> Duration | None:
        """The value for the first of the given areas that has one (region before zone)."""
        if not self.regional:
            return self.value
        area = self.area_for(*area_ids)
        return self.by_area[area] if area is not None else None

    def area_for(self, *area_ids: str | None) -> str | None:
        """The by_area key for_area reads for these areas; None for a single value or no match."""
        return next((a for a in area_ids if a is not None and a in self.by_area), None)

    def __str__(self) -> str:
        return self.zh()

    def zh(self) -> str:
        """For a table cell: "10分钟", "不适用", or "市区：1小时；其他：4小时"."""
        return self._text(lambda d: d.zh())

    def within(self) -> str:
        """For a sentence: "10分钟内"."""
        return self._text(lambda d: d.within())

    def _text(self, fmt: Callable[[Duration], str]) -> str:
        if self.regional:
            text = "；".join(f"{k}：{fmt(v) if v else '不适用'}" for k, v in self.by_area.items())
        else:
            text = fmt(self.value) if self.value else "不适用"
        return sourced(text, sources_of(*self.values()))


def _duration_or_na(raw: Any, *subpath: str) -> Duration | None:
    if isinstance(raw, str) and raw.strip().lower() in _NOT_APPLICABLE:
        return None
    try:
        return Duration.parse(raw)
    except DurationError as exc:
        raise nested_error(str(exc), *subpath) from None


def _target(raw: Any) -> Target:
    if isinstance(raw, Target):
        return raw
    if isinstance(raw, Mapping):
        # An area left empty is not stated for that area (like leaving it out), not 不适用.
        areas = {str(k): _duration_or_na(v, str(k)) for k, v in raw.items() if v is not None}
        if not areas:
            raise nested_error("按地区的时限不能为空映射：请写出各地区或分区的时限，不适用写“不适用”")
        return Target(by_area=MappingProxyType(areas))
    return Target(value=_duration_or_na(raw))


def _dump_target(t: Target) -> Any:
    if t.regional:
        return {k: (v.zh() if v else "不适用") for k, v in t.by_area.items()}
    return t.value.zh() if t.value else "不适用"


_TARGET_SCHEMA = {
    "anyOf": [
        {"type": "string", "description": "一个时限，例如“2小时”；不适用写“不适用”"},
        {"type": "null"},
        {
            "type": "object",
            "description": "按地区或分区（regions/zones 中的标识）分别给出的时限",
            "additionalProperties": {"type": ["string", "null"]},
        },
    ]
}


def _target_map(raw: Any) -> Mapping[str, Target]:
    if not isinstance(raw, Mapping):
        raise nested_error("targets 应为映射：衡量指标标识: 时限")
    # A measure left empty is not stated (as if left out; check warns where other levels
    # state it), never silently 不适用: that is a promise the content has to write.
    return MappingProxyType({str(k): _target_in(v, str(k)) for k, v in raw.items() if v is not None})


def _target_in(raw: Any, key: str) -> Target:
    try:
        return _target(raw)
    except Exception as exc:  # re-anchor nested errors under this key
        ctx = getattr(exc, "context", None) or {}
        sub = tuple(ctx.get("subpath", ()))
        message = ctx.get("message", str(exc))
        raise nested_error(message, key, *sub) from None


TargetMap = Annotated[
    Mapping[str, Target],
    PlainValidator(_target_map),
    PlainSerializer(lambda m: {k: _dump_target(v) for k, v in m.items()}),
    WithJsonSchema(
        {
            "type": "object",
            "description": "各衡量指标（measures 中的标识）的时限",
            "additionalProperties": _TARGET_SCHEMA,
        }
    ),
]


TargetField = Annotated[Target, PlainValidator(_target), PlainSerializer(_dump_target), WithJsonSchema(_TARGET_SCHEMA)]


class MeasureKind(StrEnum):
    PHONE = "电话响应"
    DISPATCH = "派单"
    REMOTE = "远程支持"
    ARRIVAL = "到达现场"
    DIAGNOSIS = "故障诊断"
    WORKAROUND = "临时解决"
    RESTORE = "恢复"
    RESOLVE = "彻底解决"
    REPORT = "上报厂商"
    ESCALATION = "升级"
    REPLACEMENT = "备机"
    OTHER = "其他"


class Measure(Frozen):
    id: Id = Field(description="衡量指标标识，例如 phone、arrival、restore")
    name: Text = Field(description="名称，例如“电话响应”“到达现场”")
    kind: MeasureKind = Field(description="指标类型，用于检查时限之间的先后关系")
    per_area: bool = Field(default=False, description="是否按地区/分区分别承诺（到场时限通常如此）")
    definition: Text | None = Field(default=None, description="计时口径，例如“从用户首次申报故障起计算”")
    condition: Text | None = Field(default=None, description="适用条件，例如“如需现场解决”")

    @property
    def heading(self) -> str:
        """The name with its condition, as a column head or a list line reads it: “到达现场（如需现场解决）”."""
        return f"{self.name}（{self.condition.rstrip('。；，')}）" if self.condition else self.name


class SeverityLevel(Frozen):
    id: Id = Field(description="等级标识，例如 l1、a")
    name: Text = Field(description="等级名称，例如“一级故障”“A级”“Ⅰ级”")
    alias: Text | None = Field(default=None, description="别称，例如“严重故障”“CRITICAL”")
    definition: Text | None = Field(default=None, description="等级定义；只列判定条件（criteria）时可不写")
    criteria: Texts = Field(default=(), description="判定条件：满足其中任意一条即为该等级")
    examples: TaggedTexts = Field(default=(), description="典型故障举例；只适用于部分产品线的写成 {text, lines}")
    targets: TargetMap = Field(description="各衡量指标的时限：指标标识: 时限，或 指标标识: {地区或分区: 时限}")
    note: Text | None = Field(default=None, description="补充说明")

    def cell(self, measure_id: str, *areas: str | None) -> str:
        """One time limit as every table prints it: "2小时"; "不适用" where the content says
        so; "未载明" where it says nothing (no target, or none for these areas)."""
        t = self.targets.get(measure_id)
        if t is None or (t.regional and t.area_for(*areas) is None):
            return sourced(NOT_STATED, self.source("targets"))
        value = t.for_area(*areas)
        return value.zh() if value is not None else sourced(NOT_APPLICABLE, self.source("targets"))


class ResponseMatrix(Frozen):
    """Severity levels, most severe first, with targets per measure."""

    measures: tuple[Measure, ...] = Field(min_length=1, description="衡量指标（表格的列）")
    levels: tuple[SeverityLevel, ...] = Field(min_length=1, description="故障等级，从最严重到最轻")

    def measure(self, kind: MeasureKind) -> Measure | None:
        """The first measure of a kind, e.g. the on-site arrival time."""
        return next((m for m in self.measures if m.kind is kind), None)


class SpareUnit(Frozen):
    within: DurationField | None = Field(default=None, description="故障在此时限内未修复即提供备机")
    trigger: Text | None = Field(default=None, description="提供备机的条件（没有明确时限时），例如“故障不能按时排除”")
    provides: Text = Field(default="备机", description="提供的是什么：备机（整机替换）、备件、替代设备")
    provided_within: DurationField | None = Field(
        default=None, description="满足条件后多久提供，例如“立即”“4小时”；不写表示未说明"
    )
    equivalent: Text | None = Field(default=None, description="备机档次，例如“同档次或更高档次”")
    until: Text | None = Field(default=None, description="备机使用到何时，例如“原设备修复为止”")
    free: bool | None = Field(default=None, description="是否免费提供；不写表示未说明")
    note: Text | None = Field(default=None, description="补充说明，例如分品牌的安排")

    def zh(self) -> str:
        """The promise as every output states it, without a subject or final stop:
        "故障在24小时内未能修复的，免费提供同档次备机，直至原设备修复为止"."""
        if self.within:
            condition = f"故障在{self.within.within()}未能修复的，"
        elif self.trigger:
            condition = f"{self.trigger.rstrip('。；，的')}的，"
        else:
            condition = ""
        until = f"，直至{self.until.rstrip('。；，')}" if self.until else ""
        when = self.provided_within.within() if self.provided_within else ""
        text = f"{condition}{when}{'免费' if self.free else ''}提供{self.equivalent or ''}{self.provides}{until}"
        fields = ("within", "trigger", "provided_within", "free", "equivalent", "provides", "until")
        return sourced(text, self.source(*fields))


class Clause(Frozen):
    condition: Text = Field(description="情形，例如“未按承诺时限到达现场”")
    remedy: Text = Field(description="承担的责任或补偿")


class RemedyKind(StrEnum):
    SPARE_UNIT = "备机"
    SPARE_PARTS = "备件"
    REPLACEMENT = "更换"
    REPAIR = "维修"
    COMPENSATION = "赔偿"
    EXTENSION = "质保顺延"
    LIABILITY = "承担责任"


# How each kind of remedy reads: the verb, and the object when `what` is not written
# (None: the kind needs `what`, e.g. what is compensated).
_REMEDY_VERBS: dict[RemedyKind, tuple[str, str | None]] = {
    RemedyKind.SPARE_UNIT: ("提供", "备机"),
    RemedyKind.SPARE_PARTS: ("提供", "备件"),
    RemedyKind.REPLACEMENT: ("更换", ""),
    RemedyKind.REPAIR: ("维修", ""),
    RemedyKind.COMPENSATION: ("赔偿", None),
    RemedyKind.EXTENSION: ("质保期顺延", None),
    RemedyKind.LIABILITY: ("承担", None),
}


class Remedy(Frozen):
    """A condition and what the company then does, typed so that it can be checked and
    read the same everywhere: 24小时内未能恢复业务 → 4小时内免费提供备件; 运输过程中损坏
    → 无条件更换同型号新品; 未按时响应 → 承担由此造成的损失."""

    measure: Id | None = Field(
        default=None, description="未达到的时限指标（measures 中的标识），例如 restore；与 event 二选一"
    )
    after: DurationField | None = Field(
        default=None, description="超过此时长仍未达到即适用，例如 24小时；不写表示未达到该指标的承诺时限即适用"
    )
    event: Text | None = Field(
        default=None,
        description="触发的情形，例如“运输过程中造成损坏”“因产品质量问题给用户造成损失”；与 measure 二选一",
    )
    kind: RemedyKind = Field(description="补救方式：备机、备件、更换、维修、赔偿、质保顺延、承担责任")
    what: Text | None = Field(
        default=None,
        description="提供、更换、赔偿或承担的内容，例如“同档次备机”“由此造成的直接经济损失”“7天”；"
        "赔偿、质保顺延、承担责任必须写",
    )
    within: DurationField | None = Field(default=None, description="在此时限内提供或完成，例如 4小时")
    free: bool | None = Field(default=None, description="是否免费；不写表示未说明")
    unconditional: bool | None = Field(default=None, description="是否无条件（例如运输损坏无条件更换）；不写表示未说明")
    regardless_of_warranty: bool | None = Field(default=None, description="不论是否在质保期内均适用；不写表示未说明")
    note: Text | None = Field(default=None, description="补充说明")

    @model_validator(mode="after")
    def _one_condition(self) -> Remedy:
        if (self.measure is None) == (self.event is None):
            raise nested_error("请写明触发条件：未达到的时限指标（measure）或情形（event），二者写一个")
        if self.after is not None and self.measure is None:
            raise nested_error("after 是某项时限指标超时多久，须与 measure 一起写", "after")
        if _REMEDY_VERBS[self.kind][1] is None and self.what is None:
            raise nested_error(f"“{self.kind.value}”须写明内容（what），例如赔偿什么、顺延多久、承担什么", "what")
        return self

    def condition_zh(self, measures: Mapping[str, Measure]) -> str:
        """The condition as every output states it: “24小时内未能恢复业务”, “运输过程中造成损坏”."""
        if self.event is not None:
            text = self.event.rstrip("。；，的")
        else:
            measure = measures.get(str(self.measure))
            name = measure.name if measure else str(self.measure)
            text = f"{self.after.within()}未能{name}" if self.after else f"未能在承诺时限内{name}"
        if self.regardless_of_warranty:
            text = f"不论是否在质保期内，{text}"
        return sourced(text, self.source("measure", "after", "event", "regardless_of_warranty"))

    def remedy_zh(self) -> str:
        """What is done, as every output states it: “4小时内免费提供同档次备件”."""
        verb, default = _REMEDY_VERBS[self.kind]
        what = self.what.rstrip("。；，") if self.what else (default or "")
        text = (
            (self.within.within() if self.within else "")
            + ("无条件" if self.unconditional else "")
            + ("免费" if self.free else "")
            + verb
            + what
        )
        return sourced(text, self.source("kind", "what", "within", "free", "unconditional"))


class PostWarrantyResponse(Frozen):
    same_as_warranty: bool = Field(default=False, description="质保期外仍按质保期内的时限执行")
    targets: TargetMap = Field(
        default_factory=lambda: MappingProxyType({}), description="质保期外的时限（所有等级适用）"
    )
    note: Text | None = Field(default=None, description="说明")


class BlanketTarget(Frozen):
    """One time limit promised for several levels at once, as sections write it beside or
    above the per-level table: “所有故障 30 分钟内响应”, “一、二级故障 8 小时内恢复”."""

    measure: Id = Field(description="衡量指标（measures 中的标识）")
    within: TargetField = Field(description="时限：一个时限，或按地区/分区分别给出，例如 {city: 2小时, far: 8小时}")
    levels: tuple[Id, ...] = Field(
        default=(),
        description="适用的故障等级（levels 中的标识）；不写且不写 scope 表示所有等级。"
        "适用的等级未写这项指标的，按此时限；写了的，不得比此时限宽松（check 核对）",
    )
    scope: Text | None = Field(
        default=None,
        description="适用情形的原文说法，例如“紧急情况”“重大活动期间”；只写 scope 不写 levels 时，"
        "无法对应到等级，照录而不核对",
    )
    note: Text | None = Field(default=None, description="补充说明")

    def applies_to(self, level_id: str) -> bool:
        """Whether the limit binds this level: the levels named, or every level when neither
        levels nor a scope narrows it (a scope alone is a situation no level maps to)."""
        if self.levels:
            return level_id in self.levels
        return self.scope is None


@dataclass(frozen=True)
class BlanketAtSite:
    """A limit for several levels at once, in one area: “所有等级 电话响应 1小时内”."""

    applies: str  # 所有等级, the scope as written, or the levels' names
    measure: Measure
    limit: str  # "1小时内", "不适用" or "未载明" (a regional limit without this area)
    blanket: BlanketTarget


class ResponseCommitments(ResponseMatrix):
    """The company's promised response, with spare units and compensation."""

    # Sections that do not grade faults promise limits for every fault at once: then
    # blanket alone carries them, and no output prints a per-level table.
    levels: tuple[SeverityLevel, ...] = Field(
        default=(),
        description="故障等级，从最严重到最轻；原文不分等级、只写“所有故障 N 小时内…”时不写，时限写在 blanket",
    )
    scheme: Text | None = Field(
        default=None,
        description="等级体系的名称，按原文写，例如“故障”“事件”（信息安全事件）“服务请求”；"
        "文档写作“事件分为4个等级”“事件等级”。不写为“故障”",
    )
    blanket: tuple[BlanketTarget, ...] = Field(
        default=(),
        description="不分等级（或同时适用于几个等级）的时限，例如“30 分钟响应、4 小时修复”；与分等级的时限表并列",
    )
    counting: Text | None = Field(default=None, description="计时口径总说明")
    spare_unit: SpareUnit | None = Field(default=None, description="未能按时修复时提供备机")
    compensation: tuple[Clause, ...] = Field(
        default=(), description="未履行承诺时的补偿条款（原文照录）；能写成条件与补救方式的，写在 remedies"
    )
    remedies: tuple[Remedy, ...] = Field(
        default=(),
        description="补救与责任：某项时限超时或发生某种情形（条件）时提供备机、备件、更换、维修、赔偿或承担责任（补救方式）",
    )
    post_warranty: PostWarrantyResponse | None = Field(default=None, description="质保期外的响应时限")
    principles: Texts = Field(default=(), description="响应原则，例如“故障不解决，工程师不撤离”")

    @model_validator(mode="after")
    def _levels_or_blanket(self) -> ResponseCommitments:
        if not self.levels and not self.blanket:
            raise nested_error("请写分等级的时限（levels）或不分等级的时限（blanket），至少一项", "levels")
        if not self.levels and any(b.levels for b in self.blanket):
            raise nested_error("没有写 levels 时，blanket 不能按等级（levels）限定适用范围", "blanket")
        return self

    def with_sources(self) -> ResponseCommitments:
        """A level that does not state a measure a blanket limit binds it to has that limit:
        every output's table and every check then read the same promise (fidelity: the
        content states it for that level, only not in the table), with the blanket's source.
        A level's own target stays as written; check compares it with the blanket."""
        if not self.blanket:
            return self
        levels = []
        for level in self.levels:
            added = {
                b.measure: b.within
                for b in reversed(self.blanket)  # the first blanket for a measure wins
                if b.applies_to(level.id) and b.measure not in level.targets
            }
            if added:
                targets = MappingProxyType({**level.targets, **added})
                level = level.model_copy(update={"targets": targets})
            levels.append(level)
        return self.model_copy(update={"levels": tuple(levels)})

    @property
    def level_word(self) -> str:
        """What the levels grade, as every output names it: 故障 unless the content says 事件, 服务请求…"""
        return self.scheme.removesuffix("等级") if self.scheme else "故障"

    def remedy_rows(self, of: Literal["all", "time", "event"] = "all") -> tuple[tuple[str, str], ...]:
        """(情形, 补救) rows: of="time" the remedies for a missed time limit and the
        compensation clauses (the response section), "event" those for an event such as a
        quality fault or transport damage (the warranty section), "all" both."""
        measures = {m.id: m for m in self.measures}
        rows = [
            (r.condition_zh(measures), r.remedy_zh())
            for r in self.remedies
            if of == "all" or (of == "time") == (r.measure is not None)
        ]
        if of != "event":
            rows += [(cl.condition, cl.remedy) for cl in self.compensation]
        return tuple(rows)

    def blanket_applies(self, b: BlanketTarget) -> str:
        """Whom a blanket limit binds, for every output: its scope as written, the levels'
        names, or 所有等级 (所有故障 where the content grades no levels)."""
        if b.levels:
            named = "、".join(lv.name for lv in self.levels if lv.id in b.levels)
            return f"{b.scope}（{named}）" if b.scope else named
        return b.scope or ("所有等级" if self.levels else f"所有{self.level_word}")

    def blanket_at(self, *areas: str | None) -> tuple[BlanketAtSite, ...]:
        """Each blanket limit as it reads in one area (a region, then its zone)."""
        measures = {m.id: m for m in self.measures}
        out = []
        for b in self.blanket:
            measure = measures.get(b.measure)
            if measure is None:
                continue  # check reports it
            value = b.within.for_area(*areas)
            if b.within.regional and b.within.area_for(*areas) is None:
                limit = sourced(NOT_STATED, b.source("within"))  # no limit for this area
            else:
                limit = value.within() if value is not None else sourced(NOT_APPLICABLE, b.source("within"))
            out.append(BlanketAtSite(self.blanket_applies(b), measure, limit, b))
        return tuple(out)
