"""Accessibility, in a real browser: axe-core (bundled by axe-playwright-python) over one page of
every kind in both scripts, at a desktop and a phone width, must find no serious or critical
violation; and the reading aids a screen reader or a thumb relies on, checked one by one.

Speed: one browser and one audit tab per worker; each page is loaded once and audited at 1280 px,
then resized to 390 px and audited again; one class per script, so that two workers share the audit;
colours are measured on each kind of page in one script, the kinds in turn (`contrast_in`).
"""
import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.conftest import ROOT
from tests.e2e.conftest import tab_fixtures

WIDTHS = (1280, 390)
# One page of every kind (the timeline stands on the script home and the glossary index).
PAGES = {"home": "", "text home": "manchuria/", "chapter": "manchuria/before-moscow/",
         "article section": "mongolia/yalta/", "glossary index": "glossary/", "entry": "glossary/petrov/",
         "principles": "principles/", "apparatus": "manchuria/apparatus/", "history": "history/",
         "audit": "audit/{own}/", "404": "no-such-page/"}
# The audit of the text written in the script (the converted text's audit repeats the same tables
# with a conversion table of up to 900 rows, which only slows the colour checks down).
OWN_TEXT = {"hant": "manchuria", "hans": "mongolia"}
BLOCKING = {"serious", "critical"}


@pytest.fixture(scope="session")
def audit_tab(browser):
    """One tab for every audit a worker runs, and the script errors it has seen (page, error)."""
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append((page.url, str(error))))
    try:
        yield page, errors
    finally:
        context.close()


def contrast_in(kind: str) -> str:
    """The script whose page of `kind` has its colours measured (axe's color-contrast rule, two
    fifths of an audit's time): the kinds in turn. Both scripts' pages of a kind are made by one
    template and one stylesheet, so their colours are the same (the audits are of different texts,
    whose tables are styled alike); every other rule runs on both."""
    return ("hant", "hans")[list(PAGES).index(kind) % 2]


def audit(audit_tab, server, script: str, kind: str) -> None:
    """The page loaded once and audited at 1280 px, then resized to 390 px and audited again."""
    page, errors = audit_tab
    url = f"{server}/{script}/{PAGES[kind].format(own=OWN_TEXT[script])}"
    page.set_viewport_size({"width": WIDTHS[0], "height": 900})
    page.goto(url)
    # Material animates the drawer when the width changes: measure colours at rest.
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    page.evaluate(Axe().axe_script)               # once per page, for both widths
    found = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        result = page.evaluate("rules => axe.run({resultTypes: ['violations'], rules})",
                               {} if contrast_in(kind) == script else {"color-contrast": {"enabled": False}})
        found[width] = [f"{v['id']}: {node['target']}" for v in result["violations"]
                        if v["impact"] in BLOCKING for node in v["nodes"]]
    assert found == {width: [] for width in WIDTHS}
    assert [error for at, error in errors if at == url] == []


# One class per script (`--dist loadscope` gives each class a worker: the two share the audit).
class TestTraditional:
    @pytest.mark.parametrize("kind", list(PAGES))
    def test_axe_finds_no_serious_violation_nor_a_script_error(self, audit_tab, server, kind):
        audit(audit_tab, server, "hant", kind)


class TestSimplified:
    @pytest.mark.parametrize("kind", list(PAGES))
    def test_axe_finds_no_serious_violation_nor_a_script_error(self, audit_tab, server, kind):
        audit(audit_tab, server, "hans", kind)


def test_axe_does_see_a_violation(browser, server):
    """The audit is not vacuous: the same call flags a page made inaccessible on purpose."""
    page = browser.new_page()
    try:
        page.goto(f"{server}/hant/manchuria/before-moscow/")
        page.evaluate("""() => { const a = document.querySelector('.ed-nref a'); a.textContent = '';
                                 a.removeAttribute('aria-label');
                                 document.querySelector('.md-content img, h1').outerHTML += '<img src="x.png">'; }""")
        result = Axe().run(page, options={"resultTypes": ["violations"]}).response
        assert {"link-name", "image-alt"} <= {v["id"] for v in result["violations"] if v["impact"] in BLOCKING}
    finally:
        page.close()


def _erring(page) -> None:
    page.on("pageerror", lambda error: page.errors.append(str(error)))


phone_tab, _phone = tab_fixtures("kept_phone", _erring, viewport={"width": 390, "height": 844}, has_touch=True,
                                 is_mobile=True)


@pytest.fixture
def phone(kept_phone, server):
    """A 390 px touch screen (no hover), as on a phone: one kept tab (conftest.Tab), whose errors
    are recorded from this test on."""
    kept_phone.errors = []
    return kept_phone


