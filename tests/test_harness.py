"""The test run itself: it leaves the checkout as it found it, and under CI a missing
program is a failure, never a silent skip."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, changes, pytest_runtest_setup, snapshot


def test_snapshot_sees_created_modified_and_deleted_files_in_ignored_folders(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("example", encoding="utf-8")
    (tmp_path / "README.md").write_text("x", encoding="utf-8")
    (tmp_path / ".pytest_cache").mkdir()
    before = snapshot(tmp_path)
    (tmp_path / "site" / "index.html").write_text("a test fixture's handbook", encoding="utf-8")
    (tmp_path / "output" / "screenshots").mkdir(parents=True)
    (tmp_path / "README.md").unlink()
    (tmp_path / ".pytest_cache" / "v").write_text("cache", encoding="utf-8")  # caches are allowed
    assert changes(before, snapshot(tmp_path)) == [
        "created output",
        "created output/screenshots",
        "deleted README.md",
        "modified site/index.html",
    ]


def test_an_untouched_tree_has_no_changes(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("a", encoding="utf-8")
    assert changes(snapshot(tmp_path), snapshot(tmp_path)) == []


class _Item:
    def __init__(self, *commands: str) -> None:
        self.marks = [pytest.mark.needs(*commands).mark]

    def iter_markers(self, name: str) -> Any:
        return iter(self.marks if name == "needs" else [])


def test_a_missing_program_fails_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "1")
    with pytest.raises(pytest.fail.Exception, match="CI: no-such-program-x not installed"):
        pytest_runtest_setup(_Item("git", "no-such-program-x"))  # type: ignore[arg-type]


def test_a_missing_program_skips_on_a_developer_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="needs no-such-program-x"):
        pytest_runtest_setup(_Item("no-such-program-x"))  # type: ignore[arg-type]


def test_present_programs_neither_skip_nor_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "1")
    pytest_runtest_setup(_Item("sh"))  # type: ignore[arg-type]


def _apt_install(tmp_path: Path, ci: bool) -> subprocess.CompletedProcess[str]:
    """scripts/apt-install as a non-root user on a machine where no package is installed."""
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "id").write_text("#!/bin/sh\necho 1000\n")
    (fake / "dpkg-query").write_text("#!/bin/sh\nexit 1\n")
    for f in fake.iterdir():
        f.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["PATH"] = f"{fake}:{env['PATH']}"
    if ci:
        env["CI"] = "1"
    script = REPO / "scripts" / "apt-install"
    return subprocess.run([str(script), "zbar-tools"], capture_output=True, text=True, env=env, check=False)


def test_set_up_fails_under_ci_when_it_cannot_install(tmp_path: Path) -> None:
    done = _apt_install(tmp_path, ci=True)
    assert done.returncode == 1
    assert "apt-get install -y --no-install-recommends zbar-tools" in done.stderr
    assert "CI: these packages are required" in done.stderr


def test_set_up_carries_on_for_a_developer_and_says_what_to_run(tmp_path: Path) -> None:
    done = _apt_install(tmp_path, ci=False)
    assert done.returncode == 0
    assert "sudo apt-get install -y --no-install-recommends zbar-tools" in done.stderr


def test_ci_runs_the_readme_test_command_with_ci_set() -> None:
    run = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "export CI=1" in run and "make test" in run
