"""A note area set in two columns, read column by column (edition/text/columns.py)."""
from edition.core.inputs import RawLine
from edition.core.model import Page
from edition.text.columns import read_note_columns, split_columns


def page(*texts: str) -> Page:
    return Page(1, 1, tuple(RawLine(n, t) for n, t in enumerate(texts, 1)), (), (), ())


def read(*texts: str) -> list[tuple[int, str]]:
    """The page's lines as read: (raw line, text without the blanked columns)."""
    return [(line.number, line.text.strip()) for line in read_note_columns((page(*texts),))[0].body]


BODY = "    俄方随即以武力相威胁：俄舰在江面上鸣放枪炮，穆拉维约夫声称如不签约，将以武力驱逐"


def test_a_line_is_cut_at_the_widest_gap_after_text():
    assert split_columns("〔8〕条约各条大意如下：     第三条，两国大臣画押。") == (
        "〔8〕条约各条大意如下：", " " * 17 + "第三条，两国大臣画押。")


def test_a_single_space_cuts_only_before_a_bracketed_or_circled_label():
    assert split_columns("俄方遂以 〔6〕奕山（1790—1878）") == ("俄方遂以", "     〔6〕奕山（1790—1878）")
    assert split_columns("星岛环球网，2006-12-19，2007 年 7") is None          # a number, not a label
    assert split_columns("Treaty of Aigun〔7〕 。") is None                   # a marker glued to the text


def test_a_labels_own_gap_is_no_column_gap():
    assert split_columns("[1]       條約中文本題為《辛丑各國和約》") is None
    assert split_columns("2   此事日方稱為「中村大尉事件」。") is None


def test_a_two_column_note_area_reads_the_left_column_then_the_right():
    assert read(BODY,
                "〔3〕即哨所，中国旧称庙街。       （咸丰朝）》所收奏折，并参考",
                "〔4〕克里米亚战争中，英法舰队   载。",
                "攻堪察加半岛，俄方遂以 〔6〕奕山（1790—1878）",
                "                                ，清朝宗室，",
                "〔5〕本节所述谈判经过，依据《筹办") == [
        (1, BODY.strip()),
        (2, "〔3〕即哨所，中国旧称庙街。"), (3, "〔4〕克里米亚战争中，英法舰队"), (4, "攻堪察加半岛，俄方遂以"),
        (6, "〔5〕本节所述谈判经过，依据《筹办"),
        (2, "（咸丰朝）》所收奏折，并参考"), (3, "载。"), (4, "〔6〕奕山（1790—1878）"), (5, "，清朝宗室，")]


def test_each_piece_keeps_its_raw_columns():
    line = "〔4〕克里米亚战争中，英法舰队   载。"
    left, right = (piece.text for piece in read_note_columns((page(line, "甲乙 〔5〕丙丁"),))[0].body[:3:2])
    assert left == "〔4〕克里米亚战争中，英法舰队" and right.index("载") == line.index("载")


def test_a_one_column_note_area_is_left_as_it_is():
    lines = (BODY, "1   此事日方稱為「中村大尉事件」。", "2   關東都督府於 1919 年改組為關東廳，負責民政；")
    assert read(*lines) == [(n, text.strip()) for n, text in enumerate(lines, 1)]


def test_a_marker_after_a_space_in_the_body_is_no_column():
    """One line with a label after a gap is not an area: two lines or more must be cut."""
    lines = ("〔1〕本节所述谈判经过", "条约以满文写成 〔2〕见上。", "後來的哈巴罗夫斯克，中國舊稱伯力。")
    assert read(*lines) == [(n, text) for n, text in enumerate(lines, 1)]


def test_body_lines_below_a_label_keep_their_place():
    """A label opening a body line above text as wide as the body's is no note area."""
    lines = ("〔1〕甲乙丙丁戊己庚辛壬癸   子丑", "〔2〕甲乙丙   〔3〕丁戊", BODY, BODY)
    assert read(*lines) == [(n, text.strip()) for n, text in enumerate(lines, 1)]


def test_a_one_column_note_area_with_justified_gaps_is_left_as_it_is():
    """Found by review: `pdftotext -layout` writes a justified line of one column with wide gaps
    ('…第   3   册，'); a digit after a gap is no label of a second column, whatever the labels."""
    for first, second in (("〔1〕", "〔2〕"), ("1", "2"), ("①", "②")):
        lines = (BODY, f"{first}王世杰：《王世杰日記》，台北：中央研究院近代史研究所，1990 年，第   3   册，",
                 "第 120 页。", f"{second}顾维钧：《顾维钧回忆录》，北京：中华书局，1985 年，第   2   卷。",
                 "vol.   2 pp. 1-3.")
        assert read(*lines) == [(n, text.strip()) for n, text in enumerate(lines, 1)]
