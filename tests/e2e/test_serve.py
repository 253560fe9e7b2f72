"""serve publishes like a build: a rebuild that fails after the exports were written leaves the
old site whole, a rebuild's files equal a clean build's (search box and all), and killing serve
in the middle of a rebuild leaves a whole site. Expectations are snapshots of the site taken
before, and a clean build of the same sources in another folder."""
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, copy_small
from tests.e2e.test_build import TIMEOUT, fetch, free_port, run_cli, snapshot

PAGE = "/hans/mongolia/aftermath/"
CORRECTION = "- text: mongolia\n  find: 第三次向联合国大会控告\n  replace: 第三次向联合国大会控诉\n  reason: 测试\n"


class Serving:
    def __init__(self, project: Path):
        self.project, self.port = project, free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen([sys.executable, str(ROOT / "build_edition.py"), "serve", "--port",
                                         str(self.port)], cwd=project, stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT, text=True)
        deadline = time.monotonic() + TIMEOUT
        while True:
            assert self.process.poll() is None, self.process.stdout.read()
            assert time.monotonic() < deadline, "serve did not come up"
            try:
                fetch(self.base + PAGE, timeout=5)
                return
            except OSError:
                time.sleep(0.3)

    def rebuild_after(self, path: Path, text: str) -> str:
        """Write `text` to `path`, wait until the rebuild has landed; the page as served then."""
        epoch = re.search(r"livereload\((\d+),", fetch(self.base + PAGE)).group(1)
        path.write_text(text, encoding="utf-8")
        fetch(f"{self.base}/livereload/{epoch}/1")
        return fetch(self.base + PAGE)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)


def test_a_failed_rebuild_keeps_the_old_site_and_a_good_one_equals_a_clean_build(tmp_path, small_edition):
    project = copy_small(small_edition, tmp_path)
    serving = Serving(project)
    mkdocs_yml = project / "mkdocs.yml"
    original = mkdocs_yml.read_text(encoding="utf-8")
    try:
        before = snapshot(project / "site")
        # fails after MkDocs wrote the pages and the exports were written (the other-host check)
        broken = serving.rebuild_after(mkdocs_yml, original.replace("  - assets/cite.js\n", "  - assets/cite.js\n"
                                                                    "  - https://cdn.test/tracker.js\n"))
        assert 'role="alert"' in broken and "from another host" in broken
        assert snapshot(project / "site") == before
        corrections = project / "sources" / "corrections.yml"
        mkdocs_yml.write_text(original, encoding="utf-8")
        fixed = serving.rebuild_after(corrections, corrections.read_text(encoding="utf-8") + CORRECTION)
        assert 'role="alert"' not in fixed and "第三次向联合国大会控诉" in fixed
        served = snapshot(project / "site")
    finally:
        serving.stop()
    clean = copy_small(small_edition, tmp_path / "clean", built=False)
    (clean / "sources" / "corrections.yml").write_bytes((project / "sources" / "corrections.yml").read_bytes())
    assert run_cli(clean).returncode == 0
    expected = snapshot(clean / "site")
    assert served.keys() == expected.keys()
    assert [name for name in expected if served[name] != expected[name]] == []
    assert b'class="md-search"' in served[Path("hans/mongolia/aftermath/index.html")]


def test_a_correction_reloads_open_pages_once(tmp_path, small_edition):
    """The rebuild after a correction writes the ledger (the corrected paragraph's new fingerprint)
    into the watched sources/. That write is the build's own, not an edit: no second rebuild, and
    open pages reload once (the long poll on the new epoch stays open). An edit after it is
    rebuilt as ever."""
    project = copy_small(small_edition, tmp_path)
    serving = Serving(project)
    ledger, corrections = project / "sources" / "anchors.lock", project / "sources" / "corrections.yml"
    before, original = ledger.read_bytes(), corrections.read_text(encoding="utf-8")
    try:
        page = serving.rebuild_after(corrections, original + CORRECTION)
        assert "第三次向联合国大会控诉" in page
        assert ledger.read_bytes() != before            # the build wrote the watched ledger
        epoch = re.search(r"livereload\((\d+),", page).group(1)
        with pytest.raises(TimeoutError):               # no new epoch in 3 s: no second reload
            fetch(f"{serving.base}/livereload/{epoch}/1", timeout=3)
        page = serving.rebuild_after(corrections, original)
        assert "第三次向联合国大会控诉" not in page and "第三次向联合国大会控告" in page
        assert ledger.read_bytes() == before
    finally:
        serving.stop()
    assert serving.process.stdout.read().count("rebuilt; reloading the browser") == 2


def test_killing_serve_in_a_rebuild_leaves_a_whole_site(tmp_path, small_edition):
    project = copy_small(small_edition, tmp_path)
    serving = Serving(project)
    before = snapshot(project / "site")
    corrections = project / "sources" / "corrections.yml"
    try:
        corrections.write_text(corrections.read_text(encoding="utf-8") + CORRECTION, encoding="utf-8")
        deadline = time.monotonic() + 60
        while not list(project.glob(".build-*")):     # the rebuild's staging folder: it is under way
            assert time.monotonic() < deadline, "no rebuild started"
            time.sleep(0.05)
        time.sleep(0.5)
        serving.process.send_signal(signal.SIGKILL)
        serving.process.wait(timeout=30)
    finally:
        serving.stop()
    after = snapshot(project / "site")
    clean = copy_small(small_edition, tmp_path / "clean", built=False)
    (clean / "sources" / "corrections.yml").write_bytes(corrections.read_bytes())
    assert run_cli(clean).returncode == 0
    assert after == before or after == snapshot(clean / "site")
    assert run_cli(project).returncode == 0      # the next build clears what the killed one left
    assert not list(project.glob(".build-*")) and not list(project.glob(".old-*"))
