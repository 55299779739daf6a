"""The handbook site: built by MkDocs in strict mode, escaped, customer-safe, swapped in only when it builds."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import SEEDS, minimal
from extract import site_text
from leaks import COST_FORMS, PRICES, PRIVATE_PHONES, PUBLIC_PHONES, leaks, standalone

from generator.outputs import site
from generator.pipeline import build, check


def test_markdown_escaping() -> None:
    assert site.md_escape("<script>alert(1)</script>") == "&lt;script&gt;alert\\(1\\)&lt;/script&gt;"
    assert site.md_escape("**粗** [链接](x) | 管道") == "\\*\\*粗\\*\\* \\[链接\\]\\(x\\) \\| 管道"
    assert site.markdown("**粗** <b>x</b>") == "**粗** &lt;b&gt;x&lt;/b&gt;"
    assert site.tel("400-000-0000") == "tel:4000000000"


def test_pages_for_every_region_and_project(built: Path, example_model: Any) -> None:
    s = built / "site"
    for rp in example_model.projects:
        assert (s / "projects" / f"{rp.id}.html").exists()
    for region in example_model.content.company.regions:
        assert (s / "network" / f"{region.id}.html").exists()
    for _, path, _ in site.PAGES:
        assert (s / path.replace(".md", ".html")).exists()


# Warranty ends and a few visits per project page, by hand from the project files (see
# tests/outputs/test_ics.py for the derivations): 3年 from acceptance, the presenter's own 2年,
# the blackboard's 5年 from delivery; a monthly visit on a 调休 Sunday (2026-09-20) is kept, one
# on Saturday 2026-06-20 in the 端午 break moves to Monday 06-22.
PROJECT_PAGE_DATES: dict[str, tuple[str, ...]] = {
    "qingshi-classroom": ("2029-05-20", "2028-05-20", "2031-05-06", "2026-06-18", "2026-06-22", "2026-09-20"),
    "linchuan-gov-dc": ("2029-10-08", "2026-11-09", "2026-12-08"),
    "yunxi-cdc-network": ("2029-08-15", "2026-09-01", "2026-09-15", "2026-11-16"),
}


@pytest.mark.parametrize("project_id", sorted(PROJECT_PAGE_DATES))
def test_project_page_dates_by_hand(built: Path, project_id: str) -> None:
    page = (built / "site" / "projects" / f"{project_id}.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", page)
    for date in PROJECT_PAGE_DATES[project_id]:
        assert date in text, date


def test_project_page_shows_the_manuals_dates(built: Path, example_model: Any) -> None:
    """The manual's cover QR code leads to the project page: it shows the same warranty end
    dates and the same dated schedule as the printed manual (whose dates are pinned by hand
    above and in test_ics.py)."""
    from generator.dates.schedule import schedule
    from generator.outputs.manual import equipment_warranties

    for rp in example_model.projects:
        page = (built / "site" / "projects" / f"{rp.id}.html").read_text(encoding="utf-8")
        text = re.sub(r"<[^>]+>", "", page)
        for e in equipment_warranties(example_model, rp):
            assert e.end is not None and e.end.isoformat() in text
        visits = schedule(rp).visits
        assert visits
        for v in visits:
            assert v.date.isoformat() in text, v


# --- internal values: searched in every form an output could print them ---------------


def phone_forms(phone: str) -> tuple[str, ...]:
    """As written, and as the site's tel: links write it (digits only)."""
    digits = phone.replace("-", "")
    return (phone, digits, f"tel:{digits}")


def test_internal_values_never_reach_the_site(built: Path) -> None:
    text = site_text(built / "site")
    assert leaks(text, phones=[form for phone in PRIVATE_PHONES for form in phone_forms(phone)]) == []
    # The searches find what is there: public phones and prices print in these forms.
    for phone in PUBLIC_PHONES:
        assert phone in text and f"tel:{phone.replace('-', '')}" in text, phone
    for price in PRICES:
        assert standalone(text, [price]), price


def test_standalone_finds_a_cost_however_it_is_printed() -> None:
    """The search itself: a printed cost is found; a larger number or an address is not."""
    for printed in ("成本 1,420.00元", "| 1420 |", "<td>1420.00</td>", "¥1,420", "成本：210元", "96.00"):
        assert standalone(printed, COST_FORMS), printed
    for other in ("11,420.00元", "2100", "1,210.00元", "解放路 210 号", "96小时内", "\\u96c6", "0.96"):
        assert standalone(other, COST_FORMS) == [], other


# A small tree with every kind of internal value: a person's note and non-public phone, a
# partner's note, the fees' note and a price item's cost of 2468 (printed "2,468.00元").
SMALL_FEES = """\
in_warranty: 质保期内不收费。
price_lists:
  - id: parts
    title: 配件价格表
    items:
      - {name: 测试配件, unit: 个, price: 3000, cost: 2468}
internal_note: 内部备注：测试毛利目标 31%
"""
SMALL_COST_FORMS = (
    *("2,468.00元", "2,468.00", "2468.00", "2,468元", "2468元", "¥2,468.00", "¥2,468", "¥2468", "2,468", "2468"),
)
SMALL_NOTES = ("内部备注：测试毛利目标 31%", "内部备注：甲工年底调岗", "内部备注：乙县服务部合同待续")


