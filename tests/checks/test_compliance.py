"""The compliance table (偏离表): each tender clause answered from the project's actual promises.

Small trees state exactly the promise a clause is compared with; the MINIMAL tree
promises a 3-year warranty, a 7×24 hotline, a quarterly on-site inspection, one
service point in 甲市, and for the demo site (region alpha, zone city) arrival
within 1 hour (一级) / 2 hours (二级). It has no spare-unit promise, no callbacks
and no training plan.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import EXAMPLE, minimal, ungraded_commitments
from example_expected import EXAMPLE_FINDINGS, YUNXI_AUTOMATIC, YUNXI_TABLE

from generator.checks import compliance
from generator.checks.compliance import ClauseResult, Source
from generator.model.durations import Duration
from generator.model.project import Comparator, Deviation
from generator.outputs import plaintext, proposal
from generator.pipeline import CheckResult, check
from generator.reading.diagnostics import Diagnostic, Severity

MakeTree = Callable[..., Path]


def clause(metric: str, comparator: str, threshold: str, *, marker: str | None = None, **extra: str) -> dict[str, Any]:
    """A checkable clause; `extra` goes into `check` (level, mode)."""
    out: dict[str, Any] = {"text": f"{metric}{comparator}{threshold}"}
    if marker:
        out["marker"] = marker
    out["check"] = {"metric": metric, "comparator": comparator, "threshold": threshold, **extra}
    return out


def manual(text: str, *, marker: str | None = None, **extra: str) -> dict[str, Any]:
    out: dict[str, Any] = {"text": text}
    if marker:
        out["marker"] = marker
    return {**out, **extra}


def project_yaml(*reqs: dict[str, Any], extra: dict[str, Any] | None = None) -> str:
    """The demo project with these clauses (numbered 1, 2, … unless they say otherwise)."""
    numbered = [{"clause": str(i + 1), **r} for i, r in enumerate(reqs)]
    body = {**(extra or {}), "requirements": numbered}
    return minimal("projects/demo.yaml") + yaml.safe_dump(body, allow_unicode=True, sort_keys=False)


def checked(make_tree: MakeTree, *reqs: dict[str, Any], files: dict[str, str] | None = None, **kw: Any) -> CheckResult:
    return check(make_tree({"projects/demo.yaml": project_yaml(*reqs, **kw), **(files or {})}))


def evaluate(make_tree: MakeTree, *reqs: dict[str, Any], **kw: Any) -> tuple[ClauseResult, ...]:
    result = checked(make_tree, *reqs, **kw)
    assert result.model is not None, result.report.format()
    return compliance.evaluate(result.model, result.model.project("demo"))


def one(make_tree: MakeTree, req: dict[str, Any], **kw: Any) -> ClauseResult:
    (result,) = evaluate(make_tree, req, **kw)
    return result


def line_of(text: str, fragment: str, start: int = 0) -> int:
    """1-based line of the first line from `start` (0-based) containing `fragment`."""
    lines = text.splitlines()
    return next(i + 1 for i in range(start, len(lines)) if fragment in lines[i])


# --- deviation classes -----------------------------------------------------------


def test_warranty_equal_to_the_requirement_is_no_deviation(make_tree: MakeTree) -> None:
    r = one(make_tree, clause("质保期", "≥", "3年"))
    assert r.deviation is Deviation.NONE
    assert r.note == ""
    assert r.response == "整体质保期3年，自验收合格之日起计算"
    assert r.source == Source("commitments", ("warranty", "period"))
    assert r.automatic and r.number == 1 and r.index == 0


def test_warranty_longer_than_required_is_positive_and_says_both_values(make_tree: MakeTree) -> None:
    r = one(make_tree, clause("质保期", "≥", "2年"))
    assert r.deviation is Deviation.POSITIVE
    assert r.note == "优于招标要求：要求不少于2年，承诺3年"


def test_warranty_shorter_than_required_is_negative_and_says_both_values(make_tree: MakeTree) -> None:
    r = one(make_tree, clause("质保期", "≥", "5年"))
    assert r.deviation is Deviation.NEGATIVE
    assert r.note == "未达到招标要求：要求不少于5年，承诺3年"
    assert r.source == Source("commitments", ("warranty", "period"))


def test_premise_of_the_time_limit_tests(make_tree: MakeTree) -> None:
    result = check(make_tree())
    assert result.model is not None
    rp = result.model.project("demo")
    assert (rp.region.id, rp.region.zone) == ("alpha", "city")
    l1, l2 = rp.commitments.response.levels
    assert (rp.arrival(l1), rp.arrival(l2)) == (Duration.parse("1小时"), Duration.parse("2小时"))


@pytest.mark.parametrize(
    ("threshold", "expected"),
    [("2小时", Deviation.POSITIVE), ("1小时", Deviation.NONE), ("30分钟", Deviation.NEGATIVE)],
)
def test_arrival_for_one_level(make_tree: MakeTree, threshold: str, expected: Deviation) -> None:
    r = one(make_tree, clause("到达现场", "≤", threshold, level="l1"))
    assert r.deviation is expected
    assert r.response == "一级故障到达现场时限：1小时内（甲市）"  # only the level the clause names
    # The promise for this site's zone (city), in commitments.yaml.
    assert r.source == Source("commitments", ("response", "levels", 0, "targets", "arrival", "city"))


def test_arrival_without_level_compares_the_loosest_level(make_tree: MakeTree) -> None:
    # 一级 1小时 meets “≤ 1小时”, 二级 2小时 does not: every level must.
    r = one(make_tree, clause("到达现场", "≤", "1小时"))
    assert r.deviation is Deviation.NEGATIVE
    assert r.note == "未达到招标要求：要求不超过1小时，承诺2小时"
    assert r.source == Source("commitments", ("response", "levels", 1, "targets", "arrival", "city"))
    # The response states every level, for this site.
    assert r.response == "到达现场时限（甲市）：一级故障1小时内、二级故障2小时内"


def test_arrival_without_level_met_by_every_level(make_tree: MakeTree) -> None:
    assert one(make_tree, clause("到达现场", "≤", "2小时")).deviation is Deviation.NONE
    assert one(make_tree, clause("到达现场", "≤", "4小时")).deviation is Deviation.POSITIVE


@pytest.mark.parametrize(("threshold", "expected"), [("2小时", Deviation.NONE), ("1小时", Deviation.NEGATIVE)])
def test_arrival_without_levels_reads_the_limit_for_every_fault(
    make_tree: MakeTree, threshold: str, expected: Deviation
) -> None:
    # A section that grades no faults: the blanket limit answers the clause, at this site.
    files = {"commitments.yaml": ungraded_commitments()}
    r = one(make_tree, clause("到达现场", "≤", threshold), files=files)
    assert r.deviation is expected
    assert r.response == "所有故障到达现场时限（甲市）：2小时内"
    assert r.source == Source("commitments", ("response", "blanket", 1, "within", "city"))


def test_arrival_uses_the_site_region(make_tree: MakeTree) -> None:
    # The same clause for a site in 乙县 (zone far: 一级 4小时) is not met.
    project = project_yaml(clause("到达现场", "≤", "2小时", level="l1")).replace("region: alpha", "region: beta")
    result = check(make_tree({"projects/demo.yaml": project}))
    assert result.model is not None, result.report.format()
    (r,) = compliance.evaluate(result.model, result.model.project("demo"))
    assert r.deviation is Deviation.NEGATIVE and r.response == "一级故障到达现场时限：4小时内（乙县）"
    assert r.source == Source("commitments", ("response", "levels", 0, "targets", "arrival", "far"))


def test_phone_response_not_per_area(make_tree: MakeTree) -> None:
    r = one(make_tree, clause("电话响应", "≤", "30分钟"))  # 一级 10分钟, 二级 30分钟
    assert r.deviation is Deviation.NONE
    assert r.response == "电话响应时限：一级故障10分钟内、二级故障30分钟内"  # no site in brackets
    assert r.source == Source("commitments", ("response", "levels", 1, "targets", "phone"))


@pytest.mark.parametrize(
    "req",
    [
        clause("备机", "≤", "24小时"),  # no response.spare_unit
        clause("培训课时", "≥", "16"),  # no training plan
        clause("培训人数", "≥", "10"),
        clause("回访频次", "≥", "每季度"),  # no callbacks
        clause("恢复", "≤", "4小时"),  # no restore measure
        clause("服务期", "≥", "1年"),  # no service_period
    ],
    ids=lambda r: r["check"]["metric"],
)
def test_a_promise_not_made_is_negative(make_tree: MakeTree, req: dict[str, Any]) -> None:
    r = one(make_tree, req)
    assert r.deviation is Deviation.NEGATIVE
    assert r.response == "未作承诺"
    assert r.source is None
    assert "未作" in r.note


INSPECTIONS = """\
maintenance:
  inspections:
    - id: quarterly
      name: 季度巡检
      frequency: 每季度
      mode: 现场
