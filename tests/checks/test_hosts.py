"""checks.hosts: what a page, stylesheet or script loads from another host, and the mkdocs.yml
setting blamed for it. Expectations are written by hand from the HTML and CSS standards: which
elements and attributes fetch, which links only navigate."""
from pathlib import Path

import pytest

from edition.checks.hosts import cause, css_addresses, foreign, js_addresses, other_hosts, page_addresses
from edition.core.errors import Problems
from edition.sources.site_address import read_mkdocs_yml

LOADS = [
    ('<script src="https://cdn.example.net/x.js"></script>', "https://cdn.example.net/x.js"),
    ("<link rel=stylesheet href=//fonts.googleapis.com/css?family=Roboto>", "//fonts.googleapis.com/css?family=Roboto"),
    ('<link rel="preload icon" href="https://a.test/i.png">', "https://a.test/i.png"),
    ('<img alt="a>b" src="https://img.test/p.png">', "https://img.test/p.png"),
    ('<img srcset="a.png 1x, https://img.test/2.png 2x">', "https://img.test/2.png"),
    ("<iframe src='https://frame.test/'></iframe>", "https://frame.test/"),
    ('<video poster="https://v.test/p.jpg"></video>', "https://v.test/p.jpg"),
    ('<div style="background: url(&quot;https://bg.test/a.png&quot;)"></div>', "https://bg.test/a.png"),
    ("<style>@import 'https://css.test/a.css';</style>", "https://css.test/a.css"),
    ('<base href="https://elsewhere.test/">', "https://elsewhere.test/"),
    # found by review: an inline script, CSS escapes, a bare string in image-set(), a backslash as slash
    ('<script>fetch("https://evil.example.net/beacon")</script>', "https://evil.example.net/beacon"),
    ('<style>body{background-image:image-set("https://evil2.test/a.png" 1x)}</style>', "https://evil2.test/a.png"),
    ("<style>.x{background:url(\\68ttps://evil3.test/b.png)}</style>", "https://evil3.test/b.png"),
    ('<img src="/\\evil4.test/c.png">', "/\\evil4.test/c.png"),
    ('<script>var s="https://www.googletagmanager.com/gtag/js?id="+p</script>',
     "https://www.googletagmanager.com/gtag/js?id="),
]
NAVIGATES = [
    '<a href="https://www.wikidata.org/wiki/Q855">Q855</a>',
    '<link rel="canonical" href="https://edition.test/hans/">',
    '<link rel="alternate" hreflang="zh-Hant" href="https://other.test/hant/">',
    '<p>see https://example.net/img.png and //x.test/y</p>',
    '<img src="../assets/logo.png"><script src="assets/edition.js"></script>',
    '<img src="data:image/png;base64,AAAA">',
]


@pytest.mark.parametrize("page,address", LOADS)
def test_every_loading_element_is_found(page, address):
    assert address in [found for _, found in page_addresses(page)]
    assert foreign(address, "edition.test")


@pytest.mark.parametrize("page", NAVIGATES)
def test_negative_links_and_local_resources_load_nothing_foreign(page):
    assert not [a for _, a in page_addresses(page) if foreign(a, "edition.test")]


def test_css_and_js():
    css = ('@font-face{src:url(https://fonts.gstatic.com/s/a.woff2)} .x{background:url("data:image/svg+xml;'
           "xmlns='http://www.w3.org/2000/svg'\")} @import url(local.css);")
    assert [a for a in css_addresses(css) if foreign(a, "")] == ["https://fonts.gstatic.com/s/a.woff2"]
    js = ('import m from "https://unpkg.test/m.js"; importScripts("//w.test/w.js"); const doc = "https://x.test";'
          "fetch(`https://api.test/r/${e}`); s.src='http://cdn.test:8080/a.js'; a = '//nbsp'; b = 'a//b.c'")
    # a script may load any address it holds, by a means no scan can follow: each one counts
    assert js_addresses(js) == ["https://unpkg.test/m.js", "//w.test/w.js", "https://x.test",
                                "https://api.test/r/${e}", "http://cdn.test:8080/a.js"]


def test_the_own_host_is_not_another(tmp_path):
    assert not foreign("https://edition.test/hans/a.css", "edition.test")
    assert foreign("https://edition.test.evil/a.css", "edition.test")


MKDOCS = """site_name: x
theme:
  name: material
extra_javascript:
  - assets/edition.js
  - https://cdn.test/tracker.js
extra_css:
  - path: https://styles.test/a.css
"""


def config(tmp_path: Path, text: str):
    (tmp_path / "mkdocs.yml").write_text(text, encoding="utf-8")
    return read_mkdocs_yml(tmp_path, Problems()), text.split("\n")


