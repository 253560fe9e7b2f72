"""edition/text/stream.py: the body in reading order, a page's floats first."""
from edition.core.inputs import RawLine, Table
from edition.core.model import Change, Page
from edition.text.stream import BodyLine, TableSlot, float_moves, reading_order


def test_a_pages_floats_are_read_at_its_top_in_the_order_written():
    """Written after the page's number (PyMuPDF writes a frame last): a caption line, then the
    table's lines. Both are read at the page's top, the caption above its table, then the page's
    text; the audit's move is the floats' first line, once. (Decided once, by the page's layout:
    `Page.floated`.)"""
    text = (RawLine(1, "第一段正文。"), RawLine(2, "第二段正文。"))
    caption, cells = RawLine(4, "表1　大事简表"), (RawLine(5, "1936 年"), RawLine(6, "12 月"))
    page = Page(1, 1, (caption, *text), (), cells, (Change("remove_page_number", 3, "- 149 -", ""),),
                floated=(4, 5, 6))
    table = Table("sources/tables/t.yml", 5, 6, "", (("1936 年", "12 月"),), 0)
    order = [item.line.number if isinstance(item, BodyLine) else "table" for item in reading_order((page,), (table,))]
    assert order == [4, "table", 1, 2]
    assert float_moves((page,)) == [caption]
    assert isinstance(reading_order((page,), (table,))[1], TableSlot)


def test_a_page_without_floats_reads_in_raw_order():
    page = Page(1, 1, (RawLine(1, "正文。"), RawLine(4, "又一段。")), (), (RawLine(2, "甲"), RawLine(3, "乙")), ())
    table = Table("sources/tables/t.yml", 2, 3, "", (("甲", "乙"),), 0)
    order = [item.line.number if isinstance(item, BodyLine) else "table" for item in reading_order((page,), (table,))]
    assert order == [1, "table", 4] and float_moves((page,)) == []
