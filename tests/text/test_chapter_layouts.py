"""Layouts of book chapters, each class of them with a small extraction written by hand in its
extractor's style (the expectations read off the printed page it stands for): note labels in any
bracket of the family (`〔1〕`, `【1】` as `[1]`), a section's title as the odd pages' running head
while the section's heading stays in the text, a note marker on a heading, and notes set in two
columns that pdftotext writes side by side on one line."""

from tests.text.test_extractions import reconstruct, source_of


def test_notes_labelled_in_tortoise_shell_brackets_are_read_like_square_ones():
    # a marker after a Latin word, and a note opening with a year (〔1〕1900 年…): a label, no year
    text = ("一、甲\n雙方在此簽訂條約〔1〕。此後再無交涉，直到條約由雙方正式\n批准為止。\n\n〔1〕 條約共三條。\n·1·\n"
            "\f二、乙\n此事經過如下所述，西方文獻所稱的 Treaty of\nAigun〔1〕 。\n\n〔1〕1900 年 7 月的事。\n·2·\n")
    _, notes, paragraphs, _ = reconstruct(source_of(text))
    assert [(n.label, n.page, n.text) for n in notes] == [("〔1〕", 1, "條約共三條。"), ("〔1〕", 2, "1900年7月的事。")]
    first, second = (p for p in paragraphs if p.note_refs)
    assert [r.offset for r in first.note_refs] == [len("雙方在此簽訂條約")]
    assert [r.offset for r in second.note_refs] == [len("此事經過如下所述，西方文獻所稱的Treaty of Aigun")]
