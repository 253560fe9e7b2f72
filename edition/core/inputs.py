"""The editor's sources as typed, frozen objects: what `edition.sources` reads and every stage takes.

The texts with their raw lines and re-keyed tables, the emendations, the glossary's entries and
rules, the anchor ledger's records. Built once by the load stage; nothing changes them afterwards
(a stage that needs more returns new objects of its own, `edition.core.model`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Table:
    """An editor-owned re-keyed table that replaces a run of scrambled raw lines."""

    path: str
    first_line: int
    last_line: int
    caption: str
    rows: tuple[tuple[str, ...], ...]     # the printed grid: a cell a spanning cell covers is ""
    header_rows: int
    source_note: str = ""
    spans: tuple[tuple[int, int, int, int], ...] = ()   # (row, column, columns, rows) of each spanning cell
    rows_line: int = 1     # the line of `rows:` in the table file, for the errors about its cells


@dataclass(frozen=True)
class LayoutProfile:
    """How a text's extraction lays out its pages, as `layout:` in sources/edition.yml declares it.

    Every key is optional: what is left empty is detected (`edition.text.profile.detect_profile`).
    `pages` names how pages are separated (`blank-lines`: the seeds' convention, a page starting with
    a line that begins with a space; `form-feed`: pdftotext and pdfminer.six; `furniture`: lines
    repeated at page edges). `furniture` lists running headers and footers as patterns (`#` stands
    for any number); `headings` lists numbering schemes (`第X章`, `一、`, `（一）`, `1.` ...) from level 1
    down; `paragraphs` names how paragraph ends are marked (`trailing-space` or `lines`);
    `page_numbers` the form of the printed page numbers (`12`, `·12·`, `- 12 -`, `第12頁`).
    """

    pages: str = ""
    furniture: tuple[str, ...] = ()
    headings: tuple[str, ...] = ()
    paragraphs: str = ""
    page_numbers: str = ""   # the form of printed page numbers: plain, dots, dashes, chinese
    line: int = 0          # the line of `layout:` in edition.yml, for messages (0: not declared)


@dataclass(frozen=True)
class TextSource:
    id: str
    path: str
    script: str
    notes: str
    title: str
    title_supplied: bool
    author: str | None
    metadata: dict
    chapters: tuple[tuple[str, str], ...]
    first_printed_page: int
    watermark: str
    lines: tuple[RawLine, ...]
    tables: tuple[Table, ...]
    rights: dict = field(default_factory=dict)   # script -> the rights statement shown for the text
    layout: LayoutProfile = field(default_factory=LayoutProfile)   # declared keys; the rest detected
    citation: dict = field(default_factory=dict)  # edition.yml's `citation`: estimated year, translation

    @property
    def work(self) -> WorkMetadata:
        """The metadata as a typed object of its work type (what citations and exports read)."""
        return WorkMetadata.of(self.metadata)


@dataclass(frozen=True)
class WorkType:
    """A kind of work, named as CSL names it, with the metadata keys `edition.yml` takes for it.

    `container` is the key naming what the work is printed in (a journal, a book, an encyclopedia,
    a site), read as CSL's container-title; `headings` names its heading scheme in
    `edition.text.structure.SCHEMES`; `page` names whose page a printed page marker counts (the
    interface word `page_<page>` in templates/strings.yml)."""

    name: str
    required: tuple[str, ...]
    optional: tuple[str, ...]
    headings: str = "article"
    container: str = ""
    page: str = "work"
    aliases: tuple[str, ...] = ()

    @property
    def keys(self) -> tuple[str, ...]:
        return self.required + self.optional


_COMMON = ("language", "note")
# The work types (CSL 1.0.2 names; `article` is the name the first editions used for a journal
# article). A key's declared shape is in edition.sources.schema.METADATA_KEYS.
WORK_TYPES = {t.name: t for t in (
    WorkType("thesis", ("degree", "institution"), ("place", "year", *_COMMON), headings="thesis", page="thesis"),
    WorkType("article-journal", ("journal", "year"), ("volume", "issue", "pages", "author_affiliation", *_COMMON),
             container="journal", page="journal", aliases=("article",)),
    WorkType("chapter", ("book", "year"), ("editor", "publisher", "place", "pages", "author_affiliation", *_COMMON),
             container="book", page="book"),
    WorkType("book", ("publisher", "year"), ("place", "edition", "volume", "author_affiliation", *_COMMON),
             page="book"),
    WorkType("report", ("publisher", "year"), ("number", "place", "author_affiliation", *_COMMON), page="report"),
    WorkType("webpage", ("url",), ("site", "year", "date", "accessed", *_COMMON), container="site"),
    WorkType("entry-encyclopedia", ("encyclopedia",), ("publisher", "place", "year", "edition", "url", "accessed",
                                                       *_COMMON), container="encyclopedia", page="book"),
    WorkType("legislation", ("date",), ("authority", "number", "place", *_COMMON), page="document"),
    WorkType("treaty", ("date",), ("parties", "place", *_COMMON), page="document"),
    WorkType("manuscript", (), ("archive", "archive_location", "year", "date", *_COMMON), page="document"),
)}
TYPE_NAMES = {name: t.name for t in WORK_TYPES.values() for name in (t.name, *t.aliases)}


@dataclass(frozen=True)
class WorkMetadata:
    """A text's metadata, typed: every key any work type takes, None where this one has none.

    `type` is the CSL name (an alias such as `article` read as `article-journal`); `declared` is the
    type as edition.yml writes it. `container_title` is the journal, book, encyclopedia or site."""

    type: str
    declared: str
    headings: str
    page: str
    container_title: str | None = None
    year: int | None = None
    date: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    edition: str | None = None
    number: str | None = None
    editor: str | None = None
    publisher: str | None = None
    institution: str | None = None
    place: str | None = None
    degree: str | None = None
    url: str | None = None
    accessed: str | None = None
    archive: str | None = None
    archive_location: str | None = None
    authority: str | None = None
    parties: str | None = None
    author_affiliation: str | None = None
    language: str | None = None
    note: str | None = None

    @property
    def pages_counted(self) -> str:
        """Whose pages a printed page number counts, as the interface names it (`cite_page_<this>`
        in templates/strings.yml): the thesis's, the journal's or the book's where the work's range
        in it is declared (`pages`), else the article's or the part's own count from its first
        page; a report's, a document's, or the text's own."""
        if self.container_title and not self.pages and self.page in ("journal", "book"):
            return "article" if self.page == "journal" else "part"
        return self.page

    @classmethod
    def of(cls, metadata: dict) -> WorkMetadata:
        declared = str(metadata.get("type", ""))
        kind = WORK_TYPES.get(TYPE_NAMES.get(declared, ""))
        if kind is None:   # the schema admits none such; a type nobody declared keeps its own name
            return cls(declared, declared, declared, "work")
        named = {key: metadata.get(key) for key in kind.keys}
        if kind.container:
            named["container_title"] = named.pop(kind.container)
        fields: dict[str, Any] = {key: value if key == "year" or value is None else str(value)
                                  for key, value in named.items()}
        return cls(kind.name, declared, kind.headings, kind.page, **fields)


