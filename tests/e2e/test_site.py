"""The built site as files: every internal link and anchor resolves, ids are unique, nothing is
loaded from another host, both scripts mirror each other."""
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest

from tests.conftest import ROOT

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
        for href in page.links:   # the 404 page's links are absolute paths: they resolve from the site root
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

    def anchors(script: str, relative: Path) -> set[str]:
        return {i for i in pages[site / script / relative].ids if re.fullmatch(r"p\d{4}|n\d+|page-\d+", i)}
    for relative in hant:
        assert anchors("hant", relative) == anchors("hans", relative), relative


VOID = {"br", "hr", "img", "input", "link", "meta", "source", "wbr", "col", "area", "base", "embed", "track"}


class Texts(HTMLParser):
    """Every text node of a page with the open elements around it: (text, [(tag, attrs), ...])."""

    def __init__(self):
        super().__init__()
        self.open, self.texts, self.alternates, self.headings = [], [], {}, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "alternate" and attrs.get("hreflang"):
            self.alternates[attrs["hreflang"]] = attrs["href"]
        if re.fullmatch(r"h[1-6]", tag) and any(t == "article" for t, _ in self.open):
            self.headings.append(int(tag[1]))
        if tag not in VOID:
            self.open.append((tag, attrs))

    def handle_endtag(self, tag):
        while self.open:
            if self.open.pop()[0] == tag:
                break

    def handle_data(self, data):
        if data.strip() and not any(t in ("script", "style") for t, _ in self.open):
            self.texts.append((data, list(self.open)))


@pytest.fixture(scope="module")
def texts(site):
    parsed = {}
    for path in list((site / "hant").rglob("*.html")) + list((site / "hans").rglob("*.html")):
        page = Texts()
        page.feed(path.read_text(encoding="utf-8"))
        parsed[path] = page
    return parsed


def interface_part(open_elements) -> bool:
    """Navigation, headings, table headers and the header bar: the site's interface."""
    for tag, attrs in open_elements:
        classes = attrs.get("class") or ""
        if tag in ("nav", "th", "h1", "h2", "h3", "h4", "h5", "h6", "title") or "md-nav" in classes \
                or "md-header" in classes:
            return True
    return False


def test_interface_of_the_chinese_sites_has_no_latin_word(texts):
    """Latin words in navigation, headings and table headers must be the authors' own (they occur
    in a raw text: "VS." in a thesis heading, a name in a title) or inside a lang span (a foreign
    name in a glossary table), never the interface's."""
    root = ROOT / "sources"
    raw = (root / "manchuria.txt").read_text(encoding="utf-8") + (root / "mongolia.txt").read_text(encoding="utf-8")
    found = set()
    for page in texts.values():
        for text, open_elements in page.texts:
            if not interface_part(open_elements) or any(attrs.get("lang") for _, attrs in open_elements[2:]):
                continue
            found |= {word for word in re.findall(r"[A-Za-z]{2,}", text) if word not in raw}
    assert found == set()


def test_the_check_for_latin_words_sees_them(texts):
    page = Texts()
    page.feed('<html lang="zh-Hant"><body><nav class="md-nav">Audit: manchuria</nav><h2>稽核</h2></body></html>')
    assert [t for t, o in page.texts if interface_part(o)] == ["Audit: manchuria", "稽核"]


def test_no_page_names_an_alternate_whose_sitemap_is_missing(site, texts):
    """Material fetches sitemap.xml beside every <link rel=alternate>: with the alternate naming the
    same page in the other script, that was a request for a missing file on every page. The hreflang
    pairs live in the sitemap (templates/overrides/sitemap.xml; tests/site/test_reading.py)."""
    assert sum(1 for page in texts.values() if page.alternates) == 0
    assert len(texts) > 100


def test_headings_descend_one_level_at_a_time(texts):
    skipped = {str(path): page.headings for path, page in texts.items()
               if page.headings and (page.headings.count(1) != 1 or page.headings[0] != 1
                                     or any(b > a + 1 for a, b in zip(page.headings, page.headings[1:], strict=False)))}
    assert skipped == {}


FOREIGN_CHARS = {"ru": re.compile(r"[\u0400-\u04ff]"), "ja": re.compile(r"[\u3040-\u30ff]")}


def test_russian_japanese_and_english_runs_carry_their_lang(site, texts):
    counts = {"ru": 0, "ja": 0, "en": 0}
    for path, page in texts.items():
        for text, open_elements in page.texts:
            inside = [t for t, a in open_elements if t == "article"]
            if not inside or any(t in ("code", "pre") for t, _ in open_elements):
                continue
            langs = [a.get("lang") for _, a in open_elements if a.get("lang")]
            lang = langs[-1] if langs else ""
            for code, pattern in FOREIGN_CHARS.items():
                if pattern.search(text):
                    assert lang == code, (str(path), text)
                    counts[code] += 1
            if any(a.get("class", "").startswith("ed-p") for _, a in open_elements) and re.search(r"[A-Za-z]{3}", text):
                assert lang in ("en", "ru", "ja", "zh-Latn"), (str(path), text)
                counts["en"] += 1
    assert all(n > 10 for n in counts.values()), counts