def test_note_markers_are_named_and_big_enough_to_tap(phone, server):
    phone.goto(f"{server}/hans/mongolia/yalta/")
    # n10 is printed as note ④ of the article's page 2 (per-page numbering, circled: sources/edition.yml)
    marker = phone.get_by_role("link", name="本文第2页注④", exact=True)
    assert marker.get_attribute("href").endswith("#n10") and marker.inner_text() == "④"
    boxes = phone.eval_on_selector_all(".ed-nref a", "links => links.map(a => a.getBoundingClientRect())")
    assert len(boxes) > 20 and min(min(b["width"], b["height"]) for b in boxes) >= 24
    sizes = phone.evaluate("""() => [getComputedStyle(document.querySelector('.ed-nref a')).fontSize,
                                     getComputedStyle(document.querySelector('p.ed-body')).fontSize]""")
    assert float(sizes[0][:-2]) < 0.8 * float(sizes[1][:-2])   # still a superscript
    notes = phone.locator(".ed-notes li").count()
    assert phone.get_by_role("link", name="返回正文", exact=True).count() == notes > 0


def luminance(rgb: str) -> float:
    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
    r, g, b = (float(v) for v in re.findall(r"[\d.]+", rgb)[:3])
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def test_pilcrow_is_visible_on_touch_screens_with_enough_contrast(phone, server):
    phone.goto(f"{server}/hant/manchuria/before-moscow/")
    style = phone.evaluate("""() => { const s = getComputedStyle(document.querySelector('.ed-pilcrow'));
                                      return [s.opacity, s.color,
                                              getComputedStyle(document.body).backgroundColor]; }""")
    assert style[0] == "1"
    fg, bg = luminance(style[1]), luminance(style[2])
    assert (max(fg, bg) + 0.05) / (min(fg, bg) + 0.05) >= 4.5


def test_mentions_and_page_markers_are_one_tab_stop_per_paragraph(page_1280, server):
    page = page_1280
    page.goto(f"{server}/hant/manchuria/before-moscow/")
    counts = page.evaluate("""() => Array.from(document.querySelectorAll('p.ed-p')).map(p => [p.id,
        p.querySelectorAll('a.ed-term, a.ed-page, .ed-emend').length,
        Array.from(p.querySelectorAll('a.ed-term, a.ed-page, .ed-emend')).filter(a => a.tabIndex >= 0).length])""")
    busy = [(pid, n, stops) for pid, n, stops in counts if n >= 3]
    assert busy and all(stops == 1 for _, _, stops in busy)
    pid = busy[0][0]
    first = page.locator(f"#{pid} :is(a.ed-term, a.ed-page, .ed-emend)").first
    first.focus()
    page.keyboard.press("ArrowRight")
    focused = page.evaluate("[document.activeElement.closest('p').id, document.activeElement.tabIndex]")
    assert focused == [pid, 0]
    assert page.evaluate(f"document.querySelectorAll('#{pid} :is(a.ed-term, a.ed-page, .ed-emend)')[1]"
                         " === document.activeElement")


@pytest.fixture
def page_1280(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def dated_entries() -> list[dict]:
    """Treaties and conferences with a date, read from sources/ (not from the built pages)."""
    import yaml
    folder = ROOT / "sources" / "glossary"
    entries = [e for name in ("treaties.yml", "conferences.yml")
               for e in yaml.safe_load((folder / name).read_text(encoding="utf-8")) or []]
    return [e for e in entries if e.get("date")]


@pytest.mark.parametrize("script", ["hant", "hans"])
def test_timeline_fits_a_phone_and_lists_every_event_in_full(phone, server, script):
    phone.goto(f"{server}/{script}/glossary/")
    assert phone.evaluate("document.scrollingElement.scrollWidth") <= 390   # nothing off-screen
    timeline = phone.get_by_role("list", name=re.compile("1896"))
    links = timeline.get_by_role("link")
    expected = dated_entries()
    names = sorted(links.all_inner_texts())
    assert len(names) == len(expected) and phone.locator(".ed-timeline [role=img]").count() == 0
    assert names == sorted(e["names"][script] for e in expected)
    for link in links.all()[:3]:                       # labels wrap; none is clipped
        assert link.evaluate("a => a.scrollWidth <= a.clientWidth + 1 && a.getBoundingClientRect().right <= 390")
    legend = phone.locator(".ed-legend li")
    assert legend.count() == 2
    shapes = phone.evaluate("""() => ['treaty', 'conference'].map(g => { const s = getComputedStyle(
        document.querySelector('.ed-legend .ed-' + g + ' .ed-mark'));
        return [s.backgroundColor, s.borderRadius, s.transform]; })""")
    assert shapes[0][0] != shapes[1][0] and shapes[0][1:] != shapes[1][1:]   # colour and shape differ
    assert phone.errors == []
