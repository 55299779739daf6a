"""Promises the data contradicts or cannot keep (generator/checks/integrity.py): each rule with a
tree that breaks it and one that keeps it, checking message, severity and location."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import EXAMPLE, minimal, staff_able_to_train
from example_expected import EXAMPLE_FINDINGS
from prose_trees import assert_clean, at, findings, only

from generator.pipeline import check
from generator.reading.diagnostics import Severity

MakeTree = Callable[..., Path]


# --- 1. numbers typed into prose ---------------------------------------------------


def prose_tree(make_tree: MakeTree, body: str, commitments: str | None = None) -> Path:
    """prose.yaml with one block, used by the project so it is not reported as unused."""
    lines = "".join(f"      {line}\n" for line in body.splitlines())
    prose = f"blocks:\n  - id: note\n    title: 说明\n    body: |\n{lines}"
    project = minimal("projects/demo.yaml") + "sections: [letter, prose:note]\n"
    files = {"prose.yaml": prose, "projects/demo.yaml": project}
    if commitments is not None:
        files["commitments.yaml"] = commitments
    return make_tree(files)


def test_prose_literal_arrival_time_contradicting_the_model(make_tree: MakeTree) -> None:
    d = only(prose_tree(make_tree, "我方承诺：\n一级故障 3 小时内到达现场。"))
    assert d.severity is Severity.ERROR
    assert "正文第 2 行" in d.message and "3 小时" in d.message
    # Compared with what the model states for the level the sentence names, listed by value,
    # and the variable suggested prints that level's time for the project's own area.
    assert "与一级故障的到场时限（1小时、4小时）不一致" in d.message
    expr = "response.levels[0].targets.arrival.for_area(project.region.id, project.region.zone).within()"
    assert f"{{{{ {expr} }}}}" in d.message
    assert at(d.location) == ("prose.yaml", "blocks[0].body")


def test_prose_literal_equal_to_a_promise_passes(make_tree: MakeTree) -> None:
    assert_clean(prose_tree(make_tree, "我方承诺：\n一级故障 4 小时内到达现场。"))


def test_prose_variable_is_not_a_literal(make_tree: MakeTree) -> None:
    body = "一级故障{{ response.levels[0].targets.arrival }}内到达现场，质保{{ warranty.period.zh() }}。"
    assert_clean(prose_tree(make_tree, body))


CALLBACK = """
  callbacks:
    - id: after
      name: 服务后回访
      frequency: 每次服务后
      mode: 电话
      satisfaction_target: 95%
"""


def with_callback() -> str:
    return minimal("commitments.yaml").replace("      mode: 现场\n", "      mode: 现场\n" + CALLBACK.lstrip("\n"))


def test_prose_percentage_contradicting_satisfaction_target(make_tree: MakeTree) -> None:
    d = only(prose_tree(make_tree, "用户满意度 90% 以上。", with_callback()))
    assert d.severity is Severity.ERROR
    assert "90%" in d.message and "满意度目标" in d.message and "95%" in d.message
    assert "正文第 1 行" in d.message
    assert at(d.location) == ("prose.yaml", "blocks[0].body")
    assert_clean(prose_tree(make_tree, "用户满意度 95% 以上。", with_callback()))


@pytest.mark.parametrize("body", ["每年 1 次培训。", "公司成立 10 年。", "公司成立 10 年。一级故障 4小时内到达现场。"])
def test_prose_numbers_without_a_promise_keyword_pass(make_tree: MakeTree, body: str) -> None:
    assert_clean(prose_tree(make_tree, body))


def test_prose_duration_in_another_comma_clause_is_not_a_promise(make_tree: MakeTree) -> None:
    assert_clean(prose_tree(make_tree, "公司成立 10 年，一级故障 4小时内到达现场。"))


FAST_LEVELS = """
overrides:
  commitments:
    response:
      levels:
        - id: l1
          name: 一级故障
          definition: 系统瘫痪。
          targets:
            phone: 10分钟
            arrival: 30分钟
        - id: l2
          name: 二级故障
          definition: 部分中断。
          targets:
            phone: 30分钟
            arrival: 1小时
"""


PLAN = """
plans:
  - id: std
    name: 标准培训
    objectives: [会用]
    audiences: [管理员]
    trainers: 2
    trainer_people: [p1, p2]
    min_trainees: 10
    class_hours: 20
