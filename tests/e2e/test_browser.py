"""What readers do, in a real browser (Debian's Chromium driven by Playwright) on a static server."""
import re
from dataclasses import replace
from urllib.parse import urlparse

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from edition.exports.citation import Part, chicago_name, gbt_name
from edition.site.cite_box import slot, template
from tests.conftest import ROOT, copy_small
from tests.e2e.conftest import tab_fixtures


def _recording(page) -> None:
    page.on("request", lambda request: page.requests.append(request.url))


page_tab, _page = tab_fixtures("kept_page", _recording, viewport={"width": 1400, "height": 1000})


@pytest.fixture
def page(kept_page, server):
    """A page that records every request it makes (from this test on): one kept tab (conftest.Tab)."""
    kept_page.requests = []
    return kept_page


def in_viewport(page, selector: str) -> bool:
    return page.evaluate(f"""() => {{ const r = document.querySelector({selector!r}).getBoundingClientRect();
                                      return r.top >= 0 && r.top < window.innerHeight; }}""")


def test_hovering_a_note_marker_shows_its_text(page, server):
    page.goto(f"{server}/hant/manchuria/before-moscow/")
    page.hover("#nref19 a")
    popover = page.locator(".ed-note-pop")
    popover.wait_for(state="visible")
    assert popover.inner_text().startswith("19")
    assert "俄羅斯聯邦總統檔案館，全宗3，目錄63，案卷237" in popover.inner_text()


def test_a_note_opened_at_the_screens_foot_is_read_whole_without_scrolling(page, server):
    """On a desktop a note opens under its marker's line, or above it when the screen ends first."""
    page.goto(f"{server}/hant/manchuria/moscow-talks/")
    for where in (30, 500):          # the marker's line 30 px above the screen's foot, then mid-screen
        page.evaluate(f"""window.scrollBy(0, document.querySelector('#nref90').getBoundingClientRect().bottom
                                         - window.innerHeight + {where})""")
        assert page.locator("#nref90").bounding_box()["y"] > 400
        page.hover("#nref90 a")
        popover = page.locator(".ed-note-pop")
        popover.wait_for(state="visible")
        box, line = popover.bounding_box(), page.locator("#nref90").bounding_box()
        height = page.evaluate("window.innerHeight")
        assert box["y"] >= 64 and box["y"] + box["height"] <= height, (where, box, height)
        assert box["y"] >= line["y"] + line["height"] or box["y"] + box["height"] <= line["y"]   # never on it
        page.mouse.move(0, 0)
        page.keyboard.press("Escape")
        popover.wait_for(state="detached")


def test_following_a_note_and_its_back_link(page, server):
    """A click opens the note beside its marker; its link leads to the note in the list, whose ↩
    comes back to the marker."""
    page.goto(f"{server}/hans/mongolia/yalta/")
    page.click("#nref10 a")
    page.click(".ed-note-pop .ed-note-pop-list")
    page.wait_for_function("location.hash === '#n10'")
    assert in_viewport(page, "#n10")
    page.click("#n10 .footnote-backref")
    page.wait_for_function("location.hash === '#nref10'")
    assert in_viewport(page, "#nref10")


def test_script_switch_keeps_the_paragraph_anchor(page, server):
    page.goto(f"{server}/hant/manchuria/before-moscow/#p0100")
    page.click("[data-ed-switch]")
    page.wait_for_url(f"{server}/hans/manchuria/before-moscow/#p0100")
    assert page.evaluate("document.documentElement.lang") == "zh-Hans"
    assert in_viewport(page, "#p0100")
    assert "苏联" in page.inner_text("#p0100") or "中华民国" in page.inner_text("#p0100")


def test_script_switch_keeps_the_place_without_an_anchor(page, server):
    """Scrolled to a paragraph with no #anchor in the address, the switch opens the other script
    at that paragraph, not at the top of the page."""
    page.goto(f"{server}/hant/manchuria/before-moscow/")
    page.evaluate("document.getElementById('p0100').scrollIntoView()")
    page.wait_for_timeout(200)
    page.click("[data-ed-switch]")
    page.wait_for_url(f"{server}/hans/manchuria/before-moscow/#p0100")
    assert in_viewport(page, "#p0100")


