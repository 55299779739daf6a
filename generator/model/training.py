"""training.yaml: training plans offered to customers."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from pydantic import Field

from generator.model.common import Frozen, LinesField, Text, Texts
from generator.model.values import Id


class TrainingMode(StrEnum):
    CENTRAL = "集中"
    ON_SITE = "现场"
    ON_THE_JOB = "随工"


class TrainingModule(Frozen):
    name: Text = Field(description="课程模块名称")
    hours: Decimal | None = Field(default=None, gt=0, description="课时（学时）；不写表示未载明")
    min_trainees: int | None = Field(default=None, ge=1, description="该模块人数不少于；不写表示不限")
    mode: TrainingMode | None = Field(default=None, description="方式：集中、现场、随工")
    audience: Text | None = Field(default=None, description="对象")
    content: Texts = Field(default=(), description="内容要点")
    lines: LinesField = Field(default=(), description="只适用于这些产品线或厂商（标识）；不写表示适用于全部")


class TrainingPlan(Frozen):
    id: Id = Field(description="培训方案标识，项目用它选择方案")
    name: Text = Field(description="方案名称")
    overview: Text | None = Field(default=None, description="概述")
    objectives: Texts = Field(min_length=1, description="培训目标")
    audiences: Texts = Field(min_length=1, description="培训对象")
    trainers: int | None = Field(default=None, ge=1, description="委派讲师人数")
    trainer_people: tuple[Id, ...] = Field(default=(), description="讲师（staff 中的标识）")
    min_trainees: int | None = Field(default=None, ge=1, description="培训人数不少于")
    modes: tuple[TrainingMode, ...] = Field(default=(), description="培训方式：集中、现场、随工")
    days: Decimal | None = Field(default=None, gt=0, description="培训天数")
    approximate: bool = Field(default=False, description="天数为预计值，视情况增减")
    with_manufacturer: bool = Field(default=False, description="是否与设备厂家合作进行专业培训")
    class_hours: Decimal | None = Field(default=None, gt=0, description="总课时不少于")
    place: Text | None = Field(default=None, description="培训地点")
    timing: Text | None = Field(default=None, description="培训时间安排，例如“试运行阶段开始”")
    modules: tuple[TrainingModule, ...] = Field(default=(), description="课程模块")
    materials: Texts = Field(default=(), description="培训资料")
    assessment: Texts = Field(default=(), description="考核方式，例如闭卷笔试、上机操作、问卷调查")
    free: bool | None = Field(default=None, description="是否免费；不写表示未说明")
    follow_up: Text | None = Field(default=None, description="后续培训与技术交流")


class Training(Frozen):
    plans: tuple[TrainingPlan, ...] = Field(default=(), description="培训方案")
