"""manufacturers.yaml: the brands the company resells and their own service."""

from __future__ import annotations

from pydantic import Field

from generator.model.common import Code, Frozen, ServiceHours, Text, Texts
from generator.model.durations import DurationField
from generator.model.response import ResponseMatrix
from generator.model.values import Email, Id, Phone, Url


class ProductLine(Frozen):
    name: Text = Field(description="产品线，例如“交换机”“服务器”")
    warranty: DurationField = Field(description="厂商标准保修期")
    onsite: Code | None = Field(default=None, description="上门服务级别，例如“下一工作日上门（NBD）”“7×24×4小时”")
    policy: Text | None = Field(default=None, description="保修政策说明")


class Manufacturer(Frozen):
    id: Id = Field(description="厂商标识，供质保、设备、合作伙伴引用")
    name: Text = Field(description="厂商名称")
    hotline: Phone | None = Field(default=None, description="厂商服务热线")
    hotline_hours: ServiceHours | None = Field(default=None, description="厂商热线服务时间")
    website: Url | None = Field(default=None, description="厂商服务网站")
    email: Email | None = Field(default=None, description="厂商技术支持邮箱")
    authorisation: Text | None = Field(default=None, description="我方获得的授权，例如“授权服务商”")
    service_system: Text | None = Field(default=None, description="厂商服务体系介绍（Markdown）")
    highlights: Texts = Field(default=(), description="厂商服务要点")
    product_lines: tuple[ProductLine, ...] = Field(min_length=1, description="产品线及保修政策")
    response: ResponseMatrix | None = Field(default=None, description="厂商自己的故障分级与响应时限")


class ManufacturerCatalog(Frozen):
    manufacturers: tuple[Manufacturer, ...] = Field(default=(), description="代理或集成的厂商")