@dataclass(frozen=True)
class CorrectionKind:
    """A kind of correction as `sources/corrections.yml` writes it: `key` introduces it and holds the
    reading; `new_key`, for a kind that has one, holds the new reading (`find` + `replace`)."""

    name: str           # as `Correction.kind` and the apparatus record it
    key: str
    new_key: str = ""

    @property
    def keys(self) -> tuple[str, ...]:
        return (self.key, self.new_key) if self.new_key else (self.key,)


# The vocabulary of sources/corrections.yml, in the order its schema lists the keys. What a kind does
# to a text is registered under its name in edition.text.corrections; its words in both scripts are
# `emend_<name>` and `kind_<name>` in templates/strings.yml; its TEI mark is `MARKS` in edition.exports.tei.
CORRECTION_KINDS = (CorrectionKind("replace", "find", "replace"), CorrectionKind("split", "split_after"),
                    CorrectionKind("join", "join_after"), CorrectionKind("sic", "sic"))


@dataclass(frozen=True)
class Correction:
    """One emendation of `sources/corrections.yml`: `kind` is the name of one of `CORRECTION_KINDS`."""

    text: str
    kind: str
    reading: str
    replacement: str
    reason: str
    line: int
    note: int | None = None
    date: str = ""
    by: str = ""


@dataclass(frozen=True)
class Entry:
    id: str
    group: str            # person, treaty, conference
    kind: str             # side for people; treaty, agreement, protocol… for the others
    names: dict
    forms: tuple          # ((traditional, simplified), …)
    data: dict            # the rest of the YAML entry: en, dates, description, relations…
    where: str            # file:line, for messages
    form_where: tuple = ()  # file:line of each form pair


