"""The proposal PDF's table of contents gives the page each heading is printed on."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import SEEDS, minimal
from extract import pdf_pages, toc_errors

from generator.outputs import pdf_render, proposal
from generator.pipeline import check

EXAMPLE_PROJECTS = ["qingshi-classroom", "linchuan-gov-dc", "yunxi-cdc-network"]


@pytest.mark.needs("pdftotext", "pdfinfo")
@pytest.mark.parametrize("project_id", EXAMPLE_PROJECTS)
def test_example_toc_page_numbers(built: Path, project_id: str) -> None:
    count, wrong = toc_errors(built / project_id / "proposal.pdf")
    assert count > 20 and wrong == []


@pytest.mark.needs("pdftotext", "pdfinfo")
@pytest.mark.parametrize("tree", ["s000_network", "s001_integrator", "s002_classroom"])
def test_seed_toc_page_numbers(tree: str, tmp_path: Path) -> None:
    model = check(SEEDS / tree).model
    assert model is not None
    for rp in model.projects:
        pdf = tmp_path / f"{rp.id}.pdf"
        pdf.write_bytes(pdf_render.render(proposal.build(model, rp)))
        count, wrong = toc_errors(pdf)
        assert count > 10 and wrong == [], (rp.id, wrong)


@pytest.mark.needs("pdftotext", "pdfinfo")
def test_a_title_that_wraps_has_its_page_on_its_last_line(make_tree: Callable[..., Path], tmp_path: Path) -> None:
    """The page number follows the end of the title, not its first line, and never
    overlaps it (the dots are drawn, so the text shows the title, spaces and the page)."""
    long_title = "用户方自有设备及第三方设备的代为保管、定期核查、出入库登记与损坏赔偿责任划分说明"
    prose = f"""
        blocks:
          - id: custody
            title: {long_title}
            body: 按合同附件执行。
    """
    project = minimal("projects/demo.yaml").rstrip("\n") + "\nsections:\n  - letter\n  - prose:custody\n  - warranty\n"
    model = check(make_tree({"prose.yaml": prose, "projects/demo.yaml": project})).model
    assert model is not None
    pdf = tmp_path / "p.pdf"
    pdf.write_bytes(pdf_render.render(proposal.build(model, model.projects[0])))
    count, wrong = toc_errors(pdf)
    assert count == 3 and wrong == []
    toc = pdf_pages(pdf)[0]
    lines = [ln.strip() for ln in toc.splitlines() if ln.strip()]
    at = next(i for i, ln in enumerate(lines) if long_title[:6] in ln)
    first, last = lines[at], lines[at + 1]
    assert not re.search(r"\s\d+$", first)  # no page on the title's first line
    assert re.search(rf"{long_title[-4:]}[\s.…]{{2,}}\d+$", last), last
