"""What each project promises differently between two versions of the content.

Both versions are loaded and validated like any build; then every promise a
bid writer cares about is flattened into labelled facts (一级故障到达现场 → 2小时)
and compared. A change is marked stricter (more promised to the customer: a
shorter time, a longer warranty, more visits) or looser; text that has no
direction is just changed.
"""

from __future__ import annotations

import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from pathlib import Path

from generator.checks import compliance
from generator.model.durations import Duration
from generator.model.project import HoursPromise
from generator.model.resolved import ResolvedProject, ServiceModel

Comparable = Duration | Decimal | HoursPromise


class Direction(StrEnum):
    STRICTER = "更严格"
    LOOSER = "更宽松"
    CHANGED = "变更"
    ADDED = "新增"
    REMOVED = "删除"


@dataclass(frozen=True)
class Fact:
    shown: str
    value: Comparable | str
    larger_is_stricter: bool | None  # None: text, no direction


@dataclass(frozen=True)
class Change:
    item: str
    old: str | None
    new: str | None
    direction: Direction

    def zh(self) -> str:
        if self.direction is Direction.ADDED:
            return f"{self.item}：{self.new}（新增）"
        if self.direction is Direction.REMOVED:
            return f"{self.item}：{self.old}（删除）"
        return f"{self.item}：{self.old} → {self.new}（{self.direction.value}）"


@dataclass(frozen=True)
class ProjectDiff:
    id: str
    name: str
    status: str  # 新增项目 / 删除项目 / 有变化
    changes: tuple[Change, ...]


def _duration(d: Duration | None, stricter_if_larger: bool) -> Fact | None:
    return Fact(d.zh(), d, stricter_if_larger) if d is not None else None


def facts(model: ServiceModel, rp: ResolvedProject) -> dict[str, Fact]:
    """The project's promises as labelled, comparable facts (after overrides)."""
    c = rp.commitments
    out: dict[str, Fact | None] = {}
    w = c.warranty
    start = f"（自{w.start_event.value}起）" if w.start_event else "（起算未载明）"
    out["质保期"] = Fact(f"{w.period.zh()}{start}", w.period, True)
    out["免费上门服务期"] = _duration(w.onsite_period, True)
    out["运维服务期"] = _duration(rp.project.service_period, True)
    for item in rp.project.equipment:
        iw = rp.equipment_warranty(item, model.index.manufacturers)
        out[f"设备“{item.name}”质保期"] = Fact(f"{iw.period.zh()}（{iw.basis}）", iw.period, True)
    r = c.response
    for lv in r.levels:
        for m in r.measures:
            out[f"{lv.name}{m.name}时限"] = _duration(rp.target(lv, m), False)
    if r.spare_unit:
        out["备机时限"] = _duration(r.spare_unit.within, False)
    for h in model.content.company.hotlines:
        if h.hours and h.hours.promise:
            out[f"{h.name}服务时间"] = Fact(h.hours.zh(), HoursPromise.parse(h.hours.promise), True)
    if model.content.company.complaint:
        out["投诉答复时限"] = _duration(model.content.company.complaint.reply_within, False)
    for kind, items in (("巡检", c.maintenance.inspections), ("回访", c.maintenance.callbacks)):
        for a in items:
            n = compliance.per_year(a)
            times = f" {a.times} 次" if a.times else ""
            shown = f"{a.frequency.value}{times}{'，' + a.mode.value if a.mode else ''}"
            out[f"{kind}“{a.name}”"] = Fact(shown, n if n is not None else shown, True if n is not None else None)
            target = getattr(a, "satisfaction_target", None)
            if target is not None:
                out[f"{kind}“{a.name}”满意度目标"] = Fact(f"{target.normalize():f}%", target, True)
    plan = rp.training_plan
    if plan:
        out["培训方案"] = Fact(plan.name, plan.name, None)
        if plan.class_hours:
            out["培训总课时"] = Fact(f"{plan.class_hours.normalize():f}学时", plan.class_hours, True)
        if plan.min_trainees:
            out["培训人数"] = Fact(f"{plan.min_trainees}人", Decimal(plan.min_trainees), True)
        if plan.trainers:
            out["培训讲师"] = Fact(f"{plan.trainers}名", Decimal(plan.trainers), True)
    out["负责网点"] = Fact(rp.service_point.name, rp.service_point.name, None)
    for duty, person in (("项目总联系人", rp.manager), ("日常服务联系人", rp.contact)):
        name = model.index.who(person) if person else "未载明"
        out[duty] = Fact(name, name, None)
    for row in rp.staffing:
        if row.headcount is not None:
            out[f"岗位“{row.role.name}”人数"] = Fact(f"{row.headcount}人", Decimal(row.headcount), True)
        if row.requirements:
            text = "；".join(row.requirements)
            out[f"岗位“{row.role.name}”任职要求"] = Fact(text, text, None)
    for res in compliance.evaluate(model, rp):
        if res.deviation is not None:
            label = f"偏离表 {res.requirement.clause}"
            out[label] = Fact(res.deviation.value, res.deviation.value, None)
    return {k: v for k, v in out.items() if v is not None}


