"""The citations as a page shows them: the 引用 box of a chapter or text, the edition's own
citation on the 關於本版 page, and the footer's edition statement.

In: the `citation` strings, built with three slots the build cannot fill: the URL (the configured
site address, or the reader's own in the browser), the reader's access date, and the locator of
what the reader cites inside the chapter (a paragraph's pages, a note's page and printed number).
Out: escaped HTML in which each slot is a `<span>` that `assets/cite.js` fills in the reader's
browser, italics as <i>; without JavaScript the box still reads, with the site-relative path, the
placeholder date and the chapter's own pages. The locator slot carries each style's locator as a
template the citation module wrote (`{page}`, `{first}`, `{last}`, `{note}`, `{note_shown}`), so
the browser fills in numbers and never composes citation grammar. Never reads the clock.
"""
from __future__ import annotations

import re
from dataclasses import replace

from markupsafe import Markup

from edition.core.encode import html_attribute, html_text
from edition.core.languages import TWO_LETTERS
from edition.exports.citation import (
    ITALIC,
    WHOLE,
    Edition,
    Part,
    Work,
    chicago_name,
    edition_chicago,
    edition_gbt,
    gbt_name,
    original_chicago,
    original_gbt,
    page_range,
    work_type,
)
from edition.site.escape import lang_html

URL_SLOT, DATE_SLOT, LOC_SLOT, PART_SLOT = "\x00url\x00", "\x00date\x00", "\x00loc\x00", "\x00part\x00"
MARKS = re.compile("(" + "|".join(map(re.escape, (URL_SLOT, DATE_SLOT, LOC_SLOT, PART_SLOT, *ITALIC))) + ")")
# Each citation of the box: (key, what it cites, style of its locator, date format)
KINDS = (("original_gbt", "original", "gbt", "iso"), ("original_note", "original", "chicago", "iso"),
         ("original_bibliography", "original", "", "iso"), ("edition_gbt", "edition", "edition", "iso"),
         ("edition_note", "edition", "chicago", "chicago"), ("edition_bibliography", "edition", "", "chicago"))


def fill_slots(citation: str, url: str, path: str, date_format: str, date_shown: str, locator: str = "",
               templates: dict | None = None, name: tuple[str, str] = ("", "")) -> Markup:
    """The citation escaped, each slot a span that cite.js fills in the reader's browser; `name` is
    the chapter's name in the citation's style and the template that names a section in it
    (`{h}` its heading in the page's script, `{p}` as printed, `{r}` its romanized title)."""
    escaped = "".join(part if index % 2 else str(lang_html(part))      # romanized runs in a Latin face
                      for index, part in enumerate(MARKS.split(citation)))
    escaped = escaped.replace(ITALIC[0], "<i>").replace(ITALIC[1], "</i>")
    escaped = escaped.replace(URL_SLOT, f'<span class="ed-url" data-path="{html_attribute(path)}">'
                                        f'{html_text(url)}</span>')
    escaped = escaped.replace(DATE_SLOT, f'<span class="ed-date" data-format="{html_attribute(date_format)}">'
                                         f'{html_text(date_shown)}</span>')
    escaped = escaped.replace(PART_SLOT, f'<span class="ed-cite-part" data-section="{html_attribute(name[1])}">'
                                         f'{html_text(name[0])}</span>')
    data = "".join(f' data-{key}="{html_attribute(value)}"' for key, value in (templates or {}).items())
    english = ' lang="en"' if TWO_LETTERS.search(locator) else ""       # Chicago's "p. 4 n. 6 (the article’s …)"
    return Markup(escaped.replace(LOC_SLOT, f'<span class="ed-loc"{english}{data}>{html_text(locator)}</span>'))


def locate(work: Work, script: str, style: str, part: Part) -> str:
    """The locator of `part` in a style: `gbt` (the work as printed), `chicago`, `edition` (GB/T)."""
    kind = work_type(work)
    if style == "chicago":
        return kind.chicago_locator(work, part)
    return (kind.gbt_locator if style == "gbt" else kind.edition_locator)(work, part, script)


