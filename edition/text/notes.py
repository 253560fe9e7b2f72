"""Stage 3, notes: note blocks -> notes; body text -> note markers; each marker linked to its note.

In: the pages from `layout` and the text's tables. Out: `Note`s (raw text joined, not yet
normalized) and `Marker`s, one-to-one: marker i belongs to note i. A note without a marker or a
marker without a note is a `SourceError` naming the raw lines. Never changes a character.

Extractions other than the seeds' (form feeds, PyMuPDF) are read by `edition.text.footnotes`, in
every common note convention; what follows is the seeds' reading.

Numbering: the thesis numbers notes through the whole text (`global`); the article restarts on
every page (`per-page`), and the edition then numbers its notes 1..n in reading order. Both the note
parser and the marker finder work from the number they expect next: that is what tells a marker
glued to a year (`紧密。51926年`) from the year itself (`1945年`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from edition.core.errors import Problems
from edition.core.inputs import RawLine, Table, TextSource
from edition.core.model import SOURCE_CELL_MARKER, Marker, Note, Page
from edition.text.footnotes import find_generic_notes
from edition.text.layout import page_convention
from edition.text.markers import marker_length
from edition.text.stream import BodyLine, TableSlot, reading_order

# A note starts with its number, then a space, the end of the line, or glued text ('4Hanson',
# '141《Нота'); not '4.不穩定性' (a list inside a note) nor '2010），44。' (a wrapped year).
NOTE_START = re.compile(r"^\s?(\d{1,3})(?=\s|$|[^\d.\-–—,，)）/:：年月日])")
DIGIT_RUN = re.compile(r"\d+")
@dataclass
class _NoteDraft:
    printed_number: int
    page: Page
    sequence_page: int  # the page whose marker numbering this note continues
    label_line: int
    lines: list[RawLine]
    first_text: str


def find_notes(source: TextSource, pages: tuple[Page, ...]) -> tuple[list[Note], list[Marker]]:
    """Parse every note, find every marker, and link them; raise if any is left unmatched."""
    problems = Problems()
    if page_convention(source) != "blank-lines":
        found = find_generic_notes(pages)
        for line, sentence in found.unmatched:
            problems.add(f"{source.path}:{line}", sentence)
        problems.raise_if_any()
        return found.notes, found.markers
    drafts = parse_note_blocks(source, pages, problems)
    markers = find_markers(source, pages, problems)
    notes = link(source, drafts, markers, problems)
    problems.raise_if_any()
    return notes, markers


def parse_note_blocks(source: TextSource, pages: tuple[Page, ...], problems: Problems) -> list[_NoteDraft]:
    drafts: list[_NoteDraft] = []
    for page in pages:
        block_start = True
        for line in page.notes:
            expected = _expected_note_numbers(source, drafts, page, block_start)
            match = NOTE_START.match(line.text)
            if match and int(match.group(1)) in expected:
                number = int(match.group(1))
                sequence_page = page.index if (number == 1 or source.notes == "global") else drafts[-1].sequence_page
                drafts.append(_NoteDraft(number, page, sequence_page, line.number, [line], line.text[match.end():]))
                block_start = False
            elif drafts:
                drafts[-1].lines.append(line)  # a wrapped line, or a note continued from the page before
            else:
                problems.add(f"{source.path}:{line.number}", "note text before the first numbered note")
    return drafts


def _expected_note_numbers(source: TextSource, drafts: list[_NoteDraft], page: Page, block_start: bool) -> set[int]:
    last = drafts[-1].printed_number if drafts else 0
    if source.notes == "global":
        return {last + 1}
    if block_start or drafts[-1].sequence_page != page.index:
        # a page's block starts at 1, unless it first carries a note whose marker was on the page before
        continuing = {last + 1} if drafts and drafts[-1].sequence_page == page.index - 1 else set()
        return {1} | continuing
    return {last + 1}


def find_markers(source: TextSource, pages: tuple[Page, ...], problems: Problems) -> list[Marker]:
    """Find the markers of each page in reading order, each the next number expected there."""
    markers: list[Marker] = []
    by_page: dict[int, list[BodyLine | TableSlot]] = {}
    for item in reading_order(pages, source.tables):
        by_page.setdefault(item.page.index, []).append(item)
    for page in pages:
        expected = markers[-1].printed_number + 1 if markers and source.notes == "global" else 1
        markers += _page_markers(page, by_page.get(page.index, []), expected)
    return markers


def _page_markers(page: Page, items: list[BodyLine | TableSlot], expected: int) -> list[Marker]:
    """Scan the page's body as one string (lines joined by newlines) for the expected numbers in turn.

    A table's markers are written `{205}` in its cells and take their numbers where it stands.
    """
    flat: list[str] = []
    where: list[tuple[int, int]] = []     # (line number, column) of each character of `flat`
    tables: list[tuple[int, Table]] = []  # (position in `flat`, table)
    for item in items:
        if isinstance(item, TableSlot):
            tables.append((len(flat), item.table))
            continue
        for column, char in enumerate(item.line.text + "\n"):
            flat.append(char)
            where.append((item.line.number, column))
    text = "".join(flat)
    found: list[Marker] = []
    for run in list(DIGIT_RUN.finditer(text)) + [None]:
        while tables and (run is None or tables[0][0] <= run.start()):
            table = tables.pop(0)[1]
            for index, match in enumerate(SOURCE_CELL_MARKER.finditer("".join(c for r in table.rows for c in r))):
                found.append(Marker(int(match.group(1)), page.index, table.first_line, -1 - index, match.group(0)))
                expected = int(match.group(1)) + 1
        if run is None:
            break
        length = marker_length(text, run.start(), run.end(), expected)
        if length:
            line, column = where[run.start()]
            found.append(Marker(expected, page.index, line, column, run.group()[:length]))
            expected += 1
    return found


def link(source: TextSource, drafts: list[_NoteDraft], markers: list[Marker], problems: Problems) -> list[Note]:
    """Pair markers with notes one to one and number the notes 1..n in reading order."""
    def key(page_index: int, number: int) -> tuple[int, int]:
        return (0, number) if source.notes == "global" else (page_index, number)

    by_key = {key(d.sequence_page, d.printed_number): d for d in drafts}
    marker_keys = {key(m.page, m.printed_number): m for m in markers}
    for missing in sorted(set(by_key) - set(marker_keys)):
        unmarked = by_key[missing]
        problems.add(f"{source.path}:{unmarked.label_line}",
                     f"note {unmarked.printed_number} (page {unmarked.page.printed}) has no marker in the body")
    for missing in sorted(set(marker_keys) - set(by_key)):
        marker = marker_keys[missing]
        problems.add(f"{source.path}:{marker.line}", f"marker {marker.printed_number} has no note")
    notes = []
    for number, marker in enumerate(markers, 1):
        draft = by_key.get(key(marker.page, marker.printed_number))
        if draft:
            notes.append(Note(number, draft.printed_number, draft.page.printed, _note_text(draft),
                              tuple(line.number for line in draft.lines), draft.label_line))
    return notes


def _note_text(draft: _NoteDraft) -> str:
    return "\n".join([draft.first_text] + [line.text for line in draft.lines[1:]])
