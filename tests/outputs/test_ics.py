"""The schedule as an iCalendar file (RFC 5545), read back the way a calendar app reads it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from conftest import minimal
from icalendar import Calendar

from generator.dates.schedule import schedule
from generator.dates.workdays import known_years
from generator.outputs import ics, manual
from generator.pipeline import check

PROJECTS = ["qingshi-classroom", "linchuan-gov-dc", "yunxi-cdc-network"]
STAMP = dt.datetime(2026, 5, 1, 8, 30, 15, tzinfo=dt.UTC)
WARRANTY = "质保期满"


def render(model: Any, project_id: str, stamp: dt.datetime = STAMP) -> bytes:
    return ics.render(manual.build(model, model.project(project_id), stamp.date()), stamp)


def events(data: bytes) -> list[Any]:
    return list(Calendar.from_ical(data).walk("VEVENT"))


def day(event: Any) -> dt.date:
    value = event.decoded("dtstart")
    assert type(value) is dt.date, "all-day events: VALUE=DATE, not a date-time"
    return value


def visit_events(data: bytes) -> list[Any]:
    return [e for e in events(data) if WARRANTY not in str(e["summary"])]


def warranty_events(data: bytes) -> list[Any]:
    return [e for e in events(data) if WARRANTY in str(e["summary"])]


def host(model: Any) -> str:
    name = urlparse(model.content.company.handbook_url).hostname
    assert isinstance(name, str) and name
    return name


@pytest.mark.parametrize("project_id", PROJECTS)
def test_calendar_header(example_model: Any, project_id: str) -> None:
    cal = Calendar.from_ical(render(example_model, project_id))
    assert str(cal["version"]) == "2.0"
    assert str(cal["prodid"]).strip()


@pytest.mark.parametrize("project_id", PROJECTS)
def test_one_event_per_visit_with_key_based_uid(example_model: Any, project_id: str) -> None:
    rp = example_model.project(project_id)
    visits = schedule(rp).visits
    assert visits
    data = render(example_model, project_id)
    found = [(day(e), str(e["uid"])) for e in visit_events(data)]
    assert len(found) == len(visits)
    assert set(found) == {(v.date, f"{v.key}.{rp.id}@{host(example_model)}") for v in visits}
    for e in visit_events(data):
        assert e.decoded("dtend") == day(e) + dt.timedelta(days=1)


@pytest.mark.parametrize("project_id", PROJECTS)
def test_one_warranty_end_event_per_item(example_model: Any, project_id: str) -> None:
    rp = example_model.project(project_id)
    book = manual.build(example_model, rp, STAMP.date())
    ends = {e.item.name: e.end for e in book.equipment if e.end is not None}
    assert ends and len(ends) == len(rp.project.equipment)
    found = warranty_events(ics.render(book, STAMP))
    assert len(found) == len(ends)
    for name, end in ends.items():
        (event,) = [e for e in found if name in str(e["summary"])]
        assert day(event) == end, name
    assert len({str(e["uid"]) for e in events(ics.render(book, STAMP))}) == len(book.schedule.visits) + len(ends)


def test_qingshi_warranty_dates(example_model: Any) -> None:
    """Cross-check with the project file: 3年 from acceptance, the presenter's own 2年, the blackboard 5年 from 交货."""
    p = example_model.project("qingshi-classroom").project
    found = warranty_events(render(example_model, "qingshi-classroom"))
    by_name = {next(i.name for i in p.equipment if i.name in str(e["summary"])): day(e) for e in found}
    a, d = p.acceptance_date, p.delivery_date
    assert by_name == {
        "86 英寸交互智能平板": a.replace(year=a.year + 3),
        "壁挂式视频展台": a.replace(year=a.year + 2),
        "组合式推拉黑板": d.replace(year=d.year + 5),
    }


@pytest.mark.parametrize("project_id", PROJECTS)
def test_lines_are_crlf_and_folded_at_75_octets(example_model: Any, project_id: str) -> None:
    data = render(example_model, project_id)
    assert data.endswith(b"\r\n")
    lines = data.split(b"\r\n")[:-1]
    assert all(b"\n" not in ln and b"\r" not in ln for ln in lines)
    too_long = [ln for ln in lines if len(ln) > 75]
    assert not too_long, too_long[:3]
    assert any(ln.startswith(b" ") for ln in lines), "the long Chinese descriptions must have been folded"
    data.decode("utf-8")  # no character split across a fold
    for ln in lines:
        ln.decode("utf-8")


def test_uids_survive_a_new_acceptance_date(make_tree: Callable[..., Path]) -> None:
    """Re-importing after the acceptance date moves updates the events instead of adding copies."""
    project = minimal("projects/demo.yaml") + (
        "equipment:\n  - {id: sw, name: 核心交换机, brand: 示例品牌, model: X1, quantity: 2}\n"
    )
    calendars = {}
    for accepted in ("2026-05-20", "2026-06-10"):
        root = make_tree({"projects/demo.yaml": project.replace("2026-05-20", accepted)})
        result = check(root)
        assert result.model is not None, result.report.format()
        assert str(result.model.project("demo").project.acceptance_date) == accepted
        calendars[accepted] = {str(e["uid"]): day(e) for e in events(render(result.model, "demo"))}
    before, after = calendars.values()
    assert len(before) > 2
    assert set(before) == set(after)
    periodic = [uid for uid in before if uid.startswith("quarterly-")]
    assert len(periodic) == 12  # 3 years of quarters
    assert all(before[uid] != after[uid] for uid in before)


@pytest.mark.parametrize("project_id", PROJECTS)
def test_visits_in_unannounced_years_are_tentative(example_model: Any, project_id: str) -> None:
    statuses: dict[str, int] = {}
    for e in visit_events(render(example_model, project_id)):
        expected = "CONFIRMED" if day(e).year in known_years() else "TENTATIVE"
        assert str(e["status"]) == expected, (str(e["uid"]), day(e))
        statuses[expected] = statuses.get(expected, 0) + 1
    assert set(statuses) == {"CONFIRMED", "TENTATIVE"}, "the example spans known and unknown years"


def test_dtstamp_is_the_stamp_passed_in(example_model: Any) -> None:
    data = render(example_model, "qingshi-classroom")
    found = events(data)
    assert found and all(e.decoded("dtstamp") == STAMP for e in found)
    assert data.count(b"DTSTAMP:20260501T083015Z\r\n") == len(found)  # UTC, as RFC 5545 requires
    other = dt.datetime(2027, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    assert all(e.decoded("dtstamp") == other for e in events(render(example_model, "qingshi-classroom", other)))


def test_without_start_date_no_events(make_tree: Callable[..., Path]) -> None:
    project = minimal("projects/demo.yaml").replace("acceptance_date: 2026-05-20\n", "")
    result = check(make_tree({"projects/demo.yaml": project}))
    assert result.model is not None, result.report.format()
    data = render(result.model, "demo")
    assert events(data) == []
    assert str(Calendar.from_ical(data)["version"]) == "2.0"


def test_built_calendar_matches_the_schedule(built: Path, example_model: Any) -> None:
    for project_id in PROJECTS:
        data = (built / project_id / "schedule.ics").read_bytes()
        rp = example_model.project(project_id)
        assert {str(e["uid"]) for e in visit_events(data)} == {
            f"{v.key}.{rp.id}@{host(example_model)}" for v in schedule(rp).visits
        }