"""


def trained_prose_tree(make_tree: MakeTree, body: str) -> Path:
    """A project with a training plan and a prose block of its own."""
    lines = "".join(f"      {line}\n" for line in body.splitlines())
    project = (
        minimal("projects/demo.yaml")
        + "training_plan: std\nsections: [letter, prose:note]\n"
        + f"prose:\n  - id: note\n    title: 培训说明\n    body: |\n{lines}"
    )
    return make_tree(
        {"training.yaml": PLAN, "staff.yaml": staff_able_to_train("p1", "p2"), "projects/demo.yaml": project}
    )


def test_prose_counts_agree_with_the_training_plan(make_tree: MakeTree) -> None:
    assert_clean(trained_prose_tree(make_tree, "派讲师 2 名，培训人数不少于 10 人，总课时 20 学时。"))


def test_prose_counts_contradicting_the_training_plan(make_tree: MakeTree) -> None:
    items = findings(trained_prose_tree(make_tree, "派讲师 3 名，\n培训人数不少于 12 人，总课时 16 学时。"))
    assert [d.severity for d in items] == [Severity.ERROR] * 3
    text = " ".join(d.message for d in items)
    for expected in (
        "正文第 1 行写着“3 名”，与讲师人数（2名）",
        "正文第 2 行写着“12 人”，与培训人数（10人）",
        "“16 学时”，与培训课时（20学时）",
    ):
        assert expected in text
    assert {at(d.location) for d in items} == {("demo.yaml", "prose[0].body")}


def test_counts_without_a_training_keyword_pass(make_tree: MakeTree) -> None:
    assert_clean(trained_prose_tree(make_tree, "公司现有 120 名员工，服务 300 人次。"))


def own_prose(body: str) -> str:
    return f"sections: [letter, prose:own]\nprose:\n  - id: own\n    title: 本项目说明\n    body: {body}\n"


def test_project_prose_checks_against_the_project_facts(make_tree: MakeTree) -> None:
    project = minimal("projects/demo.yaml") + own_prose("一级故障 30分钟内到达现场。")
    d = only(make_tree({"projects/demo.yaml": project}))
    assert d.severity is Severity.ERROR
    assert "30分钟" in d.message and "到场时限" in d.message and "正文第 1 行" in d.message
    assert at(d.location) == ("demo.yaml", "prose[0].body")
    # With the project's override the same sentence is what the project promises.
    assert_clean(make_tree({"projects/demo.yaml": project + FAST_LEVELS}))


def test_project_prose_cannot_repeat_a_value_its_override_replaced(make_tree: MakeTree) -> None:
    project = minimal("projects/demo.yaml") + own_prose("一级故障 4小时内到达现场。") + FAST_LEVELS
    d = only(make_tree({"projects/demo.yaml": project}))
    assert d.severity is Severity.ERROR and "4小时" in d.message
    assert at(d.location) == ("demo.yaml", "prose[0].body")


# --- 2. a 7×24 line needs a round-the-clock rota ------------------------------------

ALL_DAY = "      days: 每天\n      time: 0:00-24:00\n"


def test_minimal_rota_backs_the_7x24_hotline(make_tree: MakeTree) -> None:
    assert ALL_DAY in minimal("staff.yaml")
    assert_clean(make_tree())


def test_rota_ending_at_six_breaks_7x24(make_tree: MakeTree) -> None:
    staff = minimal("staff.yaml").replace(ALL_DAY, "      days: 每天\n      time: 8:00-18:00\n")
    items = findings(make_tree({"staff.yaml": staff}))
    assert [d.severity for d in items] == [Severity.ERROR] * 3
    workday, weekend, holiday = items
    assert "7×24" in workday.message and "工作日 18:00" in workday.message
    assert "周末 18:00" in weekend.message
    assert "法定节假日 18:00" in holiday.message
    for d in items:
        assert at(d.location) == ("company.yaml", "hotlines[0].hours")
        assert [at(r) for r in d.related] == [("staff.yaml", "duty_rota.shifts")]


def test_rota_short_at_weekends(make_tree: MakeTree) -> None:
    shifts = (
        "      days: 工作日\n      time: 0:00-24:00\n      people: [p1]\n"
        "    - name: 周末白班\n      days: 周末及节假日\n      time: 8:00-20:00\n"
    )
    staff = minimal("staff.yaml").replace(ALL_DAY, shifts)
    items = findings(make_tree({"staff.yaml": staff}))
    assert [d.severity for d in items] == [Severity.ERROR] * 2
    assert "周末 20:00" in items[0].message and "法定节假日 20:00" in items[1].message
    assert not any("工作日" in d.message for d in items)
    for d in items:
        assert at(d.location) == ("company.yaml", "hotlines[0].hours")
        assert [at(r) for r in d.related] == [("staff.yaml", "duty_rota.shifts")]


def test_no_rota_is_a_warning(make_tree: MakeTree) -> None:
    staff = minimal("staff.yaml").split("duty_rota:")[0]
    d = only(make_tree({"staff.yaml": staff}))
    assert d.severity is Severity.WARNING
    assert "7×24" in d.message and "无法核对" in d.message
    assert at(d.location) == ("company.yaml", "hotlines[0].hours")
    assert [at(r) for r in d.related] == [("staff.yaml", "")]
    # A rota that only describes the duty system points at it.
    staff += "duty_rota:\n  description: 节假日安排专人值班。\n"
    d = only(make_tree({"staff.yaml": staff}))
    assert d.severity is Severity.WARNING and "无法核对" in d.message
    assert [at(r) for r in d.related] == [("staff.yaml", "duty_rota")]


def test_day_and_overnight_shifts_cover_the_clock(make_tree: MakeTree) -> None:
    shifts = (
        "      days: 每天\n      time: 8:00-18:00\n      people: [p1]\n"
        "    - name: 夜班\n      days: 每天\n      time: 18:00-8:00\n"
    )
    staff = minimal("staff.yaml").replace(ALL_DAY, shifts)
    assert_clean(make_tree({"staff.yaml": staff}))


def test_rota_without_holiday_shifts(make_tree: MakeTree) -> None:
    shifts = (
        "      days: 工作日\n      time: 0:00-24:00\n      people: [p1]\n"
        "    - name: 周末\n      days: 周末\n      time: 0:00-24:00\n"
    )
    staff = minimal("staff.yaml").replace(ALL_DAY, shifts)
    d = only(make_tree({"staff.yaml": staff}))
    assert d.severity is Severity.ERROR and "节假日" in d.message


HOURS_5X8 = """
    hours:
      promise: 5×8
      windows:
        - days: 工作日
          time: 8:30-17:30"""


def test_5x8_hotline_needs_no_round_the_clock_rota(make_tree: MakeTree) -> None:
    company = minimal("company.yaml").replace("\n    hours: 7×24", HOURS_5X8)
    staff = minimal("staff.yaml").replace(ALL_DAY, "      days: 工作日\n      time: 8:00-18:00\n")
    assert_clean(make_tree({"company.yaml": company, "staff.yaml": staff}))
    assert_clean(make_tree({"company.yaml": company, "staff.yaml": minimal("staff.yaml").split("duty_rota:")[0]}))


# --- 3. an on-site time needs someone who can get there -----------------------------


@pytest.mark.parametrize(
    "partners",
    [None, "partners: []\n", minimal("partners.yaml").replace("regions: [beta]", "regions: [alpha]")],
    ids=["no-file", "no-partner", "partner-elsewhere"],
)
def test_region_with_arrival_promise_but_nobody_there(make_tree: MakeTree, partners: str | None) -> None:
    d = only(make_tree({"partners.yaml": partners}))
    assert d.severity is Severity.ERROR
    assert "乙县" in d.message and "到场时限" in d.message
    assert at(d.location) == ("company.yaml", "regions[1]")
    assert [at(r) for r in d.related] == [("commitments.yaml", "response.levels[0].targets.arrival.far")]


def test_partner_covers_the_far_region(make_tree: MakeTree) -> None:
    assert "regions: [beta]" in minimal("partners.yaml")
    assert_clean(make_tree())


# --- 4. trainers --------------------------------------------------------------------

CAN_TRAIN_P1 = staff_able_to_train("p1")

TRAINING = """
plans:
  - id: std
    name: 标准培训
    objectives: [会用]
    audiences: [管理员]
    trainers: {trainers}
    trainer_people: {people}
