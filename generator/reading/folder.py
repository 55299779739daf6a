"""Which files make up a content folder, read strictly, every problem collected."""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from generator.model.commitments import Commitments
from generator.model.company import Company
from generator.model.fees import Fees
from generator.model.holidays import Holidays
from generator.model.manufacturers import ManufacturerCatalog
from generator.model.partners import PartnerNetwork
from generator.model.project import Project
from generator.model.prose import Prose
from generator.model.staff import Staff
from generator.model.training import Training
from generator.reading.diagnostics import Diagnostic, Location, Report
from generator.reading.strict_yaml import LDict, LoadError, collector_paused, load_mapping, release_frozen


@dataclass(frozen=True)
class ContentFile:
    key: str
    name: str
    model: type[BaseModel]
    required: bool
    title: str


FILES: tuple[ContentFile, ...] = (
    ContentFile("company", "company.yaml", Company, True, "公司、热线、网点、地区"),
    ContentFile("commitments", "commitments.yaml", Commitments, True, "服务承诺"),
    ContentFile("staff", "staff.yaml", Staff, True, "人员、岗位、值班"),
    ContentFile("fees", "fees.yaml", Fees, True, "收费标准与价目表"),
    ContentFile("manufacturers", "manufacturers.yaml", ManufacturerCatalog, False, "厂商及其服务政策"),
    ContentFile("partners", "partners.yaml", PartnerNetwork, False, "合作伙伴网络"),
    ContentFile("training", "training.yaml", Training, False, "培训方案"),
    ContentFile("prose", "prose.yaml", Prose, False, "自由文本块"),
    ContentFile("holidays", "holidays.yaml", Holidays, False, "法定节假日与调休安排"),
)
PROJECTS_DIR = "projects"
PROJECT_FILE = ContentFile("project", "projects/<id>.yaml", Project, False, "项目或标书")
_PROJECT_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


_YAML_SUFFIXES = {".yaml", ".yml"}


@dataclass
class RawContent:
    """The loaded YAML trees of one content folder, keyed by file."""

    root: Path
    trees: dict[str, LDict] = field(default_factory=dict)
    projects: dict[str, LDict] = field(default_factory=dict)
    # Files that are there but could not be loaded (FILES keys): the checks that need
    # them are skipped rather than reporting everything they define as unknown.
    failed: set[str] = field(default_factory=set)


def _refused(path: Path, message: str, report: Report) -> None:
    report.add(Diagnostic.error(message, Location(path, 0, 0)))


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or path.is_relative_to(folder)


def _source(path: Path, root: Path, report: Report) -> Path | None:
    """Where a content file really is, if it may be read: the path itself, or where a
    symlink leads if that is inside the content folder. Otherwise report it, unread."""
    if not path.is_symlink():
        return path
    target = Path(os.path.realpath(path))
    if not _inside(target, root):
        _refused(path, f"这是指向内容目录之外的符号链接（→ {target}）：内容文件必须放在内容目录中，未读取", report)
        return None
    if not target.exists():
        _refused(path, f"这是符号链接，指向的文件不存在（→ {target}）", report)
        return None
    return target


def _load(path: Path, root: Path, report: Report) -> LDict | None:
    source = _source(path, root, report)
    if source is None:
        return None
    try:
        return load_mapping(path, source)
    except LoadError as exc:
        report.add(exc.diagnostic)
        return None


def _rename_hint(name: str, wanted: str) -> str:
    return f"请把 {name} 改名为 {wanted}（扩展名用小写的 .yaml），该文件未读取"


def read_content(root: Path, report: Report) -> RawContent:
    """Only regular files inside the content folder are read (symlinks may point
    within it), each at most MAX_FILE_BYTES; a file that looks like content but is
    named otherwise (.yml, .YAML, Company.yaml) is an error, never silently skipped."""
    release_frozen()  # a new run
    with collector_paused(keep=True):
        return _read_content(root, report)


def _read_content(root: Path, report: Report) -> RawContent:
    raw = RawContent(root)
    real_root = Path(os.path.realpath(root))
    known = {f.name: f for f in FILES}
    for f in FILES:
        path = root / f.name
        if not os.path.lexists(path):
            if f.required:
                report.add(Diagnostic.error(f"缺少必需的内容文件 {f.name}（{f.title}）", Location(path, 0, 0)))
            continue
        tree = _load(path, real_root, report)
        if tree is not None:
            raw.trees[f.key] = tree
        else:
            raw.failed.add(f.key)
    for path in sorted(root.iterdir()):
        if path.suffix.lower() not in _YAML_SUFFIXES or path.name in known:
            continue
        wanted = path.stem.lower() + ".yaml"
        if wanted in known:
            hint = _rename_hint(path.name, wanted)
        else:
            close = difflib.get_close_matches(wanted, list(known), n=1, cutoff=0.6)
            hint = f"是否想写 {close[0]}？" if close else f"内容文件只能是：{'、'.join(known)}"
        report.add(Diagnostic.error(f"未知的内容文件 {path.name}：{hint}", Location(path, 0, 0)))
    projects = root / PROJECTS_DIR
    if not os.path.lexists(projects):
        return raw
    if projects.is_symlink() and not _inside(Path(os.path.realpath(projects)), real_root):
        target = os.path.realpath(projects)
        _refused(
            projects,
            f"这是指向内容目录之外的符号链接（→ {target}）：项目文件必须放在内容目录中，未读取",
            report,
        )
        return raw
    if not projects.is_dir():
        _refused(projects, f"{PROJECTS_DIR} 应是存放项目文件的目录", report)
        return raw
    for path in sorted(projects.iterdir()):
        if path.suffix.lower() not in _YAML_SUFFIXES:
            continue
        if path.suffix != ".yaml":
            report.add(
                Diagnostic.error(
                    f"项目文件请使用 .yaml 扩展名：{_rename_hint(path.name, path.stem + '.yaml')}",
                    Location(path, 0, 0),
                )
            )
            continue
        if not _PROJECT_ID.match(path.stem):
            report.add(
                Diagnostic.error(
                    f"项目文件名“{path.stem}”不能作为项目标识：只能包含小写字母、数字、- 和 _",
                    Location(path, 0, 0),
                )
            )
            continue
        tree = _load(path, real_root, report)
        if tree is not None:
            raw.projects[path.stem] = tree
    return raw
