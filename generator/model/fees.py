"""fees.yaml: what service costs after warranty, and priced parts lists."""

from __future__ import annotations

from pydantic import Field

from generator.model.common import Code, Frozen, LinesField, Text, Texts
from generator.model.values import Id, Money, Percent


class Renewal(Frozen):
    rate: Percent = Field(description="续保年费占合同价的百分比")
    basis: Text = Field(default="合同价", description="计费基数")
    note: Text | None = Field(default=None, description="说明")


class LabourRule(Frozen):
    case: Text = Field(description="情形，例如“质保期外上门维修”")
    charge: Text = Field(description="收费规则，例如“免收服务费，只收材料费”")
    amount: Money | None = Field(default=None, description="金额（元）")
    unit: Text | None = Field(default=None, description="计价单位，例如“次”“人·天”")


class AnnualCap(Frozen):
    amount: Money | None = Field(default=None, description="年度维护费最高限价（元）；不写表示应采购人要求另行报价")
    note: Text | None = Field(default=None, description="说明")


class PriceItem(Frozen):
    name: Text = Field(description="配件或耗材名称")
    spec: Code | None = Field(default=None, description="规格说明")
    applies_to: Code | None = Field(default=None, description="适用机型")
    unit: Text | None = Field(default=None, description="单位")
    price: Money = Field(description="优惠单价（元）")
    market_price: Money | None = Field(default=None, description="市场价（元）")
    discount: Percent | None = Field(default=None, description="比市场价优惠率")
    original: bool | None = Field(default=None, description="是否原厂")
    cost: Money | None = Field(default=None, description="内部成本（元）：不会出现在任何对外文档中")
    lines: LinesField = Field(default=(), description="只适用于这些产品线或厂商（标识）；不写表示适用于全部")


class PriceList(Frozen):
    id: Id = Field(description="价目表标识")
    title: Text = Field(description="标题")
    note: Text | None = Field(default=None, description="说明")
    items: tuple[PriceItem, ...] = Field(min_length=1, description="条目")


class Fees(Frozen):
    in_warranty: Text = Field(description="质保期内收费说明，例如“不收取任何费用”")
    renewal: Renewal | None = Field(default=None, description="质保期满后续保")
    parts_pricing: Text | None = Field(default=None, description="配件价格原则，例如“不高于原合同成交价”")
    labour: tuple[LabourRule, ...] = Field(default=(), description="人工与服务费规则")
    annual_cap: AnnualCap | None = Field(default=None, description="年度维护费最高限价")
    upgrades: Text | None = Field(default=None, description="升级费用说明")
    notes: Texts = Field(default=(), description="其他说明")
    price_lists: tuple[PriceList, ...] = Field(default=(), description="配件、耗材价目表")
    internal_note: Text | None = Field(default=None, description="内部备注（利润、成本）：不会出现在任何对外文档中")
