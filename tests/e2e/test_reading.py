"""Reading the edition in Chromium, in both scripts, on a phone (390 px) and a desktop: the faces
that draw the text, notes beside their markers, the way from chapter to chapter, clean copies,
page markers, pages that fit the screen, the site's furniture. Expectations come from the data
exports (site/data/*.json), the raw texts' page numbers as exported, and the browser itself."""
import json
import re

import pytest

from tests.e2e.conftest import tab_fixtures

SCRIPTS = ("hant", "hans")
CJK_FACE = re.compile(r"CJK|PingFang|Hiragino|Source Han|JhengHei|YaHei|Heiti|Songti|WenQuanYi|AR PL")
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}


phone_tab, phone = tab_fixtures("phone", **PHONE)                                   # kept tabs (conftest.Tab)
desk_tab, desk = tab_fixtures("desk", viewport={"width": 1440, "height": 900})


def export(site, text: str, script: str) -> dict:
    return json.loads((site / "data" / f"{text}.{script}.json").read_text(encoding="utf-8"))


def fonts_of(page, selector: str) -> list[str]:
    """The faces Chromium drew the text of `selector` with (CSS.getPlatformFontsForNode)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = [font["familyName"] for font in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]]
    cdp.detach()
    return fonts


def wrap_each(page, paragraph: str, chars: str) -> int:
    """Each of `chars` in the paragraph's own text in a span `.probe` (which inherits its font)."""
    return page.evaluate("""([selector, chars]) => {
        const walker = document.createTreeWalker(document.querySelector(selector), NodeFilter.SHOW_TEXT);
        const found = [];
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (node.parentElement.closest('[lang]') !== document.documentElement) continue;
            [...node.data].forEach((c, i) => { if (chars.includes(c)) found.push([node, i]); });
        }
        found.reverse().forEach(([node, i]) => {
            const range = document.createRange(); range.setStart(node, i); range.setEnd(node, i + 1);
            const span = document.createElement('span'); span.className = 'probe'; range.surroundContents(span);
        });
        return found.length; }""", [paragraph, chars])


@pytest.mark.parametrize("script", SCRIPTS)
def test_chinese_and_its_punctuation_are_drawn_by_a_cjk_face(desk, server, script):
    """The article's abstract (p0003) holds quotation marks (“” simplified, 「」 traditional), ——
    and Chinese; English runs get a Latin face."""
    desk.goto(f"{server}/{script}/mongolia/")
    assert all(CJK_FACE.search(face) for face in fonts_of(desk, "#p0003")), fonts_of(desk, "#p0003")
    assert wrap_each(desk, "#p0003", "“”「」") >= 2 and wrap_each(desk, "#p0003", "—") >= 1
    for index in range(desk.locator("#p0003 .probe").count()):
        faces = fonts_of(desk, f"#p0003 .probe:nth-of-type({index + 1})")
        assert faces and all(CJK_FACE.search(face) for face in faces), faces
    desk.goto(f"{server}/{script}/manchuria/before-moscow/")
    latin = fonts_of(desk, '#p0085 [lang="en"]')
    assert latin and not any(CJK_FACE.search(face) for face in latin)
    weight = desk.evaluate("getComputedStyle(document.querySelector('.md-typeset h1')).fontWeight")
    assert int(weight) >= 600


@pytest.mark.parametrize("script", SCRIPTS)
def test_a_tapped_note_opens_beside_its_marker_without_moving_the_page(phone, server, site, script):
    notes = {n["id"]: n["text"] for n in export(site, "mongolia", script)["notes"]}
    phone.goto(f"{server}/{script}/mongolia/yalta/")
    phone.locator("#nref10 a").scroll_into_view_if_needed()
    before = phone.evaluate("scrollY")
    phone.tap("#nref10 a")
    sheet = phone.locator(".ed-note-pop")
    sheet.wait_for(state="visible")
    assert phone.evaluate("scrollY") == before and phone.evaluate("location.hash") == ""
    box = sheet.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= 844 and box["width"] <= 390
    shown = re.sub(r"\s+", "", sheet.locator(".ed-note-pop-body").inner_text())
    assert re.sub(r"\s+", "", notes["n10"]) in shown
    hidden = phone.evaluate("""() => [...document.querySelectorAll('.ed-notes .footnote-backref')]
        .filter(a => getComputedStyle(a).opacity !== '1').length""")
    assert hidden == 0       # a hidden ↩ kept its box and, wrapped alone, left a blank line
    sheet.locator(".ed-note-pop-list").tap()
    phone.wait_for_function("location.hash === '#n10'")
    phone.tap("#n10 .footnote-backref")
    phone.wait_for_function("location.hash === '#nref10'")
    line = phone.evaluate("document.getElementById('nref10').getBoundingClientRect().top")
    assert 60 < line < 844 - 40          # the marker's line below the header, not at the top edge


