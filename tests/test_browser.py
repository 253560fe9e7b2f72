"""What readers do, in a real browser (Debian's Chromium driven by Playwright) on a static server."""
from urllib.parse import urlparse

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server):
    """A page that records every request it makes."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    yield page
    context.close()


def in_viewport(page, selector: str) -> bool:
    return page.evaluate(f"""() => {{ const r = document.querySelector({selector!r}).getBoundingClientRect();
                                      return r.top >= 0 && r.top < window.innerHeight; }}""")


def test_hovering_a_note_marker_shows_its_text(page, server):
    page.goto(f"{server}/hant/manchuria/before-moscow/")
    page.hover("#nref19 a")
    tooltip = page.locator(".md-tooltip2--active .md-tooltip2__inner")
    tooltip.wait_for(state="visible")
    assert tooltip.inner_text().startswith("俄羅斯聯邦總統檔案館，全宗3，目錄63，案卷237")


def test_following_a_note_and_its_back_link(page, server):
    page.goto(f"{server}/hans/mongolia/yalta/")
    page.click("#nref10 a")
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


@pytest.mark.parametrize("script, query", [("hant", "蔣經國"), ("hans", "蒋经国")])
def test_search_finds_both_texts(page, server, script, query):
    page.goto(f"{server}/{script}/")
    page.click(".md-search__input")
    page.keyboard.type(query)
    page.locator(".md-search-result__item").first.wait_for()
    links = page.evaluate("Array.from(document.querySelectorAll('.md-search-result__item a')).map(a => a.href)")
    paths = {urlparse(link).path for link in links}
    assert all(path.startswith(f"/{script}/") for path in paths)
    assert any("/manchuria/" in path for path in paths) and any("/mongolia/" in path for path in paths)


def test_page_anchor_resolves(page, server):
    page.goto(f"{server}/hant/manchuria/before-moscow/#page-25")
    assert page.locator("#page-25").inner_text() == "[25]"
    assert in_viewport(page, "#page-25")


def test_nothing_is_requested_from_another_host(page, server):
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
