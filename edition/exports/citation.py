"""Citations: the work as printed, and this edition as an online resource, for every citable part.

In: each text's declaration from `sources/edition.yml` (its title as printed, the year the editors
estimate with their evidence, a translation of the title, the romanization table), the edition
statement (title, editors) and its version, counted from its history; a `Part` (the whole work, a
chapter or section by its printed heading, a paragraph or printed page by its pages, a note by its
page and printed number). Out: GB/T 7714-2015 strings and Chicago (17th ed.) note and bibliography
strings, and the Highwire `citation_*` tags. The CSL-JSON, BibTeX and RIS records: `records.py`.

Two kinds of citation, never mixed: the *original* (the work as printed, [D] thesis, [J] article:
its title, a title supplied by the editors in square brackets, an unknown author as 佚名 / left out
as Chicago asks, an unknown year as the editors' estimate `[2005?]`) and the *edition* ([EB/OL];
"in …, ed."), which carries the URL, the version and the reader's access date in the page's script.
Each kind of work formats its own parts (`WORK_TYPES`, keyed by CSL type): a new type is one class
and one entry. Chicago sets Chinese titles as the Manual asks (14.107): pinyin, the characters,
an optional translation in brackets; italics are marked with `ITALIC` (`plain` drops the marks,
the page turns them into <i>). Nothing here guesses, and nothing reads the clock.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from edition.core.model import heading_line, section_heading
from edition.core.scripts import LANG
from edition.exports.romanize import romanize, romanize_name

UNKNOWN_AUTHOR = "佚名"      # GB/T 7714-2015 8.1.2: an unknown author is 佚名
ITALIC = ("\x02", "\x03")   # around what Chicago sets in italics
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
CIRCLED = "⓪①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
STYLES = ("gbt", "chicago_note", "chicago_bibliography")


@dataclass(frozen=True)
class Work:
    """A text as printed, from its declaration in `edition.yml`."""

    id: str
    script: str
    title: str
    supplied: bool          # the title is the editor's description, not the work's own
    author: str | None
    type: str               # a CSL type with an entry in WORK_TYPES: thesis | article-journal
    journal: str | None = None
    year: int | None = None
    issue: int | None = None
    pages: str | None = None     # the journal's page range, where known
    institution: str = ""        # "國立政治大學 National Chengchi University"
    place: str = ""              # "臺北 Taipei"
    degree: str = ""
    year_estimate: int | None = None    # the editors' estimate where the print gives no year
    translation: str = ""                # the title in English, where the editors give one
    circled_notes: bool = False          # notes printed ①②③ (cited so: 注⑥)
    readings: Mapping[str, str] = field(default_factory=dict)   # the romanization table
    headings: Mapping[str, tuple[str, str]] = field(default_factory=dict)   # chapter id -> (label, title) as printed
    sections: Mapping[str, tuple[str, str]] = field(default_factory=dict)   # section anchor -> (heading, title)
    pages_counted: str = "thesis"   # whose pages a printed page counts (core.inputs.WorkMetadata.pages_counted)
    metadata: Mapping[str, Any] = field(default_factory=dict)   # every key its entry declares (its type's own)

    @property
    def shown_title(self) -> str:
        """The title as a citation or a heading shows it: a supplied title in square brackets."""
        return f"[{self.title}]" if self.supplied else self.title

    @property
    def shown_year(self) -> str:
        """The year, or the editors' estimate as GB/T 7714-2015 and Chicago write it ([2005?])."""
        return str(self.year) if self.year else f"[{self.year_estimate}?]" if self.year_estimate else ""


@dataclass(frozen=True)
class Edition:
    """This edition as a publication: its title per script, editors, version and address."""

    title: dict
    editors: tuple
    version: int
    date: str               # YYYY-MM-DD, the newest date in the edition's history
    base_url: str = ""      # the configured site address, '' when none: the browser supplies it
    contact: str | None = None   # where readers report errors, if the editors gave one
    readings: Mapping[str, str] = field(default_factory=dict)   # the romanization table


