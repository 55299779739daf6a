"""The frozen model every renderer takes: content plus each project with its
overrides applied and its references looked up."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Generic, Protocol, TypeVar

from generator.model.commitments import BrandWarranty, Commitments
from generator.model.common import StartEvent
from generator.model.company import Region, ServicePoint, Zone
from generator.model.content import Content
from generator.model.durations import Duration
from generator.model.fees import Fees
from generator.model.manufacturers import Manufacturer
from generator.model.partners import Partner
from generator.model.project import EquipmentItem, Project
from generator.model.prose import ProseBlock
from generator.model.response import Measure, MeasureKind, SeverityLevel
from generator.model.staff import Person
from generator.model.training import TrainingPlan


class HasId(Protocol):
    @property
    def id(self) -> str: ...


T = TypeVar("T", bound=HasId)


@dataclass(frozen=True)
class Lookup(Generic[T]):
    """Items by id, in their written order."""

    items: Mapping[str, T]

    @classmethod
    def of(cls, items: tuple[T, ...]) -> Lookup[T]:
        out: dict[str, T] = {}
        for item in items:
            out.setdefault(item.id, item)  # first wins; duplicates are reported by checks
        return cls(MappingProxyType(out))

    def __contains__(self, key: object) -> bool:
        return key in self.items

    def __getitem__(self, key: str) -> T:
        return self.items[key]

    def get(self, key: str | None) -> T | None:
        return self.items.get(key) if key is not None else None


@dataclass(frozen=True)
class Index:
    """Id lookups over company-level content."""

    regions: Lookup[Region]
    zones: Lookup[Zone]
    service_points: Lookup[ServicePoint]
    people: Lookup[Person]
    partners: Lookup[Partner]
    manufacturers: Lookup[Manufacturer]
    plans: Lookup[TrainingPlan]
    prose: Lookup[ProseBlock]

    @classmethod
    def of(cls, content: Content) -> Index:
        c = content.company
        return cls(
            regions=Lookup.of(c.regions),
            zones=Lookup.of(c.zones),
            service_points=Lookup.of(c.service_points),
            people=Lookup.of(content.staff.people),
            partners=Lookup.of(content.partners.partners),
            manufacturers=Lookup.of(content.manufacturers.manufacturers),
            plans=Lookup.of(content.training.plans),
            prose=Lookup.of(content.prose.blocks),
        )

    def area_names(self) -> dict[str, str]:
        """Names of the zones and regions response targets may be keyed by."""
        return {k: z.name for k, z in self.zones.items.items()} | {k: r.name for k, r in self.regions.items.items()}


# The project field that holds each start event's date.
EVENT_DATE_FIELDS = {
    StartEvent.ACCEPTANCE: "acceptance_date",
    StartEvent.CONTRACT: "contract_date",
    StartEvent.DELIVERY: "delivery_date",
    StartEvent.INSTALLATION: "installation_date",
    StartEvent.HANDOVER: "handover_date",
}


@dataclass(frozen=True)
class ItemWarranty:
    """The warranty one piece of equipment actually gets, and which rule gave it."""

    period: Duration
    start_event: StartEvent
    basis: str  # 设备约定 / 品牌约定 / 厂商质保 / 整体质保


@dataclass(frozen=True)
class ResolvedProject:
    """One project as its documents need it: overrides applied, references resolved."""

    id: str
    project: Project
    commitments: Commitments
    fees: Fees
    region: Region
    zone: Zone | None
    service_point: ServicePoint
    manager: Person
    contact: Person
    engineers: tuple[Person, ...]
    callback: Person | None
    training_plan: TrainingPlan | None
    partners: tuple[Partner, ...]

    def target(self, level: SeverityLevel, measure: Measure) -> Duration | None:
        """This project's promise for one level and measure, at its site's region."""
        t = level.targets.get(measure.id)
        return t.for_area(self.region.id, self.region.zone) if t else None

    def equipment_warranty(self, item: EquipmentItem, makers: Lookup[Manufacturer]) -> ItemWarranty:
        """Item override, else the brand (exact product line before any line), else the overall
        period; where the manufacturer's own is longer and the content says it prevails, that."""
        w = self.commitments.warranty
        brand: BrandWarranty | None = None
        if item.manufacturer:
            same = [b for b in w.by_brand if b.manufacturer == item.manufacturer]
            brand = next((b for b in same if item.product_line and b.product_line == item.product_line), None)
            brand = brand or next((b for b in same if b.product_line is None), None)
        if item.warranty is not None:
            period, basis = item.warranty, "设备约定"
        elif brand is not None:
            period, basis = brand.period, "品牌约定"
        else:
            period, basis = w.period, "整体质保"
        start = item.warranty_start or (brand.start_event if brand else None) or w.start_event
        maker = makers.get(item.manufacturer)
        if w.manufacturer_longer_prevails and maker is not None and item.warranty is None:
            own = [pl.warranty for pl in maker.product_lines if pl.name == item.product_line]
            if own and own[0] > period:
                period, basis = own[0], "厂商质保"
        return ItemWarranty(period, start, basis)

    def event_date(self, event: StartEvent) -> dt.date | None:
        """The project's date for a start event, if the project file states it."""
        value: dt.date | None = getattr(self.project, EVENT_DATE_FIELDS[event])
        return value

    def arrival(self, level: SeverityLevel) -> Duration | None:
        m = self.commitments.response.measure(MeasureKind.ARRIVAL)
        return self.target(level, m) if m else None


@dataclass(frozen=True)
class ServiceModel:
    content: Content
    index: Index
    projects: tuple[ResolvedProject, ...]

    def project(self, project_id: str) -> ResolvedProject:
        for p in self.projects:
            if p.id == project_id:
                return p
        raise KeyError(project_id)
