"""The body of a text in reading order, as one stream of characters that remember their raw place.

Later stages (markers, paragraphs) need to look across line ends (`1945` at the end of one line and
`年` at the start of the next) and still report the raw line and column of every character.
A re-keyed table stands in the stream at the place of its first printed (non-blank) raw line, as
one `TableSlot`: a claimed span may begin or end on blank lines, which no page holds; a table an
extraction wrote after its page's foot stands at the page's top.
"""
from __future__ import annotations

from dataclasses import dataclass

from edition.core.inputs import RawLine, Table
from edition.core.model import Page


@dataclass(frozen=True)
class BodyLine:
    page: Page
    line: RawLine


@dataclass(frozen=True)
class TableSlot:
    page: Page
    table: Table


def reading_order(pages: tuple[Page, ...], tables: tuple[Table, ...]) -> list[BodyLine | TableSlot]:
    """Every body line and table of every page, in the order a reader meets them."""
    items: list[BodyLine | TableSlot] = []
    waiting = list(tables)
    for page in pages:
        slots = []              # (where the table is printed, the table): its first held line on this page
        for table in list(waiting):
            held = [line.number for line in page.table_lines if table.first_line <= line.number <= table.last_line]
            if held:
                # a table written after the page's foot (PyMuPDF writes a frame last) is read at the
                # page's top, where a float stands and where pdftotext writes it
                slots.append((0 if after_foot(page, min(held)) else min(held), TableSlot(page, table)))
                waiting.remove(table)
        slots.sort(key=lambda pair: pair[0])
        for line in page.body:      # in the page's order: the layout may have put a raised fragment back
            while slots and slots[0][0] < line.number:
                items.append(slots.pop(0)[1])
            items.append(BodyLine(page, line))
        items += [slot for _, slot in slots]
    return items


def after_foot(page: Page, line: int) -> bool:
    """Whether raw line `line` of `page` was written right after the page's number, below its text:
    a float PyMuPDF wrote last ('- 149 -', then '表1　…'), as edition/text/pages.py reads it."""
    numbers = [change.line for change in page.artifacts if change.fix == "remove_page_number"]
    if not numbers or not page.body or max(numbers) < page.body[-1].number or max(numbers) > line:
        return False
    written = [held.number for held in (*page.body, *page.notes, *page.table_lines)] + \
        [change.line for change in page.artifacts]
    return not any(max(numbers) < number < line for number in written)


def float_moves(pages: tuple[Page, ...]) -> list[RawLine]:
    """The first line of each table, or of the body lines, that a page reads at its top though it
    was written after the page's number (`after_foot`; edition/text/pages.py reads such lines
    there): the moves the audit lists as `restore_float_order`."""
    moved = []
    for page in pages:
        for lines in (page.body, page.table_lines):
            first = next((line for line in lines if after_foot(page, line.number)), None)
            if first is not None and (lines is page.table_lines or first is not lines[-1]):
                moved.append(first)
    return moved