def slot(name: str) -> str:
    """A stand-in for a value cite.js puts in, which no text can hold (texts refuse NUL)."""
    return f"\x00{name}\x00"


def template(made: str) -> str:
    """A string made with `slot`s as cite.js's `edFill` reads it: each slot `{name}`, every brace
    of the text itself doubled, so a heading that holds `{h}` stays text.

    >>> template("第{一}章 " + slot("page"))
    '第{{一}}章 {page}'
    """
    escaped = made.replace("{", "{{").replace("}", "}}")
    return re.sub("\x00(\\w+)\x00", r"{\1}", escaped)


def locator_templates(work: Work, script: str, style: str) -> dict[str, str]:
    """A style's locator for one page, a span of pages and a note, with the numbers left as
    slots for cite.js; GB/T writes 注⑥ where the print circles the number (`note_shown`)."""
    dash, shown = ("–", slot("note")) if style == "chicago" else ("-", slot("note_shown"))
    return {"one": template(locate(work, script, style, Part(pages=slot("page")))),
            "many": template(locate(work, script, style, Part(pages=slot("first") + dash + slot("last")))),
            "note": template(locate(work, script, style, Part(pages=slot("page"), note=shown)))}


def citations(work: Work, edition: Edition, script: str, path: str, pages: list[int], strings: dict,
              part: Part = WHOLE, title: str = "", printed: Part = WHOLE) -> dict:
    """The six citations of a chapter (or, with no `pages`, of a whole text): the work as printed
    and the work in this edition, each in GB/T 7714-2015 and in Chicago's note and bibliography
    forms, as HTML with slots. `part` is the chapter (its label and title in the page's script),
    `printed` the same chapter as the work prints it, `title` the work's title in the page's
    script; `path` the page's path from the site root."""
    url = edition.base_url + path
    named = pages and (part.heading or printed.heading)     # a chapter: its sections are cited in it
    located = replace(part, locator=LOC_SLOT, named=PART_SLOT if named else "") if pages else part
    printed_located = replace(printed, locator=LOC_SLOT, named=PART_SLOT if named else "") if pages else printed
    whole = Part(printed.label, printed.title, page_range(pages))
    made = {
        "original_gbt": original_gbt(work, printed_located, script),
        "original_note": original_chicago(work, printed_located, "note"),
        "original_bibliography": original_chicago(work, whole, "bibliography"),
        "edition_gbt": edition_gbt(edition, script, URL_SLOT, DATE_SLOT, work, located, title),
        "edition_note": edition_chicago(edition, script, URL_SLOT, DATE_SLOT, work, located, title, "note"),
        "edition_bibliography": edition_chicago(edition, script, URL_SLOT, DATE_SLOT, work,
                                                replace(part, pages=page_range(pages)), title)}
    names = {key: (name(chapter), template(name(replace(chapter, section=slot(shown), section_roman=slot("r")))))
             for key, name, chapter, shown in (
                 ("original_gbt", gbt_name, printed, "p"), ("edition_gbt", gbt_name, part, "h"),
                 ("original_note", lambda p: chicago_name(p, work.readings), printed, "p"),
                 ("edition_note", lambda p: chicago_name(p, work.readings), part, "h"))}
    shown = {"gbt": page_range(pages), "edition": page_range(pages), "chicago": page_range(pages, "–")}
    out = {}
    for key, _, style, date_format in KINDS:
        locator = locate(work, script, style, Part(pages=shown[style])) if style and pages else ""
        placeholder = strings["cite_date"] if date_format == "iso" else "[date]"
        out[key] = fill_slots(made[key], url, path, date_format, placeholder, locator,
                              locator_templates(work, script, style) if style and pages else None,
                              names.get(key, ("", "")))
    return out


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
