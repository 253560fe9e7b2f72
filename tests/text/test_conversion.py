"""Stage 8, conversion (edition/text/conversion.py): converted readings checked by hand, names and
protected spans kept, quotation marks by nesting level, Japanese left alone. Its review:
tests/text/test_review.py."""
import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from edition.text.conversion import Converter, follow_quotes
from tests.conftest import ROOT, cases

CASES = cases("conversion.yaml")


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


@given(st.text(alphabet="“”‘’「」『』甲乙あ，", max_size=30), st.sampled_from(["hant", "hans"]))
def test_quotation_marks_keep_length_and_settle(text, target):
    once = follow_quotes(text, target)
    assert len(once) == len(text) and follow_quotes(once, target) == once
    others = "“”‘’" if target == "hant" else "「」『』"
    assert not any(mark in once for mark in others)
    assert [c for c in once if c not in "“”‘’「」『』"] == [c for c in text if c not in "“”‘’「」『』"]


def test_converted_text_keeps_names_and_protected_spans(site):
    mongolia = json.loads((site / "data" / "mongolia.hant.json").read_text(encoding="utf-8"))
    notes = " ".join(n["text"] for n in mongolia["notes"])
    assert "東京大学出版会" in notes and "東京大學出版會" not in notes  # Japanese is never converted
    assert "后東升" in notes and "李嘉谷" in notes                      # declared name forms
    manchuria = json.loads((site / "data" / "manchuria.hans.json").read_text(encoding="utf-8"))
    text = " ".join(p["text"] for p in manchuria["paragraphs"])
    assert "蒋经国" in text and "沿着" in text and "Yalta Conference" in text
