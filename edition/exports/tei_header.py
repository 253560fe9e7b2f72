"""The TEI header of a text's TEI export: who made the edition, from what, and how.

In: the exported text (for its title, emendations and quotation marks) and `HeaderFacts`, gathered
by `header_facts` from what the build already holds: the edition statement of `sources/edition.yml`,
the original work's declaration (in its own script), the audit's repair counts, the conversion's
configuration and the edition's history (`anchors.history`). Out: a `teiHeader` element.
Prose is English (`xml:lang="en"` on the header); titles and names carry their own language.
Never invents a fact: an unknown author or year is left out, a supplied title is marked supplied.
"""
from __future__ import annotations

import importlib.metadata
from collections import Counter
from dataclasses import dataclass

from lxml import etree

from edition.core.inputs import TextSource
from edition.core.model import AnchoredEdition, BuiltText
from edition.core.scripts import LANG, OPENCC_CONFIGS
from edition.text.anchors import history
from edition.text.repairs import REPAIRS

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

QUOTATION_MARKS = "「」『』“”‘’"


def el(tag: str, text: str | None = None, **attributes) -> etree._Element:
    """A TEI element; `xml_id`/`xml_lang` become xml:id/xml:lang, None values are left out. Only the
    root declares the namespace (four times faster); an element appended under it takes it over."""
    nsmap = {None: TEI_NS} if tag == "TEI" else None   # lxml's key for the default namespace is None
    element = etree.Element(f"{{{TEI_NS}}}{tag}", nsmap=nsmap)  # type: ignore[arg-type]
    for name, value in attributes.items():
        if value is not None:
            element.set({"xml_id": XML_ID, "xml_lang": XML_LANG}.get(name, name), str(value))
    element.text = text
    return element


def sub(parent, tag: str, text: str | None = None, **attributes) -> etree._Element:
    child = el(tag, text, **attributes)
    parent.append(child)
    return child


@dataclass(frozen=True)
class HeaderFacts:
    edition_title: str
    publisher: str
    editors: tuple[tuple[str, str], ...]          # (name, role)
    version: str
    rights: str
    source: TextSource                            # the original work, in its own script
    repairs: tuple[tuple[str, int], ...]          # (audit fix, count)
    conversion: tuple[str, str] | None            # (OpenCC configuration, OpenCC version) or None
    versions: tuple[dict, ...]                    # anchors.history: newest first
    script_quotes: bool = True                    # edition.yml: quotation marks follow each script


def header_facts(anchored: AnchoredEdition, text: BuiltText, script: str) -> HeaderFacts:
    """The facts for `text` (in `script`) from the build's own records."""
    config = anchored.config
    source = next(s for s in config.texts if s.id == text.source.id)
    meta = config.meta
    versions = history([r for r in anchored.ledger if r.text == source.id],
                       [c for c in config.corrections if c.text == source.id])
    edition_versions = anchored.versions   # as citations count them
    counts = Counter(change.fix for change in text.audit.changes)
    conversion = None
    if source.script != script:
        conversion = (OPENCC_CONFIGS[(source.script, script)], importlib.metadata.version("opencc"))
    return HeaderFacts(
        edition_title=config.title[script], publisher=meta.get("publisher", ""),
        editors=tuple((e["name"], e["role"][script]) for e in config.editors), version=str(len(edition_versions)),
        rights=source.rights.get(script, ""), source=source, repairs=tuple(sorted(counts.items())),
        conversion=conversion, versions=tuple(versions), script_quotes=config.script_quotes)


