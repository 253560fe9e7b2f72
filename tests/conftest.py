from pathlib import Path

import pytest

from edition.load import load

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"


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
    import functools
    import http.server
    import threading
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *args: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
