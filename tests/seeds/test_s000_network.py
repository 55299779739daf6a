"""Seed 000 (network/IT after-sales capability): every promise of the section, on the model."""

from __future__ import annotations

import pytest
from seedtrees import clean_model

from generator.model.common import DayKind, Frequency, Mode, StartEvent
from generator.model.durations import Duration
from generator.model.response import MeasureKind

D = Duration.parse


@pytest.fixture(scope="module")
def model():
    # The section promises a 7×24 line and a duty system but names no shifts.
    return clean_model(
        "s000_network",
        "没有排班（duty_rota.shifts），无法核对",
        # The real section states the post-warranty pricing rule under warranty and again under spare parts.
        "方案中“质保期满后，保修服务按同类货物的优惠价格提供”出现了两次（质保服务 / 质保期满后的服务；备品备件）",
    )


@pytest.fixture(scope="module")
def c(model):
    return model.content.commitments


def test_tree_is_clean(model):
    assert len(model.projects) == 1
    rp = model.projects[0]
    assert rp.project.training_plan == "system"
    # The goods' condition (1.1), once the only promise without a field, is commercial.product_condition.
    assert not any(s.startswith("prose:") for s in rp.project.sections)
    assert model.content.prose.blocks == ()


def test_nothing_promised_that_the_seed_does_not(model, c):
    company = model.content.company
    assert company.philosophy is None  # the seed states no service philosophy
    assert [d.name for d in company.departments] == ["VIP 保障中心"]
    assert company.service_points[0].hours is None  # only the hotline is 7×24
    assert c.emergency is None  # no emergency plan in the seed
    assert "emergency" not in model.projects[0].project.sections
    assert c.phases == ()  # after-warranty terms live in warranty, response and fees


# 1.1 service content ---------------------------------------------------------


def test_goods_new_and_three_guarantees(model, c):
    goods = model.projects[0].project.commercial.product_condition
    assert goods == ("全新、未经使用", "经过严格检验", "在正常使用和保养下达到产品的使用寿命")
    w = c.warranty
    assert w.three_guarantees is not None and "三包" in w.three_guarantees.regulation
    for word in ("包修", "包换", "包退", "维护保养"):
        assert word in w.costs


def test_quarterly_inspection(c):
    insp = {i.id: i for i in c.maintenance.inspections}["quarterly-inspection"]
    assert insp.frequency is Frequency.QUARTERLY and insp.times == 1 and insp.mode is Mode.ON_SITE
    assert set(insp.scope) == {"服务器", "电脑", "路由器", "交换机", "电脑外设", "网络设备"}
    assert any("运行状况" in x for x in insp.checklist)
    assert any("隐患" in x for x in insp.checklist)
    assert any("意见与建议" in r for r in insp.reports)


# 1.2 phone fault reporting -----------------------------------------------------


def test_phone_fault_process(c):
    steps = c.process.steps
    assert [s.id for s in steps] == ["report", "guide", "judge", "survey", "fix", "record"]
    assert set({s.id: s for s in steps}["judge"].next) == {"survey", "record"}
    assert {s.id: s for s in steps}["record"].outcome == "维护记录"
    (channel,) = c.channels
    assert channel.name == "电话" and channel.hotline == "service"


def test_onsite_and_remote_on_demand(c):
    rs = c.remote_support
    assert rs is not None and "根据用户需求" in rs.description and "远程服务" in rs.description
    assert rs.consent_required is None  # the seed says nothing about consent
    assert rs.methods == ()
    assert any("现场服务和远程服务" in s for s in c.objectives.scope)


# 1.3 warranty and response -----------------------------------------------------


def test_warranty(c):
    w = c.warranty
    assert w.period == D("2年")
    assert w.start_event is StartEvent.ACCEPTANCE
    assert w.lifetime_repair is True  # 终生维修
    assert w.lifetime_maintenance is True  # 终生保养
    assert "维修成本" in w.lifetime_note
    assert "二次故障" in w.second_failure and "免费更换" in w.second_failure
    assert any("合理的价格" in x for x in w.after_expiry)
    assert any("优惠价格" in x for x in w.after_expiry)
    updates = w.software_updates
    assert updates is not None and updates.free and "平台买断" in updates.note
    # "系统的更新升级…不另收取费用" states neither a period nor a lifetime promise.
    assert updates.period is None and updates.lifetime is False


def test_hotline_7x24(model):
    company = model.content.company
    (hotline,) = company.hotlines
    assert hotline.hours.promise == "7×24"
    assert hotline.hours.windows[0].days is DayKind.DAILY and hotline.hours.windows[0].time.whole_day
    assert hotline.number == "0000-8000-0001"
    assert company.complaint is None  # the seed names no complaint line


def test_response_targets(c):
    r = c.response
    kinds = {m.id: m.kind for m in r.measures}
    assert kinds == {"phone": MeasureKind.PHONE, "arrival": MeasureKind.ARRIVAL}
    # The section grades no faults: both limits bind every fault, with no level table.
    assert r.levels == ()
    phone_b, arrival_b = r.blanket
    assert phone_b.measure == "phone" and arrival_b.measure == "arrival"
    assert not (phone_b.levels or phone_b.scope or arrival_b.levels or arrival_b.scope)
    phone, arrival = phone_b.within.value, arrival_b.within.value
    assert phone == D("1小时") and phone < D("61分钟") and "严格小于" in phone_b.note
    assert arrival == D("6小时")
    assert {m.id: m for m in r.measures}["arrival"].condition == "如需现场解决"


