"""Conservation (edition/checks/conservation.py): every raw character is in the model, in raw order.
A character lost, swapped or changed without an audit record is named by its raw line (and column);
a re-keyed table that lost a character is named at its rows."""
from collections import Counter
from dataclasses import replace
from types import SimpleNamespace

import pytest

from edition.build import build_text
from edition.checks.conservation import conservation, layout_buckets, raw_order, squeeze
from edition.core.errors import EditionError
from edition.core.inputs import RawLine
from edition.core.model import Page
from tests.conftest import ROOT, SOURCES


def raw_line(text_id: str, number: int) -> str:
    return squeeze((SOURCES / f"{text_id}.txt").read_text(encoding="utf-8").split("\n")[number - 1])


def damaged_paragraph(text, anchor: str, change):
    chapters = tuple(replace(c, paragraphs=tuple(replace(p, text=change(p.text)) if p.anchor == anchor else p
                                                 for p in c.paragraphs)) for c in text.chapters)
    return replace(text, chapters=chapters)


def test_the_model_holds_the_raw_text_in_raw_order(built):
    assert raw_order(built["manchuria"], {}) == [] and raw_order(built["mongolia"], {}) == []


def test_a_character_lost_from_the_model_is_named_by_raw_line_and_column(built):
    text = built["manchuria"]
    p5 = next(p for p in text.paragraphs if p.anchor == "p0005")
    lost = p5.text.index("Union") + 1                 # the 'n' of Union, raw line 15
    problems = [str(p) for p in raw_order(damaged_paragraph(text, "p0005", lambda t: t[:lost] + t[lost + 1:]), {})]
    column = (SOURCES / "manchuria.txt").read_text(encoding="utf-8").split("\n")[14].index("Union") + 2
    assert problems == [f"sources/manchuria.txt:15:{column}: text: the edition (p0005) lacks 'n' (in raw order)"]


def test_a_swapped_paragraph_order_fails_although_every_character_is_kept(built):
    text = built["mongolia"]
    chapter = text.chapters[2]
    swapped = chapter.paragraphs[:2] + (chapter.paragraphs[3], chapter.paragraphs[2]) + chapter.paragraphs[4:]
    damaged = replace(text, chapters=text.chapters[:2] + (replace(chapter, paragraphs=swapped),) + text.chapters[3:])
    problems = raw_order(damaged, {})
    assert len(problems) == 1 and problems[0].where.startswith("sources/mongolia.txt:")


def test_a_change_nobody_audited_fails(built):
    """A glyph repair that the audit does not record, and a name form nobody declared."""
    text = built["manchuria"]
    assert raw_line("manchuria", 15).startswith("蘇聯（Union")
    problems = raw_order(damaged_paragraph(text, "p0005", lambda t: t.replace("蘇聯", "苏聯", 1)), {})
    column = (SOURCES / "manchuria.txt").read_text(encoding="utf-8").split("\n")[14].index("蘇聯") + 1
    assert [p.where for p in problems] == [f"sources/manchuria.txt:15:{column}"] and "has '苏聯" in problems[0].message
    mongolia = built["mongolia"]
    renamed = damaged_paragraph(mongolia, "p0007", lambda t: t.replace("吉田丰子", "吉田豊子"))
    assert len(raw_order(renamed, {})) == 1 and raw_order(renamed, {"吉田丰子": "吉田豊子"}) == []


def test_a_table_that_lost_a_character_is_named_at_its_rows(tmp_path):
    """A re-keyed table must hold the characters of the raw lines it replaces; the error points at
    the table file, where the editor fixes it, not at the raw text."""
    import shutil

    from edition.build import Timer, load_texts
    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    path = tmp_path / "sources" / "tables" / "manchuria-table-1.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("{text: 東北九省, cols: 3}", "{text: 東北八省, cols: 3}"), encoding="utf-8")
    with pytest.raises(EditionError) as error:
        load_texts(tmp_path / "sources", Timer())
    rows = text.split("\n").index("rows:") + 1
    assert f"sources/tables/manchuria-table-1.yml:{rows}: the re-keyed table differs" in str(error.value)
    assert "'九': 1" in str(error.value) and "'八': 1" in str(error.value)


