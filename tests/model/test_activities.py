"""Inspections and callbacks as real sections write them (issue 14, item 4): once before the
end of a period, several modes at once, 定期 without a frequency, reports due on a day of
the next month to a named recipient. Each reads one way in every output."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import minimal

from generator.model.commitments import ScheduledActivity
from generator.pipeline import check


def activity(**fields: Any) -> ScheduledActivity:
    return ScheduledActivity.model_validate({"id": "a", "name": "全面巡检", **fields})


@pytest.mark.parametrize(
    ("fields", "reads"),
    [
        ({"frequency": "期满前", "before_end": "3个月", "during": "质保期内"}, "质保期满前3个月内"),
        ({"frequency": "期满前", "before_end": "30天", "during": "服务期内"}, "服务期满前30天内"),
        ({"frequency": "期满前", "before_end": "1个月"}, "期满前1个月内"),  # the project's period
        ({"frequency": "定期"}, "定期"),
        ({"frequency": "每季度", "at_least": "true"}, "至少每季度"),
    ],
)
def test_how_often_reads(fields: dict[str, Any], reads: str) -> None:
    assert activity(**fields).frequency_zh() == reads


def test_modes_at_once_and_modes_when_needed() -> None:
    assert activity(frequency="每季度", mode="现场", with_modes=["电话"]).mode_zh() == "现场和电话"
    both = activity(frequency="每季度", mode="现场", with_modes=["电话"], other_modes=["远程"])
    assert both.mode_zh() == "现场和电话，必要时远程"


@pytest.mark.parametrize(
    ("fields", "reads"),
    [
        (
            {"reports": ["巡检报告"], "report_due_day": "5", "report_to": "采购人信息中心"},
            "巡检报告（次月5日前提交采购人信息中心）",
        ),
        ({"reports": ["巡检报告", "整改建议"], "report_due_day": "10"}, "巡检报告、整改建议（次月10日前提交）"),
        ({"reports": ["巡检报告"], "report_to": "项目负责人"}, "巡检报告（提交项目负责人）"),
        ({"reports": ["巡检报告"]}, "巡检报告"),
        ({}, None),
    ],
)
def test_reports_read_with_their_due_day_and_recipient(fields: dict[str, Any], reads: str | None) -> None:
    assert activity(frequency="每月", **fields).reports_zh() == reads


INSPECTION = """\
    - id: final
      name: 期满前全面巡检
"""


@pytest.mark.parametrize(
    ("extra", "path", "says"),
    [
        ("      frequency: 期满前\n", "frequency", "须写明期满前多久进行"),
        ("      frequency: 每年\n      before_end: 3个月\n", "before_end", "只用于频次“期满前”"),
        ("      frequency: 每年\n      report_due_day: 5\n", "report_due_day", "没有写提交什么报告"),
        ("      frequency: 每年\n      report_due_day: 32\n", "report_due_day", ""),
    ],
)
def test_an_activity_that_cannot_be_read_is_an_error_at_its_key(
    extra: str, path: str, says: str, make_tree: Callable[..., Path]
) -> None:
    text = minimal("commitments.yaml").replace("  inspections:\n", "  inspections:\n" + INSPECTION + extra, 1)
    errors = check(make_tree({"commitments.yaml": text})).report.errors
    assert [e.location.path for e in errors if e.location] == [f"maintenance.inspections[0].{path}"], [
        e.format() for e in errors
    ]
    assert says in errors[0].message


def test_a_clause_on_one_mode_is_met_by_a_mode_used_together(make_tree: Callable[..., Path]) -> None:
    from generator.checks.compliance import evaluate
    from generator.model.project import Deviation

    commitments = minimal("commitments.yaml").replace(
        "      mode: 现场\n", "      mode: 远程\n      with_modes: [现场]\n", 1
    )
    project = minimal("projects/demo.yaml") + (
        "requirements:\n"
        "  - clause: 3.4\n"
        "    text: 每季度至少一次现场巡检。\n"
        "    check: {metric: 巡检频次, comparator: ≥, threshold: 每季度, mode: 现场}\n"
    )
    result = check(make_tree({"commitments.yaml": commitments, "projects/demo.yaml": project}))
    assert result.model is not None, result.report.format()
    [row] = evaluate(result.model, result.model.project("demo"))
    assert row.deviation is Deviation.NONE and "远程和现场" in row.response