"""


def with_inspections(items: str) -> dict[str, str]:
    text = minimal("commitments.yaml")
    assert INSPECTIONS in text
    return {"commitments.yaml": text.replace(INSPECTIONS, "maintenance:\n  inspections:\n" + items)}


MONTHLY_REMOTE_AND_QUARTERLY_ON_SITE = """\
    - id: monthly
      name: 月度远程巡检
      frequency: 每月
      mode: 远程
    - id: quarterly
      name: 季度现场巡检
      frequency: 每季度
      mode: 现场
"""
YEARLY_ONLY = """\
    - id: yearly
      name: 年度巡检
      frequency: 每年
      mode: 现场
"""
APRIL_AND_SEPTEMBER = """\
    - id: twice
      name: 全面检测保养
      frequency: 每年
      months: [4, 9]
      mode: 现场
"""


def test_monthly_inspection_beats_quarterly(make_tree: MakeTree) -> None:
    r = one(make_tree, clause("巡检频次", "≥", "每季度"), files=with_inspections(MONTHLY_REMOTE_AND_QUARTERLY_ON_SITE))
    assert r.deviation is Deviation.POSITIVE
    assert r.response == "月度远程巡检：每月，远程"
    assert r.note == "优于招标要求：要求至少每季度一次，承诺每月"
    assert r.source == Source("commitments", ("maintenance", "inspections", 0, "frequency"))


def test_inspection_mode_filters_out_other_modes(make_tree: MakeTree) -> None:
    r = one(
        make_tree,
        clause("巡检频次", "≥", "每季度", mode="现场"),
        files=with_inspections(MONTHLY_REMOTE_AND_QUARTERLY_ON_SITE),
    )
    assert r.deviation is Deviation.NONE
    assert r.response == "季度现场巡检：每季度，现场"
    assert r.source == Source("commitments", ("maintenance", "inspections", 1, "frequency"))


def test_remote_only_inspection_does_not_answer_an_on_site_clause(make_tree: MakeTree) -> None:
    remote = "    - id: monthly\n      name: 月度远程巡检\n      frequency: 每月\n      mode: 远程\n"
    r = one(make_tree, clause("巡检频次", "≥", "每季度", mode="现场"), files=with_inspections(remote))
    assert r.deviation is Deviation.NEGATIVE and r.response == "未作承诺" and r.source is None


def test_yearly_inspection_fails_a_quarterly_clause(make_tree: MakeTree) -> None:
    r = one(make_tree, clause("巡检频次", "≥", "每季度"), files=with_inspections(YEARLY_ONLY))
    assert r.deviation is Deviation.NEGATIVE
    assert "每年" in r.note


def test_fixed_months_of_a_yearly_activity_count_as_times_a_year(make_tree: MakeTree) -> None:
    files = with_inspections(APRIL_AND_SEPTEMBER)
    assert one(make_tree, clause("巡检频次", "≥", "每半年"), files=files).deviation is Deviation.NONE
    assert one(make_tree, clause("巡检频次", "≥", "每年"), files=files).deviation is Deviation.POSITIVE
    assert one(make_tree, clause("巡检频次", "≥", "每季度"), files=files).deviation is Deviation.NEGATIVE


def test_fixed_months_count_once_each_whatever_the_frequency(make_tree: MakeTree) -> None:
    quarterly_in_fixed_months = """\
    - id: quarterly
      name: 季度巡检
      frequency: 每季度
      months: [1, 4, 7, 10]
      mode: 现场