def tei_header(exported: dict, facts: HeaderFacts, foreign: set[str]):
    """The header; `foreign` holds the languages of the foreign runs found in the text."""
    header = el("teiHeader", xml_lang="en")
    file_desc = sub(header, "fileDesc")
    title_stmt = sub(file_desc, "titleStmt")
    sub(title_stmt, "title", facts.edition_title, type="main", xml_lang=LANG[exported["script"]])
    sub(title_stmt, "title", exported["title"], type="sub", xml_lang=LANG[exported["script"]])
    for number, (name, role) in enumerate(facts.editors, 1):
        resp = sub(title_stmt, "respStmt", xml_id=f"editor-{number}")
        sub(resp, "resp", role)
        sub(resp, "name", name)
    edition_stmt = sub(file_desc, "editionStmt")
    edition = sub(edition_stmt, "edition", f"Version {facts.version}" + (", " if facts.versions else ""),
                  n=facts.version)
    if facts.versions:                              # the newest change of the edition's history
        sub(edition, "date", facts.versions[0]["date"], when=facts.versions[0]["date"])
    publication = sub(file_desc, "publicationStmt")
    sub(publication, "publisher", facts.publisher)
    sub(sub(publication, "availability"), "p", facts.rights)
    source_desc = sub(file_desc, "sourceDesc")
    source_desc.append(original_work(facts.source))
    header.append(encoding_desc(exported, facts))
    profile = sub(header, "profileDesc")
    usage = sub(profile, "langUsage")
    for ident, name in languages(exported["script"], foreign):
        sub(usage, "language", name, ident=ident)
    if facts.versions:
        header.append(revision_desc(facts.versions))
    return header


def original_work(source: TextSource):
    """`biblStruct` of the work as printed: its own script, its own title, nothing guessed. Its
    shape follows the work type: a work printed inside another (a journal article, a chapter, an
    encyclopedia entry, a page of a site) is `analytic` in a `monogr` of its container; any other is
    a `monogr` of its own. `@type` is the type as edition.yml names it. A key the type leaves
    optional and the editor left out is left out here."""
    work = source.work
    bibl = el("biblStruct", type=work.declared, xml_lang=LANG[source.script])
    if work.container_title:
        analytic = sub(bibl, "analytic")
        _author(analytic, source)
        sub(analytic, "title", source.title, level="a", type="supplied" if source.title_supplied else None)
        monogr = sub(bibl, "monogr")
        sub(monogr, "title", work.container_title, level="j" if work.type == "article-journal" else "m")
    else:
        monogr = sub(bibl, "monogr")
        _author(monogr, source)
        sub(monogr, "title", source.title, level="u" if work.type == "manuscript" else "m",
            type="supplied" if source.title_supplied else None)
    if work.url:
        sub(monogr, "idno", work.url, type="URL")
    if work.editor:
        sub(sub(monogr, "editor"), "persName", work.editor)
    if work.edition:
        sub(monogr, "edition", work.edition)
    _imprint(sub(monogr, "imprint"), work)
    for kind, value in (("degree", work.degree and f"{work.degree}學位論文"), ("archive", work.archive),
                        ("archive_location", work.archive_location), ("parties", work.parties),
                        ("accessed", work.accessed)):
        if value:
            sub(bibl, "note", value, type=kind)
    if work.note:
        sub(bibl, "note", work.note, xml_lang="en")
    return bibl


def _imprint(imprint, work) -> None:
    """Place, publisher (the institution of a thesis, the authority of a law), date and the work's
    place in its container; an empty date where nothing of it is known (TEI needs one child)."""
    if work.place:
        sub(imprint, "pubPlace", work.place)
    for publisher in (work.institution, work.publisher, work.authority):
        if publisher:
            sub(imprint, "publisher", publisher)
    when = work.date or (str(work.year) if work.year else None)
    if when or len(imprint) == 0:
        sub(imprint, "date", when, when=when)
    for unit, value in (("volume", work.volume), ("issue", work.issue), ("number", work.number),
                        ("page", work.pages)):
        if value:
            sub(imprint, "biblScope", value, unit=unit, **({"n": value} if unit != "page" else _page_span(value)))


def _page_span(pages: str) -> dict:
    first, _, last = pages.partition("-")
    return {"from": first, "to": last or first}


def _author(parent, source: TextSource) -> None:
    if not source.author:                           # unknown: left out, never invented
        return
    author = sub(parent, "author")
    sub(author, "persName", source.author)
    if source.work.author_affiliation:
        sub(author, "affiliation", source.work.author_affiliation)


