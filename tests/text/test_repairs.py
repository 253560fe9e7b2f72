"""Repairs of extraction damage in the real texts (edition/text/repairs.py, applied by the paragraphs
stage): no PDF glyph error left, the spacing rule, the spaces of foreign words, line-break hyphens."""
from edition.core.model import Audit
from edition.text.repairs import glyphs, render, tighten_cjk_latin_space


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
    assert notes[2].startswith("В. Л. Петров 于寶林、楊冰皓 譯")      # author, then translators
    assert notes[3].startswith("Marc Trachtenberg 陳秉路 譯")
    assert "CC派" in "".join(p.text for p in built["manchuria"].paragraphs)   # a word inside the sentence


def test_line_break_hyphens_go_and_word_hyphens_stay(built):
    text = built["manchuria"]
    removed = [(c.line, c.before, c.after) for c in text.audit.changes if c.fix == "remove_line_break_hyphens"]
    assert removed == [(296, "Geo-politics", "Geopolitics"), (2209, "Comfe-rence", "Comference")]
    assert not [c for c in built["mongolia"].audit.changes if c.fix == "remove_line_break_hyphens"]
    notes = {n.number: n.text for n in text.notes}
    assert "“Sino-Soviet Relations 1945-1946”" in notes[116]           # the PDF's ―…‖ are quotation marks
    assert "Ван Шицзэ- с китайской" in notes[140]                       # a dash typed as a hyphen: not a word break
    units = [p.text for t in built.values() for p in t.paragraphs] + [n.text for t in built.values() for n in t.notes]
    for unit in units:
        assert not set("―‖") & set(unit)
