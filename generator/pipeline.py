"""The library API: load → validate → build the model → (render → write).

Everything is validated before anything is written, and every problem of a
run is collected into one report.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import os
import signal
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from jinja2 import TemplateError
from pydantic import BaseModel

from generator.checks import (
    compliance,
    consistency,
    duplicates,
    holidays,
    integrity,
    plausible,
    product_lines,
    prose_agreement,
    prose_numbers,
    unstated,
)
from generator.dates import workdays
from generator.model.commitments import Commitments
from generator.model.content import Content
from generator.model.fees import Fees
from generator.model.project import Project
from generator.model.resolved import (
    Index,
    ResolvedProject,
    ServiceModel,
    applies,
    escalation_steps,
    project_scope,
    scoped,
)
from generator.model.sections import PROSE_PREFIX
from generator.model.staff import Person
from generator.outputs import cache, plaintext, proposal, prose
from generator.outputs.cache import CHINA, build_time
from generator.outputs.shards import builds_site, in_shard
from generator.outputs.templating import search_path
from generator.reading.diagnostics import Diagnostic, Report, Severity
from generator.reading.folder import FILES, PROJECT_FILE, RawContent, read_content
from generator.reading.merge import deep_merge
from generator.reading.strict_yaml import LDict, collector_paused
from generator.reading.validation import Loc, locator, validate


@dataclass
class CheckResult:
    report: Report
    model: ServiceModel | None = None
    # Per project, a locator per content file ("commitments" after that project's
    # overrides, "project", "company", "training"), to point at where a promise is stated.
    locators: dict[str, dict[str, Loc]] = field(default_factory=dict)


@dataclass
class Validated:
    content: Content
    trees: dict[str, LDict]
    project_trees: dict[str, LDict]
    locators: dict[str, dict[str, Loc]] = field(default_factory=dict)
    # Optional files that failed to load or validate: the checks that need them are skipped.
    skipped: frozenset[str] = frozenset()


def load(content_dir: Path, report: Report) -> RawContent:
    return read_content(content_dir, report)


@collector_paused(keep=True)  # 40,000 partners: 5 s less (reading/strict_yaml.py)
def validate_content(raw: RawContent, report: Report) -> Validated | None:
    """Every file against its model; company-level cross-references."""
    parts: dict[str, BaseModel] = {}
    for f in FILES:
        tree = raw.trees.get(f.key)
        if tree is None:
            continue
        value, errors = validate(f.model, tree)
        report.extend(errors)
        if value is not None:
            parts[f.key] = value
    projects: dict[str, Project] = {}
    for pid, tree in raw.projects.items():
        value, errors = validate(PROJECT_FILE.model, tree)
        report.extend(errors)
        if isinstance(value, Project):
            projects[pid] = value
    if any(f.required and f.key not in parts for f in FILES):
        return None
    # An optional file that failed is left out, and what refers to it goes unchecked (one
    # note says so), rather than everything it defines being reported as unknown.
    broken = {f.key: raw.root / f.name for f in FILES if f.key in raw.failed or f.key in raw.trees.keys() - parts}
    if broken:
        report.add(consistency.skipped_checks(broken))
    trees = {key: tree for key, tree in raw.trees.items() if key not in broken}
    skip = frozenset(broken)
    content = Content.model_validate({**parts, "projects": projects})
    index = Index.of(content)
    report.extend(list(consistency.check_company(content, index, trees, skip)))
    report.extend(
        list(consistency.check_commitments(content.commitments, content, index, locator(trees["commitments"]), skip))
    )
    report.extend(list(consistency.check_fees(content.fees, locator(trees["fees"]))))
    report.extend(list(unstated.check_content(content, locator(trees["commitments"]), locator(trees["company"]))))
    report.extend(list(plausible.check_content(content, trees)))
    tagged = {key: locator(trees[key]) for key in product_lines.TAGGED_FILES if key in trees}
    report.extend(list(product_lines.check_content(content, locator(trees["company"]), tagged, skip)))
    return Validated(content, trees, raw.projects, skipped=skip)


def _effective(
    base: LDict, override: LDict | None, model: type[Commitments] | type[Fees], report: Report
) -> tuple[Commitments | Fees | None, LDict]:
    if override is None:
        return None, base
    merged = deep_merge(base, override)
    value, errors = validate(model, merged)
    report.extend(errors)
    return value, merged


@collector_paused()  # not kept: proposals rendered to check them leave cyclic garbage
def build_model(v: Validated, report: Report) -> ServiceModel | None:
    """Apply each project's overrides, resolve its references, check it."""
    content = v.content
    index = Index.of(content)
    calendar = workdays.calendar(content.holidays)  # once: every project counts on it
    holidays_at = locator(v.trees["holidays"]) if "holidays" in v.trees else None
    resolved: list[ResolvedProject] = []
    commitment_trees: dict[str, LDict] = {}  # each project's commitments after overrides, for locations
    for pid, project in content.projects.items():
        tree = v.project_trees[pid]
        at = locator(tree)
        prose_ids = set(index.prose.items) | {b.id for b in project.prose}
        found = list(consistency.check_project(project, content, index, at, prose_ids, v.skipped))
        found += product_lines.check_project(project, content, at)
        report.extend(found)
        report.extend(list(plausible.check_project(project, at)))
        overrides = tree.get("overrides")
        over_c = overrides.get("commitments") if isinstance(overrides, LDict) else None
        over_f = overrides.get("fees") if isinstance(overrides, LDict) else None
        commitments, c_tree = _effective(v.trees["commitments"], over_c, Commitments, report)
        commitment_trees[pid] = c_tree
        fees, f_tree = _effective(v.trees["fees"], over_f, Fees, report)
        if (over_c is not None and commitments is None) or (over_f is not None and fees is None):
            continue
        commitments = commitments or content.commitments
        fees = fees or content.fees
        assert isinstance(commitments, Commitments) and isinstance(fees, Fees)
        if over_c is not None:
            report.extend(list(consistency.check_commitments(commitments, content, index, locator(c_tree), v.skipped)))
            report.extend(list(unstated.check_commitments(commitments, locator(c_tree))))
            report.extend(list(plausible.check_commitments(commitments, locator(c_tree))))
        if over_f is not None:
            report.extend(list(consistency.check_fees(fees, locator(f_tree))))
        if any(d.severity is Severity.ERROR for d in found) or v.skipped:
            continue  # v.skipped: without a file it needs, the project cannot be resolved
        region = index.regions[project.site.region]
        # Company-level items tagged for other product lines stay out of this project's outputs.
        scope = project_scope(project, content.company.product_lines)
        commitments, fees = scoped(commitments, scope), scoped(fees, scope)
        plan = scoped(index.plans.get(project.training_plan), scope)
        if plan is not None and scope is not None:
            trainers = tuple(
                p for p in plan.trainer_people if p not in index.people or applies(index.people[p].lines, scope)
            )
            plan = plan.model_copy(update={"trainer_people": trainers})
        rp = ResolvedProject(
            id=pid,
            project=project,
            commitments=commitments,
            fees=fees,
            region=region,
            zone=index.zones.get(region.zone),
            service_point=index.service_points[project.service_point],
            manager=index.people.get(project.team.manager),
            contact=index.people.get(project.team.contact),
            engineers=tuple(index.people[p] for p in project.team.engineers),
            callback=index.people.get(project.team.callback),
            training_plan=plan,
            partners=tuple(index.partners[p] for p in project.partners),
            calendar=calendar,
            escalation=escalation_steps(commitments.process.escalation, content.company.support_tiers, index.people),
            complaint=content.company.complaint,
            scope=scope,
            staff=_staff(content, project, scope, index),
            roles=content.staff.roles,
        )
        report.extend(list(consistency.check_dates(rp, index.manufacturers, at)))
        report.extend(list(consistency.check_horizon(rp, index.manufacturers, at, locator(c_tree))))
        report.extend(list(holidays.check_project(rp, index.manufacturers, at, holidays_at)))
        report.extend(
            list(unstated.check_project(rp, content, at, locator(v.trees["company"]), locator(v.trees["staff"])))
        )
        resolved.append(rp)
    if report.errors:
        return None
    model = ServiceModel(content, index, tuple(resolved))
    report.extend(check_prose(model, v))
    for rp in model.projects:
        locators: dict[str, Loc] = {
            "commitments": locator(commitment_trees[rp.id]),
            "project": locator(v.project_trees[rp.id]),
            **{key: locator(v.trees[key]) for key in ("company", "training") if key in v.trees},
        }
        v.locators[rp.id] = locators
        report.extend(list(consistency.check_compliance(model, rp, locators)))
    report.extend(list(check_integrity(model, v)))
    if not report.errors:  # a proposal only builds from content without errors
        report.extend(check_repeats(model, v))
    # Built whenever it can be: prose and compliance problems are in the report,
    # which every writer consults, and `compliance` still shows the table.
    return model


