"""Cross-file and sanity checks: each rule with a tree that breaks it and one that keeps it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import minimal, staff_able_to_train

from generator.pipeline import check


def errors(root: Path) -> list[str]:
    return [d.message for d in check(root).report.errors]


def warnings(root: Path) -> list[str]:
    return [d.message for d in check(root).report.warnings]


def test_minimal_tree_is_clean(make_tree: Callable[..., Path]) -> None:
    result = check(make_tree())
    assert not result.report.items, result.report.format()


HOURS_7X24_PARTIAL = """
    hours:
      promise: 7×24
      windows:
        - days: 工作日
          time: 0:00-24:00
        - days: 周末
          time: 8:30-17:30"""

HOURS_7X24_FULL = """
    hours:
      promise: 7×24
      windows:
        - days: 工作日
          time: 0:00-24:00
        - days: 周末及节假日
          time: 0:00-24:00"""

HOURS_5X8_SHORT = """
    hours:
      promise: 5×8
      windows:
        - days: 工作日
          time: 9:00-12:00"""


@pytest.mark.parametrize(
    ("hours", "expected"),
    [
        (
            HOURS_7X24_PARTIAL,
            [
                "热线“客服热线”承诺 7×24，但周末只有 9小时00分：请补全值守时间段或改正承诺口径",
                "热线“客服热线”承诺 7×24，但法定节假日没有值守时间：请补全值守时间段或改正承诺口径",
            ],
        ),
        (HOURS_7X24_FULL, []),
        (HOURS_5X8_SHORT, ["热线“客服热线”承诺 5×8，但工作日只有 3小时00分：请补全值守时间段或改正承诺口径"]),
    ],
)
def test_hotline_promise_matches_its_hours(make_tree: Callable[..., Path], hours: str, expected: list[str]) -> None:
    company = minimal("company.yaml").replace("\n    hours: 7×24", hours)
    assert errors(make_tree({"company.yaml": company})) == expected


def test_more_severe_level_cannot_be_looser(make_tree: Callable[..., Path]) -> None:
    looser = (
        minimal("commitments.yaml")
        .replace("phone: 10分钟", "phone: 1小时")
        .replace("arrival: {city: 1小时, far: 4小时}", "arrival: {city: 1小时, far: 4小时}")
    )
    assert errors(make_tree({"commitments.yaml": looser})) == [
        "一级故障比二级故障更严重，“电话响应”却更宽松：1小时内 对 30分钟内"
    ]


def test_single_target_compares_with_regional_one(make_tree: Callable[..., Path]) -> None:
    text = minimal("commitments.yaml").replace("arrival: {city: 2小时, far: 8小时}", "arrival: 3小时")
    assert errors(make_tree({"commitments.yaml": text})) == [
        "一级故障比二级故障更严重，“到达现场”（far）却更宽松：4小时内 对 3小时内"
    ]


def test_not_applicable_targets_are_not_compared(make_tree: Callable[..., Path]) -> None:
    text = minimal("commitments.yaml").replace("phone: 30分钟", "phone: 不适用")
    assert errors(make_tree({"commitments.yaml": text})) == []


def test_regional_target_on_a_measure_that_is_not_per_area(make_tree: Callable[..., Path]) -> None:
    text = minimal("commitments.yaml").replace("phone: 10分钟", "phone: {city: 5分钟, far: 10分钟}")
    assert errors(make_tree({"commitments.yaml": text})) == [
        "“电话响应”不按地区承诺（per_area 未设为 true），这里却按地区给出了时限"
    ]


def test_region_not_covered_by_arrival_targets_is_a_warning(make_tree: Callable[..., Path]) -> None:
    text = minimal("commitments.yaml").replace("arrival: {city: 2小时, far: 8小时}", "arrival: {city: 2小时}")
    assert warnings(make_tree({"commitments.yaml": text})) == [
        "二级故障的“到达现场”没有覆盖地区“乙县”（也没有覆盖其分区）"
    ]


def test_unknown_measure_in_targets(make_tree: Callable[..., Path]) -> None:
    text = minimal("commitments.yaml").replace("phone: 30分钟", "phone: 30分钟\n        restor: 4小时")
    assert errors(make_tree({"commitments.yaml": text})) == ["未知的衡量指标“restor”（已定义：arrival、phone）"]


def test_duplicate_ids_name_both_places(make_tree: Callable[..., Path]) -> None:
    staff = minimal("staff.yaml").replace("- id: p2", "- id: p1")
    result = check(make_tree({"staff.yaml": staff}))
    [dup] = [d for d in result.report.errors if "重复定义" in d.message]
    assert dup.message == "人员标识“p1”重复定义"
    assert dup.location is not None and dup.location.line == 9
    assert [r.line for r in dup.related] == [5]


def test_role_headcount_cannot_be_below_named_people(make_tree: Callable[..., Path]) -> None:
    staff = minimal("staff.yaml").replace("name: 工程师", "name: 工程师\n    headcount: 1")
    assert errors(make_tree({"staff.yaml": staff})) == ["岗位“工程师”总人数写为 1，但名单中已有 2 人"]


FEES = """
in_warranty: 不收费。
price_lists:
  - id: parts
    title: 价目表
    items:
      - name: 触控笔
        price: {price}
        market_price: 330
        discount: {discount}
