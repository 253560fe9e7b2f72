"""The same sources give a byte-identical site on any day: a build under a faked clock (libfaketime,
Debian's `faketime`) two thousand days away equals the session's build, file for file. It starts
from the session build's build/cache/ (romanized titles, folding classes, postings: core.memo)
without the whole load and the scripts' kept files, which it makes again: the session's build,
which took them from the checkout's last build, is also checked against one that made them."""
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

BUILD = ("import datetime, sys; from pathlib import Path; from edition.build import build; "
         "print('clock', datetime.date.today()); build(Path(sys.argv[1]), Path(sys.argv[2]))")


def tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_builds_on_different_days_are_identical(site, tmp_path):
    faketime = shutil.which("faketime")
    assert faketime, "the faketime program is missing: apt-get install faketime (.ci/run does)"
    env = {**os.environ, "FAKETIME_DONT_FAKE_MONOTONIC": "1"}   # timers keep running; only the date moves
    env.pop("SOURCE_DATE_EPOCH", None)
    shutil.copytree(site.parent / "build" / "cache", tmp_path / "build" / "cache",
                    ignore=shutil.ignore_patterns("job-*", "load.pickle"))
    kept = {path.name for path in (tmp_path / "build" / "cache").glob("postings-*.json")}
    assert kept >= {f"postings-{script}-{text}.json" for script in ("hant", "hans")
                    for text in ("manchuria", "mongolia")}
    result = subprocess.run([faketime, "-f", "@2031-01-02 12:00:00", sys.executable, "-c", BUILD,
                             str(ROOT / "sources"), str(tmp_path)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert "clock 2031-01-02" in result.stdout          # the clock really was elsewhere
    first, second = tree(site), tree(tmp_path / "site")
    assert sorted(first) == sorted(second)
    assert [path for path in first if first[path] != second[path]] == []
