"""Benchmark of what the TEI and plain-text exports add to a build: medians of several runs.

    python bench/bench_exports.py [--runs 7]

Wall-clock and CPU time are both given: on a machine shared with other work the wall clock
includes waiting for a core, the CPU time does not. The texts are built, converted and their
mentions found once (that work is the build's anyway); then each run makes and writes the TEI
and the plain text of all four text/script pairs from the JSON export's dict, as
`exports.formats.write_exports` does, and the downloads page. The JSON export itself
is timed too, for comparison; it is not part of the added time. Target: added time < 0.3 s.
Validation against tei_all.rng is not part of a build (it runs in `check` and the tests).
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from edition.build import Timer, load_texts  # noqa: E402
from edition.exports.json_export import export_text  # noqa: E402
from edition.exports.plaintext import plain_text  # noqa: E402
from edition.exports.tei import tei_document  # noqa: E402
from edition.exports.tei_header import header_facts  # noqa: E402
from edition.text.conversion import edition_in  # noqa: E402
from edition.text.mentions import find_mentions  # noqa: E402


def prepare():
    anchored = load_texts(PROJECT / "sources", Timer())
    glossary = anchored.config.glossary
    units = []
    for script in ("hant", "hans"):
        edition, _ = edition_in(script, anchored)
        mentions = find_mentions(glossary, edition.texts, script)
        units += [(text, script, mentions) for text in edition.texts]
    return anchored, glossary, units


def time_json(units, out: Path) -> float:
    start = time.perf_counter()
    for text, script, mentions in units:
        exported = export_text(text, script, mentions)
        (out / f"{text.source.id}.{script}.json").write_text(
            json.dumps(exported, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return time.perf_counter() - start


def time_added(anchored, glossary, exported: list, out: Path, clock=time.perf_counter) -> float:
    start = clock()
    for text, script, data in exported:
        (out / f"{text.source.id}.{script}.tei.xml").write_bytes(
            tei_document(data, glossary, header_facts(anchored, text, script)))
        (out / f"{text.source.id}.{script}.txt").write_bytes(plain_text(data).encode("utf-8"))
    return clock() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    anchored, glossary, units = prepare()
    exported = [(text, script, export_text(text, script, mentions)) for text, script, mentions in units]
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        json_times = [time_json(units, out) for _ in range(runs)]
        added = [time_added(anchored, glossary, exported, out) for _ in range(runs)]
        # CPU time of this process: what the work costs when the machine is not shared with others
        cpu = [time_added(anchored, glossary, exported, out, time.process_time) for _ in range(runs)]
        sizes = {p.name: p.stat().st_size for p in sorted(out.iterdir())}
    print(f"JSON export (for comparison), 4 files: median {statistics.median(json_times):.3f} s over {runs} runs")
    print(f"TEI + plain text, 4 + 4 files:        median {statistics.median(added):.3f} s over {runs} runs "
          f"(min {min(added):.3f}, max {max(added):.3f}); target < 0.3 s")
    print(f"  the same in CPU time of this process:  median {statistics.median(cpu):.3f} s")
    for name, size in sizes.items():
        print(f"  {name}: {size} bytes")


if __name__ == "__main__":
    main()
