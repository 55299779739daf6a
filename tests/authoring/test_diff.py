"""`aftersales diff`: what each project promises differently between two versions."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import MINIMAL, minimal, staff_able_to_train, write_tree

from generator.authoring import diff
from generator.cli import main
from generator.model.resolved import ServiceModel
from generator.model.response import MeasureKind
from generator.pipeline import check


def tree(root: Path, **changes: str) -> Path:
    """The minimal tree under root, with some files replaced."""
    files = {**MINIMAL, **{k.replace("__", "/").replace("_yaml", ".yaml"): v for k, v in changes.items()}}
    return write_tree(root, files)


def write(root: Path, files: dict[str, str]) -> Path:
    """The minimal tree under root, with these files (by path) replaced."""
    return write_tree(root, {**MINIMAL, **files})


def model(root: Path) -> ServiceModel:
    """The validated model; a tree with errors would not build, so it is no fixture."""
    result = check(root)
    assert result.model is not None and not result.report.errors, result.report.format()
    return result.model


def changes(old: Path, new: Path) -> dict[str, diff.Change]:
    return only_project(model(old), model(new))


def only_project(old: ServiceModel, new: ServiceModel) -> dict[str, diff.Change]:
    """The changes of the one project, by item; {} when nothing changed."""
    found = diff.compare(old, new)
    if not found:
        return {}
    [project] = found
    assert (project.id, project.status) == ("demo", "有变化")
    return {c.item: c for c in project.changes}


def test_identical_versions_have_no_changes(tmp_path: Path) -> None:
    assert diff.compare(model(tree(tmp_path / "a")), model(tree(tmp_path / "b"))) == []


def test_shorter_time_is_stricter_and_shorter_warranty_is_looser(tmp_path: Path) -> None:
    # The demo project is in region alpha (zone city): 一级故障 arrival 1小时 → 30分钟.
    commitments = (
        minimal("commitments.yaml")
        .replace("arrival: {city: 1小时, far: 4小时}", "arrival: {city: 30分钟, far: 4小时}")
        .replace("period: 3年", "period: 2年")
    )
    found = changes(tree(tmp_path / "a"), tree(tmp_path / "b", commitments_yaml=commitments))
    arrival = found["一级故障到达现场时限"]
    assert (arrival.old, arrival.new, arrival.direction) == ("1小时", "30分钟", diff.Direction.STRICTER)
    assert arrival.zh() == "一级故障到达现场时限：1小时 → 30分钟（更严格）"
    warranty = found["质保期"]
    assert warranty.direction is diff.Direction.LOOSER
    assert "3年" in (warranty.old or "") and "2年" in (warranty.new or "")
    assert "二级故障到达现场时限" not in found  # unchanged promises are not listed


def test_project_override_changes_only_that_project_and_shows_as_its_change(tmp_path: Path) -> None:
    project = minimal("projects/demo.yaml") + "overrides:\n  commitments:\n    warranty:\n      period: 5年\n"
    found = changes(tree(tmp_path / "a"), tree(tmp_path / "b", projects__demo_yaml=project))
    assert found["质保期"].direction is diff.Direction.STRICTER
    assert set(found) == {"质保期"}


def test_added_and_removed_projects(tmp_path: Path) -> None:
    other = minimal("projects/demo.yaml").replace("name: 示例项目", "name: 另一个项目")
    old = tree(tmp_path / "a")
    new = tree(tmp_path / "b", projects__other_yaml=other)
    [added] = diff.compare(model(old), model(new))
    assert (added.id, added.status, added.changes) == ("other", "新增项目", ())
    [removed] = diff.compare(model(new), model(old))
    assert (removed.id, removed.status) == ("other", "删除项目")


def test_text_and_json_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    commitments = minimal("commitments.yaml").replace(
        "arrival: {city: 1小时, far: 4小时}", "arrival: {city: 2小时, far: 4小时}"
    )
    old, new = tree(tmp_path / "a"), tree(tmp_path / "b", commitments_yaml=commitments)
    assert main(["diff", str(old), str(new)]) == 0
    out = capsys.readouterr().out
    assert "示例项目（demo）：1 处变化（更宽松 1 项）" in out
    assert "一级故障到达现场时限：1小时 → 2小时（更宽松）" in out
    assert main(["diff", str(old), str(new), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    [project] = data["projects"]
    assert project["project"] == "demo"
    assert project["changes"] == [
        {
            "item": "一级故障到达现场时限",
            "old": "1小时",
            "new": "2小时",
            "direction": "looser",
            "direction_zh": "更宽松",
        }
    ]


def test_a_version_that_does_not_validate_is_a_content_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = minimal("commitments.yaml").replace("period: 3年", "period: 三年半")
    assert main(["diff", str(tree(tmp_path / "a")), str(tree(tmp_path / "b", commitments_yaml=broken))]) == 1
    assert "新版本" in capsys.readouterr().err


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


@pytest.mark.needs("git")
def test_two_git_revisions_of_a_content_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = tmp_path / "repo"
    content = tree(repo / "content")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "first")
    first = git(repo, "rev-parse", "HEAD")
    (content / "commitments.yaml").write_text(
        minimal("commitments.yaml").replace("phone: 10分钟", "phone: 5分钟"), encoding="utf-8"
    )
    git(repo, "commit", "-qam", "faster phone response")
    # Revisions are read from the repository that holds --content, not from the working tree.
    (content / "commitments.yaml").write_text("not: [valid", encoding="utf-8")
    assert main(["diff", first, "HEAD", "--content", str(content)]) == 0
    out = capsys.readouterr().out
    assert "一级故障电话响应时限：10分钟 → 5分钟（更严格）" in out


def test_unknown_revision_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = tree(tmp_path / "content")
    assert main(["diff", "no-such-revision-or-folder", str(content), "--content", str(content)]) == 2
    assert "既不是内容目录，也不是 git 版本" in capsys.readouterr().err


# --- direction of every kind of fact ---------------------------------------------
#
# Each case below states, by hand, one fact as it reads in an old and a new version and
# which way the change goes; the reverse edit must report the opposite way. Nothing
# expected is computed by the code under test.

Files = dict[str, str]
S, L, C, A, R = (
    diff.Direction.STRICTER,
    diff.Direction.LOOSER,
    diff.Direction.CHANGED,
    diff.Direction.ADDED,
    diff.Direction.REMOVED,
)


def edit(text: str, *replacements: tuple[str, str]) -> str:
    """text with each (old, new) replaced; old must occur exactly once, so a fixture
    that drifts fails here instead of silently comparing two identical trees."""
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


COMMITMENTS = minimal("commitments.yaml")
COMPANY = minimal("company.yaml")
PROJECT = minimal("projects/demo.yaml")


def commitments(*replacements: tuple[str, str]) -> Files:
    return {"commitments.yaml": edit(COMMITMENTS, *replacements)}


def company(*replacements: tuple[str, str]) -> Files:
    return {"company.yaml": edit(COMPANY, *replacements)}


def project(extra: str = "", *replacements: tuple[str, str]) -> Files:
    return {"projects/demo.yaml": edit(PROJECT, *replacements) + extra}


def warranty(period: str, start: str = "验收合格") -> Files:
    return commitments(("period: 3年\n  start_event: 验收合格", f"period: {period}\n  start_event: {start}"))


def onsite(period: str) -> Files:
    return commitments(("start_event: 验收合格\n", f"start_event: 验收合格\n  onsite_period: {period}\n"))


def extra_measure(kind: str, l1: str) -> Files:
    """A further measure of this kind, not per area: 一级故障 l1, 二级故障 8小时."""
    return commitments(
        (
            "      per_area: true\n",
            f"      per_area: true\n    - id: extra\n      name: {kind}指标\n      kind: {kind}\n",
        ),
        (
            "        arrival: {city: 1小时, far: 4小时}\n",
            f"        arrival: {{city: 1小时, far: 4小时}}\n        extra: {l1}\n",
        ),
        (
            "        arrival: {city: 2小时, far: 8小时}\n",
            "        arrival: {city: 2小时, far: 8小时}\n        extra: 8小时\n",
        ),
    )


def spare(within: str) -> Files:
    return commitments(("response:\n", f"response:\n  spare_unit:\n    within: {within}\n"))


def hotline(hours: str) -> Files:
    return company(("    hours: 7×24\n", hours))


PROMISE_5X8 = "    hours:\n      promise: 5×8\n"
PROMISE_5X12 = "    hours:\n      promise: 5×12\n"
PROMISE_6X8 = "    hours:\n      promise: 6×8\n"
WEEKDAYS = "    hours:\n      promise: 5×8\n      windows:\n        - days: 工作日\n          time: {}\n"


def inspection(frequency: str, mode: str = "现场", times: int | None = None) -> Files:
    lines = f"frequency: {frequency}\n" + (f"      times: {times}\n" if times else "") + f"      mode: {mode}\n"
    return commitments(("frequency: 每季度\n      mode: 现场\n", lines))


def callback(frequency: str = "每季度", target: str = "90%") -> Files:
    block = (
        "  callbacks:\n    - id: visit\n      name: 满意度回访\n"
        f"      frequency: {frequency}\n      mode: 电话\n      satisfaction_target: {target}\n"
    )
    return commitments(("spare_parts:\n", block + "spare_parts:\n"))


def role(fields: str) -> Files:
    """The minimal staff's one role (工程师, two people named) with these fields added."""
    return {"staff.yaml": edit(minimal("staff.yaml"), ("    name: 工程师\n", "    name: 工程师\n" + fields))}