"""
    files = with_inspections(quarterly_in_fixed_months)
    assert one(make_tree, clause("巡检频次", "≥", "每季度"), files=files).deviation is Deviation.NONE
    assert one(make_tree, clause("巡检频次", "≥", "每月"), files=files).deviation is Deviation.NEGATIVE


def test_hotline_5x8_fails_a_7x24_clause(make_tree: MakeTree) -> None:
    company = minimal("company.yaml").replace("hours: 7×24", "hours: {promise: 5×8}")
    r = one(make_tree, clause("热线服务时间", "≥", "7×24"), files={"company.yaml": company})
    assert r.deviation is Deviation.NEGATIVE
    assert r.note == "未达到招标要求：要求不少于7×24，承诺5×8"
    assert r.source == Source("company", ("hotlines", 0, "hours"))


def test_hotline_7x24_beats_a_5x8_clause(make_tree: MakeTree) -> None:
    r = one(make_tree, clause("热线服务时间", "≥", "5×8"))
    assert r.deviation is Deviation.POSITIVE
    assert r.response == "客服热线 400-000-0000（7×24）"
    assert one(make_tree, clause("热线服务时间", "≥", "7×24")).deviation is Deviation.NONE


def test_local_service_point_in_a_city(make_tree: MakeTree) -> None:
    r = one(make_tree, clause("本地服务网点", "包含", "甲市"))
    assert r.deviation is Deviation.NONE
    assert r.response == "在甲市设有总部，地址：甲市一号路 1 号，电话：0000-8000-0001"
    assert r.source == Source("company", ("service_points", 0))


@pytest.mark.parametrize("city", ["丙市", "乙县"])  # 乙县 is a region served, but without a point there
def test_no_service_point_in_the_city_is_negative(make_tree: MakeTree, city: str) -> None:
    r = one(make_tree, clause("本地服务网点", "包含", city))
    assert r.deviation is Deviation.NEGATIVE
    assert r.response == "未作承诺" and r.source is None
    assert city in r.note


# --- overrides --------------------------------------------------------------------

WARRANTY_OVERRIDE = "overrides:\n  commitments:\n    warranty:\n      period: {period}\n"


def test_project_override_answers_the_clause(make_tree: MakeTree) -> None:
    project = project_yaml(clause("质保期", "≥", "3年")) + WARRANTY_OVERRIDE.format(period="5年")
    result = check(make_tree({"projects/demo.yaml": project}))
    assert result.model is not None, result.report.format()
    (r,) = compliance.evaluate(result.model, result.model.project("demo"))
    assert r.deviation is Deviation.POSITIVE
    assert r.response == "整体质保期5年，自验收合格之日起计算"
    assert r.source is not None and r.source.path == ("warranty", "period")


def test_failing_star_clause_points_at_the_override_not_the_company_file(make_tree: MakeTree) -> None:
    project = project_yaml(clause("质保期", "≥", "3年", marker="★")) + WARRANTY_OVERRIDE.format(period="2年")
    result = check(make_tree({"projects/demo.yaml": project}))
    error = only(about_clauses(result))
    assert error.severity is Severity.ERROR
    assert error.location is not None and error.location.file.name == "demo.yaml"
    assert error.location.path == "requirements[0]"
    (related,) = error.related
    assert related.file.name == "demo.yaml"  # where the 2年 was written
    assert related.line == line_of(project, "period: 2年")
    assert related.path == "overrides.commitments.warranty.period"


# --- markers through check() ---------------------------------------------------------


def only(items: list[Diagnostic]) -> Diagnostic:
    assert len(items) == 1, [d.format() for d in items]
    return items[0]


def about_clauses(result: CheckResult, severity: Severity | None = None) -> list[Diagnostic]:
    """The diagnostics located at the project's requirements (other checks are not under test here)."""
    return [
        d
        for d in result.report.items
        if d.location is not None and d.location.path.startswith("requirements") and severity in (None, d.severity)
    ]


