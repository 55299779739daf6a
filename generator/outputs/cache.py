"""What the last build wrote, so the next one renders only what changed.

Each output is keyed by a hash of what it is made from: the content files it reads
(every company-level file and, for a project's documents, that project's file), the
templates and stylesheets of its kind (the company's own first, as the build finds
them), the fonts a PDF embeds, aftersales' own code with the libraries installed
beside it, and the build date where the output prints it (the manual's edition).
Content files are hashed as bytes: the model is a pure function of them, so equal
bytes mean an equal model slice, and nothing has to be parsed to know it.

The record lives in the output folder (.aftersales-cache.json). It is only a hint:
an output counts as up to date when its key matches *and* the file on disk still has
the hash recorded when it was written. A record that cannot be read, or is not in
this format, is ignored as if there were none; deleting it only costs a full build.

This module imports nothing heavy: a build whose inputs did not change at all is
answered from here without loading the content (cli.py's fast path).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.outputs.atomic import write_bytes

CACHE_NAME = ".aftersales-cache.json"
FORMAT = 1

# The documents of one project, in the order the summary lists them, and what each reads
# besides content: template files (a folder ends in /) and whether it embeds fonts.
PROJECT_OUTPUTS: dict[str, tuple[tuple[str, ...], bool]] = {
    "proposal.docx": (("proposal/", "reference.docx"), False),
    "proposal-review.docx": (("proposal/", "reference.docx"), False),
    "proposal.pdf": (("proposal/", "proposal.html.j2", "proposal.css"), True),
    "manual.pdf": (("manual.html.j2", "manual.css"), True),
    "schedule.ics": ((), False),
    "compliance.xlsx": ((), False),
}
SITE = "site"
SITE_TEMPLATES = ("site/",)
# Outputs that print where content files are (the review copy's comments cite file:line).
NAMES_FILES = frozenset({"proposal-review.docx"})
# Outputs that print the build date (the manual's edition): their key has the date in it.
DATED = frozenset({"manual.pdf"})

CHINA = dt.timezone(dt.timedelta(hours=8), "CST")  # no daylight saving since 1991


def build_time() -> dt.datetime:
    """Now, or SOURCE_DATE_EPOCH for reproducible builds (reproducible-builds.org)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


_FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts")
_CODE = Path(__file__).resolve().parents[1]  # the generator package


def _digest(parts: Iterable[Any]) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part if isinstance(part, bytes) else str(part).encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


def digest(*parts: str) -> str:
    return _digest(parts)


