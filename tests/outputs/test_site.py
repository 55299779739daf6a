"""The handbook site: built by MkDocs in strict mode, escaped, customer-safe, swapped in only when it builds."""

from __future__ import annotations

import html
import json
import re
import textwrap
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote
from xml.etree import ElementTree

import pytest
from conftest import SEEDS, minimal
from extract import site_text
from leaks import COST_FORMS, PRICES, PRIVATE_PHONES, PUBLIC_PHONES, leaks, standalone
from pymdownx.slugs import slugify

from generator.outputs import site
from generator.outputs.flowchart import timeline_svg
from generator.pipeline import build, check


def test_markdown_escaping() -> None:
    assert site.md_escape("<script>alert(1)</script>") == "&lt;script&gt;alert\\(1\\)&lt;/script&gt;"
    assert site.md_escape("**粗** [链接](x) | 管道") == "\\*\\*粗\\*\\* \\[链接\\]\\(x\\) \\| 管道"
    assert site.markdown("**粗** <b>x</b>") == "**粗** &lt;b&gt;x&lt;/b&gt;"
    assert site.tel("400-000-0000") == "tel:4000000000"


def test_pages_for_every_region_and_project(built: Path, example_model: Any) -> None:
    s = built.parent / "site"
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
    page = (built.parent / "site" / "projects" / f"{project_id}.html").read_text(encoding="utf-8")
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
        page = (built.parent / "site" / "projects" / f"{rp.id}.html").read_text(encoding="utf-8")
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
    text = site_text(built.parent / "site")
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
    index_js = (built.parent / "site" / "search" / "search_index.js").read_text(encoding="utf-8")
    data = json.loads(index_js[index_js.index("{") : index_js.rindex("}") + 1])
    assert data["config"]["lang"] == ["zh"]
    words = " ".join(d["text"] for d in data["docs"])
    assert "备机" in words and "到达现场" in words.replace("\u200b", "")


def test_pages_load_nothing_from_the_internet(built: Path) -> None:
    """Our pages reference local assets only (the browser test checks the requests themselves)."""
    for page in (built.parent / "site").rglob("*.html"):
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


# Markup that closes the <title> (the theme prints page titles into it with `striptags`,
# which turns &lt; back into <) and breaks out of an attribute; the browser test
# (test_site_browser.py) opens a site built with it in every name that becomes a title.
PAYLOAD = '</title><script>window.__x=1;alert(1)</script><img src=x onerror="window.__y=1;alert(2)">'


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


