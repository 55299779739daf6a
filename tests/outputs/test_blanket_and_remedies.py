"""Limits for several levels at once, typed remedies and the name of the level scheme reach
every output a reader expects them in: the proposal (response and warranty sections, the
承诺书), the manual's fault page and the handbook, worded the same everywhere (issue 14)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import minimal, ungraded_commitments
from extract import docx_text, flat, pdf_text, site_pages

from generator.pipeline import build

EXTRAS = """\
  scheme: 服务请求
  blanket:
    - measure: phone
      within: 1小时
      scope: 所有报修
    - measure: arrival
      within: {city: 90分钟, far: 6小时}
      levels: [l1]
  remedies:
    - measure: arrival
      after: 12小时
      kind: 备机
      what: 同档次备机
      free: true
    - event: 设备在运输过程中损坏
      kind: 更换
      unconditional: true
      what: 同型号新品
"""


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    from conftest import MINIMAL, write_tree

    root = tmp_path_factory.mktemp("extras")
    text = minimal("commitments.yaml").replace("response:\n", "response:\n" + EXTRAS, 1)
    content = write_tree(root / "content", {**MINIMAL, "commitments.yaml": text})
    result = build(content, root / "output", site_dir=root / "site")
    assert result.error is None and result.written, result.report.format()
    pages = site_pages(root / "site")
    return {
        "proposal": docx_text(root / "output" / "demo" / "proposal.docx"),
        "proposal.pdf": pdf_text(root / "output" / "demo" / "proposal.pdf"),
        "manual": pdf_text(root / "output" / "demo" / "manual.pdf"),
        "site": pages["response.html"],
    }


def test_the_blanket_limits_read_at_the_site_in_the_documents(outputs: dict[str, str]) -> None:
    # The demo project's site is in region alpha, of zone city: the city limit prints.
    for name in ("proposal", "proposal.pdf", "manual"):
        text = flat(outputs[name])
        assert "同时适用于多个等级的时限" in text, name
        assert "所有报修：电话响应1小时内" in text, name
        assert "一级故障：到达现场90分钟内" in text, name


def test_the_handbook_lists_the_blanket_with_every_area(outputs: dict[str, str]) -> None:
    text = flat(outputs["site"])
    assert "所有报修：电话响应1小时内" in text
    assert "一级故障：到达现场" in text and "90分钟内" in text and "6小时内" in text


def test_remedies_read_the_same_in_every_output(outputs: dict[str, str]) -> None:
    rows = [("12小时内未能到达现场", "免费提供同档次备机"), ("设备在运输过程中损坏", "无条件更换同型号新品")]
    for name, text in outputs.items():
        for condition, remedy in rows:
            assert condition in flat(text) and remedy in flat(text), (name, condition)
    proposal = outputs["proposal"]
    # Each once in the 承诺书 and once in its section: the missed limit under the
    # response's 补偿 table, the event under the warranty's 质量责任与补救.
    assert proposal.count("12小时内未能到达现场") == 2 and proposal.count("设备在运输过程中损坏") == 2
    assert proposal.find("12小时内未能到达现场", proposal.index("未履行承诺的补偿")) != -1
    assert proposal.find("设备在运输过程中损坏", proposal.index("质量责任与补救")) != -1
    # The 承诺书 lists both as the company's undertakings.
    letter = flat(proposal[proposal.index("售后服务承诺书") :])
    assert "12小时内未能到达现场的，免费提供同档次备机。" in letter


def test_the_levels_are_named_by_the_source_scheme(outputs: dict[str, str]) -> None:
    # response.scheme: 服务请求, so no output calls the levels 故障 levels.
    assert "服务请求分为2个等级" in flat(outputs["proposal"]) and "服务请求分级与响应时限" in outputs["proposal"]
    assert "服务请求分为2个等级" in flat(outputs["site"]) and "服务请求等级" in outputs["site"]
    assert "服务请求等级与本项目的响应时限" in flat(outputs["manual"])
    for text in outputs.values():
        assert "故障分为" not in flat(text) and "故障等级" not in flat(text)


def test_a_tree_without_them_prints_no_heading(make_tree: Callable[..., Path], tmp_path: Path) -> None:
    result = build(make_tree(), tmp_path / "output", site_dir=tmp_path / "site")
    assert result.error is None, result.report.format()
    text = docx_text(tmp_path / "output" / "demo" / "proposal.docx")
    assert "同时适用于多个等级的时限" not in text and "质量责任与补救" not in text


# --- a section that grades no faults: blanket limits instead of a per-level table ---------


@pytest.fixture(scope="module")
def ungraded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    from conftest import MINIMAL, write_tree

    root = tmp_path_factory.mktemp("ungraded")
    content = write_tree(root / "content", {**MINIMAL, "commitments.yaml": ungraded_commitments()})
    result = build(content, root / "output", site_dir=root / "site")
    assert result.error is None and result.written, result.report.format()
    assert result.model is not None and result.model.content.commitments.response.levels == ()
    pages = site_pages(root / "site")
    return {
        "proposal": docx_text(root / "output" / "demo" / "proposal.docx"),
        "manual": pdf_text(root / "output" / "demo" / "manual.pdf"),
        "site": pages["response.html"],
        "index": pages["index.html"],
        "project": pages["projects/demo.html"],
        "region": pages["network/alpha.html"],
        "assets": " ".join(p.name for p in (root / "site" / "assets").iterdir()),
    }


def test_ungraded_limits_read_for_every_fault_at_the_site(ungraded: dict[str, str]) -> None:
    # The demo site is in region alpha, of zone city.
    for name in ("proposal", "manual", "project", "region"):
        text = flat(ungraded[name])
        assert "所有故障：电话响应30分钟内" in text, name
        assert "所有故障：到达现场2小时内" in text and "6小时内" not in text, name
    # The 承诺书 names the limit for every fault too.
    assert "电话响应：所有故障30分钟内" in flat(ungraded["proposal"])


def test_ungraded_outputs_print_no_level_table(ungraded: dict[str, str]) -> None:
    for name in ("proposal", "manual", "site", "project", "region"):
        text = flat(ungraded[name])
        # No level table, no level definitions, no level boxes on the manual's fault form.
        assert "故障等级" not in text and "等级定义" not in text and "多个等级" not in text, name
    assert "timeline" not in ungraded["assets"]  # no per-level time axis to draw


def test_the_handbook_names_the_page_by_what_it_holds(ungraded: dict[str, str]) -> None:
    site = flat(ungraded["site"])
    assert site.startswith("响应时间") and "所有故障：到达现场" in site
    assert "2小时内" in site and "6小时内" in site  # every area, as the company's page
    assert "所有故障电话响应：30分钟内" in flat(ungraded["index"])
