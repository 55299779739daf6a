"""The per-project maintenance manual (维护手册) as data for its template.

Everything a support engineer leaves on site: who to call, how to report a
fault, what each piece of equipment's warranty covers and until when, what
the customer may do themselves, the dated inspection and callback schedule,
and blank forms. Dates that cannot be known yet are None; the template prints
a fill-in placeholder for them, and `check` warns (checks.check_project).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.dates.periods import period_end
from generator.dates.schedule import Schedule, Visit, schedule
from generator.model.commitments import Callback, Inspection, ScheduledActivity
from generator.model.common import Mode, StartEvent
from generator.model.company import Company, ComplaintLine, Hotline
from generator.model.durations import Duration
from generator.model.manufacturers import Manufacturer
from generator.model.project import EquipmentItem
from generator.model.resolved import Index, ResolvedProject, ServiceModel
from generator.model.response import Measure, SeverityLevel
from generator.model.staff import Person
from generator.model.values import tel_uri
from generator.outputs.qr import QrCode, qr_code


@dataclass(frozen=True)
class EquipmentWarranty:
    item: EquipmentItem
    maker: str  # manufacturer's name or the brand as written
    period: Duration
    start_event: StartEvent | None
    basis: str
    start: dt.date | None
    end: dt.date | None


@dataclass(frozen=True)
class LevelTargets:
    level: SeverityLevel
    cells: tuple[str, ...]  # this site's time limit per column of Manual.measures: 2小时 / 不适用 / 未载明


@dataclass(frozen=True)
class Manual:
    rp: ResolvedProject
    index: Index
    company: Company
    edition: dt.date
    schedule: Schedule
    equipment: tuple[EquipmentWarranty, ...]
    measures: tuple[Measure, ...]  # the columns of the level table: every measure some level states
    levels: tuple[LevelTargets, ...]
    post_warranty: tuple[tuple[str, Duration], ...]  # this site's targets after the warranty
    hotlines: tuple[Hotline, ...]
    makers: tuple[Manufacturer, ...]  # of the project's equipment, with a hotline
    complaint: ComplaintLine | None
    handbook_url: str | None
    handbook_qr: QrCode | None
    hotline_qr: QrCode
    inspections: tuple[Inspection, ...]  # each gets a 巡检记录表 with its checklist as rows
    callbacks: tuple[Callback, ...]

    def who(self, person: Person | str) -> str:
        """A person's name as every output prints it (Index.who)."""
        return self.index.who(person)

    def phone(self, person: Person) -> str | None:
        """A person's number as the manual prints it: the project's rule for documents
        handed to its customer (ResolvedProject.phone)."""
        return self.rp.phone(person, public=False)

    @staticmethod
    def user_signs(activity: ScheduledActivity) -> bool:
        """Whether its form and schedule row ask the customer to sign: only where someone is
        there to sign, that is, where it may be done on site (or its mode is not stated).
        A callback by phone or a remote inspection has no customer beside the engineer."""
        return activity.mode is None or Mode.ON_SITE in (activity.mode, *activity.other_modes)

    @property
    def callback_modes(self) -> tuple[Mode, ...]:
        """The ways the callbacks are made, in the order the content names them."""
        modes = [mode for cb in self.callbacks for mode in (cb.mode, *cb.other_modes) if mode]
        return tuple(dict.fromkeys(modes))

    @property
    def past_visits(self) -> tuple[Visit, ...]:
        """The scheduled visits dated before this copy was drawn up (its edition date): the
        copy marks them, so whoever reads it knows they were never ahead of them in it."""
        return tuple(v for v in self.schedule.visits if v.date < self.edition)

    @property
    def warranty_end(self) -> dt.date | None:
        """The project's overall warranty end (the promise, not any one item's)."""
        w = self.rp.commitments.warranty
        start = self.rp.event_date(w.start_event)
        return period_end(start, w.period, self.rp.calendar)[0] if start else None


# What a printed line must never split: dates (2026年5月20日, 2026-05-20), phone numbers
# (0000-8000-0001, (0571) 8888-6666), times and time windows (9:00—11:30), money (¥1,800.00,
# 300元), percentages, 7×24 and a number with its unit (30分钟, 3个工作日), and the fill-in
# blanks of the forms (____年__月__日__时__分).
def project_page_url(handbook_url: str, project_id: str) -> str:
    """The project's page in the handbook site (built with use_directory_urls: false)."""
    return f"{handbook_url.rstrip('/')}/projects/{project_id}.html"


def equipment_warranties(model: ServiceModel, rp: ResolvedProject) -> tuple[EquipmentWarranty, ...]:
    """Each item's warranty with its start and end date (None until the start event's date is known)."""
    rows = []
    for item in rp.project.equipment:
        w = rp.equipment_warranty(item, model.index.manufacturers)
        maker = model.index.manufacturers.get(item.manufacturer)
        start = rp.event_date(w.start_event)
        end = period_end(start, w.period, rp.calendar)[0] if start else None
        name = maker.name if maker else (item.brand or "")
        rows.append(EquipmentWarranty(item, name, w.period, w.start_event, w.basis, start, end))
    return tuple(rows)


def _measures(rp: ResolvedProject) -> tuple[Measure, ...]:
    r = rp.commitments.response
    return tuple(m for m in r.measures if any(m.id in lv.targets for lv in r.levels))


def _levels(rp: ResolvedProject, measures: tuple[Measure, ...]) -> tuple[LevelTargets, ...]:
    levels = rp.commitments.response.levels
    return tuple(LevelTargets(lv, tuple(rp.target_zh(lv, m) for m in measures)) for lv in levels)


def _post_warranty(rp: ResolvedProject) -> tuple[tuple[str, Duration], ...]:
    r = rp.commitments.response
    pw = r.post_warranty
    if pw is None:
        return ()
    names = {m.id: m.name for m in r.measures}
    out = []
    for measure_id, target in pw.targets.items():
        d = target.for_area(rp.region.id, rp.region.zone)
        if d is not None:
            out.append((names.get(measure_id, measure_id), d))
    return tuple(out)


def _makers(model: ServiceModel, rp: ResolvedProject) -> tuple[Manufacturer, ...]:
    ids = {e.manufacturer for e in rp.project.equipment}
    return tuple(m for m in model.content.manufacturers.manufacturers if m.id in ids and m.hotline)


def build(model: ServiceModel, rp: ResolvedProject, edition: dt.date) -> Manual:
    company = model.content.company
    measures = _measures(rp)
    hotline = company.hotlines[0]
    url = project_page_url(company.handbook_url, rp.id) if company.handbook_url else None
    m = rp.commitments.maintenance
    return Manual(
        rp=rp,
        index=model.index,
        company=company,
        edition=edition,
        schedule=schedule(rp),
        equipment=equipment_warranties(model, rp),
        measures=measures,
        levels=_levels(rp, measures),
        post_warranty=_post_warranty(rp),
        hotlines=company.hotlines,
        makers=_makers(model, rp),
        complaint=company.complaint,
        handbook_url=url,
        handbook_qr=qr_code(url) if url else None,
        hotline_qr=qr_code(tel_uri(hotline.number)),
        inspections=tuple(i for i in m.inspections if i.checklist),
        callbacks=m.callbacks,
    )
