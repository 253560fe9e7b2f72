"""The ways around the site: MkDocs' navigation of a script, the landing page above both scripts,
and the pages that forward a retired chapter path to its successor.

In: one script's edition and the interface strings (navigation); the sources' titles (landing
page); the anchor ledger (forwarding pages). Out: the `nav` list MkDocs takes, and HTML files.
Titles from sources/ are text: MkDocs' theme prints navigation titles unescaped, so they go in
through `escape.text`; the HTML pages are made by Jinja with autoescape.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

from edition.core.encode import html_attribute, html_text, js_data
from edition.core.inputs import EditionConfig, Record
from edition.core.model import BuiltText, ScriptEdition
from edition.core.paths import inside
from edition.core.scripts import LANG
from edition.exports.citation import Work
from edition.site.escape import text as shown_text
from edition.site.mkdocs_build import TEMPLATES
from edition.site.strings import html_environment, load_strings


def navigation(edition: ScriptEdition, strings: dict, works: dict[str, Work]) -> list:
    """MkDocs' nav; Material prints its titles unescaped, so titles from sources/ go in as text."""
    nav: list = [{strings["home"]: "index.md"}]
    for text in edition.texts:
        title = f"[{text.source.title}]" if works[text.source.id].supplied else text.source.title
        # the text's home page under words of its own: under its title it read as the title twice
        pages: list = [{strings["text_home"]: f"{text.source.id}/index.md"}]
        pages += [{shown_text(c.heading): f"{text.source.id}/{c.id}/index.md"}
                  for c in text.chapters if c.id != "front"]
        pages.append({strings["apparatus"]: f"{text.source.id}/apparatus.md"})
        nav.append({shown_text(title): pages})
    nav.append({strings["glossary"]: "glossary/index.md"})
    nav.append({strings["history"]: "history.md"})
    nav.append({strings["principles"]: "principles.md"})
    nav.append({strings["about"]: "about.md"})
    nav.append({strings["audit"]: [f"audit/{t.source.id}.md" for t in edition.texts]})
    return nav


def write_root_page(config: EditionConfig, texts: tuple[BuiltText, ...], site: Path) -> None:
    """The landing page above both script sites: each text under its own title, in both scripts;
    and the site's root 404.html, in both scripts, for an address outside both script sites."""
    strings = load_strings(TEMPLATES)
    titles = [{"id": t.source.id, "title": f"[{t.source.title}]" if t.source.title_supplied else t.source.title,
               "supplied": t.source.title_supplied, "lang": LANG[t.source.script],
               "kind": {script: strings[script][f"type_{t.source.work.declared}"] for script in strings}}
              for t in texts]
    pages = html_environment(TEMPLATES)
    site.mkdir(parents=True, exist_ok=True)
    (site / "index.html").write_text(pages.get_template("root.html.j2").render(titles=config.title, texts=titles,
                                                                                     editors=config.editors),
                                     encoding="utf-8")
    strings = load_strings(TEMPLATES)
    root = urlparse(config.site_url).path.rstrip("/") + "/"     # a static host serves it at any depth
    (site / "404.html").write_text(pages.get_template("404.html.j2").render(root=root, **strings), encoding="utf-8")


def write_chapter_redirects(ledger: tuple[Record, ...], site: Path) -> None:
    """A chapter path that once existed keeps working: a page that forwards, #anchor and all; so do
    the paths of a text published under an id it was renamed from (`text/<old id>` records).
    Slugs come from the ledger, validated where it is read; `inside` guards the write anyway."""
    for record in ledger:
        if record.id.startswith("chapter/") and record.status == "retired":
            _forward(inside(site, record.text, record.chapter, "index.html"), f"../{record.successor}/",
                     record.successor)
    for record in ledger:       # after MkDocs: every page of the renamed text has its old address
        if record.id.startswith("text/"):
            before, pages = record.id.removeprefix("text/"), site / record.text
            for page in sorted(pages.rglob("index.html")):
                path = page.parent.relative_to(pages).parts
                _forward(inside(site, before, *path, "index.html"),
                         "../" * (len(path) + 1) + "/".join((record.text, *path)) + "/", record.text)


def _forward(page: Path, target: str, title: str) -> None:
    href, name = html_attribute(target), html_text(title)
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(
        f'<!doctype html><html><head><meta charset="utf-8"><title>{name}</title>'
        f'<meta http-equiv="refresh" content="0; url={href}"><link rel="canonical" href="{href}">'
        f'<script>location.replace({js_data(target)} + location.hash)</script></head>'
        f'<body><a href="{href}">{name}</a></body></html>', encoding="utf-8")