def test_page_anchor_resolves(page, server):
    """#page-25 lands where page 25 begins; its visible marker reads [25] and is named for a
    screen reader as the thesis's own page (strings.yml: cite_page_thesis)."""
    page.goto(f"{server}/hant/manchuria/before-moscow/#page-25")
    assert in_viewport(page, "#page-25")
    marker = page.locator('a.ed-page[href$="#page-25"]')
    assert marker.inner_text() == "[25]"
    assert marker.get_attribute("aria-label") == "原論文第25頁"
    assert in_viewport(page, 'a.ed-page[href$="#page-25"]')


def test_nothing_is_requested_from_another_host(fresh_page, server):
    page = fresh_page
    for path in ("/hant/", "/hant/manchuria/before-moscow/", "/hans/mongolia/", "/hans/principles/"):
        page.goto(f"{server}{path}")
        page.wait_for_load_state("networkidle")
    hosts = {urlparse(url).netloc for url in page.requests if urlparse(url).scheme in ("http", "https")}
    assert hosts == {urlparse(server).netloc}


@pytest.mark.parametrize("script, name", [("hant", "彼得洛夫"), ("hans", "彼得洛夫")])
def test_mention_to_entry_and_back_to_the_paragraph(page, server, script, name):
    page.goto(f"{server}/{script}/manchuria/before-moscow/")
    link = page.locator("a.ed-term[href$='glossary/petrov/']").first
    paragraph_id = link.evaluate("a => a.closest('p').id")
    link.click()
    page.wait_for_url(f"{server}/{script}/glossary/petrov/")
    assert page.locator("h1").inner_text() == name
    back = page.locator(f".ed-kwic a[href$='before-moscow/#{paragraph_id}']").first
    back.click()
    page.wait_for_url(f"{server}/{script}/manchuria/before-moscow/#{paragraph_id}")
    assert in_viewport(page, f"#{paragraph_id}")
    assert name in page.inner_text(f"#{paragraph_id}")


@pytest.fixture(scope="module")
def revised_server(tmp_path_factory, small_edition):
    """A copy of the built small edition (tests/projects.py) rebuilt after a join, so that one
    anchor is retired."""
    import functools
    import http.server
    import json
    import threading

    from edition.build import build
    project = copy_small(small_edition, tmp_path_factory.mktemp("revised"))
    data = json.loads((project / "site" / "data" / "mongolia.hans.json").read_text(encoding="utf-8"))
    body = [p for p in data["paragraphs"] if p["chapter"] == "yalta" and p["kind"] == "body"]
    first, second = body[2], data["paragraphs"][data["paragraphs"].index(body[2]) + 1]
    corrections = project / "sources" / "corrections.yml"
    corrections.write_text(corrections.read_text(encoding="utf-8") +
                           f'- text: mongolia\n  join_after: "{first["text"][-16:]}"\n  reason: test join\n',
                           encoding="utf-8")
    build(project / "sources", project)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(project / "site"))
    handler.log_message = lambda *args: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", second["id"], first["id"]
    httpd.shutdown()


@pytest.mark.parametrize("script", ["hans", "hant"])
def test_retired_anchor_lands_on_its_successor_with_a_notice(page, revised_server, script):
    server, retired, successor = revised_server
    page.goto(f"{server}/{script}/mongolia/yalta/#{retired}")
    page.wait_for_function(f"location.hash === '#{successor}'")
    notice = page.locator(".ed-revised")
    notice.wait_for()
    assert f"#{retired}" in notice.inner_text()
    assert in_viewport(page, f"#{successor}")


