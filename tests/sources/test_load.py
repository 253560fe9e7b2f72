"""The load stage against bad and hostile sources: every mistake is `file:line` and a sentence.

Cases are data (tests/cases/hostile-sources.yaml); the Hypothesis test mutates each YAML source
file at random and requires either a clean run of every stage before MkDocs or an EditionError,
never another exception.
"""
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from edition.build import Timer, load_texts, script_job
from edition.core.errors import EditionError
from edition.sources.load import load
from tests.conftest import ROOT, SOURCES, broken_copy, cases, line_of

CASES = cases("hostile-sources.yaml")


def edit(sources: Path, case: dict) -> int:
    """Apply the case's edit to `sources`; return the line the message must name (0: none)."""
    path = sources / case["file"]
    if case.get("delete"):
        path.unlink()
        if "reported_in" in case:
            text = (sources / case["reported_in"]).read_text(encoding="utf-8")
            return text[:text.index(case["at"])].count("\n") + 1
        return 0
    if "bytes" in case:
        path.write_bytes(path.read_text(encoding="utf-8").encode(case["bytes"], errors="replace"))
        return case["line"]
    text = path.read_text(encoding="utf-8")
    if "replace" in case:
        old, new = case["replace"]
        assert old in text, f"stale case: {old!r} is not in {case['file']}"
        text = text.replace(old, new, 1)
    if "truncate" in case:
        text = text[:case["truncate"]]
    text += case.get("append", "")
    path.write_text(text, encoding="utf-8")
    if "at" in case:
        assert case["at"] in text, f"stale case: {case['at']!r} is not in the edited {case['file']}"
        return text[:text.index(case["at"])].count("\n") + 1
    return len(text.splitlines()) if case["line"] == -1 else case["line"]


@pytest.fixture
def sources(tmp_path):
    copy = tmp_path / "sources"
    shutil.copytree(SOURCES, copy)
    return copy


@pytest.mark.parametrize("case", CASES, ids=[c["label"] for c in CASES])
def test_bad_source_is_named_with_file_and_line(sources, case):
    line = edit(sources, case)
    with pytest.raises(EditionError) as error:
        load(sources)
    where = f"sources/{case.get('reported_in', case['file'])}" + (f":{line}:" if line else ":")
    assert any(str(p).startswith(where) and case["says"] in str(p) for p in error.value.problems), \
        f"expected {where} … {case['says']}, got:\n{error.value.report()}"


def test_every_problem_is_reported_at_once(sources):
    """Three mistakes in three files: one run names all three."""
    for case in (CASES[0], CASES[7], CASES[17]):
        edit(sources, case)
    with pytest.raises(EditionError) as error:
        load(sources)
    files = {str(p).split(":")[0] for p in error.value.problems}
    assert {"sources/corrections.yml", "sources/edition.yml", "sources/glossary/people.yml"} <= files


def test_a_new_ledger_takes_the_explicit_flag(sources):
    (sources / "anchors.lock").unlink()
    assert len(load(sources, new_ledger=True).published.records) == 0


# Mutations an editor's hand (or a bad merge) makes to a YAML file.
YAML_FILES = ["edition.yml", "corrections.yml", "conversion.yml", "glyphs.yml", "one-to-many.yml",
              "glossary/people.yml", "glossary/treaties.yml", "glossary/conferences.yml", "glossary/rules.yml",
              "tables/mongolia-table-1.yml"]     # the small edition's files
VALUES = st.one_of(st.none(), st.just(""), st.integers(-3, 10**12), st.booleans(), st.lists(st.integers(), max_size=2),
                   st.just({"a": 1}), st.text(max_size=30), st.just("x" * 5000),
                   st.sampled_from(["<script>alert(1)</script>", "../../etc/passwd", "\u202e", "2*3*4 __init__",
                                    "[x](javascript:alert(1))", "𠀀𪚥", "\ufeff", "- a\n- b"]))


def mutate(data, draw):
    """One structural change somewhere in the parsed YAML: delete, duplicate or retype a value."""
    path, node = [], data
    while isinstance(node, (dict, list)) and node and draw(st.booleans()):
        key = draw(st.sampled_from(sorted(node, key=str) if isinstance(node, dict) else range(len(node))))
        path.append(key)
        node = node[key]
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    action = draw(st.sampled_from(["value", "delete", "duplicate"]))
    if not path:
        return draw(VALUES) if action == "value" else data
    key = path[-1]
    if action == "delete":
        del parent[key]
    elif action == "duplicate" and isinstance(parent, list):
        parent.insert(key, parent[key])
    else:
        parent[key] = draw(VALUES)
    return data


@pytest.mark.slow    # every stage but MkDocs, 15 times, on the small edition (tests/projects.py; the fuzzer does more)
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(data=st.data(), name=st.sampled_from(YAML_FILES), indent=st.booleans())
def test_mutated_sources_give_a_clean_run_or_an_edition_error(tmp_path_factory, small_edition, data, name, indent):
    sources = tmp_path_factory.mktemp("mutated") / "sources"
    shutil.copytree(small_edition / "sources", sources)
    path = sources / name
    if indent:   # broken indentation: one line shifted right
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        at = data.draw(st.integers(0, len(lines) - 1))
        lines[at] = "   " + lines[at]
        path.write_text("".join(lines), encoding="utf-8")
    else:
        parsed = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(yaml.safe_dump(mutate(parsed, data.draw), allow_unicode=True), encoding="utf-8")
    shutil.copy(small_edition / "mkdocs.yml", sources.parent / "mkdocs.yml")
    out = sources.parent / "out"
    shutil.copytree(small_edition / "build" / "cache", out / "build" / "cache")   # what its build stored
    try:
        anchored = load_texts(sources, Timer(), project=sources.parent, cache=out / "build" / "cache")
        for script in ("hant", "hans"):   # every stage but MkDocs itself: conversion, exports, pages
            script_job(script, anchored, sources.parent, out / "build", out / "site", out / "audit", mkdocs=False)
    except EditionError as error:
        assert all(str(p).startswith(("sources/", "mkdocs.yml")) for p in error.problems), error.report()


