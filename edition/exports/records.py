"""Citation records a reference manager imports whole: CSL-JSON, BibTeX and RIS.

In: a work as printed and this edition (`citation.Work`, `citation.Edition`), a script's built
text (its titles in that script) and the site address. Out: per text and per chapter, in each
script, two items: the work as printed (in its own script: a record gives a title as published;
publisher and place in Chinese, the year or the editors' estimate `[2005?]`, a thesis's part by its heading
as CSL `volume-title`, an article's in the note) and the same work in this edition (CSL `webpage`, GB/T [EB/OL], in the
page's script, with the URL). One encoder per format: `bibtex_escape` is the only way a value
enters a BibTeX field, `_ris_value` the only way into RIS. Never reads the clock.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from edition.core.encode import json_data
from edition.core.scripts import LANG
from edition.exports.citation import WHOLE, Edition, Part, Work, chinese_part, page_range

# BibTeX's special characters; each becomes a LaTeX command. BibTeX counts every brace, escaped
# or not (`\}` still closes a field), so braces become commands whose own braces balance.
BIBTEX_ESCAPES = {"\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}",
                  "%": r"\%", "&": r"\&", "$": r"\$",
                  "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}
URL_SAFE = ":/?#[]@!$&'()*+,;=~-._"          # RFC 3986's reserved and unreserved marks, kept as they are
GENRE = {"hant": "碩士學位論文", "hans": "硕士学位论文"}    # GB/T 7714's word for a master's thesis


def _issued(work: Work) -> dict:
    date = str(work.metadata.get("date") or "")
    if re.fullmatch(r"\d{4}(-\d{2}){0,2}", date):        # a treaty's, a law's, a letter's day
        return {"date-parts": [[int(part) for part in date.split("-")]]}
    if work.year:
        return {"date-parts": [[int(work.year)]]}
    return {"literal": work.shown_year} if work.shown_year else {}


# CSL variables of the metadata keys (core.inputs.WORK_TYPES) that have one.
CSL_KEYS = {"book": "container-title", "encyclopedia": "container-title", "site": "container-title",
            "publisher": "publisher", "authority": "authority", "archive": "archive",
            "archive_location": "archive_location", "place": "publisher-place", "url": "URL", "number": "number",
            "edition": "edition", "volume": "volume", "editor": "editor", "accessed": "accessed"}


def _declared(metadata: Mapping[str, Any]) -> dict[str, Any]:
    """The CSL variables a work of a type other than thesis or article declares (no thesis's genre)."""
    item: dict[str, Any] = {}
    for key, variable in CSL_KEYS.items():
        value = metadata.get(key)
        if value in (None, ""):
            continue
        if variable == "editor":
            item[variable] = [{"literal": str(value)}]
        elif variable == "accessed" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(value)):
            item[variable] = {"date-parts": [[int(part) for part in str(value).split("-")]]}
        elif variable == "publisher-place":
            item[variable] = chinese_part(str(value))
        else:
            item.setdefault(variable, str(value))
    return item


def original_item(work: Work, part: Part = WHOLE, item_id: str = "") -> dict[str, Any]:
    """The work as printed, as a CSL item; `part` narrows it to a chapter (its heading, its pages)."""
    item: dict[str, Any] = {"id": item_id or work.id, "type": work.type, "title": work.shown_title,
                            "language": LANG[work.script]}
    if part.heading and work.type != "article-journal":       # an article's section is no volume: CSL
        item["volume-title"] = part.heading                    # styles print that as a special issue
    if work.author:
        item["author"] = [{"literal": work.author}]
    if work.type == "article-journal":
        item.update({"container-title": work.journal, "issue": str(work.issue)})
        if work.pages:
            item["page"] = work.pages
    elif work.type == "thesis":
        item.update({"genre": GENRE[work.script], "publisher": chinese_part(work.institution),
                     "publisher-place": chinese_part(work.place)})
        if part.pages:
            item["page"] = part.pages
    else:
        item.update(_declared(work.metadata))
        if part.pages:
            item["page"] = part.pages
    if _issued(work):
        item["issued"] = _issued(work)
    notes = ["Title supplied by the editors of the online edition (not printed in the work)."] if work.supplied else []
    if part.heading and work.type == "article-journal":
        notes.append(f"Cited part: {part.heading}.")
    if work.year_estimate and not work.year:
        notes.append(f"Year estimated by the editors: {work.shown_year}.")
    if work.type == "article-journal" and part.pages:
        notes.append(f"Pages {part.pages} of the article's own page numbering (not the journal's).")
    if notes:
        item["note"] = " ".join(notes)
    return item