def test_conservation_fails_when_a_raw_note_line_is_lost(config):
    """Sabotage from outside: one line of a note deleted from the raw text. The line is found in
    the raw file by its content (note 3 of the article), not through the pipeline."""
    source = next(t for t in config.texts if t.id == "mongolia")
    lost = next(line for line in source.lines if line.text.startswith("3 ") and "页" in line.text)
    damaged = replace(source, lines=tuple(line for line in source.lines if line is not lost))
    with pytest.raises(EditionError) as error:
        build_text(damaged, config.glyphs.get("mongolia", {}))
    assert "sources/mongolia.txt" in error.value.report()


def test_conservation_names_the_lost_character(built):
    text = built["mongolia"]
    chapter = text.chapters[1]
    first = chapter.paragraphs[1]
    damaged_chapter = replace(chapter, paragraphs=(chapter.paragraphs[0], replace(first, text=first.text[1:]))
                              + chapter.paragraphs[2:])
    damaged = replace(text, chapters=(text.chapters[0], damaged_chapter) + text.chapters[2:])
    lost = first.text[0]
    assert f"raw character '{lost}' x1 is not accounted for" in conservation(damaged)


def test_a_table_whose_span_begins_on_a_blank_line_still_reaches_the_model(tmp_path):
    """Issue 19: a re-keyed table whose `replaces_lines` began on a blank raw line vanished from
    the site and the exports while the build said "conservation holds". Raw line 1163 of the
    article is blank (read from the raw file here); the table claimed from there must still be in
    the model exactly once, where its lines were."""
    import shutil

    from edition.build import Timer, load_texts
    assert (SOURCES / "mongolia.txt").read_text(encoding="utf-8").split("\n")[1162].strip() == ""
    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    path = tmp_path / "sources" / "tables" / "mongolia-table-1.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("[1164, 1307]", "[1163, 1307]"), encoding="utf-8")
    text = next(t for t in load_texts(tmp_path / "sources", Timer()).texts if t.source.id == "mongolia")
    tables = [p for p in text.paragraphs if p.kind == "table"]
    assert len(tables) == 1 and squeeze(tables[0].title).startswith("表1《雅尔塔协定》")


def test_a_table_the_model_lost_fails_conservation(config):
    """The mechanism behind the test above: conservation counts the tables the model holds, not
    the raw lines a table claims, so a table that reaches no paragraph is a loss."""
    text = build_text(next(t for t in config.texts if t.id == "mongolia"), config.glyphs.get("mongolia", {}))
    assert conservation(text) == []
    chapters = tuple(replace(c, paragraphs=tuple(p for p in c.paragraphs if p.kind != "table")) for c in text.chapters)
    lost = conservation(replace(text, chapters=chapters))
    claimed = "".join((SOURCES / "mongolia.txt").read_text(encoding="utf-8").split("\n")[1163:1307])
    assert f"raw character '中' x{claimed.count('中')} is not accounted for" in lost, lost


def test_two_tables_claiming_the_same_lines_fail(tmp_path):
    """A second table over lines another table already replaces would show them twice: the
    characters of those lines are then in the edition twice, which conservation names."""
    import shutil

    from edition.build import Timer, load_texts
    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    tables = tmp_path / "sources" / "tables"
    shutil.copy(tables / "mongolia-table-1.yml", tables / "mongolia-table-2.yml")
    edition = tmp_path / "sources" / "edition.yml"
    edition.write_text(edition.read_text(encoding="utf-8").replace(
        "tables: [tables/mongolia-table-1.yml]", "tables: [tables/mongolia-table-1.yml, tables/mongolia-table-2.yml]"),
        encoding="utf-8")
    with pytest.raises(EditionError) as error:
        load_texts(tmp_path / "sources", Timer())
    claimed = "".join((SOURCES / "mongolia.txt").read_text(encoding="utf-8").split("\n")[1163:1307])
    assert (f"sources/mongolia.txt: conservation: character '中' x{claimed.count('中')} appears in the edition "
            "but not in the raw text") in error.value.report()


def test_the_pieces_of_a_line_cut_into_note_columns_are_one_bucket():
    """edition/text/columns.py cuts a two-column note area's line in two, both among the notes."""
    left, right = RawLine(7, "〔4〕克里米亚战争中"), RawLine(7, "              载。")
    pages = [Page(1, 1, (RawLine(6, "正文"),), (left, RawLine(8, "攻堪察加"), right), (), ())]
    assert layout_buckets(SimpleNamespace(pages=pages)) == Counter({6: 1, 7: 1, 8: 1})
    pages = [Page(1, 1, (RawLine(6, "正文"), left), (right,), (), ())]
    assert layout_buckets(SimpleNamespace(pages=pages))[7] == 2
