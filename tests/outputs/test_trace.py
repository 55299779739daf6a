"""Values the templates print carry their sources into the proposal's document model,
the review .docx and `aftersales trace`; untraced rendering prints the same text."""

from __future__ import annotations

import json
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLE, minimal

from generator.cli import main
from generator.model.sources import Source, sourced
from generator.outputs import docx_render, proposal, trace
from generator.outputs.document import Paragraph, Run
from generator.outputs.markup import Reader
from generator.pipeline import build, check

MakeTree = Callable[..., Path]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HERE = Source(Path("content/commitments.yaml"), 4, 11, "warranty.period")


def _reader(values: list[trace.Value]) -> Reader:
    return Reader(lambda ref: pytest.fail("no figures"), lambda ref: [], values)


def test_a_marked_value_becomes_a_run_with_its_sources() -> None:
    env = proposal.make_environment()
    template = env.from_string('<section title="{{ t }}标题"><p>质保期为<b>{{ v }}</b>，见附件。</p></section>')
    with trace.recording(mark=True) as rec:
        xml = template.render(v=sourced("3年", [HERE]), t=sourced("甲", [HERE]))
    [section] = _reader(rec.values).sections(xml)
    assert section.title == "甲标题"  # attributes keep the text, not the marks
    [para] = section.blocks
    assert isinstance(para, Paragraph)
    assert para.runs == (Run("质保期为"), Run("3年", strong=True, sources=(HERE,)), Run("，见附件。"))


def test_without_a_recording_the_same_text_prints() -> None:
    env = proposal.make_environment()
    assert env.from_string("{{ v }}").render(v=sourced("3年", [HERE])) == "3年"
    with trace.recording() as rec:  # noting only: the text is unchanged
        assert env.from_string("{{ v }}").render(v=sourced("3年", [HERE])) == "3年"
    assert rec.values == [trace.Value("3年", (HERE,))]


def test_filters_keep_sources() -> None:
    env = proposal.make_environment()
    with trace.recording() as rec:
        env.from_string("{{ v | within }}").render(v=check_model_duration())
    [value] = rec.values
    assert value.text == "3年内" and value.sources == (HERE,)


def check_model_duration() -> Any:
    from generator.model.durations import Duration

    return sourced(Duration.parse("3年"), [HERE])


def _comments(docx: Path) -> list[str]:
    with zipfile.ZipFile(docx) as z:
        if "word/comments.xml" not in z.namelist():
            return []
        root = ET.fromstring(z.read("word/comments.xml"))
    return ["".join(t.text or "" for t in c.iter(f"{W}t")) for c in root.iter(f"{W}comment")]


def test_the_review_docx_comments_each_value_with_its_source(make_tree: MakeTree, tmp_path: Path) -> None:
    root = make_tree()
    result = check(root)
    assert result.model is not None
    doc = proposal.build(result.model, result.model.project("demo"))
    (tmp_path / "plain.docx").write_bytes(docx_render.render(doc))
    (tmp_path / "review.docx").write_bytes(docx_render.render(doc, review=True))
    assert _comments(tmp_path / "plain.docx") == []
    comments = _comments(tmp_path / "review.docx")
    period = f"来源：{Source(root / 'commitments.yaml', 4, 11, 'warranty.period').zh()}"
    assert period in comments  # the warranty period, in the letter and the warranty section
    assert f"来源：{Source(root / 'projects/demo.yaml', 1, 7, 'name').zh()}" in comments
    runs = sum(1 for s in doc.sections for _ in _sourced_runs(s))
    assert len(comments) == runs > 20


def _sourced_runs(section: Any) -> Any:
    for block in section.blocks:
        inlines = (
            [block.runs]
            if hasattr(block, "runs")
            else list(getattr(block, "items", ())) + [c.runs for row in getattr(block, "rows", ()) for c in row.cells]
        )
        for inline in inlines:
            yield from (r for r in inline if r.sources)
    for child in section.children:
        yield from _sourced_runs(child)


def test_build_review_writes_the_review_copy(make_tree: MakeTree, tmp_path: Path) -> None:
    result = build(make_tree(), tmp_path / "out", site_dir=tmp_path / "site", review=True)
    assert result.error is None
    names = sorted(p.name for p in (tmp_path / "out" / "demo").iterdir())
    assert names == ["manual.pdf", "proposal-review.docx", "proposal.docx", "proposal.pdf", "schedule.ics"]
    assert _comments(tmp_path / "out" / "demo" / "proposal-review.docx")


@pytest.mark.needs("soffice", "pdftotext")
def test_libreoffice_opens_the_review_copy(built_review: Path, tmp_path: Path) -> None:
    profile = tmp_path / "lo-profile"
    proc = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir",
         str(tmp_path), str(built_review)],
        capture_output=True, text=True, timeout=240, check=False,
    )  # fmt: skip
    pdf = tmp_path / "proposal-review.pdf"
    assert proc.returncode == 0 and pdf.exists(), proc.stderr
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "售后服务承诺书" in text


@pytest.fixture
def built_review(make_tree: MakeTree, tmp_path: Path) -> Path:
    result = build(make_tree(), tmp_path / "out", review=True)
    assert result.error is None
    return tmp_path / "out" / "demo" / "proposal-review.docx"


def test_trace_lists_every_output_with_sources(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["trace", "linchuan-gov-dc", "--content", str(EXAMPLE), "--format", "json", "--quiet"]) == 0
    data = json.loads(capsys.readouterr().out)
    values = data["values"]
    assert {v["output"] for v in values} == {"proposal.docx", "manual.pdf", "schedule.ics", "site"}
    assert all(v["sources"] for v in values)
    # The project's own warranty: 3年 (commitments.yaml) in the proposal and the manual.
    period = [v for v in values if v["sources"][0]["path"] == "warranty.period"]
    assert {v["output"] for v in period} >= {"proposal.docx", "manual.pdf", "site"}
    assert {v["sources"][0]["file"] for v in period} == {"content/commitments.yaml"}
    # A value a project override sets points at the project file.
    overridden = [v for v in values if v["sources"][0]["file"] == "content/projects/linchuan-gov-dc.yaml"]
    assert any(s["path"].startswith("overrides.commitments") for v in overridden for s in v["sources"])


def test_trace_of_an_unknown_project_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["trace", "nope", "--content", str(EXAMPLE)]) == 2
    assert "未知的项目：nope" in capsys.readouterr().err


def test_trace_text(capsys: pytest.CaptureFixture[str], make_tree: MakeTree) -> None:
    root = make_tree({"projects/demo.yaml": minimal("projects/demo.yaml")})
    assert main(["trace", "demo", "--content", str(root), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "== proposal.docx" in out and "== manual.pdf" in out
    assert "｜3年｜" in out and "commitments.yaml:4:11（warranty.period）" in out
