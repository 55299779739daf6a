"""What a tender normally expects but the content leaves unstated: each such field is
optional, and `check` warns where it is missing, naming the field, at the place to write it.
Messages, lines and columns are written out by hand from the minimal tree (conftest.MINIMAL)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import minimal

from generator.pipeline import check
from generator.reading.diagnostics import Diagnostic, Location, Severity

MakeTree = Callable[..., Path]
Where = tuple[str, int, int, str]  # file name, line, column, key path

WARRANTY_START = (
    "质保期的起算事件未载明（warranty.start_event）：招标文件通常要求写明质保期自何时起算，"
    "例如“验收合格”；不写则各文档只印质保期长度，维护手册也无法推算截止日期和巡检日程"
)
COMPLAINT_NO_WAY = "“投诉电话”既没有电话（number）也没有受理方式（channels，例如来电、来函、来人）：用户无从投诉"
COMPLAINT_NO_REPLY = "“投诉电话”的答复时限未载明（reply_within）：招标文件通常要求承诺接到投诉后多久答复"
CONTACT_NO_NAME = "本项目的日常服务联系人（p2）没有姓名（name）：文档中将以岗位代称并注明“姓名未载明”"

# The "unstated" warnings are the ones these tests look at; the others (unreferenced people,
# a missing acceptance date...) belong to other checks.
MARKS = ("未载明", "没有姓名", "没有地址", "没有电话", "既没有")


def where(loc: Location | None) -> Where:
    assert loc is not None
    return (loc.file.name, loc.line, loc.col, loc.path)


def unstated(make_tree: MakeTree, files: dict[str, str | None]) -> list[Diagnostic]:
    result = check(make_tree(files))
    assert not result.report.errors, result.report.format()
    assert result.model is not None
    found = [d for d in result.report.items if any(mark in d.message for mark in MARKS)]
    assert all(d.severity is Severity.WARNING for d in found), found
    return found


def edit(name: str, old: str, new: str) -> dict[str, str | None]:
    text = minimal(name)
    assert old in text, old
    return {name: text.replace(old, new, 1)}


def test_minimal_tree_states_everything_a_tender_expects(make_tree: MakeTree) -> None:
    assert unstated(make_tree, {}) == []


# --- warranty.start_event ----------------------------------------------------------------


def test_warranty_without_start_event(make_tree: MakeTree) -> None:
    (d,) = unstated(make_tree, edit("commitments.yaml", "  start_event: 验收合格\n", ""))
    assert d.message == WARRANTY_START
    # commitments.yaml line 3 is `warranty:`, its mapping starts at `period` on line 4
    assert where(d.location) == ("commitments.yaml", 4, 3, "warranty")
    assert d.related == ()


def test_warranty_with_start_event(make_tree: MakeTree) -> None:
    files = edit("commitments.yaml", "  start_event: 验收合格\n", "  start_event: 交货\n")
    assert unstated(make_tree, files) == []


# --- a level's definition and criteria ------------------------------------------------------


def test_level_with_neither_definition_nor_criteria(make_tree: MakeTree) -> None:
    (d,) = unstated(make_tree, edit("commitments.yaml", "      definition: 部分中断。\n", ""))
    assert d.message == "“二级故障”既没有定义（definition）也没有判定条件（criteria）：文档中将印“未载明”"
    assert where(d.location) == ("commitments.yaml", 22, 7, "response.levels[1]")  # line 22: `- id: l2`


def test_level_with_criteria_only(make_tree: MakeTree) -> None:
    files = edit("commitments.yaml", "      definition: 部分中断。\n", "      criteria: [部分业务中断]\n")
    assert unstated(make_tree, files) == []


# --- the complaint line ----------------------------------------------------------------------

COMPLAINT = "complaint:\n  name: 投诉电话\n  number: 0000-8000-0009\n  reply_within: 2小时\n"


def test_complaint_line_with_neither_number_nor_channels(make_tree: MakeTree) -> None:
    files = edit("company.yaml", COMPLAINT, "complaint:\n  name: 投诉电话\n  reply_within: 2小时\n")
    (d,) = unstated(make_tree, files)
    assert d.message == COMPLAINT_NO_WAY
    assert where(d.location) == ("company.yaml", 10, 3, "complaint")  # its mapping, at `name`


def test_complaint_line_with_channels_only(make_tree: MakeTree) -> None:
    """来电、来函、来人 are a way to complain: no number is needed."""
    files = edit(
        "company.yaml",
        COMPLAINT,
        "complaint:\n  name: 投诉电话\n  channels: [来电, 来函, 来人]\n  reply_within: 2小时\n",
    )
    assert unstated(make_tree, files) == []


def test_complaint_line_without_reply_time(make_tree: MakeTree) -> None:
    files = edit("company.yaml", COMPLAINT, "complaint:\n  name: 投诉电话\n  number: 0000-8000-0009\n")
    (d,) = unstated(make_tree, files)
    assert d.message == COMPLAINT_NO_REPLY
    assert where(d.location) == ("company.yaml", 10, 3, "complaint")


def test_complaint_line_with_name_only_gets_both_warnings(make_tree: MakeTree) -> None:
    (a, b) = unstated(make_tree, edit("company.yaml", COMPLAINT, "complaint:\n  name: 投诉电话\n"))
    assert [a.message, b.message] == [COMPLAINT_NO_WAY, COMPLAINT_NO_REPLY]


def test_no_complaint_line_no_warning(make_tree: MakeTree) -> None:
    """Whether a company has a complaint line at all is its choice; the letter then lists none."""
    assert unstated(make_tree, edit("company.yaml", COMPLAINT, "")) == []


# --- the project's people ------------------------------------------------------------------------


def test_project_contact_without_a_name(make_tree: MakeTree) -> None:
    (d,) = unstated(make_tree, edit("staff.yaml", "    name: 乙工\n", ""))
    assert d.message == CONTACT_NO_NAME
    assert where(d.location) == ("demo.yaml", 12, 3, "staff")  # the project's `staff:`, at `manager`
    assert [where(r) for r in d.related] == [("staff.yaml", 9, 5, "people[1]")]  # `- id: p2`


def test_person_without_a_name_in_two_duties(make_tree: MakeTree) -> None:
    """The manager who is also the daily contact: one warning naming both duties."""
    files = {
        **edit("staff.yaml", "    name: 甲工\n", ""),
        **edit("projects/demo.yaml", "  contact: p2\n", "  contact: p1\n  engineers: [p2]\n"),
    }
    (d,) = unstated(make_tree, files)
    assert (
        d.message == "本项目的项目总联系人、日常服务联系人（p1）没有姓名（name）：文档中将以岗位代称并注明“姓名未载明”"
    )
    assert [where(r) for r in d.related] == [("staff.yaml", 5, 5, "people[0]")]


def test_unnamed_person_outside_the_project_is_not_warned_here(make_tree: MakeTree) -> None:
    """Only the people the customer will call: a third engineer the project does not name is not."""
    staff = minimal("staff.yaml").replace("duty_rota:", "  - id: p3\n    role: engineer\nduty_rota:")
    assert unstated(make_tree, {"staff.yaml": staff}) == []


# --- the project's service point ---------------------------------------------------------------

POINT = "    address: 甲市一号路 1 号\n    city: 甲市\n    region: alpha\n    phone: 0000-8000-0001\n"


def test_service_point_without_address_and_phone(make_tree: MakeTree) -> None:
    (d,) = unstated(make_tree, edit("company.yaml", POINT, "    city: 甲市\n    region: alpha\n"))
    assert d.message == "本项目的服务网点“总部”没有地址（address）和电话（phone）：用户找不到网点"
    assert where(d.location) == ("demo.yaml", 14, 16, "service_point")  # the value `hq`
    assert [where(r) for r in d.related] == [("company.yaml", 26, 5, "service_points[0]")]  # `- id: hq`


def test_service_point_without_phone(make_tree: MakeTree) -> None:
    files = edit("company.yaml", POINT, "    address: 甲市一号路 1 号\n    city: 甲市\n    region: alpha\n")
    (d,) = unstated(make_tree, files)
    assert d.message == "本项目的服务网点“总部”没有电话（phone）：用户找不到网点"


def test_service_point_without_address(make_tree: MakeTree) -> None:
    files = edit("company.yaml", POINT, "    city: 甲市\n    region: alpha\n    phone: 0000-8000-0001\n")
    (d,) = unstated(make_tree, files)
    assert d.message == "本项目的服务网点“总部”没有地址（address）：用户找不到网点"


def test_format_names_file_line_and_column(make_tree: MakeTree) -> None:
    """As `check` prints it: file:line:col, the key path, and the note at the person."""
    (d,) = unstated(make_tree, edit("staff.yaml", "    name: 乙工\n", ""))
    lines = d.format().splitlines()
    assert lines[0].endswith(f"demo.yaml:12:3: warning: {CONTACT_NO_NAME} (at staff)")
    assert lines[1].endswith("staff.yaml:9:5: note: 相关位置 (at people[1])")
    assert len(lines) == 2


# --- after a project's overrides ------------------------------------------------------------

OVERRIDE_START = "overrides:\n  commitments:\n    warranty:\n      start_event: null\n"


def test_warranty_start_removed_by_a_project_override(make_tree: MakeTree) -> None:
    files = {"projects/demo.yaml": minimal("projects/demo.yaml") + OVERRIDE_START}
    result = check(make_tree(files))
    assert result.model is not None
    assert result.model.project("demo").commitments.warranty.start_event is None  # the override applies
    assert [d.message for d in result.report.warnings if "start_event" in d.message] == [WARRANTY_START]