class _Elements(HTMLParser):
    """What a browser would make of a page: the elements, attributes and scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._script = tag == "script"
        if tag == "img" and ("src", "x") in attrs:
            self.found.append("<img src=x>")
        self.found += [f"<{tag} {name}=…>" for name, _ in attrs if name.startswith("on")]

    def handle_endtag(self, tag: str) -> None:
        self._script = False

    def handle_data(self, data: str) -> None:
        if self._script and ("__x" in data or "__y" in data):
            self.found.append(f"<script>{data[:40]}")


def _injected(page: str) -> list[str]:
    parser = _Elements()
    parser.feed(page)
    parser.close()
    return parser.found


def hostile_tree(make_tree: Callable[..., Path]) -> Path:
    """The minimal tree with PAYLOAD in the company's name and short name (site name, meta
    tags), a person's, a region's, a partner's and a project's name (page and nav titles)."""
    company = minimal("company.yaml")
    for old, new in (
        ("name: 示例测试科技有限公司", "公司"),
        ("short_name: 测试科技", "简称"),
        ("    name: 甲市\n", "甲市"),
    ):
        key = old.split(":")[0]
        company = company.replace(old, f"{key}: {_quoted(new + PAYLOAD)}" + ("\n" if old.endswith("\n") else ""))
    staff = minimal("staff.yaml").replace("name: 甲工", f"name: {_quoted('甲工' + PAYLOAD)}")
    partners = minimal("partners.yaml").replace("name: 乙县示例服务部", f"name: {_quoted('乙县服务部' + PAYLOAD)}")
    project = minimal("projects/demo.yaml").replace("name: 示例项目", f"name: {_quoted('示例项目' + PAYLOAD)}")
    for text in (company, staff, partners, project):
        assert PAYLOAD.replace("'", "''") in text
    assert company.count(PAYLOAD) == 3
    return make_tree(
        {"company.yaml": company, "staff.yaml": staff, "partners.yaml": partners, "projects/demo.yaml": project}
    )


def test_markup_in_titles_stays_text_in_every_file_of_the_site(make_tree: Callable[..., Path], tmp_path: Path) -> None:
    """Names become page titles, nav entries, the site name and meta tags: none of them
    prints the payload as markup, in the HTML or in the search index, and <title> shows it as text."""
    model = check(hostile_tree(make_tree)).model
    assert model is not None
    site_dir = tmp_path / "site"
    site.build(model, site_dir)
    raw = ("<script>window.__x", "<img src=x", "</title><script")
    files = [p for p in site_dir.rglob("*") if p.is_file() and p.suffix in {".html", ".xml", ".json", ".js"}]
    assert len([p for p in files if p.suffix == ".html"]) > len(site.PAGES)
    for path in files:
        if path.parent.name in {"javascripts", "workers", "iframe-worker"}:
            continue  # the theme's own scripts
        text = path.read_text(encoding="utf-8")
        found = [r for r in raw if r in text]
        if path.suffix == ".html":
            found += _injected(text)
        assert found == [], (path.relative_to(site_dir), found)
    assert [r for r in raw if r in site_text(site_dir)] == []  # the search index, decoded
    # Each name reads as itself: in <title>, the meta tags and the page.
    for name, title in (
        ("projects/demo.html", f"示例项目{PAYLOAD} - 简称{PAYLOAD}服务手册"),
        ("network/alpha.html", f"甲市{PAYLOAD} - 简称{PAYLOAD}服务手册"),
        ("index.html", f"简称{PAYLOAD}服务手册"),
    ):
        page = (site_dir / name).read_text(encoding="utf-8")
        printed = re.findall(r"<title>([^<]*)</title>", page)
        assert [html.unescape(t) for t in printed] == [title], (name, printed)
        meta = dict(re.findall(r'<meta name="(description|author)" content="([^"<]*)">', page))
        assert {k: html.unescape(v) for k, v in meta.items()} == {
            "description": f"公司{PAYLOAD}售后服务手册",
            "author": f"公司{PAYLOAD}",
        }, (name, meta)
    team = (site_dir / "team.html").read_text(encoding="utf-8")
    assert f"甲工{html.escape(PAYLOAD, quote=False)}" in team
    network = (site_dir / "network" / "beta.html").read_text(encoding="utf-8")
    assert f"乙县服务部{html.escape(PAYLOAD, quote=False)}" in network


def test_newlines_in_plain_values_stay_inside_their_cell() -> None:
    assert "\n" not in site.md_escape("第一行\n第二行")


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
    assert not list(tmp_path.rglob(".aftersales-staging-*"))  # the staged build is gone


@pytest.mark.parametrize("tree", ["s000_network", "s001_integrator", "s002_classroom"])
def test_seed_trees_build_a_site(tree: str, tmp_path: Path) -> None:
    result = check(SEEDS / tree)
    assert result.model is not None
    assert site.build(result.model, tmp_path / "site") > len(site.PAGES)


def test_every_image_on_every_page_exists(built: Path) -> None:
    s = built.parent / "site"
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


# --- readable anchors, Chinese theme text, links that lead somewhere ---------------------


class _Anchors(HTMLParser):
    """Every id of a page, its headings (id and text without the permalink sign) and every href."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.headings: list[tuple[str, str]] = []
        self.permalink_titles: list[str] = []
        self._heading: tuple[str, list[str]] | None = None
        self._in_permalink = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "href" in a:
            self.hrefs.append(a["href"])
        if tag == "a" and a.get("class") == "headerlink":
            self.permalink_titles.append(a.get("title", ""))
            self._in_permalink = True
        if re.fullmatch(r"h[1-6]", tag) and "id" in a:
            self._heading = (a["id"], [])

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._in_permalink = False
        if re.fullmatch(r"h[1-6]", tag) and self._heading is not None:
            self.headings.append((self._heading[0], "".join(self._heading[1]).strip()))
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._heading is not None and not self._in_permalink:
            self._heading[1].append(data)