def training(name: str = "设备使用培训", hours: int | None = 16, trainees: int = 10, trainers: int = 1) -> Files:
    plan = (
        f"plans:\n  - id: std\n    name: {name}\n    objectives: [会用设备]\n    audiences: [管理员]\n"
        f"    trainers: {trainers}\n    min_trainees: {trainees}\n" + (f"    class_hours: {hours}\n" if hours else "")
    )
    return {"training.yaml": plan, "staff.yaml": staff_able_to_train("p1", "p2"), **project("training_plan: std\n")}


def equipment(warranty: str | None) -> Files:
    item = "equipment:\n  - id: sw\n    name: 核心交换机\n    brand: 示例牌\n"
    return project(item + (f"    warranty: {warranty}\n" if warranty else ""))


TWO_POINTS = (
    "handbook_url:",
    "  - id: branch\n    name: 乙县分部\n    address: 乙县三号路 9 号\n    city: 乙县\n    region: beta\n"
    "    phone: 0000-8000-0002\nhandbook_url:",
)


def clause(deviation: str) -> str:
    """A manual clause, answered by hand with this deviation."""
    return (
        "requirements:\n  - clause: 第三章 3.1\n    text: 提供驻场工程师。\n"
        f"    response: 派驻工程师一名。\n    deviation: {deviation}\n"
    )


