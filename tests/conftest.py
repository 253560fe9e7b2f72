"""What tests in several folders share: the checkout's paths, test data, copies of the project,
and the session's loaded sources, built texts and built site.

Import the names from here as `from tests.conftest import ROOT, copy_project` (`tests/` and its
folders are packages, so two test files may share a name in different folders).

Every test that uses the built texts or the built site (the fixtures of SLOW_FIXTURES, directly
or through another fixture) is marked `slow` here, and every test under tests/e2e/ by its
conftest: `python -m pytest -m "not slow"` runs the rest. A test that runs a build by other means
(`edition.build.build`, `build_edition.py` in a subprocess) carries `@pytest.mark.slow` itself.
"""
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import settings

from edition.sources.load import load

# No test is timed (speed is measured by bench/, never asserted): Hypothesis's per-example deadline
# off for every property test, so a busy CI machine cannot fail one that is correct.
settings.register_profile("edition", deadline=None)
settings.load_profile("edition")

ROOT = Path(__file__).resolve().parent.parent      # the checkout
TESTS = ROOT / "tests"
SOURCES = ROOT / "sources"
SCHEMAS = TESTS / "schema"                          # copies of ../shared/schema (tests/exports/test_json_export.py)
SLOW_FIXTURES = {"built", "site", "small_edition"}


def pytest_configure(config):
    """Scratch folders in memory where the machine has room for them: every build test copies,
    builds and removes a project of hundreds of files, which on a disk costs several times what it
    costs in tmpfs (/dev/shm). TMPDIR is set before pytest-xdist starts its workers and the builds
    they run, so all of them inherit it; a TMPDIR the caller set is kept, and so is the disk where
    /dev/shm has less than SCRATCH_ROOM free (a container's is often 64 MB) or the folder is not this
    user's alone. Passing tests' folders are removed at the end of the run and one run's are kept
    (pyproject.toml), so a run holds a few hundred megabytes at most."""
    import os
    import stat
    import tempfile
    shm = Path("/dev/shm")
    if "TMPDIR" in os.environ or not (shm.is_dir() and os.access(shm, os.W_OK)) \
            or shutil.disk_usage(shm).free < SCRATCH_ROOM:
        return
    scratch = shm / f"edition-tests-{os.getuid()}"
    scratch.mkdir(mode=0o700, exist_ok=True)
    held = scratch.lstat()
    if not stat.S_ISDIR(held.st_mode) or held.st_uid != os.getuid() or stat.S_IMODE(held.st_mode) != 0o700:
        return
    os.environ["TMPDIR"] = str(scratch)
    tempfile.tempdir = None       # gettempdir() reads TMPDIR again


