
"""Reconstruction of extractions other than the seeds': pdftotext (plain and -layout), pdfminer.six,
PyMuPDF. Each extraction is written here by hand in its extractor's style, and the expected
paragraphs, notes and headings beside it are read off the printed page the extraction stands for,
not taken from the code."""

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from edition.core.errors import EditionError
from edition.core.inputs import LayoutProfile, RawLine, Table, TextSource
from edition.core.model import Audit
from edition.text.layout import layout, page_convention
from edition.text.notes import find_notes
from edition.text.paragraphs import build_paragraphs
from edition.text.structure import structure


def source_of(text: str, chapters=(("c1", "一、"), ("c2", "二、")), watermark="",
              **profile) -> TextSource:
    lines = tuple(RawLine(n, t) for n, t in enumerate(text.split("\n"), 1))
    return TextSource("new", "sources/new.txt", "hans", "per-page", "新文", False, None, {"type": "article"},
                      chapters, 1, watermark, lines, (), layout=LayoutProfile(**profile))


def reconstruct(source: TextSource):
    """Raw lines through layout, notes, paragraphs and structure, as the build runs them."""
    pages = layout(source)
    notes, markers = find_notes(source, pages)
    paragraphs, notes = build_paragraphs(source, pages, markers, notes, {}, Audit())
    chapters = structure(source, paragraphs, Audit())
    return pages, notes, paragraphs, chapters


# pdftotext (plain): a form feed before every page; running headers alternate (journal title on
# even pages, article title on odd ones); centred page numbers as '·12·'; footnotes after the body,
# markers glued to the text, per-page numbering; a list label '2.' and '表 1' that are no markers;
# a year alone at a line start.
PDFTOTEXT = """外蒙古问题研究

张三

一、前言

本文讨论1945年中苏两国之间的交涉。1在此之前，
两国之间已有多次谈判，各方意见不一，直至战
争结束。
2. 第二项资料见表 1所列。
1945年8月，条约终于在莫斯科签订，双方各执一
词。2

1 见《中苏条约》。
2 同上，第5页。

·1·
\f抗日战争研究 2015年第1期

二、经过

交涉的经过如下。1双方各执一词，互不相让，谈判
一度中断。

（一）第一阶段

谈判开始于莫斯科。2

1 王世杰日记。
2 同上。

·2·
\f外蒙古问题研究

（二）第二阶段

谈判结束。1

1 蒋介石日记。

·3·
\f抗日战争研究 2015年第1期

三、结论

外蒙古遂告独立。

·4·
\f外蒙古问题研究

此后的影响另文讨论。

·5·
"""


CHAPTERS = (("c1", "一、"), ("c2", "二、"), ("c3", "三、"))


def test_pdftotext_pages_furniture_and_printed_numbers():
    source = source_of(PDFTOTEXT, CHAPTERS)
    assert page_convention(source) == "form-feed"
    pages = layout(source)
    assert [p.printed for p in pages] == [1, 2, 3, 4, 5]
    removed = [(c.fix, c.before.strip()) for p in pages for c in p.artifacts]
    assert removed == [("remove_page_number", "·1·"), ("remove_running_header", "抗日战争研究 2015年第1期"),
                       ("remove_page_number", "·2·"), ("remove_running_header", "外蒙古问题研究"),
                       ("remove_page_number", "·3·"), ("remove_running_header", "抗日战争研究 2015年第1期"),
                       ("remove_page_number", "·4·"), ("remove_running_header", "外蒙古问题研究"),
                       ("remove_page_number", "·5·")]   # the title on page 1 stays
    body = [line.text for p in pages for line in p.body]
    assert "词。2" in body
    assert [line.text for line in pages[0].notes] == ["1 见《中苏条约》。", "2 同上，第5页。"]


def test_pdftotext_notes_are_linked_where_the_print_puts_them():
    _, notes, paragraphs, _ = reconstruct(source_of(PDFTOTEXT, CHAPTERS))
    assert [(n.printed_number, n.page, n.text) for n in notes] == [
        (1, 1, "见《中苏条约》。"), (2, 1, "同上，第5页。"), (1, 2, "王世杰日记。"), (2, 2, "同上。"),
        (1, 3, "蒋介石日记。")]
    with_refs = {p.text: [r.offset for r in p.note_refs] for p in paragraphs if p.note_refs}
    # the marker after '交涉。' and after '签订。', never in '2.', '表 1' or '1945年'
    first = "本文讨论1945年中苏两国之间的交涉。在此之前，两国之间已有多次谈判，各方意见不一，直至战争结束。"
    assert with_refs[first] == [len("本文讨论1945年中苏两国之间的交涉。")]
    last = "1945年8月，条约终于在莫斯科签订，双方各执一词。"
    assert with_refs[last] == [len(last)]


def test_pdftotext_paragraphs_and_headings():
    _, _, paragraphs, chapters = reconstruct(source_of(PDFTOTEXT, CHAPTERS))
    texts = [p.text for p in paragraphs]
    assert texts == ["外蒙古问题研究", "张三", "一、前言",
                     "本文讨论1945年中苏两国之间的交涉。在此之前，两国之间已有多次谈判，各方意见不一，直至战争结束。",
                     "2. 第二项资料见表1所列。", "1945年8月，条约终于在莫斯科签订，双方各执一词。", "二、经过",
                     "交涉的经过如下。双方各执一词，互不相让，谈判一度中断。", "（一）第一阶段", "谈判开始于莫斯科。",
                     "（二）第二阶段", "谈判结束。", "三、结论", "外蒙古遂告独立。", "此后的影响另文讨论。"]
    assert [c.id for c in chapters] == ["front", "c1", "c2", "c3"]
    assert [(s.label, s.level, s.title) for s in chapters[2].sections] == [("（一）", 2, "第一阶段"),
                                                                             ("（二）", 2, "第二阶段")]


# pdfminer.six: a form feed after every page; circled notes; the running header on every page.
PDFMINER = """史学月刊 2020年第3期 · 7 ·
一、引言
条约于此时签订①，双方
都表示满意②。

① 见档案甲。
② 见档案乙。
\f史学月刊 2020年第3期 · 8 ·
二、结论
此事遂告结束①。
① 见档案丙。
\f"""


def test_pdfminer_circled_notes_and_a_header_with_the_page_number():
    pages, notes, paragraphs, chapters = reconstruct(source_of(PDFMINER, furniture=("史学月刊 #年第#期 · # ·",)))
    assert [p.printed for p in pages] == [7, 8]
    assert [(n.label, n.page, n.text) for n in notes] == [("①", 7, "见档案甲。"), ("②", 7, "见档案乙。"),
                                                          ("①", 8, "见档案丙。")]
    assert [p.text for p in paragraphs] == ["一、引言", "条约于此时签订，双方都表示满意。", "二、结论",
                                            "此事遂告结束。"]
    assert [c.title for c in chapters] == ["引言", "结论"]


# pdfminer.six writes a page's labels first and the notes' lines after them (the lines are cut where
# a note ends, on a short line: a date's digits are half as wide as the characters, so a line full of
# them is no longer for it), and may write a label after its note's text, alone ('➁' below).
PDFMINER_LABELS = """史学月刊 2020年第3期 · 7 ·
一、引言
条约于此时签订①，双方都表示满意②。后来又有人反对③，此事的影响一直延续到了今天，各方至今仍各执一词。

①

②

③

见档案甲，2006-12-19，2007-07-23，2008-01-01 查阅
见档案乙。

1946 年某某在某处讲“何去何从”时引用了《某某》杂志的说法：两国之间
的问题不在条约本身。
\f史学月刊 2020年第3期 · 8 ·
二、结论
此事遂告结束①，此后再无下文②，各方亦不再提起③。
① 见档案丙，其中记载了此事的全部经过，以及各方的反应，包括某
某与某某的谈话。
见档案丁。
②
③ 见档案戊。
\f"""


def test_pdfminer_labels_written_apart_from_their_notes():
    _, notes, _, _ = reconstruct(source_of(PDFMINER_LABELS, furniture=("史学月刊 #年第#期 · # ·",)))
    assert [(n.label, n.page, n.text) for n in notes] == [
        ("①", 7, "见档案甲，2006-12-19，2007-07-23，2008-01-01查阅"), ("②", 7, "见档案乙。"),
        ("③", 7, "1946年某某在某处讲“何去何从”时引用了《某某》杂志的说法：两国之间的问题不在条约本身。"),
        ("①", 8, "见档案丙，其中记载了此事的全部经过，以及各方的反应，包括某某与某某的谈话。"),
        ("②", 8, "见档案丁。"), ("③", 8, "见档案戊。")]


# pdfminer.six with its boxes ordered by place alone (LAParams(boxes_flow=None)): on page 7 a bare
# label written above the note it follows ('②', then '① …' and both notes' lines); on page 8 two
# bare labels written together in the middle of note 1's lines, whose last line before them is full
# and closes nothing, and their texts after the rest of note 1.
PDFMINER_OUT_OF_STEP = """史学月刊 2020年第3期 · 7 ·
一、引言
条约于此时签订①，双方都表示满意②。后来又有人反对③，此事的影响一直延续到了今天，各方至今仍各执一词。
②
① 见档案甲，其中记载了此事的全部经过，以及各方的反应，包括某某与某某
的谈话，并附有当时的照片多幅。
见档案乙，其中记载了此事的另一部分经过，以及各方的反应，包括某某
的回忆。
③ 见档案戊。
\f史学月刊 2020年第3期 · 8 ·
二、结论
此事遂告结束①，此后再无下文②，各方亦不再提起③。
①
见档案丙，其中记载了此事的全部经过，以及各方的反应，包括某某与某某
②
③
的谈话，并附有当时的照片多幅。
见档案丁。
见档案己。
\f"""


def test_pdfminer_labels_out_of_step_with_their_notes():
    _, notes, _, _ = reconstruct(source_of(PDFMINER_OUT_OF_STEP, furniture=("史学月刊 #年第#期 · # ·",)))
    assert [(n.label, n.page, n.text) for n in notes] == [
        ("①", 7, "见档案甲，其中记载了此事的全部经过，以及各方的反应，包括某某与某某的谈话，并附有当时的照片多幅。"),
        ("②", 7, "见档案乙，其中记载了此事的另一部分经过，以及各方的反应，包括某某的回忆。"), ("③", 7, "见档案戊。"),
        ("①", 8, "见档案丙，其中记载了此事的全部经过，以及各方的反应，包括某某与某某的谈话，并附有当时的照片多幅。"),
        ("②", 8, "见档案丁。"), ("③", 8, "见档案己。")]


PAGE_8 = "\f史学月刊 2020年第3期 · 8 ·\n二、结论\n此事遂告结束①。\n① 见档案丙。\n\f"
BODY_7 = ("史学月刊 2020年第3期 · 7 ·\n一、引言\n"
          "条约于此时签订①，双方都表示满意②。后来又有人反对③，此事的影响一直延续到了今天，各方至今仍各执一词。\n")
NOTE_甲 = "见档案甲，其中记载了此事的全部经过，以及各方的反应，包括某某与某某\n的谈话，并附有当时的照片多幅。\n"
NOTE_乙 = "见档案乙，其中记载了此事的另一部分经过，以及各方的反应，包括某某\n的回忆。\n"


@pytest.mark.parametrize("foot, first", [
    # found by review: a note ending on a page reference ('第125—127页') is finished, though its
    # full last line closes on no stop: the run of labels below it gets its lines, not that note
    ("① 见某某编：《中外旧约章汇编》第一册，生活·读书·新知三联书店，1957年版\n，北京：中华书局，其中记载了此事的全部"
     "经过与各方的反应，第125—127页\n②\n③\n" + NOTE_乙 + "见档案戊。\n",
     "见某某编：《中外旧约章汇编》第一册，生活·读书·新知三联书店，1957年版，北京：中华书局，其中记载了此事的全部经过与各方的"
     "反应，第125—127页"),
    # found by review: two bare labels above the note they both follow, the later first
    ("③\n②\n① " + NOTE_甲 + NOTE_乙 + "见档案戊。\n",
     "见档案甲，其中记载了此事的全部经过，以及各方的反应，包括某某与某某的谈话，并附有当时的照片多幅。"),
])
def test_labels_out_of_step_found_by_review(foot, first):
    _, notes, _, _ = reconstruct(source_of(BODY_7 + foot + PAGE_8, furniture=("史学月刊 #年第#期 · # ·",)))
    assert [(n.label, n.page, n.text) for n in notes] == [
        ("①", 7, first), ("②", 7, "见档案乙，其中记载了此事的另一部分经过，以及各方的反应，包括某某的回忆。"),
        ("③", 7, "见档案戊。"), ("①", 8, "见档案丙。")]


@pytest.mark.parametrize("body, foot, kept", [
    ("条约于此时签订①，双方都表示满意。后来又有人反对，此事的影响一直延续到了今天，各方至今仍各执一词\n②",
     "① 见档案甲，又见档案乙。", "各执一词②"),
    ("各方分为以下几派1：\n甲派，主张立即签约，人数为\n2", "1 见档案甲。", "人数为2"),
])
def test_a_label_shaped_line_above_the_notes_with_no_marker_elsewhere_stays_text(body, foot, kept):
    """Found by review: a line holding only '②' (or '2') above the foot, the block's note ① below
    and no note ② on the page: it is the body's, since no marker of a note ② stands in the body
    above it; the build is not refused."""
    from edition.build import build_text
    text = f"史学月刊 2020年第3期 · 7 ·\n一、引言\n{body}\n{foot}\n" + PAGE_8
    built = build_text(source_of(text, furniture=("史学月刊 #年第#期 · # ·",)), {})
    assert kept in "".join(p.text for p in built.paragraphs) and [n.label for n in built.notes][-1] == "①"


def test_a_marker_set_apart_above_notes_side_by_side_stays_a_marker():
    """Found by review: '②' alone on a line of the body, above two notes pdftotext wrote on one line
    ('① 见档案甲。          ② 见档案乙。'): the same label beside another note makes it the body's
    marker set apart, and the row of notes is read as two notes."""
    from edition.build import build_text
    from edition.checks.conservation import raw_order
    text = ("史学月刊 2020年第3期 · 7 ·\n一、引言\n条约于此时签订①，双方都表示满意，后来又有人反对，此事的影响一直延续"
            "到了今天，各方至今仍各执一词\n②\n① 见档案甲。          ② 见档案乙。\n" + PAGE_8)
    built = build_text(source_of(text, furniture=("史学月刊 #年第#期 · # ·",)), {})   # no 'note ② has no marker'
    assert [(n.label, n.text) for n in built.notes][:2] == [("①", "见档案甲。"), ("②", "见档案乙。")]
    assert [(m.line, m.text) for m in built.markers][:2] == [(3, "①"), (4, "②")] and raw_order(built, {}) == []


PAGE_8_TWO = "\f史学月刊 2020年第3期 · 8 ·\n二、结论\n此事遂告结束①，又②。\n① 见档案丙。\n② 见档案丁。\n\f"


@pytest.mark.parametrize("body, foot, page_8, notes", [
    ("签订①，双方都表示满意②。", "① 此处引文与下注 ② 所引同出一书。\n② 见档案乙。", PAGE_8,
     ["此处引文与下注 ② 所引同出一书。", "见档案乙。", "见档案丙。"]),
    ("签订①，双方都表示满意②，又有人反对③。", "① 见档案甲。\n② 此事有三说：① 甲说； ② 乙说； ③ 丙说。\n③ 见档案丁。",
     PAGE_8, ["见档案甲。", "此事有三说：① 甲说； ② 乙说； ③ 丙说。", "见档案丁。", "见档案丙。"]),
    ("签订①。", "① 此说有二： ① 甲说； ② 乙说。", PAGE_8, ["此说有二： ① 甲说； ② 乙说。", "见档案丙。"]),
    ("签订①。", "① 参见下页注 ② 所引档案。", PAGE_8_TWO, ["参见下页注 ② 所引档案。", "见档案丙。", "见档案丁。"]),
])
def test_a_note_citing_or_listing_numbers_is_one_note(body, foot, page_8, notes):
    """Found by review: a label of the series inside a note's text (a note citing the next one, a
    circled list in a note) cuts no piece: only a label after text that closes, and not the label of
    a later line of the block."""
    from edition.build import build_text
    from edition.checks.conservation import raw_order
    text = f"史学月刊 2020年第3期 · 7 ·\n一、引言\n条约于此时{body}此事的影响一直延续到了今天。\n{foot}\n" + page_8
    built = build_text(source_of(text, furniture=("史学月刊 #年第#期 · # ·",)), {})
    assert [note.text for note in built.notes] == notes and raw_order(built, {}) == []


