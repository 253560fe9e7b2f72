"""A note marked with a symbol ('∗' after a title) is shown and cited by its symbol, never by the
number 0 it carries in the model (found by building a held-out text whose title note is starred:
its marker read '0' and its origin '本文第95页注0')."""
from edition.exports.citation import work_of
from edition.site.pages import note_labels
from edition.site.strings import load_strings
from tests.conftest import ROOT
from tests.corpus.cases import Case
from tests.text.test_corpus import reconstruct


def test_a_starred_note_is_shown_and_cited_by_its_star():
    built = reconstruct(Case("treaty-1943", "pdftotext"))       # per-page notes, a ∗ title note
    star = next(note for note in built.notes if note.printed_number == 0)
    assert star.label == "∗" and star.printed == "∗"
    strings = load_strings(ROOT / "templates")["hans"]
    shown, origin = note_labels(built, work_of(built.source, {}), strings)[star.number]
    # whose page as the text's page markers say: an article whose journal is not declared counts
    # the print's pages (原刊第95页), so its notes are named so too, not 本文 (found by review)
    assert shown == "∗" and origin == "原刊第95页注∗"
    numbered = next(note for note in built.notes if note.printed_number == 1)
    assert numbered.printed == "1" and note_labels(built, work_of(built.source, {}), strings)[numbered.number][0] == "1"



def test_a_starred_note_is_listed_by_its_star():
    """The notes list numbers its items; the starred note's item carries the star as printed
    (data-note-shown, which edition.css shows as the item's marker: '∗.', not '0.')."""
    from edition.site.pages import chapter_notes
    built = reconstruct(Case("treaty-1943", "pdftotext"))
    strings = load_strings(ROOT / "templates")["hans"]
    listed = [note for chapter in built.chapters
              for note in chapter_notes(built, chapter, strings, {}, work_of(built.source, {}))]
    star = next(note for note in listed if note["printed"] == 0)
    assert star["label"] == 0 and star["printed_shown"] == "∗"
    assert "li[data-note-shown]::marker" in (ROOT / "templates" / "assets" / "edition.css").read_text(encoding="utf-8")
