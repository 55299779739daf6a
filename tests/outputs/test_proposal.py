"""The proposal document model: sections in the project's order, numbering, prose, escaping."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

from conftest import minimal

from generator.outputs import plaintext, proposal
from generator.outputs.document import Document, Numbering, Paragraph, Section, Table, numbered, plain
from generator.pipeline import check


def test_sections_follow_the_project_list(example_model: Any) -> None:
    rp = example_model.project("linchuan-gov-dc")
    doc = proposal.build(example_model, rp)
    titles = [s.title for s in doc.sections]
    assert titles[0] == "售后服务承诺书"
    assert len(doc.sections) == len(rp.project.sections)
    assert titles[rp.project.sections.index("prose:archive")] == "用户档案管理"
    labels = [label for depth, label, _ in numbered(doc) if depth == 1]
    assert labels[:3] == ["6.3.1", "6.3.2", "6.3.3"]


def test_chinese_numbering(example_model: Any) -> None:
    doc = proposal.build(example_model, example_model.project("qingshi-classroom"))
    assert doc.numbering is Numbering.CHINESE
    entries = numbered(doc)
    assert [label for depth, label, _ in entries if depth == 1][:3] == ["一、", "二、", "三、"]
    assert next(label for depth, label, _ in entries if depth == 2) == "（一）"


def test_prose_block_renders_model_values(example_model: Any) -> None:
    doc = proposal.build(example_model, example_model.project("linchuan-gov-dc"))
    archive = next(s for s in doc.sections if s.title == "用户档案管理")
    text = "".join(plain(b.runs) for b in archive.blocks if isinstance(b, Paragraph))
    assert f"质保期为{example_model.content.commitments.warranty.period.zh()}" in text


def test_values_from_yaml_are_text_not_markup(make_tree: Callable[..., Path]) -> None:
    project = minimal("projects/demo.yaml").replace("name: 示例项目", "name: '<b>粗</b> & <script>x</script>'")
    project += "sections: [letter]\n"
    result = check(make_tree({"projects/demo.yaml": project}))
    assert result.model is not None
    doc = proposal.build(result.model, result.model.project("demo"))
    text = plaintext.render(doc)
    assert "“<b>粗</b> & <script>x</script>”" in text


def test_every_section_renders_for_every_project_without_gaps(example_model: Any) -> None:
    every = tuple(proposal.SECTIONS)
    for rp in example_model.projects:
        rp_all = dataclasses.replace(rp, project=rp.project.model_copy(update={"sections": every}))
        text = plaintext.render(proposal.build(example_model, rp_all))
        assert "None" not in text
        for doubled in ("，。", "。。", "；。", "。；", "，，", "：。"):
            assert doubled not in text, (
                rp.id,
                doubled,
                text[max(0, text.find(doubled) - 40) : text.find(doubled) + 10],
            )


def _directory_names(doc: Document) -> list[str]:
    """The names in the partner directory (the tables captioned …名录), in order."""

    def walk(sections: tuple[Section, ...]) -> list[str]:
        names: list[str] = []
        for sec in sections:
            for block in sec.blocks:
                if isinstance(block, Table) and (block.caption or "").endswith("名录"):
                    names += [plain(row.cells[1].runs) for row in block.rows if not row.header]
            names += walk(sec.children)
        return names

    return walk(doc.sections)


def test_partner_directory_lists_only_partners_serving_the_projects_region(example_model: Any) -> None:
    # content/partners.yaml: of the 20 partners, these three serve yunxi (云溪县) — yx-yunfan and
    # yx-xinlian only yunxi, bs-yuntu-asp baisha and yunxi; the project names yx-yunfan and bs-yuntu-asp.
    doc = proposal.build(example_model, example_model.project("yunxi-cdc-network"))
    assert sorted(_directory_names(doc)) == sorted(
        ["云溪云帆网络工程有限公司", "云溪信联电子有限公司", "白沙云图授权服务站"]
    )
    assert "服务云溪县的合作伙伴按类别列出如下。" in plaintext.render(doc)


def test_partner_directory_adds_partners_the_project_names(make_tree: Callable[..., Path]) -> None:
    partners = minimal("partners.yaml") + "".join(
        f"  - id: {pid}\n    name: {name}\n    category: 计算机与外设合作伙伴\n"
        f"    address: 甲市{n}号路\n    city: 甲市\n    regions: [{region}]\n"
        for n, (pid, name, region) in enumerate(
            [("alpha-partner", "甲市本地服务部", "alpha"), ("named-partner", "乙县点名服务部", "beta")], 1
        )
    )
    project = minimal("projects/demo.yaml") + "partners: [named-partner]\nsections: [network]\n"
    result = check(make_tree({"partners.yaml": partners, "projects/demo.yaml": project}))
    assert result.model is not None, result.report.format()
    doc = proposal.build(result.model, result.model.project("demo"))
    # beta-partner serves 乙县 only and is not named: not in 甲市's proposal.
    assert sorted(_directory_names(doc)) == sorted(["甲市本地服务部", "乙县点名服务部"])
