"""Whole builds from outside against hostile file systems: a symbolic link in sources/, build/ or
site/ is named and nothing is written anywhere; concurrent builds in one folder all succeed.
Expectations come from the file system: snapshots of every folder taken before the build."""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, copy_small
from tests.e2e.test_build import run_cli, snapshot


@pytest.fixture(scope="module")
def built(tmp_path_factory, small_edition):
    return copy_small(small_edition, tmp_path_factory.mktemp("links"))     # built


@pytest.fixture
def elsewhere(tmp_path):
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "keep.md").write_text("not the edition's\n", encoding="utf-8")
    (folder / "secret.yml").write_text("token: hunter2\n", encoding="utf-8")
    return folder


def swap_for_link(path: Path, target: Path) -> Path:
    """Move `path` aside (restored by the caller) and put a link to `target` in its place."""
    aside = path.with_name(path.name + ".aside")
    path.rename(aside)
    path.symlink_to(target)
    return aside


@pytest.mark.parametrize("place,target", [
    ("build/docs/hant", "elsewhere"),
    ("build/docs/hans", "../../sources"),            # the link the issue found replacing every source
    ("sources/anchors.lock", "elsewhere/secret.yml"),
    ("sources/tables/mongolia-table-1.yml", "elsewhere/secret.yml"),
    ("site/hans", "elsewhere"),
])
def test_a_link_is_named_and_nothing_is_written(built, elsewhere, place, target):
    path = built / place
    aim = elsewhere / Path(target).name if target.startswith("elsewhere") else Path(target)
    before = {name: snapshot(built / name) for name in ("sources", "site")}
    outside = snapshot(elsewhere)
    aside = swap_for_link(path, aim)
    try:
        result = run_cli(built)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert f"{place}: is a symbolic link" in result.stderr
        assert "hunter2" not in result.stderr + result.stdout
        assert snapshot(elsewhere) == outside
        path.unlink()
        aside.rename(path)
        assert {name: snapshot(built / name) for name in ("sources", "site")} == before
    finally:
        if path.is_symlink():
            path.unlink()
            aside.rename(path)


def test_check_names_a_link_in_sources_too(built, elsewhere):
    glyphs = built / "sources" / "glyphs.yml"
    aside = swap_for_link(glyphs, elsewhere / "secret.yml")
    try:
        result = run_cli(built, "check")
        assert result.returncode == 1 and "sources/glyphs.yml: is a symbolic link" in result.stderr
    finally:
        glyphs.unlink()
        aside.rename(glyphs)


def test_three_concurrent_builds_all_succeed(built):
    """Three builds at once in one folder (they failed with missing files): each waits its turn."""
    runs = [subprocess.Popen([sys.executable, str(ROOT / "build_edition.py")], cwd=built, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for _ in range(3)]
    results = [(run.wait(timeout=400), *run.communicate()) for run in runs]
    assert [code for code, _, _ in results] == [0, 0, 0], [err for _, _, err in results]
    assert any("waiting for it to finish" in out for _, out, _ in results)
    assert not list(built.glob(".build-*")) and not list(built.glob(".old-*"))


def test_a_linked_sources_folder_is_refused_not_resolved(tmp_path, elsewhere, small_edition):
    """`sources` itself a link to another edition's sources: refused, not read through."""
    project = copy_small(small_edition, tmp_path)
    shutil.rmtree(project / "site")
    (project / "sources").rename(elsewhere / "sources")
    (project / "sources").symlink_to(elsewhere / "sources")
    result = run_cli(project)
    assert result.returncode == 1 and "sources: is a symbolic link" in result.stderr
    assert not (project / "site").exists()
