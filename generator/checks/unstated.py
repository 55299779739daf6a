"""What a tender normally expects but the content leaves unstated.

Each such field is optional, because real after-sales sections leave them out;
the outputs then omit the thing or print 未载明, never a default that reads as a
promise. These warnings name the field, so a bid writer states it or leaves it
out knowingly.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.model.commitments import Commitments
from generator.model.company import Company
from generator.model.content import Content
from generator.model.resolved import ResolvedProject
from generator.reading.diagnostics import Diagnostic
from generator.reading.validation import Loc

Found = Iterator[Diagnostic]


def check_content(content: Content, commitments_at: Loc, company_at: Loc) -> Found:
    yield from check_commitments(content.commitments, commitments_at)
    yield from check_company(content.company, company_at)


def check_commitments(c: Commitments, at: Loc) -> Found:
    """The company's commitments, and again each project's after its overrides."""
    commitments_at = at
    w = c.warranty
    if w.start_event is None:
        yield Diagnostic.warning(
            "质保期的起算事件未载明（warranty.start_event）：招标文件通常要求写明质保期自何时起算，"
            "例如“验收合格”；不写则各文档只印质保期长度，维护手册也无法推算截止日期和巡检日程",
            commitments_at("warranty"),
        )
    for i, level in enumerate(c.response.levels):
        if level.definition is None and not level.criteria:
            yield Diagnostic.warning(
                f"“{level.name}”既没有定义（definition）也没有判定条件（criteria）：文档中将印“未载明”",
                commitments_at("response", "levels", i),
            )


def check_company(company: Company, company_at: Loc) -> Found:
    cp = company.complaint
    if cp is not None:
        if cp.number is None and not cp.channels:
            yield Diagnostic.warning(
                f"“{cp.name}”既没有电话（number）也没有受理方式（channels，例如来电、来函、来人）：用户无从投诉",
                company_at("complaint"),
            )
        if cp.reply_within is None:
            yield Diagnostic.warning(
                f"“{cp.name}”的答复时限未载明（reply_within）：招标文件通常要求承诺接到投诉后多久答复",
                company_at("complaint"),
            )


def check_project(rp: ResolvedProject, content: Content, project_at: Loc, company_at: Loc, staff_at: Loc) -> Found:
    """The project's own people and service point: who the customer will call."""
    people = [p.id for p in content.staff.people]
    team = rp.project.team
    unnamed = [
        f"{duty}（{key}）"
        for key, duty in (("manager", "项目总联系人"), ("contact", "日常服务联系人"))
        if getattr(team, key) is None
    ]
    if people and unnamed:  # with no list at all the team is promised by role: nobody to name
        yield Diagnostic.warning(
            f"本项目没有指定{'和'.join(unnamed)}：文档中不列此人，用户经服务热线联系",
            project_at("staff") if rp.project.staff else project_at(),
        )
    for contact in rp.contacts:
        if contact.person.name is None:
            yield Diagnostic.warning(
                f"本项目的{'、'.join(rp.duties(contact.person))}（{contact.person.id}）没有姓名（name）："
                "文档中将以岗位代称并注明“姓名未载明”",
                project_at("staff"),
                staff_at("people", people.index(contact.person.id)),
            )
    sp = rp.service_point
    missing = [name for name, value in (("地址（address）", sp.address), ("电话（phone）", sp.phone)) if value is None]
    if missing:
        points = [p.id for p in content.company.service_points]
        yield Diagnostic.warning(
            f"本项目的服务网点“{sp.name}”没有{'和'.join(missing)}：用户找不到网点",
            project_at("service_point"),
            company_at("service_points", points.index(sp.id)),
        )
