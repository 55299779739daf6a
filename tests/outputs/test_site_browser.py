"""The handbook in a real browser: headless Chromium (Debian's), driven by Playwright.

Served on 127.0.0.1 and opened from disk; no request may leave the machine.
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.needs("chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go for a person to look at: $AFTERSALES_SCREENSHOTS, else a temp folder."""
    chosen = os.environ.get("AFTERSALES_SCREENSHOTS")
    folder = Path(chosen) if chosen else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server(built: Path) -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(built.parent / "site")))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


class Watch:
    """Console errors and every request a page makes."""

    def __init__(self, page: Any) -> None:
        self.errors: list[str] = []
        self.hosts: set[str] = set()
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: self.hosts.add(urlparse(r.url).scheme + "://" + (urlparse(r.url).hostname or "")))


def _search(page: Any, query: str) -> list[str]:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    # The search worker loads its index in the background; Material says so in
    # the result header until it is ready. Type only then, and retype if the
    # query still went unanswered.
    # (Opened from disk it only updates that header on the first query.)
    try:
        page.wait_for_function(
            "() => { const m = document.querySelector('.md-search-result__meta');"
            " return m && m.textContent.trim() !== '' && !/初始化|Initializing/.test(m.textContent); }",
            timeout=15000,
        )
    except PlaywrightTimeout:
        pass
    box = page.locator("input.md-search__input")
    for attempt in range(3):
        box.click()
        box.fill(query)
        page.keyboard.press("End")  # a real key event: Material searches on keyboard input
        try:
            page.wait_for_function(
                "() => document.querySelectorAll('.md-search-result__item a').length > 0", timeout=15000
            )
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise
    hrefs = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")
    return [urlparse(h).path for h in hrefs]


def test_home_project_page_and_chinese_search(server: str, browser: Any, example_model: Any, shots: Path) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    watch = Watch(page)
    page.goto(f"{server}/index.html")
    assert example_model.content.company.hotlines[0].number in page.inner_text("article")
    page.screenshot(path=str(shots / "home-desktop.png"), full_page=False)
    rp = example_model.project("yunxi-cdc-network")
    page.click(f"nav >> text={rp.project.name}")
    page.wait_for_url(f"**/projects/{rp.id}.html")
    assert rp.region.name in page.inner_text("article")
    page.screenshot(path=str(shots / "project-desktop.png"), full_page=False)
    hits = _search(page, "备机")
    assert {"/response.html", "/spare-parts.html"} & set(hits), hits
    page.screenshot(path=str(shots / "search-desktop.png"), full_page=False)
    for query, expected in (("到达现场", "response.html"), ("质保", "warranty.html")):
        page.goto(f"{server}/index.html")
        hits = _search(page, query)
        assert f"/{expected}" in hits, (query, hits)
    assert watch.errors == []
    assert watch.hosts <= {"http://127.0.0.1", "data://"}, watch.hosts
    page.close()


def test_partner_city_search_finds_its_region(server: str, browser: Any, example_model: Any) -> None:
    partner = example_model.content.partners.partners[-1]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{server}/index.html")
    hits = _search(page, partner.city.removesuffix("市"))
    assert f"/network/{partner.regions[0]}.html" in hits, hits
    page.close()


def test_phone_width_and_offline_from_disk(built: Path, browser: Any, shots: Path) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    watch = Watch(page)
    page.goto((built.parent / "site" / "index.html").as_uri())
    page.screenshot(path=str(shots / "home-phone.png"), full_page=False)
    page.goto((built.parent / "site" / "response.html").as_uri())
    assert page.locator(".tabbed-set").count() >= 1
    page.screenshot(path=str(shots / "response-phone.png"), full_page=True)
    assert watch.hosts <= {"file://"}, watch.hosts
    assert watch.errors == []
    page.close()


