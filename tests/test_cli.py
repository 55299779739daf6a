"""The aftersales command as a bid writer runs it: exit codes, messages, nothing half-written."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import EXAMPLE, minimal, roles_only
from example_expected import EXAMPLE_FINDINGS

from generator.cli import main
from generator.pipeline import check


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_example_content_checks_with_only_its_expected_warning(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", "--content", str(EXAMPLE))
    assert code == 0, err
    assert "人员 12 · 合作伙伴 20 · 地区 8" in out
    assert "故障等级 4（一级故障、二级故障、三级故障、四级故障）" in out
    assert "项目 3" in out
    # Clause 3.5.1 of yunxi-cdc-network names 青石市, and two projects reach years no holiday
    # notice covers (tests/example_expected.py): warnings, so check passes and --strict fails.
    assert "检查通过：0 个错误，3 个警告" in err
    assert all(message in err for *_, message in EXAMPLE_FINDINGS)
    assert run(capsys, "check", "--content", str(EXAMPLE), "--strict")[0] == 1


def test_example_meets_the_issue_minimums() -> None:
    result = check(EXAMPLE)
    assert result.model is not None and [d.message for d in result.report.items] == [
        message for *_, message in EXAMPLE_FINDINGS
    ]
    c = result.model.content
    assert len(c.staff.people) >= 10
    assert len(c.partners.partners) >= 20
    assert len({r for p in c.partners.partners for r in p.regions}) >= 8
    assert len(c.manufacturers.manufacturers) >= 2
    assert len(c.commitments.response.levels) == 4
    assert any(m.per_area for m in c.commitments.response.measures)
    assert c.training.plans and c.fees.price_lists
    assert {p.project.kind for p in result.model.projects} == {"教育", "医疗卫生", "政务"}


def test_quiet_prints_nothing_when_clean(capsys: pytest.CaptureFixture[str], make_tree: Callable[..., Path]) -> None:
    # The minimal tree: the example has a warning (tests/example_expected.py).
    assert run(capsys, "check", "--content", str(make_tree()), "--quiet") == (0, "", "")


def test_missing_content_dir_is_a_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "check", "--content", str(tmp_path / "nope"))
    assert code == 2 and "内容目录" in err and "不存在" in err


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["frobnicate"])
    assert info.value.code == 2


def test_build_unknown_project_is_a_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(
        capsys,
        "build",
        "--content",
        str(EXAMPLE),
        "--project",
        "nope",
        "--output",
        str(tmp_path / "o"),
        "--site",
        str(tmp_path / "site"),
    )
    assert code == 2 and "未知的项目：nope" in err
    assert not (tmp_path / "o").exists() and not (tmp_path / "site").exists()


def test_build_writes_the_proposal_of_the_chosen_project(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "o"
    code, stdout, err = run(
        capsys,
        "build",
        "--content",
        str(EXAMPLE),
        "--output",
        str(out),
        "--project",
        "qingshi-classroom",
        "--site",
        str(tmp_path / "site"),
    )
    assert code == 0, err
    assert (tmp_path / "site" / "projects" / "qingshi-classroom.html").is_file()
    assert sorted(p.name for p in (out / "qingshi-classroom").iterdir()) == [
        "compliance.xlsx",  # the project lists tender clauses
        "manual.pdf",
        "proposal.docx",
        "proposal.pdf",
        "schedule.ics",
    ]
    assert not (out / "yunxi-cdc-network").exists()
    assert "已写入 5 个文件" in stdout
    # Again, nothing changed: answered from the record with the same summary and warnings,
    # nothing rewritten, and without loading the content's models or any renderer.
    args = ["build", "--content", str(EXAMPLE), "--output", str(out), "--project", "qingshi-classroom"]
    args += ["--site", str(tmp_path / "site")]
    script = (
        f"import sys; from generator.cli import main; code = main({args!r}); print('pydantic' in sys.modules, code)"
    )
    times = {p: p.stat().st_mtime_ns for p in out.rglob("*")}
    again = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert "已写入 0 个文件，5 个文件已是最新" in again.stdout and "服务手册网站已是最新" in again.stdout
    assert again.stdout.rstrip().endswith("False 0")
    assert stdout.splitlines()[0] == again.stdout.splitlines()[0]  # the company's summary line
    assert err.count("warning:") == again.stderr.count("warning:") > 0
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == times


def test_a_shard_is_i_of_n(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "build", "--content", str(EXAMPLE), "--output", str(tmp_path / "o"), "--shard", "3/2")
    assert code == 2 and "--shard 应写作 I/N" in err
    assert not (tmp_path / "o").exists()


def test_failed_build_keeps_the_last_good_files(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, make_tree: Callable[..., Path]
) -> None:
    root = make_tree()
    out = tmp_path / "o"
    site_dir = tmp_path / "site"
    assert (
        run(capsys, "build", "--content", str(root), "--output", str(out), "--site", str(site_dir), "--quiet")[0] == 0
    )
    good = (out / "demo" / "proposal.pdf").read_bytes()
    # A company template that breaks: nothing is replaced, nothing half-written.
    own = tmp_path / "own"
    (own / "proposal").mkdir(parents=True)
    (own / "proposal" / "warranty.xml.j2").write_text(
        "<section title='x'>{{ no_such_variable }}</section>", encoding="utf-8"
    )
    code, _, err = run(
        capsys, "build", "--content", str(root), "--output", str(out), "--site", str(site_dir), "--templates", str(own)
    )
    assert code == 1 and "warranty.xml.j2" in err and "no_such_variable" in err
    assert (out / "demo" / "proposal.pdf").read_bytes() == good
    assert sorted(p.name for p in (out / "demo").iterdir()) == [
        "manual.pdf",
        "proposal.docx",
        "proposal.pdf",
        "schedule.ics",
    ]


TRAPS: dict[str, tuple[str, str, str]] = {
    # name: (file, text, fragment of the message)
    "duplicate key": ("staff.yaml", minimal("staff.yaml") + "roles: []\n", "重复的键“roles”"),
    "alias bomb": (
        "fees.yaml",
        'a: &a ["x","x","x","x","x","x","x","x","x","x"]\n'
        + "".join(f"{c}: &{c} [{', '.join(['*' + p] * 10)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True)),
        "别名炸弹",
    ),
    "python tag": (
        "fees.yaml",
        "in_warranty: !!python/object/apply:os.system ['touch /tmp/pwned']\n",
        "不允许的 YAML 标签",
    ),
    "tab": ("fees.yaml", "in_warranty:\n\t不收费\n", "制表符"),
    "empty": ("fees.yaml", "", "文件为空"),
    "not a mapping": ("fees.yaml", "- 不收费\n", "顶层必须是映射"),
}


@pytest.mark.parametrize("trap", sorted(TRAPS))
def test_each_trap_fails_with_a_location_and_writes_nothing(
    trap: str, make_tree: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name, text, fragment = TRAPS[trap]
    root = make_tree({name: text})
    out_dir, site_dir = tmp_path / "output", tmp_path / "site"
    code, _, err = run(capsys, "build", "--content", str(root), "--output", str(out_dir), "--site", str(site_dir))
    assert code == 1
    assert f"{name}:" in err and fragment in err
    assert "Traceback" not in err
    assert not out_dir.exists() and not site_dir.exists()
    assert not Path("/tmp/pwned").exists()


def test_non_utf8_file_fails_cleanly(make_tree: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    root = make_tree()
    (root / "fees.yaml").write_bytes("in_warranty: 质保期内不收费\n".encode("gbk"))
    code, _, err = run(capsys, "check", "--content", str(root))
    assert code == 1 and "fees.yaml:1:" in err and "UTF-8" in err


def test_strict_turns_warnings_into_failure(make_tree: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    root = make_tree({"prose.yaml": "blocks:\n  - id: x\n    title: 未用\n    body: 正文\n"})
    assert run(capsys, "check", "--content", str(root))[0] == 0
    code, _, err = run(capsys, "check", "--content", str(root), "--strict")
    assert code == 1 and "warning: 文本块“未用”没有被任何项目的 sections 使用" in err


def test_schema_command_writes_json_schema_for_every_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, _ = run(capsys, "schema", "--out", str(tmp_path))
    assert code == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert "project.schema.json" in names and "commitments.schema.json" in names and len(names) == 10
    assert "holidays.schema.json" in names
    project = json.loads((tmp_path / "project.schema.json").read_text(encoding="utf-8"))
    assert project["additionalProperties"] is False
    assert project["properties"]["tender_number"]["description"] == "招标编号"
    commitments = json.loads((tmp_path / "commitments.schema.json").read_text(encoding="utf-8"))
    level = commitments["$defs"]["SeverityLevel"]
    assert level["additionalProperties"] is False and "targets" in level["required"]


def test_new_project_writes_a_file_that_validates(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(EXAMPLE, content)
    code, out, err = run(capsys, "new-project", "baisha-hospital", "--content", str(content))
    assert code == 0, err
    path = content / "projects" / "baisha-hospital.yaml"
    assert path.exists() and str(path) in out
    result = check(content)
    assert not result.report.errors, result.report.format()
    assert result.model is not None and "baisha-hospital" in {p.id for p in result.model.projects}
    # never overwrites
    before = path.read_bytes()
    assert run(capsys, "new-project", "baisha-hospital", "--content", str(content))[0] == 2
    assert path.read_bytes() == before


def test_new_project_rejects_bad_ids(capsys: pytest.CaptureFixture[str], make_tree: Callable[..., Path]) -> None:
    code, _, err = run(capsys, "new-project", "Bad Name", "--content", str(make_tree()))
    assert code == 2 and "项目标识“Bad Name”无效" in err
    code, _, err = run(capsys, "new-project", "a" * 300, "--content", str(make_tree()))
    assert code == 2 and "有 300 个字符，最多 64 个" in err


def test_a_team_by_role_alone_checks_and_gets_new_projects(
    capsys: pytest.CaptureFixture[str], make_tree: Callable[..., Path]
) -> None:
    content = make_tree(roles_only())
    code, out, err = run(capsys, "check", "--content", str(content))
    assert code == 0, err
    # 项目经理 1, 驻场工程师 2, 后备工程师 with no number: the sum is not known, so not printed
    assert "岗位 3 · 人员 0 · 合作伙伴 1" in out
    code, out, err = run(capsys, "new-project", "second", "--content", str(content))
    assert code == 0, err
    text = (content / "projects" / "second.yaml").read_text(encoding="utf-8")
    assert "\nstaff:" not in text and "# staff:" in text  # nobody to name: the key is left out
    assert not check(content).report.errors


def test_the_summary_counts_the_team_promised(capsys: pytest.CaptureFixture[str]) -> None:
    # content/staff.yaml: 服务总监 1, 客服经理 (1 named), 售后工程师 8, 技术专家 2, 回访专员 (1), 备件管理员 (1)
    code, out, err = run(capsys, "check", "--content", str(EXAMPLE))
    assert code == 0, err
    assert "岗位 6（承诺 14 人） · 人员 12 · " in out


@pytest.mark.parametrize(
    ("fragment", "replacement", "message"),
    [
        ("acceptance_date: 2026-05-20", "acceptance_date: 9999-12-31", "demo.yaml:"),
        ("acceptance_date: 2026-05-20", "acceptance_date: 2199-12-01", "超出可写的最后日期"),
    ],
)
def test_dates_past_the_calendar_are_content_errors_with_a_place(
    capsys: pytest.CaptureFixture[str], make_tree: Callable[..., Path], fragment: str, replacement: str, message: str
) -> None:
    project = minimal("projects/demo.yaml").replace(fragment, replacement)
    code, _, err = run(capsys, "check", "--content", str(make_tree({"projects/demo.yaml": project})))
    assert code == 1 and message in err and "缺陷" not in err


def test_new_project_uses_a_company_template_override(
    capsys: pytest.CaptureFixture[str], make_tree: Callable[..., Path], tmp_path: Path
) -> None:
    root = make_tree()
    own = tmp_path / "own-templates"
    own.mkdir()
    (own / "project.yaml.j2").write_text(
        minimal("projects/demo.yaml").replace("示例项目", "本公司模板项目"), encoding="utf-8"
    )
    code, _, err = run(capsys, "new-project", "mine", "--content", str(root), "--templates", str(own))
    assert code == 0, err
    assert "本公司模板项目" in (root / "projects" / "mine.yaml").read_text(encoding="utf-8")


def test_console_script_help_runs() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "generator.cli", "--help"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0 and "aftersales check" in proc.stdout


def test_internal_error_is_one_line_not_a_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(_: Path) -> None:
        raise RuntimeError("simulated bug")

    monkeypatch.delenv("AFTERSALES_DEBUG", raising=False)
    monkeypatch.setattr("generator.pipeline.check", boom)
    code, _, err = run(capsys, "check", "--content", str(EXAMPLE))
    assert code == 3 and "internal error: RuntimeError: simulated bug" in err and "Traceback" not in err


def test_serve_previews_and_rebuilds_on_change(tmp_path: Path, make_tree: Callable[..., Path]) -> None:
    import socket
    import time
    import urllib.request

    root = make_tree()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "generator.cli",
            "serve",
            "--content",
            str(root),
            "--site",
            str(tmp_path / "site"),
            "--port",
            str(port),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )

    def fetch() -> str | None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/index.html", timeout=2) as r:
                return str(r.read().decode("utf-8"))
        except OSError:
            return None

    def wait_for(predicate: Callable[[str], bool]) -> str:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            page = fetch()
            if page is not None and predicate(page):
                return page
            time.sleep(0.5)
        raise AssertionError("serve did not show the expected page")

    try:
        wait_for(lambda p: "测试科技" in p)
        company = root / "company.yaml"
        company.write_text(
            company.read_text(encoding="utf-8").replace("short_name: 测试科技", "short_name: 改名科技"),
            encoding="utf-8",
        )
        wait_for(lambda p: "改名科技" in p)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


# --- aftersales compliance ----------------------------------------------------------

YUNXI = EXAMPLE / "projects" / "yunxi-cdc-network.yaml"


def _line_of(path: Path, fragment: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if fragment in line)


def test_compliance_json_lists_every_clause_with_its_locations(capsys: pytest.CaptureFixture[str]) -> None:
    import re

    _, out, _ = run(capsys, "compliance", "yunxi-cdc-network", "--content", str(EXAMPLE), "--format", "json")
    data = json.loads(out)
    assert data["project"] == "yunxi-cdc-network"
    clauses = data["clauses"]
    assert len(clauses) == 14
    assert [c["number"] for c in clauses] == list(range(1, 15))
    for c in clauses:
        m = re.fullmatch(r".*projects[/\\]yunxi-cdc-network\.yaml:(\d+)", c["clause_at"] or "")
        assert m, c
        assert int(m.group(1)) == _line_of(YUNXI, f"clause: {c['clause']}")
        assert c["deviation"] in ("正偏离", "无偏离")
        if c["automatic"]:
            assert c["promise_at"] and re.fullmatch(r".+\.yaml:\d+", c["promise_at"]), c
        else:
            assert c["promise_at"] is None
    first = clauses[0]
    assert (first["clause"], first["marker"]) == ("3.2.1", "★")
    assert re.fullmatch(r".*commitments\.yaml:\d+", first["promise_at"])
    assert any(c["deviation"] == "正偏离" for c in clauses)


def test_compliance_on_the_clean_example_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "compliance", "yunxi-cdc-network", "--content", str(EXAMPLE), "--format", "json")
    assert code == 0, err


def test_compliance_table(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "240")  # rich folds long cells at the default 80 columns
    _, out, _ = run(capsys, "compliance", "yunxi-cdc-network", "--content", str(EXAMPLE))
    assert "商务条款偏离表" in out
    assert "云溪县疾病预防控制中心" in out
    assert "正偏离" in out and "负偏离" not in out
    assert "3.2.1" in out and "★" in out


def test_compliance_unknown_project_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "compliance", "nope", "--content", str(EXAMPLE))
    assert code == 2
    assert "nope" in err and "yunxi-cdc-network" in err  # says which projects exist
    assert "商务条款偏离表" not in out


def test_compliance_star_clause_not_met_fails_but_prints_the_table(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("COLUMNS", "240")
    content = tmp_path / "content"
    shutil.copytree(EXAMPLE, content)
    path = content / "projects" / "yunxi-cdc-network.yaml"
    warranty = "check: {metric: 质保期, comparator: ≥, threshold: 3年}"
    text = path.read_text(encoding="utf-8")
    assert text.count(warranty) == 1
    path.write_text(text.replace(warranty, warranty.replace("3年", "5年")), encoding="utf-8")

    code, out, err = run(capsys, "compliance", "yunxi-cdc-network", "--content", str(content))
    assert code == 1
    assert "商务条款偏离表" in out and "负偏离" in out
    assert "yunxi-cdc-network.yaml:" in err and "3.2.1" in err and "commitments.yaml:" in err

    code, out, _ = run(capsys, "compliance", "yunxi-cdc-network", "--content", str(content), "--format", "json")
    assert code == 1
    first = json.loads(out)["clauses"][0]
    assert first["clause"] == "3.2.1" and first["deviation"] == "负偏离"
