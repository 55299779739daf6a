"""Small content trees built in tmp_path, so each test states exactly what it needs."""

from __future__ import annotations

import os
import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "content"
SEEDS = Path(__file__).resolve().parent / "seeds"

MINIMAL: dict[str, str] = {
    "company.yaml": """
        name: 示例测试科技有限公司
        short_name: 测试科技
        philosophy: 用户至上
        hotlines:
          - id: service
            name: 客服热线
            number: 400-000-0000
            hours: 7×24
        complaint:
          name: 投诉电话
          number: 0000-8000-0009
          reply_within: 2小时
        zones:
          - id: city
            name: 市区
          - id: far
            name: 其他地区
        regions:
          - id: alpha
            name: 甲市
            zone: city
          - id: beta
            name: 乙县
            zone: far
        service_points:
          - id: hq
            name: 总部
            address: 甲市一号路 1 号
            city: 甲市
            region: alpha
            phone: 0000-8000-0001
        handbook_url: https://service.test.example.cn
    """,
    "commitments.yaml": """
        objectives:
          goal: 让设备稳定运行。
        warranty:
          period: 3年
          start_event: 验收合格
        response:
          measures:
            - id: phone
              name: 电话响应
              kind: 电话响应
            - id: arrival
              name: 到达现场
              kind: 到达现场
              per_area: true
          levels:
            - id: l1
              name: 一级故障
              definition: 系统瘫痪。
              targets:
                phone: 10分钟
                arrival: {city: 1小时, far: 4小时}
            - id: l2
              name: 二级故障
              definition: 部分中断。
              targets:
                phone: 30分钟
                arrival: {city: 2小时, far: 8小时}
        process:
          steps:
            - id: receive
              name: 受理
              actor: 客服中心
              action: 登记服务单
        maintenance:
          inspections:
            - id: quarterly
              name: 季度巡检
              frequency: 每季度
              mode: 现场
        spare_parts:
          policy: [常备备件]
        emergency:
          groups:
            - id: lead
              name: 应急领导小组
              leader: p1
              duties: [统一指挥]
    """,
    "staff.yaml": """
        roles:
          - id: engineer
            name: 工程师
        people:
          - id: p1
            name: 甲工
            role: engineer
            phone: 138-0000-0001
          - id: p2
            name: 乙工
            role: engineer
            phone: 138-0000-0002
        duty_rota:
          shifts:
            - name: 全天
              days: 每天
              time: 0:00-24:00
              people: [p1]
    """,
    "partners.yaml": """
        partners:
          - id: beta-partner
            name: 乙县示例服务部
            category: 系统集成联盟
            address: 乙县三号路 3 号
            city: 乙县
            regions: [beta]
    """,
    "fees.yaml": """
        in_warranty: 质保期内不收费。
    """,
    "projects/demo.yaml": """
        name: 示例项目
        tender_number: T-001
        purchaser:
          name: 示例采购人
        site:
          address: 甲市二号路 2 号
          region: alpha
        bid_date: 2026-03-01
        signatory:
          representative: 丙某
        staff:
          manager: p1
          contact: p2
        service_point: hq
        acceptance_date: 2026-05-20
    """,
}


# A company holidays.yaml for a made-up 2031 (tests/dates, tests/model): 元旦 2031 on Wednesday 01-01, 劳动节 Thursday 05-01 to Monday 05-05, worked for on
# Saturdays 04-26 and 05-10.
HOLIDAYS_2031 = """
years:
  - year: 2031
    notice: 示例通知（虚构）
    breaks:
      - name: 元旦
        first: 2031-01-01
        last: 2031-01-01
      - name: 劳动节
        first: 2031-05-01
        last: 2031-05-05
    working_days: [2031-04-26, 2031-05-10]
"""


def write_tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


@pytest.fixture
def make_tree(tmp_path: Path) -> Callable[..., Path]:
    """make_tree(**overrides): the minimal tree with some files replaced (None deletes)."""

    def make(files: dict[str, str | None] | None = None) -> Path:
        root = tmp_path / "content"
        merged = {**MINIMAL, **(files or {})}
        write_tree(root, {k: v for k, v in merged.items() if v is not None})
        return root

    return make


def minimal(name: str) -> str:
    """One file of the minimal tree, dedented, for tests that edit it."""
    return textwrap.dedent(MINIMAL[name]).lstrip("\n")


def staff_able_to_train(*people: str) -> str:
    """The minimal staff.yaml with these people marked can_train."""
    staff = minimal("staff.yaml")
    for pid in people:
        assert f"  - id: {pid}\n" in staff, pid
        staff = staff.replace(f"  - id: {pid}\n", f"  - id: {pid}\n    can_train: true\n")
    return staff