def edition_item(work: Work, edition: Edition, script: str, url: str, title: str, part: Part = WHOLE,
                 item_id: str = "") -> dict[str, Any]:
    """The work (or its part) in this edition, in `script`: CSL `webpage`, which GB/T styles
    render [EB/OL], with the edition as its container."""
    shown = f"[{title}]" if work.supplied else title
    item: dict[str, Any] = {
        "id": item_id or f"{work.id}-{script}", "type": "webpage", "title": shown, "language": LANG[script],
        "container-title": edition.title[script], "editor": [{"literal": e["name"]} for e in edition.editors],
        "version": str(edition.version), "issued": {"date-parts": [[int(p) for p in edition.date.split("-")]]},
        "URL": url}
    if part.heading:
        item["volume-title"] = part.heading
    if work.author:
        item["author"] = [{"literal": work.author}]
    return item


def csl_json(items: list[dict]) -> str:
    return json_data(items, indent=1) + "\n"


def bibtex_escape(value: str) -> str:
    r"""Text as BibTeX reads it back: no value can close its field or open another.

    >>> print(bibtex_escape("50% & {x}_1 #2"))
    50\% \& \textbraceleft{}x\textbraceright{}\_1 \#2
    """
    return "".join(BIBTEX_ESCAPES.get(ch, ch) for ch in " ".join(str(value).split()))


def bibtex_url(url: str) -> str:
    """An address for BibTeX's verbatim `url` field: what is not a URL character is percent-encoded
    (a brace or a backslash in a configured site_url can neither close the field nor escape).

    >>> bibtex_url("https://h.site/a}b c/")
    'https://h.site/a%7Db%20c/'
    """
    return quote(" ".join(url.split()), safe=URL_SAFE)


def bibtex(items: list[dict]) -> str:
    return "\n".join(_bibtex_entry(item) for item in items)


def _bibtex_entry(item: dict) -> str:
    kind = {"thesis": "mastersthesis", "article-journal": "article", "webpage": "online", "book": "book",
            "chapter": "incollection", "report": "techreport", "manuscript": "unpublished",
            "entry-encyclopedia": "incollection"}.get(item["type"], "misc")    # every CSL type has one

    def names(key: str) -> str:
        return " and ".join("{" + bibtex_escape(n["literal"]) + "}" for n in item.get(key, ()))

    issued = item.get("issued", {})
    parts = issued.get("date-parts", [[]])[0]
    title = item["title"] + (f": {item['volume-title']}" if "volume-title" in item else "")
    fields = [("title", "{" + bibtex_escape(title) + "}"), ("author", names("author")),
              ("editor", names("editor")),
              ("journal" if kind == "article" else "booktitle", bibtex_escape(item.get("container-title", ""))),
              ("school" if kind == "mastersthesis" else "publisher", bibtex_escape(item.get("publisher", ""))),
              ("address", bibtex_escape(item.get("publisher-place", ""))),
              ("type", bibtex_escape(item.get("genre", ""))),
              ("year", str(parts[0]) if parts else bibtex_escape(issued.get("literal", ""))),
              ("date", "-".join(f"{p:02d}" for p in parts) if len(parts) == 3 else ""),
              ("number", bibtex_escape(item.get("issue", ""))),
              ("pages", bibtex_escape(item.get("page", "").replace("-", "--"))),
              ("version", bibtex_escape(item.get("version", ""))), ("url", bibtex_url(item.get("URL", ""))),
              ("langid", bibtex_escape(item["language"])), ("note", bibtex_escape(item.get("note", "")))]
    body = ",\n".join(f"  {key} = {{{value}}}" for key, value in fields if value)
    return f"@{kind}{{{item['id']},\n{body}\n}}\n"


