"""The edition statement on the site (edition/site/cite_box.py and the page templates): the citation
meta tags, the footer of every page, the about page, the supplied title, the history page.
Expectations are written here by hand or read from sources/, never produced by the code."""
import html
import json
import re

import pytest

from tests.conftest import ROOT

THESIS = "[1945年中華民國與蘇聯的東北問題交涉]"
ARTICLE = "蒋介石与1945-1952年的外蒙古独立问题"


SHOWN = r"\[1945年中(華民國與蘇聯的東北問題|华民国与苏联的东北问题)交涉\]"   # the thesis's title as a page shows it


def meta(page: str) -> dict:
    return dict(re.findall(r'<meta name="(citation_[a-z_]+)" content="([^"]*)"', page))


@pytest.mark.parametrize("script", ["hant", "hans"])
def test_meta_tags_name_each_work_as_printed(site, script):
    article = meta((site / script / "mongolia" / "yalta" / "index.html").read_text(encoding="utf-8"))
    assert article["citation_title"] == ARTICLE and article["citation_journal_title"] == "抗日战争研究"
    assert article["citation_author"] == "尤淑君" and "citation_firstpage" not in article
    assert meta((site / script / "mongolia" / "apparatus" / "index.html").read_text(encoding="utf-8")) == article
    thesis = meta((site / script / "manchuria" / "index.html").read_text(encoding="utf-8"))
    assert thesis["citation_title"] == THESIS and thesis["citation_dissertation_institution"] == "國立政治大學"
    assert "citation_author" not in thesis and "citation_publication_date" not in thesis   # the year is estimated
    chapter = meta((site / script / "manchuria" / "before-moscow" / "index.html").read_text(encoding="utf-8"))
    assert chapter["citation_title"] == THESIS                    # Zotero saves the thesis, at the chapter's pages
    assert (chapter["citation_firstpage"], chapter["citation_lastpage"]) == ("21", "42")


@pytest.mark.parametrize("script, words", [
    ("hant", ["關於本版", "第{}版（{}）", "Scholarly edition project（校訂）", "權利說明", "報告本頁錯誤"]),
    ("hans", ["关于本版", "第{}版（{}）", "Scholarly edition project（校订）", "权利说明", "报告本页错误"])])
def test_footer_of_every_page_states_the_edition(site, script, words, version):
    words = [word.format(*version) for word in words]
    pages = [p for p in (site / script).rglob("index.html") if "http-equiv" not in p.read_text(encoding="utf-8")]
    assert len(pages) > 30
    for page in pages:
        footer = page.read_text(encoding="utf-8").split('class="md-footer"', 1)[1]
        assert all(word in footer for word in words), page
        depth = len(page.relative_to(site / script).parts) - 1
        path = "" if depth == 0 else "/".join(page.relative_to(site / script).parts[:-1]) + "/"
        assert f'class="ed-report" href="{"/".join([".."] * depth) or "."}/about/?page={path}#report"' in footer, page


@pytest.mark.parametrize("script, rights", [("hant", "本論文的著作權屬於其作者"),
                                            ("hans", "本文的著作权属于作者尤淑君与原刊")])
def test_about_page_shows_editors_version_rights_and_report(site, config, script, rights, version):
    about = (site / script / "about" / "index.html").read_text(encoding="utf-8")
    assert "Scholarly edition project" in about and "第{}版（{}）".format(*version) in about and rights in about
    assert all(text.rights[script] in about for text in config.texts)
    assert 'id="report"' in about and 'id="rights"' in about and 'class="ed-report-location"' in about


def test_supplied_title_is_marked_wherever_shown(site):
    root = (site / "index.html").read_text(encoding="utf-8")
    assert THESIS in root and "題名為編者所擬" in root
    for script in ("hant", "hans"):
        chapter = html.unescape((site / script / "mongolia" / "yalta" / "index.html").read_text(encoding="utf-8"))
        nav = chapter.split("md-nav--primary", 1)[1].split('class="md-content"', 1)[0]
        assert re.search(SHOWN, nav)                           # the navigation, in either script
        home = html.unescape((site / script / "index.html").read_text(encoding="utf-8"))
        assert re.search(SHOWN + "</a></strong>：(題名為編者所擬|题名为编者所拟)", home)   # the edition's home page
    assert json.loads((site / "data" / "manchuria.hant.csl.json").read_text(encoding="utf-8"))[0]["title"] == THESIS
    assert json.loads((site / "data" / "manchuria.hans.csl.json").read_text(encoding="utf-8"))[1]["title"] == \
        "[1945年中华民国与苏联的东北问题交涉]"