@pytest.fixture(scope="module")
def elsewhere(site):
    """The same site served at another address (127.0.0.2, its own port), as a reader's host would
    be: citations must name the address the reader is at, not one baked into the build."""
    import functools
    import http.server
    import threading
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *args: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.2", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.2:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture
def reader(browser, elsewhere):
    """A reader at the other address on 2 January 2031, allowed to use the clipboard."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=elsewhere)
    page = context.new_page()
    page.clock.set_fixed_time("2031-01-02T10:00:00")
    yield page
    context.close()


def test_cite_box_names_the_readers_address_and_date(reader, elsewhere, version):
    _, date = version
    reader.goto(f"{elsewhere}/hant/manchuria/negotiations/")
    box = reader.locator(".ed-cite")
    url = f"{elsewhere}/hant/manchuria/negotiations/"
    assert box.locator('[data-cite="edition-gbt"]').inner_text().endswith(
        f"版. {date[:4]}: 96-133({date})[2031-01-02]. {url}.")
    assert box.locator('[data-cite="edition-bibliography"]').inner_text().endswith(
        f"Accessed January 2, 2031. {url}.")
    assert box.locator('[data-cite="edition-note"]').inner_text().endswith(f"accessed January 2, 2031, {url}.")
    assert "example.org" not in box.inner_text()


def test_pilcrow_copies_the_full_citation_of_the_paragraph(reader, elsewhere, version):
    reader.goto(f"{elsewhere}/hant/mongolia/yalta/")
    paragraph = reader.locator("p.ed-body").nth(2)
    anchor, pages = paragraph.get_attribute("id"), paragraph.get_attribute("data-pages")
    paragraph.hover()
    paragraph.locator(".ed-pilcrow").click()
    copied = reader.evaluate("navigator.clipboard.readText()")
    # written out by hand from GB/T 7714-2015 (the section as 其他题名信息, [EB/OL] with the
    # edition after //), with the article's own page, in the page's script
    assert (anchor, pages) == ("p0011", "4")
    number, date = version
    assert copied == ("尤淑君. 蔣介石與1945-1952年的外蒙古獨立問題: 二、《雅爾塔協定》與國民政府的外交攻防[EB/OL]"
                      "//Scholarly edition project, 校訂. "
                      f"一九四五年中蘇東北交涉與外蒙古獨立問題：兩種文本的校訂版. {number}版. {date[:4]}: "
                      f"本文第4頁（非期刊頁碼）({date})"
                      f"[2031-01-02]. {elsewhere}/hant/mongolia/yalta/#p0011.")
    shown = reader.locator("#ed-cited").inner_text()
    assert ("尤淑君. 蒋介石与1945-1952年的外蒙古独立问题: 二、《雅尔塔协定》与国民政府的外交攻防[J]. 抗日战争研究, "
            "2015(1): 本文第4頁（非期刊頁碼）.") in shown   # the work as printed
    assert "no. 1 (2015), section “Ya’erta xieding yu Guomin zhengfu de waijiao gongfang” " in shown
    assert ", p. 4 (the article’s own page numbering)." in shown
    # the note points at the paragraph; the bibliography lists the page (CMOS 14.64: the entry is the source)
    assert f"accessed January 2, 2031, {elsewhere}/hant/mongolia/yalta/#p0011." in shown
    assert f"Accessed January 2, 2031. {elsewhere}/hant/mongolia/yalta/." in shown


def test_a_copied_chicago_citation_keeps_the_journal_in_italics(reader, elsewhere):
    """The copy button puts the citation on the clipboard as text and as HTML; the HTML keeps
    Chicago's italics (the journal) and nothing else of the page's markup."""
    reader.goto(f"{elsewhere}/hans/mongolia/yalta/")
    citation = reader.locator('.ed-cite [data-cite="original-note"]')
    citation.locator("xpath=following-sibling::button[1]").click()
    expected = citation.inner_text()         # the copy is written asynchronously: wait for it
    reader.evaluate("""async text => { for (let tries = 0; tries < 100; tries++) {
        if (await navigator.clipboard.readText() === text) return; await new Promise(r => setTimeout(r, 100)); } }""",
                    expected)
    html = reader.evaluate("""async () => { const [item] = await navigator.clipboard.read();
                                             return await (await item.getType("text/html")).text(); }""")
    assert "<i>Kangri zhanzheng yanjiu</i>" in html
    assert not re.search(r"<(?!/?i>)", html.split("<i>", 1)[1])          # no other tag, no attribute
    assert re.sub(r"</?i>", "", html).endswith(citation.inner_text())
    assert reader.evaluate("navigator.clipboard.readText()") == citation.inner_text()


def test_a_note_is_cited_by_its_printed_page_and_number(reader, elsewhere, version):
    """n27 is the edition's running number (the anchor); the print has it as note ⑥ of page 4."""
    reader.goto(f"{elsewhere}/hans/mongolia/yalta/")
    reader.locator("#n27 .ed-note-cite").click()
    copied = reader.evaluate("navigator.clipboard.readText()")
    number, date = version
    assert copied == ("尤淑君. 蒋介石与1945-1952年的外蒙古独立问题: 二、《雅尔塔协定》与国民政府的外交攻防[EB/OL]"
                      "//Scholarly edition project, 校订. "
                      f"一九四五年中苏东北交涉与外蒙古独立问题：两种文本的校订版. {number}版. {date[:4]}: "
                      f"本文第4页注⑥（非期刊页码）({date})[2031-01-02]. {elsewhere}/hans/mongolia/yalta/#n27.")
    shown = reader.locator("#ed-cited").inner_text()
    assert "抗日战争研究, 2015(1): 本文第4页注⑥（非期刊页码）." in shown
    assert ", p. 4 n. 6 (the article’s own page numbering)." in shown
    assert "27" not in shown.replace(elsewhere, "").replace("#n27", "")   # never the running number


