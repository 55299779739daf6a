"""Values that validate but are hardly meant: a time limit over 30 days, a phone number of more
than 15 digits, a warranty under a month. `check` warns (never fails) at the value itself.
Messages, lines and columns are written out by hand from the minimal tree (conftest.MINIMAL)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import minimal

from generator.checks.plausible import phone_digits
from generator.pipeline import check
from generator.reading.diagnostics import Severity

MakeTree = Callable[..., Path]
MARKS = ("超过 30 天", "不到一个月", "位数字")


def plausibility(make_tree: MakeTree, files: dict[str, str | None]) -> list[str]:
    """The plausibility warnings of the tree, formatted (file:line:col: warning: … (at path))."""
    root = make_tree(files)
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(root.parent)  # files display relative to the working folder: content/…
        result = check(root)
        found = [d.format() for d in result.report.sorted() if any(mark in d.message for mark in MARKS)]
    assert not result.report.errors, result.report.format()
    assert result.model is not None
    assert all(d.severity is Severity.WARNING for d in result.report.items if any(m in d.message for m in MARKS))
    return found


def edit(name: str, *pairs: tuple[str, str]) -> dict[str, str | None]:
    text = minimal(name)
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    return {name: text}


def test_the_minimal_tree_is_plausible(make_tree: MakeTree) -> None:
    assert plausibility(make_tree, {}) == []


def test_example_and_seed_trees_are_plausible() -> None:
    from conftest import EXAMPLE, SEEDS

    for root in (EXAMPLE, *(SEEDS / s for s in ("s000_network", "s001_integrator", "s002_classroom"))):
        result = check(root)
        assert [d.format() for d in result.report.items if any(m in d.message for m in MARKS)] == [], root


# --- time limits -------------------------------------------------------------------------------

RESOLVE = (
    (
        "      per_area: true\n",
        "      per_area: true\n    - id: resolve\n      name: 彻底解决\n      kind: 彻底解决\n",
    ),
    (
        "        arrival: {city: 1小时, far: 4小时}\n",
        "        arrival: {city: 1小时, far: 4小时}\n        resolve: 30天\n",
    ),
    (
        "        arrival: {city: 2小时, far: 8小时}\n",
        "        arrival: {city: 2小时, far: 45天}\n        resolve: 1000小时\n",
    ),
)


def test_a_time_limit_over_30_days_is_a_warning_at_the_value(make_tree: MakeTree) -> None:
    """30天 is still plausible; 1000小时 (41⅔ days) and a zone's 45天 are not."""
    assert plausibility(make_tree, edit("commitments.yaml", *RESOLVE)) == [
        "content/commitments.yaml:31:35: warning: 二级故障的到达现场时限（far）为 45天，超过 30 天："
        "故障时限很少这么长，请核对数字和单位 (at response.levels[1].targets.arrival.far)",
        "content/commitments.yaml:32:18: warning: 二级故障的彻底解决时限为 1000小时，超过 30 天："
        "故障时限很少这么长，请核对数字和单位 (at response.levels[1].targets.resolve)",
    ]


def test_a_manufacturers_time_limit_is_checked_too(make_tree: MakeTree) -> None:
    manufacturers = """\
manufacturers:
  - id: acme
    name: 示例厂商
    product_lines:
      - name: 交换机
        warranty: 3年
    response:
      measures:
        - {id: phone, name: 电话响应, kind: 电话响应}
      levels:
        - id: p1
          name: P1
          targets: {phone: 60天}
"""
    assert plausibility(make_tree, {"manufacturers.yaml": manufacturers}) == [
        "content/manufacturers.yaml:13:28: warning: 厂商“示例厂商”P1的电话响应时限为 60天，超过 30 天："
        "故障时限很少这么长，请核对数字和单位 (at manufacturers[0].response.levels[0].targets.phone)",
    ]


# --- warranties --------------------------------------------------------------------------------


def test_a_warranty_under_a_month_is_a_warning(make_tree: MakeTree) -> None:
    files = edit("commitments.yaml", ("  period: 3年\n", "  period: 0.001年\n"))
    assert plausibility(make_tree, files) == [
        "content/commitments.yaml:4:11: warning: 质保期为 0.001年，不到一个月：质保期很少这么短，请核对数字和单位"
        " (at warranty.period)",
    ]
    assert plausibility(make_tree, edit("commitments.yaml", ("  period: 3年\n", "  period: 1个月\n"))) == []


def test_a_projects_override_and_equipment_warranty_are_checked_where_they_are_written(make_tree: MakeTree) -> None:
    project = minimal("projects/demo.yaml") + (
        "equipment:\n"
        "  - id: panel\n"
        "    name: 交互平板\n"
        "    brand: 示例\n"
        "    warranty: 10天\n"
        "overrides:\n"
        "  commitments:\n"
        "    warranty:\n"
        "      period: 3周\n"
    )
    assert plausibility(make_tree, {"projects/demo.yaml": project}) == [
        "content/projects/demo.yaml:20:15: warning: 设备“交互平板”的质保期为 10天，不到一个月：质保期很少这么短，"
        "请核对数字和单位 (at equipment[0].warranty)",
        "content/projects/demo.yaml:24:15: warning: 质保期为 3周，不到一个月：质保期很少这么短，请核对数字和单位"
        " (at overrides.commitments.warranty.period)",
    ]


# --- phone numbers -----------------------------------------------------------------------------

LONG = "138" + "0" * 52 + "1"  # 56 digits


def test_a_phone_number_over_15_digits_is_a_warning_wherever_it_is_written(make_tree: MakeTree) -> None:
    files = {
        **edit("staff.yaml", ("phone: 138-0000-0001", f"phone: '{LONG}'")),
        **edit("company.yaml", ("number: 400-000-0000", "number: '+86 400 000 0000 0000'")),
        **edit("projects/demo.yaml", ("  name: 示例采购人\n", "  name: 示例采购人\n  phone: '0000-0000-0000-0000'\n")),
        "partners.yaml": minimal("partners.yaml") + "    phone: 0571-8888-8888转12345\n",  # 12 digits and an extension
    }
    assert plausibility(make_tree, files) == [
        "content/company.yaml:7:13: warning: 电话号码“+86 400 000 0000 0000”有 16 位数字，超过 15 位"
        "（国际号码连国家代码最多 15 位）：请核对 (at hotlines[0].number)",
        "content/projects/demo.yaml:5:10: warning: 电话号码“0000-0000-0000-0000”有 16 位数字，超过 15 位"
        "（国际号码连国家代码最多 15 位）：请核对 (at purchaser.phone)",
        f"content/staff.yaml:8:12: warning: 电话号码“{LONG}”有 56 位数字，超过 15 位"
        "（国际号码连国家代码最多 15 位）：请核对 (at people[0].phone)",
    ]


@pytest.mark.parametrize(
    ("number", "digits"),
    [("400-000-0000", 10), ("+86 138 0000 0001", 13), ("0571-8888-8888转1234", 12), ("(0571) 8888 8888#99", 12)],
)
def test_phone_digits_leave_out_the_extension(number: str, digits: int) -> None:
    assert phone_digits(number) == digits