def manual_clause(deviation: str) -> Files:
    return project(clause(deviation))


@dataclass(frozen=True)
class Case:
    label: str
    old: Files
    new: Files
    old_shown: str | None
    new_shown: str | None
    forward: diff.Direction  # old → new
    backward: diff.Direction  # new → old


CASES = {
    # warranty: longer is stricter; the start event alone has no direction
    "warranty-longer": Case("质保期", {}, warranty("5年"), "3年（自验收合格起）", "5年（自验收合格起）", S, L),
    "warranty-start-event": Case(
        "质保期", {}, warranty("3年", "合同签订"), "3年（自验收合格起）", "3年（自合同签订起）", C, C
    ),
    "onsite-period-longer": Case("免费上门服务期", onsite("1年"), onsite("2年"), "1年", "2年", S, L),
    "onsite-period-added": Case("免费上门服务期", {}, onsite("1年"), None, "1年", A, R),
    "service-period-longer": Case(
        "运维服务期", project("service_period: 3年\n"), project("service_period: 1年\n"), "3年", "1年", L, S
    ),
    "service-period-added": Case("运维服务期", {}, project("service_period: 2年\n"), None, "2年", A, R),
    "equipment-warranty-longer": Case(
        "设备“核心交换机”质保期", equipment("1年"), equipment("2年"), "1年（设备约定）", "2年（设备约定）", S, L
    ),
    "equipment-warranty-falls-back": Case(
        "设备“核心交换机”质保期", equipment("5年"), equipment(None), "5年（设备约定）", "3年（整体质保）", L, S
    ),
    "equipment-warranty-same-length-other-basis": Case(
        "设备“核心交换机”质保期", equipment(None), equipment("3年"), "3年（整体质保）", "3年（设备约定）", C, C
    ),
    "equipment-added": Case("设备“核心交换机”质保期", {}, equipment("2年"), None, "2年（设备约定）", A, R),
    # time limits: shorter is stricter
    "phone-shorter": Case(
        "一级故障电话响应时限", {}, commitments(("phone: 10分钟", "phone: 5分钟")), "10分钟", "5分钟", S, L
    ),
    "phone-immediate": Case(
        "一级故障电话响应时限", {}, commitments(("phone: 10分钟", "phone: 立即")), "10分钟", "立即", S, L
    ),
    "arrival-at-the-projects-zone": Case(
        "二级故障到达现场时限",
        {},
        commitments(("arrival: {city: 2小时, far: 8小时}", "arrival: {city: 3小时, far: 8小时}")),
        "2小时",
        "3小时",
        L,
        S,
    ),
    "time-limit-same-length-written-otherwise": Case(
        "一级故障到达现场时限",
        {},
        commitments(("arrival: {city: 1小时, far: 4小时}", "arrival: {city: 60分钟, far: 4小时}")),
        "1小时",
        "60分钟",
        C,
        C,
    ),
    "time-limit-not-applicable": Case(
        "二级故障电话响应时限", {}, commitments(("phone: 30分钟", "phone: 不适用")), "30分钟", None, R, A
    ),
    **{
        f"time-limit-{kind.name.lower()}": Case(
            f"一级故障{kind.value}指标时限",
            extra_measure(kind.value, "4小时"),
            extra_measure(kind.value, "2小时"),
            "4小时",
            "2小时",
            S,
            L,
        )
        for kind in MeasureKind
    },
    "spare-unit-shorter": Case("备机时限", spare("3天"), spare("2天"), "3天", "2天", S, L),
    "spare-unit-working-days-are-longer": Case("备机时限", spare("3天"), spare("3个工作日"), "3天", "3个工作日", L, S),
    "spare-unit-added": Case("备机时限", {}, spare("1天"), None, "1天", A, R),
    "complaint-reply-shorter": Case(
        "投诉答复时限", {}, company(("reply_within: 2小时", "reply_within: 30分钟")), "2小时", "30分钟", S, L
    ),
    "complaint-line-removed": Case(
        "投诉答复时限",
        {},
        company(("complaint:\n  name: 投诉电话\n  number: 0000-8000-0009\n  reply_within: 2小时\n", "")),
        "2小时",
        None,
        R,
        A,
    ),
    # service hours: covering more days and more hours is stricter
    "hours-5x8-to-7x24": Case("客服热线服务时间", hotline(PROMISE_5X8), {}, "5×8", "7×24", S, L),
    "hours-longer-days": Case("客服热线服务时间", hotline(PROMISE_5X8), hotline(PROMISE_5X12), "5×8", "5×12", S, L),
    "hours-neither-covers": Case("客服热线服务时间", hotline(PROMISE_6X8), hotline(PROMISE_5X12), "6×8", "5×12", C, C),
    # Same 5×8 promise, an hour a day less staffed: not 更严格 (diff once said so).
    "hours-same-promise-other-windows": Case(
        "客服热线服务时间",
        hotline(WEEKDAYS.format("8:30-17:30")),
        hotline(WEEKDAYS.format("9:00-17:00")),
        "5×8，工作日 8:30—17:30",
        "5×8，工作日 9:00—17:00",
        C,
        C,
    ),
    "hours-added": Case(
        "客服热线服务时间",
        hotline("    hours:\n      windows:\n        - days: 工作日\n          time: 8:30-17:30\n"),
        {},
        None,
        "7×24",
        A,
        R,
    ),
    # visits: more often is stricter; a frequency without a period has no direction
    "inspection-more-often": Case("巡检“季度巡检”", {}, inspection("每月"), "每季度，现场", "每月，现场", S, L),
    "inspection-fewer-times": Case(
        "巡检“季度巡检”",
        inspection("每年", times=2),
        inspection("每年", times=1),
        "每年 2 次，现场",
        "每年 1 次，现场",
        L,
        S,
    ),
    "inspection-other-mode": Case(
        "巡检“季度巡检”", {}, inspection("每季度", "远程"), "每季度，现场", "每季度，远程", C, C
    ),
    "inspection-to-on-demand": Case("巡检“季度巡检”", {}, inspection("按需"), "每季度，现场", "按需，现场", C, C),
    "inspection-between-irregular": Case(
        "巡检“季度巡检”", inspection("按需"), inspection("节假日前"), "按需，现场", "节假日前，现场", C, C
    ),
    "inspection-added": Case(
        "巡检“月度巡检”",
        {},
        commitments(
            (
                "spare_parts:\n",
                "    - id: monthly\n      name: 月度巡检\n      frequency: 每月\n      mode: 远程\nspare_parts:\n",
            )
        ),
        None,
        "每月，远程",
        A,
        R,
    ),
    "callback-less-often": Case(
        "回访“满意度回访”", callback("每月"), callback("每半年"), "每月，电话", "每半年，电话", L, S
    ),
    "satisfaction-target-higher": Case(
        "回访“满意度回访”满意度目标", callback(target="90%"), callback(target="95%"), "90%", "95%", S, L
    ),
    # training: more hours, trainees and trainers are stricter; the plan's name is text
    "training-class-hours-more": Case("培训总课时", training(hours=16), training(hours=24), "16学时", "24学时", S, L),
    "training-class-hours-added": Case("培训总课时", training(hours=None), training(hours=8), None, "8学时", A, R),
    "training-trainees-fewer": Case("培训人数", training(trainees=10), training(trainees=5), "10人", "5人", L, S),
    "training-trainers-more": Case("培训讲师", training(trainers=1), training(trainers=2), "1名", "2名", S, L),
    "training-plan-renamed": Case(
        "培训方案", training(), training(name="运维交接培训"), "设备使用培训", "运维交接培训", C, C
    ),
    # who and where: text without direction
    "service-point": Case(
        "负责网点",
        company(TWO_POINTS),
        {**company(TWO_POINTS), **project("", ("service_point: hq", "service_point: branch"))},
        "总部",
        "乙县分部",
        C,
        C,
    ),
    "manager": Case("项目总联系人", {}, project("", ("manager: p1", "manager: p2")), "甲工", "乙工", C, C),
    "contact": Case("日常服务联系人", {}, project("", ("contact: p2", "contact: p1")), "乙工", "甲工", C, C),
    "manager-unnamed": Case("项目总联系人", {}, project("", ("  manager: p1\n", "")), "甲工", "未载明", C, C),
    # the team by role: more people promised is stricter; requirements are text
    "role-headcount-more": Case("岗位“工程师”人数", {}, role("    headcount: 5\n"), "2人", "5人", S, L),
    "role-requirements-added": Case(
        "岗位“工程师”任职要求",
        {},
        role("    requirements:\n      education: 本科\n      experience: [{what: 运维, years: 3}]\n"),
        None,
        "本科及以上学历；3年以上运维经验",
        A,
        R,
    ),
    # 偏离表: 负偏离 < 无偏离 < 正偏离
    "deviation-negative-to-none": Case(
        "偏离表 第三章 3.1", manual_clause("负偏离"), manual_clause("无偏离"), "负偏离", "无偏离", S, L
    ),
    "deviation-none-to-positive": Case(
        "偏离表 第三章 3.1", manual_clause("无偏离"), manual_clause("正偏离"), "无偏离", "正偏离", S, L
    ),
    "deviation-negative-to-positive": Case(
        "偏离表 第三章 3.1", manual_clause("负偏离"), manual_clause("正偏离"), "负偏离", "正偏离", S, L
    ),
    "deviation-answered": Case(
        "偏离表 第三章 3.1",
        project("requirements:\n  - clause: 第三章 3.1\n    text: 提供驻场工程师。\n"),
        manual_clause("负偏离"),
        None,
        "负偏离",
        A,
        R,
    ),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_each_kind_of_fact_changes_in_its_own_direction(tmp_path: Path, case: Case) -> None:
    old, new = model(write(tmp_path / "old", case.old)), model(write(tmp_path / "new", case.new))
    assert only_project(old, new) == {case.label: diff.Change(case.label, case.old_shown, case.new_shown, case.forward)}
    assert only_project(new, old) == {
        case.label: diff.Change(case.label, case.new_shown, case.old_shown, case.backward)
    }


def test_each_direction_reads_as_the_report_prints_it(tmp_path: Path) -> None:
    old = {
        **hotline(PROMISE_5X8),
        **spare("1天"),
        **training(),
        **project("training_plan: std\n" + clause("无偏离")),
    }
    new = {
        **commitments(
            ("phone: 10分钟", "phone: 5分钟"),
            ("start_event: 验收合格\n", "start_event: 验收合格\n  onsite_period: 2年\n"),
        ),
        **training(name="运维交接培训"),
        **project("training_plan: std\n" + clause("负偏离")),
    }
    found = changes(write(tmp_path / "old", old), write(tmp_path / "new", new))
    assert {item: c.zh() for item, c in found.items()} == {
        "客服热线服务时间": "客服热线服务时间：5×8 → 7×24（更严格）",
        "偏离表 第三章 3.1": "偏离表 第三章 3.1：无偏离 → 负偏离（更宽松）",
        "培训方案": "培训方案：设备使用培训 → 运维交接培训（变更）",
        "一级故障电话响应时限": "一级故障电话响应时限：10分钟 → 5分钟（更严格）",
        "免费上门服务期": "免费上门服务期：2年（新增）",
        "备机时限": "备机时限：1天（删除）",
    }


AUTOMATIC_CLAUSE = project(
    "requirements:\n  - clause: 第三章 2.1\n    text: 一级故障到达现场不超过 1 小时。\n"
    "    check: {metric: 到达现场, comparator: ≤, threshold: 1小时, level: l1}\n"
)


def arrival(city: str) -> Files:
    return commitments(("arrival: {city: 1小时, far: 4小时}", f"arrival: {{city: {city}, far: 4小时}}"))


def test_a_promise_that_now_misses_the_clause_is_a_looser_deviation(tmp_path: Path) -> None:
    met = model(write(tmp_path / "met", AUTOMATIC_CLAUSE))  # 1小时 against ≤ 1小时: 无偏离
    missed = model(write(tmp_path / "missed", {**AUTOMATIC_CLAUSE, **arrival("2小时")}))  # 负偏离
    bettered = model(write(tmp_path / "bettered", {**AUTOMATIC_CLAUSE, **arrival("30分钟")}))  # 正偏离
    assert only_project(met, missed) == {
        "一级故障到达现场时限": diff.Change("一级故障到达现场时限", "1小时", "2小时", L),
        "偏离表 第三章 2.1": diff.Change("偏离表 第三章 2.1", "无偏离", "负偏离", L),
    }
    assert only_project(missed, met)["偏离表 第三章 2.1"] == diff.Change("偏离表 第三章 2.1", "负偏离", "无偏离", S)
    assert only_project(met, bettered)["偏离表 第三章 2.1"] == diff.Change("偏离表 第三章 2.1", "无偏离", "正偏离", S)
    assert only_project(bettered, missed)["偏离表 第三章 2.1"] == diff.Change(
        "偏离表 第三章 2.1", "正偏离", "负偏离", L
    )


def test_a_clause_nobody_answered_yet_is_not_a_deviation(tmp_path: Path) -> None:
    unanswered = project("requirements:\n  - clause: 第三章 3.1\n    text: 提供驻场工程师。\n")
    assert only_project(model(write(tmp_path / "a", {})), model(write(tmp_path / "b", unanswered))) == {}


def test_choosing_a_training_plan_adds_each_of_its_promises(tmp_path: Path) -> None:
    plan = training()
    without = model(write(tmp_path / "without", {k: v for k, v in plan.items() if k != "projects/demo.yaml"}))
    with_plan = model(write(tmp_path / "with", training()))
    assert only_project(without, with_plan) == {
        "培训方案": diff.Change("培训方案", None, "设备使用培训", A),
        "培训总课时": diff.Change("培训总课时", None, "16学时", A),
        "培训人数": diff.Change("培训人数", None, "10人", A),
        "培训讲师": diff.Change("培训讲师", None, "1名", A),
    }
    assert only_project(with_plan, without) == {
        "培训方案": diff.Change("培训方案", "设备使用培训", None, R),
        "培训总课时": diff.Change("培训总课时", "16学时", None, R),
        "培训人数": diff.Change("培训人数", "10人", None, R),
        "培训讲师": diff.Change("培训讲师", "1名", None, R),
    }


def test_projects_only_in_one_version_are_listed_whole(tmp_path: Path) -> None:
    other = {"projects/other.yaml": edit(PROJECT, ("name: 示例项目", "name: 另一个项目"))}
    one, two = model(write(tmp_path / "one", {})), model(write(tmp_path / "two", other))
    assert diff.compare(one, two) == [diff.ProjectDiff("other", "另一个项目", "新增项目", ())]
    assert diff.compare(two, one) == [diff.ProjectDiff("other", "另一个项目", "删除项目", ())]
