"""Project overrides: mappings merge, lists replace, null removes; positions follow the values."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import minimal

from generator.model.durations import Duration
from generator.pipeline import check
from generator.reading.merge import deep_merge
from generator.reading.strict_yaml import load_text


def test_mappings_merge_lists_replace_null_removes() -> None:
    base = load_text("a: {x: 1, y: 2}\nitems: [1, 2, 3]\ngone: 5\nkeep: 6\n", Path("base.yaml"))
    over = load_text("a: {y: 20, z: 30}\nitems: [9]\ngone: null\n", Path("over.yaml"))
    merged = deep_merge(base, over)
    assert merged == {"a": {"x": "1", "y": "20", "z": "30"}, "items": ["9"], "keep": "6"}
    assert merged["a"].value_marks["x"].file == Path("base.yaml")
    assert merged["a"].value_marks["y"].file == Path("over.yaml")
    assert merged["items"].mark.file == Path("over.yaml")
    # the inputs are untouched
    assert base["a"] == {"x": "1", "y": "2"} and "gone" in base


def _project_with(overrides: str) -> str:
    return minimal("projects/demo.yaml") + overrides


def test_project_override_changes_only_that_project(make_tree: Callable[..., Path]) -> None:
    root = make_tree(
        {
            "projects/demo.yaml": _project_with(
                "overrides:\n  commitments:\n    warranty:\n      period: 5年\n"
                "    maintenance:\n      inspections: []\n"
            ),
            "projects/plain.yaml": minimal("projects/demo.yaml"),
        }
    )
    result = check(root)
    assert not result.report.items, result.report.format()
    assert result.model is not None
    demo, plain = result.model.project("demo"), result.model.project("plain")
    assert demo.commitments.warranty.period == Duration.parse("5年")
    assert demo.commitments.warranty.start_event.value == "验收合格"  # merged, not replaced
    assert demo.commitments.maintenance.inspections == ()  # list replaced
    assert plain.commitments.warranty.period == Duration.parse("3年")
    assert len(plain.commitments.maintenance.inspections) == 1
    assert result.model.content.commitments.warranty.period == Duration.parse("3年")


def test_null_in_override_removes_an_optional_commitment(make_tree: Callable[..., Path]) -> None:
    commitments = minimal("commitments.yaml").replace(
        "  start_event: 验收合格\n", "  start_event: 验收合格\n  onsite_period: 1年\n"
    )
    root = make_tree(
        {
            "commitments.yaml": commitments,
            "projects/demo.yaml": _project_with(
                "overrides:\n  commitments:\n    warranty:\n      onsite_period: null\n"
            ),
        }
    )
    result = check(root)
    assert result.model is not None
    assert result.model.project("demo").commitments.warranty.onsite_period is None
    assert result.model.content.commitments.warranty.onsite_period == Duration.parse("1年")


def test_invalid_override_is_reported_in_the_project_file(make_tree: Callable[..., Path]) -> None:
    root = make_tree(
        {
            "projects/demo.yaml": _project_with(
                "overrides:\n  commitments:\n    response:\n      levels:\n"
                "        - id: l1\n          name: 一级\n          definition: 瘫痪\n"
                "          targets: {phone: 1小时, arrival: {city: 30分钟, far: 2小时}}\n"
            )
        }
    )
    result = check(root)
    messages = [(d.location.file.name, d.location.path, d.message) for d in result.report.errors if d.location]
    assert (
        "demo.yaml",
        "overrides.commitments.response.levels[0].targets.arrival.city",
        "到达现场不能早于电话响应：到达现场（city）30分钟内，而电话响应1小时内",
    ) in messages
    assert result.model is None


def test_removing_a_required_commitment_is_an_error_in_the_project(make_tree: Callable[..., Path]) -> None:
    root = make_tree({"projects/demo.yaml": _project_with("overrides:\n  commitments:\n    warranty: null\n")})
    result = check(root)
    [error] = result.report.errors
    assert error.message == "缺少必填项“warranty”"
    assert error.location is not None
    assert (error.location.file.name, error.location.line, error.location.path) == (
        "demo.yaml",
        18,
        "overrides.commitments.warranty",
    )
