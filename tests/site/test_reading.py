"""The reading aids' pieces outside the browser: the previous/next chapter of every chapter, the
page a chapter starts on, headings as printed, the sitemap's hreflang pairs."""
from types import SimpleNamespace
from xml.etree import ElementTree

import jinja2

from edition.core.model import Chapter, Paragraph, heading_line
from edition.site.mkdocs_build import TEMPLATES
from edition.site.reading import pager, start_page

STRINGS = {"contents": "目次", "chapter_prev": "上一章", "chapter_next": "下一章", "chapter_pager": "章節導覽",
           "chapter_start": "本章始於{page}", "page_marker_title": "原論文第{page}頁"}


def chapter(slug: str, label: str, pages: tuple[int, ...]) -> Chapter:
    return Chapter(slug, label, f"{slug} title", (Paragraph("heading", label, (1,), pages),), ())


def test_every_chapter_has_a_way_back_and_on():
    chapters = (chapter("front", "", ()), chapter("one", "第一章", (1,)), chapter("two", "第二章", (9,)),
                chapter("three", "第三章", (20, 21)))
    text = SimpleNamespace(chapters=chapters, source=SimpleNamespace(title="論文"))
    ways = [pager(text, c, STRINGS) for c in chapters[1:]]
    assert [(w["prev"]["href"], w["next"]["href"]) for w in ways] == [
        ("../index.md", "../two/index.md"), ("../one/index.md", "../three/index.md"),
        ("../two/index.md", "../index.md")]
    assert ways[1]["prev"]["title"] == "第一章 one title" and ways[0]["prev"]["label"] == "目次"


def test_a_chapter_names_the_page_it_starts_on():
    assert start_page(chapter("two", "第二章", (21, 22)), STRINGS) == "本章始於原論文第21頁"
    assert start_page(chapter("two", "第二章", ()), STRINGS) == ""


def test_a_heading_joins_label_and_title_as_printed():
    """No ASCII space after a full-width mark (二、《雅爾塔協定》), one after 第二章."""
    assert heading_line("二、", "《雅爾塔協定》與國民政府的外交攻防") == "二、《雅爾塔協定》與國民政府的外交攻防"
    assert heading_line("第二章", "莫斯科談判前之東北問題") == "第二章 莫斯科談判前之東北問題"
    assert heading_line("壹、", "研究動機") == "壹、研究動機" and heading_line("", "前言") == "前言"


def sitemap(site: str) -> ElementTree.Element:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES / "overrides"), autoescape=False)
    page = SimpleNamespace(is_link=False, canonical_url=f"{site}hant/manchuria/intro/" if site else None,
                           url="manchuria/intro/", update_date="2026-12-03")
    config = {"extra": {"other_script": {"lang": "zh-Hans", "site": f"{site}hans/" if site else ""}},
              "theme": {"language": "zh-Hant"}}
    return ElementTree.fromstring(env.get_template("sitemap.xml").render(pages=[SimpleNamespace(page=page)],
                                                                          config=config).encode())


def test_the_sitemap_pairs_each_page_with_its_other_script():
    xhtml = "{http://www.w3.org/1999/xhtml}link"
    links = {link.get("hreflang"): link.get("href") for link in sitemap("https://ed.example.net/").iter(xhtml)}
    assert links == {"zh-Hant": "https://ed.example.net/hant/manchuria/intro/",
                     "zh-Hans": "https://ed.example.net/hans/manchuria/intro/"}
    assert list(sitemap("").iter(xhtml)) == []     # no site_url: no absolute address to give