def _staff(content: Content, project: Project, scope: frozenset[str] | None, index: Index) -> tuple[Person, ...]:
    """The people a project's outputs list: its own first, then everyone whose lines apply."""
    own = [pid for pid in project.team.ids() if pid in index.people]
    others = [p.id for p in content.staff.people if p.id not in own and applies(p.lines, scope)]
    return tuple(index.people[pid] for pid in dict.fromkeys([*own, *others]))


def check_prose(model: ServiceModel, v: Validated) -> list[Diagnostic]:
    """Render every prose block where it is used, so template errors surface now."""
    found: list[Diagnostic] = []
    used: set[str] = set()
    prose_at = locator(v.trees["prose"]) if "prose" in v.trees else None
    for rp in model.projects:
        variables = prose.context(model, rp)
        at = locator(v.project_trees[rp.id])
        for i, block in enumerate(rp.project.prose):
            _, problem = prose.render_checked(block, variables, at("prose", i, "body"))
            found += [problem] if problem else []
        local = {b.id for b in rp.project.prose}
        for sec in rp.project.sections:
            name = sec.removeprefix(PROSE_PREFIX)
            if sec.startswith(PROSE_PREFIX) and name not in local and name in model.index.prose and prose_at:
                used.add(name)
                i = list(model.index.prose.items).index(name)
                _, problem = prose.render_checked(model.index.prose[name], variables, prose_at("blocks", i, "body"))
                found += [problem] if problem else []
    if prose_at:
        for i, block in enumerate(model.content.prose.blocks):
            if block.id not in used:
                found.append(
                    Diagnostic.warning(
                        f"文本块“{block.title}”没有被任何项目的 sections 使用", prose_at("blocks", i, "id")
                    )
                )
    return found


