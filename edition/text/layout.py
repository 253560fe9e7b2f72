"""Stage 2, layout: raw lines -> printed pages, each with body lines, note lines and furniture.

In: a `TextSource`. Out: a tuple of `Page`s. Every non-blank raw line ends up in exactly one
bucket: a page's body, its notes, a re-keyed table's source lines, or an artifact (watermark,
printed page number, separator, running header, duplicated URL) recorded as a `Change` under the
name of its line removal in `repairs.REPAIRS`.
Never alters the text of a line it keeps.

Which convention a text follows is its layout profile's `pages` (sources/edition.yml), detected by
`page_convention` when left out: the seeds' `blank-lines`, read here; `form-feed` (pdftotext,
pdfminer.six) and `furniture` (PyMuPDF), read by `edition.text.pages` and, for the note lines,
`edition.text.columns` (a note area set in two columns, read left column first) then
`edition.text.footnotes`. A declared watermark that matches a line inside a page is refused at that
line in every convention: furniture is never body text deleted silently.

The seeds' convention: inside a page, text lines are separated by empty lines; a new
page starts with a line that begins with a space and follows the previous non-blank line with no
empty line between. The same join also happens where a superscript note marker broke a line
(`件與要求。20` then ` `), which is told apart by what precedes it (see `_is_page_start`).
"""
from __future__ import annotations

import re
from dataclasses import replace

from edition.core.errors import Problems, fail
from edition.core.inputs import RawLine, TextSource
from edition.core.model import Change, Page
from edition.text.columns import read_note_columns
from edition.text.footnotes import sort_note_lines
from edition.text.pages import generic_layout

SEPARATOR_MIN_WIDTH = 50  # footnote rules are 56 spaces; continued-note rules 159 or 167
# A line-initial closing bracket or comma cannot start a printed line (CJK line-breaking rules),
# so such a join is an extraction split, not a page start.  Matches ' ）28中得', not ' 盟條約》'.
CLOSING_PUNCTUATION = re.compile(r"^\s*[）」』》〉，。、；：！？]")
BARE_NUMBER = re.compile(r"^\d{1,3}$")
# A running header of a journal: one bracketed rubric alone, e.g. ' 【论  文】 '.
RUNNING_HEADER = re.compile(r"^\s*【[^】]{1,10}】\s*$")
URL_ONLY = re.compile(r"^\s*(https?://\S+)\s*$")


def is_blank(line: RawLine) -> bool:
    return line.text.strip() == "" and len(line.text) < SEPARATOR_MIN_WIDTH


def is_separator(line: RawLine) -> bool:
    return line.text.strip() == "" and len(line.text) >= SEPARATOR_MIN_WIDTH


def page_convention(source: TextSource) -> str:
    """How the extraction separates pages: as declared in the text's layout profile, else `form-feed`
    when a line begins with a form feed (pdftotext, pdfminer.six), `blank-lines` when it has the seeds' footnote
    rules (a line of 50 or more spaces) or its text lines are separated by empty lines (fewer than
    one non-blank line in three follows another), else `furniture` (repeated lines at page edges)."""
    if source.layout.pages:
        return source.layout.pages
    if any(line.text.startswith("\f") or line.text.rstrip(" ").endswith("\f") for line in source.lines):
        return "form-feed"   # an extractor's stand at a line's start or end; one inside a line is stray
    if any(is_separator(line) for line in source.lines):
        return "blank-lines"
    nonblank = sum(1 for line in source.lines if line.text.strip())
    adjacent = sum(1 for a, b in zip(source.lines, source.lines[1:], strict=False) if a.text and b.text)
    return "blank-lines" if adjacent * 3 < nonblank else "furniture"


def layout(source: TextSource) -> tuple[Page, ...]:
    """Split `source` into pages and sort every line of each page into its bucket."""
    convention = page_convention(source)
    if convention != "blank-lines":
        found = generic_layout(source, convention, source.watermark)
        refuse_inner_furniture(source, found.undecided)
        return sort_note_lines(read_note_columns(found.pages))
    table_lines = {n for table in source.tables for n in range(table.first_line, table.last_line + 1)}
    watermark_lines = find_watermark(source.lines, source.watermark)
    refuse_inner_furniture(source, watermark_inside_pages(source.lines, watermark_lines))
    page_number_lines = find_page_numbers(source.lines, watermark_lines)
    spans = split_pages(source.lines, table_lines | watermark_lines | page_number_lines)
    pages = [_sort_page(index, lines, table_lines, watermark_lines, page_number_lines)
             for index, lines in enumerate(spans, 1)]
    return number_pages(source, pages)


def find_watermark(lines: tuple[RawLine, ...], watermark: str) -> set[int]:
    """Line numbers of every complete watermark, however the extraction split it across lines.

    >>> lines = tuple(RawLine(n, t) for n, t in enumerate(["‧", "", "國立", "政 治", "x"], 1))
    >>> sorted(find_watermark(lines, "‧國立政治"))
    [1, 3, 4]
    """
    target = re.sub(r"\s", "", watermark)
    found: set[int] = set()
    if not target:
        return found
    nonblank = [line for line in lines if not is_blank(line) and not is_separator(line)]
    start = 0
    while start < len(nonblank):
        taken, text = [], ""
        for line in nonblank[start:]:
            candidate = text + re.sub(r"\s", "", line.text)
            if not target.startswith(candidate):
                break
            taken.append(line.number)
            text = candidate
            if text == target:
                found.update(taken)
                break
        start += len(taken) if text == target else 1
    return found


