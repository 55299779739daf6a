"""`aftersales diff`: what each project promises differently between two versions."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import MINIMAL, minimal, write_tree

from generator.authoring import diff
from generator.cli import main
from generator.model.resolved import ServiceModel
from generator.pipeline import check


def tree(root: Path, **changes: str) -> Path:
    """The minimal tree under root, with some files replaced."""
    files = {**MINIMAL, **{k.replace("__", "/").replace("_yaml", ".yaml"): v for k, v in changes.items()}}
    return write_tree(root, files)


def model(root: Path) -> ServiceModel:
    result = check(root)
    assert result.model is not None, result.report.format()
    return result.model


def changes(old: Path, new: Path) -> dict[str, diff.Change]:
    [project] = diff.compare(model(old), model(new))
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


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
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
