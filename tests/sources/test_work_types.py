"""Work types (issue 19 item 6): each CSL type takes its own required and optional metadata in
`sources/edition.yml`; the TEI header, the citations and the interface follow the type; a missing
optional key is never a traceback; an unknown type or a missing required key is `file:line` and a
sentence. The minimal entries below are written by hand from CSL 1.0.2's type list and the
metadata a citation of each kind needs, not read from the registry under test."""
import hashlib
import re
from dataclasses import replace

import pytest
from lxml import etree

from edition.core.errors import EditionError
from edition.exports.citation import meta_tags, original_chicago, original_gbt, work_of
from edition.exports.tei import el, sub, validate
from edition.exports.tei_header import original_work
from edition.site.strings import load_strings
from edition.sources.load import load
from tests.conftest import ROOT, copy_project

# type -> (its required keys with a value, one optional key with a value)
MINIMAL = {
    "thesis": ({"degree": "博士", "institution": "國立臺灣大學"}, {"year": 1999}),
    "article-journal": ({"journal": "近代史研究", "year": 2001}, {"issue": 3}),
    "chapter": ({"book": "中華民國史論文集", "year": 1986}, {"pages": "12-40"}),
    "book": ({"publisher": "中華書局", "year": 1962}, {"place": "北京"}),
    "report": ({"publisher": "外交部", "year": 1946}, {"number": "第3號"}),
    "webpage": ({"url": "https://example.org/a"}, {"accessed": "2026-11-01"}),
    "entry-encyclopedia": ({"encyclopedia": "中國大百科全書"}, {"edition": "第二版"}),
    "legislation": ({"date": "1947-01-01"}, {"authority": "國民政府"}),
    "treaty": ({"date": "1945-08-14"}, {"parties": "中華民國、蘇聯"}),
    "manuscript": ({}, {"archive": "國史館"}),
}


def declared(project, metadata: dict) -> None:
    """Give the article in the project's edition.yml the `metadata` mapping (flow style, one line)."""
    path = project / "sources" / "edition.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index("    metadata:", text.index("- id: mongolia"))
    end = text.index("    rights:", start)
    flow = ", ".join(f"{key}: {value!r}" if isinstance(value, str) else f"{key}: {value}"
                     for key, value in metadata.items())
    path.write_text(text[:start] + f"    metadata: {{{flow}}}\n" + text[end:], encoding="utf-8")


def metadata_line(project) -> int:
    lines = (project / "sources" / "edition.yml").read_text(encoding="utf-8").split("\n")
    return next(n for n, line in enumerate(lines, 1) if line.startswith("    metadata: {"))


def loaded(project):
    return next(t for t in load(project / "sources").texts if t.id == "mongolia")


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("types"))


@pytest.mark.parametrize("kind", MINIMAL)
def test_each_type_loads_with_its_required_keys_alone(project, kind):
    required, _ = MINIMAL[kind]
    declared(project, {"type": kind, **required})
    source = loaded(project)
    assert source.work.type == kind and source.work.declared == kind


@pytest.mark.parametrize("kind", [kind for kind, (required, _) in MINIMAL.items() if required])
def test_a_missing_required_key_is_named_at_its_line(project, kind):
    required, _ = MINIMAL[kind]
    first = next(iter(required))
    declared(project, {"type": kind, **{k: v for k, v in required.items() if k != first}})
    with pytest.raises(EditionError) as error:
        loaded(project)
    assert error.value.report() == (f"sources/edition.yml:{metadata_line(project)}: the metadata of a work of "
                                    f"type '{kind}' lacks required key '{first}'")


def test_an_unknown_type_is_named_with_the_known_ones(project):
    declared(project, {"type": "novel", "year": 2001})
    with pytest.raises(EditionError) as error:
        loaded(project)
    report = error.value.report()
    assert report.startswith(f"sources/edition.yml:{metadata_line(project)}: 'type' must be one of: ")
    assert all(kind in report for kind in MINIMAL) and "Traceback" not in report


