"""YAML is plain data everywhere: no tag runs code, no alias grows without end, dates exist,
patterns match whole values, a file has a size bound, and mkdocs.yml is read safely before MkDocs.

Cases are data (tests/cases/unsafe-sources.yaml), each with the line a person finds by reading the
edited file; the sentence names the cause."""
import pytest

from edition.core.errors import EditionError, Problems
from edition.sources import yamlfile
from edition.sources.load import load
from edition.sources.site_address import configured_site_url
from tests.conftest import cases, copy_project
from tests.sources.test_load import edit

CASES = cases("unsafe-sources.yaml")


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path)


@pytest.mark.parametrize("case", CASES, ids=[c["label"] for c in CASES])
def test_unsafe_source_is_named_with_file_and_line(project, case):
    sources = project / "sources"
    line = edit(sources, case)
    with pytest.raises(EditionError) as error:
        load(sources, project)
    where = f"sources/{case['file']}:{line}:"
    assert any(str(p).startswith(where) and case["says"] in str(p) for p in error.value.problems), \
        f"expected {where} … {case['says']}, got:\n{error.value.report()}"
    assert not (project / "pwned").exists()


def test_negative_aliases_within_the_bound_and_real_dates_are_fine(tmp_path):
    path = tmp_path / "ok.yml"
    path.write_text("base: &base {a: 1, b: [1, 2, 3]}\nfirst: *base\nsecond: *base\nday: 2024-02-29\n"
                    "quoted: \"multi\n  line\"\n", encoding="utf-8")
    data = yamlfile.read_yaml(path, "sources/ok.yml")
    assert data["first"] == data["second"] == {"a": 1, "b": [1, 2, 3]}
    assert str(data["day"]) == "2024-02-29" and data["quoted"] == "multi line"


def test_a_file_beyond_the_size_bound_is_refused_before_it_is_parsed(tmp_path, monkeypatch):
    monkeypatch.setattr(yamlfile, "MAX_YAML_BYTES", 1000)
    path = tmp_path / "big.yml"
    path.write_text("a: " + "x" * 1001 + "\n", encoding="utf-8")
    with pytest.raises(EditionError, match=r"^sources/big.yml: is larger than 1,000 bytes"):
        yamlfile.read_yaml(path, "sources/big.yml")


def test_deep_nesting_is_a_sentence_not_a_recursion_error(tmp_path):
    path = tmp_path / "deep.yml"
    path.write_text("a: " + "[" * 20000 + "]" * 20000 + "\n", encoding="utf-8")
    with pytest.raises(EditionError, match=r"^sources/deep.yml"):
        yamlfile.read_yaml(path, "sources/deep.yml")


@pytest.mark.parametrize("setting,line", [
    ("site_name: !!python/object/apply:os.system ['touch pwned']\n", 1),
    ("extra:\n  x: !!python/object/new:subprocess.Popen [['touch', 'pwned']]\n", 2),
    ("markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:os.system\n", 3),
])
def test_mkdocs_yml_with_a_python_tag_is_refused_at_its_line(project, setting, line):
    mkdocs_yml = project / "mkdocs.yml"
    mkdocs_yml.write_text(setting + mkdocs_yml.read_text(encoding="utf-8").replace("site_name:", "# site_name:"),
                          encoding="utf-8")
    problems = Problems()
    assert configured_site_url(project, problems) == ""
    assert [str(p).split(": ")[0] for p in problems.items] == [f"mkdocs.yml:{line}"]
    assert "is not allowed" in str(problems.items[0])
    assert not (project / "pwned").exists()


def test_mkdocs_yml_inherit_is_read_safely_too(project):
    (project / "base.yml").write_text("theme:\n  name: !!python/object/apply:os.system ['touch pwned']\n",
                                      encoding="utf-8")
    mkdocs_yml = project / "mkdocs.yml"
    mkdocs_yml.write_text("INHERIT: base.yml\n" + mkdocs_yml.read_text(encoding="utf-8"), encoding="utf-8")
    problems = Problems()
    configured_site_url(project, problems)
    assert [str(p).split(": ")[0] for p in problems.items] == ["base.yml:2"]


def test_negative_mkdocs_own_tags_are_allowed(project):
    mkdocs_yml = project / "mkdocs.yml"
    mkdocs_yml.write_text(mkdocs_yml.read_text(encoding="utf-8") + "copyright: !ENV [COPYRIGHT, 'none']\n",
                          encoding="utf-8")
    problems = Problems()
    configured_site_url(project, problems)
    assert problems.items == []
