"""Every value each output of a project prints from the content, with where it is
written: what `aftersales trace` lists, so a reviewer can check any figure in a
proposal, manual, calendar, workbook or handbook page against the YAML."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.checks import compliance
from generator.model.common import StartEvent
from generator.model.resolved import EVENT_DATE_FIELDS, ResolvedProject, ServiceModel
from generator.model.sources import Sources, sources_of
from generator.outputs import manual, pdf_render, proposal, site, trace
from generator.outputs.document import Inline, ListBlock, Paragraph, Section, Table


@dataclass(frozen=True)
class Entry:
    output: str  # proposal.docx, manual.pdf, schedule.ics, compliance.xlsx, site
    where: str  # the section, page or row that prints it
    text: str
    sources: Sources

    def as_json(self) -> dict[str, object]:
        return {
            "output": self.output,
            "where": self.where,
            "text": self.text,
            "sources": [{"file": s.display_file(), "line": s.line, "col": s.col, "path": s.path} for s in self.sources],
        }


def project_trace(
    model: ServiceModel, rp: ResolvedProject, templates: Path | None = None, edition: dt.date | None = None
) -> list[Entry]:
    """What each output of the project prints from the content, in output order."""
    book = manual.build(model, rp, edition or dt.date.today())
    return [
        *_proposal(model, rp, templates),
        *_manual(book, templates),
        *_calendar(book),
        *_workbook(model, rp),
        *_site(model, rp, templates),
    ]


def _proposal(model: ServiceModel, rp: ResolvedProject, templates: Path | None) -> Iterator[Entry]:
    doc = proposal.build(model, rp, templates)

    def runs(where: str, inline: Inline) -> Iterator[Entry]:
        for r in inline:
            if r.sources:
                yield Entry("proposal.docx", where, r.text, r.sources)

    def walk(section: Section, where: str) -> Iterator[Entry]:
        here = f"{where} / {section.title}" if where else section.title
        for block in section.blocks:
            if isinstance(block, Paragraph):
                yield from runs(here, block.runs)
            elif isinstance(block, ListBlock):
                for item in block.items:
                    yield from runs(here, item)
            elif isinstance(block, Table):
                for row in block.rows:
                    for cell in row.cells:
                        yield from runs(f"{here}（{block.caption or '表'}）", cell.runs)
        for child in section.children:
            yield from walk(child, here)

    for section in doc.sections:
        yield from walk(section, "")


def _manual(book: manual.Manual, templates: Path | None) -> Iterator[Entry]:
    with trace.recording() as recorder:
        pdf_render.manual_html(book, templates)
    for v in recorder.values:
        yield Entry("manual.pdf", "维护手册", v.text, v.sources)


def _calendar(book: manual.Manual) -> Iterator[Entry]:
    """The calendar's dates are computed from a start date the project states and each
    activity's frequency (or each item's warranty period)."""
    project = book.rp.project

    def date_source(event: StartEvent | None) -> Sources:
        return project.source(EVENT_DATE_FIELDS[event]) if event else ()

    start = date_source(book.schedule.start_event)
    for v in book.schedule.visits:
        how = v.activity.source("frequency", "times", "months", "week_of_month", "start_after")
        yield Entry("schedule.ics", v.date.isoformat(), f"{v.activity.name}（{v.label}）", (*how, *start))
    for e in book.equipment:
        if e.end is not None:
            sources = (*sources_of(e.period), *date_source(e.start_event))
            yield Entry("schedule.ics", e.end.isoformat(), f"质保期满：{e.item.name}", sources)


def _workbook(model: ServiceModel, rp: ResolvedProject) -> Iterator[Entry]:
    if not rp.project.requirements:
        return
    for r in compliance.evaluate(model, rp):
        where = f"条款 {r.requirement.clause}"
        yield Entry("compliance.xlsx", where, r.requirement.text, sources_of(r.requirement.text))
        if sources_of(r.response):
            yield Entry("compliance.xlsx", where, r.response, sources_of(r.response))


def _site(model: ServiceModel, rp: ResolvedProject, templates: Path | None) -> Iterator[Entry]:
    """The project's page, its region's page and the company-level pages its customer reads."""
    wanted = {path for _, path, _ in site.PAGES} | {f"projects/{rp.id}.md", f"network/{rp.region.id}.md"}
    pages = site.iter_pages(model, templates)
    while True:
        with trace.recording() as recorder:
            page = next(pages, None)
        if page is None:
            return
        if page.path in wanted:
            for v in recorder.values:
                yield Entry("site", page.path.removesuffix(".md") + ".html", v.text, v.sources)