"""


@pytest.mark.parametrize(
    ("price", "discount", "expected"),
    [
        ("300", "9%", []),
        ("300", "20%", ["“触控笔”的优惠率写为 20%，但按市场价 330.00 元、优惠价 300.00 元计算应为 9.1%"]),
        (
            "360",
            "0%",
            [
                "“触控笔”优惠价 360.00 元高于市场价 330.00 元",
                "“触控笔”的优惠率写为 0%，但按市场价 330.00 元、优惠价 360.00 元计算应为 -9.1%",
            ],
        ),
    ],
)
def test_price_list_discounts_agree_with_prices(
    make_tree: Callable[..., Path], price: str, discount: str, expected: list[str]
) -> None:
    assert errors(make_tree({"fees.yaml": FEES.format(price=price, discount=discount)})) == expected


TRAINING = """
plans:
  - id: std
    name: 标准培训
    objectives: [会用]
    audiences: [管理员]
    trainers: {trainers}
    trainer_people: [p1, p2]
    modes: [集中]
    class_hours: 20
    modules:
      - name: 操作
        hours: {hours}
"""


@pytest.mark.parametrize(
    ("trainers", "hours", "expected"),
    [
        (2, 20, []),
        (1, 20, ["列出了 2 名讲师，但承诺讲师人数为 1"]),
        (2, 12, ["课程模块合计 12 课时，少于承诺的总课时 20"]),
    ],
)
def test_training_plan_adds_up(make_tree: Callable[..., Path], trainers: int, hours: int, expected: list[str]) -> None:
    assert (
        errors(
            make_tree(
                {
                    "training.yaml": TRAINING.format(trainers=trainers, hours=hours),
                    "staff.yaml": staff_able_to_train("p1", "p2"),
                }
            )
        )
        == expected
    )


def test_project_dates_in_order(make_tree: Callable[..., Path]) -> None:
    base = minimal("projects/demo.yaml").replace("acceptance_date: 2026-05-20\n", "")
    project = base + "contract_date: 2026-04-01\nacceptance_date: 2026-06-01\n"
    assert errors(make_tree({"projects/demo.yaml": project})) == []
    # Dates left out do not hide an order problem between the dates that are stated.
    project = base + "contract_date: 2026-04-01\nacceptance_date: 2026-03-01\n"
    assert errors(make_tree({"projects/demo.yaml": project})) == ["验收合格日期 2026-03-01 早于合同签订日期 2026-04-01"]
    project += "delivery_date: 2026-05-01\n"
    assert errors(make_tree({"projects/demo.yaml": project})) == ["验收合格日期 2026-03-01 早于交货日期 2026-05-01"]


def test_equipment_needs_a_maker_and_a_known_product_line(make_tree: Callable[..., Path]) -> None:
    makers = """
manufacturers:
  - id: acme
    name: 示例厂商
    product_lines:
      - name: 交换机
        warranty: 1年
