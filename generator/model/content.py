"""The whole validated content, one object, before project overrides are applied."""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import Field

from generator.model.commitments import Commitments
from generator.model.common import Frozen
from generator.model.company import Company
from generator.model.fees import Fees
from generator.model.holidays import Holidays
from generator.model.manufacturers import ManufacturerCatalog
from generator.model.partners import PartnerNetwork
from generator.model.project import Project
from generator.model.prose import Prose
from generator.model.staff import Staff
from generator.model.training import Training


class Content(Frozen):
    company: Company = Field(description="公司")
    commitments: Commitments = Field(description="公司级服务承诺")
    staff: Staff = Field(description="人员")
    fees: Fees = Field(description="收费")
    manufacturers: ManufacturerCatalog = Field(default_factory=ManufacturerCatalog, description="厂商")
    partners: PartnerNetwork = Field(default_factory=PartnerNetwork, description="合作伙伴")
    training: Training = Field(default_factory=Training, description="培训")
    prose: Prose = Field(default_factory=Prose, description="自由文本")
    holidays: Holidays = Field(default_factory=Holidays, description="法定节假日与调休安排（公司自行录入的年份）")
    projects: Mapping[str, Project] = Field(default_factory=dict, description="项目，按标识")