def watermark_inside_pages(lines: tuple[RawLine, ...], watermark_lines: set[int]) -> list[tuple[int, str]]:
    """Watermark matches that do not end a page: a complete watermark is followed by the printed page
    number, the next page (a line beginning with a space) or the end of the file; any other match is
    body text that happens to read like the watermark."""
    following = {}
    nonblank = [line for line in lines if not is_blank(line) and not is_separator(line)]
    for position, line in enumerate(nonblank):
        following[line.number] = nonblank[position + 1] if position + 1 < len(nonblank) else None
    inside = []
    for number in sorted(watermark_lines):
        after = following[number]
        if after is None or after.number in watermark_lines:
            continue
        if not (BARE_NUMBER.match(after.text.strip()) or after.text.startswith(" ")):
            inside.append((number, "matches the declared watermark but does not stand at a page's end"))
    return inside


def refuse_inner_furniture(source: TextSource, inside: list[tuple[int, str]]) -> None:
    """A furniture declaration must never delete body text: a match inside a page is an error."""
    problems = Problems()
    for number, sentence in inside:
        problems.add(f"{source.path}:{number}", f"{sentence}; make the watermark or furniture pattern in "
                     "sources/edition.yml match only page furniture")
    problems.raise_if_any()


def find_page_numbers(lines: tuple[RawLine, ...], watermark_lines: set[int]) -> set[int]:
    """The printed page number stands alone on the first non-blank line after a watermark."""
    found = set()
    after_watermark = False
    for line in lines:
        if is_blank(line):
            continue
        if after_watermark and line.number not in watermark_lines and BARE_NUMBER.match(line.text.strip()):
            found.add(line.number)
        after_watermark = line.number in watermark_lines
    return found


def split_pages(lines: tuple[RawLine, ...], opaque: set[int]) -> list[list[RawLine]]:
    """Cut the raw lines into pages. Lines in `opaque` (tables, watermarks) never start a page."""
    pages: list[list[RawLine]] = [[]]
    in_notes = False
    for previous, line in zip((None,) + lines, lines, strict=False):    # each line with the one before it
        if is_separator(line):
            in_notes = True
        elif previous is not None and _is_page_start(previous, line, in_notes, opaque):
            pages.append([])
            in_notes = False
        pages[-1].append(line)
    return [page for page in pages if any(not is_blank(line) for line in page)]


def _is_page_start(previous: RawLine, line: RawLine, in_notes: bool, opaque: set[int]) -> bool:
    if not line.text.startswith(" ") or previous.text == "" or line.number in opaque:
        return False
    if CLOSING_PUNCTUATION.match(line.text):
        return False
    if previous.number in opaque:
        return True  # a printed page number or table ends the page
    if in_notes:
        # '6' then ' 倪世雄，…': a note number alone on its line, its text on the next
        return not BARE_NUMBER.match(previous.text)
    # '件與要求。20' then ' ': a superscript marker at a line end broke the line
    return not previous.text[-1:].isdigit()


def _sort_page(index: int, lines: list[RawLine], table_lines: set[int], watermark_lines: set[int],
               page_number_lines: set[int]) -> Page:
    body: list[RawLine] = []
    notes: list[RawLine] = []
    tables: list[RawLine] = []
    artifacts: list[Change] = []
    in_notes = False
    for line in lines:
        if is_blank(line):
            continue
        if line.number in watermark_lines:
            artifacts.append(Change("remove_watermark", line.number, line.text, ""))
        elif line.number in page_number_lines:
            artifacts.append(Change("remove_page_number", line.number, line.text, ""))
        elif is_separator(line):
            artifacts.append(Change("remove_separator", line.number, f"[{len(line.text)} spaces]", ""))
            in_notes = True
        elif line.number in table_lines:
            tables.append(line)
        elif index == 1 and not body and RUNNING_HEADER.match(line.text):
            artifacts.append(Change("remove_running_header", line.number, line.text, ""))
        elif in_notes and _duplicates_url(line, notes):
            artifacts.append(Change("remove_duplicate_url", line.number, line.text, ""))
        else:
            (notes if in_notes else body).append(line)
    return Page(index, 0, tuple(body), tuple(notes), tuple(tables), tuple(artifacts))


def _duplicates_url(line: RawLine, notes: list[RawLine]) -> bool:
    """A bare URL line repeating a URL printed in a note above it (a PDF link annotation)."""
    match = URL_ONLY.match(line.text)
    return match is not None and any(match.group(1) in note.text for note in notes)


def number_pages(source: TextSource, pages: list[Page]) -> tuple[Page, ...]:
    """Give every page its printed number, from the printed numbers the extract kept.

    Every printed number found must agree on one offset from the page's index; pages whose number
    was not printed (or not extracted) get the same offset. Without any printed number the
    offset comes from `first_printed_page` in edition.yml.
    """
    offsets = {}
    for page in pages:
        for change in page.artifacts:
            if change.fix == "remove_page_number":
                offsets[int(change.before)] = int(change.before) - page.index
    distinct = set(offsets.values())
    if len(distinct) > 1:
        raise fail(source.path, f"printed page numbers disagree on the page count: {sorted(offsets.items())}")
    offset = distinct.pop() if distinct else source.first_printed_page - 1
    return tuple(replace(p, printed=p.index + offset) for p in pages)

