"""Roles against the people listed for them (checks/consistency.check_roles), and a team
promised by role alone (conftest.roles_only), with nobody named, which checks clean."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import minimal, roles_only

from generator.pipeline import check
from generator.reading.diagnostics import Diagnostic, Severity

MakeTree = Callable[..., Path]

# p1 and p2 are engineers; the role asks for 本科, 5 years of operations (and 2 of something
# else, so the largest figure is what counts) and the ITIL certificate.
STAFF = """
roles:
  - id: engineer
    name: 工程师
    headcount: {headcount}
    requirements:
      education: 本科
      experience:
        - {{what: 团队管理, years: 2}}
        - {{what: 网络运维, years: 5}}
      certificates: [ITIL Foundation]
people:
  - id: p1
    name: 甲工
    role: engineer
    phone: 138-0000-0001
    education: {education}
    years_experience: {years}
    certificates: [{certificates}]
  - id: p2
    name: 乙工
    role: engineer
    phone: 138-0000-0002
duty_rota:
  shifts:
    - name: 全天
      days: 每天
      time: 0:00-24:00
      people: [p1]
"""


def staff(headcount: int = 3, education: str = "本科", years: int = 5, certificates: str = "ITIL 4 Foundation") -> str:
    return STAFF.format(headcount=headcount, education=education, years=years, certificates=certificates)


def diagnostics(root: Path, severity: Severity) -> list[Diagnostic]:
    return [d for d in check(root).report.items if d.severity is severity]


def paths(d: Diagnostic) -> tuple[str, list[str]]:
    assert d.location is not None
    return d.location.path, [r.path for r in d.related]


# --- headcount ---------------------------------------------------------------------------


def test_a_person_meeting_every_requirement_is_clean(make_tree: MakeTree) -> None:
    # a certificate is held where one of the person's contains its name
    result = check(make_tree({"staff.yaml": staff(certificates="ITIL Foundation（2023）")}))
    assert not result.report.items, result.report.format()


def test_fewer_people_than_the_headcount_is_fine(make_tree: MakeTree) -> None:
    # headcount 3, two named: the third is not named yet
    assert diagnostics(make_tree({"staff.yaml": staff(certificates="itil  foundation")}), Severity.ERROR) == []


def test_more_people_than_the_headcount_is_an_error_at_the_headcount(make_tree: MakeTree) -> None:
    [error] = diagnostics(make_tree({"staff.yaml": staff(headcount=1)}), Severity.ERROR)
    assert error.message == "岗位“工程师”总人数写为 1，但名单中已有 2 人"
    assert paths(error) == ("roles[0].headcount", ["people[0]", "people[1]"])
    assert error.location is not None and error.location.line == 4


# --- requirements ----------------------------------------------------------------------------


def test_education_below_the_minimum_is_a_warning(make_tree: MakeTree) -> None:
    warnings = diagnostics(
        make_tree({"staff.yaml": staff(education="大专", certificates="ITIL Foundation")}), Severity.WARNING
    )
    [w] = warnings
    assert w.message == "甲工（p1）的学历为大专，低于岗位“工程师”要求的本科及以上"
    assert paths(w) == ("people[0].education", ["roles[0].requirements.education"])


def test_higher_education_meets_the_minimum(make_tree: MakeTree) -> None:
    root = make_tree({"staff.yaml": staff(education="博士", certificates="ITIL Foundation")})
    assert diagnostics(root, Severity.WARNING) == []


def test_years_below_the_largest_experience_figure_is_a_warning(make_tree: MakeTree) -> None:
    # 4 years meet the 2 years of 团队管理 but not the 5 of 网络运维
    [w] = diagnostics(make_tree({"staff.yaml": staff(years=4, certificates="ITIL Foundation")}), Severity.WARNING)
    assert w.message == "甲工（p1）的从业年限为 4 年，少于岗位“工程师”要求的5年以上网络运维经验"
    assert paths(w) == ("people[0].years_experience", ["roles[0].requirements.experience[1]"])


@pytest.mark.parametrize("held", ["网络工程师", "ITIL 4 Foundation"])  # the second lacks the words in a row
def test_a_missing_certificate_is_a_warning(make_tree: MakeTree, held: str) -> None:
    [w] = diagnostics(make_tree({"staff.yaml": staff(certificates=held)}), Severity.WARNING)
    assert w.message == "甲工（p1）的资格证书中没有岗位“工程师”要求的“ITIL Foundation”"
    assert paths(w) == ("people[0].certificates", ["roles[0].requirements.certificates[0]"])


def test_what_a_person_does_not_state_is_not_judged(make_tree: MakeTree) -> None:
    # p2 states no education, years or certificates: nothing to judge (p1 meets everything)
    assert diagnostics(make_tree({"staff.yaml": staff(certificates="ITIL Foundation")}), Severity.WARNING) == []


# --- a team promised by role alone -------------------------------------------------------------


def roles_only_tree(make_tree: MakeTree) -> Path:
    return make_tree(roles_only())


def test_a_team_by_role_alone_checks_clean(make_tree: MakeTree) -> None:
    result = check(roles_only_tree(make_tree))
    # the one finding: the minimal tree's 7×24 hotline, which no named rota backs
    assert [d.message for d in result.report.items] == [
        "承诺了 7×24 热线，但 staff.yaml 没有排班（duty_rota.shifts），无法核对夜间和节假日由谁接听"
    ]
    assert result.model is not None
    [rp] = result.model.projects
    assert rp.manager is None and rp.contact is None and rp.contacts == () and rp.staff == ()
    assert [(row.role.name, row.headcount) for row in rp.staffing] == [
        ("项目经理", 1),
        ("驻场工程师", 2),
        ("后备工程师", None),
    ]


def test_naming_a_person_without_a_list_is_an_error(make_tree: MakeTree) -> None:
    root = roles_only_tree(make_tree)
    project = root / "projects" / "demo.yaml"
    project.write_text(project.read_text(encoding="utf-8") + "staff:\n  manager: p1\n", encoding="utf-8")
    [error] = diagnostics(root, Severity.ERROR)
    assert "没有人员名单" in error.message and "“p1”" in error.message
    assert paths(error) == ("staff.manager", [])


def test_trainers_promised_without_a_list_are_a_warning_not_an_error(make_tree: MakeTree) -> None:
    root = roles_only_tree(make_tree)
    (root / "training.yaml").write_text(
        "plans:\n  - id: std\n    name: 标准培训\n    objectives: [会用]\n    audiences: [管理员]\n    trainers: 2\n",
        encoding="utf-8",
    )
    result = check(root)
    assert result.report.errors == [], result.report.format()
    assert "培训方案“标准培训”承诺讲师 2 名，但 staff.yaml 没有人员名单，无法核对谁能担任讲师" in [
        d.message for d in result.report.warnings
    ]


def test_a_project_naming_nobody_while_people_are_listed_is_a_warning(make_tree: MakeTree) -> None:
    project = minimal("projects/demo.yaml").replace("  contact: p2\n", "")
    found = diagnostics(make_tree({"projects/demo.yaml": project}), Severity.WARNING)
    [w] = [d for d in found if "没有指定" in d.message]  # beside it: p2 is now named nowhere
    assert w.message == "本项目没有指定日常服务联系人（contact）：文档中不列此人，用户经服务热线联系"
    assert paths(w) == ("staff", [])
