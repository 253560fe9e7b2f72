"""Benchmark of a phone's first view of the longest chapter: bytes and first contentful paint.

    python bench/bench_phone.py [--runs 5] [--site site]

Serves the built site (`python build_edition.py` first) from a local static server and opens the
longest chapter page (the largest chapter HTML of either script) in Debian's Chromium, driven by
Playwright, as Lighthouse's mobile profile does: a 412x823 screen at 1.75x, Slow 4G (1.6 Mbps
down, 750 kbps up, 150 ms round trip, set with CDP's Network.emulateNetworkConditions) and a 4x
slower CPU (Emulation.setCPUThrottlingRate), with an empty cache every run. Measures the bytes
of every response of the first view (until the network is idle; uncompressed: the local server
does not compress) and the first contentful paint (the page's own `paint` performance entry).
Prints the median of the runs against the budget: at most 400 KiB, FCP at most 1.8 s (web.dev's
"good"). Exit status 1 when the median misses a budget.
"""
from __future__ import annotations

import argparse
import functools
import http.server
import statistics
import sys
import threading
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
BUDGET_BYTES = 400 * 1024
BUDGET_FCP = 1.8
SLOW_4G = {"offline": False, "latency": 150, "downloadThroughput": 1.6 * 1024 * 1024 / 8,
           "uploadThroughput": 750 * 1024 / 8}
CPU_SLOWDOWN = 4


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def longest_chapter(site: Path) -> str:
    """The path (below the site) of the largest chapter page of either script."""
    chapters = [page for script in ("hant", "hans") for page in (site / script).glob("*/*/index.html")
                if page.parent.name not in ("apparatus", "search") and page.parent.parent.name != "glossary"
                and page.parent.parent.name != "audit"]
    page = max(chapters, key=lambda p: p.stat().st_size)
    return "/" + page.parent.relative_to(site).as_posix() + "/"


def first_view(browser, url: str) -> tuple[int, float, int]:
    """(bytes, first contentful paint in seconds, requests) of one cold load of `url`."""
    context = browser.new_context(viewport={"width": 412, "height": 823}, device_scale_factor=1.75,
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", SLOW_4G)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    sizes: dict[str, int] = {}
    cdp.on("Network.loadingFinished",
           lambda event: sizes.__setitem__(event["requestId"], int(event["encodedDataLength"])))
    try:
        page.goto(url, wait_until="load")
        page.wait_for_load_state("networkidle")
        fcp = page.evaluate("""() => { const e = performance.getEntriesByName('first-contentful-paint')[0];
                                        return e ? e.startTime / 1000 : NaN; }""")
        return sum(sizes.values()), fcp, len(sizes)
    finally:
        context.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--site", type=Path, default=PROJECT / "site")
    options = parser.parse_args()
    if not (options.site / "hant").is_dir():
        print(f"{options.site}: no built site; run python build_edition.py first", file=sys.stderr)
        return 1
    path = longest_chapter(options.site)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(options.site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    from playwright.sync_api import sync_playwright
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            url = f"http://127.0.0.1:{httpd.server_address[1]}{path}"
            runs = [first_view(browser, url) for _ in range(options.runs)]
            browser.close()
    finally:
        httpd.shutdown()
    weight = statistics.median(r[0] for r in runs)
    fcp = statistics.median(r[1] for r in runs)
    print(f"longest chapter: {path} ({runs[0][2]} requests)")
    print(f"first view: {weight / 1024:.0f} KiB (budget {BUDGET_BYTES // 1024} KiB) "
          f"{'ok' if weight <= BUDGET_BYTES else 'OVER'}")
    print(f"first contentful paint: {fcp:.2f} s (budget {BUDGET_FCP} s) {'ok' if fcp <= BUDGET_FCP else 'OVER'}"
          f"   runs: {', '.join(f'{r[1]:.2f}' for r in runs)}")
    return 0 if weight <= BUDGET_BYTES and fcp <= BUDGET_FCP else 1


if __name__ == "__main__":
    sys.exit(main())