def titles_in(script: str) -> dict[str, str]:
    """Each text's title as a page in `script` names it, read from sources/edition.yml: the other
    script's title character-converted by OpenCC itself, a supplied title in square brackets."""
    import opencc
    import yaml
    sources = ROOT / "sources"
    texts = yaml.safe_load((sources / "edition.yml").read_text(encoding="utf-8"))["texts"]
    convert = opencc.OpenCC("s2tw.json" if script == "hant" else "tw2s.json").convert
    titles = {t["id"]: t["title"] if t["script"] == script else convert(t["title"]) for t in texts}
    return {t["id"]: f"[{titles[t['id']]}]" if t.get("title_supplied_by_editor") else titles[t["id"]] for t in texts}


@pytest.mark.parametrize("script, issued_word", [("hant", "新增錨點"), ("hans", "新增锚点")])
def test_history_page_lists_what_the_ledger_issued(site, script, issued_word):
    """Counted from anchors.lock directly: the ids first issued on each date, per text, each text
    named by its title in the page's script."""
    lock = (ROOT / "sources" / "anchors.lock").read_text(encoding="utf-8")
    issued = {}
    for line in lock.splitlines():
        if line and not line.startswith("#"):
            text, _, _, _, day, *_ = line.split(" ")
            issued.setdefault(day, {}).setdefault(text, 0)
            issued[day][text] += 1
    page = (site / script / "history" / "index.html").read_text(encoding="utf-8")
    history = html.unescape(re.sub(r"<[^>]+>", "", page))
    # the first edition (2026-11-25), then issue 9's rejoined and split paragraphs (2026-12-03)
    assert issued == {"2026-11-25": {"manchuria": 712, "mongolia": 201}, "2026-12-03": {"manchuria": 4}}
    titles = titles_in(script)
    for day in issued:
        line = "、".join(f"{titles[text]} {count}" for text, count in sorted(issued[day].items()))
        assert f"{issued_word}：{line}\n" in history, day


# The 引用 box: six citations of each chapter ------------------------------------------------------

KINDS = ("original-gbt", "original-note", "original-bibliography", "edition-gbt", "edition-note",
         "edition-bibliography")


def box(page: str) -> dict[str, str]:
    """Each citation of a page's 引用 box as its text reads without JavaScript."""
    spans = re.findall(r'<span class="ed-cite-text" data-cite="([a-z-]+)">(.*?)</span></p>', page)
    return {kind: html.unescape(re.sub(r"<[^>]+>", "", text)) for kind, text in spans}


def test_chapter_two_box_before_javascript(site):
    """Written by hand (GB/T 7714-2015, Chicago 17th 14.107): slots as a page without JavaScript
    shows them, the site-relative path and the placeholder date."""
    cited = box((site / "hant" / "manchuria" / "before-moscow" / "index.html").read_text(encoding="utf-8"))
    assert cited["original-gbt"] == (
        f"佚名. {THESIS}: 第二章 莫斯科談判前之東北問題[D]. 臺北: 國立政治大學, [2005?]: 21-42.")
    assert cited["original-note"] == (
        "“Mosike tanpan qian zhi Dongbei wenti” 第二章 莫斯科談判前之東北問題, in [1945 nian Zhonghua Minguo yu "
        f"Sulian de Dongbei wenti jiaoshe] {THESIS} (master’s thesis, National Chengchi University, [2005?]), 21–42.")
    assert cited["edition-gbt"].startswith(f"佚名. {THESIS}: 第二章 莫斯科談判前之東北問題[EB/OL]//")
    assert re.search(r"\d版\. (\d{4}): 21-42\(\1-\d\d-\d\d\)\[引用日期\]\. hant/manchuria/before-moscow/\.$",
                     cited["edition-gbt"])