@dataclass(frozen=True)
class Part:
    """What is cited of a work: a chapter or section by its `label` and `title` as the page shows
    them (both '' for the whole work), `pages` (printed pages, e.g. '21-42'; '' for none) and
    `note` (a note's printed number; its page is `pages`)."""

    label: str = ""
    title: str = ""
    pages: str = ""
    note: str = ""
    locator: str = ""     # the locator as given (a page's slot for the browser), instead of the style's
    section: str = ""     # a section of the chapter: its heading as printed (`第一節 雅爾達…`)
    section_title: str = ""   # the section's title without its label (what Chicago romanizes)
    section_roman: str = ""   # the romanization as given (a slot for the browser), instead of pypinyin's
    named: str = ""       # the part's name as given (a slot for the browser), instead of the style's

    @property
    def heading(self) -> str:
        return heading_line(self.label, self.title)

    @property
    def chapter(self) -> Part:
        """The chapter the part belongs to, as a bibliography lists it (no section, no locator)."""
        return Part(self.label, self.title, self.pages)

    def located(self, dash: str) -> Part:
        """The same part, its page range written with `dash` (Chicago's en dash)."""
        return replace(self, pages=self.pages.replace("-", dash))


WHOLE = Part()      # the whole work: no heading, no locator

# The name of each CSL type as works are declared in edition.yml (`metadata.type`).
DECLARED_TYPES = {"thesis": "thesis", "article": "article-journal"}


def work_of(source, readings: Mapping[str, str] | None = None) -> Work:
    meta, cited = source.metadata, source.citation
    return Work(source.id, source.script, source.title, source.title_supplied, source.author,
                source.work.type, meta.get("journal"),
                meta.get("year"), meta.get("issue"), meta.get("pages"), meta.get("institution", ""),
                meta.get("place", ""), meta.get("degree", ""), (cited.get("year") or {}).get("estimate"),
                cited.get("translation", ""), cited.get("printed_notes") == "circled", dict(readings or {}),
                pages_counted=source.work.pages_counted, metadata=dict(meta))


def works_of(config, texts) -> dict[str, Work]:
    """Every text as printed, by id; `texts` built in their own scripts give the printed headings."""
    readings = config.meta.get("romanization") or {}
    headings = {t.source.id: {c.id: (c.label, c.title) for c in t.chapters} for t in texts}
    sections = {t.source.id: {p.anchor: section_heading(p) for c in t.chapters for p in c.paragraphs
                              if p.kind == "heading" and p.level > 1} for t in texts}
    return {source.id: replace(work_of(source, readings), headings=headings.get(source.id, {}),
                               sections=sections.get(source.id, {})) for source in config.texts}


def edition_of(config, history: list[dict], base_url: str = "") -> Edition:
    """The edition statement; its version is the number of versions in the history, its date
    the newest of them (dates come from the sources, never from the clock)."""
    return Edition(dict(config.title), tuple(config.editors), len(history),
                   history[0]["date"] if history else "", base_url, config.contact,
                   dict(config.meta.get("romanization") or {}))


def page_range(pages, dash: str = "-") -> str:
    """'98-133' for a span of printed pages, '98' for one page, '' for none.

    >>> page_range([98, 99, 133]), page_range([7, 7]), page_range([12, 13], "–"), page_range([])
    ('98-133', '7', '12–13', '')
    """
    if not pages:
        return ""
    first, last = min(pages), max(pages)
    return str(first) if first == last else f"{first}{dash}{last}"


def chicago_date(iso: str) -> str:
    """A date as Chicago writes it.

    >>> chicago_date("2026-11-05")
    'November 5, 2026'
    """
    day = date.fromisoformat(iso)
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def plain(citation: str) -> str:
    """A citation as text: the italic marks dropped."""
    return citation.replace(ITALIC[0], "").replace(ITALIC[1], "")


def italic(text: str) -> str:
    return f"{ITALIC[0]}{text}{ITALIC[1]}"


def printed_note(work: Work, number: str, style: str) -> str:
    """A note's number as printed: GB/T cites 注⑥ where the print circles it; Chicago n. 6."""
    if style == "gbt" and work.circled_notes and number.isdigit() and int(number) < len(CIRCLED):
        return CIRCLED[int(number)]
    return number


# A value given in both languages, Chinese first: '國立政治大學 National Chengchi University'.
BILINGUAL = re.compile(r"^(?P<chinese>\S*[\u3400-\u9fff\uf900-\ufaff]\S*) +(?P<english>[A-Za-z].*)$")


def english_part(value: str) -> str:
    """'國立政治大學 National Chengchi University' -> the English part; a value in one language
    ('Encyclopaedia Britannica', '人民出版社') as it is."""
    found = BILINGUAL.match(value)
    return found["english"] if found else value