def test_search_works_opened_from_disk(built: Path, browser: Any) -> None:
    """The offline plugin and the vendored iframe-worker shim: search without any server."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    watch = Watch(page)
    page.goto((built.parent / "site" / "index.html").as_uri())
    hits = _search(page, "备机")
    assert any(h.endswith("/response.html") for h in hits), hits
    assert watch.hosts <= {"file://"}, watch.hosts
    page.close()


# --- a phone's screen (390 × 844): nothing runs off the page ------------------------------

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}

# Shows an element however it is tucked away: opens the collapsed blocks (<details>) around
# it and selects the tab it is on.
REVEAL = """
function reveal(el) {
  for (let d = el.closest('details'); d; d = d.parentElement.closest('details')) d.open = true;
  for (let block = el.closest('.tabbed-block'); block; block = block.parentElement.closest('.tabbed-block')) {
    const set = block.closest('.tabbed-set');
    const index = [...block.parentElement.children].indexOf(block);
    set.querySelectorAll(':scope > input')[index].checked = true;
  }
}
"""

# Every table of the article: one that fits is left alone; one that does not must sit in a box
# that scrolls sideways, and scrolled to its end its last header cell must be on the screen.
TABLES = (
    "() => {"
    + REVEAL
    + """
  const problems = [];
  const tables = [...document.querySelectorAll('article table')];
  tables.forEach((table, i) => {
    reveal(table);
    const wrap = table.closest('.md-typeset__scrollwrap');
    const cells = table.querySelector('tr').children;
    const last = cells[cells.length - 1];
    const box = table.getBoundingClientRect();
    const clipped = wrap && wrap.scrollWidth > wrap.clientWidth;
    if (!clipped && box.left >= -0.5 && box.right <= innerWidth + 0.5) return;
    if (!clipped) { problems.push(`table ${i + 1} (${last.textContent}) is wider than the screen and does not scroll`); return; }
    wrap.scrollLeft = wrap.scrollWidth;
    last.scrollIntoView({block: 'center', inline: 'nearest'});
    const r = last.getBoundingClientRect();
    const w = wrap.getBoundingClientRect();
    // on the screen, inside the box, and not under the fixed first column
    const hit = document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
    if (r.width === 0 || r.left < Math.max(0, w.left) - 0.5 || r.right > Math.min(innerWidth, w.right) + 0.5
        || !last.contains(hit))
      problems.push(`table ${i + 1}: its last column (${last.textContent}) at ${r.left}–${r.right} cannot be scrolled into view`);
    wrap.scrollLeft = 0;
  });
  return {tables: tables.length, problems};
}"""
)

# Every tel: link, shown, set on one line (a number broken at a hyphen has two boxes).
PHONES = (
    "() => {"
    + REVEAL
    + """
  const broken = [];
  const links = [...document.querySelectorAll('article a[href^="tel:"]')];
  for (const a of links) {
    reveal(a);
    const rects = a.getClientRects().length;
    if (rects !== 1) broken.push(`${a.textContent} (${rects} lines)`);
  }
  return {links: links.length, broken};
}"""
)

OVERFLOW = "() => [document.documentElement.scrollWidth, window.innerWidth]"


def _ready(page: Any) -> None:
    """Material wraps each table in its scrolling box once its script has run."""
    page.wait_for_function(
        "() => [...document.querySelectorAll('article table')].every(t => t.closest('.md-typeset__scrollwrap'))",
        timeout=10000,
    )


def _pages(built: Path) -> list[Path]:
    return [p for p in sorted((built.parent / "site").rglob("*.html")) if p.name != "404.html"]


def test_no_page_is_wider_than_a_phone_and_every_table_column_can_be_reached(built: Path, browser: Any) -> None:
    page = browser.new_page(viewport=PHONE, is_mobile=True)
    watch = Watch(page)
    problems: dict[str, list[str]] = {}
    tables = phones = 0
    for html in _pages(built):
        name = str(html.relative_to(built.parent / "site"))
        page.goto(html.as_uri())
        _ready(page)
        found: list[str] = []
        width, screen = page.evaluate(OVERFLOW)
        if width > screen:
            found.append(f"the page is {width}px wide on a {screen}px screen")
        result = page.evaluate(TABLES)
        tables += result["tables"]
        found += result["problems"]
        result = page.evaluate(PHONES)
        phones += result["links"]
        found += [f"phone number on several lines: {b}" for b in result["broken"]]
        width, screen = page.evaluate(OVERFLOW)  # with every block opened and every tab shown
        if width > screen:
            found.append(f"opened up, the page is {width}px wide on a {screen}px screen")
        if found:
            problems[name] = found
    assert problems == {}
    assert tables > 40 and phones > 30  # the checks saw the site's tables and numbers
    assert watch.errors == []
    page.close()


def test_wide_tables_scroll_in_their_own_box_with_the_first_column_fixed(built: Path, browser: Any) -> None:
    """The network page's table of service points (7 columns) on a phone: its box scrolls,
    the page does not; scrolled, the first column stays where it was."""
    page = browser.new_page(viewport=PHONE, is_mobile=True)
    page.goto((built.parent / "site" / "network" / "index.html").as_uri())
    _ready(page)
    wrap = page.locator(".md-typeset__scrollwrap").first
    before = wrap.locator("td").first.bounding_box()
    sizes = wrap.evaluate("w => [w.scrollWidth, w.clientWidth]")
    assert sizes[0] > sizes[1], sizes
    wrap.evaluate("w => { w.scrollLeft = w.scrollWidth; }")
    after = wrap.locator("td").first.bounding_box()
    assert after is not None and before is not None
    assert after["x"] >= 0 and after["x"] <= before["x"]  # pinned at the box's edge, not scrolled away
    assert wrap.locator("td").first.evaluate("td => getComputedStyle(td).position") == "sticky"
    page.close()


def test_timeline_chart_fits_a_phone(built: Path, browser: Any) -> None:
    """On a phone the stacked chart shows at about its own size (its text as legible as the
    page's), the wide one not at all; on a desktop the other way round."""
    checks = (
        "() => [...document.querySelectorAll('article img[class^=\"timeline-\"]')].filter(i => i.offsetParent)"
        ".map(i => [i.className, i.naturalWidth, i.getBoundingClientRect().width, i.getBoundingClientRect().right])"
    )
    page = browser.new_page(viewport=PHONE, is_mobile=True)
    page.goto((built.parent / "site" / "response.html").as_uri())
    page.wait_for_load_state("load")
    shown = page.evaluate(checks)
    assert shown and {c for c, *_ in shown} == {"timeline-narrow"}, shown
    for _, natural, width, right in shown:
        assert width >= 0.9 * natural and right <= PHONE["width"], shown
    page.close()
    page = browser.new_page(viewport=DESKTOP)
    page.goto((built.parent / "site" / "response.html").as_uri())
    page.wait_for_load_state("load")
    shown = page.evaluate(checks)
    assert shown and {c for c, *_ in shown} == {"timeline-wide"}, shown
    page.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1366"])
def test_screenshots_of_the_widest_pages(built: Path, browser: Any, shots: Path, viewport: dict[str, int]) -> None:
    """For a person to look at: the project, network and response pages, whole; on a phone
    also with every table scrolled to its end."""
    phone = viewport is PHONE
    page = browser.new_page(viewport=viewport, is_mobile=phone)
    for path in ("projects/yunxi-cdc-network.html", "network/index.html", "response.html"):
        page.goto((built.parent / "site" / path).as_uri())
        _ready(page)
        stem = f"{path.replace('/', '-').removesuffix('.html')}-{viewport['width']}"
        page.screenshot(path=str(shots / f"{stem}.png"), full_page=True)
        width, screen = page.evaluate(OVERFLOW)
        assert width <= screen, (path, width, screen)
        if phone:
            page.evaluate(
                "() => document.querySelectorAll('.md-typeset__scrollwrap').forEach(w => { w.scrollLeft = w.scrollWidth; })"
            )
            page.screenshot(path=str(shots / f"{stem}-scrolled.png"), full_page=True)
    page.close()


def test_every_table_fits_a_desktop_screen(built: Path, browser: Any) -> None:
    """At 1366 px, beside the navigation and the table of contents, no table needs to scroll
    (the service points' seven columns once did, by a few pixels)."""
    page = browser.new_page(viewport=DESKTOP)
    wide: dict[str, list[str]] = {}
    for html in _pages(built):
        page.goto(html.as_uri())
        _ready(page)
        found = page.evaluate(
            "() => [...document.querySelectorAll('article table')].filter(t => {"
            " const w = t.closest('.md-typeset__scrollwrap'); return w && w.scrollWidth > w.clientWidth; })"
            ".map(t => t.querySelector('th').textContent)"
        )
        if found:
            wide[str(html.relative_to(built.parent / "site"))] = found
    assert wide == {}
    page.close()


# --- names that hold markup: they stay text in the browser ----------------------------------

# In the page: an element or attribute the payload would have made, or its script having run.
INJECTED = """() => {
  const found = [];
  for (const s of document.querySelectorAll('script'))
    if (/__x|__y|alert/.test(s.textContent)) found.push('script: ' + s.textContent.slice(0, 60));
  for (const i of document.querySelectorAll('img[src="x"]')) found.push('img src=x');
  for (const el of document.querySelectorAll('*'))
    for (const a of el.attributes)
      if (a.name.startsWith('on')) found.push(`<${el.localName} ${a.name}="${a.value.slice(0, 40)}">`);
  if (window.__x !== undefined) found.push('window.__x set');
  if (window.__y !== undefined) found.push('window.__y set');
  return found;
}"""


def test_markup_in_names_never_runs_in_the_browser(
    make_tree: Callable[..., Path], tmp_path: Path, browser: Any
) -> None:
    """The payload in the company's, a person's, a region's, a partner's and a project's name:
    every page opened in Chromium, and a search that lists them, creates no element or
    attribute from it and opens no dialog; the title bar shows the name as text."""
    from test_site import PAYLOAD, hostile_tree

    from generator.outputs import site
    from generator.pipeline import check

    model = check(hostile_tree(make_tree)).model
    assert model is not None
    site_dir = tmp_path / "site"
    site.build(model, site_dir)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    dialogs: list[str] = []

    def dismiss(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    found: dict[str, list[str]] = {}
    files = sorted(site_dir.rglob("*.html"))
    assert len(files) > 12
    for html in files:
        page.goto(html.as_uri())
        page.wait_for_load_state("load")  # a broken <img> would have fired onerror by now
        name = str(html.relative_to(site_dir))
        if problems := page.evaluate(INJECTED):
            found[name] = problems
    assert found == {}
    assert dialogs == []
    page.goto((site_dir / "projects" / "demo.html").as_uri())
    assert page.title() == f"示例项目{PAYLOAD} - 简称{PAYLOAD}服务手册"
    assert f"示例项目{PAYLOAD}" in page.inner_text("nav")
    # Search results print titles and text from the index as HTML (served: from disk the
    # search only reports itself ready on the first query).
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site_dir)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        for query in ("示例项目", "甲工", "乙县服务部"):
            page.goto(f"http://127.0.0.1:{httpd.server_port}/index.html")
            assert _search(page, query), query
            if problems := page.evaluate(INJECTED):
                found[f"search {query}"] = problems
            assert PAYLOAD in page.inner_text(".md-search-result"), query
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert found == {}
    assert dialogs == []
    page.close()
