"""The committed corpus is whole and its ground truth describes the PDF that was extracted.

The truth is written from the source, the extractions by other programs from the PDF: where they
must agree (the number of pages, each heading, the start of each note, the furniture), agreement
is evidence that the truth describes what was printed. Needs none of the typesetting tools.
"""

from difflib import SequenceMatcher

import pytest

from tests.corpus.cases import CORPUS, EXTRACTORS, Case, cases, text_ids
from tests.corpus.compare import furniture_strings, normalize

TEXTS = text_ids()


def truth_of(text_id: str) -> dict:
    return Case(text_id, "pdftotext").truth()


def extraction(text_id: str, extractor: str) -> str:
    return Case(text_id, extractor).extraction.read_text(encoding="utf-8")


def squeezed(text: str) -> str:
    """Text without any whitespace: extractors break lines anywhere."""
    return "".join(text.split())


def test_there_are_at_least_three_texts_of_each_kind_of_layout():
    assert len(TEXTS) >= 3, TEXTS
    styles = {truth_of(t)["note_style"] for t in TEXTS}
    assert len(styles) >= 3, styles


@pytest.mark.parametrize("text_id", TEXTS)
def test_every_text_has_its_source_pdf_and_two_extractions_or_more(text_id):
    folder = CORPUS / text_id
    assert (folder / "source.yml").exists() and list(folder.glob("*.pdf"))
    present = [case.extractor for case in cases() if case.text_id == text_id]
    assert len(present) >= 2 and set(present) <= set(EXTRACTORS), present


@pytest.mark.parametrize("text_id", TEXTS)
def test_pdftotext_sees_as_many_pages_as_the_typesetter_printed(text_id):
    pages = extraction(text_id, "pdftotext").count("\f")
    assert pages == len(truth_of(text_id)["pages"])


@pytest.mark.parametrize("text_id", TEXTS)
def test_every_marker_stands_where_its_context_says(text_id):
    truth = truth_of(text_id)
    markers = [m for block in truth["blocks"] for m in block.get("notes", ())]
    for block in truth["blocks"]:
        for marker in block.get("notes", ()):
            assert block["text"][:marker["offset"]].endswith(marker["after"])
    in_text = [n["id"] for n in truth["notes"] if n["in"] == "text"]
    assert sorted(m["note"] for m in markers) == sorted(in_text)      # one marker per note, no stray


@pytest.mark.parametrize("text_id", TEXTS)
@pytest.mark.parametrize("extractor", ["pdftotext", "pymupdf"])
def test_headings_note_openings_and_furniture_are_in_the_extraction(text_id, extractor):
    truth = truth_of(text_id)
    extracted = squeezed(extraction(text_id, extractor))
    headings = [part for b in truth["blocks"] if b["kind"] == "heading" for part in heading_parts(b["text"])]
    openings = [n["text"][:8] for n in truth["notes"]]
    missing = [s for s in headings + openings + furniture_strings(truth) if squeezed(s) not in extracted]
    assert missing == []


@pytest.mark.parametrize("text_id", TEXTS)
def test_a_word_that_is_not_printed_is_not_found(text_id):
    """The check above would pass on anything if `squeezed` or the files were empty."""
    extracted = squeezed(extraction(text_id, "pdftotext"))
    assert len(extracted) > 1500 and "中華人民共和國國歌" not in extracted


@pytest.mark.parametrize("text_id", TEXTS)
def test_pages_rise_and_every_note_is_printed_on_one_of_them(text_id):
    truth = truth_of(text_id)
    arabic = [p for p in truth["pages"] if isinstance(p, int)]
    assert arabic == list(range(arabic[0], arabic[0] + len(arabic)))
    assert all(set(n["pages"]) <= set(truth["pages"]) for n in truth["notes"])
    assert normalize(truth["title"]) in squeezed(extraction(text_id, "pdftotext"))


@pytest.mark.parametrize("text_id", TEXTS)
def test_headings_and_notes_are_on_the_pages_the_typesetter_recorded(text_id):
    """The typesetter's page record checked against pdftotext's pages (split at its form feeds)."""
    truth = truth_of(text_id)
    pages = [squeezed(page) for page in extraction(text_id, "pdftotext").split("\f")]
    printed = dict(enumerate(truth["pages"]))

    def found_on(snippet: str) -> set:
        return {printed[i] for i, page in enumerate(pages) if squeezed(snippet) in page}

    headings = [b for b in truth["blocks"] if b["kind"] == "heading"]
    misplaced = [b["text"] for b in headings
                 if not set.intersection(*(found_on(part) for part in heading_parts(b["text"]))) & set(b["pages"])]
    misplaced += [n["text"][:10] for n in truth["notes"] if n["page"] not in found_on(n["text"][:10])]
    assert misplaced == []


