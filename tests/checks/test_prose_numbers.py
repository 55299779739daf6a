"""A number typed into a prose block that disagrees with the model (checks/prose_numbers.py):
each group of words a bid writer uses for a promise, service hours that are no time limit,
values listed by value, and a suggested variable that fits the sentence."""

from __future__ import annotations

import pytest
from prose_trees import MakeTree, assert_clean, at, body_line, commitments, findings, only, shared

from generator.model.prose import ProseBlock
from generator.outputs import prose
from generator.pipeline import check
from generator.reading.diagnostics import Severity

# The model: 一级故障 10分钟响应、市区 1小时 / 其他地区 4小时到场、4小时恢复；二级故障 30分钟、2/8小时、8小时.
FILES = {"commitments.yaml": commitments()}


def one_error(make_tree: MakeTree, body: str, files: dict[str, str] | None = None) -> str:
    """The message of the one error a block with this body gets, located at its body."""
    root = shared(make_tree, body, files=files or FILES)
    d = only(root)
    assert d.severity is Severity.ERROR
    assert at(d.location) == ("prose.yaml", "blocks[0].body")
    assert d.location is not None and d.location.line == body_line(root, "prose.yaml")
    return d.message


# --- every word of each group ties the number to its promise ------------------------

ARRIVAL = [
    "一级故障报修后，工程师 3 小时内到达现场。",
    "一级故障 3 小时内到场处理。",
    "遇一级故障，我方 3 小时内上门维修。",
    "一级故障 3 小时内赶到用户现场。",
    "一级故障由服务工程师 3 小时内抵达现场。",
    "一级故障 3 小时内到现场排查。",
    "一级故障 3 小时内提供现场服务。",
    "一级故障 3 小时内派员处理。",
]
RESPONSE = [
    "一级故障 20 分钟内响应。",
    "一级故障报修 20 分钟内答复用户。",
    "一级故障 20 分钟内回复报修人。",
    "一级故障 20 分钟内给予回应。",
    "一级故障报修电话 20 分钟内受理。",
    "一级故障报修电话 20 分钟内接听。",
    "一级故障 20 分钟内反馈处理意见。",
]
RESTORE = [
    "一级故障 6 小时内修复。",
    "一级故障 6 小时内排除故障。",
    "一级故障 6 小时内恢复系统运行。",
    "一级故障 6 小时内解决。",
    "一级故障 6 小时内处理完毕。",
    "一级故障 6 小时内恢复正常。",
]


@pytest.mark.parametrize("body", ARRIVAL)
def test_arrival_words(make_tree: MakeTree, body: str) -> None:
    message = one_error(make_tree, body)
    assert "正文第 1 行写着“3 小时内”，与一级故障的到场时限（1小时、4小时）不一致" in message


@pytest.mark.parametrize("body", RESPONSE)
def test_response_words(make_tree: MakeTree, body: str) -> None:
    message = one_error(make_tree, body)
    assert "写着“20 分钟内”，与一级故障的响应时限（10分钟）不一致" in message
    assert "{{ response.levels[0].targets.phone.within() }}" in message


@pytest.mark.parametrize("body", RESTORE)
def test_restore_words(make_tree: MakeTree, body: str) -> None:
    message = one_error(make_tree, body)
    assert "写着“6 小时内”，与一级故障的修复时限（4小时）不一致" in message
    assert "{{ response.levels[0].targets.restore.within() }}" in message


@pytest.mark.parametrize(
    "body",
    [
        "一级故障 1 小时内到达市区现场；其他地区 4 小时内赶到。",
        "一级故障 10 分钟内响应，4 小时内排除故障。",
        "二级故障 30 分钟内受理，8 小时内恢复正常运行。",
    ],
)
def test_values_the_model_states_pass(make_tree: MakeTree, body: str) -> None:
    assert_clean(shared(make_tree, body, files=FILES))


def test_durations_compare_across_units(make_tree: MakeTree) -> None:
    assert_clean(shared(make_tree, "一级故障 60 分钟内到达市区现场。", files=FILES))
    assert_clean(shared(make_tree, "二级故障半小时内响应。", files=FILES))
    assert "写着“2 小时内”" in one_error(make_tree, "二级故障 2 小时内响应。")


@pytest.mark.parametrize(
    "body",
    [
        "一级故障{{ response.levels[0].targets.phone.within() }}响应，"
        "{{ response.levels[0].targets.arrival.for_area('city').within() }}到达市区现场。",
        "{% for lv in response.levels %}{{ lv.name }}{{ lv.targets.restore.zh() }}{% if not loop.last %}、"
        "{% endif %}{% endfor %}内修复。",
        "质保期{{ warranty.period.zh() }}，{# 3 小时内到场 #}故障按等级处理。",
    ],
)
def test_jinja_values_are_not_literals(make_tree: MakeTree, body: str) -> None:
    assert_clean(shared(make_tree, body, files=FILES))


# --- service hours are never a time limit -------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "我方提供 7 天、每天 24 小时上门服务。",
        "一年 365 天、每天 24 小时受理报修，节假日无休。",
        "开通 7×24 小时服务热线，5×8 远程支持。",
        "7*24小时响应用户报修，24/7 在线受理。",
        "服务热线 7X24 接听，工程师 24 小时值班，全年 365 天上门服务。",
        "提供七天二十四小时的现场服务。",
        "全天二十四小时的联线技术支持，每天 8 小时驻场服务。",
        "7\n×\n24 小时响应。",
    ],
)
def test_service_hours_are_not_time_limits(make_tree: MakeTree, body: str) -> None:
    assert_clean(shared(make_tree, body, files=FILES))