"""


def training(trainers: int, people: str) -> str:
    return TRAINING.format(trainers=trainers, people=people)


def test_more_trainers_promised_than_people_who_train(make_tree: MakeTree) -> None:
    d = only(make_tree({"staff.yaml": CAN_TRAIN_P1, "training.yaml": training(3, "[p1]")}))
    assert d.severity is Severity.ERROR
    assert "标准培训" in d.message and "3 名" in d.message and "只有 1 人" in d.message
    assert at(d.location) == ("training.yaml", "plans[0].trainers")
    assert_clean(make_tree({"staff.yaml": CAN_TRAIN_P1, "training.yaml": training(1, "[p1]")}))


def test_listed_trainer_who_cannot_train(make_tree: MakeTree) -> None:
    d = only(make_tree({"staff.yaml": CAN_TRAIN_P1, "training.yaml": training(1, "[p2]")}))
    assert d.severity is Severity.ERROR
    assert "乙工" in d.message and "p2" in d.message and "can_train" in d.message
    assert at(d.location) == ("training.yaml", "plans[0].trainer_people[0]")
    items = findings(make_tree({"staff.yaml": CAN_TRAIN_P1, "training.yaml": training(2, "[p1, p2]")}))
    located = [(d.severity, at(d.location)) for d in items]
    assert (Severity.ERROR, ("training.yaml", "plans[0].trainer_people[1]")) in located
    assert (Severity.ERROR, ("training.yaml", "plans[0].trainer_people[0]")) not in located


# --- 5. warranty shorter than the manufacturer's own -------------------------------

MAKERS = """
manufacturers:
  - id: acme
    name: 示例厂商
    product_lines:
      - name: 交换机
        warranty: 5年
