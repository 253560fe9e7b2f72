"""Corrections in the model (edition/text/corrections.py): a sic keeps the reading and marks it, and
must match once without spanning a note marker. Corrections applied to a whole project, rebuilt:
tests/e2e/test_corrections.py."""
import pytest

from tests.conftest import ROOT


def test_a_sic_keeps_the_reading_and_marks_it(built):
    """〔原文如此〕: the text stays as printed; the mark covers exactly the reading."""
    text = built["manchuria"]
    (paragraph,) = [p for p in text.paragraphs if "12日1日以前完全撤出" in p.text]
    (mark,) = [e for e in paragraph.emendations if e.kind == "sic"]
    assert paragraph.text[mark.offset:mark.offset + mark.length] == mark.before == mark.after == "12日1日"
    notes = {n.number: n for n in text.notes}
    for number, reading in [(116, "轉引自轉引自"), (172, "引自引自"), (140, "Зпись")]:
        (mark,) = [e for e in notes[number].emendations if e.kind == "sic" and e.before == reading]
        assert notes[number].text[mark.offset:mark.offset + mark.length] == reading
    assert "張祖" not in "".join(n.text for n in built["mongolia"].notes)
    (note,) = [n for n in built["mongolia"].notes if "《蒋介石与战时外交研究(1931-1945)》" in n.text]
    assert "张祖䶮：" in note.text and "张祖诒" not in note.text and "U+4DAE" in note.emendations[0].reason


def test_a_sic_must_match_once_and_not_span_a_marker(built):
    from edition.core.errors import EditionError
    from edition.core.inputs import Correction
    from edition.text.corrections import apply_corrections
    text = built["manchuria"]
    paragraph = next(p for p in text.paragraphs if p.kind == "body" and p.note_refs and 2 < p.note_refs[0].offset)
    offset = paragraph.note_refs[0].offset
    across = paragraph.text[offset - 2:offset + 2]
    for reading, message in [("蘇聯", "matches"), (across, "spans a note marker")]:
        with pytest.raises(EditionError) as error:
            apply_corrections(text, (Correction("manchuria", "sic", reading, "", "test", 7),))
        assert "sources/corrections.yml:7" in str(error.value) and message in str(error.value)


def test_every_kind_of_the_file_has_its_behaviour_words_and_mark():
    """One vocabulary (core.inputs), one registry of behaviour, the words of both scripts, the TEI marks."""
    from edition.core.inputs import CORRECTION_KINDS
    from edition.exports.tei import MARKS
    from edition.site.strings import load_strings
    from edition.text.corrections import KINDS
    names = [kind.name for kind in CORRECTION_KINDS]
    assert len(set(names)) == len(names) and set(names) == set(KINDS) == set(MARKS)
    strings = load_strings(ROOT / "templates")
    missing = [f"{script}: {prefix}_{name}" for script in ("hant", "hans") for name in names
               for prefix in ("emend", "kind") if f"{prefix}_{name}" not in strings[script]]
    assert missing == []


def test_each_key_of_corrections_yml_makes_its_kind(tmp_path):
    from edition.sources.load import load
    from tests.conftest import copy_project
    project = copy_project(tmp_path)
    (project / "sources" / "corrections.yml").write_text(
        "- {text: manchuria, find: 甲, replace: 乙, reason: r}\n- {text: manchuria, split_after: 丙, reason: r}\n"
        "- {text: manchuria, join_after: 丁, reason: r}\n- {text: manchuria, sic: 戊, reason: r}\n", encoding="utf-8")
    loaded = [(c.kind, c.reading, c.replacement, c.line) for c in load(project / "sources").corrections]
    assert loaded == [("replace", "甲", "乙", 1), ("split", "丙", "", 2), ("join", "丁", "", 3), ("sic", "戊", "", 4)]


