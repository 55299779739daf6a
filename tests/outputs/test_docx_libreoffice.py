"""The DOCX as LibreOffice renders it (fonts as on a Linux desktop with the README's
aliases): a table of contents with the right page numbers, and no number broken."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from extract import docx_text, toc_errors
from libreoffice import to_pdf

from generator.outputs import proposal
from generator.outputs.document import numbered

PROJECTS = ["qingshi-classroom", "linchuan-gov-dc", "yunxi-cdc-network"]
# What must never break across lines: phone numbers, time windows, sums of money.
UNBREAKABLE = re.compile(r"\d{3,4}-\d{3,4}-\d{4}|\d{1,2}:\d{2}[—–-]\d{1,2}:\d{2}|\d[\d,]*\.\d{2}元")


@pytest.fixture(scope="module")
def rendered(built: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("libreoffice")
    return {pid: to_pdf(built / pid / "proposal.docx", out / pid) for pid in PROJECTS}


def layout_text(pdf: Path) -> str:
    """The PDF's lines; LibreOffice sets a small space between a number and a Chinese unit
    (autospacing), which is no break: it is taken out here."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"(?<=\d) (?=[元])", "", text)


@pytest.mark.needs("soffice", "pdftotext", "pdfinfo")
@pytest.mark.parametrize("project_id", PROJECTS)
def test_every_heading_is_in_the_toc_with_its_page(
    rendered: dict[str, Path], example_model: object, project_id: str
) -> None:
    doc = proposal.build(example_model, example_model.project(project_id))  # type: ignore[attr-defined]
    listed = [s for depth, _, s in numbered(doc) if depth <= 2]
    count, wrong = toc_errors(rendered[project_id])
    assert count == len(listed) and wrong == []


@pytest.mark.needs("soffice", "pdftotext")
@pytest.mark.parametrize("project_id", PROJECTS)
def test_no_number_breaks_in_libreoffice(built: Path, rendered: dict[str, Path], project_id: str) -> None:
    printed = set(UNBREAKABLE.findall(docx_text(built / project_id / "proposal.docx")))
    assert printed
    text = layout_text(rendered[project_id])
    assert sorted(t for t in printed if t not in text) == []


@pytest.mark.needs("pdftotext")
@pytest.mark.parametrize("project_id", PROJECTS)
def test_no_number_breaks_in_the_pdf(built: Path, project_id: str) -> None:
    printed = set(UNBREAKABLE.findall(docx_text(built / project_id / "proposal.docx")))
    text = layout_text(built / project_id / "proposal.pdf")
    assert sorted(t for t in printed if t not in text) == []


@pytest.mark.needs("soffice", "pdffonts")
def test_songti_and_heiti_are_the_chinese_faces(rendered: dict[str, Path]) -> None:
    fonts = subprocess.run(["pdffonts", str(rendered["yunxi-cdc-network"])], capture_output=True, text=True).stdout
    # 宋体 body as the serif Noto CJK face, 黑体 headings as the sans one (not a fallback sans for all).
    assert "NotoSerifCJK" in fonts and "NotoSansCJK" in fonts
