"""The proposal PDF's table of contents gives the page each heading is printed on."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEEDS
from extract import toc_errors

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
