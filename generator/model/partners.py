"""partners.yaml: the network of partners that serve regions on the company's behalf."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from generator.model.common import Frozen, Text, Texts
from generator.model.values import Id, Phone


class PartnerCategory(StrEnum):
    ALLIANCE = "系统集成联盟"
    PERIPHERALS = "计算机与外设合作伙伴"
    AUTHORISED = "厂商授权服务商"


class Partner(Frozen):
    id: Id = Field(description="合作伙伴标识")
    name: Text = Field(description="名称")
    category: PartnerCategory = Field(description="类别：系统集成联盟、计算机与外设合作伙伴、厂商授权服务商")
    address: Text = Field(description="联系地址")
    city: Text = Field(description="所在城市或县")
    contact: Text | None = Field(default=None, description="联系人")
    phone: Phone | None = Field(default=None, description="热线电话")
    regions: tuple[Id, ...] = Field(min_length=1, description="服务地区（regions 中的标识）")
    manufacturers: tuple[Id, ...] = Field(default=(), description="获授权的厂商（manufacturers 中的标识）")
    services: Texts = Field(default=(), description="提供的服务")
    internal_note: Text | None = Field(default=None, description="内部备注：不会出现在任何对外文档中")


class PartnerNetwork(Frozen):
    introduction: Text | None = Field(default=None, description="服务联盟体系介绍")
    partners: tuple[Partner, ...] = Field(default=(), description="合作伙伴")