def chinese_part(value: str) -> str:
    """The Chinese part of a bilingual value; a value in one language as it is."""
    found = BILINGUAL.match(value)
    return found["chinese"] if found else value


def _chicago_name(name: str, readings: Mapping[str, str]) -> str:
    """A Chinese name as Chicago gives it: the romanization, then the characters."""
    romanized = romanize_name(name, readings)
    return romanized if romanized == name else f"{romanized} {name}"


def _chicago_title(title: str, readings: Mapping[str, str], quoted: bool, translation: str = "") -> str:
    """Pinyin (quoted for a part, bracketed for a supplied title, as `title` shows), the characters
    and, where the editors give one, the translation in brackets."""
    romanized = romanize(title, readings)
    shown = f"“{romanized}” {title}" if quoted else f"{romanized} {title}"
    return shown + (f" [{translation}]" if translation else "")


class WorkType:
    """How citations give one kind of work (one CSL type): its GB/T type mark and where it was
    published, its locators in each style, its title and source in Chicago. Register a subclass
    in WORK_TYPES under its CSL type."""

    gbt_mark = "Z"

    def gbt_source(self, work: Work) -> str:
        raise NotImplementedError

    def gbt_locator(self, work: Work, part: Part, script: str) -> str:
        raise NotImplementedError

    def chicago_locator(self, work: Work, part: Part) -> str:
        raise NotImplementedError

    def edition_locator(self, work: Work, part: Part, script: str) -> str:
        raise NotImplementedError

    def chicago_title(self, work: Work, title: str) -> str:
        return _chicago_title(title, work.readings, not work.supplied, work.translation)

    def chicago_source(self, work: Work) -> str:
        raise NotImplementedError


def own_pages_gbt(work: Work, part: Part, script: str) -> str:
    """A locator in the work's own printed pages, GB/T: '25', a note '第25頁注30' (注⑥ where circled)."""
    if part.note:
        return f"第{part.pages}{'頁' if script == 'hant' else '页'}注{printed_note(work, part.note, 'gbt')}"
    return part.pages


def own_pages_chicago(part: Part) -> str:
    """The same in Chicago: '25', a note '25n30' (CMOS 14.51), on a page printed in letters 'i n1'
    (run together, 'in1' reads as a word; cite.js fills its template so too).

    >>> own_pages_chicago(Part(pages="25", note="30")), own_pages_chicago(Part(pages="i", note="1"))
    ('25n30', 'i n1')
    """
    if not part.note:
        return part.pages
    return f"{part.pages}{' ' if part.pages[-1:].isalpha() else ''}n{part.note}"


class Thesis(WorkType):
    """A thesis (CSL `thesis`, GB/T [D]): its pages are its own printed pages."""

    gbt_mark = "D"

    def gbt_source(self, work: Work) -> str:
        return f"{chinese_part(work.place)}: {chinese_part(work.institution)}, {work.shown_year}"

    def gbt_locator(self, work: Work, part: Part, script: str) -> str:
        return own_pages_gbt(work, part, script)

    def chicago_locator(self, work: Work, part: Part) -> str:
        return own_pages_chicago(part)

    def edition_locator(self, work: Work, part: Part, script: str) -> str:
        return self.gbt_locator(work, part, script)     # the edition shows the thesis's printed pages

    def chicago_source(self, work: Work) -> str:
        return f"{work.degree and 'master’s thesis'}, {english_part(work.institution)}, {work.shown_year}".lstrip(", ")


class ArticleJournal(WorkType):
    """A journal article (CSL `article-journal`, GB/T [J]). The edition counts the article's own
    pages, which are not the journal's: every locator says so."""

    gbt_mark = "J"

    def gbt_source(self, work: Work) -> str:
        return f"{work.journal}, {work.year}" + (f"({work.issue})" if work.issue else "")   # issue: optional

    def gbt_locator(self, work: Work, part: Part, script: str) -> str:
        return self.edition_locator(work, part, script)

    def chicago_locator(self, work: Work, part: Part) -> str:
        if not part.pages:
            return ""
        pages = f"{'pp.' if '–' in part.pages else 'p.'} {part.pages}" + (f" n. {part.note}" if part.note else "")
        return f"{pages} (the article’s own page numbering)"

    def edition_locator(self, work: Work, part: Part, script: str) -> str:
        if not part.pages:
            return ""
        note = f"注{printed_note(work, part.note, 'gbt')}" if part.note else ""
        words = "本文第{}頁{}（非期刊頁碼）" if script == "hant" else "本文第{}页{}（非期刊页码）"
        return words.format(part.pages, note)

    def chicago_source(self, work: Work) -> str:
        journal = f"{italic(romanize(work.journal or '', work.readings))} {work.journal}"
        return f"{journal}" + (f", no. {work.issue}" if work.issue else "") + f" ({work.year})"