def encoding_desc(exported: dict, facts: HeaderFacts):
    encoding = el("encodingDesc")
    if facts.conversion:
        config, version = facts.conversion
        application = sub(sub(encoding, "appInfo"), "application", ident="OpenCC", version=version)
        sub(application, "label", "OpenCC (official binding)")
        sub(application, "p", f"Configuration {config}.json")
    decl = sub(encoding, "editorialDecl")
    normalization = sub(decl, "normalization")
    sub(normalization, "p", "Page furniture (watermark, running header, printed page numbers, footnote "
        "separators) is removed; printed lines are joined into paragraphs; a page beginning inside a "
        "paragraph is kept as pb. Counts from the audit of the raw text: " +
        "; ".join(f"{REPAIRS[fix].declared}: {count}" for fix, count in facts.repairs) + ".")
    if facts.conversion:
        config, version = facts.conversion
        sub(normalization, "p", f"Converted from {LANG[facts.source.script]} with OpenCC {version}, configuration "
            f"{config}.json, character by character: the author's wording is kept, no regional vocabulary "
            "is swapped. Names take the forms declared in the glossary and sources/conversion.yml; Latin, "
            "Cyrillic and Japanese runs are not converted.")
    correction = sub(decl, "correction", status="high", method="markup")
    sub(correction, "p", "Emendations (sources/corrections.yml) are marked as choice with sic and corr; "
        "corr/@source points at the reason given here. A slip of the source kept as printed is marked "
        "as sic alone, its @source pointing at the reason. The author's wording, argument and citation "
        "style are not changed.")
    if exported["emendations"]:
        reasons = sub(sub(correction, "p"), "list")
        for number, item in enumerate(exported["emendations"], 1):
            dated = f" ({item['date']})" if item["date"] else ""
            sub(reasons, "item", item["reason"] + dated, xml_id=f"emendation-{number}")
    quotation = sub(decl, "quotation", marks="all")
    used = quotation_marks(exported)
    sub(quotation, "p", quotation_statement(facts) + ", ".join(f"{mark} {count}" for mark, count in used) +
        ". Quoted documents set off from the text are encoded as quote.")
    return encoding


def quotation_statement(facts: HeaderFacts) -> str:
    """What was done to this file's quotation marks: nothing in the source's own script; in the
    converted one, what `script_quotes` says (edition/text/conversion.py converts them by nesting)."""
    if not facts.conversion:
        return "Quotation marks are as printed. Marks in the text and its notes: "
    if not facts.script_quotes:
        return ("Quotation marks are kept as printed and are not converted between scripts. "
                "Marks in the text and its notes: ")
    ours = "「」『』" if facts.source.script == "hans" else "“”‘’"
    printed = "“”‘’" if facts.source.script == "hans" else "「」『』"
    return (f"Quotation marks follow this file's script: the printed {printed} are given as {ours} by "
            "nesting level (never inside Japanese or Latin runs). Marks in the text and its notes: ")


def quotation_marks(exported: dict) -> list[tuple[str, int]]:
    text = "".join(unit["text"] for unit in exported["paragraphs"] + exported["notes"])
    return [(mark, text.count(mark)) for mark in QUOTATION_MARKS if mark in text]


def languages(script: str, foreign: set[str]) -> list[tuple[str, str]]:
    main = {"hant": ("zh-Hant", "Chinese, traditional script"), "hans": ("zh-Hans", "Chinese, simplified script")}
    others = [("ja", "Japanese"), ("ru", "Russian"), ("en", "English and other Latin-script text")]
    return [main[script]] + [(ident, name) for ident, name in others if ident in foreign]


def revision_desc(versions: tuple[dict, ...]):
    revisions = el("revisionDesc")
    for version in versions:
        parts = [f"{len(version['issued'])} paragraph and note ids issued"]
        if version["retired"]:
            parts.append(f"{len(version['retired'])} retired")
        if version["corrections"]:
            parts.append(f"{len(version['corrections'])} corrections")
        sub(revisions, "change", ", ".join(parts) + ".", when=version["date"])
    return revisions
