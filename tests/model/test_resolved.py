"""The model renderers take: each project's promises after overrides, at its own site."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLE, minimal

from generator.model.commitments import EscalationTier
from generator.model.company import SupportTier
from generator.model.durations import Duration
from generator.model.resolved import Lookup, ResolvedProject, escalation_steps
from generator.model.staff import Person
from generator.pipeline import check

MakeTree = Callable[..., Path]


def test_each_project_gets_the_arrival_target_of_its_region() -> None:
    result = check(EXAMPLE)
    assert result.model is not None
    m = result.model
    yunxi = m.project("yunxi-cdc-network")  # region yunxi → zone near
    assert yunxi.zone is not None and yunxi.zone.id == "near"
    level1 = yunxi.commitments.response.levels[0]
    assert yunxi.arrival(level1) == Duration.parse("2小时")
    gov = m.project("linchuan-gov-dc")  # overrides: stricter level 1 in the city
    assert gov.arrival(gov.commitments.response.levels[0]) == Duration.parse("30分钟")
    assert m.content.commitments.response.levels[0].targets["arrival"].for_area("linchuan", "city") == Duration.parse(
        "1小时"
    )
    school = m.project("qingshi-classroom")
    assert school.service_point.id == "qingshi-office" and school.callback is not None
    assert school.training_plan is not None and school.training_plan.class_hours == 20
    assert [b.manufacturer for b in school.commitments.warranty.by_brand] == ["qiming"]  # list replaced


def test_not_applicable_target() -> None:
    result = check(EXAMPLE)
    assert result.model is not None
    l4 = result.model.content.commitments.response.levels[3]
    assert not l4.targets["report"].applicable and l4.targets["report"].zh() == "不适用"


# --- the escalation ladder (escalation_steps, EscalationStep.condition_zh) ---------------


def person(pid: str, name: str | None = None, **fields: Any) -> Person:
    return Person.model_validate({"id": pid, "role": "engineer", **({"name": name} if name else {}), **fields})


TIERS = tuple(
    EscalationTier.model_validate(t)
    for t in (
        {"tier": "一线", "who": "客户服务响应中心", "people": ["p1"]},
        {"tier": "二线", "who": "技术支持部", "after": "2小时", "people": ["p2", "ghost"]},
        {"tier": "三线", "who": "专家组"},
        {"tier": "厂商", "who": "原厂技术支持", "after": "1个工作日", "contact": "原厂400热线"},
    )
)
SUPPORT = tuple(
    SupportTier.model_validate(s)
    for s in (
        {"tier": "一线", "name": "客户服务响应中心", "duties": ["受理报修", "远程诊断"], "hotline": "service"},
        {"tier": "二线", "name": "技术支持部二线组", "duties": ["现场处理"]},  # contains 技术支持部
        {"tier": "三线", "name": "研发中心", "duties": ["疑难攻关"], "hotline": "expert"},  # another body
    )
)
PEOPLE = Lookup.of((person("p1", "甲工"), person("p2", "乙工")))


def test_each_tier_reads_when_a_request_reaches_it() -> None:
    steps = escalation_steps(TIERS, SUPPORT, PEOPLE)
    assert [(s.tier.value, s.who, s.condition_zh()) for s in steps] == [
        ("一线", "客户服务响应中心", "首先受理"),
        ("二线", "技术支持部", "上一层级2小时内未解决"),
        ("三线", "专家组", "上一层级未能解决"),  # a later tier that states no time
        ("厂商", "原厂技术支持", "上一层级1个工作日内未解决"),
    ]
    assert [s.first for s in steps] == [True, False, False, False]
    assert [s.contact for s in steps] == [None, None, None, "原厂400热线"]


def test_tier_people_are_looked_up() -> None:
    steps = escalation_steps(TIERS, SUPPORT, PEOPLE)
    assert [[p.name for p in s.people] for s in steps] == [["甲工"], ["乙工"], [], []]


def test_support_tier_duties_and_hotline_only_where_the_names_match() -> None:
    """A support tier of the same level describes the step only where both name one body:
    客户服务响应中心 = 客户服务响应中心, 技术支持部 ⊂ 技术支持部二线组; 专家组 is not 研发中心,
    and no support tier is written for 厂商."""
    steps = escalation_steps(TIERS, SUPPORT, PEOPLE)
    assert [(s.duties, s.hotline) for s in steps] == [
        (("受理报修", "远程诊断"), "service"),
        (("现场处理",), None),
        ((), None),
        ((), None),
    ]


def test_a_tier_without_a_support_tier_of_its_level() -> None:
    (step,) = escalation_steps(TIERS[:1], SUPPORT[1:], PEOPLE)
    assert (step.duties, step.hotline, step.condition_zh()) == ((), None, "首先受理")


# --- small trees ---------------------------------------------------------------------------

STAFF = """
    roles:
      - id: engineer
        name: 工程师
      - id: callback-officer
        name: 回访专员岗
    people:
      - id: p1
        name: 甲工
        role: engineer
        phone: 138-0000-0001
      - id: p2
        name: 乙工
        role: engineer
        phone: 138-0000-0002
      - id: p3
        name: 丙工
        role: engineer
        phone: 138-0000-0003
        contact_public: true
      - id: p4
        role: callback-officer
      - id: p5
        name: 戊工
        role: engineer
        phone: 138-0000-0005
      - id: p6
        name: 己工
        role: engineer
        phone: 138-0000-0006
        contact_public: true
    duty_rota:
      shifts:
        - name: 全天
          days: 每天
          time: 0:00-24:00
          people: [p1]
