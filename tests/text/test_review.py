"""The conversion review (edition/text/review.py, as the build runs it): no converted reading left
undecided, every decision used, stale decisions named with file and line, the second converter
really run."""
import re
import shutil

import pytest

from edition.build import Timer, load_texts
from edition.core.errors import EditionError
from edition.text import review
from edition.text.conversion import SHOWN, Converter
from edition.text.review import check_review, decisions, review_both
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def loaded():
    anchored = load_texts(ROOT / "sources", Timer())
    return anchored.config, anchored.texts, list(anchored.overrides), anchored


@pytest.fixture(scope="module")
def reviewed(loaded):
    """Both scripts converted and reviewed as the build does: (findings, decisions used)."""
    findings, used, _ = review_both(loaded[3])
    return findings, used


def test_review_has_no_undecided_entry_and_every_decision_is_used(loaded, reviewed):
    _, _, overrides, _ = loaded
    findings, used = reviewed
    assert [f for f in findings if f.decision == "undecided"] == []
    assert check_review(overrides, used, findings) == []
    assert len(decisions(overrides)) > 40 and {d["where"] for d in decisions(overrides)} <= used


def test_review_covers_both_texts_in_both_directions(reviewed):
    findings, _ = reviewed
    assert {(f.text, f.target) for f in findings} == {("manchuria", "hans"), ("mongolia", "hant")}
    assert {f.char for f in findings if f.one_to_many and f.target == "hant"} >= set("后干系余准发复里")
    assert {f.char for f in findings if f.one_to_many and f.target == "hans"} >= set("藉著")


def test_second_converter_finds_a_disagreement():
    # OpenCC leaves 系 in 关系的历史 (it reads 系); MediaWiki's tables read 關係: a disagreement.
    convert = Converter("hans", "hant", [])
    convert.unit("《中俄关系的历史与现实》", "n1")
    findings = review.review_log("case", convert.log, [], frozenset())
    assert [(f.char, f.opencc, f.second, f.decision) for f in findings] == [("系", "系", "係", "undecided")]
    assert "undecided: case n1 → hant: 《中俄关【系】的历史与现" in str(review.problems(findings)[0])
    keep = {"into": "hant", "char": "系", "keep": "系", "find": "关系", "where": f"{SHOWN}:9", "reason": "test"}
    assert [f.decision for f in review.review_log("case", convert.log, [keep], frozenset())] == ["keep"]


def test_override_decides_and_one_to_many_is_listed():
    override = {"find": "则余必", "hant": "則余必", "where": f"{SHOWN}:3"}
    convert = Converter("hans", "hant", [override])
    assert convert.unit("则余必坚决拒绝，多余", "p1")[0] == "則余必堅決拒絕，多餘"   # 多余 still becomes 多餘
    findings = review.review_log("case", convert.log, [], frozenset("余"))
    assert [(f.opencc, f.decision, f.where) for f in findings] == [("余", "override", f"{SHOWN}:3"),
                                                                   ("餘", "agree", "")]
    assert convert.log.hits[f"{SHOWN}:3"] == 1


def test_stale_decision_is_named_with_file_and_line(loaded, reviewed):
    _, _, overrides, _ = loaded
    findings, used = reviewed
    stale = [{"find": "不存在的字串", "hant": "不存在的字串", "where": f"{SHOWN}:999", "reason": "test"},
             {"into": "hans", "char": "著", "keep": "着", "find": "著作等身", "where": f"{SHOWN}:998", "reason": "t"}]
    problems = [str(p) for p in check_review(overrides + stale, used, findings)]
    assert problems == [f"{SHOWN}:999: stale: this override matches nothing in the texts",
                        f"{SHOWN}:998: stale: this keep matches nothing in the texts"]


@pytest.mark.slow    # runs the build
def test_build_fails_on_a_stale_override(tmp_path):
    sources = tmp_path / "sources"
    shutil.copytree(ROOT / "sources", sources)
    path = sources / "conversion.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "- find: 从未出现过\n  hant: 從未出現過\n  reason: a test\n", encoding="utf-8")
    line = len(text.splitlines()) + 1
    from edition.build import build
    with pytest.raises(EditionError) as error:
        build(sources, tmp_path, check=True)
    assert f"sources/conversion.yml:{line}: stale: this override matches nothing" in error.value.report()


@pytest.mark.slow    # runs the build
def test_a_correction_that_creates_a_disagreement_fails_the_build(tmp_path):
    """A new reading in the article (泄漏: OpenCC 洩, zhconv 泄) that nothing in
    sources/conversion.yml decides (the keep of 洩 is bound to 泄密): the build stops and says so."""
    sources = tmp_path / "sources"
    shutil.copytree(ROOT / "sources", sources)
    corrections = sources / "corrections.yml"
    corrections.write_text(corrections.read_text(encoding="utf-8") + (
        "- text: mongolia\n  find: 重新回归北洋政府\n  replace: 重新回归泄漏政府\n  reason: a test\n"),
        encoding="utf-8")
    from edition.build import build
    with pytest.raises(EditionError) as error:
        build(sources, tmp_path, check=True)
    assert re.search(r"sources/conversion.yml: undecided: mongolia p\d+ → hant: "
                     r".*回归【泄】漏政府.*: OpenCC 洩, zhconv 泄",
                     error.value.report())