def test_star_clause_not_met_is_an_error_at_the_clause_and_the_promise(make_tree: MakeTree) -> None:
    reqs = (manual("人工条款", response="照办"), clause("质保期", "≥", "5年", marker="★"))
    project = project_yaml(*reqs)
    result = checked(make_tree, *reqs)
    error = only(about_clauses(result))
    assert error.severity is Severity.ERROR
    loc = error.location
    assert loc is not None
    assert loc.file.parent.name == "projects" and loc.file.name == "demo.yaml"
    assert loc.path == "requirements[1]"
    assert loc.line == line_of(project, "- clause: '2'")
    (related,) = error.related
    assert related.file.name == "commitments.yaml"
    assert related.path == "warranty.period"
    assert related.line == line_of(minimal("commitments.yaml"), "period: 3年")
    assert "★" in error.message and "2" in error.message and "5年" in error.message
    # A failing ★ clause still leaves a model, so `compliance` can print the table.
    assert result.model is not None


def test_important_clause_not_met_is_a_warning(make_tree: MakeTree) -> None:
    result = checked(make_tree, clause("质保期", "≥", "5年", marker="▲"))
    warning = only(about_clauses(result))
    assert warning.severity is Severity.WARNING
    assert warning.location is not None and warning.location.path == "requirements[0]"
    assert [r.path for r in warning.related] == ["warranty.period"]
    assert "▲" in warning.message


def test_unmarked_clause_not_met_says_nothing(make_tree: MakeTree) -> None:
    result = checked(make_tree, clause("质保期", "≥", "5年"))
    assert not about_clauses(result), result.report.format()


def test_star_clause_met_says_nothing(make_tree: MakeTree) -> None:
    result = checked(make_tree, clause("质保期", "≥", "3年", marker="★"), clause("到达现场", "≤", "2小时", marker="★"))
    assert not about_clauses(result), result.report.format()


def test_manual_clause_without_response_is_a_warning(make_tree: MakeTree) -> None:
    result = checked(make_tree, clause("质保期", "≥", "3年"), manual("提供原厂授权书", marker="★"))
    warning = only(about_clauses(result))
    assert warning.severity is Severity.WARNING
    assert warning.location is not None and warning.location.path == "requirements[1]"
    assert result.model is not None
    r = compliance.evaluate(result.model, result.model.project("demo"))[1]
    assert r.deviation is None and not r.automatic and r.source is None


def test_manual_clause_with_response_keeps_its_deviation(make_tree: MakeTree) -> None:
    results = evaluate(
        make_tree,
        manual("提供原厂授权书", response="随投标文件提供原厂授权书"),
        manual("免费上门", response="免费上门并承担差旅", deviation="正偏离", note="含差旅"),
    )
    default, stated = results
    assert default.deviation is Deviation.NONE
    assert default.response == "随投标文件提供原厂授权书"
    assert not default.automatic and default.source is None
    assert stated.deviation is Deviation.POSITIVE and "含差旅" in stated.note


def test_manual_star_clause_answered_negative_is_an_error(make_tree: MakeTree) -> None:
    result = checked(make_tree, manual("原厂正品", marker="★", response="部分为兼容品", deviation="负偏离"))
    error = only(about_clauses(result))
    assert error.severity is Severity.ERROR
    assert error.location is not None and error.location.path == "requirements[0]"
    assert error.related == ()  # nothing in the data to point at


def test_clause_numbers_are_unique(make_tree: MakeTree) -> None:
    a = {"clause": "3.1", **clause("质保期", "≥", "3年")}
    b = {"clause": "3.1", **clause("质保期", "≥", "2年")}
    result = checked(make_tree, a, b)
    assert any("3.1" in e.message and "重复" in e.message for e in about_clauses(result, Severity.ERROR))


# --- validation ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("req", "key", "fragment"),
    [
        (clause("到达现场", "≤", "三小时半"), "threshold", "三小时半"),
        (clause("到达现场", "≤", "abc"), "threshold", "abc"),
        (clause("培训课时", "≥", "十六"), "threshold", "数字"),
        (clause("巡检频次", "≥", "按需"), "threshold", "频次"),
        (clause("热线服务时间", "≥", "全天"), "threshold", "7×24"),
        (clause("质保期", "≥", "3年", level="l1"), "level", "故障等级"),
        (clause("质保期", "包含", "3年"), "comparator", "包含"),
        (clause("本地服务网点", "≥", "甲市"), "comparator", "包含"),
    ],
    ids=lambda v: v if isinstance(v, str) else v["text"],
)
def test_invalid_check_is_an_error_at_its_key(
    make_tree: MakeTree, req: dict[str, Any], key: str, fragment: str
) -> None:
    project = project_yaml(req)
    result = check(make_tree({"projects/demo.yaml": project}))
    error = only(about_clauses(result))
    assert error.severity is Severity.ERROR
    loc = error.location
    assert loc is not None and loc.file.name == "demo.yaml"
    assert loc.path == f"requirements[0].check.{key}"
    assert loc.line == line_of(project, f"{key}:", line_of(project, "requirements:"))
    assert fragment in error.message
    assert f"demo.yaml:{loc.line}:" in error.format()


def test_unknown_level_is_an_error_naming_the_levels(make_tree: MakeTree) -> None:
    project = project_yaml(clause("到达现场", "≤", "2小时", level="l9", marker="★"))
    result = check(make_tree({"projects/demo.yaml": project}))
    error = only(about_clauses(result))
    assert error.severity is Severity.ERROR
    assert "故障等级" in error.message and "l9" in error.message
    assert error.location is not None and error.location.path == "requirements[0].check.level"
    assert error.location.line == line_of(project, "level: l9")


