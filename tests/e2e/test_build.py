"""The whole build from outside: bad input fails clearly and writes nothing, interrupted builds
leave no debris, `check` writes nothing, MkDocs plugins and hooks of the editor's mkdocs.yml run
their whole lifecycle, and `serve` survives a broken correction."""
import json
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT, copy_project, copy_small
from tests.projects import command

TIMEOUT = 240


def run_cli(project: Path, *args: str, timeout: float = TIMEOUT) -> subprocess.CompletedProcess:
    return command(project, *args, timeout=timeout)


@pytest.fixture(scope="module")
def built_project(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("built"))
    result = run_cli(project)
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    # the one warning expected: the copy's mkdocs.yml sets no site_url (records carry relative URLs)
    assert result.stdout.count("warning: mkdocs.yml: no site_url") == 1
    output = output.replace("warning: mkdocs.yml: no site_url", "")
    assert "end of life" not in output and "WARNING" not in output.upper()
    assert re.search(r"^build: load \d", result.stdout, re.M)     # the per-stage timing summary
    return project


def test_the_audit_lists_the_watermark_lines(built_project):
    """The lines that carry the watermark's `Chengch` are found in the raw file by their text,
    independently of the layout stage; each must be listed by raw line number in the audit."""
    raw = (built_project / "sources" / "manchuria.txt").read_text(encoding="utf-8").split("\n")
    watermark = [n for n, line in enumerate(raw, 1) if "Chengch" in line]
    audit = (built_project / "build" / "audit" / "manchuria.md").read_text(encoding="utf-8")
    listed = {int(n) for n in re.findall(r"^\| (\d+) \|", audit, re.M)}
    assert len(watermark) >= 5 and set(watermark) <= listed


def snapshot(folder: Path) -> dict[Path, bytes | None]:
    """Every file's bytes and every folder (as None) below `folder`, however deep."""
    return {path.relative_to(folder): None if path.is_dir() else path.read_bytes() for path in folder.rglob("*")}


def test_bad_inputs_fail_and_leave_the_site_untouched(built_project):
    """Each broken edit in turn, on one built project; the site must stay byte-identical."""
    sources = built_project / "sources"
    site_before = snapshot(built_project / "site")
    assert any(path.parts[:2] == ("data", "mongolia") for path in site_before)   # the subfolders are in it
    scirpt_line = (sources / "edition.yml").read_text(encoding="utf-8").split("\n").index("    script: hans") + 1
    edits = [
        ("mongolia.txt", lambda t: t.encode("gb18030"), ["sources/mongolia.txt:1: not UTF-8", "iconv -f GB18030"]),
        ("mongolia.txt", lambda t: t.replace("尤淑君", "尤淑軍").encode(), ["sources/mongolia.txt", "sha256"]),
        ("edition.yml", lambda t: t.replace("    script: hans", "    scirpt: hans").encode(),
         [f":{scirpt_line}: unknown key 'scirpt'", "did you mean 'script'"]),
        ("corrections.yml", lambda t: (t + "- text: mongolia\n  find: 苏联\n  replace: 苏联\n  reason: x\n").encode(),
         ["sources/corrections.yml:", "matches", "exactly once"]),
    ]
    for name, change, expected in edits:
        path = sources / name
        original = path.read_bytes()
        try:
            path.write_bytes(change(original.decode("utf-8")))
            result = run_cli(built_project)
            assert result.returncode == 1 and "Traceback" not in result.stderr
            for text in expected:
                assert text in result.stderr
            assert snapshot(built_project / "site") == site_before
        finally:
            path.write_bytes(original)


def test_a_crash_between_renames_is_recovered_and_debris_removed(built_project):
    site, old = built_project / "site", built_project / ".old-site"
    site.rename(old)                                            # killed after the first rename
    (built_project / ".build-999999" / "site").mkdir(parents=True)   # a dead build's staging
    corrections = built_project / "sources" / "corrections.yml"
    original = corrections.read_bytes()
    try:
        corrections.write_bytes(original + b"- text: nowhere\n")   # this build fails early…
        assert run_cli(built_project).returncode == 1
    finally:
        corrections.write_bytes(original)
    assert site.is_dir() and not old.exists()                   # …but first puts things right
    assert not list(built_project.glob(".build-*"))


def test_a_killed_build_leaves_no_staging_folder_nor_workers(built_project):
    before = (built_project / "site" / "data" / "mongolia.hans.json").read_bytes()
    process = subprocess.Popen([sys.executable, str(ROOT / "build_edition.py")], cwd=built_project,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not list(built_project.glob(".build-*/site/data")) and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=60)
    assert process.returncode != 0
    time.sleep(0.5)
    assert not list(built_project.glob(".build-*"))
    children = subprocess.run(["pgrep", "-P", str(process.pid)], capture_output=True, text=True, timeout=30).stdout
    assert children == ""
    assert (built_project / "site" / "data" / "mongolia.hans.json").read_bytes() == before


HOOK = """
import json, pathlib
LOG = pathlib.Path(__file__).with_name("events.log")
def log(event, **data):
    with LOG.open("a") as file:
        file.write(json.dumps({"event": event, **data}) + "\\n")
def on_startup(command, dirty): log("startup", command=command)
def on_config(config): log("config", site_dir=config["site_dir"])
def on_post_build(config): log("post_build", site_dir=config["site_dir"])
def on_shutdown(): log("shutdown")
"""


