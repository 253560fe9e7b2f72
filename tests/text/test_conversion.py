"""Stage 8 and its review: converted readings checked by hand, quotation marks by nesting level,
Japanese left alone, the second converter really run, every decision used, stale ones named."""
import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from edition.build import Timer, check_review, decisions, load_texts, review_both
from edition.core.errors import EditionError
from edition.text import review
from edition.text.conversion import SHOWN, Converter, follow_quotes
from tests.conftest import ROOT, cases

CASES = cases("conversion.yaml")


@pytest.fixture(scope="module")
def loaded():
    config, texts, _, overrides, _ = load_texts(ROOT / "sources", Timer())
    return config, texts, overrides


@pytest.fixture(scope="module")
def reviewed(loaded):
    """Both scripts converted and reviewed as the build does: (findings, decisions used)."""
    findings, used, _ = review_both(*loaded)
    return findings, used


def export_text(site: Path, text: str, script: str) -> str:
    data = json.loads((site / "data" / f"{text}.{script}.json").read_text(encoding="utf-8"))
    return "\n".join([p["text"] for p in data["paragraphs"]] + [n["text"] for n in data["notes"]])


@pytest.mark.parametrize("case", CASES, ids=[c["label"] for c in CASES])
def test_converted_readings(site, case):
    raw = re.sub(r"\s", "", (ROOT / "sources" / f"{case['text']}.txt").read_text(encoding="utf-8"))
    assert case["source"] in raw                      # the passage is the author's own
    converted = export_text(site, case["text"], case["script"])
    assert case["reads"] in converted
    assert case["never"] not in converted


def test_no_respelled_name_anywhere_on_the_site(site):
    """Neither text writes 王世傑: no page, export or search index may (the article's pages first)."""
    paths = sorted((site / "hant" / "mongolia").rglob("*.html")) + sorted(p for p in site.rglob("*") if p.is_file())
    assert len(paths) > 100
    for path in paths:
        if path.suffix in (".html", ".json", ".txt", ".xml", ".bib", ".ris"):
            assert "王世傑" not in path.read_text(encoding="utf-8"), path


def test_review_has_no_undecided_entry_and_every_decision_is_used(loaded, reviewed):
    _, _, overrides = loaded
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
    assert [(f.opencc, f.decision, f.where) for f in findings] == [("余", "override", f"{SHOWN}:3"), ("餘", "agree", "")]
    assert convert.log.hits[f"{SHOWN}:3"] == 1


def test_stale_decision_is_named_with_file_and_line(loaded, reviewed):
    _, _, overrides = loaded
    findings, used = reviewed
    stale = [{"find": "不存在的字串", "hant": "不存在的字串", "where": f"{SHOWN}:999", "reason": "test"},
             {"into": "hans", "char": "著", "keep": "着", "find": "著作等身", "where": f"{SHOWN}:998", "reason": "t"}]
    problems = [str(p) for p in check_review(overrides + stale, used, findings)]
    assert problems == [f"{SHOWN}:999: stale: this override matches nothing in the texts",
                        f"{SHOWN}:998: stale: this keep matches nothing in the texts"]


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


def test_an_override_keeps_the_length():
    with pytest.raises(EditionError) as error:
        load_overrides_from("- find: 则余必\n  hant: 則余必須\n  reason: too long\n")
    assert "sources/conversion.yml:1: an override keeps the length of its find '则余必'" in error.value.report()


def load_overrides_from(text: str):
    import tempfile

    from edition.sources.load import load
    with tempfile.TemporaryDirectory() as folder:
        shutil.copytree(ROOT / "sources", Path(folder) / "sources")
        (Path(folder) / "sources" / "conversion.yml").write_text(text, encoding="utf-8")
        return load(Path(folder) / "sources").overrides


QUOTES = [
    ("hant", "他說“甲‘乙’丙”。", "他說「甲『乙』丙」。"),
    ("hant", "“一”與“二”", "「一」與「二」"),
    ("hant", "“外‘中“內”中’外”", "「外『中「內」中』外」"),          # a third level is single again
    ("hans", "他說「甲『乙』丙」。", "他说“甲‘乙’丙”。"),
    ("hans", "和『真真蘇米』、『古索蘇米』兩地", "和“真真苏米”、“古索苏米”两地"),  # outermost by nesting, not by shape
]


@pytest.mark.parametrize("target,before,after", QUOTES)
def test_quotation_marks_follow_the_script_by_nesting_level(target, before, after):
    source = "hans" if target == "hant" else "hant"
    converted = Converter(source, target, []).unit(before, "p")[0]
    assert converted == after and len(converted) == len(before)