@pytest.mark.parametrize(("word", "symbol"), [("不少于", Comparator.AT_LEAST), ("不超过", Comparator.AT_MOST)])
def test_comparator_words_are_accepted(make_tree: MakeTree, word: str, symbol: Comparator) -> None:
    threshold = "2年" if symbol is Comparator.AT_LEAST else "5年"
    result = checked(make_tree, clause("质保期", word, threshold))
    assert not about_clauses(result), result.report.format()
    assert result.model is not None
    (r,) = compliance.evaluate(result.model, result.model.project("demo"))
    assert r.requirement.check is not None and r.requirement.check.comparator is symbol


# --- the proposal section --------------------------------------------------------------


def test_proposal_section_is_the_table(make_tree: MakeTree) -> None:
    reqs = (
        {**clause("质保期", "≥", "2年", marker="★"), "text": "质保期不少于2年"},
        {**clause("本地服务网点", "包含", "甲市", marker="▲"), "text": "在甲市设有服务机构"},
        clause("备机", "≤", "24小时"),
        manual("提供原厂授权书"),
    )
    result = checked(make_tree, *reqs, extra={"sections": ["compliance"]})
    assert result.model is not None, result.report.format()
    doc = proposal.build(result.model, result.model.project("demo"))
    assert [s.anchor for s in doc.sections] == ["compliance"]
    text = plaintext.render(doc)
    lines = text.splitlines()
    header = next(ln for ln in lines if ln.startswith("  = "))
    assert "招标文件条目号" in header and "偏离情况" in header
    rows = [ln for ln in lines if ln.startswith("  | ")]
    assert len(rows) == 4
    assert "★质保期不少于2年" in rows[0] and "正偏离" in rows[0]
    assert "▲在甲市设有服务机构" in rows[1] and "无偏离" in rows[1]
    assert "负偏离" in rows[2] and "未作承诺" in rows[2]
    assert "待填写" in rows[3]
    # The template declares nothing about the clauses the table does not list.
    assert "完全响应" not in text and "无偏离。" not in text


def test_the_declaration_about_unlisted_clauses_is_the_contents(make_tree: MakeTree) -> None:
    commitments = minimal("commitments.yaml") + "deviation_statements:\n  unlisted_clauses: 其余条款照招标文件执行\n"
    result = check(
        make_tree(
            {
                "commitments.yaml": commitments,
                "projects/demo.yaml": minimal("projects/demo.yaml")
                + "sections: [compliance]\nrequirements:\n  - clause: '1'\n    text: 提供原厂授权书\n    response: 提供\n",
            }
        )
    )
    assert result.model is not None, result.report.format()
    text = plaintext.render(proposal.build(result.model, result.model.project("demo")))
    assert text.rstrip().endswith("其余条款照招标文件执行。")


def test_proposal_section_without_clauses_states_only_what_the_content_declares(make_tree: MakeTree) -> None:
    project = minimal("projects/demo.yaml") + "sections: [compliance]\n"
    result = check(make_tree({"projects/demo.yaml": project}))
    assert result.model is not None
    text = plaintext.render(proposal.build(result.model, result.model.project("demo")))
    assert "本项目未列出招标文件的售后服务及商务条款。" in text
    assert "完全响应" not in text and "招标文件条目号" not in text
    declared = minimal("commitments.yaml") + "deviation_statements:\n  no_clauses: 我方对招标文件的售后条款完全响应。\n"
    result = check(make_tree({"projects/demo.yaml": project, "commitments.yaml": declared}))
    assert result.model is not None
    text = plaintext.render(proposal.build(result.model, result.model.project("demo")))
    assert "我方对招标文件的售后条款完全响应。" in text


# --- the example ----------------------------------------------------------------------


def test_example_yunxi_answers_every_clause(example_model: Any) -> None:
    rp = example_model.project("yunxi-cdc-network")
    results = compliance.evaluate(example_model, rp)
    assert len(results) >= 12
    markers = {r.requirement.marker.value for r in results if r.requirement.marker}
    assert {"★", "▲"} <= markers
    deviations = [r.deviation for r in results]
    assert Deviation.POSITIVE in deviations
    assert Deviation.NEGATIVE not in deviations and None not in deviations
    assert any(r.automatic for r in results) and any(not r.automatic for r in results)
    assert [r.number for r in results] == list(range(1, len(results) + 1))


def test_example_yunxi_table_by_hand(example_model: Any) -> None:
    results = compliance.evaluate(example_model, example_model.project("yunxi-cdc-network"))
    assert [(r.requirement.clause, r.deviation, r.response, r.note) for r in results] == YUNXI_TABLE
    assert [r.number for r in results] == list(range(1, 15))
    assert [r.automatic for r in results] == YUNXI_AUTOMATIC


def test_example_check_finds_only_the_clause_copied_from_another_place() -> None:
    result = check(EXAMPLE)
    found = [
        (d.severity.value, d.location.file.relative_to(EXAMPLE).as_posix(), d.location.path, d.message)
        for d in result.report.items
        if d.location is not None
    ]
    assert found == EXAMPLE_FINDINGS and len(found) == len(result.report.items), result.report.format()
    (warning,) = [d for d in result.report.items if d.location is not None and d.location.path == "requirements[9]"]
    text = (EXAMPLE / "projects" / "yunxi-cdc-network.yaml").read_text(encoding="utf-8")
    assert warning.location is not None and warning.location.line == line_of(text, "clause: 3.5.1")
    (site,) = warning.related
    assert (site.file.name, site.path) == ("yunxi-cdc-network.yaml", "site.region")
    assert site.line == line_of(text, "region: yunxi")


