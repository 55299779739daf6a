"""commitments.yaml: what the company promises, service by service.

A project may override any of it (see project.py: overrides.commitments).
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field, model_validator

from generator.model.common import (
    Code,
    CoveragePeriod,
    Frequency,
    Frozen,
    LinesField,
    Mode,
    StartEvent,
    TaggedTexts,
    Text,
    Texts,
    Tier,
    nested_error,
)
from generator.model.durations import DurationField
from generator.model.response import ResponseCommitments, TargetMap
from generator.model.sources import sourced
from generator.model.values import Id, Percent, TimeWindowField

# --- objectives -------------------------------------------------------------


class Objectives(Frozen):
    goal: Text = Field(description="服务目标（一段话）")
    purpose: Text | None = Field(default=None, description="售后服务的目的")
    scope: Texts = Field(default=(), description="服务范围，例如咨询、故障处理、升级、巡检回访")
    principles: Texts = Field(default=(), description="服务原则")


# --- warranty ---------------------------------------------------------------


class ReplacedPartRule(Frozen):
    minimum: DurationField = Field(description="更换部件至少享有的质保期；与原设备剩余质保期取较长者")
    note: Text | None = Field(default=None, description="说明")

    def zh(self) -> str:
        """The rule as every output states it (the field's meaning, above), without a final stop."""
        text = f"更换的部件享有原设备剩余质保期与{self.minimum.zh()}两者中较长者的质保"
        return sourced(text, self.source("minimum"))


class GuaranteeRule(Frozen):
    after: DurationField | None = Field(
        default=None, description="起始：超过此期限后适用，例如“第八至十五日”写 after: 7天"
    )
    within: DurationField = Field(description="自购买或验收起的期限，例如“7天”")
    remedy: Text = Field(description="可享受的处理，例如“免费退货”“免费换货或修理”")


class RepeatedFailure(Frozen):
    count: int = Field(ge=1, description="维修次数，例如 2（维修两次以上）")
    within: DurationField | None = Field(default=None, description="统计期限，例如“1年”；不写表示整个质保期")
    remedy: Text = Field(description="处理方式，例如“免费更换同型号或更高配置产品”")


class ThreeGuarantees(Frozen):
    """三包：包修、包换、包退."""

    regulation: Text | None = Field(default=None, description="依据的规定名称")
    rules: tuple[GuaranteeRule, ...] = Field(default=(), description="期限内的退换修规则")
    repeated_failure: RepeatedFailure | None = Field(default=None, description="多次维修仍不能正常使用时的处理")


class SoftwareUpdates(Frozen):
    free: bool = Field(default=True, description="是否免费")
    period: DurationField | None = Field(default=None, description="免费更新期限")
    lifetime: bool = Field(default=False, description="是否终身免费更新")
    scope: Texts = Field(default=(), description="内容，例如系统补丁、病毒库、特征库")
    note: Text | None = Field(default=None, description="例外情况，例如“平台买断除外”")


class ComponentGroup(Frozen):
    name: Text = Field(description="部件组，例如“显示部分”“电脑部分”")
    parts: Texts = Field(min_length=1, description="包含的部件")
    lines: LinesField = Field(default=(), description="只适用于这些产品线或厂商（标识）；不写表示适用于全部")


class BrandWarranty(Frozen):
    manufacturer: Id = Field(description="厂商（manufacturers 中的标识）")
    product_line: Text | None = Field(default=None, description="产品线；不写表示该厂商全部产品")
    period: DurationField = Field(description="质保期")
    onsite_period: DurationField | None = Field(default=None, description="免费上门服务期")
    start_event: StartEvent | None = Field(default=None, description="起算事件；不写沿用总体规则")
    note: Text | None = Field(default=None, description="说明，例如“原厂三年 NBD 上门”")


class Warranty(Frozen):
    period: DurationField = Field(description="整体质保期，例如“3年”")
    start_event: StartEvent | None = Field(
        default=None, description="起算事件：验收合格、合同签订、交货、安装调试完成；不写表示未载明（check 会提醒）"
    )
    onsite_period: DurationField | None = Field(default=None, description="免费上门服务期")
    summary: Text | None = Field(default=None, description="一句话概述")
    covered: TaggedTexts = Field(default=(), description="保修范围内的情形；只适用于部分产品线的写成 {text, lines}")
    components: tuple[ComponentGroup, ...] = Field(default=(), description="保修覆盖的部件，按部件组列出")
    excluded: TaggedTexts = Field(
        default=(), description="不在保修范围内的情形；只适用于部分产品线的写成 {text, lines}"
    )
    costs: Text | None = Field(default=None, description="质保期内费用承担，例如“零配件及人工费用全部由我方承担”")
    replaced_part: ReplacedPartRule | None = Field(default=None, description="更换部件的质保规则")
    three_guarantees: ThreeGuarantees | None = Field(default=None, description="三包规则")
    second_failure: Text | None = Field(default=None, description="二次故障的处理，例如“无法排除的免费更换整机”")
    lifetime_repair: bool = Field(default=False, description="是否提供终身维修")
    lifetime_maintenance: bool = Field(default=False, description="是否提供终身维护保养")
    lifetime_note: Text | None = Field(default=None, description="终身维修的条件，例如“只收材料费，免收服务费”")
    software_updates: SoftwareUpdates | None = Field(default=None, description="软件与特征库免费更新")
    by_brand: tuple[BrandWarranty, ...] = Field(default=(), description="按品牌或产品线的质保期")
    spec_prevails: bool = Field(default=False, description="招标技术参数对质保期另有要求的，按其要求执行")
    manufacturer_longer_prevails: bool = Field(
        default=False, description="厂商免费质保期更长时按厂商规定执行（以较长者为准）"
    )
    after_expiry: Texts = Field(default=(), description="质保期满后的续保与服务条款")


# --- channels and process ---------------------------------------------------


class Channel(Frozen):
    name: Text = Field(description="渠道，例如“电话”“网站报修”“电子邮件”“来访”")
    detail: Text | None = Field(default=None, description="如何使用该渠道")
    hotline: Id | None = Field(default=None, description="对应热线（company.hotlines 中的标识）")


class ProcessStep(Frozen):
    id: Id = Field(description="步骤标识")
    name: Text = Field(description="步骤名称，例如“受理登记”")
    actor: Text = Field(description="执行者，例如“客户服务中心”")
    action: Text = Field(description="做什么")
    outcome: Text | None = Field(default=None, description="结果或产出，例如“生成服务单”")
    within: DurationField | None = Field(default=None, description="时限")
    next: tuple[Id, ...] = Field(default=(), description="后续步骤；不写表示顺序下一步，多个表示分支")
    condition: Text | None = Field(default=None, description="进入该步骤的条件，例如“远程无法解决”")


class EscalationTier(Frozen):
    tier: Tier = Field(description="层级：一线、二线、三线、厂商")
    who: Text = Field(description="由谁处理")
    after: DurationField | None = Field(default=None, description="上一级未解决多久后升级到此层级")
    people: tuple[Id, ...] = Field(default=(), description="该层级的人员（staff 中的标识）")
    contact: Code | None = Field(default=None, description="联系方式说明")


class Procedure(Frozen):
    """A further workflow besides the main service process (repair work orders, self-help...)."""

    id: Id = Field(description="流程标识")
    name: Text = Field(description="流程名称，例如“维修任务单流程”")
    description: Text | None = Field(default=None, description="说明")
    steps: tuple[ProcessStep, ...] = Field(min_length=1, description="步骤")


class RemoteSupport(Frozen):
    description: Text | None = Field(default=None, description="远程支持说明")
    consent_required: bool | None = Field(default=None, description="是否须征得用户同意后进行")
    methods: Texts = Field(default=(), description="方式，例如 VPN 接入、远程协助工具")


class ServiceProcess(Frozen):
    description: Text | None = Field(default=None, description="流程说明")
    steps: tuple[ProcessStep, ...] = Field(min_length=1, description="按顺序的流程步骤")
    escalation: tuple[EscalationTier, ...] = Field(default=(), description="升级路径")
    records: Texts = Field(default=(), description="过程记录，例如服务跟踪卡、问题处理报告")


class Phase(Frozen):
    name: Text = Field(description="阶段，例如“试运行阶段”“质保期后”")
    period: Code | None = Field(default=None, description="时段说明")
    description: Text | None = Field(default=None, description="阶段说明")
    promises: Texts = Field(default=(), description="该阶段的承诺")
    targets: TargetMap | None = Field(default=None, description="该阶段特有的时限，例如试运行期半小时到场")


# --- maintenance ------------------------------------------------------------


class ScheduledActivity(Frozen):
    id: Id = Field(description="标识，用于日程和日历（UID）")
    name: Text = Field(description="名称，例如“季度现场巡检”")
    frequency: Frequency = Field(
        description="频次：每日…每年、节假日前、重大活动前、合同最后一个月、期满前（与 before_end 合用）、"
        "每次服务后、按需（列出、不排日期）、定期（原文未写频次：列出、不排日期）"
    )
    times: int | None = Field(default=None, ge=1, description="每个周期的次数（例如每年 2 次）")
    months: tuple[int, ...] = Field(default=(), description="固定月份，例如 [4, 9]")
    week_of_month: int | None = Field(default=None, ge=1, le=5, description="在月内的第几周")
    mode: Mode | None = Field(default=None, description="主要方式：现场、远程、电话；不写表示未说明")
    other_modes: tuple[Mode, ...] = Field(default=(), description="视情况增加的其他方式")
    with_modes: tuple[Mode, ...] = Field(
        default=(), description="与 mode 同时采用的方式，例如现场巡检的同时电话回访：写作“现场和电话”"
    )
    before_end: DurationField | None = Field(
        default=None,
        description="频次为“期满前”时必写：在适用期间（during；不写为项目的服务期，没有服务期为质保期）结束前多久进行一次，例如“3个月”",
    )
    during: CoveragePeriod | None = Field(
        default=None, description="适用期间：质保期内、质保期后、质保期内外、服务期内"
    )
    at_least: bool = Field(default=False, description="频次为最低承诺（“至少每季度一次”）")
    start_event: StartEvent | None = Field(
        default=None, description="从哪个事件开始，例如“验收合格”；与 start_after 合用"
    )
    time_windows: tuple[TimeWindowField, ...] = Field(default=(), description="进行的时间段，例如 9:30-11:30")
    start_after: DurationField | None = Field(default=None, description="交付使用后多久开始，例如“1个月”")
    led_by: Text | None = Field(default=None, description="由谁带队或执行，例如“公司领导带队”")
    scope: TaggedTexts = Field(default=(), description="对象或范围；只适用于部分产品线的写成 {text, lines}")
    reports: Texts = Field(default=(), description="提交的记录或报告")
    report_due_day: int | None = Field(default=None, ge=1, le=31, description="报告在次月几日前提交")
    report_to: Text | None = Field(default=None, description="报告提交给谁，例如“采购人信息中心”")
    target_rate: Percent | None = Field(default=None, description="目标完成率或覆盖率")
    note: Text | None = Field(default=None, description="说明")
    lines: LinesField = Field(default=(), description="只适用于这些产品线或厂商（标识）；不写表示适用于全部")

    @model_validator(mode="after")
    def _before_end_with_its_frequency(self) -> ScheduledActivity:
        if self.frequency is Frequency.BEFORE_END and self.before_end is None:
            raise nested_error("频次“期满前”须写明期满前多久进行（before_end），例如“3个月”", "frequency")
        if self.before_end is not None and self.frequency is not Frequency.BEFORE_END:
            raise nested_error(f"before_end 只用于频次“期满前”，这里的频次是“{self.frequency.value}”", "before_end")
        if (self.report_due_day or self.report_to) and not self.reports:
            key = "report_due_day" if self.report_due_day else "report_to"
            raise nested_error("写了报告的提交日期或对象，却没有写提交什么报告（reports）", key)
        return self

    # How every output reads the activity: resolved here once, not in each template.

    def frequency_zh(self) -> str:
        """ "每季度", "每年2次", "至少每季度", "至少每年2次", "质保期满前3个月内"."""
        if self.frequency is Frequency.BEFORE_END and self.before_end is not None:
            # Without `during` the period is the project's (its service period, else the
            # warranty), which the schedule knows and the company-level text does not.
            names = {CoveragePeriod.WARRANTY: "质保期", CoveragePeriod.SERVICE: "服务期"}
            period = names.get(self.during, "期") if self.during else "期"
            text = f"{period}满前{self.before_end.zh()}内"
            return sourced(text, self.source("frequency", "before_end", "during"))
        text = f"{'至少' if self.at_least else ''}{self.frequency.value}{f'{self.times}次' if self.times else ''}"
        return sourced(text, self.source("frequency", "times", "at_least"))

    def reports_zh(self) -> str | None:
        """ "巡检报告、整改建议（次月5日前提交采购人信息中心）"; None where no report is promised."""
        if not self.reports:
            return None
        when = f"次月{self.report_due_day}日前" if self.report_due_day else ""
        to = f"提交{self.report_to}" if self.report_to else ("提交" if when else "")
        text = "、".join(self.reports) + (f"（{when}{to}）" if when or to else "")
        return sourced(text, self.source("reports", "report_due_day", "report_to"))

    def mode_zh(self) -> str | None:
        """ "现场", "现场，必要时电话", "现场（公司领导带队）", "公司领导带队"; None where nothing is stated."""
        text = "和".join(m.value for m in (self.mode, *self.with_modes) if m is not None)
        if self.other_modes:
            text += ("，必要时" if self.mode else "") + "、".join(m.value for m in self.other_modes)
        if self.led_by:
            text = f"{text}（{self.led_by}）" if text else self.led_by
        return sourced(text, self.source("mode", "with_modes", "other_modes", "led_by")) if text else None

    def timing_zh(self) -> str | None:
        """When it happens: period, start, months and weeks, time windows; None where unstated.
        start_after alone counts from 交付使用, as the model defines it."""
        parts: list[str] = []
        if self.during:
            parts.append(self.during.value)
        if self.start_after:
            parts.append(f"{self.start_event.value if self.start_event else '交付使用'}{self.start_after.zh()}后开始")
        elif self.start_event:
            parts.append(f"{self.start_event.value}后开始")
        week = f"第{self.week_of_month}周" if self.week_of_month else ""
        if self.months:
            parts.append("月、".join(str(m) for m in self.months) + "月" + week)
        elif week:
            parts.append("每月" + week)
        if self.time_windows:
            parts.append("、".join(w.zh() for w in self.time_windows))
        fields = ("during", "start_after", "start_event", "months", "week_of_month", "time_windows")
        return sourced("；".join(parts), self.source(*fields)) if parts else None


class Inspection(ScheduledActivity):
    checklist: TaggedTexts = Field(
        default=(), description="巡检项目（也用作巡检记录表的行）；只适用于部分产品线的写成 {text, lines}"
    )


class Callback(ScheduledActivity):
    purposes: Texts = Field(default=(), description="回访目的")
    questions: Texts = Field(default=(), description="回访问题或满意度调查项目")
    satisfaction_target: Percent | None = Field(default=None, description="满意度目标")


class UserCare(Frozen):
    may: TaggedTexts = Field(default=(), description="用户可以自行进行的日常保养")
    must_not: TaggedTexts = Field(default=(), description="用户不得自行进行的操作")


class Maintenance(Frozen):
    principle: Text | None = Field(default=None, description="维护原则，例如“预防为主”")
    inspections: tuple[Inspection, ...] = Field(default=(), description="预防性巡检")
    callbacks: tuple[Callback, ...] = Field(default=(), description="回访")
    event_support: Text | None = Field(default=None, description="重大活动期间的驻场保障")
    user_care: UserCare | None = Field(default=None, description="用户日常保养须知")
    archive: Text | None = Field(default=None, description="设备档案与维护记录的管理")


# --- spare parts ------------------------------------------------------------


class SpareItem(Frozen):
    name: Text = Field(description="备件或备机名称")
    quantity: int = Field(ge=1, description="数量")
    unit: Text = Field(default="件", description="单位")
    applies_to: Code | None = Field(default=None, description="适用设备")
    location: Id | None = Field(default=None, description="存放网点（service_points 中的标识）")


class SpareParts(Frozen):
    policy: Texts = Field(min_length=1, description="备品备件政策")
    stock_points: tuple[Id, ...] = Field(default=(), description="设有备件库的网点（service_points 中的标识）")
    items: tuple[SpareItem, ...] = Field(default=(), description="常备备件清单")
    loaner: Text | None = Field(default=None, description="备机代用规则")
    pickup_delivery: bool = Field(default=False, description="送修设备是否负责送取")
    replenishment: Text | None = Field(default=None, description="库存核查与补充")
    original_parts: bool | None = Field(default=None, description="是否使用原厂备件")


# --- emergency --------------------------------------------------------------


class EmergencyGroup(Frozen):
    id: Id = Field(description="小组标识")
    name: Text = Field(description="小组名称，例如“应急领导小组”")
    duties: Texts = Field(default=(), description="职责")
    leader: Id | None = Field(default=None, description="组长（staff 中的标识）")
    members: tuple[Id, ...] = Field(default=(), description="成员（staff 中的标识）")
    requirements: Texts = Field(default=(), description="对小组的要求")


class IncidentLevel(Frozen):
    id: Id = Field(description="事件等级标识")
    name: Text = Field(description="名称，例如“重大事件”")
    definition: Text = Field(description="定义")
    examples: Texts = Field(default=(), description="举例")
    response: Text | None = Field(default=None, description="启动的响应措施")
    groups: tuple[Id, ...] = Field(default=(), description="启动的小组（groups 中的标识）")


class Scenario(Frozen):
    name: Text = Field(description="场景，例如“核心交换机故障”")
    category: Text | None = Field(default=None, description="类别，例如“硬件故障”“网络中断”“安全事件”")
    measures: Texts = Field(min_length=1, description="处置措施，按顺序")
    lines: LinesField = Field(default=(), description="只适用于这些产品线或厂商（标识）；不写表示适用于全部")


class Drill(Frozen):
    frequency: Frequency = Field(description="演练频次")
    times: int | None = Field(default=None, ge=1, description="每个周期的次数")
    description: Text = Field(description="演练内容")
    participants: Text | None = Field(default=None, description="参加人员")


class EmergencyPlan(Frozen):
    description: Text | None = Field(default=None, description="应急预案概述")
    principles: Texts = Field(default=(), description="处置原则，例如“先恢复业务，再处理故障”")
    hotline: Id | None = Field(default=None, description="应急专线（company.hotlines 中的标识）")
    groups: tuple[EmergencyGroup, ...] = Field(default=(), description="应急组织与职责")
    levels: tuple[IncidentLevel, ...] = Field(default=(), description="事件等级")
    scenarios: tuple[Scenario, ...] = Field(default=(), description="场景与处置措施")
    resources: Texts = Field(default=(), description="应急资源，例如应急车辆、测试仪器、备件")
    prevention: Texts = Field(default=(), description="预防措施")
    reporting: Texts = Field(default=(), description="情况汇报与总结")
    drills: tuple[Drill, ...] = Field(default=(), description="应急演练")


# --- quality ----------------------------------------------------------------


class Kpi(Frozen):
    name: Text = Field(description="指标，例如“按时到场率”")
    target: Percent = Field(description="目标值")
    measure: Text | None = Field(default=None, description="统计方法")


class PeriodicReport(Frozen):
    name: Text = Field(description="报告名称，例如“月度服务报告”")
    frequency: Frequency = Field(description="频次")
    due_day: int | None = Field(default=None, ge=1, le=31, description="每个周期第几天前提交")
    recipients: Text | None = Field(default=None, description="提交对象")
    contents: Texts = Field(default=(), description="报告内容")


class Quality(Frozen):
    description: Text | None = Field(default=None, description="质量保证体系说明")
    measures: Texts = Field(default=(), description="监督措施")
    kpis: tuple[Kpi, ...] = Field(default=(), description="服务质量指标")
    reports: tuple[PeriodicReport, ...] = Field(default=(), description="定期报告")
    records: Texts = Field(default=(), description="服务档案与记录")


class DocumentFormat(StrEnum):
    PAPER = "纸质"
    ELECTRONIC = "电子"
    BOTH = "纸质和电子"


class Deliverable(Frozen):
    name: Text = Field(description="文档名称，例如“维护手册”")
    when: Text | None = Field(default=None, description="交付时间，例如“最终验收时”")
    format: DocumentFormat | None = Field(default=None, description="形式：纸质、电子、纸质和电子")
    copies: int | None = Field(default=None, ge=1, description="份数")
    description: Text | None = Field(default=None, description="内容说明")


# --- statements a bid writer signs -------------------------------------------


class HeadlineItem(StrEnum):
    """A promise the 承诺书 can list; each is written from its data in the model."""

    WARRANTY = "质保"
    SERVICE_PERIOD = "服务期"
    HOTLINE = "服务热线"
    PHONE = "电话响应"
    REMOTE = "远程支持"
    ARRIVAL = "到达现场"
    RESTORE = "恢复"
    RESOLVE = "彻底解决"
    SPARE_UNIT = "备机"
    INSPECTIONS = "巡检"
    CALLBACKS = "回访"
    TRAINING = "培训"
    COMPLAINT = "投诉"
    COMPENSATION = "违约补偿"
    RENEWAL = "续保"


class Letter(Frozen):
    """售后服务承诺书: which promises it lists, and any closing declaration."""

    headline: tuple[HeadlineItem, ...] | None = Field(
        default=None,
        description="承诺书依次列出的关键承诺：质保、服务期、服务热线、电话响应、远程支持、到达现场、恢复、彻底解决、"
        "备机、巡检、回访、培训、投诉、违约补偿、续保；不写时列出数据中已有的各项",
    )
    closing: Text | None = Field(
        default=None, description="承诺书最后的声明，例如“如有违反，愿承担相应责任”；不写则不印"
    )


class DeviationStatements(Frozen):
    """What the bid writer declares about the clauses the 偏离表 does not list."""

    unlisted_clauses: Text | None = Field(
        default=None, description="偏离表后对未列条款的声明，例如“其他条款完全响应，无偏离”；不写则不印"
    )
    no_clauses: Text | None = Field(
        default=None, description="项目未列任何条款时印在偏离表位置的声明；不写则只印“未列条款”"
    )


class Commitments(Frozen):
    """Everything the company promises; projects override parts of it."""

    objectives: Objectives = Field(description="服务目标与范围")
    warranty: Warranty = Field(description="质保")
    response: ResponseCommitments = Field(description="故障分级与响应时限")
    channels: tuple[Channel, ...] = Field(default=(), description="报修与咨询渠道")
    process: ServiceProcess = Field(description="服务流程与升级路径")
    procedures: tuple[Procedure, ...] = Field(default=(), description="其他流程，例如维修任务单、用户自助排障")
    remote_support: RemoteSupport | None = Field(default=None, description="远程技术支持")
    phases: tuple[Phase, ...] = Field(default=(), description="分阶段的服务（实施、试运行、质保期、质保期后）")
    maintenance: Maintenance = Field(description="巡检、回访与日常保养")
    spare_parts: SpareParts = Field(description="备品备件")
    emergency: EmergencyPlan | None = Field(default=None, description="应急预案")
    quality: Quality = Field(default_factory=Quality, description="服务质量监督")
    deliverables: tuple[Deliverable, ...] = Field(default=(), description="交付文档")
    letter: Letter = Field(default_factory=Letter, description="售后服务承诺书列出的承诺与结尾声明")
    deviation_statements: DeviationStatements = Field(
        default_factory=DeviationStatements, description="偏离表中由投标人声明的文字"
    )