def test_a_key_of_another_type_is_refused(project):
    declared(project, {"type": "book", "publisher": "中華書局", "year": 1962, "journal": "近代史研究"})
    with pytest.raises(EditionError, match="unknown key 'journal' in the metadata of a work of type 'book'"):
        loaded(project)


def test_the_seed_article_is_a_journal_article_under_its_old_name(config):
    mongolia = next(t for t in config.texts if t.id == "mongolia")
    assert (mongolia.work.type, mongolia.work.declared, mongolia.work.container_title) == \
        ("article-journal", "article", "抗日战争研究")
    assert mongolia.work.issue == "1" and mongolia.work.pages is None and mongolia.work.pages_counted == "article"


def tei_with(bibl) -> bytes:
    """A minimal TEI document whose sourceDesc is `bibl`, for tei_all.rng."""
    tei = el("TEI")
    file_desc = sub(sub(tei, "teiHeader"), "fileDesc")
    sub(sub(file_desc, "titleStmt"), "title", "t")
    sub(sub(file_desc, "publicationStmt"), "p", "p")
    sub(file_desc, "sourceDesc").append(bibl)
    sub(sub(sub(tei, "text"), "body"), "p", "p")
    return etree.tostring(tei)


@pytest.mark.slow      # tei_all.rng takes ~17 s to compile
@pytest.mark.parametrize("kind", MINIMAL)
@pytest.mark.parametrize("optional", [False, True], ids=["required-only", "with-optional"])
def test_every_type_makes_a_valid_tei_source_and_citations_without_a_traceback(config, kind, optional):
    required, extra = MINIMAL[kind]
    source = next(t for t in config.texts if t.id == "mongolia")
    source = replace(source, metadata={"type": kind, **required, **(extra if optional else {})})
    bibl = original_work(source)
    assert validate(tei_with(bibl)) == []
    shown = etree.tostring(bibl, encoding="unicode")
    for value in [*required.values(), *(extra.values() if optional else ())]:
        assert str(value).split("-")[0] in shown           # every declared value reaches the header
    assert "None" not in shown
    work = work_of(source)
    texts = [original_gbt(work), original_chicago(work), *map(str, meta_tags(work).values())]
    assert not any("None" in text for text in texts)
    for script, strings in load_strings(ROOT / "templates").items():
        assert "{pages}" in strings[f"cite_page_{source.work.pages_counted}"], script


def test_a_journal_article_without_an_issue_cites_no_issue(config):
    """issue 19: a missing optional `issue` was a KeyError in the TEI header (tei_header.py:133)."""
    source = next(t for t in config.texts if t.id == "mongolia")
    source = replace(source, metadata={"type": "article-journal", "journal": "近代史研究", "year": 2001})
    shown = etree.tostring(original_work(source), encoding="unicode")
    assert 'unit="issue"' not in shown and "近代史研究" in shown
    assert original_gbt(work_of(source)).endswith("[J]. 近代史研究, 2001.")


def test_whose_pages_a_page_marker_counts_follows_the_type(config):
    """The words come from strings.yml; which one a type takes is what this checks, by hand."""
    source = next(t for t in config.texts if t.id == "mongolia")
    expected = {("article-journal", None): "article", ("article-journal", "79-95"): "journal",
                ("chapter", None): "part", ("chapter", "12-40"): "book", ("thesis", None): "thesis",
                ("manuscript", None): "document", ("webpage", None): "work", ("report", None): "report"}
    for (kind, pages), whose in expected.items():
        metadata = {"type": kind, **MINIMAL[kind][0], **({"pages": pages} if pages else {})}
        assert replace(source, metadata=metadata).work.pages_counted == whose, kind
    strings = load_strings(ROOT / "templates")["hant"]
    assert "非期刊" not in strings["cite_page_journal"] and re.search("非期刊", strings["cite_page_article"])