def test_quotation_marks_inside_japanese_are_left_alone():
    note = "橘誠訳「モンゴル独立とスターリン」、『早稻田大学モンゴル学研究所纪要』；参见“外交部”档案"
    converted = Converter("hans", "hant", []).unit(note, "n6")[0]
    assert converted.startswith("橘誠訳「モンゴル独立とスターリン」、『早稻田大学モンゴル学研究所纪要』")
    assert converted.endswith("參見「外交部」檔案")
    hant_note = "參見：石井明『中ソ関係史の研究』，「外交部」檔案"
    assert Converter("hant", "hans", []).unit(hant_note, "n1")[0] == "参见：石井明『中ソ関係史の研究』，“外交部”档案"


def test_quotes_setting_off_keeps_the_marks():
    assert Converter("hans", "hant", [], quotes=False).unit("“甲”", "p")[0] == "“甲”"
    assert follow_quotes("“甲”", "hans") == "“甲”"


def test_review_counts_are_printed_and_on_the_audit_page(site):
    page = (site.parent / "build" / "docs" / "hant" / "audit" / "mongolia.md").read_text(encoding="utf-8")
    assert "## 轉換覆核：兩種轉換器對照 { #review }" in page          # in the words of the page's script
    assert re.search(r"共 \d+ 個單位（\d+ 字）；兩者讀法不同 \d+ 處，一對多字 \d+ 處；"
                     r"各類決定：兩者一致 \d+、維持本版讀法 \d+、依條目改讀 \d+、不轉換 \d+。", page)
    assert "| p0003 | 而美苏冷战与【台】海两岸的对立 | 臺 | 台 | 維持本版讀法 sources/conversion.yml:" in page
    assert "未決" not in page


def test_a_correction_that_creates_a_disagreement_fails_the_build(tmp_path):
    """A new reading in the article (泄漏: OpenCC 洩, zhconv 泄) that nothing in
    sources/conversion.yml decides (the keep of 洩 is bound to 泄密): the build stops and says so."""
    sources = tmp_path / "sources"
    shutil.copytree(ROOT / "sources", sources)
    corrections = sources / "corrections.yml"
    corrections.write_text(corrections.read_text(encoding="utf-8") + (
        "- text: mongolia\n  find: 重新回归北洋政府\n  replace: 重新回归泄漏政府\n  reason: a test\n"), encoding="utf-8")
    from edition.build import build
    with pytest.raises(EditionError) as error:
        build(sources, tmp_path, check=True)
    assert re.search(r"sources/conversion.yml: undecided: mongolia p\d+ → hant: .*回归【泄】漏政府.*: OpenCC 洩, zhconv 泄",
                     error.value.report())


def test_conversion_review_command():
    import subprocess
    import sys
    result = subprocess.run([sys.executable, str(ROOT / "build_edition.py"), "conversion-review"],
                            capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    line = next(line for line in result.stdout.splitlines() if "武力【占】领" in line)
    assert re.fullmatch(r"mongolia p\d+ -> hant: .*武力【占】领.*  OpenCC 佔  zhconv 占  keep sources/conversion.yml:\d+", line)
    assert "alike -> hant: 余 -> 余 (override, 1): ，则余必坚" in result.stdout   # one-to-many, read alike
    assert re.search(r"^alike -> hans: 藉 -> 借 \(override, \d+\): ", result.stdout, re.M)
    assert re.search(r"^conversion review: \d+ units \(\d+ characters\) compared with zhconv; \d+ disagreements, "
                     r"\d+ one-to-many characters; findings by decision: agree \d+, keep \d+, override \d+, protected \d+$",
                     result.stdout, re.M)


def test_a_reason_is_text_in_the_audit_never_markup():
    from edition.site.audit_page import conversion_report
    from edition.site.pages import load_strings
    hostile = {"find": "吉田丰子", "hans": "吉田豊子", "hant": "吉田豊子", "where": f"{SHOWN}:1",
               "reason": "<script>alert(1)</script> | **bold** [link](http://x)"}
    convert = Converter("hans", "hans", [hostile])
    assert convert.unit("吉田丰子：《国民政府》", "n1")[0] == "吉田豊子：《国民政府》"
    report = conversion_report(convert.log, load_strings(ROOT / "templates")["hans"])
    assert "吉田丰子 → 吉田豊子（1）：" in report                      # the decision is listed with its reason…
    assert '<span lang="en">bold</span>' in report                   # …its English runs in lang spans…
    text = re.sub(r'<span lang="en">([^<]*)</span>', r"\1", report)
    assert "<" not in text                                           # …and no other markup
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text and "**" not in text and "](" not in text


@given(st.text(alphabet="“”‘’「」『』甲乙あ，", max_size=30), st.sampled_from(["hant", "hans"]))
def test_quotation_marks_keep_length_and_settle(text, target):
    once = follow_quotes(text, target)
    assert len(once) == len(text) and follow_quotes(once, target) == once
    others = "“”‘’" if target == "hant" else "「」『』"
    assert not any(mark in once for mark in others)
    assert [c for c in once if c not in "“”‘’「」『』"] == [c for c in text if c not in "“”‘’「」『』"]
