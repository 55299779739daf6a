"""Prose blocks that contradict each other or say one promise twice
(checks/prose_agreement.py): located at both places, for each group of words."""

from __future__ import annotations

import pytest
from prose_trees import MakeTree, assert_clean, at, body_line, commitments, findings, shared

from generator.reading.diagnostics import Severity

# Every value below is one the model states (一级故障 10分钟响应、1/4小时到场、4小时恢复；
# 二级故障 30分钟、2/8小时、8小时), so only the blocks' disagreement is reported.
FILES = {"commitments.yaml": commitments()}


def test_two_paragraphs_of_one_block_disagree(make_tree: MakeTree) -> None:
    body = "一级故障 1 小时内到场，及时排查。\n\n如遇一级故障，我方工程师 4 小时内赶到现场。"
    root = shared(make_tree, body, files=FILES)
    (d,) = findings(root)
    assert d.severity is Severity.ERROR
    assert d.message.startswith(
        "文本块“服务承诺”正文第 3 行写着一级故障到场时限“4 小时内”，正文第 1 行却写着“1 小时内”"
    )
    assert "各处写了 1小时、4小时" in d.message
    assert at(d.location) == ("prose.yaml", "blocks[0].body")
    assert [at(r) for r in d.related] == [("prose.yaml", "blocks[0].body")]
    assert d.location is not None and d.location.line == body_line(root, "prose.yaml")


def test_a_project_block_and_a_shared_block_disagree(make_tree: MakeTree) -> None:
    root = shared(make_tree, "接到报修后 10 分钟内响应。", own="接到报修电话后 30 分钟内回复用户。", files=FILES)
    (d,) = findings(root)
    assert d.severity is Severity.ERROR
    assert "文本块“本项目说明”正文第 1 行写着响应时限“30 分钟内”" in d.message
    assert "文本块“服务承诺”正文第 1 行却写着“10 分钟内”" in d.message
    assert at(d.location) == ("demo.yaml", "prose[0].body")
    assert d.location is not None and d.location.line == body_line(root, "projects/demo.yaml")
    (related,) = d.related
    assert at(related) == ("prose.yaml", "blocks[0].body") and related.line == body_line(root, "prose.yaml")


@pytest.mark.parametrize(
    ("first", "second", "name"),
    [
        ("一级故障工程师 1 小时内赶到现场。", "一级故障 4 小时内上门服务。", "一级故障到场时限"),
        ("一级故障工程师 1 小时内抵达。", "一级故障 4 小时内派员到场处理。", "一级故障到场时限"),
        ("接到报修后 10 分钟内受理。", "接到报修后 30 分钟内答复用户。", "响应时限"),
        ("报修电话 10 分钟内接听。", "报修后 30 分钟内反馈处理意见。", "响应时限"),
        ("故障 4 小时内修复。", "故障 8 小时内排除。", "修复时限"),
        ("报修后 4 小时内恢复正常运行。", "报修后 8 小时内解决。", "修复时限"),
    ],
)
def test_two_blocks_disagree_in_other_words(make_tree: MakeTree, first: str, second: str, name: str) -> None:
    root = shared(make_tree, first, second, files=FILES)
    (d,) = findings(root)
    assert d.severity is Severity.ERROR
    assert d.message.startswith(f"文本块“响应时间”正文第 1 行写着{name}“")
    assert at(d.location) == ("prose.yaml", "blocks[1].body")
    assert [at(r) for r in d.related] == [("prose.yaml", "blocks[0].body")]
    assert d.location is not None and d.location.line == body_line(root, "prose.yaml", 1)


