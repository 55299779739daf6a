"""Incremental builds (outputs/cache.py, issue 15): an output is rendered again only when
what it is made from changed; an unchanged one is not rewritten and keeps its time; a
template change re-renders what uses it; --force renders all; a corrupt record is ignored."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import minimal

from generator.outputs import cache
from generator.outputs.shards import shard_of
from generator.pipeline import BuildResult, build

MakeTree = Callable[..., Path]
DOCS = {"proposal.docx", "proposal.pdf", "manual.pdf", "schedule.ics"}


def two_projects(make_tree: MakeTree) -> Path:
    """The minimal tree with a second project, so one project's edit can leave the other alone."""
    demo = minimal("projects/demo.yaml")
    return make_tree({"projects/other.yaml": demo.replace("示例项目", "另一项目").replace("T-001", "T-002")})


def names(paths: list[Path], out: Path) -> set[str]:
    return {p.relative_to(out).as_posix() for p in paths}


def written(result: BuildResult, out: Path) -> set[str]:
    assert result.error is None, result.error
    return names([o.path for o in result.written], out)


def times(out: Path) -> dict[str, int]:
    return {p.relative_to(out).as_posix(): p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def prebuilt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tree of two projects built once with its site (content/, output/, site/)."""
    from conftest import MINIMAL, write_tree

    root = tmp_path_factory.mktemp("prebuilt")
    demo = minimal("projects/demo.yaml")
    other = demo.replace("示例项目", "另一项目").replace("T-001", "T-002")
    content = write_tree(root / "content", {**MINIMAL, "projects/other.yaml": other})
    result = build(content, root / "output", site_dir=root / "site")
    every = {f"{p}/{n}" for p in ("demo", "other") for n in DOCS}
    assert written(result, root / "output") == every and result.site_pages > 0
    return root


@pytest.fixture
def first(prebuilt: Path, tmp_path: Path) -> tuple[Path, Path, Path]:
    """A copy of the built tree, files' times and all (the record keys on neither folder's
    place): (content, output, site)."""
    for name in ("content", "output", "site"):
        shutil.copytree(prebuilt / name, tmp_path / name, symlinks=True)
    return tmp_path / "content", tmp_path / "output", tmp_path / "site"


def test_nothing_changed_nothing_is_rewritten(first: tuple[Path, Path, Path]) -> None:
    content, out, site = first
    before, site_before = times(out), times(site)
    again = build(content, out, site_dir=site)
    assert written(again, out) == set() and len(again.fresh) == 8
    assert again.site_fresh and again.site_pages == 0
    assert times(out) == before and times(site) == site_before  # not rewritten: times kept


def test_one_project_edited_renders_that_project_and_the_site(first: tuple[Path, Path, Path]) -> None:
    content, out, site = first
    other = content / "projects" / "other.yaml"
    other.write_text(other.read_text(encoding="utf-8").replace("另一项目", "另一个项目"), encoding="utf-8")
    kept = {k: v for k, v in times(out).items() if k.startswith("demo/")}
    again = build(content, out, site_dir=site)
    assert written(again, out) == {f"other/{n}" for n in DOCS}
    assert names(again.fresh, out) == {f"demo/{n}" for n in DOCS}
    assert not again.site_fresh and again.site_pages > 0  # the handbook lists every project
    assert {k: v for k, v in times(out).items() if k.startswith("demo/")} == kept
    assert "另一个项目" in (site / "projects" / "other.html").read_text(encoding="utf-8")


def test_a_template_change_renders_what_uses_it(first: tuple[Path, Path, Path], tmp_path: Path) -> None:
    content, out, site = first
    own = tmp_path / "company-templates"
    own.mkdir()
    css = (cache.template_files([Path(cache.__file__).parents[2] / "templates"]))["manual.css"]
    (own / "manual.css").write_text(css.read_text(encoding="utf-8") + "\nhtml { font-size: 11pt; }\n")
    again = build(content, out, site_dir=site, templates=own)
    assert written(again, out) == {"demo/manual.pdf", "other/manual.pdf"}
    assert again.site_fresh
    # The same company templates again: nothing to do.
    assert written(build(content, out, site_dir=site, templates=own), out) == set()


def test_force_renders_everything(first: tuple[Path, Path, Path]) -> None:
    content, out, site = first
    again = build(content, out, site_dir=site, force=True)
    assert len(written(again, out)) == 8 and again.fresh == [] and again.site_pages > 0


@pytest.mark.parametrize("garbage", ["{not json", '{"format": 1, "outputs": [1, 2]}', '{"format": 999}', "[]"])
def test_a_corrupt_record_is_ignored_and_replaced(first: tuple[Path, Path, Path], garbage: str) -> None:
    content, out, site = first
    (out / cache.CACHE_NAME).write_text(garbage, encoding="utf-8")
    again = build(content, out, site_dir=site)
    assert len(written(again, out)) == 8 and again.site_pages > 0  # nothing trusted
    record = cache.Record.read(out)
    assert len(record.outputs) == 8 and record.site  # and a good record written in its place


def test_an_output_changed_by_hand_is_rendered_again(first: tuple[Path, Path, Path]) -> None:
    content, out, site = first
    (out / "demo" / "schedule.ics").write_bytes(b"edited")
    (out / "other" / "manual.pdf").unlink()
    (site / "index.html").write_text("edited", encoding="utf-8")
    again = build(content, out, site_dir=site)
    assert written(again, out) == {"demo/schedule.ics", "other/manual.pdf"}
    assert again.site_pages > 0 and "edited" not in (site / "index.html").read_text(encoding="utf-8")


def test_without_the_record_everything_is_rendered(first: tuple[Path, Path, Path]) -> None:
    content, out, site = first
    (out / cache.CACHE_NAME).unlink()
    assert len(written(build(content, out, site_dir=site), out)) == 8


def test_a_shard_builds_its_projects_and_the_site_only_in_the_first(make_tree: MakeTree, tmp_path: Path) -> None:
    content = two_projects(make_tree)
    shards = {pid: shard_of(pid, 2) for pid in ("demo", "other")}
    for i in (1, 2):
        out, site = tmp_path / f"out{i}", tmp_path / f"site{i}"
        result = build(content, out, site_dir=site, shard=(i, 2))
        assert written(result, out) == {f"{p}/{n}" for p, s in shards.items() if s == i for n in DOCS}
        assert site.is_dir() == (i == 1)


def test_shards_are_stable_and_cover_every_project() -> None:
    ids = [f"project-{i}" for i in range(200)]
    shards = {pid: shard_of(pid, 4) for pid in ids}
    assert set(shards.values()) == {1, 2, 3, 4}  # every runner gets some
    assert all(shard_of(pid, 4) == s for pid, s in shards.items())  # the same on every run
    assert {pid: shard_of(pid, 4) for pid in ids[:50]} == {pid: shards[pid] for pid in ids[:50]}
    assert all(shard_of(pid, 1) == 1 for pid in ids)


def test_the_same_content_elsewhere_is_the_same_input(first: tuple[Path, Path, Path], tmp_path: Path) -> None:
    # `first` is a copy of content, outputs and site built in another folder: all up to date.
    content, out, site = first
    assert written(build(content, out, site_dir=site), out) == set()


def test_an_edit_renders_only_the_outputs_whose_input_changed(first: tuple[Path, Path, Path]) -> None:
    # A tender clause is printed in the proposal and the 偏离表, not in the manual or the
    # handbook: their renderers read the same HTML and pages again, so their files stand.
    content, out, site = first
    demo = content / "projects" / "demo.yaml"
    clause = "requirements:\n  - clause: '1'\n    text: 质保期不少于3年。\n    check: {metric: 质保期, comparator: ≥, threshold: 3年}\n"
    demo.write_text(demo.read_text(encoding="utf-8") + clause, encoding="utf-8")
    before, site_before = times(out), times(site)
    again = build(content, out, site_dir=site)
    assert {"demo/proposal.pdf", "demo/proposal.docx", "demo/compliance.xlsx"} <= written(again, out)
    assert "demo/manual.pdf" in names(again.fresh, out) and again.site_fresh
    assert times(out)["demo/manual.pdf"] == before["demo/manual.pdf"] and times(site) == site_before
    # The record now leads from the new content to the kept files: nothing to do next time.
    assert written(build(content, out, site_dir=site), out) == set()


def test_a_comment_renders_nothing_anew(first: tuple[Path, Path, Path]) -> None:
    # The file's bytes changed, nothing any renderer reads did: the PDFs are not drawn and
    # the documents that came out the same are not rewritten.
    content, out, site = first
    demo = content / "projects" / "demo.yaml"
    demo.write_text("# 修改说明：无\n" + demo.read_text(encoding="utf-8"), encoding="utf-8")
    before = times(out)
    again = build(content, out, site_dir=site)
    # Stamped with the build's time, the calendar (DTSTAMP) and the DOCX (core properties)
    # differ each build; the PDFs and the site are as they were.
    assert written(again, out) <= {"demo/schedule.ics", "demo/proposal.docx"}
    assert again.site_fresh
    pdfs = [k for k in before if k.endswith(".pdf")]
    assert pdfs and {k: times(out)[k] for k in pdfs} == {k: before[k] for k in pdfs}


def test_a_reproducible_build_rewrites_nothing_a_comment_did_not_change(
    make_tree: MakeTree, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # With SOURCE_DATE_EPOCH the DOCX and the calendar carry the same stamp each build, so they
    # render to the same bytes as well and every file keeps its time.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    content, out = make_tree(), tmp_path / "output"
    assert written(build(content, out), out) == {f"demo/{n}" for n in DOCS}
    demo = content / "projects" / "demo.yaml"
    demo.write_text("# 修改说明：无\n" + demo.read_text(encoding="utf-8"), encoding="utf-8")
    before = times(out)
    again = build(content, out)
    assert written(again, out) == set() and len(again.fresh) == 4
    # Only the record changed: the new keys now lead to the same files.
    assert {k: v for k, v in times(out).items() if k != cache.CACHE_NAME} == {
        k: v for k, v in before.items() if k != cache.CACHE_NAME
    }


# --- the template lists the keys are made of -------------------------------------------------


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> set[str]:
    """The template files (by name under templates/) renders load from here on, however they
    load them: Jinja's loader, the stylesheets, the reference DOCX."""
    from jinja2 import FileSystemLoader

    from generator.outputs import docx_render, pdf_render, proposal, site

    seen: set[str] = set()
    get_source = FileSystemLoader.get_source

    def spy_source(self: FileSystemLoader, env: object, name: str) -> object:
        seen.add(name)
        return get_source(self, env, name)  # type: ignore[arg-type]

    stylesheet, reference = pdf_render.stylesheet, docx_render.reference_path
    monkeypatch.setattr(FileSystemLoader, "get_source", spy_source)
    monkeypatch.setattr(
        pdf_render, "stylesheet", lambda t=None, name="proposal.css": seen.add(name) or stylesheet(t, name)
    )
    monkeypatch.setattr(docx_render, "reference_path", lambda t=None: seen.add("reference.docx") or reference(t))
    for cached in (proposal.environment, pdf_render._environment, site.environment):
        cached.cache_clear()  # each render compiles its templates afresh, through the spy
    return seen