@pytest.mark.parametrize("gap", ["          ", "  ", " "])
def test_short_notes_side_by_side_on_one_line_are_each_a_note(gap):
    """Plain pdftotext writes a row of short notes on one line ('① 见档案甲。  ② 见档案乙。'): each is a
    note of its own, and every character is read once, in order (the raw-order check)."""
    from edition.build import build_text
    from edition.checks.conservation import raw_order
    text = ("史学月刊 2020年第3期 · 7 ·\n一、引言\n条约于此时签订①，双方都表示满意②，后来又有人反对③，此事的影响"
            f"一直延续到了今天。\n① 见档案甲。{gap}② 见档案乙。{gap}③ 见档案戊，第 ② 卷。\n" + PAGE_8)
    built = build_text(source_of(text, furniture=("史学月刊 #年第#期 · # ·",)), {})
    assert [(n.label, n.text) for n in built.notes] == [
        ("①", "见档案甲。"), ("②", "见档案乙。"), ("③", "见档案戊，第 ② 卷。"), ("①", "见档案丙。")]
    assert raw_order(built, {}) == []


# Plain pdftotext, labels first as pdfminer.six writes them, and each printed line cut where two
# full-width punctuation marks meet: '…（道光朝）' then '》卷七十一，…第 12—15' is one full line, no
# note's end however short its pieces; nor is '王铁崖编：', the piece before '《中外旧约章汇编》…'.
PDFTOTEXT_LABELS_AND_PIECES = """史学月刊 2020年第3期 · 7 ·
一、引言
条约于此时签订①，双方都表示满意②。后来又有人反对③，此事的影响一直延续到了今天，各方至今仍各执一词。
①
②
③

收稿日期：2025-10-08。作者简介：中文历史文本语料编者，从事近代中外关系史文本整理。
《虎门条约》第八款规定，日后清朝如有新恩施及各国，英国亦可一体均沾。
国书中文译本见《筹办夷务始末（道光朝）
》卷七十一，北京：中华书局，1964 年，第 12—15
页。
\f史学月刊 2020年第3期 · 8 ·
二、结论
此事遂告结束①，此后再无下文②，此事的影响一直延续到了今天，各方至今仍各执一词，莫衷一是。
①
②

蒋廷黻编：《近代中国外交史资料辑要》上卷，上海：商务印书馆，1931 年。
王铁崖编：
《中外旧约章汇编》第一册，北京：生活·读书·新知三联书店，1957 年，第 51—57
页。
\f"""


def test_pdftotext_labels_first_with_lines_cut_at_punctuation():
    _, notes, _, _ = reconstruct(source_of(PDFTOTEXT_LABELS_AND_PIECES, furniture=("史学月刊 #年第#期 · # ·",)))
    assert [(n.label, n.page, n.text) for n in notes] == [
        ("①", 7, "收稿日期：2025-10-08。作者简介：中文历史文本语料编者，从事近代中外关系史文本整理。"),
        ("②", 7, "《虎门条约》第八款规定，日后清朝如有新恩施及各国，英国亦可一体均沾。"),
        ("③", 7, "国书中文译本见《筹办夷务始末（道光朝）》卷七十一，北京：中华书局，1964年，第12—15页。"),
        ("①", 8, "蒋廷黻编：《近代中国外交史资料辑要》上卷，上海：商务印书馆，1931年。"),
        ("②", 8, "王铁崖编：《中外旧约章汇编》第一册，北京：生活·读书·新知三联书店，1957年，第51—57页。")]


# Plain pdftotext cuts printed lines where two full-width punctuation marks meet ('摘要：' then
# '《望厦条约》是…'; '相比，' then '《望厦条约》有…'): the abstract's label and its first line are one
# printed line, and the pieces, each short, do not make the body's measure read short, so that a
# paragraph ending on a full line ('…进一步扩大。') is told from the next one set two characters in.
PDFTOTEXT_PIECES = """摘要：
《望厦条约》是 1844 年 7 月 3 日清朝两广总督耆英与美国专
使顾盛在澳门望厦村签订的条约，正式名称为《中美五口贸易章程》
，是
中美两国间的第一个条约。
一、经过
条约规定美国享有在五口通商、派驻领事的权利，其主要内容见表
1。与《南京条约》相比，
《望厦条约》有几项重要扩充：其一，明确规定
美国人在华犯罪由美国领事审办，使领事裁判权的范围更为清楚；其
二，规定中国日后如欲变更税则，
「须与合众国领事等官议允」，关税
自主权进一步丧失；其三，准许美国人在五口租地建造医院、礼拜堂及
殡葬之处；其四，规定十二年后两国可派员「酌量更改」条约。
二、影响
《望厦条约》于 1845 年 12 月 31 日在广州互换批准书。同年 10
月，法国亦援例与清朝签订《黄埔条约》。由于片面最惠国待遇的存在，
美国所得的各项权利为英法等国一体均沾，条约体系由此进一步扩大。
十二年修约的规定后来成为列强要求扩大特权的借口。1854 年前后，
英美法三国援引此条要求全面修约（见蒋廷黻所编资料），为清方所
拒，成为第二次鸦片战争爆发的原因之一。史家多认为，
《望厦条约》虽
未以战争为前导，却是近代不平等条约体系中条款最为完备的一个。
\f"""


def test_pdftotext_pieces_of_printed_lines_neither_end_paragraphs_nor_shorten_the_measure():
    _, _, paragraphs, _ = reconstruct(source_of(PDFTOTEXT_PIECES))
    assert [p.text for p in paragraphs] == [
        "摘要：《望厦条约》是1844年7月3日清朝两广总督耆英与美国专使顾盛在澳门望厦村签订的条约，"
        "正式名称为《中美五口贸易章程》，是中美两国间的第一个条约。",
        "一、经过",
        "条约规定美国享有在五口通商、派驻领事的权利，其主要内容见表1。与《南京条约》相比，《望厦条约》有几项重要扩充："
        "其一，明确规定美国人在华犯罪由美国领事审办，使领事裁判权的范围更为清楚；其二，规定中国日后如欲变更税则，"
        "「须与合众国领事等官议允」，关税自主权进一步丧失；其三，准许美国人在五口租地建造医院、礼拜堂及殡葬之处；"
        "其四，规定十二年后两国可派员「酌量更改」条约。",
        "二、影响",
        "《望厦条约》于1845年12月31日在广州互换批准书。同年10月，法国亦援例与清朝签订《黄埔条约》。"
        "由于片面最惠国待遇的存在，美国所得的各项权利为英法等国一体均沾，条约体系由此进一步扩大。",
        "十二年修约的规定后来成为列强要求扩大特权的借口。1854年前后，英美法三国援引此条要求全面修约（见蒋廷黻所编资料），"
        "为清方所拒，成为第二次鸦片战争爆发的原因之一。史家多认为，《望厦条约》虽未以战争为前导，"
        "却是近代不平等条约体系中条款最为完备的一个。"]


# Plain pdftotext, page 2 of a text with a third heading level: '1. 割台与民主国' reads like note 1's
# label above the real block, whose markers 2 and 3 stand below it; marker 2 ends its line and the
# next line opens with 日 ('巡抚。2' + '日索…' is no '2日'). Page 1's last note ends on no full stop,
# and page 2 is mostly short lines (cells): its last full body line is still body, not that note's end.
HEADING_LIKE_A_NOTE = """一、经过
双方在马关会谈，会谈持续了一个月之久，
直至四月方告结束。此后谈判移至北京。1

1 见《马关议和中日谈话录》第三卷

—1—
\f用途
比例
军备
六成
皇室
一成
其他
三成
由于台湾的割让1，更增加了中国南方的军
事威胁。
1. 割台与民主国
据《清史稿》记载：
弃台湾，省巡抚。2
日索交台湾益亟，台民汹汹欲变，并引公
法力争。3
此后台民自立为民主国，但终究因实力远
不及日本而迅速瓦解，台湾遂为日本所有。
1 台湾曾是日本的领土。
2 见《清史稿》志九十一。
3 见《清史稿》志一百三十三。

—2—
\f"""


def test_a_heading_numbered_like_a_note_and_a_marker_before_a_line_opening_with_a_day():
    _, notes, paragraphs, _ = reconstruct(source_of(HEADING_LIKE_A_NOTE, (("c1", "一、"),)))
    assert [(n.page, n.printed_number, n.text) for n in notes] == [
        (1, 1, "见《马关议和中日谈话录》第三卷"), (2, 1, "台湾曾是日本的领土。"), (2, 2, "见《清史稿》志九十一。"),
        (2, 3, "见《清史稿》志一百三十三。")]
    texts = [p.text for p in paragraphs]
    assert "1. 割台与民主国" in texts
    assert "此后台民自立为民主国，但终究因实力远不及日本而迅速瓦解，台湾遂为日本所有。" in texts
    where = {r.number: (p.text[:r.offset][-4:]) for p in paragraphs for r in p.note_refs}
    assert where == {1: "至北京。", 2: "湾的割让", 3: "省巡抚。", 4: "法力争。"}


# pdfminer.six again, the lines of four notes after their labels: a note ends on one of its shortest
# lines, and one that closes ('…》') counts a little shorter than one that goes on ('…2012 年 6 月').
PDFMINER_CLOSING = """史学月刊 2020年第3期 · 9 ·
三、影响
双方各执一词①，此后再无下文②，各方亦不再提起③，直至今日④。

①

②

③

④

见档案甲，第一卷，内容为两国交涉的全部经过，另附
地图两幅。
见某某研究院医学人文博物馆编医学史资料
见黄秀政，《台湾史》、李筱峰，《国家认同与政治运动》
见日本交流协会之民意调查 (２０１１年度)，2012 年 6 月
22 日
\f"""


def test_pdfminer_notes_end_where_a_line_closes():
    _, notes, _, _ = reconstruct(source_of(PDFMINER_CLOSING, (("c3", "三、"),), furniture=("史学月刊 #年第#期 · # ·",)))
    assert [n.text for n in notes] == [
        "见档案甲，第一卷，内容为两国交涉的全部经过，另附地图两幅。", "见某某研究院医学人文博物馆编医学史资料",
        "见黄秀政，《台湾史》、李筱峰，《国家认同与政治运动》",
        "见日本交流协会之民意调查 (２０１１年度)，2012年6月22日"]


# pdfminer.six, labels first: an English line breaks a sentence between words ('…East Asian', then
# 'Research Center…'); the extraction leaves the word spaces out, so the line reads short, but a note
# does not end there. A Latin line that ends on a stop ('…1970.') may end one, a Latin one following.
PDFMINER_LATIN_RUNS_ON = """史学月刊 2020年第3期 · 9 ·
三、影响
双方各执一词①，此后再无下文②，各方亦不再提起③，直至今日④。

①

②

③

④

见档案甲，第一卷，内容为两国交涉的全部经过，另附地图两幅，又附各方往来的全部函电
地图两幅。
参见 Madeleine Chi, China Diplomacy, 1914–1918, Cambridge, Mass.: East Asian
Research Center, 1970; 又见某某编史料汇编第二卷，第三册，第一百二十三至一百二十五页。
See Madeleine Chi, China Diplomacy, 1970.
Ibid., p. 12.
\f"""


def test_pdfminer_note_does_not_end_inside_an_english_sentence():
    _, notes, _, _ = reconstruct(source_of(PDFMINER_LATIN_RUNS_ON, (("c3", "三、"),),
                                           furniture=("史学月刊 #年第#期 · # ·",)))
    assert [n.text for n in notes] == [
        "见档案甲，第一卷，内容为两国交涉的全部经过，另附地图两幅，又附各方往来的全部函电地图两幅。",
        "参见Madeleine Chi, China Diplomacy, 1914–1918, Cambridge, Mass.: East Asian Research Center, 1970; "
        "又见某某编史料汇编第二卷，第三册，第一百二十三至一百二十五页。",
        "See Madeleine Chi, China Diplomacy, 1970.", "Ibid., p. 12."]


# pdfminer.six, labels first: a line with dates ('至 5 月 6 日与 5 月 9 日…。参') is wider in print
# than its characters, by the quarter-em gaps beside each digit; it goes on, and the line that
# closes ('…1966 年。') ends the note, though it counts as wide once the gaps are counted.
PDFMINER_DIGIT_GAPS = """史学月刊 2020年第3期 · 9 ·
三、影响
双方各执一词①，此后再无下文②，直至今日③。

①

②

③

见档案甲，第一卷，内容为两国交涉的全部经过，另附
地图两幅。
双方至 5 月 6 日与 5 月 9 日才决定将其搁置。参
见某编史料汇编第二卷，第三册，第五页，1966 年。
见某某编史料汇编第二卷，第三册。
\f"""


def test_pdfminer_note_line_width_counts_the_gaps_beside_digits():
    _, notes, _, _ = reconstruct(source_of(PDFMINER_DIGIT_GAPS, (("c3", "三、"),),
                                           furniture=("史学月刊 #年第#期 · # ·",)))
    assert [n.text for n in notes] == [
        "见档案甲，第一卷，内容为两国交涉的全部经过，另附地图两幅。",
        "双方至5月6日与5月9日才决定将其搁置。参见某编史料汇编第二卷，第三册，第五页，1966年。",
        "见某某编史料汇编第二卷，第三册。"]


# Endnotes labelled [n] under 註釋, pdftotext: a wrapped line of note [1] opens with '4 月' (the
# expected next number, a date's), and its English lines come without line-end spaces.
ENDNOTES_BRACKETED = """第一章 緒論
第一節 經過
雙方各執一詞[1]，此後再無下文[2]，各方亦不再提起[3]，直至今日[4]。
註釋
[1]

見某某研究院編醫學史資料。

[2] 見黃秀政，《台灣史》。
[3]

有些人都誤以為大英國會在 1840 年 4 月 9 日通過動議對華開戰。1840 年
4 月 7 日會議記錄中擇錄原文如下: "The right hon. Baronet concluded with moving
that—It appears to this House, by command of her Majesty, that the
interruption was placed. See https://api.parliament.uk/historic-hansard/com
mons/1840"
[4] 見日本交流協會之民意調查。
87
\f"""


def test_bracketed_endnotes_keep_a_wrapped_date_and_english_words_apart():
    _, notes, _, _ = reconstruct(source_of(ENDNOTES_BRACKETED, (("c1", "第一章"),)))
    assert [n.text for n in notes] == [
        "見某某研究院編醫學史資料。", "見黃秀政，《台灣史》。",
        '有些人都誤以為大英國會在1840年4月9日通過動議對華開戰。1840年4月7日會議記錄中擇錄原文如下: "The right hon. '
        'Baronet concluded with moving that—It appears to this House, by command of her Majesty, that the interruption '
        'was placed. See https://api.parliament.uk/historic-hansard/commons/1840"', "見日本交流協會之民意調查。"]


# Glued consecutive markers (superscripts ¹²³ extracted as digits '123') split by the notes that
# exist; a starred title note; notes numbered through the text (page 2 goes on from 4).
GLUED = """论文题目∗
一、问题
诸家说法不一。123此外另有一说。4

∗ 本文为某项目成果。
1 甲说。
2 乙说。
3 丙说。
4 丁说。
·1·
\f二、结语
如上所述，共有123种说法。5
5 戊说。
·2·
"""


def test_glued_consecutive_markers_and_a_starred_title_note():
    _, notes, paragraphs, _ = reconstruct(source_of(GLUED))
    assert [(n.label or str(n.printed_number), n.text) for n in notes] == [
        ("∗", "本文为某项目成果。"), ("1", "甲说。"), ("2", "乙说。"), ("3", "丙说。"), ("4", "丁说。"),
        ("5", "戊说。")]
    body = next(p for p in paragraphs if p.text.startswith("诸家"))
    assert [r.offset for r in body.note_refs] == [len("诸家说法不一。")] * 3 + [len("诸家说法不一。此外另有一说。")]
    # '123种' on page 2 is a quantity: notes 1-3 are on page 1, and note 5's marker is after it
    last = next(p for p in paragraphs if p.text.startswith("如上所述"))
    assert last.text == "如上所述，共有123种说法。" and [r.offset for r in last.note_refs] == [len(last.text)]