@pytest.mark.slow     # a whole build in check mode: every page, export and TEI file (validated)
def test_a_text_of_every_type_with_its_required_keys_alone_builds(tmp_path):
    """The example text once per work type, each declaring only its required metadata: every page,
    citation and export is made, and each TEI file is valid against tei_all.rng (check mode). A
    thesis takes the thesis's heading scheme (第一章 and a title line), which the example has not:
    the seed thesis is the thesis here."""
    from edition.build import build
    project = copy_project(tmp_path)
    sources = project / "sources"
    entries = []
    for number, (kind, (required, _)) in enumerate((k, v) for k, v in MINIMAL.items() if k != "thesis"):
        (sources / f"memo-{number}.txt").write_bytes((ROOT / "examples" / "memo.txt").read_bytes())
        digest = hashlib.sha256((sources / f"memo-{number}.txt").read_bytes()).hexdigest()
        flow = ", ".join(f"{key}: {value!r}" if isinstance(value, str) else f"{key}: {value}"
                         for key, value in {"type": kind, **required}.items())
        entries.append(f"  - id: memo-{number}\n    file: memo-{number}.txt\n    sha256: {digest}\n    script: hans\n"
                       f"    notes: per-page\n    title: 示例{number}\n    metadata: {{{flow}}}\n    chapters:\n"
                       "      - {slug: yuan-qi, label: 一、}\n      - {slug: yu-lun, label: 二、}\n")
    with (sources / "edition.yml").open("a", encoding="utf-8") as edition:
        edition.write("\n" + "".join(entries))
    texts = build(sources, project, check=True)
    assert {t.source.work.type for t in texts} >= set(MINIMAL)


def test_each_type_is_cited_and_recorded_as_its_own_kind(config):
    """issue 19 (found by review): every type but the article was recorded as a master's thesis
    (BibTeX `type = {硕士学位论文}`, RIS `M3`), and a treaty's required date reached no citation.
    Expectations by hand, from GB/T 7714-2015 (its type marks; `[A]` archive) and CSL's variables."""
    from edition.exports.citation import original_gbt, work_of
    from edition.exports.records import bibtex, original_item, ris
    source = next(t for t in config.texts if t.id == "mongolia")
    title = source.title

    def cited(metadata):
        work = work_of(replace(source, metadata=metadata))
        item = original_item(work)
        return original_gbt(work), item, bibtex([item]), ris([item])
    gbt, item, bib, records = cited({"type": "treaty", "date": "1945-08-14", "place": "莫斯科"})
    assert gbt == f"尤淑君. {title}[Z]. 莫斯科, 1945-08-14."
    assert item["issued"] == {"date-parts": [[1945, 8, 14]]} and "genre" not in item
    assert "硕士" not in bib + records and "碩士" not in bib + records
    gbt, item, _, _ = cited({"type": "entry-encyclopedia", "encyclopedia": "维基百科",
                             "url": "https://zh.wikipedia.org/wiki/x", "accessed": "2026-12-01"})
    assert gbt == f"尤淑君. {title}[M]. 维基百科." and item["container-title"] == "维基百科"
    assert item["URL"] == "https://zh.wikipedia.org/wiki/x" and item["accessed"] == {"date-parts": [[2026, 12, 1]]}
    gbt, item, _, _ = cited({"type": "manuscript"})
    assert gbt == f"尤淑君. {title}[A]." and "genre" not in item     # nothing declared: nothing made up
    gbt, item, _, _ = cited({"type": "book", "publisher": "人民出版社", "year": 1953, "place": "北京"})
    assert gbt == f"尤淑君. {title}[M]. 北京: 人民出版社, 1953."
    gbt, item, bib, _ = cited({"type": "thesis", "degree": "碩士", "place": "臺北 Taipei", "year": 2019,
                               "institution": "國立政治大學 National Chengchi University"})
    assert item["genre"] == "硕士学位论文" and "硕士学位论文" in bib        # negative: a thesis is still one