def test_a_printed_page_is_cited_by_its_marker(reader, elsewhere, version):
    """[25] on 第二章 cites page 25 of the thesis (GB/T's bare page, after the edition's year)."""
    reader.goto(f"{elsewhere}/hant/manchuria/before-moscow/")
    reader.locator('a.ed-page[href$="#page-25"]').click()
    copied = reader.evaluate("navigator.clipboard.readText()")
    number, date = version
    assert copied == ("佚名. [1945年中華民國與蘇聯的東北問題交涉]: 第二章 莫斯科談判前之東北問題[EB/OL]//Scholarly "
                      f"edition project, 校訂. 一九四五年中蘇東北交涉與外蒙古獨立問題：兩種文本的校訂版. {number}版. "
                      f"{date[:4]}: 25({date})[2031-01-02]. {elsewhere}/hant/manchuria/before-moscow/#page-25.")
    shown = reader.locator("#ed-cited").inner_text()
    assert "第二章 莫斯科談判前之東北問題[D]. 臺北: 國立政治大學, [2005?]: 25." in shown
    assert "(master’s thesis, National Chengchi University, [2005?]), 25." in shown


def test_a_section_is_cited_by_its_own_heading_inside_its_chapter(reader, elsewhere, version):
    """第一節 of 第二章 (printed pages 21-25, up to 第二節 on page 25): on the simplified page the
    edition's citation names it in the page's script, the work as printed in the print's."""
    reader.goto(f"{elsewhere}/hans/manchuria/before-moscow/")
    reader.locator('h2#p0084').hover()
    reader.locator('a.ed-section-link[href="#p0084"]').click()
    copied = reader.evaluate("navigator.clipboard.readText()")
    number, date = version
    assert copied == ("佚名. [1945年中华民国与苏联的东北问题交涉]: 第二章 莫斯科谈判前之东北问题: "
                      "第一节 雅尔达协定与苏联东北政策[EB/OL]//Scholarly edition project, 校订. "
                      "一九四五年中苏东北交涉与外蒙古独立问题：两种文本的校订版. "
                      f"{number}版. {date[:4]}: 21-25({date})[2031-01-02]. "
                      f"{elsewhere}/hans/manchuria/before-moscow/#p0084.")
    shown = reader.locator("#ed-cited").inner_text()
    assert shown.startswith("引用本节")
    assert ("佚名. [1945年中華民國與蘇聯的東北問題交涉]: 第二章 莫斯科談判前之東北問題: "
            "第一節 雅爾達協定與蘇聯東北政策[D]. 臺北: 國立政治大學, [2005?]: 21-25.") in shown
    assert ("“Ya’erda xieding yu Sulian Dongbei zhengce” 第一節 雅爾達協定與蘇聯東北政策, in “Mosike tanpan qian "
            "zhi Dongbei wenti” 第二章 莫斯科談判前之東北問題, in [1945 nian Zhonghua Minguo yu Sulian de Dongbei "
            "wenti jiaoshe] [1945年中華民國與蘇聯的東北問題交涉] (master’s thesis, National Chengchi University, "
            "[2005?]), 21–25.") in shown
    # the chapter's own box still names the chapter alone
    assert "第一节" not in reader.locator(".ed-cite").first.inner_text()


