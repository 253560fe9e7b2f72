"""Writing the output so that a failed, killed or interrupted build leaves the previous one intact.

A build writes into `<out>/.build-<pid>/` (beside the output, so the final moves are renames on
one file system) and moves each finished folder into place only at the end: the old one is renamed
to `.old-<name>`, the new one takes its place, the old one is removed. `recover` runs at the start
of every build and puts things right after a crash anywhere in that sequence: an `.old-<name>`
whose folder is missing is moved back, one whose folder exists is removed, and the staging
folders of builds that are no longer running are deleted. SIGTERM and SIGHUP end a build like
Ctrl-C does, so its staging folder is removed on the way out. Paths built from source values go
through `inside`, so no source value can make the build write outside its folders.

The build never follows a symbolic link it did not create: `refuse_links` names every link in
`sources/`, `build/` and `site/` before anything is written, and `write_source` (the ledger, the
one file the build writes into `sources/`) replaces the file, never writing through a link. One
build at a time writes an output folder: `exclusive` holds a lock on it for the whole build, and a
second build waits for the first (saying so) instead of tearing its files.
"""
from __future__ import annotations

import ctypes
import fcntl
import hashlib
import os
import shutil
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from edition.core.errors import EditionError, Problem, fail
from edition.core.paths import inside, links_in

OUTPUTS = ("site", "build/audit")


def _old(out: Path, name: str) -> Path:
    return out / f".old-{name.replace('/', '-')}"


def recover(out: Path) -> None:
    """Undo what an interrupted build left behind (see the module docstring)."""
    if not out.is_dir():
        return
    for name in OUTPUTS:
        old, target = _old(out, name), out / name
        if old.exists() and not target.exists():
            old.rename(target)
        elif old.exists():
            shutil.rmtree(old, ignore_errors=True)
    for folder in out.glob(".build-*"):
        pid = folder.name.removeprefix(".build-")
        if not (pid.isdigit() and _running(int(pid))):
            shutil.rmtree(folder, ignore_errors=True)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Staging:
    """`with Staging(out) as stage:` write into `stage.folder`, then `stage.commit()` to publish it."""

    def __init__(self, out: Path):
        self.out = out
        self.folder = out / f".build-{os.getpid()}"
        self.handlers: dict = {}

    def __enter__(self) -> "Staging":
        self.out.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir()
        self._catch_signals()
        return self

    def __exit__(self, *exc) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
        for signum, handler in self.handlers.items():
            signal.signal(signum, handler)

    def _catch_signals(self) -> None:
        def stop(signum, frame):
            raise SystemExit(128 + signum)
        try:
            for signum in (signal.SIGTERM, signal.SIGHUP):
                self.handlers[signum] = signal.signal(signum, stop)
        except ValueError:   # not the main thread (serve's rebuilds): the server handles its own signals
            self.handlers.clear()

    def commit(self) -> None:
        """Move every finished output folder into place: where the system can, the new and the old
        folder trade places in one step (a reader of the site, `serve`'s included, sees all old or
        all new files, never none); elsewhere, one rename each."""
        made = [link for name in OUTPUTS for link in links_in(self.folder / name, name)]
        if made:           # nothing the build made may be a link (a copied asset, a plugin's output)
            raise EditionError([Problem(link, "the build made this a symbolic link; the site holds none, so "
                                        "nothing was published") for link in made])
        for name in OUTPUTS:
            new, target, old = self.folder / name, self.out / name, _old(self.out, name)
            if not new.exists():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.exists() and exchange(new, target):
                shutil.rmtree(new, ignore_errors=True)      # now the old folder
                continue
            if target.exists():
                target.rename(old)
            new.rename(target)
            shutil.rmtree(old, ignore_errors=True)


RENAME_EXCHANGE = 2    # linux/fs.h: renameat2 swaps the two paths atomically


def exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one step (Linux renameat2); False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_cwd = -100          # AT_FDCWD: relative paths are taken from the current folder
    return renameat2(at_cwd, os.fsencode(first), at_cwd, os.fsencode(second), RENAME_EXCHANGE) == 0


def refuse_links(sources: Path, out: Path) -> None:
    """Fail, naming each one, when a symbolic link is anywhere in `sources/`, `build/` or `site/`."""
    found = links_in(sources, "sources") + links_in(out / "build", "build") + links_in(out / "site", "site")
    if found:
        raise EditionError([Problem(link, "is a symbolic link; the edition never reads or writes through one "
                                          "(it could reach files outside the project): replace it with a real "
                                          "file or folder") for link in found])


_LOCKS: set[int] = set()     # the lock handles this process holds


def _close_locks_in_child() -> None:
    """A forked worker closes its copies of the lock handles: the lock is the build's, and must end
    with the build's own process even if a worker outlives it."""
    for handle in _LOCKS:
        os.close(handle)
    _LOCKS.clear()


os.register_at_fork(after_in_child=_close_locks_in_child)


@contextmanager
def exclusive(out: Path) -> Iterator[None]:
    """Hold the output folder's lock (on the folder itself: nothing is written) while a build runs; a
    second build in the same folder waits for the first instead of removing its files."""
    out.mkdir(parents=True, exist_ok=True)
    handle = os.open(out, os.O_RDONLY | os.O_DIRECTORY)
    _LOCKS.add(handle)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"another build is writing to {out}; waiting for it to finish", flush=True)
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        _LOCKS.discard(handle)
        os.close(handle)     # releases the lock


def write_source(root: Path, name: str, text: str) -> None:
    """Write `root/name` whole or not at all: a new file beside it renamed over it, so a link in
    its place is replaced, never followed, and a crash leaves the old file."""
    path = inside(root, name)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.new")
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def sync_tree(new: Path, old: Path, keep: bool = False) -> Path:
    """Make `old` hold exactly the files of `new`, rewriting only those whose bytes differ (an
    unchanged page keeps its modification time); `new` is removed unless `keep`. A link in `old`
    is refused."""
    if links := links_in(old, str(old)):
        raise fail(links[0], "is a symbolic link; the edition never writes through one")
    old.mkdir(parents=True, exist_ok=True)
    fresh = {p.relative_to(new) for p in new.rglob("*") if p.is_file()}
    for path in [p for p in old.rglob("*") if p.is_file() and p.relative_to(old) not in fresh]:
        path.unlink()
    for relative in fresh:
        source, target = new / relative, old / relative
        data = source.read_bytes()
        if not target.is_file() or target.read_bytes() != data:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    if not keep:
        shutil.rmtree(new, ignore_errors=True)
    return old


def copy_tree(source: Path, target: Path) -> None:
    """Put the files under `source` (when it exists) into `target`, folders made as needed: as hard
    links where the file system allows (a file is not written again; writing a new file costs far
    more than linking one), else as copies. `source` is build/cache/'s, which the build reads back
    only after checking its files' hash (core.memo), so a file changed through a link is made again."""
    for folder, _, names in os.walk(source):
        into = target / Path(folder).relative_to(source)
        into.mkdir(parents=True, exist_ok=True)
        for name in names:
            try:
                os.link(Path(folder) / name, into / name)
            except OSError:
                shutil.copyfile(Path(folder) / name, into / name)


def tree_digest(folder: Path) -> str:
    """A hash of the paths and bytes of every file under `folder` (empty when it does not exist)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        name, data = os.fsencode(path.relative_to(folder)), path.read_bytes()
        digest.update(b"%d:%s%d:%s" % (len(name), name, len(data), data))
    return digest.hexdigest()