def test_values_listed_by_value(make_tree: MakeTree) -> None:
    files = {"commitments.yaml": commitments(phone=("45分钟", "2小时"))}
    root = shared(
        make_tree, "接到报修后 2 小时内响应。", "接到报修后 45 分钟内答复。", "报修 120 分钟内受理。", files=files
    )
    # The second block disagrees with the first; the third (120分钟 is 2小时) says the first again.
    first, second = findings(root)
    assert (first.severity, at(first.location)) == (Severity.ERROR, ("prose.yaml", "blocks[1].body"))
    assert "各处写了 45分钟、2小时" in first.message  # by value, not 2小时、45分钟
    assert (second.severity, at(second.location)) == (Severity.WARNING, ("prose.yaml", "blocks[2].body"))
    assert [at(r) for d in (first, second) for r in d.related] == [("prose.yaml", "blocks[0].body")] * 2


def test_each_value_is_reported_once(make_tree: MakeTree) -> None:
    body = "\n\n".join(["接到报修后 10 分钟内响应。", "报修后 30 分钟内答复。"] * 3)
    errors, warnings = [], []
    for d in findings(shared(make_tree, body, files=FILES)):
        (errors if d.severity is Severity.ERROR else warnings).append(d)
    assert [d.message.split("，")[0] for d in errors] == ["文本块“服务承诺”正文第 3 行写着响应时限“30 分钟内”"]
    # 30 分钟 said again (line 7); line 5 repeats line 1 word for word, which the proposal's
    # repeat check reports (checks/duplicates.py) once the content has no errors.
    assert [d.message.split("（")[0] for d in warnings] == ["文本块“服务承诺”正文第 7 行又写了一遍响应时限“30 分钟内”"]


@pytest.mark.parametrize(
    "body",
    [
        "一级故障 10 分钟内响应。\n\n二级故障 30 分钟内响应。",
        "市区 1 小时内到场。\n\n其他地区 4 小时内到场。",
        "甲市 1 小时内到场。\n\n乙县 4 小时内到场。",
        "- 一级：10 分钟内响应\n- 二级：30 分钟内响应",
        "原厂工程师 8 小时内上门。\n\n我方工程师 1 小时内到场。",
        "质保期满后，8 小时内到达现场。\n\n质保期内，我方 1 小时内到场。",
        "硬件故障 1 小时内到场。\n\n软件故障 2 小时内到场。",
        # One paragraph giving two values has a scope the words do not tell apart.
        "1 小时内到场（城区），4 小时内到场（偏远乡村）。\n\n一级故障 4 小时内修复。",
    ],
)
def test_different_scopes_do_not_disagree(make_tree: MakeTree, body: str) -> None:
    assert_clean(shared(make_tree, body, files=FILES))


# --- said twice ---------------------------------------------------------------------


def test_one_promise_in_two_blocks_is_said_twice(make_tree: MakeTree) -> None:
    root = shared(
        make_tree, "一级故障 1 小时内到达现场。", "遇到一级故障时，我方工程师 60 分钟内赶到现场处理。", files=FILES
    )
    (d,) = findings(root)
    assert d.severity is Severity.WARNING
    assert d.message.startswith("文本块“响应时间”正文第 1 行又写了一遍一级故障到场时限“60 分钟内”")
    assert "（文本块“服务承诺”正文第 1 行已经写过）" in d.message
    assert at(d.location) == ("prose.yaml", "blocks[1].body")
    assert [at(r) for r in d.related] == [("prose.yaml", "blocks[0].body")]


def test_a_paragraph_repeated_word_for_word_is_reported_once(make_tree: MakeTree) -> None:
    # checks/duplicates.py reports it in the proposal; the promise in it is not reported again.
    same = "我方承诺一级故障工程师 1 小时内到达用户现场。"
    (d,) = findings(shared(make_tree, same, same, files=FILES))
    assert d.severity is Severity.WARNING and "出现了两次" in d.message


def test_a_promise_given_from_the_model_is_not_compared(make_tree: MakeTree) -> None:
    first = "一级故障{{ response.levels[0].targets.arrival.for_area('city').within() }}到达现场。"
    assert_clean(shared(make_tree, first, "遇一级故障，我方工程师 1 小时内赶到市区现场处理。", files=FILES))