@pytest.fixture(scope="module")
def fill(browser):
    """cite.js's own edFill, run in Chromium: a template the build wrote, filled with values."""
    page = browser.new_page()
    page.set_content(f"<script>{(ROOT / 'templates' / 'assets' / 'cite.js').read_text(encoding='utf-8')}</script>")
    yield lambda made, values: page.evaluate("([made, values]) => edFill(made, values)", [made, values])
    page.close()


@pytest.mark.parametrize("pages, cited", [("iii", "p. iii"), ("iii,101", "pp. iii–101"), ("98,99,133", "pp. 98–133")])
def test_a_front_matter_page_is_cited_as_printed(browser, pages, cited):
    """A paragraph's pages as the build writes them (`data-pages`, in order, each as printed): a
    preface on page iii, before page 101, is cited 'iii', never a number read from 'iii' (NaN)."""
    page = browser.new_page()
    page.set_content(f"<script>{(ROOT / 'templates' / 'assets' / 'cite.js').read_text(encoding='utf-8')}</script>"
                     '<span id="slot" data-one="p. {page}" data-many="pp. {first}–{last}">…</span>')
    assert page.evaluate("pages => edLocator(document.getElementById('slot'), {pages: pages})", pages) == cited
    page.close()


@pytest.mark.parametrize("page, cited", [("i", "i n1"), ("25", "25n1")])
def test_a_note_on_a_front_matter_page_is_cited_apart_from_its_page(browser, page, cited):
    """Chicago runs a page and its note together ('25n30', CMOS 14.51); on page 'i' that read 'in1'."""
    tab = browser.new_page()
    tab.set_content(f"<script>{(ROOT / 'templates' / 'assets' / 'cite.js').read_text(encoding='utf-8')}</script>"
                    '<span id="slot" data-note="{page}n{note}">…</span>')
    assert tab.evaluate("page => edLocator(document.getElementById('slot'), {page: page, note: '1', noteShown: '1'})",
                        page) == cited
    tab.close()


TEXT = st.lists(st.sampled_from(["{h}", "{p}", "{r}", "{page}", "{{", "}}", "{", "}", "$&", "$1", "$$", "\\",
                                 "第", "章", "、", " ", "雅爾達", "VS."]), min_size=1, max_size=8).map("".join)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(chapter=TEXT, section=TEXT, roman=TEXT)
def test_any_heading_names_its_section_as_the_citation_module_does(fill, config, chapter, section, roman):
    """Headings holding the template's own marks ({h}, {{, $&): the box the browser fills reads as
    the citation module writes the section's name with the values put in directly."""
    readings = config.meta["romanization"]
    part = Part("第二章", chapter, "21-42")
    for name in (gbt_name, lambda p: chicago_name(p, readings)):
        made = template(name(replace(part, section=slot("h"), section_roman=slot("r"))))
        assert fill(made, {"h": section, "p": section, "r": roman}) == name(
            replace(part, section=section, section_roman=roman))


def test_report_link_carries_the_page_and_the_anchor(reader, elsewhere):
    reader.goto(f"{elsewhere}/hans/manchuria/before-moscow/#p0085")
    assert reader.locator("#p0085").count() == 1
    reader.locator("a.ed-report").click()
    location = reader.locator(".ed-report-url")
    location.wait_for()
    assert location.inner_text() == f"{elsewhere}/hans/manchuria/before-moscow/#p0085"


