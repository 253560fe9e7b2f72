"""Structure stage: chapters, sections, subsections; treaty clauses are never headings."""
from dataclasses import replace

from edition.model import Paragraph
from edition.structure import _thesis_heading


def levels(text):
    return [s.level for c in text.chapters for s in c.sections]


def test_thesis_structure(built):
    text = built["manchuria"]
    assert [c.label for c in text.chapters] == ["第一章", "第二章", "第三章", "第四章", "第五章", "第六章"]
    assert levels(text).count(2) == 22 and levels(text).count(3) == 26
    conclusion = text.chapters[-1]
    assert [s.level for s in conclusion.sections] == [3, 3]  # 一、二、 directly under chapter 6


def test_article_structure(built):
    text = built["mongolia"]
    assert [c.id for c in text.chapters] == ["front", "introduction", "yalta", "moscow-treaty", "aftermath", "conclusion"]
    assert [c.title for c in text.chapters[1:]][0] == "前言" and text.chapters[-1].title == "结论"
    front = [p.text[:4] for p in text.chapters[0].paragraphs]
    assert front[0].startswith("蒋介石") and front[1] == "尤淑君" and front[2] == "提要：本" and front[3] == "关键词："
    assert [r.number for p in text.chapters[0].paragraphs for r in p.note_refs][:2] == [1, 2]


def body(text):
    return Paragraph("body", text, (1,), (1,))


def test_numbered_clause_in_a_quoted_treaty_is_not_a_heading():
    assert _thesis_heading(replace(body("（一）外蒙古現狀將予維持。"), kind="list")).kind == "list"
    assert _thesis_heading(body("一、蘇聯陸海軍部及其他在中國東三省之經費，蘇軍照付。")).kind == "body"
    assert _thesis_heading(body("一、研究動機")).kind == "heading"


def test_table_of_contents_differences_are_audited(built):
    notices = built["manchuria"].audit.notices
    assert any("莫斯科談判前的東北問題" in n and "莫斯科談判前之東北問題" in n for n in notices)
    assert not any("試探" in n for n in notices)  # 詴探 in the contents is a glyph error, repaired
