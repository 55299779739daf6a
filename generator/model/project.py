"""projects/<id>.yaml: one tender or installed project."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Annotated, Any

from pydantic import Field, WithJsonSchema, model_validator

from generator.model.common import (
    Code,
    Frequency,
    Frozen,
    Mode,
    StartEvent,
    Text,
    Texts,
    hours_promise,
    nested_error,
)
from generator.model.durations import Duration, DurationError, DurationField
from generator.model.prose import ProseBlock
from generator.model.response import Clause
from generator.model.sections import SECTIONS
from generator.model.values import Date, Id, Percent, Phone


class Purchaser(Frozen):
    name: Text = Field(description="采购人名称")
    department: Text | None = Field(default=None, description="使用部门")
    contact: Text | None = Field(default=None, description="采购人联系人")
    phone: Phone | None = Field(default=None, description="采购人联系电话")


class Site(Frozen):
    name: Text | None = Field(default=None, description="现场名称，例如“区数据中心机房”")
    address: Text = Field(description="现场地址")
    region: Id = Field(description="所在地区（company.regions 中的标识），决定到场时限")


class Signatory(Frozen):
    representative: Text = Field(description="法定代表人或授权代表姓名")
    title: Text = Field(default="授权代表", description="身份，例如“法定代表人”“授权代表”")


class EquipmentItem(Frozen):
    id: Id = Field(description="设备条目标识")
    name: Text = Field(description="设备名称，例如“核心交换机”")
    manufacturer: Id | None = Field(default=None, description="厂商（manufacturers 中的标识）；非代理品牌写 brand")
    brand: Code | None = Field(default=None, description="品牌（不在 manufacturers 中时填写）")
    product_line: Text | None = Field(default=None, description="产品线，对应厂商 product_lines 的名称")
    model: Code | None = Field(default=None, description="型号；投标时未定可不写")
    quantity: int | None = Field(default=None, ge=1, description="数量；不写表示未载明")
    unit: Text | None = Field(default=None, description="单位，例如“台”“套”")
    location: Code | None = Field(default=None, description="安装位置")
    warranty: DurationField | None = Field(default=None, description="该设备的质保期（覆盖品牌和总体规则）")
    warranty_start: StartEvent | None = Field(default=None, description="该设备的质保起算事件")
    line: Id | None = Field(
        default=None, description="所属产品线（company.product_lines 中的标识）；不写按厂商归入产品线"
    )


class ProjectStaff(Frozen):
    """The project's own people. Each is optional: a team promised by role alone names
    nobody, and then the documents list no contact (the hotline stands in)."""

    manager: Id | None = Field(default=None, description="项目总联系人（staff 中的标识）；未确定人选时不写")
    contact: Id | None = Field(default=None, description="日常服务联系人（staff 中的标识）；未确定人选时不写")
    engineers: tuple[Id, ...] = Field(default=(), description="驻点或负责工程师（staff 中的标识）")
    callback: Id | None = Field(default=None, description="回访专员（staff 中的标识）")

    def ids(self) -> tuple[str, ...]:
        """Everyone the project names, each once: manager, contact, engineers, callback."""
        named = (self.manager, self.contact, *self.engineers, self.callback)
        return tuple(dict.fromkeys(p for p in named if p is not None))


class PaymentMilestone(Frozen):
    event: Text = Field(description="付款节点，例如“安装调试并验收合格后”")
    cumulative: Percent = Field(description="累计支付比例")


class Payment(Frozen):
    prepayment: Percent | None = Field(default=None, description="预付款比例")
    prepayment_waivable: bool = Field(default=False, description="投标人可放弃或降低预付款")
    milestones: tuple[PaymentMilestone, ...] = Field(default=(), description="付款节点")
    settle_by_actual_quantity: bool = Field(default=False, description="按实际供货数量结算")
    partial_cancellation: bool = Field(default=False, description="采购人可取消部分货物的采购")
    note: Text | None = Field(default=None, description="说明")


class CommercialTerms(Frozen):
    """Commercial terms the after-sales section often restates."""

    delivery_within: DurationField | None = Field(default=None, description="交付期限，例如“30个工作日”")
    delivery_from: StartEvent | None = Field(default=None, description="交付期限的起算事件，例如“合同签订”")
    delivery_scope: Texts = Field(default=(), description="期限内完成的工作，例如交货、安装调试、交付使用")
    delivery_place: Text | None = Field(default=None, description="交付地点")
    product_age_max: DurationField | None = Field(default=None, description="出厂日期距交货不超过")
    product_condition: Texts = Field(default=(), description="货物状况承诺，例如“全新、未使用过”“正规渠道原厂正品”")
    payment: Payment | None = Field(default=None, description="付款方式")
    currency: Text | None = Field(default=None, description="报价币种，例如“人民币”")
    pricing_basis: Text | None = Field(default=None, description="合同计价方式，例如“总价包干”")
    final_price: bool = Field(default=False, description="报价为最终价格，履约中不再增加费用")
    price_includes: Texts = Field(default=(), description="报价包含的费用")
    undertakings: tuple[Clause, ...] = Field(
        default=(), description="其他承诺及违约后果，例如样品检测不合格按虚假应标处理"
    )


class Marker(StrEnum):
    SUBSTANTIVE = "★"
    IMPORTANT = "▲"


class Metric(StrEnum):
    """What a checkable tender clause constrains."""

    WARRANTY = "质保期"
    SERVICE_PERIOD = "服务期"
    PHONE = "电话响应"
    REMOTE = "远程支持"
    ARRIVAL = "到达现场"
    RESTORE = "恢复"
    RESOLVE = "彻底解决"
    SPARE_UNIT = "备机"
    SPARE_PARTS = "备件"
    TRAINING_HOURS = "培训课时"
    TRAINEES = "培训人数"
    HOTLINE = "热线服务时间"
    LOCAL_POINT = "本地服务网点"
    INSPECTION = "巡检频次"
    CALLBACK = "回访频次"


class Comparator(StrEnum):
    AT_MOST = "≤"
    AT_LEAST = "≥"
    EQUAL = "="
    CONTAINS = "包含"


_COMPARATOR_WORDS = {
    "<=": "≤", "不超过": "≤", "不大于": "≤", "不高于": "≤", "以内": "≤",
    ">=": "≥", "不少于": "≥", "不低于": "≥", "不小于": "≥", "至少": "≥",
    "==": "=", "等于": "=",
    "contains": "包含", "有": "包含",
}  # fmt: skip


class RequirementCheck(Frozen):
    """The checkable form of a clause: metric, comparator and threshold."""

    metric: Metric = Field(
        description="约束的指标：质保期、服务期、电话响应、远程支持、到达现场、恢复、彻底解决、备机、"
        "培训课时、培训人数、热线服务时间、本地服务网点、巡检频次、回访频次"
    )
    comparator: Comparator = Field(description="比较方式：≤（不超过）、≥（不少于）、=、包含")
    threshold: Annotated[
        Code,
        WithJsonSchema({"type": ["string", "number"], "examples": ["2小时", "3年", 16, "每季度", "7×24", "青石市"]}),
    ] = Field(description="要求的值：时长（2小时、3年）、数字（16）、频次（每季度）、服务时间口径（7×24）或城市名称")
    level: Id | None = Field(default=None, description="故障等级（response.levels 中的标识）；不写表示所有等级都须满足")
    mode: Mode | None = Field(default=None, description="巡检或回访方式，例如“现场”；不写表示任何方式")

    @model_validator(mode="before")
    @classmethod
    def _comparator_words(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("comparator"), str):
            word = data["comparator"].strip()
            data = {**data, "comparator": _COMPARATOR_WORDS.get(word, word)}
        return data

    @model_validator(mode="after")
    def _typed_threshold(self) -> RequirementCheck:
        try:
            self.value()
        except ValueError as exc:
            raise nested_error(str(exc), "threshold") from None
        if (self.metric is Metric.LOCAL_POINT) != (self.comparator is Comparator.CONTAINS):
            raise nested_error("“包含”只用于本地服务网点，本地服务网点只能用“包含”", "comparator")
        if self.level is not None and self.metric not in TIME_METRICS:
            raise nested_error(f"“{self.metric.value}”不分故障等级，请删去 level", "level")
        return self

    def value(self) -> Duration | Decimal | Frequency | HoursPromise | str:
        """The threshold typed for the metric; ValueError with a Chinese message otherwise."""
        raw = self.threshold
        if self.metric in DURATION_METRICS:
            try:
                return Duration.parse(raw)
            except DurationError as exc:
                raise ValueError(str(exc)) from None
        if self.metric in COUNT_METRICS:
            number = raw.removesuffix("学时").removesuffix("课时").removesuffix("人").strip()
            try:
                return Decimal(number)
            except InvalidOperation:
                raise ValueError(f"“{raw}”应为数字，例如 16") from None
        if self.metric in FREQUENCY_METRICS:
            freq = next((f for f in PERIODIC if f.value == raw), None)
            if freq is None:
                raise ValueError(f"“{raw}”不是可比较的频次：可写 {'、'.join(f.value for f in PERIODIC)}")
            return freq
        if self.metric is Metric.HOTLINE:
            return HoursPromise.parse(raw)
        return raw


@dataclass(frozen=True, order=True)
class HoursPromise:
    """A service-hours promise such as 7×24: days a week × hours a day."""

    days: int
    hours: int

    @classmethod
    def parse(cls, raw: str) -> HoursPromise:
        """Every spelling a service hours' promise accepts (7×24小时, ７×２４, 24/7…); ValueError otherwise."""
        return cls(*hours_promise(raw))

    def covers(self, other: HoursPromise) -> bool:
        return self.days >= other.days and self.hours >= other.hours

    def zh(self) -> str:
        return f"{self.days}×{self.hours}"


