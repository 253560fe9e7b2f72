"""The citations as a page shows them: the 引用 box of a chapter or text, the edition's own
citation on the 關於本版 page, and the footer's edition statement.

In: the `citation` strings, built with three slots the build cannot fill: the URL (the configured
site address, or the reader's own in the browser), the reader's access date, and the printed pages
of the cited paragraph. Out: escaped HTML in which each slot is a `<span>` that `assets/cite.js`
fills in the reader's browser; without JavaScript the box still reads, with the site-relative path
and the placeholder date. Never reads the clock: the access date is the reader's.
"""
from __future__ import annotations

import html

from markupsafe import Markup

from edition.exports.citation import (
    Edition,
    Work,
    edition_chicago,
    edition_gbt,
    original_chicago,
    original_gbt,
    page_range,
)

URL_SLOT, DATE_SLOT, LOC_SLOT = "\x00url\x00", "\x00date\x00", "\x00loc\x00"


def fill_slots(citation: str, url: str, path: str, date_format: str, date_shown: str, locator: str = "",
               locator_format: str = "") -> Markup:
    """The citation escaped, each slot a span that cite.js fills in the reader's browser."""
    escaped = html.escape(citation)
    escaped = escaped.replace(URL_SLOT, f'<span class="ed-url" data-path="{html.escape(path)}">'
                                        f'{html.escape(url)}</span>')
    escaped = escaped.replace(DATE_SLOT, f'<span class="ed-date" data-format="{date_format}">'
                                         f'{html.escape(date_shown)}</span>')
    return Markup(escaped.replace(LOC_SLOT, f'<span class="ed-loc" data-format="{html.escape(locator_format)}">'
                                            f'{html.escape(locator)}</span>'))


def citations(work: Work, edition: Edition, script: str, path: str, pages: list[int], strings: dict) -> dict:
    """The four citations of a chapter (or, with no `pages`, a whole text): the work as printed
    and the work in this edition, each in GB/T 7714-2015 and in Chicago, as HTML with slots.
    `path` is the page's path from the site root (hant/manchuria/negotiations/)."""
    url = edition.base_url + path
    locator_format = strings[f"cite_page_{work.pages_counted}"]        # whose pages: 原論文第{pages}頁
    shown = page_range(pages) if pages else ""
    original_pages = LOC_SLOT if pages and work.pages_counted not in ("article", "part", "work") else ""
    edition_locator = LOC_SLOT if pages else ""

    def fill(citation: str, date_format: str, placeholder: str, loc_format: str, loc: str) -> str:
        return fill_slots(citation, url, path, date_format, placeholder, loc, loc_format)
    return {
        "original_gbt": fill(original_gbt(work, original_pages), "iso", "", "{pages}", shown),
        "original_chicago": fill(original_chicago(work), "iso", "", "", ""),
        "edition_gbt": fill(edition_gbt(edition, script, URL_SLOT, DATE_SLOT, work, edition_locator),
                            "iso", strings["cite_date"], locator_format, locator_format.replace("{pages}", shown)),
        "edition_chicago": fill(edition_chicago(edition, script, URL_SLOT, DATE_SLOT, work),
                                "chicago", "[date]", "", ""),
    }


def edition_citations(edition: Edition, script: str, strings: dict) -> dict:
    """The whole edition's citation, for the 關於本版 page."""
    path = f"{script}/"
    url = edition.base_url + path
    return {"gbt": fill_slots(edition_gbt(edition, script, URL_SLOT, DATE_SLOT), url, path, "iso",
                              strings["cite_date"]),
            "chicago": fill_slots(edition_chicago(edition, script, URL_SLOT, DATE_SLOT), url, path, "chicago",
                                  "[date]")}


def footer(edition: Edition, script: str, strings: dict) -> dict:
    """What the footer of every page says about the edition (MkDocs `extra.edition`)."""
    editors = "、".join(f"{e['name']}（{e['role'][script]}）" for e in edition.editors)
    return {"version": strings["version_label"].format(version=edition.version, date=edition.date),
            "editors": editors, "about": strings["about"], "rights": strings["rights"],
            "report": strings["report_error"], "report_title": strings["report_error_title"],
            "made_with": strings["made_with"]}
