"""Benchmark of the search: bytes transferred and time to the first result, at 1x and 10x the corpus.

    python bench/bench_search.py [--runs 5]

The edition is built once into a temporary folder and served by `http.server`. 10x is the same
site with the search index of ten synthetic texts (five copies of each text, the paragraphs of
every chapter shuffled differently in each copy), written by `edition.search.write_search_index`.
For each query, in a fresh browser context (empty cache) of Debian's Chromium, the page is
opened, the search box clicked (which loads the manifest) and the query set; then:

- transfer: the gzip size (level 6, as a static host would send it) of every search file the
  browser fetched (search-index.js, search.js, search.css, manifest, buckets, passage chunks, and
  names.json for a Latin query or one that finds nothing) up to the first result;
- latency: from the query's input event to its first result, and to its whole first page of
  results, in the list, in-page (`performance.now()`), after the manifest is loaded; the buckets
  and passage chunks are fetched on demand inside that time. "cached" repeats the query when
  those files are in the browser's cache: the time of the matching and drawing alone.

Medians of `--runs` runs. Targets (issue 11): transfer <= 150 KB before the first result at 1x,
not growing with the corpus; latency < 100 ms.
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import random
import shutil
import statistics
import sys
import tempfile
import threading
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote, urlparse

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

QUERIES = [("hant", "蒋经国"), ("hans", "中長鐵路"), ("hant", "北塔山"), ("hans", "雅爾達"), ("hant", "史达林"),
           ("hans", "中"), ("hant", "Stalin"), ("hans", "Chiang Kai-shek"), ("hant", "莫斯料")]   # names.json too


def synthetic(texts, copies: int = 5):
    """Ten texts made from the two: each copy under its own id, each chapter's paragraphs shuffled."""
    made = []
    for copy in range(copies):
        for text in texts:
            shuffle = random.Random(f"{text.source.id}-{copy}")
            chapters = tuple(replace(c, paragraphs=tuple(shuffle.sample(c.paragraphs, len(c.paragraphs))))
                             for c in text.chapters)
            source = replace(text.source, id=f"{text.source.id}-{copy + 1}")
            made.append(replace(text, source=source, chapters=chapters))
    return tuple(made)


def build_sites(work: Path) -> dict[str, Path]:
    """The built edition (1x) and a copy whose search index covers the 10x corpus."""
    from edition.build import Timer, build, load_texts
    from edition.core.scripts import SCRIPTS
    from edition.exports.citation import work_of
    from edition.site.mkdocs_build import TEMPLATES
    from edition.site.search import write_search_index
    from edition.site.strings import load_strings
    from edition.text.conversion import edition_in
    from edition.text.mentions import find_mentions
    project = Path(__file__).resolve().parent.parent
    build(project / "sources", work, project=project)
    one = work / "site"
    ten = work / "site10"
    shutil.copytree(one, ten)
    anchored = load_texts(project / "sources", Timer())
    strings = load_strings(TEMPLATES)
    for script in SCRIPTS:
        edition, _ = edition_in(script, anchored)
        shutil.rmtree(ten / script / "search")
        texts, glossary = synthetic(edition.texts), anchored.config.glossary
        mentions = find_mentions(glossary, texts, script)
        works = {t.source.id: work_of(t.source) for t in texts}
        write_search_index(texts, glossary, mentions, script, strings[script], ten / script, works)
    return {"1x": one, "10x": ten}


def serve(folder: Path):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


def gzip_size(folder: Path, url: str) -> int:
    return len(gzip.compress((folder / unquote(urlparse(url).path).lstrip("/")).read_bytes(), 6))


def is_search_file(url: str) -> bool:
    path = urlparse(url).path
    return "/search/" in path or path.endswith(("/assets/search.js", "/assets/search-index.js", "/assets/search.css"))


MEASURE = """async (query) => {
  const input = document.querySelector('[data-ed-search-query]');
  const result = document.querySelector('[data-ed-search-result]');
  input.value = '';
  input.dispatchEvent(new Event('input', {bubbles: true}));
  const times = {};
  const start = performance.now();
  const done = new Promise(resolve => new MutationObserver((_, observer) => {
    if (result.dataset.edFirst === query && !times.first) { times.first = performance.now() - start; }
    if (result.dataset.edDone === query) { times.page = performance.now() - start; observer.disconnect(); resolve(); }
  }).observe(result, {attributes: true}));
  input.value = query;
  input.dispatchEvent(new Event('input', {bubbles: true}));
  await done;
  return {first: times.first, page: times.page, count: document.querySelector('[data-ed-search-meta]').textContent};
}"""


def measure(browser, base: str, folder: Path, script: str, query: str) -> dict:
    context = browser.new_context()
    page = context.new_page()
    fetched = []
    page.on("requestfinished", lambda request: fetched.append(request.url))
    page.goto(f"{base}/{script}/mongolia/")
    with page.expect_response(lambda response: response.url.endswith("/search/manifest.json")):
        page.click(".md-search__input")
    page.wait_for_selector("[data-ed-ready]", state="attached")
    cold = page.evaluate(MEASURE, query)
    files = sorted({url for url in fetched if is_search_file(url)})
    warm = page.evaluate(MEASURE, query)          # the same query again: every file it needs is cached
    context.close()
    return {"first": cold["first"], "page": cold["page"], "warm": warm["first"], "count": cold["count"],
            "bytes": sum(gzip_size(folder, url) for url in files), "files": len(files)}


def index_size(folder: Path) -> str:
    search = folder / "hant" / "search"
    buckets = sorted(len(gzip.compress(p.read_bytes(), 6)) for p in (search / "b").glob("*.json"))
    total = sum(len(gzip.compress(p.read_bytes(), 6)) for p in search.rglob("*.json"))
    manifest = len(gzip.compress((search / "manifest.json").read_bytes(), 6))
    return (f"hant index {total / 1024:.0f} KB gzip in {len(list(search.rglob('*.json')))} files; "
            f"{len(buckets)} buckets, median {statistics.median(buckets) / 1024:.1f} KB, "
            f"max {buckets[-1] / 1024:.1f} KB; manifest {manifest / 1024:.1f} KB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright
    with tempfile.TemporaryDirectory() as temp:
        sites = build_sites(Path(temp))
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                                 args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
            for scale, folder in sites.items():
                httpd, base = serve(folder)
                print(f"== {scale}: {index_size(folder)}")
                for script, query in QUERIES:
                    runs = [measure(browser, base, folder, script, query) for _ in range(args.runs)]
                    median = {key: statistics.median(r[key] for r in runs)
                              for key in ("first", "page", "warm", "bytes")}
                    print(f"{scale:>4} /{script}/ {query:<5} {median['bytes'] / 1024:5.1f} KB gzip in "
                          f"{runs[0]['files']:>2} files; first result {median['first']:5.1f} ms, first page "
                          f"{median['page']:5.1f} ms (files fetched on demand); cached {median['warm']:4.1f} ms; "
                          f"{runs[0]['count']}")
                httpd.shutdown()
            browser.close()


if __name__ == "__main__":
    main()