TIME_METRICS = {Metric.PHONE, Metric.REMOTE, Metric.ARRIVAL, Metric.RESTORE, Metric.RESOLVE}
DURATION_METRICS = {*TIME_METRICS, Metric.WARRANTY, Metric.SERVICE_PERIOD, Metric.SPARE_UNIT, Metric.SPARE_PARTS}
COUNT_METRICS = {Metric.TRAINING_HOURS, Metric.TRAINEES}
FREQUENCY_METRICS = {Metric.INSPECTION, Metric.CALLBACK}
PERIODIC = (
    Frequency.DAILY,
    Frequency.WEEKLY,
    Frequency.BIWEEKLY,
    Frequency.MONTHLY,
    Frequency.QUARTERLY,
    Frequency.HALF_YEARLY,
    Frequency.YEARLY,
)


class Deviation(StrEnum):
    POSITIVE = "正偏离"
    NONE = "无偏离"
    NEGATIVE = "负偏离"


class Requirement(Frozen):
    clause: Code = Field(description="招标文件条目号")
    text: Text = Field(description="招标文件要求原文")
    marker: Marker | None = Field(default=None, description="★ 实质性条款 / ▲ 重要条款 / 不写")
    check: RequirementCheck | None = Field(
        default=None, description="可自动核对的形式；不写表示人工条款，须填写 response"
    )
    response: Text | None = Field(default=None, description="人工条款的响应（可自动核对的条款由承诺数据生成）")
    deviation: Deviation = Field(
        default=Deviation.NONE, description="人工条款的偏离情况：正偏离、无偏离、负偏离（默认无偏离）"
    )
    note: Text | None = Field(default=None, description="说明栏的补充文字")


