"""The customer handbook: Markdown pages from templates/site/, built by MkDocs
(Material theme, Chinese search with jieba, offline plugin) into site/.

Every value from YAML is escaped for Markdown and HTML on its way into a page
(the Jinja `finalize` hook), so a name holding `<script>` or `**` stays text.
Only what the content marks public reaches the site: a person's phone only
with `contact_public`, never internal notes or costs (templates never read them).
"""

from __future__ import annotations

import functools
import html
import logging
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from generator.dates.schedule import schedule
from generator.model.durations import Duration
from generator.model.resolved import ResolvedProject, ServiceModel, escalation_steps
from generator.model.response import SeverityLevel
from generator.model.values import tel_uri
from generator.outputs import proposal, trace
from generator.outputs.flowchart import escalation_dot, process_dot, timeline_svg
from generator.outputs.flowchart import render as render_dot
from generator.outputs.manual import equipment_warranties
from generator.outputs.templating import bytecode_cache, search_path

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")


def md_escape(value: Any) -> str:
    """A value as literal text in Markdown: HTML-escaped and markup characters backslashed."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return str(value)  # deliberately marked as Markdown by a template
    text = proposal.zh(value) if not isinstance(value, str) else value
    text = " ".join(text.split("\n"))  # a line break would end a table row or an admonition
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def markdown(text: str) -> Markup:
    """Markdown source written as such (prose blocks, introductions): its Markdown
    is kept, but any HTML in it is escaped, so it cannot inject markup or scripts."""
    return Markup(html.escape(text, quote=False))


def tel(number: str) -> Markup:
    """A tel: link target: digits and + only, safe inside a Markdown link."""
    return Markup(tel_uri(number))


class SiteError(Exception):
    pass


@dataclass(frozen=True)
class Page:
    path: str  # relative to docs/, e.g. "projects/linchuan-gov-dc.md"
    title: str
    text: str


@functools.lru_cache(maxsize=8)
def environment(templates: Path | None = None) -> Environment:
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(str(d)) for d in search_path(templates)]),
        bytecode_cache=bytecode_cache("site"),
        undefined=StrictUndefined,
        autoescape=False,
        finalize=lambda value: md_escape(trace.finalize(value)),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    # The proposal's filters return plain strings; finalize escapes them like any value.
    env.filters.update(proposal.FILTERS)
    env.filters["markdown"] = markdown
    env.filters["tel"] = tel
    return env


# The handbook's pages in navigation order: (template, output path, title); {levels} in a title
# names what the levels grade (response.level_word: 故障, 事件, 服务请求…) where there are levels.
PAGES: tuple[tuple[str, str, str], ...] = (
    ("index.md.j2", "index.md", "首页"),
    ("report.md.j2", "report.md", "如何报修"),
    ("response.md.j2", "response.md", "{levels}响应时间"),
    ("warranty.md.j2", "warranty.md", "质保政策"),
    ("maintenance.md.j2", "maintenance.md", "巡检与回访"),
    ("spare-parts.md.j2", "spare-parts.md", "备品备件"),
    ("emergency.md.j2", "emergency.md", "应急预案"),
    ("training.md.j2", "training.md", "培训服务"),
    ("fees.md.j2", "fees.md", "收费标准"),
    ("network.md.j2", "network/index.md", "服务网点与合作伙伴"),
    ("team.md.j2", "team.md", "服务团队"),
)


def context(model: ServiceModel) -> dict[str, Any]:
    c = model.content
    return {
        "company": c.company,
        "c": c.commitments,
        "warranty": c.commitments.warranty,
        "response": c.commitments.response,
        "fees": c.fees,
        "staff": c.staff,
        "people": model.index.people.items,
        "who": model.index.who,
        "escalation": escalation_steps(c.commitments.process.escalation, c.company.support_tiers, model.index.people),
        "roles": {r.id: r for r in c.staff.roles},
        "staffing": model.staffing,
        "plans": c.training.plans,
        "manufacturers": c.manufacturers.manufacturers,
        "partners": c.partners,
        "service_points": c.company.service_points,
        "regions": c.company.regions,
        "zones": c.company.zones,
        "areas_names": model.index.area_names(),
        "projects": model.projects,
        "target_columns": proposal.target_columns,
        "makers": model.index.manufacturers,
        # Pages link to the response page by its title, as the navigation names it.
        "response_title": next(title for name, _, title in titled_pages(model) if name == "response.md.j2"),
    }


@dataclass(frozen=True)
class OwnTimes:
    """A project whose time limits at its site are not the company's standard ones for that region."""

    project: ResolvedProject
    stricter: bool  # every limit that differs is a shorter time than the standard one


