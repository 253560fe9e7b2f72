"""compare.py on a tiny truth and exports written by hand: a faithful export scores full marks, and
each kind of damage (a note linked one word late, a missing note, a heading at the wrong level, a
list item promoted to heading, a paragraph that kept a running header, a page number left in the
text) costs exactly what the expectations, counted by hand, say. On every corpus text, an export
made of print's own blocks and notes passes, and the same without its notes links none."""
import copy
import json

import pytest
import yaml

from tests.corpus import measure
from tests.corpus.cases import Case, text_ids
from tests.corpus.compare import compare, normalize

TRUTH = yaml.safe_load("""
id: tiny
title: 條約小史
author: 某甲
pages: [12, 13]
furniture: {header_odd: 條約小史, header_even: 語料·第一篇, page_number: "·{n}·"}
blocks:
  - {kind: heading, level: 1, text: 一、緣起}
  - kind: paragraph
    text: 1945年8月，雙方在莫斯科簽訂條約。條約共八條。
    pages: [12]
    notes:
      - {note: n1, mark: ①, offset: 19, after: 莫斯科簽訂條約。}
      - {note: n2, mark: ②, offset: 19, after: 莫斯科簽訂條約。}
  - {kind: heading, level: 2, text: （一）內容}
  - {kind: list_item, label: "1.", text: 外蒙古現狀須予維持。}
  - {kind: quotation, text: 第一，條約小史所記如此。}
  - kind: paragraph
    text: 此後雙方再無交涉。
    pages: [12, 13]
    notes: [{note: n3, mark: ①, offset: 4, after: 此後雙方}]
notes:
  - {id: n1, mark: ①, page: 12, in: text, text: 王世杰日記，第五冊。}
  - {id: n2, mark: ②, page: 12, in: text, text: 《中華民國重要史料初編》，第578頁。}
  - {id: n3, mark: ①, page: 13, in: text, text: 同上註。}
""")

FAITHFUL = yaml.safe_load("""
id: tiny
paragraphs:
  - {id: p0001, kind: heading, level: 1, text: 一、緣起}
  - {id: p0002, kind: body, text: "1945 年 8 月，雙方在莫斯科簽訂條約。條約共八條。", pages: [12]}
  - {id: p0003, kind: heading, level: 2, label: （一）, title: 內容, text: ""}
  - {id: p0004, kind: list, text: 1. 外蒙古現狀須予維持。}
  - {id: p0005, kind: quote, text: 第一，條約小史所記如此。}
  - {id: p0006, kind: body, text: 此後雙方再無交涉。, pages: [12, 13]}
notes:
  - {id: n1, text: 王世杰日記，第五冊。, ref: {paragraph: p0002, offset: 22}}
  - {id: n2, text: 《中華民國重要史料初編》，第578頁。, ref: {paragraph: p0002, offset: 22}}
  - {id: n3, text: 同上註。, ref: {paragraph: p0006, offset: 4}}
""")


def test_normalize_drops_only_the_space_print_does_not_show():
    assert normalize("1945 年 8 月") == "1945年8月"
    assert normalize("（J.  Grew）") == "（J. Grew）"
    assert normalize("⋯⋯") != normalize("……")


def test_a_faithful_export_scores_full_marks():
    report = compare(FAITHFUL, TRUTH)
    assert (report.notes_linked, report.notes_total) == (3, 3)
    assert (report.headings_right, report.headings_total) == (2, 2)
    assert (report.paragraphs_exact, report.paragraphs_total) == (4, 4)
    assert report.furniture_left == [] and report.page_problems == []
    assert report.passes(), report.summary()


def damaged() -> dict:
    export = copy.deepcopy(FAITHFUL)
    paragraphs = {p["id"]: p for p in export["paragraphs"]}
    export["notes"][0]["ref"]["offset"] = 28                 # n1 one sentence late: after 條約共八條。
    del export["notes"][2]                                   # n3 lost
    paragraphs["p0003"]["level"] = 3                         # （一） one level too deep
    paragraphs["p0004"].update(kind="heading", level=2)      # the list item taken for a heading
    paragraphs["p0005"]["text"] = "第一，條約小史所記如此。語料·第一篇"   # the running header glued on
    paragraphs["p0006"]["text"] = "此後雙方再無交涉。·13·"                # the page number glued on
    return export