class Numbering(StrEnum):
    DECIMAL = "数字"
    CHINESE = "中文"


class Overrides(Frozen):
    """Project-specific changes to company-level data.

    Merged into the company data before validation: mappings merge key by key,
    lists replace the whole list, null removes the key.
    """

    commitments: dict[str, Any] | None = Field(default=None, description="覆盖 commitments.yaml 的任意部分")
    fees: dict[str, Any] | None = Field(default=None, description="覆盖 fees.yaml 的任意部分")


SECTION_HELP = "、".join(f"{k}（{v}）" for k, v in SECTIONS.items())


class Project(Frozen):
    name: Text = Field(description="项目名称")
    kind: Text | None = Field(default=None, description="项目类型，例如“教育”“医疗卫生”“政务数据中心”")
    tender_number: Code = Field(description="招标编号")
    purchaser: Purchaser = Field(description="采购人")
    site: Site = Field(description="项目现场")
    chapter_prefix: str = Field(
        default="", pattern=r"^(\d+(\.\d+)*)?$", description="本节在投标文件中的章节号，例如“4.2”；留空从 1 开始"
    )
    numbering: Numbering = Field(
        default=Numbering.DECIMAL, description="标题编号：数字（4.2.1）或中文（一、（一）1.（1））"
    )
    bid_date: Date = Field(description="投标日期（YYYY-MM-DD）")
    signatory: Signatory = Field(description="承诺书签字人")
    contract_date: Date | None = Field(default=None, description="合同签订日期")
    delivery_date: Date | None = Field(default=None, description="交货日期")
    installation_date: Date | None = Field(default=None, description="安装调试完成日期")
    acceptance_date: Date | None = Field(
        default=None, description="验收合格日期（中标前不写）；维护手册的质保截止日期和巡检日程由它推算"
    )
    handover_date: Date | None = Field(default=None, description="交付使用日期")
    service_period: DurationField | None = Field(default=None, description="运维服务期（运维类项目）")
    commercial: CommercialTerms | None = Field(default=None, description="商务条款（交付期、付款、报价口径）")
    equipment: tuple[EquipmentItem, ...] = Field(default=(), description="设备清单")
    product_lines: tuple[Id, ...] = Field(
        default=(),
        description="本项目的产品线（company.product_lines 中的标识）；不写由设备推出。"
        "标了产品线的条目只有相符时才出现在本项目的文档中",
    )
    staff: ProjectStaff | None = Field(
        default=None, description="项目人员；团队只按岗位承诺（staff.yaml 没有名单）时不写"
    )
    service_point: Id = Field(description="负责网点（company.service_points 中的标识）")
    partners: tuple[Id, ...] = Field(default=(), description="协助本项目的当地合作伙伴（partners.yaml 中的标识）")
    joint_with: tuple[Id, ...] = Field(default=(), description="联合承诺的厂商（manufacturers 中的标识）")
    training_plan: Id | None = Field(default=None, description="培训方案（training.yaml 中的标识）")
    requirements: tuple[Requirement, ...] = Field(default=(), description="招标文件的售后条款（用于偏离表）")
    sections: tuple[Text, ...] = Field(
        default=tuple(SECTIONS), description=f"方案包含的章节及顺序；可用：{SECTION_HELP}；自由文本用 prose:标识"
    )
    prose: tuple[ProseBlock, ...] = Field(default=(), description="本项目专用的自由文本块")
    notes: Texts = Field(default=(), description="项目特殊说明")
    overrides: Overrides = Field(
        default_factory=Overrides, description="覆盖公司级承诺（映射合并、列表替换、null 删除）"
    )

    @property
    def team(self) -> ProjectStaff:
        """The project's own people; nobody named where the file leaves `staff` out."""
        return self.staff or ProjectStaff()