# GB/T 7714-2015's type marks (its 4.1 and appendix B) for the CSL types without a class of their own.
GBT_MARKS = {"book": "M", "chapter": "M", "entry-encyclopedia": "M", "report": "R", "webpage": "EB/OL",
             "legislation": "Z", "treaty": "Z", "manuscript": "A"}
# Where each type was published or kept, first key declared wins: a book's publisher, a chapter's
# book, an entry's encyclopedia, a site, an authority, an archive.
HELD_BY = ("book", "encyclopedia", "site", "publisher", "authority", "archive", "institution")
STANDALONE = {"book", "report"}     # published on their own: Chicago sets their titles in italics


class Other(WorkType):
    """Any other CSL type (core.inputs.WORK_TYPES): GB/T's mark for it, where it was published or
    kept and when, from the metadata its type declares (the place, the book, encyclopedia, site,
    publisher, authority or archive, the date or year), the work's own printed pages. Nothing it
    does not declare; never a traceback for a known type."""

    def __init__(self, csl_type: str = "") -> None:
        self.gbt_mark = GBT_MARKS.get(csl_type, "Z")
        self.standalone = csl_type in STANDALONE

    def chicago_title(self, work: Work, title: str) -> str:
        """A book's or a report's title in italics (CMOS 14.94), not quoted as a part's: the
        romanized title set so, then the characters."""
        if not self.standalone or work.supplied:
            return super().chicago_title(work, title)
        shown = f"{italic(romanize(title, work.readings))} {title}"
        return shown + (f" [{work.translation}]" if work.translation else "")

    def gbt_source(self, work: Work) -> str:
        return _published(work, chinese_part, chinese_part)

    def gbt_locator(self, work: Work, part: Part, script: str) -> str:
        return own_pages_gbt(work, part, script)      # the work's own printed pages, a note on its page

    def chicago_locator(self, work: Work, part: Part) -> str:
        return own_pages_chicago(part)

    def edition_locator(self, work: Work, part: Part, script: str) -> str:
        return own_pages_gbt(work, part, script)

    def chicago_source(self, work: Work) -> str:
        return _published(work, english_part, str)


def _published(work: Work, place_part: Callable[[str], str], held_part: Callable[[str], str]) -> str:
    """'place: held by, date' from the metadata `work` declares, each part in the language a style
    gives it (GB/T the Chinese part of a bilingual value, Chicago the English part of the place)."""
    meta = work.metadata
    held = next((str(meta[key]) for key in HELD_BY if meta.get(key)), "")
    where = ": ".join(part for part in (place_part(str(meta.get("place") or "")), held_part(held)) if part)
    when = str(meta.get("date") or "") or work.shown_year
    return ", ".join(part for part in (where, when) if part)


WORK_TYPES: dict[str, WorkType] = {"thesis": Thesis(), "article-journal": ArticleJournal()}


def work_type(work: Work) -> WorkType:
    """How citations give `work`: its type's class, or `Other` for a type without one yet."""
    return WORK_TYPES.get(work.type) or Other(work.type)


_kind = work_type


def gbt_name(part: Part) -> str:
    """A part's name in GB/T 7714 (其他题名信息): the chapter's heading, a section's after it.

    >>> gbt_name(Part("第二章", "結論", section="第一節 前言")), gbt_name(WHOLE)
    ('第二章 結論: 第一節 前言', '')
    """
    return part.named or ": ".join(filter(None, (part.heading, part.section)))


def chicago_name(part: Part, readings: Mapping[str, str]) -> str:
    """A part's name in Chicago: the romanized title quoted, then the characters (14.107); a
    section "in" its chapter.

    >>> chicago_name(Part("第二章", "結論", section="第一節 前言", section_title="前言"), {})
    '“Qianyan” 第一節 前言, in “Jielun” 第二章 結論'
    """
    if part.named:
        return part.named
    chapter = f"“{romanize(part.title, readings)}” {part.heading}" if part.heading else ""
    if not part.section:
        return chapter
    roman = part.section_roman or romanize(part.section_title or part.section, readings)
    return f"“{roman}” {part.section}" + (f", in {chapter}" if chapter else "")