def test_a_value_in_one_language_is_cited_whole(config):
    """Only a value given in both languages ('臺北 Taipei') is cut in two for a citation; a
    one-language name with a space in it ('Encyclopaedia Britannica') stays whole (found on a
    second read: the GB/T citation showed 'Encyclopaedia')."""
    from edition.exports.citation import original_gbt, work_of
    from edition.exports.records import original_item
    source = next(t for t in config.texts if t.id == "mongolia")
    work = work_of(replace(source, metadata={"type": "entry-encyclopedia", "encyclopedia": "Encyclopaedia Britannica",
                                             "place": "New York"}))
    assert original_gbt(work).endswith("[M]. New York: Encyclopaedia Britannica.")
    assert original_item(work)["publisher-place"] == "New York"


def test_chicago_sets_a_books_title_in_italics_and_quotes_an_articles(config):
    """CMOS 14.94 and 14.175: a book's or report's title in italics, an article's in quotation marks.
    Found by reading the citation box of a held-out book (cairo-1943) added with add-text: its title
    was quoted as an article's."""
    from edition.exports.citation import ITALIC
    source = next(t for t in config.texts if t.id == "mongolia")
    for kind, metadata, title_is_italic in (("book", {"publisher": "東寧書局", "year": 2026}, True),
                                            ("report", {"publisher": "東寧書局", "year": 2026}, True),
                                            ("article-journal", {"journal": "近代史研究", "year": 2001}, False)):
        shown = original_chicago(work_of(replace(source, metadata={"type": kind, **metadata})))
        first = min((shown.find(mark), mark) for mark in (ITALIC[0], "“") if mark in shown)[1]  # the title's
        assert (first == ITALIC[0]) is title_is_italic, (kind, shown)


def test_a_note_is_cited_by_its_page_and_printed_number_in_every_type(config):
    """Found by a student's review of a book added with add-text (cairo-1943): citing a note of a
    book gave its page alone, the same citation as the page's. Every type cites a note by its page
    and printed number (GB/T 第2頁注3, Chicago 2n3; an article's own pages say so), and names a note
    numbered per page by whose page a page marker counts (原書第2頁注3 in a book, not 本文…).
    Expectations by hand."""
    from edition.exports.citation import Part, work_type
    from edition.site.pages import note_origin
    source = replace(next(t for t in config.texts if t.id == "mongolia"), citation={})   # notes not circled
    strings = load_strings(ROOT / "templates")["hant"]
    note = Part(pages="2", note="3")
    for kind in MINIMAL:
        work = work_of(replace(source, metadata={"type": kind, **MINIMAL[kind][0]}))
        locator = work_type(work).gbt_locator(work, note, "hant")
        assert "2" in locator and "注3" in locator, (kind, locator)
        assert work_type(work).edition_locator(work, note, "hant") == locator
        assert work_type(work).chicago_locator(work, note) in ("2n3", "p. 2 n. 3 (the article’s own page numbering)")
    origin = {kind: note_origin(strings, work_of(replace(source, metadata={"type": kind, **MINIMAL[kind][0]})))
              for kind in ("book", "thesis", "article-journal", "report")}
    assert origin == {"book": "原書第{page}頁注{number}", "thesis": "原論文第{page}頁注{number}",
                      "article-journal": "本文第{page}頁注{number}", "report": "原報告第{page}頁注{number}"}


def test_a_pages_meta_tags_name_who_holds_the_work_by_its_type(config):
    """Found by review: a book's chapter page carried `citation_dissertation_institution` (empty),
    which reference managers read as a thesis, and no publisher. Tag names from Zotero's
    embedded-metadata reader (Highwire Press tags), by hand."""
    source = replace(next(t for t in config.texts if t.id == "mongolia"), citation={})

    def tags(kind, **metadata):
        return meta_tags(work_of(replace(source, metadata={"type": kind, **MINIMAL[kind][0], **metadata})))
    assert tags("thesis")["citation_dissertation_institution"] == "國立臺灣大學"
    book = tags("book")
    assert book["citation_publisher"] == "中華書局" and "citation_dissertation_institution" not in book
    assert tags("report", number="第3號")["citation_technical_report_number"] == "第3號"
    assert tags("chapter", publisher="聯經")["citation_inbook_title"] == "中華民國史論文集"
    assert not any("dissertation" in key for kind in MINIMAL if kind != "thesis" for key in tags(kind))
