"""No symbolic link is followed for reading or writing, and one build at a time writes a folder.

The expectations come from the file system itself (what `os.readlink` says is a link, what a
folder held before), never from the guard's own listing."""
import os
import subprocess
import sys
import textwrap
import time

import pytest

from edition.core.errors import EditionError
from edition.core.paths import inside, links_in
from edition.sources.load import load
from edition.sources.yamlfile import read_bytes
from edition.staging import exclusive, refuse_links, write_source
from tests.conftest import ROOT, copy_project

SECRET = "password = hunter2\n"


@pytest.fixture
def outside(tmp_path):
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "secret.yml").write_text(SECRET, encoding="utf-8")
    return folder


def test_links_in_lists_every_link_and_follows_none(tmp_path, outside):
    (tmp_path / "top" / "deep").mkdir(parents=True)
    (tmp_path / "top" / "deep" / "file.yml").symlink_to(outside / "secret.yml")
    (tmp_path / "top" / "folder").symlink_to(outside)
    (tmp_path / "top" / "plain.yml").write_text("a: 1\n", encoding="utf-8")
    expected = sorted(f"top/{p.relative_to(tmp_path / 'top').as_posix()}" for p in (tmp_path / "top").rglob("*")
                      if p.is_symlink())
    assert sorted(links_in(tmp_path / "top", "top")) == expected == ["top/deep/file.yml", "top/folder"]
    assert links_in(tmp_path / "top" / "deep", "x") == ["x/file.yml"]
    assert links_in(tmp_path / "absent", "absent") == []
    (tmp_path / "linked").symlink_to(tmp_path / "top")
    assert links_in(tmp_path / "linked", "linked") == ["linked"]     # the folder itself


def test_inside_refuses_a_link_on_the_way_and_a_way_out(tmp_path, outside):
    (tmp_path / "docs").symlink_to(outside)
    with pytest.raises(EditionError, match="docs: is a symbolic link"):
        inside(tmp_path, "docs", "page.md")
    with pytest.raises(EditionError, match="outside"):
        inside(tmp_path, "..", "x")
    assert inside(tmp_path, "real", "page.md") == tmp_path / "real" / "page.md"


def test_a_linked_source_is_named_and_never_read(tmp_path, outside):
    sources = copy_project(tmp_path) / "sources"
    table = sources / "tables" / "manchuria-table-1.yml"
    table.unlink()
    table.symlink_to(outside / "secret.yml")
    with pytest.raises(EditionError) as caught:
        read_bytes(table, "sources/tables/manchuria-table-1.yml")
    assert "sources/tables/manchuria-table-1.yml: is a symbolic link" in caught.value.report()
    with pytest.raises(EditionError) as caught:
        load(sources)
    report = caught.value.report()
    assert "sources/tables/manchuria-table-1.yml: is a symbolic link" in report and "hunter2" not in report


def test_a_linked_folder_on_the_way_is_named(tmp_path, outside):
    sources = copy_project(tmp_path) / "sources"
    (outside / "tables").mkdir()
    for table in (sources / "tables").iterdir():
        table.rename(outside / "tables" / table.name)
    (sources / "tables").rmdir()
    (sources / "tables").symlink_to(outside / "tables")
    with pytest.raises(EditionError, match=r"^sources/tables: is a symbolic link"):
        read_bytes(sources / "tables" / "manchuria-table-1.yml", "sources/tables/manchuria-table-1.yml")


@pytest.mark.parametrize("place", ["sources/anchors.lock", "build/docs/hant", "build/docs/hans", "site/hant",
                                   "site/data/manchuria.hant.json"])
def test_refuse_links_names_a_link_in_any_of_the_three_folders(tmp_path, outside, place):
    project = copy_project(tmp_path)
    link = project / place
    link.parent.mkdir(parents=True, exist_ok=True)
    if link.exists():
        link.unlink()
    link.symlink_to(outside if "." not in link.name else outside / "secret.yml")
    with pytest.raises(EditionError, match=f"^{place}: is a symbolic link"):
        refuse_links(project / "sources", project)
    assert (outside / "secret.yml").read_text(encoding="utf-8") == SECRET


def test_negative_no_link_no_problem(tmp_path):
    project = copy_project(tmp_path)
    (project / "build" / "docs").mkdir(parents=True)
    refuse_links(project / "sources", project)


def test_write_source_refuses_a_link_and_never_writes_through_it(tmp_path, outside):
    (tmp_path / "anchors.lock").symlink_to(outside / "secret.yml")
    with pytest.raises(EditionError, match="anchors.lock: is a symbolic link"):
        write_source(tmp_path, "anchors.lock", "new ledger\n")
    assert (outside / "secret.yml").read_text(encoding="utf-8") == SECRET
    assert os.readlink(tmp_path / "anchors.lock") == str(outside / "secret.yml")


def test_write_source_replaces_the_file_whole(tmp_path):
    (tmp_path / "anchors.lock").write_text("old\n", encoding="utf-8")
    write_source(tmp_path, "anchors.lock", "new ledger\n")
    assert (tmp_path / "anchors.lock").read_text(encoding="utf-8") == "new ledger\n"
    assert os.listdir(tmp_path) == ["anchors.lock"]     # no temporary file left


HOLDER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from edition.staging import exclusive
    with exclusive(Path(sys.argv[1])):
        print("held", flush=True)
        time.sleep(float(sys.argv[2]))
""")


def test_a_second_build_waits_for_the_lock_and_says_so(tmp_path):
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(tmp_path), "1.5"], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline() == "held\n"
    started = time.monotonic()
    waiter = subprocess.run([sys.executable, "-c", HOLDER, str(tmp_path), "0"], cwd=ROOT, capture_output=True,
                            text=True, timeout=30)
    waited = time.monotonic() - started
    holder.wait(timeout=30)
    assert "another build is writing to" in waiter.stdout and "waiting" in waiter.stdout
    assert waited >= 0.5
    assert sorted(os.listdir(tmp_path)) == []        # the lock writes nothing


def test_negative_the_lock_is_free_again_after_a_build(tmp_path, capsys):
    with exclusive(tmp_path):
        pass
    with exclusive(tmp_path):
        pass
    assert "waiting" not in capsys.readouterr().out
