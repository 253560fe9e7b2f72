"""The whole build: exports match the contract, bad input fails clearly and writes nothing."""
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from edition.audit import conservation
from edition.export import export_text

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((Path(__file__).parent / "schema" / "text-export.schema.json").read_text(encoding="utf-8"))


def test_conservation_holds_for_both_texts(config):
    """Checked on the texts as reconstructed, before the editor's corrections (the apparatus
    accounts for those)."""
    from edition.build import build_text, load_glyphs
    glyphs = load_glyphs(ROOT / "sources")
    for source in config.texts:
        assert conservation(build_text(source, glyphs.get(source.id, {}))) == []


def test_conservation_catches_a_lost_character(built):
    text = built["mongolia"]
    first = text.chapters[1].paragraphs[1]
    from dataclasses import replace
    damaged_chapter = replace(text.chapters[1], paragraphs=(text.chapters[1].paragraphs[0], replace(first, text=first.text[1:])) + text.chapters[1].paragraphs[2:])
    damaged = replace(text, chapters=(text.chapters[0], damaged_chapter) + text.chapters[2:])
    assert conservation(damaged)


@pytest.mark.parametrize("text_id", ["manchuria", "mongolia"])
def test_export_follows_the_contract(built, text_id):
    data = export_text(built[text_id], built[text_id].source.script)
    jsonschema.validate(data, SCHEMA)
    paragraphs = {p["id"]: p for p in data["paragraphs"]}
    for note in data["notes"]:
        assert 0 <= note["ref"]["offset"] <= len(paragraphs[note["ref"]["paragraph"]]["text"])


def copy_project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(ROOT / "sources", project / "sources")
    return project


def run_build(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build_edition.py"), "--sources", str(project / "sources"),
                           "--out", str(project)], capture_output=True, text=True, cwd=ROOT)


def test_build_writes_exports_and_audit(tmp_path):
    project = copy_project(tmp_path)
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    assert "end of life" not in output and "WARNING" not in output and "Traceback" not in output
    assert re.search(r"^build: load \d", result.stdout, re.M)  # the per-stage timing summary
    assert (project / "site" / "data" / "manchuria.hant.json").exists()
    assert "守恒：原档中每一个非空白字元" in (project / "build" / "audit" / "mongolia.md").read_text(encoding="utf-8")


@pytest.fixture
def built_project(tmp_path):
    project = copy_project(tmp_path)
    assert run_build(project).returncode == 0
    return project


def fails_untouched(project: Path, *expected: str) -> None:
    before = (project / "site" / "data" / "mongolia.hans.json").read_bytes()
    result = run_build(project)
    assert result.returncode == 1
    for text in expected:
        assert text in result.stderr
    assert "Traceback" not in result.stderr
    assert (project / "site" / "data" / "mongolia.hans.json").read_bytes() == before


def test_non_utf8_source_names_its_encoding(built_project):
    raw = built_project / "sources" / "mongolia.txt"
    raw.write_bytes(raw.read_text(encoding="utf-8").encode("gb18030"))
    fails_untouched(built_project, "sources/mongolia.txt:1: not UTF-8", "GB18030")


def test_edited_raw_text_is_refused(built_project):
    raw = built_project / "sources" / "mongolia.txt"
    raw.write_text(raw.read_text(encoding="utf-8").replace("尤淑君", "尤淑軍"), encoding="utf-8")
    fails_untouched(built_project, "sources/mongolia.txt", "sha256")


def test_unknown_key_gets_line_and_did_you_mean(built_project):
    config = built_project / "sources" / "edition.yml"
    text = config.read_text(encoding="utf-8").replace("    script: hans", "    scirpt: hans")
    config.write_text(text, encoding="utf-8")
    line = text.splitlines().index("    scirpt: hans") + 1
    fails_untouched(built_project, f"sources/edition.yml:{line}: unknown key 'scirpt'", "did you mean 'script'")


def test_broken_yaml_names_the_line(built_project):
    config = built_project / "sources" / "edition.yml"
    config.write_text(config.read_text(encoding="utf-8") + "  - id: [broken\n", encoding="utf-8")
    fails_untouched(built_project, "sources/edition.yml:", "broken YAML")


def test_missing_source_file(built_project):
    (built_project / "sources" / "mongolia.txt").unlink()
    fails_untouched(built_project, "sources/mongolia.txt: raw text file not found")


def test_serve_rebuilds_when_a_source_changes(tmp_path):
    import socket
    import time
    import urllib.request
    project = copy_project(tmp_path)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, str(ROOT / "build_edition.py"), "serve", "--port", str(port),
                                "--sources", str(project / "sources"), "--out", str(project)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT)
    try:
        lines = []
        while not any("serving" in line for line in lines):
            lines.append(process.stdout.readline())
            assert process.poll() is None, "".join(lines)
        home = urllib.request.urlopen(f"http://127.0.0.1:{port}/hant/").read().decode("utf-8")
        assert "蔣介石與1945-1952年的外蒙古獨立問題" in home
        terms = project / "sources" / "search-terms.yml"
        time.sleep(1.1)
        terms.write_text(terms.read_text(encoding="utf-8") + "- 北安\n", encoding="utf-8")
        while not any("rebuilding" in line for line in lines):
            lines.append(process.stdout.readline())
        while not any("conservation holds" in line for line in lines[-3:]) and not lines[-1].startswith("build:"):
            lines.append(process.stdout.readline())
        assert "search-terms.yml" in "".join(lines)
    finally:
        process.terminate()
        process.wait(timeout=10)
