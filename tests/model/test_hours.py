"""Service hours' promises (7×24, 5×8) as people write them: 7×24小时, 7*24, ７×２４, 24/7, 7x24h.
The hours of a line (ServiceHours) and a clause's threshold (HoursPromise) read them alike,
and anything else gets a message that says what is accepted."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import minimal
from pydantic import ValidationError

from generator.model.common import HOURS_SPELLINGS, ServiceHours, hours_promise
from generator.model.project import HoursPromise
from generator.pipeline import check

MakeTree = Callable[..., Path]

SEVEN_BY_24 = [
    "7×24",
    "7×24小时",
    "7*24",
    "7x24",
    "7X24",
    "7x24h",
    "7 × 24",
    "７×２４",
    "７＊２４",
    "７ｘ２４ｈ",
    "7天×24小时",
    "24/7",
    "24h/7",
    "２４／７",
]


@pytest.mark.parametrize("raw", SEVEN_BY_24)
def test_every_spelling_of_7x24_reads_the_same_everywhere(raw: str) -> None:
    assert hours_promise(raw) == (7, 24)
    assert HoursPromise.parse(raw) == HoursPromise(7, 24)
    alone = ServiceHours.model_validate(raw)  # the shorthand: every day, all day
    assert alone.promise == "7×24" and alone.zh() == "7×24"
    assert alone.windows == ServiceHours.model_validate("7×24").windows
    assert ServiceHours.model_validate({"promise": raw}).promise == "7×24"


@pytest.mark.parametrize(
    ("raw", "days", "hours"), [("5×8", 5, 8), ("5×8小时", 5, 8), ("６*１２", 6, 12), ("8/5", 5, 8)]
)
def test_other_promises_are_read_as_days_by_hours(raw: str, days: int, hours: int) -> None:
    assert hours_promise(raw) == (days, hours)
    assert HoursPromise.parse(raw) == HoursPromise(days, hours)
    assert ServiceHours.model_validate({"promise": raw}).promise == f"{days}×{hours}"


NOT_A_PROMISE = f"不是服务时间口径：应写成“每周天数×每天小时数”，如 {HOURS_SPELLINGS}"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("全天", f"“全天”{NOT_A_PROMISE}"),
        ("100000小时", f"“100000小时”{NOT_A_PROMISE}"),
        ("7×24×365", f"“7×24×365”{NOT_A_PROMISE}"),
        ("24×7", "“24×7”不是服务时间口径：每周 1～7 天、每天 1～24 小时（是否想写 7×24？）"),
        ("8×5", "“8×5”不是服务时间口径：每周 1～7 天、每天 1～24 小时（是否想写 5×8？）"),
        ("7×25", "“7×25”不是服务时间口径：每周 1～7 天、每天 1～24 小时，如 7×24、5×8"),
        ("0×8", "“0×8”不是服务时间口径：每周 1～7 天、每天 1～24 小时，如 7×24、5×8"),
    ],
)
def test_anything_else_says_what_is_accepted(raw: str, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        hours_promise(raw)
    assert str(caught.value) == message
    with pytest.raises(ValueError) as caught:
        HoursPromise.parse(raw)
    assert str(caught.value) == message
    with pytest.raises(ValidationError) as invalid:
        ServiceHours.model_validate({"promise": raw})
    assert [e["msg"] for e in invalid.value.errors()] == [message]


def test_the_spellings_named_in_the_message_are_accepted() -> None:
    spellings = HOURS_SPELLINGS.replace("（也可写", "、").replace("，数字可以是全角）", "").split("、")
    assert [hours_promise(s.strip()) for s in spellings] == [(7, 24), (5, 8), (7, 24), (7, 24), (7, 24), (7, 24)]


# --- in a content tree: accepted, or an error at the key ---------------------------------------


@pytest.mark.parametrize("raw", ["7×24小时", "７×２４", "24/7", "7x24h", "7*24"])
def test_a_hotline_written_any_way_checks_and_prints_7x24(make_tree: MakeTree, raw: str) -> None:
    company = minimal("company.yaml").replace("hours: 7×24", f"hours: {raw}")
    result = check(make_tree({"company.yaml": company}))
    assert not result.report.errors, result.report.format()
    assert result.model is not None
    hours = result.model.content.company.hotlines[0].hours
    assert hours is not None and hours.zh() == "7×24"


def report(make_tree: MakeTree, company: str, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    root = make_tree({"company.yaml": company})
    monkeypatch.chdir(root.parent)  # files display relative to the working folder: content/…
    return [d.format() for d in check(root).report.errors]


def test_an_unreadable_promise_is_an_error_at_its_key_saying_what_is_accepted(
    make_tree: MakeTree, monkeypatch: pytest.MonkeyPatch
) -> None:
    company = minimal("company.yaml").replace("hours: 7×24", "hours:\n      promise: 5×8点\n      windows: []")
    assert report(make_tree, company, monkeypatch) == [
        f"content/company.yaml:9:16: error: “5×8点”{NOT_A_PROMISE} (at hotlines[0].hours.promise)"
    ]


def test_an_unreadable_shorthand_is_an_error_saying_what_is_accepted(
    make_tree: MakeTree, monkeypatch: pytest.MonkeyPatch
) -> None:
    company = minimal("company.yaml").replace("hours: 7×24", "hours: 全天")
    assert report(make_tree, company, monkeypatch) == [
        f"content/company.yaml:8:12: error: “全天”{NOT_A_PROMISE}；只有 7×24 可以简写，其他请写明 promise 和 windows，"
        "如 {promise: 5×8, windows: [{days: 工作日, time: 8:30-17:30}]} (at hotlines[0].hours)"
    ]


def test_a_clause_threshold_reads_the_same_spellings(make_tree: MakeTree) -> None:
    from generator.checks import compliance
    from generator.model.project import Deviation

    project = minimal("projects/demo.yaml") + (
        "requirements:\n"
        "  - clause: '1'\n"
        "    text: 提供 7×24 小时服务热线\n"
        "    check: {metric: 热线服务时间, comparator: ≥, threshold: ７×２４小时}\n"
        "  - clause: '2'\n"
        "    text: 提供 24/7 服务\n"
        "    check: {metric: 热线服务时间, comparator: ≥, threshold: 24/7}\n"
    )
    result = check(make_tree({"projects/demo.yaml": project}))
    assert not result.report.errors, result.report.format()
    assert result.model is not None
    results = compliance.evaluate(result.model, result.model.project("demo"))
    assert [r.deviation for r in results] == [Deviation.NONE, Deviation.NONE]
