"""A new project file, pre-filled from the content so that it validates as written."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from generator.checks import consistency
from generator.model.project import Project
from generator.model.resolved import ServiceModel
from generator.model.sections import SECTIONS
from generator.outputs import atomic
from generator.outputs.templating import environment
from generator.reading.diagnostics import Diagnostic, Location, Severity
from generator.reading.folder import PROJECT_FILE, PROJECTS_DIR
from generator.reading.strict_yaml import LDict, LoadError, load_text
from generator.reading.validation import locator, validate

PROJECT_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
# The id names the project's file and its output folder; a file name may be at most 255 bytes.
ID_MAX = 64


class NewProjectError(Exception):
    pass


def render(model: ServiceModel, project_id: str, templates: Path | None = None, today: dt.date | None = None) -> str:
    c = model.content
    people = c.staff.people
    plan = c.training.plans[0].id if c.training.plans else None
    return (
        environment(templates)
        .get_template("project.yaml.j2")
        .render(
            project_id=project_id,
            region=c.company.regions[0].id,
            regions="、".join(r.id for r in c.company.regions),
            manager=people[0].id if people else None,
            contact=people[min(1, len(people) - 1)].id if people else None,
            people="、".join(p.id for p in people[:8]) + ("…" if len(people) > 8 else ""),
            service_point=c.company.service_points[0].id,
            service_points="、".join(p.id for p in c.company.service_points),
            plan=plan,
            chapter_prefix="",
            today=(today or dt.date.today()).isoformat(),
            sections=list(SECTIONS),
        )
    )


def create(model: ServiceModel, content_dir: Path, project_id: str, templates: Path | None = None) -> Path:
    """Write content/projects/<id>.yaml; refuse to overwrite or to write something invalid."""
    if not PROJECT_ID.match(project_id):
        raise NewProjectError(f"项目标识“{project_id}”无效：只能包含小写字母、数字、- 和 _，并以字母或数字开头")
    if len(project_id) > ID_MAX:
        raise NewProjectError(f"项目标识有 {len(project_id)} 个字符，最多 {ID_MAX} 个：它是文件名和输出目录名")
    path = content_dir / PROJECTS_DIR / f"{project_id}.yaml"
    if path.exists():
        raise NewProjectError(f"{path} 已存在，不会覆盖")
    text = render(model, project_id, templates)
    problems = _problems(model, text, path)
    if problems:
        raise NewProjectError("生成的项目文件未通过校验（模板有误）：\n" + "\n".join(d.format() for d in problems))
    atomic.write_text(path, text)
    return path


def _problems(model: ServiceModel, text: str, path: Path) -> list[Diagnostic]:
    try:
        tree = load_text(text, path)
    except LoadError as exc:
        return [exc.diagnostic]
    if not isinstance(tree, LDict):
        return [Diagnostic.error("模板生成的不是映射", Location(path, 1, 1))]
    project, errors = validate(PROJECT_FILE.model, tree)
    if not isinstance(project, Project):
        return errors
    prose_ids = set(model.index.prose.items)
    found = consistency.check_project(project, model.content, model.index, locator(tree), prose_ids)
    return [d for d in found if d.severity is Severity.ERROR]
