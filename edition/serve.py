"""`python build_edition.py serve`: the editors' preview, with live reload.

Serves `site/` with MkDocs' own live-reload server (what the editor sees is the static site, with
MkDocs' small reload script added to each page) and rebuilds whenever a file under `sources/` or
`mkdocs.yml` changes; every open page reloads when a rebuild lands. A rebuild is a whole build
(`edition.build.build`): staged, then swapped in at once with its exports, so the pages equal a
clean build's (the reload script aside) and a reader sees all old or all new files. A rebuild
that fails, for any reason, or is killed leaves the last good site whole and never stops the
server: every page shows the problems in a box at the top (and the terminal prints them) until a
rebuild succeeds and the pages reload.
"""
from __future__ import annotations

import hashlib
import socket
import traceback
from pathlib import Path
from typing import Callable

from mkdocs.livereload import LiveReloadServer

from edition.core.encode import html_text
from edition.core.errors import EditionError, fail

# How often the watched files are looked at (each a stat: sources/ holds a few dozen files), and how
# long they must stay unchanged before a rebuild starts (MkDocs waits 0.1 s). A save that takes
# longer is rebuilt again: `builder` compares the files after the build with those before it.
POLL = 0.05
QUIET = 0.05


class EditionServer(LiveReloadServer):
    """MkDocs' live-reload server that also shows the last failed rebuild's problems on every page."""

    problems: str = ""

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        content = super()._inject_js_into_html(content, epoch)
        if not self.problems:
            return content
        box = (f'<div role="alert" style="position:fixed;top:0;left:0;right:0;z-index:1000;background:#b00020;'
               f'color:#fff;padding:1em;font:14px/1.5 monospace;white-space:pre-wrap;max-height:50vh;overflow:auto">'
               f'{html_text(self.problems)}</div>').encode()
        at = content.find(b"<body")
        at = content.find(b">", at) + 1 if at >= 0 else 0
        return content[:at] + box + content[at:]


def check_port(port: int) -> None:
    """Fail before the first build, not after it, when the port is no port or another program holds it."""
    if not 1 <= port <= 65535:
        raise fail("--port", f"{port} is not a port: give a number from 1 to 65535 (1024 and above need no "
                   "administrator rights)")
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            raise fail("--port", f"port {port} on 127.0.0.1 is in use (another server?); choose another "
                       "with --port") from None


def contents(watched: list[Path]) -> dict[Path, str]:
    """Every file under the watched folders and files, with its inode, time, size and a hash of its
    bytes: a file saved again, even with the bytes it had (undone, touched, removed and made
    again), differs. An unreadable one (being written or removed) matches nothing."""
    files = [path for top in watched for path in ([top] if top.is_file() else sorted(top.rglob("*")))]
    found = {}
    for path in files:
        try:
            status = path.stat()
            found[path] = (f"{status.st_ino} {status.st_mtime_ns} {status.st_size} "
                           + (hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""))
        except OSError:
            found[path] = f"unreadable {path}"
    return found


def own_writes(before: dict[Path, str], after: dict[Path, str], writes: tuple[Path, ...]) -> bool:
    """Whether the files changed from `before` to `after` are only those the build writes."""
    return before.keys() == after.keys() and all(before[p] == after[p] for p in before if p not in writes)


def serve(rebuild: Callable[[], object], site: Path, watched: list[Path], port: int,
          writes: tuple[Path, ...] = ()) -> None:
    """Serve `site`, calling `rebuild` on every change under `watched`, except a change to `writes`
    (files the rebuild itself writes there) that the last rebuild made."""
    server = EditionServer(builder=lambda: None, host="127.0.0.1", port=port, root=str(site),
                           polling_interval=POLL)
    server.build_delay = QUIET
    settled: dict[Path, str] | None = contents(watched)    # as the first build left them

    def builder() -> None:
        nonlocal settled
        read = contents(watched)
        if read == settled:     # nothing changed but what the last rebuild wrote: no rebuild, no new epoch
            server._wanted_epoch = server._visible_epoch    # (MkDocs' loop makes it the visible one)
            return
        settled = None
        try:
            rebuild()
            server.problems = ""
            after = contents(watched)
            settled = after if own_writes(read, after, writes) else None   # an edit during the build is an edit
            print("rebuilt; reloading the browser", flush=True)
        except EditionError as error:
            server.problems = f"rebuild failed; still serving the last good site.\n{error.report()}"
        except Exception:       # a bug, not an editor's mistake: still never stop serving
            server.problems = f"rebuild failed with an internal error:\n{traceback.format_exc()}"
        if server.problems:
            print(server.problems, flush=True)

    server.builder = builder
    for path in watched:
        if path.exists():
            server.watch(str(path))
    print(f"serving {site} at http://127.0.0.1:{port}/ (Ctrl-C stops)", flush=True)
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