ROLES_ONLY_STAFF = """
roles:
  - id: pm
    name: 项目经理
    tier: 一线
    headcount: 1
    duties: [项目总体协调]
    requirements:
      education: 本科
      experience:
        - {what: IT 服务管理, years: 5}
        - {what: 团队管理, years: 3}
      certificates: [ITIL Foundation]
      skills: [熟悉服务台与事件管理流程]
  - id: onsite
    name: 驻场工程师
    tier: 二线
    headcount: 2
    duties: [驻场运维]
  - id: backup
    name: 后备工程师
duty_rota:
  description: 实行值班制度。
"""


def roles_only() -> dict[str, str]:
    """The minimal tree's files for a team promised by role alone: staff.yaml without people,
    so no emergency group leader and no project staff either."""
    commitments = minimal("commitments.yaml").replace("      leader: p1\n", "")
    project = minimal("projects/demo.yaml").replace("staff:\n  manager: p1\n  contact: p2\n", "")
    assert "p1" not in commitments and "staff" not in project
    return {**MINIMAL, "staff.yaml": ROLES_ONLY_STAFF, "commitments.yaml": commitments, "projects/demo.yaml": project}


@pytest.fixture(scope="session")
def example_model():  # type: ignore[no-untyped-def]
    from generator.pipeline import check

    result = check(EXAMPLE)
    assert result.model is not None, result.report.format()
    return result.model


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The example built once into a temp folder: output/<project>/proposal.docx etc. (the
    fixture's value) and site/ beside it (built.parent / "site")."""
    from generator.pipeline import build

    out = tmp_path_factory.mktemp("built") / "output"
    result = build(EXAMPLE, out, site_dir=out.parent / "site")
    assert result.error is None and result.written, result.error or result.report.format()
    return out


# --- tools from Debian: run, or fail under CI -----------------------------------------


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "needs(*commands): the test runs these programs (installed by `make test`)")


def missing_commands(commands: tuple[str, ...]) -> list[str]:
    return [c for c in commands if shutil.which(c) is None]


def pytest_runtest_setup(item: pytest.Item) -> None:
    """A test marked needs("soffice") skips on a developer's machine without LibreOffice,
    but fails under CI: there set-up must have installed it, and a skip would hide that."""
    for mark in item.iter_markers("needs"):
        missing = missing_commands(mark.args)
        if not missing:
            continue
        if os.environ.get("CI"):
            pytest.fail(f"CI: {', '.join(missing)} not installed; `make test` must install it", pytrace=False)
        pytest.skip(f"needs {', '.join(missing)} (installed by `make test`)")


# --- no test writes inside the checkout -------------------------------------------------

# Caches the tools write, and git's own bookkeeping; everything else, ignored
# folders like site/ and output/ included, must be as it was before the run.
UNGUARDED = {".venv", ".git", ".pytest_cache", ".mypy_cache", ".ruff_cache", "__pycache__"}


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """Every file and folder below root (but the unguarded ones): path → (size, mtime)."""
    found: dict[str, tuple[int, int]] = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in UNGUARDED]
        for name in [*dirs, *files]:
            path = Path(folder, name)
            st = path.lstat()
            found[str(path.relative_to(root))] = (st.st_size if name in files else 0, st.st_mtime_ns)
    return found


def changes(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]) -> list[str]:
    created = [f"created {p}" for p in sorted(after.keys() - before.keys())]
    deleted = [f"deleted {p}" for p in sorted(before.keys() - after.keys())]
    modified = [f"modified {p}" for p in sorted(before.keys() & after.keys()) if before[p] != after[p]]
    return created + deleted + modified


_BEFORE: dict[str, tuple[int, int]] = {}


def pytest_sessionstart(session: pytest.Session) -> None:
    _BEFORE.update(snapshot(REPO))


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    found = changes(_BEFORE, snapshot(REPO))
    if found:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        lines = ["the tests changed the checkout (build into tmp_path instead):", *found[:40]]
        if reporter is not None:
            reporter.write_line("\n".join(lines), red=True, bold=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


UNGRADED = """\
  blanket:
    - measure: phone
      within: 30分钟
    - measure: arrival
      within: {city: 2小时, far: 6小时}
"""


def ungraded_commitments() -> str:
    """The minimal commitments.yaml with its two levels replaced by limits for every fault
    (a section that grades no faults, issue 14)."""
    text = minimal("commitments.yaml")
    start = text.index("  levels:\n")
    end = text.index("\n", text.index("arrival: {city: 2小时, far: 8小时}")) + 1
    return text[:start] + UNGRADED + text[end:]
