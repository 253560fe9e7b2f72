"""The objects that flow through the pipeline.

Every object remembers where it came from (a `SourceRef` or raw line numbers) so that an error
message or an audit row can point at the raw line. Objects are frozen: a stage returns new objects
instead of changing the ones it was given.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from edition.core.inputs import EditionConfig, RawLine, Record, TextSource


@dataclass(frozen=True)
class SourceRef:
    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Change:
    """One recorded change: a removed line, a repaired glyph, a tightened space.

    `fix` names the repair function (or artifact category); `before`/`after` are the exact
    characters; `line` is the raw line the change was made in.
    """

    fix: str
    line: int
    before: str
    after: str


class PrintedPage(int):
    """A printed page's place in the arabic sequence (what orders pages and what the JSON export
    writes) that reads as the page's own number wherever it is shown, cited or anchored: a
    front-matter page prints 'iii', so it is `[iii]`, `#page-iii`, 'p. iii' and `<pb n="iii"/>`,
    though it sorts before page 1 (or 101) as the place 0 (or 100) it holds.

    >>> page = PrintedPage(100, "iii")
    >>> page == 100, page < 101, str(page), f"第{page}頁", sorted([PrintedPage(101), page])
    (True, True, 'iii', '第iii頁', [PrintedPage(100, 'iii'), PrintedPage(101, '101')])
    """

    name: str

    def __new__(cls, place: int, name: str = "") -> PrintedPage:
        page = super().__new__(cls, place)
        page.name = name or str(place)
        return page

    def __getnewargs__(self) -> tuple[int, str]:    # type: ignore[override]
        return int(self), self.name

    def __str__(self) -> str:
        return self.name

    def __format__(self, spec: str) -> str:
        return self.name if not spec else int.__format__(self, spec)

    def __repr__(self) -> str:
        return f"PrintedPage({int(self)}, {self.name!r})"


def printed_page(place: int, label: str) -> int:
    """The page at `place` as it is shown: its label where the page prints its number in other
    numerals than the arabic sequence's ('iii'), else the plain number."""
    return PrintedPage(place, label) if label and not label.isdigit() else place


@dataclass(frozen=True)
class Page:
    """A printed page of a raw text: its body lines, its note lines and its furniture.

    `index` counts pages from 1 in the extract; `printed` is the page's place in the arabic sequence
    of printed page numbers; `label` is the number as printed on the page, in its own numerals ('iii'
    on a front-matter page, '101'), or '' where the page prints none or the reader did not look.
    `floated` holds the raw line numbers the page reads at its top though the extraction wrote them
    after its foot (a table PyMuPDF writes last, below the page number: edition/text/pages.py).
    """

    index: int
    printed: int
    body: tuple[RawLine, ...]
    notes: tuple[RawLine, ...]
    table_lines: tuple[RawLine, ...]
    artifacts: tuple[Change, ...]
    label: str = ""
    floated: tuple[int, ...] = ()


@dataclass(frozen=True)
class Note:
    """A footnote: its edition-wide number, its printed number and page, its text."""

    number: int
    printed_number: int
    page: int
    text: str
    lines: tuple[int, ...]
    label_line: int
    emendations: tuple = ()
    label: str = ""     # the label as printed when it is not the number's digits: '①', '[3]', '∗'

    @property
    def printed(self) -> str:
        """The note's number as printed and cited: its symbol for a note marked with one ('∗', whose
        number is 0), else its digits."""
        return self.label if self.printed_number == 0 and self.label else str(self.printed_number)


@dataclass(frozen=True)
class Marker:
    """A footnote reference found in body text (or a table cell): printed number and place."""

    printed_number: int
    page: int
    line: int
    column: int
    text: str


@dataclass(frozen=True)
class PageBreak:
    """A printed page boundary inside a paragraph: `offset` characters into the text."""

    offset: int
    page: int


@dataclass(frozen=True)
class NoteRef:
    """A footnote marker inside a paragraph: note `number` stands right after `offset` chars."""

    offset: int
    number: int


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of the reconstructed text. Markers are removed from `text` and kept as refs.

    `kind` is one of body, heading, quote, list, front, table. `pages` are printed page numbers.
    """

    kind: str
    text: str
    lines: tuple[int, ...]
    pages: tuple[int, ...]
    note_refs: tuple[NoteRef, ...] = ()
    page_breaks: tuple[PageBreak, ...] = ()
    level: int = 0
    label: str = ""
    title: str = ""
    table: tuple[tuple[str, ...], ...] = ()     # a table's printed grid (covered cells "")
    table_spans: tuple[tuple[int, int, int, int], ...] = ()   # (row, column, columns, rows)
    table_head: int = 0                          # how many of its rows are header rows
    table_note: str = ""                         # the source note printed under it
    anchor: str = ""      # the stable id (p0001…) from the anchor ledger
    emendations: tuple = ()  # the editor's corrections standing in this paragraph


# Note markers in table cells: editors write the printed number, `{205}`, in sources/tables/; the
# paragraphs stage rewrites it with the edition-wide note number, `{n205}`.
SOURCE_CELL_MARKER = re.compile(r"\{(\d+)\}")
CELL_NOTE = re.compile(r"\{n(\d+)\}")


def covered_cells(spans) -> set[tuple[int, int]]:
    """The (row, column) of every cell a spanning cell covers (the spanning cells themselves not).

    >>> sorted(covered_cells([(0, 1, 3, 1), (2, 0, 1, 2)]))
    [(0, 2), (0, 3), (3, 0)]
    """
    return {(r + i, c + j) for r, c, cols, rows in spans for i in range(rows) for j in range(cols)} - {
        (r, c) for r, c, _, _ in spans}


def cell_notes(paragraph: "Paragraph") -> list[int]:
    """The notes referenced from a table paragraph's cells, in reading order."""
    return [int(n) for row in paragraph.table for cell in row for n in CELL_NOTE.findall(cell)]


