"""Whatever a bid writer types, `check` answers with diagnostics, never an exception,
and the answer is the one a reader of the tender needs: an error, a warning, or nothing.

Every `key: value` line of the minimal tree (conftest.MINIMAL) is given each odd value
in turn. `expected()` decides the outcome from a few rules over (key, value); EXCEPTIONS
lists the cases decided otherwise, each with its reason. The keys of the minimal tree
are classified here by hand (WORDS, CODES, OPTIONAL, ...), not read from the model.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import MINIMAL, minimal, write_tree

from generator.pipeline import check

EMPTY, LIST, MAP, NEGATIVE, DATE, SCRIPT = "", "[]", "{}", "-1", "9999-99-99", "'<script>alert(1)</script>'"
WEIRD = [EMPTY, LIST, MAP, NEGATIVE, DATE, SCRIPT]
LABEL = {EMPTY: "empty", LIST: "list", MAP: "map", NEGATIVE: "negative", DATE: "date", SCRIPT: "script"}
LINE = re.compile(r"^(\s*(?:- )?[a-z_]+:) (.+)$")
KEY = re.compile(r"^(\s*)(- )?([a-z_]+):")

ERROR, WARNING, FINE = "error", "warning", "fine"


def _per_file(keys: dict[str, str]) -> set[tuple[str, str]]:
    return {(name, path) for name, paths in keys.items() for path in paths.split()}


# Words a reader reads (names, definitions, addresses, promises): they must contain a
# word, so "-1" and "9999-99-99" are errors; markup is only text, escaped on output.
WORDS = _per_file(
    {
        "company.yaml": "name short_name philosophy hotlines.name complaint.name zones.name regions.name "
        "service_points.name service_points.address service_points.city",
        "commitments.yaml": "objectives.goal response.measures.name response.levels.name response.levels.definition "
        "process.steps.name process.steps.actor process.steps.action maintenance.inspections.name "
        "emergency.groups.name",
        "staff.yaml": "roles.name people.name duty_rota.shifts.name",
        "partners.yaml": "partners.name partners.address partners.city",
        "fees.yaml": "in_warranty",
        "projects/demo.yaml": "name purchaser.name site.address signatory.representative",
    }
)

# Codes copied as written from another document: digits and dashes alone are normal.
CODES = {("projects/demo.yaml", "tender_number")}

# Keys that may be left out. An empty value is the key left out: not stated, nothing
# printed, never a default. (Required keys left empty are 缺少必填项, on that line.)
OPTIONAL = {
    ("company.yaml", "philosophy"),
    ("company.yaml", "hotlines.hours"),
    ("company.yaml", "regions.zone"),
    ("company.yaml", "handbook_url"),
    ("commitments.yaml", "response.measures.per_area"),
    ("commitments.yaml", "response.levels.targets.phone"),
    ("commitments.yaml", "response.levels.targets.arrival"),
    ("commitments.yaml", "maintenance.inspections.mode"),
    ("commitments.yaml", "emergency.groups.leader"),
    ("commitments.yaml", "emergency.groups.duties"),
    ("staff.yaml", "people.phone"),
    ("projects/demo.yaml", "acceptance_date"),
    # Left out by real sections; the outputs omit them or print 未载明, and check warns
    # (checks/unstated.py) where a tender normally expects them.
    ("company.yaml", "complaint.number"),
    ("company.yaml", "complaint.reply_within"),
    ("company.yaml", "service_points.address"),
    ("company.yaml", "service_points.phone"),
    ("commitments.yaml", "warranty.start_event"),
    ("commitments.yaml", "response.levels.definition"),
    ("staff.yaml", "people.name"),
    # A team may be promised by role; check warns where people are listed but the project names none.
    ("projects/demo.yaml", "staff.manager"),
    ("projects/demo.yaml", "staff.contact"),
}

# Optional lists: [] states nothing, like leaving the key out. Required lists need an item.
OPTIONAL_LISTS = {("commitments.yaml", "emergency.groups.duties")}

# Ids other lines of the minimal tree refer to. Renaming one leaves those references
# dangling: the error is at the reference, not at the renamed id.
REFERENCED_IDS = {"city", "far", "alpha", "beta", "hq", "phone", "arrival", "engineer", "p1", "p2"}

# (file, key, value): (outcome, why). Decided cases the rules above do not give.
EXCEPTIONS: dict[tuple[str, str, str], tuple[str, str]] = {
    ("company.yaml", "handbook_url", EMPTY): (WARNING, "the manual's cover cannot carry the project page's QR code"),
    ("company.yaml", "regions.zone", EMPTY): (WARNING, "the region drops out of the per-zone arrival targets"),
    ("commitments.yaml", "response.levels.targets.phone", EMPTY): (
        WARNING,
        "the level states no phone time while the other level does; empty is not 不适用",
    ),
    ("commitments.yaml", "response.levels.targets.arrival", EMPTY): (
        WARNING,
        "the level states no arrival time while the other level does; empty is not 不适用",
    ),
    ("commitments.yaml", "response.measures.per_area", EMPTY): (
        ERROR,
        "left out means false, which the per-area arrival targets contradict (error at the targets)",
    ),
    ("projects/demo.yaml", "acceptance_date", EMPTY): (
        WARNING,
        "before acceptance the manual leaves warranty end dates and the schedule blank",
    ),
    ("company.yaml", "complaint.number", EMPTY): (WARNING, "a complaint line with neither a number nor channels"),
    ("company.yaml", "complaint.reply_within", EMPTY): (WARNING, "tenders expect a reply time for complaints"),
    ("company.yaml", "service_points.address", EMPTY): (WARNING, "the project's service point cannot be found"),
    ("company.yaml", "service_points.phone", EMPTY): (WARNING, "the project's service point cannot be called"),
    ("commitments.yaml", "warranty.start_event", EMPTY): (WARNING, "tenders expect when the warranty starts"),
    ("commitments.yaml", "response.levels.definition", EMPTY): (
        WARNING,
        "a level with neither a definition nor criteria prints 未载明",
    ),
    ("staff.yaml", "people.name", EMPTY): (WARNING, "both people are the demo project's contacts: named by role"),
    ("projects/demo.yaml", "staff.manager", EMPTY): (WARNING, "people are listed, but the project names no manager"),
    ("projects/demo.yaml", "staff.contact", EMPTY): (WARNING, "people are listed, but the project names no contact"),
}


def expected(name: str, path: str, value: str, original: str) -> str:
    """The outcome a reader needs for ``path: value`` in file ``name`` (was ``original``)."""
    key = (name, path)
    if (name, path, value) in EXCEPTIONS:
        return EXCEPTIONS[(name, path, value)][0]
    if value == EMPTY:  # the key left out
        return FINE if key in OPTIONAL else ERROR
    if path.split(".")[-1] == "id":  # an id is a label: "9999-99-99" is well formed, "-1" is not
        return FINE if value == DATE and original not in REFERENCED_IDS else ERROR
    if value == LIST and key in OPTIONAL_LISTS:
        return FINE
    if value == SCRIPT and key in WORDS | CODES:  # escaped wherever it is printed
        return FINE
    if value in (NEGATIVE, DATE) and key in CODES:
        return FINE
    # Anything else is not what the field holds: words without a word, a phone number
    # or web address that is none, a date in a name, markup in an id, a list for a name.
    return ERROR


def error_is_elsewhere(name: str, path: str, value: str, original: str) -> bool:
    """Whether the error belongs at another line than the edited one."""
    renamed_id = path.split(".")[-1] == "id" and value == DATE and original in REFERENCED_IDS
    return renamed_id or (name, path, value) == ("commitments.yaml", "response.measures.per_area", EMPTY)


def _keys(text: str) -> list[tuple[int, str, str]]:
    """(line index, key path without list indices, value) of every `key: value` line."""
    stack: list[tuple[int, str]] = []
    out = []
    for i, line in enumerate(text.splitlines()):
        m = KEY.match(line)
        if not m:
            continue
        col = len(m.group(1)) + len(m.group(2) or "")
        while stack and stack[-1][0] >= col:
            stack.pop()
        stack.append((col, m.group(3)))
        if v := LINE.match(line):
            out.append((i, ".".join(k for _, k in stack), v.group(2)))
    return out


def _cases() -> list[pytest.ParameterSet]:
    return [
        pytest.param(name, i, path, original, w, id=f"{name}:{i + 1}:{path}={LABEL[w]}")
        for name in MINIMAL
        for i, path, original in _keys(minimal(name))
        for w in WEIRD
    ]


def test_every_line_of_the_minimal_tree_is_a_case() -> None:
    for name in MINIMAL:
        lines = [i for i, line in enumerate(minimal(name).splitlines()) if LINE.match(line)]
        assert [i for i, _, _ in _keys(minimal(name))] == lines, name
    assert len(_cases()) == 552


def test_the_minimal_tree_itself_is_clean(tmp_path: Path) -> None:
    result = check(write_tree(tmp_path / "content", MINIMAL))
    assert not result.report.errors and not result.report.warnings, result.report.format()


@pytest.mark.parametrize(("name", "line", "path", "original", "value"), _cases())
def test_odd_value_gives_the_decided_outcome_not_an_exception(
    tmp_path: Path, name: str, line: int, path: str, original: str, value: str
) -> None:
    lines = minimal(name).splitlines()
    m = LINE.match(lines[line])
    assert m is not None
    lines[line] = f"{m.group(1)} {value}"
    root = write_tree(tmp_path / "content", {**MINIMAL, name: "\n".join(lines) + "\n"})
    result = check(root)  # must not raise
    report = result.report
    for d in report.errors:
        assert d.location is not None and d.location.line >= 1, d
    outcome = expected(name, path, value, original.strip())
    if outcome == ERROR:
        assert report.errors, f"{name}:{line + 1} {path}: {value} should be an error"
        assert result.model is None
        if not error_is_elsewhere(name, path, value, original.strip()):
            here = [
                d for d in report.errors if d.location and (d.location.file, d.location.line) == (root / name, line + 1)
            ]
            assert here, f"no error at {name}:{line + 1}: {report.format()}"
    elif outcome == WARNING:
        assert not report.errors, report.format()
        assert report.warnings, f"{name}:{line + 1} {path}: {value} should warn"
        assert result.model is not None
    else:
        assert not report.errors and not report.warnings, report.format()
        assert result.model is not None