def test_a_number_without_its_note_is_never_a_marker():
    # '2' after '第' and the year are numbers; note 1 has no marker anywhere: reported at its line
    # (a note block, written as the notes of page 2 whose marker stands in its body)
    text = "一、甲\n第2章说1945年的事。\n\n1 注文。\n·1·\n\f二、乙\n正文。1\n\n1 又注。\n·2·\n"
    with pytest.raises(EditionError) as error:
        reconstruct(source_of(text))
    assert error.value.report() == "sources/new.txt:4: note 1 (page 1) has no marker in the body"


def test_a_numbered_run_no_marker_points_to_is_text_unless_the_notes_are_written_so():
    """'1） …' lines on a page without notes, in a text whose notes are labelled [1]: a list of the
    body, not a note block whose markers went missing."""
    text = ("一、甲\n此事经过如下所述，各方意见不一，双方遂\n议定如下：\n1） 第一项，双方停战。\n"
            "2） 第二项，双方撤兵。\n·1·\n\f二、乙\n此事经过如下所述，各方意见不一，双方遂\n告结束。[1]\n\n"
            "[1] 注文。\n·2·\n")
    _, notes, paragraphs, _ = reconstruct(source_of(text))
    assert [p.text for p in paragraphs if p.kind == "list"] == ["1）第一项，双方停战。", "2）第二项，双方撤兵。"]
    assert [n.text for n in notes] == ["注文。"]


def test_a_declared_watermark_inside_a_page_is_refused_not_deleted():
    # after three lines of text: the edge's lines do not count the watermark above them (furniture)
    text = ("国立大学\n一、甲\n正文。\n又一行。\n国立大学\n后文。\n又一行。\n再一行。\n末行。\n·1·\n"
            "\f国立大学\n二、乙\n正文。\n·2·\n")
    with pytest.raises(EditionError) as error:
        layout(source_of(text, watermark="国立大学"))
    assert error.value.report().startswith("sources/new.txt:5: matches a declared furniture pattern or watermark")


def test_a_declared_watermark_at_page_edges_is_furniture():
    text = "国立大学\n一、甲\n正文。\n·1·\n\f国立大学\n二、乙\n正文。\n·2·\n"
    pages = layout(source_of(text, watermark="国立大学"))
    assert [c.fix for p in pages for c in p.artifacts] == ["remove_watermark", "remove_page_number"] * 2


# PyMuPDF joined with newlines (no form feed): pages cut after each page number; a declared
# running header; -layout style indentation marks paragraphs.
PYMUPDF = """一、开端
    第一段的第一行很长很长很长很长，
第一段的第二行也很长很长很长很长，
第一段的第三行。
    第二段的第一行很长很长很长很长，
第二段只有两行。
- 1 -
某某期刊
    第三段开始，第一行很长很长很长，
跨页继续。
二、后续
    第四段。
- 2 -
某某期刊
    第五段。
- 3 -"""


def test_pymupdf_pages_from_furniture_and_indented_paragraphs():
    source = source_of(PYMUPDF, furniture=("某某期刊",))
    assert page_convention(source) == "furniture"
    pages, _, paragraphs, chapters = reconstruct(source)
    assert [p.printed for p in pages] == [1, 2, 3]
    assert [p.text for p in paragraphs] == [
        "一、开端", "第一段的第一行很长很长很长很长，第一段的第二行也很长很长很长很长，第一段的第三行。",
        "第二段的第一行很长很长很长很长，第二段只有两行。", "第三段开始，第一行很长很长很长，跨页继续。", "二、后续",
        "第四段。", "第五段。"]
    assert [p.pages for p in paragraphs] == [(1,), (1,), (1,), (2,), (2,), (2,), (3,)]
    assert [c.label for c in chapters] == ["一、", "二、"]


@pytest.mark.parametrize("text, profile", [(PDFTOTEXT, {}), (PDFMINER, {"furniture": ("史学月刊 #年第#期 · # ·",)}),
                                           (GLUED, {}), (PYMUPDF, {"furniture": ("某某期刊",)})],
                         ids=["pdftotext", "pdfminer", "glued", "pymupdf"])
def test_every_raw_character_is_accounted_for_in_raw_order(text, profile):
    from edition.build import build_text
    from edition.checks.conservation import raw_order
    chapters = CHAPTERS if text is PDFTOTEXT else (("c1", "一、"), ("c2", "二、"))
    built = build_text(source_of(text, chapters, **profile), {})     # raises if conservation fails
    assert raw_order(built, {}) == []


def test_detect_profile_reports_what_the_build_will_find():
    from edition.text.profile import detect_profile
    lines = tuple(RawLine(n, t) for n, t in enumerate(PDFTOTEXT.split("\n"), 1))
    report = detect_profile(lines)
    profile = report.profile
    assert (profile.pages, profile.headings, profile.paragraphs) == ("form-feed", ("一、", "（一）"), "lines")
    assert report.printed == [1, 2, 3, 4, 5] and report.gaps == [] and report.numbering == "per-page"
    assert report.furniture == {"remove_page_number": (5, "·1·"),
                                "remove_running_header": (4, "抗日战争研究 2015年第1期")}
    assert (report.notes, report.markers, report.unmatched) == (5, 5, [])
    assert report.chapters == [("一、", "前言"), ("二、", "经过"), ("三、", "结论")]
    assert [label for label, _, _ in report.headings[2]] == ["（一）", "（二）"]
    assert report.lines()[0] == "pages: 5 (form-feed); printed 1-5"


def test_detect_profile_reports_unmatched_notes_and_keeps_reading():
    from edition.text.profile import detect_profile
    text = ("一、甲\n第2章说1945年的事，此事经过如下所述，各方\n意见不一。\n\n1 注文。\n·1·\n"
            "\f二、乙\n正文说到此事经过如下所述，各方意见不一，遂\n告结束。2\n2 另注。\n·2·\n")
    report = detect_profile(tuple(RawLine(n, t) for n, t in enumerate(text.split("\n"), 1)))
    assert report.unmatched == ["sources/new.txt:5: note 1 (page 1) has no marker in the body"]
    assert (report.notes, report.markers) == (2, 1)
    assert report.chapters == [("一、", "甲"), ("二、", "乙")]


@pytest.mark.parametrize("second_page, numbering", [("②", "global"), ("①", "per-page")])
def test_a_title_note_starts_no_count(second_page, numbering):
    """A † or ∗ title note comes before note ①: notes numbered through the pages after it are read
    as numbered through, and only a ① after a numbered note is a restart (wangxia-1844 was read
    per-page because ① followed †)."""
    from edition.text.profile import detect_profile
    text = ("题目†\n一、甲\n正文说到此事经过如下所述，各方意见不一①。\n\n† 本文为会议论文。\n① 注文。\n·1·\n"
            f"\f二、乙\n正文说到此事经过如下所述，各方意见不一{second_page}。\n\n{second_page} 另注。\n·2·\n")
    report = detect_profile(tuple(RawLine(n, t) for n, t in enumerate(text.split("\n"), 1)))
    assert (report.notes, report.unmatched, report.numbering) == (3, [], numbering)


def test_page_numbers_in_two_forms_declare_no_form():
    """Front matter numbered '第 i 頁' and a body numbered '1', '2': declaring the commoner form
    alone left the other pages' numbers in the text. A form is declared only when it is the one
    found; then the build reads the pages as the survey did."""
    from edition.text.profile import detect_profile
    front = ["序言\n本書記述一九四五年之交涉經過，以下各章分述之。\n第 i 頁",
             "本書承蒙諸位師長指導，謹此致謝。\n第 ii 頁", "凡例：本書引文一律照錄原文。\n第 iii 頁"]
    body = ["一、甲\n正文說到此事經過如下所述，各方意見不一。\n1", "正文又說到此事之經過如下所述。\n2",
            "二、乙\n正文再說到此事經過如下所述。\n3"]
    text = "\n\f".join(front + body) + "\n"
    report = detect_profile(tuple(RawLine(n, t) for n, t in enumerate(text.split("\n"), 1)))
    assert report.labels == ["i", "ii", "iii", "1", "2", "3"] and report.profile.page_numbers == ""
    pages = layout(source_of(text, pages=report.profile.pages, page_numbers=report.profile.page_numbers))
    assert [[change.before for change in page.artifacts] for page in pages] == \
        [["第 i 頁"], ["第 ii 頁"], ["第 iii 頁"], ["1"], ["2"], ["3"]]
    one_form = text.replace("第 i 頁", "i").replace("第 ii 頁", "ii").replace("第 iii 頁", "iii")
    assert detect_profile(tuple(RawLine(n, t) for n, t in enumerate(one_form.split("\n"), 1))).profile.page_numbers \
        == "plain"


def test_the_seeds_convention_is_detected_for_the_seeds(built):
    from edition.text.profile import detect_profile
    for text in built.values():
        report = detect_profile(text.source.lines, text.source.path, text.source.watermark,
                                tables=text.source.tables)
        assert report.profile.pages == "blank-lines" and report.profile.paragraphs == "trailing-space"
        assert (report.pages, report.notes, report.unmatched) == (len(text.pages), len(text.notes), [])
        assert report.numbering == text.source.notes


def test_a_declared_page_number_form_and_an_unknown_heading_scheme():
    # declared '- # -' pages: a '·3·' line is then no page number (it stays as text and is reported)
    text = "一、甲\n正文。\n- 1 -\n\f二、乙\n正文。\n·3·\n- 2 -\n"
    pages = layout(source_of(text, page_numbers="dashes"))
    assert [(p.printed, [c.before for c in p.artifacts]) for p in pages] == [(1, ["- 1 -"]), (2, ["- 2 -"])]
    with pytest.raises(EditionError) as error:
        reconstruct(source_of(PDFTOTEXT, CHAPTERS, headings=("一、", "(1)"), line=12))
    assert error.value.report().startswith("sources/edition.yml:12: text 'new' declares the heading scheme '(1)'")


@pytest.mark.parametrize("profile, says", [("{pages: sideways}", "pages"), ("{headers: [x]}", "headers"),
                                           ("{page_numbers: roman}", "page_numbers")])
def test_a_bad_layout_profile_is_named_at_its_line(tmp_path, profile, says):
    import shutil

    from edition.sources.load import load
    from tests.conftest import SOURCES
    shutil.copytree(SOURCES, tmp_path / "sources")
    path = tmp_path / "sources" / "edition.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("    script: hans\n", f"    script: hans\n    layout: {profile}\n", 1)
    path.write_text(text, encoding="utf-8")
    line = text[:text.index("    layout:")].count("\n") + 1
    with pytest.raises(EditionError) as error:
        load(tmp_path / "sources")
    assert any(str(p).startswith(f"sources/edition.yml:{line}:") and says in str(p) for p in error.value.problems), \
        error.value.report()


def test_a_declared_layout_profile_is_loaded():
    from edition.core.inputs import LayoutProfile
    from edition.sources.load import _layout

    class Entry(dict):
        key_lines = {"layout": 7}
    entry = Entry(layout={"pages": "form-feed", "headings": ["一、", "（一）"], "page_numbers": "dots"})
    assert _layout(entry) == LayoutProfile("form-feed", (), ("一、", "（一）"), "", "dots", 7)


def test_superscript_markers_glued_or_alone_with_digit_labels():
    # the body keeps the superscripts (¹, ²³ glued); the notes are labelled with plain digits
    text = ("一、甲\n此事见于档案¹，又见于日记²³。1945年亦然，各方记载大致相同，\n唯细节略有出入。\n"
            "1 档案。\n2 日记。\n3 又一日记。\n·1·\n"
            "\f二、乙\n正文所述各事，均见于当时的报刊与档案，记载大致相\n同。⁴\n4 末注。\n·2·\n")
    _, notes, paragraphs, _ = reconstruct(source_of(text))
    assert [n.text for n in notes] == ["档案。", "日记。", "又一日记。", "末注。"]
    first = next(p for p in paragraphs if p.text.startswith("此事"))
    assert first.text == "此事见于档案，又见于日记。1945年亦然，各方记载大致相同，唯细节略有出入。"
    assert [r.offset for r in first.note_refs] == [len("此事见于档案"), len("此事见于档案，又见于日记")] + [
        len("此事见于档案，又见于日记")]


def test_detect_profile_proposes_the_fonts_ellipsis_and_never_applies_it():
    from edition.text.profile import detect_profile
    lines = tuple(RawLine(n, t) for n, t in enumerate(PDFTOTEXT.replace("如下。", "如下⋯⋯").split("\n"), 1))
    assert detect_profile(lines).glyphs == {"⋯": "…"}
    assert detect_profile(tuple(RawLine(n, t) for n, t in enumerate(PDFTOTEXT.split("\n"), 1))).glyphs == {}
    _, _, paragraphs, _ = reconstruct(source_of("\n".join(line.text for line in lines), CHAPTERS))
    assert any("⋯⋯" in p.text for p in paragraphs)     # the build changes nothing the editor did not accept


LINE_PIECES = ["一、甲", "（一）乙", "正文說到此事。", "又一行很長很長的正文，", "1", "2 注文。", "①", "② 同上。", "∗",
               "·3·", "- 4 -", "第5頁", "iv", "1945年", "表1　表", "注释", "某某期刊", "", " ", "\f", "\f正文",
               "“引文", "」，", "¹²", "[1] 注。", "12 34", "國立大學"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(LINE_PIECES), max_size=40), st.sampled_from(["", "國立大學"]))
# found by this test in CI: a note read on from one page to the next is no rest of an earlier note
@example(["注释", "①", "一、甲", "一、甲", "①", "\f正文", "一、甲"], "")
def test_any_extraction_builds_or_is_refused_with_file_and_line(pieces, watermark):
    """Whatever an extraction holds, the reconstruction of a text ends in a built text (every raw
    character accounted for) or in EditionError naming the text or edition.yml, never another error."""
    from edition.build import build_text
    source = source_of("\n".join(pieces), (("c1", "一、"),), watermark=watermark)
    try:
        build_text(source, {})
    except EditionError as error:
        assert all(str(p).startswith(("sources/new.txt", "sources/edition.yml")) for p in error.problems), \
            error.report()


# plain pdftotext cut one printed line into three where its text flow broke at a quotation mark:
# '記載著「領袖的意志」', '，內容是：', '（一）領袖' (together 20 characters, the page's measure).
SPLIT_LINE = """一、經過

雙方在莫斯科舉行談判，會談持續了兩個星期
之久，直至八月方告一段落。
記載著「領袖的意志」
，內容是：
（一）領袖
盡全力促進中國的統一與安定，不再干涉外蒙
古的內政。
其後談判中斷，直至十月。
（二）第二階段
談判開始於莫斯科，雙方代表各自陳述了立場
與要求，會議於月底結束。
記載著「領袖的意志」
，此事遂告結束。
（三）第三階段
雙方代表各自回國覆命，等候政府新的指示，
會議於年底再開。"""


def test_the_fragments_of_a_split_printed_line_are_one_line_of_their_paragraph():
    _, _, paragraphs, _ = reconstruct(source_of(SPLIT_LINE, (("c1", "一、"),)))
    assert [p.text for p in paragraphs] == [
        "一、經過", "雙方在莫斯科舉行談判，會談持續了兩個星期之久，直至八月方告一段落。",
        "記載著「領袖的意志」，內容是：（一）領袖盡全力促進中國的統一與安定，不再干涉外蒙古的內政。",
        # negatives: a short line after a sentence's end, or after a fragment that ends one, is no fragment
        "其後談判中斷，直至十月。", "（二）第二階段",
        "談判開始於莫斯科，雙方代表各自陳述了立場與要求，會議於月底結束。", "記載著「領袖的意志」，此事遂告結束。",
        "（三）第三階段", "雙方代表各自回國覆命，等候政府新的指示，會議於年底再開。"]


# plain pdftotext cut two printed lines before an opening bracket: '絕對不能使用租借名稱。' +
# '（二）外蒙古，可賦予' and '三項理由：' + '（一）外蒙的防守，處於重要地' are one printed line each
# (20 characters, the page's measure, with their punctuation squeezed).
SPLIT_AT_BRACKET = """一、經過

雙方在莫斯科舉行談判，會談持續了兩個星期
之久，蔣介石極力爭取兩項：（一）旅順問題
絕對不能使用租借名稱。
（二）外蒙古，可賦予
高度自治，但宗主權必須屬於中國，此事不宜
提出。
其後談判中斷，直至十月。
（二）第二階段
斯大林認為外蒙古已經獨立，並提出了三項理
由：
（一）外蒙的防守，處於重要地
位，蘇俄應有自衛的法律權。"""


