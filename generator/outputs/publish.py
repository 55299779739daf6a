"""Putting a build's files in place: which folders it may write, and all of them as one step.

A build first stages every document and the whole site next to where they go
(same file system, so a rename moves them), then swaps them in together. A
failure before the swap leaves every old file as it was; a failure during it
puts back what was already swapped. Folders aftersales writes carry a marker
file, so a later build can tell its own folder from a user's.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from generator.outputs.atomic import umask

MARKER = ".aftersales"
STAGING = ".aftersales-staging-"  # a build's staging folder; the pid inside says whose
# File names a build writes into a project's folder: an output folder holding only
# these (and no marker) was built by an aftersales from before the marker.
DOCUMENTS = frozenset(
    {"proposal.docx", "proposal-review.docx", "proposal.pdf", "manual.pdf", "schedule.ics", "compliance.xlsx"}
)


class Refused(Exception):
    """A folder the build must not write to: the user's to change (a usage error)."""


# errno → the reason in the user's words
REASONS = {
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.EROFS: "文件系统只读",
    errno.ENOSPC: "磁盘空间不足",
    errno.ENOTDIR: "路径中有同名文件而不是目录",
    errno.EISDIR: "这是一个目录",
    errno.ENOENT: "不存在",
    errno.EEXIST: "已有同名的文件",
    errno.ENAMETOOLONG: "文件名太长",
}


class Unwritable(Exception):
    """The file system refused a write (or a read): the path and the reason, in the user's words."""

    def __init__(self, exc: OSError, destinations: Iterable[Path] = ()) -> None:
        where = Path(exc.filename) if exc.filename else None
        reason = REASONS.get(exc.errno or 0, exc.strerror or str(exc))
        staged = [i for i, part in enumerate(where.parts) if part.startswith(STAGING)] if where else []
        if where is not None and staged:  # the user knows the folder, not our staging folder in it
            where = Path(*where.parts[: staged[0]])
        writing = where is None or bool(staged) or any(_overlaps(where, d) for d in destinations)
        super().__init__(f"{'无法写入' if writing else '无法读取'} {where or ''}：{reason}")


def _overlaps(a: Path, b: Path) -> bool:
    a, b = a.resolve(), b.resolve()
    return a == b or a in b.parents or b in a.parents


def _marker_kind(folder: Path) -> str | None:
    try:
        data = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data.get("kind") if isinstance(data, dict) and data.get("built_by") == "aftersales" else None


def _visible(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name != MARKER and not p.name.startswith(STAGING)]


def _legacy_output(folder: Path) -> bool:
    """Only project folders of documents: what aftersales wrote before it left a marker."""
    for entry in _visible(folder):
        if not entry.is_dir() or entry.is_symlink():
            return False
        if any(not f.is_file() or f.name not in DOCUMENTS for f in entry.iterdir()):
            return False
    return True


def _legacy_site(folder: Path) -> bool:
    """A handbook built before the marker: MkDocs' search index and the response-time chart."""
    return (folder / "search" / "search_index.json").is_file() and (folder / "assets" / "timeline.svg").is_file()


def check_destinations(
    out_dir: Path | None, site_dir: Path | None, content_dir: Path | None, templates: Iterable[Path]
) -> None:
    """Refuse folders a build would damage: content, templates, each other, or a folder of the user's."""
    named = [(d, label) for d, label in ((out_dir, "文档输出目录"), (site_dir, "网站目录")) if d is not None]
    protected = [(p, "内容目录") for p in (content_dir,) if p is not None] + [(p, "模板目录") for p in templates]
    for d, label in named:
        for p, what in protected:
            if _overlaps(d, p):
                raise Refused(f"{label} {d} 与{what} {p} 重叠：拒绝生成，以免覆盖或删除其中的文件")
        if d.exists() and not d.is_dir():
            raise Refused(f"{label} {d} 是一个文件，不是目录")
    if out_dir is not None and site_dir is not None and _overlaps(out_dir, site_dir):
        raise Refused(f"网站目录 {site_dir} 与文档输出目录 {out_dir} 重叠：网站每次整体替换，会删掉其中的文档")
    for folder, label, kind, legacy in (
        (out_dir, "文档输出目录", "output", _legacy_output),
        (site_dir, "网站目录", "site", _legacy_site),
    ):
        if folder is None or not folder.is_dir() or not _visible(folder):
            continue
        d = folder
        found = _marker_kind(d)
        if found == kind or (found is None and legacy(d)):
            continue
        what = f"是 aftersales 生成的{'网站' if found == 'site' else '文档'}目录" if found else "不是 aftersales 生成的"
        raise Refused(
            f"{label} {d} 不是空目录，且{what}（没有与之相符的 {MARKER} 标记）："
            "为免覆盖或删除其中的文件，拒绝生成。请换一个空目录或不存在的目录"
        )


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def remove_leftovers(folders: Iterable[Path]) -> list[Path]:
    """Staging folders a killed build left in these folders (only those whose process is gone)."""
    removed = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for stage in folder.glob(f"{STAGING}*"):
            try:
                pid = int((stage / "pid").read_text(encoding="ascii"))
            except (OSError, ValueError):
                continue  # not one of ours, or not yet written: leave it
            if stage.is_dir() and not stage.is_symlink() and not _pid_alive(pid):
                shutil.rmtree(stage, ignore_errors=True)
                removed.append(stage)
    return removed