def check_repeats(model: ServiceModel, v: Validated) -> list[Diagnostic]:
    """Text each project's proposal says twice (see checks/duplicates.py). The proposal is
    built here with the default templates; a template error is the build's to report."""
    found: list[Diagnostic] = []
    for rp in model.projects:
        try:
            doc = proposal.build(model, rp, draw=False)
        except (proposal.ProposalError, TemplateError):
            continue
        found += duplicates.check_output("方案", plaintext.passages(doc), locator(v.project_trees[rp.id]))
    return found


def check_integrity(model: ServiceModel, v: Validated) -> Iterator[Diagnostic]:
    """Promises the data contradicts or the team cannot keep (see checks/integrity.py)."""
    at = {key: locator(tree) for key, tree in v.trees.items()}
    content = model.content
    yield from integrity.check_rota(content, at["company"], at["staff"])
    yield from integrity.check_arrival_coverage(model, at["commitments"], at["company"])
    if "training" in at:
        yield from integrity.check_trainers(content, at["training"])
    if "partners" in at:
        yield from integrity.check_stale(model, at["staff"], at["partners"])
    if "prose" in at:
        every = prose_numbers.facts(model, None)
        for i, block in enumerate(content.prose.blocks):
            yield from prose_numbers.check_prose_numbers(block, every, at["prose"], "blocks", i)
            yield from prose_agreement.check_blocks([(block, at["prose"]("blocks", i, "body"))], every.words)
    for rp in model.projects:
        own = v.locators[rp.id]
        yield from integrity.check_resold_warranty(model, rp, own["project"], own["commitments"])
        yield from integrity.check_post_warranty(model, rp, own["commitments"])
        known = prose_numbers.facts(model, rp)
        for i, block in enumerate(rp.project.prose):
            yield from prose_numbers.check_prose_numbers(block, known, own["project"], "prose", i)
        # The blocks one proposal prints together must agree (checks/prose_agreement.py).
        printed = prose_agreement.blocks_of(model, rp, own["project"], at.get("prose"))
        yield from prose_agreement.check_blocks(printed, known.words)


