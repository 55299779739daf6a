"""Product lines: company-level items tagged for a line reach only that line's projects,
and check names tags, lines and equipment that do not fit."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLE, minimal
from extract import docx_text, pdf_text, site_text

from generator.pipeline import check

MakeTree = Callable[..., Path]

LINES = """
product_lines:
  - id: panels
    name: 教室平板
    manufacturers: [qm]
  - id: switches
    name: 网络交换
    manufacturers: [hh]
"""
MAKERS = """
manufacturers:
  - id: qm
    name: 启明示例
    product_lines: [{name: 平板, warranty: 3年}]
  - id: hh
    name: 华衡示例
    product_lines: [{name: 交换机, warranty: 1年}]
"""


def tree(make_tree: MakeTree, equipment: str = "", commitments: str = "", project_extra: str = "") -> Path:
    commit = minimal("commitments.yaml").replace(
        "  start_event: 验收合格\n",
        "  start_event: 验收合格\n  excluded:\n    - 人为损坏\n    - {text: 屏幕碎裂, lines: [panels]}\n"
        "    - {text: 光模块等耗材, lines: [hh]}\n",
    )
    return make_tree(
        {
            "company.yaml": minimal("company.yaml") + LINES,
            "manufacturers.yaml": MAKERS,
            "commitments.yaml": commit + commitments,
            "projects/demo.yaml": minimal("projects/demo.yaml") + equipment + project_extra,
        }
    )


SWITCH = "equipment:\n  - id: sw\n    name: 核心交换机\n    manufacturer: hh\n"
PANEL = "equipment:\n  - id: pn\n    name: 交互平板\n    manufacturer: qm\n"


def excluded(root: Path) -> list[str]:
    result = check(root)
    assert result.model is not None, result.report.format()
    return [str(x) for x in result.model.project("demo").commitments.warranty.excluded]


def test_a_project_keeps_untagged_items_and_those_of_its_lines(make_tree: MakeTree) -> None:
    assert excluded(tree(make_tree, SWITCH)) == ["人为损坏", "光模块等耗材"]  # line switches, maker hh
    assert excluded(tree(make_tree, PANEL)) == ["人为损坏", "屏幕碎裂"]


def test_product_lines_named_by_the_project_win_over_its_equipment(make_tree: MakeTree) -> None:
    assert excluded(tree(make_tree, SWITCH, project_extra="product_lines: [panels]\n")) == [
        "人为损坏",
        "屏幕碎裂",  # the project's line
        "光模块等耗材",  # its equipment's maker
    ]


def test_without_any_line_everything_applies_and_check_says_so(make_tree: MakeTree) -> None:
    root = tree(make_tree)
    assert excluded(root) == ["人为损坏", "屏幕碎裂", "光模块等耗材"]
    [warning] = [d for d in check(root).report.warnings if "product_lines" in d.message]
    assert warning.message == "本项目没有写 product_lines，也无法由设备推出产品线：文档将包含所有产品线的条目"


def test_equipment_of_no_line_is_a_warning(make_tree: MakeTree) -> None:
    root = tree(make_tree, SWITCH + "  - id: chalk\n    name: 推拉黑板\n    brand: 示例教具\n")
    found = [d for d in check(root).report.warnings if "不属于任何产品线" in d.message]
    assert [d.location.path if d.location else None for d in found] == ["equipment[1]"]
    assert found[0].message.startswith("设备“推拉黑板”不属于任何产品线：它的厂商不在 company.product_lines")
    root = tree(make_tree, SWITCH + "  - id: chalk\n    name: 推拉黑板\n    brand: 示例教具\n    line: panels\n")
    assert not [d for d in check(root).report.warnings if "不属于任何产品线" in d.message]


def test_unknown_lines_are_errors(make_tree: MakeTree) -> None:
    root = tree(make_tree, SWITCH + "    line: tablets\n", project_extra="product_lines: [tablets]\n")
    errors = [(d.message.split("（")[0], d.location.path if d.location else None) for d in check(root).report.errors]
    assert errors == [("未知的产品线“tablets”", "product_lines[0]"), ("未知的产品线“tablets”", "equipment[0].line")]


def test_an_unknown_tag_is_an_error_at_its_line(make_tree: MakeTree) -> None:
    commit = minimal("commitments.yaml").replace(
        "  start_event: 验收合格\n", "  start_event: 验收合格\n  covered:\n    - {text: 触控失灵, lines: [panel]}\n"
    )
    result = check(
        make_tree(
            {
                "company.yaml": minimal("company.yaml") + LINES,
                "manufacturers.yaml": MAKERS,
                "commitments.yaml": commit,
            }
        )
    )
    [error] = result.report.errors
    assert error.message.startswith("未知的产品线或厂商“panel”（可用：hh、panels、qm、switches）")
    assert error.location is not None and (error.location.line, error.location.col, error.location.path) == (
        7,
        28,
        "warranty.covered[0].lines[0]",
    )


def test_a_tag_written_wrong_is_located(make_tree: MakeTree) -> None:
    commit = minimal("commitments.yaml").replace(
        "  start_event: 验收合格\n", "  start_event: 验收合格\n  covered:\n    - {text: 触控失灵, line: [panels]}\n"
    )
    [error] = check(make_tree({"commitments.yaml": commit})).report.errors
    assert error.message == "未知的键“line”（可用的键：lines、text）"
    assert error.location is not None and error.location.path == "warranty.covered[0].line"


# --- the example: each project prints only its own products ----------------------------

# Words of one product line in content/, written out by hand (commitments, fees, staff).
CLASSROOM_ONLY = ("屏幕碎裂", "遥控器", "触摸笔", "触控笔", "教室一体机", "教室终端", "显示与触控")
NETWORK_ONLY = ("交换机电源模块", "擅自修改网络设备配置")
DATACENTER_ONLY = ("企业级硬盘", "服务器与存储")
# The example's projects and the lines their equipment belongs to.
PROJECT_LINES = {
    "qingshi-classroom": {"classroom"},
    "yunxi-cdc-network": {"network", "datacenter"},
    "linchuan-gov-dc": {"network", "datacenter"},
}
WORDS = {"classroom": CLASSROOM_ONLY, "network": NETWORK_ONLY, "datacenter": DATACENTER_ONLY}


@pytest.mark.parametrize("project_id", sorted(PROJECT_LINES))
def test_example_projects_print_only_their_own_product_lines(built: Path, project_id: str) -> None:
    texts = {
        "proposal": docx_text(built / project_id / "proposal.docx"),
        "manual": pdf_text(built / project_id / "manual.pdf"),
        "project page": site_text_of_page(built.parent / "site" / "projects" / f"{project_id}.html"),
    }
    for line, words in WORDS.items():
        for output, text in texts.items():
            squeezed = "".join(text.split())
            for word in words:
                if line not in PROJECT_LINES[project_id]:
                    assert word not in squeezed, (project_id, output, word)


def trainers(built: Path, project_id: str) -> str:
    """The proposal's 培训讲师 cell."""
    lines = [ln for ln in docx_text(built / project_id / "proposal.docx").splitlines() if ln.strip()]
    return lines[lines.index("培训讲师") + 1]


def test_a_trainer_of_another_line_is_not_listed(built: Path) -> None:
    # standard plan: trainers p03 沈一帆, p04 许清和, p07 韩书瑶 (lines: classroom)
    assert trainers(built, "yunxi-cdc-network") == "3名（沈一帆，网络技术专家；许清和，网络工程师）"
    assert "韩书瑶" in trainers(built, "qingshi-classroom")


def test_the_example_classroom_project_keeps_its_own_items(built: Path) -> None:
    text = "".join(docx_text(built / "qingshi-classroom" / "proposal.docx").split())
    for word in ("屏幕碎裂", "触控笔", "教室终端", "显示与触控部件故障"):
        assert word in text, word


def test_the_handbook_lists_every_line(built: Path) -> None:
    """Company-level pages serve every customer: nothing is left out there."""
    text = "".join(site_text(built.parent / "site").split())
    for word in ("屏幕碎裂", "交换机电源模块", "企业级硬盘"):
        assert word in text, word


def site_text_of_page(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_example_declares_lines(example_model: Any) -> None:
    assert [pl.id for pl in example_model.content.company.product_lines] == ["classroom", "network", "datacenter"]
    assert EXAMPLE.is_dir()
