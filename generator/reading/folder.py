"""Which files make up a content folder, read strictly, every problem collected."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from generator.model.commitments import Commitments
from generator.model.company import Company
from generator.model.fees import Fees
from generator.model.manufacturers import ManufacturerCatalog
from generator.model.partners import PartnerNetwork
from generator.model.project import Project
from generator.model.prose import Prose
from generator.model.staff import Staff
from generator.model.training import Training
from generator.reading.diagnostics import Diagnostic, Location, Report
from generator.reading.strict_yaml import LDict, LoadError, load_mapping


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
)
PROJECTS_DIR = "projects"
PROJECT_FILE = ContentFile("project", "projects/<id>.yaml", Project, False, "项目或标书")
_PROJECT_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


@dataclass
class RawContent:
    """The loaded YAML trees of one content folder, keyed by file."""

    root: Path
    trees: dict[str, LDict] = field(default_factory=dict)
    projects: dict[str, LDict] = field(default_factory=dict)


def _load(path: Path, report: Report) -> LDict | None:
    try:
        return load_mapping(path)
    except LoadError as exc:
        report.add(exc.diagnostic)
        return None


def read_content(root: Path, report: Report) -> RawContent:
    raw = RawContent(root)
    known = {f.name: f for f in FILES}
    for f in FILES:
        path = root / f.name
        if not path.exists():
            if f.required:
                report.add(Diagnostic.error(f"缺少必需的内容文件 {f.name}（{f.title}）", Location(path, 0, 0)))
            continue
        tree = _load(path, report)
        if tree is not None:
            raw.trees[f.key] = tree
    for path in sorted(root.iterdir()):
        if path.is_file() and path.suffix in {".yaml", ".yml"} and path.name not in known:
            close = difflib.get_close_matches(path.stem + ".yaml", list(known), n=1, cutoff=0.6)
            hint = f"是否想写 {close[0]}？" if close else f"内容文件只能是：{'、'.join(known)}"
            report.add(Diagnostic.error(f"未知的内容文件 {path.name}：{hint}", Location(path, 0, 0)))
    projects = root / PROJECTS_DIR
    if projects.is_dir():
        for path in sorted(projects.iterdir()):
            if not path.is_file() or path.suffix not in {".yaml", ".yml"}:
                continue
            if path.suffix == ".yml":
                report.add(Diagnostic.error("项目文件请使用 .yaml 扩展名", Location(path, 0, 0)))
                continue
            if not _PROJECT_ID.match(path.stem):
                report.add(
                    Diagnostic.error(
                        f"项目文件名“{path.stem}”不能作为项目标识：只能包含小写字母、数字、- 和 _",
                        Location(path, 0, 0),
                    )
                )
                continue
            tree = _load(path, report)
            if tree is not None:
                raw.projects[path.stem] = tree
    return raw
