"""Benchmark of the build: medians of several runs, each in a fresh Python process.

    python bench/bench_build.py [--runs 5]

(a) every stage before MkDocs (load, texts, glossary, conversion, exports, pages, audits) for both
    texts and scripts, one after the other in one process; (b) MkDocs alone on the generated docs,
    both scripts in parallel as the build runs them, every page made (no store of kept pages); (c)
    the full build (`edition.build.build`) into an empty folder; (c') the same build again into
    that folder, nothing changed (what an editor's rebuild costs: it reuses the work stored under
    build/cache/, edition/core/memo.py, and the pages MkDocs made, edition/site/kept_pages.py);
    (a') the stages before MkDocs of that rebuild (the build's own order: load with the stored
    reconstructions, the jobs' key, both script jobs up to MkDocs, which find their files kept);
    (d) the output conservation check alone on the site (c) built, per script
    (edition/checks/published.py; in the build each script's check runs in that script's worker, after
    its MkDocs). Targets (issue 23): (a) <= 0.6 s (a rebuild's, (a'); (a) makes everything afresh);
    (c)/(b) <= 1.25; (d) < 0.3 s per script.
Timings exclude interpreter start-up and the import of the edition package, the same for all three.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent

STAGES_BEFORE_MKDOCS = """
import time, json, sys
from pathlib import Path
from edition.build import Timer, load_texts, script_job
out = Path(sys.argv[1]); project = Path.cwd(); root = project / "sources"
start = time.perf_counter()
anchored = load_texts(root, Timer(), project=project)
configs = [script_job(script, anchored, project, out / "build", out / "site", out / "build" / "audit",
                      mkdocs=False)["mkdocs"] for script in ("hant", "hans")]
print(json.dumps({"seconds": time.perf_counter() - start, "configs": configs}))
"""

STAGES_KEPT = """
import time, json, sys, contextlib, io
from pathlib import Path
from edition.build import SCRIPTS, Timer, job_key, load_texts, script_job
out = Path(sys.argv[1]); project = Path.cwd(); root = project / "sources"
start = time.perf_counter()
with contextlib.redirect_stdout(io.StringIO()):
    anchored = load_texts(root, Timer(), project=project, cache=out / "build" / "cache")
key = job_key(root, project, anchored, False)
results = [script_job(script, anchored, project, out / "build", out / "staged" / "site", out / "staged" / "audit",
                      mkdocs=False, key=key) for script in SCRIPTS]
assert all("kept" in r["timings"] for r in results), "the jobs were made again"
print(json.dumps({"seconds": time.perf_counter() - start}))
"""

MKDOCS_ALONE = """
import time, json, sys, functools
from edition.workers import run_parallel
from edition.site.mkdocs_build import build_sites
from pathlib import Path
configs = json.loads(sys.argv[1])
for config in configs:     # MkDocs alone: every page made, none kept from before (edition/site/kept_pages.py)
    config["extra"].pop("edition_kept", None)
start = time.perf_counter()
results = run_parallel([functools.partial(build_sites, Path.cwd(), [c]) for c in configs])
assert not any(results), results
print(json.dumps({"seconds": time.perf_counter() - start}))
"""

FULL_BUILD = """
import time, json, sys, contextlib, io
from pathlib import Path
from edition.build import build
start = time.perf_counter()
with contextlib.redirect_stdout(io.StringIO()):
    build(Path.cwd() / "sources", Path(sys.argv[1]))
print(json.dumps({"seconds": time.perf_counter() - start}))
"""

CHECK_ALONE = """
import time, json, sys
from pathlib import Path
from edition.build import Timer, load_texts
from edition.checks.published import conservation_problems
from edition.text.conversion import edition_in
out = Path(sys.argv[1]); root = Path.cwd() / "sources"
anchored = load_texts(root, Timer())
originals, seconds = {t.source.id: t for t in anchored.texts}, {}
for script in ("hant", "hans"):
    edition, logs = edition_in(script, anchored)
    start = time.perf_counter()
    assert not conservation_problems(edition, originals, logs, out / "site" / script, out / "site" / "data")
    seconds[script] = time.perf_counter() - start
print(json.dumps(seconds))
"""


def run(code: str, *args: str) -> dict:
    result = subprocess.run([sys.executable, "-c", code, *args], cwd=PROJECT, capture_output=True, text=True,
                            check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    a, b, c, warm, kept, d = [], [], [], [], [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as work:
            before = run(STAGES_BEFORE_MKDOCS, work)
            a.append(before["seconds"])
            b.append(run(MKDOCS_ALONE, json.dumps(before["configs"]))["seconds"])
        with tempfile.TemporaryDirectory() as work:
            c.append(run(FULL_BUILD, work)["seconds"])
            warm.append(run(FULL_BUILD, work)["seconds"])
            kept.append(run(STAGES_KEPT, work)["seconds"])
            d.append(run(CHECK_ALONE, work))
    median = {name: statistics.median(values) for name, values in (("a", a), ("b", b), ("c", c), ("w", warm))}
    print(f"runs: {runs} (medians; all runs: a={[round(x, 2) for x in a]} b={[round(x, 2) for x in b]} "
          f"c={[round(x, 2) for x in c]} c'={[round(x, 2) for x in warm]} a'={[round(x, 2) for x in kept]})")
    print(f"(a) stages before MkDocs: {median['a']:.2f} s  (everything made afresh)")
    print(f"(a') the same, rebuilding: {statistics.median(kept):.2f} s  (target <= 0.6 s)")
    print(f"(b) MkDocs alone:         {median['b']:.2f} s")
    print(f"(c) full build:           {median['c']:.2f} s")
    print(f"(c)/(b):                  {median['c'] / median['b']:.2f}  (target <= 1.25)")
    print(f"(c') rebuild, no change:  {median['w']:.2f} s")
    print(f"(c')/(b):                 {median['w'] / median['b']:.2f}")
    print("(d) output check:         " + ", ".join(f"{script} {statistics.median(r[script] for r in d):.2f} s"
                                                   for script in ("hant", "hans")) + "  (target < 0.3 s per script)")


if __name__ == "__main__":
    main()