def _parsed(page: Path) -> _Anchors:
    parser = _Anchors()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def _content_pages(site_dir: Path) -> list[Path]:
    """The handbook's pages (the 404 page links with absolute paths, for a server)."""
    return [p for p in sorted(site_dir.rglob("*.html")) if p.name != "404.html"]


def test_heading_anchors_are_the_heading_itself(built: Path) -> None:
    """#故障等级, not #_1: each heading's id is its own text as pymdownx.slugs writes it
    (lower case, punctuation dropped, spaces as hyphens), or an id the template sets."""
    slug = slugify(case="lower")
    explicit = {"brands"}  # 各品牌的质保期 { #brands } in warranty.md.j2
    checked = 0
    for page in _content_pages(built.parent / "site"):
        for hid, text in _parsed(page).headings:
            assert not re.fullmatch(r"_\d+", hid), (page.name, hid, text)
            if hid in explicit:
                continue
            assert re.sub(r"_\d+$", "", hid) == slug(text, "-"), (page.name, hid, text)  # _1: a repeated heading
            checked += 1
    assert checked > 50
    response = _parsed(built.parent / "site" / "response.html")
    assert {"故障等级", "响应时限"} <= response.ids


def test_permalinks_and_the_404_page_speak_chinese(built: Path) -> None:
    titles = [t for page in _content_pages(built.parent / "site") for t in _parsed(page).permalink_titles]
    assert titles and set(titles) == {"本节链接"}
    text = site_text(built.parent / "site")
    assert "Permanent link" not in text
    not_found = (built.parent / "site" / "404.html").read_text(encoding="utf-8")
    assert re.search(r"<h1>[^<]*找不到这个页面</h1>", not_found)
    assert "Not found" not in not_found and 'lang="zh"' in not_found


def _local(href: str) -> bool:
    return not re.match(r"[a-z][a-z0-9+.-]*:", href) and href not in ("", "#")


def test_every_link_leads_to_a_page_and_heading_that_exist(built: Path) -> None:
    """Every relative link of every page (content, navigation, footer) opens a file of the
    site, and its #anchor, if any, is an id on that page."""
    s = built.parent / "site"
    parsed = {page: _parsed(page) for page in _content_pages(s)}
    ids = {page.resolve(): p.ids for page, p in parsed.items()}
    anchors = 0
    for page, p in parsed.items():
        for href in filter(_local, p.hrefs):
            path, _, fragment = href.partition("#")
            target = (page.parent / unquote(path)).resolve() if path else page.resolve()
            assert target.is_file(), (page.relative_to(s), href)
            if fragment and target.suffix == ".html":
                assert unquote(fragment) in ids[target], (page.relative_to(s), href)
                anchors += 1
    assert anchors > 100  # the permalinks and tables of contents, at least


def test_a_link_to_a_missing_heading_fails_the_build(make_tree: Callable[..., Path], tmp_path: Path) -> None:
    """MkDocs validates anchors in strict mode (validation.anchors: warn), like missing pages."""
    own = tmp_path / "own"
    (own / "site").mkdir(parents=True)
    (own / "site" / "index.md.j2").write_text("# 首页\n\n[报修](report.md#在线报修)\n", encoding="utf-8")
    result = build(make_tree(), tmp_path / "out", site_dir=tmp_path / "site", templates=own)
    assert result.error is not None and "在线报修" in result.error