def test_a_printed_line_cut_before_an_opening_bracket_is_one_line_of_its_paragraph():
    _, _, paragraphs, _ = reconstruct(source_of(SPLIT_AT_BRACKET, (("c1", "一、"),)))
    assert [p.text for p in paragraphs] == [
        "一、經過",
        "雙方在莫斯科舉行談判，會談持續了兩個星期之久，蔣介石極力爭取兩項：（一）旅順問題絕對不能使用租借名稱。"
        "（二）外蒙古，可賦予高度自治，但宗主權必須屬於中國，此事不宜提出。",
        "其後談判中斷，直至十月。", "（二）第二階段",    # negative: a heading holds no pause after its label
        "斯大林認為外蒙古已經獨立，並提出了三項理由：",  # negative: short lines that fill no printed line together
        "（一）外蒙的防守，處於重要地位，蘇俄應有自衛的法律權。"]


# pdftotext -layout: the superscript 1 raised its part of the printed line '站在軍事的戰略觀點而要這塊地方
# 的。”1“倘使有一個軍事力', and -layout wrote that part on a line of its own above the rest, at its
# column (17, as far as the line below is long).
RAISED = """                              一、經過

    雙方在莫斯科舉行談判，會談持續了兩個星期之久，直至
八月方告一段落。史達林曾說：“我之所以要外蒙古，完全是
                 ”1“倘使有一個軍事力
站在軍事的戰略觀點而要這塊地方的。
量從外蒙古進攻，鐵路一被切斷，俄國就完了。”這是他的
原因。
    其後談判中斷，直至十月方才恢復，雙方各自讓步，終於
簽訂條約。

    1 見《蔣經國自述》。

                                 1
\f"""


def test_a_fragment_layout_raised_above_its_line_goes_back_to_its_end():
    _, notes, paragraphs, _ = reconstruct(source_of(RAISED, (("c1", "一、"),)))
    printed = ("雙方在莫斯科舉行談判，會談持續了兩個星期之久，直至八月方告一段落。史達林曾說：“我之所以要外蒙古，"
               "完全是站在軍事的戰略觀點而要這塊地方的。”“倘使有一個軍事力量從外蒙古進攻，鐵路一被切斷，俄國就完了。”"
               "這是他的原因。")
    after = "其後談判中斷，直至十月方才恢復，雙方各自讓步，終於簽訂條約。"
    assert [p.text for p in paragraphs] == ["一、經過", printed, after]
    end_of_quotation = printed.index("地方的。”") + len("地方的。”")
    assert [(r.number, r.offset) for r in paragraphs[1].note_refs] == [(1, end_of_quotation)]
    assert [n.text for n in notes] == ["見《蔣經國自述》。"]


# pdftotext -layout set a superscript and the comma before it on lines of their own, and the rest of
# the printed line indented ('…與否」', '，', '1', '    投票結果…'): no paragraph begins after a comma.
LONE_MARKER = """                              一、經過

    雙方在莫斯科舉行談判，會談持續了兩個星期之久，
直至八月方告一段落。外蒙人民在監督之下表示贊成與否
                                   ，
1
    投票結果顯示，百分之百的公民贊成外蒙獨立。
    其後談判中斷，直至十月方才恢復，雙方各自讓步，終於
簽訂條約。條約簽訂之後，兩國的關係一度好轉，但是不
久又告惡化。

    1 見《蔣經國自述》。

                                 1
\f"""


def test_a_line_holding_only_a_marker_leaves_the_sentence_to_the_text_before_it():
    _, notes, paragraphs, _ = reconstruct(source_of(LONE_MARKER, (("c1", "一、"),)))
    first = "雙方在莫斯科舉行談判，會談持續了兩個星期之久，直至八月方告一段落。外蒙人民在監督之下表示贊成與否，"
    assert [p.text for p in paragraphs] == [
        "一、經過", first + "投票結果顯示，百分之百的公民贊成外蒙獨立。",
        "其後談判中斷，直至十月方才恢復，雙方各自讓步，終於簽訂條約。條約簽訂之後，兩國的關係一度好轉，但是不久又告惡化。"]
    # (a negative: after a full stop the indented line does begin a paragraph)
    assert [(r.number, r.offset) for r in paragraphs[1].note_refs] == [(1, len(first))]


# pdftotext -layout keeps a list item's hanging indent: its wrapped lines stand further in than its
# label ('丙、 向日本…以', '       及北纬 41 度线…'; '第五条 割让…唯条', '      约批准…'). A heading
# of the same numbering followed by an indented paragraph is no list item.
HANGING = """                              一、经过

    日方提出条约草案，主要要求包含：
    甲、 确认朝鲜独立；
    乙、 向日本永久割让台湾岛、澎湖群岛与附属各岛屿，以
       及北纬 41 度线以南的辽东半岛；
  第五条 割让土地内居民能任听其迁移界外与变卖资产，唯条
      约批准 2 年后该地的居民酌宜视为日本臣民。
（一）战争与求和
    一八九四年朝鲜王朝发生东学党事件，清朝应朝鲜要求派兵
进入朝鲜半岛，并依照条约知会日本有关行动，事件遂告平息。

                                 1
\f"""


def test_a_list_items_hanging_indent_keeps_its_lines_together():
    _, _, paragraphs, _ = reconstruct(source_of(HANGING, (("c1", "一、"),)))
    assert [p.text for p in paragraphs] == [
        "一、经过", "日方提出条约草案，主要要求包含：", "甲、确认朝鲜独立；",
        "乙、向日本永久割让台湾岛、澎湖群岛与附属各岛屿，以及北纬41度线以南的辽东半岛；",
        "第五条 割让土地内居民能任听其迁移界外与变卖资产，唯条约批准2年后该地的居民酌宜视为日本臣民。",
        "（一）战争与求和",
        "一八九四年朝鲜王朝发生东学党事件，清朝应朝鲜要求派兵进入朝鲜半岛，并依照条约知会日本有关行动，事件遂告平息。"]
    assert [p.kind for p in paragraphs[2:5]] == ["list"] * 3


def test_control_and_invisible_characters_are_removed_and_audited_wherever_they_stand():
    """An extractor's NUL, zero-width space, bidi override or stray C1 control, in a heading, a body
    line, beside a marker and in a note: the text reads as the clean extraction, each one is in the
    audit at its raw line, and conservation holds in raw order."""
    from edition.build import build_text
    from edition.checks.conservation import raw_order
    damaged = (PDFTOTEXT.replace("一、前言", "一、前\x00言").replace("两国之间已有", "两国\u200b之间\u202e已有")
               .replace("签订，双方", "签订，\x85双方").replace("2 同上，第5页。", "2 同上，\x1b第5页。")
               .replace("各方意见不一", "各方\f意见不一")           # a form feed inside a line is no page
               .replace("谈判开始于莫斯科", "谈判\u00ad开始\u2028于莫斯\U000e0041科"))
    clean, dirty = source_of(PDFTOTEXT, CHAPTERS), source_of(damaged, CHAPTERS)
    _, clean_notes, clean_paragraphs, _ = reconstruct(clean)
    _, notes, paragraphs, chapters = reconstruct(dirty)
    assert [p.text for p in paragraphs] == [p.text for p in clean_paragraphs]
    assert [(n.printed_number, n.text) for n in notes] == [(n.printed_number, n.text) for n in clean_notes]
    assert [p.note_refs for p in paragraphs] == [p.note_refs for p in clean_paragraphs]
    assert chapters[1].title == "前言"
    built = build_text(dirty, {})
    lines = {n: t for n, t in enumerate(damaged.split("\n"), 1)}
    removed = sorted((c.line, c.before) for c in built.audit.changes if c.fix == "remove_control_characters")
    assert removed == sorted((next(n for n, t in lines.items() if ch in t), ch) for ch in
                        "\x00\u200b\u202e\f\x85\x1b\u00ad\u2028\U000e0041")
    assert all(before in lines[line] for line, before in removed)
    assert raw_order(built, {}) == []


def test_a_first_line_indent_the_extraction_dropped_starts_its_paragraph():
    """Plain pdftotext writes no indentation: a paragraph that begins after one ending at the full
    measure shows only as a first line two characters short (the corpus's mongolia-1945, '…否决权6 。'
    then '10 月 25 日，…的表决'). Negatives: a sentence ending at a line's end inside a paragraph, and a
    paragraph's last line two short, stay in their paragraph."""
    full = "一二三四五六七八九十" * 2
    lines = [full, full[:-1] + "。", full,                           # a sentence ends mid-paragraph
             full[:-1] + "。",                                         # the paragraph ends at the measure
             "甲乙丙丁戊己庚辛壬癸" + "甲乙丙丁戊己庚辛",                # 18 wide: the next one's first line
             full, full[:-1] + "。",
             full[:17] + "。",                                          # its last line, two short: same one
             "", "·1·", ""]
    _, _, paragraphs, _ = reconstruct(source_of("\f".join(["\n".join(lines)]), ()))
    assert [len(p.text) for p in paragraphs] == [80, 18 + 20 + 20 + 18]
    assert paragraphs[1].text.startswith("甲乙丙丁")


# A re-keyed table floated to the top of page 2 while a paragraph goes on below it ('…就是維' |
# table | '持1924年…'), and a second table at the top of page 3 after a paragraph that ended.
FLOAT = """一、經過

雙方在莫斯科舉行談判，會談持續了兩個星期
之久，直至八月方告一段落。宋子文認為外蒙
的現狀，就是要在中華民國的主權之下加以維

·1·
\f表1 談判日程
日期 事件
6月12日 出示條件
持一九二四年蘇聯承認的現狀。斯大林則認為
外蒙已經獨立。
其後談判中斷，直至十月方才恢復，雙方各自
讓步，終於簽訂了條約。

·2·
\f表2 簽字人
外交部長 王世杰
此後的影響另文討論。

·3·
"""


FIRST_PAGE = ("雙方在莫斯科舉行談判，會談持續了兩個星期之久，直至八月方告一段落。宋子文認為外蒙的現狀，"
              "就是要在中華民國的主權之下加以維")


def floated(text: str, *spans: tuple[int, int, str, tuple]) -> TextSource:
    return replace(source_of(text, (("c1", "一、"),)), tables=tuple(
        Table(f"sources/tables/t{n}.yml", first, last, caption, rows, 1)
        for n, (first, last, caption, rows) in enumerate(spans, 1)))


def test_a_table_floated_into_a_paragraph_follows_the_paragraph():
    source = floated(FLOAT, (8, 10, "表1 談判日程", (("日期", "事件"), ("6月12日", "出示條件"))),
                     (17, 18, "表2 簽字人", (("外交部長", "王世杰"),)))
    _, _, paragraphs, _ = reconstruct(source)
    assert [(p.kind, p.text) for p in paragraphs] == [
        ("body", "一、經過"),
        ("body", FIRST_PAGE + "持一九二四年蘇聯承認的現狀。斯大林則認為外蒙已經獨立。"),
        ("table", "表1談判日程"),
        ("body", "其後談判中斷，直至十月方才恢復，雙方各自讓步，終於簽訂了條約。"),
        ("table", "表2簽字人"),       # negative: after a paragraph that ended, the table stays where it stands
        ("body", "此後的影響另文討論。")]
    turn = len(FIRST_PAGE)
    assert [(p.pages, [(b.offset, b.page) for b in p.page_breaks]) for p in paragraphs[1:5]] == [
        ((1, 2), [(turn, 2)]), ((2,), []), ((2,), []), ((3,), [(0, 3)])]


# The same table, its paragraph going on past the table's page.
LONG_FLOAT = FLOAT[:FLOAT.index("6月12日")] + ("持一九二四年蘇聯承認的現狀。斯大林則認為\n\n·2·\n"
                                             "\f外蒙已經獨立。\n\n·3·\n")


def test_a_table_inside_a_paragraph_that_goes_on_past_its_page_keeps_the_pages_in_order():
    """The paragraph is cut where it leaves the table's page (each page marker once, in order)."""
    _, _, paragraphs, _ = reconstruct(floated(LONG_FLOAT, (8, 9, "表1 談判日程", (("日期", "事件"),))))
    assert [p.kind for p in paragraphs] == ["body", "body", "table", "body"]
    assert paragraphs[1].text.endswith("加以維持一九二四年蘇聯承認的現狀。斯大林則認為")
    assert [b.page for p in paragraphs for b in p.page_breaks] == [1, 2, 3]


def test_a_table_not_re_keyed_yet_is_read_as_a_table_where_it_stands():
    """No table declared: the caption and the lines after it, up to the next full line of text on
    its page, are a provisional table of one row per line, and the paragraph it cut goes on."""
    from edition.build import build_text
    built = build_text(source_of(FLOAT, (("c1", "一、"),)), {})
    paragraphs = [p for chapter in built.chapters for p in chapter.paragraphs]
    body = [p.text for p in paragraphs if p.kind != "table"]
    assert FIRST_PAGE + "持一九二四年蘇聯承認的現狀。斯大林則認為外蒙已經獨立。" in body
    tables = [(p.title, p.table) for p in paragraphs if p.kind == "table"]
    # one cell per line where no run of spaces sets cells apart; table 2 has no full line after it
    assert tables == [("表1談判日程", (("日期 事件",), ("6月12日 出示條件",)))]
    assert "表2簽字人" in body
    built = build_text(source_of(FLOAT.replace("日期 事件", "日期    事件"), (("c1", "一、"),)), {})
    (table,) = [p for chapter in built.chapters for p in chapter.paragraphs if p.kind == "table"]
    assert table.table == (("日期", "事件"), ("6月12日 出示條件", ""))    # pdftotext -layout's columns


@pytest.mark.parametrize("page", [
    # a sentence that opens with a table's number is a full line of text, no caption
    "表 1 所列的數據表明，雙方的兵力在一九六八年\n以後相差甚遠。",
    # no full line follows the caption on its page: what ends the table is unknown, it stays text
    "表1 談判日程\n日期 事件\n6月12日 出示條件",
], ids=["sentence", "no-end"])
def test_what_is_no_provisional_table(page):
    from edition.text.floats import provisional_tables
    first_table = FLOAT[FLOAT.index("表1"):FLOAT.index("\n\n·2·")]
    text = FLOAT.replace(first_table, page).replace("表2 簽字人\n外交部長 王世杰\n", "")
    source = source_of(text, (("c1", "一、"),))
    assert provisional_tables(source, layout(source)) == ()


@pytest.mark.parametrize("written", ["10 月25 日，联合国以9 票赞成", "10 月 25 日，联合国以 9 票赞成",
                                     "10月25日，联合国以9票赞成"])
def test_a_lines_width_counts_the_gaps_print_sets_not_the_spaces_an_extractor_wrote(written):
    """Twelve characters, three digits at half an em, and a quarter-em gap at each of the five
    places a Chinese character meets a digit (none after the comma): 13.75 em however written."""
    from edition.core.model import Page
    from edition.text.printed import PrintedLine
    line = RawLine(1, written)
    assert PrintedLine(Page(1, 1, (line,), (), (), ()), [line], spaces_printed=False).width() == 13.75
    latin = RawLine(2, "格魯（J. Grew）")     # a word space between Latin words is a quarter em too
    assert PrintedLine(Page(1, 1, (latin,), (), (), ()), [latin], spaces_printed=False).width() == 7.25


def test_a_provisional_table_ends_at_a_chapter_heading():
    """Table 2 floated to the top of the page where 二、 begins: the heading (short, like a cell) is
    the chapter's, never a row of the table."""
    from edition.build import build_text
    text = FLOAT.replace("表2 簽字人\n外交部長 王世杰\n此後的影響另文討論。",
                         "表2 簽字人\n外交部長 王世杰\n二、影響\n"
                         "此後的影響另文討論，兩國關係自此漸趨緊張，終至\n決裂。")
    built = build_text(source_of(text, (("c1", "一、"), ("c2", "二、")), headings=("一、",)), {})
    assert [c.heading for c in built.chapters] == ["一、經過", "二、影響"]
    tables = [p.table for c in built.chapters for p in c.paragraphs if p.kind == "table"]
    assert (("外交部長 王世杰",),) in tables