def test_internal_values_of_a_small_tree_never_reach_the_site(make_tree: Callable[..., Path], tmp_path: Path) -> None:
    staff = minimal("staff.yaml").replace(
        "    phone: 138-0000-0001\n", "    phone: 138-0000-0001\n    internal_note: 内部备注：甲工年底调岗\n"
    )
    partners = minimal("partners.yaml") + "    phone: 139-0000-0003\n    internal_note: 内部备注：乙县服务部合同待续\n"
    root = make_tree({"fees.yaml": SMALL_FEES, "staff.yaml": staff, "partners.yaml": partners})
    model = check(root).model
    assert model is not None
    assert site.build(model, tmp_path / "site") > len(site.PAGES)
    text = site_text(tmp_path / "site")
    # neither 甲工 nor 乙工 is contact_public
    phones = [form for phone in ("138-0000-0001", "138-0000-0002") for form in phone_forms(phone)]
    assert leaks(text, phones=phones, notes=SMALL_NOTES, costs=SMALL_COST_FORMS) == []
    assert "3,000.00元" in text and "139-0000-0003" in text  # the price and the partner's phone are public


def test_chinese_search_index_is_segmented(built: Path) -> None:
    index_js = (built / "site" / "search" / "search_index.js").read_text(encoding="utf-8")
    data = json.loads(index_js[index_js.index("{") : index_js.rindex("}") + 1])
    assert data["config"]["lang"] == ["zh"]
    words = " ".join(d["text"] for d in data["docs"])
    assert "备机" in words and "到达现场" in words.replace("\u200b", "")


def test_pages_load_nothing_from_the_internet(built: Path) -> None:
    """Our pages reference local assets only (the browser test checks the requests themselves)."""
    for page in (built / "site").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        external = re.findall(r'(?:src|href)="(https?://[^"]+)"', text)
        assert [u for u in external if "example" not in u] == [], (page, external)


def test_values_from_yaml_are_text_not_markup(make_tree: Callable[..., Path], tmp_path: Path) -> None:
    company = minimal("company.yaml").replace("name: 示例测试科技有限公司", "name: '<script>alert(1)</script>**粗**'")
    company = company.replace(
        "philosophy: 用户至上", "philosophy: '<img src=x onerror=alert(2)> [点我](javascript:alert(3))'"
    )
    root = make_tree({"company.yaml": company})
    result = build(root, tmp_path / "out", site_dir=tmp_path / "site")
    assert result.error is None, result.error
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html and "<img src=x" not in html and 'href="javascript:' not in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html


def test_newlines_in_plain_values_stay_inside_their_cell() -> None:
    assert "\n" not in site.md_escape("第一行\n第二行")


def test_site_dir_overlapping_content_is_refused(tmp_path: Path, make_tree: Callable[..., Path]) -> None:
    root = make_tree()
    before = sorted(p.name for p in root.rglob("*"))
    result = build(root, tmp_path / "out", site_dir=root)
    assert result.error is not None and "重叠" in result.error
    assert sorted(p.name for p in root.rglob("*")) == before


def test_failed_site_build_keeps_the_last_good_site(make_tree: Callable[..., Path], tmp_path: Path) -> None:
    root = make_tree()
    site_dir = tmp_path / "site"
    assert build(root, tmp_path / "out", site_dir=site_dir).error is None
    good = (site_dir / "index.html").read_text(encoding="utf-8")
    own = tmp_path / "own"
    (own / "site").mkdir(parents=True)
    (own / "site" / "index.md.j2").write_text("# 首页\n\n[坏链接](no-such-page.md)\n", encoding="utf-8")
    result = build(root, tmp_path / "out", site_dir=site_dir, templates=own)
    assert result.error is not None and "MkDocs" in result.error
    assert (site_dir / "index.html").read_text(encoding="utf-8") == good
    assert not list(tmp_path.glob(".site-*"))  # the temporary build is gone


@pytest.mark.parametrize("tree", ["s000_network", "s001_integrator", "s002_classroom"])
def test_seed_trees_build_a_site(tree: str, tmp_path: Path) -> None:
    result = check(SEEDS / tree)
    assert result.model is not None
    assert site.build(result.model, tmp_path / "site") > len(site.PAGES)


def test_every_image_on_every_page_exists(built: Path) -> None:
    s = built / "site"
    found = 0
    for page in s.rglob("*.html"):
        for src in re.findall(r'<img[^>]+src="([^"]+)"', page.read_text(encoding="utf-8")):
            if src.startswith("data:"):
                continue
            assert (page.parent / src).resolve().exists(), (page, src)
            found += 1
    assert found >= 3  # flowchart, escalation ladder, timelines
    response = (s / "response.html").read_text(encoding="utf-8")
    assert response.count("assets/timeline-") >= 3