def test_a_time_limit_beside_service_hours_is_still_checked(make_tree: MakeTree) -> None:
    message = one_error(make_tree, "7×24 小时受理报修，一级故障 3 小时内到达现场。")
    assert "写着“3 小时内”" in message and "到场时限" in message


# --- messages list by value; the suggestion fits the sentence -------------------------


def test_values_are_listed_by_value(make_tree: MakeTree) -> None:
    files = {"commitments.yaml": commitments(phone=("45分钟", "2小时"))}
    message = one_error(make_tree, "接到报修后 15 分钟内响应。", files)
    assert "与响应时限（45分钟、2小时）不一致" in message  # not 2小时、45分钟
    assert "写成 {{" not in message and "无法确定对应的变量" in message  # two levels, neither named
    assert_clean(shared(make_tree, "接到报修后 120 分钟内响应。", files=files))


def render(make_tree: MakeTree, expression: str) -> str:
    """What a suggested variable prints for the project."""
    result = check(make_tree({"commitments.yaml": commitments()}))
    assert result.model is not None
    (rp,) = result.model.projects
    block = ProseBlock.model_validate({"id": "x", "title": "x", "body": expression})
    return prose.render(block, prose.context(result.model, rp))


@pytest.mark.parametrize(
    ("body", "suggested", "prints"),
    [
        ("二级故障 40 分钟内电话响应。", "{{ response.levels[1].targets.phone.within() }}", "30分钟内"),
        ("二级故障 40 分钟响应。", "{{ response.levels[1].targets.phone.zh() }}", "30分钟"),
        (
            "一级故障，市区 3 小时内到场。",
            "{{ response.levels[0].targets.arrival.for_area('city').within() }}",
            "1小时内",
        ),
        (
            "一级故障 3 小时内到场。",
            "{{ response.levels[0].targets.arrival.for_area(project.region.id, project.region.zone).within() }}",
            "1小时内",  # the project is in the city
        ),
        ("提供 5 年质保。", "{{ warranty.period.zh() }}", "3年"),
        ("接到用户投诉后 30 分钟内给予答复。", "{{ company.complaint.reply_within.within() }}", "2小时内"),
    ],
)
def test_the_suggested_variable_fits_the_sentence(make_tree: MakeTree, body: str, suggested: str, prints: str) -> None:
    message = one_error(make_tree, body)
    assert f"例如写成 {suggested}" in message
    assert render(make_tree, suggested) == prints


# --- words that change what a number promises -----------------------------------------


def test_a_complaint_reply_is_not_the_fault_response(make_tree: MakeTree) -> None:
    message = one_error(make_tree, "接到用户投诉后 30 分钟内给予答复。")
    assert "与投诉答复时限（2小时）不一致" in message
    assert_clean(shared(make_tree, "接到用户投诉后 2 小时内给予答复。", files=FILES))


SPARE = {"commitments.yaml": commitments("  spare_unit:\n    within: 24小时\n")}


def test_spare_unit_time(make_tree: MakeTree) -> None:
    assert_clean(shared(make_tree, "故障 24 小时内未能修复的，免费提供同档次备机。", files=SPARE))
    message = one_error(make_tree, "我方对 48 小时不能解决的故障提供备机。", SPARE)
    assert "与备机时限（24小时）不一致" in message and "{{ response.spare_unit.within.zh() }}" in message
    # Without a spare unit in the sentence a time before 未能修复 is a condition, not a promise.
    assert_clean(shared(make_tree, "故障 48 小时内未能修复的，另派高级工程师处理。", files=SPARE))


def test_years_of_on_site_service_are_the_warranty(make_tree: MakeTree) -> None:
    assert_clean(shared(make_tree, "为本项目提供三年工程质保服务和三年上门服务。", files=FILES))
    assert "与质保期（3年）不一致" in one_error(make_tree, "为本项目提供五年上门服务。")


def test_the_manufacturers_own_promise_is_not_ours(make_tree: MakeTree) -> None:
    assert_clean(shared(make_tree, "原厂工程师 24 小时内上门更换配件。", files=FILES))


POST = "  post_warranty:\n    targets:\n      arrival: 24小时\n    note: 按维修合同约定。\n"


def test_after_the_warranty(make_tree: MakeTree) -> None:
    body = "质保期满后，接到报修 {} 小时内到达现场。"
    # The model states nothing after the warranty: nothing to contradict.
    assert_clean(shared(make_tree, body.format(12), files=FILES))
    files = {"commitments.yaml": commitments(POST)}
    assert_clean(shared(make_tree, body.format(24), files=files))
    message = one_error(make_tree, body.format(12), files)
    assert "与质保期满后的到场时限（24小时）不一致" in message
    assert "{{ response.post_warranty.targets.arrival.within() }}" in message


def test_project_block_located_in_the_project(make_tree: MakeTree) -> None:
    root = shared(make_tree, "质保期{{ warranty.period.zh() }}。", own="一级故障 3 小时内到场。", files=FILES)
    (d,) = findings(root)
    assert d.severity is Severity.ERROR and "文本块“本项目说明”正文第 1 行" in d.message
    assert at(d.location) == ("demo.yaml", "prose[0].body")
    assert d.location is not None and d.location.line == body_line(root, "projects/demo.yaml")