def file_hash(path: Path) -> str | None:
    try:
        with open(path, "rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError:
        return None


def _files(root: Path) -> Iterator[Path]:
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__pycache__")))
        for name in sorted(names):
            if not name.startswith("."):
                yield Path(folder) / name


def code_fingerprint() -> str:
    """aftersales' own source and the versions of every library installed beside it."""
    parts: list[Any] = []
    for path in _files(_CODE):
        if path.suffix == ".py":
            parts += [path.relative_to(_CODE), path.read_bytes()]
    for entry in sys.path:
        if entry.endswith("site-packages") and os.path.isdir(entry):
            parts += sorted(n for n in os.listdir(entry) if n.endswith(".dist-info"))
    return _digest(parts)


def fonts_fingerprint() -> str:
    """The font files fontconfig can pick from: a new or updated font changes every PDF."""
    parts: list[Any] = []
    for d in _FONT_DIRS:
        root = Path(d).expanduser()
        for path in _files(root) if root.is_dir() else ():
            try:
                st = path.stat()
            except OSError:
                continue
            parts += [path, st.st_size, st.st_mtime_ns]
    return _digest(parts)


def template_files(search_path: list[Path]) -> dict[str, Path]:
    """Each template's name and the file the build uses for it (a company's own first)."""
    found: dict[str, Path] = {}
    for root in search_path:
        if root.is_dir():
            for path in _files(root):
                found.setdefault(path.relative_to(root).as_posix(), path)
    return found


def _templates_of(files: Mapping[str, Path], wanted: tuple[str, ...]) -> str:
    names = [n for n in sorted(files) if any(n.startswith(w) if w.endswith("/") else n == w for w in wanted)]
    return _digest(x for n in names for x in (n, files[n].read_bytes()))


def content_files(content_dir: Path) -> tuple[list[Path], dict[str, Path]]:
    """The company-level files a build reads (or refuses) and each project's file, by id."""
    company = [p for p in sorted(content_dir.iterdir()) if p.suffix.lower() in (".yaml", ".yml") and p.is_file()]
    projects_dir = content_dir / "projects"
    projects = {}
    if projects_dir.is_dir():
        for p in sorted(projects_dir.iterdir()):
            if p.suffix.lower() in (".yaml", ".yml") and p.is_file():
                projects[p.stem] = p
    return company, projects


@dataclass(frozen=True)
class Inputs:
    """The fingerprints one build's keys are made of, each computed once."""

    code: str
    fonts: str
    templates: dict[str, str]  # an output's name (or "site") → hash of the templates it reads
    company: str  # every company-level content file
    projects: dict[str, str]  # project id → its file
    date: str  # the build date, in China, as the manual prints its edition
    site_dir: str
    content_dir: str  # the review copy's comments name the files they cite

    @classmethod
    def gather(cls, content_dir: Path, search_path: list[Path], date: dt.date, site_dir: Path | None) -> Inputs:
        company, projects = content_files(content_dir)
        files = template_files(search_path)
        templates = {name: _templates_of(files, wanted) for name, (wanted, _) in PROJECT_OUTPUTS.items()}
        templates[SITE] = _templates_of(files, SITE_TEMPLATES)
        return cls(
            code=code_fingerprint(),
            fonts=fonts_fingerprint(),
            templates=templates,
            company=_digest(x for p in company for x in (p.name, p.read_bytes())),
            projects={pid: _digest([p.read_bytes()]) for pid, p in projects.items()},
            date=date.isoformat(),
            site_dir=str(site_dir.resolve()) if site_dir is not None else "",
            content_dir=str(content_dir.resolve()),
        )

    def key(self, project: str, name: str) -> str:
        """One project's document."""
        _, embeds_fonts = PROJECT_OUTPUTS[name]
        return _digest(
            [
                FORMAT,
                name,
                self.code,
                self.fonts if embeds_fonts else "",
                self.templates[name],
                self.company,
                self.projects.get(project, ""),
                self.date if name in DATED else "",
                self.content_dir if name in NAMES_FILES else "",
            ]
        )

    def site_key(self) -> str:
        """The handbook reads every file: the company's and every project's."""
        projects = [x for pid in sorted(self.projects) for x in (pid, self.projects[pid])]
        return _digest([FORMAT, SITE, self.code, self.templates[SITE], self.company, *projects])

    def source_key(self, name: str, *sources: str) -> str:
        """What a renderer reads once the model has been turned into its input (a PDF's HTML
        and stylesheet, the site's MkDocs folder): equal means the same file, whatever in the
        content changed on the way (a tender clause leaves the manual as it was)."""
        _, embeds_fonts = PROJECT_OUTPUTS.get(name, ((), False))
        return _digest([FORMAT, "source", name, self.code, self.fonts if embeds_fonts else "", *sources])

    def whole_key(self, options: Iterable[Any]) -> str:
        """Everything at once, with the build's options: equal means the last build's result stands."""
        return _digest(
            [
                FORMAT,
                self.code,
                self.fonts,
                *sorted(self.templates.items()),
                self.company,
                *sorted(self.projects.items()),
                self.date,
                self.site_dir,
                self.content_dir,
                *options,
            ]
        )


def folder_digest(folder: Path) -> str:
    """Every file's name and bytes under a folder (the site's sources)."""
    return _digest(x for p in _files(folder) for x in (p.relative_to(folder).as_posix(), p.read_bytes()))


def site_fingerprint(site_dir: Path) -> str | None:
    """Names, sizes and times of the site's files: a site someone changed is built again."""
    if not site_dir.is_dir():
        return None
    parts: list[Any] = []
    for folder, dirs, names in os.walk(site_dir):
        dirs.sort()
        for name in sorted(names):
            path = Path(folder) / name
            try:
                st = path.lstat()
            except OSError:
                return None
            parts += [path.relative_to(site_dir), st.st_size, st.st_mtime_ns]
    return _digest(parts)


@dataclass
class Record:
    """The cache file's contents: per output (path relative to the output folder) its key,
    the hash of the file written and the hash of what its renderer read ("source", where
    kept); the site's key, fingerprint and source; the last whole build."""

    outputs: dict[str, dict[str, str]] = field(default_factory=dict)
    site: dict[str, str] = field(default_factory=dict)
    whole: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def read(cls, out_dir: Path) -> Record:
        """The record, or an empty one where it is missing, unreadable or not ours."""
        try:
            data = json.loads((out_dir / CACHE_NAME).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return cls()
        outputs, site, whole = data.get("outputs"), data.get("site"), data.get("whole")
        if not isinstance(outputs, dict) or not isinstance(site, dict) or not isinstance(whole, dict):
            return cls()
        good = {
            k: v
            for k, v in outputs.items()
            if isinstance(k, str)
            and isinstance(v, dict)
            and isinstance(v.get("key"), str)
            and isinstance(v.get("sha256"), str)
            and isinstance(v.get("source", ""), str)
        }
        return cls(good, {k: v for k, v in site.items() if isinstance(v, str)}, whole)

    def intact(self, out_dir: Path, path: Path) -> dict[str, str] | None:
        """The entry of the file at `path` if the file is still as written (hashed once here;
        the entry then answers for its key, its source and its bytes), else None."""
        entry = self.outputs.get(path.relative_to(out_dir).as_posix())
        return entry if entry is not None and file_hash(path) == entry["sha256"] else None

    def site_intact(self, site_dir: Path) -> dict[str, str] | None:
        """The site's entry if the site is still as built, else None."""
        files = self.site.get("files")
        return self.site if files and site_fingerprint(site_dir) == files else None

    def last_build(self, out_dir: Path, key: str, site_dir: Path | None, site_key: str) -> dict[str, Any] | None:
        """The last whole build's record if this build is that build again (same key) and every
        file it wrote, the site included, is still as written; else None."""
        whole, files = self.whole, self.whole.get("files")
        if whole.get("key") != key or not isinstance(files, list):
            return None
        for name in files:
            entry = self.intact(out_dir, out_dir / name) if isinstance(name, str) and name in self.outputs else None
            if entry is None:
                return None
        if site_dir is not None:
            site = self.site_intact(site_dir)
            if site is None or site.get("key") != site_key:
                return None
        return whole

    def wrote(self, out_dir: Path, path: Path, key: str, data: bytes, source: str = "") -> None:
        entry = {"key": key, "sha256": hashlib.sha256(data).hexdigest()}
        self.outputs[path.relative_to(out_dir).as_posix()] = entry | ({"source": source} if source else {})

    def kept(self, out_dir: Path, path: Path, key: str, source: str = "") -> None:
        """The file stays as it is (read from the same source, or rendered to the same bytes):
        the new key, and the source it was found to hold, now lead to it."""
        entry = self.outputs[path.relative_to(out_dir).as_posix()]
        entry["key"] = key
        if source:
            entry["source"] = source

    def wrote_site(self, site_dir: Path, key: str, source: str = "") -> None:
        files = site_fingerprint(site_dir)
        self.site = {"key": key, "files": files, "source": source} if files else {}

    def kept_site(self, key: str) -> None:
        self.site["key"] = key  # found built from the same sources: its source stays

    def write(self, out_dir: Path) -> None:
        """Atomically, like every output; a failure leaves the old record (or none)."""
        data = {"format": FORMAT, "outputs": self.outputs, "site": self.site, "whole": self.whole}
        text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode()
        try:
            if (out_dir / CACHE_NAME).read_bytes() == text:
                return  # as it was: a build that changed nothing changes no file
        except OSError:
            pass
        write_bytes(out_dir / CACHE_NAME, text)