def own_times(model: ServiceModel, rp: ResolvedProject) -> OwnTimes | None:
    """How the project's time limits (after its overrides) compare, level by level and measure
    by measure, with the company's for the project's region: None where every cell reads the
    same. Stricter only where each differing cell is a shorter duration than the standard."""
    standard = model.content.commitments.response
    own = rp.commitments.response
    areas = (rp.region.id, rp.region.zone)
    base_levels = {lv.id: lv for lv in standard.levels}
    measure_ids = list(dict.fromkeys(m.id for matrix in (own, standard) for m, _ in proposal.target_columns(matrix)))
    differs, stricter = False, True
    if {lv.id for lv in own.levels} != set(base_levels):
        differs, stricter = True, False
    for lv in own.levels:
        base = base_levels.get(lv.id)
        for mid in measure_ids:
            if base is not None and str(lv.cell(mid, *areas)) == str(base.cell(mid, *areas)):
                continue
            differs = True
            mine, theirs = _duration(lv, mid, areas), _duration(base, mid, areas) if base else None
            if mine is None or theirs is None or not mine < theirs:
                stricter = False
    return OwnTimes(rp, stricter) if differs else None


def _duration(level: SeverityLevel, measure_id: str, areas: tuple[str | None, ...]) -> Duration | None:
    target = level.targets.get(measure_id)
    return target.for_area(*areas) if target is not None else None


def pages(model: ServiceModel, templates: Path | None = None) -> list[Page]:
    return list(iter_pages(model, templates))


def titled_pages(model: ServiceModel) -> list[tuple[str, str, str]]:
    """PAGES with each title as this content names it."""
    response = model.content.commitments.response
    levels = f"{response.level_word}等级与" if response.levels else ""
    return [(name, path, title.format(levels=levels)) for name, path, title in PAGES]


def iter_pages(model: ServiceModel, templates: Path | None = None) -> Iterator[Page]:
    """Each page, rendered as it is asked for (so a trace can tell which page printed what)."""
    env = environment(templates)
    variables = context(model)
    for name, path, title in titled_pages(model):
        yield Page(path, title, env.get_template(f"site/{name}").render(variables, page_title=title))
    differing = [o for rp in model.projects if (o := own_times(model, rp)) is not None]
    for region in model.content.company.regions:
        own = [o for o in differing if o.project.region.id == region.id]
        text = env.get_template("site/region.md.j2").render(
            variables, region=region, own_times=own, page_title=region.name
        )
        yield Page(f"network/{region.id}.md", region.name, text)
    for rp in model.projects:
        yield Page(f"projects/{rp.id}.md", rp.project.name, _project_page(env, variables, model, rp))


def _project_page(env: Environment, variables: dict[str, Any], model: ServiceModel, rp: ResolvedProject) -> str:
    # The same dates as the printed manual, whose cover QR code leads here.
    return env.get_template("site/project.md.j2").render(
        variables,
        rp=rp,
        equipment=equipment_warranties(model, rp),
        schedule=schedule(rp),
        project=rp.project,
        c=rp.commitments,
        response=rp.commitments.response,
        warranty=rp.commitments.warranty,
        own_times=own_times(model, rp),
        page_title=rp.project.name,
    )


def nav(model: ServiceModel, all_pages: list[Page]) -> list[Any]:
    """The navigation; titles from YAML are HTML-escaped (the theme prints them raw)."""
    by_path = {p.path: p for p in all_pages}
    entries: list[Any] = []
    for _, path, title in titled_pages(model):
        if path == "network/index.md":
            regions = [{html.escape(r.name): f"network/{r.id}.md"} for r in model.content.company.regions]
            entries.append({title: [{"总览": path}, *regions]})
        else:
            entries.append({title: by_path[path].path})
    if model.projects:
        projects = [{html.escape(rp.project.name): f"projects/{rp.id}.md"} for rp in model.projects]
        entries.append({"项目服务页": projects})
    return entries


@contextmanager
def _quiet_mkdocs() -> Iterator[list[str]]:
    """Collect MkDocs warnings (strict mode turns them into a failure) instead of printing them."""
    messages: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.levelno >= logging.WARNING:
                messages.append(record.getMessage())

    logger = logging.getLogger("mkdocs")
    handler = Collect()
    old_level, old_propagate = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield messages
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
        logger.propagate = old_propagate


