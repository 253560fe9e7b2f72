"""The whole edition from outside: built, served, installed, opened in Chromium. Every test in
this folder is marked `slow` (`python -m pytest -m "not slow"` leaves them out)."""
import functools
import http.server
import threading
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
# Debian's Chromium (Playwright's own download is not used): its headless shell where installed
# (Debian's package chromium-headless-shell, the same Blink build run headless as Playwright's own
# headless mode runs it), which costs a third less CPU than the whole browser run headless
# (measured: the browser tests, 289 CPU-seconds against 199); the whole browser otherwise.
SHELL = "/usr/bin/chromium-headless-shell"
CHROMIUM = SHELL if Path(SHELL).exists() else "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-quic",
         "--disable-dev-shm-usage"]    # its shared memory in /tmp: /dev/shm may be small, and holds the tests' folders


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Mark `slow` every test of this folder (the hook sees the whole session's tests), before `-m` selects."""
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def server(site):
    """A plain static file server over the built site, as a reader would get it."""
    handler = functools.partial(StaticHost, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


class StaticHost(http.server.SimpleHTTPRequestHandler):
    """A static host as the edition is deployed: a missing address under /hant/ or /hans/ gets
    that script's 404 page (with status 404), any other the site's root 404.html in both scripts,
    as GitHub Pages or Netlify serve a site's 404.html."""

    def send_error(self, code, message=None, explain=None):
        script = self.path.strip("/").split("/")[0]
        page = Path(self.directory) / (f"{script}/404.html" if script in ("hant", "hans") else "404.html")
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for every browser test of the session."""
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def fresh_page(browser):
    """A desktop tab in a new context, nothing cached (a cached file makes no request to see),
    recording the address of every request it makes in `page.requests`."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(15000)
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    yield page
    context.close()


class Tab:
    """One browser tab kept for a module's tests: a new tab costs Chromium a renderer process
    and its fonts, about half of a test that opens a page and searches (measured: 16 searches on
    new tabs 16 s, on one tab 8 s). Between tests the tab is made fresh (`give_back`): the site's
    storage cleared (reader settings, the retired-anchor notice), routes removed, then
    about:blank; a tab the test closed or broke, or storage left on another origin, costs a new
    context instead. A test that needs its own listeners, clock or an empty cache (to see every
    request) makes its own context."""

    def __init__(self, browser, opened=None, **options):
        self.browser, self.options = browser, options
        self.context = browser.new_context(**options)
        self.opened = opened          # called with each new tab (a listener the module's tests share)
        self.page = None

    def take(self):
        if self.page is None or self.page.is_closed():
            self.page = self.context.new_page()
            if self.opened:
                self.opened(self.page)
        return self.page

    def give_back(self) -> None:
        page, self.page = self.page, None
        try:
            if page.url.startswith("http"):
                page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
            page.unroute_all(behavior="ignoreErrors")
            page.goto("about:blank")
            clean = not self.context.storage_state()["origins"]     # no other origin kept anything
        except Exception:     # a tab the test closed or left broken
            clean = False
        if clean:
            self.page = page
        else:                 # a new context: nothing of this one is handed on
            self.context.close()
            self.context = self.browser.new_context(**self.options)

    def close(self) -> None:
        self.context.close()


def tab_fixtures(name: str, opened=None, **options):
    """A module-scoped kept tab and the per-test fixture `name` that hands it out (see Tab)."""
    @pytest.fixture(scope="module", name=f"{name}_tab")
    def kept(browser):
        tab = Tab(browser, opened, **options)
        yield tab
        tab.close()

    @pytest.fixture(name=name)
    def fixture(request):
        tab = request.getfixturevalue(f"{name}_tab")
        yield tab.take()
        tab.give_back()
    return kept, fixture
