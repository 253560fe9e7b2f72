"""The built site as files: every internal link and anchor resolves, ids are unique, nothing is
loaded from another host, both scripts mirror each other."""
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest

FETCHING = {("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"), ("source", "src")}
NOT_FETCHED_RELS = {"canonical", "alternate", "sitemap"}


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.links, self.fetches, self.duplicates, self.lang = set(), [], [], [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        for name in ("id", "name") if tag == "a" else ("id",):
            if attrs.get(name):
                if attrs[name] in self.ids and name == "id":
                    self.duplicates.append(attrs[name])
                self.ids.add(attrs[name])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        for fetch_tag, attribute in FETCHING:
            if tag == fetch_tag and attrs.get(attribute) and attrs.get("rel") not in NOT_FETCHED_RELS:
                self.fetches.append(attrs[attribute])


@pytest.fixture(scope="module")
def pages(site):
    parsed = {}
    for path in site.rglob("*.html"):
        page = Page()
        page.feed(path.read_text(encoding="utf-8"))
        parsed[path] = page
    return parsed


def target_file(site: Path, page: Path, href: str) -> tuple[Path | None, str]:
    url = urlparse(urljoin("http://edition.test/" + str(page.relative_to(site)), href))
    if url.netloc != "edition.test":
        return None, ""
    path = site / unquote(url.path).lstrip("/")
    if path.is_dir() or url.path.endswith("/"):
        path = path / "index.html"
    return path, unquote(url.fragment)


def test_every_internal_link_and_anchor_resolves(site, pages):
    broken = []
    for path, page in pages.items():
        if path.name == "404.html":
            continue  # its links are absolute to the hosted prefix, checked below with the server root
        for href in page.links:
            if href.startswith(("mailto:", "javascript:")):
                continue
            target, fragment = target_file(site, path, href)
            if target is None:
                continue
            if not target.exists():
                broken.append(f"{path.relative_to(site)}: {href} (no file)")
            elif fragment and target.suffix == ".html" and fragment not in pages[target].ids:
                broken.append(f"{path.relative_to(site)}: {href} (no anchor)")
    assert broken == []
    assert sum(len(p.links) for p in pages.values()) > 3000  # the crawl really covered the site


def test_ids_are_unique_on_every_page(pages):
    assert {str(p): page.duplicates for p, page in pages.items() if page.duplicates} == {}


def test_nothing_is_fetched_from_another_host(site, pages):
    foreign = [(str(p.relative_to(site)), f) for p, page in pages.items() for f in page.fetches
               if urlparse(f).netloc]
    assert foreign == []
    for css in site.rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?https?://", css.read_text(encoding="utf-8")), css
        assert "@import url(http" not in css.read_text(encoding="utf-8")


def test_both_scripts_mirror_paths_and_anchors(site, pages):
    for script, lang in (("hant", "zh-Hant"), ("hans", "zh-Hans")):
        assert all(page.lang == lang for path, page in pages.items() if path.is_relative_to(site / script))
    hant = {p.relative_to(site / "hant") for p in (site / "hant").rglob("*.html")}
    hans = {p.relative_to(site / "hans") for p in (site / "hans").rglob("*.html")}
    assert hant == hans
    for relative in hant:
        anchors = lambda s: {i for i in pages[site / s / relative].ids if re.fullmatch(r"p\d{4}|n\d+|page-\d+", i)}
        assert anchors("hant") == anchors("hans"), relative


def test_exports_for_all_four_pairs_share_ids(site):
    for text in ("manchuria", "mongolia"):
        hant = json.loads((site / "data" / f"{text}.hant.json").read_text(encoding="utf-8"))
        hans = json.loads((site / "data" / f"{text}.hans.json").read_text(encoding="utf-8"))
        assert [p["id"] for p in hant["paragraphs"]] == [p["id"] for p in hans["paragraphs"]]
        assert [n["ref"] for n in hant["notes"]] == [n["ref"] for n in hans["notes"]]
        assert hant["script"] == "hant" and hans["script"] == "hans"


def test_converted_text_keeps_names_and_protected_spans(site):
    mongolia = json.loads((site / "data" / "mongolia.hant.json").read_text(encoding="utf-8"))
    notes = " ".join(n["text"] for n in mongolia["notes"])
    assert "東京大学出版会" in notes and "東京大學出版會" not in notes  # Japanese is never converted
    assert "后東升" in notes and "李嘉谷" in notes                      # declared name forms
    manchuria = json.loads((site / "data" / "manchuria.hans.json").read_text(encoding="utf-8"))
    text = " ".join(p["text"] for p in manchuria["paragraphs"])
    assert "蒋经国" in text and "沿着" in text and "Yalta Conference" in text


def test_footnotes_keep_thesis_numbers(site):
    chapter = (site / "hant" / "manchuria" / "before-moscow" / "index.html").read_text(encoding="utf-8")
    assert 'id="n19"' in chapter and 'value="19"' in chapter and 'href="#nref19"' in chapter
    article = (site / "hans" / "mongolia" / "yalta" / "index.html").read_text(encoding="utf-8")
    assert "本文第2页注3" in article and "本文第3页注1" in article   # the article's own pages, not the journal's


def test_audit_pages_count_the_conversion(site):
    audit = (site / "hant" / "audit" / "mongolia" / "index.html").read_text(encoding="utf-8")
    assert "Conversion hans -&gt; hant" in audit or "Conversion hans -> hant" in audit
    assert "東京大学出版会" in audit  # a protected Japanese span is listed
