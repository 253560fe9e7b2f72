"""Citations of a text and its chapters: GB/T 7714-2015 and Chicago, `citation_*` meta tags, and
BibTeX, RIS and CSL-JSON downloads. Built from `sources/edition.yml`; nothing here guesses: an
author or year the extract does not give is said to be unknown.
"""
from __future__ import annotations

import json

UNKNOWN = {"hant": ("[作者不詳]", "[出版年不詳]"), "hans": ("[作者不详]", "[出版年不详]")}


def work(text, script: str) -> dict:
    meta = text.source.metadata
    return {"title": text.source.title, "author": text.source.author, "type": meta.get("type"),
            "journal": meta.get("journal"), "year": meta.get("year"), "issue": meta.get("issue"),
            "institution": meta.get("institution"), "place": meta.get("place"),
            "lang": "zh-Hant" if script == "hant" else "zh-Hans"}


def gbt(text, script: str, chapter: str = "", url: str = "", accessed: str = "") -> str:
    """GB/T 7714-2015: 作者. 题名[J/OL]. 刊名, 年(期). [引用日期]. URL."""
    w = work(text, script)
    author = w["author"] or UNKNOWN[script][0]
    online = "/OL" if url else ""
    if w["type"] == "article":
        body = f"{author}. {w['title']}[J{online}]. {w['journal']}, {w['year']}({w['issue']})"
    else:
        body = f"{author}. {w['title']}[D{online}]. {w['place'].split()[0]}: {w['institution'].split()[0]}, {UNKNOWN[script][1]}"
    if chapter:
        body += f": {chapter}"
    return body + (f". [{accessed}]. {url}." if url else ".")


def chicago(text, script: str, chapter: str = "", url: str = "", accessed: str = "") -> str:
    w = work(text, script)
    author = f"{w['author']}, " if w["author"] else ""
    if w["type"] == "article":
        body = f"{author}“{w['title']},” {w['journal']}, no. {w['issue']} ({w['year']})"
    else:
        institution = w["institution"].split(" ", 1)[-1]
        body = f"{author}“{w['title']}” (master’s thesis, {institution}, n.d.)"
    if chapter:
        body += f", {chapter}"
    return body + (f", {url} (accessed {accessed})." if url else ".")


def meta_tags(text, script: str) -> dict:
    """The `citation_*` tags reference managers (Zotero, Mendeley) read from a page."""
    w = work(text, script)
    tags = {"citation_title": w["title"], "citation_language": w["lang"]}
    if w["author"]:
        tags["citation_author"] = w["author"]
    if w["type"] == "article":
        tags.update(citation_journal_title=w["journal"], citation_publication_date=str(w["year"]),
                    citation_issue=str(w["issue"]))
    else:
        tags.update(citation_dissertation_institution=w["institution"].split()[0])
    return tags


def bibtex(text, script: str, url: str) -> str:
    w = work(text, script)
    kind = "article" if w["type"] == "article" else "mastersthesis"
    fields = {"title": w["title"], "author": w["author"], "journal": w["journal"], "year": w["year"],
              "number": w["issue"], "school": w["institution"] if kind == "mastersthesis" else None,
              "url": url, "language": w["lang"]}
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items() if v not in (None, ""))
    return f"@{kind}{{{text.source.id},\n{body}\n}}\n"


def ris(text, script: str, url: str) -> str:
    w = work(text, script)
    lines = [f"TY  - {'JOUR' if w['type'] == 'article' else 'THES'}", f"TI  - {w['title']}"]
    if w["author"]:
        lines.append(f"AU  - {w['author']}")
    if w["type"] == "article":
        lines += [f"JO  - {w['journal']}", f"PY  - {w['year']}", f"IS  - {w['issue']}"]
    else:
        lines.append(f"PB  - {w['institution']}")
    lines += [f"UR  - {url}", f"LA  - {w['lang']}", "ER  - "]
    return "\n".join(lines) + "\n"


def csl_json(text, script: str, url: str) -> str:
    w = work(text, script)
    item = {"id": text.source.id, "type": "article-journal" if w["type"] == "article" else "thesis",
            "title": w["title"], "URL": url, "language": w["lang"]}
    if w["author"]:
        item["author"] = [{"literal": w["author"]}]
    if w["type"] == "article":
        item.update({"container-title": w["journal"], "issue": str(w["issue"]),
                     "issued": {"date-parts": [[int(w["year"])]]}})
    else:
        item.update({"genre": "master's thesis", "publisher": w["institution"]})
    return json.dumps([item], ensure_ascii=False, indent=1) + "\n"
