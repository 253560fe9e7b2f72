"""Heading numbering schemes (`edition.text.headings`): which line is a heading of which scheme,
which schemes a text proposes, and which candidates the sequence confirms."""
from __future__ import annotations

import pytest

from edition.text.headings import candidate, confirm_headings, propose_schemes


@pytest.mark.parametrize("text, expected", [
    ("1 背景", ("1", "1", 1, "背景")),
    ("1背景", ("1", "1", 1, "背景")),                    # paragraph text: the space next to CJK is gone
    ("4 《条约》的影响", ("1", "4", 4, "《条约》的影响")),
    ("3.1 秘密谈判", ("1.1", "3.1", 1, "秘密谈判")),
    ("3.1.1 谈判的开始", ("1.1.1", "3.1.1", 1, "谈判的开始")),   # not '3.1' titled '.1 谈判的开始'
    ("3.1.2消息外泄", ("1.1.1", "3.1.2", 2, "消息外泄")),
    ("1. 引言", ("1.", "1.", 1, "引言")),                 # a list's label, as before: never the bare number
    # a year, a date, a time, a share, a count: no heading
    ("1945 年", None), ("1945年", None), ("3 月", None), ("12月", None), ("5%", None), ("5 %", None),
    ("2 次", None), ("10 个", None), ("3 时", None), ("20 世纪", None), ("2.5%", None),
    ("12", None),                                        # a number alone (a page's, a cell's)
])
def test_a_bare_number_and_decimal_numbers_are_heading_labels(text, expected):
    assert candidate(text) == expected


# A chapter numbered as XeLaTeX's book classes number it (twentyone-1915): 1 / 1.1 / 1.1.1, no stop
# after the number, the paragraphs' text glued to the label; among them a year, a date, a share, a
# count and a list label, none of them a heading.
DECIMAL = ["1背景", "第一次世界大战爆发。", "1.1第一次世界大战", "1945 年", "1.2日本的对华方针", "2条款内容",
           "3 月", "2.1第一号至第四号", "5%", "2.2第五号", "3交涉经过", "3.1秘密谈判", "2 次",
           "3.1.1谈判的开始", "谈判于 2 月 2 日开始。", "3.1.2消息外泄", "3.2最后通牒", "1.", "4影响"]


def test_decimal_numbering_is_proposed_and_confirmed_at_three_levels():
    assert propose_schemes(DECIMAL) == ("1", "1.1", "1.1.1")     # a lone '1.' begins no sequence
    levels = confirm_headings(DECIMAL, ("1", "1.1", "1.1.1"))
    assert [(text, found[0]) for text, found in zip(DECIMAL, levels, strict=True) if found] == [
        ("1背景", 1), ("1.1第一次世界大战", 2), ("1.2日本的对华方针", 2), ("2条款内容", 1), ("2.1第一号至第四号", 2),
        ("2.2第五号", 2), ("3交涉经过", 1), ("3.1秘密谈判", 2), ("3.1.1谈判的开始", 3), ("3.1.2消息外泄", 3),
        ("3.2最后通牒", 2), ("4影响", 1)]


def test_items_numbered_one_after_another_with_nothing_between_are_a_list():
    """Found by review: a list of short items without punctuation ('（1）放弃治外法权', '（2）交还租界'),
    one under the other, was read as four sections. A heading heads some text; a run of items of
    one scheme with nothing between them is a list, whatever scheme the text's headings follow."""
    texts = ["一、前言", "新约的要点，分列如下：", "（1）放弃治外法权", "（2）交还租界", "（3）取消内河航行权",
             "以上各项，均于条约中规定。", "（一）谈判经过", "正文。", "（二）条约内容", "正文。", "二、结语", "正文。"]
    assert propose_schemes(texts) == ("一、", "（一）")
    assert [found and found[:2] for found in confirm_headings(texts, ("一、", "（一）", "（1）"))] == [
        (1, "一、"), None, None, None, None, None, (2, "（一）"), None, (2, "（一）"), None, (1, "一、"), None]


# A journal's headings as 《近代史研究》 sets them (jindaishi-1946): a numeral and a gap, no 、
# ('一　引言'), then （一） and '1．' with a full-width stop; pdftotext cuts the first at its gap, and
# the joined paragraph keeps the gap as a space ('一 引言': `join_wrapped_lines`).
JOURNAL = ["内容提要：……", "一　引言", "正文。", "二 会议的缘起", "（一）重庆谈判", "正文。", "（二）马歇尔使华",
           "1．和平建国纲领", "正文。", "2．政府组织案", "正文。", "一切破坏交通线的行动均应停止。", "一 年之内",
           "三　结语", "正文。"]


@pytest.mark.parametrize("text, expected", [
    ("一　引言", ("一　", "一", 1, "引言")), ("十二 结语", ("一　", "十二", 12, "结语")),
    ("二", ("一　", "二", 2, "")),                               # alone: cut from its title
    ("一、前言", ("一、", "一、", 1, "前言")),                      # still its own scheme
    ("一切破坏交通线的行动均应停止。", None), ("一引言", None),      # no gap: a word, not a label
    ("一 年之内", None), ("三 月", None),                        # a count, a date
])
def test_a_numeral_and_a_gap_is_a_heading_label(text, expected):
    assert candidate(text) == expected


def test_a_journals_numeral_and_gap_headings_are_proposed_above_bracketed_ones():
    assert propose_schemes(JOURNAL) == ("一　", "（一）", "1.")
    levels = confirm_headings(JOURNAL, ("一　", "（一）", "1."))
    assert [(text, found[0]) for text, found in zip(JOURNAL, levels, strict=True) if found] == [
        ("一　引言", 1), ("二 会议的缘起", 1), ("（一）重庆谈判", 2), ("（二）马歇尔使华", 2), ("1．和平建国纲领", 3),
        ("2．政府组织案", 3), ("三　结语", 1)]