"""

SWITCH = (
    "equipment:\n  - {id: sw, name: 核心交换机, manufacturer: acme, product_line: 交换机, model: X1, quantity: 2%s}\n"
)


def resold(make_tree: MakeTree, warranty_extra: str = "", item_extra: str = "") -> Path:
    commitments = minimal("commitments.yaml").replace(
        "  start_event: 验收合格\n", "  start_event: 验收合格\n" + warranty_extra
    )
    project = minimal("projects/demo.yaml") + SWITCH % item_extra
    return make_tree({"manufacturers.yaml": MAKERS, "commitments.yaml": commitments, "projects/demo.yaml": project})


def test_warranty_shorter_than_the_makers(make_tree: MakeTree) -> None:
    d = only(resold(make_tree))
    assert d.severity is Severity.WARNING
    assert "核心交换机" in d.message and "3年" in d.message and "5年" in d.message and "示例厂商" in d.message
    assert "manufacturer_longer_prevails" in d.message
    assert at(d.location) == ("demo.yaml", "equipment[0]")
    assert [at(r) for r in d.related] == [("commitments.yaml", "warranty.period")]


def test_brand_rule_shorter_than_the_makers(make_tree: MakeTree) -> None:
    d = only(resold(make_tree, "  by_brand:\n    - manufacturer: acme\n      period: 4年\n"))
    assert d.severity is Severity.WARNING and "4年" in d.message
    assert at(d.location) == ("demo.yaml", "equipment[0]")
    assert [at(r) for r in d.related] == [("commitments.yaml", "warranty.by_brand[0].period")]


def test_item_warranty_shorter_than_the_makers(make_tree: MakeTree) -> None:
    d = only(resold(make_tree, item_extra=", warranty: 4年"))
    assert d.severity is Severity.WARNING and "4年" in d.message
    assert at(d.location) == ("demo.yaml", "equipment[0]")
    assert [at(r) for r in d.related] == [("demo.yaml", "equipment[0].warranty")]


def test_product_line_rule_preferred_to_the_makers_general_rule(make_tree: MakeTree) -> None:
    rules = (
        "  by_brand:\n    - manufacturer: acme\n      period: 4年\n"
        "    - manufacturer: acme\n      product_line: 交换机\n      period: 2年\n"
    )
    d = only(resold(make_tree, rules))
    assert d.severity is Severity.WARNING and "2年" in d.message
    assert [at(r) for r in d.related] == [("commitments.yaml", "warranty.by_brand[1].period")]


def test_resold_warranty_kept(make_tree: MakeTree) -> None:
    assert_clean(resold(make_tree, "  manufacturer_longer_prevails: true\n"))
    assert_clean(resold(make_tree, item_extra=", warranty: 6年"))
    assert_clean(resold(make_tree, "  by_brand:\n    - manufacturer: acme\n      period: 5年\n"))


# --- 6. post-warranty times ---------------------------------------------------------


def post_warranty(text: str) -> str:
    return minimal("commitments.yaml").replace("  levels:\n", "  post_warranty:\n" + text + "  levels:\n", 1)


def test_post_warranty_looser_without_a_note(make_tree: MakeTree) -> None:
    d = only(make_tree({"commitments.yaml": post_warranty("    targets:\n      arrival: 24小时\n")}))
    assert d.severity is Severity.WARNING
    assert "到达现场" in d.message and "24小时" in d.message and "2小时" in d.message and "note" in d.message
    assert at(d.location) == ("commitments.yaml", "response.post_warranty.targets.arrival")


def test_post_warranty_compared_in_the_projects_area(make_tree: MakeTree) -> None:
    # 6 hours is looser than the city's 2 hours, not than the far zone's 8.
    commitments = post_warranty("    targets:\n      arrival: 6小时\n")
    d = only(make_tree({"commitments.yaml": commitments}))
    assert d.severity is Severity.WARNING and "6小时" in d.message
    project = minimal("projects/demo.yaml").replace("region: alpha", "region: beta")
    assert_clean(make_tree({"commitments.yaml": commitments, "projects/demo.yaml": project}))


@pytest.mark.parametrize(
    "text",
    [
        "    targets:\n      arrival: 24小时\n    note: 质保期外按有偿服务合同约定的时限响应。\n",
        "    same_as_warranty: true\n",
        "    targets:\n      arrival: 2小时\n",
    ],
    ids=["note", "same-as-warranty", "not-looser"],
)
def test_post_warranty_explained_or_not_looser(make_tree: MakeTree, text: str) -> None:
    assert_clean(make_tree({"commitments.yaml": post_warranty(text)}))


# --- 7. stale people and partners --------------------------------------------------

P3 = "  - id: p3\n    name: 丙工\n    role: engineer\n    phone: 138-0000-0003\n"


def with_p3() -> str:
    return minimal("staff.yaml").replace("duty_rota:", P3 + "duty_rota:")


def test_person_nobody_refers_to(make_tree: MakeTree) -> None:
    d = only(make_tree({"staff.yaml": with_p3()}))
    assert d.severity is Severity.WARNING
    assert "丙工" in d.message and "p3" in d.message
    assert at(d.location) == ("staff.yaml", "people[2]")
    project = minimal("projects/demo.yaml").replace("  contact: p2\n", "  contact: p2\n  engineers: [p3]\n")
    assert_clean(make_tree({"staff.yaml": with_p3(), "projects/demo.yaml": project}))


GAMMA = "  - id: gamma-partner\n    name: 丙区示例服务部\n    category: 系统集成联盟\n    address: 丙区四号路 4 号\n    city: 丙区\n    regions: [gamma]\n"


def test_partner_in_a_region_without_arrival_promise(make_tree: MakeTree) -> None:
    # Region gamma is in a zone that no arrival target covers.
    company = (
        minimal("company.yaml")
        .replace("service_points:", "  - id: gamma\n    name: 丙区\n    zone: remote\nservice_points:")
        .replace("zones:\n", "zones:\n  - id: remote\n    name: 偏远地区\n")
    )
    partners = minimal("partners.yaml") + GAMMA
    items = findings(make_tree({"company.yaml": company, "partners.yaml": partners}))
    stale = [d for d in items if d.location is not None and d.location.file.name == "partners.yaml"]
    assert len(stale) == 1, check(make_tree({"company.yaml": company, "partners.yaml": partners})).report.format()
    (d,) = stale
    assert d.severity is Severity.WARNING and "丙区示例服务部" in d.message
    assert at(d.location) == ("partners.yaml", "partners[1]")
    # The partner making beta's promise keepable is not stale, nor is one the project names.
    project = minimal("projects/demo.yaml") + "partners: [gamma-partner]\n"
    items = findings(make_tree({"company.yaml": company, "partners.yaml": partners, "projects/demo.yaml": project}))
    assert not [d for d in items if d.location is not None and d.location.file.name == "partners.yaml"]


# --- 8. the example ---------------------------------------------------------------


def test_example_content_has_no_findings_but_the_copied_clause() -> None:
    result = check(EXAMPLE)
    assert result.model is not None
    # A tender clause about another place, and years no holiday notice covers (tests/example_expected.py).
    found = [d.message for d in result.report.items]
    assert found == [message for *_, message in EXAMPLE_FINDINGS], result.report.format()


def test_post_warranty_same_as_warranty_and_own_targets_contradict(make_tree: MakeTree) -> None:
    commitments = minimal("commitments.yaml").replace(
        "response:\n",
        "response:\n  post_warranty:\n    same_as_warranty: true\n    targets:\n      arrival: 24小时\n",
        1,
    )
    d = only(make_tree({"commitments.yaml": commitments}))
    assert d.severity is Severity.ERROR and "二选一" in d.message
    assert at(d.location) == ("commitments.yaml", "response.post_warranty.same_as_warranty")
    assert [at(r) for r in d.related] == [("commitments.yaml", "response.post_warranty.targets")]
