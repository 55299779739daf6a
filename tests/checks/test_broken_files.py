"""An optional file that fails to load or validate: its own error and one note that the checks
needing it were skipped, never its ids reported as unknown everywhere (issue 13, item 5)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLE

from generator.pipeline import check
from generator.reading.diagnostics import Diagnostic, Report, Severity

# What the example content refers to in each optional file, and what a skipped check says.
UNKNOWN = {
    "manufacturers.yaml": "未知的厂商",  # partners' manufacturers, projects' equipment and joint_with
    "partners.yaml": "未知的合作伙伴",  # projects' partners
    "training.yaml": "未知的培训方案",  # projects' training_plan
    "prose.yaml": "未知的自由文本块",  # projects' sections prose:…
}


def example_with(tmp_path: Path, name: str, text: str) -> Path:
    root = tmp_path / "content"
    shutil.copytree(EXAMPLE, root)
    (root / name).write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize("name", sorted(UNKNOWN))
def test_syntax_error_gives_its_error_and_one_note(name: str, tmp_path: Path) -> None:
    original = (EXAMPLE / name).read_text(encoding="utf-8")
    root = example_with(tmp_path, name, original + "broken: [unclosed\n")
    report = check(root).report
    [error] = report.errors
    assert error.location is not None and error.location.file == root / name
    assert error.message.startswith("YAML 语法错误")
    notes = [d for d in report.items if d.severity is Severity.NOTE]
    assert len(notes) == 1 and notes[0].location is not None and notes[0].location.file == root / name
    assert notes[0].message.startswith(f"{name} 有错误，已跳过依赖它的检查：")
    assert not any(UNKNOWN[name] in d.message or "未知的" in d.message for d in report.items)
    # The note follows the error it is about, though it has no line and the error has one.
    assert [d.severity for d in report.sorted()] == [Severity.ERROR, Severity.NOTE]


@pytest.mark.parametrize("name", sorted(UNKNOWN))
def test_schema_error_gives_its_errors_and_one_note(name: str, tmp_path: Path) -> None:
    original = (EXAMPLE / name).read_text(encoding="utf-8")
    root = example_with(tmp_path, name, original + "no_such_key: 1\n")
    report = check(root).report
    [error] = report.errors
    assert (
        error.location is not None and error.location.file == root / name and "未知的键“no_such_key”" in error.message
    )
    assert len([d for d in report.items if d.severity is Severity.NOTE]) == 1
    assert not any(UNKNOWN[name] in d.message for d in report.items)


def test_manufacturers_note_names_every_skipped_check(tmp_path: Path) -> None:
    root = example_with(tmp_path, "manufacturers.yaml", "manufacturers: [\n")
    [note] = [d for d in check(root).report.items if d.severity is Severity.NOTE]
    assert note.format().endswith(
        "manufacturers.yaml: note: manufacturers.yaml 有错误，已跳过依赖它的检查：对厂商的引用（合作伙伴的授权厂商、"
        "品牌质保、项目的设备厂商和联合服务厂商、产品线的厂商与标签）；各项目的日期、承诺与偏离表检查也在改正后进行"
    )


def test_two_broken_files_give_one_note(tmp_path: Path) -> None:
    root = example_with(tmp_path, "partners.yaml", "partners: [\n")
    (root / "training.yaml").write_text("plans: [\n", encoding="utf-8")
    report = check(root).report
    assert len(report.errors) == 2
    [note] = [d for d in report.items if d.severity is Severity.NOTE]
    assert note.message.startswith("partners.yaml、training.yaml 有错误，已跳过依赖它们的检查：")
    assert "对合作伙伴的引用" in note.message and "对培训方案的引用" in note.message


def test_a_note_does_not_fail_strict() -> None:
    assert not Report([Diagnostic.note("x")]).failed(strict=True)


def test_a_refused_file_counts_as_broken(tmp_path: Path) -> None:
    root = example_with(tmp_path, "partners.yaml", "")
    (root / "partners.yaml").unlink()
    (root / "partners.yaml").mkdir()
    report = check(root).report
    assert [d.message for d in report.errors] == ["不是普通文件，而是目录：内容文件必须是普通文件，未读取"]
    assert len([d for d in report.items if d.severity is Severity.NOTE]) == 1