def chapter_pages(site):
    for script in ("hant", "hans"):
        for text in ("manchuria", "mongolia"):
            for page in sorted((site / script / text).glob("*/index.html")):
                if page.parent.name != "apparatus" and 'class="ed-cite' in page.read_text(encoding="utf-8"):
                    yield script, text, page


def test_romanized_runs_of_a_citation_are_set_as_english(site):
    """The pinyin, the translation and Chicago's words carry lang="en" (a Latin face: the
    apostrophe of Mongolia’s is not a full-width CJK glyph); the characters do not."""
    page = (site / "hans" / "mongolia" / "yalta" / "index.html").read_text(encoding="utf-8")
    note = re.search(r'<span class="ed-cite-text" data-cite="original-note">(.*?)</span></p>', page).group(1)
    english = [html.unescape(run) for run in re.findall(r'<span lang="en">([^<]*)</span>', note)]
    assert "Jiang Jieshi yu 1945-1952 nian de Wai Menggu duli wenti" in english
    assert any("Outer Mongolia’s independence" in run for run in english)
    assert not any(re.search(r"[\u4e00-\u9fff]", run) for run in english)
    assert re.search(r'<span class="ed-loc" lang="en"[^>]*>pp?\. ', note)


def test_every_chapter_citation_names_its_chapter(site, config):
    """Each of the six strings of every chapter box holds the chapter's heading: as printed in the
    original's, as the page shows it in the edition's (both read from the page's own <h1>)."""
    import yaml

    from tests.conftest import ROOT
    declared = yaml.safe_load((ROOT / "sources" / "edition.yml").read_text(encoding="utf-8"))["texts"]
    pages = list(chapter_pages(site))
    assert len(pages) == 2 * (6 + 5)
    printed = {}
    for script, text, page in pages:
        source_script = next(t["script"] for t in declared if t["id"] == text)
        content = page.read_text(encoding="utf-8")
        heading = html.unescape(re.search(r"<h1[^>]*>(.*?)</h1>", content, re.S).group(1)).strip()
        heading = re.sub(r"<[^>]+>", "", heading).replace("、 ", "、")
        if script == source_script:
            printed[(text, page.parent.name)] = heading
    for _, text, page in pages:
        cited = box(page.read_text(encoding="utf-8"))
        assert sorted(cited) == sorted(KINDS), page
        shown = re.sub(r"<[^>]+>", "", html.unescape(re.search(r"<h1[^>]*>(.*?)</h1>", page.read_text(
            encoding="utf-8"), re.S).group(1))).strip().replace("、 ", "、")
        for kind, citation in cited.items():
            expected = printed[(text, page.parent.name)] if kind.startswith("original") else shown
            assert expected in citation, (page, kind, citation)


def test_no_citation_says_the_year_is_unknown(site):
    files = [p for p in site.rglob("*") if p.suffix in {".html", ".json", ".bib", ".ris", ".txt", ".xml"}]
    said = [str(p) for p in files if any(word in p.read_text(encoding="utf-8")
                                         for word in ("[出版年不詳]", "[出版年不详]", "n.d."))]
    assert said == []


@pytest.mark.parametrize("script", ["hant", "hans"])
def test_about_page_gives_the_estimated_year_and_its_evidence(site, script):
    about = html.unescape((site / script / "about" / "index.html").read_text(encoding="utf-8"))
    estimate = re.search(r'<p class="ed-year-estimate" id="year-manchuria">(.*?)</p>', about, re.S).group(1)
    assert "[2005?]" in estimate and "sources/manchuria.txt:675" in estimate
    assert {"hant": "抽取本無書名頁", "hans": "抽取本无书名页"}[script] in estimate    # the page's script,
    assert not re.search("[A-Za-z]{4,}", re.sub("<[^>]*>", "", estimate).replace("sources/manchuria.txt", ""))
    assert 'id="year-mongolia"' not in about                # the article prints its year