def test_check_writes_nothing_and_editor_hooks_run_their_lifecycle(tmp_path, small_edition):
    """`check` in a fresh edition folder: MkDocs runs (the editor's hook sees every event of both
    sites) but no site/, build/ or staging folder is left and the ledger is untouched."""
    project = copy_small(small_edition, tmp_path)
    for made in ("build", "site"):             # fresh: not even the stored work
        shutil.rmtree(project / made)
    (project / "hook.py").write_text(HOOK, encoding="utf-8")
    mkdocs_yml = project / "mkdocs.yml"
    mkdocs_yml.write_text(mkdocs_yml.read_text(encoding="utf-8") + "hooks:\n  - hook.py\n", encoding="utf-8")
    ledger = (project / "sources" / "anchors.lock").read_bytes()
    result = run_cli(project, "check")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in project.iterdir()) == ["events.log", "hook.py", "mkdocs.yml", "sources"]
    assert (project / "sources" / "anchors.lock").read_bytes() == ledger
    events = [json.loads(line) for line in (project / "events.log").read_text(encoding="utf-8").splitlines()]
    assert [e["event"] for e in events].count("startup") == 2
    for script in ("hant", "hans"):
        built = [e for e in events if e.get("site_dir", "").endswith(f"site/{script}")]
        assert [e["event"] for e in built] == ["config", "post_build"]
    assert [e["event"] for e in events].count("shutdown") == 2


def test_out_may_name_a_folder_that_does_not_exist_yet(tmp_path, small_edition):
    """A build into a folder that is not there yet makes it (it was a traceback, issue 12)."""
    out = tmp_path / "new" / "deeper"
    result = run_cli(copy_small(small_edition, tmp_path), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert (out / "site" / "hant" / "mongolia" / "aftermath" / "index.html").is_file()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_refuses_a_busy_port_before_building(built_project):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        result = run_cli(built_project, "serve", "--port", str(taken.getsockname()[1]), timeout=30)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "in use" in result.stderr and "--port" in result.stderr


def fetch(url: str, timeout: float = 90) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read().decode("utf-8")


def test_serve_shows_a_broken_correction_and_reloads_when_it_is_fixed(tmp_path, small_edition):
    project = copy_small(small_edition, tmp_path)
    port = free_port()
    base, page = f"http://127.0.0.1:{port}", "/hans/mongolia/aftermath/"
    process = subprocess.Popen([sys.executable, str(ROOT / "build_edition.py"), "serve", "--port", str(port)],
                               cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    corrections = project / "sources" / "corrections.yml"
    original = corrections.read_text(encoding="utf-8")

    def after_rebuild(text: str) -> str:
        epoch = re.search(r"livereload\((\d+),", fetch(base + page)).group(1)
        corrections.write_text(text, encoding="utf-8")
        fetch(f"{base}/livereload/{epoch}/1")      # answers when the rebuild has landed
        return fetch(base + page)

    try:
        deadline = time.monotonic() + TIMEOUT
        while True:
            assert process.poll() is None, process.stdout.read()
            assert time.monotonic() < deadline, "serve did not come up"
            try:
                first = fetch(base + page, timeout=5)
                break
            except OSError:
                time.sleep(0.3)
        assert 'role="alert"' not in first
        broken = after_rebuild(original + "- text: mongolia\n  find: 第三次向联合国大会控告\n  reason: 半途\n")
        assert 'role="alert"' in broken and "exactly one of find+replace" in broken
        assert "第三次向联合国大会控告" in broken                   # the last good page is still served
        fixed = after_rebuild(original + "- text: mongolia\n  find: 第三次向联合国大会控告\n"
                                         "  replace: 第三次向联合国大会控诉\n  reason: 测试\n")
        assert 'role="alert"' not in fixed and "第三次向联合国大会控诉" in fixed
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_an_undecided_reading_alone_is_reported(tmp_path, small_edition):
    """With a reading undecided in one script (the article's 则余必 in the traditional site, its
    decision removed), the build fails naming that reading, and only that: what MkDocs would have
    found in either script (here a script from another host, in mkdocs.yml) is left for the next
    build, whether or not the other script's worker had reached MkDocs when it was told to stop
    (its stopping is tested in tests/test_build.py). The previous site is untouched."""
    project = copy_small(small_edition, tmp_path)
    conversion = project / "sources" / "conversion.yml"
    text = conversion.read_text(encoding="utf-8")
    decision = re.search(r"- find: 则余必\n(  .*\n)+", text).group(0)
    conversion.write_text(text.replace(decision, ""), encoding="utf-8")
    mkdocs_yml = project / "mkdocs.yml"
    mkdocs_yml.write_text(mkdocs_yml.read_text(encoding="utf-8").replace(
        "extra_javascript:\n", "extra_javascript:\n  - https://cdn.test/tracker.js\n", 1), encoding="utf-8")
    before = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    result = run_cli(project)
    assert result.returncode == 1, result.stdout + result.stderr
    problems = [line for line in result.stderr.splitlines() if line.startswith(("sources/", "mkdocs.yml"))]
    assert problems and all("undecided:" in line for line in problems), result.stderr
    assert any("则【余】必" in line for line in problems) and "cdn.test" not in result.stderr
    assert {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()} == before