def covered(name: str, wanted: tuple[str, ...]) -> bool:
    return any(name.startswith(w) if w.endswith("/") else name == w for w in wanted)


@pytest.mark.parametrize("output", sorted(cache.PROJECT_OUTPUTS))
def test_each_document_reads_only_templates_its_key_covers(
    output: str, reads: set[str], example_model: object, tmp_path: Path
) -> None:
    # A template a renderer reads but its key leaves out would leave a stale file after a
    # company changes it: the lists in outputs/cache.py must cover every file actually read.
    import datetime as dt

    from generator.pipeline import RenderSettings, render_output

    model = example_model
    rp = next(p for p in model.projects if p.project.requirements)  # type: ignore[attr-defined]
    settings = RenderSettings(tmp_path, None, dt.datetime(2026, 3, 1, tzinfo=dt.UTC))
    data, _ = render_output(model, rp, output, settings)  # type: ignore[arg-type]
    assert data
    wanted, _ = cache.PROJECT_OUTPUTS[output]
    assert {n for n in reads if not covered(n, wanted)} == set()
    if wanted:
        assert reads, "the spy saw nothing: the test no longer watches how templates are read"


def test_the_site_reads_only_templates_its_key_covers(reads: set[str], example_model: object, tmp_path: Path) -> None:
    from generator.outputs import site

    site.prepare(example_model, None, tmp_path / "work")  # type: ignore[arg-type]
    assert reads and {n for n in reads if not covered(n, cache.SITE_TEMPLATES)} == set()