@pytest.mark.parametrize("entry, line", [
    ("- find: 则余必\n  hant: 則余必須\n  reason: too long\n", 2),
    ("- find: 则余必\n  hans: 则余\n  hant: 則余必\n  reason: too short\n", 2),
    ("- find: 则余必\n  hans: 则余必\n  hant: 則余\n  reason: too short\n", 3)])
def test_an_override_keeps_the_length(entry, line):
    """Named at the reading whose length differs (found by the fuzzer: the entry's first line was named)."""
    with pytest.raises(EditionError) as error:
        load_overrides_from(entry)
    assert f"sources/conversion.yml:{line}: an override keeps the length of its find '则余必'" in error.value.report()


def load_overrides_from(text: str):
    import tempfile

    from edition.sources.load import load
    with tempfile.TemporaryDirectory() as folder:
        shutil.copytree(ROOT / "sources", Path(folder) / "sources")
        (Path(folder) / "sources" / "conversion.yml").write_text(text, encoding="utf-8")
        return load(Path(folder) / "sources").overrides


def test_duplicate_id_is_an_error_with_file_and_line(tmp_path):
    sources = broken_copy(tmp_path, lambda t: t.replace("- id: soong-tse-ven", "- id: chiang-kai-shek"))
    with pytest.raises(EditionError) as error:
        load(sources)
    line = line_of(sources, "- id: chiang-kai-shek")
    assert f"sources/glossary/people.yml:{line}: duplicate glossary id 'chiang-kai-shek'" in error.value.report()


def test_form_claimed_by_two_entries(tmp_path):
    sources = broken_copy(tmp_path, lambda t: t.replace("[宋院長, 宋院长]", "[蔣中正, 蒋中正]"))
    with pytest.raises(EditionError) as error:
        load(sources)
    assert "form '蔣中正' of 'soong-tse-ven' is already claimed by 'chiang-kai-shek'" in error.value.report()


def test_malformed_wikidata_id(tmp_path):
    sources = broken_copy(tmp_path, lambda t: t.replace("wikidata: Q855", "wikidata: 855"))
    with pytest.raises(EditionError) as error:
        load(sources)
    line = line_of(sources, "wikidata: 855")
    assert f"sources/glossary/people.yml:{line}: 'wikidata' (855) must be a Wikidata id" in error.value.report()


@pytest.mark.parametrize("contact, accepted", [
    ("mailto:editors@nccu.edu.tw", True), ("https://tracker.site/issues/new", True),
    ("javascript:alert(1)", False), ("editors at nccu", False)])
def test_the_contact_is_an_address_a_reader_can_use(tmp_path, contact, accepted):
    import shutil

    from edition.core.errors import EditionError
    from edition.sources.load import load
    sources = tmp_path / "sources"
    shutil.copytree(ROOT / "sources", sources)
    path = sources / "edition.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  contact: null", f"  contact: \"{contact}\""), encoding="utf-8")
    line = text.split("\n").index("  contact: null") + 1
    if accepted:
        assert load(sources).contact == contact
    else:
        with pytest.raises(EditionError, match=f"sources/edition.yml:{line}: 'contact' .* must be a mailto: address"):
            load(sources)


def test_a_row_wider_than_the_table_is_named(tmp_path):
    import shutil
    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    path = tmp_path / "sources" / "tables" / "manchuria-table-1.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("{text: 東北九省, cols: 3}", "{text: 東北九省, cols: 4}"), encoding="utf-8")
    with pytest.raises(EditionError) as error:
        load(tmp_path / "sources")
    line = text.split("\n").index(next(row for row in text.split("\n") if "東北九省" in row)) + 1
    assert f"sources/tables/manchuria-table-1.yml:{line}" in str(error.value)
    assert "6 cells wide" in str(error.value)


@pytest.mark.parametrize("value, ok", [("[彼得罗夫, 彼得羅夫]", True), ("[彼]", False), ("[[彼得罗夫]]", False)])
def test_search_forms_are_checked_with_file_and_line(tmp_path, value, ok):
    import shutil

    from edition.core.errors import EditionError
    from edition.sources.load import load
    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    folder = tmp_path / "sources" / "glossary"
    for name in ("treaties.yml", "conferences.yml", "rules.yml"):
        (folder / name).write_text("[]\n", encoding="utf-8")
    (folder / "people.yml").write_text(
        "- id: petrov\n  side: soviet\n  names: {hant: 彼得洛夫, hans: 彼得洛夫}\n  forms:\n  - [彼得洛夫, 彼得洛夫]\n"
        f"  en: Apollon Petrov\n  description: {{hant: 大使, hans: 大使}}\n  search_forms: {value}\n", encoding="utf-8")
    if ok:
        assert load(tmp_path / "sources").glossary.entries["petrov"].data["search_forms"] == ["彼得罗夫", "彼得羅夫"]
    else:
        with pytest.raises(EditionError, match=r"sources/glossary/people.yml:8: 'search_forms'"):
            load(tmp_path / "sources")