def test_the_setting_that_caused_it_is_named(tmp_path):
    settings, lines = config(tmp_path, MKDOCS)
    assert cause("https://cdn.test/tracker.js", settings, lines) == "mkdocs.yml:6: extra_javascript"
    assert cause("https://styles.test/a.css", settings, lines) == "mkdocs.yml:8: extra_css"
    assert cause("https://fonts.googleapis.com/css", settings, lines).startswith("mkdocs.yml:2: theme.font")
    settings, lines = config(tmp_path, MKDOCS.replace("  name: material", "  name: mkdocs\n  font: false"))
    assert cause("https://cdnjs.test/hl.js", settings, lines) == "mkdocs.yml:3: theme.name"


def test_other_hosts_names_each_address_once_with_its_files(tmp_path):
    (tmp_path / "mkdocs.yml").write_text(MKDOCS, encoding="utf-8")
    site = tmp_path / "site" / "hans"
    (site / "a").mkdir(parents=True)
    page = '<script src="https://cdn.test/tracker.js"></script><a href="https://www.wikidata.org/">w</a>'
    (site / "index.html").write_text(page, encoding="utf-8")
    (site / "a" / "index.html").write_text(page, encoding="utf-8")
    (site / "x.css").write_text("a{background:url(https://img.test/b.png)}", encoding="utf-8")
    problems = [str(p) for p in other_hosts(site, tmp_path, "")]
    assert len(problems) == 2
    assert problems[0].startswith("mkdocs.yml:6: extra_javascript: site/hans/a/index.html and 1 more files load "
                                  "https://cdn.test/tracker.js")
    assert problems[1].startswith("mkdocs.yml: a theme, plugin or template override: site/hans/x.css loads "
                                  "https://img.test/b.png")


BUNDLE = ('function as(){return typeof mermaid=="undefined"?_t("https://unpkg.com/mermaid@11/dist/mermaid.min.js"):0}'
          'var Ia=H(()=>typeof ResizeObserver=="undefined"?_t("https://unpkg.com/resize-observer-polyfill"):0);'
          'function Ci(e,t){let r=`https://api.github.com/repos/${e}/${t}`}')


def material_site(tmp_path: Path, mkdocs: str, page: str = "<p>x</p>") -> list[str]:
    (tmp_path / "mkdocs.yml").write_text(mkdocs, encoding="utf-8")
    site = tmp_path / "site" / "hans"
    (site / "assets" / "javascripts").mkdir(parents=True, exist_ok=True)
    (site / "assets" / "javascripts" / "bundle.a5f9d56c.min.js").write_text(BUNDLE, encoding="utf-8")
    (site / "index.html").write_text(page, encoding="utf-8")
    return [str(p) for p in other_hosts(site, tmp_path, "")]


def test_materials_loads_on_a_condition_the_site_does_not_meet_are_no_problem(tmp_path):
    assert material_site(tmp_path, "site_name: x\ntheme:\n  name: material\n") == []


def test_a_github_repo_url_makes_material_fetch_from_githubs_api(tmp_path):
    problems = material_site(tmp_path, "site_name: x\nrepo_url: https://github.com/a/b\ntheme:\n  name: material\n")
    assert len(problems) == 1 and problems[0].startswith("mkdocs.yml:2: repo_url: ")
    assert "https://api.github.com/" in problems[0]
    gitlab = material_site(tmp_path, "site_name: x\ntheme:\n  name: material\nrepo_url: https://gitlab.com/a/b\n")
    assert len(gitlab) == 1 and gitlab[0].startswith("mkdocs.yml:4: repo_url: ")
    assert material_site(tmp_path, "site_name: x\nrepo_url: https://example.org/src\n") == []


def test_a_mermaid_diagram_makes_material_load_mermaid_from_another_host(tmp_path):
    mkdocs = "site_name: x\nmarkdown_extensions:\n  - pymdownx.superfences\n"
    problems = material_site(tmp_path, mkdocs, '<pre class="mermaid"><code>graph LR</code></pre>')
    assert len(problems) == 1 and problems[0].startswith("mkdocs.yml:2: markdown_extensions: site/hans/index.html")
    assert "https://unpkg.com/mermaid@11/dist/mermaid.min.js" in problems[0]
    assert material_site(tmp_path, mkdocs, '<p class="ed-mermaidish">x</p>') == []


def test_the_same_addresses_in_any_other_script_are_problems(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    site = tmp_path / "site" / "hans"
    (site / "assets").mkdir(parents=True)
    (site / "assets" / "extra.js").write_text(BUNDLE, encoding="utf-8")
    assert len(other_hosts(site, tmp_path, "")) == 3
