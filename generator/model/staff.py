"""staff.yaml: people, roles, the duty rota. Everything else refers to people by id."""

from __future__ import annotations

from pydantic import Field

from generator.model.common import Code, DayKind, Frozen, LinesField, Text, Texts, Tier
from generator.model.values import Email, Id, Phone, TimeWindowField


class Role(Frozen):
    id: Id = Field(description="岗位标识")
    name: Text = Field(description="岗位名称，例如“售后工程师”")
    tier: Tier | None = Field(default=None, description="所在支持层级")
    duties: Texts = Field(default=(), description="岗位职责")
    headcount: int | None = Field(default=None, ge=1, description="岗位总人数（含未列名人员）；不写按名单计")


class Person(Frozen):
    id: Id = Field(description="人员标识，其他文件用它引用此人")
    name: Text | None = Field(default=None, description="姓名；招标时尚未确定人选的可不写，文档中以岗位代称")
    role: Id = Field(description="岗位（roles 中的标识）")
    title: Text | None = Field(default=None, description="职务，例如“客服经理”")
    phone: Phone | None = Field(default=None, description="手机或电话")
    email: Email | None = Field(default=None, description="电子邮箱")
    contact_public: bool = Field(default=False, description="联系方式是否可以对外公开（服务手册网站）")
    education: Text | None = Field(default=None, description="学历，例如“本科”")
    major: Text | None = Field(default=None, description="专业")
    years_experience: int | None = Field(default=None, ge=0, le=60, description="从业年限")
    certificates: Texts = Field(default=(), description="资格证书")
    duties: Texts = Field(default=(), description="本人职责（补充岗位职责）")
    can_train: bool = Field(default=False, description="能否担任培训讲师")
    service_point: Id | None = Field(default=None, description="常驻网点（service_points 中的标识）")
    lines: LinesField = Field(
        default=(), description="专长的产品线或厂商（标识）：不写表示不限；培训讲师名单只保留与项目相符的人"
    )
    internal_note: Text | None = Field(default=None, description="内部备注：不会出现在任何对外文档中")


class Shift(Frozen):
    name: Text = Field(description="班次，例如“白班”“夜班”")
    days: DayKind = Field(description="适用的日子")
    time: TimeWindowField = Field(description="时间段，跨夜写 18:00-8:30")
    people: tuple[Id, ...] = Field(min_length=1, description="值班人员（people 中的标识）")


class DutyRota(Frozen):
    description: Text | None = Field(default=None, description="值班制度说明")
    promise: Code | None = Field(default=None, description="值班承诺，例如 7×24")
    shifts: tuple[Shift, ...] = Field(default=(), description="班次；不写表示只承诺值班制度、未排具体班次")


class Staff(Frozen):
    roles: tuple[Role, ...] = Field(min_length=1, description="岗位")
    people: tuple[Person, ...] = Field(min_length=1, description="人员名单")
    duty_rota: DutyRota | None = Field(default=None, description="7×24 值班安排")
    rules: Texts = Field(default=(), description="服务人员守则与岗位制度")
