"""No other host, checked by the build: each mkdocs.yml change that makes pages load from
elsewhere fails the build at the setting that caused it, and the previous site stays."""
import pytest

from tests.conftest import copy_small
from tests.e2e.test_build import run_cli, snapshot


@pytest.fixture(scope="module")
def built(tmp_path_factory, small_edition):
    return copy_small(small_edition, tmp_path_factory.mktemp("hosts"))


def line_of(text: str, needle: str) -> int:
    return text.split("\n").index(needle) + 1


@pytest.mark.parametrize("change,setting", [
    (lambda t: t.replace("  font: false           # system CJK fonts only: nothing is fetched from another host\n",
                         ""), "theme.font"),
    (lambda t: t.replace("  - assets/cite.js\n", "  - assets/cite.js\n  - https://cdn.test/tracker.js\n"),
     "extra_javascript"),
    (lambda t: t.replace("  name: material\n", "  name: mkdocs\n"), "theme.name"),
    (lambda t: t.replace("theme:\n", "repo_url: https://github.com/edition/x\ntheme:\n", 1), "repo_url"),
    (lambda t: t + "extra:\n  analytics:\n    provider: google\n    property: G-ABCDEF\n", "extra.analytics"),
    (lambda t: t + "copyright: '<style>.x{background:url(\\68ttps://evil3.test/b.png)}</style>'\n", "copyright"),
])
def test_a_setting_that_loads_from_another_host_fails_the_build_at_its_line(built, change, setting):
    mkdocs_yml = built / "mkdocs.yml"
    original = mkdocs_yml.read_text(encoding="utf-8")
    changed = change(original)
    assert changed != original, "stale case: mkdocs.yml changed"
    site = snapshot(built / "site")
    mkdocs_yml.write_text(changed, encoding="utf-8")
    try:
        result = run_cli(built)
    finally:
        mkdocs_yml.write_text(original, encoding="utf-8")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    needle = {"theme.font": "theme:", "extra_javascript": "  - https://cdn.test/tracker.js",
              "theme.name": "  name: mkdocs", "repo_url": "repo_url: https://github.com/edition/x",
              "extra.analytics": "  analytics:",
              "copyright": "copyright: '<style>.x{background:url(\\68ttps://evil3.test/b.png)}</style>'"}[setting]
    setting = {"copyright": "the setting on this line"}.get(setting, setting)
    expected = line_of(changed, needle)
    assert f"mkdocs.yml:{expected}: {setting}" in result.stderr, result.stderr
    assert "another host" in result.stderr
    assert snapshot(built / "site") == site


def test_check_refuses_a_python_tag_in_mkdocs_yml_and_runs_nothing(tmp_path, small_edition):
    project = copy_small(small_edition, tmp_path)
    mkdocs_yml = project / "mkdocs.yml"
    mkdocs_yml.write_text(mkdocs_yml.read_text(encoding="utf-8") + "extra:\n  x: !!python/object/apply:os.system "
                          "['touch pwned']\n", encoding="utf-8")
    line = len(mkdocs_yml.read_text(encoding="utf-8").split("\n")) - 1
    for command in ("check", "build"):
        result = run_cli(project, command)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert f"mkdocs.yml:{line}: the tag '!!python/object/apply:os.system' is not allowed" in result.stderr
        assert not (project / "pwned").exists()


PAYLOAD = "x: !!python/object/apply:os.system ['touch pwned']\n"


@pytest.mark.parametrize("inherit, files, says", [
    ("a.yml", {"a.yml": "INHERIT: b.yml\n", "b.yml": PAYLOAD}, "b.yml:1: the tag '!!python/object/apply:os.system'"),
    ("!ENV [NO_SUCH_VARIABLE, evil.yml]", {"evil.yml": PAYLOAD}, "mkdocs.yml:1: INHERIT must be the plain name"),
    ("!ENV NO_SUCH_VARIABLE", {}, "mkdocs.yml:1: INHERIT must be the plain name"),
    ("[a.yml]", {"a.yml": PAYLOAD}, "mkdocs.yml:1: INHERIT must be the plain name"),
    ("5", {}, "mkdocs.yml:1: INHERIT must be the plain name"),
    ("a.yml", {"a.yml": "INHERIT: ../mkdocs.yml\n"}, "a.yml:1: INHERIT names '../mkdocs.yml', outside the project"),
    ("a.yml", {"a.yml": "INHERIT: b.yml\n", "b.yml": "INHERIT: a.yml\n"}, "b.yml:1: INHERIT makes a loop"),
], ids=["two-steps", "env-list", "env-scalar", "list", "number", "outside", "loop"])
def test_every_file_of_an_inherit_chain_is_vetted_and_nothing_runs(tmp_path, small_edition, inherit, files, says):
    """MkDocs reads each INHERITed file with its unsafe loader: every one is read safely first, and an
    INHERIT the check cannot follow as written (a tag, a list, a number, a loop) is refused."""
    project = copy_small(small_edition, tmp_path)
    mkdocs_yml = project / "mkdocs.yml"
    mkdocs_yml.write_text(f"INHERIT: {inherit}\n" + mkdocs_yml.read_text(encoding="utf-8"), encoding="utf-8")
    for name, text in files.items():
        (project / name).write_text(text, encoding="utf-8")
    for command in ("check", "build"):
        result = run_cli(project, command)
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
        assert says in result.stderr, result.stderr
        assert not (project / "pwned").exists() and not (tmp_path / "pwned").exists()
