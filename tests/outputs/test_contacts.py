"""The project's people read the same in every output: one rule for whose phone prints
(ResolvedProject.phone) and one for a person without a name (Index.who).

The documents handed to the project's customer (proposal, manual) print the phones of the
project's own people; the public handbook site prints a phone only where the content marks it
contact_public, and 经服务热线转接 otherwise. Expectations are written by hand from the content."""

from __future__ import annotations

from pathlib import Path

from conftest import MINIMAL, minimal, write_tree
from extract import docx_text, flat, pdf_text, site_text, table_rows

from generator.pipeline import build

PROJECT = "yunxi-cdc-network"
# staff.yaml p04: 许清和, 网络工程师, phone 138-0000-0004, contact_public not set (false);
# yunxi-cdc-network.yaml: staff.contact p04, also among its engineers [p03, p04, p06].
NAME, PHONE, DUTIES = "许清和", "138-0000-0004", "日常服务联系人、服务工程师"
VIA_HOTLINE = "经服务热线转接"


# --- the example: the daily contact of yunxi-cdc-network -----------------------------


def test_daily_contact_phone_in_the_proposal(built: Path) -> None:
    text = docx_text(built / PROJECT / "proposal.docx")
    # 本项目人员: each person with all their duties and phone
    assert f"{DUTIES} {NAME}（{PHONE}）" in text
    # the staff table: his row ends with the phone, before the next row's 序号
    lines = [line for line in text.splitlines() if line]
    at = lines.index(NAME)
    row = lines[at : next(i for i in range(at, len(lines)) if lines[i].isdigit())]
    assert row[-1] == PHONE and DUTIES in row[-2], row
    assert f"{DUTIES}{NAME}（{PHONE}）" in flat(pdf_text(built / PROJECT / "proposal.pdf"))


def test_daily_contact_phone_in_the_manual(built: Path) -> None:
    text = flat(pdf_text(built / PROJECT / "manual.pdf"))
    # 表2 本项目服务人员: 职责, 姓名, 职务, 电话, 电子邮箱 (he has none: —)
    assert f"{DUTIES}{NAME}网络工程师{PHONE}—" in text


def test_daily_contact_on_the_public_project_page(built: Path) -> None:
    page = (built.parent / "site" / "projects" / f"{PROJECT}.html").read_text(encoding="utf-8")
    rows = [r for r in table_rows(page) if NAME in r]
    assert rows == [[DUTIES, NAME, VIA_HOTLINE]]
    assert PHONE not in page
    # his public colleagues keep their numbers: 周启航 (p02) and 苏以安 (p11) are contact_public
    assert ["项目总联系人", "周启航", "138-0000-0002"] in table_rows(page)
    assert ["回访专员", "苏以安", "138-0000-0011"] in table_rows(page)


def test_daily_contact_phone_nowhere_on_the_site(built: Path) -> None:
    assert PHONE not in site_text(built.parent / "site")


# --- a person without a name, in every output ----------------------------------------------


def test_unnamed_contact_reads_as_the_role_everywhere(tmp_path: Path) -> None:
    """p2, the daily contact, has no name: 工程师（姓名未载明）, the role of p2 marked so, with the
    phone in the documents handed to the customer and 经服务热线转接 on the public site."""
    staff = minimal("staff.yaml").replace("    name: 乙工\n", "")
    assert "乙工" not in staff
    content = write_tree(tmp_path / "content", {**MINIMAL, "staff.yaml": staff})
    out = tmp_path / "output"
    result = build(content, out, site_dir=tmp_path / "site")
    assert result.error is None and result.written, result.error or result.report.format()

    docx = docx_text(out / "demo" / "proposal.docx")
    assert "日常服务联系人 工程师（姓名未载明）（138-0000-0002）" in docx
    assert "工程师（姓名未载明）" in docx.splitlines()  # the staff table's name cell
    assert "日常服务联系人工程师（姓名未载明）（138-0000-0002）" in flat(pdf_text(out / "demo" / "proposal.pdf"))

    manual = flat(pdf_text(out / "demo" / "manual.pdf"))
    assert "日常服务联系人工程师（姓名未载明）—138-0000-0002—" in manual  # 职责 姓名 职务 电话 邮箱

    page = (tmp_path / "site" / "projects" / "demo.html").read_text(encoding="utf-8")
    assert ["日常服务联系人", "工程师（姓名未载明）", VIA_HOTLINE] in table_rows(page)
    team = (tmp_path / "site" / "team.html").read_text(encoding="utf-8")
    assert any(r[:1] == ["工程师（姓名未载明）"] for r in table_rows(team))

    for name, text in (("proposal", docx), ("manual", manual), ("site", site_text(tmp_path / "site"))):
        assert "p2" not in text, name  # the id never stands in for a name
