"""Search as readers use it: queries typed into the real search box of the built site, in Debian's
Chromium. Expected passages come from the data exports (site/data/<text>.<script>.json) searched
with plain Python substring tests, never from the search index."""
import itertools
import json
import re
from urllib.parse import unquote, urlparse

import pytest

from tests.e2e.conftest import tab_fixtures

OTHER = {"hant": "hans", "hans": "hant"}


# One kept tab (conftest.Tab), as a reader who asked for reduced motion sees the site: the search
# box opens without Material's transitions, whose frames Chromium draws in software (measured: this
# module's tests, 50 CPU-seconds with the transitions and 40 without). The tests that make their
# own context (`fresh_page`, the phones) search with the default motion.
page_tab, page = tab_fixtures("page", lambda tab: tab.set_default_timeout(15000),
                              viewport={"width": 1400, "height": 1000}, reduced_motion="reduce")


_TURNS = itertools.cycle(["hant", "hans"])


def in_turn() -> list[str]:
    """The script of a test whose subject is not the script: the two in turn down this file. Each
    script's search box is the same code over its own index; the tests of what one script finds
    typed in the other's characters, of names and of typos take both."""
    return [next(_TURNS)]


def passages_containing(site, script: str, *needles: str) -> set[tuple[str, str]]:
    """(text id, anchor) of every paragraph and note whose text holds one of `needles`."""
    found = set()
    for path in sorted((site / "data").glob(f"*.{script}.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for unit in data["paragraphs"] + data["notes"]:
            if any(needle in unit["text"] for needle in needles):
                found.add((data["id"], unit["id"]))
    return found


def type_query(page, server, script: str, query: str, start: str = "") -> None:
    page.goto(f"{server}/{script}/{start}")
    page.click(".md-search__input")
    page.keyboard.type(query)
    page.wait_for_selector(f"[data-ed-done='{query}']")


SHOWN = "document.querySelectorAll('[data-ed-search-list] > li:not(.ed-search-more)').length"
# The remaining presses of 'more', in one round trip: the button clicked, the list waited for.
MORE = f"""async () => {{
    for (let button; (button = document.querySelector('[data-ed-search-more]')); ) {{
        const before = {SHOWN}, pressed = performance.now();
        button.click();
        while ({SHOWN} <= before) {{
            if (performance.now() - pressed > 10000) throw new Error("'more' added no result in 10 s");
            await new Promise(requestAnimationFrame);
        }}
    }}
}}"""


def results(page) -> list[dict]:
    """Every result of the current answer, pressing 'more' until all are shown: the first press is
    a real click (the button works as a reader's tap does), the others are the button's own click()
    in the page, which saves a round trip per page of results."""
    if page.locator("[data-ed-search-more]").count():
        before = page.evaluate(SHOWN)
        page.click("[data-ed-search-more]")
        page.wait_for_function(f"{SHOWN} > {before}")
        page.evaluate(MORE)
    return page.evaluate("""() => Array.from(document.querySelectorAll('[data-ed-search-list] > li')).map(li => ({
        entry: li.classList.contains('ed-hit-entry-item'), heading: li.classList.contains('ed-search-heading'),
        href: (li.querySelector('a') || {}).href || '',
        chapter: (li.querySelector('.ed-hit-chapter') || {}).textContent || '',
        text: (li.querySelector('.ed-hit-text') || {}).textContent || '',
        place: (li.querySelector('.ed-hit-place') || {}).textContent || '',
        marks: Array.from(li.querySelectorAll('mark')).map(m => m.textContent)}))""")


def passage_keys(items: list[dict], script: str) -> set[tuple[str, str]]:
    keys = set()
    for item in items:
        if item["entry"] or item["heading"]:
            continue
        url = urlparse(item["href"])
        parts = unquote(url.path).strip("/").split("/")
        assert parts[0] == script, item["href"]
        keys.add((parts[1], url.fragment))
    return keys


@pytest.mark.parametrize("script, typed, native", [("hant", "蒋经国", "蔣經國"), ("hans", "蔣經國", "蒋经国"),
                                                   ("hans", "蔣介石", "蒋介石"), ("hant", "苏联", "蘇聯")])
def test_either_script_finds_the_same_passages(page, server, site, script, typed, native):
    type_query(page, server, script, native)
    native_hits = results(page)
    type_query(page, server, script, typed)
    typed_hits = results(page)
    assert passage_keys(typed_hits, script) == passage_keys(native_hits, script)
    assert passages_containing(site, script, native) <= passage_keys(typed_hits, script)
    assert {text for text, _ in passage_keys(typed_hits, script)} == {"manchuria", "mongolia"}
    marks = {m for item in typed_hits for m in item["marks"]}
    assert native in marks and typed not in marks                  # highlighted in the site's script
    assert page.inner_text("[data-ed-search-meta]") in (f"找到 {len(passage_keys(typed_hits, script))} 段",)


@pytest.mark.parametrize("script, query, hant, hans", [("hant", "中长铁路", "中長鐵路", "中长铁路"),
                                                      ("hans", "中长铁路", "中長鐵路", "中长铁路"),
                                                      ("hant", "北塔山", "北塔山", "北塔山"),
                                                      ("hans", "国民政府", "國民政府", "国民政府")])
def test_a_query_matches_as_a_whole_string(page, server, site, script, query, hant, hans):
    expected = {"hant": hant, "hans": hans}[script]
    type_query(page, server, script, query)
    items = results(page)
    hits = [item for item in items if not item["entry"]]
    assert hits and all(expected in item["text"] for item in hits)
    assert not any(item["heading"] for item in items)
    assert passage_keys(hits, script) == passages_containing(site, script, expected)


@pytest.mark.parametrize("script", in_turn())
def test_partial_matches_only_under_their_own_heading(page, server, site, script):
    query = "中长铁路北塔山"                                          # no passage holds the whole string
    assert not passages_containing(site, script, "中長鐵路北塔山", "中长铁路北塔山")
    type_query(page, server, script, query)
    items = results(page)
    assert "中长铁路北塔山" in page.inner_text("[data-ed-search-meta]")
    headings = [i for i, item in enumerate(items) if item["heading"]]
    assert len(headings) == 1 and items[headings[0] + 1:]
    assert all(not item["heading"] for item in items[headings[0] + 1:])


@pytest.mark.parametrize("script", in_turn())
def test_glossary_forms_are_synonyms(page, server, site, script):
    type_query(page, server, script, "雅爾達")
    items = results(page)
    article_forms = passages_containing(site, script, {"hant": "雅爾塔", "hans": "雅尔塔"}[script])
    article_forms = {key for key in article_forms if key[0] == "mongolia"}
    assert article_forms and article_forms <= passage_keys(items, script)
    entries = [item["href"] for item in items if item["entry"]]
    assert items[0]["entry"] and len(entries) == len(set(entries))
    assert any(href.endswith("/glossary/yalta-1945/") for href in entries)


@pytest.mark.parametrize("script", in_turn())
def test_a_treatys_own_entry_comes_first_and_once(page, server, site, script):
    type_query(page, server, script, "中苏友好同盟条约")
    items = results(page)
    entries = [urlparse(item["href"]).path for item in items if item["entry"]]
    assert items[0]["entry"] and entries == [f"/{script}/glossary/sino-soviet-1945/"]
    typed = {"hant": "中蘇友好同盟條約", "hans": "中苏友好同盟条约"}[script]
    first = [item for item in items if not item["entry"]][:5]
    assert all(typed in item["text"] for item in first)          # the form as typed ranks first


@pytest.mark.parametrize("script", in_turn())
def test_a_readers_form_finds_the_texts_form(page, server, site, script):
    type_query(page, server, script, "彼得罗夫")                     # search_forms of the glossary entry
    items = results(page)
    assert items[0]["entry"] and items[0]["href"].endswith("/glossary/petrov/")
    assert passage_keys(items, script) == passages_containing(site, script, "彼得洛夫")


@pytest.mark.parametrize("script", in_turn())
def test_results_are_passages_with_chapter_and_page(page, server, site, script):
    type_query(page, server, script, "史達林")
    items = results(page)
    hits = [item for item in items if not item["entry"]]
    assert len(hits) > 50
    for item in hits:
        url = urlparse(item["href"])
        assert re.fullmatch(r"p\d{4}|n\d+", url.fragment), item["href"]
        assert "/glossary/" not in url.path                          # never a glossary keyword-in-context line
        assert item["chapter"] and item["text"]
        # whose pages: the thesis's own, or the article's own, which are not the journal's
        thesis = "/manchuria/" in url.path
        pattern = (r"原[論论]文第\d+(–\d+)?[頁页]" if thesis     # a note numbered per page: 本文第4頁注⑥（非…）
                   else r"本文第\d+(–\d+)?[頁页](注\S+?)?（非期刊[頁页]碼）|本文第\d+(–\d+)?页(注\S+?)?（非期刊页码）")
        assert re.search(pattern, item["place"]), item["place"]
    entries = [item for item in items if item["entry"]]
    assert [urlparse(item["href"]).path for item in entries] == [f"/{script}/glossary/stalin/"]


def test_results_can_be_filtered_by_text(page, server, site):
    type_query(page, server, "hans", "斯大林")
    everything = passage_keys(results(page), "hans")
    page.select_option("[data-ed-search-filter]", "mongolia")
    page.wait_for_function("!document.querySelector("
                           "'[data-ed-search-list] > li:not(.ed-hit-entry-item) a[href*=\"/manchuria/\"]')")
    only = passage_keys(results(page), "hans")
    assert only == {key for key in everything if key[0] == "mongolia"} and only != everything


@pytest.mark.parametrize("script", in_turn())
def test_keyboard_screen_reader_and_shared_links(page, server, script):
    type_query(page, server, script, "北塔山", start="mongolia/")
    assert page.get_attribute("[data-ed-search-meta]", "aria-live") == "polite"
    assert page.evaluate("document.querySelector('[data-ed-search-list]').tagName") == "OL"
    assert page.get_attribute("[data-ed-search-list]", "role") is None
    assert "q=%E5%8C%97%E5%A1%94%E5%B1%B1" in page.url
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.closest('[data-ed-search-list]') !== null")
    page.keyboard.press("Escape")
    assert not page.is_checked("#__search") and "q=" not in page.url
    shared = f"{server}/{script}/mongolia/?q=%E5%8C%97%E5%A1%94%E5%B1%B1"
    page.goto(shared)
    page.wait_for_selector("[data-ed-done='北塔山']")
    assert page.is_checked("#__search") and page.locator("[data-ed-search-list] a").count()
    assert page.input_value(".md-search__input") == "北塔山"


def test_more_adds_the_next_page_after_the_passages_shown_and_the_focus_goes_to_it(page, server, site):
    """'more' pressed from the keyboard: the passages shown stay (the same nodes, so a screen reader's
    place and the page's scroll are kept), the next page comes after them, and the focus moves to the
    first passage added (it was on the button, which is gone), never back to the page's top."""
    type_query(page, server, "hans", "蒋介石")
    page.evaluate("window.firstPage = Array.from(document.querySelectorAll('[data-ed-search-list] > li'))"
                  ".filter(li => !li.matches('.ed-search-more'))")
    shown = page.evaluate("window.firstPage.length")
    assert shown >= 20 and page.locator("[data-ed-search-more]").count() == 1
    page.focus("[data-ed-search-more]")
    page.keyboard.press("Enter")
    page.wait_for_function(f"{SHOWN} > {shown}")
    assert page.evaluate("""() => { const now = Array.from(document.querySelectorAll('[data-ed-search-list] > li'));
                                    return window.firstPage.every((li, i) => now[i] === li); }""")
    focused = page.evaluate("""() => { const items = Array.from(document.querySelectorAll(
                                   '[data-ed-search-list] > li:not(.ed-search-more)'));
                                   return items.findIndex(li => li.contains(document.activeElement)); }""")
    assert focused == shown
    assert page.locator("[data-ed-search-more]").count() <= 1


class Held:
    """The passages' chunks (search/d/*.json) held back while `holding`: the clicks a test makes in the
    meantime land while the answer is still being drawn, as on a slow connection."""

    def __init__(self, page):
        self.holding, self.routes = False, []
        page.route("**/search/d/*.json", self.arrive)

    def arrive(self, route) -> None:
        if self.holding:
            self.routes.append(route)
        else:
            route.continue_()

    def release(self) -> int:
        held, self.routes, self.holding = self.routes, [], False
        for route in held:
            route.continue_()
        return len(held)


def shown_whole(page, query: str) -> None:
    """Pressing 'more' to the end shows every passage of the answer to `query` once, each with a mark
    (the query, or a name it stands for), as many as the count says: the list was drawn from the
    answer, none skipped, none left over from another."""
    items = [item for item in results(page) if not item["entry"] and not item["heading"]]
    count = int(re.search(r"\d+", page.inner_text("[data-ed-search-meta]")).group())
    docs = page.evaluate("Array.from(document.querySelectorAll('[data-ed-search-list] > li[data-doc]'))"
                         ".map(li => li.dataset.doc)")
    assert len(docs) == len(set(docs)) == count == len(items)
    assert all(item["marks"] for item in items) and query in page.input_value(".md-search__input")


def test_more_pressed_while_the_list_is_still_drawn_never_skips_nor_mixes_answers(page, server):
    """Found by review: 'more' pressed twice before the next page arrived skipped 20 passages for
    good; pressed on the old list after a filter was chosen, or a new query typed, it added the wrong
    answer's passages (or left the old answer shown under the new query, marked done)."""
    held = Held(page)
    type_query(page, server, "hans", "蒋介石")
    held.holding = True                                  # twice, before the next page has come
    page.click("[data-ed-search-more]")
    page.click("[data-ed-search-more]")
    assert held.release()
    page.wait_for_function(f"{SHOWN} >= 60")
    shown_whole(page, "蒋介石")

    type_query(page, server, "hans", "蒋介石")
    held.holding = True                                  # a text chosen, the old list's 'more' pressed
    page.select_option("[data-ed-search-filter]", "manchuria")
    page.click("[data-ed-search-more]")
    assert held.release()
    page.wait_for_function("document.querySelectorAll('[data-ed-search-list] > li[data-doc]').length >= 20")
    shown_whole(page, "蒋介石")
    assert {urlparse(item["href"]).path.split("/")[2] for item in results(page) if not item["entry"]} == {"manchuria"}

    type_query(page, server, "hans", "蒋介石")
    held.holding = True                                  # a new query typed, the old list's 'more' pressed
    page.fill(".md-search__input", "北塔山")
    page.wait_for_function("new URL(location.href).searchParams.get('q') === '北塔山'")
    page.wait_for_timeout(100)                           # its answer found, its passages held
    page.click("[data-ed-search-more]")
    held.release()
    page.wait_for_selector("[data-ed-done='北塔山']")
    page.wait_for_function("!document.querySelector('[data-ed-search-list] mark') || "
                           "Array.from(document.querySelectorAll('[data-ed-search-list] mark'))"
                           ".every(m => m.textContent === '北塔山')")
    shown_whole(page, "北塔山")


def test_search_loads_only_its_own_small_files(fresh_page, server):
    page = fresh_page
    type_query(page, server, "hant", "蒋经国")
    requested = [url for url in page.requests if "/search" in url or "search_index" in url]
    assert all(urlparse(url).netloc == urlparse(server).netloc for url in page.requests)
    assert not any("search_index" in url for url in requested)       # Material's whole-site index is gone
    assert any(url.endswith("/hant/search/manifest.json") for url in requested)


def test_passage_text_is_shown_as_text_never_markup(fresh_page, server):
    """A hostile string in a passage (as an editor's typo could put there) is shown, not run."""
    page = fresh_page
    hostile = '北塔山<img id="evil" src="x" onerror="document.body.dataset.owned=1">'

    def tamper(route):
        chunk = json.loads(route.fetch().text())
        for record in chunk:
            if "北塔山" in record[3]:
                record[3] = hostile
        route.fulfill(json=chunk)
    page.route("**/hans/search/d/*.json", tamper)
    type_query(page, server, "hans", "北塔山")
    assert page.locator("#evil").count() == 0 and page.evaluate("document.body.dataset.owned") is None
    assert '<img id="evil"' in page.inner_text("[data-ed-search-list]")


# ---- search that knows the glossary (issue 21, item 7) ----

def glossary_entries() -> list[dict]:
    """The glossary as the editors wrote it (sources/glossary/*.yml), read with a YAML parser."""
    import yaml

    from tests.conftest import ROOT
    return [entry for path in sorted((ROOT / "sources" / "glossary").glob("*.yml"))
            for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or [] if isinstance(entry, dict)]


ANSWER = """async query => {
    await edLoadSearch();            // the page loads the search when it is first wanted (edition.js)
    await edSearch.loadManifest();
    const answer = await edSearch.search(query);
    const manifest = await edSearch.loadManifest();
    const records = await Promise.all(answer.hits.map(edSearch.passage));
    return {partial: answer.partial, suggestion: answer.suggestion || null,
            entries: answer.entries.map(entry => entry[2]),
            hits: records.map(r => [manifest.chapters[r[0]].u.split('/')[0], r[1]])};
}"""


@pytest.mark.parametrize("script", in_turn())
def test_latin_names_find_what_their_chinese_forms_find(page, server, site, script):
    """Every entry with an English name: that name, and its romanised one, as the entry page shows
    them, find at least 80% of the passages that hold one of the entry's Chinese forms (found by
    scanning the exports)."""
    page.goto(f"{server}/{script}/")
    column = {"hant": 0, "hans": 1}[script]
    checked, short = 0, []
    for entry in glossary_entries():
        if not entry.get("en"):
            continue
        expected = passages_containing(site, script, *[pair[column] for pair in entry["forms"]])
        if not expected:
            continue
        for name in filter(None, (entry["en"], entry.get("romanized"))):
            answer = page.evaluate(ANSWER, name)
            found = {tuple(hit) for hit in answer["hits"]}
            assert not answer["partial"] and entry["id"] in answer["entries"], name
            if len(found & expected) < 0.8 * len(expected):
                short.append((name, len(found & expected), len(expected)))
            checked += 1
    assert checked > 120 and short == []


@pytest.mark.parametrize("script, query, entry, native", [
    ("hant", "Stalin", "stalin", "史達林"), ("hans", "Stalin", "stalin", "斯大林"),
    ("hant", "Chiang Kai-shek", "chiang-kai-shek", "蔣中正"), ("hans", "T. V. Soong", "soong-tse-ven", "宋子文"),
    ("hant", "Truman", "truman", "杜魯門")])
def test_a_latin_name_typed_in_the_box(page, server, site, script, query, entry, native):
    type_query(page, server, script, query)
    items = results(page)
    entries = [urlparse(item["href"]).path for item in items if item["entry"]]
    assert items[0]["entry"] and entries == [f"/{script}/glossary/{entry}/"]
    keys = passage_keys(items, script)
    assert len(keys) >= 0.8 * len(passages_containing(site, script, native)) and len(keys) > 5
    assert native in {m for item in items for m in item["marks"]}       # the Chinese form is what is marked


@pytest.mark.parametrize("script, query, other", [("hant", "雅爾達", "雅爾塔"), ("hans", "雅尔达", "雅尔塔")])
def test_best_matches_first_not_text_order(page, server, site, script, query, other):
    """The article writes 雅爾塔 where the thesis writes 雅爾達; the thesis comes first in reading
    order, with more passages than a page holds: the article still shows on the first page."""
    thesis = {key for key in passages_containing(site, script, query) if key[0] == "manchuria"}
    article = {key for key in passages_containing(site, script, other) if key[0] == "mongolia"}
    assert len(thesis) > 20 and article
    type_query(page, server, script, query)
    first_page = passage_keys([item for item in results_shown(page) if not item["entry"]], script)
    assert len(first_page) == 20 and first_page & article


def results_shown(page) -> list[dict]:
    return page.evaluate("""() => Array.from(document.querySelectorAll('[data-ed-search-list] > li'))
        .filter(li => li.querySelector('a')).map(li => ({entry: li.classList.contains('ed-hit-entry-item'),
        heading: false, href: li.querySelector('a').href}))""")


@pytest.mark.parametrize("script, typo, name", [("hant", "莫斯料", "莫斯科"), ("hans", "莫斯料", "莫斯科"),
                                                ("hant", "史達材", "史達林"), ("hans", "斯大材", "斯大林"),
                                                ("hans", "Stalim", "Stalin")])
def test_one_wrong_character_suggests_the_glossary_name(page, server, site, script, typo, name):
    assert not passages_containing(site, script, typo)
    type_query(page, server, script, typo)
    suggestion = page.locator("[data-ed-search-suggest]")
    assert suggestion.inner_text() == name
    page.keyboard.press("ArrowDown")                  # the keyboard reaches it first, Enter takes it
    assert page.evaluate("document.activeElement.dataset.edSearchSuggest") == name
    page.keyboard.press("Enter")
    page.wait_for_selector(f"[data-ed-done='{name}']")
    assert page.input_value(".md-search__input") == name
    assert passage_keys(results(page), script) >= passages_containing(site, script, name)


@pytest.mark.parametrize("script", in_turn())
def test_no_suggestion_for_a_query_far_from_every_name(page, server, script):
    type_query(page, server, script, "莫料料")
    assert page.locator("[data-ed-search-suggest]").count() == 0


@pytest.mark.parametrize("script, query, forms", [("hant", "史達林", {"史達林", "斯大林"}),
                                                  ("hans", "蒋经国", {"蒋经国"}), ("hans", "Molotov", {"莫洛托夫"})])
def test_the_opened_result_marks_the_term(page, server, script, query, forms):
    type_query(page, server, script, query)
    link = page.locator("[data-ed-search-list] li:not(.ed-hit-entry-item) a").nth(4)
    anchor = urlparse(link.get_attribute("href")).fragment
    link.click()
    page.wait_for_selector("mark.ed-found")
    assert urlparse(page.url).fragment == anchor and "h=" in page.url
    marks = page.evaluate(f"""() => Array.from(document.getElementById('{anchor}').querySelectorAll('mark.ed-found'))
        .map(m => m.textContent)""")
    assert marks and set(marks) <= forms
    assert page.locator("mark.ed-found").count() == len(marks)                # only in the opened passage
    page.wait_for_function("""() => { const r = document.querySelector('mark.ed-found').getBoundingClientRect();
        return r.top >= 0 && r.bottom <= innerHeight; }""")                   # and brought into view


@pytest.mark.parametrize("script", in_turn())
def test_places_read_as_the_entry_pages_say(page, server, script):
    type_query(page, server, script, "莫洛托夫")
    items = [item for item in results(page) if not item["entry"]]
    assert items
    for item in items:
        assert "¶" not in item["place"] and not re.search(r"p\d{4}", item["place"]), item["place"]
        assert re.search(r"第\d+段|注\d+|第.節|[一二三四五六]、", item["place"]), item["place"]


@pytest.mark.parametrize("script", in_turn())
def test_the_filter_only_with_results_styled_and_by_chapter(page, server, site, script):
    filter_box = ".ed-search-filter"
    page.goto(f"{server}/{script}/")
    page.click(".md-search__input")
    assert not page.is_visible(filter_box)
    page.keyboard.type("qqqzzz")
    page.wait_for_selector("[data-ed-done='qqqzzz']")
    assert not page.is_visible(filter_box)                                   # nothing found: no filter
    type_query(page, server, script, "莫洛托夫")
    assert page.is_visible(filter_box)
    style = page.evaluate("""() => { const s = getComputedStyle(document.querySelector('[data-ed-search-filter]'));
        return {appearance: s.appearance, radius: s.borderTopLeftRadius, width: s.borderTopWidth}; }""")
    assert style["appearance"] == "none" and style["radius"] != "0px"
    everything = passage_keys(results(page), script)
    chapter = page.evaluate("""() => Array.from(document.querySelectorAll('[data-ed-search-filter] option'))
        .filter(o => o.value.startsWith('c') && !o.hidden).map(o => [o.value, o.textContent])[0]""")
    page.select_option("[data-ed-search-filter]", chapter[0])
    page.wait_for_function(f"document.querySelectorAll('[data-ed-search-list] > li:not(.ed-hit-entry-item)').length"
                           f" < {len(everything)}")
    only = passage_keys(results(page), script)
    count = int(re.search(r"（(\d+)）", chapter[1]).group(1))
    assert only < everything and len(only) == count
    assert len({urlparse(item["href"]).path for item in results(page) if not item["entry"]}) == 1


@pytest.mark.parametrize("script, query", [("hant", "蘇聯"), ("hans", "苏联")])
def test_search_loads_when_wanted_and_keeps_what_was_typed(browser, server, site, script, query):
    """On a phone the search is not part of the page's first view (no script of it has run), yet a
    query typed at once after the search key arrives whole, in order, and finds passages; a page
    that never opens the search fetches none of its files."""
    context = browser.new_context(viewport={"width": 390, "height": 800}, is_mobile=True, has_touch=True)
    try:
        phone = context.new_page()
        fetched: list[str] = []
        phone.on("request", lambda request: fetched.append(request.url))
        phone.goto(f"{server}/{script}/mongolia/yalta/")
        phone.wait_for_load_state("networkidle")
        assert phone.evaluate("typeof window.edSearch") == "undefined"
        assert not [url for url in fetched if "/search" in url], fetched
        phone.keyboard.press("/")
        phone.keyboard.type(query)
        phone.wait_for_selector("[data-ed-search-list] li")
        assert phone.input_value("[data-ed-search-query]") == query
        assert phone.locator("[data-ed-search-list] li").count() > 0
        assert expected_in(site, script, query)
    finally:
        context.close()


def expected_in(site, script: str, query: str) -> bool:
    """The query is in the exported text of the script (so some passage must be found)."""
    return bool(passages_containing(site, script, query))


def test_the_phones_search_button_puts_the_typing_in_the_box(browser, server):
    """On a phone the way in is the header's search button: one tap opens the dialog with the box
    focused (the keyboard comes up), so what is typed next is the query and finds passages."""
    context = browser.new_context(viewport={"width": 390, "height": 800}, is_mobile=True, has_touch=True)
    try:
        phone = context.new_page()
        phone.goto(f"{server}/hant/")
        phone.tap("label.md-header__button[for='__search']")
        assert phone.evaluate("document.activeElement.matches('[data-ed-search-query]')")
        phone.keyboard.type("Stalin")
        phone.wait_for_selector("[data-ed-search-list] li")
        assert phone.input_value("[data-ed-search-query]") == "Stalin"
    finally:
        context.close()


@pytest.mark.parametrize("address", ["hant/mongolia/yalta/?h=雅爾塔#p0012",
                                     "hans/manchuria/before-moscow/?h=Molotov#p0085"])
def test_on_a_phone_an_opened_result_shows_its_first_match_and_its_passages_start(browser, server, address):
    """A passage longer than the phone's screen: the first match in reading order is in view, and
    the passage's start with it when both fit (review: the page centred on a later match)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        phone = context.new_page()
        phone.goto(f"{server}/{address}")
        phone.wait_for_selector("mark.ed-found")
        anchor = address.rsplit("#", 1)[1]
        phone.wait_for_function(f"""() => {{
            const first = document.querySelector('#{anchor} mark.ed-found').getBoundingClientRect();
            return first.top >= 56 && first.bottom <= innerHeight; }}""", timeout=5000)
        top = phone.evaluate(f"document.getElementById('{anchor}').getBoundingClientRect().top")
        first = phone.evaluate(f"document.querySelector('#{anchor} mark.ed-found').getBoundingClientRect().bottom")
        if first - top < 844 * 0.7:
            assert top >= 0
    finally:
        context.close()
