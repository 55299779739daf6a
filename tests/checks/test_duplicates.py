"""check warns where a proposal says something twice."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from pathlib import Path

from conftest import minimal
from hypothesis import given
from hypothesis import strategies as st

from generator.checks.duplicates import ALIKE, Passage, Sentence, _alike, check_output
from generator.pipeline import check
from generator.reading.diagnostics import Location

MakeTree = Callable[..., Path]


def repeats(root: Path) -> list[str]:
    return [
        d.message
        for d in check(root).report.warnings
        if "两次" in d.message or "名为" in d.message or "几乎相同" in d.message
    ]


def test_the_minimal_tree_says_nothing_twice(make_tree: MakeTree) -> None:
    assert repeats(make_tree()) == []


def test_a_note_that_restates_the_templates_rule_is_a_warning_at_the_note(make_tree: MakeTree) -> None:
    commitments = minimal("commitments.yaml").replace(
        "  start_event: 验收合格\n",
        "  start_event: 验收合格\n  replaced_part:\n    minimum: 90天\n"
        "    note: 更换后的部件享有原设备剩余质保期或 90 天，以较长者为准。\n",
    )
    root = make_tree({"commitments.yaml": commitments})
    [warning] = [d for d in check(root).report.warnings if "几乎相同" in d.message]
    assert warning.message.startswith("方案的“质保服务 / 质保期内的费用与更换”中两句话几乎相同：")
    assert warning.location is not None and warning.location.path == "warranty.replaced_part.note"


def test_two_sections_with_one_title(make_tree: MakeTree) -> None:
    prose = "blocks:\n  - id: warranty-again\n    title: 质保服务\n    body: 详见质保条款。\n"
    project = minimal("projects/demo.yaml") + "sections: [warranty, 'prose:warranty-again']\n"
    root = make_tree({"prose.yaml": prose, "projects/demo.yaml": project})
    [warning] = [d for d in check(root).report.warnings if "名为" in d.message]
    assert warning.message == "方案中有两节都名为“质保服务”（全文 与 全文）：请改名或删去其中一节"
    assert warning.location is not None and warning.location.path == "sections"


def test_a_paragraph_printed_twice(make_tree: MakeTree) -> None:
    commitments = minimal("commitments.yaml").replace(
        "  goal: 让设备稳定运行。\n", "  goal: 让设备稳定运行。\n  purpose: 让设备稳定运行。\n"
    )
    warnings = repeats(make_tree({"commitments.yaml": commitments}))
    assert warnings == []  # 8 characters: too short to count as a repeated passage
    text = "设备出现故障时按本方案逐级处理并记录全过程。"
    commitments = minimal("commitments.yaml").replace(
        "  goal: 让设备稳定运行。\n", f"  goal: {text}\n  purpose: {text}\n"
    )
    [warning] = repeats(make_tree({"commitments.yaml": commitments}))
    assert warning == f"方案中“{text}”出现了两次（服务目标与范围；服务目标与范围）"


def test_one_template_line_filled_with_two_sets_of_data_is_no_repeat() -> None:
    at = Location(Path("p.yaml"), 1, 1, "sections")
    passages = [
        Passage(
            "团队",
            "服务工程师 陆明远（138-0000-0005）；服务工程师 钱墨白（138-0000-0010）；",
            (),
            sentences=(
                Sentence("服务工程师 陆明远（138-0000-0005）；", "服务工程师 □（□）；"),
                Sentence("服务工程师 钱墨白（138-0000-0010）；", "服务工程师 □（□）；"),
            ),
        )
    ]
    assert list(check_output("方案", passages, lambda *path, key=False: at)) == []
    alike = [
        Passage(
            "质保",
            "更换的部件享有原设备剩余质保期与90天两者中较长者的质保。更换后的部件享有原设备剩余质保期或 90 天，以较长者为准。",
            (),
            sentences=(
                Sentence(
                    "更换的部件享有原设备剩余质保期与90天两者中较长者的质保。",
                    "更换的部件享有原设备剩余质保期与□两者中较长者的质保。",
                ),
                Sentence("更换后的部件享有原设备剩余质保期或 90 天，以较长者为准。", "□"),
            ),
        )
    ]
    [warning] = check_output("方案", alike, lambda *path, key=False: at)
    assert "几乎相同" in warning.message


def test_the_example_says_nothing_twice(example_model: object) -> None:
    from conftest import EXAMPLE

    assert repeats(EXAMPLE) == []


# Few characters, so that random pairs often land near the threshold.
_near = st.text(alphabet="保修期内到场小时响应备件", max_size=30)


@given(_near, _near)
def test_the_quick_rejections_give_difflibs_answer(a: str, b: str) -> None:
    assert _alike(a, b) == (difflib.SequenceMatcher(None, a, b).ratio() >= ALIKE)
