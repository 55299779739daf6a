"""Remedies (response.remedies): a condition (a time limit missed, or an event) and what the
company then does, typed so that every output reads them the same and a tender clause can
check them (issue 14, item 3)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import minimal

from generator.checks.compliance import evaluate
from generator.model.project import Deviation
from generator.pipeline import check


def commitments(remedies: str) -> str:
    text = minimal("commitments.yaml")
    at = text.index("process:")
    return text[:at].replace("response:\n", "response:\n" + remedies, 1) + text[at:]


REMEDIES = """\
  remedies:
    - measure: arrival
      kind: 承担责任
      what: 由此给用户造成的损失
    - measure: phone
      after: 2小时
      kind: 备件
      what: 同型号备件
      within: 4小时
      free: true
    - event: 设备在运输过程中损坏
      kind: 更换
      unconditional: true
      what: 同型号新品
    - event: 产品存在设计或制造缺陷
      kind: 维修
      regardless_of_warranty: true
"""


def test_each_remedy_reads_from_its_fields(make_tree: Callable[..., Path]) -> None:
    result = check(make_tree({"commitments.yaml": commitments(REMEDIES)}))
    assert not result.report.errors, result.report.format()
    assert result.model is not None
    response = result.model.content.commitments.response
    assert response.remedy_rows() == (
        ("未能在承诺时限内到达现场", "承担由此给用户造成的损失"),
        ("2小时内未能电话响应", "4小时内免费提供同型号备件"),
        ("设备在运输过程中损坏", "无条件更换同型号新品"),
        ("不论是否在质保期内，产品存在设计或制造缺陷", "维修"),
    )
    # The response section takes the missed time limits, the warranty section the events.
    assert [c for c, _ in response.remedy_rows("time")] == ["未能在承诺时限内到达现场", "2小时内未能电话响应"]
    assert len(response.remedy_rows("event")) == 2


@pytest.mark.parametrize(
    ("remedy", "path", "says"),
    [
        ("    - kind: 备机\n", "response.remedies[0]", "请写明触发条件"),
        ("    - measure: phone\n      event: 停电\n      kind: 备机\n", "response.remedies[0]", "二者写一个"),
        (
            "    - event: 停电\n      after: 2小时\n      kind: 备机\n",
            "response.remedies[0].after",
            "须与 measure 一起写",
        ),
        ("    - event: 质量问题\n      kind: 赔偿\n", "response.remedies[0]", "“赔偿”须写明内容"),  # what is missing
        ("    - measure: fone\n      kind: 备机\n", "response.remedies[0].measure", "未知的衡量指标“fone”"),
        ("    - event: 停电\n      kind: 补偿\n", "response.remedies[0].kind", "补偿"),
    ],
)
def test_a_remedy_that_cannot_be_read_is_an_error_at_its_key(
    remedy: str, path: str, says: str, make_tree: Callable[..., Path]
) -> None:
    errors = check(make_tree({"commitments.yaml": commitments("  remedies:\n" + remedy)})).report.errors
    assert [e.location.path for e in errors if e.location] == [path], [e.format() for e in errors]
    assert says in errors[0].message


@pytest.mark.parametrize(("threshold", "deviation"), [("4小时", Deviation.NONE), ("2小时", Deviation.NEGATIVE)])
def test_a_tender_clause_checks_the_spare_parts_time(
    threshold: str, deviation: Deviation, make_tree: Callable[..., Path]
) -> None:
    project = minimal("projects/demo.yaml") + (
        "requirements:\n"
        "  - clause: 3.1\n"
        "    text: 故障不能及时修复的，须在规定时间内提供备件。\n"
        f"    check: {{metric: 备件, comparator: ≤, threshold: {threshold}}}\n"
    )
    result = check(make_tree({"commitments.yaml": commitments(REMEDIES), "projects/demo.yaml": project}))
    assert result.model is not None, result.report.format()
    rp = result.model.project("demo")
    [row] = evaluate(result.model, rp)
    assert row.deviation is deviation
    assert "4小时内免费提供同型号备件" in row.response


def test_a_spare_unit_says_how_soon_it_comes_once_due() -> None:
    from generator.model.response import SpareUnit

    su = SpareUnit.model_validate({"within": "24小时", "provided_within": "4小时", "free": "true"})
    assert su.zh() == "故障在24小时内未能修复的，4小时内免费提供备机"
    assert SpareUnit.model_validate({"within": "24小时"}).zh() == "故障在24小时内未能修复的，提供备机"