@dataclass(frozen=True)
class Output:
    path: Path
    data: bytes
    seconds: float


@dataclass
class BuildResult:
    report: Report
    model: ServiceModel | None = None
    written: list[Output] = field(default_factory=list)
    fresh: list[Path] = field(default_factory=list)  # up to date: not rendered, not rewritten
    error: str | None = None
    site_pages: int = 0
    site_seconds: float = 0.0
    site_fresh: bool = False
    inputs: cache.Inputs | None = None  # what the outputs were keyed on (None: no content folder)


class UnknownProjects(ValueError):
    def __init__(self, unknown: list[str], known: list[str]) -> None:
        super().__init__(f"未知的项目：{'、'.join(unknown)}（现有：{'、'.join(known)}）")


class FolderRefused(ValueError):
    """An output or site folder the build must not write (overlaps, or holds the user's files)."""


@dataclass(frozen=True)
class RenderSettings:
    """How one build renders every project: where to, with which templates, when."""

    out_dir: Path
    templates: Path | None
    stamp: dt.datetime
    review: bool = False  # also proposal-review.docx: a comment on each value naming its source


def output_names(rp: ResolvedProject, review: bool = False) -> list[str]:
    """The documents a project gets, in the order the summary lists them."""
    names = ["proposal.docx", *(["proposal-review.docx"] if review else []), "proposal.pdf", "manual.pdf"]
    return [*names, "schedule.ics", *(["compliance.xlsx"] if rp.project.requirements else [])]


def steps(rp: ResolvedProject, review: bool = False) -> int:
    """Progress steps a build reports for a project: one per document."""
    return len(output_names(rp, review))


class Progress(Protocol):
    def step(self, project: str, output: str) -> None: ...


class _Silent:
    def step(self, project: str, output: str) -> None:
        pass


def render_output(
    model: ServiceModel,
    rp: ResolvedProject,
    name: str,
    settings: RenderSettings,
    unless: Callable[[str], bool] = lambda source: False,
) -> tuple[bytes | None, str]:
    """One document of one project, in memory, and the hash of what its renderer read ("" where
    none is kept). A PDF is not drawn when `unless(source)` says the file already holds it
    (None). Renderers and their libraries (WeasyPrint, python-docx, openpyxl…) are imported
    here, where an output needs them: `check` starts without them."""
    from generator.outputs import docx_render, ics, manual, pdf_render, xlsx_render

    templates, stamp = settings.templates, settings.stamp
    if name in ("proposal.docx", "proposal-review.docx"):
        doc = proposal.build(model, rp, templates)
        return docx_render.render(doc, templates, review=name == "proposal-review.docx", stamp=stamp), ""
    if name in ("proposal.pdf", "manual.pdf"):
        if name == "proposal.pdf":
            markup, css = pdf_render.html(proposal.build(model, rp, templates), templates), "proposal.css"
        else:
            markup, css = (
                pdf_render.manual_html(manual.build(model, rp, stamp.astimezone(CHINA).date()), templates),
                "manual.css",
            )
        style = pdf_render.stylesheet(templates, css)
        source = cache.digest(markup, style)
        return (None if unless(source) else pdf_render.pdf_from(markup, style)), source
    if name == "schedule.ics":
        return ics.render(manual.build(model, rp, stamp.astimezone(CHINA).date()), stamp), ""
    if name == "compliance.xlsx":
        return xlsx_render.render(rp, compliance.evaluate(model, rp), model.content.company.name, stamp), ""
    raise ValueError(f"unknown output {name}")


