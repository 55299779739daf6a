"""Which folders a build may write, and that it writes all of them as one step."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import MINIMAL, minimal, write_tree

from generator.cli import main
from generator.outputs import publish

REPO = Path(__file__).resolve().parents[2]
TEMPLATES = REPO / "templates"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def several_projects(root: Path) -> Path:
    """The minimal tree and a second project: two to render side by side."""
    more = {
        f"projects/{pid}.yaml": minimal("projects/demo.yaml").replace("name: 示例项目", f"name: 项目{pid}")
        for pid in ("second",)
    }
    return write_tree(root, {**MINIMAL, **more})


def files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def build_args(content: Path, out: Path, site: Path, *more: str) -> list[str]:
    return ["build", "--quiet", "--content", str(content), "--output", str(out), "--site", str(site), *more]


@pytest.fixture
def built_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path, Path]:
    """The minimal tree built once into out/ and site/: (content, out, site)."""
    content = write_tree(tmp_path / "content", MINIMAL)
    out, site = tmp_path / "out", tmp_path / "site"
    code, _, err = run(capsys, *build_args(content, out, site))
    assert code == 0, err
    return content, out, site


# --- which folders ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("out", "site", "words"),
    [
        ("out", "content", "与内容目录"),
        ("content/x", "site", "与内容目录"),
        ("out", "templates", "与模板目录"),
        ("out", "out", "重叠"),
        ("out", "out/site", "重叠"),
        ("site/docs", "site", "重叠"),
    ],
)
def test_overlapping_folders_are_refused(tmp_path: Path, out: str, site: str, words: str) -> None:
    (tmp_path / "content").mkdir()
    templates = tmp_path / "templates"
    templates.mkdir()
    with pytest.raises(publish.Refused, match=words):
        publish.check_destinations(tmp_path / out, tmp_path / site, tmp_path / "content", [templates])


def test_a_folder_holding_a_users_file_is_refused_for_either_output(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("我的笔记", encoding="utf-8")
    with pytest.raises(publish.Refused, match="不是 aftersales 生成的"):
        publish.check_destinations(None, mine, None, [])
    with pytest.raises(publish.Refused, match="不是 aftersales 生成的"):
        publish.check_destinations(mine, None, None, [])


def test_an_output_folder_is_not_a_site_folder_nor_the_reverse(tmp_path: Path) -> None:
    out, site = tmp_path / "out", tmp_path / "site"
    for folder, kind in ((out, "output"), (site, "site")):
        (folder / "x").mkdir(parents=True)
        (folder / publish.MARKER).write_text(json.dumps({"built_by": "aftersales", "kind": kind}), encoding="utf-8")
    publish.check_destinations(out, site, None, [])  # each where it belongs
    with pytest.raises(publish.Refused, match="aftersales 生成的文档目录"):
        publish.check_destinations(None, out, None, [])
    with pytest.raises(publish.Refused, match="aftersales 生成的网站目录"):
        publish.check_destinations(site, None, None, [])


def test_empty_missing_and_pre_marker_folders_are_accepted(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    publish.check_destinations(empty, tmp_path / "missing", None, [])
    old_out = tmp_path / "old-out"  # written before the marker: only project folders of documents
    (old_out / "demo").mkdir(parents=True)
    (old_out / "demo" / "proposal.pdf").write_bytes(b"%PDF")
    old_site = tmp_path / "old-site"
    for name in ("search/search_index.json", "assets/timeline.svg", "index.html"):
        (old_site / name).parent.mkdir(parents=True, exist_ok=True)
        (old_site / name).write_text("x", encoding="utf-8")
    publish.check_destinations(old_out, old_site, None, [])
    (old_out / "demo" / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(publish.Refused):
        publish.check_destinations(old_out, None, None, [])


def test_a_file_where_a_folder_should_be_is_refused(tmp_path: Path) -> None:
    (tmp_path / "out").write_text("x", encoding="utf-8")
    with pytest.raises(publish.Refused, match="是一个文件"):
        publish.check_destinations(tmp_path / "out", None, None, [])


def test_site_into_content_is_a_usage_error_that_touches_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    content = write_tree(tmp_path / "content", MINIMAL)
    before = files(content)
    code, _, err = run(capsys, *build_args(content, tmp_path / "out", content))
    assert code == 2 and "与内容目录" in err
    assert files(content) == before and not (tmp_path / "out").exists()


def test_site_into_another_builds_output_keeps_its_documents(
    capsys: pytest.CaptureFixture[str], built_once: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    content, out, _ = built_once
    before = files(out)
    code, _, err = run(capsys, *build_args(content, tmp_path / "other-out", out))
    assert code == 2 and "文档目录" in err
    assert files(out) == before and "demo/proposal.docx" in before


def test_a_users_folder_as_site_keeps_the_users_file(
    capsys: pytest.CaptureFixture[str], built_once: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    content, out, _ = built_once
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("我的笔记", encoding="utf-8")
    code, _, err = run(capsys, *build_args(content, out, mine))
    assert code == 2 and str(mine) in err and "拒绝生成" in err
    assert files(mine) == {"notes.txt": "我的笔记".encode()}


def test_a_missing_templates_folder_is_a_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    content = write_tree(tmp_path / "content", MINIMAL)
    code, _, err = run(capsys, *build_args(content, tmp_path / "out", tmp_path / "site", "--templates", "/nonexistent"))
    assert code == 2 and "/nonexistent" in err
    assert not (tmp_path / "out").exists() and not (tmp_path / "site").exists()


def test_rebuilding_into_its_own_folders_works_and_marks_them(built_once: tuple[Path, Path, Path]) -> None:
    content, out, site = built_once
    for folder, kind in ((out, "output"), (site, "site")):
        marker = json.loads((folder / publish.MARKER).read_text(encoding="utf-8"))
        assert marker["built_by"] == "aftersales" and marker["kind"] == kind
    assert main(build_args(content, out, site)) == 0


# --- one step -----------------------------------------------------------------------------


def test_a_failing_site_leaves_documents_and_site_as_they_were(
    capsys: pytest.CaptureFixture[str], built_once: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    content, out, site = built_once
    before_out, before_site = files(out), files(site)
    own = tmp_path / "own"
    (own / "site").mkdir(parents=True)
    (own / "site" / "index.md.j2").write_text("# 首页\n\n[坏链接](no-such-page.md)\n", encoding="utf-8")
    code, _, err = run(capsys, *build_args(content, out, site, "--templates", str(own)))
    assert code == 1 and "MkDocs" in err
    assert files(out) == before_out and files(site) == before_site
    assert leftovers(tmp_path) == []


def test_an_unwritable_output_folder_is_the_users_problem_and_the_site_stays(
    built_once: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    """A read-only output folder: exit 1 naming it; the site is not replaced either."""
    content, out, site = built_once
    shared = Path(tempfile.mkdtemp(prefix="aftersales-ro-"))  # reachable by the unprivileged user
    try:
        shared.chmod(0o777)
        for src in (content, out, site):
            shutil.copytree(src, shared / src.name)
        for p in [shared, *shared.rglob("*")]:
            p.chmod(0o777 if p.is_dir() else 0o666)
        (shared / "out").chmod(0o555)
        before_out, before_site = files(shared / "out"), files(shared / "site")
        done = run_unprivileged(build_args(shared / "content", shared / "out", shared / "site"))
        assert done.returncode == 1, done.stderr
        assert f"无法写入 {shared / 'out'}：没有权限" in done.stderr
        assert "缺陷" not in done.stderr and "Traceback" not in done.stderr
        assert files(shared / "out") == before_out and files(shared / "site") == before_site
        assert leftovers(shared) == []
    finally:
        (shared / "out").chmod(0o755)
        shutil.rmtree(shared)


def test_a_swap_that_fails_halfway_puts_back_what_it_had_swapped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out, site = tmp_path / "out", tmp_path / "site"
    (out / "p").mkdir(parents=True)
    (out / "p" / "proposal.pdf").write_bytes(b"old pdf")
    site.mkdir()
    (site / "index.html").write_text("old site", encoding="utf-8")
    real, failed = os.replace, []

    def failing(src: str | Path, dst: str | Path) -> None:
        if Path(dst) == site and Path(src).name == "site" and not failed:  # the new site's move
            failed.append(dst)
            raise OSError(28, "No space left on device", str(dst))
        real(src, dst)

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(OSError), publish.Staging(out, site) as staging:
        staging.add(out / "p" / "proposal.pdf", b"new pdf")
        staging.add(out / "p" / "manual.pdf", b"new manual")
        (staging.site).mkdir()
        (staging.site / "index.html").write_text("new site", encoding="utf-8")
        staging.commit()
    assert files(out) == {"p/proposal.pdf": b"old pdf", publish.MARKER: (out / publish.MARKER).read_bytes()}
    assert files(site) == {"index.html": b"old site"}
    assert leftovers(tmp_path) == []


def test_outputs_honour_the_umask(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = write_tree(tmp_path / "content", MINIMAL)
    old = os.umask(0o027)
    try:
        code, _, err = run(capsys, *build_args(content, tmp_path / "out", tmp_path / "site"))
        schema = main(["schema", "--quiet", "--out", str(tmp_path / "schema")])
    finally:
        os.umask(old)
    assert code == 0 and schema == 0, err
    written = [p for d in ("out", "site", "schema") for p in [tmp_path / d, *(tmp_path / d).rglob("*")]]
    modes = {oct(p.stat().st_mode & 0o777) for p in written if p.is_file()}
    assert modes == {"0o640"}
    assert {oct(p.stat().st_mode & 0o777) for p in written if p.is_dir()} == {"0o750"}


# --- interrupted builds -------------------------------------------------------------------


def leftovers(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob(f"{publish.STAGING}*"))


def workers(pid: int) -> list[int]:
    """The forked workers of process pid: its children running its own command line (not Graphviz)."""
    # From each process's parent, not /proc/PID/task/*/children: the kernel documents that
    # list as unreliable unless the children are stopped, and a missed worker made a test
    # signal the build only as it was ending.
    try:
        own = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return []
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            status = (proc / "status").read_text()
            parent = next(int(ln.split()[1]) for ln in status.splitlines() if ln.startswith("PPid:"))
            if parent == pid and (proc / "cmdline").read_bytes() == own:
                found.append(int(proc.name))
        except (OSError, StopIteration, ValueError):
            continue
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def start_build(content: Path, out: Path, site: Path, *more: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "generator.cli", *build_args(content, out, site, *more)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        start_new_session=True,  # its own process group, as a build started from a terminal
        # and answering Ctrl+C as one does, however the tests were started: a shell gives a
        # command it runs in the background (`make test &`) SIGINT ignored, and so its children.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def wait_for(condition: Callable[[], object], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


@pytest.fixture
def several(tmp_path: Path) -> Iterator[Path]:
    yield several_projects(tmp_path / "content")


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="one core: projects render without workers")
def test_killed_build_takes_its_workers_with_it_and_the_next_build_cleans_up(several: Path, tmp_path: Path) -> None:
    out, site = tmp_path / "out", tmp_path / "site"
    build = start_build(several, out, site)
    wait_for(lambda: len(workers(build.pid)) == 2 and leftovers(out))
    forked = workers(build.pid)
    build.send_signal(signal.SIGKILL)
    build.wait()
    wait_for(lambda: not any(alive(w) for w in forked), seconds=1)  # now, not after their render
    assert leftovers(tmp_path)  # what a killed process cannot clean up
    assert main(build_args(several, out, site)) == 0
    assert leftovers(tmp_path) == []
    assert (out / "second" / "manual.pdf").is_file() and (site / "index.html").is_file()


@pytest.mark.parametrize("group", [False, True], ids=["SIGTERM to the build", "Ctrl+C to its process group"])
def test_terminated_build_cleans_up_and_keeps_the_old_outputs(
    group: bool, several: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, site = tmp_path / "out", tmp_path / "site"
    assert run(capsys, *build_args(several, out, site))[0] == 0
    before_out, before_site = files(out), files(site)
    build = start_build(several, out, site, "--force")  # else up to date: nothing to stop
    many = len(os.sched_getaffinity(0)) > 1  # else projects render without workers
    wait_for(lambda: leftovers(out) and (not many or len(workers(build.pid)) == 2))
    if group:  # a terminal's Ctrl+C reaches the workers too: only the build may answer it
        os.killpg(build.pid, signal.SIGINT)
    else:
        build.send_signal(signal.SIGTERM)
    _, err = build.communicate(timeout=60)
    assert build.returncode == 130, err
    assert "已中断" in err and "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert leftovers(tmp_path) == []
    assert files(out) == before_out and files(site) == before_site


def test_leftovers_are_removed_only_when_their_process_is_gone(tmp_path: Path) -> None:
    gone = subprocess.Popen(["true"])
    gone.wait()
    stale, live, foreign = (tmp_path / f"{publish.STAGING}{name}" for name in ("stale", "live", "foreign"))
    for folder, pid in ((stale, gone.pid), (live, os.getpid())):
        folder.mkdir()
        (folder / "pid").write_text(str(pid), encoding="ascii")
    foreign.mkdir()  # no pid: not one of ours
    assert publish.remove_leftovers([tmp_path]) == [stale]
    assert leftovers(tmp_path) == [foreign, live]


# --- helpers ------------------------------------------------------------------------------


def run_unprivileged(argv: list[str]) -> subprocess.CompletedProcess[str]:
    """The CLI as a user the file modes apply to (root ignores them)."""
    command = [sys.executable, "-m", "generator.cli", *argv]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "HOME": tempfile.gettempdir()}
    if os.geteuid() == 0:
        command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=REPO, timeout=300)
