"""Notes stage: markers told from numbers, note blocks parsed, every note linked one to one."""
import re

import pytest

from edition.text.notes import DIGIT_RUN, marker_length
from tests.conftest import cases

CASES = cases("markers.yaml")


def first_marker(text: str, expected: int):
    for run in DIGIT_RUN.finditer(text):
        length = marker_length(text, run.start(), run.end(), expected)
        if length:
            return run.group()[:length]
    return None


@pytest.mark.parametrize("case", CASES, ids=[c["label"] for c in CASES])
def test_marker_cases(case):
    assert first_marker(case["text"], case["expected"]) == case["marker"]


@pytest.mark.parametrize("text_id, count", [("manchuria", 320), ("mongolia", 145)])
def test_note_counts_and_one_to_one(built, text_id, count):
    text = built[text_id]
    assert len(text.notes) == count
    assert len(text.markers) == count
    assert [n.number for n in text.notes] == list(range(1, count + 1))
    refs = [ref.number for p in text.paragraphs for ref in p.note_refs]
    table_refs = [int(n) for p in text.paragraphs for row in p.table for cell in row
                  for n in re.findall(r"\{n(\d+)\}", cell)]
    assert sorted(refs + table_refs) == list(range(1, count + 1))


def test_thesis_numbers_notes_through_the_text(built):
    assert [n.printed_number for n in built["manchuria"].notes] == list(range(1, 321))


def test_article_numbers_restart_on_every_page(built):
    notes = built["mongolia"].notes
    firsts = [n for n in notes if n.printed_number == 1]
    assert len(firsts) == 17  # one run of numbers per page
    assert all(b.printed_number in (1, a.printed_number + 1) for a, b in zip(notes, notes[1:], strict=False))


def test_marker_sits_after_the_right_text(built):
    """Spot checks of marker places in the real texts: the characters right before each marker."""
    def before(text_id, number, width=9):
        for p in built[text_id].paragraphs:
            for ref in p.note_refs:
                if ref.number == number:
                    return p.text[max(0, ref.offset - width):ref.offset]
    assert before("manchuria", 1).endswith("歸納、分類與分析。")
    assert before("mongolia", 15).endswith("日益紧密。")  # 紧密。51926年: marker 5 of its page
    assert before("manchuria", 43).endswith("組織和任務，")


def test_note_continued_on_next_page_is_joined(built):
    note6 = built["mongolia"].notes[5]  # 石井明…, continued on page 2 after a long rule
    assert note6.text.startswith("石井明『中ソ関係史の研究")
    assert "風響社" in note6.text and note6.text.endswith("第313-336页。")


def test_note_number_alone_on_its_line(built):
    note = built["manchuria"].notes[5]
    assert note.printed_number == 6 and note.text.startswith("倪世雄，《當代國際關係理論》")


def test_glued_note_label(built):
    assert built["manchuria"].notes[3].text.startswith("Hanson, N. R., Patterns of Discovery")


def tiny_source(*texts, numbering="global"):
    from edition.core.inputs import RawLine, TextSource
    lines = tuple(RawLine(n, t) for n, t in enumerate(texts, 1))
    return TextSource("tiny", "sources/tiny.txt", "hant", numbering, "t", False, None, {}, (), 1, "", lines, ())


RULE = " " * 56


def test_marker_without_note_is_reported_with_its_line():
    from edition.core.errors import EditionError
    from edition.text.layout import layout
    from edition.text.notes import find_notes
    source = tiny_source("正文分析。1本文重點，1945 年如此。2結束。 ", RULE, "1 第一條注。 ")
    with pytest.raises(EditionError) as error:
        find_notes(source, layout(source))
    assert "sources/tiny.txt:1: marker 2 has no note" in error.value.report()


def test_note_without_marker_and_a_bare_number_inside_a_note():
    from edition.core.errors import EditionError
    from edition.text.layout import layout
    from edition.text.notes import find_notes
    # '9 ' inside note 1 is a wrapped line of it, not note 9; note 2 has no marker
    source = tiny_source("正文分析。1本文。 ", RULE, "1 第一條注，頁", "9 ", "2 第二條注。 ")
    with pytest.raises(EditionError) as error:
        find_notes(source, layout(source))
    assert error.value.report() == "sources/tiny.txt:5: note 2 (page 1) has no marker in the body"