@dataclass(frozen=True)
class Rule:
    forms: tuple
    entry: str
    when: dict


@dataclass
class Glossary:
    entries: dict[str, Entry] = field(default_factory=dict)
    rules: list[Rule] = field(default_factory=list)

    def form_pairs(self) -> list[tuple[str, str]]:
        return [pair for entry in self.entries.values() for pair in entry.forms]

    def overrides(self) -> list[dict[str, str]]:
        """Every declared form as a conversion override: a name keeps its form in each script."""
        return [{"hant": hant, "hans": hans, "where": where} for entry in self.entries.values()
                for (hant, hans), where in zip(entry.forms, entry.form_where, strict=True)]


@dataclass(frozen=True)
class Record:
    text: str
    id: str
    status: str          # live or retired
    chapter: str
    issued: str
    retired: str = "-"
    successor: str = "-"
    fingerprint: str = ""


@dataclass
class Ledger:
    records: list[Record] = field(default_factory=list)
    sealed: bool = True               # False: written before records carried seals (sealed on the next build)
    lines: dict[tuple[str, str], int] = field(default_factory=dict)   # (text, id) -> its line in the file
    renamed: dict[str, str] = field(default_factory=dict)   # old text id -> new (edition.yml's renamed_from)

    def of(self, text: str) -> list[Record]:
        return [r for r in self.records if r.text == text]


@dataclass(frozen=True)
class EditionConfig:
    root: Path
    title: dict
    texts: tuple[TextSource, ...]
    site_url: str = ""            # the hosted address ('' when none, or a placeholder, is configured)
    glyphs: dict = field(default_factory=dict)            # text id -> {wrong: right}
    overrides: tuple = ()                                   # ({"hans": …, "hant": …}, …)
    glossary: Glossary = field(default_factory=Glossary)
    published: Ledger = field(default_factory=Ledger)     # the ledger as committed
    corrections: tuple[Correction, ...] = ()
    meta: dict = field(default_factory=dict)   # the rest of `edition:` (publisher, editors, version…)
    one_to_many: dict = field(default_factory=dict)   # script -> characters OpenCC maps one-to-many
    one_to_many_by_text: dict = field(default_factory=dict)   # text id -> script -> characters watched there only
    script_quotes: bool = True                        # quotation marks follow the script of each site
    editors: tuple = ()       # ({"name": ..., "role": {script: ...}}, ...) from edition.yml
    contact: str | None = None   # where readers report errors (mailto: or a URL), if given
    warnings: tuple[str, ...] = ()   # what the build prints before it starts (a placeholder site_url)


@dataclass(frozen=True)
class RawLine:
    """One line of a raw text file, numbered from 1, with its text exactly as read."""

    number: int
    text: str


GLOSSARY_FILES = {"people.yml": "person", "treaties.yml": "treaty", "conferences.yml": "conference"}


SIDES = ("chinese-government", "chinese-communist", "soviet", "american", "mongolian", "other")