def _marker(kind: str) -> bytes:
    # No time in it: the same content builds the same files (SOURCE_DATE_EPOCH).
    text = json.dumps({"built_by": "aftersales", "kind": kind}, ensure_ascii=False)
    return (text + "\n").encode("utf-8")


@dataclass
class _Swapped:
    final: Path
    backup: Path | None  # where the old file or folder went, to put it back or remove it


@dataclass
class Staging:
    """Stage documents under out_dir and the site next to site_dir, then commit() them together.

    Use as a context manager: leaving it without commit() (an error, Ctrl+C, SIGTERM)
    removes everything staged and any folder it created, and leaves old files alone.
    """

    out_dir: Path | None
    site_dir: Path | None
    _roots: list[Path] = field(default_factory=list)
    _created: list[Path] = field(default_factory=list)
    _files: list[tuple[Path, Path]] = field(default_factory=list)
    _site: Path | None = None
    _site_root: Path | None = None
    _committed: bool = False

    def __enter__(self) -> Staging:
        try:
            if self.out_dir is not None:
                self._root(self.out_dir)
            if self.site_dir is not None:
                self._site_root = self._root(self.site_dir.resolve().parent)
                self._site = self._site_root / "site"
        except BaseException:
            self._discard()
            raise
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self._discard()

    def _root(self, folder: Path) -> Path:
        """A staging folder in `folder` (made if missing), with our pid so a later build can tell it is stale."""
        remove_leftovers([folder])
        missing = [p for p in (folder, *folder.parents) if not p.exists()]
        folder.mkdir(parents=True, exist_ok=True)
        self._created += missing  # deepest first: removed in this order if nothing is committed
        root = Path(tempfile.mkdtemp(prefix=STAGING, dir=folder))
        self._roots.append(root)
        (root / "pid").write_text(str(os.getpid()), encoding="ascii")
        return root

    @property
    def site(self) -> Path:
        """The (not yet existing) folder the site is built into."""
        assert self._site is not None, "no site_dir given"
        return self._site

    @property
    def scratch(self) -> Path:
        """A folder for the site's sources, removed with the staging."""
        assert self._site_root is not None, "no site_dir given"
        return self._site_root / "work"

    def add(self, path: Path, data: bytes) -> None:
        """Stage one document for `path` (under out_dir)."""
        assert self.out_dir is not None
        staged = self._roots[0] / "files" / path.relative_to(self.out_dir)
        staged.parent.mkdir(parents=True, exist_ok=True)
        with open(staged, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        target_dir = path.parent
        while not target_dir.exists():
            target_dir = target_dir.parent
        if not os.access(target_dir, os.W_OK | os.X_OK):  # say so now, not halfway through the swap
            raise PermissionError(13, "Permission denied", str(target_dir))
        self._files.append((staged, path))

    def drop_site(self) -> None:
        """Leave the site as it is: what was staged for it goes with the staging folder."""
        self.site_dir = None

    def commit(self) -> None:
        """Swap everything staged into place; on a failure, put back what was already swapped."""
        done: list[_Swapped] = []
        mode = 0o666 & ~umask()
        try:
            if self.out_dir is not None:
                _write_marker(self.out_dir, "output")
            for staged, final in self._files:
                os.chmod(staged, mode)
                final.parent.mkdir(parents=True, exist_ok=True)
                backup = None
                if final.exists() or final.is_symlink():
                    backup = self._roots[0] / "old" / final.relative_to(self.out_dir or final.parent)
                    backup.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(final, backup)
                done.append(_Swapped(final, backup))
                os.replace(staged, final)
            if self.site_dir is not None and self._site is not None:
                (self._site / MARKER).write_bytes(_marker("site"))
                os.chmod(self._site, 0o777 & ~umask())  # mkdtemp's 0700 would hide it from a web server
                backup = None
                if self.site_dir.exists() or self.site_dir.is_symlink():
                    backup = self._site_root / "old" if self._site_root else None
                    assert backup is not None
                    os.replace(self.site_dir, backup)
                done.append(_Swapped(self.site_dir, backup))
                os.replace(self._site, self.site_dir)
        except BaseException:
            for swap in reversed(done):
                try:
                    _undo(swap)
                except OSError:  # put back all the others all the same
                    continue
            raise
        self._committed = True
        self._created = []  # folders made for the outputs now hold them

    def _discard(self) -> None:
        for root in self._roots:
            shutil.rmtree(root, ignore_errors=True)
        self._roots = []
        for folder in self._created:  # only folders this build made and left empty
            try:
                folder.rmdir()
            except OSError:
                break


def _undo(swap: _Swapped) -> None:
    if swap.final.is_dir() and not swap.final.is_symlink():
        shutil.rmtree(swap.final, ignore_errors=True)
    else:
        swap.final.unlink(missing_ok=True)
    if swap.backup is not None and (swap.backup.exists() or swap.backup.is_symlink()):
        os.replace(swap.backup, swap.final)


def _write_marker(folder: Path, kind: str) -> None:
    if _marker_kind(folder) != kind:
        (folder / MARKER).write_bytes(_marker(kind))
        os.chmod(folder / MARKER, 0o666 & ~umask())
