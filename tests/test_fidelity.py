"""Outputs promise exactly what the content says.

A tree with only the required fields is built into every output; everything the
content states is then taken out of each output's text, and what is left (the
templates' headings, labels and connective words) must make no commitment: no
liability, no "free", no exclusion, no declaration of full compliance.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import write_tree
from extract import output_texts
from leaks import squeeze

from generator.pipeline import build

# Only what the schema requires, in words of its own (no example text).
REQUIRED_ONLY: dict[str, str] = {
    "company.yaml": """
        name: 甲测试信息技术有限公司
        short_name: 甲测试
        hotlines:
          - id: service
            name: 客服电话
            number: 0000-8000-0000
        regions:
          - id: alpha
            name: 甲市
        service_points:
          - id: hq
            name: 甲市网点
            city: 甲市
            region: alpha
    """,
    "commitments.yaml": """
        objectives:
          goal: 设备运行稳定。
        warranty:
          period: 2年
        response:
          measures:
            - id: phone
              name: 电话响应
              kind: 电话响应
          levels:
            - id: l1
              name: 甲级
              targets:
                phone: 20分钟
        process:
          steps:
            - id: receive
              name: 登记
              actor: 客服
              action: 记录报修
        maintenance: {}
        spare_parts:
          policy: [备件随报修调配]
    """,
    "staff.yaml": """
        roles:
          - id: eng
            name: 技术员
        people:
          - id: p1
            name: 丙工
            role: eng
    """,
    "fees.yaml": """
        in_warranty: 质保期内按合同执行。
    """,
    "projects/demo.yaml": """
        name: 测试项目
        tender_number: T-9
        purchaser:
          name: 测试采购人
        site:
          address: 甲市一路 1 号
          region: alpha
        bid_date: 2026-04-01
        signatory:
          representative: 丁某
        staff:
          manager: p1
          contact: p1
        service_point: hq
    """,
}

# Words that commit the company. Found in what remains of an output once the content's own
# text is taken out, they came from a template.
COMMITMENTS = (
    "承担",
    "负责",
    "保证",
    "确保",
    "免费",
    "不收",
    "赔偿",
    "补偿",
    "完全响应",
    "无偏离",
    "不在保修",
    "不属于保修",
    "终身",
    "随时",
    "全程",
    "直至",
    "立即",
    "专门",
    "协调",
    "商定",
    "另行",
    "补发",
)


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for k, v in node.items():
            yield str(k)
            yield from _strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from _strings(v)
    elif node is not None:
        yield str(node)


def content_strings(root: Path) -> list[str]:
    """Every value the content states, longest first, without whitespace and final stops."""
    found: set[str] = set()
    for path in root.rglob("*.yaml"):
        for s in _strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
            s = squeeze(s).rstrip("。；，")
            if len(s) >= 2:
                found.add(s)
    return sorted(found, key=len, reverse=True)


def template_words(text: str, stated: list[str]) -> str:
    """What an output says beyond the content: its text with every content value taken out."""
    rest = squeeze(text)
    for s in stated:
        rest = rest.replace(s, "｜")
    return rest


def claims(rest: str) -> list[str]:
    return [f"{w}: …{rest[max(0, i - 20) : i + 20]}…" for w in COMMITMENTS for i in _find_all(rest, w)]


def _find_all(text: str, word: str) -> Iterator[int]:
    i = text.find(word)
    while i >= 0:
        yield i
        i = text.find(word, i + 1)


@pytest.fixture(scope="module")
def required_only(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    tmp = tmp_path_factory.mktemp("fidelity")
    root = write_tree(tmp / "content", REQUIRED_ONLY)
    result = build(root, tmp / "out", site_dir=tmp / "site")
    assert result.error is None and result.written, result.error or result.report.format()
    assert not result.report.errors, result.report.format()
    return root, output_texts(tmp / "out", tmp / "site", "demo")


def test_the_tree_has_only_required_fields(required_only: tuple[Path, dict[str, str]]) -> None:
    """Removing any one field of the tree makes it invalid (so the test speaks of required fields)."""
    from generator.pipeline import check

    root, _ = required_only
    assert check(root).model is not None


@pytest.mark.parametrize(
    "output", ["proposal.docx", "proposal.pdf", "manual.pdf", "schedule.ics", "site"], ids=lambda o: o
)
def test_no_output_commits_to_what_the_content_does_not_state(
    required_only: tuple[Path, dict[str, str]], output: str
) -> None:
    root, texts = required_only
    rest = template_words(texts[output], content_strings(root))
    assert claims(rest) == []


def test_the_search_finds_a_template_claim() -> None:
    """The check itself: a claim a template adds is found; the content's own words are not."""
    stated = ["质保期内按合同执行"]
    assert claims(template_words("质保期内按合同执行。如有违反，愿承担相应责任。", stated))
    assert claims(template_words("其他条款完全响应，无偏离。", stated))
    assert claims(template_words("质保期内按合同执行。", stated)) == []
