"""Repairs of extraction damage in the real texts (edition/text/repairs.py, applied by the paragraphs
stage): no PDF glyph error left, the spacing rule, the spaces of foreign words, line-break hyphens."""
from edition.core.model import Audit
from edition.text import repairs
from edition.text.repairs import GLYPH, LINE, ORDER, REPAIRS, SPACE, glyphs, render, tighten_cjk_latin_space
from tests.conftest import ROOT
from tests.text.test_paragraphs import paragraphs_of


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
    for text in built.values():
        for unit in [p.text for p in text.paragraphs] + [n.text for n in text.notes]:
            assert not set("―‖") & set(unit)


def test_every_repair_has_its_words_in_both_scripts():
    from edition.site.strings import load_strings
    strings = load_strings(ROOT / "templates")
    missing = [f"{script}: fix_{name}" for script in ("hant", "hans") for name in REPAIRS
               if f"fix_{name}" not in strings[script]]
    assert missing == []


def test_every_change_the_build_records_is_a_registered_repair(built):
    """Line removals are recorded by layout, the others by the repairs of the joined text."""
    for text in built.values():
        removals = {name for name, repair in REPAIRS.items() if repair.change == LINE}
        assert {c.fix for page in text.pages for c in page.artifacts} <= removals
        assert {c.fix for c in text.audit.changes} <= {name for name, repair in REPAIRS.items()
                                                        if repair.function or repair.change == ORDER}
    assert all(r.function is None for r in REPAIRS.values() if r.change == LINE)


def test_the_spacing_rule_runs_after_every_other_repair():
    """A removed hyphen or repaired glyph can change what stands either side of a space."""
    order = [r.change for r in REPAIRS.values() if r.function]
    assert SPACE in order and SPACE not in order[:order.index(SPACE)] and set(order[order.index(SPACE):]) == {SPACE}


def test_a_registered_repair_runs_on_paragraphs_and_on_tables_only_if_asked(monkeypatch):
    monkeypatch.setattr(repairs, "REPAIRS", dict(REPAIRS))

    @repairs.register(GLYPH, "test: pilcrows repaired as section signs")
    def fix_pilcrows(tokens, audit, glyph_map=repairs.NO_GLYPHS):
        for token in tokens:
            if isinstance(token, repairs.Glyph) and token.char == "¶":
                audit.record("fix_pilcrows", token.line, "¶", "§")
        return [repairs.Glyph("§", t.line) if isinstance(t, repairs.Glyph) and t.char == "¶" else t for t in tokens]

    assert paragraphs_of(["    見¶3。 "]) == ["見§3。"]
    audit = Audit()
    assert render(repairs.apply_repairs(glyphs("¶ 1", 9), audit, {}, table=True))[0] == "¶ 1"
    assert render(repairs.apply_repairs(glyphs("¶ 1", 9), audit, {}))[0] == "§ 1"
    assert [(c.fix, c.line) for c in audit.changes] == [("fix_pilcrows", 9)]


def test_no_space_on_the_blank_side_of_full_width_punctuation(built):
    """Expectations read off the raw texts (sources/*.txt): `壹、 研究動機` (line 52 of the thesis),
    `（1932.3.1-1945.8.18） 的` (1334), `波茨坦會議 （Potsdam` (2209) lose their space, audited at
    that line; the keyword line's spaces between book titles and the lost glyph of `张祖 ：` stay."""
    from edition.text.repairs import BLANK_AFTER, BLANK_BEFORE
    for text in built.values():
        for unit in [p.text for p in text.paragraphs] + [n.text for n in text.notes]:
            pairs = [(unit[i - 1], unit[i + 1]) for i, char in enumerate(unit[1:-1], 1) if char == " "]
            assert not [p for p in pairs if p[0] in BLANK_AFTER and repairs.is_cjk(p[1])]
            assert not [p for p in pairs if p[1] in BLANK_BEFORE and repairs.is_cjk(p[0])]
    lines = {c.line for c in built["manchuria"].audit.changes if c.fix == "tighten_cjk_punctuation_space"}
    assert {1334, 2209} <= lines
    thesis = "".join(p.text for p in built["manchuria"].paragraphs) + "".join(n.text for n in built["manchuria"].notes)
    assert "（1932.3.1-1945.8.18）的行政區域" in thesis and "波茨坦會議（Potsdam" in thesis
    article = [p.text for p in built["mongolia"].paragraphs if "关键词" in p.text]
    assert article and "《雅尔塔协定》 《中苏友好同盟条约》 蒙古人民共和国" in article[0]
