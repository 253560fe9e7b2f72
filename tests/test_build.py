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


def _dies_while_sending():
    """A job whose worker dies in the middle of sending its result back: a few bytes written, then
    the end (as a worker killed at that moment ends)."""
    from multiprocessing import connection

    def cut_short(self, buf, write=os.write):
        write(self._handle, bytes(buf)[:6])
        os._exit(9)
    connection.Connection._send = cut_short
    return "x" * 100_000


def test_a_worker_that_dies_while_sending_its_result_is_an_error_not_a_hang():
    """A process pool's reader waited for the rest of such a message for ever. (Its workers also
    shared their queues' locks: in CI a build sent SIGTERM did not exit, one worker waiting for
    ever on a lock the other was killed holding. The workers now share no lock and no pipe.)"""
    with pytest.raises(EditionError, match="worker died"):
        run_parallel([_dies_while_sending, build_failing])


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


def _anchored(project):
    import contextlib
    import io

    from edition import build
    with contextlib.redirect_stdout(io.StringIO()):
        return build.load_texts(project / "sources", build.Timer(), project=project,
                                cache=project / "build" / "cache", write_cache=False)


def _files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_a_script_jobs_files_are_kept_for_its_key_and_made_again_for_another(tmp_path, monkeypatch, small_edition):
    """build/cache/job-<script>/: the next job with the same key copies the files the first made
    (exports, pages, audits, search index) without making them; another key, a kept file changed
    (through the site's link to it), or a folder without its key file (a killed job), makes them
    again."""
    from edition import build
    anchored = _anchored(small_edition)
    shutil.copytree(small_edition / "build" / "cache", tmp_path / "work" / "cache")
    for job in (tmp_path / "work" / "cache").glob("job-*"):
        shutil.rmtree(job)
    made = []
    make = build._make_job
    monkeypatch.setattr(build, "_make_job", lambda *args: made.append(args[0]) or make(*args))

    def run(key, name):
        result = build.script_job("hans", anchored, small_edition, tmp_path / "work", tmp_path / name / "site",
                                  tmp_path / name / "audit", mkdocs=False, key=key)
        return result, _files(tmp_path / name), _files(tmp_path / "work" / "docs" / "hans")
    first, files, pages = run("one", "first")
    assert made == ["hans"] and any(name.startswith("site/data/") for name in files) and pages
    assert any(name.startswith("audit/") for name in files)
    again, files_again, pages_again = run("one", "again")
    assert made == ["hans"], "the kept files were made again"
    assert (files_again, pages_again) == (files, pages)
    said = ("used", "review", "problems")
    assert {k: again[k] for k in said} == {k: first[k] for k in said}
    assert again["mkdocs"] == first["mkdocs"] | {"site_dir": str(tmp_path / "again" / "site" / "hans")}
    published = next((tmp_path / "again" / "site" / "data").glob("*.json"))
    published.write_bytes(b"{}")                  # in place: the same file as the kept one, if linked
    _, files_mended, _ = run("one", "mended")
    assert made == ["hans", "hans"] and files_mended == files
    run("two", "other")
    assert made == ["hans", "hans", "hans"]
    (tmp_path / "work" / "cache" / "job-hans" / "key.json").unlink()
    run("two", "killed")
    assert made == ["hans", "hans", "hans", "hans"]


def test_the_jobs_key_changes_with_each_input(tmp_path, small_edition):
    """Every file under sources/ (a new one too), mkdocs.yml, the ledger this build writes and
    `check` are in the key; the same inputs give the same key. The ledger file read is not, when the
    build writes one (what it writes is in the key); it is when the build writes none, and the two
    give one key for one ledger (the build after a correction reads what that build wrote)."""
    from dataclasses import replace

    from edition import build
    project = shutil.copytree(small_edition, tmp_path / "project", ignore=shutil.ignore_patterns("site", "build"))
    anchored = _anchored(small_edition)
    root = project / "sources"

    def key(**changed):
        return build.job_key(root, project, replace(anchored, **changed), False)
    keys = [key(), key()]
    assert keys[0] == keys[1]
    keys.append(build.job_key(root, project, anchored, True))
    keys.append(key(ledger_text="mongolia\tp0001\n"))
    ledger = root / "anchors.lock"
    for path in [p for p in sorted(root.rglob("*")) if p.is_file() and p != ledger] + [project / "mkdocs.yml"]:
        data = path.read_bytes()
        path.write_bytes(data + b"\n")
        keys.append(key())
        path.write_bytes(data)
    (root / "new.yml").write_text("")
    keys.append(key())
    assert len(set(keys)) == len(keys) - 1
    read = ledger.read_bytes()
    unwritten, rewritten = key(ledger_text=None), key(ledger_text="mongolia\tp0001\n")
    written = key(ledger_text=read.decode("utf-8") + "\n")
    assert written != unwritten
    ledger.write_bytes(read + b"\n")
    assert key(ledger_text=None) == written
    assert key(ledger_text="mongolia\tp0001\n") == rewritten      # what is written, whatever the file held