# The work as printed -----------------------------------------------------------------------------

def original_gbt(work: Work, part: Part = WHOLE, script: str | None = None) -> str:
    """GB/T 7714-2015: `author. title[D]. place: institution, year: pages.`; a part by its heading
    as the title's 其他题名信息 (`author. title: heading[D]. …`, as CSL's `volume-title` renders it),
    its pages as the locator. Locator words are in `script` (the page's)."""
    kind, script = _kind(work), script or work.script
    author = work.author or UNKNOWN_AUTHOR
    name = gbt_name(part)
    title = f"{work.shown_title}: {name}" if name else work.shown_title
    locator = part.locator or kind.gbt_locator(work, part, script) or (work.pages if work.type != "thesis" else "")
    source = kind.gbt_source(work)      # a manuscript may declare none: no empty '. .'
    tail = f"{source}: {locator}" if source and locator else source or locator
    return f"{author}. {title}[{kind.gbt_mark}]" + (f". {tail}" if tail else "") + "."


def original_chicago(work: Work, part: Part = WHOLE, form: str = "bibliography") -> str:
    """Chicago 17th, note or bibliography form. An unknown author is left out (the entry begins
    with the title, CMOS 14.79); a thesis's chapter is cited "in" the thesis (14.9x), an article's
    section by its heading before the page."""
    kind = _kind(work)
    author = _chicago_name(work.author, work.readings) if work.author else ""
    title = kind.chicago_title(work, work.shown_title)
    section = chicago_name(part if form == "note" else part.chapter, work.readings)
    locator = part.locator or kind.chicago_locator(work, part.located("–"))
    if form == "note":
        if work.type == "thesis":
            body = f"{section}, in {title} ({kind.chicago_source(work)})" if section else \
                f"{title} ({kind.chicago_source(work)})"
        else:
            body = ", ".join(filter(None, (title, kind.chicago_source(work))))
            body += f", section {section}" if section else ""
        return ", ".join(filter(None, (author, body, locator))) + "."
    if work.type == "thesis":
        whole = f"{title}. {kind.chicago_source(work)[0].upper()}{kind.chicago_source(work)[1:]}."
        if section:
            whole = f"{section}. In {title}" + (f", {locator}" if locator else "") + \
                f". {kind.chicago_source(work)[0].upper()}{kind.chicago_source(work)[1:]}."
    else:
        pages = f": {work.pages.replace('-', '–')}" if work.pages else ""
        source = f"{kind.chicago_source(work)}{pages}"
        whole = f"{title}." + (f" {source}." if source else "") + (f" Section {section}." if section else "")
    return (f"{author}. " if author else "") + whole


# This edition as an online resource -----------------------------------------------------------------

def _editors_gbt(edition: Edition, script: str) -> str:
    if not edition.editors:
        return ""
    return ", ".join(e["name"] for e in edition.editors) + f", {edition.editors[0]['role'][script]}. "


def _editors_chicago(edition: Edition) -> str:
    """The editors as Chicago lists them.

    >>> _editors_chicago(Edition({}, ({"name": "A"}, {"name": "B"}, {"name": "C"}), 1, "2026-01-01"))
    'A, B, and C'
    """
    names = [e["name"] for e in edition.editors]
    return " and ".join(names) if len(names) < 3 else ", ".join(names[:-1]) + ", and " + names[-1]


def edition_gbt(edition: Edition, script: str, url: str, accessed: str, work: Work | None = None,
                part: Part = WHOLE, title: str = "") -> str:
    """This edition, or a part of a work in it (GB/T's 析出文献 form: work//edition), as [EB/OL]
    with its version, the locator after the year and before the update date (GB/T 7714-2015 4.1,
    8.8.2: 出版年: 引文页码(更新或修改日期)[引用日期]), the reader's access date and the URL. `title`
    is the work's title in the page's script (default: as printed)."""
    tail = f"{edition.version}版. ({edition.date})"
    if work is None:
        return f"{_editors_gbt(edition, script)}{edition.title[script]}[EB/OL]. {tail}[{accessed}]. {url}."
    shown = f"[{title}]" if title and work.supplied else title or work.shown_title
    name = gbt_name(part)
    shown += f": {name}" if name else ""
    locator = part.locator or _kind(work).edition_locator(work, part, script)
    if locator:         # 出版年: 引文页码(更新或修改日期)[引用日期]
        tail = f"{edition.version}版. {edition.date[:4]}: {locator}({edition.date})"
    return (f"{work.author or UNKNOWN_AUTHOR}. {shown}[EB/OL]//{_editors_gbt(edition, script)}{edition.title[script]}. "
            f"{tail}[{accessed}]. {url}.")


