"""Benchmark of the build as an edition grows: 2, 10 and 20 texts, time and peak memory.

    python bench/bench_scale.py [--counts 2 10 20] [--runs 1]

For each count, an edition folder is made in a temporary directory from this project's sources/ and
mkdocs.yml: the seed texts and, after them, copies of them under new ids (`manchuria-2`,
`mongolia-2`, …; their raw files copied under the new names). Every entry of sources/ that belongs
to a seed text goes with its copy: a list item naming the text anywhere inside it (`text:
mongolia`: glyph repairs, corrections, conversion decisions, glossary rules) is repeated for the
copy, and so is a table file. Each build runs in a fresh process (`python build_edition.py
--new-ledger`: a new ledger, no stored work: a first build); its wall time is measured, and its
peak memory is the largest resident set of the build or any of its workers (getrusage of the
waited-for children, measured from a fresh wrapper process per build). Prints the median per
count, every run, and the time per text: a cost that grows linearly keeps the time per text flat.
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parent.parent
MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run([sys.executable, sys.argv[1], "--new-ledger"], cwd=sys.argv[2], capture_output=True, text=True)
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "rc": done.returncode, "err": done.stderr[-2000:],
                  "peak_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def with_copies(value, renames: dict[str, list[str]]):
    """`value` with every list item that names a seed text (a `text:` key anywhere inside it)
    followed by one copy per new id of that text."""
    if isinstance(value, dict):
        return {key: with_copies(item, renames) for key, item in value.items()}
    if not isinstance(value, list):
        return value
    out = []
    for item in value:
        out.append(with_copies(item, renames))
        named = texts_named(item) & set(renames)
        if len(named) == 1:
            (seed,) = named
            out += [renamed(out[-1], seed, new) for new in renames[seed]]
    return out


def texts_named(value) -> set[str]:
    if isinstance(value, dict):
        own = {value["text"]} if isinstance(value.get("text"), str) else set()
        return own.union(*(texts_named(item) for item in value.values()))
    if isinstance(value, list):
        return set().union(*(texts_named(item) for item in value))
    return set()


def renamed(value, seed: str, new: str):
    if isinstance(value, dict):
        return {key: new if key == "text" and item == seed else renamed(item, seed, new) for key, item in value.items()}
    if isinstance(value, list):
        return [renamed(item, seed, new) for item in value]
    return value


def edition_folder(folder: Path, count: int) -> Path:
    """An edition of `count` texts in `folder`: the seeds, then copies of them in turn."""
    project = folder / f"edition-{count}"
    shutil.copytree(PROJECT / "sources", project / "sources", ignore=shutil.ignore_patterns("anchors.lock"))
    shutil.copy(PROJECT / "mkdocs.yml", project / "mkdocs.yml")
    sources = project / "sources"
    edition = yaml.safe_load((sources / "edition.yml").read_text(encoding="utf-8"))
    seeds = edition["texts"]
    renames: dict[str, list[str]] = {seed["id"]: [] for seed in seeds}
    copies = []
    for number in range(count - len(seeds)):
        seed = seeds[number % len(seeds)]
        new = f"{seed['id']}-{number // len(seeds) + 2}"
        renames[seed["id"]].append(new)
        shutil.copy(sources / seed["file"], sources / f"{new}.txt")
        copies.append({**seed, "id": new, "file": f"{new}.txt", "title": f"{seed['title']}（{new}）",
                       "tables": [name.replace(f"/{seed['id']}-", f"/{new}-", 1) for name in seed.get("tables", [])]})
    edition["texts"] = seeds + copies
    (sources / "edition.yml").write_text(yaml.safe_dump(edition, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for path in sorted(sources.rglob("*.yml")):
        if path.name == "edition.yml":
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and data.get("text") in renames and path.parent.name == "tables":
            for new in renames[data["text"]]:
                (path.parent / path.name.replace(data["text"], new, 1)).write_text(
                    yaml.safe_dump(renamed(data, data["text"], new), allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
        elif texts_named(data) & set(renames):
            path.write_text(yaml.safe_dump(with_copies(data, renames), allow_unicode=True, sort_keys=False),
                            encoding="utf-8")
    return project


def build_once(project: Path) -> dict:
    shutil.rmtree(project / "site", ignore_errors=True)
    shutil.rmtree(project / "build", ignore_errors=True)
    (project / "sources" / "anchors.lock").unlink(missing_ok=True)
    done = subprocess.run([sys.executable, "-c", MEASURE, str(PROJECT / "build_edition.py"), str(project)],
                          capture_output=True, text=True, check=True)
    result = json.loads(done.stdout)
    if result["rc"] != 0:
        raise SystemExit(f"the build of {project.name} failed:\n{result['err']}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[2, 10, 20])
    parser.add_argument("--runs", type=int, default=1)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        rows = []
        for count in options.counts:
            project = edition_folder(Path(work), count)
            runs = [build_once(project) for _ in range(options.runs)]
            seconds = statistics.median(r["seconds"] for r in runs)
            peak = statistics.median(r["peak_mib"] for r in runs)
            rows.append((count, seconds, peak))
            print(f"{count:3d} texts: {seconds:6.2f} s  ({seconds / count:.2f} s a text)  peak {peak:6.0f} MiB"
                  f"  runs: {[round(r['seconds'], 2) for r in runs]}", flush=True)
        first_count, first_seconds, _ = rows[0]
        for count, seconds, _ in rows[1:]:
            print(f"{count} texts / {first_count}: time x{seconds / first_seconds:.2f} for x{count / first_count:.0f} "
                  "the texts")


if __name__ == "__main__":
    main()