def test_the_load_is_kept_for_the_same_sources_and_made_again_for_any_change(tmp_path, small_edition, capsys):
    """`load_texts` with a cache: the second call with the same sources reads the whole result back
    (lap 'kept load'), equal to the computed one, and says its warnings again; a byte changed in
    any file under sources/ computes it again; a load that fails stores nothing."""
    from edition import build
    from tests.conftest import copy_small
    project = copy_small(small_edition, tmp_path, built=False)
    root, cache = project / "sources", project / "build" / "cache"

    def load():
        timer = build.Timer()
        anchored = build.load_texts(root, timer, project=project, cache=cache)
        return anchored, "kept load" in timer.stages, capsys.readouterr().out
    made, kept, said = load()
    again, kept_again, said_again = load()
    assert (kept, kept_again) == (False, True) and again == made and said_again == said and "warning: " in said
    for path in sorted(root.rglob("*.yml")) + [project / "mkdocs.yml"]:     # a raw text's bytes: its sha256
        data = path.read_bytes()
        path.write_bytes(data + b"\n")
        assert load()[1] is False, path
        path.write_bytes(data)
    assert load()[1] is False and load()[1] is True       # one kept load: the last sources
    (root / "corrections.yml").write_text("- {text: nowhere, find: 甲, replace: 乙, reason: r}\n", encoding="utf-8")
    with pytest.raises(EditionError):
        load()
    with pytest.raises(EditionError):     # not kept: computed, and refused, again
        load()


def test_a_kept_jobs_file_names_no_code_that_a_build_or_check_runs(tmp_path, small_edition):
    """A kept job's key.json is read back by a build, and by `check` (from a copy of build/cache/).
    Its MkDocs settings naming code to run (a hook, a Markdown extension, a theme folder, a plugin),
    in a key.json whose key and files are right for the command, run nothing: only the settings
    that are data are taken back, the build's own are made again; the job is still kept."""
    import json

    from edition import build
    from tests.conftest import copy_small
    from tests.projects import command
    project = copy_small(small_edition, tmp_path)
    marker = tmp_path / "ran"
    evil = tmp_path / "evil"
    evil.mkdir()
    (evil / "hook.py").write_text(f"open({str(marker)!r}, 'w').write('hook')\n", encoding="utf-8")
    (evil / "evilmd.py").write_text(f"open({str(marker)!r}, 'w').write('extension')\n", encoding="utf-8")
    (evil / "main.html").write_text("{{ cycler.__init__.__globals__.os.system('touch " + str(marker) + "') }}",
                                    encoding="utf-8")
    kept = project / "build" / "cache" / "job-hans" / "key.json"
    data = json.loads(kept.read_text(encoding="utf-8"))
    data["result"]["mkdocs"] |= {"hooks": [str(evil / "hook.py")], "markdown_extensions": ["evilmd"],
                                 "theme": {"name": "material", "custom_dir": str(evil)},
                                 "plugins": [{"search": {}}, {"evil": {}}]}
    keys = {"build": data["key"],
            "check": build.job_key(project / "sources", project, _anchored(project), True)}
    os.environ["PYTHONPATH"] = f"{evil}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"
    try:
        for name in ("check", "build"):
            kept.write_text(json.dumps(data | {"key": keys[name]}), encoding="utf-8")
            result = command(project, name)
            assert result.returncode == 0, result.stdout + result.stderr
            assert "kept (hans)" in result.stdout and not marker.exists(), name
    finally:
        os.environ["PYTHONPATH"] = os.environ["PYTHONPATH"].split(os.pathsep, 1)[1]