YUNXI_WARRANTY = "check: {metric: 质保期, comparator: ≥, threshold: 3年}"


def break_yunxi_warranty(tmp_path: Path) -> Path:
    """A copy of the example whose ★ 质保期 clause asks for 5 years."""
    content = tmp_path / "content"
    shutil.copytree(EXAMPLE, content)
    path = content / "projects" / "yunxi-cdc-network.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(YUNXI_WARRANTY) == 1
    path.write_text(text.replace(YUNXI_WARRANTY, YUNXI_WARRANTY.replace("3年", "5年")), encoding="utf-8")
    return content


def test_breaking_a_star_clause_in_the_example_fails_check(tmp_path: Path) -> None:
    content = break_yunxi_warranty(tmp_path)
    result = check(content)
    error = only(result.report.errors)
    assert error in about_clauses(result)
    assert error.location is not None
    assert error.location.file.name == "yunxi-cdc-network.yaml" and error.location.path.startswith("requirements[")
    project_text = (content / "projects" / "yunxi-cdc-network.yaml").read_text(encoding="utf-8")
    assert error.location.line == line_of(project_text, "clause: 3.2.1")
    (related,) = error.related
    assert related.file.name == "commitments.yaml" and related.path == "warranty.period"
    assert "3.2.1" in error.message


# --- places a clause names --------------------------------------------------------------
# The demo site is in region alpha (甲市); the company also serves 乙县 (region beta), where
# its partner 乙县示例服务部 is; its only service point is in 甲市.

COPIED = "投标人须在青石市设有常驻售后服务机构。"


def place_messages(result: CheckResult) -> list[str]:
    return [d.message for d in about_clauses(result) if "本项目地点为" in d.message]


def with_cities(*cities: str) -> dict[str, str]:
    company = minimal("company.yaml")
    alpha = "  - id: alpha\n    name: 甲市\n    zone: city\n"
    assert alpha in company
    return {"company.yaml": company.replace(alpha, f"{alpha}    cities: [{', '.join(cities)}]\n")}


def with_point(city: str, region: str) -> dict[str, str]:
    company = minimal("company.yaml")
    hq = "    phone: 0000-8000-0001\n"
    assert company.count(hq) == 1
    point = (
        f"  - id: other\n    name: 其他网点\n    address: {city}三号路 3 号\n    city: {city}\n    region: {region}\n"
    )
    return {"company.yaml": company.replace(hq, hq + point + hq)}


def with_partner(city: str, region: str) -> dict[str, str]:
    partner = (
        f"  - id: other\n    name: 其他伙伴\n    category: 系统集成联盟\n    address: {city}四号路 4 号\n"
        f"    city: {city}\n    regions: [{region}]\n"
    )
    return {"partners.yaml": minimal("partners.yaml") + partner}


def test_clause_naming_another_city_warns_at_the_clause_and_points_at_the_site(make_tree: MakeTree) -> None:
    reqs = (manual("质保期内免费上门维修。", response="照办"), manual(COPIED, marker="★", response="照办"))
    project = project_yaml(*reqs)
    result = checked(make_tree, *reqs)
    warning = only(about_clauses(result))
    assert warning.severity is Severity.WARNING
    assert warning.message == "条款 2 提到青石市，本项目地点为甲市：请核对该条是否抄自其他项目"
    loc = warning.location
    assert loc is not None and (loc.file.name, loc.path) == ("demo.yaml", "requirements[1]")
    assert loc.line == line_of(project, "- clause: '2'")
    (site,) = warning.related
    assert (site.file.name, site.path, site.line) == ("demo.yaml", "site.region", line_of(project, "region: alpha"))
    assert warning.format().startswith(f"{loc.display_file()}:{loc.line}:{loc.col}: warning: 条款 2 提到青石市")
    # A warning: check passes, check --strict fails.
    assert result.model is not None
    assert not result.report.failed(strict=False) and result.report.failed(strict=True)


def test_a_region_of_the_company_that_is_not_this_projects_warns(make_tree: MakeTree) -> None:
    # 乙县 is known (a region, the partner's city), but its partner serves beta, not alpha.
    result = checked(make_tree, manual("乙县范围内 4 小时到达现场。", response="照办"))
    assert place_messages(result) == ["条款 1 提到乙县，本项目地点为甲市：请核对该条是否抄自其他项目"]


def test_each_foreign_place_is_named_once_in_one_warning(make_tree: MakeTree) -> None:
    result = checked(make_tree, manual("在青石市或宁海县设有服务站，青石市内 2 小时到场。", response="照办"))
    assert place_messages(result) == ["条款 1 提到青石市、宁海县，本项目地点为甲市：请核对该条是否抄自其他项目"]


def test_the_local_point_threshold_is_a_place_of_the_clause(make_tree: MakeTree) -> None:
    unnamed = {**clause("本地服务网点", "包含", "丙市"), "text": "须在项目所在地设有服务机构。"}
    assert place_messages(checked(make_tree, unnamed)) == [
        "条款 1 提到丙市，本项目地点为甲市：请核对该条是否抄自其他项目"
    ]
    # Named in the text and as the threshold: one place, one name. (Where the company has a
    # point there, as the example has in 青石市, the clause answers 无偏离 and only this warns.)
    both = {**clause("本地服务网点", "包含", "青石市"), "text": COPIED}
    assert place_messages(checked(make_tree, both)) == [
        "条款 1 提到青石市，本项目地点为甲市：请核对该条是否抄自其他项目"
    ]


