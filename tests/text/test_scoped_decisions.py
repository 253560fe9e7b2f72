"""Decisions scoped to a text (issue 19 item 7): a conversion entry with `text: <id>` decides for that
text alone; one without decides for every text, a text added later included. Glossary rules are
scoped by `when: {text: <id>}`. Tested with a second, made-up text id next to the thesis's.

The expected readings are written by hand: 編著 "compiled by" is 编著 in simplified script (the
second converter, zhconv, agrees), while OpenCC's tw2s reads 编着, which the thesis's keep of
著 -> 着 approves for the thesis's particle 著 only."""
import pytest

from edition.core.errors import EditionError
from edition.core.inputs import Glossary, Rule
from edition.sources.load import load
from edition.text.conversion import Converter, decisions_for
from edition.text.mentions import Matcher
from edition.text.review import review_log
from tests.conftest import copy_project

PHRASE = "王世杰編著之書"


def decision_on_zhu(config, text_id: str) -> tuple[str, str, str]:
    """(published reading, decision, where) of the 著 of 編著 converted into hans in `text_id`."""
    overrides = decisions_for(list(config.overrides) + list(config.glossary.overrides()), text_id)
    convert = Converter("hant", "hans", overrides)
    convert.unit(PHRASE, "p1")
    finding = next(f for f in review_log(text_id, convert.log, overrides, config.one_to_many["hant"])
                   if f.char == "著")
    assert finding.second == "著"     # the second converter: 编著
    return finding.opencc, finding.decision, finding.where


def test_the_thesis_keep_decides_for_the_thesis_only(config):
    reading, decision, where = decision_on_zhu(config, "manchuria")
    assert (reading, decision) == ("着", "keep") and where.startswith("sources/conversion.yml:")
    reading, decision, _ = decision_on_zhu(config, "another-text")
    assert (reading, decision) == ("着", "undecided")     # reviewed afresh: the build asks the editor


def test_a_scoped_override_rewrites_its_text_and_no_other():
    overrides = [{"find": "編著", "hans": "编著", "text": "memoir", "where": "sources/conversion.yml:9", "reason": "r"}]
    assert Converter("hant", "hans", decisions_for(overrides, "memoir"))(PHRASE) == "王世杰编著之书"
    assert Converter("hant", "hans", decisions_for(overrides, "manchuria"))(PHRASE) == "王世杰编着之书"
    unscoped = [{k: v for k, v in overrides[0].items() if k != "text"}]
    assert Converter("hant", "hans", decisions_for(unscoped, "manchuria"))(PHRASE) == "王世杰编著之书"


def test_a_decision_for_an_unknown_text_is_named_at_its_line(tmp_path):
    project = copy_project(tmp_path)
    path = project / "sources" / "conversion.yml"
    lines = path.read_text(encoding="utf-8").split("\n")
    at = lines.index("  text: manchuria")
    lines[at] = "  text: manchuri"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(EditionError) as error:
        load(project / "sources")
    assert f"sources/conversion.yml:{at + 1}: unknown text 'manchuri'" in error.value.report()


def test_a_glossary_rule_scoped_to_a_text_links_there_only():
    glossary = Glossary(rules=[Rule(("換文", "换文"), "notes-1945", {"text": "mongolia"})])
    matcher = Matcher(glossary, "hant")
    assert [entry for entry, _, _ in matcher.find("雙方換文。", "mongolia")] == ["notes-1945"]
    assert matcher.find("雙方換文。", "memoir") == []


def test_a_character_watched_in_one_text_is_listed_there_only(tmp_path):
    """one-to-many.yml's `texts:` adds characters the review lists in one text alone. 臺 is in no
    list of the committed file (read here), so only the scoped entry can make it watched."""
    from edition.text.review import watched
    project = copy_project(tmp_path)
    path = project / "sources" / "one-to-many.yml"
    text = path.read_text(encoding="utf-8")
    assert "臺" not in text
    path.write_text(text + "texts:\n  manchuria: {hant: 臺}\n", encoding="utf-8")
    config = load(project / "sources")
    assert "臺" in watched(config, "manchuria", "hant") - config.one_to_many["hant"]
    assert watched(config, "memo", "hant") == config.one_to_many["hant"]
    path.write_text(text + "texts:\n  memo: {hant: 臺}\n", encoding="utf-8")
    with pytest.raises(EditionError) as error:
        load(project / "sources")
    line = len(text.split("\n")) + 1
    assert f"sources/one-to-many.yml:{line}: unknown text 'memo'" in error.value.report()