"""
    project = minimal("projects/demo.yaml") + (
        "equipment:\n"
        "  - {id: a, name: 交换机, manufacturer: acme, product_line: 交换机, model: X1, quantity: 2}\n"
        "  - {id: b, name: 路由器, manufacturer: acme, product_line: 路由器, model: R1, quantity: 1}\n"
        "  - {id: c, name: 黑板, model: B1, quantity: 3}\n"
        "  - {id: d, name: 服务器, manufacturer: acmee, model: S1, quantity: 1}\n"
    )
    assert errors(make_tree({"manufacturers.yaml": makers, "projects/demo.yaml": project})) == [
        "未知的示例厂商产品线“路由器”（已定义：交换机）",
        "请写明厂商（manufacturer）或品牌（brand）",
        "未知的厂商“acmee”，是否想写“acme”？",
    ]


def test_prose_block_variables_must_exist(make_tree: Callable[..., Path]) -> None:
    prose = "blocks:\n  - id: intro\n    title: 简介\n    body: '{{ company.short_nam }}提供服务，质保{{ warranty.period }}。'\n"
    project = minimal("projects/demo.yaml") + "sections: [letter, prose:intro]\n"
    result = check(make_tree({"prose.yaml": prose, "projects/demo.yaml": project}))
    assert [d.message for d in result.report.errors] == [
        "文本块“简介”引用了不存在的变量：'generator.model.company.Company object' has no attribute 'short_nam'"
    ]
    fixed = prose.replace("short_nam", "short_name")
    result = check(make_tree({"prose.yaml": fixed, "projects/demo.yaml": project}))
    assert not result.report.items


def test_unused_prose_block_is_a_warning(make_tree: Callable[..., Path]) -> None:
    prose = "blocks:\n  - id: intro\n    title: 简介\n    body: 正文\n"
    assert warnings(make_tree({"prose.yaml": prose})) == ["文本块“简介”没有被任何项目的 sections 使用"]


def test_missing_required_file(make_tree: Callable[..., Path]) -> None:
    assert errors(make_tree({"staff.yaml": None})) == ["缺少必需的内容文件 staff.yaml（人员、岗位、值班）"]


def test_missing_acceptance_date_is_one_warning(make_tree: Callable[..., Path]) -> None:
    project = minimal("projects/demo.yaml").replace("acceptance_date: 2026-05-20\n", "")
    root = make_tree({"projects/demo.yaml": project})
    result = check(root)
    assert not result.report.errors
    (warning,) = result.report.warnings
    assert "acceptance_date" in warning.message and "验收合格" in warning.message
    assert warning.location is not None and warning.location.file.name == "demo.yaml"
    assert result.model is not None  # a warning: the outputs are still built, with blanks


def test_a_period_ending_past_the_calendar_is_one_error_at_the_period(make_tree: Callable[..., Path]) -> None:
    """2199-06-30 plus the warranty: an error at the period, the start date and each item
    with the same period as its related places (not an error per item, not a crash)."""
    project = minimal("projects/demo.yaml").replace("acceptance_date: 2026-05-20", "acceptance_date: 2199-06-30")
    project += "equipment:\n  - {id: sw, name: 核心交换机, brand: 示例品牌, model: X1, quantity: 2}\n"
    result = check(make_tree({"projects/demo.yaml": project}))
    (error,) = result.report.errors
    assert "2199-06-30" in error.message and "2199-12-31" in error.message
    assert error.location is not None and error.location.path.endswith("warranty.period")
    assert [r.path for r in error.related] == ["acceptance_date", "equipment[0]"]
    assert result.model is None


def test_item_counted_from_delivery_needs_a_delivery_date(make_tree: Callable[..., Path]) -> None:
    project = minimal("projects/demo.yaml") + (
        "equipment:\n"
        "  - {id: sw, name: 核心交换机, brand: 示例品牌, model: X1, quantity: 2}\n"
        "  - {id: bb, name: 推拉黑板, brand: 示例教具, model: B1, quantity: 3, warranty: 5年, warranty_start: 交货}\n"
    )
    root = make_tree({"projects/demo.yaml": project})
    assert errors(root) == []
    (warning,) = warnings(root)
    assert "delivery_date" in warning and "推拉黑板" in warning
    assert "核心交换机" not in warning  # counted from acceptance, which is stated
    assert warnings(make_tree({"projects/demo.yaml": project + "delivery_date: 2026-05-06\n"})) == []