@dataclass(frozen=True)
class Job:
    """One output to render: a project's document, or the site (project None)."""

    project: str | None
    name: str
    key: str  # its cache key ("" where the build keeps no record)

    def path(self, out_dir: Path) -> Path:
        """Where a document goes (not for the site)."""
        return out_dir / str(self.project) / self.name

    @property
    def label(self) -> tuple[str, str]:
        """How progress names it: (project, document), or ("site", "MkDocs")."""
        return (self.project, self.name) if self.project is not None else ("site", "MkDocs")

    @property
    def cost(self) -> int:
        """Rough relative cost, to start the longest jobs first."""
        return {"proposal.pdf": 10, "manual.pdf": 6, "site": 5}.get(self.name, 1)


@dataclass(frozen=True)
class _Shared:
    model: ServiceModel
    settings: RenderSettings
    site_into: Path | None  # the staged site folder, and its scratch folder
    site_scratch: Path | None
    inputs: cache.Inputs | None = None
    # The record's entries of files still as written (_Plan.standing): a job whose renderer
    # reads the source its file was made from again is not rendered.
    standing: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Done:
    """A job's result: a document's bytes, or the site's page count; None/0 and unchanged
    where the renderer's input turned out to be what the existing file was made from."""

    job: Job
    data: bytes | None
    pages: int
    seconds: float
    source: str  # the key of what the renderer read ("" where none is kept)

    @property
    def unchanged(self) -> bool:
        return self.data is None and self.pages == 0


# What a forked worker renders from: inherited through fork, never pickled.
_FORKED: _Shared | None = None


def _die_with_parent(parent: int) -> None:
    """A worker ends when the build does, even one killed with SIGKILL (Linux: PR_SET_PDEATHSIG).

    The build alone answers Ctrl+C and SIGTERM (it stops the pool, cleans up and says so):
    a worker ignores Ctrl+C, sent to the whole terminal's process group, and dies quietly
    of the SIGTERM the pool stops it with, not through the handler it inherited.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        import ctypes

        PR_SET_PDEATHSIG = 1
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the pool's own shutdown is all there is
        return
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def _run(shared: _Shared, job: Job) -> Done:
    """Render one job: a document's bytes, or the site built into its staging folder."""
    started = time.perf_counter()
    inputs, known = shared.inputs, shared.standing.get(job.label, {}).get("source", "")

    def key_of(read: str) -> str:
        """The source key of what the renderer read ("" where no record is kept)."""
        return inputs.source_key(job.name, read) if inputs is not None and read else ""

    def made_from(read: str) -> bool:
        return bool(known) and key_of(read) == known

    if job.project is None:
        from generator.outputs import site

        assert shared.site_into is not None and shared.site_scratch is not None
        pages = site.prepare(shared.model, shared.settings.templates, shared.site_scratch)
        read = cache.folder_digest(shared.site_scratch)
        if made_from(read):
            return Done(job, None, 0, time.perf_counter() - started, key_of(read))
        site.compile_site(shared.site_scratch, shared.site_into)
        return Done(job, None, pages, time.perf_counter() - started, key_of(read))
    rp = shared.model.project(job.project)
    data, read = render_output(shared.model, rp, job.name, shared.settings, made_from)
    return Done(job, data, 0, time.perf_counter() - started, key_of(read))


def _run_forked(job: Job) -> Done:
    assert _FORKED is not None
    return _run(_FORKED, job)


def run_jobs(shared: _Shared, jobs: list[Job], progress: Progress) -> Iterator[Done]:
    """Every job, longest first, over one forked worker per core: one project's PDFs and the
    site render side by side. WeasyPrint holds the GIL, hence processes, not threads; where
    fork is not available, or there is one job or one core, they run here in turn."""
    global _FORKED
    import multiprocessing  # here: `check` does not need it (~8 ms of its start)

    ordered = sorted(jobs, key=lambda j: -j.cost)  # stable: equal costs keep project order
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    workers = min(len(ordered), cores)
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        for job in ordered:
            progress.step(*job.label)
            yield _run(shared, job)
        return
    _FORKED = shared
    # The model and every module are the workers' too: frozen, the workers' collections
    # neither walk them nor touch (and so copy) their pages.
    gc.freeze()
    try:
        # Leaving the block terminates the workers: an error or an interrupt does not wait for them.
        with multiprocessing.get_context("fork").Pool(workers, _die_with_parent, (os.getpid(),)) as pool:
            for done in pool.imap_unordered(_run_forked, ordered):
                progress.step(*done.job.label)
                yield done
    finally:
        _FORKED = None
        gc.unfreeze()