# A table floated to the top of a page inside a paragraph, whose last line ('持現狀。') is followed by
# a section heading of the second level: the text's headings are 1 / 1.1 (twentyone-1915; the
# chapter's heading '1 經過' is left out, a page's first line holding a number is a running header).
DECIMAL_FLOAT = """1.1 談判
雙方在莫斯科舉行談判，會談持續了兩個星期
之久，直至八月方告一段落。宋子文認為外蒙
的現狀，就是要在中華民國的主權之下加以維

·1·
\f表1 談判日程
日期 事件
6月12日 出示條件
持現狀。
1.2 簽字
其後談判中斷，直至十月方才恢復，雙方各自
讓步，終於簽訂了條約。

·2·
"""


def test_a_provisional_table_ends_at_a_heading_of_any_level():
    """'1.2 簽字' is a section's heading, never a row of the table floated above it
    (the table took it in, with the paragraph's last line and its note marker, where it ended only
    at a heading of the first level)."""
    from edition.build import build_text
    built = build_text(source_of(DECIMAL_FLOAT, (("c1", "1"),), headings=("1", "1.1")), {})
    paragraphs = [p for chapter in built.chapters for p in chapter.paragraphs]
    assert [(p.level, p.text) for p in paragraphs if p.kind == "heading"] == [(2, "1.1談判"), (2, "1.2簽字")]
    assert [p.table for p in paragraphs if p.kind == "table"] == [(("日期 事件",), ("6月12日 出示條件",))]
    assert any(p.text.endswith("加以維持現狀。") for p in paragraphs if p.kind == "body")

# LibreOffice, plain pdftotext: the first page is headed by the journal's issue line (its name, which
# every other page carries, with volume and year); a part heading set with a wide gap is cut into its
# label and its title.
PARTS = """《近代中外关系史研究》第 15 辑（2026 年）

西安事变的经过
维基百科编者
西安事变是中华民国第一次国共内战末期的一场军事政变，张学良与杨虎城发动兵谏。

第一部分

兵谏与通电

一、兵谏
十二月十二日晨，东北军包围华清池，扣押蒋介石，各方为之震动，南京随即集会。

- 145 -
\f近代中外关系史研究

二、通电
张、杨当日通电全国，提出八项主张，要求改组南京政府，停止一切内战，一致抗日。

第二部分

南京的应变

一、会议
南京中央当晚召开联席会议，决定讨伐，并派宋子文等人前往西安，斡旋其间。

- 146 -
\f近代中外关系史研究

二、营救
宋美龄与孔祥熙力主和平，宋美龄亲赴西安，营救蒋介石，事变遂和平解决。

- 147 -
\f"""


def test_a_part_heading_cut_at_its_gap_and_the_first_pages_issue_line():
    from edition.build import build_text
    from edition.text.profile import detect_profile
    lines = tuple(RawLine(n, t) for n, t in enumerate(PARTS.split("\n"), 1))
    report = detect_profile(lines)
    assert report.profile.headings == ("第X部分", "一、")
    source = replace(source_of(PARTS, (("c1", "第一部分"), ("c2", "第二部分"))), layout=report.profile)
    built = build_text(source, {})
    assert [c.heading for c in built.chapters][1:] == ["第一部分 兵谏与通电", "第二部分 南京的应变"]
    removed = [c.before.strip() for page in built.pages for c in page.artifacts if c.fix == "remove_running_header"]
    assert removed[0] == "《近代中外关系史研究》第 15 辑（2026 年）"
    front = [p.text for p in built.chapters[0].paragraphs]
    assert front[:2] == ["西安事变的经过", "维基百科编者"]     # negative: the title stays, the issue line does not


@pytest.mark.parametrize("line, fragment", [
    ("①。宋子文将宋美龄、孔祥熙之", True),     # PyMuPDF cuts a line before a superscript marker
    ("④，蒋要求宋美龄等与张、杨谈判时，不要", True),
    ("[3]，見下文", True), ("¹²。其後", True), ("，內容是", True),
    ("②③", False), ("12 月13 日", False), ("1.", False), ("①", False), ("日期", False)])
def test_a_line_opening_with_a_marker_then_a_comma_goes_on_the_text_above(line, fragment):
    """No table cell opens with a comma or a full stop, after a note marker or not: such a line is
    the end of a text line, and a provisional table ends before it (xian-1936, PyMuPDF)."""
    from edition.text.floats import _fragment
    assert _fragment(RawLine(1, line)) is fragment


def test_markers_glued_at_a_lines_start_are_all_passed_over():
    from edition.core.model import Marker
    from edition.text.breaks import _after_marker
    line = RawLine(7, "②③")
    marker_at = {(7, 0): (2, Marker(2, 1, 7, 0, "②")), (7, 1): (3, Marker(3, 1, 7, 1, "③"))}
    assert _after_marker(line, marker_at) == ""
    assert _after_marker(RawLine(8, "②蒋看"), {(8, 0): (2, Marker(2, 1, 8, 0, "②"))}) == "蒋看"
    assert _after_marker(RawLine(9, "  蒋看"), {}) == "蒋看"


@pytest.mark.parametrize("above, moved", [
    ("一、兵谏", True),                      # pdfminer.six: the part's first section written above the part
    ("二、兵谏", False),                     # a second section ends the part before: it stays
    ("（一）兵谏", True),                    # any lower level numbered 1
])
def test_a_first_section_heading_written_above_its_part_heading_is_read_below_it(above, moved):
    """The page reads in its printed order, the move audited (line and text, nothing changed in it);
    a heading with text between it and the part heading stays where it stands."""
    from edition.core.model import Page
    from edition.text.headings import heading_order
    text = f"引言一段。\n\n{above}\n\n第一部分　兵谏与通电\n12 月 11 日，蒋在日记中留下。"
    source = source_of(text, headings=("第X部分", "一、", "（一）"))
    page = Page(1, 1, source.lines, (), (), ())
    audit = Audit()
    (after,) = heading_order(source, (page,), audit)
    order = [line.text for line in after.body if line.text]
    if moved:
        assert order == ["引言一段。", "第一部分　兵谏与通电", above, "12 月 11 日，蒋在日记中留下。"]
        assert [(c.fix, c.line, c.before, c.after) for c in audit.changes] == [
            ("restore_heading_order", 3, above, above)]
    else:
        assert order == [line.text for line in source.lines if line.text] and audit.changes == []
    kept = source_of(f"引言一段。\n{above}\n正文一句。\n第一部分　兵谏与通电", headings=("第X部分", "一、", "（一）"))
    (same,) = heading_order(kept, (Page(1, 1, kept.lines, (), (), ()),), Audit())
    assert same.body == kept.lines


@pytest.mark.parametrize("second, third, moved", [
    # pdftotext: note 2's last printed line written after note 3, which ends on a short line
    ("2 陆奥宗光，《甲午战争外交密录》，陈鹏仁译（台北：海峡学术，2005 年 5 月），页",
     "3 沈云龙主编，《光绪条约》，（台北：文海，民 52），页 1101-1118", True),
    # note 2 ends on a short line: the line after note 3 is note 3's own
    ("2 陆奥宗光，《甲午战争外交密录》。", "3 沈云龙主编，《光绪条约》，（台北：文海，民 52），页 1101-1118", False),
    # note 3's line is full: the line after it is its wrapped rest
    ("2 陆奥宗光，《甲午战争外交密录》，陈鹏仁译（台北：海峡学术，2005 年 5 月），页",
     "3 沈云龙主编，《光绪条约》，（台北：文海出版社，民国 52 年），第 1101-1118、", False),
])
def test_a_notes_last_line_written_after_the_next_note_is_read_in_its_note(second, third, moved):
    """A full note line goes on; the note after it ends on its short line, so a line without a label
    after that is the rest of the unfinished note: moved back, audited, characters unchanged."""
    from edition.core.model import Page
    from edition.text.footnotes import note_order
    notes = tuple(RawLine(n, t) for n, t in enumerate([
        "1 张淑雅：《韩战救台湾？解读美国对台政策》，台北：卫城出版社，2011 年，第", "23 页。",
        second, third, "127、133、135、139"], 10))
    audit = Audit()
    (page,) = note_order((Page(1, 1, (), notes, (), ()),), audit)
    if moved:
        assert [line.number for line in page.notes] == [10, 11, 12, 14, 13]
        assert [(c.fix, c.line, c.before, c.after) for c in audit.changes] == [
            ("restore_note_order", 14, "127、133、135、139", "127、133、135、139")]
    else:
        assert page.notes == notes and audit.changes == []


# Plain pdftotext cuts a printed line where two full-width punctuation marks meet ('…吴孟雪：', then
# '《美国在华…》', then '，北京：…'): note ➂'s first printed line, in three pieces, is full, and its last
# line comes after the page's last note, whose short line ends it; or inside the next note, between
# its full first line and the rest (then it is no end of that note: a wrapped line fills the measure).
PIECES_THEN_TAIL_LAST = [
    "➀", "见档案甲，第一卷，内容为两国交涉的全部经过，另附地图两幅，又附各方往来的全部函电", "与地图。",
    "➁", "程矞采复照劝阻顾盛北上，顾盛则以军舰停泊澳门相示。",
    "➂", "关于进京问题的往来照会，参见吴孟雪：", "《美国在华领事裁判权百年史》", "，北京：社会科学文献",
    "➃", "耆英在奏折中称美方所请「大致与英夷条约相同」，故未多加驳诘。",
    "➄", "条约中文本与英文本均为正式文本，两本文字偶有出入。", "出版社，1992 年，第 23—31 页。"]
PIECES_THEN_TAIL_INSIDE = [
    "➀", "见档案甲，第一卷，内容为两国交涉的全部经过，另附地图两幅，又附各方往来的全部函电", "与地图。",
    "➁", "民四条约的全部条文，见王铁崖编：", "《中外旧约章汇编》第二册，北京：生活·读书·新知书店与",
    "➂", "各地纪念日期并不一致，亦有以 5 月 7 日即日本递交最后通牒之日为国耻日者。1920",
    "三联书店，1959 年。", "年代，每逢此日，各地学校多停课集会，报刊亦刊出纪念专号，「勿忘国耻」成为",
    "当时常见的口号。"]


@pytest.mark.parametrize("written, printed", [
    (PIECES_THEN_TAIL_LAST, [0, 1, 2, 3, 4, 5, 6, 7, 8, 13, 9, 10, 11, 12]),
    (PIECES_THEN_TAIL_INSIDE, [0, 1, 2, 3, 4, 5, 8, 6, 7, 9, 10]),
])
def test_a_notes_last_line_written_after_a_later_note_in_pieces(written, printed):
    """The pieces of a printed line pdftotext wrote apart count as one line, full or not; the
    note's last line, written among a later note's lines, is read back at its end."""
    from edition.core.model import Page
    from edition.text.footnotes import note_order
    notes = tuple(RawLine(n, t) for n, t in enumerate(written))
    audit = Audit()
    (page,) = note_order((Page(1, 1, (), notes, (), ()),), audit)
    assert [line.number for line in page.notes] == printed
    moved = [n for n, after in zip(printed, printed[1:], strict=False) if n > after]
    assert [(c.fix, c.line) for c in audit.changes] == [("restore_note_order", n) for n in moved]


@pytest.mark.parametrize("line, label", [
    ("1） 清政府赔偿各国海关银", True), ("2）划定北京东交民巷", True), ("3) “与诸国仇敌”", True),
    ("（1）外蒙古", True), ("4）1945 年", True),
    ("(a) 中国中央政府须聘用", True), ("（b）必要地方之警察", True),
    ("23），见下文", False), ("1）。", False), ("0）甲", False), ("123）甲", False), ("日）", False), ("(a)。", False)])
def test_a_number_closed_by_a_bracket_opens_a_list_item(line, label):
    """'1）' before an item's text is a list label, as '（1）' is; a number closing a bracket before
    punctuation is the end of a wrapped parenthesis (boxer-1901: six items 1）–6） ran together)."""
    from edition.text.breaks import LIST_LABEL
    assert bool(LIST_LABEL.match(line)) is label


@pytest.mark.parametrize("rows, text", [
    # the short last line of the paragraph the table floated into (boxer-1901)
    (["国家", "所占份额", "俄国", "28.97%", "两国合计约占总额的一半。[4][5]"], True),
    (["国家", "所占份额", "俄国", "28.97%", "故称“庚子赔款”。②③"], True),
    (["国家", "所占份额", "俄国", "28.97%"], False),
    # a table whose cells are sentences: more rows than the last end one
    (["日期", "事件", "8月9日", "苏军出兵东北。", "8月14日", "条约签字。"], False),
])
def test_a_tables_last_row_that_alone_ends_a_sentence_is_the_paragraph_it_cut(rows, text):
    from edition.text.floats import _paragraph_end
    body = [RawLine(n, t) for n, t in enumerate(["表1 庚子赔款各国所占份额"] + rows + ["第三节"], 1)]
    end = _paragraph_end(body, 0, len(body) - 1)
    assert end == (len(body) - 2 if text else len(body) - 1)


@pytest.mark.parametrize("title", ["条约的主要内容", "订约的经过与各国的分歧"])
def test_a_heading_cut_at_its_gap_ends_at_its_title(title):
    """'第二节' alone, then its title: the heading ends there, and the section's first paragraph is
    no part of it, however short the title (boxer-1901, pdftotext: the title took the paragraph, and
    第X节 was never proposed)."""
    from edition.text.profile import detect_profile
    full = "此后的谈判主要围绕惩办祸首和赔款数额进行，直到双方签"
    text = ("第一节\n\n订约背景\n\n" + f"{full}\n字。\n\n" * 2 + "第二节\n\n" + f"{title}\n\n"
            "条约正文十二款，其中最为重要的内容可以归纳为以下六项：\n" + f"{full}\n字。\n·1·\n")
    report = detect_profile(tuple(RawLine(n, t) for n, t in enumerate(text.split("\n"), 1)))
    assert report.chapters == [("第一节", "订约背景"), ("第二节", title)]


# A block quotation set narrower on both sides, its first line not indented (plain pdftotext): after a
# full line that ends on a colon, a short line that ends inside a sentence and a line as wide.
QUOTED_BLOCK = """一、賠款
此外，清政府須派醇親王載灃赴德國謝罪，並在克林德
被殺之處建立紀念碑坊。關於賠款，條約第六款寫道：
大清國大皇帝按西曆五月二十二日上諭，允
定付諸國償款海關銀肆百伍拾兆兩，此款係
各國之賠償總數。
賠款總額按當時全國人口計算，約合每人一兩白銀，故民
間稱之為庚子賠款，各國所得份額大致如表所示。
二、影響
條約簽訂以後，清政府每年均須撥付大量關稅以償還賠
款，財政陷於長期困難，地方則多以加徵捐稅之法攤：
還賠款，民間負擔日益沉重。
新政由此而起。
此後十年之間，清廷推行新政，廢除科舉，練新軍，設
學堂，派遣留學生，各省之諮議局亦相繼成立，立憲之
議大興，然民間負擔有增無減。"""


def test_a_quotation_set_narrower_begins_after_a_full_line_that_ends_a_sentence():
    _, _, paragraphs, _ = reconstruct(source_of(QUOTED_BLOCK, (("c1", "一、"), ("c2", "二、"))))
    lines = QUOTED_BLOCK.split("\n")
    assert [(p.kind, p.text) for p in paragraphs] == [
        ("body", lines[0]), ("body", "".join(lines[1:3])),
        ("quote", "".join(lines[3:6])),
        ("body", "".join(lines[6:8])), ("body", lines[8]),
        # negative: a paragraph's short last line after a full one is no quotation, nor what follows it
        ("body", "".join(lines[9:12])), ("body", lines[12]), ("body", "".join(lines[13:16]))]


def test_a_note_label_alone_on_its_line_is_never_a_running_header():
    """Notes numbered afresh in each section put `[1]` on its own line at the foot of most pages
    (boxer-1901, pdftotext and PyMuPDF): a line that is only a note label stays with its note,
    while the journal's name repeated at the same edges is still a running header."""
    text = ("甲页正文。[1]\n[1]\n注一。\n·1·\n"
            "\f刊名\n乙页正文。[1]\n[1]\n注二。\n·2·\n"
            "\f刊名\n丙页正文。[1]\n[1]\n注三。\n·3·\n")
    pages = layout(source_of(text))
    assert [c.before.strip("\f") for p in pages for c in p.artifacts] == ["·1·", "刊名", "·2·", "刊名", "·3·"]
    assert [[line.text for line in p.notes] for p in pages] == [["[1]", "注一。"], ["[1]", "注二。"], ["[1]", "注三。"]]


