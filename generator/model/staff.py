"""staff.yaml: roles with what they require, people, the duty rota. Everything else
refers to people by id. A team may be promised by role alone (headcount and
requirements, nobody named): then no output names or invents a contact."""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from generator.model.common import Code, DayKind, Frozen, LinesField, Text, Texts, Tier
from generator.model.sources import sourced, sources_of
from generator.model.values import Email, Id, Phone, TimeWindowField


class Education(StrEnum):
    """学历, from the lowest a tender asks for to the highest: the order is the comparison."""

    SECONDARY = "中专"
    COLLEGE = "大专"
    BACHELOR = "本科"
    MASTER = "硕士"
    DOCTOR = "博士"

    @property
    def rank(self) -> int:
        return list(Education).index(self)


# How else people write a level: each points to the one value to write.
_EDUCATION_HINTS = {
    "专科": "大专",
    "高职": "大专",
    "大学专科": "大专",
    "大学本科": "本科",
    "学士": "本科",
    "研究生": "硕士",
    "硕士研究生": "硕士",
    "博士研究生": "博士",
    "中职": "中专",
    "技校": "中专",
}
EDUCATION_LEVELS = "、".join(e.value for e in Education)


def _education(text: str) -> str:
    """One of the levels, kept as the text written (so it remembers where it was written)."""
    if text in {e.value for e in Education}:
        return text
    bare = re.sub(r"(及以上|以上)?(学历)?$", "", unicodedata.normalize("NFKC", text).replace(" ", ""))
    if bare in {e.value for e in Education}:
        hint = f"，写“{bare}”即可（任职要求中的“及以上学历”由文档补出）"
    elif bare in _EDUCATION_HINTS:
        hint = f"，是否想写“{_EDUCATION_HINTS[bare]}”？"
    else:
        hint = ""
    raise PydanticCustomError(
        "aftersales", "{message}", {"message": f"“{text}”不是可选的学历：应为 {EDUCATION_LEVELS}{hint}"}
    )


EducationField = Annotated[
    str,
    AfterValidator(_education),
    WithJsonSchema({"type": "string", "enum": [e.value for e in Education]}),
]
"""A level of Education, written as its value (中专、大专、本科、硕士、博士)."""


def education(text: str) -> Education:
    """The level an EducationField holds."""
    return Education(str(text))


class Experience(Frozen):
    what: Text = Field(description="什么经验，例如“IT 服务管理”“团队管理”“相关工作”；印作“5年以上IT 服务管理经验”")
    years: int = Field(ge=1, le=60, description="不少于多少年")

    def zh(self) -> str:
        """ "5年以上IT 服务管理经验"."""
        return sourced(f"{self.years}年以上{self.what}经验", sources_of(self.years, self.what))


class Requirements(Frozen):
    """What a role requires of whoever fills it (任职要求), as a tender states it."""

    education: EducationField | None = Field(
        default=None, description=f"最低学历：{EDUCATION_LEVELS} 之一；印作“本科及以上学历”"
    )
    experience: tuple[Experience, ...] = Field(
        default=(), description="经验要求，每项写内容和年限，例如 {what: IT 服务管理, years: 5}"
    )
    certificates: Texts = Field(
        default=(), description="须持有的证书，例如“ITIL 4 Foundation”；人员的证书名称含有它即算持有"
    )
    skills: Texts = Field(default=(), description="其他能力要求，照写印出，例如“熟悉主流网络设备的配置与排障”")

    @property
    def most_years(self) -> Experience | None:
        """The experience figure asking the most years (the first such): what a person's
        years_experience is checked against."""
        return max(self.experience, key=lambda e: e.years, default=None)

    def parts_zh(self) -> tuple[str, ...]:
        """Each requirement as every output prints it, in this order: "本科及以上学历",
        "5年以上IT 服务管理经验、3年以上团队管理经验", "持有ITIL 4 Foundation证书", then the
        skills as written. Joined with "；" by zh()."""
        out: list[str] = []
        if self.education is not None:
            words = "学历" if education(self.education) is Education.DOCTOR else "及以上学历"
            out.append(sourced(f"{self.education}{words}", sources_of(self.education)))
        if self.experience:
            figures = [e.zh() for e in self.experience]
            out.append(sourced("、".join(figures), sources_of(*figures)))
        if self.certificates:
            names = "、".join(self.certificates)
            suffix = "" if self.certificates[-1].endswith(("证书", "证")) else "证书"
            out.append(sourced(f"持有{names}{suffix}", sources_of(*self.certificates)))
        out.extend(self.skills)
        return tuple(out)

    def zh(self) -> str:
        """The requirements in one text: "本科及以上学历；5年以上IT 服务管理经验；…"."""
        parts = self.parts_zh()
        return sourced("；".join(parts), sources_of(*parts))