"""


def project_with(staff: str, extra: str = "") -> str:
    """The minimal project with this `staff:` block (and more keys)."""
    project = minimal("projects/demo.yaml").replace("staff:\n  manager: p1\n  contact: p2\n", staff)
    assert staff in project
    return project + extra


def resolved(make_tree: MakeTree, files: dict[str, str | None]) -> ResolvedProject:
    result = check(make_tree(files))
    assert result.model is not None and not result.report.errors, result.report.format()
    rp: ResolvedProject = result.model.project("demo")
    return rp


OWN_STAFF = "staff:\n  manager: p1\n  contact: p2\n  engineers: [p3, p2]\n  callback: p4\n"


@pytest.fixture
def rp(make_tree: MakeTree) -> ResolvedProject:
    """p1 manager, p2 contact and engineer, p3 engineer (public), p4 callback (no name, no phone);
    p5 and p6 (public) belong to the company but not to the project."""
    return resolved(make_tree, {"staff.yaml": STAFF, "projects/demo.yaml": project_with(OWN_STAFF)})


def test_contacts_in_order_each_person_once(rp: ResolvedProject) -> None:
    """Manager, daily contact, engineers (as listed, p2 already listed), callback."""
    assert [(c.duty, c.person.id) for c in rp.contacts] == [
        ("项目总联系人", "p1"),
        ("日常服务联系人", "p2"),
        ("服务工程师", "p3"),
        ("回访专员", "p4"),
    ]


def test_duties_list_every_duty_of_a_person(rp: ResolvedProject) -> None:
    people = {p.id: p for p in (rp.manager, rp.contact, *rp.engineers)}
    assert rp.callback is not None
    assert rp.duties(people["p1"]) == ("项目总联系人",)
    assert rp.duties(people["p2"]) == ("日常服务联系人", "服务工程师")
    assert rp.duties(people["p3"]) == ("服务工程师",)
    assert rp.duties(rp.callback) == ("回访专员",)
    assert rp.duties(person("p5", "戊工")) == ()


def test_manager_who_is_also_the_contact_is_listed_once(make_tree: MakeTree) -> None:
    staff = "staff:\n  manager: p1\n  contact: p1\n  engineers: [p2]\n"
    rp = resolved(make_tree, {"staff.yaml": STAFF, "projects/demo.yaml": project_with(staff)})
    assert [(c.duty, c.person.id) for c in rp.contacts] == [("项目总联系人", "p1"), ("服务工程师", "p2")]
    assert rp.duties(rp.manager) == ("项目总联系人", "日常服务联系人")


def test_phone_rule(rp: ResolvedProject) -> None:
    """Documents handed to the customer (public=False) print the project's own people's phones;
    the public site (public=True) only contact_public ones; an outsider's only if public."""
    p1, p2, p3 = rp.manager, rp.contact, rp.engineers[0]
    assert rp.callback is not None
    p4 = rp.callback
    p5 = person("p5", "戊工", phone="138-0000-0005")
    p6 = person("p6", "己工", phone="138-0000-0006", contact_public=True)
    documents = {p.id: rp.phone(p, public=False) for p in (p1, p2, p3, p4, p5, p6)}
    site = {p.id: rp.phone(p, public=True) for p in (p1, p2, p3, p4, p5, p6)}
    assert documents == {
        "p1": "138-0000-0001",
        "p2": "138-0000-0002",
        "p3": "138-0000-0003",
        "p4": None,  # no phone
        "p5": None,  # not the project's, not public
        "p6": "138-0000-0006",  # not the project's, but public
    }
    assert site == {"p1": None, "p2": None, "p3": "138-0000-0003", "p4": None, "p5": None, "p6": "138-0000-0006"}


def test_who_names_a_person_or_the_role(make_tree: MakeTree) -> None:
    result = check(make_tree({"staff.yaml": STAFF, "projects/demo.yaml": project_with(OWN_STAFF)}))
    assert result.model is not None
    index = result.model.index
    assert index.who("p1") == "甲工"
    assert index.who(index.people["p2"]) == "乙工"
    assert index.who("p4") == "回访专员岗（姓名未载明）"
    assert index.who(index.people["p4"]) == "回访专员岗（姓名未载明）"
    assert index.who("nobody") == "nobody"  # not a person: as written


