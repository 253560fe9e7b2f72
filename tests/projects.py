"""The small edition: a copy of the project with one text (KEPT_TEXT) and a few glossary entries
(KEPT_ENTRIES), for the tests that exercise a mechanism (files, ledger,
hosts, serve, add-text, the fuzzer) rather than the seeds' pages. Most of a build's pages are
glossary entries, so few entries make its builds cheap (measured: the test files that build it,
220 CPU-seconds with 15 entries against 245 with the 52 the text mentions).

It is made from the committed sources by rules, not kept as a second copy: every list item of
sources/ that names another text is left out, and so are that text's ledger records; the glossary
is cut to KEPT_ENTRIES and every entry they relate to, with the context rules that name another;
then the entries whose forms the kept text never writes (as the build's own warnings say), unless a
kept entry relates to them; then the conversion decisions the build reports as matching nothing.
`small_edition` (tests/conftest.py) builds it once for the whole run.
"""
from __future__ import annotations

import functools
import logging
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import traceback
import warnings
from pathlib import Path

import yaml

from tests.conftest import ROOT, copy_project

KEPT_TEXT = "mongolia"     # the article: a build of it alone takes a few seconds
# The glossary entries kept (with every entry they relate to): the one its tests name (the hostile
# payloads are chiang-kai-shek's), and one of each shape the fuzzer and the loader's mutations
# should reach: a person with `search_forms` and no Wikidata id (petrov), treaties and a conference
# (the timeline, relations), an entry that context rules decide (sino-soviet-1924: `preceded_by`,
# `paragraph_mentions`). Most of a build's pages are entry pages, each a page for MkDocs to make.
KEPT_ENTRIES = ("chiang-kai-shek", "stalin", "petrov", "yalta-1945", "sino-soviet-1945", "sino-soviet-1924")
GLOSSARY = ("glossary/people.yml", "glossary/treaties.yml", "glossary/conferences.yml")


