"""Limits promised for several levels at once (response.blanket): “所有故障 30 分钟内响应”,
“一、二级故障 8 小时内恢复” beside the per-level table. A level that does not state the
measure takes the limit; one that states a looser limit contradicts it (issue 14, item 1)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import minimal, ungraded_commitments

from generator.model.sources import sources_of
from generator.pipeline import check


def commitments(blanket: str) -> str:
    """The minimal commitments.yaml with a third measure (restore, which l1 states and l2
    leaves out) and the given `blanket:` list under response."""
    text = minimal("commitments.yaml")
    text = text.replace(
        "      per_area: true\n", "      per_area: true\n    - id: restore\n      name: 修复故障\n      kind: 恢复\n", 1
    )
    text = text.replace(
        "        arrival: {city: 1小时, far: 4小时}\n",
        "        arrival: {city: 1小时, far: 4小时}\n        restore: 4小时\n",
    )
    return text.replace("process:", blanket + "process:", 1)


def tree(make_tree: Callable[..., Path], blanket: str) -> Path:
    return make_tree({"commitments.yaml": commitments(blanket)})


ALL_LEVELS = """\
  blanket:
    - measure: restore
      within: 8小时
"""


def test_a_level_without_the_measure_takes_the_limit(make_tree: Callable[..., Path]) -> None:
    result = check(tree(make_tree, ALL_LEVELS))
    assert not result.report.errors, result.report.format()
    assert result.model is not None
    l1, l2 = result.model.content.commitments.response.levels
    assert l1.cell("restore") == "4小时"  # its own, stricter: kept as written
    assert l2.cell("restore") == "8小时"  # from the blanket, not 未载明
    # …and says where it was written (trace, build --review, compliance's promise location).
    [source] = sources_of(l2.targets["restore"].value)
    assert source.path == "response.blanket[0].within"
    # The compliance check and the manual read the project's filled-in limit.
    rp = result.model.project("demo")
    restore = rp.commitments.response.measures[2]
    assert rp.target_zh(rp.commitments.response.levels[1], restore) == "8小时"
    [line] = rp.blanket_at_site()
    assert (line.applies, line.measure.name, line.limit) == ("所有等级", "修复故障", "8小时内")


def test_a_level_looser_than_the_limit_is_an_error_at_both_places(make_tree: Callable[..., Path]) -> None:
    root = tree(make_tree, "  blanket:\n    - measure: phone\n      within: 20分钟\n")
    errors = check(root).report.errors
    [error] = errors
    assert error.message == (
        "二级故障的“电话响应”时限为30分钟，比同时适用于所有等级的时限（20分钟）宽松：同一故障只能有一个时限"
    )
    assert error.location is not None and error.location.path == "response.levels[1].targets.phone"
    [related] = error.related
    assert related.path == "response.blanket[0].within" and related.file == root / "commitments.yaml"
    assert related.line == error.location.line + 4  # the blanket is written below the levels


def test_named_levels_only_bind_those_levels(make_tree: Callable[..., Path]) -> None:
    blanket = "  blanket:\n    - measure: phone\n      within: 20分钟\n      levels: [l1]\n      scope: 紧急情况\n"
    result = check(tree(make_tree, blanket))
    assert not result.report.errors, result.report.format()  # l2's 30分钟 is not bound
    assert result.model is not None
    response = result.model.content.commitments.response
    assert response.blanket_applies(response.blanket[0]) == "紧急情况（一级故障）"


def test_a_scope_alone_is_printed_but_binds_no_level(make_tree: Callable[..., Path]) -> None:
    blanket = "  blanket:\n    - measure: restore\n      within: 2小时\n      scope: 重大活动保障期间\n"
    result = check(tree(make_tree, blanket))
    assert not result.report.errors, result.report.format()  # l1's 4小时 is another situation
    assert result.model is not None
    l2 = result.model.content.commitments.response.levels[1]
    assert l2.cell("restore") == "未载明"
    [line] = result.model.project("demo").blanket_at_site()
    assert (line.applies, line.limit) == ("重大活动保障期间", "2小时内")


def test_a_regional_limit_compares_area_by_area(make_tree: Callable[..., Path]) -> None:
    blanket = "  blanket:\n    - measure: arrival\n      within: {city: 2小时, far: 6小时}\n"
    [error] = check(tree(make_tree, blanket)).report.errors
    assert error.message.startswith("二级故障的“到达现场”（far）时限为8小时，")
    assert error.location is not None and error.location.path == "response.levels[1].targets.arrival.far"
    assert error.related[0].path == "response.blanket[0].within.far"


def test_unknown_measure_level_and_area_are_errors(make_tree: Callable[..., Path]) -> None:
    blanket = (
        "  blanket:\n"
        "    - measure: fone\n      within: 1小时\n"
        "    - measure: phone\n      within: 1小时\n      levels: [l9]\n"
        "    - measure: phone\n      within: {city: 1小时}\n"
        "    - measure: arrival\n      within: {moon: 1小时}\n"
    )
    messages = {e.location.path: e.message for e in check(tree(make_tree, blanket)).report.errors if e.location}
    assert messages["response.blanket[0].measure"].startswith("未知的衡量指标“fone”，是否想写“phone”")
    assert messages["response.blanket[1].levels[0]"].startswith("未知的故障等级“l9”")
    assert "不按地区承诺" in messages["response.blanket[2].within"]
    assert messages["response.blanket[3].within.moon"].startswith("未知的地区或分区“moon”")


def test_without_a_blanket_nothing_changes(make_tree: Callable[..., Path]) -> None:
    result = check(tree(make_tree, ""))
    assert result.model is not None
    assert result.model.content.commitments.response.levels[1].cell("restore") == "未载明"
    assert result.model.project("demo").blanket_at_site() == ()


def test_without_levels_a_blanket_carries_the_limits(make_tree: Callable[..., Path]) -> None:
    result = check(make_tree({"commitments.yaml": ungraded_commitments()}))
    assert not result.report.errors, result.report.format()
    assert result.model is not None
    phone, arrival = result.model.project("demo").blanket_at_site()
    assert (phone.applies, phone.limit) == ("所有故障", "30分钟内")
    assert (arrival.applies, arrival.limit) == ("所有故障", "2小时内")


def test_neither_levels_nor_a_blanket_is_an_error(make_tree: Callable[..., Path]) -> None:
    blanket = ungraded_commitments()
    start = blanket.index("  blanket:\n")
    root = make_tree({"commitments.yaml": blanket[:start] + blanket[blanket.index("process:") :]})
    [error] = check(root).report.errors
    assert "levels" in error.message and "blanket" in error.message
    assert error.location is not None and error.location.file == root / "commitments.yaml"