def test_a_kind_registered_elsewhere_is_applied(built, monkeypatch):
    """Adding a kind is one function and one registration: here one that deletes its reading."""
    from dataclasses import replace

    from edition.core.inputs import Correction
    from edition.text import corrections
    monkeypatch.setattr(corrections, "KINDS", dict(corrections.KINDS))

    @corrections.kind("delete")
    def delete(found):
        paragraph = found.paragraph
        deleted = replace(paragraph, text=paragraph.text[:found.position] + paragraph.text[found.end:],
                          emendations=(found.emendation(found.position, 0, found.item.reading, ""),))
        return found.in_chapter(lambda ps: ps[:found.index] + [deleted] + ps[found.index + 1:])

    text = built["manchuria"]
    units = [p.text for p in text.paragraphs] + [n.text for n in text.notes]
    paragraph, reading = next((p, p.text[4:12]) for p in text.paragraphs if p.kind == "body" and not p.note_refs
                              and not p.emendations and sum(u.count(p.text[4:12]) for u in units) == 1)
    emended = corrections.apply_corrections(text, (Correction("manchuria", "delete", reading, "", "test", 3),))
    (after,) = [p for p in emended.paragraphs if p.lines == paragraph.lines]
    assert after.text == paragraph.text.replace(reading, "")
    assert [(e.kind, e.before, e.line) for e in after.emendations] == [("delete", reading, 3)]


def test_an_unknown_kind_fails_loudly(built):
    from edition.core.inputs import Correction
    from edition.exports.tei import mark_of
    from edition.text.corrections import apply_corrections
    with pytest.raises(LookupError, match=r"corrections.yml:5: no correction kind 'nonsense' is registered"):
        apply_corrections(built["manchuria"], (Correction("manchuria", "nonsense", "蘇聯", "", "test", 5),))
    with pytest.raises(KeyError, match="no mark for emendations of kind 'nonsense'"):
        mark_of("nonsense")


def test_a_correction_over_an_earlier_ones_reading_is_refused_and_one_beside_it_applied(built):
    """Found by trying an editor's second thought: a correction whose reading holds what an earlier
    one wrote (第三次…控告〔校〕 after 第三次…控告 -> 第三次…控告〔校〕) was applied over it, and the
    published check then read the paragraph back wrong and blamed the raw text. It is refused at its
    own line, naming the earlier one; a correction right beside an earlier one is applied, and the
    paragraph reads back (checks.conservation.as_printed) exactly as it was before both."""
    from edition.checks.conservation import as_printed
    from edition.core.errors import EditionError
    from edition.core.inputs import Correction
    from edition.text.corrections import apply_corrections
    text = built["mongolia"]
    (before,) = [p.text for p in text.paragraphs if "第三次向联合国大会控告苏联。" in p.text]
    first = Correction("mongolia", "replace", "第三次向联合国大会控告", "第三次向联合国大会控告〔校〕", "test", 7)
    for reading, replacement in [("控告〔校〕", "控告〔校二〕"), ("〔校〕苏联", "〔校〕苏俄"),
                                 ("向联合国大会控", "向聯合國大会控")]:
        with pytest.raises(EditionError) as error:
            apply_corrections(text, (first, Correction("mongolia", "replace", reading, replacement, "test", 9)))
        said = str(error.value)
        assert "sources/corrections.yml:9" in said and "overlaps the correction at sources/corrections.yml:7" in said
    beside = Correction("mongolia", "replace", "苏联。美国眼见", "苏联。美國眼见", "test", 9)
    corrected = apply_corrections(text, (first, beside))
    (paragraph,) = [p for p in corrected.paragraphs if "控告〔校〕苏联。美國眼见" in p.text]
    assert as_printed(paragraph.text, paragraph.emendations) == before
    # Found by review: a deletion leaves a mark of no length. A reading across the place is refused;
    # one that begins there is applied and reads back as printed.
    deleted = Correction("mongolia", "replace", "控告", "", "test", 7)
    with pytest.raises(EditionError) as error:
        apply_corrections(text, (deleted, Correction("mongolia", "replace", "会苏", "會蘇", "test", 9)))
    assert "overlaps the correction at sources/corrections.yml:7" in str(error.value)
    corrected = apply_corrections(text, (deleted, Correction("mongolia", "replace", "苏联。美国眼见", "苏俄。美国眼见",
                                                             "test", 9)))
    (paragraph,) = [p for p in corrected.paragraphs if "大会苏俄。美国眼见" in p.text]
    assert as_printed(paragraph.text, paragraph.emendations) == before
