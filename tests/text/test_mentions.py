"""Glossary mentions (edition/text/mentions.py): matching (traps as negatives), forms never found or
respelled, and the real texts' mentions in both scripts. The glossary's own checks at load:
tests/sources/test_load.py; its pages: tests/site/test_glossary_pages.py."""
import json

import pytest

from edition.core.errors import EditionError
from edition.sources.load import load
from edition.text.mentions import Matcher
from tests.conftest import ROOT, broken_copy, cases, line_of

CASES = cases("mentions.yaml")


@pytest.fixture(scope="module")
def glossary():
    return load(ROOT / "sources").glossary


@pytest.mark.parametrize("case", CASES, ids=[c["label"] for c in CASES])
def test_mention_cases(glossary, case):
    matcher = Matcher(glossary, case.get("script", "hant"))
    assert [entry for entry, _, _ in matcher.find(case["text"], case["in"])] == case["found"]


def test_unused_form_is_a_warning(tmp_path, capsys):
    from edition.build import Timer, load_texts
    sources = broken_copy(tmp_path,
                          lambda t: t.replace("  - [宋院長, 宋院长]", "  - [宋院長, 宋院长]\n  - [宋部長, 宋部长]"))
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


def units(data: dict) -> dict[str, str]:
    """Every paragraph's and note's text of an export, by id."""
    return {**{p["id"]: p["text"] for p in data["paragraphs"]}, **{n["id"]: n["text"] for n in data["notes"]}}


def test_converted_names_are_spelled_as_a_text_spells_them(site, glossary):
    """Every name form the converted texts print is written so in a raw text, or is OpenCC's plain
    conversion of what the text writes: the glossary never respells (王世傑)."""
    import opencc
    raw = "".join((ROOT / "sources" / f"{t}.txt").read_text(encoding="utf-8") for t in ("manchuria", "mongolia"))
    for text, source, target, config in (("mongolia", "hans", "hant", "s2tw"), ("manchuria", "hant", "hans", "tw2s")):
        plain = opencc.OpenCC(f"{config}.json").convert
        original, converted = (json.loads((site / "data" / f"{text}.{s}.json").read_text(encoding="utf-8"))
                               for s in (source, target))
        before, after = units(original), units(converted)
        for m in converted["mentions"]:
            unit = m.get("paragraph") or m["note"]
            form, was = (u[unit][m["offset"]:m["offset"] + m["length"]] for u in (after, before))
            assert form in raw or form == plain(was), (text, unit, was, form)


def test_a_respelling_pair_fails_the_build(tmp_path):
    from edition.build import Timer, load_texts
    sources = broken_copy(tmp_path,
                          lambda t: t.replace("  - [王世杰, 王世杰]\n", "  - [王世杰, 王世杰]\n  - [王世傑, 王世杰]\n"))
    with pytest.raises(EditionError) as error:
        load_texts(sources, Timer())
    line = line_of(sources, "[王世傑, 王世杰]")
    assert f"sources/glossary/people.yml:{line}: the pair [王世傑, 王世杰] of 'wang-shijie' respells 王世杰 as 王世傑" \
        in error.value.report()


def test_a_simplified_title_cited_in_a_traditional_text_is_no_respelling(glossary):
    """A traditional text whose note cites a simplified-script book (《毛泽东，斯大林与朝鲜战争》)
    writes 毛泽东 in a character set it cannot belong to: the pair [毛澤東, 毛泽东] still converts
    the article's 毛泽东 plainly. A traditional text that writes 王世杰 (Big5 holds 杰) does decide."""
    from types import SimpleNamespace

    from edition.text.mentions import respelling_pairs

    def text(script, body, note=""):
        return SimpleNamespace(source=SimpleNamespace(script=script), paragraphs=[SimpleNamespace(text=body)],
                               notes=[SimpleNamespace(text=note)])
    article = text("hans", "毛泽东与王世杰在重庆会谈。")
    cited = text("hant", "談判的經過如下。", "沈志华：《毛泽东，斯大林与朝鲜战争》，广东人民出版社，2003 年。")
    assert [p for p in respelling_pairs(glossary, [article, cited]) if "毛" in p.message] == []
    thesis = text("hant", "王世杰與莫洛托夫簽字。")
    respelled = replace_forms(glossary, "wang-shijie", [("王世傑", "王世杰")])
    assert any("respells 王世杰 as 王世傑" in p.message for p in respelling_pairs(respelled, [article, thesis]))


def replace_forms(glossary, entry_id, forms):
    from dataclasses import replace
    entry = glossary.entries[entry_id]
    changed = replace(entry, forms=tuple(forms), form_where=("people.yml:1",) * len(forms))
    entries = {**glossary.entries, entry_id: changed}
    return replace(glossary, entries=entries)