def edition_chicago(edition: Edition, script: str, url: str, accessed: str, work: Work | None = None,
                    part: Part = WHOLE, title: str = "", form: str = "bibliography") -> str:
    """The "ed." (note) or "edited by" (bibliography) form; `accessed` as Chicago writes a date."""
    names, note = _editors_chicago(edition), form == "note"
    name = edition.title[script]
    site = f"{romanize(edition.title['hant'] if 'hant' in edition.title else name, edition.readings)} {name}"
    modified = chicago_date(edition.date)
    if note:
        tail = (f", ed. {names}" if names else "") + f", version {edition.version}, last modified {modified}, " \
            f"accessed {accessed}, {url}."
    else:
        tail = (f", edited by {names}" if names else "") + f". Version {edition.version}. Last modified " \
            f"{modified}. Accessed {accessed}. {url}."
    if work is None:
        eds = "eds." if len(edition.editors) > 1 else "ed."
        if note:
            return f"{site}" + tail
        return (f"{names}, {eds} " if names else "") + f"{site}. Version {edition.version}. Last modified " \
            f"{modified}. Accessed {accessed}. {url}."
    kind = _kind(work)
    shown = kind.chicago_title(work, f"[{title}]" if title and work.supplied else title or work.shown_title)
    author = _chicago_name(work.author, work.readings) if work.author else ""
    locator = part.locator or kind.chicago_locator(work, part.located("–"))
    if note:
        section = chicago_name(part, work.readings)
        cited = ", ".join(filter(None, (author, f"{section}, in {shown}" if section else shown, locator)))
        return f"{cited}, in {site}{tail}"
    section = chicago_name(part.chapter, work.readings)
    pages = kind.chicago_locator(work, part.chapter.located("–")) if work.type == "thesis" else ""
    entry = (f"{section}. In {shown}" + (f", {pages}" if pages else "")) if section else shown
    return (f"{author}. " if author else "") + f"{entry}. In {site}{tail}"


# Machine-readable ----------------------------------------------------------------------------------

def _held_by_tags(work: Work) -> dict[str, str]:
    """Who holds or publishes a work other than an article, as Zotero's embedded-metadata reader
    takes each kind: a thesis's institution, a report's, a book's publisher, the book a chapter
    or the encyclopedia an entry is printed in (never a thesis's tag on a book)."""
    meta = {key: chinese_part(str(value)) for key, value in work.metadata.items() if value}
    if work.type == "thesis":
        return {"citation_dissertation_institution": chinese_part(work.institution)}
    if work.type == "report":
        return {key: meta[name] for key, name in (("citation_technical_report_institution", "publisher"),
                                                  ("citation_technical_report_number", "number")) if name in meta}
    held = {"citation_inbook_title": meta.get("book") or meta.get("encyclopedia"),
            "citation_publisher": meta.get("publisher")}
    return {key: value for key, value in held.items() if value}


def meta_tags(work: Work, part: Part = WHOLE, url: str = "") -> dict[str, str]:
    """The Highwire `citation_*` tags Zotero and Mendeley read: the work as printed (Zotero saves a
    thesis or an article, never a chapter of one), narrowed on a chapter's page to the chapter's
    printed pages where they are the work's own, with the page's address when the site has one."""
    tags = {"citation_title": work.shown_title, "citation_language": LANG[work.script]}
    if work.author:
        tags["citation_author"] = work.author
    if work.type == "article-journal":
        assert work.journal is not None, "the schema requires an article's journal"
        tags.update(citation_journal_title=work.journal, citation_publication_date=str(work.year),
                    **({"citation_issue": str(work.issue)} if work.issue else {}))
        if work.pages:
            tags["citation_firstpage"], _, last = work.pages.partition("-")
            if last:
                tags["citation_lastpage"] = last
    else:
        tags.update(_held_by_tags(work))
        if work.year:            # an estimate is no date a reference manager may store as fact
            tags["citation_publication_date"] = str(work.year)
        if part.pages:
            tags["citation_firstpage"], _, last = part.pages.partition("-")
            if last:
                tags["citation_lastpage"] = last
    if url:
        tags["citation_public_url"] = url
    return tags
