"""Seed 002 (classroom equipment for a district education bureau): every promise
of the tender's after-sales section is stated in the content tree and survives
validation with the meaning the seed gives it."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from seedtrees import checked

from generator.model.common import CoveragePeriod, Frequency, Mode, StartEvent
from generator.model.durations import Duration, Unit
from generator.model.project import Marker, Numbering
from generator.model.response import MeasureKind
from generator.model.training import TrainingMode
from generator.model.values import TimeWindow
from generator.pipeline import check

TREE = Path(__file__).parent / "s002_classroom"
PROJECT = "lanbei-classroom"


def d(text: str) -> Duration:
    return Duration.parse(text)


@pytest.fixture(scope="module")
def result():
    return check(TREE)


@pytest.fixture(scope="module")
def model(result):
    assert result.model is not None
    return result.model


@pytest.fixture(scope="module")
def rp(model):
    return model.project(PROJECT)


@pytest.fixture(scope="module")
def c(rp):
    return rp.commitments


def test_tree_is_clean_but_for_its_findings():
    # The real section promises five trainers while its team is six customer-service
    # staff, none of whom trains; and a 7×24 duty system with no shifts.
    result = checked(TREE.name, "承诺讲师 5 名，但人员名单中能担任讲师（can_train）的只有 0 人", "没有排班")
    [error] = result.report.errors
    assert error.location is not None and error.location.path == "plans[0].trainers"


# --- 5 / 5.1 / 5.2 objectives ---------------------------------------------------


def test_objectives(model, c):
    assert model.content.company.philosophy == "用户至上、用心服务"
    assert "一站式" in c.objectives.goal
    assert len(c.objectives.scope) == 12
    for word in [
        "咨询",
        "故障处理",
        "系统安装",
        "升级",
        "调试",
        "性能调优",
        "系统管理",
        "版本及功能更新",
        "线路维护",
        "技术保障",
        "业务培训",
        "巡检回访",
    ]:
        assert any(word in s for s in c.objectives.scope), word


# --- warranty (5.3, 5.4-2, 5.5, 5.21) -------------------------------------------


def test_warranty_period_and_start(c):
    w = c.warranty
    assert w.period == d("1年")
    # "安装、验收合格并交付使用之日起": the clock starts at handover, the last event of the chain
    assert w.start_event is StartEvent.HANDOVER
    assert w.onsite_period == d("1年")
    assert w.lifetime_repair is True
    assert w.lifetime_maintenance is True  # 并提供终身维护
    assert "三包" in w.three_guarantees.regulation
    assert w.manufacturer_longer_prevails is True
    assert w.spec_prevails is True  # 5.4-2: the spec table's special requirements prevail


def test_warranty_components(c):
    groups = {g.name: list(g.parts) for g in c.warranty.components}
    assert groups["显示部分"] == ["显示主板", "显示电源板", "显示转接板", "液晶屏"]
    assert groups["电脑部分"] == ["电脑主板", "内存", "硬盘", "电源", "接口转接板"]
    assert groups["触控部分"] == ["触摸框"]
    parts = {p for g in c.warranty.components for p in g.parts}
    assert {"组合式推拉黑板", "壁挂式视频展台"} <= parts
    # the parts live in components now, not in the covered prose
    assert not any("显示主板" in x or "推拉黑板" in x for x in c.warranty.covered)


def test_warranty_scope(c):
    covered = "\n".join(c.warranty.covered)
    for item in ["显示异常", "触控失灵", "电脑部件故障", "预置系统及驱动", "设计、工艺或材料"]:
        assert item in covered, item
    excluded = "\n".join(c.warranty.excluded)
    assert len(c.warranty.excluded) == 4
    for item in [
        "屏幕碎裂",
        "进水",
        "外壳变形",
        "碎屏",
        "说明书",
        "高温",
        "潮湿",
        "电源线",
        "遥控器",
        "触摸笔",
        "移动支架",
        "无线传屏",
        "赠品",
        "火灾",
        "地震",
        "雷击",
        "洪涝",
    ]:
        assert item in excluded, item


def test_replaced_part_rule(c):
    assert c.warranty.replaced_part.minimum == d("90天")
    assert "较长者" in c.warranty.replaced_part.note


def test_in_warranty_costs(c, rp):
    assert "一切费用" in c.warranty.costs
    assert "不收取任何费用" in rp.fees.in_warranty
    su = c.warranty.software_updates
    assert su.free and su.period == d("1年")


def test_after_expiry(c):
    text = "\n".join(c.warranty.after_expiry)
    assert "不收费" in text and "终身" in text and "定期回访" in text and "另行签订" in text


# --- response (5.4, 5.12.1, 5.14, 5.22) -----------------------------------------


def test_four_levels_a_to_d(c):
    levels = c.response.levels
    assert [lv.name for lv in levels] == ["A级", "B级", "C级", "D级"]
    assert [lv.alias for lv in levels] == ["CRITICAL", "MAJOR", "MINOR", "LOW"]
    # the seed's 故障现象 are criteria (any one suffices), one per semicolon, not examples
    assert [len(lv.criteria) for lv in levels] == [5, 3, 2, 2]
    assert all(not lv.examples for lv in levels)
    a, b, _, d_level = levels
    assert any("24 小时" in x for x in a.criteria)
    assert any("48 小时" in x for x in b.criteria)
    assert any("重大活动" in x for x in a.criteria)
    assert any("重要部门" in x for x in a.criteria)
    assert any("技术咨询" in x for x in d_level.criteria)


def test_response_times_every_level(c, rp):
    kinds = {m.kind: m for m in c.response.measures}
    phone, arrival = kinds[MeasureKind.PHONE], kinds[MeasureKind.ARRIVAL]
    for lv in c.response.levels:
        assert rp.target(lv, phone).is_immediate
        assert rp.target(lv, phone) == d("立即")
        assert rp.arrival(lv) == d("2小时")
        assert rp.target(lv, arrival) == d("2小时")
    assert "书面通知" in c.response.counting


def test_spare_unit_when_not_fixed_in_time(c):
    su = c.response.spare_unit
    # "故障不能按时排除的…立即无偿提供备用产品": a trigger, not a deadline
    assert su.within is None
    assert "不能按时排除" in su.trigger
    assert su.free is True  # 无偿
    assert su.equivalent is None and su.until is None  # the seed states neither
    # 5.11.4 (a loaner for what cannot be repaired on site) is spare_parts.loaner's, stated once
    assert su.note is None and not c.response.remedies
    # "立即无偿提供备用产品": when it comes, typed (provided_within), and how every output reads it
    assert su.zh() == "故障不能按时排除的，立即免费提供备用产品"


def test_post_warranty_response(c):
    pw = c.response.post_warranty.targets
    assert pw["respond"].value == d("2小时")
    assert pw["arrival"].value == d("4小时")


# --- channels, hotline, service point (5.12.2, 5.24, 5.26) ----------------------


def test_hotline_and_service_point(model, rp):
    company = model.content.company
    service = next(h for h in company.hotlines if h.id == "service")
    assert service.hours.promise == "7×24"
    assert service.hours.windows[0].time.whole_day
    assert "手机" in service.hours.note
    assert rp.service_point.hours.promise == "7×24"
    assert rp.service_point.phone == service.number
    assert company.fax
    names = {ch.name for ch in rp.commitments.channels}
    assert {"电话", "网站", "电子邮件", "传真", "信函", "来访"} <= names
    assert rp.commitments.emergency.hotline == "service"
    assert len(company.departments) == 5
    assert company.complaint is None  # the seed names no separate complaint line


# --- process (5.10) -------------------------------------------------------------


def test_process(c):
    steps = c.process.steps
    assert len(steps) == 7  # the seed numbers them 1–5, 7, 8
    by_id = {s.id: s for s in steps}
    assert by_id["onsite"].within == d("2小时")
    assert "待处理问题清册" in by_id["onsite-request"].action
    assert "损失评估" in by_id["report"].outcome
    assert "备用设备" in by_id["onsite"].action
    assert {"维修任务书", "维修登记单"} <= set(c.process.records)


def test_procedures(c):
    procs = {p.id: p for p in c.procedures}
    assert set(procs) == {"repair-task", "self-help", "emergency"}

    repair = procs["repair-task"]  # 5.20
    steps = {s.id: s for s in repair.steps}
    assert [s.id for s in repair.steps] == ["confirm", "fill-task", "analyse", "review", "dispatch"]
    assert "回访" in steps["confirm"].condition and "投诉" in steps["confirm"].condition
    assert steps["review"].actor == "部门主管"
    assert steps["dispatch"].actor == "技术部门"
    assert "维修登记单" in steps["dispatch"].outcome and "完成日期" in steps["dispatch"].action

    self_help = procs["self-help"]  # 5.19
    steps = {s.id: s for s in self_help.steps}
    assert set(steps["judge"].next) == {"call", "restore"}  # fix it yourself, or phone us
    assert steps["advise"].actor == "专职售后人员"
    assert steps["advise"].next == ("restore",)
    assert steps["restore"].actor == "操作人员"

    emergency = [s.id for s in procs["emergency"].steps]
    assert emergency.index("pre-check") < emergency.index("handle") < emergency.index("post-check")
    handle = next(s for s in procs["emergency"].steps if s.id == "handle")
    assert "升级" in handle.action


def test_remote_support(c):
    rs = c.remote_support
    assert rs.consent_required is True
    methods = "\n".join(rs.methods)
    assert "PSTN" in methods and "VPN" in methods and "远程协助" in methods
    assert "携带备用设备" in rs.description


# --- maintenance: inspections and callbacks (5.4, 5.16, 5.17) -------------------


def test_yearly_maintenance_four_times(c):
    m = next(i for i in c.maintenance.inspections if i.id == "yearly-maintenance")
    assert m.frequency is Frequency.YEARLY and m.times == 4
    assert m.during is CoveragePeriod.WARRANTY


def test_quarterly_onsite_inspection(c):
    i = next(i for i in c.maintenance.inspections if i.id == "quarterly-onsite")
    assert i.frequency is Frequency.QUARTERLY and i.mode is Mode.ON_SITE
    assert i.start_event is StartEvent.HANDOVER  # 项目验收交付使用后
    assert i.during is None  # 5.17 does not say for how long
    assert len(i.checklist) == 8
    assert "巡检记录表" in i.reports
    platform = next(i for i in c.maintenance.inspections if i.id == "quarterly-platform")
    assert platform.frequency is Frequency.QUARTERLY
    remote = next(i for i in c.maintenance.inspections if i.id == "remote-with-callback")
    assert remote.mode is Mode.REMOTE and remote.other_modes == (Mode.PHONE,)


def test_quarterly_callbacks(c):
    (cb,) = c.maintenance.callbacks
    assert cb.frequency is Frequency.QUARTERLY
    # phone callbacks first, visits added as circumstances require
    assert cb.mode is Mode.PHONE and cb.other_modes == (Mode.ON_SITE,)
    # quarterly within warranty (5.4), still periodic after it (5.22)
    assert cb.during is CoveragePeriod.WHOLE
    windows = [TimeWindow.parse("9:30-11:30"), TimeWindow.parse("14:50-17:00")]
    assert list(cb.time_windows) == windows
    assert cb.time_windows[0].minutes == 120 and cb.time_windows[1].minutes == 130
    # 项目交付至正式使用时间达一个月之后
    assert cb.start_event is StartEvent.HANDOVER and cb.start_after == d("1个月")
    assert len(cb.purposes) == 3
    purposes = "\n".join(cb.purposes)
    assert "服务形象" in purposes and "客户关系" in purposes and "满意度" in purposes


def test_event_support(c):
    assert "驻守" in c.maintenance.event_support


# --- spare parts, emergency (5.11.4, 5.12.3, 5.13, 5.15) ------------------------


def test_spare_parts(c):
    assert c.spare_parts.pickup_delivery and c.spare_parts.original_parts
    assert "备用机" in c.spare_parts.loaner


def test_emergency(c):
    e = c.emergency
    assert [g.name for g in e.groups] == [
        "应急领导小组",
        "重大事故责任人",
        "应急技术处理小组",
        "系统业务检测小组",
        "应急资源准备小组",
    ]
    assert [len(g.duties) for g in e.groups] == [4, 4, 3, 2, 2]
    assert "先恢复业务，再处理故障" in e.principles
    assert len(e.scenarios) == 10
    categories = [s.category for s in e.scenarios]
    assert categories.count("硬件故障") == 3 and categories.count("软件故障") == 2 and categories.count("网络中断") == 1
    assert len(e.prevention) == 4
    assert [dr.frequency for dr in e.drills] == [Frequency.IRREGULAR]
    assert set(e.levels[0].groups) == {g.id for g in e.groups}
    assert "应急车辆" in "\n".join(e.resources)


# --- training (5.4-5, 5.25) -----------------------------------------------------


def test_training_plan(rp):
    plan = rp.training_plan
    assert plan is not None
    assert plan.trainers == 5
    assert plan.min_trainees == 10
    assert plan.class_hours == Decimal(20)
    assert plan.days == Decimal(7) and plan.approximate  # 约 / 预计 7 天，视情况增减
    assert plan.with_manufacturer
    assert set(plan.modes) == {TrainingMode.CENTRAL, TrainingMode.ON_SITE}
    assert len(plan.objectives) == 7
    assert set(plan.assessment) == {"闭卷笔试", "上机操作", "问卷调查"}
    assert "实施现场" in plan.place and "采购人" in plan.place
    assert plan.free
    modules = {m.mode: m for m in plan.modules}
    central, on_site = modules[TrainingMode.CENTRAL], modules[TrainingMode.ON_SITE]
    assert central.hours == Decimal(20) and central.min_trainees == 10
    assert on_site.hours is None and on_site.min_trainees is None  # 人数不限
    assert any("教学资源库" in x for x in on_site.content)


# --- fees and price list (5.3-1, 5.22, 5.23) ------------------------------------


def test_price_rows(rp):
    items = rp.fees.price_lists[0].items
    assert [(i.name, i.price, i.discount) for i in items] == [
        ("触控笔", Decimal(300), Decimal(9)),
        ("电源适配器", Decimal(150), Decimal(9)),
        ("HDMI 连接线", Decimal(200), Decimal(9)),
    ]
    assert all(i.original for i in items)
    assert all(i.unit is None for i in items)  # the seed gives no unit
    assert "220V" in items[1].spec and "1.5 米" in items[2].spec and "4K" in items[2].spec


def test_fee_rules(rp):
    fees = rp.fees
    assert any("维修成本" in r.charge for r in fees.labour)
    assert any(r.charge == "不收费" for r in fees.labour)
    # annual maintenance cap: offered on request, no amount in the bid
    assert fees.annual_cap is not None and fees.annual_cap.amount is None
    assert "最高限价" in fees.annual_cap.note
    assert not fees.notes
    assert "相同或更优惠" in fees.parts_pricing


# --- staff (5.27) ---------------------------------------------------------------


def test_staff_rows(model, rp):
    people = model.content.staff.people
    assert len(people) == 6
    assert [p.title for p in people] == ["客服经理"] + ["售后客服"] * 5
    roles = {r.id: r for r in model.content.staff.roles}
    assert roles[people[0].role].name == "总协调人"
    assert all(roles[p.role].name == "售后人员" for p in people[1:])
    for r in roles.values():
        assert any("立即响应" in t and "2小时" in t for t in r.duties)
    assert rp.manager is not None and rp.manager.id == people[0].id
    rota = model.content.staff.duty_rota
    assert rota.promise == "7×24" and not rota.shifts  # a rota is promised, no shifts are named


def test_team_members_requirements(model, rp):
    # 5.12.2: every member of the 7×24 team has project experience and handles common faults;
    # the section asks no education, years or certificates, and no headcount beyond the table's rows.
    staff = model.content.staff
    for r in staff.roles:
        assert r.requirements.skills == ("具备项目经验", "能准确判断故障问题、熟练处理常见的网络与设备故障")
        assert r.requirements.education is None and r.requirements.experience == ()
        assert r.requirements.certificates == () and r.headcount is None
    assert "告警" in staff.duty_rota.description and "项目经验" not in staff.duty_rota.description
    rows = {row.role.id: row for row in rp.staffing}
    assert [rows[k].headcount for k in ("coordinator", "aftersales")] == [1, 5]  # counted from the table
    assert rows["aftersales"].requirements_zh == "具备项目经验；能准确判断故障问题、熟练处理常见的网络与设备故障"


# --- deliverables (5.4-5, 5.11.1, 5.11.6) ---------------------------------------


def test_deliverables(c):
    names = [x.name for x in c.deliverables]
    for n in [
        "系统建设技术方案",
        "系统用户手册及技术手册",
        "系统验收报告",
        "主要设备厂商维护网点",
        "系统相关软件的资料、软盘和光盘",
        "其他用户要求提交的相关资料",
        "产品使用手册",
        "使用说明书",
        "操作培训手册",
        "维护手册",
    ]:
        assert n in names, n
    after_acceptance = [x for x in c.deliverables if x.when == "系统最终验收合格后"]
    assert len(after_acceptance) == 6


# --- project and commercial terms (5.6–5.9) -------------------------------------


def test_project(rp, model):
    p = rp.project
    assert p.numbering is Numbering.CHINESE and p.chapter_prefix == "5"
    req = {r.clause: r for r in p.requirements}
    assert [r.clause for r in p.requirements if r.marker is Marker.IMPORTANT] == ["5.7", "5.8-1", "5.8-2"]
    assert "30 个工作日" in req["5.6"].text
    assert "30%" in req["5.8-1"].text and "100%" in req["5.8-1"].text
    assert "1 年" in req["5.3-2"].text
    blocks = {b.id: b for b in model.content.prose.blocks}
    assert all(f"prose:{b}" in p.sections for b in blocks)
    # commercial terms, remote support and the repair flow are fields now, not prose
    assert set(blocks) == {"product-quality"}
    assert not p.notes


def test_commercial_terms(rp):
    t = rp.project.commercial
    assert t.delivery_within.unit is Unit.WORKING_DAY and t.delivery_within.amount == 30
    assert t.delivery_from is StartEvent.CONTRACT
    assert list(t.delivery_scope) == ["交货", "安装调试", "交付使用"]
    # 5.3's product guarantees: typed, no longer a prose block
    assert "全新原装正品（含配套软件）" in t.product_condition and "经厂家合法渠道供应" in t.product_condition
    assert "各使用学校" in t.delivery_place
    assert t.product_age_max == d("1年")
    pay = t.payment
    assert pay.prepayment == Decimal(30) and pay.prepayment_waivable
    assert [m.cumulative for m in pay.milestones] == [Decimal(100)]
    assert "验收合格" in pay.milestones[0].event
    assert pay.settle_by_actual_quantity
    assert t.currency == "人民币" and t.pricing_basis == "总价包干"
    assert len(t.price_includes) == 22
    for item in ["设备货款", "备品备件", "培训", "保修", "税金", "产品检测费"]:
        assert item in t.price_includes, item
    false_bid = next(u for u in t.undertakings if "应答指标" in u.condition)
    assert "虚假应标" in false_bid.remedy
    testing = next(u for u in t.undertakings if "测试" in u.condition and u is not false_bid)
    assert "费用由我方承担" in testing.remedy


def test_equipment_types(rp):
    eq = {e.id: e for e in rp.project.equipment}
    assert {e.name for e in eq.values()} >= {"组合式推拉黑板", "壁挂式视频展台"}
    assert "交互智能平板" in eq["panel"].name
    for e in eq.values():
        assert e.brand or e.manufacturer, e.id
        assert e.model is None and e.quantity is None  # per the purchase list