@pytest.mark.parametrize(
    ("text", "files", "site"),
    [
        ("投标人须在甲市设有常驻售后服务机构。", {}, None),  # the project's region
        ("西山县各乡镇 2 小时内到达现场。", with_cities("东湖区", "西山县"), None),  # a city of its region
        ("东湖区内 1 小时到达现场。", {}, "甲市东湖区二号路 2 号"),  # named in the site address
        ("甲市启明区内 1 小时到达现场。", {}, None),  # a district written right after its city
        ("在白沙市设有备件库。", with_partner("白沙市", "alpha"), None),  # a partner serving alpha
        ("在南屏市设有服务站。", with_point("南屏市", "alpha"), None),  # a service point of alpha
        ("质保期内免费上门维修。", {}, None),  # no place at all
    ],
    ids=["region", "region-city", "site-address", "district-of-own-city", "partner", "service-point", "none"],
)
def test_clause_naming_the_projects_own_places_says_nothing(
    make_tree: MakeTree, text: str, files: dict[str, str], site: str | None
) -> None:
    project = project_yaml(manual(text, response="照办"))
    if site is not None:
        project = project.replace("address: 甲市二号路 2 号", f"address: {site}")
    result = check(make_tree({"projects/demo.yaml": project, **files}))
    assert not about_clauses(result), result.report.format()


@pytest.mark.parametrize(
    "files", [with_partner("白沙市", "beta"), with_point("白沙市", "beta")], ids=["partner", "service-point"]
)
def test_a_city_served_only_for_another_region_warns(make_tree: MakeTree, files: dict[str, str]) -> None:
    result = checked(make_tree, manual("在白沙市设有备件库。", response="照办"), files=files)
    assert place_messages(result) == ["条款 1 提到白沙市，本项目地点为甲市：请核对该条是否抄自其他项目"]


@pytest.mark.parametrize(
    "text",
    [
        "熟悉当地市场行情。",
        "县级以上医疗机构。",
        "服务区域内设有备件库。",
        "偏远地区 8 小时内到达现场。",
        "智慧城市建设经验。",
        "市区 2 小时内到达现场。",
        "在本市设有常驻机构。",
        "全县各乡镇卫生院。",
        "各区县教育局。",
        "公司旗下服务网点。",
        "旗舰机型提供原厂服务。",
        "办公区及机房。",
        "神州数码产品。",
    ],
)
def test_words_with_place_characters_are_no_places(make_tree: MakeTree, text: str) -> None:
    result = checked(make_tree, manual(text, response="照办"))
    assert not about_clauses(result), result.report.format()


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("位于澄川市汇川区示例路 6 号", ["澄川市", "汇川区"]),
        ("江澜省青石市", ["青石市"]),
        ("常驻宁海县", ["宁海县"]),
        ("须在石家庄市设点", ["石家庄市"]),
        ("达茂旗、恩施州", ["达茂旗", "恩施州"]),
        ("青石市区 2 小时到达，青石市场", ["青石市"]),
        ("汇川区", []),  # 区 alone is too common a word ending: only after a city, or known
        ("办公区及机房区域", []),
    ],
)
def test_place_names_in_running_text(text: str, names: list[str]) -> None:
    assert [p.name for p in compliance.places_in(text)] == names


def test_names_the_content_knows_are_found_whatever_their_length() -> None:
    text = "甲市、乙县和临北区"
    assert [p.name for p in compliance.places_in(text)] == []
    assert [p.name for p in compliance.places_in(text, ["甲市", "乙县", "临北区"])] == ["甲市", "乙县", "临北区"]


# --- deliverables a checked clause asks for --------------------------------------------

DELIVERABLE_FIX = (
    "偏离表的响应不会提到：请拆出一条不带 check 的人工条款并填写 response（带 check 的条款不使用 response），"
    "或在本条 note 中写明"
)
INSPECTION_REPORT = {
    **clause("巡检频次", "≥", "每季度", mode="现场"),
    "text": "质保期内每季度至少进行一次现场巡检，并提交巡检报告。",
}


def deliverable_messages(result: CheckResult) -> list[str]:
    return [d.message for d in about_clauses(result) if "还要求" in d.message]


def quarterly_reporting(*reports: str) -> dict[str, str]:
    listed = f"      reports: [{', '.join(reports)}]\n" if reports else ""
    return with_inspections(
        "    - id: quarterly\n      name: 季度巡检\n      frequency: 每季度\n      mode: 现场\n" + listed
    )


def test_checked_clause_asking_for_a_report_its_metric_does_not_cover_warns(make_tree: MakeTree) -> None:
    req = {**clause("到达现场", "≤", "2小时", level="l1"), "text": "一级故障 2 小时内到达现场，并出具维修报告。"}
    result = checked(make_tree, req)
    warning = only(about_clauses(result))
    assert warning.severity is Severity.WARNING
    assert warning.message == f"条款 1 还要求维修报告，这不在自动核对的“到达现场”之内，{DELIVERABLE_FIX}"
    assert warning.location is not None and warning.location.path == "requirements[0]"
    # The note points at the promise the clause was checked against.
    assert [(r.file.name, r.path) for r in warning.related] == [
        ("commitments.yaml", "response.levels[0].targets.arrival.city")
    ]