def test_furniture_does_not_use_up_a_pages_edge():
    """A running header split in two and a table's caption above the page number (boxer-1901,
    pdftotext p. 304): the number is the page's fourth line and still at its edge, since the two
    header lines are furniture already. A header's words after three lines of text are text."""
    text = ("甲文。\n乙文。\n·1·\n"
            "\f刊名\n第3卷\n表1\n·2·\n国家\n俄国\n正文。\n"
            "\f刊名\n第3卷\n丙文。\n丁文。\n戊文。\n第3卷\n己文。\n庚文。\n辛文。\n·3·\n")
    pages = layout(source_of(text))
    assert [[c.before.strip("\f") for c in p.artifacts] for p in pages] == [
        ["·1·"], ["刊名", "第3卷", "·2·"], ["刊名", "第3卷", "·3·"]]
    assert [line.text for line in pages[2].body].count("第3卷") == 1


@pytest.mark.parametrize("fragment, below, lowered", [
    ("   。[3] 各国所得份额大致如表 1 所示，", "子赔款”", True),     # boxer-1901, -layout: column 3
    (" ，又称《中日讲和条约》1 ，日本方面称为", "约》", True),       # shimonoseki-1895: column 1
    ("   。[3] 各国所得份额大致如表 1 所示，", "子赔款”以后各国所得份额的一半", False),   # the line below is longer
    ("。[3] 各国所得份额大致如表 1 所示，", "②", False),          # at column 0 the line is not raised
    # wangxia-1844, -layout: a printed line cut where a pause meets a title mark, its second piece first
    ("           《望厦条约》有几项重要扩充：其一，明确规定", "1。与《南京条约》相比，", True),
    ("           《望厦条约》有几项重要扩充：其一，明确规定", "1。与《南京条约》相比。", False),   # a sentence ends
])
def test_a_raised_fragment_goes_back_to_its_line_however_little_it_is_indented(fragment, below, lowered):
    """No printed line opens with '。': a line that does, set as far in as the line below it is
    long, is the end of that line, raised by a superscript in it, at whatever column that is. So is
    one that opens with a title mark after the pause the line below ends on."""
    from edition.text.pages import lower_raised_fragments
    lines = [RawLine(1, "赔款总额按当时中国人口计算，约合每人一两白银，故民间称之为“庚"), RawLine(2, fragment),
             RawLine(3, below), RawLine(4, "      约之前还就赔款的支付货币、汇率的折算以及分期还款的具体日")]
    assert [line.number for line in lower_raised_fragments(lines)] == ([1, 3, 2, 4] if lowered else [1, 2, 3, 4])


# PyMuPDF (no form feeds) on a text whose page number is printed in the head beside the running
# title, alternating on odd and even pages, with a running foot, and on the first page alone in the
# foot (boxer-1901): the foot comes first between two pages' text, then the next page's head.
NUMBER_IN_THE_HEAD = ("正文一。\n正文二。\n·1·\n刊名\n·2·\n正文三。\n正文四。\n页脚\n·3·\n题名\n正文五。\n正文六。\n"
                      "页脚\n刊名\n·4·\n正文七。\n页脚\n·5·\n题名\n正文八。\n页脚")
# The same text with the page number printed in the foot, below the running foot.
NUMBER_IN_THE_FOOT = ("正文一。\n正文二。\n·1·\n刊名\n正文三。\n正文四。\n页脚\n·2·\n题名\n正文五。\n正文六。\n"
                      "页脚\n·3·\n刊名\n正文七。\n页脚\n·4·\n题名\n正文八。\n页脚\n·5·")


@pytest.mark.parametrize("text", [NUMBER_IN_THE_HEAD, NUMBER_IN_THE_FOOT], ids=["head", "foot"])
def test_pymupdf_pages_begin_before_the_head_their_number_is_printed_in(text):
    """What follows the last page's text is its foot: it holds no page number, so the numbers are in
    the head, and a page begins with the head lines around its number, after the foot before them
    (and after the first page's number, in its foot). With the number in the foot, a page ends
    after it, as before."""
    pages = layout(source_of(text))
    assert [(p.printed, [line.text for line in p.body]) for p in pages] == [
        (1, ["正文一。", "正文二。"]), (2, ["正文三。", "正文四。"]), (3, ["正文五。", "正文六。"]),
        (4, ["正文七。"]), (5, ["正文八。"])]
    assert all(c.fix != "remove_page_number" or c.before == f"·{p.printed}·" for p in pages for c in p.artifacts)


def _two_pages(first_note: str, body: str, notes: str) -> str:
    """Page 1 with one note labelled `first_note`, page 2 with `body` and its note lines."""
    marker = first_note.split(" ")[0]
    return (f"一、经过\n各国意见不一，谈判因此迁延数月。{marker}\n\n{first_note}\n·1·\n"
            f"\f二、内容\n{body}\n{notes}\n·2·\n")


@pytest.mark.parametrize("first_note, second_note, list_in_body", [
    # after notes labelled [1] or ①, a line opening '1）' is a list item of the body, not note 1
    ("[1] 见《清史稿》。", "[1] 见《中外旧约章汇编》。", True),
    ("① 见《清史稿》。", "① 见《中外旧约章汇编》。", True),
    # after notes labelled with digits, a line opening with digits still opens the note block
    ("1 见《清史稿》。", "1 见《中外旧约章汇编》。", False),
])
def test_no_note_block_opens_with_a_label_of_another_kind_than_the_notes_before(first_note, second_note,
                                                                               list_in_body):
    marker = second_note.split(" ")[0]
    item = "1） 清政府赔偿各国海关银四亿五千万两，年息四厘，分三十九年\n还清。\n" if list_in_body else ""
    text = _two_pages(first_note, f"慈禧太后电谕全权大臣，表示全部接受，要点如下：{marker}", item + second_note)
    _, notes, paragraphs, _ = reconstruct(source_of(text))
    assert [(n.page, n.text) for n in notes] == [(1, "见《清史稿》。"), (2, "见《中外旧约章汇编》。")]
    assert any("1）清政府赔偿" in p.text for p in paragraphs) == list_in_body


@pytest.mark.parametrize("body, marked", [
    # pdftotext sets a number off by spaces: the 1 of '12 月' is no marker 1 glued to '2 月'
    ("慈禧太后于 12 月 27 日电谕全权大臣，表示全部接受。1", "慈禧太后于12月27日电谕全权大臣，表示全部接受。"),
    # a lowered superscript is glued to the text: '。12 月' is marker 1, then '2 月'
    ("慈禧太后电谕全权大臣，表示全部接受。12 月 27 日", "慈禧太后电谕全权大臣，表示全部接受。"),
])
def test_a_digit_inside_a_number_set_off_by_spaces_is_no_marker(body, marked):
    text = _two_pages("1 见《清史稿》。", body, "1 见《中外旧约章汇编》。")
    _, notes, paragraphs, _ = reconstruct(source_of(text))
    (paragraph,) = [p for p in paragraphs if p.text.startswith("慈禧")]
    assert [paragraph.text[:r.offset] for r in paragraph.note_refs] == [marked]


@pytest.mark.parametrize("label_line, note_1, note_2", [
    # note [1] closes on its label line: the narrower line below it, which goes on, is note [2]'s
    ("[1] 签字地点在东交民巷的西班牙公使馆，西班牙公使葛络干（B. J. de Cologan）时任公使团领袖。",
     "签字地点在东交民巷的西班牙公使馆，西班牙公使葛络干（B. J. de Cologan）时任公使团领袖。",
     "1901年9月7日为星期六。参加签字的各国代表共十二人，奥匈帝国与荷兰的代表由同一使馆人员兼任之说不确。"),
    # a label line that goes on is wrapped: note [1] ends on the narrower line below it
    ("[1] 签字地点在东交民巷的西班牙公使馆，西班牙公使葛络干（B. J. de Cologan）时任公使团领袖，",
     "签字地点在东交民巷的西班牙公使馆，西班牙公使葛络干（B. J. de Cologan）时任公使团领袖，1901年9月7日为星期六。"
     "参加签字的各国代表共十二人，奥匈帝国与荷兰的代表由同一使馆", "人员兼任之说不确。"),
])
def test_a_label_written_after_its_notes_text_takes_the_lines_after_a_closing_line(label_line, note_1, note_2):
    """pdfminer.six writes note [2]'s label after its text, which reads as the end of note [1]."""
    text = (f"史学月刊 2020年第3期 · 9 ·\n三、影响\n双方才在公使馆正式签字。[1][2]此后再无下文。\n\n{label_line}\n"
            "1901 年 9 月 7 日为星期六。参加签字的各国代表共十二人，奥匈帝国与荷兰的代表由同一使馆\n"
            "人员兼任之说不确。\n\n[2]\n\f")
    _, notes, _, _ = reconstruct(source_of(text, (("c3", "三、"),), furniture=("史学月刊 #年第#期 · # ·",)))
    assert [n.text for n in notes] == [note_1, note_2]


@pytest.mark.parametrize("above, taken", [
    # set in the notes' type, wider than any body line: note [1]'s text, written above its label
    ("1909 年起，清政府以退还的赔款选派“庚款留学生”，首批四十七人于当年赴美。", True),
    # as wide as a body line: a paragraph of the body, whatever label follows it
    ("1909 年起，清政府以退还的赔款选派留学生赴美。", False),
])
def test_a_bare_label_takes_the_note_text_written_above_it_in_the_notes_type(above, taken):
    """pdfminer.six writes a note's text above its label ('…赴美。', then '[1]' alone)."""
    text = (f"史学月刊 2020年第3期 · 9 ·\n三、退还\n"
            "1908 年，美国国会通过法案，将所得赔款中超出实际损失的部分退\n"
            "还中国，指定用于派遣留学生赴美留学，并于 1911 年在北京设立留美\n"
            "预备学校清华学堂，即清华大学的前身。[1]此后英国、法国、荷兰等\n"
            f"国也先后以不同方式退还部分赔款，多用于兴办教育和文化事业。[2]\n\n{above}\n\n"
            "[1]\n[2] 至停付时，实际支付的赔款本息合计约六亿五千余万两。\n\f")
    _, notes, paragraphs, _ = reconstruct(source_of(text, (("c3", "三、"),), furniture=("史学月刊 #年第#期 · # ·",)))
    written = "".join(above.split())
    assert [n.text for n in notes] == [written if taken else "", "至停付时，实际支付的赔款本息合计约六亿五千余万两。"]
    assert any(p.text == written for p in paragraphs) != taken


# A list after a paragraph of one line that ends on a colon: plain pdftotext drops the first-line
# indent, so that line, two characters short, is full for a first line.
LIST_AFTER_COLON = """一、內容
此外，清政府須派醇親王載灃赴德國謝罪，並在克
林德被殺之處建立紀念碑坊，各國皆無異議。
條約正文十二款，其內容大致可歸納為以下六項：
1） 清政府賠償各國海關銀四億五千萬兩，年息四釐，
分三十九年還清，本息合計九億八千餘萬兩；
2） 劃定東交民巷為使館界，各國駐兵。
賠款總額按人口計算，約合每人一兩白銀，故民間
稱之為庚子賠款，各國所得份額大致如表所示。
條約簽訂以後，清政府每年須撥付大量關稅償還賠
款，財政陷於長期困難，地方則多以加徵捐稅之法攤：
1901 年以後，民間負擔日益沉重，新政由此而起。
此後十年之間，清廷推行新政，廢除科舉，練新
軍，設學堂，派遣留學生，各省之諮議局亦相繼成立，
立憲之議大興，然民間負擔有增無減，朝野之間怨聲
載道。"""


def test_a_list_begins_after_a_full_line_that_ends_a_sentence():
    _, _, paragraphs, _ = reconstruct(source_of(LIST_AFTER_COLON, (("c1", "一、"),)))
    lines = LIST_AFTER_COLON.replace(" ", "").split("\n")      # the spaces pdftotext inserts removed
    assert [(p.kind, p.text.replace(" ", "")) for p in paragraphs] == [
        ("body", lines[0]), ("body", "".join(lines[1:3])), ("body", lines[3]),
        ("list", "".join(lines[4:6])), ("list", lines[6]), ("body", "".join(lines[7:9])),
        # negative: a year after a colon at a full line's end opens no list item
        ("body", "".join(lines[9:12])), ("body", "".join(lines[12:16]))]



@pytest.mark.parametrize("after, blocks", [
    ("第二章", [(4, 8), (11, 13)]),            # the body resumes at the next chapter's heading
    ("二、續論", [(4, 8), (11, 13)]),          # at any numbered heading after a finished note
])
def test_endnotes_gathered_at_each_chapters_end_are_read_block_by_block(after, blocks):
    """Each notes heading followed by note 1 opens a block of its own (a thesis's 註釋 at the end of
    each chapter, numbered afresh): the next chapter is text, not a note of the chapter before."""
    from edition.core.model import Page
    from edition.text.footnotes import _endnote_blocks
    lines = ["第一章　緒論", "本文以一九三三年山海關事件為始，1兼及華北局勢之演變。", "", "註釋", "1",
             "一說事在一月一日。", "2", "見本文第二章。", after, "協定於五月三十一日簽訂。1", "註釋", "1",
             "一說簽字時間為上午十一時。"]
    page = Page(1, 1, tuple(RawLine(n, t) for n, t in enumerate(lines, 1)), (), (), ())
    assert _endnote_blocks((page,)) == blocks
    # a note's unfinished line going on past a line that reads as a heading: the block goes on
    lines[7] = "見本文"
    page = Page(1, 1, tuple(RawLine(n, t) for n, t in enumerate(lines, 1)), (), (), ())
    assert _endnote_blocks((page,))[0] == (4, 10)


@pytest.mark.parametrize("lines, order", [
    # pdftotext: the labels of two headings set one above the other, then their titles
    (["第二章", "第一節", "", "簽訂經過", "", "長城抗戰與停戰交涉", "正文一句。"],
     ["第二章", "簽訂經過", "第一節", "長城抗戰與停戰交涉", "正文一句。"]),
    # negatives: each label with its title already; a label of the same level twice
    (["第二章", "簽訂經過", "第一節", "長城抗戰與停戰交涉"], None),
    (["第一節", "第二節", "甲", "乙"], None),
])
def test_heading_labels_written_before_their_titles_are_each_read_above_its_own(lines, order):
    from edition.core.model import Page
    from edition.text.headings import heading_order
    source = source_of("\n".join(lines), headings=("第X章", "第X節"))
    audit = Audit()
    (after,) = heading_order(source, (Page(1, 1, source.lines, (), (), ()),), audit)
    if order is None:
        assert after.body == source.lines and audit.changes == []
    else:
        assert [line.text for line in after.body if line.text] == order
        assert [(c.fix, c.before) for c in audit.changes] == [("restore_heading_order", "第一節")]


# A thesis's front page (a roman page number, the title's starred note at the foot below 提要 and
# 關鍵詞) and chapters whose numbered notes are gathered under 註釋 at each chapter's end.
THESIS_FRONT = """《塘沽協定》的簽訂及其影響∗
某某編者

提要：本文敘述協定簽訂的背景、經過與內容，並討論其影響。
關鍵詞：塘沽協定；長城抗戰

∗ 本文為某項目成果，以「知識共享」協議發佈。

- iii -
\f第一章　緒論
協定於一九三三年五月三十一日在塘沽簽訂。1此後
華北局勢為之一變，日本勢力得以深入。2

註釋
1 一說簽字時間為上午十一時。
2 見本文第二章。
- 1 -
\f第二章　經過
停戰交涉始於五月中旬，由雙方前線將領主持。1
∗ 此段據前線電報補。

註釋
1 見《大公報》。
- 2 -
"""


def test_a_starred_title_note_is_read_at_its_pages_foot_where_the_notes_are_endnotes():
    _, notes, paragraphs, _ = reconstruct(source_of(THESIS_FRONT, (("c1", "第一章"), ("c2", "第二章"))))
    assert [(n.label, n.text.strip()) for n in notes] == [
        ("∗", "本文為某項目成果，以「知識共享」協議發佈。"), ("", "一說簽字時間為上午十一時。"),
        ("", "見本文第二章。"), ("", "見《大公報》。")]
    front = paragraphs[0]
    assert front.text.startswith("《塘沽協定》的簽訂及其影響某某編者") and "∗" not in front.text
    assert [r.offset for r in front.note_refs] == [len("《塘沽協定》的簽訂及其影響")]
    # negative: a line opening with '∗' whose marker stands nowhere above is text, not a note
    assert any(p.text.endswith("主持。∗ 此段據前線電報補。") for p in paragraphs)