def test_post_warranty_same_as_warranty(c):
    # 1.3: 质保期满后发生故障，按照质保期内的维护准则要求自己
    pw = c.response.post_warranty
    assert pw is not None and pw.same_as_warranty is True
    assert dict(pw.targets) == {}  # not copied: the in-warranty targets apply
    assert "维护准则" in pw.note and "维修成本" in pw.note


def test_project_arrival(model):
    rp = model.projects[0]
    _phone, arrival = rp.blanket_at_site()
    assert (arrival.applies, arrival.measure.heading, arrival.limit) == (
        "所有故障",
        "到达现场（如需现场解决）",
        "6小时内",
    )


# 1.4 maintenance ----------------------------------------------------------------


def test_monthly_record_form(c):
    (report,) = c.quality.reports
    assert report.name == "日常保养巡检记录表" and report.frequency is Frequency.MONTHLY


def test_vip_centre(model):
    depts = {d.name: d for d in model.content.company.departments}
    assert "日常保养维护" in "".join(depts["VIP 保障中心"].duties)


def test_device_and_system_care(c):
    acts = {i.id: i for i in c.maintenance.inspections}
    assert set(acts) == {"quarterly-inspection", "device-care", "system-care", "terminal-care"}
    assert acts["quarterly-inspection"].at_least is False  # 每季度巡检一次: an exact frequency
    care = acts["device-care"]
    assert care.frequency is Frequency.QUARTERLY and care.times == 1
    assert care.at_least is True  # 至少每季 1 次
    assert {"设备表面清洁", "除垢", "测试设备性能"} <= set(care.checklist)
    system = acts["system-care"]
    assert system.frequency is Frequency.YEARLY and system.times == 2
    assert system.at_least is True  # 每年至少上下半年各一次
    assert system.months == (4, 9) and system.week_of_month == 1
    assert {"服务器软硬件系统", "网络线缆线路", "网络交换路由设备", "备用电源"} <= set(system.scope)
    terminals = acts["terminal-care"]
    assert terminals.frequency is Frequency.MONTHLY
    assert terminals.mode is None  # the section does not say on site or remote
    assert len(terminals.checklist) == 10
    assert "病毒防范及消除" in terminals.checklist and "硬盘垃圾清理" in terminals.checklist
    # The seed never says whether these activities belong to the warranty or later.
    assert all(a.during is None for a in acts.values())
    assert all(a.start_event is None for a in acts.values())


def test_hazard_replacement_after_preventive_maintenance(c):
    (proc,) = c.procedures
    assert proc.id == "hazard-replacement" and "预防性维护后" in proc.description
    steps = {s.id: s for s in proc.steps}
    assert list(steps) == ["prepare", "replace", "restore"]
    assert "备件" in steps["prepare"].action and "立即更换" in steps["replace"].action
    assert "最短时间" in steps["restore"].action


# 1.5 spares ---------------------------------------------------------------------


def test_spares(model, c):
    sp = c.spare_parts
    assert sp.pickup_delivery is True
    assert sp.stock_points == ("hq",)
    assert model.index.service_points["hq"].spare_stock
    assert any("各服务点" in p for p in sp.policy)
    assert sp.loaner is None  # the spare unit below states it once
    assert sp.original_parts is None  # not stated
    su = c.response.spare_unit
    assert su is not None and su.within == D("24小时") and su.trigger is None
    assert su.free is True  # 不再收取额外费用
    assert su.equivalent is None and su.until is None  # the seed states neither
    assert "不影响采购单位使用" in su.note


def test_duty_rules(model):
    rota = model.content.staff.duty_rota
    assert "值班员岗位责任制" in rota.description
    assert rota.promise is None and rota.shifts == ()  # no hours or shifts in the seed
    rules = model.content.staff.rules
    assert len(rules) == 10
    assert "值班员岗位责任制" in rules[0]
    assert any("玩游戏" in r and "公共网络" in r and "病毒" in r for r in rules)
    assert any("礼貌" in r for r in rules)
    assert any("值班电话" in r for r in rules)


# 1.6 training -------------------------------------------------------------------


def test_training(model):
    (plan,) = model.content.training.plans
    assert plan.timing == "系统调试开通后"
    assert len(plan.objectives) == 4
    assert any("排除常见故障" in o for o in plan.objectives)
    assert any("构成和原理" in o for o in plan.objectives)
    # The seed names no trainers, modes, duration or price.
    assert plan.trainers is None and plan.trainer_people == ()
    assert plan.modes == () and plan.days is None
    assert plan.free is None


# 1.7 fees -----------------------------------------------------------------------


def test_fees(model):
    fees = model.content.fees
    assert "免费" in fees.in_warranty
    cases = {r.case: r.charge for r in fees.labour}
    assert cases["超出质保期的维修或更换"] == "按我方提供的价格收取"
    assert cases["人为原因造成产品损坏的维修或更换"] == "按我方提供的价格收取"
    assert "维修成本" in cases["质保期满后发生故障的维修"]
    assert "不另收取费用" in fees.upgrades and "平台买断除外" in fees.upgrades