def test_every_document_asked_for_is_named(make_tree: MakeTree) -> None:
    req = {**clause("质保期", "≥", "3年"), "text": "质保期不少于 3 年，提供原厂质保证明及售后服务承诺函。"}
    assert deliverable_messages(checked(make_tree, req)) == [
        f"条款 1 还要求原厂质保证明、售后服务承诺函，这不在自动核对的“质保期”之内，{DELIVERABLE_FIX}"
    ]


@pytest.mark.parametrize(
    ("reports", "warned"),
    [
        ((), True),
        (("巡检记录表",), True),  # a record, not a report
        (("巡检记录表", "系统检查报告与维护建议"), False),
    ],
)
def test_an_inspection_report_is_answered_by_the_inspections_reports(
    make_tree: MakeTree, reports: tuple[str, ...], warned: bool
) -> None:
    messages = deliverable_messages(checked(make_tree, INSPECTION_REPORT, files=quarterly_reporting(*reports)))
    expected = (
        f"条款 1 还要求巡检报告，这不在自动核对的“巡检频次”之内，{DELIVERABLE_FIX}，或在“季度巡检”的 reports 中列出"
    )
    assert messages == ([expected] if warned else [])


def test_an_inspection_record_is_answered_by_a_record_form(make_tree: MakeTree) -> None:
    req = {**INSPECTION_REPORT, "text": "每季度现场巡检一次，每次填写巡检记录。"}
    assert not about_clauses(checked(make_tree, req, files=quarterly_reporting("巡检记录表")))


def test_only_the_inspection_that_answers_the_clause_counts(make_tree: MakeTree) -> None:
    # The monthly remote inspection reports, but an on-site clause is answered by the quarterly one.
    items = MONTHLY_REMOTE_AND_QUARTERLY_ON_SITE.replace(
        "      mode: 远程\n", "      mode: 远程\n      reports: [月度运行报告]\n"
    )
    messages = deliverable_messages(checked(make_tree, INSPECTION_REPORT, files=with_inspections(items)))
    assert messages and messages[0].endswith("，或在“季度现场巡检”的 reports 中列出")


def test_a_note_naming_the_document_answers_it_in_the_remarks(make_tree: MakeTree) -> None:
    req = {**INSPECTION_REPORT, "note": "每次巡检后 3 个工作日内提交巡检报告"}
    assert not about_clauses(checked(make_tree, req))
    assert "每次巡检后 3 个工作日内提交巡检报告" in one(make_tree, req).note


TRAINING = """
    plans:
      - id: basic
        name: 基础培训
        objectives: [会用设备]
        audiences: [管理员]
        class_hours: 16
        assessment: [上机操作]
"""


def test_the_training_plan_answers_a_plan_but_not_a_certificate(make_tree: MakeTree) -> None:
    req = {**clause("培训课时", "≥", "16"), "text": "提供培训方案及培训证书，总课时不少于 16 学时。"}
    result = checked(make_tree, req, files={"training.yaml": TRAINING}, extra={"training_plan": "basic"})
    assert deliverable_messages(result) == [f"条款 1 还要求培训证书，这不在自动核对的“培训课时”之内，{DELIVERABLE_FIX}"]


@pytest.mark.parametrize(
    "req",
    [
        manual("所投产品为原厂正品，提供制造商授权书及售后服务承诺函。", response="随投标文件提供"),
        {**clause("电话响应", "≤", "30分钟"), "text": "接到用户故障报告后 30 分钟内电话响应。"},
        {**clause("质保期", "≥", "3年"), "text": "质保期不少于 3 年，巡检报告须经采购人签字。"},
    ],
    ids=["manual-clause", "not-asked-for", "no-verb"],
)
def test_documents_not_asked_of_a_checked_clause_say_nothing(make_tree: MakeTree, req: dict[str, Any]) -> None:
    result = checked(make_tree, req)
    assert not about_clauses(result), result.report.format()


def test_a_response_on_a_checked_clause_is_reported_unused(make_tree: MakeTree) -> None:
    req = {**clause("质保期", "≥", "3年"), "response": "质保三年，另附原厂质保函"}
    project = project_yaml(req)
    warning = only(about_clauses(checked(make_tree, req)))
    assert warning.severity is Severity.WARNING
    assert warning.location is not None and warning.location.path == "requirements[0].response"
    assert warning.location.line == line_of(project, "response: 质保三年")
    assert warning.message == (
        "条款 1 带 check，响应由承诺数据生成，这里的 response 不会出现在偏离表中："
        "补充内容请写在 note 中（印在说明栏），或拆成一条不带 check 的人工条款"
    )
    assert one(make_tree, req).response == "整体质保期3年，自验收合格之日起计算"


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("质保期内每季度至少进行一次现场巡检，并提交巡检报告。", ["巡检报告"]),
        ("提供制造商授权书及售后服务承诺函", ["制造商授权书", "售后服务承诺函"]),
        ("验收时提交竣工文档、设备清单及维护手册", ["竣工文档", "设备清单", "维护手册"]),
        ("每次巡检后提交 2 份书面报告", ["书面报告"]),
        ("接到用户故障报告后 30 分钟内响应", []),
        ("提供 7×24 小时服务热线", []),
    ],
)
def test_deliverables_in_a_clause(text: str, names: list[str]) -> None:
    assert [d.name for d in compliance.deliverables_in(text)] == names
