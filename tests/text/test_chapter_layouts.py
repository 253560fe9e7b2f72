"""Layouts of book chapters, each class of them with a small extraction written by hand in its
extractor's style (the expectations read off the printed page it stands for): note labels in any
bracket of the family (`〔1〕`, `【1】` as `[1]`), a section's title as the odd pages' running head
while the section's heading stays in the text, a note marker on a heading, and notes set in two
columns that pdftotext writes side by side on one line."""

from edition.core.model import Audit, NoteRef, Paragraph
from edition.text.layout import layout
from edition.text.structure import structure
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


def test_a_sections_title_at_a_pages_top_is_its_running_head_and_its_heading_stays():
    """A book's odd heads carry the current section's title: at the top of page 2 the title of the
    section begun on page 1 is the head; the next section's heading, third on page 2, stays a
    heading although page 3's head repeats it at that page's edge."""
    full = "此事經過如下所述，各方意見不一，雙方遂再三交涉"
    text = (f"一、條約的背景\n{full}，\n{full}。\n{full}，\n{full}。\n·1·\n"
            f"\f一、條約的背景\n{full}。\n二、條約的後果\n{full}，\n{full}，\n{full}，\n{full}，\n{full}。\n·2·\n"
            f"\f二、條約的後果\n{full}，\n{full}，\n{full}。\n·3·\n")
    pages = layout(source_of(text))
    assert [[line.text for line in page.body if not line.text.startswith("此事")] for page in pages] == [
        ["一、條約的背景"], ["二、條約的後果"], []]
    assert [[c.before.lstrip("\f") for c in page.artifacts if c.fix == "remove_running_header"] for page in pages] == [
        [], ["一、條約的背景"], ["二、條約的後果"]]


def test_a_note_marker_at_a_headings_end_leaves_it_a_heading_with_its_note():
    """'第二节　瑷珲谈判与条约的签订〔5〕': the heading keeps its marker; a marker inside a line that
    reads like a heading is a sentence's, and that line is text."""
    paragraphs = [Paragraph("body", "一、緣起", (1,), (1,), (NoteRef(4, 1),)),
                  Paragraph("body", "此事經過如下所述，各方意見不一，雙方遂再三交涉。", (2,), (1,)),
                  Paragraph("body", "二、經過如此，各方遂散", (3,), (1,), (NoteRef(5, 2),)),
                  Paragraph("body", "二、經過", (4,), (1,)),
                  Paragraph("body", "此事經過如下所述，各方意見不一，雙方遂再三交涉。", (5,), (1,))]
    chapters = structure(source_of(""), paragraphs, Audit())
    headings = [(p.text, p.note_refs) for c in chapters for p in c.paragraphs if p.kind == "heading"]
    assert headings == [("一、緣起", (NoteRef(4, 1),)), ("二、經過", ())]