def test_each_damage_costs_what_was_counted_by_hand():
    report = compare(damaged(), TRUTH)
    assert (report.notes_linked, report.notes_total) == (1, 3)                 # only n2 is right
    assert any("①" in p and "p. 13" in p and "not in the export" in p for p in report.note_problems)
    assert (report.headings_right, report.headings_total) == (1, 2)
    assert any("（一）內容" in p and "level 3" in p for p in report.heading_problems)
    assert any("外蒙古現狀" in p and "not in print" in p for p in report.heading_problems)
    # the list item became a heading, the quotation and the last paragraph carry furniture
    assert (report.paragraphs_exact, report.paragraphs_total) == (1, 4)
    assert sum("is a paragraph in the export, not in print" in p for p in report.paragraph_problems) == 2
    assert sorted(report.furniture_left) == ["furniture «·13·» left in the text 1 time(s)",
                                              "furniture «語料·第一篇» left in the text 1 time(s)"]
    assert not report.passes()


def test_the_title_and_its_repetitions_in_the_text_are_not_furniture():
    export = copy.deepcopy(FAITHFUL)
    export["paragraphs"].insert(0, {"id": "p0000", "kind": "front", "text": "條約小史"})
    assert compare(export, TRUTH).furniture_left == []


def test_a_kind_lost_is_reported_but_the_words_still_count():
    export = copy.deepcopy(FAITHFUL)
    export["paragraphs"][4]["kind"] = "body"                 # the quotation printed as a plain paragraph
    report = compare(export, TRUTH)
    assert report.paragraphs_exact == 4
    assert report.paragraph_problems == ["quotation «第一，條約小史所記如此。…» exported as body"]


def test_a_note_with_one_glyph_repaired_is_still_found():
    export = copy.deepcopy(FAITHFUL)
    export["notes"][1]["text"] = "《中華民國重要史料初編》，第578頁."      # full stop differs
    assert compare(export, TRUTH).notes_linked == 3


def test_a_paragraph_on_other_pages_is_reported_apart_from_the_bar():
    export = copy.deepcopy(FAITHFUL)
    export["paragraphs"][5]["pages"] = [13]                  # the page break before 此後 lost
    report = compare(export, TRUTH)
    assert report.page_problems == ["«此後雙方再無交涉。…» on pages 13, printed on 12, 13"]
    assert report.passes()


def test_the_command_line_exits_0_on_a_faithful_export_and_1_on_a_damaged_one(tmp_path, capsys):
    truth = tmp_path / "truth.yml"
    truth.write_text(yaml.safe_dump(TRUTH, allow_unicode=True), encoding="utf-8")
    for name, export, code in (("good.json", FAITHFUL, 0), ("bad.json", damaged(), 1)):
        (tmp_path / name).write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")
        assert measure.main([str(tmp_path / name), str(truth)]) == code
    assert "furniture «·13·» left in the text" in capsys.readouterr().out


def test_a_bare_page_number_left_in_the_text_is_counted_against_print():
    truth = {**TRUTH, "pages": [57, 58], "furniture": {"page_number": "{n}"}}
    truth["blocks"] = [{"kind": "paragraph", "text": "1957年，雙方再議。"}]
    truth["notes"] = []
    export = {"paragraphs": [{"id": "p1", "kind": "body", "text": "1957年，雙方再議。58"}], "notes": []}
    assert compare(export, truth).furniture_left == ["furniture «58» left in the text 1 time(s)"]
    export["paragraphs"][0]["text"] = "1957年，雙方再議。"      # 57 inside the year is print's own
    assert compare(export, truth).furniture_left == []


def test_a_piece_of_a_running_head_left_in_the_text_is_furniture_left():
    """An extractor may cut a head at its gap ('中文語料　2026年第3期' written as '中文語料' and '2026 年第 3 期',
    lines apart):
    a piece left alone is counted like the whole head; a piece print has as often is not."""
    truth = {**TRUTH, "furniture": {"header_even": "中文語料　2026年第3期"}}
    export = copy.deepcopy(FAITHFUL)
    assert compare(export, truth).furniture_left == []
    export["paragraphs"].insert(0, {"id": "p0000", "kind": "body", "text": "中文語料"})
    assert compare(export, truth).furniture_left == ["furniture «中文語料» left in the text 1 time(s)"]


