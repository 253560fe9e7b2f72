"""The audit pages (edition/site/audit_page.py): the conversion's record and review counted, the
reasons of decisions shown as text."""
import json
import re
from pathlib import Path

import pytest
import yaml

from edition.text.conversion import SHOWN, Converter
from tests.conftest import ROOT


def test_review_counts_are_printed_and_on_the_audit_page(site):
    page = (site.parent / "build" / "docs" / "hant" / "audit" / "mongolia.md").read_text(encoding="utf-8")
    assert "## 轉換覆核：兩種轉換器對照 { #review }" in page          # in the words of the page's script
    assert re.search(r"共 \d+ 個單位（\d+ 字）；兩者讀法不同 \d+ 處，一對多字 \d+ 處；"
                     r"各類決定：兩者一致 \d+、維持本版讀法 \d+、依條目改讀 \d+、不轉換 \d+。", page)
    assert "| p0003 | 而美苏冷战与【台】海两岸的对立 | 臺 | 台 | 維持本版讀法 sources/conversion.yml:" in page
    assert "未決" not in page


def test_a_reason_is_text_in_the_audit_never_markup():
    from edition.site.audit_page import conversion_report
    from edition.site.strings import load_strings
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


def declared_forms(script: str) -> re.Pattern:
    """Every form declared in sources/ (conversion.yml and the glossary), as written in `script`.
    conversion.yml holds name forms {hans, hant}, context overrides {find, hant and/or hans} (the
    reading of the script named) and keeps {into, char, keep}: a keep leaves OpenCC's reading,
    which the log counts as converted, so it declares no form."""
    root = ROOT / "sources"
    entries = yaml.safe_load((root / "conversion.yml").read_text(encoding="utf-8")) or []
    assert all(("keep" in entry) != bool({"hant", "hans"} & set(entry)) for entry in entries)   # no other shape
    forms = {entry[script] for entry in entries if script in entry}
    for path in (root / "glossary").glob("*.yml"):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            if isinstance(entry, dict) and "forms" in entry:
                forms |= {pair[0 if script == "hant" else 1] for pair in entry["forms"]}
    return re.compile("|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)))


def converted_characters(site: Path, text: str, source: str, target: str) -> int:
    """Characters that differ between a text's two exports, position by position (conversion is
    character for character, so both have the same length), outside the declared name forms
    (counted apart): counted without the conversion log."""
    units = {}
    for script in (source, target):
        data = json.loads((site / "data" / f"{text}.{script}.json").read_text(encoding="utf-8"))
        units[script] = [p["text"] for p in data["paragraphs"]] + [n["text"] for n in data["notes"]]
    assert [len(u) for u in units[source]] == [len(u) for u in units[target]]
    forms, differing = declared_forms(target), 0
    for before, after in zip(units[source], units[target], strict=True):
        named = {i for m in forms.finditer(after) for i in range(m.start(), m.end())}
        differing += sum(a != b for i, (a, b) in enumerate(zip(before, after, strict=True)) if i not in named)
    return differing


@pytest.mark.parametrize("text, source, target, word", [("mongolia", "hans", "hant", "轉換"),
                                                        ("manchuria", "hant", "hans", "转换")])
def test_audit_pages_count_the_conversion(site, text, source, target, word):
    audit = (site / target / "audit" / text / "index.html").read_text(encoding="utf-8")
    count = int(re.search(rf"逐字{word} (\d+) 字", audit).group(1))
    differing = converted_characters(site, text, source, target)
    # the log also counts titles, labels and table cells, which the exports' texts do not repeat
    assert differing <= count <= differing * 1.1, (count, differing)
    if text == "mongolia":
        assert '<span lang="ja">' in audit and "東京大学出版会" in audit  # a protected Japanese span is listed


def test_a_section_with_nothing_to_list_says_so_and_shows_no_empty_table():
    """A new text without glyph repairs, re-keyed tables, notices or declared forms: each section
    says the text has none (an empty table reads as a page that failed); one with entries lists them."""
    from edition.site.audit_page import conversion_report, report
    from edition.site.strings import load_strings
    from tests.text.test_extractions import reconstruct, source_of
    strings = load_strings(ROOT / "templates")["hans"]
    text = "一、经过\n双方在莫斯科举行谈判。\n·1·\n\f二、结果\n会谈持续了两个星期之久。\n·2·\n"
    source = source_of(text)
    pages, notes, paragraphs, chapters = reconstruct(source)
    from edition.core.model import Audit, BuiltText
    page = report(BuiltText(source, pages, tuple(chapters), tuple(notes), (), Audit()), strings)
    sections = re.split(r"\n## ", page)
    empty = {s.split(" ", 1)[0] for s in sections if strings["audit_none"] in s}
    assert empty == {strings["audit_glyphs"], strings["audit_tables"], strings["audit_notices"]}
    assert "|  |  |  |" not in page and "| | | |" not in page
    removed = next(s for s in sections if s.startswith(strings["audit_removed"]))
    assert strings["audit_none"] not in removed and "| 3 |" in removed          # the page numbers removed
    forms = conversion_report(Converter("hans", "hans", []).log, strings)
    assert forms.rstrip().endswith(strings["audit_none"])
