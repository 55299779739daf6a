"""The handbook site: built by MkDocs in strict mode, escaped, customer-safe, swapped in only when it builds."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import EXAMPLE, SEEDS, minimal

from generator.outputs import site
from generator.pipeline import build, check


def site_text(site_dir: Path) -> str:
    return "\n".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in site_dir.rglob("*")
        if p.is_file() and p.suffix in {".html", ".js", ".json", ".xml", ".txt"}
    )


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


def test_project_page_shows_the_manuals_dates(built: Path, example_model: Any) -> None:
    """The manual's cover QR code leads to the project page: it shows the same warranty end
    dates and the same dated schedule as the printed manual."""
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


def test_internal_values_never_reach_the_site(built: Path) -> None:
    text = site_text(built / "site")
    staff = yaml.safe_load((EXAMPLE / "staff.yaml").read_text(encoding="utf-8"))
    fees = yaml.safe_load((EXAMPLE / "fees.yaml").read_text(encoding="utf-8"))
    partners = yaml.safe_load((EXAMPLE / "partners.yaml").read_text(encoding="utf-8"))
    internal: list[str] = []
    internal += [p["phone"] for p in staff["people"] if not p.get("contact_public") and "phone" in p]
    internal += [p["internal_note"] for p in staff["people"] if "internal_note" in p]
    internal += [p["internal_note"] for p in partners["partners"] if "internal_note" in p]
    internal.append(fees["internal_note"])
    costs = [str(i["cost"]) for pl in fees["price_lists"] for i in pl["items"] if "cost" in i]
    assert internal and costs
    for value in internal:
        assert value not in text, value
    for cost in costs:  # shown as money, e.g. 210.00
        assert f"{cost}.00" not in text and f"{cost}元" not in text, cost
    public = [p["phone"] for p in staff["people"] if p.get("contact_public")]
    assert any(ph in text for ph in public)


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
