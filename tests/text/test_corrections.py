"""Corrections in the model (edition/text/corrections.py): a sic keeps the reading and marks it, and
must match once without spanning a note marker. Corrections applied to a whole project, rebuilt:
tests/e2e/test_corrections.py."""
import pytest


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