def build(model: ServiceModel, site_dir: Path, templates: Path | None = None, work: Path | None = None) -> int:
    """Generate the pages into `work`, build them with MkDocs in strict mode into site_dir.

    site_dir must not exist yet: the caller stages it and swaps it in (outputs/publish.py).
    `work` (a new folder) holds the sources; without it, a temporary folder does.
    Returns the number of pages.
    """
    if work is None:
        with tempfile.TemporaryDirectory(prefix="aftersales-site-") as tmp:
            return build(model, site_dir, templates, Path(tmp) / "work")
    pages = prepare(model, templates, work)
    compile_site(work, site_dir)
    return pages


def prepare(model: ServiceModel, templates: Path | None, work: Path) -> int:
    """Everything MkDocs reads, written into `work`: the pages, pictures, static files, theme
    overrides and mkdocs.yml. MkDocs' output is a function of this folder alone (and of the
    installed MkDocs and Material), so a build can tell from it whether the site changed."""
    import yaml

    all_pages = pages(model, templates)
    docs = work / "docs"
    for page in all_pages:
        target = docs / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.text, encoding="utf-8")
    assets = docs / "assets"
    assets.mkdir(parents=True, exist_ok=True)
    _diagrams(model, assets)
    _copy_static(templates, docs)
    _copy_theme(templates, work / "theme")
    config_text = (
        environment(templates)
        .get_template("site/mkdocs.yml.j2")
        .render(
            company=model.content.company,
            nav_yaml=Markup(yaml.safe_dump(nav(model, all_pages), allow_unicode=True)),
        )
    )
    (work / "mkdocs.yml").write_text(config_text, encoding="utf-8")
    return len(all_pages)


def compile_site(work: Path, site_dir: Path) -> None:
    """MkDocs, strict, from the sources `prepare` wrote into `work`."""
    import jieba
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from generator.outputs.search_words import site_dictionary

    jieba.setLogLevel(logging.WARNING)  # its dictionary-loading notice is not for users
    with _quiet_mkdocs() as warnings, site_dictionary(work):
        try:
            config = load_config(str(work / "mkdocs.yml"), strict=True, site_dir=str(site_dir))
            config.plugins["aftersales-compiled-templates"] = _CompiledThemeTemplates()  # type: ignore[assignment]
            mkdocs_build(config)
        except (MkDocsException, SystemExit) as exc:
            detail = "；".join(warnings) or str(exc)
            raise SiteError(f"MkDocs 构建失败：{detail}") from None


class _CompiledThemeTemplates:
    """An MkDocs event hook: the theme's templates (Material's) compile on every build, a
    quarter of the site's time; Jinja's bytecode cache keeps them compiled between builds."""

    def on_env(self, env: Environment, config: object, files: object) -> Environment:
        env.bytecode_cache = bytecode_cache("mkdocs")
        return env


def _diagrams(model: ServiceModel, assets: Path) -> None:
    """The pictures pages refer to, drawn from the data as SVG (no script, no network)."""
    c = model.content
    process = c.commitments.process
    (assets / "process.svg").write_bytes(render_dot(process_dot(process), "svg"))
    if process.escalation:
        (assets / "escalation.svg").write_bytes(render_dot(escalation_dot(process), "svg"))
    response = c.commitments.response
    if not response.levels:
        return  # no levels, no time axis per level: the page lists the limits
    # Each chart twice: wide for screens where it fits, stacked for phones (the page shows one).
    charts: list[tuple[str, tuple[str | None, ...]]] = [("timeline", ())]
    charts += [(f"timeline-{zone.id}", (zone.id,)) for zone in c.company.zones]
    charts += [(f"timeline-{region.id}", (region.id, region.zone)) for region in c.company.regions]
    for name, areas in charts:
        (assets / f"{name}.svg").write_bytes(timeline_svg(response, *areas))
        (assets / f"{name}-narrow.svg").write_bytes(timeline_svg(response, *areas, narrow=True))


def _copy_static(templates: Path | None, docs: Path) -> None:
    for d in reversed(search_path(templates)):  # company files win
        static = d / "site" / "static"
        if static.is_dir():
            shutil.copytree(static, docs / "static", dirs_exist_ok=True)


def _copy_theme(templates: Path | None, theme: Path) -> None:
    """site/theme/ (the theme's custom_dir: the Chinese 404 page), company files winning."""
    theme.mkdir(parents=True, exist_ok=True)
    for d in reversed(search_path(templates)):
        folder = d / "site" / "theme"
        if folder.is_dir():
            shutil.copytree(folder, theme, dirs_exist_ok=True)