def build(
    content_dir: Path,
    out_dir: Path,
    project_ids: list[str] | None = None,
    templates: Path | None = None,
    strict: bool = False,
    progress: Progress | None = None,
    site_dir: Path | None = None,
    review: bool = False,
    force: bool = False,
    shard: tuple[int, int] | None = None,
) -> BuildResult:
    """load → validate → build the model → render each output → write."""
    checked = check(content_dir)
    return write_outputs(
        checked, out_dir, project_ids, templates, strict, progress, site_dir, content_dir, review, force, shard
    )


def write_outputs(
    checked: CheckResult,
    out_dir: Path,
    project_ids: list[str] | None = None,
    templates: Path | None = None,
    strict: bool = False,
    progress: Progress | None = None,
    site_dir: Path | None = None,
    content_dir: Path | None = None,
    review: bool = False,
    force: bool = False,
    shard: tuple[int, int] | None = None,
) -> BuildResult:
    """Render every output that is not up to date, stage it next to its place, then swap all
    of them in at once; record what was written (outputs/cache.py).

    Nothing is written unless the content is valid and every output rendered,
    so a failed build leaves the last good files as they were (outputs/publish.py).
    An output whose key matches the record, and whose file is still as written, is left
    alone, its time included; `force` renders everything. `shard` (I, N) builds the
    projects of shard I of N, and the site only in shard 1.
    """
    from generator.outputs import pdf_render, publish, site
    from generator.outputs.flowchart import DiagramError

    result = BuildResult(checked.report, checked.model)
    model = checked.model
    if model is None or checked.report.failed(strict):
        return result
    known = {p.id for p in model.projects}
    unknown = [pid for pid in project_ids or [] if pid not in known]
    if unknown:
        raise UnknownProjects(unknown, sorted(known))
    chosen = [model.project(pid) for pid in project_ids] if project_ids else list(model.projects)
    chosen = [rp for rp in chosen if in_shard(rp.id, shard)]
    site_dir = site_dir if builds_site(shard) else None
    try:
        publish.check_destinations(out_dir, site_dir, content_dir, search_path(templates))
    except publish.Refused as exc:
        raise FolderRefused(str(exc)) from None
    settings = RenderSettings(out_dir, templates, build_time(), review)
    # Without the content folder there is nothing to key on: no record is read or kept.
    inputs = (
        cache.Inputs.gather(content_dir, search_path(templates), settings.stamp.astimezone(CHINA).date(), site_dir)
        if content_dir is not None
        else None
    )
    record = cache.Record.read(out_dir) if inputs is not None and not force else cache.Record()
    result.inputs = inputs
    plan = _plan(chosen, review, out_dir, site_dir, inputs, record, progress or _Silent())
    jobs, result.fresh, result.site_fresh = plan.jobs, plan.fresh, plan.site_fresh
    if result.site_fresh:
        site_dir = None  # nothing to stage for it
    written: list[tuple[Done, Output]] = []
    kept: list[Done] = []
    site_done: Done | None = None
    try:
        with publish.Staging(out_dir, site_dir) as staging:  # made first: an unwritable folder fails fast
            shared = _Shared(
                model,
                settings,
                staging.site if site_dir is not None else None,
                staging.scratch if site_dir is not None else None,
                inputs,
                plan.standing,
            )
            for done in run_jobs(shared, jobs, progress or _Silent()):
                if done.job.project is None:
                    site_done = done
                elif done.data is None or plan.holds(done.job, done.data):
                    kept.append(done)  # not drawn again, or drawn the same: the file stands, time and all
                else:
                    out = Output(done.job.path(out_dir), done.data, done.seconds)
                    staging.add(out.path, out.data)
                    written.append((done, out))
            if site_done is not None and site_done.unchanged:
                staging.drop_site()  # the site there was built from these very sources
            staging.commit()
    except (proposal.ProposalError, pdf_render.ManualError, DiagramError, site.SiteError) as exc:
        result.error = str(exc)
        return result
    except OSError as exc:
        result.error = str(publish.Unwritable(exc, [d for d in (out_dir, site_dir) if d is not None]))
        return result
    order = {j.label: i for i, j in enumerate(jobs)}
    written.sort(key=lambda done_out: order[done_out[0].job.label])
    result.written = [out for _, out in written]
    result.fresh += [d.job.path(out_dir) for d in kept]
    if site_done is not None:
        if site_done.unchanged:
            result.site_fresh = True
        else:
            result.site_pages, result.site_seconds = site_done.pages, site_done.seconds
    if inputs is not None:
        _remember(record, out_dir, site_dir, written, kept, site_done)
    return result


