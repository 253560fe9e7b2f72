"""Pages of an extraction without form feeds (edition/text/pages.py: `split_at_furniture`,
`foot_spills`), on texts made here line by line, so that where each line belongs is known: what
plain pdftotext writes of a page's foot after its number stays on that page only when it is a
note's text; nothing else of the next page moves back (cases found by review)."""
import pytest

from edition.core.inputs import LayoutProfile, RawLine, TextSource
from edition.text.pages import generic_layout, split_at_furniture

HEADS = {0: "中文歷史文本語料·第一篇", 1: "中蘇友好同盟條約"}


def lines_of(texts: list[str]) -> tuple[RawLine, ...]:
    return tuple(RawLine(number, text) for number, text in enumerate(texts, 1))


def test_a_note_spilled_past_its_page_number_stays_on_its_page():
    texts = []
    for n in range(37, 41):
        texts += [HEADS[n % 2]] + [f"第{n}頁正文第{i}行，內容如下。" for i in range(1, 8)]
        texts += (["①", f"·{n}·", f"第{n}頁的注文。"] if n == 38 else [f"·{n}·"]) + ["維基百科編者"]
    pages = split_at_furniture(lines_of(texts), [])
    assert len(pages) == 4
    assert any(line.text == "第38頁的注文。" for line in pages[1])
    assert all(line.text.startswith(("第38", "中", "①", "·38·")) or not line.text.startswith("第")
               for line in pages[1])


def test_a_short_page_without_a_head_keeps_its_lines():
    texts = []
    for n in range(37, 44):
        body = ["第41頁正文第1行，內容如下。", "第41頁正文第2行。"] if n == 41 else \
            [f"第{n}頁正文第{i}行，內容如下。" for i in range(1, 8)]
        texts += ([] if n == 41 else [HEADS[n % 2]]) + body + ["維基百科編者", f"·{n}·"]
    pages = split_at_furniture(lines_of(texts), [])
    on = {line.text: index for index, page in enumerate(pages) for line in page}
    assert on["第41頁正文第1行，內容如下。"] == on["第41頁正文第2行。"] == on["·41·"]


def test_a_head_of_two_lines_stays_on_its_page():
    """The head is the section's title, then the journal's: the last section heads one page only."""
    sections = ["一、緣由", "一、緣由", "二、過程", "二、過程", "三、內容", "三、內容", "四、影響"]
    texts = []
    for k, n in enumerate(range(37, 44)):
        if k:
            texts += [sections[k], HEADS[0]]
        body = [f"第{n}頁正文第{i}行，內容如下。" for i in range(1, 8)]
        if k == 5:
            body.insert(5, "四、影響")        # section four begins near page 42's foot
        texts += body + [f"·{n}·"]
    source = TextSource("new", "x", "hant", "global", "", False, None, {"type": "article"}, (("text", ""),), 1, "",
                        lines_of(texts), (), layout=LayoutProfile(pages="furniture"))
    pages = generic_layout(source, "furniture").pages
    assert [page.printed for page in pages] == list(range(37, 44))
    assert [line.text for line in pages[5].body].count("四、影響") == 1      # its heading, in its body
    assert "四、影響" not in [line.text for line in pages[6].body]           # page 43's head, removed


@pytest.mark.parametrize("footer, last_cell", [("", "赴陝"), ("維基百科編者", "赴陝"), ("", "38")])
def test_a_table_written_after_its_pages_number_is_read_at_the_pages_top(footer, last_cell):
    """PyMuPDF writes a table's frame after the rest of its page, below the page number ('·38·',
    then '表1　…' and its cells): the number is still the page's foot (taken off, the page numbered
    by it), the foot's notes stay notes, and the table stands at the page's top, where a float is
    printed, and out of the paragraph that goes on over the page break. A footer written after the
    table is still the page's furniture, and a last cell that reads as the page's number is a cell
    (both found by review)."""
    from edition.build import build_text
    line = "正文說到一九四五年中蘇兩國之間的交涉經過，各方意見不一，"
    texts = []
    for n in range(37, 43):
        texts += [("\f" if n > 37 else "") + HEADS[0]] + [f"第{n}頁{line}" for _ in range(5)]
        texts += [f"第{n}頁正文說到此事，經過如下所述①，" + ("而" if n == 38 else "此段完。")]
        texts += ["①", f"第{n}頁的注文。", f"·{n}·"]
        texts += ["表1　大事簡表", "日期", "事件", "12 月12 日", "兵諫", "12 月13 日", last_cell] if n == 38 else []
        texts += [footer] if footer else []
    lines = tuple(RawLine(number, text) for number, text in enumerate("\n".join(texts).split("\n"), 1))
    source = TextSource("new", "sources/new.txt", "hant", "per-page", "新文", False, None, {"type": "article"},
                        (("c1", ""),), 37, "", lines, (), layout=LayoutProfile(pages="form-feed"))
    built = build_text(source, {})
    assert [page.printed for page in built.pages] == list(range(37, 43))
    assert [change.before for change in built.pages[1].artifacts if change.fix == "remove_page_number"] == ["·38·"]
    assert [note.text for note in built.notes] == [f"第{n}頁的注文。" for n in range(37, 43)]
    kinds = [(p.kind, p.text[:4]) for p in built.paragraphs]
    assert kinds[:3] == [("body", "第37頁"), ("table", "表1　大"), ("body", "第38頁")], kinds
    assert "而第39頁" in built.paragraphs[2].text      # the paragraph goes on over the page break
    assert built.paragraphs[1].table[-1] == (last_cell,)   # a cell '38' is no page number (found by review)
    # the move is in the audit, at the table's caption
    assert [(c.fix, c.before) for c in built.audit.changes if c.fix.startswith("restore_")] == \
        [("restore_float_order", "表1　大事簡表")]
    if footer:           # taken off page 38 as furniture, in no cell of the table
        assert footer in [change.before for change in built.pages[1].artifacts]
        assert all(footer not in cell for p in built.paragraphs for row in (p.table or ()) for cell in row)


def test_pages_that_all_have_a_table_after_their_number_are_numbered_by_it():
    """Every page with a table PyMuPDF wrote below its page number: no number stands at a page's
    edge, and the page numbers were not found at all (left in the text, the tables read where they
    were written). The number directly above a table's caption is the page's foot (found by a
    hostile three-page text made for review)."""
    from edition.build import build_text
    line = "正文說到一九四五年中蘇兩國之間的交涉經過，各方意見不一，"
    texts = []
    for n in range(37, 40):
        texts += [("\f" if n > 37 else "") + HEADS[0]] + [f"第{n}頁{line}" for _ in range(5)] + ["此段完。"]
        texts += [f"- {n} -", f"表{n - 36}　大事簡表", "日期　事件", f"12 月{n - 25}日　兵諫"]
    lines = tuple(RawLine(number, text) for number, text in enumerate("\n".join(texts).split("\n"), 1))
    source = TextSource("new", "sources/new.txt", "hant", "global", "新文", False, None, {"type": "article"},
                        (("c1", ""),), 37, "", lines, (), layout=LayoutProfile(pages="form-feed"))
    built = build_text(source, {})
    assert [page.printed for page in built.pages] == list(range(37, 40))
    assert [c.before for page in built.pages for c in page.artifacts if c.fix == "remove_page_number"] == \
        ["- 37 -", "- 38 -", "- 39 -"]
    assert [p.kind for p in built.paragraphs[:2]] == ["table", "body"]
    assert not any("- 3" in p.text for p in built.paragraphs)
