"""The frozen model every renderer takes: content plus each project with its
overrides applied and its references looked up."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Generic, Protocol, TypeVar

from pydantic import BaseModel

from generator.model.calendar import Calendar
from generator.model.commitments import BrandWarranty, Commitments, EscalationTier, HeadlineItem
from generator.model.common import StartEvent, Tier
from generator.model.company import ComplaintLine, ProductLine, Region, ServicePoint, SupportTier, Zone
from generator.model.content import Content
from generator.model.durations import Duration
from generator.model.fees import Fees
from generator.model.manufacturers import Manufacturer
from generator.model.partners import Partner
from generator.model.project import EquipmentItem, Project
from generator.model.prose import ProseBlock
from generator.model.response import BlanketAtSite, Measure, MeasureKind, SeverityLevel
from generator.model.sources import sourced, sources_of
from generator.model.staff import Person, Role
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
    roles: Lookup[Role]
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
            roles=Lookup.of(content.staff.roles),
            partners=Lookup.of(content.partners.partners),
            manufacturers=Lookup.of(content.manufacturers.manufacturers),
            plans=Lookup.of(content.training.plans),
            prose=Lookup.of(content.prose.blocks),
        )

    def who(self, person: Person | str) -> str:
        """How every output names a person: the name, or where the content gives none
        (a post not yet filled at bid time) the role, marked so."""
        p = self.people.get(person) if isinstance(person, str) else person
        if p is None:
            return str(person)
        if p.name:
            return p.name
        role = self.roles.get(p.role)
        return f"{role.name if role else p.role}（姓名未载明）"

    def area_names(self) -> dict[str, str]:
        """Names of the zones and regions response targets may be keyed by."""
        return {k: z.name for k, z in self.zones.items.items()} | {k: r.name for k, r in self.regions.items.items()}


# --- product lines ------------------------------------------------------------

B = TypeVar("B")


def line_of(item: EquipmentItem, lines: tuple[ProductLine, ...]) -> str | None:
    """The product line a piece of equipment belongs to: its own `line`, else the first
    line its manufacturer belongs to."""
    if item.line:
        return item.line
    return next((pl.id for pl in lines if item.manufacturer and item.manufacturer in pl.manufacturers), None)


def project_scope(project: Project, lines: tuple[ProductLine, ...]) -> frozenset[str] | None:
    """The product lines and manufacturers a project's outputs cover: the project's
    product_lines, else those of its equipment, with their manufacturers and the equipment's.
    None (everything applies) where the company declares no lines or none can be known."""
    if not lines:
        return None
    chosen = set(project.product_lines) or {x for x in (line_of(e, lines) for e in project.equipment) if x}
    if not chosen:
        return None
    makers = {m for pl in lines if pl.id in chosen for m in pl.manufacturers}
    makers |= {e.manufacturer for e in project.equipment if e.manufacturer}
    return frozenset(chosen | makers)


def applies(tags: tuple[str, ...], scope: frozenset[str] | None) -> bool:
    """Whether an item tagged with these lines or manufacturers belongs in a project of this
    scope: untagged items belong everywhere."""
    return scope is None or not tags or bool(scope & set(tags))


def _tags(item: object) -> tuple[str, ...]:
    if isinstance(item, BrandWarranty):
        return (item.manufacturer,)  # a brand rule belongs to that brand's projects
    tags = getattr(item, "lines", ())
    return tuple(tags) if isinstance(tags, tuple) else ()


def scoped(value: B, scope: frozenset[str] | None) -> B:
    """The value with every list item tagged for other product lines left out, at any depth.
    Untagged items apply to every project."""
    if scope is None:
        return value
    if isinstance(value, BaseModel):
        updates = {}
        for name in type(value).model_fields:
            old = getattr(value, name)
            new = scoped(old, scope)
            if new is not old:
                updates[name] = new
        return value.model_copy(update=updates) if updates else value
    if isinstance(value, tuple) and not isinstance(value, str):
        kept = tuple(scoped(x, scope) for x in value if applies(_tags(x), scope))
        same = len(kept) == len(value) and all(a is b for a, b in zip(kept, value, strict=True))
        return value if same else kept  # type: ignore[return-value]
    return value


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
    start_event: StartEvent | None  # None: the content does not say when it starts
    basis: str  # 设备约定 / 品牌约定 / 厂商质保 / 整体质保


@dataclass(frozen=True)
class EscalationStep:
    """One tier of the escalation ladder as every output shows it."""

    tier: Tier
    who: str
    after: Duration | None  # how long the tier before has, where the content says
    first: bool
    people: tuple[Person, ...]
    contact: str | None
    duties: tuple[str, ...]  # of the support tier of that name (company.support_tiers)
    hotline: str | None = None  # that support tier's hotline (company.hotlines id)

    def condition_zh(self) -> str:
        """When a request reaches this tier: "首先受理", "上一层级2小时内未解决", "上一层级未能解决"."""
        if self.after is not None:
            return sourced(f"上一层级{self.after.within()}未解决", sources_of(self.after))
        return "首先受理" if self.first else "上一层级未能解决"


def escalation_steps(
    tiers: tuple[EscalationTier, ...], support: tuple[SupportTier, ...], people: Lookup[Person]
) -> tuple[EscalationStep, ...]:
    """The ladder with each tier's people and duties looked up. A support tier's duties
    belong to a step only where the two name the same body (one name contains the other)."""
    out = []
    for i, t in enumerate(tiers):
        st = next((s for s in support if s.tier is t.tier), None)
        same = st is not None and (st.name in t.who or t.who in st.name)
        out.append(
            EscalationStep(
                tier=t.tier,
                who=t.who,
                after=t.after,
                first=i == 0,
                people=tuple(people[p] for p in t.people if p in people),
                contact=t.contact,
                duties=st.duties if st is not None and same else (),
                hotline=st.hotline if st is not None and same else None,
            )
        )
    return tuple(out)


@dataclass(frozen=True)
class Staffing:
    """One role as every output's role table shows it: the promised number, the people
    named for it (of those the output lists) and what it requires."""

    role: Role
    people: tuple[Person, ...]
    headcount: int | None  # the role's headcount, else the number named; None: not stated

    @property
    def headcount_zh(self) -> str:
        """The 人数 cell: "8", or "未载明" where neither a headcount nor a name says it."""
        if self.headcount is None:
            return "未载明"
        return sourced(str(self.headcount), sources_of(self.headcount))

    @property
    def requirements(self) -> tuple[str, ...]:
        """Its 任职要求, each as printed (Requirements.parts_zh); () where none is stated."""
        return self.role.requirements.parts_zh() if self.role.requirements else ()

    @property
    def requirements_zh(self) -> str | None:
        """The 任职要求 cell: "本科及以上学历；5年以上IT 服务管理经验；…"; None where none is stated."""
        return self.role.requirements.zh() if self.role.requirements and self.requirements else None


def staffing(roles: tuple[Role, ...], people: tuple[Person, ...]) -> tuple[Staffing, ...]:
    """Each role with the listed people who hold it. A role's number is its headcount where
    the content promises one (unnamed staff included), else how many are named for it."""
    out = []
    for role in roles:
        named = tuple(p for p in people if p.role == role.id)
        count = role.headcount if role.headcount is not None else (len(named) or None)
        out.append(Staffing(role, named, sourced(count, sources_of(role.headcount))))
    return tuple(out)


@dataclass(frozen=True)
class ProjectContact:
    """One of the project's own people and what they do for it."""

    duty: str  # 项目总联系人, 日常服务联系人, 服务工程师, 回访专员
    person: Person


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
    manager: Person | None  # None: the project names nobody (a team promised by role)
    contact: Person | None
    engineers: tuple[Person, ...]
    callback: Person | None
    training_plan: TrainingPlan | None
    partners: tuple[Partner, ...]
    calendar: Calendar  # which days are worked; one for all projects, built once from the content
    escalation: tuple[EscalationStep, ...] = ()
    complaint: ComplaintLine | None = None  # the company's, which every project shares
    scope: frozenset[str] | None = None  # its product lines and manufacturers; None: everything applies
    staff: tuple[Person, ...] = ()  # who its outputs list: its own people first, then others of its lines
    roles: tuple[Role, ...] = ()  # the company's roles (staff.yaml), for its role table

    @property
    def staffing(self) -> tuple[Staffing, ...]:
        """The role table of this project's documents, counting the people they list."""
        return staffing(self.roles, self.staff)

    @property
    def contacts(self) -> tuple[ProjectContact, ...]:
        """The project's own people, each once, with their first duty, in the order every
        output lists them: manager, daily contact, engineers, callback."""
        out: list[ProjectContact] = []
        seen: set[str] = set()
        duties = [
            ("项目总联系人", (self.manager,) if self.manager else ()),
            ("日常服务联系人", (self.contact,) if self.contact else ()),
            ("服务工程师", self.engineers),
            ("回访专员", (self.callback,) if self.callback else ()),
        ]
        for duty, people in duties:
            for person in people:
                if person.id not in seen:
                    seen.add(person.id)
                    out.append(ProjectContact(duty, person))
        return tuple(out)

    @property
    def headline(self) -> tuple[HeadlineItem, ...]:
        """The promises the 承诺书 lists: as the content orders them, or else every kind
        the data states, in this order."""
        c = self.commitments
        if c.letter.headline is not None:
            return c.letter.headline
        kinds = {m.kind.value for m in c.response.measures}
        stated = {
            HeadlineItem.WARRANTY: True,
            HeadlineItem.SERVICE_PERIOD: self.project.service_period is not None,
            HeadlineItem.HOTLINE: True,
            HeadlineItem.PHONE: HeadlineItem.PHONE.value in kinds,
            HeadlineItem.REMOTE: HeadlineItem.REMOTE.value in kinds,
            HeadlineItem.ARRIVAL: HeadlineItem.ARRIVAL.value in kinds,
            HeadlineItem.RESTORE: HeadlineItem.RESTORE.value in kinds,
            HeadlineItem.RESOLVE: HeadlineItem.RESOLVE.value in kinds,
            HeadlineItem.SPARE_UNIT: c.response.spare_unit is not None,
            HeadlineItem.INSPECTIONS: bool(c.maintenance.inspections),
            HeadlineItem.CALLBACKS: bool(c.maintenance.callbacks),
            HeadlineItem.TRAINING: self.training_plan is not None,
            HeadlineItem.COMPLAINT: self.complaint is not None,
            HeadlineItem.COMPENSATION: bool(c.response.remedy_rows()),
            HeadlineItem.RENEWAL: self.fees.renewal is not None,
        }
        return tuple(k for k, on in stated.items() if on)

    def duties(self, person: Person) -> tuple[str, ...]:
        """Every duty a person has in this project (one person may be manager and contact)."""
        out = []
        if self.manager and person.id == self.manager.id:
            out.append("项目总联系人")
        if self.contact and person.id == self.contact.id:
            out.append("日常服务联系人")
        if person.id in {e.id for e in self.engineers}:
            out.append("服务工程师")
        if self.callback and person.id == self.callback.id:
            out.append("回访专员")
        return tuple(out)

    def phone(self, person: Person, public: bool) -> str | None:
        """The one rule for printing a person's phone. Documents handed to this project's
        customer (proposal, manual) print the project's own people's phones, since the
        customer works with them; the handbook site is public, so it prints a phone only
        where the content marks it public (contact_public), as every output does for anyone else."""
        if person.phone is None:
            return None
        if person.contact_public or (not public and person.id in {c.person.id for c in self.contacts}):
            return person.phone
        return None

    def target_zh(self, level: SeverityLevel, measure: Measure) -> str:
        """This site's time limit as every output prints it: "2小时", "不适用" or "未载明"."""
        return level.cell(measure.id, self.region.id, self.region.zone)

    def target(self, level: SeverityLevel, measure: Measure) -> Duration | None:
        """This project's promise for one level and measure, at its site's region."""
        t = level.targets.get(measure.id)
        return t.for_area(self.region.id, self.region.zone) if t else None

    def blanket_at_site(self) -> tuple[BlanketAtSite, ...]:
        """Each limit promised for several levels at once, as it reads at this site (the
        proposal, the manual and the handbook print the same lines)."""
        return self.commitments.response.blanket_at(self.region.id, self.region.zone)

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

    def event_date(self, event: StartEvent | None) -> dt.date | None:
        """The project's date for a start event, if the content names the event and the project
        file states its date."""
        if event is None:
            return None
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

    @property
    def staffing(self) -> tuple[Staffing, ...]:
        """The company's role table (the handbook's team page, `check`'s summary): every
        role with everyone listed."""
        return staffing(self.content.staff.roles, self.content.staff.people)

    def project(self, project_id: str) -> ResolvedProject:
        for p in self.projects:
            if p.id == project_id:
                return p
        raise KeyError(project_id)