def test_emendation_mark_shows_the_original_reading(page, server):
    """On hover (the title) and on keyboard focus (a box drawn from the title as text): 轉淚點 is
    the thesis's printed reading that sources/corrections.yml emends."""
    page.goto(f"{server}/hant/manchuria/negotiations/")
    mark = page.locator(".ed-emend", has_text="轉捩點")
    assert "原作「轉淚點」" in mark.get_attribute("title")
    page.keyboard.press("Tab")          # focus-visible comes from the keyboard
    mark.focus()
    shown = page.evaluate("""() => { const el = document.activeElement;
        return el.matches(':focus-visible') ? getComputedStyle(el, '::after').content : ''; }""")
    assert "原作「轉淚點」" in shown


@pytest.mark.parametrize("script, other, search", [("hant", "hans", "蔣經國"), ("hans", "hant", "蒋经国")])
def test_404_page_speaks_the_script_switches_and_searches(page, server, script, other, search):
    response = page.goto(f"{server}/{script}/no-such-page/")
    assert response.status == 404
    assert page.evaluate("document.documentElement.lang") == ("zh-Hant" if script == "hant" else "zh-Hans")
    assert page.locator("h1").inner_text() in ("找不到此頁", "找不到此页")
    with page.expect_navigation():
        page.click("[data-ed-switch]")
    assert page.url == f"{server}/{other}/" and page.evaluate("document.documentElement.lang") != "zh"
    page.goto(f"{server}/{script}/no-such-page/")
    page.fill("#ed-q", search)
    page.press("#ed-q", "Enter")
    page.locator(".md-search-result__item").first.wait_for()
    assert page.url.startswith(f"{server}/{script}/")


@pytest.mark.parametrize("path", ["", "glossary/"])
def test_timeline_pages_throw_no_script_error(page, server, path):
    errors = []

    def erred(error):
        errors.append(str(error))
    page.on("pageerror", erred)
    try:
        for script in ("hant", "hans"):
            page.goto(f"{server}/{script}/{path}")
            page.locator(".ed-events a").first.click()
            page.wait_for_url("**/glossary/*/")
    finally:
        page.remove_listener("pageerror", erred)     # the tab is kept for the next test
    assert errors == []


def test_sidebar_title_never_covers_a_navigation_item(page, server):
    page.goto(f"{server}/hant/audit/mongolia/")           # the last item: the sidebar scrolls to it
    page.mouse.wheel(0, 400)
    overlapping = page.evaluate("""() => {
        const title = document.querySelector('.md-sidebar--primary .md-nav--primary > .md-nav__title');
        const t = title.getBoundingClientRect();
        return Array.from(document.querySelectorAll('.md-sidebar--primary .md-nav__link'))
            .map(a => [a.textContent.trim(), a.getBoundingClientRect()])
            .filter(([_, r]) => r.height > 0 && r.bottom > t.top + 1 && r.top < t.bottom - 1
                                && r.right > t.left && r.left < t.right)
            .map(([name]) => name); }""")
    assert overlapping == []


@pytest.mark.parametrize("width", [320, 768, 1024, 1280, 1440, 1920])
def test_page_markers_never_cover_the_contents_column(browser, server, width):
    """Issue 9: at 1024-1440 px a marker floated out of the text column over the contents on the
    right. Every visible [N] must stay inside the article and off both sidebars."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{server}/hant/manchuria/before-moscow/")
        overlaps = page.evaluate("""() => {
            const boxes = sel => Array.from(document.querySelectorAll(sel)).map(e => e.getBoundingClientRect())
                                      .filter(r => r.width > 0 && r.height > 0);
            const article = document.querySelector('.md-content').getBoundingClientRect();
            const sidebars = boxes('.md-sidebar--secondary .md-sidebar__inner, '
                                   + '.md-sidebar--primary .md-sidebar__inner');
            const cross = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
            return boxes('a.ed-page').filter(m => m.right > article.right + 1 || m.left < article.left - 1
                                              || sidebars.some(s => cross(m, s))).length;
        }""")
        assert page.locator("a.ed-page").count() > 10
        assert overlaps == 0
    finally:
        context.close()