@dataclass(frozen=True)
class Section:
    """A section of a chapter: `paragraph` is its heading's position in the chapter, `line` the
    heading's first raw line, which no correction changes (`structure.place_sections` finds the
    heading again by it after a split or join has moved the positions)."""

    id: str
    label: str
    title: str
    level: int
    paragraph: int
    line: int


@dataclass(frozen=True)
class Chapter:
    id: str
    label: str
    title: str
    paragraphs: tuple[Paragraph, ...]
    sections: tuple[Section, ...]

    @property
    def heading(self) -> str:
        return heading_line(self.label, self.title)


def heading_line(label: str, title: str) -> str:
    """A heading's label and title as one line: a space after `第二章`, none after a full-width
    mark, whose em box already holds the blank (W3C clreq), nor around a missing part.

    >>> heading_line("第二章", "雅爾達會議"), heading_line("二、", "《雅爾塔協定》"), heading_line("", "前言")
    ('第二章 雅爾達會議', '二、《雅爾塔協定》', '前言')

    An unnumbered part's chapter is labelled with its name, its title: once ('序').

    >>> heading_line("序", "序")
    '序'
    """
    if label == title:
        return title
    joiner = "" if label[-1:] in "、，。；：）」』】〕．." else " "
    return f"{label}{joiner}{title}".strip()


def section_heading(paragraph: Paragraph) -> tuple[str, str]:
    """A section heading paragraph as (its heading as printed, its title without the label)."""
    return (heading_line(paragraph.label, paragraph.title) if paragraph.title else paragraph.text,
            paragraph.title or paragraph.text)


@dataclass(frozen=True)
class ContentsMismatch:
    """A title of a work's printed table of contents that differs from the heading found in its text:
    the `position`-th (from 1) title of its `kind` (chapter, section) under chapter `label`, as the
    contents list it and as the text has it (None where one of them has no title there)."""

    label: str
    kind: str
    position: int
    listed: str | None
    found: str | None


@dataclass
class Audit:
    """Everything a text's build changed or removed, and where its contents and headings differ."""

    changes: list[Change] = field(default_factory=list)
    mismatches: list[ContentsMismatch] = field(default_factory=list)

    def record(self, fix: str, line: int, before: str, after: str = "") -> None:
        self.changes.append(Change(fix, line, before, after))


@dataclass(frozen=True)
class BuiltText:
    source: TextSource
    pages: tuple[Page, ...]
    chapters: tuple[Chapter, ...]
    notes: tuple[Note, ...]
    markers: tuple[Marker, ...]
    audit: Audit
    retired: dict = field(default_factory=dict)   # every retired paragraph id -> its live successor

    @property
    def paragraphs(self):
        return [p for chapter in self.chapters for p in chapter.paragraphs]

    def note_chapters(self) -> dict[int, str]:
        """Note number -> id of the chapter whose text (or table) carries its marker."""
        return {number: chapter.id for chapter in self.chapters for p in chapter.paragraphs
                for number in [r.number for r in p.note_refs] + cell_notes(p)}


@dataclass(frozen=True)
class ScriptEdition:
    """One script's site: its texts (in that script), and what conversion did to each."""

    script: str
    title: str
    texts: tuple[BuiltText, ...]


@dataclass(frozen=True)
class Mention:
    entry: str
    text: str
    chapter: str
    paragraph: str | None  # the paragraph's anchor, or None for a note
    note: int | None
    offset: int
    length: int


@dataclass(frozen=True)
class AnchoredEdition:
    """The edition after stages 1-7: every text reconstructed, corrected, checked and anchored in
    its own script, with what the later stages need beside the sources."""

    config: EditionConfig
    texts: tuple[BuiltText, ...]
    overrides: tuple[dict, ...]         # conversion decisions, then the glossary's declared forms
    ledger: tuple[Record, ...]          # every id ever published, after this build
    versions: tuple[dict, ...]          # the edition's history, newest first (text.anchors.history)
    ledger_text: str | None = None      # sources/anchors.lock to write, None when it is unchanged