def test_a_note_tapped_at_the_screens_foot_never_covers_its_marker(phone, server):
    """The phone's sheet slides up from the bottom edge, unless the marker stands there: then it
    hangs under the header, and the tapped line stays in view (review)."""
    phone.goto(f"{server}/hant/manchuria/introduction/")
    for gap in (20, 500):        # the marker's line 20 px above the screen's foot, then high up
        phone.evaluate(f"""window.scrollBy(0, document.getElementById('nref3').getBoundingClientRect().bottom
                                          - innerHeight + {gap})""")
        phone.tap("#nref3 a")
        sheet = phone.locator(".ed-note-pop")
        sheet.wait_for(state="visible")
        box, line = sheet.bounding_box(), phone.locator("#nref3").bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= 844
        assert box["y"] >= line["y"] + line["height"] or box["y"] + box["height"] <= line["y"], (gap, box, line)
        phone.keyboard.press("Escape")
        sheet.wait_for(state="detached")


@pytest.mark.parametrize("script", SCRIPTS)
def test_the_desktop_sidebar_names_each_text_once_and_leads_to_its_home(desk, server, site, script):
    """At 1440 px the sidebar shows every text's title (its export's, in brackets where supplied)
    once, and a link to the text's home page in other words: the home page was listed under the
    title in the same words, so the title was read twice."""
    desk.goto(f"{server}/{script}/mongolia/aftermath/")
    shown = desk.evaluate("""() => Array.from(document.querySelectorAll(
            '.md-sidebar--primary a, .md-sidebar--primary label, .md-sidebar--primary .md-nav__title'))
        .filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')
        .map(e => ({text: e.textContent.trim(), href: e.href || ''}))""")
    for path in sorted((site / "data").glob(f"*.{script}.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        named = [item for item in shown if item["text"] in (data["title"], f"[{data['title']}]")]
        assert len(named) == 1, named
        home = [item for item in shown if item["href"].split("/", 3)[-1] == f"{script}/{data['id']}/"]
        assert len(home) == 1 and home[0]["text"] and home[0]["text"] not in (data["title"], f"[{data['title']}]")


@pytest.mark.parametrize("script", SCRIPTS)
def test_every_chapter_leads_to_the_next_and_back(desk, server, site, script):
    """Following 下一章 from the first chapter visits every chapter of the export in order and ends on
    the text's contents; every chapter has the pager at its start and its end. The texts in turn:
    the thesis in one script, the article in the other (one template makes every pager)."""
    text = {"hant": "manchuria", "hans": "mongolia"}[script]
    expected = [f"{server}/{script}/{c['url']}" for c in export(site, text, script)["chapters"]
                if c["id"] != "front"]
    desk.goto(expected[0])
    visited = []
    while desk.url != f"{server}/{script}/{text}/":
        visited.append(desk.url)
        assert desk.locator(".ed-pager").count() == 2
        assert desk.locator('.ed-pager-top a[rel="prev"]').count() == 1
        desk.click('.ed-pager:not(.ed-pager-top) a[rel="next"]')
        desk.wait_for_load_state()
    assert visited == expected
    desk.goto(expected[-1])
    desk.click('.ed-pager-top a[rel="prev"]')
    assert desk.url == expected[-2]


@pytest.mark.parametrize("script", SCRIPTS)
def test_a_copied_paragraph_is_the_exported_text(desk, server, site, script):
    """Selecting p0085 of 第二章 and copying gives the export's text: no note numbers, page markers or ¶."""
    paragraphs = {p["id"]: p["text"] for p in export(site, "manchuria", script)["paragraphs"]}
    desk.goto(f"{server}/{script}/manchuria/before-moscow/")
    copied = desk.evaluate("""() => {
        let copied = null;
        document.addEventListener('copy', e => { copied = e.clipboardData.getData('text/plain'); });
        const range = document.createRange(); range.selectNodeContents(document.getElementById('p0085'));
        getSelection().removeAllRanges(); getSelection().addRange(range);
        document.execCommand('copy');
        return copied; }""")
    assert copied == paragraphs["p0085"]
    assert desk.locator("#p0085 .ed-nref").count() > 0 and desk.locator("#p0085 .ed-page").count() > 0


def test_a_triple_click_selects_the_whole_paragraph_across_its_page_marker(desk, server, site):
    """Three clicks select a paragraph, as in any reader: the page marker standing in the margin
    must not end the selection there (review: p0009 stopped at [4], before 》)."""
    paragraphs = {p["id"]: p["text"] for p in export(site, "manchuria", "hant")["paragraphs"]}
    desk.goto(f"{server}/hant/manchuria/introduction/")
    assert desk.locator("#p0009 .ed-page").count() > 0
    desk.locator("#p0009").scroll_into_view_if_needed()
    box = desk.locator("#p0009").bounding_box()
    desk.mouse.click(box["x"] + 40, box["y"] + 10, click_count=3)
    copied = desk.evaluate("""() => {
        let copied = null;
        document.addEventListener('copy', e => { copied = e.clipboardData.getData('text/plain'); });
        document.execCommand('copy');
        return copied; }""")
    assert copied == paragraphs["p0009"]


def test_page_markers_say_whose_page_and_each_chapter_its_first(desk, server, site):
    """The thesis's own pages read [22], the article's own count 〔4〕 in a box; focused (as a tap
    focuses), a marker shows its label; each chapter names the page its first paragraph is on."""
    borders = {}
    for text, shown, label in (("manchuria", r"\[\d+\]", "原論文第"), ("mongolia", r"〔\d+〕", "本文第")):
        data = export(site, text, "hant")
        for chapter in [c for c in data["chapters"] if c["id"] != "front"]:
            first = next(p["pages"][0] for p in data["paragraphs"] if p["chapter"] == chapter["id"] and p["pages"])
            desk.goto(f"{server}/hant/{chapter['url']}")
            assert desk.inner_text(".ed-chapter-start").startswith(f"本章始於{label}{first}頁")
        marker = desk.locator("a.ed-page").first
        assert re.fullmatch(shown, marker.inner_text())
        marker.focus()
        assert label in desk.evaluate("getComputedStyle(document.activeElement, '::after').content")
        borders[text] = desk.evaluate("getComputedStyle(document.activeElement).borderTopStyle")
    assert borders == {"manchuria": "none", "mongolia": "solid"}


PAGES = ["", "manchuria/", "manchuria/before-moscow/", "manchuria/apparatus/", "mongolia/moscow-treaty/",
         "audit/manchuria/", "glossary/", "glossary/stalin/", "history/", "principles/", "about/", "no-such-page/"]


@pytest.mark.parametrize("width", [320, 390, 1920])
def test_no_page_is_wider_than_the_screen(browser, server, width):
    """One page of every kind: nothing reaches past the screen's right edge except inside a
    container that scrolls sideways itself. At the narrowest width in both scripts; at the others
    in one script, the pages in turn (a line of either script breaks anywhere between characters)."""
    context = browser.new_context(viewport={"width": width, "height": 800}, is_mobile=width < 500,
                                  has_touch=width < 500)
    page = context.new_page()
    try:
        for script in SCRIPTS:
            for i, path in enumerate(PAGES):
                if width != 320 and SCRIPTS[(i + (width == 390)) % 2] != script:
                    continue
                page.goto(f"{server}/{script}/{path}")
                wide = page.evaluate("""() => {
                    const scrolls = e => { for (let p = e.parentElement; p; p = p.parentElement) {
                        const x = getComputedStyle(p).overflowX; if (x === 'auto' || x === 'scroll') return true; }
                        return false; };
                    const shown = e => e.checkVisibility({opacityProperty: true, visibilityProperty: true});
                    return [...document.querySelectorAll('body *')].filter(e => {
                        const r = e.getBoundingClientRect();
                        return r.width > 0 && r.right > innerWidth + 1 && r.left < innerWidth && !scrolls(e)
                               && shown(e); })
                        .map(e => e.tagName + '.' + e.className).slice(0, 5); }""")
                assert wide == [], (script, path, wide)
                assert page.evaluate("document.documentElement.scrollWidth") <= width, (script, path)
        for path in ("404.html", "data/"):             # the site root's own pages (data/: found by review)
            page.goto(f"{server}/{path}")
            assert page.evaluate("document.documentElement.scrollWidth") <= width, path
    finally:
        context.close()


def test_the_switch_keeps_the_place_in_the_notes_and_the_query(desk, server):
    desk.goto(f"{server}/hant/manchuria/before-moscow/")
    desk.evaluate("scrollBy(0, document.getElementById('n30').getBoundingClientRect().top - 80)")
    desk.wait_for_timeout(100)
    desk.click("[data-ed-switch]")
    desk.wait_for_url(f"{server}/hans/manchuria/before-moscow/#n30")
    desk.goto(f"{server}/hans/about/?page=manchuria%2Fintroduction%2F#report")
    desk.click("[data-ed-switch]")
    desk.wait_for_url(f"{server}/hant/about/?page=manchuria%2Fintroduction%2F#report")


def test_the_switch_keeps_the_place_in_a_glossary_entrys_passages(desk, server):
    """Half way down 史達林's passages, the switch lands on the same passage line, not on the next
    heading (review): each line has an id, the same in both scripts."""
    desk.goto(f"{server}/hant/glossary/stalin/")
    desk.evaluate("scrollBy(0, document.getElementById('at-manchuria-p0085-2').getBoundingClientRect().top - 80)")
    desk.wait_for_timeout(100)
    desk.click("[data-ed-switch]")
    desk.wait_for_url(f"{server}/hans/glossary/stalin/#at-manchuria-p0085-2")


def test_reader_settings_persist(phone, server):
    phone.goto(f"{server}/hans/mongolia/yalta/")
    size = "getComputedStyle(document.querySelector('.md-content .ed-p')).fontSize"
    before = phone.evaluate(size)
    phone.tap("[data-ed-size]")
    phone.tap("[data-ed-scheme]")
    bigger = phone.evaluate(size)
    assert float(bigger[:-2]) > float(before[:-2])
    phone.goto(f"{server}/hant/manchuria/")
    phone.reload()
    scheme = phone.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert scheme == "slate"
    assert phone.evaluate("getComputedStyle(document.body).backgroundColor") != "rgb(255, 255, 255)"
    assert phone.evaluate(size.replace(".md-content .ed-p", ".md-content p")) != before


def test_an_anchor_lands_in_view_after_a_reload(desk, server):
    desk.goto(f"{server}/hant/manchuria/before-moscow/#p0100")
    desk.evaluate("window.scrollBy(0, 3000)")
    desk.reload()
    desk.wait_for_load_state("load")
    desk.wait_for_timeout(200)
    top = desk.evaluate("document.getElementById('p0100').getBoundingClientRect().top")
    assert 40 < top < 900 / 2


def test_the_root_404_works_on_a_plain_static_host(desk, server):
    response = desk.goto(f"{server}/no/such/place")
    assert response.status == 404
    assert desk.locator('section[lang="zh-Hant"] h1').inner_text() == "找不到此頁"
    assert desk.locator('section[lang="zh-Hans"] h1').inner_text() == "找不到此页"
    with desk.expect_navigation():       # read the new page once it has replaced the 404 (no race)
        desk.click('section[lang="zh-Hans"] a')
    desk.wait_for_load_state()
    assert desk.url == f"{server}/hans/" and desk.evaluate("document.documentElement.lang") == "zh-Hans"


def test_no_request_goes_to_a_missing_file(desk, server):
    failed = []

    def missing(response):
        if response.status >= 400:
            failed.append(response.url)
    desk.on("response", missing)
    try:
        for path in ("/hant/", "/hant/manchuria/before-moscow/", "/hans/mongolia/yalta/", "/hans/about/",
                     "/hant/glossary/", "/hans/manchuria/apparatus/"):
            desk.goto(f"{server}{path}")
            desk.wait_for_load_state("networkidle")
    finally:
        desk.remove_listener("response", missing)     # the tab is kept for the next test
    assert failed == []


@pytest.mark.parametrize("script", SCRIPTS)
def test_the_timeline_spreads_one_years_events_and_keeps_its_labels_inside(desk, server, script):
    desk.goto(f"{server}/{script}/")
    inside = desk.evaluate("""() => { const box = document.querySelector('.ed-timeline').getBoundingClientRect();
        return [...document.querySelectorAll('.ed-ticks span')].every(s => { const r = s.getBoundingClientRect();
            return r.left >= box.left - 1 && r.right <= box.right + 1; }); }""")
    assert inside
    marks = desk.evaluate("""() => [...document.querySelectorAll('.ed-event')]
        .filter(e => e.querySelector('time').getAttribute('datetime').startsWith('1945'))
        .map(e => e.querySelector('.ed-track .ed-mark').getBoundingClientRect().left)""")
    assert len(marks) >= 5
    assert min(b - a for a, b in zip(sorted(marks), sorted(marks)[1:], strict=False)) >= 2


class TestTrimmedStylesheet:
    """A class of its own: `--dist loadscope` runs it beside this module's other tests."""

    @pytest.mark.parametrize("width", [390, 1440])
    def test_the_trimmed_theme_stylesheet_styles_every_element_as_the_whole_one(self, browser, server, width):
        """edition/site/slim.py leaves out Material's rules that no element can match: every element of
        a chapter, an apparatus and the glossary has the same computed style (every
        property, its ::before and ::after too) with the trimmed stylesheet as with Material's own
        file (served in its place)."""
        from pathlib import Path

        import material
        sheets = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
        original = next(sheets.glob("main.*.min.css"))
        # every property but custom ones (--md-…: those no rule reads are left out on purpose); of a
        # ::before or ::after whose content is none or normal, only that: such a pseudo-element makes
        # no box, so none of its other properties can show
        styles = """() => { const all = s => { let v = ''; for (let i = 0; i < s.length; i++)
                                                  if (!s[i].startsWith('--')) v += s.getPropertyValue(s[i]) + ';';
                                                return v; };
            const pseudo = (e, which) => { const s = getComputedStyle(e, which), c = s.getPropertyValue('content');
                                           return c === 'none' || c === 'normal' ? c : all(s); };
            const hash = text => { let h = 0;
                for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
                return h; };
            // Elements alike to every selector the theme can hold (tag, classes, attribute names, place
            // among siblings, the same of every ancestor) share their style: three of each are read.
            const kind = e => { let k = ''; for (let n = e; n && n.tagName; n = n.parentElement)
                k += n.tagName + '.' + n.className + [...n.attributes].map(a => a.name).join() + ':'
                     + (n.previousElementSibling ? 1 : 0) + (n.nextElementSibling ? 1 : 0) + '/';
                return k; };
            const seen = new Map();
            return [...document.querySelectorAll('body *')].filter(e => { const k = kind(e);
                seen.set(k, (seen.get(k) || 0) + 1); return seen.get(k) <= 3; })
              .map(e => e.tagName + hash(all(getComputedStyle(e)) + pseudo(e, '::before') + pseudo(e, '::after'))); }"""
        looks = []
        for whole in (False, True):
            context = browser.new_context(viewport={"width": width, "height": 900})
            if whole:
                context.route("**/assets/stylesheets/main.*.min.css",
                              lambda route: route.fulfill(body=original.read_bytes(), content_type="text/css"))
            page = context.new_page()
            seen = []
            for path in ("hant/manchuria/before-moscow/", "hans/mongolia/apparatus/", "hant/glossary/"):
                page.goto(f"{server}/{path}")
                page.wait_for_load_state("networkidle")     # Material's script sizes the sidebars once the
                page.wait_for_timeout(300)                  # header has its height: read the settled page
                seen.append(page.evaluate(styles))
            looks.append(seen)
            context.close()
        for trimmed, whole in zip(*looks, strict=True):
            assert len(trimmed) == len(whole)
            assert [i for i, (a, b) in enumerate(zip(trimmed, whole, strict=True)) if a != b] == []
