"""Stage 10, one script's docs tree: every Markdown page of the script's site, and its MkDocs settings.

In: one script's edition (texts in that script) with its conversion logs and review findings, the
mentions found in it, the texts in their own scripts (for citations), the anchored edition's
sources and history, and the sizes of the data files written so far. Out: `docs/` (reading pages,
apparatus, audit pages, glossary, history, principles) and the settings this script's site takes
over the editor's `mkdocs.yml`. Writes nothing outside `docs`.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

from edition.core.model import AnchoredEdition, Mention, ScriptEdition
from edition.core.scripts import other
from edition.exports.citation import Edition, Work
from edition.site.cite_box import footer
from edition.site.escape import text as shown_text
from edition.site.glossary_pages import first_links, render_glossary, timeline
from edition.site.mkdocs_build import TEMPLATES, script_config
from edition.site.navigation import navigation
from edition.site.pages import page_meta, places, render_script, shown_title
from edition.site.principles import principles_page
from edition.site.strings import environment, load_strings
from edition.text.conversion import ConversionLog
from edition.text.review import Finding

# The words the 404 page, the script switch and the header's reader settings need in the theme's
# templates, where the page templates' strings do not reach.
NOT_FOUND_WORDS = ("not_found_title", "not_found_text", "search_label", "home", "switch_not_found",
                   "note_in_list", "close", "text_size", "text_size_levels", "dark_mode")


def write_script_docs(edition: ScriptEdition, logs: dict[str, ConversionLog], findings: list[Finding],
                      mentions: list[Mention], anchored: AnchoredEdition, works: dict[str, Work], about: Edition,
                      sizes: dict[str, int], work: Path, site: Path) -> dict:
    """The Markdown pages of one script into `work/docs-new/<script>`, and its MkDocs settings (its
    site in `site/<script>`). MkDocs reads `work/docs/<script>`, which the build syncs from
    docs-new: a page that did not change keeps its time, so serve's MkDocs rebuilds only the others."""
    docs = work / "docs-new" / edition.script
    strings = load_strings(TEMPLATES)[edition.script]
    glossary = anchored.config.glossary
    page = principles_page(TEMPLATES, edition, logs, strings)

    def links(text_id: str, depth: int) -> dict:
        by_unit = first_links(mentions, glossary, edition.script, "../" * depth)
        return {(p if p is not None else f"n{n}"): spans for (t, p, n), spans in by_unit.items() if t == text_id}
    meta = render_script(edition, TEMPLATES, docs, strings, page, logs, findings, links,
                         timeline(glossary, edition.script, "", strings), works, about, sizes)
    meta |= render_glossary(glossary, edition, mentions, TEMPLATES, docs, strings, works)
    meta["history.md"] = page_meta(strings["history"])
    (docs / "history.md").write_text(environment(TEMPLATES).get_template("history.md.j2").render(
        strings=strings, versions=list(anchored.versions),
        # a supplied title in its brackets, as in the navigation
        texts={t.source.id: {"title": shown_title(t.source.title, works[t.source.id]),
                             "places": places(t, strings, works[t.source.id])} for t in edition.texts}),
        encoding="utf-8")
    return script_config(edition.script, switch(edition.script, anchored.config.site_url), shown_text(edition.title),
                         work / "docs" / edition.script, site / edition.script, navigation(edition, strings, works),
                         anchored.config.site_url, work,
                         {"edition": footer(about, edition.script, strings), "edition_pages": meta})


def switch(script: str, site_url: str) -> dict:
    """The script switch of `script`'s pages: where the other script's copy is, in which words."""
    strings = load_strings(TEMPLATES)
    root = urlparse(site_url).path.rstrip("/")     # absolute paths, for the 404 page
    words = {key: strings[script][key] for key in NOT_FOUND_WORDS}
    target = other(script)
    return {"prefix": target, "lang": strings[target]["site_lang"], "label": strings[script]["switch_label"],
            "title": strings[script]["switch_title"],
            "root": f"{root}/{target}/", "site": f"{site_url.rstrip('/')}/{target}/" if site_url else "",
            "words": {**words, "root": f"{root}/{script}/"}}