# A treaty quoted as a list of clauses: pdftotext sets each label off by a gap ('第一款 中國軍…'),
# PyMuPDF writes the label on a line of its own, its text on the next. A sentence that opens with an
# article's name ('第三款規定，…') is no item, nor the short paragraph after the list.
CLAUSES = """一、內容
協定正文共三款，內容如下：
第一款
中國軍即撤退至延慶、昌平、順義、通州、香河、寶
坻、寧河、蘆台所連之線以西以南之地區。
第二款 日本軍為確悉第一款實行之情形，可隨時用飛
機視察，中國方面應行保護，並予以便利。
第三項
本協定蓋印後，即發生效力。
第三款規定，中國軍撤退之後，日本軍不再越過長城
一線，以示停戰之誠意。
協定簽字後，雙方再行會商。"""


def test_a_treaty_clause_is_a_list_item_its_label_cut_from_its_text_or_not():
    _, _, paragraphs, _ = reconstruct(source_of(CLAUSES, (("c1", "一、"),)))
    lines = CLAUSES.split("\n")
    assert [(p.kind, p.text.replace(" ", "")) for p in paragraphs] == [
        ("body", lines[0]), ("body", lines[1]), ("list", "".join(lines[2:5])),
        ("list", "".join(lines[5:7]).replace(" ", "")), ("list", "".join(lines[7:9])),
        ("body", "".join(lines[9:11])), ("body", lines[11])]


# PyMuPDF cuts a printed line before a superscript and writes the rest on a line of its own: '…的地帶。'
# and '1此後日本以' fill one printed line to its last character (the marker, set small, takes no
# room), and '…為國界。' and '2國' another, full: neither rest is a short line of its own. A rest that
# ends a sentence on a short printed line ends its paragraph.
CUT_AT_MARKER = """一、影響
《塘沽協定》使長城抗戰宣告結束，但也使日本在既成
局面之外，另在長城取得中國不得駐軍的地帶。
1此後日本以
非武裝區為據點，策動所謂華北自治運動，何應欽與梅津美
治郎達成所謂《何梅協定》；同年殷汝耕在通州成立冀東防
共自治委員會。
當時輿論對協定多有批評，認為其承認長城為國界。
2國
民政府方面則認為，在軍力懸殊、內部未穩的情況下，停戰
可爭取整軍備戰的時間。
3從此多事。
此後數年，日本在華北之勢力日益擴張。

1 見《大公報》。
2 見《國聞週報》。
3 同上。
·1·
\f"""


def test_the_rest_of_a_line_cut_at_its_superscript_goes_on_its_paragraph():
    _, _, paragraphs, _ = reconstruct(source_of(CUT_AT_MARKER, (("c1", "一、"),)))
    lines = [line.lstrip("0123456789") for line in CUT_AT_MARKER.split("\n")]
    assert [p.text for p in paragraphs] == [lines[0], "".join(lines[1:7]), "".join(lines[7:12]), lines[12]]
    assert [[r.number for r in p.note_refs] for p in paragraphs] == [[], [1], [2, 3], []]


# A list inside a quotation set narrower than the body, its items labelled '（1）' as a body's list
# items are: list items, not quotation (xian-1936); the quotation's unlabelled paragraphs stay quotation.
QUOTED = """一、通電
十二月十二日上午，張、楊向全國各地和南京國民政府發出
通電，提出八項主張，其中指出：
東北淪亡，時逾五載，國權凌夷，疆土日
蹙。淞滬協定，屈辱於前；塘沽協定，繼
之於後，凡屬國人，無不痛心。
西北軍民一致主張如下：
（1）改組南京政府，容納各黨各派，共
同負責救國；
（2）停止一切內戰，立即釋放上海被捕
之愛國領袖。
以上各項，為我等及西北軍民之愛國主
張，望諸公俯順輿情，開誠採納。
通電發出以後，南京方面當晚即召開會議，討論應付之策，
決定派兵討伐，同時設法營救蔣介石，並由宋子文、宋美齡
等人先後前往西安，事變終於和平解決，蔣介石於二十五日
返回南京。"""


def test_a_quoted_documents_items_labelled_1_are_list_items():
    _, _, paragraphs, _ = reconstruct(source_of(QUOTED, (("c1", "一、"),)))
    assert [p.kind for p in paragraphs] == ["body", "body", "quote", "quote", "list", "list", "quote", "body"]


# An English abstract pdftotext joins into lines of some 70 em over a body of 22 em; note 1 goes on
# from page 1 to page 2, where pdftotext writes its rest after the body, without a label.
LATIN_ABSTRACT = """某某条约交涉始末
张三
Abstract: The treaty was negotiated in secret over four months and signed in Peking in May, a day later remembered.
Keywords: treaty; negotiation; Peking; secret diplomacy; the First World War and its consequences for China.

此事的经过大致如下所述，各方的意见并不一致，
双方经过多次的交涉之后，终于在北京达成协议。1
此事的经过大致如下所述，各方的意见并不一致，
议定各项条款的内容，此后再无下文。

1 见《某某档案》第一卷，其中载有双方交涉的全部经过及往来文电，
·1·
\f此事的经过大致如下所述，各方的意见并不一致，
双方经过多次的交涉之后，终于在北京达成协议，
议定各项条款的内容，此后再无下文。2
另附地图两幅，并有当时报刊的报道若干篇，可资参考比较之用。
2 同上。
·2·
"""


def test_the_bodys_measure_is_taken_on_lines_of_the_texts_own_script():
    pages = layout(source_of(LATIN_ABSTRACT, (("c1", "一、"),)))
    rest = "另附地图两幅，并有当时报刊的报道若干篇，可资参考比较之用。"
    assert [line.text for line in pages[1].notes] == [rest, "2 同上。"]
    assert [line.text for line in pages[1].body][-1] == "议定各项条款的内容，此后再无下文。2"


# A chapter numbered '1 背景' with no stop, its notes labelled '1 …' as well: the heading and its
# paragraph wrap at the body's measure (20 em here), a note at the wider measure of its smaller type.
SECTION_NUMBERED_LIKE_A_NOTE = """某某条约交涉始末
张三
提要：本文讨论此约交涉的经过。

1 背景
此事的经过大致如下所述，各方的意见并不一致，
双方经过多次的交涉之后，终于在北京达成协议，
议定各项条款的内容，此后再无下文。
·1·
\f此事的经过大致如下所述，各方的意见并不一致，
双方经过多次的交涉之后，终于达成协议。1

1 见《某某档案》第一卷，其中载有双方交涉的全部经过及往来文电，
另附地图两幅。
·2·
"""


def test_a_section_number_over_text_at_the_bodys_measure_opens_no_note_block():
    pages = layout(source_of(SECTION_NUMBERED_LIKE_A_NOTE, (("c1", "1 "),)))
    assert [[line.text for line in page.notes] for page in pages] == [
        [], ["1 见《某某档案》第一卷，其中载有双方交涉的全部经过及往来文电，", "另附地图两幅。"]]


def test_a_run_without_a_marker_wrapping_at_the_notes_measure_is_still_a_note_block():
    # the same label over lines of the notes' wider measure: a note whose marker went missing
    note = "1 见《某某档案》第一卷，其中载有双方交涉的全部经过及往来文电，\n另附地图两幅。\n"
    text = SECTION_NUMBERED_LIKE_A_NOTE.replace("1 背景\n", "", 1)
    text = text.replace("此后再无下文。\n", "此后再无下文。\n\n" + note, 1)
    pages = layout(source_of(text, (("c1", "1 "),)))
    assert [line.text for line in pages[0].notes] == note.splitlines()


def dated(line: str) -> str:
    return "一、甲\n此事经过如下所述，各方意见不一，双方遂\n" + line + "\n\n1 见甲书。\n2 见乙书。\n3 见丙书。\n·1·\n"


@pytest.mark.parametrize(("line", "markers"), [
    # '23' between 月 and 日 is a day, not markers 2 and 3 glued
    ("交涉。1 于 8 月 23 日对德宣战2 。日军登陆。3", ("交涉。", "对德宣战", "日军登陆。")),
    # after a stop, even set off by a space, '12 月' is marker 1 glued to a month ('2 月下旬')
    ("攻陷山海关。 12 月下旬，双方停战。2 战事结束。3", ("山海关。", "双方停战。", "战事结束。")),
])
def test_a_day_between_month_and_day_is_no_pair_of_glued_markers(line, markers):
    _, _, paragraphs, _ = reconstruct(source_of(dated(line), (("c1", "一、"),)))
    where = {r.number: p.text[:r.offset] for p in paragraphs for r in p.note_refs}
    assert [where[number][-len(text):] for number, text in enumerate(markers, 1)] == list(markers)


def test_a_lettered_label_of_an_enumeration_run_into_the_text_opens_no_item():
    """'(b)' at a line's start after a line that holds '(a)' inside it: the enumeration runs in the
    text (sino-soviet-1945), the line goes on its paragraph; '(b)' after a line that opens with '(a)'
    is an item of a list (twentyone-1915)."""
    from edition.core.model import Page
    from edition.text.breaks import _run_in
    from edition.text.printed import PrintedLine

    def printed(text):
        line = RawLine(1, text)
        return PrintedLine(Page(1, 1, (line,), (), (), ()), [line])
    assert _run_in(printed("應予恢復如左：(a) 庫頁島南部均須歸還給蘇俄；"), "(b) 大連商港國際化")
    assert not _run_in(printed("(a) 中国中央政府须聘用有力之日本人充任顾问；"), "(b) 必要地方之警察")
    assert not _run_in(printed("應予恢復如左：(a) 庫頁島南部均須歸還給蘇俄；"), "(c) 對擔任通往大連")


def test_the_odd_pages_running_foot_is_furniture_on_the_first_page_too():
    """A running foot with the text's title on odd pages, the first included (sept18-1931): at the
    first page's foot it is furniture; the same title at the first page's top stays text (a title the
    odd pages' header repeats is tested above)."""
    foot = "九一八事變始末"
    text = (f"{foot}\n正文第一頁寫在這裏，這一行不是頁眉。\n第二行正文。\n{foot}\n·11·\n"
            f"\f正文第二頁寫在這裏，這一行不是頁眉。\n第二行正文。\n中文歷史文本語料編者\n·12·\n"
            f"\f正文第三頁寫在這裏，這一行不是頁眉。\n第二行正文。\n{foot}\n·13·\n"
            f"\f正文第四頁寫在這裏，這一行不是頁眉。\n第二行正文。\n中文歷史文本語料編者\n·14·\n")
    pages = layout(source_of(text))
    removed = [(p.index, c.before) for p in pages for c in p.artifacts if c.fix == "remove_running_header"]
    assert (1, foot) in removed and (3, foot) in removed
    assert pages[0].body[0].text == foot          # the title at the first page's top is text


@pytest.mark.parametrize("labels, first", [
    # the next label holds its text: note [1] would be empty, its text is the sentence above it
    ("[1]\n[2] 至停付时，实际支付的赔款本息合计约六亿五千余万两。", "首批学生于当年赴美。"),
    # a run of bare labels, their texts after them: the line above stays in the body
    ("[1]\n[2]\n首批学生于当年赴美。\n至停付时，实际支付的赔款本息合计约六亿五千余万两。", "首批学生于当年赴美。"),
])
def test_a_bare_labels_empty_note_takes_the_one_sentence_above_it(labels, first):
    """pdfminer.six writes a short note's text above its bare label ('1931 年冬至…一半以上。', '1',
    '2 日本學界…'): a note is never empty, and the line above, a sentence of its own, is its text."""
    above = "" if labels.count("首批") else "首批学生于当年赴美。\n\n"
    text = (f"史学月刊 2020年第3期 · 9 ·\n三、退还\n"
            "1908 年，美国国会通过法案，将所得赔款中超出实际损失的部分退\n"
            "还中国，指定用于派遣留学生赴美留学，并于 1911 年在北京设立留美\n"
            "预备学校清华学堂，即清华大学的前身。[1]此后英国、法国、荷兰等\n"
            f"国也先后以不同方式退还部分赔款。[2]此后再无下文。\n\n{above}{labels}\n\f")
    _, notes, paragraphs, _ = reconstruct(source_of(text, (("c3", "三、"),), furniture=("史学月刊 #年第#期 · # ·",)))
    assert [n.text for n in notes] == [first, "至停付时，实际支付的赔款本息合计约六亿五千余万两。"]
    assert not any("首批" in p.text for p in paragraphs)


@pytest.mark.parametrize("lines, order", [
    # pdfminer.six: two labels in a run, then their items' texts (the first wrapped)
    (["丙、", "丁、", "1932 年 1 月 3 日，日軍佔領錦州，", "東北軍撤入關內；", "1932 年 2 月 5 日，日軍攻陷哈爾濱。"],
     ["丙、", "1932 年 1 月 3 日，日軍佔領錦州，", "東北軍撤入關內；", "丁、", "1932 年 2 月 5 日，日軍攻陷哈爾濱。"]),
    # negatives: fewer items than labels; each label above its own text already
    (["丙、", "丁、", "1932 年 1 月 3 日，日軍佔領錦州，東北軍撤入關內。"], None),
    (["丙、", "1932 年 1 月 3 日，日軍佔領錦州；", "丁、", "1932 年 2 月 5 日，日軍攻陷哈爾濱。"], None),
])
def test_list_labels_written_in_a_run_before_their_items_are_each_read_above_its_own(lines, order):
    from edition.core.model import Page
    from edition.text.breaks import list_order
    source = source_of("\n".join(lines))
    audit = Audit()
    (after,) = list_order((Page(1, 1, source.lines, (), (), ()),), audit)
    if order is None:
        assert after.body == source.lines and audit.changes == []
    else:
        assert [line.text for line in after.body] == order
        assert [(c.fix, c.before) for c in audit.changes] == [("restore_list_order", "丁、")]


def test_running_heads_seen_once_in_a_short_text_are_furniture():
    """Three pages, heads alternating (wangxia-1844): the journal's name with more or less of its
    issue ('近代史译丛　2026年第3期', '近代史译丛　2026年'), the title as the odd page's head, and an
    issue line split from the journal's name; the title at the first page's top stays text."""
    title = "《望厦条约》的订立及其影响"
    body = "正文第{}页写在这里，这一行不是页眉也不是页码。\n第二行正文。\n第三行正文。\n"
    text = (f"近代史译丛　2026 年第 3 期（总第 57 期）\n{title}\n{body.format(1)}·41·\n"
            f"\f近代史译丛\n2026 年\n{body.format(2)}·42·\n"
            f"\f{title}\n{body.format(3)}·43·\n")
    source = replace(source_of(text), title=title)
    pages = layout(source)
    removed = [(p.index, c.before) for p in pages for c in p.artifacts if c.fix == "remove_running_header"]
    assert [(index, before.lstrip("\f")) for index, before in removed] == [
        (1, "近代史译丛　2026 年第 3 期（总第 57 期）"), (2, "近代史译丛"), (2, "2026 年"), (3, title)]
    assert pages[0].body[0].text == title                      # negative: the title on its first page
    # negative: a body line at a page's top holding a year with more words is text
    assert layout(replace(source_of(text.replace("2026 年\n", "2026 年春，顧盛抵澳門。\n")), title=title))[1] \
        .body[0].text == "2026 年春，顧盛抵澳門。"


# Found by a held-out text (tests/corpus/treaty-1943): notes marked '(1)' in superscript, listed
# '(1) …'; a list '(1) …' of the body's own at a page's foot, with no such marker above, is no note.
PARENTHESIZED = ("史学月刊 2020年第3期 · 7 ·\n一、引言\n"
                 "1942 年 10 月 9 日，美国国务卿赫尔（Cordell Hull(1) ）约见中国驻美大\n"
                 "使魏道明，通知美国政府准备立即与中国谈判，签订放弃在华治外法权\n"
                 "及有关特权的条约；英国政府同日亦向中方作出同样的表示(2) 。\n"
                 "(1) Cordell Hull（1871—1955），1933 年至 1944 年任美国国务卿。\n"
                 "(2) 美方通知的经过，见 Foreign Relations of the United States, 1942。\n"
                 "\f史学月刊 2020年第3期 · 8 ·\n二、结论\n"
                 "新约签订以后，各国陆续与中国订立类似的条约，其中的要点有二，分\n列如下：\n"
                 "(1) 放弃在华的治外法权；\n(2) 交还北平使馆界与各地租界。\n\f")