def test_a_running_head_carrying_the_current_section_title_is_counted_on_each_page_it_was_printed():
    truth = copy.deepcopy(TRUTH)
    truth["furniture"] = {"header_even": "語料·第一篇", "page_number": "·{n}·",
                          "header_by_page": {12: None, 13: "一、緣起"}}      # p. 13's head: the section it is in
    export = copy.deepcopy(FAITHFUL)
    assert compare(export, truth).furniture_left == []          # the heading 一、緣起 itself is print's own
    export["paragraphs"][5]["text"] = "一、緣起此後雙方再無交涉。"   # p. 13's head glued on the paragraph
    assert compare(export, truth).furniture_left == ["furniture «一、緣起» left in the text 1 time(s)"]
    del export["paragraphs"][0]                                  # the heading lost, the head kept: even
    assert compare(export, truth).furniture_left == []


def test_a_lost_note_costs_one_note_even_when_its_neighbours_read_alike():
    truth = copy.deepcopy(TRUTH)
    truth["notes"][0]["text"] = "李毓澍，論外蒙古的獨立問題，1985年2月版，蒙藏委員會出版，第26頁"
    truth["notes"][2]["text"] = "李毓澍，論外蒙古的獨立問題，1985年2月版，蒙藏委員會出版，第27頁"
    export = copy.deepcopy(FAITHFUL)
    export["notes"][2]["text"] = truth["notes"][2]["text"]
    del export["notes"][0]                                   # n1 lost; n3, which reads alike, must keep its own
    report = compare(export, truth)
    assert (report.notes_linked, report.notes_total) == (2, 3)
    assert len(report.note_problems) == 1 and "not in the export" in report.note_problems[0]


def test_notes_that_repeat_a_text_are_each_found_at_their_own_marker():
    truth = copy.deepcopy(TRUTH)
    truth["notes"][2]["text"] = truth["notes"][0]["text"]   # n3 reads as n1 (同上 in real notes)
    export = copy.deepcopy(FAITHFUL)
    export["notes"][2]["text"] = export["notes"][0]["text"]
    export["notes"].reverse()                                # the export lists them in another order
    assert compare(export, truth).notes_linked == 3


def faithful_export(truth: dict) -> dict:
    """What a perfect reconstruction would export: print's blocks and notes, in the export's shape."""
    kinds = {"heading": "heading", "paragraph": "body", "list_item": "list", "quotation": "quote"}
    paragraphs = [{"id": "p0000", "kind": "front", "text": truth["title"]}]
    notes = [{"id": f"n{i}", "text": n["text"], "ref": {"paragraph": "p0000", "offset": len(truth["title"])}}
             for i, n in enumerate(truth["notes"]) if n["in"] == "title"]
    # a page printed in other numerals ('iii') holds the place before the next arabic page's
    printed = truth["pages"]
    places = {page: page for page in printed if isinstance(page, int)}
    for at, page in enumerate(printed):
        if not isinstance(page, int):
            arabic = next(i for i in range(at, len(printed)) if isinstance(printed[i], int))
            places[page] = printed[arabic] - (arabic - at)
    for i, block in enumerate(b for b in truth["blocks"] if b["kind"] in kinds):
        label = block.get("label", "")
        paragraphs.append({"id": f"p{i + 1:04d}", "kind": kinds[block["kind"]], "text": label + block["text"],
                           "level": block.get("level"), "pages": [places[p] for p in block["pages"]]})
        notes += [{"id": m["note"], "text": next(n["text"] for n in truth["notes"] if n["id"] == m["note"]),
                   "ref": {"paragraph": f"p{i + 1:04d}", "offset": len(label) + m["offset"]}}
                  for m in block.get("notes", ())]
    return {"id": truth["id"], "paragraphs": paragraphs, "notes": notes,
            "page_labels": {str(place): page for page, place in places.items() if not isinstance(page, int)}}


@pytest.mark.parametrize("text_id", text_ids())
def test_on_every_corpus_text_a_faithful_export_passes_and_one_without_notes_fails(text_id):
    truth = Case(text_id, "pdftotext").truth()
    report = compare(faithful_export(truth), truth)
    assert report.passes() and not report.page_problems and not report.paragraph_problems, report.summary()
    assert report.notes_linked == len(truth["notes"])
    stripped = {**faithful_export(truth), "notes": []}
    assert compare(stripped, truth).notes_linked == 0
