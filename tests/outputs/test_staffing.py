"""The role table (岗位、人数、职责、任职要求) in the proposal, the manual and the handbook's
team page, from the one model (model.resolved.staffing); and a team promised by role alone,
which builds every output without naming or inventing a contact. Expectations are written
by hand from the content."""

from __future__ import annotations

import re
from pathlib import Path

import conftest
import pytest
from conftest import write_tree
from extract import docx_text, flat, pdf_text, site_text, table_rows

from generator.pipeline import build

PROJECT = "qingshi-classroom"
# content/staff.yaml, role director (服务总监): headcount 1, no tier, its duties and requirements.
DIRECTOR_DUTIES = "统筹售后服务资源；重大故障现场指挥；服务质量考核"
DIRECTOR_REQUIRES = (
    "本科及以上学历；10年以上IT 服务管理经验、5年以上团队管理经验；持有信息系统项目管理师证书；"
    "熟悉 ITIL 服务管理流程与重大故障处置"
)
# role engineer (售后工程师): headcount 8 (five named), 二线.
ENGINEER_REQUIRES = "大专及以上学历；3年以上网络或系统运维经验；能独立完成设备安装调试与常见故障排除"


# --- the example -------------------------------------------------------------------------------


def test_the_proposal_has_the_role_table_with_requirements(built: Path) -> None:
    docx = flat(docx_text(built / PROJECT / "proposal.docx"))
    assert flat("岗位 支持层级 人数 岗位职责 任职要求") in docx
    assert flat(f"服务总监 — 1 {DIRECTOR_DUTIES} {DIRECTOR_REQUIRES}") in docx
    assert flat(f"售后工程师 二线 8 现场故障处理；巡检与设备保养；用户现场培训 {ENGINEER_REQUIRES}") in docx
    assert flat("回访专员 一线 1 服务后回访；满意度调查；回访记录整理 —") in docx  # no requirements: —
    # and, where people are named, the named people as before
    assert "服务人员名单" in docx and "本项目人员：项目总联系人周启航（138-0000-0002）" in docx
    pdf = flat(pdf_text(built / PROJECT / "proposal.pdf"))
    assert flat(DIRECTOR_REQUIRES) in pdf and flat(ENGINEER_REQUIRES) in pdf


def test_the_manual_has_the_role_table_after_the_projects_people(built: Path) -> None:
    manual = flat(pdf_text(built / PROJECT / "manual.pdf"))
    people, team = manual.index("表2本项目服务人员"), manual.index("表3服务团队")
    assert people < team
    assert flat(f"服务总监 1 {DIRECTOR_DUTIES} {DIRECTOR_REQUIRES}") in manual[team:]
    assert flat(f"售后工程师 8 现场故障处理；巡检与设备保养；用户现场培训 {ENGINEER_REQUIRES}") in manual[team:]


def test_the_team_page_has_the_role_table(built: Path) -> None:
    page = (built.parent / "site" / "team.html").read_text(encoding="utf-8")
    rows = table_rows(page)
    assert ["岗位", "支持层级", "人数", "岗位职责", "任职要求"] in rows
    assert ["服务总监", "—", "1", DIRECTOR_DUTIES, DIRECTOR_REQUIRES] in rows
    assert ["售后工程师", "二线", "8", "现场故障处理；巡检与设备保养；用户现场培训", ENGINEER_REQUIRES] in rows
    assert ["备件管理员", "—", "1", "备件与备机出入库；库存核查与补充；应急物资准备", "—"] in rows
    assert any(r[:2] == ["林晓舟", "服务总监"] for r in rows)  # the people table stays


# --- a team promised by role alone -----------------------------------------------------------------

# conftest.ROLES_ONLY_STAFF: 项目经理 (headcount 1, requirements), 驻场工程师 (2), 后备工程师 (no number).
PM_REQUIRES = (
    "本科及以上学历；5年以上IT 服务管理经验、3年以上团队管理经验；持有ITIL Foundation证书；熟悉服务台与事件管理流程"
)
# The minimal tree's people, whose names and numbers must not appear once they are gone.
GONE = ("甲工", "乙工", "138-0000-0001", "138-0000-0002")


@pytest.fixture(scope="module")
def roles_only(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal tree with a team by role, built: output/ and site/ under the returned folder."""
    root = tmp_path_factory.mktemp("roles-only")
    content = write_tree(root / "content", conftest.roles_only())
    result = build(content, root / "output", site_dir=root / "site")
    assert result.error is None and result.written, result.error or result.report.format()
    assert result.report.errors == []
    return root


def test_by_role_the_proposal_shows_the_roles_and_names_nobody(roles_only: Path) -> None:
    docx = docx_text(roles_only / "output" / "demo" / "proposal.docx")
    text = flat(docx)
    assert "本项目服务网点：总部。" in text
    assert flat(f"项目经理 一线 1 项目总体协调 {PM_REQUIRES}") in text
    assert flat("驻场工程师 二线 2 驻场运维 —") in text
    assert flat("后备工程师 — 未载明 — —") in text  # neither a headcount nor a name: not stated
    for invented in ("本项目人员：", "服务人员名单", "项目总联系人", "日常服务联系人", "姓名未载明"):
        assert invented not in text, invented
    assert flat(PM_REQUIRES) in flat(pdf_text(roles_only / "output" / "demo" / "proposal.pdf"))


def test_by_role_the_manual_sends_the_reader_to_the_hotline(roles_only: Path) -> None:
    manual = flat(pdf_text(roles_only / "output" / "demo" / "manual.pdf"))
    assert "本项目服务人员姓名未载明，请通过服务热线联系。" in manual
    assert "表2服务团队" in manual and "本项目服务人员职责" not in manual  # no empty people table
    assert flat(f"项目经理 1 项目总体协调 {PM_REQUIRES}") in manual
    assert "项目总联系人" not in manual  # not on the cover either


def test_by_role_the_site_shows_the_roles_and_no_people(roles_only: Path) -> None:
    site = roles_only / "site"
    team = (site / "team.html").read_text(encoding="utf-8")
    rows = table_rows(team)
    assert ["项目经理", "一线", "1", "项目总体协调", PM_REQUIRES] in rows
    assert ["后备工程师", "—", "未载明", "—", "—"] in rows
    assert "服务人员" not in [r for r in re.findall(r"<h2[^>]*>(.*?)<", team)]
    assert "下表中没有公开电话的人员" not in team
    project = table_rows((site / "projects" / "demo.html").read_text(encoding="utf-8"))
    assert [r[0] for r in project if r[1:2] == ["—"]] == ["客服热线"]  # the contacts table: the hotline only


def test_by_role_no_output_names_anyone(roles_only: Path) -> None:
    out = roles_only / "output" / "demo"
    texts = {
        "proposal": docx_text(out / "proposal.docx"),
        "manual": pdf_text(out / "manual.pdf"),
        "site": site_text(roles_only / "site"),
    }
    for name, text in texts.items():
        for word in GONE:
            assert word not in text, (name, word)
