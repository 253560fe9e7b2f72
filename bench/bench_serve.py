"""Benchmark of the editor's loop: from saving a one-line correction to the reloaded page.

    python bench/bench_serve.py [--runs 5]

Starts `build_edition.py serve` on a copy of the edition, waits on MkDocs' live-reload long poll
(what an open browser tab waits on), then for each run appends or removes a one-line correction in
`sources/corrections.yml` and measures the time until the long poll answers and the corrected
chapter page, fetched again, shows the change. Prints the median and every run. Target (issue 23): <= 1.0 s.
"""
from __future__ import annotations

import argparse
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
CORRECTION = ("- text: mongolia\n  find: 第三次向联合国大会控告\n  replace: 第三次向联合国大会控告〔校〕\n"
              "  reason: 基準測試\n")
PAGE = "/hans/mongolia/aftermath/"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str, timeout: float = 70) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read().decode("utf-8")


def epoch_of(page: str) -> int:
    return int(re.search(r"livereload\((\d+),", page).group(1))


def wait_for_server(process: subprocess.Popen, base: str) -> None:
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"serve exited:\n{process.stdout.read()}")
        try:
            fetch(base + PAGE, timeout=5)
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("serve did not come up in 180 s")


def one_run(base: str, corrections: Path, original: str, corrected: bool) -> float:
    epoch = epoch_of(fetch(base + PAGE))
    text = original + CORRECTION if corrected else original
    start = time.perf_counter()
    corrections.write_text(text, encoding="utf-8")
    fetch(f"{base}/livereload/{epoch}/1")                     # answers when the new site is visible
    page = fetch(base + PAGE)
    if ("〔校〕" in page) != corrected:
        raise SystemExit("the reloaded page does not show the change")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as work:
        project = Path(work)
        shutil.copytree(PROJECT / "sources", project / "sources")
        shutil.copy(PROJECT / "mkdocs.yml", project / "mkdocs.yml")
        port = free_port()
        process = subprocess.Popen([sys.executable, str(PROJECT / "build_edition.py"), "serve", "--port", str(port)],
                                   cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for_server(process, base)
            corrections = project / "sources" / "corrections.yml"
            original = corrections.read_text(encoding="utf-8")
            times = [one_run(base, corrections, original, corrected=run % 2 == 0) for run in range(runs)]
        finally:
            process.terminate()
            process.wait(timeout=20)
    print(f"save-to-reload: median {statistics.median(times):.2f} s over {runs} runs "
          f"({', '.join(f'{t:.2f}' for t in times)}); target <= 1.0 s")


if __name__ == "__main__":
    main()