SCRATCH_ROOM = 4 * 1024 ** 3     # bytes free in /dev/shm for the tests to put their folders there


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Mark `slow` every test that needs the built texts or site, before `-m` selects."""
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


def cases(name: str) -> list:
    """The cases of `tests/cases/<name>`: test data, one dict per case."""
    return yaml.safe_load((TESTS / "cases" / name).read_text(encoding="utf-8"))


def copy_project(folder: Path) -> Path:
    """An edition folder (sources/ and mkdocs.yml) copied to `folder/project`, to be changed freely,
    with the work the checkout's last build stored (`stored_work`, when there is such: the README's
    build command, which CI runs first). The store is keyed by content (edition/core/memo.py), so
    a changed source misses it and is computed, as in a cold build; what did not change is reused."""
    project = folder / "project"
    shutil.copytree(SOURCES, project / "sources")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    stored_work(ROOT, project)
    return project


def stored_work(source: Path, project: Path) -> None:
    """What the build in `source` stored for the next one, copied into `project`: build/cache/,
    build/jinja/ (the theme's compiled templates, edition/site/hooks.py: KeyedBytecode) and
    build/pages/ (the pages MkDocs made, edition/site/kept_pages.py), where there are such folders."""
    for name in ("cache", "jinja", "pages"):
        if (source / "build" / name).is_dir():
            shutil.copytree(source / "build" / name, project / "build" / name, ignore=shutil.ignore_patterns(".*"))


def broken_copy(tmp_path: Path, edit) -> Path:
    """A copy of sources/ in `tmp_path` whose glossary/people.yml is `edit`ed (text -> text)."""
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources)
    path = sources / "glossary" / "people.yml"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    return sources


def line_of(sources: Path, needle: str) -> int:
    """The number of the last line of glossary/people.yml in `sources` that holds `needle`."""
    lines = (sources / "glossary" / "people.yml").read_text(encoding="utf-8").splitlines()
    return [i for i, line in enumerate(lines, 1) if needle in line][-1]


@pytest.fixture(scope="session")
def config():
    return load(SOURCES)


@pytest.fixture(scope="session")
def version(config):
    """(number, date) of the edition as the committed sources count it: one version per date in
    anchors.lock and corrections.yml (see citation.edition_of), so a source change that adds a
    date moves every expected edition statement with it."""
    from edition.text.anchors import history
    versions = history(list(config.published.records), list(config.corrections))
    return len(versions), versions[0]["date"]


@pytest.fixture(scope="session")
def built():
    """Every text through stages 1-7 (anchored with the committed ledger), nothing written: the
    reconstructions the checkout's last build stored are read (keyed by content, as in a build)."""
    from edition.build import Timer, load_texts
    texts = load_texts(SOURCES, Timer(), cache=ROOT / "build" / "cache", write_cache=False).texts
    return {text.source.id: text for text in texts}


def made_once(tmp_path_factory, name: str, make) -> Path:
    """`make(folder)` run once for the whole run, into `<run>/<name>`: the pytest-xdist workers share
    the folder above their own temporary ones, the first to come makes it under a lock and the
    others wait for it (no test writes into it: copy it first)."""
    import fcntl
    import os
    # a worker's folder is <run>/popen-gwN: <run> is this run's alone (without xdist, the run's own)
    shared = tmp_path_factory.getbasetemp().parent if os.environ.get("PYTEST_XDIST_WORKER") \
        else tmp_path_factory.getbasetemp()
    out = shared / name
    with (shared / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (shared / f"{name}.made").exists():
            shutil.rmtree(out, ignore_errors=True)
            out.mkdir()
            make(out)
            (shared / f"{name}.made").touch()
    return out


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The whole edition built once into a temporary folder: returns its site/ folder (`made_once`).
    The build starts from the work the checkout's last build stored (`stored_work`: the README's
    build command, which CI runs first), as `copy_project` does: keyed by content, it gives the
    bytes a cold build gives (tests/test_build.py), and what a changed source or code touches is
    made again."""
    from edition.build import build

    def make(out: Path) -> None:
        stored_work(ROOT, out)
        build(SOURCES, out)
    return made_once(tmp_path_factory, "edition-site", make) / "site"


@pytest.fixture(scope="session")
def small_edition(tmp_path_factory) -> Path:
    """The small edition (tests/projects.py), built once for the whole run (`made_once`): a project
    folder with sources/, mkdocs.yml, build/ and site/. Copy it before changing anything
    (`copy_small`)."""
    from tests.projects import build, one_text_project

    def make(folder: Path) -> None:
        result = build(one_text_project(folder))
        assert result.returncode == 0, result.stderr
    return made_once(tmp_path_factory, "small-edition", make) / "project"


def copy_small(small_edition: Path, folder: Path, built: bool = True) -> Path:
    """A copy of the built small edition in `folder/project`, to be changed freely: site and all, or
    (`built=False`) as `copy_project` copies the edition: sources/, mkdocs.yml and `stored_work`."""
    project = folder / "project"
    if built:
        shutil.copytree(small_edition, project, symlinks=True)
        return project
    shutil.copytree(small_edition / "sources", project / "sources", symlinks=True)
    shutil.copy(small_edition / "mkdocs.yml", project / "mkdocs.yml")
    stored_work(small_edition, project)
    return project
