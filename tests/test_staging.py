"""edition/staging.py's publishing: a folder swapped in whole, never missing, never half old."""
import ast
import subprocess
import sys
import time

import pytest

from edition.core.errors import EditionError
from edition.serve import check_port
from edition.staging import Staging, exchange


def fill(folder, version: str, names=("index.html", "data/a.json", "data/b.xml")) -> None:
    for name in names:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(version, encoding="utf-8")


READER = """
import os, sys, time
site, stop = sys.argv[1], sys.argv[2]
counts = {"whole": 0, "mixed": 0, "missing": 0, "removed": 0}
deadline = time.time() + 120
while not os.path.exists(stop) and time.time() < deadline:
    try:
        handle = os.open(site, os.O_RDONLY | os.O_DIRECTORY)
    except FileNotFoundError:
        counts["missing"] += 1
        continue
    try:
        versions = set()
        for name in ("index.html", "data/a.json", "data/b.xml"):
            with open(name, opener=lambda path, flags: os.open(path, flags, dir_fd=handle)) as file:
                versions.add(file.read())
        counts["mixed" if len(versions) > 1 else "whole"] += 1
    except FileNotFoundError:      # the old tree, swapped out, removed under the reader
        counts["removed"] += 1
    finally:
        os.close(handle)
print(counts)
"""


def test_a_reader_sees_all_old_or_all_new_files_and_never_no_site(tmp_path):
    """Each look-up of site/ by another process (as a web server's) finds one whole tree, old or
    new; never none, never a mixture. (With two renames instead of one swap, such a reader found
    no site/ at times: 2 and 2186 look-ups in two runs.)"""
    fill(tmp_path / "site", "0")
    reader = subprocess.Popen([sys.executable, "-c", READER, str(tmp_path / "site"), str(tmp_path.parent / "stop")],
                              stdout=subprocess.PIPE, text=True)
    time.sleep(0.3)
    try:
        for version in range(1, 200):
            with Staging(tmp_path) as stage:
                fill(stage.folder / "site", str(version))
                stage.commit()
    finally:
        (tmp_path.parent / "stop").write_text("", encoding="utf-8")
        counts = ast.literal_eval(reader.communicate(timeout=60)[0])
    assert (tmp_path / "site" / "data" / "a.json").read_text(encoding="utf-8") == "199"
    assert counts["missing"] == 0 and counts["mixed"] == 0 and counts["whole"] > 100, counts
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]      # no staging or old folder left


def test_exchange_swaps_two_folders(tmp_path):
    fill(tmp_path / "a", "a")
    fill(tmp_path / "b", "b")
    if not exchange(tmp_path / "a", tmp_path / "b"):
        pytest.skip("this system cannot swap folders in one step (commit renames twice instead)")
    assert (tmp_path / "a" / "index.html").read_text(encoding="utf-8") == "b"
    assert (tmp_path / "b" / "index.html").read_text(encoding="utf-8") == "a"


@pytest.mark.parametrize("port", [99999, 0, -1, 65536])
def test_a_port_that_is_no_port_is_a_sentence(port):
    with pytest.raises(EditionError, match=f"^--port: {port} is not a port: give a number from 1 to 65535"):
        check_port(port)


def test_a_link_made_during_the_build_is_never_published(tmp_path):
    fill(tmp_path / "site", "old")
    with Staging(tmp_path) as stage:
        fill(stage.folder / "site", "new")
        (stage.folder / "site" / "data" / "leak.json").symlink_to("/etc/hostname")
        with pytest.raises(EditionError, match="^site/data/leak.json: the build made this a symbolic link"):
            stage.commit()
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8") == "old"