class Role(Frozen):
    id: Id = Field(description="岗位标识")
    name: Text = Field(description="岗位名称，例如“售后工程师”")
    tier: Tier | None = Field(default=None, description="所在支持层级")
    duties: Texts = Field(default=(), description="岗位职责")
    headcount: int | None = Field(
        default=None, ge=1, description="承诺配备的人数（含未列名人员）；不写按名单计，名单也没有时为未载明"
    )
    requirements: Requirements | None = Field(
        default=None, description="任职要求：最低学历、经验年限、证书、能力；名单中的人员会与之核对"
    )


class Person(Frozen):
    id: Id = Field(description="人员标识，其他文件用它引用此人")
    name: Text | None = Field(default=None, description="姓名；招标时尚未确定人选的可不写，文档中以岗位代称")
    role: Id = Field(description="岗位（roles 中的标识）")
    title: Text | None = Field(default=None, description="职务，例如“客服经理”")
    phone: Phone | None = Field(default=None, description="手机或电话")
    email: Email | None = Field(default=None, description="电子邮箱")
    contact_public: bool = Field(default=False, description="联系方式是否可以对外公开（服务手册网站）")
    education: EducationField | None = Field(default=None, description=f"学历：{EDUCATION_LEVELS} 之一")
    major: Text | None = Field(default=None, description="专业")
    years_experience: int | None = Field(default=None, ge=0, le=60, description="从业年限")
    certificates: Texts = Field(default=(), description="资格证书")
    duties: Texts = Field(default=(), description="本人职责（补充岗位职责）")
    can_train: bool = Field(default=False, description="能否担任培训讲师")
    service_point: Id | None = Field(default=None, description="常驻网点（service_points 中的标识）")
    lines: LinesField = Field(
        default=(), description="专长的产品线或厂商（标识）：不写表示不限；培训讲师名单只保留与项目相符的人"
    )
    internal_note: Text | None = Field(default=None, description="内部备注：不会出现在任何对外文档中")


class Shift(Frozen):
    name: Text = Field(description="班次，例如“白班”“夜班”")
    days: DayKind = Field(description="适用的日子")
    time: TimeWindowField = Field(description="时间段，跨夜写 18:00-8:30")
    people: tuple[Id, ...] = Field(min_length=1, description="值班人员（people 中的标识）")


class DutyRota(Frozen):
    description: Text | None = Field(default=None, description="值班制度说明")
    promise: Code | None = Field(default=None, description="值班承诺，例如 7×24")
    shifts: tuple[Shift, ...] = Field(default=(), description="班次；不写表示只承诺值班制度、未排具体班次")


class Staff(Frozen):
    roles: tuple[Role, ...] = Field(min_length=1, description="岗位")
    people: tuple[Person, ...] = Field(
        default=(), description="人员名单；只按岗位承诺、尚未确定人选时可不写（文档不列联系人，用户经服务热线联系）"
    )
    duty_rota: DutyRota | None = Field(default=None, description="7×24 值班安排")
    rules: Texts = Field(default=(), description="服务人员守则与岗位制度")
