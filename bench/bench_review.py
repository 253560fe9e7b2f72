"""Benchmark of what the conversion review adds to a full build: medians of several runs.

    python bench/bench_review.py [--runs 7]

Measured in one process after stages 1-7 (not timed), per run and summed over both scripts (the
build runs the scripts in parallel, so the wall-clock cost is at most this sum):
(r) the review: zhconv over every converted unit, the comparison, the decisions, the counts and the
    review section of the audit pages; (o) the pass over each text in its own script that applies the
    overrides naming that script (吉田丰子 -> 吉田豊子), new with the review's decisions.
(t) = (r) + (o): target < 0.3 s. For scale, (c) the conversion itself (both texts, OpenCC).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from edition.build import Timer, load_texts  # noqa: E402  (after the path is set)
from edition.core.scripts import SCRIPTS  # noqa: E402
from edition.site.audit_page import review_section  # noqa: E402
from edition.site.mkdocs_build import TEMPLATES  # noqa: E402
from edition.site.strings import load_strings  # noqa: E402
from edition.text import review  # noqa: E402
from edition.text.conversion import convert_text, edition_in  # noqa: E402


def one_run(anchored) -> tuple[float, float, float]:
    reviewing = own_script = converting = 0.0
    strings = load_strings(TEMPLATES)
    for script in SCRIPTS:
        start = time.perf_counter()
        _, logs = edition_in(script, anchored)
        converting += time.perf_counter() - start
        start = time.perf_counter()
        findings, _ = review.review_script(anchored, logs)
        for text_id, log in logs.items():
            if log.config:
                mine = [f for f in findings if f.text == text_id]
                review_section(mine, review.counts([log], mine), strings[script])
        reviewing += time.perf_counter() - start
        start = time.perf_counter()
        for text in anchored.texts:
            if text.source.script == script:
                convert_text(text, script, list(anchored.overrides), anchored.config.script_quotes)
        own_script += time.perf_counter() - start
    return reviewing, own_script, converting - own_script   # edition_in includes the own-script pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    anchored = load_texts(PROJECT / "sources", Timer())
    results = [one_run(anchored) for _ in range(runs)]
    r, o, c = (statistics.median(values) for values in zip(*results, strict=True))
    print(f"runs: {runs} (medians; review per run: {[round(x[0], 3) for x in results]})")
    print(f"(r) review (zhconv, comparison, decisions, audit section): {r:.3f} s")
    print(f"(o) own-script override pass:                              {o:.3f} s")
    print(f"(t) added by the review: {r + o:.3f} s  (target < 0.3 s)")
    print(f"(c) for scale, the OpenCC conversion of both texts:        {c:.3f} s")


if __name__ == "__main__":
    main()
