"""Paragraphs stage: joined lines, page breaks kept, glyphs repaired, spacing consistent."""
from edition.model import Audit
from edition.repairs import glyphs, render, tighten_cjk_latin_space


def test_no_wrong_glyphs_remain(built):
    for text in built.values():
        for unit in [p.text for p in text.paragraphs] + [n.text for n in text.notes]:
            assert not set("頇詴尌帄") & set(unit)
    repaired = [c for c in built["manchuria"].audit.changes if c.fix == "fix_pdf_glyphs"]
    assert len(repaired) == 31 and all(c.line > 0 for c in repaired)


def test_spacing_rule_and_normalizing_twice_changes_nothing(built):
    for text in built.values():
        for unit in [p.text for p in text.paragraphs] + [n.text for n in text.notes]:
            again, _, _ = render(tighten_cjk_latin_space(glyphs(unit, 0), Audit()))
            assert again == unit
    paragraph = next(p.text for p in built["manchuria"].paragraphs if "雅爾達會議（Yalta Conference）" in p.text)
    assert "1945年" in paragraph and "1945 年" not in paragraph


def test_latin_and_cyrillic_keep_their_spaces(built):
    notes = {n.number: n.text for n in built["manchuria"].notes}
    assert "Patterns of Discovery: An Inquiry into the Conceptual Foundations of Science, Cambridge" in notes[4]
    assert notes[2].startswith("В. Л. Петров")


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
