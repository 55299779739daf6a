"""Every validated value remembers where in the YAML it was written, overrides included."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import minimal

from generator.model.sources import Source, sources_of
from generator.pipeline import check

MakeTree = Callable[..., Path]


def test_values_carry_file_line_column_and_key_path(make_tree: MakeTree) -> None:
    root = make_tree()
    model = check(root).model
    assert model is not None
    c = model.content.commitments
    # commitments.yaml of conftest.MINIMAL: "  period: 3年" is line 4, the value at column 11.
    assert sources_of(c.warranty.period) == (Source(root / "commitments.yaml", 4, 11, "warranty.period"),)
    level = c.response.levels[0]
    assert sources_of(level.name) == (Source(root / "commitments.yaml", 17, 13, "response.levels[0].name"),)
    far = level.targets["arrival"].by_area["far"]
    assert sources_of(far) == (Source(root / "commitments.yaml", 21, 35, "response.levels[0].targets.arrival.far"),)
    # Fields that cannot carry a source themselves (an enum) are known by their object.
    assert c.warranty.source("start_event") == (Source(root / "commitments.yaml", 5, 16, "warranty.start_event"),)
    person = model.content.staff.people[1]
    assert sources_of(person.phone) == (Source(root / "staff.yaml", 12, 12, "people[1].phone"),)


def test_a_value_an_override_changes_points_at_the_project_file(make_tree: MakeTree) -> None:
    project = minimal("projects/demo.yaml") + "overrides:\n  commitments:\n    warranty:\n      period: 5年\n"
    root = make_tree({"projects/demo.yaml": project})
    model = check(root).model
    assert model is not None
    w = model.project("demo").commitments.warranty
    assert str(w.period) == "5年"
    assert sources_of(w.period) == (
        Source(root / "projects/demo.yaml", 19, 15, "overrides.commitments.warranty.period"),
    )
    # What the override leaves alone still points at commitments.yaml.
    assert sources_of(model.project("demo").commitments.objectives.goal)[0].file == root / "commitments.yaml"


def test_readings_keep_the_sources_of_what_they_read(make_tree: MakeTree) -> None:
    model = check(make_tree()).model
    assert model is not None
    rp = model.project("demo")
    level, arrival = rp.commitments.response.levels[0], rp.commitments.response.measures[1]
    cell = rp.target_zh(level, arrival)  # 甲市 is in zone city: "1小时"
    assert cell == "1小时"
    assert [s.path for s in sources_of(cell)] == ["response.levels[0].targets.arrival.city"]
    inspection = rp.commitments.maintenance.inspections[0]
    assert [s.path for s in sources_of(inspection.frequency_zh())] == ["maintenance.inspections[0].frequency"]
    assert [s.path for s in sources_of(rp.commitments.warranty.period.within())] == ["warranty.period"]


def test_sourced_values_compare_and_compute_like_plain_ones(make_tree: MakeTree) -> None:
    model = check(make_tree()).model
    assert model is not None
    w = model.content.commitments.warranty
    from generator.model.durations import Duration

    assert w.period == Duration.parse("3年") and w.period > Duration.parse("2年")
    assert isinstance(model.content.company.name, str) and model.content.company.name == "示例测试科技有限公司"
