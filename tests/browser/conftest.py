"""Browser tests: Debian's Chromium (/usr/bin/chromium) driven by Playwright, never a
downloaded browser. If Chromium is missing the tests fail: .ci/run installs it."""
import os
import shutil

import pytest

CHROMIUM = os.environ.get("PORTAL_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    assert shutil.which(CHROMIUM) or os.path.exists(CHROMIUM), (
        f"Chromium not found at {CHROMIUM}: install Debian's chromium (apt-get install chromium)"
    )
    # Playwright starts every launch with a new, empty profile of its own.
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh phone-sized browser context per test: no cookies carried between tests."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, base_url=live_server.url)
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def page_without_js(browser, live_server):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, base_url=live_server.url, java_script_enabled=False
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()
