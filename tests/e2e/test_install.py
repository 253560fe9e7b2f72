"""`pip install .` (not editable) into a fresh virtual environment, then `build-edition` in an
edition folder that holds only `sources/` and `mkdocs.yml`: the templates and the MkDocs hook
must come from the installed package, not from this checkout."""
import os
import site
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, copy_small


def run(*args, cwd, timeout=300) -> subprocess.CompletedProcess:
    """A command as a fresh shell runs it: no PYTHONPATH pointing at some checkout's package."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env)


def suite_site_packages() -> list[str]:
    """The folders this suite's dependencies are installed in: its virtual environment's
    site-packages (and the base interpreter's if that environment sees them), or the system's and
    the user's when it runs in no virtual environment."""
    folders = site.getsitepackages() + ([site.getusersitepackages()] if site.ENABLE_USER_SITE else [])
    return [folder for folder in dict.fromkeys(folders) if Path(folder).is_dir()]


def test_an_installed_build_edition_builds_an_edition_folder(tmp_path, small_edition):
    venv = tmp_path / "venv"
    # No pip of its own (copying one in is most of a new environment's cost): this suite's pip
    # installs into it (`--python`, pip 22.3 and later).
    assert run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path).returncode == 0
    python = venv / "bin" / "python"
    installed = run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--quiet", ROOT,
                    cwd=tmp_path)
    assert installed.returncode == 0, installed.stderr
    # The dependencies are the ones this suite runs with, inside a virtual environment or not
    # (`--system-site-packages` would show the base interpreter's, not a virtual environment's):
    # their folders, listed in a .pth file, come after the new environment's own site-packages,
    # which holds the package just installed. Python adds a .pth file's folders without running
    # the .pth files inside them, so an editable install of a checkout there is never seen.
    purelib = run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))", cwd=tmp_path)
    assert purelib.returncode == 0, purelib.stderr
    (Path(purelib.stdout.strip()) / "suite-dependencies.pth").write_text("\n".join(suite_site_packages()) + "\n",
                                                                       encoding="utf-8")
    project = copy_small(small_edition, tmp_path, built=False)
    where = run(python, "-c", "import edition; print(edition.__file__)", cwd=project)
    assert str(venv) in where.stdout, where.stdout + where.stderr
    result = run(venv / "bin" / "build-edition", cwd=project)
    assert result.returncode == 0, result.stderr
    assert (project / "site" / "hant" / "mongolia" / "aftermath" / "index.html").is_file()
    assert (project / "site" / "hans" / "assets" / "edition.js").is_file()
