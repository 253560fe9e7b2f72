import functools
import http.server
import threading
from pathlib import Path

import pytest
import yaml

from edition.sources.load import load

ROOT = Path(__file__).resolve().parent.parent      # the checkout
TESTS = ROOT / "tests"
SOURCES = ROOT / "sources"
SCHEMAS = TESTS / "schema"                          # copies of ../shared/schema (tests/exports/test_json_export.py)
CHROMIUM = "/usr/bin/chromium"   # Debian's Chromium: Playwright's own download is not used
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-quic"]


def cases(name: str) -> list:
    """The cases of `tests/cases/<name>`: test data, one dict per case."""
    return yaml.safe_load((TESTS / "cases" / name).read_text(encoding="utf-8"))


def copy_project(folder: Path) -> Path:
    """An edition folder (sources/ and mkdocs.yml) copied to `folder/project`, to be changed freely."""
    import shutil
    project = folder / "project"
    shutil.copytree(SOURCES, project / "sources")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    return project


@pytest.fixture(scope="session")
def config():
    return load(SOURCES)


@pytest.fixture(scope="session")
def version(config):
    """(number, date) of the edition as the committed sources count it: one version per date in
    anchors.lock and corrections.yml (see citation.edition_of), so a source change that adds a
    date moves every expected edition statement with it."""
    from edition.text.anchors import history
    versions = history(list(config.published.records), list(config.corrections))
    return len(versions), versions[0]["date"]


@pytest.fixture(scope="session")
def built():
    """Every text through stages 1-7 (anchored with the committed ledger), nothing written."""
    from edition.build import Timer, load_texts
    _, texts, _, _, _ = load_texts(SOURCES, Timer())
    return {text.source.id: text for text in texts}


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The whole edition built once into a temporary folder: returns its site/ folder."""
    from edition.build import build
    out = tmp_path_factory.mktemp("edition")
    build(SOURCES, out)
    return out / "site"


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
    that script's 404 page (with status 404), as GitHub Pages or Netlify serve a site's 404.html."""

    def send_error(self, code, message=None, explain=None):
        script = self.path.strip("/").split("/")[0]
        page = Path(self.directory) / script / "404.html"
        if code != 404 or script not in ("hant", "hans") or not page.exists():
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
