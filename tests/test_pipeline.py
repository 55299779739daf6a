"""The build as a whole: several projects render in parallel, all or nothing is written."""

from __future__ import annotations

from pathlib import Path

from conftest import MINIMAL, minimal, write_tree

from generator import pipeline


def two_projects(root: Path) -> Path:
    other = minimal("projects/demo.yaml").replace("name: 示例项目", "name: 第二个项目")
    return write_tree(root, {**MINIMAL, "projects/second.yaml": other})


class Steps:
    def __init__(self) -> None:
        self.seen: list[tuple[str, str]] = []

    def step(self, project: str, output: str) -> None:
        self.seen.append((project, output))


def test_two_projects_render_in_worker_processes_in_project_order(tmp_path: Path) -> None:
    progress = Steps()
    result = pipeline.build(two_projects(tmp_path / "content"), tmp_path / "out", progress=progress)
    # Workers report the steps a project rendered here would: what the progress bar counts on.
    assert result.model is not None
    assert len(progress.seen) == sum(pipeline.steps(rp) for rp in result.model.projects)
    assert result.error is None, result.error
    # Up to date the second time: every output still counts one step, none renders.
    again = Steps()
    assert pipeline.build(two_projects(tmp_path / "content"), tmp_path / "out", progress=again).written == []
    assert sorted(again.seen) == sorted(progress.seen)
    names = [(o.path.parent.name, o.path.name) for o in result.written]
    assert names == [
        (pid, name)
        for pid in ("demo", "second")
        for name in ("proposal.docx", "proposal.pdf", "manual.pdf", "schedule.ics")
    ]
    assert all((tmp_path / "out" / pid / "manual.pdf").read_bytes().startswith(b"%PDF") for pid in ("demo", "second"))


def test_a_broken_company_template_fails_the_build_with_its_name_and_writes_nothing(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "manual.html.j2").write_text("<p>{{ m.no_such_field }}</p>\n", encoding="utf-8")
    out = tmp_path / "out"
    result = pipeline.build(two_projects(tmp_path / "content"), out, templates=templates)
    assert result.error is not None and "manual.html.j2" in result.error
    assert result.written == []
    assert not out.exists()


def test_steps_count_the_compliance_workbook_only_where_there_are_clauses(example_model) -> None:  # type: ignore[no-untyped-def]
    # One step per document: the progress bar counts jobs (and the site, one more).
    steps = {rp.id: pipeline.steps(rp) for rp in example_model.projects}
    assert steps == {"linchuan-gov-dc": 4, "qingshi-classroom": 5, "yunxi-cdc-network": 5}
