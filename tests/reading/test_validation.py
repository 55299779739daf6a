"""Golden tests of the whole error report a bid writer sees for a broken tree."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.pipeline import check


def report_for(root: Path) -> str:
    return check(root).report.format()


def test_schema_errors_are_all_reported_with_file_line_and_path(
    make_tree: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from conftest import minimal

    root = make_tree(
        {
            "company.yaml": minimal("company.yaml").replace("hours: 7×24", "hours: 5×8"),
            "staff.yaml": minimal("staff.yaml")
            .replace("phone: 138-0000-0002", "phone: call me\n    phne: 138")
            .replace("days: 每天", "days: 每日"),
            "commitments.yaml": minimal("commitments.yaml")
            .replace("arrival: {city: 2小时, far: 8小时}", "arrival: {city: 2 parsecs, far: 8小时}")
            .replace("    - id: l2\n      name: 二级故障\n", "    - id: l2\n"),
            "projects/demo.yaml": minimal("projects/demo.yaml") + "name: 重复\n",
            "comitments.yaml": "a: 1\n",
        }
    )
    monkeypatch.chdir(tmp_path)
    assert report_for(root) == "\n".join(
        [
            "content/comitments.yaml: error: 未知的内容文件 comitments.yaml：是否想写 commitments.yaml？",
            "content/commitments.yaml:22:7: error: 缺少必填项“name” (at response.levels[1].name)",
            "content/commitments.yaml:26:25: error: 无法识别的时长“2 parsecs”：应写成“30分钟”“2小时”“3个工作日”“1年”或“立即”"
            " (at response.levels[1].targets.arrival.city)",
            "content/company.yaml:8:12: error: “5×8”不能单独写：只有 7×24 可以简写，其他请写明 promise 和 windows（如工作日 8:30-17:30） (at hotlines[0].hours)",
            "content/projects/demo.yaml:16:1: error: 重复的键“name”（第 1 行已出现）：YAML 只会保留其中一个值，另一个会悄悄丢失 (at name)",
            "content/staff.yaml:12:12: error: “call me”不像电话号码：只能包含数字、空格、-、+、括号，例如 0571-0000-0000 或 400-000-0000"
            " (at people[1].phone)",
            "content/staff.yaml:13:5: error: 未知的键“phne”，是否想写“phone”？（可用的键：can_train、certificates、contact_public、"
            "duties、education、email、id、internal_note、lines、major、name、phone、role、service_point、title、years_experience）"
            " (at people[1].phne)",
            "content/staff.yaml:17:13: error: “每日”不是可选值：应为 每天、工作日、周末、法定节假日、周末及节假日 (at duty_rota.shifts[0].days)",
        ]
    )


def test_reference_and_sanity_errors_are_all_reported(
    make_tree: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from conftest import minimal

    root = make_tree(
        {
            "commitments.yaml": minimal("commitments.yaml")
            .replace("arrival: {city: 1小时, far: 4小时}", "arrival: {city: 5分钟, far: 12小时}")
            .replace("leader: p1", "leader: p9"),
            "staff.yaml": minimal("staff.yaml").replace("people: [p1]", "people: [p1, p3]"),
            "projects/demo.yaml": minimal("projects/demo.yaml")
            .replace("region: alpha", "region: alfa")
            .replace("contact: p2", "contact: p2\n  engineers: [p1, px]")
            + "sections: [letter, warranty, warranty, prose:nothing]\n",
        }
    )
    monkeypatch.chdir(tmp_path)
    assert report_for(root) == "\n".join(
        [
            "content/commitments.yaml:21:25: error: 到达现场不能早于电话响应：到达现场（city）5分钟内，而电话响应10分钟内"
            " (at response.levels[0].targets.arrival.city)",
            "  content/commitments.yaml:20:16: note: 相关位置 (at response.levels[0].targets.phone)",
            "content/commitments.yaml:21:35: error: 一级故障比二级故障更严重，“到达现场”（far）却更宽松：12小时内 对 8小时内"
            " (at response.levels[0].targets.arrival.far)",
            "  content/commitments.yaml:27:35: note: 相关位置 (at response.levels[1].targets.arrival.far)",
            "content/commitments.yaml:46:15: error: 未知的人员“p9”（已定义：p1、p2） (at emergency.groups[0].leader)",
            "content/projects/demo.yaml:7:11: error: 未知的地区“alfa”，是否想写“alpha”？ (at site.region)",
            "content/projects/demo.yaml:14:19: error: 未知的人员“px”（已定义：p1、p2） (at staff.engineers[1])",
            "content/projects/demo.yaml:17:30: error: 章节“warranty”出现了两次 (at sections[2])",
            "  content/projects/demo.yaml:17:20: note: 相关位置 (at sections[1])",
            "content/projects/demo.yaml:17:40: error: 未知的自由文本块“nothing” (at sections[3])",
            "content/staff.yaml:18:20: error: 未知的人员“p3”（已定义：p1、p2） (at duty_rota.shifts[0].people[1])",
        ]
    )


def test_warnings_are_separate_from_errors(make_tree: Callable[..., Path]) -> None:
    from conftest import minimal

    root = make_tree({"commitments.yaml": minimal("commitments.yaml").replace("phone: 30分钟\n", "")})
    result = check(root)
    assert not result.report.errors
    assert [w.message for w in result.report.warnings] == ["二级故障没有给出“电话响应”的时限；如不适用请写“不适用”"]
    assert result.model is not None
    assert result.report.failed(strict=True) and not result.report.failed(strict=False)