def _ris_value(value: str) -> str:
    """One line: a line break inside a value would start a bogus field or record."""
    return " ".join(str(value).split())


def ris(items: list[dict]) -> str:
    return "".join(_ris_record(item) for item in items)


def _ris_year(literal: str) -> str:
    """An estimated year in RIS's PY form, which opens with four digits: `YYYY///other`.

    >>> _ris_year("[2005?]"), _ris_year("民國")
    ('2005///[2005?]', '')
    """
    year = re.search(r"(?<!\d)\d{4}(?!\d)", literal)
    return f"{year.group()}///{literal}" if year else ""


def _ris_record(item: dict) -> str:
    kind = {"thesis": "THES", "article-journal": "JOUR", "webpage": "ELEC", "book": "BOOK", "chapter": "CHAP",
            "report": "RPRT", "manuscript": "MANSCPT", "entry-encyclopedia": "ENCYC", "legislation": "STAT",
            "treaty": "GEN"}.get(item["type"], "GEN")
    issued = item.get("issued", {})
    parts = issued.get("date-parts", [[]])[0]
    lines = [("TY", kind), ("TI", item["title"] + (f": {item['volume-title']}" if "volume-title" in item else ""))]
    lines += [("AU", n["literal"]) for n in item.get("author", ())]
    lines += [("A2", n["literal"]) for n in item.get("editor", ())]
    lines += [("JO" if kind == "JOUR" else "T2", item.get("container-title", "")),
              ("PY", str(parts[0]) if parts else _ris_year(issued.get("literal", ""))),
              ("DA", "/".join(f"{p:02d}" for p in parts) if len(parts) == 3 else ""), ("IS", item.get("issue", "")),
              ("PB", item.get("publisher", "")), ("CY", item.get("publisher-place", "")),
              ("M3", item.get("genre", "")), ("ET", item.get("version", ""))]
    first, _, last = item.get("page", "").partition("-")
    lines += [("SP", first), ("EP", last), ("UR", item.get("URL", "")), ("LA", item["language"]),
              ("N1", item.get("note", ""))]
    return "".join(f"{tag}  - {_ris_value(value)}\n" for tag, value in lines if _ris_value(value)) + "ER  - \n\n"


# per text and script: (suffix, strings key, encoder)
CITATIONS = (("bib", "bib", bibtex), ("ris", "ris", ris), ("csl.json", "csl", csl_json))


def record_name(stem: str, script: str, suffix: str) -> str:
    """`manchuria.hans.bib`, `manchuria/before-moscow.hant.ris`."""
    return f"{stem}.{script}.{suffix}"


def citation_files(work: Work, about: Edition, text, script: str) -> dict[str, str]:
    """BibTeX, RIS and CSL-JSON of a text (`<text>.<script>.bib`) and of each of its chapters
    (`<text>/<chapter>.<script>.bib`), `text` being the text as built in `script`: the work as
    printed, and the work in this edition in `script`. Without a configured site address the URL
    is the page's path from the site root (the build warns)."""
    path = f"{script}/{work.id}/"
    title = text.source.title
    units = [(work.id, [original_item(work), edition_item(work, about, script, about.base_url + path, title)])]
    for chapter in text.chapters:
        if chapter.id == "front":
            continue
        part = Part(chapter.label, chapter.title, page_range([p for para in chapter.paragraphs for p in para.pages]))
        printed = Part(*work.headings[chapter.id], part.pages) if chapter.id in work.headings else part
        item_id = f"{work.id}-{chapter.id}"
        units.append((f"{work.id}/{chapter.id}", [
            original_item(work, printed, item_id),
            edition_item(work, about, script, f"{about.base_url}{path}{chapter.id}/", title, part,
                         f"{item_id}-{script}")]))
    return {record_name(stem, script, ext): make(items) for stem, items in units for ext, _, make in CITATIONS}