_DEVIATION_RANK = {"负偏离": 0, "无偏离": 1, "正偏离": 2}


def _kind(value: Comparable | str) -> type:
    """The kind of value compared; a value that remembers its source is still of its kind."""
    return next(k for k in (Duration, Decimal, HoursPromise, str) if isinstance(value, k))


def _direction(label: str, old: Fact, new: Fact) -> Direction:
    if label.startswith("偏离表") and old.shown in _DEVIATION_RANK and new.shown in _DEVIATION_RANK:
        return Direction.STRICTER if _DEVIATION_RANK[new.shown] > _DEVIATION_RANK[old.shown] else Direction.LOOSER
    a, b = old.value, new.value
    if new.larger_is_stricter is None or old.larger_is_stricter is None or _kind(a) is not _kind(b):
        return Direction.CHANGED
    if a == b:
        return Direction.CHANGED  # same value, written differently (for hours: other windows, same promise)
    if isinstance(a, HoursPromise) and isinstance(b, HoursPromise):
        if b.covers(a):
            return Direction.STRICTER
        return Direction.LOOSER if a.covers(b) else Direction.CHANGED
    larger = b > a  # type: ignore[operator]
    return Direction.STRICTER if larger == new.larger_is_stricter else Direction.LOOSER


def compare(old: ServiceModel, new: ServiceModel) -> list[ProjectDiff]:
    """Per project, every promise that differs; projects only in one version say so."""
    before = {rp.id: rp for rp in old.projects}
    after = {rp.id: rp for rp in new.projects}
    out: list[ProjectDiff] = []
    for pid in [*after, *(p for p in before if p not in after)]:
        if pid not in before:
            out.append(ProjectDiff(pid, after[pid].project.name, "新增项目", ()))
            continue
        if pid not in after:
            out.append(ProjectDiff(pid, before[pid].project.name, "删除项目", ()))
            continue
        a, b = facts(old, before[pid]), facts(new, after[pid])
        changes: list[Change] = []
        for label in [*b, *(k for k in a if k not in b)]:
            if label not in a:
                changes.append(Change(label, None, b[label].shown, Direction.ADDED))
            elif label not in b:
                changes.append(Change(label, a[label].shown, None, Direction.REMOVED))
            elif a[label].shown != b[label].shown or a[label].value != b[label].value:
                changes.append(Change(label, a[label].shown, b[label].shown, _direction(label, a[label], b[label])))
        if changes:
            out.append(ProjectDiff(pid, after[pid].project.name, "有变化", tuple(changes)))
    return out


class RevisionError(Exception):
    pass


@contextmanager
def content_at(spec: str, content_dir: Path) -> Iterator[Path]:
    """A content folder: `spec` itself if it is a folder, else `content_dir` as it was
    at git revision `spec` (checked out into a temporary folder)."""
    path = Path(spec)
    if path.is_dir():
        yield path
        return
    repo = content_dir if content_dir.is_dir() else Path.cwd()

    def git(*args: str, at: Path = repo) -> bytes:
        done = subprocess.run(["git", "-C", str(at), *args], capture_output=True, check=False)
        if done.returncode:
            raise RevisionError(done.stderr.decode("utf-8", "replace").strip())
        return done.stdout

    try:
        prefix = git("rev-parse", "--show-prefix").decode().strip()
        top = Path(git("rev-parse", "--show-toplevel").decode().strip())
        git("rev-parse", "--verify", "--quiet", f"{spec}^{{commit}}")
    except (RevisionError, FileNotFoundError):
        raise RevisionError(f"“{spec}”既不是内容目录，也不是 git 版本") from None
    with tempfile.TemporaryDirectory(prefix="aftersales-diff-") as tmp:
        archive = Path(tmp) / "content.tar"
        try:  # run at the top: archive paths are relative to where git runs
            archive.write_bytes(git("archive", "--format=tar", spec, "--", prefix or ".", at=top))
        except RevisionError:
            raise RevisionError(f"版本 {spec} 中没有内容目录 {prefix or '.'}") from None
        with tarfile.open(archive) as tar:
            tar.extractall(Path(tmp) / "tree", filter="data")
        found = Path(tmp) / "tree" / prefix
        if not found.is_dir():
            raise RevisionError(f"版本 {spec} 中没有内容目录 {prefix or '.'}")
        yield found