@pytest.mark.parametrize("text_id", TEXTS)
@pytest.mark.parametrize("extractor", ["pdftotext", "pymupdf"])
def test_the_truth_is_what_the_extractors_read_but_for_known_damage(text_id, extractor):
    """Every character of the truth's blocks (in order) and of each note is in the extraction, except
    the ellipsis `……` that the CJK font's glyph makes extractors read as `⋯⋯` (design.md). Notes set
    in two columns pdftotext reads across both columns line by line: their text is checked in PyMuPDF's;
    so is a body set in two columns (lytton-1932), of which pdftotext reads only the headings whole."""
    import yaml
    truth = truth_of(text_id)
    read = squeezed(extraction(text_id, extractor))
    layout = yaml.safe_load((CORPUS / text_id / "source.yml").read_text(encoding="utf-8"))["layout"]
    across = extractor == "pdftotext" and layout.get("columns") == 2
    body = "" if across else squeezed("".join(b.get("label", "") + b["text"] for b in truth["blocks"]
                                              if "text" in b and b["kind"] != "heading"))
    headings = [squeezed(part) for b in truth["blocks"] if b["kind"] == "heading" for part in heading_parts(b["text"])]
    interleaved = extractor == "pdftotext" and ("twocolumn" in truth["note_style"] or across)
    notes = [] if interleaved else truth["notes"]
    unread = unread_runs(body, read) + [run for n in notes for run in unread_runs(squeezed(n["text"]), read)]
    unread += [heading for heading in headings if heading not in read]
    # and the glyphs of Latin type an extractor reads as they are drawn: a ligature (ﬀ for ff), the
    # closing quotation mark TeX sets for an apostrophe
    drawn = {"'": "’", "ff": "ﬀ", "fi": "ﬁ", "fl": "ﬂ", "ffi": "ﬃ"}
    unread = [run for run in unread if not (run in drawn and drawn[run] in read)]
    # pdftotext joins a word hyphenated at a line's end and drops the hyphen, in an address broken
    # after one too ('abrogation-of-british' broken after 'of-' reads 'abrogation-ofbritish')
    unread = [run for run in unread if not (run == "-" and extractor == "pdftotext")]
    assert [run for run in unread if set(run) != {"…"}] == []
    assert read.count("⋯") >= body.count("…")


def heading_parts(heading: str) -> list[str]:
    """A heading's label and title, each looked for on its own: pdftotext writes the labels of
    headings set one above the other before their titles ('第二章', '第一節', '簽訂經過', …)."""
    return [part for part in heading.split("\u3000") if part]


def unread_runs(printed: str, read: str) -> list[str]:
    """The runs of `printed` that `read` does not hold in the same order."""
    runs, position = [], 0
    for block in SequenceMatcher(None, printed, read, autojunk=False).get_matching_blocks():
        if block.a > position:
            runs.append(printed[position:block.a])
        position = block.a + block.size
    return runs


@pytest.mark.parametrize("text_id", text_ids())
def test_the_committed_document_is_what_make_corpus_writes(text_id):
    """The .tex or .fodt in each folder is what make_corpus.py writes from its source.yml today
    (nothing typeset): the script in the repository made the corpus, options added for one text
    changed no other."""
    import yaml

    from tests.corpus import make_corpus as mc
    source = yaml.safe_load((CORPUS / text_id / "source.yml").read_text(encoding="utf-8"))
    layout = source["layout"]
    if mc.own_maker(source):          # a LibreOffice template of its own (make_thesis.py, make_footed.py)
        made = mc.own_maker(source).document(source)
        committed = (CORPUS / text_id / f"{text_id}.fodt").read_text(encoding="utf-8")
    elif layout["typesetter"] == "xelatex":
        made, committed = mc.latex_document(source), (CORPUS / text_id / f"{text_id}.tex").read_text(encoding="utf-8")
    else:
        made, committed = mc.fodt_document(source), (CORPUS / text_id / f"{text_id}.fodt").read_text(encoding="utf-8")
    assert made == committed
