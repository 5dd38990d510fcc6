"""The search page in a real headless Chromium: keyboard use, JavaScript off, high contrast, axe-core.

Needs Debian's chromium at /usr/bin/chromium and the playwright and axe-playwright-python
packages (the 'test' extra); skipped with the reason when either is missing. The app runs in
a real waitress server on a free loopback port. Set ARCHIVE_SHOTS=DIR to keep a screenshot of
every page the accessibility test checks.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
axe_module = pytest.importorskip(
    "axe_playwright_python.sync_playwright",
    reason="axe-playwright-python is not installed (pip install axe-playwright-python)",
)

from conftest import stop_server  # noqa: E402
from test_web import build_web_index  # noqa: E402

from archive.web import create_app  # noqa: E402

pytestmark = pytest.mark.slow

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]  # fmt: skip
SHOTS = os.environ.get("ARCHIVE_SHOTS")


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import waitress

    index_dir, pdfs = build_web_index(tmp_path_factory.mktemp("browser"))
    server = waitress.create_server(create_app(index_dir, pdfs), host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    stop_server(server, thread)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def document_url(page: Any, base_url: str) -> str:
    page.goto(f"{base_url}/?q=%22dental+decay%22")
    return page.locator(".result-title a").first.get_attribute("href")


def similar_url(page: Any, base_url: str) -> str:
    page.goto(f"{base_url}/?q=%22dental+decay%22")
    return page.locator(".more-like a").first.get_attribute("href")


def test_search(page: Any, base_url: str) -> None:
    page.goto(base_url)
    page.get_by_label("Words to search for").fill("information sharing")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url(re.compile(r"\?q=information\+sharing"))
    assert "matching passage" in page.locator("#result-count").inner_text()
    assert page.locator(".result").count() >= 2
    assert page.locator(".passage-text mark").first.inner_text().lower().startswith(("information", "shar"))


def test_filter_by_theme(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/?q=health")
    label = page.locator("label[for=theme-bruising]")
    count = int(label.locator(".count").inner_text().split()[0])
    page.get_by_label(re.compile(r"^Bruising in babies")).check()
    page.get_by_role("button", name="Apply filters").first.click()
    page.wait_for_url(re.compile(r"theme=bruising"))
    assert page.locator("#result-count strong").first.inner_text() == str(count)
    assert "Theme: Bruising in babies" in page.locator(".active-filters").inner_text()
    assert all("Bruising in babies" in t for t in page.locator(".passage .theme-list").all_inner_texts())
    # The back button returns to the unfiltered search.
    page.go_back()
    assert "theme=" not in page.url
    assert not page.get_by_label(re.compile(r"^Bruising in babies")).is_checked()


def test_open_a_document(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/?q=%22dental+decay%22")
    title = page.locator(".result-title a").first
    name = title.inner_text()
    title.click()
    page.wait_for_url(re.compile(r"/documents/[0-9a-f]+\?q="))
    assert page.locator("h1").inner_text() == name
    assert page.locator("#matches mark").count() >= 2
    pdf_link = page.get_by_role("link", name="Open the PDF at page 5").first
    assert re.search(r"/documents/[0-9a-f]+/pdf#page=5$", pdf_link.get_attribute("href"))


def focused(page: Any) -> dict[str, Any]:
    return page.evaluate(
        "() => { const e = document.activeElement; return {tag: e.tagName, id: e.id, cls: e.className,"
        " parent: e.parentElement ? e.parentElement.className : '', text: e.innerText || ''}; }"
    )


def tab_until(page: Any, wanted: Any, limit: int = 80) -> int:
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if wanted(focused(page)):
            return presses
    raise AssertionError(f"not reached with {limit} presses of Tab; focus is on {focused(page)}")


def test_keyboard_only_search(page: Any, base_url: str) -> None:
    page.goto(base_url)
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Skip to main content"
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # focus is visible
    assert tab_until(page, lambda f: f["id"] == "q", limit=10) <= 8
    page.keyboard.type('"was not brought"')
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"\?q=%22was\+not\+brought%22"))
    presses = tab_until(page, lambda f: f["tag"] == "A" and f["parent"] == "result-title")
    assert presses < 25  # results come before the long list of filters
    title = focused(page)["text"]
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/documents/"))
    assert page.locator("h1").inner_text() == title


def test_skip_link_moves_focus_to_main(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/?q=neglect")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "main"
    page.keyboard.press("Tab")
    assert focused(page)["text"] != "Skip to main content"


def test_contrast_toggle_persists(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/themes")
    toggle = page.get_by_role("button", name=re.compile("High contrast"))
    assert toggle.get_attribute("aria-pressed") == "false"
    toggle.click()
    page.wait_for_function("document.documentElement.classList.contains('contrast-high')")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(0, 0, 0)"
    page.reload()
    assert page.evaluate("document.documentElement.className") == "contrast-high"
    assert page.get_by_role("button", name=re.compile("High contrast")).get_attribute("aria-pressed") == "true"
    page.get_by_role("button", name=re.compile("High contrast")).click()
    page.wait_for_function("!document.documentElement.classList.contains('contrast-high')")
    page.reload()
    assert page.evaluate("document.documentElement.className") == ""


def test_without_javascript(browser: Any, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(base_url)
        page.get_by_label("Words to search for").fill("neglect")
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"\?q=neglect"))
        assert page.locator(".result").count() >= 1
        page.get_by_label(re.compile("^Neglect")).check()
        page.get_by_label("From").fill("2015")
        page.get_by_role("button", name="Apply filters").first.click()
        page.wait_for_url(re.compile(r"theme=neglect"))
        assert "from=2015" in page.url
        # The contrast toggle is a plain form: the server sets the cookie and sends you back.
        page.get_by_role("button", name=re.compile("High contrast")).click()
        page.wait_for_load_state()
        assert "theme=neglect" in page.url
        assert page.evaluate("document.documentElement.className") == "contrast-high"
    finally:
        context.close()


def pages_to_check(page: Any, base_url: str) -> dict[str, str]:
    return {
        "search": "/?q=neglect",
        "theme-filter": "/?q=health&theme=neglect&from=2010",
        "zero": "/?q=zzzqqq+neglect",
        "error": "/?q=NOT+neglect",
        "landing": "/",
        "document": document_url(page, base_url).replace("%22dental+decay%22", "neglect"),
        "themes": "/themes",
        "status": "/status",
        "not-found": "/documents/nope",
        "concordance": "/kwic?q=neglect&sort=left",
        "concordance-error": "/kwic?q=neglect+OR+x",
        "similar": similar_url(page, base_url),
        "did-you-mean": "/?q=safegaurding",
    }


@pytest.mark.parametrize("viewport", [(1280, 900), (375, 800)], ids=["wide", "narrow"])
@pytest.mark.parametrize("contrast", ["normal", "high"])
def test_axe_finds_no_violations(browser: Any, base_url: str, contrast: str, viewport: tuple[int, int]) -> None:
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    context.add_cookies([{"name": "contrast", "value": contrast, "url": base_url}])
    page = context.new_page()
    axe = axe_module.Axe()
    failures = []
    try:
        for name, url in pages_to_check(page, base_url).items():
            page.goto(base_url + url)
            for details in page.locator("details").all():  # check what is behind every disclosure too
                details.evaluate("d => d.open = true")
            results = axe.run(page)
            if results.violations_count:
                failures.append(f"{name} ({url}):\n{results.generate_report()}")
            if SHOTS:
                Path(SHOTS).mkdir(parents=True, exist_ok=True)
                page.screenshot(path=f"{SHOTS}/{name}-{contrast}-{viewport[0]}.png", full_page=True)
    finally:
        context.close()
    assert not failures, "\n\n".join(failures)


def test_readable_at_200_percent_zoom_and_narrow(browser: Any, base_url: str) -> None:
    """1280 px at 200% zoom is a 640 px viewport; 320 px is the WCAG reflow width."""
    for width, scale in ((640, 2), (320, 1)):
        context = browser.new_context(viewport={"width": width, "height": 800}, device_scale_factor=scale)
        page = context.new_page()
        try:
            for url in ("/?q=neglect", document_url(page, base_url), "/themes", "/status", "/kwic?q=neglect"):
                page.goto(base_url + url)
                overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
                assert overflow <= 0, f"{url} scrolls sideways by {overflow}px at {width}px"
        finally:
            context.close()


# -- the recommendations page, over documents that have recommendations ----------------------------


@pytest.fixture(scope="module")
def recs_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import waitress
    from conftest import make_recommendation_reviews

    from indexer import build

    root = tmp_path_factory.mktemp("browser-recs")
    pdfs = make_recommendation_reviews(root / "pdfs")
    build(pdfs, root / "index", workers_count=2)
    server = waitress.create_server(create_app(root / "index", pdfs), host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    stop_server(server, thread)


def recs_pages(page: Any, recs_url: str) -> dict[str, str]:
    page.goto(f"{recs_url}/recommendations?view=groups")
    group = page.locator(".rec-groups tbody a").first.get_attribute("href")
    page.goto(f"{recs_url}/recommendations?q=supervision")
    document = page.locator(".rec-source a").first.get_attribute("href")
    return {
        "recommendations": "/recommendations",
        "recommendations-search": "/recommendations?q=supervision&kind=improvement",
        "recommendations-groups": "/recommendations?view=groups",
        "recommendations-group": group,
        "recommendations-none": "/recommendations?q=zzzqqq&from=2020",
        "recommendations-error": "/recommendations?from=20x",
        "document-recommendations": document,
    }


@pytest.mark.parametrize("viewport", [(1280, 900), (375, 800)], ids=["wide", "narrow"])
@pytest.mark.parametrize("contrast", ["normal", "high"])
def test_recommendations_axe_finds_no_violations(
    browser: Any, recs_url: str, contrast: str, viewport: tuple[int, int]
) -> None:
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    context.add_cookies([{"name": "contrast", "value": contrast, "url": recs_url}])
    page = context.new_page()
    axe = axe_module.Axe()
    failures = []
    try:
        for name, url in recs_pages(page, recs_url).items():
            page.goto(recs_url + url)
            for details in page.locator("details").all():
                details.evaluate("d => d.open = true")
            results = axe.run(page)
            if results.violations_count:
                failures.append(f"{name} ({url}):\n{results.generate_report()}")
            if SHOTS:
                Path(SHOTS).mkdir(parents=True, exist_ok=True)
                page.screenshot(path=f"{SHOTS}/{name}-{contrast}-{viewport[0]}.png", full_page=True)
    finally:
        context.close()
    assert not failures, "\n\n".join(failures)


def test_recommendations_by_keyboard(page: Any, recs_url: str) -> None:
    page.goto(f"{recs_url}/recommendations")
    assert tab_until(page, lambda f: f["id"] == "q", limit=15) <= 12
    page.keyboard.type("supervision")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/recommendations\?q=supervision"))
    assert "2 items match" in page.locator("#rec-count").inner_text()
    tab_until(page, lambda f: f["tag"] == "A" and f["text"].startswith("Asked in 1 other document"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/recommendations\?group="))
    assert page.get_by_role("img", name=re.compile("documents asking this by year")).count() == 1
    assert page.locator(".rec").count() == 2
    # Each item opens its document at the page.
    pdf = page.get_by_role("link", name=re.compile(r"^Open the PDF at page 4")).first.get_attribute("href")
    assert re.search(r"/documents/[0-9a-f]+/pdf#page=4$", pdf)


def test_recommendations_without_javascript(browser: Any, recs_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{recs_url}/recommendations")
        page.get_by_label("Section").select_option("improvement")
        page.get_by_label("Addressed to").select_option("health")
        page.get_by_role("button", name="Apply").click()
        page.wait_for_url(re.compile(r"kind=improvement"))
        assert "addressed=health" in page.url
        assert page.locator(".rec").count() == 1
        assert "Health leaders must reduce the waiting times" in page.locator(".rec-text").inner_text()
        page.get_by_label("Groups of repeats").check()
        page.get_by_role("button", name="Apply").click()
        page.wait_for_url(re.compile(r"view=groups"))
        assert page.locator("#groups-heading").count() == 1
    finally:
        context.close()


def test_recommendations_readable_at_200_percent_zoom_and_narrow(browser: Any, recs_url: str) -> None:
    for width, scale in ((640, 2), (320, 1)):
        context = browser.new_context(viewport={"width": width, "height": 800}, device_scale_factor=scale)
        page = context.new_page()
        try:
            for url in recs_pages(page, recs_url).values():
                page.goto(recs_url + url)
                overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
                assert overflow <= 0, f"{url} scrolls sideways by {overflow}px at {width}px"
        finally:
            context.close()
