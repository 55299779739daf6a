"""holidays.yaml is validated like every content file: each mistake an error at the value."""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import HOLIDAYS_2031

from generator.pipeline import check
from generator.reading.diagnostics import Severity

MakeTree = Callable[..., Path]

VALID = HOLIDAYS_2031


def errors_in(make_tree: MakeTree, text: str) -> list[tuple[int, str, str]]:
    """(line, key path, message) of each error, all in holidays.yaml."""
    root = make_tree({"holidays.yaml": text})
    result = check(root)
    assert result.model is None
    found = []
    for d in result.report.errors:
        assert d.location is not None and d.location.file == root / "holidays.yaml", d.format()
        found.append((d.location.line, d.location.path, d.message))
    return found


def line_of(text: str, snippet: str, after: str = "") -> int:
    lines = textwrap.dedent(text).lstrip("\n").splitlines()
    start = next(i for i, ln in enumerate(lines) if after in ln) if after else 0
    return next(i for i, ln in enumerate(lines) if i >= start and snippet in ln) + 1


def test_the_valid_file_checks_clean(make_tree: MakeTree) -> None:
    result = check(make_tree({"holidays.yaml": VALID}))
    assert result.model is not None and not result.report.errors
    entry = result.model.content.holidays.years[0]
    assert entry.year == 2031 and entry.notice == "示例通知（虚构）" and len(entry.breaks) == 2


def test_a_day_both_off_and_worked(make_tree: MakeTree) -> None:
    text = VALID.replace("[2031-04-26, 2031-05-10]", "[2031-04-26, 2031-05-03]")  # Saturday 05-03 is off
    assert errors_in(make_tree, text) == [
        (
            line_of(text, "working_days"),
            "years[0].working_days[1]",
            "2031-05-03 既在“劳动节”（2031-05-01 至 2031-05-05）的放假日期内，又列为调休上班：请核对通知",
        )
    ]


def test_overlapping_breaks(make_tree: MakeTree) -> None:
    text = VALID.replace("first: 2031-01-01\n        last: 2031-01-01", "first: 2031-04-28\n        last: 2031-05-01")
    assert errors_in(make_tree, text) == [
        (
            line_of(text, "- name: 劳动节"),
            "years[0].breaks[1]",
            "“劳动节”（2031-05-01 至 2031-05-05）与第 1 项“元旦”（2031-04-28 至 2031-05-01）的放假日期重叠："
            "连在一起放假的节日写成一段，例如 name: 中秋节、国庆节",
        )
    ]


@pytest.mark.parametrize(
    ("old", "new", "snippet", "path", "message"),
    [
        (
            "first: 2031-05-01\n        last: 2031-05-05",
            "first: 2030-05-01\n        last: 2030-05-05",
            "first: 2030-05-01",
            "years[0].breaks[1].first",
            "“劳动节”（2030-05-01 至 2030-05-05）不在 2031 年内：每年的放假写在该年之下"
            "（只有跨年的假期，如元旦，可以从上一年 12 月开始或放到下一年）",
        ),
        (
            "[2031-04-26, 2031-05-10]",
            "[2030-04-27, 2031-05-10]",
            "working_days",
            "years[0].working_days[0]",
            "调休上班日 2030-04-27 不在 2031 年内：每年的调休上班日写在该年之下",
        ),
    ],
)
def test_a_date_outside_its_year(
    make_tree: MakeTree, old: str, new: str, snippet: str, path: str, message: str
) -> None:
    text = VALID.replace(old, new)
    assert errors_in(make_tree, text) == [(line_of(text, snippet), path, message)]


def test_a_year_listed_twice(make_tree: MakeTree) -> None:
    text = VALID + "  - year: 2031\n    breaks:\n      - {name: 国庆节, first: 2031-10-01, last: 2031-10-07}\n"
    assert errors_in(make_tree, text) == [
        (
            line_of(text, "- year: 2031", after="working_days"),
            "years[1].year",
            "2031 年重复列出（第 1 项已有）：每年只写一项",
        )
    ]


@pytest.mark.parametrize(
    ("old", "new", "path", "message"),
    [
        (
            "[2031-04-26, 2031-05-10]",
            "[2031-04-26, 2031-05-09]",
            "years[0].working_days[1]",
            "2031-05-09 是周五，本来就要上班：working_days 只列因调休而上班的周六、周日",
        ),
        (
            "[2031-04-26, 2031-05-10]",
            "[2031-04-26, 2031-04-26]",
            "years[0].working_days[1]",
            "调休上班日 2031-04-26 重复列出（第 1 项已有）",
        ),
        (
            "last: 2031-05-05",
            "last: 2031-04-05",
            "years[0].breaks[1].last",
            "放假最后一天 2031-04-05 早于第一天 2031-05-01：请核对",
        ),
        (
            "last: 2031-05-05",
            "last: 2031-07-05",
            "years[0].breaks[1].last",
            "“劳动节”从 2031-05-01 放到 2031-07-05，共 66 天，超过 31 天：请核对首末日期",
        ),
        ("year: 2031", "year: 二〇三一", "years[0].year", "“二〇三一”应为整数"),
        ("    working_days: [2031-04-26, 2031-05-10]\n", "    breaks_off: []\n", "years[0].breaks_off", None),
    ],
)
def test_other_mistakes(make_tree: MakeTree, old: str, new: str, path: str, message: str | None) -> None:
    text = VALID.replace(old, new)
    assert text != VALID
    [(_, where, said)] = errors_in(make_tree, text)
    assert where == path
    assert message is None or said == message
    if message is None:
        assert said.startswith("未知的键“breaks_off”")


def test_new_year_may_start_in_december_with_its_swapped_saturday(make_tree: MakeTree) -> None:
    """元旦 2031 from Tuesday 2030-12-31 to Thursday 01-02, made up for on Saturday 2030-12-28."""
    text = VALID.replace(
        "first: 2031-01-01\n        last: 2031-01-01", "first: 2030-12-31\n        last: 2031-01-02"
    ).replace("[2031-04-26, 2031-05-10]", "[2030-12-28, 2031-04-26, 2031-05-10]")
    result = check(make_tree({"holidays.yaml": text}))
    assert not result.report.errors, result.report.format()
    assert result.model is not None
    cal = result.model.projects[0].calendar
    assert cal.is_working_day(dt.date(2030, 12, 28))


def test_a_break_written_under_two_years(make_tree: MakeTree) -> None:
    text = VALID + (
        "  - year: 2030\n    breaks:\n      - name: 元旦\n        first: 2030-12-31\n        last: 2031-01-01\n"
    )
    assert errors_in(make_tree, text) == [
        (
            line_of(text, "- name: 元旦", after="year: 2030"),
            "years[1].breaks[0]",
            "“元旦”（2030-12-31 至 2031-01-01）与 2031 年的“元旦”（2031-01-01）的放假日期重叠：跨年的假期只写在一年之下",
        )
    ]


def test_a_broken_file_is_one_error_and_a_note(make_tree: MakeTree) -> None:
    """Like every optional file: its error, and one note that the projects wait for it."""
    root = make_tree({"holidays.yaml": VALID + "broken: [unclosed\n"})
    report = check(root).report
    [error] = report.errors
    assert error.location is not None and error.location.file == root / "holidays.yaml"
    [note] = [d for d in report.items if d.severity is Severity.NOTE]
    assert note.message.startswith("holidays.yaml 有错误，已跳过依赖它的检查：各项目日程所依据的放假与调休安排")
