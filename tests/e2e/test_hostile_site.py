"""Text from sources/ is text on every page: markup, scripts and Markdown in any field are shown as
written, never run or interpreted (issue 12). One build of a copy of the edition whose title,
author, glossary entry and correction carry payloads; then every page is read as HTML and a
few are opened in Chromium, which must raise no dialog."""
import html
import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT, copy_small

PAYLOADS = {
    "edition.yml": [
        ("    hant: 一九四五年中蘇東北交涉",
         "    hant: \"<script>alert('t')</script><img src=x onerror=alert('ti')>一九四五年中蘇東北交涉"),
        ("兩種文本的校訂版\n", "兩種文本的校訂版\"\n"),
        ("title: 蒋介石与1945-1952年的外蒙古独立问题",
         "title: \"蒋介石<script>alert('x')</script>与1945-1952年的外蒙古独立问题\""),
        ("author: 尤淑君", "author: \"尤淑君<img src=x onerror=alert('a')> __init__\""),
    ],
    "glossary/people.yml": [
        ("  en: Chiang Kai-shek", "  en: \"Chiang <script>alert('e')</script> 2*3*4\""),
        ("{hant: 國民政府主席、軍事委員會委員長，1945年中蘇談判時的最高決策者。1949年後在臺灣任中華民國總統。,",
         "{hant: \"[x](javascript:alert('d')) 2*3*4 __init__ <b>b</b>國民政府主席\","),
    ],
}
REASON = "<script>alert('r')</script><img src=x onerror=alert('ri')> 2*3*4 __init__ [y](javascript:alert('y'))"
CORRECTION = ("- text: mongolia\n  find: 第三次向联合国大会控告\n  replace: \"第三次向联合国大会控告<i>i</i>\"\n"
              f"  reason: \"{REASON}\"\n")
LIVE = [re.compile(p) for p in (r"<script>alert", r"<img src=x", r"<i>i</i>", r"<b>b</b>",
                                r"href=\"javascript:", r"<em>3</em>", r"<strong>init</strong>")]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory, small_edition):
    project = copy_small(small_edition, tmp_path_factory.mktemp("hostile"))
    for name, edits in PAYLOADS.items():
        path = project / "sources" / name
        text = path.read_text(encoding="utf-8")
        for old, new in edits:
            assert old in text, f"stale payload: {old!r} not in {name}"
            text = text.replace(old, new, 1)
        path.write_text(text, encoding="utf-8")
    corrections = project / "sources" / "corrections.yml"
    corrections.write_text(corrections.read_text(encoding="utf-8") + CORRECTION, encoding="utf-8")
    result = subprocess.run([sys.executable, str(ROOT / "build_edition.py")], cwd=project, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_no_payload_is_live_markup_on_any_page(hostile_site, small_edition):
    site = small_edition / "site"     # the same edition without the payloads
    pages = list(hostile_site.rglob("*.html"))
    assert {p.relative_to(hostile_site) for p in pages} == {p.relative_to(site) for p in site.rglob("*.html")}
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for pattern in LIVE:
            assert not pattern.search(html), f"{page.relative_to(hostile_site)} has live {pattern.pattern}"


def shown(page) -> str:
    """What a reader sees of a page: its text with the tags taken out and the references resolved."""
    return html.unescape(re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8")))


def test_payloads_are_shown_as_written(hostile_site):
    apparatus = shown(hostile_site / "hans" / "mongolia" / "apparatus" / "index.html")
    assert "<script>alert('r')</script><img src=x onerror=alert('ri')> 2*3*4 __init__ [y](javascript:alert('y'))" \
        in apparatus
    entry = shown(hostile_site / "hant" / "glossary" / "chiang-kai-shek" / "index.html")
    assert "[x](javascript:alert('d')) 2*3*4 __init__ <b>b</b>國民政府主席" in entry
    assert "Chiang <script>alert('e')</script> 2*3*4" in entry
    home = shown(hostile_site / "hant" / "index.html")
    assert "<script>alert('t')</script><img src=x onerror=alert('ti')>一九四五年中蘇東北交涉" in home


def test_chromium_runs_no_payload(hostile_site, browser):
    import functools
    import http.server
    import threading

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(hostile_site))
    handler.log_message = lambda *args: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    dialogs = []
    context = browser.new_context()
    try:
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in ("/", "/hant/", "/hans/mongolia/", "/hans/mongolia/aftermath/", "/hans/mongolia/apparatus/",
                     "/hant/glossary/chiang-kai-shek/", "/hant/glossary/", "/hans/history/"):
            page.goto(base + path, timeout=30000)
            page.wait_for_load_state("load", timeout=30000)
            marks = [m for m in page.query_selector_all("a.ed-term, .ed-emend, header [title]")[:12] if m.is_visible()]
            for mark in marks[:6]:                     # what shows a title, hovered and focused
                mark.hover(timeout=5000, force=True)
                mark.focus()
            page.wait_for_timeout(200)
    finally:
        context.close()
        httpd.shutdown()
    assert dialogs == []
