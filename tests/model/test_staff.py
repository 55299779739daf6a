"""staff.yaml's roles with what they require, people optional, and the role table every
output prints (model.resolved.staffing). Each expectation is written out by hand."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from generator.model.project import ProjectStaff
from generator.model.resolved import staffing
from generator.model.staff import Education, Person, Requirements, Role, Staff, education


def requirements(**fields: Any) -> Requirements:
    return Requirements.model_validate(fields)


def message(exc: pytest.ExceptionInfo[ValidationError]) -> str:
    return str(exc.value.errors()[0]["msg"])


# --- education: an ordered list of levels ---------------------------------------------------


def test_education_levels_are_ordered_lowest_first() -> None:
    assert [e.value for e in Education] == ["中专", "大专", "本科", "硕士", "博士"]
    assert [e.rank for e in Education] == [0, 1, 2, 3, 4]
    assert education("本科").rank < education("硕士").rank


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("本科及以上", "写“本科”即可"),
        ("大专以上学历", "写“大专”即可"),
        ("专科", "是否想写“大专”"),
        ("研究生", "是否想写“硕士”"),
        ("小学", ""),
    ],
)
def test_education_is_one_of_the_levels(written: str, hint: str) -> None:
    with pytest.raises(ValidationError) as exc:
        requirements(education=written)
    text = message(exc)
    assert text.startswith(f"“{written}”不是可选的学历：应为 中专、大专、本科、硕士、博士")
    assert hint in text


def test_a_persons_education_is_a_level_too() -> None:
    p = Person.model_validate({"id": "p1", "role": "r", "education": "硕士"})
    assert p.education == "硕士"
    with pytest.raises(ValidationError):
        Person.model_validate({"id": "p1", "role": "r", "education": "大学本科"})


# --- requirements as every output prints them ------------------------------------------------


def test_requirements_read_as_a_tender_states_them() -> None:
    r = requirements(
        education="本科",
        experience=[{"what": "IT 服务管理", "years": 5}, {"what": "团队管理", "years": 3}],
        certificates=["ITIL 4 Foundation"],
        skills=["熟悉 ITIL 服务管理流程"],
    )
    assert r.parts_zh() == (
        "本科及以上学历",
        "5年以上IT 服务管理经验、3年以上团队管理经验",
        "持有ITIL 4 Foundation证书",
        "熟悉 ITIL 服务管理流程",
    )
    assert (
        r.zh()
        == "本科及以上学历；5年以上IT 服务管理经验、3年以上团队管理经验；持有ITIL 4 Foundation证书；熟悉 ITIL 服务管理流程"
    )
    assert r.most_years is not None and (r.most_years.what, r.most_years.years) == ("IT 服务管理", 5)


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"education": "博士"}, "博士学历"),  # nothing lies above the top level
        ({"education": "中专"}, "中专及以上学历"),
        ({"certificates": ["网络工程师", "信息系统项目管理师"]}, "持有网络工程师、信息系统项目管理师证书"),
        ({"certificates": ["电工作业操作证"]}, "持有电工作业操作证"),  # the name already says 证
        ({"skills": ["具备项目经验", "熟练处理常见故障"]}, "具备项目经验；熟练处理常见故障"),
        ({}, ""),
    ],
)
def test_each_kind_of_requirement_reads(fields: dict[str, Any], expected: str) -> None:
    assert requirements(**fields).zh() == expected


@pytest.mark.parametrize(
    "fields",
    [
        {"experience": [{"what": "运维", "years": 0}]},
        {"experience": [{"what": "运维"}]},
        {"experience": [{"years": 3}]},
        {"degree": "本科"},  # extra keys are errors
        {"certificates": [""]},
    ],
)
def test_requirements_are_strict(fields: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        requirements(**fields)


# --- people are optional ------------------------------------------------------------------


def test_a_team_promised_by_role_alone_is_valid() -> None:
    staff = Staff.model_validate({"roles": [{"id": "pm", "name": "项目经理", "headcount": 1}]})
    assert staff.people == ()
    assert ProjectStaff().ids() == ()


def test_roles_are_still_required() -> None:
    with pytest.raises(ValidationError):
        Staff.model_validate({"roles": []})


def test_project_staff_lists_each_named_person_once() -> None:
    s = ProjectStaff.model_validate({"manager": "p1", "contact": "p1", "engineers": ["p2", "p1"], "callback": "p3"})
    assert s.ids() == ("p1", "p2", "p3")


# --- the role table: the promised number, else the names ---------------------------------------


def role(rid: str, headcount: int | None = None, **fields: Any) -> Role:
    return Role.model_validate({"id": rid, "name": rid.upper(), "headcount": headcount, **fields})


def person(pid: str, rid: str) -> Person:
    return Person.model_validate({"id": pid, "role": rid})


def test_staffing_counts_the_promise_else_the_names() -> None:
    roles = (role("pm", 1), role("eng", 8), role("keeper"), role("nobody"))
    people = (person("p1", "pm"), person("p2", "eng"), person("p3", "keeper"), person("p4", "keeper"))
    rows = staffing(roles, people)
    assert [(r.role.id, r.headcount, r.headcount_zh) for r in rows] == [
        ("pm", 1, "1"),
        ("eng", 8, "8"),  # one named, seven not named yet
        ("keeper", 2, "2"),  # no headcount: the names count
        ("nobody", None, "未载明"),  # neither: not stated, never 0
    ]
    assert [p.id for p in rows[2].people] == ["p3", "p4"]


def test_staffing_prints_the_requirements_or_nothing() -> None:
    roles = (role("pm", 1, requirements={"education": "本科"}), role("eng", 2, requirements={}), role("x", 1))
    rows = staffing(roles, ())
    assert [r.requirements_zh for r in rows] == ["本科及以上学历", None, None]
    assert rows[0].requirements == ("本科及以上学历",)