# --- the 承诺书's list (ResolvedProject.headline) -------------------------------------------

MINIMAL_HEADLINE = ["质保", "服务热线", "电话响应", "到达现场", "巡检", "投诉"]


def headline(make_tree: MakeTree, files: dict[str, str | None] | None = None) -> list[str]:
    return [h.value for h in resolved(make_tree, files or {}).headline]


def commitments_with(old: str, new: str) -> dict[str, str | None]:
    text = minimal("commitments.yaml")
    assert old in text
    return {"commitments.yaml": text.replace(old, new, 1)}


def test_headline_of_the_minimal_tree(make_tree: MakeTree) -> None:
    """The warranty and the hotline always; the phone and arrival measures, the quarterly
    inspection and the complaint line the tree states; nothing else."""
    assert headline(make_tree) == MINIMAL_HEADLINE


def test_headline_as_the_content_lists_it(make_tree: MakeTree) -> None:
    """In the content's order, even an item the data does not state (the letter skips it)."""
    files = commitments_with("spare_parts:\n", "letter:\n  headline: [续保, 质保, 到达现场]\nspare_parts:\n")
    assert headline(make_tree, files) == ["续保", "质保", "到达现场"]


SPARE_UNIT = commitments_with("response:\n", "response:\n  spare_unit:\n    within: 24小时\n")
COMPENSATION = commitments_with(
    "response:\n", "response:\n  compensation:\n    - condition: 未按时到达现场\n      remedy: 赔偿损失\n"
)
NO_INSPECTIONS = commitments_with(
    "  inspections:\n    - id: quarterly\n      name: 季度巡检\n      frequency: 每季度\n      mode: 现场\n",
    "  inspections: []\n",
)
TRAINING = {
    "training.yaml": """
        plans:
          - id: std
            name: 设备使用培训
            objectives: [会用设备]
            audiences: [管理员]
    """,
    "projects/demo.yaml": minimal("projects/demo.yaml") + "training_plan: std\n",
}
NO_COMPLAINT = {
    "company.yaml": minimal("company.yaml").replace(
        "complaint:\n  name: 投诉电话\n  number: 0000-8000-0009\n  reply_within: 2小时\n", ""
    )
}
RENEWAL = {"fees.yaml": minimal("fees.yaml") + "renewal:\n  rate: 5%\n"}
SERVICE_PERIOD = {"projects/demo.yaml": minimal("projects/demo.yaml") + "service_period: 1年\n"}


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (SPARE_UNIT, ["质保", "服务热线", "电话响应", "到达现场", "备机", "巡检", "投诉"]),
        (TRAINING, ["质保", "服务热线", "电话响应", "到达现场", "巡检", "培训", "投诉"]),
        (NO_COMPLAINT, ["质保", "服务热线", "电话响应", "到达现场", "巡检"]),
        (RENEWAL, ["质保", "服务热线", "电话响应", "到达现场", "巡检", "投诉", "续保"]),
        (SERVICE_PERIOD, ["质保", "服务期", "服务热线", "电话响应", "到达现场", "巡检", "投诉"]),
        (COMPENSATION, ["质保", "服务热线", "电话响应", "到达现场", "巡检", "投诉", "违约补偿"]),
        (NO_INSPECTIONS, ["质保", "服务热线", "电话响应", "到达现场", "投诉"]),
    ],
    ids=["spare-unit", "training", "no-complaint", "renewal", "service-period", "compensation", "no-inspections"],
)
def test_default_headline_lists_what_the_data_states(
    make_tree: MakeTree, files: dict[str, str | None], expected: list[str]
) -> None:
    assert headline(make_tree, files) == expected


def test_default_headline_lists_remote_restore_resolve_and_callbacks_the_data_states(make_tree: MakeTree) -> None:
    text = minimal("commitments.yaml")
    levels = "  levels:\n"
    measures = (
        "    - id: remote\n      name: 远程支持\n      kind: 远程支持\n"
        "    - id: restore\n      name: 恢复\n      kind: 恢复\n"
        "    - id: resolve\n      name: 彻底解决\n      kind: 彻底解决\n"
    )
    callbacks = "  callbacks:\n    - id: cb\n      name: 季度回访\n      frequency: 每季度\n      mode: 电话\n"
    text = text.replace(levels, measures + levels, 1).replace("spare_parts:\n", callbacks + "spare_parts:\n")
    assert headline(make_tree, {"commitments.yaml": text}) == [
        *("质保", "服务热线", "电话响应", "远程支持", "到达现场", "恢复", "彻底解决", "巡检", "回访", "投诉"),
    ]
