"""company.yaml: who the supplier is and how customers reach it."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from generator.model.common import Code, Frozen, ServiceHours, Text, Texts, Tier
from generator.model.durations import DurationField
from generator.model.values import Date, Email, Id, Phone, Url


class Hotline(Frozen):
    id: Id = Field(description="热线标识，供应急预案、服务渠道等引用")
    name: Text = Field(description="热线名称，例如“7×24 小时客服热线”")
    number: Phone = Field(description="电话号码")
    hours: ServiceHours | None = Field(default=None, description="值守时间；7×24 可简写为 7×24；不写表示未说明")
    purpose: Text | None = Field(default=None, description="用途，例如“报修、咨询”")
    answer_within: DurationField | None = Field(default=None, description="接听或回电时限，例如“立即”“10分钟”")


class ComplaintLine(Frozen):
    name: Text = Field(description="名称，例如“服务监督投诉电话”“投诉渠道”")
    number: Phone | None = Field(default=None, description="电话号码；只写受理方式时可不写")
    channels: Texts = Field(default=(), description="受理方式，例如“来电”“来函”“来人”")
    department: Text | None = Field(default=None, description="受理部门，例如“企业管理办公室”")
    reply_within: DurationField | None = Field(
        default=None, description="接到投诉后答复的时限，例如“2小时”；不写表示未承诺时限"
    )
    hours: ServiceHours | None = Field(default=None, description="受理时间")
    escalation: Texts = Field(default=(), description="投诉后的处理与升级措施")


class Zone(Frozen):
    id: Id = Field(description="响应分区标识，例如 city、province")
    name: Text = Field(description="分区名称，例如“市区”“省内其他地区”")
    description: Text | None = Field(default=None, description="分区说明")


class Region(Frozen):
    id: Id = Field(description="地区标识，供网点、合作伙伴、项目引用")
    name: Text = Field(description="地区名称，例如“临川市”")
    zone: Id | None = Field(default=None, description="所属响应分区（zones 中的标识），用于到场时限")
    cities: Texts = Field(default=(), description="包含的县市区")


class PointKind(StrEnum):
    HEADQUARTERS = "总部"
    BRANCH = "分支机构"
    REPAIR_CENTRE = "维修中心"
    SPARE_DEPOT = "备件库"
    OFFICE = "办事处"


class ServicePoint(Frozen):
    id: Id = Field(description="网点标识")
    name: Text = Field(description="网点名称")
    kind: PointKind | None = Field(
        default=None, description="类型：总部、分支机构、维修中心、备件库、办事处；不写表示未载明"
    )
    address: Text | None = Field(default=None, description="地址")
    city: Text = Field(description="所在城市")
    region: Id = Field(description="所在地区（regions 中的标识）")
    phone: Phone | None = Field(default=None, description="网点电话")
    hours: ServiceHours | None = Field(default=None, description="网点服务时间")
    spare_stock: bool = Field(default=False, description="是否设有备件库")


class SupportTier(Frozen):
    tier: Tier = Field(description="层级：一线、二线、三线、厂商")
    name: Text = Field(description="承担该层级的机构，例如“客户服务响应中心”")
    duties: Texts = Field(default=(), description="职责")
    hotline: Id | None = Field(default=None, description="对应热线（hotlines 中的标识）")


class Department(Frozen):
    name: Text = Field(description="部门名称")
    duties: Texts = Field(default=(), description="在售后服务中的职责")
    phone: Phone | None = Field(default=None, description="部门电话")


class Certification(Frozen):
    name: Text = Field(description="资质或认证名称，例如“ISO 9001 质量管理体系认证”")
    issuer: Text | None = Field(default=None, description="发证机构")
    number: Code | None = Field(default=None, description="证书编号")
    valid_until: Date | None = Field(default=None, description="有效期至（YYYY-MM-DD）")


class ProductLine(Frozen):
    """A line of business the company supplies and serves (教室交互设备, 网络设备...).
    Company-level items tagged with it reach only the projects of that line."""

    id: Id = Field(description="产品线标识，供条目的 lines、项目的 product_lines、设备的 line 引用")
    name: Text = Field(description="产品线名称，例如“教室交互设备”“网络设备”")
    manufacturers: tuple[Id, ...] = Field(
        default=(), description="属于该产品线的厂商（manufacturers 中的标识）：项目的设备由此归入产品线"
    )


class Company(Frozen):
    """The supplier: names, philosophy, contact channels, service organisation."""

    name: Text = Field(description="公司全称（投标人名称）")
    short_name: Text = Field(description="简称，用于正文")
    english_name: Text | None = Field(default=None, description="英文名称")
    founded: int | None = Field(default=None, ge=1900, le=2100, description="成立年份")
    address: Text | None = Field(default=None, description="注册或办公地址")
    philosophy: Text | None = Field(default=None, description="服务理念，例如“用户至上、用心服务”")
    introduction: Text | None = Field(default=None, description="公司与服务体系简介（Markdown）")
    principles: Texts = Field(default=(), description="服务原则")
    hotlines: tuple[Hotline, ...] = Field(min_length=1, description="服务热线")
    complaint: ComplaintLine | None = Field(default=None, description="监督投诉电话及答复时限")
    email: Email | None = Field(default=None, description="服务邮箱")
    website: Url | None = Field(default=None, description="网站地址")
    fax: Phone | None = Field(default=None, description="传真")
    handbook_url: Url | None = Field(default=None, description="服务手册网站地址，用于二维码和链接")
    zones: tuple[Zone, ...] = Field(default=(), description="到场时限的响应分区，例如市区、省内其他地区")
    regions: tuple[Region, ...] = Field(min_length=1, description="服务地区")
    service_points: tuple[ServicePoint, ...] = Field(min_length=1, description="服务网点")
    support_tiers: tuple[SupportTier, ...] = Field(default=(), description="技术支持层级（一线/二线/三线/厂商）")
    departments: tuple[Department, ...] = Field(default=(), description="参与售后服务的部门")
    certifications: tuple[Certification, ...] = Field(default=(), description="资质与认证")
    product_lines: tuple[ProductLine, ...] = Field(
        default=(), description="产品线：标了产品线的条目只出现在该产品线的项目文档中"
    )