def build(project: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    """`python build_edition.py ARGS` run in `project` (see `command`)."""
    return command(project, *args, timeout=timeout)


def command(cwd: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    """`python build_edition.py ARGS` in `cwd`, as an editor runs it: its exit status, stdout and
    stderr. The command runs in a process of its own, forked from this one once the build's modules
    are imported (a fresh interpreter spends most of a second importing them before every build of
    the small edition, which takes two): nothing it does reaches the test's process, and it exits
    as Python would (a traceback printed and 1, `sys.exit`'s status or message, warnings on stderr).
    What the test's process holds (modules' caches, a patched function) the child starts with, so a
    test that patches the build runs it with `subprocess` itself. Where forking a process that runs
    threads is deprecated (Python 3.12 on; pytest-xdist's workers run one), a fresh interpreter."""
    if not hasattr(os, "fork") or sys.version_info >= (3, 12):
        return subprocess.run([sys.executable, str(ROOT / "build_edition.py"), *args], cwd=cwd,
                              capture_output=True, text=True, timeout=timeout)
    _warm()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        pid = os.fork()
        if pid == 0:                                       # the child: never returns
            _run_in_child(cwd, args, out.fileno(), err.fileno())
        status = _wait(pid, timeout, args)
        out.seek(0)
        err.seek(0)
        return subprocess.CompletedProcess([sys.executable, str(ROOT / "build_edition.py"), *args], status,
                                           out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"))


@functools.cache
def _warm() -> None:
    """What every forked build would otherwise load afresh: the build's modules and MkDocs' (`warm`),
    and jieba's dictionary and pypinyin, which a build loads for a title it has not romanized
    before (an added text's, a fuzzed one: 0.4 CPU-seconds each time)."""
    import edition.cli  # noqa: F401
    from edition.site.mkdocs_build import warm
    warm()
    import jieba
    import pypinyin  # noqa: F401
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()


def _run_in_child(cwd: Path, args: tuple[str, ...], out: int, err: int) -> None:
    code = 1
    try:
        try:
            os.dup2(out, 1)
            os.dup2(err, 2)
            sys.stdout = open(1, "w", encoding="utf-8", closefd=False)   # noqa: SIM115 (the child's own streams)
            sys.stderr = open(2, "w", encoding="utf-8", closefd=False)   # noqa: SIM115
            _as_a_fresh_interpreter()
            os.chdir(cwd)
            from edition.cli import main
            code = main(list(args))
        except SystemExit as stop:                 # as Python exits on it
            code = 0 if stop.code is None else stop.code if isinstance(stop.code, int) else 1
            if not isinstance(stop.code, (int, type(None))):
                print(stop.code, file=sys.stderr)
        except BaseException:                      # what Python prints for an uncaught exception, and its status
            traceback.print_exc()
            code = 1
        finally:
            for stream in (sys.stdout, sys.stderr):
                stream.flush()
    finally:                                       # whatever happened above, the child ends here
        os._exit(code if isinstance(code, int) else 1)


def _as_a_fresh_interpreter() -> None:
    """The logging and warnings a fresh interpreter has: no handler of the test runner's, Python's
    default warning filters, and warnings printed on stderr (pytest records them in the test's process)."""
    logging.root.handlers.clear()
    warnings.resetwarnings()
    warnings.filterwarnings("default", category=DeprecationWarning, module="__main__", append=True)
    for category in (DeprecationWarning, PendingDeprecationWarning, ImportWarning, ResourceWarning):
        warnings.filterwarnings("ignore", category=category, append=True)
    warnings.showwarning = lambda message, category, filename, lineno, file=None, line=None: sys.stderr.write(
        warnings.formatwarning(message, category, filename, lineno, line))


def _wait(pid: int, timeout: float, args: tuple[str, ...]) -> int:
    """The child's exit status; past `timeout`, or when the test is interrupted, the child killed."""
    deadline = time.monotonic() + timeout
    try:
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                return os.waitstatus_to_exitcode(status)
            if time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(["build_edition.py", *args], timeout)
            time.sleep(0.01)
    except BaseException:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        raise


def one_text_project(folder: Path) -> Path:
    """A copy of the edition in `folder/project` with KEPT_TEXT alone (see the module's docstring)."""
    project = copy_project(folder)
    sources = project / "sources"
    for name in ("edition.yml", "corrections.yml", "glyphs.yml", "conversion.yml", "glossary/rules.yml"):
        path = sources / name
        if path.exists():
            path.write_text(_without_other_texts(path.read_text(encoding="utf-8"), name), encoding="utf-8")
    for path in [*sources.glob("*.txt"), *sources.glob("tables/*.yml")]:   # the other texts' files
        if not path.name.startswith(KEPT_TEXT):
            path.unlink()
    ledger = sources / "anchors.lock"
    kept = [line for line in ledger.read_text(encoding="utf-8").splitlines(keepends=True)
            if line.startswith("#") or line.split(" ", 1)[0] == KEPT_TEXT]
    records = sum(not line.startswith("#") for line in kept)
    ledger.write_text("".join(re.sub(r"^# end of ledger: \d+", f"# end of ledger: {records}", line) for line in kept),
                      encoding="utf-8")
    _keep_entries(sources, KEPT_ENTRIES)
    # One build says both what to leave out: the glossary's forms it never found, and the conversion
    # decisions about the other text (they name no text) that match nothing.
    said = build(project)
    _drop_unmentioned_entries(sources, said.stdout + said.stderr)
    stale = {int(n) for n in re.findall(r"sources/conversion\.yml:(\d+): stale", said.stderr)}
    conversion = sources / "conversion.yml"
    conversion.write_text(_without_items(conversion.read_text(encoding="utf-8"), lambda item: item.start_mark.line + 1
                                         in stale), encoding="utf-8")
    return project


def _keep_entries(sources: Path, kept: tuple[str, ...]) -> None:
    """Leave out of the glossary every entry but `kept` and the entries they relate to, and the
    context rules (glossary/rules.yml) that name an entry left out."""
    entries = {item["id"]: item for name in GLOSSARY
               for item in yaml.safe_load((sources / name).read_text(encoding="utf-8")) or []}
    keep, added = set(kept), set(kept)
    while added:
        added = {target for i in added for targets in (entries[i].get("relations") or {}).values()
                 for target in targets} - keep
        keep |= added
    for name in GLOSSARY:
        path = sources / name
        path.write_text(_without_items(path.read_text(encoding="utf-8"), lambda item: _id_of(item) not in keep),
                        encoding="utf-8")
    rules = sources / "glossary" / "rules.yml"
    rules.write_text(_without_items(rules.read_text(encoding="utf-8"),
                                    lambda item: _entry_of(item) not in keep), encoding="utf-8")


def _entry_of(node) -> str | None:
    if isinstance(node, yaml.MappingNode):
        return next((v.value for k, v in node.value if k.value == "entry" and isinstance(v, yaml.ScalarNode)), None)
    return None


def _drop_unmentioned_entries(sources: Path, output: str) -> None:
    """Leave out of the glossary each entry whose every form the build found in no text (its
    warning "form … of 'id' is never found"), unless an entry kept relates to it."""
    unfound: dict[str, int] = {}
    for entry in re.findall(r"form .* of '([^']+)' is never found in the texts", output):
        unfound[entry] = unfound.get(entry, 0) + 1
    entries = {item["id"]: item for name in GLOSSARY
               for item in yaml.safe_load((sources / name).read_text(encoding="utf-8")) or []}
    dropped = {i for i, item in entries.items() if unfound.get(i, 0) == len(item.get("forms") or [])}
    related = True
    while related:      # an entry kept names its relations' pages: they stay too
        related = {target for i, item in entries.items() if i not in dropped
                   for targets in (item.get("relations") or {}).values() for target in targets} & dropped
        dropped -= related
    for name in GLOSSARY:
        path = sources / name
        path.write_text(_without_items(path.read_text(encoding="utf-8"), lambda item: _id_of(item) in dropped),
                        encoding="utf-8")


def _id_of(node) -> str | None:
    if isinstance(node, yaml.MappingNode):
        return next((v.value for k, v in node.value if k.value == "id" and isinstance(v, yaml.ScalarNode)), None)
    return None


def _without_other_texts(text: str, name: str) -> str:
    """`text` (a YAML file) without the items of its lists that name another text (`text: x` or,
    in edition.yml's `texts:`, `id: x`)."""
    return _without_items(text, lambda item: _names_other(item, name))


def _without_items(text: str, drop) -> str:
    """`text` (a YAML file) without the items of its top list (or of edition.yml's `texts:`) that `drop`."""
    root = yaml.compose(text)
    items = root.value if isinstance(root, yaml.SequenceNode) else \
        next((v.value for k, v in root.value if k.value == "texts"), []) if isinstance(root, yaml.MappingNode) else []
    lines = text.splitlines(keepends=True)
    for number, item in reversed(list(enumerate(items))):
        if drop(item):     # its lines, up to the next item's (or its own end)
            end = items[number + 1].start_mark.line if number + 1 < len(items) else \
                item.end_mark.line + (item.end_mark.column > 0)
            del lines[item.start_mark.line:end]
    return "".join(lines)


def _names_other(node, name: str) -> bool:
    key = "id" if name == "edition.yml" else "text"
    if isinstance(node, yaml.MappingNode):
        return any((k.value == key and isinstance(v, yaml.ScalarNode) and v.value != KEPT_TEXT)
                   or _names_other(v, name) for k, v in node.value)
    return False
