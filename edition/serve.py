"""`python build_edition.py serve`: the editors' preview.

Builds once, serves `site/` as a plain static server would (so what the editor sees is what the
host serves), and rebuilds whenever a file under `sources/` or `templates/` or `mkdocs.yml`
changes. A failed rebuild prints its problems and keeps serving the last good site.
"""
from __future__ import annotations

import functools
import http.server
import threading
import time
from pathlib import Path
from typing import Callable

from .errors import EditionError


def snapshot(paths: list[Path]) -> dict[Path, float]:
    files = [f for p in paths for f in ([p] if p.is_file() else p.rglob("*")) if f.is_file()]
    return {f: f.stat().st_mtime for f in files}


def serve(rebuild: Callable[[], object], site: Path, watched: list[Path], port: int, poll: float = 1.0) -> None:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    print(f"serving {site} at http://127.0.0.1:{httpd.server_address[1]}/ (Ctrl-C stops)", flush=True)
    seen = snapshot(watched)
    try:
        while True:
            time.sleep(poll)
            now = snapshot(watched)
            if now != seen:
                changed = set(now) ^ set(seen) | {f for f in now if now[f] != seen.get(f)}
                seen = now
                print(f"changed: {', '.join(sorted(f.name for f in changed))}; rebuilding", flush=True)
                try:
                    rebuild()
                except EditionError as error:
                    print(f"rebuild failed; still serving the last good site.\n{error.report()}")
    except KeyboardInterrupt:
        httpd.shutdown()
