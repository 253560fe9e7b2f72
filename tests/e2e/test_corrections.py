"""Corrections from outside: applied to a copy of the built small edition (tests/projects.py), every
anchor of the first build still resolves and only the touched paragraphs change."""
import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, copy_small
from tests.projects import command


def export(project: Path, text: str, script: str) -> dict:
    return json.loads((project / "site" / "data" / f"{text}.{script}.json").read_text(encoding="utf-8"))


def run_build(project: Path, *extra: str) -> subprocess.CompletedProcess:
    return command(ROOT, *extra, "--sources", str(project / "sources"), "--out", str(project))


def unique_tail(paragraphs: list, index: int, size: int = 14) -> str:
    tail = paragraphs[index]["text"][-size:]
    assert sum(p["text"].count(tail) for p in paragraphs) == 1
    return tail


@pytest.fixture(scope="module")
def corrected(tmp_path_factory, small_edition):
    """The project built, then rebuilt with a replacement, a split and a join in the article."""
    project = copy_small(small_edition, tmp_path_factory.mktemp("corrected"))     # built
    before = export(project, "mongolia", "hans")
    body = [p for p in before["paragraphs"] if p["chapter"] == "yalta" and p["kind"] == "body"]
    ids = [p["id"] for p in before["paragraphs"]]
    replaced, split, joined = body[1], body[3], body[5]
    middle = split["text"][len(split["text"]) // 2 - 6:len(split["text"]) // 2 + 6]
    joined_next = ids[ids.index(joined["id"]) + 1]
    corrections = project / "sources" / "corrections.yml"
    corrections.write_text(corrections.read_text(encoding="utf-8") + f"""
- text: mongolia
  find: "{replaced['text'][10:22]}"
  replace: "{replaced['text'][10:22]}（校）"
  reason: test emendation
- text: mongolia
  split_after: "{middle}"
  reason: test split
- text: mongolia
  join_after: "{unique_tail(before['paragraphs'], ids.index(joined['id']))}"
  reason: test join
""", encoding="utf-8")
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    ids = (replaced["id"], split["id"], joined["id"], joined_next)
    return project, before, export(project, "mongolia", "hans"), ids


def test_every_anchor_of_the_first_build_resolves(corrected):
    _, before, after, (replaced, split, joined, joined_next) = corrected
    live = {p["id"] for p in after["paragraphs"]}
    for p in before["paragraphs"]:
        assert p["id"] in live or after["retired"].get(p["id"]) in live
    assert {k: v for k, v in after["retired"].items() if k not in before["retired"]} == {joined_next: joined}


def test_only_touched_paragraphs_change(corrected):
    _, before, after, (replaced, split, joined, joined_next) = corrected
    old = {p["id"]: p["text"] for p in before["paragraphs"]}
    new = {p["id"]: p["text"] for p in after["paragraphs"]}
    changed = {i for i in old if i in new and old[i] != new[i]} | (set(new) - set(old)) | (set(old) - set(new))
    added = set(new) - set(old)
    assert len(added) == 1                                     # the second part of the split
    assert changed == {replaced, split, joined, joined_next} | added
    emendations = {(e["kind"], e.get("paragraph")) for e in after["emendations"]}
    assert {("replace", replaced), ("split", next(iter(added))), ("join", joined)} <= emendations


def test_frozen_fails_when_the_ledger_would_change(corrected):
    project = corrected[0]
    assert run_build(project, "--frozen").returncode == 0      # unchanged since the last build
    corrections = project / "sources" / "corrections.yml"
    text = corrections.read_text(encoding="utf-8")
    try:                                 # the fixture is shared: restored whatever happens
        corrections.write_text(text + "- text: mongolia\n  split_after: \"蒋介石与1945-1952年\"\n  reason: test\n",
                               encoding="utf-8")
        result = run_build(project, "--frozen")
        assert result.returncode == 1 and "sources/anchors.lock" in result.stderr
    finally:
        corrections.write_text(text, encoding="utf-8")


def test_a_correction_that_does_not_match_names_file_line_and_count(tmp_path, small_edition):
    project = copy_small(small_edition, tmp_path)
    corrections = project / "sources" / "corrections.yml"
    text = corrections.read_text(encoding="utf-8")
    corrections.write_text(text + "- text: mongolia\n  find: 苏联\n  replace: 蘇聯\n  reason: test\n",
                           encoding="utf-8")
    line = len(text.splitlines()) + 1
    result = run_build(project)
    assert result.returncode == 1
    assert f"sources/corrections.yml:{line}: '苏联' matches" in result.stderr and "exactly once" in result.stderr


def test_a_chapter_path_that_existed_keeps_working(tmp_path, small_edition):
    project = copy_small(small_edition, tmp_path)
    edition = project / "sources" / "edition.yml"
    edition.write_text(edition.read_text(encoding="utf-8").replace("slug: yalta,", "slug: yalta-agreement,"),
                       encoding="utf-8")
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    for script in ("hant", "hans"):
        old = (project / "site" / script / "mongolia" / "yalta" / "index.html").read_text(encoding="utf-8")
        assert 'url=../yalta-agreement/' in old and "location.hash" in old
    assert "mongolia chapter/yalta retired yalta" in (project / "sources" / "anchors.lock").read_text(encoding="utf-8")