# “在线报修”栏目, “常见问题”一节: a quoted name followed by a word for a part of a page or site.
SECTION_REFERENCE = re.compile(r"“([^”]{2,16})”(?:栏目|一节|一栏|章节|部分|页面|专栏)")


def section_references(text: str, known: set[str]) -> list[str]:
    return [name for name in SECTION_REFERENCE.findall(text) if name not in known]


def test_no_text_refers_to_a_section_the_handbook_lacks(built: Path) -> None:
    """The 报修 page once sent customers to an “在线报修” section no page has (the example's
    channel text said so); a quoted section name must be a heading or a page title."""
    s = built.parent / "site"
    parsed = {page: _parsed(page) for page in _content_pages(s)}
    known = {text for p in parsed.values() for _, text in p.headings}
    texts = {page: re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8")) for page in parsed}
    found = {str(page.relative_to(s)): section_references(t, known) for page, t in texts.items()}
    assert {page: names for page, names in found.items() if names} == {}
    # the search sees what it is meant to
    assert section_references("请在服务网站“在线报修”栏目填写服务请求", known) == ["在线报修"]
    assert section_references("见“故障等级”一节", known) == []


# --- a region's standard times and the projects that promise their own ------------------


def test_region_page_says_its_times_are_the_standard_and_links_projects_with_their_own(
    built: Path, example_model: Any
) -> None:
    """linchuan-gov-dc (临川市) overrides the response matrix: 一级故障到达现场 30分钟 where the
    company's standard for 临川市区 is 1小时, 二级 1小时 for 2小时, 电话响应 5分钟 for 10分钟…,
    never longer. The other two projects keep the standard times of their regions."""
    s = built.parent / "site"
    linchuan = example_model.project("linchuan-gov-dc")
    differing = site.own_times(example_model, linchuan)
    assert differing is not None and differing.stricter
    assert site.own_times(example_model, example_model.project("yunxi-cdc-network")) is None
    assert site.own_times(example_model, example_model.project("qingshi-classroom")) is None
    for region in example_model.content.company.regions:
        page = s / "network" / f"{region.id}.html"
        html_text = _article(page)
        text = re.sub(r"<[^>]+>", "", html_text)
        assert f"下表是信衡科技在{region.name}的标准时限" in text, region.id
        links = re.findall(r'href="\.\./projects/([^"#]+)\.html"', html_text)
        if region.id == linchuan.region.id:
            assert links == [linchuan.id], links
            assert f"{linchuan.project.name}：比标准时限更严格" in text
        else:
            assert links == [], (region.id, links)
    project_text = re.sub(r"<[^>]+>", "", (s / "projects" / "linchuan-gov-dc.html").read_text(encoding="utf-8"))
    assert "比信衡科技在临川市的标准时限更严格" in project_text
    project_html = _article(s / "projects" / "yunxi-cdc-network.html")
    assert 'href="../network/yunxi.html"' in project_html
    assert "与信衡科技在云溪县的标准时限相同" in re.sub(r"<[^>]+>", "", project_html)


def _article(page: Path) -> str:
    """The page's own content, without the navigation (which links every project)."""
    html_text = page.read_text(encoding="utf-8")
    return html_text[html_text.index("<article") : html_text.index("</article>")]


def _override_tree(make_tree: Callable[..., Path], targets: str) -> Path:
    project = minimal("projects/demo.yaml") + textwrap.dedent(f"""\
        overrides:
          commitments:
            response:
              levels:
                - id: l1
                  name: 一级故障
                  definition: 系统瘫痪。
                  targets: {targets}
                - id: l2
                  name: 二级故障
                  definition: 部分中断。
                  targets:
                    phone: 30分钟
                    arrival: {{city: 2小时, far: 8小时}}
        """)
    return make_tree({"projects/demo.yaml": project})


@pytest.mark.parametrize(
    ("targets", "expected"),
    [
        ("{phone: 10分钟, arrival: {city: 1小时, far: 4小时}}", None),  # as the company's
        ("{phone: 5分钟, arrival: {city: 1小时, far: 4小时}}", True),  # one limit shorter
        ("{phone: 10分钟, arrival: {city: 1小时, far: 1小时}}", None),  # shorter elsewhere, not in 甲市
        ("{phone: 5分钟, arrival: {city: 90分钟, far: 4小时}}", False),  # one shorter, one longer
        ("{phone: 10分钟, arrival: {city: 不适用, far: 4小时}}", False),  # no longer promised
    ],
)
def test_own_times_compares_the_projects_site_with_the_standard(
    make_tree: Callable[..., Path], targets: str, expected: bool | None
) -> None:
    model = check(_override_tree(make_tree, targets)).model
    assert model is not None
    own = site.own_times(model, model.project("demo"))
    assert (own.stricter if own else None) == expected


# --- the time-axis chart on a phone --------------------------------------------------------


def _svg_texts(svg: bytes) -> tuple[float, list[tuple[float, float, float, str]]]:
    """The chart's width and each text as (left, right, baseline, text), from the renderer's own
    width estimate (a CJK character 1 em, others 0.6 em)."""
    root = ElementTree.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    width = float(root.attrib["width"])
    out = []
    for el in root.iter(f"{ns}text"):
        text = el.text or ""
        size = float(el.attrib.get("font-size", root.attrib["font-size"]))
        w = sum(size if ord(ch) >= 0x2E80 else size * 0.6 for ch in text)
        x, anchor = float(el.attrib["x"]), el.attrib.get("text-anchor", "start")
        left = x - w / 2 if anchor == "middle" else x - w if anchor == "end" else x
        out.append((left, left + w, float(el.attrib["y"]), text))
    return width, out


@pytest.mark.parametrize("narrow", [False, True])
def test_timeline_labels_stay_inside_and_apart(example_model: Any, narrow: bool) -> None:
    response = example_model.content.commitments.response
    for region in example_model.content.company.regions:
        svg = timeline_svg(response, region.id, region.zone, narrow=narrow)
        width, texts = _svg_texts(svg)
        assert width == (340 if narrow else 760)
        for left, right, _, text in texts:
            assert 0 <= left and right <= width, (region.id, text, left, right)
        for i, a in enumerate(texts):
            for b in texts[i + 1 :]:
                same_line = abs(a[2] - b[2]) < 10
                assert not (same_line and a[0] < b[1] and b[0] < a[1]), (region.id, a, b)
        names = [t for *_, t in texts]
        for level in response.levels:
            assert level.name in names
        if narrow:  # each level's name on a line of its own, above its axis
            name_rows = [y for _, _, y, t in texts if t in {lv.name for lv in response.levels}]
            assert name_rows == sorted(name_rows) and len(set(name_rows)) == len(response.levels)


def test_response_page_offers_the_chart_in_both_shapes(built: Path) -> None:
    s = built.parent / "site"
    html_text = (s / "response.html").read_text(encoding="utf-8")
    images = [dict(re.findall(r'(\w+)="([^"]*)"', tag)) for tag in re.findall(r"<img[^>]*>", html_text)]
    wide = [i["src"] for i in images if i.get("class") == "timeline-wide"]
    narrow = [i["src"] for i in images if i.get("class") == "timeline-narrow"]
    assert wide and [w.replace(".svg", "-narrow.svg") for w in wide] == narrow
    for src in wide + narrow:
        assert (s / src).is_file(), src
    css = (s / "static" / "handbook.css").read_text(encoding="utf-8")
    assert "static/handbook.css" in html_text and 'a[href^="tel:"]' in css
