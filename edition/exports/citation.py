"""Citations: the work as printed, and this edition as an online resource.

In: each text's declaration from `sources/edition.yml` (never its converted form: a citation gives
a title as published), the edition statement (title, editors) and the edition's version, counted
from its history. Out: GB/T 7714-2015 and Chicago (17th ed., bibliography form) strings,
`citation_*` meta tags, and CSL-JSON items that the BibTeX and RIS writers serialise.

Two kinds of citation, never mixed: the *original* ([D] thesis, [J] article: title as printed, a
title supplied by the editor in square brackets, an unknown author as 佚名 / left out as Chicago
asks, pages only where they are the work's own printed pages) and the *edition* ([EB/OL]; "In …,
edited by"), which carries the URL, the version and the reader's access date. Nothing here
guesses: what the extract does not give (the thesis's author and year, the article's journal
pages) is said to be unknown or left out. Never reads the clock.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from edition.core.scripts import LANG

UNKNOWN_AUTHOR = "佚名"      # GB/T 7714-2015 8.1.2: an unknown author is 佚名
UNKNOWN_YEAR = {"hant": "[出版年不詳]", "hans": "[出版年不详]"}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
# BibTeX's special characters; each becomes a LaTeX command, so a title cannot break the file.
BIBTEX_ESCAPES = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "$": r"\$",
                  "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


@dataclass(frozen=True)
class Work:
    """A text as printed, from its declaration in `edition.yml`."""

    id: str
    script: str
    title: str
    supplied: bool          # the title is the editor's description, not the work's own
    author: str | None
    type: str               # thesis | article
    journal: str | None = None
    year: int | None = None
    issue: int | None = None
    pages: str | None = None     # the journal's page range, where known
    institution: str = ""        # "國立政治大學 National Chengchi University"
    place: str = ""              # "臺北 Taipei"
    degree: str = ""
    pages_counted: str = "thesis"   # whose pages a printed page counts (core.inputs.WorkMetadata)

    @property
    def shown_title(self) -> str:
        """The title as a citation or a heading shows it: a supplied title in square brackets."""
        return f"[{self.title}]" if self.supplied else self.title


@dataclass(frozen=True)
class Edition:
    """This edition as a publication: its title per script, editors, version and address."""

    title: dict
    editors: tuple
    version: int
    date: str               # YYYY-MM-DD, the newest date in the edition's history
    base_url: str = ""      # the configured site address, '' when none: the browser supplies it
    contact: str | None = None   # where readers report errors, if the editors gave one


def work_of(source) -> Work:
    meta = source.metadata
    kind = "article" if source.work.type == "article-journal" else source.work.type   # the strings' name for it
    return Work(source.id, source.script, source.title, source.title_supplied, source.author,
                kind, meta.get("journal"), meta.get("year"), meta.get("issue"),
                meta.get("pages"), meta.get("institution", ""), meta.get("place", ""), meta.get("degree", ""),
                source.work.pages_counted)


def edition_of(config, history: list[dict], base_url: str = "") -> Edition:
    """The edition statement; its version is the number of versions in the history, its date
    the newest of them (dates come from the sources, never from the clock)."""
    return Edition(dict(config.title), tuple(config.editors), len(history),
                   history[0]["date"] if history else "", base_url, config.contact)


def page_range(pages, dash: str = "-") -> str:
    """'98-133' for a span of printed pages, '98' for one page.

    >>> page_range([98, 99, 133]), page_range([7, 7]), page_range([12, 13], "–")
    ('98-133', '7', '12–13')
    """
    first, last = min(pages), max(pages)
    return str(first) if first == last else f"{first}{dash}{last}"


def chicago_date(iso: str) -> str:
    """A date as Chicago writes it.

    >>> chicago_date("2026-11-05")
    'November 5, 2026'
    """
    day = date.fromisoformat(iso)
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def _editors_gbt(edition: Edition) -> str:
    return ", ".join(e["name"] for e in edition.editors)


def _editors_chicago(edition: Edition) -> str:
    """The editors as Chicago lists them.

    >>> _editors_chicago(Edition({}, ({"name": "A"}, {"name": "B"}, {"name": "C"}), 1, "2026-01-01"))
    'A, B, and C'
    """
    names = [e["name"] for e in edition.editors]
    return " and ".join(names) if len(names) < 3 else ", ".join(names[:-1]) + ", and " + names[-1]


def _institution(work: Work, english: bool) -> str:
    parts = work.institution.split(" ", 1)
    return parts[-1] if english else parts[0]


# GB/T 7714-2015 ----------------------------------------------------------------------------------

def original_gbt(work: Work, pages: str = "") -> str:
    """The work as printed. `pages`: the cited printed pages, only where they are the work's own
    (the thesis's; the article's journal pages are unknown, so an article takes none)."""
    author = work.author or UNKNOWN_AUTHOR
    if work.type == "article":
        issue = f"({work.issue})" if work.issue else ""     # an optional key: left out when not given
        where = f"{work.journal}, {work.year}{issue}" + (f": {work.pages}" if work.pages else "")
        return f"{author}. {work.shown_title}[J]. {where}."
    year = work.year or UNKNOWN_YEAR[work.script]
    located = f": {pages}" if pages else ""
    return f"{author}. {work.shown_title}[D]. {work.place.split(' ')[0]}: {_institution(work, False)}, {year}{located}."


def edition_gbt(edition: Edition, script: str, url: str, accessed: str, work: Work | None = None,
                locator: str = "") -> str:
    """This edition, or a work in it (GB/T's 析出文献 form: work//edition), as [EB/OL] with its
    version, update date, the reader's access date and the URL. `locator` says whose pages."""
    editors = f"{_editors_gbt(edition)}, {edition.editors[0]['role'][script]}. " if edition.editors else ""
    located = f": {locator}" if locator else ""
    tail = f"{edition.version}版. ({edition.date}){located}[{accessed}]. {url}."
    if work is None:
        return f"{editors}{edition.title[script]}[EB/OL]. {tail}"
    author = work.author or UNKNOWN_AUTHOR
    return f"{author}. {work.shown_title}[EB/OL]//{editors}{edition.title[script]}. {tail}"


# Chicago 17th, bibliography form -------------------------------------------------------------------

def original_chicago(work: Work) -> str:
    """An unknown author is left out (the entry begins with the title, CMOS 14.79); a supplied
    title stands in brackets without quotation marks."""
    author = f"{work.author}. " if work.author else ""
    title = work.shown_title if work.supplied else f"“{work.title}.”"
    if work.type == "article":
        pages = f": {work.pages.replace('-', '–')}" if work.pages else ""
        issue = f", no. {work.issue}" if work.issue else ""    # an optional key: left out when not given
        return f"{author}{title} {work.journal}{issue} ({work.year}){pages}."
    year = f"{work.year}." if work.year else "n.d."
    return f"{author}{title}{'.' if work.supplied else ''} Master’s thesis, {_institution(work, True)}, {year}"


def edition_chicago(edition: Edition, script: str, url: str, accessed: str, work: Work | None = None) -> str:
    """The "edited by" form; `accessed` is the reader's date as Chicago writes it."""
    names = _editors_chicago(edition)
    tail = f"Version {edition.version}. Last modified {chicago_date(edition.date)}. Accessed {accessed}. {url}."
    if work is None:
        eds = "eds." if len(edition.editors) > 1 else "ed."
        return (f"{names}, {eds} " if names else "") + f"{edition.title[script]}. {tail}"
    author = f"{work.author}. " if work.author else ""
    title = f"{work.shown_title}." if work.supplied else f"“{work.title}.”"
    edited = f", edited by {names}" if names else ""
    return f"{author}{title} In {edition.title[script]}{edited}. {tail}"


# Machine-readable ----------------------------------------------------------------------------------

def meta_tags(work: Work) -> dict[str, str]:
    """The Highwire `citation_*` tags Zotero and Mendeley read: the work as printed."""
    tags = {"citation_title": work.shown_title, "citation_language": _lang(work.script)}
    if work.author:
        tags["citation_author"] = work.author
    if work.type == "article":
        assert work.journal is not None, "the schema requires an article's journal"
        tags.update(citation_journal_title=work.journal, citation_publication_date=str(work.year),
                    **({"citation_issue": str(work.issue)} if work.issue else {}))
        if work.pages:
            tags["citation_firstpage"], _, last = work.pages.partition("-")
            if last:
                tags["citation_lastpage"] = last
    else:
        tags["citation_dissertation_institution"] = _institution(work, False)
        if work.year:
            tags["citation_publication_date"] = str(work.year)
    return tags


def _lang(script: str) -> str:
    return LANG[script]


def csl_items(work: Work, edition: Edition, script: str, url: str, chapter: dict | None = None) -> list[dict]:
    """The work as printed and the same work in this edition, as CSL-JSON items. `chapter`
    ({"id", "title", "pages"}) narrows both to one chapter."""
    original: dict[str, Any] = {"id": work.id, "type": "article-journal" if work.type == "article" else "thesis",
                "title": work.shown_title, "language": _lang(work.script)}
    if work.author:
        original["author"] = [{"literal": work.author}]
    if work.type == "article":
        assert work.year is not None, "the schema requires an article's year"
        original.update({"container-title": work.journal, **({"issue": str(work.issue)} if work.issue else {}),
                         "issued": {"date-parts": [[int(work.year)]]}})
        if work.pages:
            original["page"] = work.pages
    else:
        original.update({"genre": "Master’s thesis", "publisher": _institution(work, True),
                         "publisher-place": work.place.split(" ", 1)[-1]})
        if work.year:
            original["issued"] = {"date-parts": [[int(work.year)]]}
    notes = []
    if work.supplied:
        notes.append("Title supplied by the editors of the online edition (not printed in the work).")
    if not work.author:
        notes.append("Author unknown.")
    if chapter:
        original["id"] += f"-{chapter['id']}"
        if work.type == "thesis":
            original["page"] = chapter["pages"]
        notes.append(f"Chapter: {chapter['title']}.")
    if work.type == "article" and not work.pages:
        notes.append("Journal page range unknown.")
    if notes:
        original["note"] = " ".join(notes)
    online: dict[str, Any] = {
        "id": f"{original['id']}-edition", "type": "chapter",
        "title": chapter["title"] if chapter else work.shown_title,
        "container-title": edition.title[script], "editor": [{"literal": e["name"]} for e in edition.editors],
        "version": str(edition.version), "issued": {"date-parts": [[int(p) for p in edition.date.split("-")]]},
        "URL": url, "language": _lang(script), "note": f"Online edition of: {original_gbt(work)}"}
    if work.author:
        online["author"] = original["author"]
    return [original, online]


def csl_json(items: list[dict]) -> str:
    return json.dumps(items, ensure_ascii=False, indent=1) + "\n"


def bibtex_escape(value: str) -> str:
    r"""Text as BibTeX reads it back.

    >>> bibtex_escape("50% & {x}_1 #2")
    '50\\% \\& \\{x\\}\\_1 \\#2'
    """
    return "".join(BIBTEX_ESCAPES.get(ch, ch) for ch in value)


def bibtex(items: list[dict]) -> str:
    return "\n".join(_bibtex_entry(item) for item in items)


def _bibtex_entry(item: dict) -> str:
    kind = {"thesis": "mastersthesis", "article-journal": "article", "chapter": "incollection"}[item["type"]]

    def names(key: str) -> str:
        return " and ".join("{" + bibtex_escape(n["literal"]) + "}" for n in item.get(key, ()))

    issued = item.get("issued", {}).get("date-parts", [[]])[0]
    container = bibtex_escape(item.get("container-title", ""))
    fields = [("title", "{" + bibtex_escape(item["title"]) + "}"), ("author", names("author")),
              ("editor", names("editor")), ("booktitle", container if kind == "incollection" else ""),
              ("journal", container if kind == "article" else ""),
              ("school", bibtex_escape(item.get("publisher", ""))),
              ("address", bibtex_escape(item.get("publisher-place", ""))),
              ("year", str(issued[0]) if issued else ""),
              ("date", "-".join(f"{p:02d}" for p in issued) if len(issued) == 3 else ""),
              ("number", item.get("issue", "")), ("pages", item.get("page", "").replace("-", "--")),
              ("edition", item.get("version", "")), ("url", item.get("URL", "")), ("langid", item["language"]),
              ("note", bibtex_escape(item.get("note", "")))]
    body = ",\n".join(f"  {key} = {{{value}}}" for key, value in fields if value)
    return f"@{kind}{{{item['id']},\n{body}\n}}\n"


def ris(items: list[dict]) -> str:
    return "".join(_ris_record(item) for item in items)


def _ris_record(item: dict) -> str:
    kind = {"thesis": "THES", "article-journal": "JOUR", "chapter": "CHAP"}[item["type"]]
    issued = item.get("issued", {}).get("date-parts", [[]])[0]
    lines = [("TY", kind), ("TI", item["title"])]
    lines += [("AU", n["literal"]) for n in item.get("author", ())]
    lines += [("A2", n["literal"]) for n in item.get("editor", ())]
    lines += [("JO" if kind == "JOUR" else "T2", item.get("container-title", "")),
              ("PY", str(issued[0]) if issued else ""),
              ("DA", "/".join(f"{p:02d}" for p in issued) if len(issued) == 3 else ""), ("IS", item.get("issue", "")),
              ("PB", item.get("publisher", "")), ("CY", item.get("publisher-place", "")),
              ("ET", item.get("version", ""))]
    first, _, last = item.get("page", "").partition("-")
    lines += [("SP", first), ("EP", last), ("UR", item.get("URL", "")), ("LA", item["language"]),
              ("N1", item.get("note", ""))]
    # one line per tag: a line break inside a value would start a bogus record line
    return "".join(f"{tag}  - {' '.join(str(value).split())}\n" for tag, value in lines if value) + "ER  - \n\n"


# per text: (suffix, strings key, encoder)
CITATIONS = (("bib", "bib", bibtex), ("ris", "ris", ris), ("csl.json", "csl", csl_json))


def citation_files(work, about, text) -> dict[str, str]:
    """BibTeX, RIS and CSL-JSON of a text (`<text>.bib`) and of each of its chapters
    (`<text>/<chapter>.bib`): the work as printed and the work in this edition, made from the text
    in its own script (the same in either script's job, so both can give the sizes). Without a
    configured site address the URL is the page's path from the site root."""
    script = text.source.script
    path = f"{script}/{work.id}/"
    units = [(work.id, csl_items(work, about, script, about.base_url + path))]
    for chapter in text.chapters:
        if chapter.id != "front":
            pages = [page for p in chapter.paragraphs for page in p.pages]
            unit = {"id": chapter.id, "title": f"{chapter.label} {chapter.title}".strip(), "pages": page_range(pages)}
            units.append((f"{work.id}/{chapter.id}", csl_items(work, about, script,
                                                                f"{about.base_url}{path}{chapter.id}/", unit)))
    return {f"{stem}.{ext}": make(items) for stem, items in units for ext, _, make in CITATIONS}