@dataclass
class _Plan:
    jobs: list[Job]  # what to render
    fresh: list[Path]  # up to date by their keys
    site_fresh: bool
    # The record's entry for each job's file that is still as written: if its renderer reads
    # what it read then (the entry's source), or renders the same bytes, the file stands (a
    # tender clause edited leaves the manual's HTML, and so the manual, alone).
    standing: dict[tuple[str, str], dict[str, str]]

    def holds(self, job: Job, data: bytes) -> bool:
        """Whether the job's file already is `data`, byte for byte."""
        entry = self.standing.get(job.label)
        return entry is not None and entry["sha256"] == hashlib.sha256(data).hexdigest()


def _plan(
    chosen: list[ResolvedProject],
    review: bool,
    out_dir: Path,
    site_dir: Path | None,
    inputs: cache.Inputs | None,
    record: cache.Record,
    progress: Progress,
) -> _Plan:
    """Each output's key against the record (empty where forced or not kept): up to date (one
    progress step each) or a job. Each file is checked against the record once."""
    plan = _Plan([], [], False, {})
    for rp in chosen:
        for name in output_names(rp, review):
            job = Job(rp.id, name, inputs.key(rp.id, name) if inputs else "")
            entry = record.intact(out_dir, job.path(out_dir))
            if entry is not None and entry["key"] == job.key:
                plan.fresh.append(job.path(out_dir))
                progress.step(*job.label)
                continue
            plan.jobs.append(job)
            if entry is not None:
                plan.standing[job.label] = entry
    if site_dir is not None:
        job = Job(None, "site", inputs.site_key() if inputs else "")
        site = record.site_intact(site_dir)
        if site is not None and site.get("key") == job.key:
            plan.site_fresh = True
            progress.step(*job.label)
        else:
            plan.jobs.append(job)
            if site is not None:
                plan.standing[job.label] = site
    return plan


def _remember(
    record: cache.Record,
    out_dir: Path,
    site_dir: Path | None,
    written: list[tuple[Done, Output]],
    kept: list[Done],
    site_done: Done | None,
) -> None:
    """What this build wrote, and which new keys lead to files it left, for the next build."""
    for done, out in written:
        record.wrote(out_dir, out.path, done.job.key, out.data, done.source)
    for done in kept:
        record.kept(out_dir, done.job.path(out_dir), done.job.key, done.source)
    if site_done is not None and site_dir is not None:
        if site_done.unchanged:
            record.kept_site(site_done.job.key)
        else:
            record.wrote_site(site_dir, site_done.job.key, site_done.source)
    _keep_record(record, out_dir)


def _keep_record(record: cache.Record, out_dir: Path) -> None:
    """The record is a hint: failing to write it costs the next build time, not correctness."""
    try:
        record.write(out_dir)
    except OSError:
        pass


def check(content_dir: Path) -> CheckResult:
    """Load, validate and build the model; collect every diagnostic."""
    report = Report()
    raw = load(content_dir, report)
    validated = validate_content(raw, report)
    if validated is None:
        return CheckResult(report)
    model = build_model(validated, report)
    return CheckResult(report, model, validated.locators)
