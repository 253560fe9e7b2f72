"""The whole edition from outside: built, served, installed, opened in Chromium. Every test in
this folder is marked `slow` (`python -m pytest -m "not slow"` leaves them out)."""
import functools
import http.server
import threading
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"   # Debian's Chromium: Playwright's own download is not used
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-quic"]


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
