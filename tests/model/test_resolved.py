"""The model renderers take: each project's promises after overrides, at its own site."""

from __future__ import annotations

from conftest import EXAMPLE

from generator.model.durations import Duration
from generator.pipeline import check


def test_each_project_gets_the_arrival_target_of_its_region() -> None:
    result = check(EXAMPLE)
    assert result.model is not None
    m = result.model
    yunxi = m.project("yunxi-cdc-network")  # region yunxi → zone near
    assert yunxi.zone is not None and yunxi.zone.id == "near"
    level1 = yunxi.commitments.response.levels[0]
    assert yunxi.arrival(level1) == Duration.parse("2小时")
    gov = m.project("linchuan-gov-dc")  # overrides: stricter level 1 in the city
    assert gov.arrival(gov.commitments.response.levels[0]) == Duration.parse("30分钟")
    assert m.content.commitments.response.levels[0].targets["arrival"].for_area("linchuan", "city") == Duration.parse(
        "1小时"
    )
    school = m.project("qingshi-classroom")
    assert school.service_point.id == "qingshi-office" and school.callback is not None
    assert school.training_plan is not None and school.training_plan.class_hours == 20
    assert [b.manufacturer for b in school.commitments.warranty.by_brand] == ["qiming"]  # list replaced


def test_not_applicable_target() -> None:
    result = check(EXAMPLE)
    assert result.model is not None
    l4 = result.model.content.commitments.response.levels[3]
    assert not l4.targets["report"].applicable and l4.targets["report"].zh() == "不适用"
