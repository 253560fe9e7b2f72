"""Layout stage: pages, furniture, and the printed page numbers."""
import hashlib
import re

import pytest

from edition.core.inputs import RawLine
from edition.text.layout import find_watermark, split_pages
from tests.conftest import ROOT

SEEDS = ROOT.parent / "shared" / "seeds"


def raw(*texts):
    return tuple(RawLine(n, t) for n, t in enumerate(texts, 1))


def test_sources_are_byte_copies_of_the_seeds(config):
    seeds = {"manchuria": "000_f5aaa93054ffcd7c.txt", "mongolia": "001_c1cd99145d516c61.txt"}
    project = ROOT
    declared = (project / "sources" / "edition.yml").read_text(encoding="utf-8")
    for source in config.texts:
        data = (project / source.path).read_bytes()
        if SEEDS.exists():
            assert data == (SEEDS / seeds[source.id]).read_bytes()
        assert f"sha256: {hashlib.sha256(data).hexdigest()}" in declared


@pytest.mark.parametrize("text_id, pages", [("manchuria", 142), ("mongolia", 17)])
def test_page_counts(built, text_id, pages):
    assert len(built[text_id].pages) == pages


def test_printed_page_rule_is_derived_from_the_printed_numbers(built):
    pages = built["manchuria"].pages
    printed = {int(c.before): p for p in pages for c in p.artifacts if c.fix == "remove_page_number"}
    assert len(printed) == 7
    assert all(page.printed == number for number, page in printed.items())
    assert [p.printed for p in pages] == list(range(pages[0].printed, pages[0].printed + len(pages)))


def test_page_starts_at_a_space_led_line_with_no_empty_line_before():
    lines = raw("第一行文字", "", "第二行", " 新一頁的文字", "", "再一行")
    assert [[line.number for line in page] for page in split_pages(lines, set())] == [[1, 2, 3], [4, 5, 6]]


def test_superscript_split_is_not_a_page_start():
    lines = raw("件與要求。20", " ", "", "下一段", "會議（Yalta Conference", " ）28中得")
    assert len(split_pages(lines, set())) == 1


def test_note_number_alone_then_its_text_is_not_a_page_start():
    lines = raw("正文", "                                                        ", "6", " 倪世雄，《當代》", " 新頁")
    pages = split_pages(lines, set())
    assert [[line.number for line in page] for page in pages] == [[1, 2, 3, 4], [5]]


def test_watermark_found_in_any_split():
    lines = raw("‧", "", "國立", "政 治大", "學‧", "Nat", "ional", "x")
    assert find_watermark(lines, "‧國立政治大學‧National") == {1, 3, 4, 5, 6, 7}
    assert find_watermark(raw("國", "立", "大學"), "‧國立政治大學‧National") == set()


def test_no_furniture_left_in_the_edition(built):
    watermark_piece = re.compile(r"Chengch|National|‧|政 治")
    for text in built.values():
        for unit in [p.text for p in text.paragraphs] + [n.text for n in text.notes]:
            assert not watermark_piece.search(unit)
            assert "【论" not in unit
            assert not re.fullmatch(r"\s*\d{1,3}\s*", unit)


def test_article_furniture(built):
    fixes = [c.fix for p in built["mongolia"].pages for c in p.artifacts]
    assert fixes.count("remove_running_header") == 1
    assert fixes.count("remove_duplicate_url") == 2
    seps = [c.before for p in built["mongolia"].pages for c in p.artifacts if c.fix == "remove_separator"]
    assert sorted(set(seps)) == ["[167 spaces]", "[56 spaces]"]


def test_a_watermark_matching_body_text_in_the_seeds_layout_is_refused_at_its_line():
    """Issue 20 item 8: the declared watermark also reads as a body sentence; the build must not
    delete that sentence. The watermark proper ends a page (a page number follows it)."""
    from edition.core.errors import EditionError
    from edition.core.inputs import TextSource
    from edition.text.layout import layout
    lines = raw("國立大學", "", "正文第一段。 ", "", "國立大學", "", "12", " 第二頁正文。 ", "", "國立大學", "", "13")
    source = TextSource("t", "sources/t.txt", "hant", "global", "t", False, None, {"type": "thesis"}, (), 1,
                        "國立大學", lines, ())
    with pytest.raises(EditionError) as error:
        layout(source)
    assert error.value.report().startswith("sources/t.txt:1: matches the declared watermark but does not stand")
    fine = TextSource("t", "sources/t.txt", "hant", "global", "t", False, None, {"type": "thesis"}, (), 1,
                      "國立大學", lines[2:], ())
    assert [c.fix for p in layout(fine) for c in p.artifacts] == ["remove_watermark", "remove_page_number"] * 2
