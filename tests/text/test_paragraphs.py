"""Paragraphs stage: joined lines, page breaks kept, quotes, lists and tables told apart. The
repairs it applies (glyphs, spacing, hyphens): tests/text/test_repairs.py."""

import pytest

from edition.core.inputs import RawLine, TextSource
from edition.core.model import Audit
from edition.text.layout import layout
from edition.text.notes import find_notes
from edition.text.paragraphs import CANNOT_END, build_paragraphs
from tests.conftest import cases

CASES = cases("paragraphs.yaml")


def paragraphs_of(lines: list[str]) -> list[str]:
    """Raw lines through layout, notes and paragraphs, as a one-page-or-two text."""
    source = TextSource("case", "sources/case.txt", "hant", "global", "case", False, None, {"type": "thesis"}, (),
                        1, "", tuple(RawLine(n, t) for n, t in enumerate(lines, 1)), ())
    pages = layout(source)
    notes, markers = find_notes(source, pages)
    paragraphs, _ = build_paragraphs(source, pages, markers, notes, {}, Audit())
    return [p.text for p in paragraphs]


@pytest.mark.parametrize("case", CASES, ids=[c["label"] for c in CASES])
def test_paragraph_boundary_cases(case):
    assert paragraphs_of(case["lines"]) == case["paragraphs"]


def test_page_break_inside_a_paragraph_is_kept(built):
    paragraph = next(p for p in built["manchuria"].paragraphs if p.text.startswith("1945年是中華民國與蘇聯"))
    assert paragraph.pages == (3, 4)
    (page_break,) = [b for b in paragraph.page_breaks if b.page == 4]
    assert paragraph.text[page_break.offset - 6:page_break.offset + 4] == "《中蘇友好同盟條約》"[:10]


def test_every_page_has_its_anchor(built):
    for text in built.values():
        anchored = [b.page for p in text.paragraphs for b in p.page_breaks]
        assert sorted(anchored) == [page.printed for page in text.pages]  # each page exactly once


def test_quoted_treaty_is_a_quote_with_list_items(built):
    def kind(start):
        return next(p.kind for p in built["manchuria"].paragraphs if p.text.startswith(start))
    assert kind("三強領袖—蘇聯、") == "quote"
    assert kind("（一）外蒙古現狀") == "list"
    assert kind("1.庫頁島南部") == "list"
    assert kind("莫斯科談判結束後，中蘇各自") == "body"  # its indentation sits on a raw line of its own


def test_superscript_split_lines_are_one_paragraph(built):
    paragraph = next(p for p in built["manchuria"].paragraphs if "李海推測蘇聯出兵日本" in p.text)
    assert "會同意。12月14日哈里曼詢問史達林" in paragraph.text


def test_tables_are_rekeyed(built):
    (table,) = [p for p in built["manchuria"].paragraphs if p.kind == "table"]
    assert table.table[0][0] == "組織項目" and table.table[1][1] == "1945.08.31{n205}"
    (article_table,) = [p for p in built["mongolia"].paragraphs if p.kind == "table"]
    assert len(article_table.table) == 6 and all(len(row) == 4 for row in article_table.table)


def test_real_boundaries_at_page_turns_and_superscripts(built):
    """The four cases of issue 9 in the real texts, and the quotations found by checking them."""
    def holding(text_id, passage):
        return [p for p in built[text_id].paragraphs if passage in p.text]
    assert len(holding("mongolia", "的方式，努力维护在法律意义上")) == 1                # page 16 -> 17
    assert len(holding("manchuria", "表述史實，反映戰後中蘇東北問題")) == 1
    assert len(holding("manchuria", "先決條件。蘇聯要求中華民國法律承認")) == 1        # one printed line
    assert len(holding("manchuria", "否則即以撤為佳」。會議雖未確定方案")) == 1       # one printed line
    paragraphs = built["manchuria"].paragraphs
    for end, start in [("熊式輝回憶錄寫著:", "總裁(蔣中正)在黃山"),
                       ("決不致於蘇聯有不利之措施。……", "彼得洛夫回應，蘇聯政府"),
                       ("遂又佐證中國的歷史經驗:", "請大使報告政府"),
                       ("接收東北行政機構要點」三項:", "1. 省市政府組織")]:
        (index,) = [i for i, p in enumerate(paragraphs) if p.text.endswith(end)]
        assert paragraphs[index + 1].text.startswith(start)
        assert {paragraphs[index].kind, paragraphs[index + 1].kind} & {"quote", "list"}


def test_no_paragraph_ends_inside_a_sentence_at_a_page_turn(built):
    for text in built.values():
        paragraphs = [p for p in text.paragraphs if p.kind != "table"]
        for before, after in zip(paragraphs, paragraphs[1:], strict=False):    # each with the next
            assert before.text[-1] not in CANNOT_END, before.text[-20:]
            turns = after.page_breaks and after.page_breaks[0].offset == 0
            if turns and before.kind not in ("heading", "front") and len(before.text) > 30:
                assert before.text[-1] in "。：:！？」』）…”", (before.text[-20:], after.text[:20])
