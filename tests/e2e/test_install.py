"""`pip install .` (not editable) into a fresh virtual environment, then `build-edition` in an
edition folder that holds only `sources/` and `mkdocs.yml`: the templates and the MkDocs hook
must come from the installed package, not from this checkout."""
import os
import subprocess
import sys

from tests.conftest import ROOT, copy_project


def run(*args, cwd, timeout=300) -> subprocess.CompletedProcess:
    """A command as a fresh shell runs it: no PYTHONPATH pointing at some checkout's package."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env)


def test_an_installed_build_edition_builds_an_edition_folder(tmp_path):
    venv = tmp_path / "venv"
    # The dependencies are the ones this suite runs with; only the package itself is installed anew.
    assert run(sys.executable, "-m", "venv", "--system-site-packages", venv, cwd=tmp_path).returncode == 0
    python = venv / "bin" / "python"
    installed = run(python, "-m", "pip", "install", "--no-deps", "--quiet", ROOT, cwd=tmp_path)
    assert installed.returncode == 0, installed.stderr
    project = copy_project(tmp_path)
    where = run(python, "-c", "import edition; print(edition.__file__)", cwd=project)
    assert str(venv) in where.stdout, where.stdout + where.stderr
    result = run(venv / "bin" / "build-edition", cwd=project)
    assert result.returncode == 0, result.stderr
    assert (project / "site" / "hant" / "manchuria" / "introduction" / "index.html").is_file()
    assert (project / "site" / "hans" / "assets" / "edition.js").is_file()
