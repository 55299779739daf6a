"""The handbook in a real browser: headless Chromium (Debian's), driven by Playwright.

Served on 127.0.0.1 and opened from disk; no request may leave the machine.
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Iterator
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
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(built / "site")))
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
    page.goto((built / "site" / "index.html").as_uri())
    page.screenshot(path=str(shots / "home-phone.png"), full_page=False)
    page.goto((built / "site" / "response.html").as_uri())
    assert page.locator(".tabbed-set").count() >= 1
    page.screenshot(path=str(shots / "response-phone.png"), full_page=True)
    assert watch.hosts <= {"file://"}, watch.hosts
    assert watch.errors == []
    page.close()


def test_search_works_opened_from_disk(built: Path, browser: Any) -> None:
    """The offline plugin and the vendored iframe-worker shim: search without any server."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    watch = Watch(page)
    page.goto((built / "site" / "index.html").as_uri())
    hits = _search(page, "备机")
    assert any(h.endswith("/response.html") for h in hits), hits
    assert watch.hosts <= {"file://"}, watch.hosts
    page.close()
