"""Glossary: validation, mention matching (traps as negatives), and the real texts' mentions."""
import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from edition.core.errors import EditionError
from edition.sources.load import load
from edition.text.mentions import Matcher
from tests.conftest import ROOT, SCHEMAS, cases

CASES = cases("mentions.yaml")


@pytest.fixture(scope="module")
def glossary():
    return load(ROOT / "sources").glossary


@pytest.mark.parametrize("case", CASES, ids=[c["label"] for c in CASES])
def test_mention_cases(glossary, case):
    matcher = Matcher(glossary, case.get("script", "hant"))
    assert [entry for entry, _, _ in matcher.find(case["text"], case["in"])] == case["found"]


def broken_copy(tmp_path, edit) -> Path:
    sources = tmp_path / "sources"
    shutil.copytree(ROOT / "sources", sources)
    path = sources / "glossary" / "people.yml"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    return sources


def line_of(sources: Path, needle: str) -> int:
    lines = (sources / "glossary" / "people.yml").read_text(encoding="utf-8").splitlines()
    return [i for i, line in enumerate(lines, 1) if needle in line][-1]


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


def test_unused_form_is_a_warning(tmp_path, capsys):
    from edition.build import Timer, load_texts
    sources = broken_copy(tmp_path, lambda t: t.replace("  - [宋院長, 宋院长]", "  - [宋院長, 宋院长]\n  - [宋部長, 宋部长]"))
    load_texts(sources, Timer())
    line = line_of(sources, "- id: soong-tse-ven")
    assert f"warning: sources/glossary/people.yml:{line}: form '宋部長' / '宋部长' of 'soong-tse-ven' is never found" \
        in capsys.readouterr().out


def test_body_mentions_and_their_places(site):
    mentions = 0
    for text in ("manchuria", "mongolia"):
        for script in ("hant", "hans"):
            data = json.loads((site / "data" / f"{text}.{script}.json").read_text(encoding="utf-8"))
            paragraphs = {p["id"]: p["text"] for p in data["paragraphs"]}
            notes = {n["id"]: n["text"] for n in data["notes"]}
            for m in data["mentions"]:
                unit = paragraphs[m["paragraph"]] if "paragraph" in m else notes[m["note"]]
                assert len(unit[m["offset"]:m["offset"] + m["length"]]) == m["length"] >= 2
            if script == "hant":
                mentions += sum(1 for m in data["mentions"] if "paragraph" in m)
    assert mentions >= 1000


def test_mentions_are_the_same_in_both_scripts(site):
    for text in ("manchuria", "mongolia"):
        hant, hans = (json.loads((site / "data" / f"{text}.{s}.json").read_text(encoding="utf-8"))["mentions"]
                      for s in ("hant", "hans"))
        assert hant == hans


def test_every_person_entry_is_named_twice_in_a_body(site, glossary):
    body = {}
    for text in ("manchuria", "mongolia"):
        data = json.loads((site / "data" / f"{text}.hant.json").read_text(encoding="utf-8"))
        for m in data["mentions"]:
            if "paragraph" in m:
                body[m["entry"]] = body.get(m["entry"], 0) + 1
    people = [e for e in glossary.entries.values() if e.group == "person"]
    assert [e.id for e in people if body.get(e.id, 0) < 2] == []
    treaties = [e for e in glossary.entries.values() if e.group == "treaty"]
    assert all(e.id in body or e.id in {"port-arthur-lease-1898"} for e in treaties)  # that one is only in a note


def test_glossary_export(site):
    data = json.loads((site / "data" / "glossary.json").read_text(encoding="utf-8"))
    schema = json.loads((SCHEMAS / "glossary-export.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    stalin = next(e for e in data["entries"] if e["id"] == "stalin")
    assert {"史達林", "斯大林", "史达林"} <= set(stalin["forms"]) and stalin["wikidata"] == "Q855"
    assert stalin["counts"]["manchuria"] > 50 and stalin["counts"]["mongolia"] > 20


def test_converted_names_are_spelled_as_a_text_spells_them(site, glossary):
    """Every name form the converted texts print is written so in a raw text, or is OpenCC's plain
    conversion of what the text writes: the glossary never respells (王世傑)."""
    import opencc
    raw = "".join((ROOT / "sources" / f"{t}.txt").read_text(encoding="utf-8") for t in ("manchuria", "mongolia"))
    for text, source, target, config in (("mongolia", "hans", "hant", "s2tw"), ("manchuria", "hant", "hans", "tw2s")):
        plain = opencc.OpenCC(f"{config}.json").convert
        original, converted = (json.loads((site / "data" / f"{text}.{s}.json").read_text(encoding="utf-8"))
                               for s in (source, target))
        units = lambda data: {**{p["id"]: p["text"] for p in data["paragraphs"]}, **{n["id"]: n["text"] for n in data["notes"]}}
        before, after = units(original), units(converted)
        for m in converted["mentions"]:
            unit = m.get("paragraph") or m["note"]
            form, was = (u[unit][m["offset"]:m["offset"] + m["length"]] for u in (after, before))
            assert form in raw or form == plain(was), (text, unit, was, form)


def test_a_respelling_pair_fails_the_build(tmp_path):
    from edition.build import Timer, load_texts
    sources = broken_copy(tmp_path, lambda t: t.replace("  - [王世杰, 王世杰]\n", "  - [王世杰, 王世杰]\n  - [王世傑, 王世杰]\n"))
    with pytest.raises(EditionError) as error:
        load_texts(sources, Timer())
    line = line_of(sources, "[王世傑, 王世杰]")
    assert f"sources/glossary/people.yml:{line}: the pair [王世傑, 王世杰] of 'wang-shijie' respells 王世杰 as 王世傑" \
        in error.value.report()


def test_entry_page_lists_only_forms_that_occur(site):
    page = (site / "hant" / "glossary" / "wang-shijie" / "index.html").read_text(encoding="utf-8")
    forms = page.split("文中用名</th><td>")[1].split("</td>")[0]
    assert forms.startswith("王世杰（學位論文 ") and "期刊論文 " in forms and "王世傑" not in page


def test_glossary_pages_link_back_to_paragraphs(site):
    page = (site / "hant" / "glossary" / "stalin" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../manchuria/before-moscow/#p0' in page and "Q855" in page
    chapter = (site / "hans" / "manchuria" / "before-moscow" / "index.html").read_text(encoding="utf-8")
    assert 'class="ed-term" href="../../glossary/stalin/"' in chapter
    home = (site / "hant" / "index.html").read_text(encoding="utf-8")
    assert 'class="ed-events"' in home and 'href="glossary/sino-soviet-1945/"' in home   # the timeline


def test_candidates_list_uncovered_names_only(tmp_path):
    import subprocess
    import sys
    result = subprocess.run([sys.executable, str(ROOT / "build_edition.py"), "glossary-candidates"],
                            capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0
    names = [line.split()[1] for line in result.stdout.split("\n\n")[0].splitlines()[1:]]
    assert "王永祥" in names                          # a scholar: listed, and deliberately not an entry
    assert not {"蒋中正", "宋子文", "张嘉璈"} & set(names)  # covered names are not listed
