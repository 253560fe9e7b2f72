"""edition/build.py's own machinery, apart from whole builds (those are in tests/e2e/test_build.py)."""
import os
import shutil

import pytest

from edition.core.errors import EditionError
from edition.workers import build_failing, fail_build, run_parallel


def _exit_hard():
    os._exit(3)


def test_a_dead_worker_is_an_error_not_a_hang():
    with pytest.raises(EditionError, match="worker died"):
        run_parallel([_exit_hard, _exit_hard])


def _fails():
    fail_build()
    return "failed"


def _waits_for_the_other():
    import time
    deadline = time.monotonic() + 30
    while not build_failing() and time.monotonic() < deadline:
        time.sleep(0.01)
    return build_failing()


def test_a_worker_that_fails_the_build_stops_the_other():
    """A worker that finds the build must fail (an undecided reading) says so; the other worker of
    the same build sees it. The next build starts with nothing said."""
    assert run_parallel([_waits_for_the_other, _fails]) == [True, "failed"]
    assert run_parallel([build_failing, build_failing]) == [False, False]
    fail_build()                              # outside a build (a job run in this process): nothing said
    assert not build_failing()


def test_a_reconstruction_is_stored_read_back_equal_and_redone_when_an_input_changes(tmp_path, config, monkeypatch):
    """build/cache/text-<id>.pickle: the next process reads the text back, equal to one made afresh;
    a changed repair (or raw line, or entry) is a new key, and the text is reconstructed."""
    from edition import build
    source = next(s for s in config.texts if s.id == "mongolia")
    glyphs = dict(config.glyphs.get("mongolia", {}))
    fresh = build.build_text(source, glyphs)
    monkeypatch.setattr(build, "_RECONSTRUCTED", {})
    assert build.reconstructed(source, glyphs, tmp_path) == fresh
    assert (tmp_path / "text-mongolia.pickle").is_file()
    calls = []
    monkeypatch.setattr(build, "_RECONSTRUCTED", {})         # as in a new process
    monkeypatch.setattr(build, "_reconstruct", lambda *args: calls.append(args) or fresh)
    assert build.reconstructed(source, glyphs, tmp_path) == fresh and not calls
    changed = glyphs | {"\u4e00": "\u4e8c"}
    build.reconstructed(source, changed, tmp_path)
    assert len(calls) == 1


@pytest.mark.parametrize("told", ["before its pages", "before MkDocs"])
def test_a_script_job_told_that_the_build_fails_stops(tmp_path, monkeypatch, small_edition, told):
    """A script's job asks after its review and again after its pages (before MkDocs): told the
    build fails (`build_failing`), it writes no page, or runs no MkDocs."""
    import contextlib
    import io

    from edition import build
    project = small_edition
    with contextlib.redirect_stdout(io.StringIO()):
        anchored = build.load_texts(project / "sources", build.Timer(), project=project,
                                    cache=project / "build" / "cache", write_cache=False)
    answers = iter([True] if told == "before its pages" else [False, True])
    monkeypatch.setattr(build, "build_failing", lambda: next(answers))
    monkeypatch.setattr(build, "build_sites", lambda *args: pytest.fail("MkDocs ran"))
    shutil.copytree(project / "build" / "cache", tmp_path / "work" / "cache")
    result = build.script_job("hant", anchored, project, tmp_path / "work", tmp_path / "site", tmp_path / "audit")
    assert result["problems"] == []
    pages = list((tmp_path / "work").glob("docs*/hant/**/*.md"))
    assert (pages == []) == (told == "before its pages") and not (tmp_path / "site" / "hant").exists()
    assert next(answers, "asked no more") == "asked no more"