def test_parenthesized_note_labels_are_read_and_a_list_of_the_body_is_no_note():
    _, notes, paragraphs, _ = reconstruct(source_of(PARENTHESIZED, furniture=("史学月刊 #年第#期 · # ·",)))
    assert [(n.label, n.page, n.text[:12]) for n in notes] == [
        ("(1)", 7, "Cordell Hull"), ("(2)", 7, "美方通知的经过，见For")]
    refs = [(p.text[ref.offset - 4:ref.offset], ref.number) for p in paragraphs for ref in p.note_refs]
    assert refs == [("Hull", 1), ("样的表示", 2)]
    assert [p.kind for p in paragraphs if p.text.startswith(("(1) 放弃", "(2) 交还"))] == ["list", "list"]


CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def test_the_title_and_the_author_are_paragraphs_of_their_own():
    """Found by a held-out text: a title ending in its note's '∗', at 18 em of a 29 em measure, read
    as the first fragment of a printed line whose rest was the author's name, and the abstract run
    into both. The title and the author the editor gave are each a paragraph, wherever they wrap."""
    from dataclasses import replace
    text = (CORPUS / "treaty-1943" / "extract" / "pdftotext.txt").read_text(encoding="utf-8").split("\f")[0] + "\f"
    source = replace(source_of(text, chapters=(("c1", "一、"),)), title="1943年中美新约与在华治外法权的废除",
                     author="中文历史文本语料编者")
    _, _, paragraphs, _ = reconstruct(source)
    assert [p.text for p in paragraphs][:2] == ["1943年中美新约与在华治外法权的废除", "中文历史文本语料编者"]
    assert paragraphs[2].text.startswith("摘要：1943年1月11日")


ENUMERATING = "一、前言\n" + "条约签订以后，各国陆续与中国订立类似的条约，其中的要点甚多，各方的意见也不尽相同。\n" * 5


def test_an_enumeration_in_parentheses_is_no_marker_nor_a_note():
    """Found by review: with '(1)' read as a note's label, a list '(1) …' at a page's foot took the
    '(1)' of an enumeration in the sentence above for its marker and became three notes, the last
    swallowing the paragraph after it; and with real '(1)' notes, the marker went to the enumeration.
    An enumeration's '(1)' follows a pause, a colon or a line's start; a note's marker follows text."""
    furniture = {"furniture": ("史学月刊 #年第#期 · # ·",)}
    listed = ("史学月刊 2020年第3期 · 7 ·\n" + ENUMERATING + "美方的主要考虑有三：(1)战时宣传，(2)国会压力，"
              "(3)中国战场的地位。其后谈判一度中断：\n(1) 战时宣传的需要；\n(2) 国会的压力；\n(3) 中国战场的地位。\n"
              "此后谈判的经过如下，双方互有让步，后来又恢复。\n\f")
    _, notes, paragraphs, _ = reconstruct(source_of(listed, chapters=(("c1", "一、"),), **furniture))
    assert notes == [] and [p.kind for p in paragraphs[-4:]] == ["list", "list", "list", "body"]
    noted = ("史学月刊 2020年第3期 · 7 ·\n" + ENUMERATING + "新约规定的事项共有两项：(1)放弃在华治外法权，(2)交还各地"
             "租界。国务卿赫尔(1)称之为“平等新约”(2)，各方一致称许。\n(1) 赫尔（Cordell Hull），时任美国国务卿。\n"
             "(2) 见《中央日报》，1943 年 1 月 12 日。\n\f")
    _, notes, paragraphs, _ = reconstruct(source_of(noted, chapters=(("c1", "一、"),), **furniture))
    last = paragraphs[-1]
    assert "(1)放弃在华治外法权，(2)交还各地租界" in last.text
    refs = [(last.text[ref.offset - 3:ref.offset], ref.number) for ref in last.note_refs]
    assert refs == [("卿赫尔", 1), ("新约”", 2)]


def test_a_title_wrapped_over_two_lines_is_one_paragraph():
    """Found by looking at the page add-text made of a held-out text (tests/corpus/relief-1945): its
    title, printed over two lines before its subtitle's dash, read as two paragraphs. The lines that
    spell the title the editor gave are one paragraph."""
    from dataclasses import replace
    text = (CORPUS / "relief-1945" / "extract" / "pdftotext.txt").read_text(encoding="utf-8").split("\f")[0] + "\f"
    source = replace(source_of(text, chapters=(("c1", "壹、"),)), script="hant", author="林語彤",
                     title="戰後中國善後救濟事業之研究——以行政院善後救濟總署為中心")
    _, _, paragraphs, _ = reconstruct(source)
    assert [p.text for p in paragraphs][:3] == ["戰後中國善後救濟事業之研究——以行政院善後救濟總署為中心", "林語彤",
                                                "國立東寧大學歷史學系博士生"]


# Found by a held-out text (tests/corpus/cairo-1943, a book whose notes restart in each chapter).
CHAPTER_RESTART = """第一章　經過

會議於十一月召開，雙方意見一致1 。
英方對草稿頗有修改2 。

1
見會議日誌。
2
同上。

—5—
\f第二章　影響

宣言由三國同時發表1 。國府隨即
電告各方2 。

1
見 FRUS, 1943, p. 566。
2
同上，頁 8。

—6—
"""


def test_a_marker_after_a_word_ending_on_table_is_read_and_notes_restart_in_a_chapter():
    """'發表2' (published) ends on 表, as '表 2' (table 2) begins with it: a number after 發表, 代表
    or 企圖 is a marker like any other. Before, chapter 2's first notes lost their markers and were
    read as text; the numbers restarting at 1 in chapter 2 are read as its notes."""
    chapters = (("c1", "第一章"), ("c2", "第二章"))
    _, notes, paragraphs, _ = reconstruct(replace(source_of(CHAPTER_RESTART, chapters=chapters), script="hant"))
    assert [note.text for note in notes] == ["見會議日誌。", "同上。", "見FRUS, 1943, p. 566。", "同上，頁8。"]
    linked = [(p.text[ref.offset - 2:ref.offset], ref.number) for p in paragraphs for ref in p.note_refs]
    assert linked == [("一致", 1), ("修改", 2), ("發表", 3), ("各方", 4)]
    table = CHAPTER_RESTART.replace("同時發表1 。", "同時發表，見表1 。")
    with pytest.raises(EditionError, match="note 1 .page 6. has no marker"):      # '表1' is table 1
        reconstruct(replace(source_of(table, chapters=chapters), script="hant"))


def test_a_page_prints_its_number_once_a_bare_number_above_it_is_a_notes_label():
    """PyMuPDF, no form feeds (tests/corpus/cairo-1943): page —9— ends on note 9, its label '9' alone
    on its line two lines above the page's own number. Before, the label was removed as the page
    number and note 9 ran into note 8."""
    text = (CORPUS / "cairo-1943" / "extract" / "pymupdf.txt").read_text(encoding="utf-8")
    pages = layout(replace(source_of(text, chapters=(("c1", "第一章"), ("c2", "第二章")), pages="furniture"),
                           script="hant"))
    last = pages[-1]
    assert [c.before.strip() for c in last.artifacts if c.fix == "remove_page_number"] == ["—9—"]
    assert [line.text for line in last.notes].count("9") == 1


def test_a_book_chapter_opening_its_odd_pages_head_and_a_table_numbered_in_its_chapter():
    """Found by a held-out book (tests/corpus/cairo-1943), pdftotext: each chapter opens on a page
    without a head, its heading cut at its gap ('第一章', '開羅會議的召開'); its odd pages repeat both
    lines as their head. Before, the heading's lines were removed as that head on the chapter's first
    page too, and every heading of the text was lost. '表1-1' captions a table numbered in its
    chapter, read as one where it floated into a paragraph; and '序' alone heads the front matter."""
    from tests.corpus.cases import Case
    from tests.text.test_corpus import reconstruct as as_built
    built = as_built(Case("cairo-1943", "pdftotext"))
    assert [(c.label, c.title) for c in built.chapters] == [
        ("序", "序"), ("第一章", "開羅會議的召開"), ("第二章", "開羅宣言及其影響")]
    paragraphs = [p for chapter in built.chapters for p in chapter.paragraphs]
    assert [p.text for p in paragraphs if p.table] == ["表1-1開羅會議主要日程"]
    ryukyu = next(p for p in paragraphs if p.text.startswith("關於琉球"))
    assert ryukyu.text.endswith("以免造成民族間永久的仇恨。")      # the paragraph the table floated into reads on


def test_a_body_in_two_columns_with_notes_at_the_foot_of_each():
    """Found by a held-out journal article (tests/corpus/lytton-1932) set in two columns, its notes at
    the foot of each column, as PyMuPDF writes it: column by column, the left column's notes before
    the right column's body. Before, the abstract across both columns made the body's measure the
    notes' own, no note was read, and the right column's body was read as the left column's notes.
    The text's first page: a masthead naming the journal with its volume and month, the title
    note ∗ and notes ①–④, a paragraph running from the left column into the right."""
    from tests.corpus.cases import Case
    from tests.text.test_corpus import reconstruct as as_built
    built = as_built(Case("lytton-1932", "pymupdf"))
    assert [(note.printed, note.text[:7]) for note in built.notes[:5]] == [
        ("∗", "基金项目：中文"), ("1", "关于事变当夜的"), ("2", "《国际联盟盟约"), ("3", "美国驻日内瓦领"),
        ("4", "按盟约第五条，")]
    paragraphs = [p.text for chapter in built.chapters for p in chapter.paragraphs]
    assert any(text.startswith("当时的国联以英、法两国为主导。两国在远东各有重大利益") for text in paragraphs)
    assert not any("近代中外关系研究" in text for text in paragraphs)       # the masthead is furniture
    assert "中图分类号：K264\u3000文献标识码：A" in paragraphs                # a front field of its own


# Found by review of the rules the held-out texts cairo-1943 and lytton-1932 brought.
def _cairo_lines(count: int) -> list[str]:
    """Full body lines of 30 characters from a corpus text, to set pages with."""
    import re
    text = (CORPUS / "cairo-1943" / "extract" / "pdftotext.txt").read_text(encoding="utf-8")
    han = re.compile(r"[\u4e00-\u9fff，、。「」《》]+")
    return [line for line in text.split("\n") if len(line) == 30 and han.fullmatch(line)][:count]


def _proposed_chapters(text: str) -> list[tuple[str, str]]:
    from edition.text.profile import detect_profile
    return detect_profile(tuple(RawLine(n, t) for n, t in enumerate(text.split("\n"), 1)), "sources/new.txt").chapters


def test_an_unnumbered_name_heads_a_part_only_beside_numbered_chapters_and_once():
    """A '参考文献' closing an article without numbered headings is no chapter (before, every paragraph
    above it became front matter); a preface of three pages headed '序', its third page's head '序'
    again, is one chapter, not two (the head is furniture, as a numbered title's is)."""
    lines = _cairo_lines(19)
    article = "\n".join(lines[:7]) + "\n其事遂定。\n\n·1·\n\f" + "\n".join(lines[7:12]) + "\n其事遂定。\n参考文献\n" \
        + "\n".join(lines[12:15]) + "\n其事遂定。\n\n·2·\n"
    assert _proposed_chapters(article) == []

    def page(head: str, body: list[str], number: str) -> str:
        return f"{head}\n\n" + "\n".join(body) + f"\n其事遂定。\n\n—{number}—\n"
    head = "開羅會議與戰後東亞秩序"
    book = "\f".join([page("序", lines[0:3], "i"), page(head, lines[3:6], "ii"), page("序", lines[6:9], "iii"),
                      page("第一章\n\n開羅會議的召開", lines[9:12], "1"), page(head, lines[12:15], "2"),
                      page("第二章\n\n開羅宣言及其影響", lines[15:18], "3")])
    assert [label for label, _ in _proposed_chapters(book)] == ["序", "第一章", "第二章"]


def test_a_month_alone_at_a_pages_top_is_text_and_a_number_after_published_before_a_measure_word_no_marker():
    """'1945年8月' opening a chronology's second page is text, not an issue line (a masthead's month
    counts only beside the journal's name); '發表1份聲明' publishes one statement: the note's marker is
    the next '1'."""
    chronology = ("一、大事記\n\n戰爭末期的局勢變化甚速，茲將其中要事按月列舉如下，以見其大概，並\n"
                  "略加按語，以便讀者參考。\n1945年7月\n7月26日，中美英三國發表《波茨坦公告》，促令日本無條件投降。日本政\n府表示置之不理，美國遂決定使用原子彈。\n\n"
                  "·1·\n\f1945年8月\n8月6日，美國在廣島投下原子彈。8月8日，蘇聯對日宣戰，紅軍隨即進入\n東北。\n\n·2·\n")
    pages = layout(replace(source_of(chronology, chapters=(("c1", "一、"),)), script="hant"))
    assert not any("1945年8月" in change.before for page in pages for change in page.artifacts)
    text = CHAPTER_RESTART.replace("雙方意見一致1 。", "國府發表1份聲明，雙方意見一致1 。")
    chapters = (("c1", "第一章"), ("c2", "第二章"))
    _, _, paragraphs, _ = reconstruct(replace(source_of(text, chapters=chapters), script="hant"))
    first = next(p for p in paragraphs if "聲明" in p.text)
    assert [first.text[ref.offset - 2:ref.offset] for ref in first.note_refs][:1] == ["一致"]


def test_verse_in_a_one_column_text_is_no_two_column_body():
    """Lines of verse five characters wide outnumber the prose lines: still one column (a column of
    prose is 12 em at least). Before, the text was read as set in two columns of 6 em, and a body
    paragraph after a note going on from the page before was moved into that note."""
    from edition.text.footnotes import full_body_width, two_columns
    poem = ["國破山河在，", "城春草木深。", "感時花濺淚，", "恨別鳥驚心。", "烽火連三月，", "家書抵萬金。",
            "白頭搔更短，", "渾欲不勝簪。"] * 3
    prose = _cairo_lines(8)
    text = "一、前言\n" + "\n".join(prose[:4] + poem + prose[4:]) + "\n\n·1·\n"
    pages = layout(replace(source_of(text), script="hant"))
    assert not two_columns(pages) and full_body_width(pages) == 30


def test_a_reports_continued_table_and_the_heading_after_it():
    """Found by a held-out report (tests/corpus/potsdam-1945), PyMuPDF: a table continued on the next
    page under '续表1' is a table, and the heading after it, '3 日本的反应与投降', is a heading ('3 日'
    opens a date, '3 日本' a country's name); its footer '第3 页　共6 页' is the page's number."""
    from tests.corpus.cases import Case
    from tests.text.test_corpus import reconstruct as as_built
    built = as_built(Case("potsdam-1945", "pymupdf"))
    paragraphs = [p for chapter in built.chapters for p in chapter.paragraphs]
    assert any(p.table and p.text.startswith("续表1") for p in paragraphs)
    assert [(p.level, p.text) for p in paragraphs if p.kind == "heading" and p.text.startswith("3")] == [
        (1, "3日本的反应与投降"), (2, "3.1“默杀”"), (2, "3.2接受公告")]
    assert [page.label for page in built.pages] == ["1", "2", "3", "4", "5", "6"]


def test_a_title_opened_at_a_printed_lines_end_after_a_full_stop_goes_on_its_paragraph():
    """pdftotext cuts a printed line where '。《' meet: '…应归还中华民国[3]。', then '《开罗', then the next
    printed line '宣言》确立了…' (tests/corpus/potsdam-1945). Before, '《开罗' opened a paragraph and
    note 3 was linked in it. A title mark opened and not closed on a piece shorter than half a line
    is the printed line's tail; a paragraph opening on a title is a full line."""
    from tests.corpus.cases import Case
    from tests.text.test_corpus import reconstruct as as_built
    built = as_built(Case("potsdam-1945", "pdftotext"))
    paragraphs = [p.text for chapter in built.chapters for p in chapter.paragraphs]
    assert any("应归还中华民国。《开罗宣言》确立了对日作战的领土原则" in text for text in paragraphs)
    assert not any(text.startswith("《开罗宣言》确立") for text in paragraphs)
